/*
 * Components and their vulnerabilities (rules 5).
 *
 * sbom.add: the vendor discloses the system's components, each disclosure a
 * new SBOM version numbered from 1 with every component in its data (so a
 * verifier knows them from the log alone). A writer does not fold it (it is
 * large, and its store has the components): it asks its source for the
 * newest number and for a component, where a verifier keeps the newest
 * version's refs.
 *
 * sbom.policy: the user side's licence policy (allowed / review / denied
 * licence ids and a default), one record, corrected by naming it.
 *
 * vuln.notice, vuln.analysis, vuln.decide, vuln.approve: per vulnerability
 * and component of the newest SBOM, the record that it was found, the
 * vendor's analysis (a VEX statement), the user side's decision on that
 * analysis, and management's approval when the decision accepts an
 * exploitable vulnerability that is not being fixed. Each later step names
 * the one it answers by its seq, as approvals name decisions, so that an
 * answer can never be moved onto another analysis. These are folded in both
 * modes (r->vulns).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_int.h"
#include "util/util.h"
#include "util/banned.h"

#define SBOM_COMPONENTS_MAX SS_RULES_SBOM_COMPONENTS_MAX
#define SBOM_DEPENDENCIES_MAX SS_RULES_SBOM_DEPENDENCIES_MAX

static void vuln_key(char *out, size_t n, const ss_rules_data *d)
{
	snprintf(out, n, "%s\n%s", ss_rules__dstr(d, "vuln"), ss_rules__dstr(d, "component"));
}

static json_t *vuln_entry(const ss_rules *r, const ss_rules_data *d)
{
	char key[2 * 4000 + 2];

	vuln_key(key, sizeof(key), d);
	return json_object_get(r->vulns, key);
}

/* Whether an analysis leaves the component exploitable: affected, with no
 * update or rollback among its responses. */
static bool exploitable(const json_t *analysis)
{
	const json_t *e;
	size_t i;

	if (!streq(ss_js(analysis, "state"), "affected"))
		return false;
	json_array_foreach(json_object_get(analysis, "response"), i, e) {
		if (streq(json_string_value(e), "update") ||
		    streq(json_string_value(e), "rollback"))
			return false;
	}
	return true;
}

int64_t ss_rules_vuln_risky(const ss_rules *r)
{
	return ss_rules__vuln_risky(r);
}

int64_t ss_rules__vuln_risky(const ss_rules *r)
{
	const char *key;
	json_t *v;
	int64_t n = 0;

	json_object_foreach(r->vulns, key, v) {
		const json_t *dec = json_object_get(v, "decision");

		if (dec && json_is_true(json_object_get(dec, "needs_approval")))
			n++;
	}
	return n;
}

static int newest_sbom(ss_rule_hit *h, const ss_rules *r, int64_t *out)
{
	int error;

	*out = r->sbom_n;
	if (r->src && r->src->sbom && (error = r->src->sbom(r->src->ctx, out)) < 0)
		return ss_rules__source_error(h, error);
	return 0;
}

static int check_sbom_add(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *comps = ss_rules__djson(ev->data, "components"),
		     *deps = ss_rules__djson(ev->data, "dependencies"), *c;
	json_t *refs;
	int64_t n;
	size_t i;
	int error = 0;

	if ((error = newest_sbom(h, r, &n)) < 0)
		return error;
	if (ss_rules__dint(ev->data, "sbom") != n + 1)
		return ss_rules__hit(h, SS_RULE_SBOM_NUMBER,
				     "SBOM %lld should be numbered %lld (the newest is %lld)",
				     (long long)ss_rules__dint(ev->data, "sbom"), (long long)n + 1,
				     (long long)n);
	if (json_array_size(comps) > SBOM_COMPONENTS_MAX ||
	    json_array_size(deps) > SBOM_DEPENDENCIES_MAX)
		return ss_rules__hit(h, SS_RULE_SBOM_COMPONENT,
				     "an SBOM version holds at most %d components and %d "
				     "dependencies; this one has %zu and %zu",
				     SBOM_COMPONENTS_MAX, SBOM_DEPENDENCIES_MAX,
				     json_array_size(comps), json_array_size(deps));
	if (!(refs = json_object()))
		return ss_rules__source_error(h, SS_ENOMEM);
	json_array_foreach(comps, i, c) {
		if (json_object_get(refs, ss_js(c, "ref"))) {
			error = ss_rules__hit(h, SS_RULE_SBOM_COMPONENT,
					      "component %zu repeats the ref '%.80s'", i + 1,
					      ss_js(c, "ref"));
			goto out;
		}
		json_object_set_new(refs, ss_js(c, "ref"), json_true());
	}
	/* a parent and each end of a dependency name a component of this SBOM */
	json_array_foreach(comps, i, c) {
		const char *p = ss_js_or_null(c, "parent");

		if (p && !json_object_get(refs, p)) {
			error = ss_rules__hit(h, SS_RULE_SBOM_COMPONENT,
					      "component '%.80s' names a parent '%.80s' the SBOM "
					      "does not hold",
					      ss_js(c, "ref"), p);
			goto out;
		}
	}
	json_array_foreach(deps, i, c) {
		const char *from = json_string_value(json_array_get(c, 0)),
			   *to = json_string_value(json_array_get(c, 1));

		if (!json_object_get(refs, from) || !json_object_get(refs, to)) {
			error = ss_rules__hit(h, SS_RULE_SBOM_COMPONENT,
					      "dependency %zu (%.80s -> %.80s) names a component "
					      "the SBOM does not hold",
					      i + 1, from, to);
			goto out;
		}
	}
out:
	json_decref(refs);
	return error;
}

static int check_policy(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	static const char *const lists[] = {"allowed", "review", "denied"};
	bool sup = ss_rules__dhas(ev->data, "supersedes");
	int64_t seq = r->policy ? ss_ji(r->policy, "seq") : 0;
	json_t *seen;
	int error = 0;

	if (r->policy ? !sup || ss_rules__dint(ev->data, "supersedes") != seq : sup)
		return ss_rules__hit(
			h, SS_RULE_RECORD_SUPERSEDES,
			r->policy ? N_("the licence policy is already recorded (event %lld); a "
				       "correction names it in supersedes (--supersede)")
				  : N_("no licence policy is recorded, so there is nothing to "
				       "supersede (event %lld)"),
			r->policy ? (long long)seq
				  : (long long)ss_rules__dint(ev->data, "supersedes"));
	if (!(seen = json_object()))
		return ss_rules__source_error(h, SS_ENOMEM);
	for (size_t l = 0; l < 3 && !error; l++) {
		const json_t *e;
		size_t i;

		json_array_foreach(ss_rules__djson(ev->data, lists[l]), i, e) {
			const char *id = json_string_value(e);

			if (ss_rules__blank_text(id) || json_object_get(seen, id)) {
				error = ss_rules__hit(h, SS_RULE_SBOM_POLICY,
						      "licence '%.80s' is empty or listed twice in "
						      "the policy",
						      id);
				break;
			}
			json_object_set_new(seen, id, json_true());
		}
	}
	json_decref(seen);
	return error;
}

/* The component of a vulnerability record is one of the newest SBOM's. */
static int check_component(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const char *ref = ss_rules__dstr(ev->data, "component");
	int64_t n, sbom = ss_rules__dint(ev->data, "sbom");
	int error, found;

	if ((error = newest_sbom(h, r, &n)) < 0)
		return error;
	if (sbom != n)
		return ss_rules__hit(h, SS_RULE_VULN_COMPONENT,
				     n == 0 ? N_("%s names SBOM %lld, and no SBOM is recorded")
					    : N_("%s names SBOM %lld, and the newest SBOM is %lld: "
						 "analyse the components as they are now"),
				     ev->type, (long long)sbom, (long long)n);
	if (r->src && r->src->component)
		found = r->src->component(r->src->ctx, n, ref);
	else
		found = json_object_get(r->sbom_refs, ref) != NULL;
	if (found < 0)
		return ss_rules__source_error(h, found);
	if (!found)
		return ss_rules__hit(h, SS_RULE_VULN_COMPONENT,
				     "SBOM %lld holds no component '%.80s'", (long long)n, ref);
	return 0;
}

static int check_analysis(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *cur = json_object_get(vuln_entry(r, ev->data), "analysis");
	bool sup = ss_rules__dhas(ev->data, "supersedes");
	int64_t seq = cur ? ss_ji(cur, "seq") : 0;
	int error;

	if ((error = check_component(h, r, ev)) < 0)
		return error;
	if (cur ? !sup || ss_rules__dint(ev->data, "supersedes") != seq : sup)
		return ss_rules__hit(
			h, SS_RULE_RECORD_SUPERSEDES,
			cur ? N_("%.80s on %.80s is already analysed (event %lld); a new analysis "
				 "names it in supersedes (--supersede)")
			    : N_("%.80s on %.80s has no analysis, so there is nothing to "
				 "supersede (event %lld)"),
			ss_rules__dstr(ev->data, "vuln"), ss_rules__dstr(ev->data, "component"),
			cur ? (long long)seq : (long long)ss_rules__dint(ev->data, "supersedes"));
	if (ss_rules__blank(ev->data, "detail"))
		return ss_rules__hit(
			h, SS_RULE_VULN_REASON,
			"an analysis says why (--detail): what was examined and found");
	return 0;
}

static int check_decide(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *e = vuln_entry(r, ev->data), *an = json_object_get(e, "analysis"),
		     *dec = json_object_get(e, "decision");
	const char *verdict = ss_rules__dstr(ev->data, "verdict");

	if (!an || ss_ji(an, "seq") != ss_rules__dint(ev->data, "analysis"))
		return ss_rules__hit(h, SS_RULE_VULN_TARGET,
				     an ? N_("the analysis of %.80s on %.80s is event %lld, not "
					     "%lld")
					: N_("%.80s on %.80s has no analysis to decide on "
					     "(event %lld, %lld)"),
				     ss_rules__dstr(ev->data, "vuln"),
				     ss_rules__dstr(ev->data, "component"),
				     (long long)(an ? ss_ji(an, "seq") : 0),
				     (long long)ss_rules__dint(ev->data, "analysis"));
	if (dec)
		return ss_rules__hit(h, SS_RULE_VULN_REPEAT,
				     "the analysis (event %lld) is already decided (event %lld)",
				     (long long)ss_ji(an, "seq"), (long long)ss_ji(dec, "seq"));
	if (ss_rules__blank(ev->data, "reason") && (streq(verdict, "reject") || exploitable(an)))
		return ss_rules__hit(
			h, SS_RULE_VULN_REASON,
			streq(verdict, "reject")
				? N_("rejecting an analysis needs --reason")
				: N_("accepting an exploitable vulnerability that is not "
				     "being fixed is accepting a risk: it needs --reason"));
	return 0;
}

static int check_approve(ss_rule_hit *h, const ss_rules *r, const ss_rules_event *ev)
{
	const json_t *e = vuln_entry(r, ev->data), *dec = json_object_get(e, "decision");

	if (!dec || ss_ji(dec, "seq") != ss_rules__dint(ev->data, "decision"))
		return ss_rules__hit(h, SS_RULE_VULN_TARGET,
				     dec ? N_("the decision on %.80s on %.80s is event %lld, not "
					      "%lld")
					 : N_("%.80s on %.80s has no decision to approve (event "
					      "%lld, %lld)"),
				     ss_rules__dstr(ev->data, "vuln"),
				     ss_rules__dstr(ev->data, "component"),
				     (long long)(dec ? ss_ji(dec, "seq") : 0),
				     (long long)ss_rules__dint(ev->data, "decision"));
	if (!json_is_true(json_object_get(dec, "needs_approval")))
		return ss_rules__hit(h, SS_RULE_VULN_TARGET,
				     "the decision (event %lld) does not accept an exploitable "
				     "vulnerability: there is nothing to approve",
				     (long long)ss_ji(dec, "seq"));
	if (json_object_get(e, "approval"))
		return ss_rules__hit(h, SS_RULE_VULN_REPEAT,
				     "the decision (event %lld) is already approved or rejected",
				     (long long)ss_ji(dec, "seq"));
	if (streq(ss_rules__dstr(ev->data, "verdict"), "rejected") &&
	    ss_rules__blank(ev->data, "note"))
		return ss_rules__hit(h, SS_RULE_VULN_REASON, "a rejection needs --note");
	return 0;
}

int ss_rules__check_sbom(ss_rule_hit *h, ss_rules *r, const ss_rules_event *ev, int t)
{
	switch (t) {
	case T_SBOM_ADD:
		return check_sbom_add(h, r, ev);
	case T_SBOM_POLICY:
		return check_policy(h, r, ev);
	case T_VULN_NOTICE: {
		int error = check_component(h, r, ev);

		if (error == 0 && json_object_get(vuln_entry(r, ev->data), "notice"))
			return ss_rules__hit(h, SS_RULE_VULN_REPEAT,
					     "%.80s on %.80s is already recorded as found",
					     ss_rules__dstr(ev->data, "vuln"),
					     ss_rules__dstr(ev->data, "component"));
		return error;
	}
	case T_VULN_ANALYSIS:
		return check_analysis(h, r, ev);
	case T_VULN_DECIDE:
		return check_decide(h, r, ev);
	case T_VULN_APPROVE:
		return check_approve(h, r, ev);
	default:
		return 0;
	}
}

/* A step of a vulnerability record: the event's data with its seq, actor,
 * side, role and time. */
static json_t *step_of(const ss_rules_event *ev)
{
	json_t *s = ss_rules__data_copy(ev->data);

	if (!s)
		return NULL;
	json_object_set_new(s, "seq", json_integer(ev->seq));
	json_object_set_new(s, "by", json_string(ev->actor ? ev->actor : ""));
	json_object_set_new(s, "side", json_string(ev->side ? ev->side : ""));
	json_object_set_new(s, "role", json_string(ev->role ? ev->role : ""));
	json_object_set_new(s, "time", json_string(ev->time ? ev->time : ""));
	return s;
}

static json_t *entry_for(ss_rules *r, const ss_rules_data *d)
{
	char key[2 * 4000 + 2];
	json_t *e;

	vuln_key(key, sizeof(key), d);
	if ((e = json_object_get(r->vulns, key)))
		return e;
	e = json_pack("{s:s, s:s}", "vuln", ss_rules__dstr(d, "vuln"), "component",
		      ss_rules__dstr(d, "component"));
	json_object_set_new(r->vulns, key, e);
	return e;
}

void ss_rules__fold_sbom(ss_rules *r, const ss_rules_event *ev, int t)
{
	const ss_rules_data *d = ev->data;
	json_t *e, *s;

	switch (t) {
	case T_SBOM_ADD: {
		const json_t *c;
		size_t i;

		/* a verifier only: a writer's source has the components */
		r->sbom_n = ss_rules__dint(d, "sbom");
		json_object_clear(r->sbom_refs);
		json_array_foreach(ss_rules__djson(d, "components"), i, c) {
			json_object_set_new(r->sbom_refs, ss_js(c, "ref"), json_true());
		}
		break;
	}
	case T_SBOM_POLICY:
		json_decref(r->policy);
		r->policy = step_of(ev);
		json_object_del(r->policy, "supersedes");
		break;
	case T_VULN_NOTICE:
		if ((e = entry_for(r, d)) && !json_object_get(e, "notice"))
			json_object_set_new(e, "notice", step_of(ev));
		break;
	case T_VULN_ANALYSIS:
		if (!(e = entry_for(r, d)) || !(s = step_of(ev)))
			break;
		json_object_del(s, "supersedes");
		json_object_set_new(e, "analysis", s);
		json_object_del(e, "decision");
		json_object_del(e, "approval");
		break;
	case T_VULN_DECIDE: {
		const json_t *an;

		if (!(e = vuln_entry(r, d)) || !(an = json_object_get(e, "analysis")) ||
		    ss_ji(an, "seq") != ss_rules__dint(d, "analysis") || !(s = step_of(ev)))
			break;
		json_object_set_new(s, "needs_approval",
				    json_boolean(streq(ss_rules__dstr(d, "verdict"), "accept") &&
						 exploitable(an)));
		json_object_set_new(e, "decision", s);
		json_object_del(e, "approval");
		break;
	}
	case T_VULN_APPROVE: {
		const json_t *dec;

		if (!(e = vuln_entry(r, d)) || !(dec = json_object_get(e, "decision")) ||
		    ss_ji(dec, "seq") != ss_rules__dint(d, "decision") ||
		    json_object_get(e, "approval"))
			break;
		json_object_set_new(e, "approval", step_of(ev));
		break;
	}
	default:
		break;
	}
}

int ss_rules__pending_hit(ss_rule_hit *h, const ss_rules *r, bool at_end)
{
	const char *kind = ss_js(r->pending, "kind"), *item = ss_js(r->pending, "item");
	long long seq = (long long)ss_ji(r->pending, "seq");

	if (at_end)
		return ss_rules__hit(
			h, SS_RULE_CHANGE_MISSING,
			streq(kind, "asset-changed")
				? N_("asset %.60s changed after the specification was agreed, and "
				     "the log ends without its change request")
			: streq(kind, "system-changed")
				? N_("system %.60s changed after the specification was agreed, "
				     "and the log ends without its change request")
			: streq(kind, "sbom-changed")
				? N_("the components changed (%.60s) after the specification was "
				     "agreed, and the log ends without their change request")
				: N_("a vulnerability was found (%.60s) after the specification "
				     "was agreed, and the log ends without its change request"),
			item);
	return ss_rules__hit(
		h, SS_RULE_CHANGE_MISSING,
		streq(kind, "asset-changed")
			? N_("asset %.60s changed after the specification was agreed (event "
			     "%lld), and no change request follows it")
		: streq(kind, "system-changed")
			? N_("system %.60s changed after the specification was agreed (event "
			     "%lld), and no change request follows it")
		: streq(kind, "sbom-changed")
			? N_("the components changed (%.60s) after the specification was agreed "
			     "(event %lld), and no change request follows")
			: N_("a vulnerability was found (%.60s) after the specification was "
			     "agreed (event %lld), and no change request follows"),
		item, seq);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

json_t *ss_rules_vulns(const ss_rules *r)
{
	json_t *out = json_pack("{s:O?, s:I, s:[]}", "policy", r->policy, "risky",
				(json_int_t)ss_rules__vuln_risky(r), "records");
	const char **keys;
	size_t n = json_object_size(r->vulns), i = 0;
	const char *key;
	json_t *v;

	if (!out || !(keys = calloc(n ? n : 1, sizeof(*keys)))) {
		json_decref(out);
		return NULL;
	}
	json_object_foreach(r->vulns, key, v) {
		keys[i++] = key;
	}
	qsort(keys, n, sizeof(*keys), by_text);
	for (i = 0; i < n; i++)
		json_array_append(json_object_get(out, "records"),
				  json_object_get(r->vulns, keys[i]));
	free(keys);
	return out;
}
