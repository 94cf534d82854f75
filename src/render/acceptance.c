/*
 * The acceptance and switchover report (rules 6): ss_acceptance_show's
 * answer written through the document's emitters. Hosts in the order of
 * their names, items by id, risks in the specification's order, the
 * checklist in its own: the same log gives the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

static const struct {
	const char *key, *ja, *en;
} words[] = {
	{"title", "受入・切替報告書", "Acceptance and switchover report"},
	{"project", "プロジェクト", "Project"},
	{"log", "変更記録", "Change log"},
	{"s_hosts", "ホストの確認", "Host checks"},
	{"hosts_note", "各ホストで記録された最新の確認結果です。",
	 "The newest check run recorded for each host."},
	{"no_hosts", "ホストの確認はまだ記録されていません。",
	 "No host check has been recorded yet."},
	{"host", "ホスト", "Host"},
	{"stage", "段階", "Stage"},
	{"checked_by", "確認者", "Checked by"},
	{"time", "日時", "Time"},
	{"pass", "合格", "Passed"},
	{"fail", "不合格", "Failed"},
	{"na", "対象外", "Not applicable"},
	{"error", "確認不能", "Errors"},
	{"event", "イベント", "Event"},
	{"s_failures", "不合格・確認不能の項目", "Failures"},
	{"no_failures", "各ホストの最新の確認に、不合格・確認不能の項目はありません。",
	 "No host's newest check run failed an item or could not check one."},
	{"item", "項目", "Item"},
	{"title_col", "項目名", "Title"},
	{"verdict", "判定", "Verdict"},
	{"seen", "確認された内容", "Seen"},
	{"expected", "期待される内容", "Expected"},
	{"s_items", "実装項目の検証", "Verification of the implemented items"},
	{"status", "状態", "Status"},
	{"verified_by", "検証", "Verified by"},
	{"st_pass", "検証済み", "verified"},
	{"st_fail", "不合格", "FAIL"},
	{"st_error", "確認不能", "ERROR"},
	{"st_open", "未検証", "not verified yet"},
	{"passed_on", "ホストの確認で合格: ", "host check passed on "},
	{"m_attestation", "証明", "attestation"},
	{"m_review", "レビュー", "review"},
	{"m_test", "テスト", "test"},
	{"r_pass", "合格", "pass"},
	{"r_fail", "不合格", "fail"},
	{"r_na", "対象外", "not applicable"},
	{"evidence", "証跡 (SHA-256)", "evidence (SHA-256)"},
	{"s_risks", "受容したリスクと代替策", "Accepted risks and alternative measures"},
	{"no_risks", "仕様書が受容したリスク・代替策はありません。",
	 "The specification accepts no risk and names no alternative measure."},
	{"policy", "方針", "Policy"},
	{"reason", "理由", "Reason"},
	{"decided_by", "決定者", "Decided by"},
	{"approval", "承認", "Approval"},
	{"a_approved", "承認", "approved"},
	{"a_rejected", "却下", "rejected"},
	{"a_none", "未承認", "not approved yet"},
	{"s_switchover", "切替チェックリスト", "Switchover checklist"},
	{"entry", "エントリ", "Entry"},
	{"when", "時期", "When"},
	{"w_throughout", "切替期間中", "throughout switchover"},
	{"w_completion", "切替完了時", "at completion"},
	{"result", "結果", "Result"},
	{"record", "最新の記録", "Latest record"},
	{"not_recorded", "未記録", "not recorded yet"},
	{"s_milestones", "受入・切替のマイルストーン", "Milestones of acceptance and switchover"},
	{"no_milestones", "受入・切替のマイルストーンはまだありません。",
	 "No milestone of acceptance or switchover has been opened yet."},
	{"milestone", "マイルストーン", "Milestone"},
	{"state", "状況", "State"},
	{"signers", "署名者", "Signed by"},
	{"complete", "完了", "complete"},
	{"waiting", "署名待ち", "waiting for signatures"},
	{"g_acceptance", "受入", "acceptance"},
	{"g_switchover", "切替", "switchover"},
	{"g_operation", "運用", "operation"},
};

static const char *w(const ss_doc *d, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i].key, key) == 0)
			return strcmp(d->lang, "ja") == 0 ? words[i].ja : words[i].en;
	return key;
}

/* A word of a value: the key prefix followed by the value. */
static const char *wv(const ss_doc *d, const char *prefix, const char *v)
{
	char key[48];
	const char *s;

	snprintf(key, sizeof(key), "%s%s", prefix, v ? v : "");
	s = w(d, key);
	return s == key ? (v ? v : "") : s;
}

static const char *title(const ss_doc *d, const json_t *o)
{
	const char *s = ss_js_or_null(o, strcmp(d->lang, "ja") == 0 ? "title_ja" : "title_en");

	return s ? s : ss_js(o, "title_en");
}

#define E(call)                                                                                    \
	do {                                                                                       \
		if ((error = (call)) < 0)                                                          \
			goto out;                                                                  \
	} while (0)

static int by_string(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of the hosts, sorted (borrowed from rep). */
static const char **host_names(const json_t *hosts, size_t *n)
{
	const char **v = calloc(json_object_size(hosts) + 1, sizeof(*v));
	const char *k;
	json_t *h;

	*n = 0;
	if (!v)
		return NULL;
	json_object_foreach((json_t *)hosts, k, h)
		v[(*n)++] = k;
	qsort(v, *n, sizeof(*v), by_string);
	return v;
}

static int hosts(ss_doc *d, const char **names, size_t n)
{
	const json_t *all = json_object_get(d->m, "hosts");
	const char *head[] = {w(d, "host"), w(d, "stage"), w(d, "checked_by"),
			      w(d, "time"), w(d, "pass"),  w(d, "fail"),
			      w(d, "na"),   w(d, "error"), w(d, "event")};
	char num[5][24];
	size_t i;
	int error;

	E(d->em->heading(d, 2, w(d, "s_hosts"), "hosts"));
	if (n == 0) {
		E(d->em->para(d, w(d, "no_hosts")));
		return 0;
	}
	E(d->em->para(d, w(d, "hosts_note")));
	E(d->em->table_begin(d, head, 9));
	for (i = 0; i < n; i++) {
		const json_t *h = json_object_get(all, names[i]), *c = json_object_get(h, "counts");
		const char *row[9];

		snprintf(num[0], sizeof(num[0]), "%lld", (long long)ss_ji(c, "pass"));
		snprintf(num[1], sizeof(num[1]), "%lld", (long long)ss_ji(c, "fail"));
		snprintf(num[2], sizeof(num[2]), "%lld", (long long)ss_ji(c, "na"));
		snprintf(num[3], sizeof(num[3]), "%lld", (long long)ss_ji(c, "error"));
		snprintf(num[4], sizeof(num[4]), "%lld", (long long)ss_ji(h, "seq"));
		row[0] = names[i];
		row[1] = wv(d, "g_", ss_js(h, "stage"));
		row[2] = ss_js(h, "by");
		row[3] = ss_js(h, "time");
		row[4] = num[0];
		row[5] = num[1];
		row[6] = num[2];
		row[7] = num[3];
		row[8] = num[4];
		E(d->em->table_row(d, row, 9));
	}
	E(d->em->table_end(d));
out:
	return error;
}

static int failures(ss_doc *d, const char **names, size_t n)
{
	const json_t *all = json_object_get(d->m, "hosts"), *f;
	const char *head[] = {w(d, "host"),    w(d, "item"), w(d, "title_col"),
			      w(d, "verdict"), w(d, "seen"), w(d, "expected")};
	size_t i, j, shown = 0;
	int error = 0;

	E(d->em->heading(d, 2, w(d, "s_failures"), "failures"));
	for (i = 0; i < n; i++) {
		json_array_foreach(json_object_get(json_object_get(all, names[i]), "failures"), j,
				   f) {
			const char *row[6] = {names[i],         ss_js(f, "item"),
					      title(d, f),      wv(d, "st_", ss_js(f, "verdict")),
					      ss_js(f, "seen"), ss_js(f, "expected")};

			if (shown++ == 0)
				E(d->em->table_begin(d, head, 6));
			E(d->em->table_row(d, row, 6));
		}
	}
	if (shown)
		E(d->em->table_end(d));
	else
		E(d->em->para(d, w(d, "no_failures")));
out:
	return error;
}

/* "result: method by person (time, event n)", the host, the detail and
 * the evidence */
static void verification_text(const ss_doc *d, ss_buf *b, const json_t *v)
{
	ss_buf_printf(b,
		      strcmp(d->lang, "ja") == 0 ? "%s: %s (記録者 %s、%s、イベント %lld)"
						 : "%s: %s by %s (%s, event %lld)",
		      wv(d, "r_", ss_js(v, "result")), wv(d, "m_", ss_js(v, "method")),
		      ss_js(v, "by"), ss_js(v, "time"), (long long)ss_ji(v, "seq"));
	if (*ss_js(v, "host"))
		ss_buf_printf(b, " @%s", ss_js(v, "host"));
	if (*ss_js(v, "detail"))
		ss_buf_printf(b, "\n%s", ss_js(v, "detail"));
	if (*ss_js(v, "evidence"))
		ss_buf_printf(b, "\n%s: %s", w(d, "evidence"), ss_js(v, "evidence"));
}

static int items(ss_doc *d)
{
	const json_t *all = json_object_get(d->m, "items"), *e, *h;
	const char *head[] = {w(d, "item"), w(d, "title_col"), w(d, "status"), w(d, "verified_by")};
	long long open = 0, bad = 0;
	char line[300], st[300];
	size_t i, k;
	int error = 0;

	E(d->em->heading(d, 2, w(d, "s_items"), "items"));
	json_array_foreach(all, i, e) {
		open += strcmp(ss_js(e, "status"), "open") == 0;
		bad += strcmp(ss_js(e, "status"), "fail") == 0 ||
		       strcmp(ss_js(e, "status"), "error") == 0;
	}
	snprintf(line, sizeof(line),
		 strcmp(d->lang, "ja") == 0
			 ? "実装項目 %zu 件: 検証済み %lld 件、不合格 %lld 件、未検証 %lld 件です。"
			 : "%zu implemented items: %lld verified, %lld failing, %lld not verified "
			   "yet.",
		 json_array_size(all), (long long)json_array_size(all) - open - bad, bad, open);
	E(d->em->para(d, line));
	if (json_array_size(all) == 0)
		return 0;
	E(d->em->table_begin(d, head, 4));
	json_array_foreach(all, i, e) {
		ss_buf by = SS_BUF_INIT(0);
		const json_t *v = json_object_get(e, "verification");
		const char *row[4];

		if (*ss_js(e, "host"))
			snprintf(st, sizeof(st), "%s @%s", wv(d, "st_", ss_js(e, "status")),
				 ss_js(e, "host"));
		else
			snprintf(st, sizeof(st), "%s", wv(d, "st_", ss_js(e, "status")));
		if (json_array_size(json_object_get(e, "passed_on"))) {
			ss_buf_puts(&by, w(d, "passed_on"));
			json_array_foreach(json_object_get(e, "passed_on"), k, h)
				ss_buf_printf(&by, "%s%s", k ? ", " : "", json_string_value(h));
		}
		if (json_is_object(v)) {
			if (by.len)
				ss_buf_puts(&by, "\n");
			verification_text(d, &by, v);
		}
		if ((error = ss_buf_puts(&by, "")) < 0) {
			ss_buf_release(&by);
			goto out;
		}
		row[0] = ss_js(e, "item");
		row[1] = title(d, e);
		row[2] = st;
		row[3] = by.ptr;
		error = d->em->table_row(d, row, 4);
		ss_buf_release(&by);
		if (error < 0)
			goto out;
	}
	E(d->em->table_end(d));
out:
	return error;
}

static int risks(ss_doc *d)
{
	const json_t *all = json_object_get(d->m, "risks"), *r;
	const char *head[] = {w(d, "item"),   w(d, "title_col"),  w(d, "policy"),
			      w(d, "reason"), w(d, "decided_by"), w(d, "approval")};
	char reason[8300], approval[600];
	size_t i;
	int error = 0;

	E(d->em->heading(d, 2, w(d, "s_risks"), "risks"));
	if (json_array_size(all) == 0) {
		E(d->em->para(d, w(d, "no_risks")));
		return 0;
	}
	E(d->em->table_begin(d, head, 6));
	json_array_foreach(all, i, r) {
		const char *a = ss_js(r, "approval"), *row[6];

		snprintf(reason, sizeof(reason), "%s%s%s", ss_js(r, "reason"),
			 *ss_js(r, "alternative") ? "\n" : "", ss_js(r, "alternative"));
		if (strcmp(a, "approved") == 0 || strcmp(a, "rejected") == 0)
			snprintf(approval, sizeof(approval), "%s: %s (%s)", wv(d, "a_", a),
				 ss_js(r, "approved_by"), ss_js(r, "approved_at"));
		else
			snprintf(approval, sizeof(approval), "%s", w(d, "a_none"));
		row[0] = ss_js(r, "item");
		row[1] = title(d, r);
		row[2] = ss_policy_text(d, ss_js(r, "policy"));
		row[3] = reason;
		row[4] = ss_js(r, "decided_by");
		row[5] = approval;
		E(d->em->table_row(d, row, 6));
	}
	E(d->em->table_end(d));
out:
	return error;
}

static int switchover(ss_doc *d)
{
	const json_t *e;
	const char *head[] = {w(d, "entry"), w(d, "title_col"), w(d, "when"), w(d, "record")};
	char line[200];
	size_t i;
	int error = 0;

	E(d->em->heading(d, 2, w(d, "s_switchover"), "switchover"));
	snprintf(line, sizeof(line),
		 strcmp(d->lang, "ja") == 0 ? "切替段階で記録されたホストの確認は %lld 件です。"
					    : "Check runs recorded during switchover: %lld.",
		 (long long)ss_ji(d->m, "switchover_runs"));
	E(d->em->para(d, line));
	E(d->em->table_begin(d, head, 4));
	json_array_foreach(json_object_get(d->m, "switchover"), i, e) {
		const json_t *rec = json_object_get(e, "record");
		ss_buf text = SS_BUF_INIT(0);
		const char *row[4];

		if (json_is_object(rec))
			verification_text(d, &text, rec);
		else
			ss_buf_puts(&text, w(d, "not_recorded"));
		if ((error = ss_buf_puts(&text, "")) < 0) {
			ss_buf_release(&text);
			goto out;
		}
		row[0] = ss_js(e, "entry");
		row[1] = title(d, e);
		row[2] = wv(d, "w_", ss_js(e, "when"));
		row[3] = text.ptr;
		error = d->em->table_row(d, row, 4);
		ss_buf_release(&text);
		if (error < 0)
			goto out;
	}
	E(d->em->table_end(d));
out:
	return error;
}

static int milestones(ss_doc *d)
{
	const json_t *all = json_object_get(d->m, "milestones"), *m, *s;
	const char *head[] = {w(d, "milestone"), w(d, "stage"), w(d, "state"), w(d, "signers")};
	size_t i, j;
	int error = 0;

	E(d->em->heading(d, 2, w(d, "s_milestones"), "milestones"));
	if (json_array_size(all) == 0) {
		E(d->em->para(d, w(d, "no_milestones")));
		return 0;
	}
	E(d->em->table_begin(d, head, 4));
	json_array_foreach(all, i, m) {
		ss_buf who = SS_BUF_INIT(0);
		const char *row[4];

		json_array_foreach(json_object_get(m, "signatures"), j, s)
			ss_buf_printf(&who, "%s%s (%s)", j ? "\n" : "", ss_js(s, "person"),
				      ss_js(s, "time"));
		if ((error = ss_buf_puts(&who, "")) < 0) {
			ss_buf_release(&who);
			goto out;
		}
		row[0] = ss_js(m, "name");
		row[1] = wv(d, "g_", ss_js(m, "stage"));
		row[2] = json_is_true(json_object_get(m, "complete")) ? w(d, "complete")
								      : w(d, "waiting");
		row[3] = who.ptr;
		error = d->em->table_row(d, row, 4);
		ss_buf_release(&who);
		if (error < 0)
			goto out;
	}
	E(d->em->table_end(d));
out:
	return error;
}

int ss_render_acceptance(ss_buf *out, const json_t *report, const char *format, const char *lang)
{
	ss_doc d = {.m = report, .lang = lang, .out = out};
	const char **names = NULL;
	char head[512];
	size_t n = 0;
	int error;

	if (!out || !report || !format || !lang)
		return ss_error_set(SS_EINVAL, "ss_render_acceptance: NULL argument");
	if (strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0)
		return ss_error_set(SS_EINVAL, "--lang must be ja or en, not '%.20s'", lang);
	if (strcmp(format, "json") == 0) {
		error = ss_json_canonical(out, report);
		return error < 0 ? error : ss_buf_putc(out, '\n');
	}
	if (strcmp(format, "md") == 0)
		d.em = &ss_emitter_md;
	else if (strcmp(format, "html") == 0)
		d.em = &ss_emitter_html;
	else
		return ss_error_set(SS_EINVAL, "--format must be md, html or json, not '%.20s'",
				    format);
	if (!(names = host_names(json_object_get(report, "hosts"), &n)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	snprintf(head, sizeof(head), "%s: %s", w(&d, "title"), ss_js(report, "project"));
	E(d.em->begin(&d, head));
	E(d.em->heading(&d, 1, head, NULL));
	snprintf(head, sizeof(head),
		 strcmp(lang, "ja") == 0 ? "イベント 1〜%lld (この報告書が基づく範囲)"
					 : "events 1 to %lld (what this report stands on)",
		 (long long)ss_ji(report, "events"));
	E(d.em->kv_begin(&d));
	E(d.em->kv(&d, w(&d, "project"), ss_js(report, "project")));
	E(d.em->kv(&d, w(&d, "log"), head));
	E(d.em->kv_end(&d));
	E(hosts(&d, names, n));
	E(failures(&d, names, n));
	E(items(&d));
	E(risks(&d));
	E(switchover(&d));
	E(milestones(&d));
	E(d.em->end(&d));
out:
	free(names);
	return error;
}
