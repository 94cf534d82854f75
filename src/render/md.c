/* Markdown (CommonMark with GFM tables). Characters Markdown would read as
 * inline syntax are backslash-escaped everywhere, block syntax at the start
 * of a line; newlines in table cells become <br>, the only HTML this writer
 * emits. Control and bidirectional formatting characters are shown as
 * visible escapes (\u{202E}), so that text cannot reorder what is shown.
 * The writer makes no links: text cannot either. */
#include <stdio.h>
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

/* A control or bidirectional formatting character (or a byte that is not
 * UTF-8) as visible text; the backslash is itself escaped for Markdown. */
static int hidden(ss_doc *d, const char *s, size_t n, uint32_t cp)
{
	char vis[SS_VISIBLE_MAX];

	if (n)
		ss_cp_visible(vis, cp);
	else
		snprintf(vis, sizeof(vis), "\\x{%02X}", (unsigned)(unsigned char)*s);
	return ss_buf_printf(d->out, "\\%s", vis);
}

static int text(ss_doc *d, const char *s, bool in_table)
{
	const char *end = s + strlen(s);
	bool line_start = true;
	int error = 0;

	for (; *s && error == 0; s++) {
		bool esc = strchr("\\`*_[]<>|&~", *s) != NULL;
		unsigned char c = (unsigned char)*s;
		uint32_t cp = c;
		size_t n = 1;

		if (c >= 0x80 || (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
			n = ss_utf8_next(s, (size_t)(end - s), 0, &cp);
			if (n == 0 || ss_cp_hidden(cp)) {
				error = hidden(d, s, n, cp);
				s += (n ? n : 1) - 1;
				line_start = false;
				continue;
			}
		}
		if (line_start) {
			const char *p = s;

			if (strchr("#+-=", *s))
				esc = true;
			while (*p >= '0' && *p <= '9')
				p++;
			if (p > s && (*p == '.' || *p == ')')) {
				/* "1." at a line start would begin a list */
				if ((error = ss_buf_put(d->out, s, (size_t)(p - s))) < 0)
					break;
				s = p;
				esc = true;
			}
		}
		line_start = false;
		if (esc && (error = ss_buf_putc(d->out, '\\')) < 0)
			break;
		if (*s == '\n') {
			error = ss_buf_puts(d->out, in_table ? "<br>" : "  \n");
			line_start = !in_table;
		} else if (*s != '\r') {
			error = ss_buf_put(d->out, s, n);
			s += n - 1;
		}
	}
	return error;
}

static int md_begin(ss_doc *d, const char *title)
{
	return 0;
}

static int md_end(ss_doc *d)
{
	return 0;
}

static int md_heading(ss_doc *d, int level, const char *s, const char *anchor)
{
	int error;

	if ((error = ss_buf_printf(d->out, "%.*s ", level, "######")) < 0 ||
	    (error = text(d, s, false)) < 0)
		return error;
	return ss_buf_puts(d->out, "\n\n");
}

static int md_para(ss_doc *d, const char *s)
{
	int error = text(d, s, false);

	return error < 0 ? error : ss_buf_puts(d->out, "\n\n");
}

static int md_row(ss_doc *d, const char *const *cells, size_t n)
{
	size_t i;
	int error = ss_buf_puts(d->out, "|");

	for (i = 0; i < n && error == 0; i++) {
		if ((error = ss_buf_putc(d->out, ' ')) < 0 ||
		    (error = text(d, cells[i] ? cells[i] : "", true)) < 0)
			break;
		error = ss_buf_puts(d->out, " |");
	}
	return error < 0 ? error : ss_buf_putc(d->out, '\n');
}

static int md_table_begin(ss_doc *d, const char *const *headers, size_t n)
{
	size_t i;
	int error;

	if ((error = md_row(d, headers, n)) < 0)
		return error;
	for (i = 0; i < n && error == 0; i++)
		error = ss_buf_puts(d->out, i ? "---|" : "|---|");
	return error < 0 ? error : ss_buf_putc(d->out, '\n');
}

static int md_table_end(ss_doc *d)
{
	return ss_buf_putc(d->out, '\n');
}

static int md_kv_begin(ss_doc *d)
{
	return 0;
}

static int md_kv(ss_doc *d, const char *key, const char *value)
{
	int error;

	if ((error = ss_buf_puts(d->out, "- **")) < 0 || (error = text(d, key, true)) < 0 ||
	    (error = ss_buf_puts(d->out, "**: ")) < 0 || (error = text(d, value, true)) < 0)
		return error;
	return ss_buf_putc(d->out, '\n');
}

static int md_kv_end(ss_doc *d)
{
	return ss_buf_putc(d->out, '\n');
}

const ss_emitter ss_emitter_md = {
	md_begin, md_end,       md_heading,  md_para, md_table_begin,
	md_row,   md_table_end, md_kv_begin, md_kv,   md_kv_end,
};
