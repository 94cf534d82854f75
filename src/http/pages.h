/*
 * secspec serve: the pages (pages_*.c) and what they share (pages.c).
 *
 * A page is rendered here, on the server, in the reader's language; the
 * small modules in web/ only act (log in, make a key, sign a change) and
 * reload the page. Every text that comes from data is escaped once, by
 * the pg_* helpers.
 */
#ifndef SS_HTTP_PAGES_H
#define SS_HTTP_PAGES_H

#include "http.h"

/* A message the page's script needs: key, and its English text (N_). */
typedef struct {
	const char *key;
	const char *msgid;
} pg_msg;

/* Text of data, escaped. */
void pg_esc(ss_buf *b, const char *s);
/* A word of the domain in the reader's language: the label of value v in a
 * table of {value, N_(label)} pairs, or v itself when it has none ("" for
 * NULL). PG_WORD(table, v) for a table whose size the compiler knows. */
const char *pg_word(const char *const (*names)[2], size_t n, const char *v);
#define PG_WORD(table, v) pg_word(table, sizeof(table) / sizeof(table[0]), v)
/* A string member of o, or NULL. */
const char *pg_js(const json_t *o, const char *k);
/* A column heading; a section with its heading (closed by the caller). */
void pg_th(ss_buf *b, const char *label);
void pg_section_open(ss_buf *b, const char *id, const char *title);
/* The API path of this project plus tail, escaped for an attribute. */
void pg_api(ss_buf *b, const http_req *rq, const char *tail);
/* A form whose change is signed (web/signed.js posts it to the API path). */
void pg_form_open(ss_buf *b, const http_req *rq, const char *id, const char *tail);
/* The same, sent with another method than POST (e.g. DELETE). */
void pg_form_open_as(ss_buf *b, const http_req *rq, const char *id, const char *method,
		     const char *tail);
/* Labelled fields; attrs (or NULL) is added to the control as it is. */
void pg_input(ss_buf *b, const char *id, const char *name, const char *label, const char *attrs);
void pg_textarea(ss_buf *b, const char *id, const char *name, const char *label, const char *attrs);
/* The primary submit button, with a name and value when name is given. */
void pg_submit(ss_buf *b, const char *label, const char *name, const char *value);
/* A form's submit button (label), and the form closed. */
void pg_form_end(ss_buf *b, const char *label);
/* <tag attrs>escaped text</tag>. */
void pg_el(ss_buf *b, const char *tag, const char *attrs, const char *text);
/* The {ja, en} object (or title_ja/title_en fields with prefix) in the
 * reader's language. */
const char *pg_lang(const http_req *rq, const json_t *obj);
const char *pg_title(const http_req *rq, const json_t *obj, const char *prefix);
/* The messages of a script, as a JSON data block (not run: CSP allows it). */
void pg_msgs(ss_buf *b, const pg_msg *msgs);
/* The live region every script writes its outcome to. */
void pg_status(ss_buf *b);
/* The dialog that shows what is about to be signed (web/sign.js). */
void pg_sign_dialog(ss_buf *b);
/* The project's navigation; current: the page's path tail ("" for the
 * dashboard). */
void pg_project_nav(ss_buf *b, const http_req *rq, const char *current);
/* Whether the caller is a member of side (NULL: either) holding one of
 * roles, written "|lead|member|". */
bool pg_member_is(const http_req *rq, const char *side, const char *roles);
/* Words for the values of the domain, in the reader's language. */
const char *pg_role(const char *role);
const char *pg_side(const char *side);
const char *pg_policy(const char *policy);
const char *pg_section(const char *section);
/* Who must still sign a milestone (its "missing"), in words. */
void pg_missing(ss_buf *b, const json_t *missing);
/* Render a page: title (already translated) and body; frees body. */
int pg_finish(http_req *rq, http_resp *rs, const char *title, ss_buf *body, const char *script);

/* The query fields of the decision board, the coverage and the catalog. */
extern const http_field pg_q_decisions[];
extern const http_field pg_q_coverage[];
extern const http_field pg_q_catalog[];
/* The messages of the signed forms (pages_forms.c). */
extern const pg_msg pg_form_msgs[];
/* The signed forms of the assets page (a target system, an asset) and the
 * minutes page: nothing for a member who may not make the change. */
int pg_assets_forms(ss_buf *b, http_req *rq);
int pg_minutes_form(ss_buf *b, http_req *rq);
/* The account list's row of login (a new reference), or NULL. */
json_t *pg_account_row(ss_store *st, const char *login, int64_t now);

/* Page handlers. */
int pg_login(http_req *rq, http_resp *rs);
int pg_home(http_req *rq, http_resp *rs);
int pg_account(http_req *rq, http_resp *rs);
int pg_admin_accounts(http_req *rq, http_resp *rs);
int pg_dashboard(http_req *rq, http_resp *rs);
int pg_members(http_req *rq, http_resp *rs);
int pg_keys(http_req *rq, http_resp *rs);
int pg_decisions(http_req *rq, http_resp *rs);
int pg_approvals(http_req *rq, http_resp *rs);
int pg_milestones(http_req *rq, http_resp *rs);
int pg_evidence(http_req *rq, http_resp *rs);
int pg_assets(http_req *rq, http_resp *rs);
int pg_minutes(http_req *rq, http_resp *rs);
int pg_changes(http_req *rq, http_resp *rs);
int pg_documents(http_req *rq, http_resp *rs);
int pg_coverage(http_req *rq, http_resp *rs);
int pg_negotiation(http_req *rq, http_resp *rs);
int pg_catalog(http_req *rq, http_resp *rs);
int pg_catalog_item(http_req *rq, http_resp *rs);
int pg_components(http_req *rq, http_resp *rs);
int pg_acceptance(http_req *rq, http_resp *rs);

#endif
