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

static const struct {
	const char *key, *ja, *en;
} words[] = {
	{"x_title", "セキュリティ要件チェックリスト", "Security requirements checklist"},
	{"x_cover", "表紙", "Cover"},
	{"x_reqs", "要件", "Requirements"},
	{"x_assets", "情報資産", "Information assets"},
	{"x_spec_hash", "仕様データのハッシュ (SHA-256)", "Specification data hash (SHA-256)"},
	{"x_spec_hash_note",
	 "`secspec render --format json` が出力する仕様データのハッシュ。マイルストーンに署名され"
	 "たハッシュと一致すれば、この表はその時点の合意を表す。",
	 "The hash of the specification data `secspec render --format json` writes. Where it "
	 "equals "
	 "the hash a milestone signed, this workbook shows what was agreed there."},
	{"x_as_of", "時点", "As of"},
	{"x_catalog_version", "ガイドラインの版", "Guideline version"},
	{"x_view", "閲覧者", "Reader's view"},
	{"x_withheld", "NDA の締結まで伏せる項目", "Withheld until an NDA is in force"},
	{"x_no", "No.", "No."},
	{"x_section", "区分", "Section"},
	{"x_platform", "対象", "Platform"},
	{"x_category", "分類", "Category"},
	{"x_default", "最低限", "Minimum"},
	{"x_important", "重要な脅威", "Important threat"},
	{"x_req", "要件", "Requirement"},
	{"x_level", "影響レベル", "Impact level"},
	{"x_policy", "方針", "Policy"},
	{"x_decided", "決定者・日時", "Decided by, at"},
	{"x_evidence", "証跡", "Evidence"},
	{"x_owner", "実施の分担", "Owner"},
	{"x_attack", "ATT&CK", "ATT&CK"},
	{"x_cwe", "CWE", "CWE"},
	{"x_asvs", "ASVS", "ASVS"},
	{"x_hash", "項目の内容ハッシュ", "Item content hash"},
	{"x_open", "未決定", "open"},
	{"x_name", "名称", "Name"},
	{"owner_user", "ユーザー", "user"},
	{"owner_vendor", "ベンダー", "vendor"},
	{"owner_both", "双方", "both"},
	{"approved", "承認", "approved"},
	{"rejected", "却下", "rejected"},
};

static const char *w(const xlsx *x, const char *key)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].key, key) == 0)
			return strcmp(x->d->lang, "ja") == 0 ? words[i].ja : words[i].en;
	return ss_tr(x->d, key);
}

static int lxw(lxw_error e)
{
	if (e == LXW_NO_ERROR)
		return 0;
	return ss_error_set(SS_EIO, "writing the workbook: %s", lxw_strerror(e));
}

/* A cell of text, cut to Excel's limit at a character boundary. */
static int text(xlsx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s, lxw_format *f)
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
	(void)x;
	return error;
}

/* "a, b, c" of an array of strings. */
static char *joined(const json_t *list, const char *sep)
{
	ss_buf b = SS_BUF_INIT(0);
	const json_t *e;
	size_t i;

	json_array_foreach(list, i, e)
		if (ss_buf_printf(&b, "%s%s", i ? sep : "", json_string_value(e) ?: "") < 0)
			break;
	if (ss_buf_putc(&b, '\0') < 0) {
		ss_buf_release(&b);
		return NULL;
	}
	return b.ptr;
}

/* The newest time of the model ("...T...Z" values of keys at, time or
 * date-time), as the workbook's creation time: from the data, never the
 * clock. */
static void newest_time(const json_t *v, char best[32])
{
	const char *k;
	json_t *e;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, e) {
			const char *s = json_string_value(e);

			if (s && strcmp(k, "at") == 0 && strlen(s) == 20 && s[10] == 'T' &&
			    strcmp(s, best) > 0)
				snprintf(best, 32, "%s", s);
			else
				newest_time(e, best);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			newest_time(e, best);
	}
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
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, w(x, "x_cover"));
	lxw_row_t r = 2;
	char events[64], *fields = NULL;
	int error = 0;

	if (!ws)
		return ss_error_set(SS_ENOMEM, "out of memory");
	worksheet_set_column(ws, 0, 0, 34, x->key);
	worksheet_set_column(ws, 1, 1, 90, x->wrap);
	if ((error = text(x, ws, 0, 0, w(x, "x_title"), x->title)) < 0)
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
			{w(x, "x_catalog_version"), ss_js(p, "catalog_version")},
			{ss_tr(x->d, "catalog_hash"), ss_js(p, "catalog_hash")},
			{ss_tr(x->d, "ledger"), events},
			{ss_tr(x->d, "ledger_head"), ss_js(p, "head")},
			{w(x, "x_as_of"), ss_js_or_null(m, "as_of") ? ss_js(m, "as_of") : ""},
			{w(x, "x_spec_hash"), spec_hash},
		};

		for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]) && !error; i++) {
			if (!rows[i][1][0])
				continue;
			if ((error = text(x, ws, r, 0, rows[i][0], x->key)) == 0)
				error = text(x, ws, r, 1, rows[i][1],
					     strlen(rows[i][1]) == 64 ? x->mono : x->wrap);
			r++;
		}
	}
	if (!error)
		error = text(x, ws, ++r, 1, w(x, "x_spec_hash_note"), x->wrap);
	if (!error && wh) {
		fields = joined(json_object_get(wh, "fields"), ", ");
		r += 2;
		if ((error = text(x, ws, r, 0, w(x, "x_view"), x->key)) == 0 &&
		    (error = text(x, ws, r, 1, ss_js(wh, "for"), x->wrap)) == 0 &&
		    (error = text(x, ws, r + 1, 0, w(x, "x_withheld"), x->key)) == 0)
			error = text(x, ws, r + 1, 1, fields ? fields : "", x->wrap);
	}
	free(fields);
	return error;
}

static const char *owner_word(const xlsx *x, const char *owner)
{
	char key[32];

	if (!owner)
		return "";
	snprintf(key, sizeof(key), "owner_%s", owner);
	return w(x, key);
}

/* The vendor's advice: one paragraph a note, with who and when. */
static char *advice_text(const xlsx *x, const json_t *list)
{
	ss_buf b = SS_BUF_INIT(0);
	const json_t *a;
	char who[160];
	size_t i;

	json_array_foreach(list, i, a) {
		ss_person(x->d, ss_js(a, "by"), who, sizeof(who));
		if (ss_buf_printf(&b, "%s%s (%s, %s)", i ? "\n" : "", ss_js(a, "note"), who,
				  ss_js(a, "at")) < 0)
			break;
	}
	if (ss_buf_putc(&b, '\0') < 0) {
		ss_buf_release(&b);
		return NULL;
	}
	return b.ptr;
}

static int requirement_row(xlsx *x, lxw_worksheet *ws, lxw_row_t r, const json_t *q)
{
	const json_t *dec = json_object_get(q, "decision"), *ap = json_object_get(q, "approval");
	char no[16], decided[200] = "", approval[1200] = "", who[160];
	char *attack = joined(json_object_get(q, "attack"), ", "),
	     *cwe = joined(json_object_get(q, "cwe"), ", "),
	     *asvs = joined(json_object_get(q, "asvs"), ", "),
	     *advice = advice_text(x, json_object_get(q, "advice"));
	const char *policy =
		json_is_object(dec) ? ss_policy_text(x->d, ss_js(dec, "policy")) : w(x, "x_open");
	int error = 0;

	if (!attack || !cwe || !asvs || !advice) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	snprintf(no, sizeof(no), "%u", (unsigned)r);
	if (json_is_object(dec)) {
		ss_person(x->d, ss_js(dec, "by"), who, sizeof(who));
		snprintf(decided, sizeof(decided), "%s\n%s", who, ss_js(dec, "at"));
	}
	if (json_is_object(ap)) {
		ss_person(x->d, ss_js(ap, "by"), who, sizeof(who));
		snprintf(approval, sizeof(approval), "%s: %s\n%s%s%s", w(x, ss_js(ap, "state")),
			 who, ss_js(ap, "at"), ss_js_or_null(ap, "note") ? "\n" : "",
			 ss_js_or_null(ap, "note") ? ss_js(ap, "note") : "");
	}
	{
		const char *cells[] = {
			ss_js(q, "id"),
			ss_label(x->d, "sections", ss_js(q, "section")),
			ss_label(x->d, "platforms", ss_js(q, "platform")),
			ss_label(x->d, "categories", ss_js(q, "category")),
			json_is_true(json_object_get(q, "default")) ? "○" : "",
			json_is_true(json_object_get(q, "important")) ? "○" : "",
			ss_pick(x->d, json_object_get(q, "title")),
			ss_pick(x->d, json_object_get(q, "mitigation")),
			json_is_object(dec) ? ss_level_text(ss_ji(dec, "level")) : "",
			policy,
			ss_js_or_null(dec, "reason") ? ss_js(dec, "reason") : "",
			ss_js_or_null(dec, "alternative") ? ss_js(dec, "alternative") : "",
			ss_js_or_null(dec, "scenario") ? ss_js(dec, "scenario") : "",
			advice,
			decided,
			ss_js_or_null(dec, "review_by") ? ss_js(dec, "review_by") : "",
			approval,
			ss_js_or_null(dec, "evidence") ? ss_js(dec, "evidence") : "",
			owner_word(x, ss_js_or_null(dec, "owner")),
			attack,
			cwe,
			asvs,
			ss_js(q, "item_hash"),
		};

		if ((error = lxw(worksheet_write_number(ws, r, 0, (double)r, NULL))) < 0)
			goto out;
		for (size_t c = 0; c < sizeof(cells) / sizeof(cells[0]) && !error; c++)
			error = text(x, ws, r, (lxw_col_t)(c + 1), cells[c],
				     c == sizeof(cells) / sizeof(cells[0]) - 1 ? x->mono : x->wrap);
	}
out:
	free(attack);
	free(cwe);
	free(asvs);
	free(advice);
	return error;
}

static int requirements(xlsx *x)
{
	static const struct {
		const char *key;
		double width;
	} cols[] = {
		{"x_no", 6},         {"id", 13},       {"x_section", 16},  {"x_platform", 12},
		{"x_category", 14},  {"x_default", 8}, {"x_important", 8}, {"x_req", 40},
		{"mitigation", 60},  {"x_level", 8},   {"x_policy", 12},   {"reason", 40},
		{"alternative", 30}, {"scenario", 30}, {"advice", 40},     {"x_decided", 22},
		{"review_by", 12},   {"approval", 30}, {"x_evidence", 24}, {"x_owner", 10},
		{"x_attack", 16},    {"x_cwe", 14},    {"x_asvs", 14},     {"x_hash", 20},
	};
	const size_t ncols = sizeof(cols) / sizeof(cols[0]);
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, w(x, "x_reqs"));
	const json_t *list = json_object_get(x->d->m, "requirements"), *q;
	size_t i;
	int error;

	if (!ws)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (i = 0; i < ncols; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, cols[i].width, NULL);
		if ((error = text(x, ws, 0, (lxw_col_t)i, w(x, cols[i].key), x->head)) < 0)
			return error;
	}
	worksheet_freeze_panes(ws, 1, 2);
	json_array_foreach(list, i, q)
		if ((error = requirement_row(x, ws, (lxw_row_t)(i + 1), q)) < 0)
			return error;
	return lxw(worksheet_autofilter(ws, 0, 0, (lxw_row_t)json_array_size(list),
					(lxw_col_t)(ncols - 1)));
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
	if (!(ws = workbook_add_worksheet(x->wb, w(x, "x_assets"))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (c = 0; c < 6; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, c == 2 || c == 4 ? 40 : 16,
				     NULL);
		if ((error = text(x, ws, 0, (lxw_col_t)c, w(x, heads[c]), x->head)) < 0)
			return error;
	}
	worksheet_freeze_panes(ws, 1, 0);
	json_array_foreach(list, i, a) {
		const json_t *name = json_object_get(a, "name"),
			     *dev = json_object_get(a, "devices");
		char *devices = json_is_array(dev) ? joined(dev, ", ") : NULL;
		const char *cells[] = {
			ss_js(a, "id"),
			ss_pick(x->d, json_object_get(a, "kind_label")),
			json_is_null(name) ? w(x, "withheld_cell") : ss_js(a, "name"),
			ss_js(a, "system"),
			json_is_null(dev) ? w(x, "withheld_cell")
			: devices         ? devices
					  : "",
			ss_level_text(ss_ji(a, "level")),
		};

		for (c = 0, error = 0; c < 6 && !error; c++)
			error = text(x, ws, (lxw_row_t)(i + 1), (lxw_col_t)c, cells[c], x->wrap);
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
	newest_time(d->m, newest);
	if (!mkdtemp(dir))
		return ss_error_set(SS_EIO, "a temporary directory for the workbook: %s",
				    strerror(errno));
	snprintf(path, sizeof(path), "%s/spec.xlsx", dir);
	if (!(x.wb = workbook_new_opt(path, &opt))) {
		rmdir(dir);
		return ss_error_set(SS_EIO, "creating the workbook failed");
	}
	props.title = (char *)w(&x, "x_title");
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
