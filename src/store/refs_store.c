/* Reference data (ATT&CK, CWE, ASVS, XCCDF): inserts used by the importers
 * and the lookups used by the catalog. */
#include <string.h>

#include "store/refs.h"
#include "util/util.h"
#include "util/banned.h"

int ss_rstore_source_find(int64_t *out, ss_store *st, const char *kind, const char *sha256)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(&q, st, "SELECT id FROM ref_source WHERE kind = ?1 AND sha256 = ?2",
			       "tt", kind, sha256)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_rstore_source_new(int64_t *out, ss_store *st, const char *kind, const char *file,
			 const char *sha256, const char *now)
{
	int error;

	if ((error = ss_q_exec(st,
			       "INSERT INTO ref_source(kind, name, version, file, sha256, "
			       "imported_at, counts) VALUES(?1, '', '', ?2, ?3, ?4, '{}')",
			       "tttt", kind, file, sha256, now)) < 0)
		return error;
	return ss_rstore_source_find(out, st, kind, sha256);
}

int ss_rstore_source_finish(ss_store *st, int64_t id, const char *name, const char *version,
			    const char *counts, const char *sha256)
{
	return ss_q_exec(st,
			 "UPDATE ref_source SET name = ?2, version = ?3, counts = ?4, sha256 = ?5 "
			 "WHERE id = ?1",
			 "itttt", id, name, version, counts, sha256);
}

int ss_rstore_sources(json_t **out, ss_store *st)
{
	return ss_q_all(out, st,
			"SELECT id, kind, name, version, file, sha256, imported_at, counts "
			"FROM ref_source ORDER BY id",
			"");
}

int ss_rstore_attack_put(ss_store *st, int64_t src, const ss_attack_row *r)
{
	return ss_q_exec(
		st,
		"INSERT INTO ref_attack(source_id, stix_id, kind, ext_id, name, "
		"shortname, description, platforms, tactics, revoked, deprecated, modified, "
		"version) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
		"ON CONFLICT(source_id, stix_id) DO UPDATE SET kind = excluded.kind, "
		"ext_id = excluded.ext_id, name = excluded.name, shortname = excluded.shortname, "
		"description = excluded.description, platforms = excluded.platforms, "
		"tactics = excluded.tactics, revoked = excluded.revoked, "
		"deprecated = excluded.deprecated, modified = excluded.modified, "
		"version = excluded.version",
		"ittttttttiitt", src, r->stix_id, r->kind, r->ext_id, r->name, r->shortname,
		r->description, r->platforms, r->tactics, (int64_t)r->revoked,
		(int64_t)r->deprecated, r->modified, r->version);
}

int ss_rstore_attack_rel_put(ss_store *st, int64_t src, const char *type, const char *from,
			     const char *to, const char *stix_id)
{
	return ss_q_exec(st,
			 "INSERT INTO ref_attack_rel(source_id, type, src, dst, stix_id) "
			 "VALUES(?1, ?2, ?3, ?4, ?5)",
			 "itttt", src, type, from, to, stix_id);
}

int ss_rstore_cwe_put(ss_store *st, int64_t src, const char *kind, int64_t id, const char *name,
		      const char *status, const char *abstraction, const char *usage,
		      const char *parents)
{
	return ss_q_exec(st,
			 "INSERT INTO ref_cwe(source_id, kind, id, name, status, "
			 "abstraction, usage, parents) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) "
			 "ON CONFLICT(source_id, kind, id) DO UPDATE SET name = excluded.name, "
			 "status = excluded.status, abstraction = excluded.abstraction, "
			 "usage = excluded.usage, parents = excluded.parents",
			 "itittttt", src, kind, id, name, status, abstraction, usage, parents);
}

int ss_rstore_asvs_put(ss_store *st, int64_t src, const char *id, const char *level,
		       const char *description, const char *cwe)
{
	return ss_q_exec(st,
			 "INSERT INTO ref_asvs(source_id, id, level, description, cwe) "
			 "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(source_id, id) DO UPDATE SET "
			 "level = excluded.level, description = excluded.description, "
			 "cwe = excluded.cwe",
			 "itttt", src, id, level, description, cwe);
}

int ss_rstore_xccdf_rule_put(ss_store *st, int64_t src, const char *rule_id, const char *version,
			     const char *severity, const char *title, const char *idents)
{
	return ss_q_exec(
		st,
		"INSERT INTO ref_xccdf_rule(source_id, rule_id, version, "
		"severity, title, idents) VALUES(?1, ?2, ?3, ?4, ?5, ?6) "
		"ON CONFLICT(source_id, rule_id) DO UPDATE SET version = excluded.version, "
		"severity = excluded.severity, title = excluded.title, "
		"idents = excluded.idents",
		"ittttt", src, rule_id, version, severity, title, idents);
}

int ss_rstore_xccdf_profile_put(ss_store *st, int64_t src, const char *profile_id,
				const char *title)
{
	return ss_q_exec(st,
			 "INSERT INTO ref_xccdf_profile(source_id, profile_id, title) "
			 "VALUES(?1, ?2, ?3) ON CONFLICT(source_id, profile_id) DO UPDATE SET "
			 "title = excluded.title",
			 "itt", src, profile_id, title);
}

int ss_rstore_xccdf_select_put(ss_store *st, int64_t src, const char *profile_id,
			       const char *rule_id)
{
	return ss_q_exec(st,
			 "INSERT INTO ref_xccdf_select(source_id, profile_id, rule_id) "
			 "VALUES(?1, ?2, ?3)",
			 "itt", src, profile_id, rule_id);
}

/* --- lookups: the newest source that knows the id --- */

int ss_rstore_attack_get(json_t **out, ss_store *st, const char *ext_id, int64_t source_id)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT a.source_id, s.version AS release, a.kind, a.ext_id, a.name, "
		     "a.description, a.platforms, a.tactics, a.revoked, a.deprecated, "
		     "a.modified, a.version FROM ref_attack a JOIN ref_source s ON "
		     "s.id = a.source_id WHERE a.ext_id = ?1 AND (?2 = 0 OR a.source_id = ?2) "
		     "AND a.kind = CASE WHEN ?1 LIKE 'TA%' THEN 'tactic' WHEN ?1 LIKE 'M%' "
		     "THEN 'mitigation' ELSE 'technique' END "
		     "ORDER BY a.source_id DESC LIMIT 1",
		     "ti", ext_id, source_id)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_rstore_cwe_get(json_t **out, ss_store *st, int64_t id)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT c.source_id, s.version AS release, c.kind, c.id, c.name, "
			      "c.status, c.abstraction, c.usage, c.parents FROM ref_cwe c JOIN "
			      "ref_source s ON s.id = c.source_id WHERE c.id = ?1 "
			      "ORDER BY c.source_id DESC LIMIT 1",
			      "i", id)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_rstore_asvs_get(json_t **out, ss_store *st, const char *id, const char *release)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT a.source_id, s.version AS release, a.id, a.level, a.description, "
		     "a.cwe FROM ref_asvs a JOIN ref_source s ON s.id = a.source_id "
		     "WHERE a.id = ?1 AND (?2 IS NULL OR s.version = ?2) "
		     "ORDER BY a.source_id DESC LIMIT 1",
		     "tt", id, release)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_rstore_xccdf_get(json_t **out, ss_store *st, const char *id)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT r.source_id, s.name AS benchmark, s.version AS release, "
		     "r.rule_id, r.version, r.severity, r.title, r.idents FROM ref_xccdf_rule r "
		     "JOIN ref_source s ON s.id = r.source_id WHERE r.version = ?1 OR "
		     "r.rule_id = ?1 ORDER BY r.source_id DESC LIMIT 1",
		     "t", id)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_rstore_has_kind(int *out, ss_store *st, const char *kind)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(&q, st, "SELECT count(*) FROM ref_source WHERE kind = ?1", "t",
			       kind)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0) > 0;
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_rstore_xccdf_prefix_known(int *out, ss_store *st, const char *prefix)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(
		     &q, st,
		     "SELECT 1 FROM ref_xccdf_rule WHERE substr(version, 1, length(?1)) = ?1 "
		     "LIMIT 1",
		     "t", prefix)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = 1;
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_rstore_source_get(json_t **out, ss_store *st, int64_t id)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT id, kind, name, version, file, sha256, imported_at FROM "
			      "ref_source WHERE id = ?1",
			      "i", id)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_rstore_latest_sources(json_t **out, ss_store *st)
{
	return ss_q_all(out, st,
			"SELECT kind, max(id) AS id FROM ref_source GROUP BY kind ORDER BY kind",
			"");
}

int ss_rstore_attack_mitigations(json_t **out, ss_store *st, int64_t source_id)
{
	return ss_q_all(out, st,
			"SELECT m.ext_id, m.name, t.platforms FROM ref_attack m "
			"LEFT JOIN ref_attack_rel r ON r.source_id = m.source_id "
			"AND r.type = 'mitigates' AND r.src = m.stix_id "
			"LEFT JOIN ref_attack t ON t.source_id = r.source_id AND t.stix_id = r.dst "
			"AND t.revoked = 0 AND t.deprecated = 0 "
			"WHERE m.source_id = ?1 AND m.kind = 'mitigation' AND m.revoked = 0 "
			"AND m.deprecated = 0 ORDER BY m.ext_id",
			"i", source_id);
}

int ss_rstore_attack_domain_ids(json_t **out, ss_store *st, int64_t source_id)
{
	json_t *rows;
	int error;

	if ((error = ss_q_all(
		     &rows, st,
		     "SELECT count(*) AS n, "
		     "coalesce(sum(kind = 'tactic' AND ext_id >= 'TA0100'), 0) AS ics_tactics, "
		     "coalesce(sum(kind = 'tactic' AND (ext_id BETWEEN 'TA0027' AND 'TA0039' "
		     "OR ext_id = 'TA0041')), 0) AS mobile_tactics, "
		     "coalesce(sum(kind = 'tactic'), 0) AS tactics, "
		     "coalesce(sum(kind = 'technique' AND ext_id LIKE 'T0%'), 0) AS "
		     "ics_techniques, "
		     "coalesce(sum(kind = 'technique'), 0) AS techniques "
		     "FROM ref_attack WHERE source_id = ?1 AND ext_id IS NOT NULL",
		     "i", source_id)) < 0)
		return error;
	return ss_q_first(out, rows);
}
