/*
 * Property test: random sessions of both sides.
 *
 *   property SEED ACTIONS
 *
 * Builds the demo project (rules 3), gives every person two keys, then lets
 * random members of both sides try random actions (member add/remove with
 * the roles of rules 3, decide with or without a scenario, owner, duty or
 * evidence, advise, approve/reject, key register/revoke, agree on
 * milestones of both parties or the user's own, minutes, phase).
 * Whatever the write path accepts must verify: the log at every hundredth
 * action and the exported bundle at the end. Whatever it refuses is then
 * forced into the log by hand — the refused event appended, chained and
 * signed with the actor's key, as an insider with the database could — and
 * the checker must refuse that log, at the forced event.
 *
 * Exit 0 when both hold; a refusal by the write path that names no rule and
 * whose forced event still verifies is reported (a writer-only check) but
 * does not fail the run.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "forge.h"
#include "ledger/check.h"
#include "secspec/secspec.h"
#include "store/state.h"
#include "util/util.h"

#define NPEOPLE 9
static const char *const people[NPEOPLE] = {"suzuki", "yamada", "tanaka", "kobayashi", "sato",
					    "ito",    "kato",   "kimura", "mallory"};
static const char *const sides[] = {"user", "vendor"};
static const char *const roles[] = {"lead",       "member",   "management", "auditor",
				    "operations", "provider", "expert"};
static const char *const items[] = {"LNX-DM-001", "LNX-DM-002", "LNX-DM-003", "WIN-DM-010",
				    "WIN-DM-011", "APP-SC-001", "LNX-AT-002", "XXX-ZZ-999"};
static const char *const policies[] = {"implement", "accept", "alternative", "na", "existing"};
static const char *const owners[] = {"vendor", "user", "both"};
static const char *const milestones[] = {"m1", "m2", "m3"};

static unsigned long long rng;
static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
	return (unsigned)((rng >> 33) % n);
}
#define PICK(a) (a)[rnd(sizeof(a) / sizeof((a)[0]))]

typedef struct {
	ss_store *st;
	char dir[256];
	ss_key *k1[NPEOPLE], *k2[NPEOPLE];
	char keyspec[2 * NPEOPLE][512];
	int64_t pid;
	/* counts */
	int accepted, refused, forced_caught, forced_at_event, writer_only, failures;
	int by_action_ok[16], by_action_refused[16];
} session;

static int idx(const char *person)
{
	int i;

	for (i = 0; i < NPEOPLE; i++)
		if (strcmp(people[i], person) == 0)
			return i;
	return -1;
}

struct rows {
	fg_bundle *b;
};

static int take_row(void *ctx, const ss_event_row *r)
{
	fg_bundle *b = ((struct rows *)ctx)->b;
	json_t *ev = json_loadb(r->body, r->body_len, 0, NULL);

	if (!ev)
		return -1;
	fg_insert(b, b->n, ev);
	b->ev[b->n - 1].orig = r->seq;
	b->ev[b->n - 1].line = strndup(r->body, r->body_len);
	b->ev[b->n - 1].len = r->body_len;
	b->ev[b->n - 1].sig = r->sig ? strdup(r->sig) : NULL;
	return 0;
}

/* The log as it stands, with every key file as a signer. */
static int load_log(session *s, fg_bundle *b)
{
	struct rows ctx = {b};
	json_t *key = NULL;
	int error, i;

	memset(b, 0, sizeof(*b));
	snprintf(b->project, sizeof(b->project), "demo");
	b->manifest = json_object();
	for (i = 0; i < 2 * NPEOPLE; i++)
		fg_add_signer(b, s->keyspec[i]);
	if ((error = ss__project_read(&key, NULL, s->st, "demo")) < 0)
		return error;
	error = ss_lstore_each(s->st, ss_ji(key, "id"), ss_ji(key, "head_seq"), take_row, &ctx);
	json_decref(key);
	return error;
}

static const char *item_hash(const fg_bundle *b, const char *item)
{
	long d = fg_find(b, 0, "spec.draft", NULL, NULL, NULL);
	const json_t *it;
	size_t i;

	json_array_foreach(d >= 0 ? json_object_get(json_object_get(b->ev[d].ev, "data"), "items")
				  : NULL,
			   i, it) {
		if (strcmp(json_string_value(json_array_get(it, 0)), item) == 0)
			return json_string_value(json_array_get(it, 1));
	}
	return "0000000000000000000000000000000000000000000000000000000000000000";
}

/* What was refused, as the event the writer would have appended. */
typedef struct {
	int action;
	const char *actor, *person, *side, *role, *item, *policy, *reason, *note, *name;
	const char *scenario, *owner, *duty, *evidence, *parties;
	const char *fpr_revoke, *holder;
	const ss_key *newkey;
	bool approve, further, unsigned_attempt;
	int phase, force;
	const char *attendee;
} attempt;

static json_t *forced_event(const fg_bundle *b, const attempt *a)
{
	json_t *e = NULL, *d;
	long last;

	switch (a->action) {
	case 0:
		e = fg_make(b, b->n, a->actor, "member.add",
			    "{\"person\":\"%s\",\"role\":\"%s\",\"side\":\"%s\"}", a->person,
			    a->role, a->side);
		break;
	case 1:
		e = fg_make(b, b->n, a->actor, "member.remove", "{\"person\":\"%s\"}", a->person);
		break;
	case 2:
		e = fg_make(b, b->n, a->actor, "decision.set",
			    "{\"item\":\"%s\",\"item_hash\":\"%s\",\"level\":3,\"policy\":\"%s\"}",
			    a->item, item_hash(b, a->item), a->policy);
		d = json_object_get(e, "data");
		if (a->reason)
			json_object_set_new(d, "reason", json_string(a->reason));
		if (strcmp(a->policy, "alternative") == 0 && a->reason)
			json_object_set_new(d, "alternative", json_string(a->reason));
		/* as the writer records it: implement is the vendor's unless said */
		if (a->owner || strcmp(a->policy, "implement") == 0)
			json_object_set_new(d, "owner",
					    json_string(a->owner ? a->owner : "vendor"));
		if (a->scenario)
			json_object_set_new(d, "scenario", json_string(a->scenario));
		if (a->duty)
			json_object_set_new(d, "duty", json_string(a->duty));
		if (a->evidence)
			json_object_set_new(d, "evidence", json_string(a->evidence));
		if ((last = fg_find_last(b, "decision.set", NULL, "item", a->item)) >= 0)
			json_object_set_new(d, "supersedes", json_integer(last + 1));
		break;
	case 3:
		e = fg_make(b, b->n, a->actor, "advice.add",
			    "{\"item\":\"%s\",\"item_hash\":\"%s\",\"note\":\"%s\"}", a->item,
			    item_hash(b, a->item), a->note);
		break;
	case 4:
		last = fg_find_last(b, "decision.set", NULL, "item", a->item);
		e = fg_make(b, b->n, a->actor, "approval.set",
			    "{\"decision_seq\":%ld,\"item\":\"%s\",\"verdict\":\"%s\"}", last + 1,
			    a->item, a->approve ? "approved" : "rejected");
		if (a->note)
			json_object_set_new(json_object_get(e, "data"), "note",
					    json_string(a->note));
		break;
	case 5: {
		ss_buf msg = SS_BUF_INIT(0);
		char *pop;

		e = fg_make(b, b->n, a->actor, "key.register",
			    "{\"algorithm\":\"ed25519\",\"fingerprint\":\"%s\",\"person\":\"%s\","
			    "\"public_key\":\"%s\"}",
			    ss_key_fingerprint(a->newkey), a->actor, ss_key_public_hex(a->newkey));
		ss_key_pop_message(&msg, "demo", a->actor, ss_key_fingerprint(a->newkey));
		pop = fg_sign(a->newkey, msg.ptr, msg.len);
		json_object_set_new(json_object_get(e, "data"), "pop", json_string(pop));
		free(pop);
		ss_buf_release(&msg);
		if (!json_object_get(e, "key"))
			json_object_set_new(e, "key", json_string(ss_key_fingerprint(a->newkey)));
		break;
	}
	case 6:
		e = fg_make(b, b->n, a->actor, "key.revoke",
			    "{\"fingerprint\":\"%s\",\"person\":\"%s\",\"reason\":\"%s\"}",
			    a->fpr_revoke, a->holder, a->reason ? a->reason : "");
		if (!a->reason)
			json_object_del(json_object_get(e, "data"), "reason");
		break;
	case 7:
		last = fg_find(b, 0, "milestone.open", NULL, "name", a->name);
		if (last >= 0)
			e = fg_make(b, b->n, a->actor, "milestone.sign",
				    "{\"name\":\"%s\",\"spec_hash\":\"%s\"}", a->name,
				    ss_js(json_object_get(b->ev[last].ev, "data"), "spec_hash"));
		else
			e = fg_make(
				b, b->n, a->actor, "milestone.open",
				"{\"catalog_version\":\"1.0.0\",\"name\":\"%s\","
				"\"needs_management\":true,\"root\":\"\",\"spec_hash\":\"%064d\","
				"\"tree_size\":0}",
				a->name, 0);
		if (last < 0 && a->parties)
			json_object_set_new(json_object_get(e, "data"), "parties",
					    json_string(a->parties));
		break;
	case 8: {
		int nmin = 0;
		size_t i;

		for (i = 0; i < b->n; i++)
			nmin += strcmp(ss_js(b->ev[i].ev, "type"), "minutes.add") == 0;
		e = fg_make(b, b->n, a->actor, "minutes.add",
			    "{\"attachments\":[],\"attendees\":[\"%s\"],\"date\":\"2026-11-20\","
			    "\"id\":\"M-%04d\",\"items\":[\"%s\"],\"topics\":[\"t\"]}",
			    a->attendee, nmin + 1, a->item);
		break;
	}
	case 9: {
		long p = fg_find_last(b, "phase.set", NULL, NULL, NULL);

		e = fg_make(b, b->n, a->actor, "phase.set",
			    "{\"forced\":%s,\"from\":%lld,\"phase\":%d}",
			    a->force ? "true" : "false",
			    p >= 0 ? (long long)ss_ji(json_object_get(b->ev[p].ev, "data"), "phase")
				   : 1LL,
			    a->phase);
		if (a->reason)
			json_object_set_new(json_object_get(e, "data"), "reason",
					    json_string(a->reason));
		break;
	}
	}
	return e;
}

/* Append the refused event and check the log: it must not verify. The
 * stored events go to the checker as they are; the forced one follows,
 * chained to the last, with the checkpoint the checker has built, signed
 * with the key it names. */
static void force(session *s, const attempt *a, const char *why)
{
	fg_bundle b;
	ss_checker *c = ss_checker_new("demo");
	ss_buf line = SS_BUF_INIT(0);
	json_t *e = NULL;
	const ss_key *k;
	char *sig = NULL, root[2 * SS_HASH_LEN + 1];
	size_t i;
	int64_t at;

	if (!c || load_log(s, &b) < 0 || !(e = forced_event(&b, a))) {
		fprintf(stderr, "property: cannot build the refused event (%s)\n", ss_error_last());
		s->failures++;
		goto out;
	}
	for (i = 0; i < b.n; i++)
		ss_checker_add(c, (int64_t)(i + 1), b.ev[i].line, b.ev[i].len, NULL, b.ev[i].sig,
			       NULL);
	if (!ss_checker_ok(c)) {
		fprintf(stderr, "property: FAIL the accepted log does not verify\n");
		s->failures++;
		goto out;
	}
	if (a->unsigned_attempt && a->action != 5)
		json_object_del(e, "key");
	at = (int64_t)b.n + 1;
	json_object_set_new(e, "seq", json_integer(at));
	json_object_set_new(e, "prev", json_string(ss_checker_last_hash(c)));
	if (strcmp(ss_js(e, "type"), "milestone.open") == 0) {
		ss_checker_root(c, root);
		json_object_set_new(json_object_get(e, "data"), "tree_size", json_integer(at - 1));
		json_object_set_new(json_object_get(e, "data"), "root", json_string(root));
	}
	if (ss_json_canonical(&line, e) < 0)
		goto out;
	if (ss_js_or_null(e, "key") && (k = fg_signer_by_fpr(&b, ss_js(e, "key"))) != NULL)
		sig = fg_sign(k, line.ptr, line.len);
	ss_checker_add(c, at, line.ptr, line.len, NULL, sig, NULL);
	if (!ss_checker_ok(c)) {
		const json_t *p;
		size_t j;
		bool here = false;

		s->forced_caught++;
		json_array_foreach(ss_checker_problems(c), j, p) {
			here |= ss_ji(p, "seq") == at;
		}
		s->forced_at_event += here;
	} else if (strstr(why, "(rule ")) {
		fprintf(stderr, "property: FAIL refused by the writer (%s) but verifies: %.600s\n",
			why, line.ptr);
		s->failures++;
	} else {
		fprintf(stderr, "property: writer-only refusal (%s); forced, it verifies: %.400s\n",
			why, line.ptr);
		s->writer_only++;
	}
out:
	free(sig);
	json_decref(e);
	ss_buf_release(&line);
	ss_checker_free(c);
	fg_release(&b);
}

static const ss_key *active_key(session *s, const char *person, const char **fpr_out)
{
	json_t *keys = NULL, *k;
	const ss_key *found = NULL;
	size_t i;
	int p = idx(person);

	if (p < 0 || ss_key_list(&keys, s->st, "demo") < 0)
		return NULL;
	json_array_foreach(keys, i, k) {
		if (strcmp(ss_js(k, "person"), person) != 0 ||
		    !json_is_true(json_object_get(k, "active")))
			continue;
		if (strcmp(ss_js(k, "fingerprint"), ss_key_fingerprint(s->k1[p])) == 0)
			found = s->k1[p];
		else if (strcmp(ss_js(k, "fingerprint"), ss_key_fingerprint(s->k2[p])) == 0)
			found = s->k2[p];
		if (found)
			break;
	}
	if (fpr_out)
		*fpr_out = found ? ss_key_fingerprint(found) : NULL;
	json_decref(keys);
	return found;
}

static int step(session *s)
{
	attempt a;
	json_t *res = NULL;
	const ss_key *signer;
	int p, error = 0;
	char why[SS_ERROR_MAX];

	memset(&a, 0, sizeof(a));
	a.action = (int)rnd(10);
	a.actor = people[rnd(NPEOPLE)];
	if (rnd(2)) {
		/* half the time someone who might be allowed to */
		static const char *const fit[10][3] = {
			{"suzuki", "sato", "suzuki"},   {"suzuki", "sato", "sato"},
			{"suzuki", "tanaka", "tanaka"}, {"sato", "ito", "ito"},
			{"yamada", "yamada", "yamada"}, {"tanaka", "ito", "kobayashi"},
			{"suzuki", "sato", "tanaka"},   {"suzuki", "sato", "yamada"},
			{"suzuki", "ito", "tanaka"},    {"suzuki", "sato", "suzuki"},
		};

		a.actor = fit[a.action][rnd(3)];
	}
	p = idx(a.actor);
	signer = active_key(s, a.actor, NULL);
	/* now and then a key holder forgets to sign: refused */
	a.unsigned_attempt = signer && rnd(20) == 0;
	ss_store_set_signer(s->st, a.unsigned_attempt ? NULL : signer);
	switch (a.action) {
	case 0:
		a.person = people[rnd(NPEOPLE)];
		a.side = PICK(sides);
		a.role = PICK(roles);
		error = ss_member_add(s->st, "demo", a.person, a.side, a.role, NULL, a.actor);
		break;
	case 1:
		a.person = people[rnd(NPEOPLE)];
		error = ss_member_remove(s->st, "demo", a.person, a.actor);
		break;
	case 2: {
		ss_decision_input in = {0};
		bool risky, measure;

		a.item = PICK(items);
		a.policy = PICK(policies);
		a.reason = rnd(4) ? "reason" : NULL;
		/* rules 3: mostly what each policy needs, sometimes not */
		risky = strcmp(a.policy, "accept") == 0 || strcmp(a.policy, "alternative") == 0;
		measure = strcmp(a.policy, "accept") != 0 && strcmp(a.policy, "na") != 0;
		a.scenario = risky && rnd(4) ? "an intruder moves laterally (T1021)" : NULL;
		a.owner = measure && (strcmp(a.policy, "alternative") == 0 ? rnd(4) : rnd(2))
				  ? PICK(owners)
				  : NULL;
		a.duty = a.owner && strcmp(a.owner, "vendor") != 0 && rnd(4) ? "review monthly"
									     : NULL;
		a.evidence = strcmp(a.policy, "existing") == 0 && rnd(4) ? "the group's EDR" : NULL;
		in.policy = a.policy;
		in.reason = a.reason;
		in.alternative = strcmp(a.policy, "alternative") == 0 ? a.reason : NULL;
		in.scenario = a.scenario;
		in.owner = a.owner;
		in.duty = a.duty;
		in.evidence = a.evidence;
		error = ss_decide(&res, s->st, "demo", a.item, NULL, false, &in, a.actor);
		break;
	}
	case 3:
		a.item = PICK(items);
		a.note = rnd(6) ? "advice" : "";
		error = ss_advise(&res, s->st, "demo", a.item, NULL, a.note, a.actor);
		break;
	case 4:
		a.item = PICK(items);
		a.approve = rnd(2);
		a.note = rnd(2) ? "noted" : NULL;
		error = ss_approve(&res, s->st, "demo", a.item, NULL, a.approve, a.note, a.actor);
		break;
	case 5:
		if (p < 0)
			return 0;
		a.newkey = signer == s->k1[p] ? s->k2[p] : s->k1[p];
		ss_store_set_signer(s->st, signer ? signer : a.newkey);
		error = ss_key_register(s->st, "demo", a.actor, a.newkey);
		break;
	case 6: {
		int h = (int)rnd(NPEOPLE);

		a.holder = people[h];
		if (!active_key(s, a.holder, &a.fpr_revoke))
			return 0; /* nothing to revoke: not an attempt */
		a.reason = rnd(8) ? "lost" : NULL;
		error = ss_key_revoke(s->st, "demo", a.fpr_revoke, a.reason, a.actor);
		break;
	}
	case 7:
		a.name = PICK(milestones);
		a.parties = rnd(4) == 0 ? "user" : NULL;
		error = ss_agree_parties(&res, s->st, "demo", a.name, a.parties, a.actor);
		break;
	case 8: {
		const char *att[1];
		const char *it[1];
		ss_minutes_input in = {0};

		a.attendee = people[rnd(NPEOPLE)];
		a.item = PICK(items);
		att[0] = a.attendee;
		it[0] = a.item;
		in.date = "2026-11-20";
		in.attendees = att;
		in.nattendees = 1;
		in.items = it;
		in.nitems = 1;
		in.topics = it;
		in.ntopics = 0;
		error = ss_minutes_add(&res, s->st, "demo", &in, a.actor);
		break;
	}
	case 9:
		a.phase = 1 + (int)rnd(12);
		a.force = rnd(3) == 0;
		a.reason = rnd(2) ? "because" : NULL;
		error = ss_project_phase_set(s->st, "demo", a.phase, a.actor, a.force, a.reason);
		break;
	}
	json_decref(res);
	if (error == 0) {
		s->accepted++;
		s->by_action_ok[a.action]++;
		return 0;
	}
	snprintf(why, sizeof(why), "%s", ss_error_last());
	s->refused++;
	s->by_action_refused[a.action]++;
	/* a refusal for the signer missing is the signature rule: force it
	 * unsigned; everything else as the actor would sign it */
	force(s, &a, why);
	return 0;
}

static int check_log(session *s, const char *when)
{
	json_t *res = NULL;
	int error = ss_log_verify(&res, s->st, "demo");

	if (error < 0) {
		fprintf(stderr, "property: FAIL the accepted log does not verify %s: %s\n", when,
			ss_error_last());
		s->failures++;
	}
	json_decref(res);
	return error;
}

int main(int argc, char **argv)
{
	session s;
	char path[512];
	json_t *res = NULL, *cat = NULL;
	int i, n, error;

	if (argc != 3) {
		fprintf(stderr, "usage: property SEED ACTIONS\n");
		return 2;
	}
	memset(&s, 0, sizeof(s));
	rng = strtoull(argv[1], NULL, 10) * 2654435761ULL + 1;
	n = atoi(argv[2]);
	setenv("SECSPEC_NOW", "2026-11-26T10:00:00Z", 1);
	snprintf(s.dir, sizeof(s.dir), "/tmp/secspec-property-XXXXXX");
	if (!mkdtemp(s.dir))
		return 1;
	snprintf(path, sizeof(path), "%s/t.db", s.dir);
	if ((error = ss_store_open(&s.st, path, 1)) < 0 || (error = ss_store_init(s.st)) < 0 ||
	    (error = ss_catalog_load(&cat, s.st, ss_catalog_builtin_dir())) < 0 ||
	    (error = ss_demo_build(&res, s.st, "demo", NULL)) < 0) {
		fprintf(stderr, "property: setup: %s\n", ss_error_last());
		return 1;
	}
	json_decref(cat);
	json_decref(res);
	for (i = 0; i < NPEOPLE; i++) {
		char k1[400], k2[400];

		snprintf(k1, sizeof(k1), "%s/%s.1.key", s.dir, people[i]);
		snprintf(k2, sizeof(k2), "%s/%s.2.key", s.dir, people[i]);
		if (ss_key_generate(k1, NULL) < 0 || ss_key_generate(k2, NULL) < 0 ||
		    ss_key_load_private(&s.k1[i], k1, NULL) < 0 ||
		    ss_key_load_private(&s.k2[i], k2, NULL) < 0) {
			fprintf(stderr, "property: keys: %s\n", ss_error_last());
			return 1;
		}
		snprintf(s.keyspec[2 * i], sizeof(s.keyspec[0]), "%s=%s", people[i], k1);
		snprintf(s.keyspec[2 * i + 1], sizeof(s.keyspec[0]), "%s=%s", people[i], k2);
	}
	for (i = 0; i < n; i++) {
		step(&s);
		if ((i + 1) % 100 == 0)
			check_log(&s, "during the session");
	}
	ss_store_set_signer(s.st, NULL);
	check_log(&s, "at the end");
	snprintf(path, sizeof(path), "%s/b.tar", s.dir);
	res = NULL;
	if ((error = ss_evidence_export(&res, s.st, "demo", path)) < 0) {
		fprintf(stderr, "property: FAIL export: %s\n", ss_error_last());
		s.failures++;
	}
	json_decref(res);
	res = NULL;
	if (error == 0 && ss_evidence_verify(&res, path, NULL) < 0) {
		fprintf(stderr, "property: FAIL the exported bundle does not verify: %s\n",
			ss_error_last());
		s.failures++;
	}
	json_decref(res);
	printf("property seed %s: %d actions, %d accepted (all verify), %d refused: %d forced "
	       "refusals caught (%d at the forced event), %d writer-only, %d failures\n",
	       argv[1], n, s.accepted, s.refused, s.forced_caught, s.forced_at_event, s.writer_only,
	       s.failures);
	printf("  by action (accepted/refused): member.add %d/%d, member.remove %d/%d, "
	       "decide %d/%d, advise %d/%d, approve %d/%d, key.register %d/%d, key.revoke %d/%d, "
	       "agree %d/%d, minutes %d/%d, phase %d/%d\n",
	       s.by_action_ok[0], s.by_action_refused[0], s.by_action_ok[1], s.by_action_refused[1],
	       s.by_action_ok[2], s.by_action_refused[2], s.by_action_ok[3], s.by_action_refused[3],
	       s.by_action_ok[4], s.by_action_refused[4], s.by_action_ok[5], s.by_action_refused[5],
	       s.by_action_ok[6], s.by_action_refused[6], s.by_action_ok[7], s.by_action_refused[7],
	       s.by_action_ok[8], s.by_action_refused[8], s.by_action_ok[9],
	       s.by_action_refused[9]);
	ss_store_free(s.st);
	for (i = 0; i < NPEOPLE; i++) {
		ss_key_free(s.k1[i]);
		ss_key_free(s.k2[i]);
	}
	snprintf(path, sizeof(path), "rm -rf '%s'", s.dir);
	if (system(path) != 0)
		fprintf(stderr, "property: could not remove %s\n", s.dir);
	return s.failures ? 1 : 0;
}
