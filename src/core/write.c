/*
 * The one write path. Every change to a project goes through here:
 * ss_write__begin (transaction, project, permission) -> ss_write__event
 * (build the event, chain it, store it, apply it to the state tables) ->
 * ss_write__commit. Nothing else writes project state.
 */
#define _DEFAULT_SOURCE   /* timegm, gmtime_r */
#define _XOPEN_SOURCE 700 /* strptime */
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "core/proposal.h"
#include "store/rules_store.h"
#include "util/banned.h"

static void write_reset(ss_write *w)
{
	json_decref(w->key);
	json_decref(w->project);
	json_decref(w->actor);
	json_decref(w->keys);
	w->key = w->project = w->actor = w->keys = NULL;
	ss_rules_free(w->rules);
	w->rules = NULL;
	ss_buf_release(&w->body);
}

/* --- the rule book's view of the store (writer mode) --- */

static int src_item(void *ctx, const char *id, int64_t *decision_seq, char *policy, size_t np,
		    char *decider, size_t nd, char *approval, size_t na, char *hash, size_t nh)
{
	ss_write *w = ctx;

	return ss_rules_store_item(w->st, w->pid, ss_js(w->project, "catalog_version"), id,
				   decision_seq, policy, np, decider, nd, approval, na, hash, nh);
}

static int src_items(void *ctx,
		     int (*fn)(void *fctx, const char *id, int64_t decision_seq, const char *policy,
			       const char *decider, const char *approval, const char *hash),
		     void *fctx)
{
	ss_write *w = ctx;

	return ss_rules_store_items(w->st, w->pid, ss_js(w->project, "catalog_version"), fn, fctx);
}

static int src_risky(void *ctx, int64_t *count)
{
	ss_write *w = ctx;

	return ss_rules_store_risky(count, w->st, w->pid, ss_js(w->project, "catalog_version"));
}

static int src_drafted(void *ctx, bool *out)
{
	ss_write *w = ctx;
	int64_t n = 0;
	int error = ss_state_requirement_count(&n, w->st, w->pid);

	*out = n > 0;
	return error;
}

static int src_changed_after(void *ctx, int64_t seq, int64_t *out)
{
	ss_write *w = ctx;
	char type[64];

	return ss_lstore_change_after(out, type, sizeof(type), w->st, w->pid, seq);
}

static int src_asset(void *ctx, const char *id, int64_t *seq, int64_t *level)
{
	ss_write *w = ctx;

	return ss_rules_store_asset(w->st, w->pid, id, seq, level);
}

static int src_system(void *ctx, const char *name, int64_t *seq)
{
	ss_write *w = ctx;

	return ss_rules_store_system(w->st, w->pid, name, seq);
}

static int src_level(void *ctx, int64_t *out)
{
	ss_write *w = ctx;

	return ss_rules_store_level(out, w->st, w->pid);
}

/* The log's last event before this transaction (its appends are folded). */
static int src_last_time(void *ctx, char *out, size_t n)
{
	ss_write *w = ctx;

	return ss_rules_store_time(out, n, w->st, w->pid, ss_ji(w->key, "head_seq"));
}

static int src_sbom(void *ctx, int64_t *number)
{
	ss_write *w = ctx;

	return ss_rules_store_sbom(number, w->st, w->pid);
}

static int src_component(void *ctx, int64_t sbom, const char *ref)
{
	ss_write *w = ctx;

	return ss_rules_store_component(w->st, w->pid, sbom, ref);
}

static int verify_sig(const char *pub_hex, const void *msg, size_t len, const char *sig_hex)
{
	return ss_key_verify(pub_hex, msg, len, sig_hex);
}

int ss__rules_fold_row(ss_rules *r, const ss_event_row *row)
{
	json_t *ev = ss_json_loadb_bounded(row->body, row->body_len, 0);
	ss_rules_data data;
	ss_rules_event e;

	if (!json_is_object(ev) || !json_is_object(json_object_get(ev, "data"))) {
		json_decref(ev);
		return ss_error_set(SS_ECORRUPT,
				    "event %lld cannot be read; run 'secspec log verify'",
				    (long long)row->seq);
	}
	memset(&e, 0, sizeof(e));
	e.seq = row->seq;
	e.project = ss_js(ev, "project");
	e.time = row->time;
	e.actor = row->actor;
	e.side = row->side;
	e.role = row->role;
	e.type = row->type;
	e.key = ss_js_or_null(ev, "key");
	e.sig = row->sig;
	e.has_part = json_object_get(ev, "part") != NULL;
	e.part = ss_ji(ev, "part");
	e.parts = ss_ji(ev, "parts");
	e.body = row->body;
	e.body_len = row->body_len;
	ss_rules_data_json(&data, json_object_get(ev, "data"));
	e.data = &data;
	ss_rules_fold(r, &e);
	json_decref(ev);
	return 0;
}

static int fold_row(void *ctx, const ss_event_row *row)
{
	return ss__rules_fold_row(((ss_write *)ctx)->rules, row);
}

static int rules_begin(ss_write *w)
{
	int error;

	w->src.ctx = w;
	w->src.item = src_item;
	w->src.items = src_items;
	w->src.risky = src_risky;
	w->src.drafted = src_drafted;
	w->src.changed_after = src_changed_after;
	w->src.asset = src_asset;
	w->src.system = src_system;
	w->src.level = src_level;
	w->src.last_time = src_last_time;
	w->src.sbom = src_sbom;
	w->src.component = src_component;
	if (!(w->rules = ss_rules_new(ss_js(w->key, "name"), verify_sig, &w->src)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (w->pid && w->seq && (error = ss_lstore_rule_events(w->st, w->pid, fold_row, w)) < 0)
		return error;
	ss_rules_part_reset(w->rules);
	return 0;
}

/* The events' time: now, or a proposal's (signed bodies must come out the
 * same), which may not lie in the future nor more than a day back. */
static int write_time(ss_write *w)
{
	ss_proposal *p = w->st->proposal;
	char lo[SS_TIME_MAX], hi[SS_TIME_MAX];
	struct tm tm;
	time_t t;
	int error;

	if ((error = ss_time_now(w->time)) < 0 || !p)
		return error;
	ss__proposal_start(p);
	if (!p->time[0]) {
		memcpy(p->time, w->time, sizeof(p->time));
		return 0;
	}
	memset(&tm, 0, sizeof(tm));
	if (!strptime(w->time, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return ss_error_set(SS_ERROR, "the clock gives no time");
	t = timegm(&tm) - 86400;
	strftime(lo, sizeof(lo), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	t += 86400 + 300;
	strftime(hi, sizeof(hi), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tm));
	if (strcmp(p->time, lo) < 0 || strcmp(p->time, hi) > 0)
		return ss_error_set(SS_ECONFLICT,
				    "the proposal of %s is more than a day old or in the future: "
				    "propose the change again",
				    p->time);
	memcpy(w->time, p->time, sizeof(w->time));
	return 0;
}

/* A proposal signed before a later event came into the log cannot carry its
 * time (the rule event-time-order): its events are made again at the current
 * time, so the signatures no longer fit and the signer is given fresh bodies,
 * as when the log moved. A clock that went back is left to the rule. */
static int proposal_time_fresh(ss_write *w)
{
	ss_proposal *p = w->st->proposal;
	char last[SS_TIME_MAX], now[SS_TIME_MAX];
	int error;

	if (!p || !w->seq)
		return 0;
	if ((error = src_last_time(w, last, sizeof(last))) < 0)
		return error;
	if (strcmp(w->time, last) >= 0)
		return 0;
	if ((error = ss_time_now(now)) < 0)
		return error;
	if (strcmp(now, last) >= 0) {
		memcpy(w->time, now, sizeof(w->time));
		memcpy(p->time, now, sizeof(p->time));
	}
	return 0;
}

int ss_write__begin(ss_write *w, ss_store *st, const char *project, const char *by,
		    ss_action action)
{
	int error;

	memset(w, 0, sizeof(*w));
	ss_buf_init(&w->body, 0);
	w->st = st;
	if (!project || !by)
		return ss_error_set(SS_EINVAL, "a project and --by PERSON are required");
	if ((error = ss_store_check(st)) < 0 || (error = write_time(w)) < 0)
		return error;
	if ((error = ss_store__begin(st)) < 0)
		return error;
	w->open = true;
	if ((error = ss_lstore_project_key(&w->key, st, project)) < 0 ||
	    (error = ss_state_project(&w->project, st, ss_ji(w->key, "id"))) < 0)
		goto fail;
	w->pid = ss_ji(w->key, "id");
	w->seq = ss_ji(w->key, "head_seq");
	memcpy(w->prev, ss_js(w->key, "head_hash"), SS_SHA256_HEX - 1);
	w->prev[SS_SHA256_HEX - 1] = '\0';
	if ((error = ss_state_member(&w->actor, st, w->pid, by)) < 0)
		goto fail;
	if (!ss_ji(w->actor, "active")) {
		error = ss_error_set(SS_EPERM, "'%.100s' is no longer a member of project '%.100s'",
				     by, project);
		goto fail;
	}
	if (!ss_perm_allows(action, ss_js(w->actor, "side"), ss_js(w->actor, "role"))) {
		/* the rule book's own answer (ss_rules_check), asked early */
		error = ss_error_set(
			SS_EPERM, "%.100s (%s side, %s) may not %s: only %s may (rule %s)", by,
			ss_js(w->actor, "side"), ss_js(w->actor, "role"), ss_perm_name(action),
			ss_perm_who(action), ss_rule_id(SS_RULE_PERMISSION));
		goto fail;
	}
	if ((error = proposal_time_fresh(w)) < 0 || (error = rules_begin(w)) < 0)
		goto fail;
	return 0;
fail:
	ss_write__release(w);
	return error;
}

int ss_write__begin_create(ss_write *w, ss_store *st, const char *project, const char *by,
			   const char *side)
{
	int error;

	memset(w, 0, sizeof(*w));
	ss_buf_init(&w->body, 0);
	w->st = st;
	if ((error = ss_store_check(st)) < 0 || (error = write_time(w)) < 0)
		return error;
	if ((error = ss_store__begin(st)) < 0)
		return error;
	w->open = true;
	if ((error = ss_lstore_project_key_new(&w->pid, st, project)) < 0) {
		ss_write__release(w);
		return error;
	}
	w->seq = 0;
	memset(w->prev, '0', SS_SHA256_HEX - 1);
	w->prev[SS_SHA256_HEX - 1] = '\0';
	w->actor = json_pack("{s:s, s:s, s:s}", "person", by, "side", side, "role", "lead");
	w->key = json_pack("{s:s}", "name", project);
	if (!w->actor || !w->key) {
		ss_write__release(w);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	if ((error = rules_begin(w)) < 0) {
		ss_write__release(w);
		return error;
	}
	return 0;
}

void ss_store_set_signer(ss_store *st, const ss_key *k)
{
	if (st)
		st->signer = k;
}

/* A proposal without a fingerprint is for the person's only active key. */
static int proposal_key(ss_write *w, ss_proposal *p, const char *person)
{
	const json_t *row;
	const char *only = NULL;
	size_t i, n = 0;

	json_array_foreach(w->keys, i, row) {
		if (strcmp(ss_js(row, "person"), person) == 0 && ss_ji(row, "active")) {
			only = ss_js(row, "fingerprint");
			n++;
		}
	}
	if (n == 0)
		return ss_error_set(SS_EPERM,
				    "%.100s has no registered key to sign with; register one "
				    "('secspec key register')",
				    person);
	if (n > 1)
		return ss_error_set(SS_EINVAL,
				    "%.100s has %zu registered keys: name the one that signs (its "
				    "fingerprint, from 'secspec key list')",
				    person, n);
	memcpy(p->fingerprint, only, 2 * SS_HASH_LEN);
	p->fingerprint[2 * SS_HASH_LEN] = '\0';
	return 0;
}

/* Which key signs this event (*out its fingerprint): the store's signer, or
 * the remote signer of a proposal, which must be registered to the actor
 * (or be the key this very event registers). A person with a registered key
 * may not make unsigned changes. */
static int signing_key(const char **out, ss_write *w, const char *type, const json_t *data)
{
	const char *person = ss_js(w->actor, "person");
	ss_proposal *p = w->st->proposal;
	const char *k = w->st->signer ? ss_key_fingerprint(w->st->signer) : NULL;
	json_t *keys = NULL, *row;
	bool mine = false, has_keys = false, revoked = false;
	size_t i;
	int error;

	*out = NULL;
	if (strcmp(type, "project.create") == 0)
		return 0; /* nobody has a key in a project that does not exist yet */
	/* the keys are read once per write (a registration drops them, below) */
	if (!w->keys && w->pid && (error = ss_state_keys(&w->keys, w->st, w->pid)) < 0)
		return error;
	keys = w->keys;
	if (p) {
		if (!p->fingerprint[0] && (error = proposal_key(w, p, person)) < 0)
			return error;
		k = p->fingerprint;
	}
	json_array_foreach(keys, i, row) {
		if (strcmp(ss_js(row, "person"), person) != 0)
			continue;
		if (!ss_ji(row, "active")) {
			revoked = revoked || (k && strcmp(ss_js(row, "fingerprint"), k) == 0);
			continue;
		}
		has_keys = true;
		if (k && strcmp(ss_js(row, "fingerprint"), k) == 0)
			mine = true;
	}
	/* a first key signs its own registration; a further key is registered by
	 * one the person already has (and proves possession inside the data) */
	if (k && !has_keys && strcmp(type, "key.register") == 0 &&
	    strcmp(ss_js(data, "fingerprint"), k) == 0)
		mine = true;
	if (k && !mine && revoked && has_keys)
		return ss_error_set(SS_EPERM,
				    "key %.16s… of %.100s was revoked; sign with another of their "
				    "keys",
				    k, person);
	if (k && !mine && revoked)
		return ss_error_set(SS_EPERM,
				    "key %.16s… of %.100s was revoked; register a new key with "
				    "'secspec key register'",
				    k, person);
	if (k && !mine)
		return ss_error_set(SS_EPERM,
				    "key %.16s… is not registered to %.100s in this project; "
				    "register it with 'secspec key register'",
				    k, person);
	if (!k && has_keys)
		return ss_error_set(SS_EPERM,
				    "%.100s has a registered key: sign the change with --key FILE "
				    "(or SECSPEC_KEY)",
				    person);
	*out = k;
	return 0;
}

/* How the event's signature came: made here with the key, given by a remote
 * signer (the rule book verifies it), or still to come (a proposal). */
enum { SIG_MADE, SIG_GIVEN, SIG_LATER };

static void rules_event(ss_rules_event *e, ss_rules_data *data, ss_write *w, const json_t *ev,
			const char *sig, int how, char *root)
{
	memset(e, 0, sizeof(*e));
	e->seq = w->seq + 1;
	e->project = ss_js(ev, "project");
	e->time = ss_js(ev, "time");
	e->actor = ss_js(ev, "actor");
	e->side = ss_js(ev, "side");
	e->role = ss_js(ev, "role");
	e->type = ss_js(ev, "type");
	e->key = ss_js_or_null(ev, "key");
	e->sig = sig;
	e->sig_made = how == SIG_MADE;
	e->sig_later = how == SIG_LATER;
	e->has_part = json_object_get(ev, "part") != NULL;
	e->part = ss_ji(ev, "part");
	e->parts = ss_ji(ev, "parts");
	e->body = w->body.ptr;
	e->body_len = w->body.len;
	ss_rules_data_json(data, json_object_get(ev, "data"));
	e->data = data;
	e->tree_size = w->seq;
	e->root = root;
}

/* The rule book decides, from the state before this event; *rule: the
 * rule it refused by. */
static int ask_rules(ss_write *w, const json_t *ev, const char *sig, int how, ss_rule *rule)
{
	char root[2 * SS_HASH_LEN + 1] = "";
	ss_rules_data data;
	ss_rules_event e;
	ss_rule_hit h;
	int error;

	if (strcmp(ss_js(ev, "type"), "milestone.open") == 0 && w->seq > 0) {
		ss_hash r;

		if ((error = ss_lstore_root(w->st, w->pid, (uint64_t)w->seq, r)) < 0)
			return error;
		ss_hash_hex(root, r);
	}
	rules_event(&e, &data, w, ev, sig, how, root);
	*rule = SS_RULE_NONE;
	if ((error = ss_rules_check(&h, w->rules, &e)) == 0)
		return 0;
	*rule = h.rule;
	if (h.rule == SS_RULE_NONE) /* the store could not answer */
		return error;
	return ss_error_set(error, "%s (rule %s)", h.msg, ss_rule_id(h.rule));
}

static void fold_event(ss_write *w, const json_t *ev, const char *sig)
{
	ss_rules_data data;
	ss_rules_event e;

	rules_event(&e, &data, w, ev, sig, SIG_MADE, "");
	ss_rules_fold(w->rules, &e);
}

/* The signature of the body in w->body: made with the store's key, or the
 * one a remote signer gave for it. A proposal records the body; without a
 * signature that fits it (none yet, or the log moved since it was signed)
 * the write goes on with a placeholder, every other rule checked, and is
 * rolled back at commit. */
static int sign_body(ss_write *w, const json_t *ev, char sig[129])
{
	ss_proposal *p = w->st->proposal;
	const char *given;
	ss_rule rule;
	int error;

	if (!p) {
		if ((error = ss_key_sign(w->st->signer, w->body.ptr, w->body.len, sig)) < 0)
			return error;
		return ask_rules(w, ev, sig, SIG_MADE, &rule);
	}
	if ((error = ss__proposal_record(p, w->body.ptr, w->body.len)) < 0)
		return error;
	given = p->pending ? NULL : ss__proposal_sig(p, p->next);
	p->next++;
	if (given) {
		memcpy(sig, given, 129);
		error = ask_rules(w, ev, sig, SIG_GIVEN, &rule);
		if (error == 0 || rule != SS_RULE_SIG_INVALID)
			return error;
	}
	p->pending = true;
	memset(sig, '0', 128);
	sig[128] = '\0';
	return ask_rules(w, ev, sig, SIG_LATER, &rule);
}

int ss_write__event(ss_write *w, const char *type, json_t *data)
{
	const char *k = NULL;
	char sig[129];
	ss_rule rule;
	json_t *ev;
	int error;

	if (!data)
		return ss_error_set(SS_ENOMEM, "out of memory building an event");
	if ((error = signing_key(&k, w, type, data)) < 0) {
		json_decref(data);
		return error;
	}
	ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1, "project",
		       ss_js(w->key, "name"), "seq", (json_int_t)(w->seq + 1), "prev", w->prev,
		       "time", w->time, "actor", ss_js(w->actor, "person"), "side",
		       ss_js(w->actor, "side"), "role", ss_js(w->actor, "role"), "type", type,
		       "data", data);
	if (!ev)
		return ss_error_set(SS_ENOMEM, "out of memory building an event");
	if (k)
		json_object_set_new(ev, "key", json_string(k));
	if (w->parts > 1 && ss_rules_version(w->rules) >= 4 &&
	    (json_object_set_new(ev, "part", json_integer(++w->part)) < 0 ||
	     json_object_set_new(ev, "parts", json_integer(w->parts)) < 0)) {
		json_decref(ev);
		return ss_error_set(SS_ENOMEM, "out of memory building an event");
	}
	ss_buf_clear(&w->body);
	if ((error = ss_json_canonical(&w->body, ev)) == 0 &&
	    (error = k ? sign_body(w, ev, sig) : ask_rules(w, ev, NULL, SIG_MADE, &rule)) == 0)
		error = ss_lstore_append(w->st, w->pid, ev, w->body.ptr, w->body.len,
					 k ? sig : NULL, w->prev);
	if (error == 0)
		fold_event(w, ev, k ? sig : NULL);
	json_decref(ev);
	if (error == 0) {
		w->seq++;
		w->appended = true;
		if (strncmp(type, "key.", 4) == 0) {
			json_decref(w->keys);
			w->keys = NULL;
		}
	}
	return error;
}

int ss_write__parts(ss_write *w, size_t n)
{
	if (n > SS_RULES_PARTS_MAX)
		return ss_error_set(SS_ELIMIT,
				    "a change of %zu events is more than one change may hold (%d); "
				    "make it in smaller parts",
				    n, SS_RULES_PARTS_MAX);
	w->parts = (int64_t)n;
	w->part = 0;
	return 0;
}

int ss_write__commit(ss_write *w)
{
	ss_proposal *p = w->st->proposal;
	int error = 0;

	/* the change is whole, or nothing of it is written */
	if (ss_rules_part_open(w->rules) ||
	    (w->parts > 1 && ss_rules_version(w->rules) >= 4 && w->part != w->parts)) {
		ss_store__rollback(w->st);
		w->open = false;
		return ss_error_set(SS_ERROR,
				    "the change announced %lld events and made %lld; nothing was "
				    "written",
				    (long long)w->parts, (long long)w->part);
	}

	if (p && w->appended) {
		size_t nbodies = json_array_size(p->bodies), nsigs = json_array_size(p->sigs);

		/* a change nobody signs (project.create) is made directly */
		if (nbodies == 0) {
			ss_store__rollback(w->st);
			w->open = false;
			return ss_error_set(SS_EINVAL,
					    "this change is not signed by anyone: make it without "
					    "--propose or --signed");
		}
		/* signatures for another number of events than this change has
		 * belong to another change: ask for this one's */
		if (nsigs && nsigs != nbodies)
			p->pending = true;
		/* a proposal waiting for signatures: checked, not written */
		if (p->pending) {
			ss_store__rollback(w->st);
			w->open = false;
			return 0;
		}
	}
	/* the head moves once per transaction, to the last event appended */
	if (w->appended && (error = ss_lstore_set_head_cas(w->st, w->pid, ss_ji(w->key, "head_seq"),
							   w->seq, w->prev)) < 0)
		return error;
	error = ss_store__commit(w->st);

	if (error == 0)
		w->open = false;
	return error;
}

void ss_write__release(ss_write *w)
{
	if (w->open)
		ss_store__rollback(w->st);
	w->open = false;
	write_reset(w);
}

static int data_of_row(void *ctx, const ss_event_row *row)
{
	json_t **out = ctx, *ev = ss_json_loadb_bounded(row->body, row->body_len, 0);

	if (!json_is_object(json_object_get(ev, "data"))) {
		json_decref(ev);
		return ss_error_set(SS_ECORRUPT,
				    "event %lld cannot be read; run 'secspec log verify'",
				    (long long)row->seq);
	}
	json_decref(*out);
	*out = json_incref(json_object_get(ev, "data"));
	json_decref(ev);
	return 0;
}

int ss__event_data(json_t **out, ss_store *st, int64_t pid, int64_t seq)
{
	json_t *data = NULL;
	int error;

	if ((error = ss_lstore_range(st, pid, seq, seq, data_of_row, &data)) < 0) {
		json_decref(data);
		return error;
	}
	if (!data)
		return ss_error_set(SS_ENOTFOUND, "event %lld is not in the log", (long long)seq);
	*out = data;
	return 0;
}

int ss__project_read(json_t **key_out, json_t **project_out, ss_store *st, const char *name)
{
	json_t *key = NULL;
	int error;

	if (!name)
		return ss_error_set(SS_EINVAL, "a project name is required");
	if ((error = ss_store_check(st)) < 0)
		return error;
	if ((error = ss_lstore_project_key(&key, st, name)) < 0)
		return error;
	if (project_out && (error = ss_state_project(project_out, st, ss_ji(key, "id"))) < 0) {
		json_decref(key);
		return error;
	}
	if (key_out)
		*key_out = key;
	else
		json_decref(key);
	return 0;
}

int ss__catalog_meta(json_t **out, ss_store *st, const char *version)
{
	json_t *row = NULL, *meta;
	json_error_t jerr;
	int error;

	if ((error = ss_cstore_version_get(&row, st, version)) < 0)
		return error;
	meta = json_loads(ss_js(row, "meta"), 0, &jerr);
	json_decref(row);
	if (!meta)
		return ss_error_set(SS_ECORRUPT, "catalog version %.40s: stored index is not JSON",
				    version);
	*out = meta;
	return 0;
}

const json_t *ss__meta_find(const json_t *meta, const char *list, const char *id)
{
	const json_t *e;
	size_t i;

	if (!id)
		return NULL;
	json_array_foreach(json_object_get(meta, list), i, e) {
		if (strcmp(ss_js(e, "id"), id) == 0)
			return e;
	}
	return NULL;
}

int ss__project_level(int *out, ss_store *st, int64_t pid)
{
	json_t *assets = NULL, *a;
	size_t i;
	int error, level = 0;

	if ((error = ss_state_assets(&assets, st, pid)) < 0)
		return error;
	json_array_foreach(assets, i, a) {
		if (ss_ji(a, "level") > level)
			level = (int)ss_ji(a, "level");
	}
	json_decref(assets);
	*out = level;
	return 0;
}

void ss__bool_field(json_t *rows, const char *from, const char *to)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row) {
		json_t *v = json_object_get(row, from);

		if (json_is_integer(v)) {
			json_t *b = json_boolean(json_integer_value(v) != 0);

			json_object_del(row, from);
			json_object_set_new(row, to, b);
		}
	}
}

static int check_id(const json_t *meta, const char *list, const char *what, const char *id)
{
	ss_buf known = SS_BUF_INIT(4096);
	const json_t *e;
	size_t i;
	int error;

	if (!id || ss__meta_find(meta, list, id))
		return 0;
	json_array_foreach(json_object_get(meta, list), i, e) {
		ss_buf_printf(&known, "%s%s", i ? ", " : "", ss_js(e, "id"));
	}
	error = ss_error_set(SS_EINVAL, "unknown %s '%.60s' (the catalog has: %s)", what, id,
			     known.ptr);
	ss_buf_release(&known);
	return error;
}

int ss__filter_check(const json_t *meta, const ss_filter *f)
{
	int error;

	if (!f)
		return 0;
	if ((error = check_id(meta, "sections", "--section", f->section)) < 0 ||
	    (error = check_id(meta, "platforms", "--platform", f->platform)) < 0 ||
	    (error = check_id(meta, "categories", "--category", f->category)) < 0)
		return error;
	if (f->technique) {
		const char *t = f->technique;
		size_t n = strlen(t), i;
		bool ok = (n == 5 || n == 9) && t[0] == 'T';

		for (i = 1; ok && i < n; i++)
			ok = i == 5 ? t[i] == '.' : (t[i] >= '0' && t[i] <= '9');
		if (!ok)
			return ss_error_set(SS_EINVAL,
					    "--technique '%.40s' is not an ATT&CK id like T1110 or "
					    "T1110.001",
					    t);
	}
	return 0;
}
