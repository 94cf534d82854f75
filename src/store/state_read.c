/* Reads of the state tables, for the core and the documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/state.h"
#include "util/util.h"
#include "util/banned.h"

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

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT k.id, k.name, p.user_org, p.vendor_org, p.catalog_version, "
		     "p.phase, p.created_at, p.created_by, p.rules, k.head_seq, k.head_hash "
		     "FROM project_key k JOIN project p ON p.id = k.id WHERE k.id = ?1",
		     "i", pid)) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(
			SS_ECORRUPT,
			"project %lld has events but no state; rebuild it with 'secspec log "
			"replay PROJECT --repair'",
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

/* Columns of rules 3 are left out of a row where they are NULL, so that
 * the rows of earlier projects read as they always did. */
static void drop_nulls(json_t *rows, const char *const *cols)
{
	json_t *row;
	size_t i;

	json_array_foreach(rows, i, row) {
		for (const char *const *c = cols; *c; c++) {
			if (json_is_null(json_object_get(row, *c)))
				json_object_del(row, *c);
		}
	}
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
	static const char *const v3[] = {"legacy", "compensating", NULL};
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT s.name, s.devices, s.measures, s.seq, s.legacy, s.compensating, "
		     "coalesce((SELECT max(a.level) FROM asset a WHERE a.project_id = "
		     "s.project_id AND a.system = s.name), 0) AS level, "
		     "(SELECT count(*) FROM asset a WHERE a.project_id = s.project_id AND "
		     "a.system = s.name) AS assets FROM system s WHERE s.project_id = ?1 "
		     "ORDER BY s.seq",
		     "i", pid)) < 0)
		return error;
	drop_nulls(rows, v3);
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
	static const char *const v3[] = {"scenario", "owner", "duty", "evidence", NULL};
	int error = ss_q_all(
		out, st,
		"SELECT r.item_id AS id, i.section, i.platform, i.category, i.is_default, "
		"i.title_ja, i.title_en, i.incident, i.ease, r.item_hash, "
		"i.content_hash AS catalog_hash, r.status, r.policy, r.reason, "
		"r.alternative, r.review_by, r.level_at_decision, r.decided_by, "
		"r.decided_at, r.decision_seq, r.approval, r.approved_by, r.approved_at, "
		"r.approval_note, r.approval_seq, "
		"CASE WHEN r.advice_seq IS NULL THEN 0 ELSE 1 END AS advice_count, "
		"r.scenario, r.owner, r.duty, r.evidence "
		"FROM requirement r JOIN catalog_item i ON i.version = ?2 AND i.id = r.item_id "
		"WHERE r.project_id = ?1 AND (?3 IS NULL OR i.section = ?3) "
		"AND (?4 IS NULL OR i.platform = ?4) AND (?5 IS NULL OR i.category = ?5) "
		"AND (?6 IS NULL OR r.status = ?6) ORDER BY i.ord",
		"ittttt", pid, version, section, platform, category, status);

	if (error == 0)
		drop_nulls(*out, v3);
	return error;
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
			      "needs_management, parties FROM milestone WHERE project_id = ?1 "
			      "ORDER BY seq",
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
		     "r.level_at_decision, r.decision_seq, r.scenario, r.owner, r.duty, "
		     "r.evidence "
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
			.scenario = text_or_null(&q, 26),
			.owner = text_or_null(&q, 27),
			.duty = text_or_null(&q, 28),
			.evidence = text_or_null(&q, 29),
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
