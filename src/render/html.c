/* HTML: one self-contained, printable page. All text is escaped for HTML
 * element content or attribute values (always quoted with "); controls and
 * bidirectional formatting characters are shown as visible escapes
 * (\u{202E}); no script, no links, no external resources. */
#include <stdio.h>
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

static int esc(ss_doc *d, const char *s, bool br)
{
	const char *run = s, *end = s + strlen(s);
	char vis[SS_VISIBLE_MAX];
	int error = 0;

	for (; *s && error == 0; s++) {
		unsigned char c = (unsigned char)*s;
		const char *rep = NULL;
		size_t n = 1;
		uint32_t cp;

		switch (*s) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		case '\n':
			rep = br ? "<br>\n" : "\n";
			break;
		case '\r':
			rep = "";
			break;
		case '\t':
			break;
		default:
			/* a numeric reference would still be the character: controls,
			 * bidirectional formatting characters and broken UTF-8 are
			 * shown as visible text instead */
			if (c < 0x20 || c >= 0x7F) {
				n = ss_utf8_next(s, (size_t)(end - s), 0, &cp);
				if (n == 0)
					snprintf(vis, sizeof(vis), "\\x{%02X}", (unsigned)c);
				else if (ss_cp_hidden(cp))
					ss_cp_visible(vis, cp);
				if (n == 0 || ss_cp_hidden(cp))
					rep = vis;
			}
			break;
		}
		if (rep) {
			if ((error = ss_buf_put(d->out, run, (size_t)(s - run))) < 0)
				return error;
			error = ss_buf_puts(d->out, rep);
			run = s + (n ? n : 1);
		}
		s += (n ? n : 1) - 1;
	}
	return error < 0 ? error : ss_buf_puts(d->out, run);
}

static const char style[] =
	"<style>\n"
	"body{font-family:\"Noto Sans JP\",\"Hiragino Sans\",\"Yu Gothic\",Meiryo,sans-serif;"
	"max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#111}\n"
	"h1{font-size:1.7rem;border-bottom:3px solid #234;padding-bottom:.3rem}\n"
	"h2{font-size:1.3rem;border-bottom:1px solid #999;margin-top:2.2rem}\n"
	"h3{font-size:1.1rem;margin-top:1.6rem}\n"
	"h4{font-size:1rem;margin:1.4rem 0 .3rem;background:#eef2f6;padding:.2rem .4rem}\n"
	"table{border-collapse:collapse;width:100%;margin:.6rem 0 1rem;font-size:.9rem}\n"
	"th,td{border:1px solid #aab;padding:.25rem .45rem;vertical-align:top;text-align:left}\n"
	"th{background:#e4e9ef}\n"
	"dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0 1rem;"
	"font-size:.92rem}\n"
	"dt{font-weight:bold;color:#334}dd{margin:0;overflow-wrap:anywhere}\n"
	"@media print{body{max-width:none;margin:0}h2{break-before:page}"
	"h4,tr,dl{break-inside:avoid}a{color:inherit;text-decoration:none}}\n"
	"</style>\n";

static int html_begin(ss_doc *d, const char *title)
{
	int error;

	if ((error = ss_buf_printf(d->out,
				   "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta "
				   "charset=\"utf-8\">\n<meta name=\"viewport\" "
				   "content=\"width=device-width, initial-scale=1\">\n"
				   "<meta http-equiv=\"Content-Security-Policy\" "
				   "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
				   "<title>",
				   strcmp(d->lang, "ja") == 0 ? "ja" : "en")) < 0 ||
	    (error = esc(d, title, false)) < 0 || (error = ss_buf_puts(d->out, "</title>\n")) < 0 ||
	    (error = ss_buf_puts(d->out, style)) < 0)
		return error;
	return ss_buf_puts(d->out, "</head>\n<body>\n");
}

static int html_end(ss_doc *d)
{
	return ss_buf_puts(d->out, "</body>\n</html>\n");
}

static int html_heading(ss_doc *d, int level, const char *s, const char *anchor)
{
	int error;

	if ((error = ss_buf_printf(d->out, "<h%d", level)) < 0)
		return error;
	if (anchor &&
	    ((error = ss_buf_puts(d->out, " id=\"")) < 0 || (error = esc(d, anchor, false)) < 0 ||
	     (error = ss_buf_putc(d->out, '"')) < 0))
		return error;
	if ((error = ss_buf_putc(d->out, '>')) < 0 || (error = esc(d, s, false)) < 0)
		return error;
	return ss_buf_printf(d->out, "</h%d>\n", level);
}

static int html_para(ss_doc *d, const char *s)
{
	int error;

	if ((error = ss_buf_puts(d->out, "<p>")) < 0 || (error = esc(d, s, true)) < 0)
		return error;
	return ss_buf_puts(d->out, "</p>\n");
}

static int cells(ss_doc *d, const char *tag, const char *const *v, size_t n)
{
	size_t i;
	int error = ss_buf_puts(d->out, "<tr>");

	for (i = 0; i < n && error == 0; i++) {
		if ((error = ss_buf_printf(d->out, "<%s>", tag)) < 0 ||
		    (error = esc(d, v[i] ? v[i] : "", true)) < 0)
			break;
		error = ss_buf_printf(d->out, "</%s>", tag);
	}
	return error < 0 ? error : ss_buf_puts(d->out, "</tr>\n");
}

static int html_table_begin(ss_doc *d, const char *const *headers, size_t n)
{
	int error;

	if ((error = ss_buf_puts(d->out, "<table>\n<thead>")) < 0 ||
	    (error = cells(d, "th", headers, n)) < 0)
		return error;
	return ss_buf_puts(d->out, "</thead>\n<tbody>\n");
}

static int html_table_row(ss_doc *d, const char *const *v, size_t n)
{
	return cells(d, "td", v, n);
}

static int html_table_end(ss_doc *d)
{
	return ss_buf_puts(d->out, "</tbody>\n</table>\n");
}

static int html_kv_begin(ss_doc *d)
{
	return ss_buf_puts(d->out, "<dl>\n");
}

static int html_kv(ss_doc *d, const char *key, const char *value)
{
	int error;

	if ((error = ss_buf_puts(d->out, "<dt>")) < 0 || (error = esc(d, key, false)) < 0 ||
	    (error = ss_buf_puts(d->out, "</dt><dd>")) < 0 || (error = esc(d, value, true)) < 0)
		return error;
	return ss_buf_puts(d->out, "</dd>\n");
}

static int html_kv_end(ss_doc *d)
{
	return ss_buf_puts(d->out, "</dl>\n");
}

const ss_emitter ss_emitter_html = {
	html_begin,     html_end,       html_heading,  html_para, html_table_begin,
	html_table_row, html_table_end, html_kv_begin, html_kv,   html_kv_end,
};
