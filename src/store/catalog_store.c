#include <string.h>

#include "store/state.h"
#include "util/util.h"
#include "util/banned.h"

static int one(json_t **out, json_t *rows, const char *version)
{
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(SS_ENOTFOUND, "catalog version '%.100s' not found", version);
	return 0;
}

int ss_cstore_version_get(json_t **out, ss_store *st, const char *version)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT version, name, released, title_ja, title_en, content_hash, "
			      "meta, loaded_at, refs FROM catalog_version WHERE version = ?1",
			      "t", version)) < 0)
		return error;
	return one(out, rows, version);
}

int ss_cstore_version_has(ss_store *st, const char *version)
{
	json_t *rows, *row = NULL;
	int error;

	/* the name alone: a version's meta and refs run to tens of kilobytes,
	 * and an item lookup resolves its version every time */
	if ((error = ss_q_all(&rows, st, "SELECT version FROM catalog_version WHERE version = ?1",
			      "t", version)) < 0)
		return error;
	error = one(&row, rows, version);
	json_decref(row);
	return error;
}

int ss_cstore_latest(json_t **out, ss_store *st)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT version, name, released, title_ja, title_en, content_hash, "
			      "meta, loaded_at, refs FROM catalog_version "
			      "ORDER BY released DESC, version DESC LIMIT 1",
			      "")) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(
			SS_ENOTFOUND,
			"no catalog is loaded; run 'secspec init' to load the built-in one");
	return 0;
}

int ss_cstore_versions(json_t **out, ss_store *st)
{
	return ss_q_all(out, st,
			"SELECT v.version, v.name, v.released, v.title_ja, v.title_en, "
			"v.content_hash, v.loaded_at, (SELECT count(*) FROM catalog_item i "
			"WHERE i.version = v.version) AS items FROM catalog_version v "
			"ORDER BY v.released, v.version",
			"");
}

int ss_cstore_version_put(ss_store *st, const char *version, const char *name, const char *released,
			  const char *title_ja, const char *title_en, const char *content_hash,
			  const char *meta, const char *loaded_at)
{
	return ss_q_exec(st,
			 "INSERT INTO catalog_version(version, name, released, title_ja, title_en, "
			 "content_hash, meta, loaded_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			 "tttttttt", version, name, released, title_ja, title_en, content_hash,
			 meta, loaded_at);
}

int ss_cstore_item_put(ss_store *st, const char *version, const char *id, int64_t ord,
		       const char *section, const char *platform, const char *category,
		       int is_default, const char *title_ja, const char *title_en, int64_t incident,
		       int64_t ease, const char *hash, const char *body, const char *mitigation_ja,
		       const char *mitigation_en, const char *doc)
{
	return ss_q_exec(
		st,
		"INSERT INTO catalog_item(version, id, ord, section, platform, category, "
		"is_default, title_ja, title_en, incident, ease, content_hash, body, "
		"mitigation_ja, mitigation_en, doc) "
		"VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
		"ttitttittiittttt", version, id, ord, section, platform, category,
		(int64_t)is_default, title_ja, title_en, incident, ease, hash, body, mitigation_ja,
		mitigation_en, doc);
}

int ss_cstore_ref_put(ss_store *st, const char *version, const char *id, const char *kind,
		      const char *ref)
{
	return ss_q_exec(st,
			 "INSERT INTO catalog_ref(version, id, kind, ref) "
			 "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(version, id, kind, ref) DO NOTHING",
			 "tttt", version, id, kind, ref);
}

int ss_cstore_items(json_t **out, ss_store *st, const char *version, const char *section,
		    const char *platform, const char *category, const char *technique,
		    int with_body)
{
	if (with_body)
		return ss_q_all(
			out, st,
			"SELECT id, section, platform, category, is_default, title_ja, "
			"title_en, incident, ease, content_hash, body FROM catalog_item i "
			"WHERE version = ?1 AND (?2 IS NULL OR section = ?2) "
			"AND (?3 IS NULL OR platform = ?3) AND (?4 IS NULL OR category = ?4) "
			"AND (?5 IS NULL OR EXISTS (SELECT 1 FROM catalog_ref r WHERE "
			"r.version = i.version AND r.id = i.id AND r.kind = 'attack' AND "
			"(r.ref = ?5 OR substr(r.ref, 1, length(?5) + 1) = ?5 || '.'))) ORDER BY "
			"ord",
			"ttttt", version, section, platform, category, technique);
	return ss_q_all(
		out, st,
		"SELECT id, section, platform, category, is_default, title_ja, title_en, "
		"incident, ease, content_hash FROM catalog_item i "
		"WHERE version = ?1 AND (?2 IS NULL OR section = ?2) "
		"AND (?3 IS NULL OR platform = ?3) AND (?4 IS NULL OR category = ?4) "
		"AND (?5 IS NULL OR EXISTS (SELECT 1 FROM catalog_ref r WHERE "
		"r.version = i.version AND r.id = i.id AND r.kind = 'attack' AND "
		"(r.ref = ?5 OR substr(r.ref, 1, length(?5) + 1) = ?5 || '.'))) ORDER BY ord",
		"ttttt", version, section, platform, category, technique);
}

int ss_cstore_item_get(json_t **out, ss_store *st, const char *version, const char *id)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT id, section, platform, category, is_default, title_ja, "
			      "title_en, incident, ease, content_hash, body FROM catalog_item "
			      "WHERE version = ?1 AND id = ?2",
			      "tt", version, id)) < 0)
		return error;
	if (ss_q_first(out, rows) < 0)
		return ss_error_set(SS_ENOTFOUND,
				    "catalog item '%.60s' not found in catalog version %.40s; "
				    "'secspec catalog list' shows the ids",
				    id, version);
	return 0;
}

int ss_cstore_refs_all(json_t **out, ss_store *st, const char *version)
{
	return ss_q_all(out, st,
			"SELECT r.id, r.kind, r.ref FROM catalog_ref r JOIN catalog_item i ON "
			"i.version = r.version AND i.id = r.id WHERE r.version = ?1 "
			"ORDER BY i.ord, r.kind, r.ref",
			"t", version);
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

int ss_cstore_refs_of(json_t **out, ss_store *st, const char *version, const char *kind)
{
	return ss_q_all(out, st,
			"SELECT id, ref FROM catalog_ref WHERE version = ?1 AND kind = ?2 "
			"ORDER BY id, ref",
			"tt", version, kind);
}

int ss_cstore_attack_refs(json_t **out, ss_store *st, const char *version)
{
	return ss_cstore_refs_of(out, st, version, "attack");
}
