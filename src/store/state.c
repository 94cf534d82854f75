/*
 * The ledger (events and the head of each project's hash chain) and the
 * state tables projected from it. ss_state_apply is the only code that
 * writes state rows; the write path and replay both go through it.
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
	while ((error = ss_q_next(&q)) > 0) {
		ss_event_row row = {
			.seq = ss_q_int(&q, 0),
			.time = ss_q_text(&q, 1),
			.actor = ss_q_text(&q, 2),
			.side = ss_q_text(&q, 3),
			.role = ss_q_text(&q, 4),
			.type = ss_q_text(&q, 5),
			.body = ss_q_text(&q, 6),
			.hash = ss_q_text(&q, 7),
			.sig = ss_q_is_null(&q, 8) ? NULL : ss_q_text(&q, 8),
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
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

/* --- projection --- */

/* Canonical JSON text of v for a JSON column; fallback when v is absent.
 * NULL when v cannot be encoded (over the buffer's limit): the NOT NULL
 * column then refuses the whole change rather than store a wrong value. */
static const char *json_col(const json_t *v, ss_buf *b, const char *fallback)
{
	ss_buf_clear(b);
	if (!v)
		return fallback;
	return ss_json_canonical(b, v) < 0 ? NULL : b->ptr;
}

static int apply_project_create(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	int error;

	if ((error = ss_q_exec(
		     st,
		     "INSERT INTO project(id, user_org, vendor_org, catalog_version, phase, "
		     "created_at, created_by) VALUES(?1, ?2, ?3, ?4, 1, ?5, ?6)",
		     "ittttt", pid, ss_js(d, "user_org"), ss_js(d, "vendor_org"),
		     ss_js(d, "catalog_version"), ss_js(ev, "time"), ss_js(ev, "actor"))) < 0)
		return error;
	return ss_q_exec(st,
			 "INSERT INTO member(project_id, person, side, role, display_name, active, "
			 "seq) VALUES(?1, ?2, ?3, 'lead', ?4, 1, ?5)",
			 "ittti", pid, ss_js(ev, "actor"), ss_js(ev, "side"),
			 ss_js_or_null(d, "display_name"), ss_ji(ev, "seq"));
}

static int apply_member_add(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(
		st,
		"INSERT INTO member(project_id, person, side, role, display_name, active, "
		"seq) VALUES(?1, ?2, ?3, ?4, ?5, 1, ?6) ON CONFLICT(project_id, person) DO "
		"UPDATE SET side = excluded.side, role = excluded.role, display_name = "
		"excluded.display_name, active = 1, seq = excluded.seq",
		"itttti", pid, ss_js(d, "person"), ss_js(d, "side"), ss_js(d, "role"),
		ss_js_or_null(d, "display_name"), ss_ji(ev, "seq"));
}

static int apply_member_remove(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(
		st, "UPDATE member SET active = 0, seq = ?3 WHERE project_id = ?1 AND person = ?2",
		"iti", pid, ss_js(d, "person"), ss_ji(ev, "seq"));
}

static int apply_phase_set(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(st, "UPDATE project SET phase = ?2 WHERE id = ?1", "ii", pid,
			 ss_ji(d, "phase"));
}

static int apply_asset_set(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	ss_buf devices = SS_BUF_INIT(1 << 20), answers = SS_BUF_INIT(1 << 20);
	const json_t *impact = json_object_get(d, "impact");
	int error;

	error = ss_q_exec(st,
			  "INSERT OR REPLACE INTO asset(project_id, asset_id, kind, label, name, "
			  "system, devices, answers, duration, reach, damage, trust, level, seq) "
			  "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
			  "itttttttiiiiii", pid, ss_js(d, "id"), ss_js(d, "kind"),
			  ss_js_or_null(d, "label"), ss_js(d, "name"), ss_js(d, "system"),
			  json_col(json_object_get(d, "devices"), &devices, "[]"),
			  json_col(json_object_get(d, "answers"), &answers, "{}"),
			  ss_ji(impact, "duration"), ss_ji(impact, "reach"),
			  ss_ji(impact, "damage"), ss_ji(impact, "trust"), ss_ji(d, "level"),
			  ss_ji(ev, "seq"));
	ss_buf_release(&devices);
	ss_buf_release(&answers);
	return error;
}

static int apply_system_set(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	ss_buf devices = SS_BUF_INIT(1 << 20), measures = SS_BUF_INIT(1 << 20);
	int error;

	error = ss_q_exec(st,
			  "INSERT OR REPLACE INTO system(project_id, name, devices, measures, seq) "
			  "VALUES(?1, ?2, ?3, ?4, ?5)",
			  "ittti", pid, ss_js(d, "name"),
			  json_col(json_object_get(d, "devices"), &devices, "[]"),
			  json_col(json_object_get(d, "measures"), &measures, "[]"),
			  ss_ji(ev, "seq"));
	ss_buf_release(&devices);
	ss_buf_release(&measures);
	return error;
}

static int apply_spec_draft(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	const json_t *items = json_object_get(d, "items"), *it;
	size_t i;
	int error = 0;

	json_array_foreach(items, i, it) {
		if ((error = ss_q_exec(st,
				       "INSERT OR IGNORE INTO requirement(project_id, item_id, "
				       "item_hash, ord, status) VALUES(?1, ?2, ?3, ?4, 'open')",
				       "itti", pid, json_string_value(json_array_get(it, 0)),
				       json_string_value(json_array_get(it, 1)), (int64_t)i)) < 0)
			break;
	}
	return error;
}

static int apply_decision_set(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(
		st,
		"UPDATE requirement SET status = 'decided', item_hash = ?3, policy = ?4, "
		"reason = ?5, alternative = ?6, review_by = ?7, level_at_decision = ?8, "
		"decided_by = ?9, decided_at = ?10, decision_seq = ?11, approval = 'none', "
		"approved_by = NULL, approved_at = NULL, approval_note = NULL, "
		"approval_seq = NULL WHERE project_id = ?1 AND item_id = ?2",
		"ittttttitti", pid, ss_js(d, "item"), ss_js(d, "item_hash"), ss_js(d, "policy"),
		ss_js_or_null(d, "reason"), ss_js_or_null(d, "alternative"),
		ss_js_or_null(d, "review_by"), ss_ji(d, "level"), ss_js(ev, "actor"),
		ss_js(ev, "time"), ss_ji(ev, "seq"));
}

static int apply_advice_add(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	int error;

	if ((error = ss_q_exec(st,
			       "INSERT INTO advice(project_id, seq, item_id, person, time, note) "
			       "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
			       "iitttt", pid, ss_ji(ev, "seq"), ss_js(d, "item"),
			       ss_js(ev, "actor"), ss_js(ev, "time"), ss_js(d, "note"))) < 0)
		return error;
	return ss_q_exec(st,
			 "UPDATE requirement SET advice_seq = ?3 WHERE project_id = ?1 AND "
			 "item_id = ?2",
			 "iti", pid, ss_js(d, "item"), ss_ji(ev, "seq"));
}

static int apply_approval_set(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(
		st,
		"UPDATE requirement SET approval = ?3, approved_by = ?4, approved_at = ?5, "
		"approval_note = ?6, approval_seq = ?7 WHERE project_id = ?1 AND item_id = ?2",
		"ittttti", pid, ss_js(d, "item"), ss_js(d, "verdict"), ss_js(ev, "actor"),
		ss_js(ev, "time"), ss_js_or_null(d, "note"), ss_ji(ev, "seq"));
}

static int apply_key_register(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(
		st,
		"INSERT INTO member_key(project_id, fingerprint, person, public_key, active, "
		"seq) VALUES(?1, ?2, ?3, ?4, 1, ?5)",
		"ittti", pid, ss_js(d, "fingerprint"), ss_js(d, "person"), ss_js(d, "public_key"),
		ss_ji(ev, "seq"));
}

static int apply_key_revoke(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	(void)ev;
	return ss_q_exec(
		st, "UPDATE member_key SET active = 0 WHERE project_id = ?1 AND fingerprint = ?2",
		"it", pid, ss_js(d, "fingerprint"));
}

static int sign_row(ss_store *st, int64_t pid, const json_t *ev, const char *name)
{
	return ss_q_exec(st,
			 "INSERT INTO milestone_sign(project_id, name, person, side, role, "
			 "fingerprint, seq, time) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			 "itttttit", pid, name, ss_js(ev, "actor"), ss_js(ev, "side"),
			 ss_js(ev, "role"), ss_js(ev, "key"), ss_ji(ev, "seq"), ss_js(ev, "time"));
}

static int apply_milestone_open(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	int error;

	if ((error = ss_q_exec(st,
			       "INSERT INTO milestone(project_id, name, seq, tree_size, root, "
			       "spec_hash, catalog_version, needs_management) "
			       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			       "itiittti", pid, ss_js(d, "name"), ss_ji(ev, "seq"),
			       ss_ji(d, "tree_size"), ss_js(d, "root"), ss_js(d, "spec_hash"),
			       ss_js(d, "catalog_version"),
			       (int64_t)json_is_true(json_object_get(d, "needs_management")))) < 0)
		return error;
	return sign_row(st, pid, ev, ss_js(d, "name"));
}

static int apply_milestone_sign(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return sign_row(st, pid, ev, ss_js(d, "name"));
}

static int apply_minutes_add(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	ss_buf body = SS_BUF_INIT(1 << 22);
	int error;

	error = ss_q_exec(st,
			  "INSERT INTO minutes(project_id, id, seq, body) VALUES(?1, ?2, ?3, ?4)",
			  "itit", pid, ss_js(d, "id"), ss_ji(ev, "seq"), json_col(d, &body, "{}"));
	ss_buf_release(&body);
	return error;
}

static int apply_timestamp_add(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(st,
			 "INSERT INTO milestone_time(project_id, name, seq, time, digest) "
			 "VALUES(?1, ?2, ?3, ?4, ?5)",
			 "ititt", pid, ss_js(d, "milestone"), ss_ji(ev, "seq"), ss_js(d, "time"),
			 ss_js(d, "digest"));
}

static int apply_project_upgrade(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	const json_t *e;
	size_t i;
	int error;

	if ((error = ss_q_exec(st, "UPDATE project SET catalog_version = ?2 WHERE id = ?1", "it",
			       pid, ss_js(d, "to"))) < 0)
		return error;
	json_array_foreach(json_object_get(d, "added"), i, e) {
		if ((error = ss_q_exec(st,
				       "INSERT OR REPLACE INTO requirement(project_id, item_id, "
				       "item_hash, ord, status, advice_seq) VALUES(?1, ?2, ?3, 0, "
				       "'open', (SELECT advice_seq FROM requirement WHERE "
				       "project_id = ?1 AND item_id = ?2))",
				       "itt", pid, json_string_value(json_array_get(e, 0)),
				       json_string_value(json_array_get(e, 1)))) < 0)
			return error;
	}
	json_array_foreach(json_object_get(d, "retired"), i, e) {
		if ((error = ss_q_exec(
			     st,
			     "UPDATE requirement SET status = 'retired' WHERE project_id = ?1 "
			     "AND item_id = ?2",
			     "it", pid, json_string_value(e))) < 0)
			return error;
	}
	return 0;
}

static int apply_change_open(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	ss_buf fields = SS_BUF_INIT(1 << 20);
	int error;

	error = ss_q_exec(
		st,
		"INSERT INTO change_request(project_id, id, kind, item, from_version, "
		"to_version, fields, state, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, 'open', ?8)",
		"itttttti", pid, ss_js(d, "id"), ss_js(d, "kind"), ss_js(d, "item"),
		ss_js(d, "from"), ss_js(d, "to"),
		json_col(json_object_get(d, "fields"), &fields, "[]"), ss_ji(ev, "seq"));
	ss_buf_release(&fields);
	return error;
}

static int apply_change_step(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	const char *type = ss_js(ev, "type");

	if (strcmp(type, "change.assess") == 0)
		return ss_q_exec(
			st,
			"UPDATE change_request SET state = 'assessed', reestimate = ?3, "
			"assessment = ?4, assessed_by = ?5, seq = ?6 WHERE project_id = ?1 AND "
			"id = ?2",
			"itttti", pid, ss_js(d, "id"), ss_js(d, "reestimate"), ss_js(d, "note"),
			ss_js(ev, "actor"), ss_ji(ev, "seq"));
	if (strcmp(type, "change.decide") == 0)
		return ss_q_exec(st,
				 "UPDATE change_request SET state = 'decided', decision = ?3, "
				 "decided_by = ?4, seq = ?5 WHERE project_id = ?1 AND id = ?2",
				 "ittti", pid, ss_js(d, "id"), ss_js(d, "note"), ss_js(ev, "actor"),
				 ss_ji(ev, "seq"));
	return ss_q_exec(
		st,
		"UPDATE change_request SET state = 'closed', closing = ?3, closed_by = ?4, "
		"seq = ?5 WHERE project_id = ?1 AND id = ?2",
		"ittti", pid, ss_js(d, "id"), ss_js_or_null(d, "note"), ss_js(ev, "actor"),
		ss_ji(ev, "seq"));
}

static int apply_threat_score(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	return ss_q_exec(
		st,
		"INSERT OR REPLACE INTO threat_score(project_id, technique, incident, ease, "
		"reason, person, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		"itiitti", pid, ss_js(d, "technique"), ss_ji(d, "incident"), ss_ji(d, "ease"),
		ss_js(d, "reason"), ss_js(ev, "actor"), ss_ji(ev, "seq"));
}

static const struct {
	const char *type;
	int (*fn)(ss_store *st, int64_t pid, const json_t *ev, const json_t *data);
} appliers[] = {
	{"project.upgrade", apply_project_upgrade},
	{"change.open", apply_change_open},
	{"change.assess", apply_change_step},
	{"change.decide", apply_change_step},
	{"change.close", apply_change_step},
	{"threat.score", apply_threat_score},
	{"timestamp.add", apply_timestamp_add},
	{"key.register", apply_key_register},
	{"key.revoke", apply_key_revoke},
	{"milestone.open", apply_milestone_open},
	{"milestone.sign", apply_milestone_sign},
	{"minutes.add", apply_minutes_add},
	{"project.create", apply_project_create},
	{"member.add", apply_member_add},
	{"member.remove", apply_member_remove},
	{"phase.set", apply_phase_set},
	{"asset.set", apply_asset_set},
	{"system.set", apply_system_set},
	{"spec.draft", apply_spec_draft},
	{"decision.set", apply_decision_set},
	{"advice.add", apply_advice_add},
	{"approval.set", apply_approval_set},
};

int ss_state_apply(ss_store *st, int64_t project_id, const json_t *event)
{
	const char *type = ss_js(event, "type");
	size_t i;

	for (i = 0; i < sizeof(appliers) / sizeof(appliers[0]); i++)
		if (strcmp(appliers[i].type, type) == 0)
			return appliers[i].fn(st, project_id, event,
					      json_object_get(event, "data"));
	return ss_error_set(SS_ECORRUPT, "event %lld has unknown type '%.40s'",
			    (long long)ss_ji(event, "seq"), type);
}

int ss_state_clear(ss_store *st, int64_t pid)
{
	int error;

	if ((error = ss_q_exec(st, "DELETE FROM minutes WHERE project_id = ?1", "i", pid)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM change_request WHERE project_id = ?1", "i", pid)) <
		    0 ||
	    (error = ss_q_exec(st, "DELETE FROM threat_score WHERE project_id = ?1", "i", pid)) <
		    0 ||
	    (error = ss_q_exec(st, "DELETE FROM milestone_time WHERE project_id = ?1", "i", pid)) <
		    0 ||
	    (error = ss_q_exec(st, "DELETE FROM milestone_sign WHERE project_id = ?1", "i", pid)) <
		    0 ||
	    (error = ss_q_exec(st, "DELETE FROM milestone WHERE project_id = ?1", "i", pid)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM member_key WHERE project_id = ?1", "i", pid)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM advice WHERE project_id = ?1", "i", pid)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM requirement WHERE project_id = ?1", "i", pid)) <
		    0 ||
	    (error = ss_q_exec(st, "DELETE FROM system WHERE project_id = ?1", "i", pid)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM asset WHERE project_id = ?1", "i", pid)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM member WHERE project_id = ?1", "i", pid)) < 0)
		return error;
	return ss_q_exec(st, "DELETE FROM project WHERE id = ?1", "i", pid);
}

int ss_state_dump(json_t **out, ss_store *st, int64_t pid)
{
	json_t *dump = json_object(), *rows = NULL;
	int error;

	if (!dump)
		return ss_error_set(SS_ENOMEM, "out of memory");
#define DUMP(name, sql)                                                                            \
	do {                                                                                       \
		if ((error = ss_q_all(&rows, st, sql, "i", pid)) < 0)                              \
			goto out;                                                                  \
		json_object_set_new(dump, name, rows);                                             \
	} while (0)
	DUMP("project", "SELECT * FROM project WHERE id = ?1");
	DUMP("member", "SELECT * FROM member WHERE project_id = ?1 ORDER BY person");
	DUMP("asset", "SELECT * FROM asset WHERE project_id = ?1 ORDER BY asset_id");
	DUMP("system", "SELECT * FROM system WHERE project_id = ?1 ORDER BY name");
	DUMP("requirement", "SELECT * FROM requirement WHERE project_id = ?1 ORDER BY item_id");
	DUMP("advice", "SELECT * FROM advice WHERE project_id = ?1 ORDER BY seq");
	DUMP("member_key", "SELECT * FROM member_key WHERE project_id = ?1 ORDER BY fingerprint");
	DUMP("milestone", "SELECT * FROM milestone WHERE project_id = ?1 ORDER BY name");
	DUMP("milestone_sign",
	     "SELECT * FROM milestone_sign WHERE project_id = ?1 ORDER BY name, person");
	DUMP("minutes", "SELECT * FROM minutes WHERE project_id = ?1 ORDER BY id");
	DUMP("milestone_time", "SELECT * FROM milestone_time WHERE project_id = ?1 ORDER BY seq");
	DUMP("change_request", "SELECT * FROM change_request WHERE project_id = ?1 ORDER BY id");
	DUMP("threat_score", "SELECT * FROM threat_score WHERE project_id = ?1 ORDER BY technique");
#undef DUMP
	*out = dump;
	dump = NULL;
out:
	json_decref(dump);
	return error;
}

/* --- reads --- */

int ss_state_projects(json_t **out, ss_store *st)
{
	return ss_q_all(
		out, st,
		"SELECT k.id, k.name, p.user_org, p.vendor_org, p.catalog_version, p.phase, "
		"p.created_at, p.created_by, k.head_seq AS events FROM project_key k "
		"JOIN project p ON p.id = k.id ORDER BY k.name",
		"");
}

int ss_state_project(json_t **out, ss_store *st, int64_t pid)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT k.id, k.name, p.user_org, p.vendor_org, p.catalog_version, "
			      "p.phase, p.created_at, p.created_by, k.head_seq, k.head_hash "
			      "FROM project_key k JOIN project p ON p.id = k.id WHERE k.id = ?1",
			      "i", pid)) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(
			SS_ECORRUPT,
			"project %lld has events but no state; run 'secspec log replay'",
			(long long)pid);
	return 0;
}

int ss_state_members(json_t **out, ss_store *st, int64_t pid)
{
	return ss_q_all(out, st,
			"SELECT person, side, role, display_name, active, seq FROM member WHERE "
			"project_id = ?1 "
			"ORDER BY CASE side WHEN 'user' THEN 0 ELSE 1 END, CASE role WHEN 'lead' "
			"THEN 0 WHEN 'management' THEN 1 "
			"WHEN 'member' THEN 2 ELSE 3 END, person",
			"i", pid);
}

int ss_state_member(json_t **out, ss_store *st, int64_t pid, const char *person)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT person, side, role, display_name, active, seq FROM member "
			      "WHERE project_id = ?1 AND person = ?2",
			      "it", pid, person)) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(SS_ENOTFOUND,
				    "'%.100s' is not a member of this project; add them with "
				    "'secspec member add'",
				    person);
	return 0;
}

static int parse_json_columns(json_t *rows, const char *const *cols)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row) {
		for (const char *const *c = cols; *c; c++) {
			json_t *v = json_loads(ss_js(row, *c), 0, NULL);

			if (!v)
				return ss_error_set(SS_ECORRUPT, "column %s holds invalid JSON",
						    *c);
			json_object_set_new(row, *c, v);
		}
	}
	return 0;
}

/* Finish a query whose listed columns hold JSON text: parse them in place. */
static int rows_with_json(json_t **out, json_t *rows, const char *const *cols)
{
	int error = parse_json_columns(rows, cols);

	if (error < 0) {
		json_decref(rows);
		return error;
	}
	*out = rows;
	return 0;
}

int ss_state_assets(json_t **out, ss_store *st, int64_t pid)
{
	static const char *const cols[] = {"devices", "answers", NULL};
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT asset_id AS id, kind, label, name, system, devices, answers, "
			      "duration, reach, damage, trust, level, seq FROM asset "
			      "WHERE project_id = ?1 ORDER BY system, asset_id",
			      "i", pid)) < 0)
		return error;
	return rows_with_json(out, rows, cols);
}

int ss_state_asset(json_t **out, ss_store *st, int64_t pid, const char *asset_id)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT asset_id AS id, seq FROM asset WHERE project_id = ?1 AND "
			      "asset_id = ?2",
			      "it", pid, asset_id)) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(SS_ENOTFOUND, "asset '%.100s' not found", asset_id);
	return 0;
}

int ss_state_systems(json_t **out, ss_store *st, int64_t pid)
{
	static const char *const cols[] = {"devices", "measures", NULL};
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT s.name, s.devices, s.measures, s.seq, "
			      "coalesce((SELECT max(a.level) FROM asset a WHERE a.project_id = "
			      "s.project_id AND a.system = s.name), 0) AS level, "
			      "(SELECT count(*) FROM asset a WHERE a.project_id = s.project_id AND "
			      "a.system = s.name) AS assets FROM system s WHERE s.project_id = ?1 "
			      "ORDER BY s.seq",
			      "i", pid)) < 0)
		return error;
	return rows_with_json(out, rows, cols);
}

int ss_state_system(json_t **out, ss_store *st, int64_t pid, const char *name)
{
	json_t *rows, *row;
	size_t i;
	int error;

	if ((error = ss_state_systems(&rows, st, pid)) < 0)
		return error;
	json_array_foreach(rows, i, row) {
		if (strcmp(ss_js(row, "name"), name) == 0) {
			*out = json_incref(row);
			json_decref(rows);
			return 0;
		}
	}
	json_decref(rows);
	return ss_error_set(SS_ENOTFOUND,
			    "system '%.100s' not found; add it with 'secspec system add'", name);
}

int ss_state_requirements(json_t **out, ss_store *st, int64_t pid, const char *version,
			  const char *section, const char *platform, const char *category,
			  const char *status)
{
	return ss_q_all(
		out, st,
		"SELECT r.item_id AS id, i.section, i.platform, i.category, i.is_default, "
		"i.title_ja, i.title_en, i.incident, i.ease, r.item_hash, "
		"i.content_hash AS catalog_hash, r.status, r.policy, r.reason, "
		"r.alternative, r.review_by, r.level_at_decision, r.decided_by, "
		"r.decided_at, r.decision_seq, r.approval, r.approved_by, r.approved_at, "
		"r.approval_note, r.approval_seq, "
		"(r.advice_seq IS NOT NULL) AS advice_count "
		"FROM requirement r JOIN catalog_item i ON i.version = ?2 AND i.id = r.item_id "
		"WHERE r.project_id = ?1 AND (?3 IS NULL OR i.section = ?3) "
		"AND (?4 IS NULL OR i.platform = ?4) AND (?5 IS NULL OR i.category = ?5) "
		"AND (?6 IS NULL OR r.status = ?6) ORDER BY i.ord",
		"ittttt", pid, version, section, platform, category, status);
}

static const char *target_text(ss_query *q, int col, char **at)
{
	const char *v = ss_q_is_null(q, col) ? "" : ss_q_text(q, col);
	char *p = *at;
	size_t n = strlen(v) + 1;

	memcpy(p, v, n);
	*at = p + n;
	return p;
}

int ss_state_targets(ss_targets *out, ss_store *st, int64_t pid, const char *version,
		     const char *item, const char *section, const char *platform,
		     const char *category)
{
	ss_query q;
	size_t cap = 0;
	int error;

	memset(out, 0, sizeof(*out));
	/* one item by its key; a filter over the covering index of the items */
	if (item)
		error = ss_q_open(
			&q, st,
			"SELECT r.item_id, r.item_hash, i.content_hash, r.status, r.policy, "
			"r.reason, r.alternative, r.decided_by, r.approval, r.decision_seq "
			"FROM requirement r JOIN catalog_item i ON i.version = ?2 AND "
			"i.id = r.item_id WHERE r.project_id = ?1 AND r.item_id = ?3",
			"itt", pid, version, item);
	else
		error = ss_q_open(
			&q, st,
			"SELECT r.item_id, r.item_hash, i.content_hash, r.status, r.policy, "
			"r.reason, r.alternative, r.decided_by, r.approval, r.decision_seq "
			"FROM requirement r JOIN catalog_item i ON i.version = ?2 AND "
			"i.id = r.item_id WHERE r.project_id = ?1 AND (?3 IS NULL OR i.section = "
			"?3) "
			"AND (?4 IS NULL OR i.platform = ?4) AND (?5 IS NULL OR i.category = ?5) "
			"ORDER BY i.ord",
			"itttt", pid, version, section, platform, category);
	if (error < 0)
		return error;
	while ((error = ss_q_next(&q)) > 0) {
		ss_target *t;
		size_t len = 0;
		char *p;
		int c;

		if (out->n == cap) {
			size_t grown_cap = cap ? 2 * cap : 64;
			ss_target *grown = realloc(out->v, grown_cap * sizeof(*grown));

			if (!grown) {
				error = ss_error_set(SS_ENOMEM, "out of memory");
				break;
			}
			out->v = grown;
			cap = grown_cap;
		}
		/* one block per row for its nine texts */
		for (c = 0; c < 9; c++)
			len += (ss_q_is_null(&q, c) ? 0 : strlen(ss_q_text(&q, c))) + 1;
		if (!(p = malloc(len))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			break;
		}
		t = &out->v[out->n++];
		t->id = target_text(&q, 0, &p);
		t->item_hash = target_text(&q, 1, &p);
		t->catalog_hash = target_text(&q, 2, &p);
		t->status = target_text(&q, 3, &p);
		t->policy = target_text(&q, 4, &p);
		t->reason = target_text(&q, 5, &p);
		t->alternative = target_text(&q, 6, &p);
		t->decided_by = target_text(&q, 7, &p);
		t->approval = target_text(&q, 8, &p);
		t->decision_seq = ss_q_int(&q, 9);
	}
	ss_q_close(&q);
	if (error < 0) {
		ss_targets_free(out);
		return error;
	}
	return 0;
}

void ss_targets_free(ss_targets *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free((char *)t->v[i].id); /* the row's block starts with its id */
	free(t->v);
	memset(t, 0, sizeof(*t));
}

int ss_state_requirement(json_t **out, ss_store *st, int64_t pid, const char *version,
			 const char *item)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT r.item_id AS id, i.section, i.platform, i.category, "
			      "i.is_default, i.title_ja, i.title_en, r.item_hash, i.content_hash "
			      "AS catalog_hash, "
			      "r.status, r.policy, "
			      "r.reason, r.alternative, r.decided_by, r.decision_seq, r.approval "
			      "FROM requirement r JOIN catalog_item i ON i.version = ?2 AND "
			      "i.id = r.item_id WHERE r.project_id = ?1 AND r.item_id = ?3",
			      "itt", pid, version, item)) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(SS_ENOTFOUND,
				    "item '%.60s' is not in this project's specification; check "
				    "the id with 'secspec catalog list', and run 'secspec spec "
				    "draft' first",
				    item);
	return 0;
}

int ss_state_requirement_count(int64_t *out, ss_store *st, int64_t pid)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st, "SELECT count(*) FROM requirement WHERE project_id = ?1",
			       "i", pid)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_state_advice(json_t **out, ss_store *st, int64_t pid)
{
	return ss_q_all(out, st,
			"SELECT seq, item_id, person, time, note FROM advice WHERE project_id = ?1 "
			"ORDER BY seq",
			"i", pid);
}

int ss_state_keys(json_t **out, ss_store *st, int64_t pid)
{
	return ss_q_all(out, st,
			"SELECT person, fingerprint, public_key, active, seq FROM member_key "
			"WHERE project_id = ?1 ORDER BY seq",
			"i", pid);
}

int ss_state_milestones(json_t **out, ss_store *st, int64_t pid)
{
	json_t *ms = NULL, *signs = NULL, *times = NULL, *m, *s;
	size_t i, j;
	int error;

	if ((error = ss_q_all(&ms, st,
			      "SELECT name, seq, tree_size, root, spec_hash, catalog_version, "
			      "needs_management FROM milestone WHERE project_id = ?1 ORDER BY seq",
			      "i", pid)) < 0 ||
	    (error = ss_q_all(&signs, st,
			      "SELECT name, person, side, role, fingerprint AS key, seq, time FROM "
			      "milestone_sign WHERE project_id = ?1 ORDER BY seq",
			      "i", pid)) < 0)
		goto out;
	if ((error = ss_q_all(&times, st,
			      "SELECT name, seq, time, digest FROM milestone_time "
			      "WHERE project_id = ?1 ORDER BY seq",
			      "i", pid)) < 0)
		goto out;
	json_array_foreach(ms, i, m) {
		json_t *list = json_array(), *tl = json_array();

		json_array_foreach(signs, j, s) {
			if (strcmp(ss_js(s, "name"), ss_js(m, "name")) == 0)
				json_array_append(list, s);
		}
		json_array_foreach(times, j, s) {
			if (strcmp(ss_js(s, "name"), ss_js(m, "name")) == 0)
				json_array_append(tl, s);
		}
		json_object_set_new(m, "signatures", list);
		json_object_set_new(m, "timestamps", tl);
	}
	*out = ms;
	ms = NULL;
out:
	json_decref(ms);
	json_decref(signs);
	json_decref(times);
	return error;
}

int ss_state_minutes(json_t **out, ss_store *st, int64_t pid)
{
	static const char *const cols[] = {"body", NULL};
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT id, seq, body FROM minutes WHERE project_id = ?1 ORDER BY seq", "i",
		     pid)) < 0)
		return error;
	return rows_with_json(out, rows, cols);
}

int ss_blob_put(ss_store *st, const char *sha256, const void *data, size_t len)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st,
			       "INSERT OR IGNORE INTO blob(sha256, size, data) VALUES(?1, ?2, ?3)",
			       "tin", sha256, (int64_t)len)) < 0)
		return error;
	if ((error = ss_q_bind_blob(&q, 3, data, len)) == 0)
		while ((error = ss_q_next(&q)) > 0)
			;
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_blob_get(ss_buf *out, ss_store *st, const char *sha256)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st, "SELECT data FROM blob WHERE sha256 = ?1", "t", sha256)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		size_t len = 0;
		const void *p = st->be->column_blob(q.stmt, 0, &len);

		error = ss_buf_put(out, p, len);
	} else if (error == 0) {
		error = ss_error_set(SS_ENOTFOUND, "attachment %.64s is not stored", sha256);
	}
	ss_q_close(&q);
	return error;
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
			       "'change.decide', 'change.close') ORDER BY seq LIMIT 1",
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

int ss_lstore_set_head(ss_store *st, int64_t pid, int64_t seq, const char *hash)
{
	int error;

	if ((error = ss__tiles_flush(st)) < 0)
		return error;
	return ss_q_exec(st, "UPDATE project_key SET head_seq = ?2, head_hash = ?3 WHERE id = ?1",
			 "iit", pid, seq, hash);
}

static const char *text_or_null(ss_query *q, int col)
{
	return ss_q_is_null(q, col) ? NULL : ss_q_text(q, col);
}

int ss_state_requirements_each(ss_store *st, int64_t pid, const char *version,
			       int (*fn)(void *ctx, const ss_req_row *r), void *ctx)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(
		     &q, st,
		     "SELECT r.item_id, i.section, i.platform, i.category, i.title_ja, "
		     "i.title_en, i.mitigation_ja, i.mitigation_en, i.doc, r.item_hash, "
		     "r.status, r.policy, r.reason, r.alternative, r.review_by, "
		     "r.decided_by, r.decided_at, r.approval, r.approved_by, r.approved_at, "
		     "r.approval_note, i.is_default, i.incident, i.ease, "
		     "r.level_at_decision, r.decision_seq "
		     "FROM requirement r JOIN catalog_item i ON i.version = ?2 AND "
		     "i.id = r.item_id WHERE r.project_id = ?1 ORDER BY i.ord",
		     "it", pid, version)) < 0)
		return error;
	while ((error = ss_q_next(&q)) > 0) {
		ss_req_row r = {
			.id = ss_q_text(&q, 0),
			.section = ss_q_text(&q, 1),
			.platform = ss_q_text(&q, 2),
			.category = ss_q_text(&q, 3),
			.title_ja = ss_q_text(&q, 4),
			.title_en = ss_q_text(&q, 5),
			.mitigation_ja = ss_q_text(&q, 6),
			.mitigation_en = ss_q_text(&q, 7),
			.doc = ss_q_text(&q, 8),
			.item_hash = ss_q_text(&q, 9),
			.status = ss_q_text(&q, 10),
			.policy = text_or_null(&q, 11),
			.reason = text_or_null(&q, 12),
			.alternative = text_or_null(&q, 13),
			.review_by = text_or_null(&q, 14),
			.decided_by = text_or_null(&q, 15),
			.decided_at = text_or_null(&q, 16),
			.approval = ss_q_text(&q, 17),
			.approved_by = text_or_null(&q, 18),
			.approved_at = text_or_null(&q, 19),
			.approval_note = text_or_null(&q, 20),
			.is_default = ss_q_int(&q, 21),
			.incident = ss_q_int(&q, 22),
			.ease = ss_q_int(&q, 23),
			.level = ss_q_int(&q, 24),
			.decision_seq = ss_q_int(&q, 25),
		};

		if ((error = fn(ctx, &r)) < 0)
			break;
	}
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_state_changes(json_t **out, ss_store *st, int64_t pid)
{
	static const char *const cols[] = {"fields", NULL};
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT id, kind, item, from_version, to_version, fields, state, "
		     "reestimate, assessment, assessed_by, decision, decided_by, closing, "
		     "closed_by, seq FROM change_request WHERE project_id = ?1 ORDER BY id",
		     "i", pid)) < 0)
		return error;
	return rows_with_json(out, rows, cols);
}

int ss_state_threat_scores(json_t **out, ss_store *st, int64_t pid)
{
	return ss_q_all(out, st,
			"SELECT technique, incident, ease, reason, person, seq FROM threat_score "
			"WHERE project_id = ?1 ORDER BY technique",
			"i", pid);
}

int ss_cstore_diff(json_t **out, ss_store *st, const char *v1, const char *v2)
{
	/* ids and hashes only (the covering index), bodies just for changed items */
	return ss_q_all(out, st,
			"SELECT b.id, 'added' AS change, NULL AS old_body, NULL AS new_body "
			"FROM catalog_item b INDEXED BY catalog_item_hash WHERE b.version = ?2 AND "
			"NOT EXISTS (SELECT 1 FROM catalog_item a INDEXED BY catalog_item_hash "
			"WHERE a.version = ?1 AND a.id = b.id) "
			"UNION ALL "
			"SELECT a.id, 'retired', NULL, NULL FROM catalog_item a INDEXED BY "
			"catalog_item_hash WHERE a.version = ?1 AND NOT EXISTS (SELECT 1 FROM "
			"catalog_item b INDEXED BY catalog_item_hash WHERE b.version = ?2 AND "
			"b.id = a.id) "
			"UNION ALL "
			"SELECT c.id, 'changed', (SELECT body FROM catalog_item WHERE version = ?1 "
			"AND id = c.id), (SELECT body FROM catalog_item WHERE version = ?2 AND "
			"id = c.id) FROM (SELECT b.id AS id FROM catalog_item a INDEXED BY "
			"catalog_item_hash JOIN catalog_item b INDEXED BY catalog_item_hash ON "
			"b.version = ?2 AND b.id = a.id WHERE a.version = ?1 AND "
			"a.content_hash <> b.content_hash) c ORDER BY 1",
			"tt", v1, v2);
}

int ss_cstore_techniques(json_t **out, ss_store *st, const char *version)
{
	return ss_q_all(
		out, st,
		"SELECT DISTINCT ref FROM catalog_ref WHERE version = ?1 AND kind = 'attack' "
		"ORDER BY ref",
		"t", version);
}

int ss_cstore_set_refs(ss_store *st, const char *version, const char *refs)
{
	return ss_q_exec(st, "UPDATE catalog_version SET refs = ?2 WHERE version = ?1", "tt",
			 version, refs);
}

int ss_rstore_latest_sources(json_t **out, ss_store *st)
{
	return ss_q_all(out, st,
			"SELECT kind, max(id) AS id FROM ref_source GROUP BY kind ORDER BY kind",
			"");
}

int ss_cstore_attack_refs(json_t **out, ss_store *st, const char *version)
{
	return ss_q_all(out, st,
			"SELECT id, ref FROM catalog_ref WHERE version = ?1 AND kind = 'attack' "
			"ORDER BY id, ref",
			"t", version);
}
