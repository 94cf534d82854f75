/* Markdown (CommonMark with GFM tables). Every ASCII character Markdown
 * could read as syntax is backslash-escaped; newlines in table cells become
 * <br>, the only HTML this writer emits. */
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

static int text(ss_doc *d, const char *s, bool in_table)
{
	int error = 0;

	for (; *s && error == 0; s++) {
		if (strchr("\\`*_[]<>|#&~!{}()+-.", *s))
			error = ss_buf_putc(d->out, '\\');
		if (error == 0) {
			if (*s == '\n')
				error = ss_buf_puts(d->out, in_table ? "<br>" : "  \n");
			else if (*s == '\r')
				continue;
			else
				error = ss_buf_putc(d->out, *s);
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
	md_begin, md_end, md_heading, md_para, md_table_begin, md_row, md_table_end,
	md_kv_begin, md_kv, md_kv_end,
};
