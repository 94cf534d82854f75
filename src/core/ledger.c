/*
 * The change log: listing, verifying the hash chain, and checking that the
 * state tables are exactly the replay of the events.
 *
 * Chain: each event's canonical JSON body carries "prev", the hash of the
 * event before it (64 zeros for the first); its hash is SHA-256 of the body.
 * The project's head (seq and hash of the last event) is kept beside the
 * chain, so removing events at the end is detected too. Replay with repair
 * rebuilds the state tables from the events and records the head they were
 * built from.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "ledger/check.h"
#include "ledger/merkle.h"
#include "util/progress.h"
#include "util/banned.h"

int ss_log_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *events = NULL, *list = NULL, *e;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = ss_lstore_events(&events, st, ss_ji(key, "id"))) < 0)
		goto out;
	list = json_array();
	json_array_foreach(events, i, e) {
		json_t *body = json_loads(ss_js(e, "body"), 0, NULL), *row;

		row = json_pack("{s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:O, s:o}", "seq",
				json_object_get(e, "seq"), "time", json_object_get(e, "time"),
				"actor", json_object_get(e, "actor"), "side",
				json_object_get(e, "side"), "role", json_object_get(e, "role"),
				"type", json_object_get(e, "type"), "data",
				body ? json_object_get(body, "data") : json_null(), "hash",
				json_object_get(e, "hash"), "key",
				body && json_object_get(body, "key")
					? json_incref(json_object_get(body, "key"))
					: json_null());
		/* rules 4: the event's place in a change of several events */
		if (row && body && json_object_get(body, "parts")) {
			json_object_set(row, "part", json_object_get(body, "part"));
			json_object_set(row, "parts", json_object_get(body, "parts"));
		}
		json_array_append_new(list, row);
		json_decref(body);
	}
	*out = json_pack("{s:s, s:o}", "project", project, "events", list);
out:
	json_decref(key);
	json_decref(events);
	return error;
}

struct verify_ctx {
	ss_checker *check;
	ss_tile_check *tiles;
	int64_t head;
};

static int verify_one(void *vctx, const ss_event_row *e)
{
	struct verify_ctx *c = vctx;
	const char *cols[] = {e->time, e->actor, e->side, e->role, e->type};

	ss_checker_add(c->check, e->seq, e->body, e->body_len, e->hash, e->sig, cols);
	ss_progress(N_("verifying the log"), SS_PROGRESS_EVENTS, (uint64_t)e->seq,
		    (uint64_t)(e->seq > c->head ? e->seq : c->head));
	return 0;
}

int ss_log_verify(json_t **out, ss_store *st, const char *project)
{
	struct verify_ctx c = {NULL, NULL, 0};
	json_t *key = NULL, *report = NULL;
	const json_t *problems;
	char root_hex[2 * SS_HASH_LEN + 1], tiles_wrong[160];
	ss_hash root, stored_root;
	int64_t pid, head;
	bool began = false;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_verify: NULL argument");
	if (!(c.check = ss_checker_new(project)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	/* the head and the events from one snapshot: a writer may commit between */
	if ((error = ss_store__read_snapshot(st, &began)) < 0 ||
	    (error = ss__project_read(&key, NULL, st, project)) < 0)
		goto out;
	pid = ss_ji(key, "id");
	head = ss_ji(key, "head_seq");
	c.head = head;
	if ((error = ss_tile_check_new(&c.tiles, st, pid)) == 0) {
		/* the tiles of the checker's tree, against the stored ones */
		ss_checker_tiles(c.check, ss_tile_check_compare, c.tiles);
		/* reading on this thread, checking on another; on failure, here */
		(void)ss_checker_async(c.check);
		if ((error = ss_lstore_each(st, pid, INT64_MAX, verify_one, &c)) == 0) {
			ss_checker_tiles_end(c.check);
			error = ss_tile_check_end(c.tiles, tiles_wrong, sizeof(tiles_wrong));
		}
	}
	/* (when events are missing at the end, the head check below says so) */
	if (error == 0 && head == ss_checker_size(c.check) && head > 0) {
		/* every stored tile, against the events' hashes */
		if (*tiles_wrong)
			ss_checker_problem(c.check, head, "log-tiles",
					   _("%s (proofs would be wrong)"), tiles_wrong);
		/* and the tree read back from the tiles has the leaves' root */
		ss_checker_root(c.check, root_hex);
		if (ss_hash_unhex(root, root_hex) < 0 ||
		    ss_lstore_root(st, pid, (uint64_t)head, stored_root) < 0 ||
		    memcmp(root, stored_root, SS_HASH_LEN) != 0)
			ss_checker_problem(
				c.check, head, "log-tiles",
				_("the stored Merkle tree does not match the events (proofs "
				  "would be wrong)"));
	}
	ss_store__read_end(st, began);
	if (error < 0)
		goto out;
	if (head != ss_checker_size(c.check))
		ss_checker_problem(
			c.check, head, "log-head",
			_("the log ends at event %lld but the project's head is event %lld "
			  "(events were removed from the end, or the head was changed)"),
			(long long)ss_checker_size(c.check), (long long)head);
	else if (head > 0 && strcmp(ss_js(key, "head_hash"), ss_checker_last_hash(c.check)) != 0)
		ss_checker_problem(c.check, head, "log-head",
				   _("the project's head hash does not match the last event"));
	report = ss_checker_report(c.check);
	ss_checker_check_timestamps(c.check, report, NULL); /* the imprints; no CA here */
	problems = ss_checker_problems(c.check);
	if (json_array_size(problems) > 0) {
		const json_t *p = json_array_get(problems, 0);

		error = ss_error_set(SS_ECORRUPT,
				     "log of project %s does not verify: event %lld: %s (%zu "
				     "problem(s))",
				     project, (long long)ss_ji(p, "seq"), ss_js(p, "problem"),
				     json_array_size(problems));
	}
	*out = report;
	report = NULL;
out:
	json_decref(key);
	json_decref(report);
	ss_checker_free(c.check);
	ss_tile_check_free(c.tiles);
	return error;
}

/* What a replay check found: in English for the report (machine output),
 * and in the message language for the error. */
typedef struct {
	char en[SS_ERROR_MAX];
	char msg[SS_ERROR_MAX];
	bool rules; /* the log breaks a rule (rather than the state differing) */
} difference;

static void say(difference *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* fmt: an English literal marked with N_(). */
static void say(difference *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->en, sizeof(d->en), fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vsnprintf(d->msg, sizeof(d->msg), ss_gettext(fmt), ap);
	va_end(ap);
}

/* First difference between two state dumps. */
static void first_difference(difference *d, const json_t *live, const json_t *replayed)
{
	const char *table;
	json_t *rows;

	say(d, N_("unknown"));
	json_object_foreach((json_t *)live, table, rows) {
		const json_t *other = json_object_get(replayed, table);
		size_t i;

		if (json_array_size(rows) != json_array_size(other)) {
			say(d, N_("table %s: %zu rows live, %zu after replay"), table,
			    json_array_size(rows), json_array_size(other));
			return;
		}
		for (i = 0; i < json_array_size(rows); i++) {
			if (!json_equal(json_array_get(rows, i), json_array_get(other, i))) {
				const char *k;
				json_t *v;

				json_object_foreach(json_array_get(rows, i), k, v) {
					if (!json_equal(v, json_object_get(json_array_get(other, i),
									   k))) {
						say(d, N_("table %s, row %zu, column %s"), table,
						    i + 1, k);
						return;
					}
				}
			}
		}
	}
}

struct replay_ctx {
	ss_store *st;
	int64_t pid, count;
	char *last;
};

static int replay_one(void *vctx, const ss_event_row *e)
{
	struct replay_ctx *c = vctx;
	json_t *ev = ss_json_loadb_bounded(e->body, e->body_len, 0);
	int error;

	if (!ev)
		return ss_error_set(SS_ECORRUPT, "event %lld is not valid JSON", (long long)e->seq);
	error = ss_state_apply(c->st, c->pid, ev);
	json_decref(ev);
	if (error < 0)
		return ss_error_prefix(error, "replaying event %lld: ", (long long)e->seq);
	c->count++;
	if (c->last)
		snprintf(c->last, 2 * SS_HASH_LEN + 1, "%s", e->hash);
	return 0;
}

int ss__replay(ss_store *st, int64_t pid, int64_t upto, int64_t *count, char *last)
{
	int error;

	if ((error = ss_state_clear(st, pid)) < 0)
		return error;
	return ss__replay_more(st, pid, 1, upto, count, last);
}

int ss__replay_more(ss_store *st, int64_t pid, int64_t from, int64_t upto, int64_t *count,
		    char *last)
{
	struct replay_ctx c = {st, pid, 0, last};
	int error;

	if ((error = ss_lstore_range(st, pid, from, upto, replay_one, &c)) < 0)
		return error;
	if (count)
		*count = c.count;
	return 0;
}

static int check_one(void *vctx, const ss_event_row *e)
{
	ss_checker_add(vctx, e->seq, e->body, e->body_len, e->hash, e->sig, NULL);
	return 0;
}

/* Every event folded through the rule book, as log verify does: a state
 * that is the replay of a log the rules refuse is no evidence. */
static int replay_rules(difference *d, ss_store *st, int64_t pid, const char *project)
{
	ss_checker *c = ss_checker_new(project);
	const json_t *p;
	int error;

	if (!c)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_lstore_each(st, pid, INT64_MAX, check_one, c)) == 0 &&
	    (p = json_array_get(ss_checker_problems(c), 0)) != NULL) {
		/* (the problem is in the message language already: the rule book's) */
		say(d, N_("event %lld breaks rule %s: %s"), (long long)ss_ji(p, "seq"),
		    ss_js(p, "rule"), ss_js(p, "problem"));
		d->rules = true;
	}
	ss_checker_free(c);
	return error;
}

int ss_log_replay_check(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *live = NULL, *replayed = NULL;
	difference diff = {"", "", false};
	int64_t pid, count = 0;
	bool began = false;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_replay_check: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	pid = ss_ji(key, "id");
	if ((error = ss_store__begin(st)) < 0)
		goto out;
	began = true;
	if ((error = replay_rules(&diff, st, pid, project)) < 0 ||
	    (error = ss_state_dump(&live, st, pid)) < 0 ||
	    (error = ss__replay(st, pid, INT64_MAX, &count, NULL)) < 0 ||
	    (error = ss_state_dump(&replayed, st, pid)) < 0)
		goto out;
	if (!diff.en[0] && !json_equal(live, replayed))
		first_difference(&diff, live, replayed);
	*out = json_pack("{s:s, s:I, s:b, s:s*}", "project", project, "events", (json_int_t)count,
			 "ok", diff.en[0] == '\0', "difference", diff.en[0] ? diff.en : NULL);
	if (diff.en[0])
		error = diff.rules
				? ss_error_set(SS_ECORRUPT,
					       "the log of project %s is no evidence: %s", project,
					       diff.msg)
				: ss_error_set(
					  SS_ECORRUPT,
					  "the state of project %s is not the replay of its log: "
					  "%s; rebuild it with 'secspec log replay %s --repair'",
					  project, diff.msg, project);
out:
	if (began)
		ss_store__rollback(st); /* replay never changes the database */
	json_decref(key);
	json_decref(live);
	json_decref(replayed);
	return error;
}

int ss_log_replay_repair(json_t **out, ss_store *st, const char *project)
{
	char last[2 * SS_HASH_LEN + 1] = "";
	json_t *key = NULL;
	int64_t pid, head, count = 0;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_replay_repair: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__begin(st)) < 0)
		return error;
	/* the head as of this write transaction: nobody appends while it runs */
	if ((error = ss_lstore_project_key(&key, st, project)) < 0)
		goto out;
	pid = ss_ji(key, "id");
	head = ss_ji(key, "head_seq");
	if ((error = ss__replay(st, pid, head, &count, last)) < 0)
		goto out;
	if (count != head || (head > 0 && strcmp(last, ss_js(key, "head_hash")) != 0)) {
		error = ss_error_set(
			SS_ECORRUPT,
			"the log of project %s does not reach its head (event %lld); "
			"the state cannot be rebuilt from it: run 'secspec log verify %s'",
			project, (long long)head, project);
		goto out;
	}
	if ((error = ss_state_record_head(st, pid, head, ss_js(key, "head_hash"))) < 0 ||
	    (error = ss_store__commit(st)) < 0)
		goto out;
	*out = json_pack("{s:s, s:I, s:b}", "project", project, "events", (json_int_t)count,
			 "repaired", 1);
out:
	ss_store__rollback(st); /* nothing when committed */
	json_decref(key);
	return error;
}

static json_t *hex_list(const ss_hash *path, size_t count)
{
	json_t *arr = json_array();
	char hex[2 * SS_HASH_LEN + 1];
	size_t i;

	for (i = 0; i < count; i++) {
		ss_hash_hex(hex, path[i]);
		json_array_append_new(arr, json_string(hex));
	}
	return arr;
}

/* Resolve a tree size: 0 means the head; larger than the head is refused. */
static int tree_size(int64_t *out, const json_t *key, int64_t want)
{
	int64_t head = ss_ji(key, "head_seq");

	if (want == 0)
		want = head;
	if (want < 1 || want > head)
		return ss_error_set(SS_EINVAL, "tree size %lld: the log has %lld events",
				    (long long)want, (long long)head);
	*out = want;
	return 0;
}

int ss_log_head(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	char hex[2 * SS_HASH_LEN + 1];
	ss_hash root;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_head: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = ss_lstore_root(st, ss_ji(key, "id"), (uint64_t)ss_ji(key, "head_seq"),
				    root)) == 0) {
		ss_hash_hex(hex, root);
		*out = json_pack("{s:s, s:I, s:s}", "project", project, "tree_size",
				 (json_int_t)ss_ji(key, "head_seq"), "root", hex);
	}
	json_decref(key);
	return error;
}

int ss_log_proof(json_t **out, ss_store *st, const char *project, int64_t seq, int64_t want)
{
	json_t *key = NULL;
	ss_hash path[64], root, leaf;
	char root_hex[2 * SS_HASH_LEN + 1], leaf_hex[2 * SS_HASH_LEN + 1];
	int64_t n = 0;
	size_t count = 0;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_proof: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = tree_size(&n, key, want)) < 0)
		goto out;
	if (seq < 1 || seq > n) {
		error = ss_error_set(SS_EINVAL, "event %lld is not in a tree of %lld events",
				     (long long)seq, (long long)n);
		goto out;
	}
	if ((error = ss_lstore_node(st, ss_ji(key, "id"), 0, (uint64_t)seq - 1, leaf)) < 0 ||
	    (error = ss_lstore_inclusion(st, ss_ji(key, "id"), (uint64_t)seq - 1, (uint64_t)n, path,
					 &count)) < 0 ||
	    (error = ss_lstore_root(st, ss_ji(key, "id"), (uint64_t)n, root)) < 0)
		goto out;
	if (!ss_merkle_verify_inclusion((uint64_t)seq - 1, (uint64_t)n, leaf, path, count, root)) {
		error = ss_error_set(SS_ECORRUPT,
				     "the stored Merkle tree of %s is inconsistent; run 'secspec "
				     "log verify'",
				     project);
		goto out;
	}
	ss_hash_hex(root_hex, root);
	ss_hash_hex(leaf_hex, leaf);
	*out = json_pack("{s:s, s:I, s:I, s:I, s:s, s:s, s:o}", "project", project, "seq",
			 (json_int_t)seq, "leaf_index", (json_int_t)seq - 1, "tree_size",
			 (json_int_t)n, "leaf_hash", leaf_hex, "root", root_hex, "path",
			 hex_list(path, count));
out:
	json_decref(key);
	return error;
}

int ss_log_consistency(json_t **out, ss_store *st, const char *project, int64_t m, int64_t want)
{
	json_t *key = NULL;
	ss_hash path[128], rm, rn;
	char hm[2 * SS_HASH_LEN + 1], hn[2 * SS_HASH_LEN + 1];
	int64_t n = 0;
	size_t count = 0;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_log_consistency: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = tree_size(&n, key, want)) < 0)
		goto out;
	if (m < 1 || m > n) {
		error = ss_error_set(SS_EINVAL, "the first tree size must be 1 to %lld",
				     (long long)n);
		goto out;
	}
	if ((error = ss_lstore_consistency(st, ss_ji(key, "id"), (uint64_t)m, (uint64_t)n, path,
					   &count)) < 0 ||
	    (error = ss_lstore_root(st, ss_ji(key, "id"), (uint64_t)m, rm)) < 0 ||
	    (error = ss_lstore_root(st, ss_ji(key, "id"), (uint64_t)n, rn)) < 0)
		goto out;
	if (!ss_merkle_verify_consistency((uint64_t)m, (uint64_t)n, rm, rn, path, count)) {
		error = ss_error_set(SS_ECORRUPT, "the stored Merkle tree of %s is inconsistent",
				     project);
		goto out;
	}
	ss_hash_hex(hm, rm);
	ss_hash_hex(hn, rn);
	*out = json_pack("{s:s, s:I, s:s, s:I, s:s, s:o}", "project", project, "first_size",
			 (json_int_t)m, "first_root", hm, "second_size", (json_int_t)n,
			 "second_root", hn, "path", hex_list(path, count));
out:
	json_decref(key);
	return error;
}
