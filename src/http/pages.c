/*
 * The web pages: plain server-rendered HTML in the reader's language, with
 * small ES modules from web/ (no inline script: the Content-Security-Policy
 * allows scripts from the server's own origin only). Every text that comes
 * from data is escaped for HTML here, once.
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pages.h"

int http_html_escape(ss_buf *b, const char *s)
{
	int error = 0;

	for (; s && *s && error == 0; s++) {
		switch (*s) {
		case '&':
			error = ss_buf_puts(b, "&amp;");
			break;
		case '<':
			error = ss_buf_puts(b, "&lt;");
			break;
		case '>':
			error = ss_buf_puts(b, "&gt;");
			break;
		case '"':
			error = ss_buf_puts(b, "&quot;");
			break;
		case '\'':
			error = ss_buf_puts(b, "&#39;");
			break;
		default:
			error = ss_buf_putc(b, *s);
		}
	}
	return error;
}

/* The page around body_html (already escaped), with the CSRF token in a
 * meta element for the scripts. */
int http_page(http_req *rq, http_resp *rs, const char *title, const char *body_html,
	      const char *script)
{
	ss_buf *b = &rs->body;
	const char *other = strcmp(rq->lang, "ja") == 0 ? "en" : "ja";

	ss_buf_clear(b);
	rs->status = 200;
	rs->ctype = "text/html; charset=utf-8";
	/* the CSRF token is the session's: the server writes it into this slot
	 * as the page leaves (server.c), so that a page can be cached for every
	 * session of its reader */
	ss_buf_printf(b,
		      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta name=\"csrf-token\" content=\"%s\">\n",
		      rq->lang, HTTP_CSRF_SLOT);
	if (rq->account) {
		ss_buf_puts(b, "<meta name=\"secspec-login\" content=\"");
		http_html_escape(b, json_string_value(json_object_get(rq->account, "login")));
		ss_buf_puts(b, "\">\n");
	}
	ss_buf_puts(b, "<title>");
	http_html_escape(b, title);
	ss_buf_puts(b, " — secspec</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n"
		       "<link rel=\"icon\" href=\"data:,\">\n");
	if (script) {
		ss_buf_puts(b, "<script type=\"module\" src=\"/static/");
		http_html_escape(b, script);
		ss_buf_puts(b, "\"></script>\n");
	}
	/* what the live updates (app.js) say when another person changes the
	 * project while this page is open */
	ss_buf_puts(b, "</head>\n<body data-moved=\"");
	http_html_escape(b, _("Another person changed this project since the page was loaded"));
	ss_buf_puts(b, "\" data-reload=\"");
	http_html_escape(b, _("Show the changes"));
	ss_buf_puts(b, "\">\n<a class=\"skip\" href=\"#main\">");
	http_html_escape(b, _("Skip to the content"));
	ss_buf_puts(b, "</a>\n<header class=\"top\"><a class=\"brand\" href=\"/\">"
		       "secspec</a>\n<nav aria-label=\"");
	http_html_escape(b, _("language"));
	ss_buf_printf(b, "\"><a href=\"?lang=%s\" lang=\"%s\" hreflang=\"%s\">%s</a>", other, other,
		      other, strcmp(other, "ja") == 0 ? "日本語" : "English");
	if (rq->account) {
		ss_buf_puts(b, " <span class=\"who\">");
		http_html_escape(b, json_string_value(json_object_get(rq->account, "name")));
		ss_buf_puts(b, "</span> <a href=\"/account\">");
		http_html_escape(b, _("My account"));
		ss_buf_puts(b, "</a> <button type=\"button\" id=\"logout\">");
		http_html_escape(b, _("Log out"));
		ss_buf_puts(b, "</button>");
	}
	ss_buf_puts(b, "</nav></header>\n<main id=\"main\" tabindex=\"-1\">\n<h1>");
	http_html_escape(b, title);
	ss_buf_puts(b, "</h1>\n");
	ss_buf_puts(b, body_html);
	return ss_buf_puts(b, "\n</main>\n</body>\n</html>\n");
}

/* The static files of the front end: web/NAME, a plain name without
 * directories, of the types the pages use. */
int http_static(http_req *rq, http_resp *rs)
{
	const char *name = rq->path + strlen("/static/");
	const char *dot = strrchr(name, '.');
	char path[4096];
	struct stat sb;

	if (!rq->opt->web || !*name || strchr(name, '/') || name[0] == '.' || !dot ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_.") != strlen(name))
		return http_not_found(rs);
	if (strcmp(dot, ".js") == 0)
		rs->ctype = "text/javascript; charset=utf-8";
	else if (strcmp(dot, ".css") == 0)
		rs->ctype = "text/css; charset=utf-8";
	else if (strcmp(dot, ".svg") == 0)
		rs->ctype = "image/svg+xml";
	else if (strcmp(dot, ".png") == 0)
		rs->ctype = "image/png";
	else
		return http_not_found(rs);
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", rq->opt->web, name) >= sizeof(path) ||
	    stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
		return http_not_found(rs);
	rs->status = 200;
	rs->file = NULL;
	ss_buf_clear(&rs->body);
	return ss_file_read(&rs->body, path, (size_t)8 * 1024 * 1024) < 0 ? http_not_found(rs) : 0;
}

/* ---- what the pages share ---- */

void pg_esc(ss_buf *b, const char *s)
{
	(void)http_html_escape(b, s);
}

const char *pg_word(const char *const (*names)[2], size_t n, const char *v)
{
	size_t i;

	for (i = 0; v && i < n; i++)
		if (strcmp(names[i][0], v) == 0)
			return _(names[i][1]);
	return v ? v : "";
}

void pg_el(ss_buf *b, const char *tag, const char *attrs, const char *text)
{
	ss_buf_printf(b, "<%s%s%s>", tag, attrs && *attrs ? " " : "", attrs ? attrs : "");
	pg_esc(b, text);
	ss_buf_printf(b, "</%s>", tag);
}

const char *pg_lang(const http_req *rq, const json_t *obj)
{
	const char *s = json_string_value(json_object_get(obj, rq->lang));

	return s ? s : json_string_value(json_object_get(obj, "en"));
}

const char *pg_title(const http_req *rq, const json_t *obj, const char *prefix)
{
	char key[64];
	const char *s;

	snprintf(key, sizeof(key), "%s_%s", prefix, rq->lang);
	s = json_string_value(json_object_get(obj, key));
	if (!s) {
		snprintf(key, sizeof(key), "%s_en", prefix);
		s = json_string_value(json_object_get(obj, key));
	}
	return s ? s : "";
}

/* The messages every script may need (web/app.js, web/sign.js). */
static const pg_msg common_msgs[] = {
	{"working", N_("Working…")},
	{"done", N_("Done")},
	{"failed", N_("Failed")},
	{"cancelled", N_("Cancelled: nothing was signed")},
	{"nokey", N_("This browser has no key for this project: make one on the keys page first")},
	{"nocrypto",
	 N_("This browser cannot make or use Ed25519 keys here (a secure connection, HTTPS, is "
	    "needed)")},
	{"resign", N_("Another change came first: what is to be signed has changed. Check it "
		      "again")},
	{"event", N_("Event")},
	{"network", N_("The server could not be reached")},
	{NULL, NULL},
};

static void msgs_add(json_t *o, const pg_msg *m)
{
	for (; m && m->key; m++)
		json_object_set_new(o, m->key, json_string(_(m->msgid)));
}

void pg_msgs(ss_buf *b, const pg_msg *msgs)
{
	json_t *o = json_object();
	char *s, *p;

	msgs_add(o, common_msgs);
	msgs_add(o, msgs);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
	json_decref(o);
	if (!s)
		return;
	/* a data block, never run; nothing in it may close the element */
	ss_buf_puts(b, "<script type=\"application/json\" id=\"msgs\">");
	for (p = s; *p; p++) {
		if (*p == '<')
			ss_buf_puts(b, "\\u003c");
		else if (*p == '>')
			ss_buf_puts(b, "\\u003e");
		else if (*p == '&')
			ss_buf_puts(b, "\\u0026");
		else
			ss_buf_putc(b, *p);
	}
	ss_buf_puts(b, "</script>\n");
	free(s);
}

void pg_status(ss_buf *b)
{
	ss_buf_puts(
		b, "<p id=\"status\" class=\"status\" role=\"status\" aria-live=\"polite\"></p>\n");
}

void pg_sign_dialog(ss_buf *b)
{
	ss_buf_puts(b, "<dialog id=\"sign-dialog\" aria-labelledby=\"sign-title\">\n"
		       "<h2 id=\"sign-title\">");
	pg_esc(b, _("Sign this change?"));
	ss_buf_puts(b, "</h2>\n<p id=\"sign-note\">");
	pg_esc(b, _("Your key in this browser signs exactly the events below; the log keeps "
		    "them for good, and a third party can check later who signed what"));
	ss_buf_puts(b, "</p>\n<p id=\"sign-key\" class=\"mono\"></p>\n"
		       "<ol id=\"sign-list\" class=\"sign-list\"></ol>\n"
		       "<div class=\"buttons\"><button type=\"button\" id=\"sign-ok\" "
		       "class=\"primary\">");
	pg_esc(b, _("Sign and send"));
	ss_buf_puts(b, "</button> <button type=\"button\" id=\"sign-cancel\">");
	pg_esc(b, _("Cancel"));
	ss_buf_puts(b, "</button></div>\n</dialog>\n");
}

void pg_project_nav(ss_buf *b, const http_req *rq, const char *current)
{
	static const struct {
		const char *tail, *label;
	} pages[] = {
		{"", N_("Overview")},
		{"/members", N_("Members")},
		{"/keys", N_("Keys")},
		{"/decisions", N_("Decisions")},
		{"/approvals", N_("Approvals")},
		{"/milestones", N_("Milestones")},
		{"/evidence", N_("Evidence")},
		{"/assets", N_("Assets")},
		{"/minutes", N_("Minutes")},
		{"/changes", N_("Changes")},
		{"/negotiation", N_("Negotiation")},
		{"/components", N_("Components and vulnerabilities")},
		{"/acceptance", N_("Acceptance and switchover")},
		{"/coverage", N_("ATT&CK coverage")},
		{"/documents", N_("Documents")},
	};
	size_t i;

	ss_buf_puts(b, "<nav class=\"project-nav\" aria-label=\"");
	pg_esc(b, _("Project pages"));
	ss_buf_puts(b, "\"><ul>");
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		bool here = strcmp(pages[i].tail, current) == 0;

		ss_buf_puts(b, "<li><a href=\"/p/");
		pg_esc(b, rq->params[0]);
		ss_buf_printf(b, "%s\"%s>", pages[i].tail, here ? " aria-current=\"page\"" : "");
		pg_esc(b, _(pages[i].label));
		ss_buf_puts(b, "</a></li>");
	}
	ss_buf_puts(b, "</ul></nav>\n");
}

const char *pg_role(const char *role)
{
	static const char *const names[][2] = {
		{"lead", N_("lead")},
		{"member", N_("member")},
		{"management", N_("management")},
		{"auditor", N_("auditor")},
		{"operations", N_("operations")},
		{"provider", N_("provider")},
		{"expert", N_("expert")},
	};
	size_t i;

	for (i = 0; role && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], role) == 0)
			return _(names[i][1]);
	return role ? role : "";
}

const char *pg_side(const char *side)
{
	if (side && strcmp(side, "user") == 0)
		return _("user side");
	if (side && strcmp(side, "vendor") == 0)
		return _("vendor side");
	return side ? side : "";
}

const char *pg_policy(const char *policy)
{
	static const char *const names[][2] = {
		{"implement", N_("implement")},
		{"accept", N_("accept the risk")},
		{"alternative", N_("alternative measure")},
		{"na", N_("not applicable")},
		{"existing", N_("existing control")},
	};
	size_t i;

	for (i = 0; policy && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], policy) == 0)
			return _(names[i][1]);
	return policy && *policy ? policy : _("not decided");
}

const char *pg_section(const char *section)
{
	static const char *const names[][2] = {
		{"secure-coding", N_("secure coding")},
		{"default", N_("minimum default mitigations")},
		{"detailed", N_("detailed settings")},
		{"attack", N_("ATT&CK-based settings")},
	};
	size_t i;

	for (i = 0; section && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], section) == 0)
			return _(names[i][1]);
	return section ? section : "";
}

int pg_finish(http_req *rq, http_resp *rs, const char *title, ss_buf *body, const char *script)
{
	int error;

	if (body->ptr == NULL && (error = ss_buf_puts(body, "")) < 0)
		return error;
	error = http_page(rq, rs, title, body->ptr, script);
	ss_buf_release(body);
	return error;
}

/* ---- the pieces every page is made of ---- */

const char *pg_js(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

void pg_th(ss_buf *b, const char *label)
{
	pg_el(b, "th", "scope=\"col\"", label);
}

void pg_section_open(ss_buf *b, const char *id, const char *title)
{
	ss_buf_printf(b, "<section aria-labelledby=\"%s\">\n<h2 id=\"%s\">", id, id);
	pg_esc(b, title);
	ss_buf_puts(b, "</h2>\n");
}

bool pg_member_is(const http_req *rq, const char *side, const char *roles)
{
	const char *role = pg_js(rq->member, "role") ?: "";
	char want[80];

	if (side && strcmp(pg_js(rq->member, "side") ?: "", side) != 0)
		return false;
	snprintf(want, sizeof(want), "|%s|", role);
	return *role && strstr(roles, want) != NULL;
}

void pg_api(ss_buf *b, const http_req *rq, const char *tail)
{
	ss_buf_puts(b, "/api/projects/");
	pg_esc(b, rq->params[0]);
	pg_esc(b, tail);
}

void pg_form_open_as(ss_buf *b, const http_req *rq, const char *id, const char *method,
		     const char *tail)
{
	ss_buf_printf(b, "<form id=\"%s\" class=\"card\" data-signed", id);
	if (method)
		ss_buf_printf(b, " data-method=\"%s\"", method);
	ss_buf_puts(b, " data-url=\"");
	pg_api(b, rq, tail);
	ss_buf_puts(b, "\">\n");
}

void pg_form_open(ss_buf *b, const http_req *rq, const char *id, const char *tail)
{
	pg_form_open_as(b, rq, id, NULL, tail);
}

void pg_input(ss_buf *b, const char *id, const char *name, const char *label, const char *attrs)
{
	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b, "</label> <input id=\"%s\" name=\"%s\"%s%s></p>\n", id, name,
		      attrs ? " " : "", attrs ? attrs : "");
}

void pg_textarea(ss_buf *b, const char *id, const char *name, const char *label, const char *attrs)
{
	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b,
		      "</label> <textarea id=\"%s\" name=\"%s\" rows=\"3\"%s%s></textarea></p>\n",
		      id, name, attrs ? " " : "", attrs ? attrs : "");
}

void pg_submit(ss_buf *b, const char *label, const char *name, const char *value)
{
	ss_buf_puts(b, "<button type=\"submit\" class=\"primary\"");
	if (name)
		ss_buf_printf(b, " name=\"%s\" value=\"%s\"", name, value);
	ss_buf_puts(b, ">");
	pg_esc(b, label);
	ss_buf_puts(b, "</button>");
}

void pg_form_end(ss_buf *b, const char *label)
{
	pg_submit(b, label, NULL, NULL);
	ss_buf_puts(b, "</form>\n");
}
