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

/* --- text tables --------------------------------------------------------------- */

/* Open addressing over owned copies of text: each text once, numbered in
 * the order it was first seen. Advisory ids and aliases are numbered so
 * that grouping compares numbers, and package keys so that a component's
 * advisories are one probe. */
typedef struct {
	char **text; /* by number */
	uint64_t *hash;
	uint32_t *slot; /* number + 1, 0 for an empty slot */
	size_t n, cap;  /* cap: slots, a power of two */
} texttab;

static uint64_t text_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void texttab_free(texttab *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->text[i]);
	free(t->text);
	free(t->hash);
	free(t->slot);
	memset(t, 0, sizeof(*t));
}

/* The number of s, or -1. */
static int64_t texttab_find(const texttab *t, const char *s)
{
	uint64_t h;
	size_t m, i;

	if (!t->cap || !s)
		return -1;
	h = text_hash(s);
	m = t->cap - 1;
	for (i = h & m; t->slot[i]; i = (i + 1) & m) {
		uint32_t k = t->slot[i] - 1;

		if (t->hash[k] == h && streq(t->text[k], s))
			return k;
	}
	return -1;
}

static int texttab_grow(texttab *t)
{
	size_t cap = t->cap ? 2 * t->cap : 1024, m = cap - 1;
	uint32_t *slot = calloc(cap, sizeof(*slot));
	char **text = realloc(t->text, cap / 2 * sizeof(*text));
	uint64_t *hash;

	if (text)
		t->text = text;
	hash = realloc(t->hash, cap / 2 * sizeof(*hash));
	if (hash)
		t->hash = hash;
	if (!slot || !text || !hash) {
		free(slot);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	for (size_t k = 0; k < t->n; k++) {
		size_t i = t->hash[k] & m;

		while (slot[i])
			i = (i + 1) & m;
		slot[i] = (uint32_t)k + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->cap = cap;
	return 0;
}

/* The number of s, added when new (at most half the slots in use). */
static int texttab_add(texttab *t, const char *s, uint32_t *out)
{
	int64_t k = texttab_find(t, s);
	uint64_t h;
	size_t i;
	int error;

	if (k >= 0) {
		*out = (uint32_t)k;
		return 0;
	}
	if (t->n >= UINT32_MAX - 1)
		return ss_error_set(SS_ELIMIT, "too many advisories or packages to match");
	if (2 * (t->n + 1) > t->cap && (error = texttab_grow(t)) < 0)
		return error;
	h = text_hash(s);
	if (!(t->text[t->n] = strdup(s)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	t->hash[t->n] = h;
	for (i = h & (t->cap - 1); t->slot[i]; i = (i + 1) & (t->cap - 1))
		;
	t->slot[i] = (uint32_t)t->n + 1;
	*out = (uint32_t)t->n++;
	return 0;
}

/* A growable array of numbers. */
typedef struct {
	uint32_t *v;
	size_t n, cap;
} u32s;

/* An array v of n elements of size bytes, *cap allocated, with room for one
 * more: v itself, or v grown to twice its room (first when empty) with *cap
 * updated; NULL with the message set when out of memory (v untouched). */
static void *room_for_one(void *v, size_t n, size_t *cap, size_t size, size_t first)
{
	size_t c;

	if (n < *cap)
		return v;
	c = *cap ? 2 * *cap : first;
	if (!(v = realloc(v, c * size))) {
		ss_error_set(SS_ENOMEM, "out of memory");
		return NULL;
	}
	*cap = c;
	return v;
}

static int u32s_grow(u32s *a)
{
	uint32_t *v = room_for_one(a->v, a->n, &a->cap, sizeof(*v), 4);

	if (!v)
		return SS_ENOMEM;
	a->v = v;
	return 0;
}

static inline int u32s_push(u32s *a, uint32_t x)
{
	int error;

	if (a->n == a->cap && (error = u32s_grow(a)) < 0)
		return error;
	a->v[a->n++] = x;
	return 0;
}

/* Room for n numbers (their values undefined); a->n = n. */
static int u32s_resize(u32s *a, size_t n)
{
	if (n > a->cap) {
		size_t cap = a->cap ? a->cap : 4;
		uint32_t *v;

		while (cap < n)
			cap *= 2;
		if (!(v = realloc(a->v, cap * sizeof(*v))))
			return ss_error_set(SS_ENOMEM, "out of memory");
		a->v = v;
		a->cap = cap;
	}
	a->n = n;
	return 0;
}

/* vals (keys->n of them) gathered by their key (< nkeys), each key's in the
 * order they came: key g's are out->v[start->v[g] .. start->v[g + 1]). */
static int gather(u32s *start, u32s *out, u32s *cur, const u32s *keys, const u32s *vals,
		  size_t nkeys)
{
	int error;

	if ((error = u32s_resize(start, nkeys + 1)) < 0 || (error = u32s_resize(cur, nkeys)) < 0 ||
	    (error = u32s_resize(out, keys->n)) < 0)
		return error;
	memset(start->v, 0, (nkeys + 1) * sizeof(*start->v));
	for (size_t i = 0; i < keys->n; i++)
		start->v[keys->v[i] + 1]++;
	for (size_t g = 0; g < nkeys; g++) {
		start->v[g + 1] += start->v[g];
		cur->v[g] = start->v[g];
	}
	for (size_t i = 0; i < keys->n; i++)
		out->v[cur->v[keys->v[i]]++] = vals->v[i];
	return 0;
}

/* --- the index ------------------------------------------------------------- */

/* An advisory, once however many rows it has: its ids and its best CVSS
 * score, worked out at load. Ids and aliases by their number in index.ids. */
typedef struct {
	char *kind, *summary, *vector;
	uint32_t id;
	uint32_t *aliases;
	size_t naliases;
	double score; /* the best base score, -1 when none */
} adv;

/* One affected row: its advisory and its compiled range. */
typedef struct {
	uint32_t a; /* index into advs */
	ss__vrange *range;
	char *criteria; /* CPE rows: the criteria */
	char *note;     /* what the range could not say */
} entry;

typedef struct {
	texttab ids;    /* advisory ids and aliases */
	uint32_t *rank; /* by id number: its place in strcmp order */
	uint8_t *cve;   /* by id number, a bit: whether it is a CVE id */
	texttab pkgs;   /* "eco\npackage" */
	u32s *rows;     /* by package number: its entries */
	size_t rcap;
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
		free(x->advs[i].kind);
		free(x->advs[i].summary);
		free(x->advs[i].vector);
		free(x->advs[i].aliases);
	}
	for (size_t i = 0; i < x->pkgs.n; i++)
		free(x->rows[i].v);
	free(x->rows);
	free(x->e);
	free(x->advs);
	free(x->rank);
	free(x->cve);
	texttab_free(&x->ids);
	texttab_free(&x->pkgs);
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
static int row_advisory(index_t *x, const json_t *row, uint32_t *out)
{
	const char *id = ss_js(row, "id");
	json_t *sev, *aliases, *al;
	const char *vector = NULL;
	uint32_t idn;
	size_t i;
	adv *a;
	int error;

	if ((error = texttab_add(&x->ids, id, &idn)) < 0)
		return error;
	if (x->na && x->advs[x->na - 1].id == idn) {
		*out = (uint32_t)x->na - 1;
		return 0;
	}
	if (!(a = room_for_one(x->advs, x->na, &x->acap, sizeof(*a), 1024)))
		return SS_ENOMEM;
	x->advs = a;
	a = &x->advs[x->na];
	memset(a, 0, sizeof(*a));
	a->score = -1;
	a->id = idn;
	aliases = json_loads(ss_js(row, "aliases"), 0, NULL);
	if (json_array_size(aliases) &&
	    !(a->aliases = calloc(json_array_size(aliases), sizeof(*a->aliases)))) {
		json_decref(aliases);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	json_array_foreach(aliases, i, al) {
		if (json_is_string(al) && (error = texttab_add(&x->ids, json_string_value(al),
							       &a->aliases[a->naliases++])) < 0)
			break;
	}
	json_decref(aliases);
	a->kind = dup_or_null(ss_js(row, "kind"));
	a->summary = dup_or_null(ss_js_or_null(row, "summary"));
	sev = json_loads(ss_js(row, "severity"), 0, NULL);
	best_severity(sev, &a->score, &vector);
	a->vector = dup_or_null(vector);
	json_decref(sev);
	x->na++; /* index_free frees what is set */
	if (error < 0)
		return error;
	if (!a->kind)
		return ss_error_set(SS_ENOMEM, "out of memory");
	*out = (uint32_t)x->na - 1;
	return 0;
}

/* Entry e under package key. */
static int package_add(index_t *x, const char *key, uint32_t e)
{
	uint32_t pn;
	int error;

	if ((error = texttab_add(&x->pkgs, key, &pn)) < 0)
		return error;
	if (pn == x->rcap) { /* a package's number is the count before it */
		size_t had = x->rcap;
		u32s *nr = room_for_one(x->rows, pn, &x->rcap, sizeof(*nr), 1024);

		if (!nr)
			return SS_ENOMEM;
		memset(nr + had, 0, (x->rcap - had) * sizeof(*nr));
		x->rows = nr;
	}
	return u32s_push(&x->rows[pn], e);
}

static bool has_upper(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return true;
	return false;
}

/* s with the ASCII capitals from "from" on in lower case, in place. */
static char *ascii_lower(char *s, char *from)
{
	for (char *p = from; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

static int add_row(void *ctx, const json_t *row)
{
	index_t *x = ctx;
	char key[1024], pkg[800], *nl;
	const char *eco = ss_js(row, "ecosystem");
	json_t *ranges = json_loads(ss_js(row, "ranges"), 0, NULL),
	       *versions = json_loads(ss_js(row, "versions"), 0, NULL);
	entry *e;
	int error = 0;

	if (!ss_ji(row, "vulnerable"))
		goto out;
	if (!(e = room_for_one(x->e, x->n, &x->cap, sizeof(*e), 1024))) {
		error = SS_ENOMEM;
		goto out;
	}
	x->e = e;
	e = &x->e[x->n];
	memset(e, 0, sizeof(*e));
	if ((error = row_advisory(x, row, &e->a)) < 0)
		goto out;
	if (streq(eco, "cpe")) {
		const json_t *r0 = json_array_get(ranges, 0);

		e->criteria = dup_or_null(ss_js_or_null(r0, "criteria"));
	}
	e->range = ss__vrange_compile(eco, ranges, versions, &e->note);
	x->n++; /* index_free frees what is set */
	if (!e->range) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	/* a CPE row is found by the vendor and product of its criteria, in the
	 * form the component's CPE is looked up by */
	if (e->criteria && ss__cpe_package(pkg, sizeof(pkg), e->criteria) == 0)
		ss__package_key(key, sizeof(key), eco, pkg);
	else
		ss__package_key(key, sizeof(key), eco, ss_js(row, "package"));
	if ((error = package_add(x, key, (uint32_t)(x->n - 1))) < 0)
		goto out;
	/* The purl spec's golang type lowercases namespace and name, while Go
	 * module paths are case-sensitive (and OSV spells them as they are): a
	 * module with capitals is also found by its path in lower case, where
	 * an all-lowercase purl looks (a purl with capitals looks up exactly) */
	if (streq(eco, "Go") && (nl = strchr(key, '\n')) && has_upper(nl + 1))
		error = package_add(x, ascii_lower(key, nl + 1), (uint32_t)(x->n - 1));
out:
	json_decref(ranges);
	json_decref(versions);
	return error;
}

static const texttab *g_rank_ids; /* for qsort: the table being ranked */

static int by_id_text(const void *a, const void *b)
{
	return strcmp(g_rank_ids->text[*(const uint32_t *)a],
		      g_rank_ids->text[*(const uint32_t *)b]);
}

/* Every id's place in strcmp order, so that findings sort by numbers, and
 * which are CVE ids. */
static int rank_ids(index_t *x)
{
	uint32_t *order = malloc((x->ids.n ? x->ids.n : 1) * sizeof(*order));

	x->rank = malloc((x->ids.n ? x->ids.n : 1) * sizeof(*x->rank));
	x->cve = calloc(x->ids.n / 8 + 1, 1);
	if (!order || !x->rank || !x->cve) {
		free(order);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < x->ids.n; i++)
		order[i] = (uint32_t)i;
	g_rank_ids = &x->ids;
	qsort(order, x->ids.n, sizeof(*order), by_id_text);
	g_rank_ids = NULL;
	for (size_t i = 0; i < x->ids.n; i++) {
		x->rank[order[i]] = (uint32_t)i;
		if (!strncmp(x->ids.text[i], "CVE-", 4))
			x->cve[i / 8] |= (uint8_t)(1u << (i % 8));
	}
	free(order);
	return 0;
}

static int index_load(index_t *x, ss_store *st)
{
	json_t *counts = NULL;
	int error;

	memset(x, 0, sizeof(*x));
	if ((error = ss_vstore_affected_each(st, add_row, x)) < 0 || (error = rank_ids(x)) < 0 ||
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

/* A finding while matching: numbers only; it becomes JSON once all are
 * found and sorted. Lists are slices of the matcher's pools. */
typedef struct {
	uint32_t comp;          /* the component's place in the SBOM */
	uint32_t crank;         /* its place in the order of refs */
	uint32_t vuln;          /* the id the finding is named by */
	size_t aliases, nalias; /* slice of m.ids: the other ids, in order */
	size_t sources, nsrc;   /* slice of m.ids: the advisories, in order */
	uint32_t first;         /* the first entry (its kind is the source) */
	int64_t best;           /* the entry of the best score, or -1 */
	const char *summary;
} finding;

/* What matching keeps between components. */
typedef struct {
	index_t *x;
	finding *f;
	size_t nf, fcap;
	u32s ids;          /* the pool of finding ids (aliases, sources) */
	u32s hits;         /* this component's affected entries */
	uint32_t *seen;    /* by id number: 1 + the group it is in this time */
	uint32_t *when;    /* by id number: the component it was last seen for */
	u32s gids;         /* the ids of this component's groups, as they joined */
	u32s gidg;         /* by id in gids: its group */
	u32s gof;          /* by hit: its group */
	u32s istart, ibyg; /* the ids gathered by group */
	u32s hstart, hbyg; /* the hits gathered by group */
	u32s cur;
	struct ss_vkeys keys; /* this component's version */
	u32s order;           /* the findings in the order they are answered */
	struct {
		const char *text;
		json_int_t n;
	} notes[16];
	size_t nnotes;
} matcher;

static const char *severity_word(double s)
{
	return s < 0    ? NULL
	       : s == 0 ? "none"
	       : s < 4  ? "low"
	       : s < 7  ? "medium"
	       : s < 9  ? "high"
			: "critical";
}

/* Count a note (the notes are a handful of fixed texts). */
static void note(matcher *m, const char *text)
{
	size_t i;

	for (i = 0; i < m->nnotes && m->notes[i].text != text; i++)
		;
	if (i == m->nnotes) {
		if (m->nnotes == sizeof(m->notes) / sizeof(m->notes[0]))
			return;
		m->notes[m->nnotes++].text = text;
	}
	m->notes[i].n++;
}

static const char NOTE_PURL[] = "a component's purl does not parse or names no ecosystem "
				"advisories are held for, so it was not matched by purl";

/* The entries of package key that affect version (those of a CPE row also
 * admitting cpe) added to m->hits. */
static int test_package(matcher *m, const char *key, struct ss_vkeys *version, const char *cpe)
{
	int64_t pn = texttab_find(&m->x->pkgs, key);
	const u32s *rows;
	int error;

	if (pn < 0)
		return 0;
	rows = &m->x->rows[pn];
	for (size_t i = 0; i < rows->n; i++) {
		const entry *e = &m->x->e[rows->v[i]];
		bool affected = false;
		const char *why = NULL;

		if (cpe && !ss__cpe_applies(e->criteria, cpe))
			continue;
		if (ss__vrange_affects_keys(e->range, version, &affected, &why) < 0)
			affected = false;
		if (why)
			note(m, why);
		if (affected && (error = u32s_push(&m->hits, rows->v[i])) < 0)
			return error;
	}
	return 0;
}

static void sort_ids(uint32_t *v, size_t n, const uint32_t *rank)
{
	for (size_t i = 1; i < n; i++) {
		uint32_t t = v[i];
		size_t j = i;

		for (; j > 0 && rank[v[j - 1]] > rank[t]; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
}

static bool is_cve(const index_t *x, uint32_t id)
{
	return x->cve[id / 8] & (1u << (id % 8));
}

/* One group of hits made a finding. */
static int add_finding(matcher *m, uint32_t comp, uint32_t crank, const uint32_t *ids, size_t nids,
		       const uint32_t *hits, size_t nhits)
{
	index_t *x = m->x;
	finding *f;
	uint32_t vuln = ids[0];
	double score = -1;
	int error;

	if (!(f = room_for_one(m->f, m->nf, &m->fcap, sizeof(*f), 1024)))
		return SS_ENOMEM;
	m->f = f;
	f = &m->f[m->nf];
	memset(f, 0, sizeof(*f));
	f->comp = comp;
	f->crank = crank;
	f->best = -1;
	/* the finding is named by its CVE (the first in order), else by its
	 * first id in order */
	for (size_t k = 0; k < nids; k++) {
		uint32_t id = ids[k];

		if (is_cve(x, id) != is_cve(x, vuln) ? is_cve(x, id) : x->rank[id] < x->rank[vuln])
			vuln = id;
	}
	f->vuln = vuln;
	f->aliases = m->ids.n;
	for (size_t k = 0; k < nids; k++) {
		if (ids[k] != vuln && (error = u32s_push(&m->ids, ids[k])) < 0)
			return error;
	}
	f->nalias = m->ids.n - f->aliases;
	sort_ids(m->ids.v + f->aliases, f->nalias, x->rank);
	/* the advisories, the best score, the first summary and source */
	f->sources = m->ids.n;
	for (size_t h = 0; h < nhits; h++) {
		const adv *a = &x->advs[x->e[hits[h]].a];
		bool dup = false;

		if (h == 0)
			f->first = hits[h];
		if (a->score > score) {
			score = a->score;
			f->best = hits[h];
		}
		if (!f->summary && a->summary)
			f->summary = a->summary;
		for (size_t k = f->sources; k < m->ids.n && !dup; k++)
			dup = m->ids.v[k] == a->id;
		if (!dup && (error = u32s_push(&m->ids, a->id)) < 0)
			return error;
		f->nsrc = m->ids.n - f->sources;
	}
	sort_ids(m->ids.v + f->sources, f->nsrc, x->rank);
	m->nf++;
	return 0;
}

/* One component's matches, grouped by alias into findings: hits that share
 * an id or an alias are one finding. */
static int component_findings(matcher *m, const json_t *c, uint32_t comp, uint32_t crank)
{
	index_t *x = m->x;
	char key[1024], eco[64], pkg[800];
	const char *version = ss_js_or_null(c, "version"), *purl = ss_js_or_null(c, "purl"),
		   *cpe = ss_js_or_null(c, "cpe");
	size_t ngroups = 0;
	int error;

	m->hits.n = m->gids.n = m->gidg.n = m->gof.n = 0;
	ss_vkeys_init(&m->keys, version);
	if (purl && ss__purl_package(eco, sizeof(eco), pkg, sizeof(pkg), purl) < 0) {
		note(m, NOTE_PURL);
	} else if (purl) {
		ss__package_key(key, sizeof(key), eco, pkg);
		if ((error = test_package(m, key, &m->keys, NULL)) < 0)
			return error;
	}
	if (ss__cpe_package(pkg, sizeof(pkg), cpe) == 0) {
		ss__package_key(key, sizeof(key), "cpe", pkg);
		if ((error = test_package(m, key, &m->keys, cpe)) < 0)
			return error;
	}
	if (!m->hits.n)
		return 0;
	/* group: each id points to the group it first joined (this component's
	 * marks are those with when == comp + 1) */
	for (size_t h = 0; h < m->hits.n; h++) {
		const adv *a = &x->advs[x->e[m->hits.v[h]].a];
		uint32_t g = 0;

		if (m->when[a->id] == comp + 1)
			g = m->seen[a->id];
		for (size_t k = 0; !g && k < a->naliases; k++)
			if (m->when[a->aliases[k]] == comp + 1)
				g = m->seen[a->aliases[k]];
		if (!g)
			g = (uint32_t)++ngroups;
		if ((error = u32s_push(&m->gof, g - 1)) < 0)
			return error;
		for (size_t k = 0; k <= a->naliases; k++) {
			uint32_t id = k == 0 ? a->id : a->aliases[k - 1];

			if (m->when[id] == comp + 1)
				continue;
			m->when[id] = comp + 1;
			m->seen[id] = g;
			if ((error = u32s_push(&m->gidg, g - 1)) < 0 ||
			    (error = u32s_push(&m->gids, id)) < 0)
				return error;
		}
	}
	/* each group's ids and hits, in the order they came */
	if ((error = gather(&m->istart, &m->ibyg, &m->cur, &m->gidg, &m->gids, ngroups)) < 0 ||
	    (error = gather(&m->hstart, &m->hbyg, &m->cur, &m->gof, &m->hits, ngroups)) < 0)
		return error;
	for (size_t g = 0; g < ngroups; g++) {
		const uint32_t *is = m->istart.v, *hs = m->hstart.v;

		if ((error = add_finding(m, comp, crank, m->ibyg.v + is[g], is[g + 1] - is[g],
					 m->hbyg.v + hs[g], hs[g + 1] - hs[g])) < 0)
			return error;
	}
	return 0;
}

/* A component's ref and its place in the SBOM, to order refs. */
typedef struct {
	const char *ref;
	uint32_t i;
} refplace;

static int by_ref(const void *a, const void *b)
{
	return strcmp(((const refplace *)a)->ref, ((const refplace *)b)->ref);
}

/* m->order: the findings by the text of their name, then of their
 * component's ref: two stable counting sorts over the ranks, the second
 * key last. */
static int sort_findings(matcher *m, size_t ncomps)
{
	u32s key = {0}, idx = {0}, start = {0}, cur = {0}, tmp = {0};
	int error;

	if ((error = u32s_resize(&key, m->nf)) < 0 || (error = u32s_resize(&idx, m->nf)) < 0)
		goto out;
	for (size_t i = 0; i < m->nf; i++) {
		key.v[i] = m->f[i].crank;
		idx.v[i] = (uint32_t)i;
	}
	if ((error = gather(&start, &tmp, &cur, &key, &idx, ncomps)) < 0)
		goto out;
	for (size_t i = 0; i < m->nf; i++)
		key.v[i] = m->x->rank[m->f[tmp.v[i]].vuln];
	error = gather(&start, &m->order, &cur, &key, &tmp, m->x->ids.n);
out:
	free(key.v);
	free(idx.v);
	free(start.v);
	free(cur.v);
	free(tmp.v);
	return error;
}

/* Text of the store or the index (valid UTF-8, checked when imported), as
 * a JSON string without checking it again. */
static json_t *text(const char *s)
{
	return json_stringn_nocheck(s, strlen(s));
}

static void set_text(json_t *o, const char *key, const char *s)
{
	if (s)
		json_object_set_new_nocheck(o, key, text(s));
}

/* The ids of a slice as a JSON array of text. */
static json_t *id_array(const matcher *m, size_t from, size_t n)
{
	json_t *a = json_array();

	for (size_t k = 0; a && k < n; k++)
		json_array_append_new(a, text(m->x->ids.text[m->ids.v[from + k]]));
	return a;
}

/* A finding as the JSON ss_vuln_match answers: vuln, aliases, component,
 * name, sbom, advisories, version, purl, summary, source and, when known,
 * score, severity, vector, epss, kev. */
static json_t *finding_json(const matcher *m, const finding *f, const json_t *c, int64_t sbom)
{
	const index_t *x = m->x;
	const char *vuln = x->ids.text[f->vuln], *kind = x->advs[x->e[f->first].a].kind;
	json_t *o = json_object();

	if (!o)
		return NULL;
	set_text(o, "vuln", vuln);
	json_object_set_new_nocheck(o, "aliases", id_array(m, f->aliases, f->nalias));
	set_text(o, "component", ss_js(c, "ref"));
	set_text(o, "name", ss_js(c, "name"));
	json_object_set_new_nocheck(o, "sbom", json_integer((json_int_t)sbom));
	json_object_set_new_nocheck(o, "advisories", id_array(m, f->sources, f->nsrc));
	set_text(o, "version", ss_js_or_null(c, "version"));
	set_text(o, "purl", ss_js_or_null(c, "purl"));
	set_text(o, "summary", f->summary);
	set_text(o, "source", kind ? kind : "");
	if (f->best >= 0) {
		const adv *a = &x->advs[x->e[f->best].a];
		char s[16];

		snprintf(s, sizeof(s), "%.1f", a->score);
		set_text(o, "score", s);
		set_text(o, "severity", severity_word(a->score));
		set_text(o, "vector", a->vector);
	}
	/* EPSS and KEV of its CVE */
	if (json_object_get(x->epss, vuln))
		json_object_set_nocheck(o, "epss", json_object_get(x->epss, vuln));
	if (json_object_get(x->kev, vuln))
		json_object_set_new_nocheck(o, "kev", json_true());
	return o;
}

static void matcher_free(matcher *m)
{
	free(m->f);
	free(m->ids.v);
	free(m->hits.v);
	free(m->seen);
	free(m->when);
	free(m->gids.v);
	free(m->gidg.v);
	free(m->gof.v);
	free(m->istart.v);
	free(m->ibyg.v);
	free(m->hstart.v);
	free(m->hbyg.v);
	free(m->cur.v);
	free(m->order.v);
}

/* Every finding of the components, in m->order by name and component. */
static int match_all(matcher *m, const json_t *comps)
{
	size_t n = json_array_size(comps), nids = m->x->ids.n ? m->x->ids.n : 1;
	refplace *order = malloc((n ? n : 1) * sizeof(*order));
	uint32_t *crank = malloc((n ? n : 1) * sizeof(*crank));
	int error = 0;

	m->seen = calloc(nids, sizeof(*m->seen));
	m->when = calloc(nids, sizeof(*m->when));
	if (!order || !crank || !m->seen || !m->when || n >= UINT32_MAX) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	/* the components' places in the order of their refs */
	for (size_t i = 0; i < n; i++) {
		order[i].ref = ss_js(json_array_get(comps, i), "ref");
		order[i].i = (uint32_t)i;
	}
	qsort(order, n, sizeof(*order), by_ref);
	for (size_t i = 0; i < n; i++)
		crank[order[i].i] = (uint32_t)i;
	for (size_t i = 0; i < n && error == 0; i++)
		error = component_findings(m, json_array_get(comps, i), (uint32_t)i, crank[i]);
	if (error == 0)
		error = sort_findings(m, n);
out:
	free(order);
	free(crank);
	return error;
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int ss__vuln_match(json_t **out, ss_store *st, int64_t pid, const char *project, double *ms)
{
	json_t *sbomv = NULL, *findings = json_array(), *notes = json_object(), *reg = NULL, *c,
	       *comps, *byrec = json_object(), *rec;
	index_t x;
	matcher m;
	bool loaded = false;
	double t0, t1, t2;
	char key[2048];
	size_t i, k;
	int64_t sbom;
	int error;

	memset(&m, 0, sizeof(m));
	if (!findings || !notes || !byrec) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss__sbom_get(&sbomv, st, pid, 0)) < 0)
		goto out;
	sbom = ss_ji(sbomv, "sbom");
	comps = json_object_get(sbomv, "components");
	t0 = now_ms();
	loaded = true;
	if ((error = index_load(&x, st)) < 0)
		goto out;
	t1 = now_ms();
	m.x = &x;
	if ((error = match_all(&m, comps)) < 0)
		goto out;
	t2 = now_ms();
	for (i = 0; i < m.nnotes; i++) {
		json_object_set_new(notes, m.notes[i].text,
				    json_integer(ss_ji(notes, m.notes[i].text) + m.notes[i].n));
	}
	/* what the register says of each */
	if ((error = ss__vulns_fold(&reg, st, pid, project)) < 0)
		goto out;
	json_array_foreach(json_object_get(reg, "records"), k, rec) {
		snprintf(key, sizeof(key), "%s\n%s", ss_js(rec, "component"), ss_js(rec, "vuln"));
		json_object_set(byrec, key, rec);
	}
	for (i = 0; i < m.nf; i++) {
		const finding *f = &m.f[m.order.v[i]];
		json_t *o;

		c = json_array_get(comps, f->comp);
		if (!(o = finding_json(&m, f, c, sbom))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		json_array_append_new(findings, o);
		snprintf(key, sizeof(key), "%s\n%s", ss_js(c, "ref"), x.ids.text[f->vuln]);
		rec = json_object_get(byrec, key);
		for (k = 0; !rec && k < f->nalias; k++) {
			snprintf(key, sizeof(key), "%s\n%s", ss_js(c, "ref"),
				 x.ids.text[m.ids.v[f->aliases + k]]);
			rec = json_object_get(byrec, key);
		}
		if (rec)
			json_object_set(o, "record", rec);
	}
	if (ms)
		ms[0] = t1 - t0, ms[1] = t2 - t1, ms[2] = now_ms() - t2;
	*out = json_pack("{s:I, s:O, s:O, s:{s:I, s:I}}", "sbom", (json_int_t)sbom, "findings",
			 findings, "notes", notes, "counts", "components",
			 (json_int_t)json_array_size(comps), "advisories",
			 (json_int_t)x.advisories);
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	if (loaded)
		index_free(&x);
	matcher_free(&m);
	json_decref(sbomv);
	json_decref(findings);
	json_decref(notes);
	json_decref(reg);
	json_decref(byrec);
	return error;
}

int ss_vuln_match(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	bool began = false;
	double ms[3] = {0, 0, 0};
	int error;

	if (!out || !st || !project)
		return ss_error_set(SS_EINVAL, "ss_vuln_match: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, NULL, st, project)) == 0 &&
	    (error = ss__vuln_match(out, st, ss_ji(key, "id"), project, ms)) == 0)
		json_object_set_new(*out, "timing",
				    json_pack("{s:f, s:f, s:f}", "load_ms", ms[0], "match_ms",
					      ms[1], "output_ms", ms[2]));
	ss_store__read_end(st, began);
	json_decref(key);
	return error;
}
