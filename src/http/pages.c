/*
 * The web pages: plain server-rendered HTML in the reader's language, with
 * small ES modules from web/ (no inline script: the Content-Security-Policy
 * allows scripts from the server's own origin only). Every text that comes
 * from data is escaped for HTML here, once.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "http.h"

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
	char csrf[SS_SESSION_CSRF_LEN + 1] = "";
	ss_buf *b = &rs->body;
	const char *other = strcmp(rq->lang, "ja") == 0 ? "en" : "ja";

	if (rq->account && rq->token && ss_session_csrf(csrf, rq->st, rq->token, rq->now) < 0)
		csrf[0] = '\0';
	ss_buf_clear(b);
	rs->status = 200;
	rs->ctype = "text/html; charset=utf-8";
	ss_buf_printf(b,
		      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<meta name=\"csrf-token\" content=\"%s\">\n<title>",
		      rq->lang, csrf);
	http_html_escape(b, title);
	ss_buf_puts(b, " — secspec</title>\n<link rel=\"stylesheet\" href=\"/static/app.css\">\n");
	if (script) {
		ss_buf_puts(b, "<script type=\"module\" src=\"/static/");
		http_html_escape(b, script);
		ss_buf_puts(b, "\"></script>\n");
	}
	ss_buf_puts(b, "</head>\n<body>\n<header class=\"top\"><a class=\"brand\" href=\"/\">"
		       "secspec</a>\n<nav aria-label=\"");
	http_html_escape(b, _("language"));
	ss_buf_printf(b, "\"><a href=\"?lang=%s\" lang=\"%s\">%s</a>", other, other,
		      strcmp(other, "ja") == 0 ? "日本語" : "English");
	if (rq->account) {
		ss_buf_puts(b, " <span class=\"who\">");
		http_html_escape(b, json_string_value(json_object_get(rq->account, "name")));
		ss_buf_puts(b, "</span> <button type=\"button\" id=\"logout\">");
		http_html_escape(b, _("Log out"));
		ss_buf_puts(b, "</button>");
	}
	ss_buf_puts(b, "</nav></header>\n<main id=\"main\">\n<h1>");
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
