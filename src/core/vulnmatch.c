/*
 * Advisories against components: importing advisories and scores into the
 * deployment's reference tables, and matching a project's newest SBOM
 * against them.
 *
 * Matching loads every affected row once into a hash table keyed by
 * ecosystem and package (OSV's names: "Go" and the module path, "crates.io"
 * and the crate, "npm" and "@scope/name", "Maven" and "group:artifact", …;
 * "cpe" and "vendor:product" for NVD, JVN and CSAF), with each row's ranges
 * compiled once; a component is then one lookup by its purl (and one by its
 * CPE) and one range test per advisory of its package. Advisories that name
 * one another (aliases: a CVE, its GHSA and its GO id) are one finding.
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/core.h"
#include "core/sbom_int.h"
#include "core/vulnmatch.h"
#include "secspec/sbom.h"
#include "store/rules_store.h"
#include "store/sbom_store.h"
#include "util/banned.h"

/* --- the index ------------------------------------------------------------- */

/* An advisory, once however many rows it has: its ids and its best CVSS
 * score, worked out at load. */
typedef struct {
	char *id, *kind, *summary;
	json_t *aliases; /* array of text */
	double score;    /* the best base score, -1 when none */
	char *vector;
} adv;

/* One affected row: its advisory and its compiled range. */
typedef struct {
	size_t a; /* index into advs */
	ss__vrange *range;
	char *criteria; /* CPE rows: the criteria */
	char *note;     /* what the range could not say */
} entry;

typedef struct {
	json_t *by_pkg; /* "eco\npackage" -> [entry index] */
	entry *e;
	size_t n, cap;
	adv *advs;
	size_t na, acap;
	size_t advisories;
	json_t *epss, *kev; /* CVE -> score row / true, when imported */
} index_t;

static void index_free(index_t *x)
{
	for (size_t i = 0; i < x->n; i++) {
		free(x->e[i].criteria);
		free(x->e[i].note);
		ss__vrange_free(x->e[i].range);
	}
	for (size_t i = 0; i < x->na; i++) {
		free(x->advs[i].id);
		free(x->advs[i].kind);
		free(x->advs[i].summary);
		free(x->advs[i].vector);
		json_decref(x->advs[i].aliases);
	}
	free(x->e);
	free(x->advs);
	json_decref(x->by_pkg);
	json_decref(x->epss);
	json_decref(x->kev);
}

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

/* The best severity of a list: {type, vector, score} with the highest
 * score computed from its vector (the score given when the vector does not
 * parse). */
static void best_severity(const json_t *sev, double *score, const char **vector)
{
	const json_t *s;
	size_t i;

	json_array_foreach(sev, i, s) {
		double v = -1;

		if (ss__cvss_score(ss_js(s, "vector"), &v) < 0 &&
		    json_is_number(json_object_get(s, "score")))
			v = json_number_value(json_object_get(s, "score"));
		if (v > *score) {
			*score = v;
			*vector = ss_js(s, "vector");
		}
	}
}

/* The advisory of a row: the one before when the id is the same (rows come
 * ordered by id), else a new one. */
static int row_advisory(index_t *x, const json_t *row, size_t *out)
{
	const char *id = ss_js(row, "id");
	json_t *sev;
	const char *vector = NULL;
	adv *a;

	if (x->na && streq(x->advs[x->na - 1].id, id)) {
		*out = x->na - 1;
		return 0;
	}
	if (x->na == x->acap) {
		size_t cap = x->acap ? 2 * x->acap : 1024;
		adv *na = realloc(x->advs, cap * sizeof(*na));

		if (!na)
			return ss_error_set(SS_ENOMEM, "out of memory");
		x->advs = na;
		x->acap = cap;
	}
	a = &x->advs[x->na];
	memset(a, 0, sizeof(*a));
	a->score = -1;
	a->id = dup_or_null(id);
	a->kind = dup_or_null(ss_js(row, "kind"));
	a->summary = dup_or_null(ss_js_or_null(row, "summary"));
	a->aliases = json_loads(ss_js(row, "aliases"), 0, NULL);
	sev = json_loads(ss_js(row, "severity"), 0, NULL);
	best_severity(sev, &a->score, &vector);
	a->vector = dup_or_null(vector);
	json_decref(sev);
	if (!a->id || !a->kind) {
		free(a->id);
		free(a->kind);
		free(a->summary);
		free(a->vector);
		json_decref(a->aliases);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	if (!a->aliases)
		a->aliases = json_array();
	*out = x->na++;
	return 0;
}

static int add_row(void *ctx, const json_t *row)
{
	index_t *x = ctx;
	char key[1024], pkg[800];
	const char *eco = ss_js(row, "ecosystem");
	json_t *ranges = json_loads(ss_js(row, "ranges"), 0, NULL),
	       *versions = json_loads(ss_js(row, "versions"), 0, NULL), *list;
	entry *e;
	int error = 0;

	if (!ss_ji(row, "vulnerable"))
		goto out;
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 1024;
		entry *ne = realloc(x->e, cap * sizeof(*ne));

		if (!ne) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		x->e = ne;
		x->cap = cap;
	}
	e = &x->e[x->n];
	memset(e, 0, sizeof(*e));
	if ((error = row_advisory(x, row, &e->a)) < 0)
		goto out;
	if (streq(eco, "cpe")) {
		const json_t *r0 = json_array_get(ranges, 0);

		e->criteria = dup_or_null(ss_js_or_null(r0, "criteria"));
	}
	e->range = ss__vrange_compile(eco, ranges, versions, &e->note);
	if (!e->range) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	x->n++;
	/* a CPE row is found by the vendor and product of its criteria, in the
	 * form the component's CPE is looked up by */
	if (e->criteria && ss__cpe_package(pkg, sizeof(pkg), e->criteria) == 0)
		ss__package_key(key, sizeof(key), eco, pkg);
	else
		ss__package_key(key, sizeof(key), eco, ss_js(row, "package"));
	if (!(list = json_object_get(x->by_pkg, key))) {
		list = json_array();
		json_object_set_new(x->by_pkg, key, list);
	}
	json_array_append_new(list, json_integer((json_int_t)(x->n - 1)));
out:
	json_decref(ranges);
	json_decref(versions);
	return error;
}

static int index_load(index_t *x, ss_store *st)
{
	json_t *counts = NULL;
	int error;

	memset(x, 0, sizeof(*x));
	x->by_pkg = json_object();
	if (!x->by_pkg)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_vstore_affected_each(st, add_row, x)) < 0 ||
	    (error = ss_vstore_counts(&counts, st)) < 0)
		return error;
	x->advisories = (size_t)ss_ji(counts, "advisories");
	/* EPSS and KEV, when imported, read once */
	if ((ss_ji(counts, "epss") && (error = ss_vstore_epss_all(&x->epss, st)) < 0) ||
	    (ss_ji(counts, "kev") && (error = ss_vstore_kev_all(&x->kev, st)) < 0)) {
		json_decref(counts);
		return error;
	}
	json_decref(counts);
	return 0;
}

/* --- findings ---------------------------------------------------------------- */

static const char *severity_word(double s)
{
	return s < 0    ? NULL
	       : s == 0 ? "none"
	       : s < 4  ? "low"
	       : s < 7  ? "medium"
	       : s < 9  ? "high"
			: "critical";
}

/* One component's matches, grouped by alias into findings. */
static int component_findings(json_t *findings, index_t *x, const json_t *c, int64_t sbom,
			      ss_store *st, json_t *notes)
{
	const size_t max_hits = 4096;
	size_t hits[4096], nh = 0;
	char key[1024], eco[64], pkg[800];
	const char *version = ss_js_or_null(c, "version");
	json_t *groups = json_array(), *g, *byid;
	size_t i, j;
	int error = 0;

	if (!groups)
		return ss_error_set(SS_ENOMEM, "out of memory");
	/* by purl */
	if (ss_js_or_null(c, "purl") &&
	    ss__purl_package(eco, sizeof(eco), pkg, sizeof(pkg), ss_js(c, "purl")) < 0) {
		const char *note = "a component's purl does not parse or names no ecosystem "
				   "advisories are held for, so it was not matched by purl";

		json_object_set_new(notes, note, json_integer(ss_ji(notes, note) + 1));
	} else if (ss_js_or_null(c, "purl")) {
		const json_t *list, *ix;

		ss__package_key(key, sizeof(key), eco, pkg);
		list = json_object_get(x->by_pkg, key);
		json_array_foreach(list, i, ix) {
			entry *e = &x->e[json_integer_value(ix)];
			bool affected = false;
			const char *note = NULL;

			if (ss__vrange_affects(e->range, version, &affected, &note) < 0)
				affected = false;
			if (note)
				json_object_set_new(notes, note,
						    json_integer(ss_ji(notes, note) + 1));
			if (affected && nh < max_hits)
				hits[nh++] = (size_t)json_integer_value(ix);
		}
	}
	/* by CPE */
	if (ss__cpe_package(pkg, sizeof(pkg), ss_js_or_null(c, "cpe")) == 0) {
		const json_t *list, *ix;

		ss__package_key(key, sizeof(key), "cpe", pkg);
		list = json_object_get(x->by_pkg, key);
		json_array_foreach(list, i, ix) {
			entry *e = &x->e[json_integer_value(ix)];
			bool affected = false;
			const char *note = NULL;

			if (!ss__cpe_applies(e->criteria, ss_js(c, "cpe")))
				continue;
			if (ss__vrange_affects(e->range, version, &affected, &note) < 0)
				affected = false;
			if (note)
				json_object_set_new(notes, note,
						    json_integer(ss_ji(notes, note) + 1));
			if (affected && nh < max_hits)
				hits[nh++] = (size_t)json_integer_value(ix);
		}
	}
	/* group the hits that share an id or alias: each id points to its group */
	byid = json_object();
	for (i = 0; i < nh; i++) {
		adv *e = &x->advs[x->e[hits[i]].a];
		json_t *into = json_object_get(byid, e->id), *ids;

		for (size_t k = 0; !into && k < json_array_size(e->aliases); k++)
			into = json_object_get(byid,
					       json_string_value(json_array_get(e->aliases, k)));
		if (!into) {
			into = json_pack("{s:[], s:[]}", "ids", "entries");
			json_array_append_new(groups, into);
		}
		ids = json_object_get(into, "ids");
		if (!json_object_get(byid, e->id)) {
			json_array_append_new(ids, json_string(e->id));
			json_object_set(byid, e->id, into);
		}
		for (size_t k = 0; k < json_array_size(e->aliases); k++) {
			const char *al = json_string_value(json_array_get(e->aliases, k));

			if (al && !json_object_get(byid, al)) {
				json_array_append_new(ids, json_string(al));
				json_object_set(byid, al, into);
			}
		}
		json_array_append_new(json_object_get(into, "entries"),
				      json_integer((json_int_t)hits[i]));
	}
	json_decref(byid);
	json_array_foreach(groups, j, g) {
		json_t *ids = json_object_get(g, "ids"), *ix, *f, *aliases = json_array(),
		       *sources = json_array();
		const char *vuln = NULL, *vector = NULL, *summary = NULL, *source = NULL;
		double score = -1;
		size_t k;

		/* the finding is named by its CVE, else by its smallest id */
		json_array_foreach(ids, k, ix) {
			const char *id = json_string_value(ix);

			if (!strncmp(id, "CVE-", 4) &&
			    (!vuln || strncmp(vuln, "CVE-", 4) || strcmp(id, vuln) < 0))
				vuln = id;
		}
		json_array_foreach(ids, k, ix) {
			const char *id = json_string_value(ix);

			if (!vuln || (strncmp(vuln, "CVE-", 4) && strcmp(id, vuln) < 0))
				vuln = id;
		}
		json_array_foreach(json_object_get(g, "entries"), k, ix) {
			const adv *e = &x->advs[x->e[json_integer_value(ix)].a];

			if (e->score > score) {
				score = e->score;
				vector = e->vector;
			}
			if (!summary && e->summary)
				summary = e->summary;
			if (!source)
				source = e->kind;
			if (!ss__json_has_string(sources, e->id))
				json_array_append_new(sources, json_string(e->id));
		}
		json_array_foreach(ids, k, ix) {
			if (!streq(json_string_value(ix), vuln))
				json_array_append(aliases, ix);
		}
		ss__sort_texts(aliases);
		ss__sort_texts(sources);
		f = json_pack("{s:s, s:O, s:s, s:s, s:I, s:O, s:s?, s:s?, s:s?, s:s}", "vuln", vuln,
			      "aliases", aliases, "component", ss_js(c, "ref"), "name",
			      ss_js(c, "name"), "sbom", (json_int_t)sbom, "advisories", sources,
			      "version", version, "purl", ss_js_or_null(c, "purl"), "summary",
			      summary, "source", source ? source : "");
		json_decref(aliases);
		json_decref(sources);
		if (!f) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			break;
		}
		if (score >= 0) {
			char s[16];

			snprintf(s, sizeof(s), "%.1f", score);
			json_object_set_new(f, "score", json_string(s));
			json_object_set_new(f, "severity", json_string(severity_word(score)));
			if (vector)
				json_object_set_new(f, "vector", json_string(vector));
		}
		/* EPSS and KEV of its CVE */
		if (json_object_get(x->epss, vuln))
			json_object_set(f, "epss", json_object_get(x->epss, vuln));
		if (json_object_get(x->kev, vuln))
			json_object_set_new(f, "kev", json_true());
		json_array_append_new(findings, f);
		if (error < 0)
			break;
	}
	json_decref(groups);
	return error;
}

static int by_finding(const void *a, const void *b)
{
	const json_t *x = *(const json_t *const *)a, *y = *(const json_t *const *)b;
	int c = strcmp(ss_js(x, "vuln"), ss_js(y, "vuln"));

	return c ? c : strcmp(ss_js(x, "component"), ss_js(y, "component"));
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int ss__vuln_match(json_t **out, ss_store *st, int64_t pid, const char *project, double *ms)
{
	json_t *sbomv = NULL, *findings = json_array(), *notes = json_object(), *reg = NULL, *c;
	index_t x;
	bool loaded = false;
	double t0, t1;
	size_t i;
	int64_t sbom;
	int error;

	if (!findings || !notes) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss__sbom_get(&sbomv, st, pid, 0)) < 0)
		goto out;
	sbom = ss_ji(sbomv, "sbom");
	t0 = now_ms();
	loaded = true;
	if ((error = index_load(&x, st)) < 0)
		goto out;
	t1 = now_ms();
	json_array_foreach(json_object_get(sbomv, "components"), i, c) {
		if ((error = component_findings(findings, &x, c, sbom, st, notes)) < 0)
			goto out;
	}
	{
		size_t n = json_array_size(findings);
		json_t **v = calloc(n ? n : 1, sizeof(*v)), *sorted = json_array();

		for (i = 0; v && i < n; i++)
			v[i] = json_array_get(findings, i);
		if (v)
			qsort(v, n, sizeof(*v), by_finding);
		for (i = 0; v && i < n; i++)
			json_array_append(sorted, v[i]);
		free(v);
		json_decref(findings);
		findings = sorted;
	}
	if (ms)
		ms[0] = t1 - t0, ms[1] = now_ms() - t1;
	/* what the register says of each */
	if ((error = ss__vulns_fold(&reg, st, pid, project)) < 0)
		goto out;
	{
		json_t *byrec = json_object(), *rec;
		char key[2048];
		size_t k;

		json_array_foreach(json_object_get(reg, "records"), k, rec) {
			snprintf(key, sizeof(key), "%s\n%s", ss_js(rec, "component"),
				 ss_js(rec, "vuln"));
			json_object_set(byrec, key, rec);
		}
		json_array_foreach(findings, i, c) {
			const json_t *a;

			snprintf(key, sizeof(key), "%s\n%s", ss_js(c, "component"),
				 ss_js(c, "vuln"));
			rec = json_object_get(byrec, key);
			json_array_foreach(json_object_get(c, "aliases"), k, a) {
				if (rec)
					break;
				snprintf(key, sizeof(key), "%s\n%s", ss_js(c, "component"),
					 json_string_value(a));
				rec = json_object_get(byrec, key);
			}
			if (rec)
				json_object_set(c, "record", rec);
		}
		json_decref(byrec);
	}
	*out = json_pack("{s:I, s:O, s:O, s:{s:I, s:I}}", "sbom", (json_int_t)sbom, "findings",
			 findings, "notes", notes, "counts", "components",
			 (json_int_t)json_array_size(json_object_get(sbomv, "components")),
			 "advisories", (json_int_t)x.advisories);
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	if (loaded)
		index_free(&x);
	json_decref(sbomv);
	json_decref(findings);
	json_decref(notes);
	json_decref(reg);
	return error;
}

int ss_vuln_match(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	bool began = false;
	double ms[2] = {0, 0};
	int error;

	if (!out || !st || !project)
		return ss_error_set(SS_EINVAL, "ss_vuln_match: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, NULL, st, project)) == 0 &&
	    (error = ss__vuln_match(out, st, ss_ji(key, "id"), project, ms)) == 0)
		json_object_set_new(*out, "timing",
				    json_pack("{s:f, s:f}", "load_ms", ms[0], "match_ms", ms[1]));
	ss_store__read_end(st, began);
	json_decref(key);
	return error;
}
