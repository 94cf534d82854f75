/*
 * Acceptance and switchover (rules 6).
 *
 * check.run: the results of the catalog's machine checks on one host, as
 * the person who ran them saw them: every item in it is in the
 * specification, decided implement, with the content hash the
 * specification holds, and the counts are the tally of the verdicts. Each
 * run is a record of its own; the newest of a host stands for it.
 *
 * verify.record: a named person's verification of an implemented item
 * that no machine checks (an attestation, a review, a test with its
 * evidence), or of an entry of the switchover checklist. The newest of a
 * subject stands for it.
 *
 * A milestone of stage acceptance needs every implemented item verified:
 * no host's newest run fails it or could not check it, and a run passed it
 * or its newest verification did. Switchover (its completion, 切替完了)
 * needs the same, a check run recorded during switchover, and every entry
 * of the checklist done or not applicable. Both are folded in both modes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

/* The switchover checklist (the seed's switchover section): shared with the
 * user from switchover to completion, then evidence at completion. */
const char *const ss_rules_switchover_entries[] = {
	"SWO-ROUTING",      "SWO-PRIVILEGE",    "SWO-CREDENTIALS", "SWO-SYSTEM-IDS",
	"SWO-CERTIFICATES", "SWO-DEV-ACCOUNTS", "SWO-DEV-FILES",   "SWO-DEV-DOCUMENTS",
	"SWO-TEST-PORTS",   "SWO-PENTEST",      "SWO-RESTORE",     NULL};

static bool switchover_entry(const char *s)
{
	return ss_rules__one_of(s, ss_rules_switchover_entries);
}

/* An item of the specification decided implement, with this content hash:
 * 1 yes, 0 no (why in *why), < 0 error in h. */
static int implemented(ss_rule_hit *h, ss_rules *r, const char *id, const char *hash,
		       const char **why)
{
	item_state it;
	int found = ss_rules__item_get(h, r, id, &it);

	if (found < 0)
		return found;
	if (!found)
		*why = N_("it is not in the specification");
	else if (!streq(it.policy, "implement"))
		*why = N_("it is not decided implement");
	else if (!streq(it.hash, hash))
		*why = N_("its content hash is not the specification's");
	else
		return 1;
	return 0;
}

static int check_run(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const json_t *e, *counts = ss_rules__djson(d, "counts");
	json_t *seen;
	int64_t tally[4] = {0};
	static const char *const verdicts[] = {"pass", "fail", "na", "error"};
	const char *why = NULL;
	size_t i, v;
	int error = 0;

	if (!streq(ss_rules__dstr(d, "catalog_version"), r->catalog))
		return ss_rules__hit(h, SS_RULE_CHECK_CATALOG,
				     "the check ran catalog %.40s, but the project uses %.40s",
				     ss_rules__dstr(d, "catalog_version"), r->catalog);
	if (!(seen = json_object()))
		return ss_rules__source_error(h, ss_error_set(SS_ENOMEM, "out of memory"));
	json_array_foreach(ss_rules__djson(d, "results"), i, e) {
		const char *id = ss_js(e, "item");
		int ok;

		if (json_object_get(seen, id)) {
			error = ss_rules__hit(h, SS_RULE_CHECK_ITEM,
					      "item %.40s has two results in one check run", id);
			break;
		}
		json_object_set_new(seen, id, json_true());
		if ((ok = implemented(h, r, id, ss_js(e, "item_hash"), &why)) < 0) {
			error = ok;
			break;
		}
		if (!ok) {
			error = ss_rules__hit(h, SS_RULE_CHECK_ITEM,
					      "the check run has a result for item %.40s, but %s",
					      id, _(why));
			break;
		}
		for (v = 0; v < 4; v++)
			tally[v] += streq(ss_js(e, "verdict"), verdicts[v]);
	}
	json_decref(seen);
	if (error < 0)
		return error;
	for (v = 0; v < 4; v++)
		if (ss_ji(counts, verdicts[v]) != tally[v])
			return ss_rules__hit(
				h, SS_RULE_CHECK_COUNTS,
				"the check run counts %lld %s results, but it holds %lld",
				(long long)ss_ji(counts, verdicts[v]), verdicts[v],
				(long long)tally[v]);
	return 0;
}

static int check_verify(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const ss_rules_data *d = ev->data;
	const char *subject = ss_rules__dstr(d, "subject"), *why = NULL;
	const json_t *cur = json_object_get(r->verified, subject);
	int ok;

	if (!strncmp(subject, "SWO-", 4)) {
		if (!switchover_entry(subject))
			return ss_rules__hit(h, SS_RULE_VERIFY_SUBJECT,
					     "%.40s is not an entry of the switchover checklist",
					     subject);
		if (ss_rules__dhas(d, "item_hash"))
			return ss_rules__hit(h, SS_RULE_EVENT_DATA,
					     "verify.record: a switchover entry has no item_hash");
	} else {
		if (!ss_rules__dhas(d, "item_hash"))
			return ss_rules__hit(h, SS_RULE_EVENT_DATA,
					     "verify.record: an item's verification names its "
					     "item_hash");
		if (streq(ss_rules__dstr(d, "result"), "na"))
			return ss_rules__hit(h, SS_RULE_VERIFY_SUBJECT,
					     "item %.40s is decided implement: it is verified, "
					     "not set aside as not applicable",
					     subject);
		if ((ok = implemented(h, r, subject, ss_rules__dstr(d, "item_hash"), &why)) < 0)
			return ok;
		if (!ok)
			return ss_rules__hit(h, SS_RULE_VERIFY_SUBJECT,
					     "a verification of item %.40s, but %s", subject,
					     _(why));
	}
	/* a correction names the record it corrects */
	if (ss_rules__dhas(d, "supersedes") &&
	    (!cur || ss_ji(cur, "seq") != ss_rules__dint(d, "supersedes")))
		return ss_rules__hit(h, SS_RULE_RECORD_SUPERSEDES,
				     "the verification of %.40s supersedes event %lld, which is "
				     "not its newest",
				     subject, (long long)ss_rules__dint(d, "supersedes"));
	if (cur && !ss_rules__dhas(d, "supersedes"))
		return ss_rules__hit(h, SS_RULE_RECORD_ID,
				     "%.40s was verified before (event %lld): a new verification "
				     "supersedes it",
				     subject, (long long)ss_ji(cur, "seq"));
	return 0;
}

int ss_rules__check_accept(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int t)
{
	return t == T_CHECK_RUN ? check_run(h, r, ev) : check_verify(h, r, ev);
}

/* --- coverage ------------------------------------------------------------------ */

/* The requirements whole in r->items: a writer reads them from its source
 * (once; kept until an event changes a requirement). */
static int items_ready(ss_rule_hit *h, ss_rules *r)
{
	item_state probe;
	int error;

	if (!r->src || r->items_cached)
		return 0;
	if (!r->src->items)
		return ss_rules__source_error(
			h, ss_error_set(SS_EINVAL, "the rule book's source cannot list the "
						   "requirements a milestone's stage needs"));
	/* one lookup past the count that makes the bulk read */
	r->lookups = ITEM_LOOKUPS_BULK;
	error = ss_rules__item_get(h, r, "", &probe);
	return error < 0 ? error : 0;
}

/* What stands for an implemented item: "pass" (verified), "fail" (a host's
 * newest run fails it, or its newest verification does), "error" (a host's
 * newest run could not check it), "open" (nothing verifies it yet). */
static const char *item_status(const ss_rules *r, const char *id, const char **host)
{
	const json_t *run, *rec = json_object_get(r->verified, id);
	const char *key, *status = "open";

	*host = NULL;
	json_object_foreach(r->hosts, key, run) {
		const char *v = ss_js(json_object_get(run, "verdicts"), id);

		if (streq(v, "fail") || streq(v, "error")) {
			*host = key;
			return v;
		}
		if (streq(v, "pass"))
			status = "pass";
	}
	if (rec && streq(ss_js(rec, "result"), "fail"))
		return "fail";
	if (rec && streq(ss_js(rec, "result"), "pass"))
		status = "pass";
	return status;
}

typedef int (*item_fn)(void *ctx, const char *id, const char *status, const char *host);

/* Each implemented item, in no particular order, with its status. A writer
 * reads its requirements for this and lets them go after: a cache it keeps
 * would outlive the store it was read from. */
static int each_implemented(ss_rule_hit *h, ss_rules *r, item_fn fn, void *ctx)
{
	const item_table *t = &r->items;
	bool loaded = r->src && !r->items_cached;
	size_t i;
	int error;

	if ((error = items_ready(h, r)) < 0)
		goto out;
	for (i = 0; i < t->cap; i++) {
		const item_entry *e = &t->slot[i];
		const char *host, *status, *id;

		if (!e->used || !e->live || !streq(e->policy, "implement"))
			continue;
		id = e->id ? e->id : e->sid;
		status = item_status(r, id, &host);
		if ((error = fn(ctx, id, status, host)) != 0)
			goto out;
	}
out:
	if (loaded) {
		ss_rules__items_release(&r->items);
		r->items_cached = false;
		r->lookups = 0;
	}
	return error;
}

struct gap {
	int64_t open, failing;
	char first[NAME_MAX_BYTES + 1], first_host[204];
	const char *first_status;
};

static int count_gap(void *ctx, const char *id, const char *status, const char *host)
{
	struct gap *g = ctx;

	if (streq(status, "pass"))
		return 0;
	if (streq(status, "open"))
		g->open++;
	else
		g->failing++;
	/* the smallest id, so that the message is the same in both modes */
	if (!g->first_status || strcmp(id, g->first) < 0) {
		snprintf(g->first, sizeof(g->first), "%s", id);
		snprintf(g->first_host, sizeof(g->first_host), "%s", host ? host : "");
		g->first_status = status;
	}
	return 0;
}

int ss_rules__check_stage(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev)
{
	const char *stage = ss_rules__dstr(ev->data, "stage");
	const char *const *e;
	struct gap g = {0};
	int error;

	if (!ss_rules__dhas(ev->data, "stage"))
		return 0;
	if (r->version < 6)
		return ss_rules__needs_version(h, r, 6, "a milestone's stage");
	if ((error = each_implemented(h, r, count_gap, &g)) < 0)
		return error;
	if (g.failing > 0 && *g.first_host)
		return ss_rules__hit(
			h, SS_RULE_ACCEPT_COVERAGE,
			"milestone %s (%s): %lld implemented item(s) fail or could not "
			"be checked, first %s (%s on %s); fix them and check again, or "
			"change the decision",
			ss_rules__dstr(ev->data, "name"), stage, (long long)g.failing, g.first,
			g.first_status, g.first_host);
	if (g.failing > 0)
		return ss_rules__hit(h, SS_RULE_ACCEPT_COVERAGE,
				     "milestone %s (%s): %lld implemented item(s) fail their "
				     "verification, first %s; verify them again, or change the "
				     "decision",
				     ss_rules__dstr(ev->data, "name"), stage, (long long)g.failing,
				     g.first);
	if (g.open > 0)
		return ss_rules__hit(
			h, SS_RULE_ACCEPT_COVERAGE,
			"milestone %s (%s): %lld implemented item(s) are not verified yet, first "
			"%s; record a check run or a verification for each",
			ss_rules__dstr(ev->data, "name"), stage, (long long)g.open, g.first);
	if (!streq(stage, "switchover"))
		return 0;
	if (r->switchover_runs == 0)
		return ss_rules__hit(h, SS_RULE_SWITCHOVER_OPEN,
				     "milestone %s (switchover): no host check was recorded during "
				     "switchover; run secspec check --record --stage switchover",
				     ss_rules__dstr(ev->data, "name"));
	for (e = ss_rules_switchover_entries; *e; e++) {
		const json_t *rec = json_object_get(r->verified, *e);
		const char *res = rec ? ss_js(rec, "result") : NULL;

		if (!streq(res, "pass") && !streq(res, "na"))
			return ss_rules__hit(h, SS_RULE_SWITCHOVER_OPEN,
					     "milestone %s (switchover): checklist entry %s is %s",
					     ss_rules__dstr(ev->data, "name"), *e,
					     res ? _("recorded as not done")
						 : _("not recorded yet"));
	}
	return 0;
}

/* --- fold ----------------------------------------------------------------------- */

static json_t *who(const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *m = ss_rules__member(r, ev->actor);

	return json_pack("{s:I, s:s, s:s, s:s, s:s}", "seq", (json_int_t)ev->seq, "by",
			 ev->actor ? ev->actor : "", "side", m ? ss_js(m, "side") : "", "role",
			 m ? ss_js(m, "role") : "", "time", ev->time ? ev->time : "");
}

void ss_rules__fold_accept(ss_rules *r, const ss_rules_event *ev, int t)
{
	const ss_rules_data *d = ev->data;
	json_t *rec = who(r, ev), *verdicts;
	const json_t *e;
	size_t i;

	if (!rec)
		return;
	if (t == T_VERIFY_RECORD) {
		json_object_set_new(rec, "method", json_string(ss_rules__dstr(d, "method")));
		json_object_set_new(rec, "result", json_string(ss_rules__dstr(d, "result")));
		json_object_set_new(r->verified, ss_rules__dstr(d, "subject"), rec);
		return;
	}
	if (!(verdicts = json_object())) {
		json_decref(rec);
		return;
	}
	json_array_foreach(ss_rules__djson(d, "results"), i, e)
		json_object_set_new(verdicts, ss_js(e, "item"), json_string(ss_js(e, "verdict")));
	json_object_set_new(rec, "stage", json_string(ss_rules__dstr(d, "stage")));
	json_object_set_new(rec, "target", json_string(ss_rules__dstr(d, "target")));
	json_object_set_new(rec, "counts", json_deep_copy(ss_rules__djson(d, "counts")));
	json_object_set_new(rec, "verdicts", verdicts);
	json_object_set_new(r->hosts, ss_rules__dstr(d, "host"), rec);
	if (streq(ss_rules__dstr(d, "stage"), "switchover"))
		r->switchover_runs++;
}

/* --- the report --------------------------------------------------------------- */

const json_t *ss_rules_verified(const ss_rules *r, const char *subject)
{
	return subject ? json_object_get(r->verified, subject) : NULL;
}

static int list_item(void *ctx, const char *id, const char *status, const char *host)
{
	json_t *o = json_pack("{s:s, s:s, s:s?}", "item", id, "status", status, "host", host);

	return o && json_array_append_new(ctx, o) == 0 ? 0
						       : ss_error_set(SS_ENOMEM, "out of memory");
}

static int by_item(const void *a, const void *b)
{
	return strcmp(ss_js(*(json_t *const *)a, "item"), ss_js(*(json_t *const *)b, "item"));
}

json_t *ss_rules_acceptance(ss_rules *r)
{
	json_t *items = json_array(), *out, *sw = json_array(), **all = NULL;
	const char *const *e;
	ss_rule_hit h;
	size_t i, n;

	if (!items || !sw || each_implemented(&h, r, list_item, items) < 0) {
		json_decref(items);
		json_decref(sw);
		return NULL;
	}
	/* by id: the table's order is its hash's */
	n = json_array_size(items);
	if (n && (all = malloc(n * sizeof(*all)))) {
		for (i = 0; i < n; i++)
			all[i] = json_incref(json_array_get(items, i));
		qsort(all, n, sizeof(*all), by_item);
		json_array_clear(items);
		for (i = 0; i < n; i++)
			json_array_append_new(items, all[i]);
		free(all);
	}
	for (e = ss_rules_switchover_entries; *e; e++) {
		const json_t *rec = json_object_get(r->verified, *e);

		json_array_append_new(sw, json_pack("{s:s, s:O?}", "entry", *e, "record", rec));
	}
	out = json_pack("{s:O, s:O, s:o, s:o, s:I}", "hosts", r->hosts, "verified", r->verified,
			"items", items, "switchover", sw, "switchover_runs",
			(json_int_t)r->switchover_runs);
	return out;
}
