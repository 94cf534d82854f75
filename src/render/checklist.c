/*
 * What the checklist forms share (xlsx.c, csv.c): their words, their
 * columns, and the cells of one requirement's row, built once from the
 * model in the document's language; and the newest time of a model, which
 * the forms that carry a date take instead of the clock (oscal.c too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

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

const char *ss_ck_word(const ss_doc *d, const char *key)
{
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].key, key) == 0)
			return strcmp(d->lang, "ja") == 0 ? words[i].ja : words[i].en;
	return ss_tr(d, key);
}

const ss_ck_col ss_ck_cols[SS_CK_COLS] = {
	{"x_no", 6},         {"id", 13},       {"x_section", 16},  {"x_platform", 12},
	{"x_category", 14},  {"x_default", 8}, {"x_important", 8}, {"x_req", 40},
	{"mitigation", 60},  {"x_level", 8},   {"x_policy", 12},   {"reason", 40},
	{"alternative", 30}, {"scenario", 30}, {"advice", 40},     {"x_decided", 22},
	{"review_by", 12},   {"approval", 30}, {"x_evidence", 24}, {"x_owner", 10},
	{"x_attack", 16},    {"x_cwe", 14},    {"x_asvs", 14},     {"x_hash", 20},
};

char *ss_ck_joined(const json_t *list, const char *sep)
{
	ss_buf b = SS_BUF_INIT(0);
	const json_t *e;
	size_t i;

	json_array_foreach(list, i, e)
		if (ss_buf_printf(&b, "%s%s", i ? sep : "",
				  json_string_value(e) ? json_string_value(e) : "") < 0)
			break;
	if (ss_buf_putc(&b, '\0') < 0) {
		ss_buf_release(&b);
		return NULL;
	}
	return b.ptr;
}

void ss_ck_newest(const json_t *v, char best[32])
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
				ss_ck_newest(e, best);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e)
			ss_ck_newest(e, best);
	}
}

/* The vendor's advice: one paragraph a note, with who and when. */
static char *advice_text(const ss_doc *d, const json_t *list)
{
	ss_buf b = SS_BUF_INIT(0);
	const json_t *a;
	char who[160];
	size_t i;

	json_array_foreach(list, i, a) {
		ss_person(d, ss_js(a, "by"), who, sizeof(who));
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

static const char *owner_word(const ss_doc *d, const char *owner)
{
	char key[32];

	if (!owner)
		return "";
	snprintf(key, sizeof(key), "owner_%s", owner);
	return ss_ck_word(d, key);
}

static const char *field(const json_t *o, const char *k)
{
	return ss_js_or_null(o, k) ? ss_js(o, k) : "";
}

int ss_ck_row_fill(ss_ck_row *r, const ss_doc *d, const json_t *q, size_t n)
{
	const json_t *dec = json_object_get(q, "decision"), *ap = json_object_get(q, "approval");
	char who[160];

	memset(r, 0, sizeof(*r));
	r->attack = ss_ck_joined(json_object_get(q, "attack"), ", ");
	r->cwe = ss_ck_joined(json_object_get(q, "cwe"), ", ");
	r->asvs = ss_ck_joined(json_object_get(q, "asvs"), ", ");
	r->advice = advice_text(d, json_object_get(q, "advice"));
	if (!r->attack || !r->cwe || !r->asvs || !r->advice) {
		ss_ck_row_release(r);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	snprintf(r->no, sizeof(r->no), "%zu", n);
	if (json_is_object(dec)) {
		ss_person(d, ss_js(dec, "by"), who, sizeof(who));
		snprintf(r->decided, sizeof(r->decided), "%s\n%s", who, ss_js(dec, "at"));
	}
	if (json_is_object(ap)) {
		ss_person(d, ss_js(ap, "by"), who, sizeof(who));
		snprintf(r->approval, sizeof(r->approval), "%s: %s\n%s%s%s",
			 ss_ck_word(d, ss_js(ap, "state")), who, ss_js(ap, "at"),
			 ss_js_or_null(ap, "note") ? "\n" : "", field(ap, "note"));
	}
	{
		const char *cells[SS_CK_COLS] = {
			r->no,
			ss_js(q, "id"),
			ss_label(d, "sections", ss_js(q, "section")),
			ss_label(d, "platforms", ss_js(q, "platform")),
			ss_label(d, "categories", ss_js(q, "category")),
			json_is_true(json_object_get(q, "default")) ? "○" : "",
			json_is_true(json_object_get(q, "important")) ? "○" : "",
			ss_pick(d, json_object_get(q, "title")),
			ss_pick(d, json_object_get(q, "mitigation")),
			json_is_object(dec) ? ss_level_text(ss_ji(dec, "level")) : "",
			json_is_object(dec) ? ss_policy_text(d, ss_js(dec, "policy"))
					    : ss_ck_word(d, "x_open"),
			field(dec, "reason"),
			field(dec, "alternative"),
			field(dec, "scenario"),
			r->advice,
			r->decided,
			field(dec, "review_by"),
			r->approval,
			field(dec, "evidence"),
			owner_word(d, ss_js_or_null(dec, "owner")),
			r->attack,
			r->cwe,
			r->asvs,
			ss_js(q, "item_hash"),
		};

		memcpy(r->cell, cells, sizeof(cells));
	}
	return 0;
}

void ss_ck_row_release(ss_ck_row *r)
{
	free(r->attack);
	free(r->cwe);
	free(r->asvs);
	free(r->advice);
	r->attack = r->cwe = r->asvs = r->advice = NULL;
}
