/* The SBOM projection and the advisories held: bound queries only. */
#include <stdio.h>
#include <string.h>

#include "store/sbom_store.h"
#include "util/util.h"
#include "util/banned.h"

int ss_sbstore_versions(json_t **out, ss_store *st, int64_t pid)
{
	return ss_q_all(out, st,
			"SELECT number AS sbom, seq, name, file, format, spec_version, serial, "
			"components, person AS by, time FROM sbom WHERE project_id = ?1 "
			"ORDER BY number",
			"i", pid);
}

int ss_sbstore_version(json_t **out, ss_store *st, int64_t pid, int64_t n)
{
	json_t *rows = NULL;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT number AS sbom, seq, name, file, format, spec_version, "
			      "serial, components AS count, dependencies, document, person AS by, "
			      "time FROM sbom WHERE project_id = ?1 AND number = ?2",
			      "ii", pid, n)) < 0)
		return error;
	if ((error = ss_q_first(out, rows)) == SS_ENOTFOUND)
		error = ss_error_set(SS_ENOTFOUND, "the project has no SBOM %lld", (long long)n);
	return error;
}

int ss_sbstore_components(json_t **out, ss_store *st, int64_t pid, int64_t n)
{
	json_t *list = json_array();
	ss_query q;
	int error;

	if (!list)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_q_open(&q, st,
			       "SELECT body FROM sbom_component WHERE project_id = ?1 AND "
			       "sbom = ?2 ORDER BY n",
			       "ii", pid, n)) < 0) {
		json_decref(list);
		return error;
	}
	while ((error = ss_q_next(&q)) > 0) {
		json_t *c = ss_json_loadb_bounded(ss_q_text(&q, 0), strlen(ss_q_text(&q, 0)), 0);

		if (!c) {
			error = ss_error_set(SS_ECORRUPT, "a stored component cannot be read");
			break;
		}
		json_array_append_new(list, c);
	}
	ss_q_close(&q);
	if (error < 0) {
		json_decref(list);
		return error;
	}
	*out = list;
	return 0;
}

/* --- advisories ------------------------------------------------------------- */

int ss_vstore_source_find(int64_t *out, ss_store *st, const char *kind, const char *sha256)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(&q, st, "SELECT id FROM vuln_source WHERE kind = ?1 AND sha256 = ?2",
			       "tt", kind, sha256)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_vstore_source_new(int64_t *out, ss_store *st, const char *kind, const char *file,
			 const char *now)
{
	ss_query q;
	int error;

	if ((error = ss_q_exec(st,
			       "INSERT INTO vuln_source(kind, name, version, file, sha256, "
			       "imported_at, counts) VALUES(?1, '', '', ?2, 'pending', ?3, '{}')",
			       "ttt", kind, file, now)) < 0)
		return error;
	if ((error = ss_q_open(&q, st, "SELECT max(id) FROM vuln_source", "")) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_vstore_source_finish(ss_store *st, int64_t id, const char *name, const char *version,
			    const char *counts, const char *sha256)
{
	return ss_q_exec(st,
			 "UPDATE vuln_source SET name = ?2, version = ?3, counts = ?4, "
			 "sha256 = ?5 WHERE id = ?1",
			 "itttt", id, name, version, counts, sha256);
}

int ss_vstore_sources(json_t **out, ss_store *st)
{
	return ss_q_all(out, st,
			"SELECT id, kind, name, version, file, sha256, imported_at, counts FROM "
			"vuln_source ORDER BY id",
			"");
}

int ss_vstore_advisory_drop(ss_store *st, const char *id)
{
	int error;

	if ((error = ss_q_exec(st, "DELETE FROM advisory_affected WHERE id = ?1", "t", id)) < 0 ||
	    (error = ss_q_exec(st, "DELETE FROM advisory_alias WHERE id = ?1", "t", id)) < 0)
		return error;
	return ss_q_exec(st, "DELETE FROM advisory WHERE id = ?1", "t", id);
}

int ss_vstore_advisory_put(ss_store *st, int64_t src, const ss_advisory_row *a)
{
	json_t *aliases;
	const json_t *al;
	size_t i;
	int error;

	if ((error = ss_vstore_advisory_drop(st, a->id)) < 0 ||
	    (error = ss_q_exec(st,
			       "INSERT INTO advisory(id, source_id, kind, aliases, summary, "
			       "details, lang, published, modified, severity, cwes, refs) "
			       "VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
			       "titttttttttt", a->id, src, a->kind, a->aliases, a->summary,
			       a->details, a->lang, a->published, a->modified, a->severity, a->cwes,
			       a->refs)) < 0)
		return error;
	if ((error = ss_q_exec(st, "INSERT OR IGNORE INTO advisory_alias(alias, id) VALUES(?1, ?1)",
			       "t", a->id)) < 0)
		return error;
	aliases = json_loads(a->aliases, 0, NULL);
	json_array_foreach(aliases, i, al) {
		if (json_is_string(al) &&
		    (error = ss_q_exec(st,
				       "INSERT OR IGNORE INTO advisory_alias(alias, id) "
				       "VALUES(?1, ?2)",
				       "tt", json_string_value(al), a->id)) < 0)
			break;
	}
	json_decref(aliases);
	return error;
}

int ss_vstore_affected_put(ss_store *st, const char *id, int64_t n, const char *ecosystem,
			   const char *package, const char *purl, const char *ranges,
			   const char *versions, int vulnerable)
{
	return ss_q_exec(st,
			 "INSERT INTO advisory_affected(id, n, ecosystem, package, purl, ranges, "
			 "versions, vulnerable) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
			 "tittttti", id, n, ecosystem, package, purl, ranges, versions,
			 (int64_t)vulnerable);
}

int ss_vstore_epss_put(ss_store *st, const char *cve, double epss, double percentile,
		       const char *date)
{
	char e[32], p[32];

	snprintf(e, sizeof(e), "%.5f", epss);
	snprintf(p, sizeof(p), "%.5f", percentile);
	return ss_q_exec(st,
			 "INSERT INTO epss(cve, epss, percentile, date) VALUES(?1, ?2, ?3, ?4) "
			 "ON CONFLICT(cve) DO UPDATE SET epss = ?2, percentile = ?3, date = ?4",
			 "tttt", cve, e, p, date);
}

int ss_vstore_kev_put(ss_store *st, const char *cve, const char *body)
{
	return ss_q_exec(st,
			 "INSERT INTO kev(cve, body) VALUES(?1, ?2) ON CONFLICT(cve) DO UPDATE "
			 "SET body = ?2",
			 "tt", cve, body);
}

int ss_vstore_affected_each(ss_store *st, int (*fn)(void *ctx, const json_t *row), void *ctx)
{
	ss_query q;
	int error, rc = 0;

	if ((error = ss_q_open(&q, st,
			       "SELECT f.id, f.n, f.ecosystem, f.package, f.purl, f.ranges, "
			       "f.versions, f.vulnerable, a.kind, a.aliases, a.summary, "
			       "a.severity, a.modified FROM advisory_affected f JOIN advisory a "
			       "ON a.id = f.id ORDER BY f.id, f.n",
			       "")) < 0)
		return error;
	while ((error = ss_q_next(&q)) > 0) {
		json_t *row = ss_q_row(&q);

		if (!row) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			break;
		}
		rc = fn(ctx, row);
		json_decref(row);
		if (rc < 0) {
			error = rc;
			break;
		}
	}
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_vstore_advisory_get(json_t **out, ss_store *st, const char *id)
{
	json_t *rows = NULL, *a = NULL, *aff = NULL;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT a.* FROM advisory a WHERE a.id = (SELECT id FROM "
			      "advisory_alias WHERE alias = ?1 ORDER BY id = ?1 DESC, id LIMIT 1)",
			      "t", id)) < 0)
		return error;
	if ((error = ss_q_first(&a, rows)) == SS_ENOTFOUND)
		return ss_error_set(SS_ENOTFOUND,
				    "'%.60s' is not among the advisories held ('secspec vuln "
				    "sources' shows what is imported)",
				    id);
	if (error < 0)
		return error;
	if ((error = ss_q_all(&aff, st,
			      "SELECT ecosystem, package, purl, ranges, versions, vulnerable FROM "
			      "advisory_affected WHERE id = ?1 ORDER BY n",
			      "t", ss_js(a, "id"))) < 0) {
		json_decref(a);
		return error;
	}
	json_object_set_new(a, "affected", aff);
	*out = a;
	return 0;
}

int ss_vstore_scores(json_t **out, ss_store *st, const char *cve)
{
	json_t *e = NULL, *k = NULL, *res;
	int error;

	if ((error = ss_q_all(&e, st, "SELECT epss, percentile, date FROM epss WHERE cve = ?1", "t",
			      cve)) < 0)
		return error;
	if ((error = ss_q_all(&k, st, "SELECT body FROM kev WHERE cve = ?1", "t", cve)) < 0) {
		json_decref(e);
		return error;
	}
	res = json_pack("{s:O?, s:O?}", "epss", json_array_get(e, 0), "kev", json_array_get(k, 0));
	json_decref(e);
	json_decref(k);
	if (!res)
		return ss_error_set(SS_ENOMEM, "out of memory");
	*out = res;
	return 0;
}

int ss_vstore_counts(json_t **out, ss_store *st)
{
	json_t *rows = NULL, *kinds = NULL;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT (SELECT count(*) FROM advisory) AS advisories, (SELECT "
			      "count(*) FROM advisory_affected) AS affected, (SELECT count(*) "
			      "FROM epss) AS epss, (SELECT count(*) FROM kev) AS kev",
			      "")) < 0 ||
	    (error = ss_q_all(&kinds, st,
			      "SELECT kind, count(*) AS advisories FROM advisory GROUP BY kind "
			      "ORDER BY kind",
			      "")) < 0 ||
	    (error = ss_q_first(out, rows)) < 0) {
		json_decref(kinds);
		return error;
	}
	json_object_set_new(*out, "by_kind", kinds);
	return 0;
}

int ss_vstore_epss_all(json_t **out, ss_store *st)
{
	json_t *o = json_object();
	ss_query q;
	int error;

	if (!o)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_q_open(&q, st, "SELECT cve, epss, percentile, date FROM epss", "")) < 0) {
		json_decref(o);
		return error;
	}
	while ((error = ss_q_next(&q)) > 0) {
		json_t *row = ss_q_row(&q);

		json_object_del(row, "cve");
		json_object_set_new(o, ss_q_text(&q, 0), row);
	}
	ss_q_close(&q);
	if (error < 0) {
		json_decref(o);
		return error;
	}
	*out = o;
	return 0;
}

int ss_vstore_kev_all(json_t **out, ss_store *st)
{
	json_t *o = json_object();
	ss_query q;
	int error;

	if (!o)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_q_open(&q, st, "SELECT cve FROM kev", "")) < 0) {
		json_decref(o);
		return error;
	}
	while ((error = ss_q_next(&q)) > 0)
		json_object_set_new(o, ss_q_text(&q, 0), json_true());
	ss_q_close(&q);
	if (error < 0) {
		json_decref(o);
		return error;
	}
	*out = o;
	return 0;
}
