/* Schema creation and migrations. Each migration runs once, in order, inside
 * the transaction of ss_store_init; meta.schema_version records the last one. */
#include <stdio.h>
#include <string.h>

#include "store/state.h"
#include "store/store.h"
#include "util/util.h"
#include "util/banned.h"

/* Triggers that mark a project's state edited when a row of table changes;
 * key is the column holding the project id. Only the first change of a
 * transaction writes: the others find the mark set. They run for every row
 * the write path changes (two per advice event), so each is one lookup by
 * primary key: an update marks the old and the new project with two
 * statements, where `IN (OLD.key, NEW.key)` would build a temporary b-tree
 * per row (17% of a bulk command's instructions). */
#define EDIT_MARK(row, key, cond)                                                                  \
	"UPDATE state_head SET edited = 1 WHERE project_id = " row "." key " AND edited = 0" cond  \
	";"
#define EDIT_TRIGGER(table, key, op, row)                                                          \
	"CREATE TRIGGER " table "_" op "_edit AFTER " op " ON " table                              \
	" BEGIN " EDIT_MARK(row, key, "") " END;"
#define EDIT_TRIGGERS(table, key)                                                                  \
	EDIT_TRIGGER(table, key, "INSERT", "NEW")                                                  \
	EDIT_TRIGGER(table, key, "DELETE", "OLD")                                                  \
	"CREATE TRIGGER " table "_UPDATE_edit AFTER UPDATE ON " table                              \
	" BEGIN " EDIT_MARK("OLD", key, "")                                                        \
		EDIT_MARK("NEW", key, " AND NEW." key " IS NOT OLD." key) " END;"

/* Every state table, with its project id column. */
#define STATE_EDIT_TRIGGERS                                                                        \
	EDIT_TRIGGERS("project", "id")                                                             \
	EDIT_TRIGGERS("member", "project_id")                                                      \
	EDIT_TRIGGERS("asset", "project_id")                                                       \
	EDIT_TRIGGERS("system", "project_id")                                                      \
	EDIT_TRIGGERS("requirement", "project_id")                                                 \
	EDIT_TRIGGERS("advice", "project_id")                                                      \
	EDIT_TRIGGERS("member_key", "project_id")                                                  \
	EDIT_TRIGGERS("milestone", "project_id")                                                   \
	EDIT_TRIGGERS("milestone_sign", "project_id")                                              \
	EDIT_TRIGGERS("milestone_time", "project_id")                                              \
	EDIT_TRIGGERS("minutes", "project_id")                                                     \
	EDIT_TRIGGERS("change_request", "project_id")                                              \
	EDIT_TRIGGERS("threat_score", "project_id")

/* Rules 5's state tables (migration 10). */
#define SBOM_EDIT_TRIGGERS                                                                         \
	EDIT_TRIGGERS("sbom", "project_id")                                                        \
	EDIT_TRIGGERS("sbom_component", "project_id")

static const char *const migrations[] = {
	/* 1: catalog, ledger and the first state tables */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE catalog_version("
	"  version TEXT PRIMARY KEY, name TEXT NOT NULL, released TEXT NOT NULL,"
	"  title_ja TEXT NOT NULL, title_en TEXT NOT NULL, content_hash TEXT NOT NULL,"
	"  meta TEXT NOT NULL, loaded_at TEXT NOT NULL, refs TEXT NOT NULL DEFAULT '{}');"
	"CREATE TABLE catalog_item("
	"  version TEXT NOT NULL REFERENCES catalog_version(version), id TEXT NOT NULL,"
	"  ord INTEGER NOT NULL, section TEXT NOT NULL, platform TEXT NOT NULL,"
	"  category TEXT NOT NULL, is_default INTEGER NOT NULL, title_ja TEXT NOT NULL,"
	"  title_en TEXT NOT NULL, incident INTEGER NOT NULL, ease INTEGER NOT NULL,"
	"  content_hash TEXT NOT NULL, body TEXT NOT NULL,"
	/* what the specification document shows of an item, kept apart from the
	 * full body so that rendering 5,000 items does not parse 5,000 bodies */
	"  mitigation_ja TEXT NOT NULL, mitigation_en TEXT NOT NULL, doc TEXT NOT NULL,"
	"  PRIMARY KEY(version, id));"
	"CREATE TABLE catalog_ref(version TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL,"
	"  ref TEXT NOT NULL, PRIMARY KEY(version, id, kind, ref));"
	"CREATE INDEX catalog_ref_lookup ON catalog_ref(version, kind, ref);"
	/* covers version differences without reading the item bodies */
	"CREATE INDEX catalog_item_hash ON catalog_item(version, id, content_hash);"
	/* reference data imported from ATT&CK, CWE, ASVS and XCCDF files */
	"CREATE TABLE ref_source(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,"
	"  version TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,"
	"  imported_at TEXT NOT NULL, counts TEXT NOT NULL, UNIQUE(kind, sha256));"
	"CREATE TABLE ref_attack(source_id INTEGER NOT NULL REFERENCES ref_source(id),"
	"  stix_id TEXT NOT NULL, kind TEXT NOT NULL, ext_id TEXT, name TEXT NOT NULL,"
	"  shortname TEXT, description TEXT NOT NULL, platforms TEXT NOT NULL,"
	"  tactics TEXT NOT NULL, revoked INTEGER NOT NULL, deprecated INTEGER NOT NULL,"
	"  modified TEXT, version TEXT, PRIMARY KEY(source_id, stix_id));"
	"CREATE INDEX ref_attack_ext ON ref_attack(ext_id, source_id);"
	"CREATE TABLE ref_attack_rel(source_id INTEGER NOT NULL, type TEXT NOT NULL,"
	"  src TEXT NOT NULL, dst TEXT NOT NULL, stix_id TEXT NOT NULL);"
	"CREATE INDEX ref_attack_rel_src ON ref_attack_rel(source_id, src);"
	"CREATE TABLE ref_cwe(source_id INTEGER NOT NULL REFERENCES ref_source(id),"
	"  kind TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL, status TEXT,"
	"  abstraction TEXT, usage TEXT, parents TEXT NOT NULL, PRIMARY KEY(source_id, kind, id));"
	"CREATE TABLE ref_asvs(source_id INTEGER NOT NULL REFERENCES ref_source(id),"
	"  id TEXT NOT NULL, level TEXT NOT NULL, description TEXT NOT NULL, cwe TEXT,"
	"  PRIMARY KEY(source_id, id));"
	"CREATE TABLE ref_xccdf_rule(source_id INTEGER NOT NULL REFERENCES ref_source(id),"
	"  rule_id TEXT NOT NULL, version TEXT, severity TEXT, title TEXT NOT NULL,"
	"  idents TEXT NOT NULL, PRIMARY KEY(source_id, rule_id));"
	"CREATE INDEX ref_xccdf_rule_version ON ref_xccdf_rule(version, source_id);"
	"CREATE TABLE ref_xccdf_profile(source_id INTEGER NOT NULL, profile_id TEXT NOT NULL,"
	"  title TEXT NOT NULL, PRIMARY KEY(source_id, profile_id));"
	"CREATE TABLE ref_xccdf_select(source_id INTEGER NOT NULL, profile_id TEXT NOT NULL,"
	"  rule_id TEXT NOT NULL);"
	/* the ledger: project identity, its events and the head of its chain */
	"CREATE TABLE project_key(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE,"
	"  head_seq INTEGER NOT NULL DEFAULT 0, head_hash TEXT NOT NULL DEFAULT '');"
	/* hash before body: a proof reads the hash without the body's overflow pages */
	"CREATE TABLE event(project_id INTEGER NOT NULL REFERENCES project_key(id),"
	"  seq INTEGER NOT NULL, time TEXT NOT NULL, actor TEXT NOT NULL, side TEXT NOT NULL,"
	"  role TEXT NOT NULL, type TEXT NOT NULL, hash TEXT NOT NULL, sig TEXT,"
	"  body TEXT NOT NULL, PRIMARY KEY(project_id, seq));"
	/* roots of the complete perfect subtrees of each project's Merkle tree,
	 * level >= 1 (level 0 is event.hash) */
	"CREATE TABLE merkle_node(project_id INTEGER NOT NULL, level INTEGER NOT NULL,"
	"  idx INTEGER NOT NULL, hash TEXT NOT NULL, PRIMARY KEY(project_id, level, idx))"
	"  WITHOUT ROWID;"
	/* content-addressed attachments (minutes); never duplicated */
	"CREATE TABLE blob(sha256 TEXT PRIMARY KEY, size INTEGER NOT NULL, data BLOB NOT NULL);"
	/* state: a projection of the events, rebuilt by replay */
	"CREATE TABLE project(id INTEGER PRIMARY KEY REFERENCES project_key(id),"
	"  user_org TEXT NOT NULL, vendor_org TEXT NOT NULL, catalog_version TEXT NOT NULL,"
	"  phase INTEGER NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL);"
	"CREATE TABLE member(project_id INTEGER NOT NULL, person TEXT NOT NULL,"
	"  side TEXT NOT NULL, role TEXT NOT NULL, display_name TEXT, active INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL, PRIMARY KEY(project_id, person));"
	"CREATE TABLE asset(project_id INTEGER NOT NULL, asset_id TEXT NOT NULL,"
	"  kind TEXT NOT NULL, label TEXT, name TEXT NOT NULL, system TEXT NOT NULL,"
	"  devices TEXT NOT NULL, answers TEXT NOT NULL, duration INTEGER NOT NULL,"
	"  reach INTEGER NOT NULL, damage INTEGER NOT NULL, trust INTEGER NOT NULL,"
	"  level INTEGER NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(project_id, asset_id));"
	"CREATE TABLE system(project_id INTEGER NOT NULL, name TEXT NOT NULL,"
	"  devices TEXT NOT NULL, measures TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  PRIMARY KEY(project_id, name));"
	"CREATE TABLE requirement(project_id INTEGER NOT NULL, item_id TEXT NOT NULL,"
	"  item_hash TEXT NOT NULL, ord INTEGER NOT NULL, status TEXT NOT NULL,"
	"  policy TEXT, reason TEXT, alternative TEXT, review_by TEXT,"
	"  level_at_decision INTEGER, decided_by TEXT, decided_at TEXT, decision_seq INTEGER,"
	"  approval TEXT NOT NULL DEFAULT 'none', approved_by TEXT, approved_at TEXT,"
	"  approval_note TEXT, approval_seq INTEGER, PRIMARY KEY(project_id, item_id));"
	"CREATE TABLE advice(project_id INTEGER NOT NULL, seq INTEGER NOT NULL,"
	"  item_id TEXT NOT NULL, person TEXT NOT NULL, time TEXT NOT NULL, note TEXT NOT NULL,"
	"  PRIMARY KEY(project_id, seq));"
	"CREATE INDEX advice_item ON advice(project_id, item_id, seq);"
	"CREATE TABLE member_key(project_id INTEGER NOT NULL, fingerprint TEXT NOT NULL,"
	"  person TEXT NOT NULL, public_key TEXT NOT NULL, active INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL, PRIMARY KEY(project_id, fingerprint));"
	"CREATE TABLE milestone(project_id INTEGER NOT NULL, name TEXT NOT NULL,"
	"  seq INTEGER NOT NULL, tree_size INTEGER NOT NULL, root TEXT NOT NULL,"
	"  spec_hash TEXT NOT NULL, catalog_version TEXT NOT NULL, needs_management INTEGER NOT "
	"NULL,"
	"  PRIMARY KEY(project_id, name));"
	"CREATE TABLE milestone_sign(project_id INTEGER NOT NULL, name TEXT NOT NULL,"
	"  person TEXT NOT NULL, side TEXT NOT NULL, role TEXT NOT NULL, fingerprint TEXT NOT NULL,"
	"  seq INTEGER NOT NULL, time TEXT NOT NULL, PRIMARY KEY(project_id, name, person));"
	"CREATE TABLE milestone_time(project_id INTEGER NOT NULL, name TEXT NOT NULL,"
	"  seq INTEGER NOT NULL, time TEXT NOT NULL, digest TEXT NOT NULL,"
	"  PRIMARY KEY(project_id, seq));"
	"CREATE TABLE change_request(project_id INTEGER NOT NULL, id TEXT NOT NULL,"
	"  kind TEXT NOT NULL, item TEXT NOT NULL, from_version TEXT NOT NULL,"
	"  to_version TEXT NOT NULL, fields TEXT NOT NULL, state TEXT NOT NULL,"
	"  reestimate TEXT, assessment TEXT, assessed_by TEXT, decision TEXT, decided_by TEXT,"
	"  closing TEXT, closed_by TEXT, seq INTEGER NOT NULL, PRIMARY KEY(project_id, id));"
	"CREATE TABLE threat_score(project_id INTEGER NOT NULL, technique TEXT NOT NULL,"
	"  incident INTEGER NOT NULL, ease INTEGER NOT NULL, reason TEXT NOT NULL,"
	"  person TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY(project_id, technique));"
	"CREATE TABLE minutes(project_id INTEGER NOT NULL, id TEXT NOT NULL, seq INTEGER NOT NULL,"
	"  body TEXT NOT NULL, PRIMARY KEY(project_id, id));",
	/* 2: the Merkle tree stored as tiles of 256 hashes (src/ledger/tiles.h)
	 * instead of a row per node; the tiles are made from the events' hashes
	 * by rebuild_tiles below, in the same transaction */
	"CREATE TABLE merkle_tile(project_id INTEGER NOT NULL, level INTEGER NOT NULL,"
	"  idx INTEGER NOT NULL, hashes BLOB NOT NULL, PRIMARY KEY(project_id, level, idx));"
	"DROP TABLE merkle_node;"
	/* whether an item has advice is kept on its requirement: an index of
	 * advice by item took a write to a different page for almost every
	 * advice event of a bulk call */
	"ALTER TABLE requirement ADD COLUMN advice_seq INTEGER;"
	"UPDATE requirement SET advice_seq = (SELECT max(a.seq) FROM advice a"
	"  WHERE a.project_id = requirement.project_id AND a.item_id = requirement.item_id);"
	"DROP INDEX advice_item;"
	/* bulk changes filter items by section, platform and category without
	 * reading the items' bodies */
	"DROP INDEX catalog_item_hash;"
	"CREATE INDEX catalog_item_hash ON catalog_item(version, id, content_hash, section,"
	"  platform, category, ord);",
	/* 3: the log head each project's state tables were built from, written
	 * in the transaction that applies the events; a change to a state row
	 * marks them edited until the write path records the head again, so a
	 * hand edit shows up as drift (docs/internals/store.md). An existing
	 * database's state is taken as built from its head. The rule version
	 * each project was created under (projects before it: 1). And the events
	 * the rule book folds for a writer (src/store/rules_store.c), indexed
	 * apart from the decisions and advice between them. */
	"CREATE TABLE state_head(project_id INTEGER PRIMARY KEY REFERENCES project_key(id),"
	"  seq INTEGER NOT NULL, hash TEXT NOT NULL, edited INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO state_head(project_id, seq, hash, edited) SELECT k.id, k.head_seq,"
	"  k.head_hash, 0 FROM project_key k WHERE EXISTS (SELECT 1 FROM project p"
	"  WHERE p.id = k.id);"
	"ALTER TABLE project ADD COLUMN rules INTEGER NOT NULL DEFAULT 1;"
	"UPDATE project SET rules = coalesce((SELECT json_extract(e.body, '$.data.rules') FROM"
	"  event e WHERE e.project_id = project.id AND e.seq = 1), 1);"
	"CREATE INDEX event_rules ON event(project_id, seq) WHERE type IN ('project.create',"
	"  'member.add', 'member.remove', 'key.register', 'key.revoke', 'milestone.open',"
	"  'milestone.sign', 'timestamp.add', 'minutes.add', 'change.open', 'change.assess',"
	"  'change.decide', 'change.close', 'project.upgrade', 'phase.set');" STATE_EDIT_TRIGGERS,
	/* 4 (rules 3): the rule book folds every type but the requirements'
	 * in writer mode, whatever types later versions add; a decision's
	 * scenario, owner, duty and evidence; legacy systems; user-only
	 * milestones */
	"DROP INDEX event_rules;"
	"CREATE INDEX event_rules ON event(project_id, seq) WHERE type NOT IN ('asset.set',"
	"  'system.set', 'spec.draft', 'decision.set', 'advice.add', 'approval.set',"
	"  'threat.score');"
	"ALTER TABLE requirement ADD COLUMN scenario TEXT;"
	"ALTER TABLE requirement ADD COLUMN owner TEXT;"
	"ALTER TABLE requirement ADD COLUMN duty TEXT;"
	"ALTER TABLE requirement ADD COLUMN evidence TEXT;"
	"ALTER TABLE system ADD COLUMN legacy TEXT;"
	"ALTER TABLE system ADD COLUMN compensating TEXT;"
	"ALTER TABLE milestone ADD COLUMN parties TEXT NOT NULL DEFAULT 'both';"
	/* the new columns of what is already recorded, from its events (a
	 * projection, so no project's state counts as edited for it) */
	"CREATE TEMP TABLE m4_edited AS SELECT project_id, edited FROM state_head;"
	"UPDATE requirement SET scenario = json_extract(e.body, '$.data.scenario'),"
	"  owner = json_extract(e.body, '$.data.owner'), duty = json_extract(e.body,"
	"  '$.data.duty'), evidence = json_extract(e.body, '$.data.evidence') FROM event e"
	"  WHERE e.project_id = requirement.project_id AND e.seq = requirement.decision_seq;"
	"UPDATE system SET legacy = json_extract(e.body, '$.data.legacy'),"
	"  compensating = json_extract(e.body, '$.data.compensating') FROM event e"
	"  WHERE e.project_id = system.project_id AND e.seq = system.seq;"
	"UPDATE milestone SET parties = coalesce(json_extract(e.body, '$.data.parties'), 'both')"
	"  FROM event e WHERE e.project_id = milestone.project_id AND e.seq = milestone.seq;"
	"UPDATE state_head SET edited = (SELECT m.edited FROM m4_edited m WHERE m.project_id ="
	"  state_head.project_id);"
	"DROP TABLE m4_edited;",
	/* 5: the local accounts people log in to a deployment with
	 * (src/store/account_store.c). They are the deployment's data, not a
	 * project's: no event records them and no project's log depends on
	 * them; who takes part in a project, and with which key, stays in the
	 * signed log. The login name is unique whatever its case. password is
	 * an encoded Argon2id hash; locked_until is seconds since the epoch (0:
	 * not locked). */
	"CREATE TABLE account(login TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,"
	"  name TEXT NOT NULL, password TEXT NOT NULL, created TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0, is_admin INTEGER NOT NULL DEFAULT 0,"
	"  failed_logins INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,"
	"  password_changed TEXT NOT NULL);",
	/* 6: the sessions of logged-in accounts (src/store/session_store.c).
	 * id is the SHA-256 (hex) of the session token: the token itself is
	 * never stored, so a copy of the database opens no session. Times are
	 * seconds since the epoch: expires is absolute, idle the longest pause
	 * between two requests. csrf_seed is mixed with the token to give the
	 * session's CSRF token (src/core/session.c). agent is a short note of
	 * the browser, or NULL. */
	"CREATE TABLE session(id TEXT NOT NULL PRIMARY KEY,"
	"  login TEXT NOT NULL COLLATE NOCASE, created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL, expires INTEGER NOT NULL, idle INTEGER NOT NULL,"
	"  csrf_seed TEXT NOT NULL, agent TEXT);"
	"CREATE INDEX session_login ON session(login, created);",
	/* 7: signed tree heads (src/store/sync_store.c, docs/server-model.md).
	 * sync_checkpoint: the signed heads this database's copy of a project
	 * was verified against by `secspec sync` (head: the signed head's JSON;
	 * recorded: when). witness: on a server, per member login, the last
	 * signed head a party's copy agreed with (deployment data, like
	 * accounts: no event records it). */
	"CREATE TABLE sync_checkpoint(project_id INTEGER NOT NULL REFERENCES project_key(id),"
	"  tree_size INTEGER NOT NULL, root TEXT NOT NULL, head TEXT NOT NULL,"
	"  recorded TEXT NOT NULL, PRIMARY KEY(project_id, tree_size));"
	"CREATE TABLE witness(project_id INTEGER NOT NULL REFERENCES project_key(id),"
	"  login TEXT NOT NULL COLLATE NOCASE, tree_size INTEGER NOT NULL, root TEXT NOT NULL,"
	"  head_time TEXT NOT NULL, signature TEXT NOT NULL, agreed TEXT NOT NULL,"
	"  PRIMARY KEY(project_id, login));",
	/* 8: an optional second factor per account (RFC 6238 TOTP, src/core/
	 * account.c): totp_secret the key of the authenticator app (hex), once
	 * confirmed; totp_pending a key shown but not confirmed yet; totp_last
	 * the last time step a code was accepted for (each code is accepted
	 * once). */
	"ALTER TABLE account ADD COLUMN totp_secret TEXT;"
	"ALTER TABLE account ADD COLUMN totp_pending TEXT;"
	"ALTER TABLE account ADD COLUMN totp_last INTEGER NOT NULL DEFAULT 0;",
	/* 9: which project holds which attachment (src/store/blob_store.c):
	 * a file uploaded for a project, or stored with its minutes. Minutes
	 * may attach only what their project holds, so a member of one project
	 * cannot attach (and then download) another's file by its hash. Like
	 * the blobs themselves, deployment data that no event records: replay
	 * keeps it. The minutes recorded before hold their attachments. */
	"CREATE TABLE project_blob(project_id INTEGER NOT NULL REFERENCES project_key(id),"
	"  sha256 TEXT NOT NULL REFERENCES blob(sha256), PRIMARY KEY(project_id, sha256))"
	"  WITHOUT ROWID;"
	"INSERT OR IGNORE INTO project_blob(project_id, sha256)"
	"  SELECT m.project_id, json_extract(a.value, '$.sha256')"
	"  FROM minutes m, json_each(m.body, '$.attachments') a"
	"  WHERE json_extract(a.value, '$.sha256') IN (SELECT sha256 FROM blob);",
	/* 10 (rules 5): the components of each SBOM version, projected from
	 * sbom.add (a writer's rule book asks these tables and does not fold
	 * the event, so it leaves event_rules); the vulnerability records are
	 * folded from the log like the negotiation's. Advisories, EPSS and
	 * KEV are reference data of the deployment, shared by its projects:
	 * one row per advisory id (a newer import replaces it), its aliases
	 * and what it affects, indexed by ecosystem and package. */
	"CREATE TABLE sbom(project_id INTEGER NOT NULL, number INTEGER NOT NULL,"
	"  seq INTEGER NOT NULL, name TEXT NOT NULL, file TEXT NOT NULL, format TEXT NOT NULL,"
	"  spec_version TEXT NOT NULL, serial TEXT, components INTEGER NOT NULL,"
	"  dependencies TEXT NOT NULL, document TEXT, person TEXT NOT NULL, time TEXT NOT NULL,"
	"  PRIMARY KEY(project_id, number));"
	"CREATE TABLE sbom_component(project_id INTEGER NOT NULL, sbom INTEGER NOT NULL,"
	"  ref TEXT NOT NULL, n INTEGER NOT NULL, name TEXT NOT NULL, version TEXT, purl TEXT,"
	"  body TEXT NOT NULL, PRIMARY KEY(project_id, sbom, ref)) WITHOUT ROWID;"
	"DROP INDEX event_rules;"
	"CREATE INDEX event_rules ON event(project_id, seq) WHERE type NOT IN ('asset.set',"
	"  'system.set', 'spec.draft', 'decision.set', 'advice.add', 'approval.set',"
	"  'threat.score', 'sbom.add');"
	"CREATE TABLE vuln_source(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,"
	"  version TEXT NOT NULL, file TEXT NOT NULL, sha256 TEXT NOT NULL,"
	"  imported_at TEXT NOT NULL, counts TEXT NOT NULL, UNIQUE(kind, sha256));"
	"CREATE TABLE advisory(id TEXT PRIMARY KEY, source_id INTEGER NOT NULL,"
	"  kind TEXT NOT NULL, aliases TEXT NOT NULL, summary TEXT, details TEXT, lang TEXT,"
	"  published TEXT, modified TEXT, severity TEXT NOT NULL, cwes TEXT NOT NULL,"
	"  refs TEXT NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE advisory_alias(alias TEXT NOT NULL, id TEXT NOT NULL,"
	"  PRIMARY KEY(alias, id)) WITHOUT ROWID;"
	"CREATE INDEX advisory_alias_id ON advisory_alias(id);"
	"CREATE TABLE advisory_affected(id TEXT NOT NULL, n INTEGER NOT NULL,"
	"  ecosystem TEXT NOT NULL, package TEXT NOT NULL, purl TEXT, ranges TEXT NOT NULL,"
	"  versions TEXT NOT NULL, vulnerable INTEGER NOT NULL, PRIMARY KEY(id, n)) WITHOUT ROWID;"
	"CREATE INDEX advisory_affected_pkg ON advisory_affected(ecosystem, package);"
	"CREATE TABLE epss(cve TEXT PRIMARY KEY, epss TEXT NOT NULL, percentile TEXT NOT NULL,"
	"  date TEXT) WITHOUT ROWID;"
	"CREATE TABLE kev(cve TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT "
	"ROWID;" SBOM_EDIT_TRIGGERS,
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* Migration 2's data step: the tiles of every project's log. */
static int rebuild_tiles(ss_store *st)
{
	json_t *rows = NULL, *row;
	size_t i;
	int error;

	if ((error = ss_q_all(&rows, st, "SELECT id FROM project_key ORDER BY id", "")) < 0)
		return error;
	json_array_foreach(rows, i, row) {
		if ((error = ss__tiles_rebuild(st, ss_ji(row, "id"))) < 0)
			break;
	}
	json_decref(rows);
	return error;
}

/* What a migration does beyond its SQL, by migration number. */
/* (0 and 1: none; 2: the tiles; 3 to 9: SQL only) */
static int (*const migration_steps[])(ss_store *st) = {
	NULL, NULL, rebuild_tiles, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};

static int current_version(int64_t *out, ss_store *st)
{
	ss_query q;
	int error, have_meta = 0;

	*out = 0;
	if ((error = st->be->has_table(&have_meta, st->be, "meta")) < 0 || !have_meta)
		return error;
	if ((error = ss_q_open(&q, st, "SELECT value FROM meta WHERE key='schema_version'", "")) <
	    0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		error = ss_parse_int(out, ss_q_text(&q, 0), 0, 1000000);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_store_check(ss_store *st)
{
	int64_t v;
	int error;

	if ((error = current_version(&v, st)) < 0)
		return error;
	if (v == 0)
		return ss_error_set(SS_ENOTFOUND,
				    "the database has no secspec schema; run 'secspec init'");
	if (v > SS_SCHEMA_VERSION)
		return ss_error_set(SS_ECONFLICT,
				    "the database has schema version %lld, newer than this secspec "
				    "(%d); use a newer secspec",
				    (long long)v, SS_SCHEMA_VERSION);
	if (v < SS_SCHEMA_VERSION)
		return ss_error_set(SS_ECONFLICT,
				    "the database has schema version %lld; run 'secspec init' to "
				    "migrate it to %d",
				    (long long)v, SS_SCHEMA_VERSION);
	return 0;
}

int ss_store_init(ss_store *st)
{
	int64_t v;
	char num[24];
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_store_init: NULL argument");
	if ((error = ss_store__begin(st)) < 0)
		return error;
	if ((error = current_version(&v, st)) < 0)
		goto out;
	if (v > SS_SCHEMA_VERSION) {
		error = ss_error_set(SS_ECONFLICT,
				     "the database has schema version %lld, newer than this "
				     "secspec (%d)",
				     (long long)v, SS_SCHEMA_VERSION);
		goto out;
	}
	for (; v < NMIGRATIONS; v++) {
		if ((error = st->be->exec(st->be, migrations[v])) < 0 ||
		    (v + 1 < (int64_t)(sizeof(migration_steps) / sizeof(migration_steps[0])) &&
		     migration_steps[v + 1] && (error = migration_steps[v + 1](st)) < 0)) {
			ss_error_prefix(error, "migration %lld: ", (long long)v + 1);
			goto out;
		}
	}
	snprintf(num, sizeof(num), "%d", SS_SCHEMA_VERSION);
	if ((error = ss_q_exec(st,
			       "INSERT INTO meta(key, value) VALUES('schema_version', ?1) "
			       "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
			       "t", num)) < 0)
		goto out;
	error = ss_store__commit(st);
out:
	if (error < 0)
		ss_store__rollback(st);
	return error;
}
