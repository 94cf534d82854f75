/*
 * Acceptance and switchover as evidence (rules 6; include/secspec/check.h):
 * a host check's results recorded (check.run), a named verification of an
 * item or of a switchover checklist entry (verify.record), and the state of
 * both read back by folding the log through the rule book, so that what a
 * reader sees is what a verifier of the bundle judges.
 */
#define _DEFAULT_SOURCE /* timegm */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "core/negotiate_int.h"
#include "formats/x509.h"
#include "host/rootfs.h"
#include "secspec/check.h"
#include "store/rules_store.h"
#include "util/banned.h"

/* The switchover checklist's entries: what each asks, in both languages
 * (the ids are the rule book's, ss_rules_switchover_entries). */
static const struct {
	const char *id, *when, *ja, *en;
} entries[] = {
	{"SWO-ROUTING", "throughout", "ルーティング、ポートフォワード等の確認",
	 "Routing and port forwarding checked"},
	{"SWO-PRIVILEGE", "throughout", "最小特権でのアプリケーション実行の確認",
	 "Applications run with least privilege"},
	{"SWO-CREDENTIALS", "throughout", "特権管理者 ID、パスワードの変更",
	 "Privileged administrator IDs and passwords changed"},
	{"SWO-SYSTEM-IDS", "throughout", "システムが使用する ID の確認 (Windows では SPN)",
	 "IDs the system uses checked (SPNs on Windows)"},
	{"SWO-CERTIFICATES", "throughout", "証明書の DNS 名、有効期限の確認",
	 "Certificates' DNS names and expiry checked"},
	{"SWO-DEV-ACCOUNTS", "completion", "開発で使用した ID/パスワード、権限設定の解除・無効化",
	 "Development IDs, passwords and permissions removed or disabled"},
	{"SWO-DEV-FILES", "completion",
	 "開発環境、開発定義ファイル、テスト用データ、スクリプト、バッチファイル等の削除・無効化",
	 "Development environment, definition files, test data, scripts and batch files removed "
	 "or disabled"},
	{"SWO-DEV-DOCUMENTS", "completion", "開発関連ドキュメント、ディレクトリ、ファイル等の削除",
	 "Development documents, directories and files removed"},
	{"SWO-TEST-PORTS", "completion", "テスト用ポート、プロトコルの無効化",
	 "Test ports and protocols disabled"},
	{"SWO-PENTEST", "completion", "ペネトレーションテストの実施",
	 "Penetration test carried out"},
	{"SWO-RESTORE", "completion", "バックアップ、リストアの際の復元条件の明確化",
	 "Backup and restore conditions made explicit"},
};

int ss_check_record(json_t **out, ss_store *st, const ss_check_req *req,
		    const ss_check_record_input *in, const char *by)
{
	static const char *const stages[] = {"acceptance", "switchover", "operation", NULL};
	ss_write w = {0};
	json_t *res = NULL, *results = NULL, *data = NULL, *it;
	const char *version;
	size_t i;
	int error;

	if (!out || !st || !req || !in)
		return ss_error_set(SS_EINVAL, "ss_check_record: NULL argument");
	if ((error = ss__nego_need("--host", in->host, "the name of the host checked")) < 0 ||
	    (error = ss__nego_text("--host", in->host, false)) < 0 ||
	    (error = ss__nego_pick("--stage", in->stage ? in->stage : "acceptance", stages,
				   "acceptance, switchover or operation")) < 0 ||
	    (error = ss__nego_text("--note", in->note, true)) < 0 ||
	    (error = ss__nego_need("--by", by, "the person making the record")) < 0)
		return error;
	/* the check reads the target first, outside the write: the rule book
	 * then refuses a result for an item decided otherwise meanwhile */
	if ((error = ss_check_run(&res, st, req)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, req->project, by, SS_ACT_CHECK)) < 0)
		goto out;
	version = ss_js(res, "catalog_version");
	if (!(results = json_array())) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(json_object_get(res, "items"), i, it) {
		char policy[32], decider[256], approval[16], hash[65];
		int64_t seq;
		int found = ss_rules_store_item(w.st, w.pid, version, ss_js(it, "id"), &seq, policy,
						sizeof(policy), decider, sizeof(decider), approval,
						sizeof(approval), hash, sizeof(hash));

		if (found < 0) {
			error = found;
			goto out;
		}
		if (json_array_append_new(results,
					  json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "item",
						    ss_js(it, "id"), "item_hash", found ? hash : "",
						    "kind", ss_js(it, "kind"), "verdict",
						    ss_js(it, "verdict"), "seen", ss_js(it, "seen"),
						    "expected", ss_js(it, "expected"))) < 0) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
	}
	data = json_pack("{s:s, s:O, s:s, s:s, s:o, s:{s:O, s:O, s:O, s:O}, s:O, s:O, s:s*, s:s*}",
			 "host", in->host, "target",
			 json_object_get(json_object_get(res, "target"), "kind"), "stage",
			 in->stage ? in->stage : "acceptance", "catalog_version", version,
			 "results", results, "counts", "pass",
			 json_object_get(json_object_get(res, "counts"), "pass"), "fail",
			 json_object_get(json_object_get(res, "counts"), "fail"), "na",
			 json_object_get(json_object_get(res, "counts"), "na"), "error",
			 json_object_get(json_object_get(res, "counts"), "error"), "unchecked",
			 json_object_get(json_object_get(res, "counts"), "unchecked"), "path",
			 json_object_get(json_object_get(res, "target"), "path"), "note", in->note,
			 "tool", ss_js_or_null(res, "tool"));
	results = NULL;
	if (!data) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss_write__event(&w, "check.run", data)) < 0 ||
	    (error = ss_write__commit(&w)) < 0)
		goto out;
	json_object_set_new(res, "recorded", json_integer((json_int_t)w.seq));
	json_object_set_new(res, "host", json_string(in->host));
	json_object_set_new(res, "stage", json_string(in->stage ? in->stage : "acceptance"));
	*out = res;
	res = NULL;
out:
	ss_write__release(&w);
	json_decref(results);
	json_decref(res);
	return error;
}

int ss_verify_record(json_t **out, ss_store *st, const char *project, const ss_verify_input *in,
		     const char *by)
{
	static const char *const methods[] = {"attestation", "review", "test", NULL};
	static const char *const results[] = {"pass", "fail", "na", NULL};
	ss_write w = {0};
	json_t *data = NULL;
	const json_t *cur;
	char what[120];
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_verify_record: NULL argument");
	if ((error = ss__nego_name(N_("the item or checklist entry"), in->subject)) < 0 ||
	    (error = ss__nego_pick("--method", in->method, methods,
				   "attestation, review or test")) < 0 ||
	    (error = ss__nego_pick("--result", in->result, results, "pass, fail or na")) < 0 ||
	    (error = ss__nego_need("--detail", in->detail,
				   "what was verified, how, and what was seen")) < 0 ||
	    (error = ss__nego_text("--detail", in->detail, true)) < 0 ||
	    (error = ss__nego_text("--host", in->host, false)) < 0)
		return error;
	if ((error = ss__nego_begin(&w, st, project, by, "verify.record")) < 0)
		goto out;
	if (!(data = json_pack("{s:s, s:s, s:s, s:s, s:s*}", "subject", in->subject, "method",
			       in->method, "result", in->result, "detail", in->detail, "host",
			       in->host))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (in->evidence)
		json_object_set_new(data, "evidence", json_string(in->evidence->sha256));
	if (strncmp(in->subject, "SWO-", 4) != 0) {
		char policy[32], decider[256], approval[16], hash[65];
		int64_t seq;
		int found = ss_rules_store_item(w.st, w.pid, ss_js(w.project, "catalog_version"),
						in->subject, &seq, policy, sizeof(policy), decider,
						sizeof(decider), approval, sizeof(approval), hash,
						sizeof(hash));

		if (found < 0) {
			error = found;
			goto out;
		}
		if (!found) {
			error = ss_error_set(SS_ENOTFOUND,
					     "item %.60s is not in the specification of %s",
					     in->subject, project);
			goto out;
		}
		json_object_set_new(data, "item_hash", json_string(hash));
	}
	cur = ss_rules_verified(w.rules, in->subject);
	snprintf(what, sizeof(what), _("the verification of %.60s"), in->subject);
	if ((error = ss__nego_supersedes(data, cur, in->supersede, what)) < 0)
		goto out;
	error = ss__nego_append(out, &w, project, "verify.record", data);
	data = NULL;
out:
	ss_write__release(&w);
	json_decref(data);
	return error;
}

/* What the fold does not keep: the data of each check run and verification
 * (seen and expected, detail, note) by event, and the stage of each
 * milestone opened with one. */
typedef struct {
	ss_rules *r;
	json_t *events; /* "seq" -> data of check.run and verify.record */
	json_t *stages; /* milestone name -> stage */
	int64_t size;   /* the log's size: what the report stands on */
} show_ctx;

static int show_row(void *ctx, const ss_event_row *row)
{
	show_ctx *c = ctx;
	bool keep = strcmp(row->type, "check.run") == 0 || strcmp(row->type, "verify.record") == 0,
	     open = strcmp(row->type, "milestone.open") == 0;
	int error = ss__rules_fold_row(c->r, row);

	c->size = row->seq;
	if (error < 0 || (!keep && !open))
		return error;
	{
		json_t *ev = ss_json_loadb_bounded(row->body, row->body_len, 0);
		json_t *data = json_object_get(ev, "data");
		char key[24];

		if (keep && json_is_object(data)) {
			snprintf(key, sizeof(key), "%lld", (long long)row->seq);
			json_object_set(c->events, key, data);
		} else if (open && json_is_string(json_object_get(data, "stage")))
			json_object_set(c->stages, ss_js(data, "name"),
					json_object_get(data, "stage"));
		json_decref(ev);
	}
	return 0;
}

static const json_t *event_of(const show_ctx *c, const json_t *rec)
{
	char key[24];

	snprintf(key, sizeof(key), "%lld", (long long)ss_ji(rec, "seq"));
	return json_object_get(c->events, key);
}

/* A host's newest run with what it recorded besides the verdicts: path,
 * note, and the results that failed or could not be checked (seen,
 * expected), in the order of the run. */
static void host_detail(json_t *run, const json_t *data, const json_t *titles)
{
	json_t *failures = json_array(), *res;
	const json_t *e;
	size_t i;

	json_array_foreach(json_object_get(data, "results"), i, e) {
		const char *v = ss_js(e, "verdict");
		const json_t *t = json_object_get(titles, ss_js(e, "item"));

		if (strcmp(v, "fail") != 0 && strcmp(v, "error") != 0)
			continue;
		res = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "item", ss_js(e, "item"),
				"verdict", v, "seen", ss_js(e, "seen"), "expected",
				ss_js(e, "expected"), "title_ja", ss_js(t, "title_ja"), "title_en",
				ss_js(t, "title_en"));
		if (res)
			json_array_append_new(failures, res);
	}
	json_object_set_new(run, "failures", failures);
	json_object_set_new(run, "unchecked", json_integer(ss_ji(data, "unchecked")));
	json_object_set_new(run, "catalog_version", json_string(ss_js(data, "catalog_version")));
	if (json_is_string(json_object_get(data, "path")))
		json_object_set(run, "path", json_object_get(data, "path"));
	if (json_is_string(json_object_get(data, "note")))
		json_object_set(run, "note", json_object_get(data, "note"));
}

/* A verification with its detail, host and evidence. */
static void verify_detail(json_t *rec, const json_t *data)
{
	static const char *const keys[] = {"detail", "host", "evidence"};
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (json_is_string(json_object_get(data, keys[i])))
			json_object_set(rec, keys[i], json_object_get(data, keys[i]));
	if (json_object_get(data, "supersedes"))
		json_object_set(rec, "supersedes", json_object_get(data, "supersedes"));
}

/* The items the specification accepts as a risk or covers by another
 * measure, with who decided and who approved (the requirement list's). */
static json_t *risks_of(const json_t *items)
{
	static const char *const keys[] = {"reason",      "alternative",  "scenario", "decided_by",
					   "decided_at",  "review_by",    "approval", "approved_by",
					   "approved_at", "approval_note"};
	json_t *risks = json_array(), *o;
	const json_t *q;
	size_t i, k;

	json_array_foreach(items, i, q) {
		const char *pol = ss_js(q, "policy");

		if (strcmp(pol, "accept") != 0 && strcmp(pol, "alternative") != 0)
			continue;
		if (!(o = json_pack("{s:s, s:s, s:s, s:s}", "item", ss_js(q, "id"), "policy", pol,
				    "title_ja", ss_js(q, "title_ja"), "title_en",
				    ss_js(q, "title_en"))))
			continue;
		for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
			if (json_is_string(json_object_get(q, keys[k])))
				json_object_set(o, keys[k], json_object_get(q, keys[k]));
		json_array_append_new(risks, o);
	}
	return risks;
}

int ss_acceptance_show(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *rep = NULL, *sw, *e, *items = NULL, *q, *titles = NULL, *ms = NULL;
	json_t *stage_ms = NULL, *m, *run;
	show_ctx c = {0};
	bool began = false;
	const char *host;
	size_t i;
	int error;

	if (!out || !st || !project)
		return ss_error_set(SS_EINVAL, "ss_acceptance_show: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		goto out;
	c.r = ss_rules_new(project, NULL, NULL);
	c.events = json_object();
	c.stages = json_object();
	if (!c.r || !c.events || !c.stages) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	/* the rule book folded over the project's whole log, as a verifier
	 * folds it, keeping the data the fold leaves out */
	if ((error = ss_lstore_each(st, ss_ji(key, "id"), INT64_MAX, show_row, &c)) < 0 ||
	    (error = ss__milestones(&ms, st, ss_ji(key, "id"))) < 0)
		goto out;
	if (!(rep = ss_rules_acceptance(c.r))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	/* the titles of the items, from the specification */
	ss_store__read_end(st, began);
	began = false;
	if ((error = ss_requirement_list(&items, st, project, NULL, NULL)) < 0)
		goto out;
	if (!(titles = json_object()) || !(stage_ms = json_array())) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(items, i, q)
		json_object_set(titles, ss_js(q, "id"), q);
	json_object_foreach(json_object_get(rep, "hosts"), host, run) {
		json_object_set_new(run, "host", json_string(host));
		host_detail(run, event_of(&c, run), titles);
	}
	json_object_foreach(json_object_get(rep, "verified"), host, run)
		verify_detail(run, event_of(&c, run));
	json_array_foreach(json_object_get(rep, "items"), i, e) {
		const json_t *t = json_object_get(titles, ss_js(e, "item"));
		json_t *v = json_object_get(json_object_get(rep, "verified"), ss_js(e, "item"));
		json_t *passed = json_array();

		json_object_set_new(e, "title_ja", json_string(ss_js(t, "title_ja")));
		json_object_set_new(e, "title_en", json_string(ss_js(t, "title_en")));
		/* what verifies it: the hosts whose newest run passed it, and
		 * its newest named verification */
		json_object_foreach(json_object_get(rep, "hosts"), host, run)
			if (strcmp(ss_js(json_object_get(run, "verdicts"), ss_js(e, "item")),
				   "pass") == 0)
				json_array_append_new(passed, json_string(host));
		json_object_set_new(e, "passed_on", passed);
		if (v)
			json_object_set(e, "verification", v);
	}
	sw = json_object_get(rep, "switchover");
	json_array_foreach(sw, i, e) {
		if (i >= sizeof(entries) / sizeof(entries[0]) ||
		    strcmp(entries[i].id, ss_js(e, "entry")) != 0) {
			error = ss_error_set(SS_ERROR,
					     "the switchover checklist's titles are out of "
					     "step with the rule book");
			goto out;
		}
		json_object_set_new(e, "when", json_string(entries[i].when));
		json_object_set_new(e, "title_ja", json_string(entries[i].ja));
		json_object_set_new(e, "title_en", json_string(entries[i].en));
	}
	/* the milestones that close a stage, with their signers */
	json_array_foreach(ms, i, m) {
		const json_t *stage = json_object_get(c.stages, ss_js(m, "name"));

		if (!stage)
			continue;
		json_object_set(m, "stage", (json_t *)stage);
		json_array_append(stage_ms, m);
	}
	json_object_set_new(rep, "risks", risks_of(items));
	json_object_set_new(rep, "milestones", stage_ms);
	stage_ms = NULL;
	json_object_set_new(rep, "project", json_string(project));
	json_object_set_new(rep, "events", json_integer((json_int_t)c.size));
	*out = rep;
	rep = NULL;
out:
	ss_store__read_end(st, began);
	if (c.r)
		ss_rules_free(c.r);
	json_decref(c.events);
	json_decref(c.stages);
	json_decref(key);
	json_decref(rep);
	json_decref(items);
	json_decref(titles);
	json_decref(ms);
	json_decref(stage_ms);
	return error;
}

/* --- certificates (SWO-CERTIFICATES) ---------------------------------------- */

static int64_t utc_seconds(const char *t)
{
	struct tm tm = {0};

	if (sscanf(t, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
		   &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return (int64_t)timegm(&tm);
}

/* Seconds from a to b, both YYYY-MM-DDTHH:MM:SSZ (b - a). */
static int64_t seconds_between(const char *a, const char *b)
{
	return utc_seconds(b) - utc_seconds(a);
}

static void problem(json_t *problems, const char *path, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* One problem of the certificates, in the messages' language. */
static void problem(json_t *problems, const char *path, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), ss_gettext(fmt), ap);
	va_end(ap);
	json_array_append_new(problems, json_pack("{s:s, s:s}", "path", path, "problem", text));
}

/* "a,b,c" of an array of strings, cut to fit. */
static const char *joined(char *out, size_t n, const json_t *list)
{
	const json_t *e;
	size_t i, used = 0;

	out[0] = '\0';
	json_array_foreach(list, i, e) {
		int w = snprintf(out + used, n - used, "%s%s", i ? "," : "", json_string_value(e));

		if (w < 0 || (size_t)w >= n - used)
			break;
		used += (size_t)w;
	}
	return out;
}

void ss__detail_add(ss__detail *d, const char *fmt, ...)
{
	char line[1600];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (d->full || n < 0)
		return;
	if ((size_t)n > sizeof(line) - 2)
		n = (int)sizeof(line) - 2;
	line[n++] = '\n';
	line[n] = '\0';
	/* whole lines only: once one does not fit, nothing after it does */
	if (d->used + (size_t)n >= sizeof(d->text)) {
		d->full = true;
		return;
	}
	memcpy(d->text + d->used, line, (size_t)n + 1);
	d->used += (size_t)n;
}

/* What was seen, a line a certificate and a line a problem. */
static void cert_detail(ss__detail *d, const json_t *res)
{
	char names[1024];
	const json_t *e;
	size_t i;

	json_array_foreach(json_object_get(res, "certificates"), i, e)
		ss__detail_add(d, "%s#%lld %s [%s] %s .. %s sha256:%.16s", ss_js(e, "path"),
			       (long long)ss_ji(e, "index"), ss_js(e, "subject_cn"),
			       joined(names, sizeof(names), json_object_get(e, "dns")),
			       ss_js(e, "not_before"), ss_js(e, "not_after"), ss_js(e, "sha256"));
	json_array_foreach(json_object_get(res, "problems"), i, e)
		ss__detail_add(d, "%s%s%s", ss_js(e, "path"), *ss_js(e, "path") ? ": " : "",
			       ss_js(e, "problem"));
}

int ss_cert_check(json_t **out, const ss_cert_req *req)
{
	json_t *certs = json_array(), *problems = json_array(), *names = json_array();
	char now[SS_TIME_MAX];
	ss_rootfs *fs = NULL;
	size_t i, j, k;
	int error = 0, days;

	if (!out || !req || !req->root || req->ncerts == 0) {
		error = ss_error_set(SS_EINVAL,
				     "ss_cert_check: a root and at least one certificate");
		goto out;
	}
	if (!certs || !problems || !names) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	days = req->days > 0 ? req->days : 30;
	if ((error = ss_time_now(now)) < 0 || (error = ss_rootfs_open(&fs, req->root)) < 0)
		goto out;
	for (i = 0; i < req->ncerts; i++) {
		ss_x509_cert *c = NULL;
		char *buf = NULL;
		size_t len = 0, n = 0;

		if ((error = ss_rootfs_read(fs, req->certs[i], (size_t)1 << 20, &buf, &len)) < 0 ||
		    (error = ss_x509_parse(&c, &n, req->certs[i], buf, len)) < 0) {
			free(buf);
			problem(problems, req->certs[i], "%s", ss_error_last());
			error = 0;
			continue;
		}
		free(buf);
		for (j = 0; j < n; j++) {
			int64_t left = seconds_between(now, c[j].not_after);
			json_t *dns = json_array();

			for (k = 0; k < c[j].ndns; k++)
				json_array_append_new(dns, json_string(c[j].dns[k]));
			json_array_append_new(
				certs, json_pack("{s:s, s:I, s:s, s:o, s:s, s:s, s:s, s:b, s:I}",
						 "path", req->certs[i], "index", (json_int_t)j + 1,
						 "subject_cn", c[j].subject_cn, "dns", dns,
						 "not_before", c[j].not_before, "not_after",
						 c[j].not_after, "sha256", c[j].sha256, "ca",
						 c[j].ca, "days_left", (json_int_t)(left / 86400)));
			if (seconds_between(c[j].not_before, now) < 0)
				problem(problems, req->certs[i],
					N_("certificate %zu (%s) is not valid before %s"), j + 1,
					c[j].subject_cn, c[j].not_before);
			else if (left <= 0)
				problem(problems, req->certs[i],
					N_("certificate %zu (%s) expired on %s"), j + 1,
					c[j].subject_cn, c[j].not_after);
			else if (left < (int64_t)days * 86400)
				problem(problems, req->certs[i],
					N_("certificate %zu (%s) expires on %s, in less than %d "
					   "days"),
					j + 1, c[j].subject_cn, c[j].not_after, days);
		}
		/* the names the server is reached by: a certificate that is not a CA's covers each
		 */
		for (k = 0; k < req->nnames; k++) {
			for (j = 0; j < n; j++)
				if (!c[j].ca && ss_x509_covers(&c[j], req->names[k]))
					break;
			if (j < n)
				json_array_append_new(names,
						      json_pack("{s:s, s:s}", "name", req->names[k],
								"path", req->certs[i]));
		}
		ss_x509_free(c, n);
	}
	for (k = 0; k < req->nnames; k++) {
		const json_t *e;
		bool found = false;

		json_array_foreach(names, j, e)
			found = found || !strcmp(ss_js(e, "name"), req->names[k]);
		if (!found)
			problem(problems, "", N_("no certificate is for %s"), req->names[k]);
	}
	*out = json_pack("{s:s, s:s, s:i, s:o, s:o, s:o, s:s}", "root", req->root, "now", now,
			 "days", days, "certificates", certs, "names", names, "problems", problems,
			 "verdict", json_array_size(problems) ? "fail" : "pass");
	certs = names = problems = NULL;
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
	else {
		ss__detail d = {.used = 0};

		cert_detail(&d, *out);
		json_object_set_new(*out, "detail", json_string(d.text));
	}
out:
	ss_rootfs_close(fs);
	json_decref(certs);
	json_decref(names);
	json_decref(problems);
	return error;
}

int ss__switchover_test(json_t **out, ss_store *st, const char *project, const char *entry,
			json_t *res, const char *seen, const char *host, bool supersede,
			const char *by)
{
	ss_verify_input in = {0};
	ss_buf canon = SS_BUF_INIT(0);
	json_t *rec = NULL;
	ss_document doc;
	char name[64];
	int error;

	/* the evidence: the hash of what was read, which the other party gets
	 * again from the same host */
	if ((error = ss_json_canonical(&canon, seen ? json_object_get(res, seen) : res)) < 0)
		goto out;
	snprintf(name, sizeof(name), "%s.json", seen ? seen : entry);
	ss_document_of(&doc, name, canon.ptr, canon.len);
	in.subject = entry;
	in.method = "test";
	in.result = ss_js(res, "verdict");
	in.detail = ss_js(res, "detail");
	in.host = host;
	in.supersede = supersede;
	in.evidence = &doc;
	if ((error = ss_verify_record(&rec, st, project, &in, by)) < 0)
		goto out;
	json_object_set_new(res, "recorded", json_integer(ss_ji(rec, "seq")));
	*out = res;
	res = NULL;
out:
	ss_buf_release(&canon);
	json_decref(res);
	json_decref(rec);
	return error;
}

int ss_cert_record(json_t **out, ss_store *st, const char *project, const ss_cert_req *req,
		   const char *host, bool supersede, const char *by)
{
	json_t *res = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_cert_record: NULL argument");
	if ((error = ss_cert_check(&res, req)) < 0)
		return error;
	return ss__switchover_test(out, st, project, "SWO-CERTIFICATES", res, "certificates", host,
				   supersede, by);
}
