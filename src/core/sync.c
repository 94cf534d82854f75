/*
 * Signed tree heads on a server, and a party's own verified copy of a log
 * (docs/server-model.md). The server signs its head (ss_log_signed_head)
 * and serves the stored event bytes (ss_log_events); `secspec sync` hands
 * what it fetched to ss_sync_apply, which checks everything before it
 * writes: the head's signature and key, the consistency of the head with
 * the last checkpoint, the whole log through the rule book (as `log
 * verify` does), and that the head's root is the root of those events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "ledger/check.h"
#include "ledger/merkle.h"
#include "secspec/sync.h"
#include "store/sync_store.h"
#include "util/banned.h"

int ss_log_signed_head(json_t **out, ss_store *st, const char *project, const ss_key *k)
{
	json_t *head = NULL;
	char now[SS_TIME_MAX];
	int error;

	if (!out || !st || !k)
		return ss_error_set(SS_EINVAL, "ss_log_signed_head: NULL argument");
	if ((error = ss_time_now(now)) < 0 || (error = ss_log_head(&head, st, project)) < 0)
		return error;
	error = ss_head_sign(out, k, project, ss_ji(head, "tree_size"), ss_js(head, "root"), now);
	json_decref(head);
	return error;
}

static int collect_event(void *vctx, const ss_event_row *e)
{
	json_t *list = vctx;

	if (json_array_append_new(list, json_pack("{s:I, s:s%, s:s*}", "seq", (json_int_t)e->seq,
						  "body", e->body, e->body_len, "sig", e->sig)) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

int ss_log_events(json_t **out, ss_store *st, const char *project, int64_t from, int64_t limit)
{
	json_t *key = NULL, *list = NULL;
	int64_t head;
	bool began = false;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_events: NULL argument");
	if (from < 1 || limit < 1 || limit > SS_LOG_EVENTS_MAX)
		return ss_error_set(SS_EINVAL,
				    "events are asked for from event 1 on, at most %d at a time",
				    SS_LOG_EVENTS_MAX);
	if (!(list = json_array()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_store__read_snapshot(st, &began)) < 0 ||
	    (error = ss__project_read(&key, NULL, st, project)) < 0)
		goto out;
	head = ss_ji(key, "head_seq");
	if (from <= head &&
	    (error = ss_lstore_range(st, ss_ji(key, "id"), from,
				     from - 1 + limit < head ? from - 1 + limit : head,
				     collect_event, list)) < 0)
		goto out;
	*out = json_pack("{s:s, s:I, s:I, s:O}", "project", project, "tree_size", (json_int_t)head,
			 "from", (json_int_t)from, "events", list);
out:
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(list);
	return error;
}

/* The project's key row and last checkpoint (either NULL when absent). */
static int local_state(json_t **key, json_t **ckpt, ss_store *st, const char *project)
{
	int error;

	*key = NULL;
	*ckpt = NULL;
	if ((error = ss_lstore_project_key(key, st, project)) == SS_ENOTFOUND)
		return 0;
	if (error < 0)
		return error;
	if ((error = ss_ystore_checkpoint_last(ckpt, st, ss_ji(*key, "id"))) == SS_ENOTFOUND)
		error = 0;
	return error;
}

/* The signed head a checkpoint row holds (new reference, or NULL). */
static json_t *ckpt_head(const json_t *ckpt)
{
	return ckpt ? ss_json_loadb_bounded(ss_js(ckpt, "head"), strlen(ss_js(ckpt, "head")), 0)
		    : NULL;
}

int ss_sync_local(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *ckpt = NULL;
	char hex[2 * SS_HASH_LEN + 1] = "";
	ss_hash root;
	bool began = false;
	int error;

	if (!out || !st || !project)
		return ss_error_set(SS_EINVAL, "ss_sync_local: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0 ||
	    (error = local_state(&key, &ckpt, st, project)) < 0)
		goto out;
	if (key && (error = ss_lstore_root(st, ss_ji(key, "id"), (uint64_t)ss_ji(key, "head_seq"),
					   root)) < 0)
		goto out;
	if (key)
		ss_hash_hex(hex, root);
	*out = json_pack("{s:s, s:I, s:s*, s:o}", "project", project, "tree_size",
			 (json_int_t)(key ? ss_ji(key, "head_seq") : 0), "root", key ? hex : NULL,
			 "checkpoint", ckpt ? ckpt_head(ckpt) : json_null());
out:
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(ckpt);
	return error;
}

/* What sync found wrong: *out gets the refusal with its evidence. */
static int refuse(json_t **out, const char *project, const char *what, const json_t *ckpt_signed,
		  const json_t *head, const json_t *proof, const json_t *problems, int error)
{
	json_t *o = json_pack("{s:s, s:b, s:s, s:{s:s, s:O*, s:O*, s:O*, s:O*}}", "project",
			      project, "ok", 0, "reason", ss_error_last(), "conflict", "what", what,
			      "checkpoint", ckpt_signed, "head", head, "proof", proof, "problems",
			      problems);

	if (o)
		*out = o;
	return error;
}

struct feed {
	ss_checker *check;
};

static int feed_local(void *vctx, const ss_event_row *e)
{
	const char *cols[] = {e->time, e->actor, e->side, e->role, e->type};

	ss_checker_add(((struct feed *)vctx)->check, e->seq, e->body, e->body_len, e->hash, e->sig,
		       cols);
	return 0;
}

/* The new events: exactly from..to, each {seq, body, sig}. */
static int events_shape(const json_t *events, int64_t from, int64_t to)
{
	const json_t *e;
	size_t i;

	if (!json_is_array(events) || (int64_t)json_array_size(events) != to - from + 1)
		return ss_error_set(SS_ECORRUPT,
				    "the server served %zu events where events %lld to %lld were "
				    "asked for",
				    json_array_size(events), (long long)from, (long long)to);
	json_array_foreach(events, i, e) {
		const json_t *sig = json_object_get(e, "sig");

		if (ss_ji(e, "seq") != from + (int64_t)i ||
		    !json_is_string(json_object_get(e, "body")) ||
		    (sig && !json_is_null(sig) && !json_is_string(sig)))
			return ss_error_set(SS_ECORRUPT,
					    "event %lld as served is not {seq, body, sig} in order",
					    (long long)(from + (int64_t)i));
	}
	return 0;
}

/* The consistency proof from (m, root_m) to the head (n, root_n). */
static bool proof_holds(const json_t *proof, int64_t m, const char *root_m, int64_t n,
			const char *root_n)
{
	const json_t *path = json_object_get(proof, "path"), *h;
	ss_hash p[128], rm, rn;
	size_t i;

	if (ss_ji(proof, "first_size") != m || ss_ji(proof, "second_size") != n ||
	    !json_is_array(path) || json_array_size(path) > 128 || ss_hash_unhex(rm, root_m) < 0 ||
	    ss_hash_unhex(rn, root_n) < 0)
		return false;
	json_array_foreach(path, i, h) {
		if (!json_is_string(h) || ss_hash_unhex(p[i], json_string_value(h)) < 0)
			return false;
	}
	return ss_merkle_verify_consistency((uint64_t)m, (uint64_t)n, rm, rn, p,
					    json_array_size(path)) == 1;
}

/* Append the verified new events to the local copy and move its head. */
static int store_events(ss_store *st, int64_t *pid, const char *project, const json_t *key,
			const json_t *events)
{
	char last[2 * SS_HASH_LEN + 1] = "";
	const json_t *e;
	size_t i;
	int error;

	if (!key) {
		if ((error = ss_lstore_project_key_new(pid, st, project)) < 0)
			return error;
	} else {
		*pid = ss_ji(key, "id");
	}
	json_array_foreach(events, i, e) {
		const char *body = ss_js(e, "body");
		json_t *ev = ss_json_loadb_bounded(body, strlen(body), 0);

		if (!ev)
			return ss_error_set(SS_ECORRUPT, "event %lld is not valid JSON",
					    (long long)ss_ji(e, "seq"));
		error = ss_lstore_append(st, *pid, ev, body, strlen(body), ss_js_or_null(e, "sig"),
					 last);
		json_decref(ev);
		if (error < 0)
			return ss_error_prefix(error,
					       "storing event %lld: ", (long long)ss_ji(e, "seq"));
	}
	if (json_array_size(events) == 0)
		return 0;
	return ss_lstore_set_head(
		st, *pid, ss_ji(json_array_get(events, json_array_size(events) - 1), "seq"), last);
}

int ss_sync_apply(json_t **out, ss_store *st, const char *project, const ss_sync_input *in)
{
	json_t *key = NULL, *ckpt = NULL, *signed_ckpt = NULL, *problems = NULL;
	struct feed f = {NULL};
	const char *root, *pin;
	char now[SS_TIME_MAX], got[2 * SS_HASH_LEN + 1];
	char *head_text = NULL;
	int64_t local = 0, have = 0, n, pid = 0;
	size_t i;
	int error;

	if (!out || !st || !project || !in || !in->head)
		return ss_error_set(SS_EINVAL, "ss_sync_apply: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_time_now(now)) < 0)
		return error;
	if ((error = ss_head_verify(in->head)) < 0) {
		ss_error_prefix(error, "the server's signed head does not verify: ");
		return refuse(out, project, "head-signature", NULL, in->head, NULL, NULL, error);
	}
	root = ss_js(in->head, "root");
	n = ss_ji(in->head, "tree_size");
	if (n < 1)
		return ss_error_set(SS_ENOTFOUND, "the server's log of project '%.100s' is empty",
				    project);
	if (strcmp(ss_js(in->head, "project"), project) != 0)
		return refuse(out, project, "head-project", NULL, in->head, NULL, NULL,
			      ss_error_set(SS_ECORRUPT,
					   "the server's signed head is of project '%.100s', not "
					   "'%.100s'",
					   ss_js(in->head, "project"), project));
	if ((error = ss_store__begin(st)) < 0)
		return error;
	if ((error = local_state(&key, &ckpt, st, project)) < 0)
		goto out;
	signed_ckpt = ckpt_head(ckpt);
	local = key ? ss_ji(key, "head_seq") : 0;
	have = ckpt ? ss_ji(ckpt, "tree_size") : 0;
	if (key && (!ckpt || local != have)) {
		error = ss_error_set(SS_ECONFLICT,
				     "this database's project '%.100s' has %lld events, of which "
				     "the last %lld were not taken in by sync: a synced copy is "
				     "read-only; sync into another database",
				     project, (long long)local, (long long)(local - have));
		goto out;
	}
	pin = in->server_key ? in->server_key : ss_js_or_null(signed_ckpt, "key");
	if (pin && strcmp(pin, ss_js(in->head, "key")) != 0) {
		error = ss_error_set(SS_EPERM,
				     "the server signs its head with key %.16s…, not with %.16s… "
				     "as expected; if its operator changed the key, give the new "
				     "one with --server-key",
				     ss_js(in->head, "key"), pin);
		goto out;
	}
	/* the head against the checkpoint: the same size has the same root,
	 * a larger one extends it (the proof), a smaller one is a rollback */
	if (ckpt && n < have) {
		error = refuse(out, project, "rollback", signed_ckpt, in->head, NULL, NULL,
			       ss_error_set(SS_ECORRUPT,
					    "the server's signed head has %lld events but it "
					    "signed %lld before: it removed events it had "
					    "published",
					    (long long)n, (long long)have));
		goto out;
	}
	if (ckpt && n == have && strcmp(root, ss_js(ckpt, "root")) != 0) {
		error = refuse(out, project, "same-size", signed_ckpt, in->head, NULL, NULL,
			       ss_error_set(SS_ECORRUPT,
					    "the server signed two different roots for the same "
					    "%lld events: it shows different histories",
					    (long long)n));
		goto out;
	}
	if (ckpt && n > have && !proof_holds(in->proof, have, ss_js(ckpt, "root"), n, root)) {
		error = refuse(
			out, project, "not-consistent", signed_ckpt, in->head, in->proof, NULL,
			ss_error_set(SS_ECORRUPT,
				     "the server's signed head of %lld events does not "
				     "extend the head of %lld events it signed at %s: "
				     "history was rewritten",
				     (long long)n, (long long)have, ss_js(signed_ckpt, "time")));
		goto out;
	}
	if (n - local > SS_SYNC_EVENTS_MAX) {
		error = ss_error_set(SS_ELIMIT,
				     "the server's log is %lld events ahead; at most %d "
				     "are taken in at once",
				     (long long)(n - local), SS_SYNC_EVENTS_MAX);
		goto out;
	}
	if ((error = events_shape(in->events, local + 1, n)) < 0) {
		error = refuse(out, project, "events", signed_ckpt, in->head, NULL, NULL, error);
		goto out;
	}
	/* the whole log, ours and theirs, through the rule book */
	if (!(f.check = ss_checker_new(project))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (key && (error = ss_lstore_each(st, ss_ji(key, "id"), local, feed_local, &f)) < 0)
		goto out;
	for (i = 0; i < json_array_size(in->events); i++) {
		const json_t *e = json_array_get(in->events, i);
		const char *body = ss_js(e, "body");

		ss_checker_add(f.check, ss_ji(e, "seq"), body, strlen(body), NULL,
			       ss_js_or_null(e, "sig"), NULL);
	}
	problems = json_deep_copy(ss_checker_problems(f.check));
	if (json_array_size(problems) > 0 || !ss_checker_ok(f.check)) {
		const json_t *p = json_array_get(problems, 0);

		error = refuse(out, project, "log-rules", signed_ckpt, in->head, NULL, problems,
			       ss_error_set(SS_ECORRUPT,
					    "the log the server serves does not verify: event "
					    "%lld: %s [%s]",
					    (long long)ss_ji(p, "seq"), ss_js(p, "problem"),
					    ss_js(p, "rule")));
		goto out;
	}
	ss_checker_root(f.check, got);
	if (n > 0 && strcmp(got, root) != 0) {
		error = refuse(out, project, "root-mismatch", signed_ckpt, in->head, NULL, NULL,
			       ss_error_set(SS_ECORRUPT,
					    "the root of the %lld events served is %.16s…, not "
					    "the root %.16s… the server signed: it serves other "
					    "events than it signs",
					    (long long)n, got, root));
		goto out;
	}
	if (!(head_text = json_dumps(in->head, JSON_COMPACT | JSON_SORT_KEYS))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = store_events(st, &pid, project, key, in->events)) < 0 ||
	    (error = ss_ystore_checkpoint_put(st, pid, n, root, head_text, now)) < 0 ||
	    (error = ss_store__commit(st)) < 0)
		goto out;
	*out = json_pack("{s:s, s:b, s:I, s:I, s:I, s:s, s:O}", "project", project, "ok", 1, "from",
			 (json_int_t)local, "to", (json_int_t)n, "added", (json_int_t)(n - local),
			 "root", root, "head", in->head);
out:
	ss_store__rollback(st); /* nothing when committed */
	free(head_text);
	ss_checker_free(f.check);
	json_decref(key);
	json_decref(ckpt);
	json_decref(signed_ckpt);
	json_decref(problems);
	return error;
}

int ss_sync_checkpoints(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *rows = NULL, *list = NULL, *r;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_sync_checkpoints: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0 ||
	    (error = ss_ystore_checkpoints(&rows, st, ss_ji(key, "id"))) < 0)
		goto out;
	list = json_array();
	json_array_foreach(rows, i, r) {
		json_t *h = ckpt_head(r);

		json_array_append_new(list,
				      json_pack("{s:I, s:s, s:s, s:s, s:s}", "tree_size",
						(json_int_t)ss_ji(r, "tree_size"), "root",
						ss_js(r, "root"), "time", ss_js(h, "time"), "key",
						ss_js(h, "key"), "recorded", ss_js(r, "recorded")));
		json_decref(h);
	}
	*out = list;
	list = NULL;
out:
	json_decref(key);
	json_decref(rows);
	json_decref(list);
	return error;
}

int ss_witness_record(json_t **out, ss_store *st, const char *project, const char *login,
		      const json_t *head, const char *key_fp)
{
	json_t *key = NULL;
	char now[SS_TIME_MAX], hex[2 * SS_HASH_LEN + 1];
	int64_t n = ss_ji(head, "tree_size");
	ss_hash root;
	int error;

	if (!out || !st || !login || !head || !key_fp)
		return ss_error_set(SS_EINVAL, "ss_witness_record: NULL argument");
	if ((error = ss_head_verify(head)) < 0) {
		char why[SS_ERROR_MAX];

		snprintf(why, sizeof(why), "%s", ss_error_last());
		return ss_error_set(SS_EINVAL, "%s", why);
	}
	if (strcmp(ss_js(head, "key"), key_fp) != 0 || strcmp(ss_js(head, "project"), project) != 0)
		return ss_error_set(SS_EINVAL,
				    "this head was not signed by this server's key for project "
				    "'%.100s'",
				    project);
	if ((error = ss_time_now(now)) < 0 || (error = ss_store__begin(st)) < 0)
		return error;
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		goto out;
	if (n < 1 || n > ss_ji(key, "head_seq")) {
		error = ss_error_set(SS_EINVAL, "tree size %lld: the log has %lld events",
				     (long long)n, (long long)ss_ji(key, "head_seq"));
		goto out;
	}
	if ((error = ss_lstore_root(st, ss_ji(key, "id"), (uint64_t)n, root)) < 0)
		goto out;
	ss_hash_hex(hex, root);
	if (strcmp(hex, ss_js(head, "root")) != 0) {
		error = ss_error_set(SS_ECONFLICT,
				     "the root of this log at %lld events is %.16s…, not %.16s… "
				     "as the copy says",
				     (long long)n, hex, ss_js(head, "root"));
		goto out;
	}
	if ((error = ss_ystore_witness_put(st, ss_ji(key, "id"), login, n, hex, ss_js(head, "time"),
					   ss_js(head, "signature"), now)) < 0 ||
	    (error = ss_store__commit(st)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:I, s:s, s:s}", "project", project, "login", login,
			 "tree_size", (json_int_t)n, "root", hex, "agreed", now);
out:
	ss_store__rollback(st);
	json_decref(key);
	return error;
}

int ss_witness_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *rows = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_witness_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0 ||
	    (error = ss_ystore_witnesses(&rows, st, ss_ji(key, "id"))) < 0)
		goto out;
	*out = json_pack("{s:s, s:o}", "project", project, "witnesses", rows);
	rows = NULL;
out:
	json_decref(key);
	json_decref(rows);
	return error;
}
