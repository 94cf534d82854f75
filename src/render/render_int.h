/* Shared by the renderers: the emitters (md.c, html.c), the document
 * structure (doc.c), and localized strings and model accessors (words.c). */
#ifndef SS_RENDER_INT_H
#define SS_RENDER_INT_H

#include <jansson.h>
#include <stdbool.h>

#include "secspec/render.h"
#include "util/util.h"

typedef struct ss_emitter ss_emitter;

typedef struct {
	const json_t *m;  /* the model */
	const char *lang; /* "ja" or "en" */
	ss_buf *out;
	const ss_emitter *em;
	int table_cols;
	int sec, sub;      /* numbers of the current section and subsection */
	const json_t *neg; /* the negotiation (rules 3), NULL in earlier documents */
	bool withheld;     /* a reader's view without an NDA (ss_spec_model_redact) */
} ss_doc;

/* How a format writes the blocks of a document. Text arguments are plain
 * text; each emitter escapes them for its own context. */
struct ss_emitter {
	int (*begin)(ss_doc *d, const char *title);
	int (*end)(ss_doc *d);
	int (*heading)(ss_doc *d, int level, const char *text, const char *anchor);
	int (*para)(ss_doc *d, const char *text);
	int (*table_begin)(ss_doc *d, const char *const *headers, size_t n);
	int (*table_row)(ss_doc *d, const char *const *cells, size_t n);
	int (*table_end)(ss_doc *d);
	int (*kv_begin)(ss_doc *d);
	int (*kv)(ss_doc *d, const char *key, const char *value);
	int (*kv_end)(ss_doc *d);
};

extern const ss_emitter ss_emitter_md;
extern const ss_emitter ss_emitter_html;

/* Write the specification through d->em (doc.c). */
int ss_render_doc(ss_doc *d);
/* --- checklist.c: what the checklist forms share --- */
#define SS_CK_COLS 24
typedef struct {
	const char *key; /* its header, a word of ss_ck_word */
	double width;    /* in an Excel sheet */
} ss_ck_col;
extern const ss_ck_col ss_ck_cols[SS_CK_COLS];
/* One requirement's row: cell[0] is its number; the strings live in the
 * row and the model until ss_ck_row_release. */
typedef struct {
	const char *cell[SS_CK_COLS];
	char no[24], decided[200], approval[1200];
	char *attack, *cwe, *asvs, *advice;
} ss_ck_row;
int ss_ck_row_fill(ss_ck_row *r, const ss_doc *d, const json_t *q, size_t n);
void ss_ck_row_release(ss_ck_row *r);
/* A word of the checklists (the document's own words otherwise). */
const char *ss_ck_word(const ss_doc *d, const char *key);
/* "a, b" of an array of strings (malloc'd; NULL when out of memory). */
char *ss_ck_joined(const json_t *list, const char *sep);
/* The newest "at" time of a model ("" when none), for the forms that carry
 * a date: from the data, never the clock. */
void ss_ck_newest(const json_t *v, char best[32]);

/* Write the checklist as CSV (csv.c). */
int ss__render_csv(ss_doc *d);
/* Write the specification as an Excel checklist (xlsx.c). */
int ss__render_xlsx(ss_doc *d);
/* Write the specification as an OSCAL 1.1.2 system security plan (oscal.c). */
int ss__render_oscal_ssp(ss_doc *d);
/* The risks accepted and the alternatives as an OSCAL 1.1.2 plan of
 * action and milestones (oscal.c). */
int ss__render_oscal_poam(ss_doc *d);

/* --- words.c --- */
/* A fixed string of the document in the document's language. */
const char *ss_tr(const ss_doc *d, const char *key);
/* The {ja, en} value v in the document's language. */
const char *ss_pick(const ss_doc *d, const json_t *v);
/* A label from model.labels[list][id]; the id itself when unknown. */
const char *ss_label(const ss_doc *d, const char *list, const char *id);
/* "L1".."L3" text for 1..3, "-" otherwise. */
const char *ss_level_text(json_int_t level);
/* Name of a member for display: "display name (person)" or person. */
void ss_person(const ss_doc *d, const char *person, char *out, size_t n);
/* Localized policy ("implement" ...), side and role names. */
const char *ss_policy_text(const ss_doc *d, const char *policy);

#endif
