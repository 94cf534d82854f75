/*
 * The specification as the Excel checklist both companies pass around
 * (libxlsxwriter): a cover sheet saying what the workbook reflects (the
 * project, the catalog version and its hash, the change-log head, the
 * SHA-256 of the specification data, the reader's view), one row per
 * requirement with its decision, reasons, the vendor's advice, the
 * approval and the evidence, under a frozen, filtered header, and the
 * information assets with their levels.
 *
 * Deterministic: the same model gives the same bytes. libxlsxwriter writes
 * its zip entries with a fixed date; the document's creation time is the
 * newest time the model holds (never the clock). The workbook is written
 * to a file in a private temporary directory (the library writes files
 * only), read back into the buffer, and removed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "render/render_int.h"
#include "util/banned.h"

/* Excel's own limit of one cell's text. */
#define XLSX_CELL_MAX 32767

typedef struct {
	ss_doc *d;
	lxw_workbook *wb;
	lxw_format *head, *wrap, *mono, *title, *key;
} xlsx;

static int lxw(lxw_error e)
{
	if (e == LXW_NO_ERROR)
		return 0;
	return ss_error_set(SS_EIO, "writing the workbook: %s", lxw_strerror(e));
}

/* A cell of text, cut to Excel's limit at a character boundary. */
static int text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
{
	size_t n = strlen(s ? s : "");
	char *cut;
	int error;

	if (!s || !*s)
		return 0;
	if (n <= XLSX_CELL_MAX)
		return lxw(worksheet_write_string(ws, r, c, s, f));
	n = XLSX_CELL_MAX - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	if (!(cut = malloc(n + 4)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	memcpy(cut, s, n);
	memcpy(cut + n, "...", 4);
	error = lxw(worksheet_write_string(ws, r, c, cut, f));
	free(cut);
	return error;
}

static time_t utc_seconds(const char *iso)
{
	struct tm tm = {0};

	if (!iso[0] || !strptime(iso, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return 0;
	return timegm(&tm);
}

static int cover(xlsx *x, const char *spec_hash)
{
	const json_t *m = x->d->m, *p = json_object_get(m, "project"),
		     *wh = json_object_get(m, "withheld");
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, ss_ck_word(x->d, "x_cover"));
	lxw_row_t r = 2;
	char events[64], *fields = NULL;
	int error = 0;

	if (!ws)
		return ss_error_set(SS_ENOMEM, "out of memory");
	worksheet_set_column(ws, 0, 0, 34, x->key);
	worksheet_set_column(ws, 1, 1, 90, x->wrap);
	if ((error = text(ws, 0, 0, ss_ck_word(x->d, "x_title"), x->title)) < 0)
		return error;
	snprintf(events, sizeof(events), "%lld %s", (long long)ss_ji(p, "events"),
		 ss_tr(x->d, "events"));
	{
		const char *rows[][2] = {
			{ss_tr(x->d, "project"), ss_js(p, "name")},
			{ss_tr(x->d, "user_org"), ss_js(p, "user_org")},
			{ss_tr(x->d, "vendor_org"), ss_js(p, "vendor_org")},
			{ss_tr(x->d, "catalog"),
			 ss_pick(x->d, json_object_get(p, "catalog_title"))},
			{ss_ck_word(x->d, "x_catalog_version"), ss_js(p, "catalog_version")},
			{ss_tr(x->d, "catalog_hash"), ss_js(p, "catalog_hash")},
			{ss_tr(x->d, "ledger"), events},
			{ss_tr(x->d, "ledger_head"), ss_js(p, "head")},
			{ss_ck_word(x->d, "x_as_of"),
			 ss_js_or_null(m, "as_of") ? ss_js(m, "as_of") : ""},
			{ss_ck_word(x->d, "x_spec_hash"), spec_hash},
		};

		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]) && !error; i++) {
			if (!rows[i][1][0])
				continue;
			if ((error = text(ws, r, 0, rows[i][0], x->key)) == 0)
				error = text(ws, r, 1, rows[i][1],
					     strlen(rows[i][1]) == 64 ? x->mono : x->wrap);
			r++;
		}
	}
	if (!error)
		error = text(ws, ++r, 1, ss_ck_word(x->d, "x_spec_hash_note"), x->wrap);
	if (!error && wh) {
		fields = ss_ck_joined(json_object_get(wh, "fields"), ", ");
		r += 2;
		if ((error = text(ws, r, 0, ss_ck_word(x->d, "x_view"), x->key)) == 0 &&
		    (error = text(ws, r, 1, ss_js(wh, "for"), x->wrap)) == 0 &&
		    (error = text(ws, r + 1, 0, ss_ck_word(x->d, "x_withheld"), x->key)) == 0)
			error = text(ws, r + 1, 1, fields ? fields : "", x->wrap);
	}
	free(fields);
	return error;
}

static int requirement_row(xlsx *x, lxw_worksheet *ws, lxw_row_t r, const json_t *q)
{
	ss_ck_row row;
	int error;

	if ((error = ss_ck_row_fill(&row, x->d, q, (size_t)r)) < 0)
		return error;
	error = lxw(worksheet_write_number(ws, r, 0, (double)r, NULL));
	for (size_t c = 1; c < SS_CK_COLS && !error; c++)
		error = text(ws, r, (lxw_col_t)c, row.cell[c],
			     c == SS_CK_COLS - 1 ? x->mono : x->wrap);
	ss_ck_row_release(&row);
	return error;
}

static int requirements(xlsx *x)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, ss_ck_word(x->d, "x_reqs"));
	const json_t *list = json_object_get(x->d->m, "requirements"), *q;
	size_t i;
	int error;

	if (!ws)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (i = 0; i < SS_CK_COLS; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, ss_ck_cols[i].width, NULL);
		if ((error = text(ws, 0, (lxw_col_t)i, ss_ck_word(x->d, ss_ck_cols[i].key),
				  x->head)) < 0)
			return error;
	}
	worksheet_freeze_panes(ws, 1, 2);
	json_array_foreach(list, i, q)
		if ((error = requirement_row(x, ws, (lxw_row_t)(i + 1), q)) < 0)
			return error;
	return lxw(worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(list),
					(lxw_col_t)(SS_CK_COLS - 1)));
}

static int assets(xlsx *x)
{
	static const char *const heads[] = {"id", "kind", "x_name", "system", "devices", "x_level"};
	const json_t *list = json_object_get(x->d->m, "assets"), *a;
	lxw_worksheet *ws;
	size_t i, c;
	int error;

	if (!json_array_size(list))
		return 0;
	if (!(ws = workbook_add_worksheet(x->wb, ss_ck_word(x->d, "x_assets"))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (c = 0; c < 6; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 2 || c == 4 ? 40 : 16,
				     NULL);
		if ((error = text(ws, 0, (lxw_col_t)c, ss_ck_word(x->d, heads[c]), x->head)) < 0)
			return error;
	}
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach(list, i, a) {
		const json_t *name = json_object_get(a, "name"),
			     *dev = json_object_get(a, "devices");
		char *devices = json_is_array(dev) ? ss_ck_joined(dev, ", ") : NULL;
		const char *cells[] = {
			ss_js(a, "id"),
			ss_pick(x->d, json_object_get(a, "kind_label")),
			json_is_null(name) ? ss_ck_word(x->d, "withheld_cell") : ss_js(a, "name"),
			ss_js(a, "system"),
			json_is_null(dev) ? ss_ck_word(x->d, "withheld_cell")
			: devices         ? devices
					  : "",
			ss_level_text(ss_ji(a, "level")),
		};

		for (c = 0, error = 0; c < 6 && !error; c++)
			error = text(ws, (lxw_row_t)(i + 1), (lxw_col_t)c, cells[c], x->wrap);
		free(devices);
		if (error < 0)
			return error;
	}
	return lxw(worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(list), 5));
}

/* Read path into out (at most the buffer's limit), then remove it. */
static int slurp(ss_buf *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int error = 0;

	if (!f)
		return ss_error_set(SS_EIO, "reading the workbook back: %s", strerror(errno));
	while (!error && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		error = ss_buf_put(out, chunk, n);
	if (!error && ferror(f))
		error = ss_error_set(SS_EIO, "reading the workbook back");
	fclose(f);
	return error;
}

int ss__render_xlsx(ss_doc *d)
{
	char dir[] = "/tmp/secspec-xlsx-XXXXXX", path[64], newest[32] = "";
	char spec_hash[SS_SHA256_HEX];
	ss_buf json = SS_BUF_INIT(0);
	xlsx x = {.d = d};
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = dir};
	lxw_doc_properties props = {0};
	int error;

	/* the hash a milestone signs: of the bytes `render --format json` writes */
	if ((error = ss_json_canonical(&json, d->m)) < 0 ||
	    (error = ss_buf_putc(&json, '\n')) < 0) {
		ss_buf_release(&json);
		return error;
	}
	ss_sha256_hex(spec_hash, json.ptr, json.len);
	ss_buf_release(&json);
	ss_ck_newest(d->m, newest);
	if (!mkdtemp(dir))
		return ss_error_set(SS_EIO, "a temporary directory for the workbook: %s",
				    strerror(errno));
	snprintf(path, sizeof(path), "%s/spec.xlsx", dir);
	if (!(x.wb = workbook_new_opt(path, &opt))) {
		rmdir(dir);
		return ss_error_set(SS_EIO, "creating the workbook failed");
	}
	props.title = (char *)ss_ck_word(d, "x_title");
	props.company = (char *)ss_js(json_object_get(d->m, "project"), "user_org");
	props.author = "secspec";
	props.created = utc_seconds(newest);
	workbook_set_properties(x.wb, &props);
	x.head = workbook_add_format(x.wb);
	format_set_bold(x.head);
	format_set_text_wrap(x.head);
	format_set_bg_color(x.head, 0xD9E1F2);
	format_set_border(x.head, LXW_BORDER_THIN);
	format_set_align(x.head, LXW_ALIGN_VERTICAL_TOP);
	x.wrap = workbook_add_format(x.wb);
	format_set_text_wrap(x.wrap);
	format_set_align(x.wrap, LXW_ALIGN_VERTICAL_TOP);
	x.mono = workbook_add_format(x.wb);
	format_set_font_name(x.mono, "Consolas");
	format_set_align(x.mono, LXW_ALIGN_VERTICAL_TOP);
	x.key = workbook_add_format(x.wb);
	format_set_bold(x.key);
	format_set_align(x.key, LXW_ALIGN_VERTICAL_TOP);
	x.title = workbook_add_format(x.wb);
	format_set_bold(x.title);
	format_set_font_size(x.title, 16);
	if ((error = cover(&x, spec_hash)) == 0 && (error = requirements(&x)) == 0)
		error = assets(&x);
	{
		lxw_error e = workbook_close(x.wb);

		if (!error)
			error = lxw(e);
	}
	if (!error)
		error = slurp(d->out, path);
	unlink(path);
	rmdir(dir);
	return error;
}
