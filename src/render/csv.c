/*
 * The checklist as CSV (RFC 4180): the columns of the Excel checklist, one
 * row per requirement, for the tools that take nothing else. UTF-8 with a
 * byte order mark (Excel in Japanese reads UTF-8 only so), CRLF at the end
 * of each record, a field quoted when it holds a comma, a quote or a line
 * break, quotes doubled. A field that a spreadsheet would take for a
 * formula (it begins with =, +, -, @, a tab or a carriage return) is
 * written with a leading apostrophe: the data is the parties' text, and
 * text from either side must not run as a formula on the other's machine.
 */
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

static int field(ss_buf *out, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	int error = 0;

	if (quote)
		error = ss_buf_putc(out, '"');
	if (!error && strchr("=+-@\t\r", s[0]) && s[0])
		error = ss_buf_putc(out, '\'');
	for (const char *p = s; *p && !error; p++)
		error = *p == '"' ? ss_buf_puts(out, "\"\"") : ss_buf_putc(out, *p);
	if (!error && quote)
		error = ss_buf_putc(out, '"');
	return error;
}

int ss__render_csv(ss_doc *d)
{
	const json_t *q;
	size_t i, c;
	int error = ss_buf_puts(d->out, "\xEF\xBB\xBF");

	for (c = 0; c < SS_CK_COLS && !error; c++)
		if ((error = c ? ss_buf_putc(d->out, ',') : 0) == 0)
			error = field(d->out, ss_ck_word(d, ss_ck_cols[c].key));
	if (!error)
		error = ss_buf_puts(d->out, "\r\n");
	json_array_foreach(json_object_get(d->m, "requirements"), i, q) {
		ss_ck_row row;

		if (error || (error = ss_ck_row_fill(&row, d, q, i + 1)) < 0)
			break;
		for (c = 0; c < SS_CK_COLS && !error; c++)
			if ((error = c ? ss_buf_putc(d->out, ',') : 0) == 0)
				error = field(d->out, row.cell[c]);
		if (!error)
			error = ss_buf_puts(d->out, "\r\n");
		ss_ck_row_release(&row);
	}
	return error;
}
