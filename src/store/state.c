/*
 * The state tables: a projection of the events. ss_state_apply is the only
 * code that writes state rows; the write path and replay both go through
 * it. The projection records the log head it was built from (state_head),
 * and triggers mark it edited when a row changes by any other way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/state.h"
#include "util/util.h"
#include "util/banned.h"

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
		     "created_at, created_by, rules) VALUES(?1, ?2, ?3, ?4, 1, ?5, ?6, ?7)",
		     "ittttti", pid, ss_js(d, "user_org"), ss_js(d, "vendor_org"),
		     ss_js(d, "catalog_version"), ss_js(ev, "time"), ss_js(ev, "actor"),
		     json_object_get(d, "rules") ? ss_ji(d, "rules") : (int64_t)1)) < 0)
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

	error = ss_q_exec(
		st,
		"INSERT INTO asset(project_id, asset_id, kind, label, name, "
		"system, devices, answers, duration, reach, damage, trust, level, seq) "
		"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
		"ON CONFLICT(project_id, asset_id) DO UPDATE SET kind = excluded.kind, "
		"label = excluded.label, name = excluded.name, system = excluded.system, "
		"devices = excluded.devices, answers = excluded.answers, "
		"duration = excluded.duration, reach = excluded.reach, "
		"damage = excluded.damage, trust = excluded.trust, level = excluded.level, "
		"seq = excluded.seq",
		"itttttttiiiiii", pid, ss_js(d, "id"), ss_js(d, "kind"), ss_js_or_null(d, "label"),
		ss_js(d, "name"), ss_js(d, "system"),
		json_col(json_object_get(d, "devices"), &devices, "[]"),
		json_col(json_object_get(d, "answers"), &answers, "{}"), ss_ji(impact, "duration"),
		ss_ji(impact, "reach"), ss_ji(impact, "damage"), ss_ji(impact, "trust"),
		ss_ji(d, "level"), ss_ji(ev, "seq"));
	ss_buf_release(&devices);
	ss_buf_release(&answers);
	return error;
}

static int apply_system_set(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	ss_buf devices = SS_BUF_INIT(1 << 20), measures = SS_BUF_INIT(1 << 20);
	int error;

	error = ss_q_exec(
		st,
		"INSERT INTO system(project_id, name, devices, measures, seq, legacy, "
		"compensating) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(project_id, "
		"name) DO UPDATE SET devices = excluded.devices, measures = "
		"excluded.measures, seq = excluded.seq, legacy = excluded.legacy, "
		"compensating = excluded.compensating",
		"itttitt", pid, ss_js(d, "name"),
		json_col(json_object_get(d, "devices"), &devices, "[]"),
		json_col(json_object_get(d, "measures"), &measures, "[]"), ss_ji(ev, "seq"),
		ss_js_or_null(d, "legacy"), ss_js_or_null(d, "compensating"));
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
				       "INSERT INTO requirement(project_id, item_id, item_hash, "
				       "ord, status) VALUES(?1, ?2, ?3, ?4, 'open') "
				       "ON CONFLICT(project_id, item_id) DO NOTHING",
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
		"approval_seq = NULL, scenario = ?12, owner = ?13, duty = ?14, evidence = ?15 "
		"WHERE project_id = ?1 AND item_id = ?2",
		"ittttttittitttt", pid, ss_js(d, "item"), ss_js(d, "item_hash"), ss_js(d, "policy"),
		ss_js_or_null(d, "reason"), ss_js_or_null(d, "alternative"),
		ss_js_or_null(d, "review_by"), ss_ji(d, "level"), ss_js(ev, "actor"),
		ss_js(ev, "time"), ss_ji(ev, "seq"), ss_js_or_null(d, "scenario"),
		ss_js_or_null(d, "owner"), ss_js_or_null(d, "duty"), ss_js_or_null(d, "evidence"));
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
			       "spec_hash, catalog_version, needs_management, parties) "
			       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
			       "itiittti"
			       "t",
			       pid, ss_js(d, "name"), ss_ji(ev, "seq"), ss_ji(d, "tree_size"),
			       ss_js(d, "root"), ss_js(d, "spec_hash"), ss_js(d, "catalog_version"),
			       (int64_t)json_is_true(json_object_get(d, "needs_management")),
			       ss_js_or_null(d, "parties") ? ss_js(d, "parties") : "both")) < 0)
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
				       /* an item added again starts open; its advice stays */
				       "INSERT INTO requirement(project_id, item_id, item_hash, "
				       "ord, status) VALUES(?1, ?2, ?3, 0, 'open') "
				       "ON CONFLICT(project_id, item_id) DO UPDATE SET "
				       "item_hash = excluded.item_hash, ord = 0, status = 'open', "
				       "policy = NULL, reason = NULL, alternative = NULL, "
				       "review_by = NULL, level_at_decision = NULL, "
				       "decided_by = NULL, decided_at = NULL, decision_seq = NULL, "
				       "approval = 'none', approved_by = NULL, approved_at = NULL, "
				       "approval_note = NULL, approval_seq = NULL",
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
		"INSERT INTO threat_score(project_id, technique, incident, ease, "
		"reason, person, seq) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) "
		"ON CONFLICT(project_id, technique) DO UPDATE SET incident = excluded.incident, "
		"ease = excluded.ease, reason = excluded.reason, person = excluded.person, "
		"seq = excluded.seq",
		"itiitti", pid, ss_js(d, "technique"), ss_ji(d, "incident"), ss_ji(d, "ease"),
		ss_js(d, "reason"), ss_js(ev, "actor"), ss_ji(ev, "seq"));
}

/* The negotiation's records (rules 3) are read by folding the log
 * (core/negotiate.c): they have no table of their own. */
static int apply_none(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	(void)st;
	(void)pid;
	(void)ev;
	(void)d;
	return 0;
}

/* The selected candidate becomes the project's vendor. */
static int apply_vendor_select(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	(void)ev;
	return ss_q_exec(st, "UPDATE project SET vendor_org = ?2 WHERE id = ?1", "it", pid,
			 ss_js(d, "org"));
}

/* Both leads moved the project to a newer rule version. */
static int apply_rules_accept(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	(void)ev;
	return ss_q_exec(st, "UPDATE project SET rules = ?2 WHERE id = ?1", "ii", pid,
			 ss_ji(d, "to"));
}

/* A version of the components: the SBOM and each component, its whole
 * record kept as canonical JSON. */
static int apply_sbom_add(ss_store *st, int64_t pid, const json_t *ev, const json_t *d)
{
	int64_t n = ss_ji(d, "sbom");
	ss_buf deps = SS_BUF_INIT(0), body = SS_BUF_INIT(0), doc = SS_BUF_INIT(0);
	const json_t *c;
	size_t i;
	int error;

	if ((error = ss_json_canonical(&deps, json_object_get(d, "dependencies"))) < 0 ||
	    (json_object_get(d, "document") &&
	     (error = ss_json_canonical(&doc, json_object_get(d, "document"))) < 0) ||
	    (error = ss_q_exec(
		     st,
		     "INSERT INTO sbom(project_id, number, seq, name, file, format, "
		     "spec_version, serial, components, dependencies, document, person, "
		     "time) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?13, ?11, ?12)",
		     "iiitttttitttt", pid, n, ss_ji(ev, "seq"), ss_js(d, "name"), ss_js(d, "file"),
		     ss_js(d, "format"), ss_js(d, "spec_version"), ss_js_or_null(d, "serial"),
		     (int64_t)json_array_size(json_object_get(d, "components")), deps.ptr,
		     ss_js(ev, "actor"), ss_js(ev, "time"), doc.len ? doc.ptr : NULL)) < 0)
		goto out;
	json_array_foreach(json_object_get(d, "components"), i, c) {
		ss_buf_clear(&body);
		if ((error = ss_json_canonical(&body, c)) < 0 ||
		    (error = ss_q_exec(
			     st,
			     "INSERT INTO sbom_component(project_id, sbom, ref, n, name, "
			     "version, purl, body) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			     "iititttt", pid, n, ss_js(c, "ref"), (int64_t)i, ss_js(c, "name"),
			     ss_js_or_null(c, "version"), ss_js_or_null(c, "purl"), body.ptr)) < 0)
			goto out;
	}
out:
	ss_buf_release(&deps);
	ss_buf_release(&body);
	ss_buf_release(&doc);
	return error;
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
	{"rules.accept", apply_rules_accept},
	{"proposal.add", apply_none},
	{"proposal.answer", apply_none},
	{"cost.set", apply_none},
	{"cost.approve", apply_none},
	{"candidate.add", apply_none},
	{"candidate.document", apply_none},
	{"nda.record", apply_none},
	{"vendor.select", apply_vendor_select},
	{"law.set", apply_none},
	{"asset.retention", apply_none},
	{"contract.set", apply_none},
	{"contract.agree", apply_none},
	{"terms.acknowledge", apply_none},
	{"standard.set", apply_none},
	{"diagnosis.add", apply_none},
	{"rules.propose", apply_none},
	{"sbom.add", apply_sbom_add},
	{"sbom.policy", apply_none},
	{"vuln.notice", apply_none},
	{"vuln.analysis", apply_none},
	{"vuln.decide", apply_none},
	{"vuln.approve", apply_none},
	{"itasset.set", apply_none},
	{"network.set", apply_none},
	{"check.run", apply_none},
	{"verify.record", apply_none},
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

	if ((error = ss_q_exec(st, "DELETE FROM sbom_component WHERE project_id = ?1", "i", pid)) <
		    0 ||
	    (error = ss_q_exec(st, "DELETE FROM sbom WHERE project_id = ?1", "i", pid)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM minutes WHERE project_id = ?1", "i", pid)) < 0 ||
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
	DUMP("sbom", "SELECT * FROM sbom WHERE project_id = ?1 ORDER BY number");
	DUMP("sbom_component",
	     "SELECT * FROM sbom_component WHERE project_id = ?1 ORDER BY sbom, n");
#undef DUMP
	*out = dump;
	dump = NULL;
out:
	json_decref(dump);
	return error;
}

/* --- the head the projection was built from --- */

int ss_state_record_head(ss_store *st, int64_t pid, int64_t seq, const char *hash)
{
	return ss_q_exec(
		st,
		"INSERT INTO state_head(project_id, seq, hash, edited) VALUES(?1, ?2, ?3, 0) "
		"ON CONFLICT(project_id) DO UPDATE SET seq = excluded.seq, "
		"hash = excluded.hash, edited = 0",
		"iit", pid, seq, hash);
}

int ss_state_check_head(ss_store *st, int64_t pid)
{
	char name[101] = "", log_hash[65] = "", state_hash[65] = "";
	int64_t log_seq = 0, state_seq = 0, edited = 0;
	bool recorded = false;
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st,
			       "SELECT k.name, k.head_seq, k.head_hash, s.seq, s.hash, s.edited "
			       "FROM project_key k LEFT JOIN state_head s ON s.project_id = k.id "
			       "WHERE k.id = ?1",
			       "i", pid)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		snprintf(name, sizeof(name), "%s", ss_q_text(&q, 0));
		log_seq = ss_q_int(&q, 1);
		snprintf(log_hash, sizeof(log_hash), "%s", ss_q_text(&q, 2));
		if ((recorded = !ss_q_is_null(&q, 3))) {
			state_seq = ss_q_int(&q, 3);
			snprintf(state_hash, sizeof(state_hash), "%s", ss_q_text(&q, 4));
			edited = ss_q_int(&q, 5);
		}
	} else if (error == 0) {
		error = ss_error_set(SS_ENOTFOUND, "project %lld not found", (long long)pid);
	}
	ss_q_close(&q);
	if (error < 0)
		return error;
	if (!recorded && log_seq == 0)
		return 0; /* being created: no events, no state */
	if (!recorded)
		return ss_error_set(
			SS_ECORRUPT,
			"the state tables of project '%s' record no log head (the log "
			"is at event %lld); rebuild them from the log with 'secspec log "
			"replay %.100s --repair'",
			name, (long long)log_seq, name);
	if (state_seq != log_seq || strcmp(state_hash, log_hash) != 0)
		return ss_error_set(
			SS_ECORRUPT,
			"the state tables of project '%s' were built from event %lld "
			"(%.12s) but the log's head is event %lld (%.12s); rebuild them "
			"from the log with 'secspec log replay %.100s --repair'",
			name, (long long)state_seq, state_hash, (long long)log_seq, log_hash, name);
	if (edited)
		return ss_error_set(
			SS_ECORRUPT,
			"the state tables of project '%s' were changed outside secspec "
			"since event %lld (not by an event of its log); rebuild them from "
			"the log with 'secspec log replay %.100s --repair'",
			name, (long long)log_seq, name);
	return 0;
}

int ss_store_check_state(ss_store *st, const char *project)
{
	int64_t pid = 0;
	bool began = false;
	ss_query q;
	int error;

	if (!st || !project)
		return ss_error_set(SS_EINVAL, "ss_store_check_state: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss_q_open(&q, st, "SELECT id FROM project_key WHERE name = ?1", "t",
			       project)) < 0)
		goto out;
	if ((error = ss_q_next(&q)) > 0)
		pid = ss_q_int(&q, 0);
	ss_q_close(&q);
	if (error == 0)
		error = ss_error_set(SS_ENOTFOUND,
				     "project '%.100s' not found; 'secspec project list' shows the "
				     "projects",
				     project);
	if (error >= 0)
		error = ss_state_check_head(st, pid);
out:
	ss_store__read_end(st, began);
	return error;
}
