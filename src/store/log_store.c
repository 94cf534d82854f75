/*
 * The ledger: each project's identity and head, and its events in order.
 * Appending an event also adds its leaf to the Merkle tiles (tiles.c) and
 * applies it to the state tables (state.c); the head moves by
 * compare-and-swap once per transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/merkle.h"
#include "store/state.h"
#include "util/util.h"
#include "util/banned.h"

int ss_lstore_project_key(json_t **out, ss_store *st, const char *name)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT id, name, head_seq, head_hash FROM project_key WHERE name = ?1", "t",
		     name)) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(SS_ENOTFOUND,
				    "project '%.100s' not found; 'secspec project list' shows the "
				    "projects",
				    name);
	return 0;
}

int ss_lstore_project_key_new(int64_t *out_id, ss_store *st, const char *name)
{
	ss_query q;
	int error;

	if ((error = ss_q_exec(st, "INSERT INTO project_key(name) VALUES(?1)", "t", name)) < 0) {
		if (error == SS_ECONFLICT)
			ss_error_set(error, "project '%.100s' already exists", name);
		return error;
	}
	if ((error = ss_q_open(&q, st, "SELECT id FROM project_key WHERE name = ?1", "t", name)) <
	    0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out_id = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_lstore_append(ss_store *st, int64_t project_id, const json_t *event, const char *body,
		     size_t len, const char *sig, char *hash_out)
{
	char hash[2 * SS_HASH_LEN + 1];
	int64_t seq = ss_ji(event, "seq");
	ss_hash leaf;
	int error;

	/* the first append of a transaction: the state it builds on must be the
	 * projection of the log it extends */
	if (st->append_pid != project_id) {
		if ((error = ss_state_check_head(st, project_id)) < 0)
			return error;
		st->append_pid = project_id;
		st->append_base = seq - 1;
	}
	ss_merkle_leaf(leaf, body, len);
	ss_hash_hex(hash, leaf);
	if ((error = ss_q_exec(st,
			       "INSERT INTO event(project_id, seq, time, actor, side, role, type, "
			       "body, hash, sig) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
			       "iitttttttt", project_id, seq, ss_js(event, "time"),
			       ss_js(event, "actor"), ss_js(event, "side"), ss_js(event, "role"),
			       ss_js(event, "type"), body, hash, sig)) < 0)
		return error;
	if ((error = ss__tiles_append(st, project_id, (uint64_t)seq - 1, leaf)) < 0)
		return error;
	if ((error = ss_state_apply(st, project_id, event)) < 0)
		return error;
	if (hash_out)
		memcpy(hash_out, hash, sizeof(hash));
	return 0;
}

int ss_lstore_events(json_t **out, ss_store *st, int64_t project_id)
{
	return ss_q_all(out, st,
			"SELECT seq, time, actor, side, role, type, body, hash, sig FROM event "
			"WHERE project_id = ?1 ORDER BY seq",
			"i", project_id);
}

int ss__event_rows(ss_query *q, int (*fn)(void *ctx, const ss_event_row *row), void *ctx)
{
	int error;

	while ((error = ss_q_next(q)) > 0) {
		ss_event_row row = {
			.seq = ss_q_int(q, 0),
			.time = ss_q_text(q, 1),
			.actor = ss_q_text(q, 2),
			.side = ss_q_text(q, 3),
			.role = ss_q_text(q, 4),
			.type = ss_q_text(q, 5),
			.body = ss_q_text(q, 6),
			.hash = ss_q_text(q, 7),
			.sig = ss_q_is_null(q, 8) ? NULL : ss_q_text(q, 8),
		};

		row.body_len = strlen(row.body ? row.body : "");
		if (!row.time || !row.actor || !row.side || !row.role || !row.type || !row.body ||
		    !row.hash) {
			error = ss_error_set(SS_ECORRUPT, "event %lld has empty columns",
					     (long long)row.seq);
			break;
		}
		if ((error = fn(ctx, &row)) < 0)
			break;
	}
	ss_q_close(q);
	return error < 0 ? error : 0;
}

int ss_lstore_each(ss_store *st, int64_t pid, int64_t upto,
		   int (*fn)(void *ctx, const ss_event_row *row), void *ctx)
{
	return ss_lstore_range(st, pid, 1, upto, fn, ctx);
}

int ss_lstore_range(ss_store *st, int64_t pid, int64_t from, int64_t upto,
		    int (*fn)(void *ctx, const ss_event_row *row), void *ctx)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(
		     &q, st,
		     "SELECT seq, time, actor, side, role, type, body, hash, sig FROM event "
		     "WHERE project_id = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq",
		     "iii", pid, from, upto)) < 0)
		return error;
	return ss__event_rows(&q, fn, ctx);
}

int ss_lstore_change_after(int64_t *out_seq, char *type_out, size_t n, ss_store *st, int64_t pid,
			   int64_t seq)
{
	ss_query q;
	int error;

	*out_seq = 0;
	if ((error = ss_q_open(&q, st,
			       "SELECT seq, type FROM event WHERE project_id = ?1 AND seq > ?2 AND "
			       "type NOT IN ('milestone.open', 'milestone.sign', 'key.register', "
			       "'minutes.add', 'timestamp.add', 'threat.score', 'change.assess', "
			       "'change.decide', 'change.close', 'candidate.add', "
			       "'candidate.document', 'nda.record', 'vendor.select', "
			       "'diagnosis.add', 'terms.acknowledge', 'rules.propose', "
			       "'rules.accept', 'vuln.notice') ORDER BY seq LIMIT 1",
			       "ii", pid, seq)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		*out_seq = ss_q_int(&q, 0);
		snprintf(type_out, n, "%s", ss_q_text(&q, 1));
	}
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_lstore_count_until(int64_t *out, ss_store *st, int64_t pid, const char *t)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(&q, st,
			       "SELECT coalesce(max(seq), 0) FROM event WHERE project_id = ?1 AND "
			       "time <= ?2",
			       "it", pid, t)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_lstore_set_head_cas(ss_store *st, int64_t pid, int64_t old_seq, int64_t seq,
			   const char *hash)
{
	ss_query q;
	int error;

	if ((error = ss__tiles_flush(st)) < 0)
		return error;
	if ((error = ss_q_exec(st,
			       "UPDATE project_key SET head_seq = ?3, head_hash = ?4 WHERE id = ?1 "
			       "AND head_seq = ?2",
			       "iiit", pid, old_seq, seq, hash)) < 0)
		return error;
	if (ss_q_changes(st) == 1)
		return ss_state_record_head(st, pid, seq, hash);
	error = ss_error_set(SS_ECONFLICT,
			     "the log moved under this change: its head is no longer event %lld; "
			     "retry",
			     (long long)old_seq);
	if (ss_q_open(&q, st, "SELECT name, head_seq FROM project_key WHERE id = ?1", "i", pid) ==
	    0) {
		if (ss_q_next(&q) > 0)
			error = ss_error_set(SS_ECONFLICT,
					     "the log of project '%.100s' moved under this change: "
					     "its head is event %lld, not %lld; retry",
					     ss_q_text(&q, 0), (long long)ss_q_int(&q, 1),
					     (long long)old_seq);
		ss_q_close(&q);
	}
	return error;
}

int ss_lstore_set_head(ss_store *st, int64_t pid, int64_t seq, const char *hash)
{
	ss_query q;
	int64_t old = 0;
	int error;

	if (st->append_pid == pid) {
		old = st->append_base;
	} else {
		if ((error = ss_q_open(&q, st, "SELECT head_seq FROM project_key WHERE id = ?1",
				       "i", pid)) < 0)
			return error;
		if ((error = ss_q_next(&q)) > 0)
			old = ss_q_int(&q, 0);
		ss_q_close(&q);
		if (error < 0)
			return error;
	}
	return ss_lstore_set_head_cas(st, pid, old, seq, hash);
}
