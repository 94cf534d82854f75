/*
 * The affected versions of an OSV affected[] entry (ranges[] and
 * versions[]) and of a CPE match, compiled once (version.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/version.h"
#include "util/util.h"

/* Caps of one compiled entry (docs/internals/versions.md). */
#define RANGES_MAX 256
#define EVENTS_MAX 512        /* in one range */
#define EVENTS_TOTAL_MAX 4096 /* in all ranges */
#define VERSIONS_MAX 65536

enum { EV_INTRO, EV_FIXED, EV_LAST, EV_LIMIT };

typedef struct {
	unsigned char *key;
	size_t len;
	int kind;
	bool special; /* introduced "0" (before everything), limit "*" (infinity) */
	size_t idx;   /* its place in events[], to keep the sort stable */
} vev;

enum { R_OSV, R_CPE };

typedef struct {
	int type;
	ss_ecosystem eco;
	vev *ev; /* OSV: introduced, fixed, last_affected, sorted by version */
	size_t nev;
	vev *lim; /* OSV: limit events */
	size_t nlim;
	/* CPE: any version, one version, or bounds (0 none, 1 including, 2 excluding) */
	bool any;
	vev exact, lo, hi;
	int lo_kind, hi_kind;
} vr;

typedef struct {
	unsigned char *key;
	size_t len;
} vkeyed;

struct ss_vrange {
	ss_ecosystem eco;
	vr *r;
	size_t nr;
	size_t unevaluated;
	vkeyed *v; /* versions[] valid in eco, sorted */
	size_t nv;
	char **raw; /* versions[] that are not: compared as text */
	size_t nraw;
};

void ss_vrange_free(ss_vrange *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nr; i++) {
		vr *x = &r->r[i];

		for (size_t e = 0; e < x->nev; e++)
			free(x->ev[e].key);
		for (size_t e = 0; e < x->nlim; e++)
			free(x->lim[e].key);
		free(x->ev);
		free(x->lim);
		free(x->exact.key);
		free(x->lo.key);
		free(x->hi.key);
	}
	free(r->r);
	for (size_t i = 0; i < r->nv; i++)
		free(r->v[i].key);
	free(r->v);
	for (size_t i = 0; i < r->nraw; i++)
		free(r->raw[i]);
	free(r->raw);
	free(r);
}

size_t ss_vrange_unevaluated(const ss_vrange *r)
{
	return r ? r->unevaluated : 0;
}

/* The order SEMVER ranges use in eco: SemVer, with the ecosystem's own
 * spelling of it (Go's "v", npm's loose forms, NuGet's fourth part). */
static ss_ecosystem semver_of(ss_ecosystem eco)
{
	switch (eco) {
	case SS_ECO_GO:
	case SS_ECO_NPM:
	case SS_ECO_CRATES:
	case SS_ECO_NUGET:
		return eco;
	default:
		return SS_ECO_SEMVER;
	}
}

/* Parse v into e (a malloc'ed key); errors name the field at where. */
static int ev_key(vev *e, ss_ecosystem eco, const char *v, const char *where)
{
	ss_vkey k;
	int error;

	if ((error = ss_version__key(&k, eco, v)) < 0) {
		char msg[512];

		snprintf(msg, sizeof(msg), "%s", ss_error_last());
		return ss_error_set(error, "%s: %s", where, msg);
	}
	if (!(e->key = malloc(k.len ? k.len : 1)))
		return ss_error_set(SS_ENOMEM, "allocating a version key");
	memcpy(e->key, k.b, k.len);
	e->len = k.len;
	return 0;
}

static int ev_cmp(ss_ecosystem eco, const vev *a, const vev *b)
{
	int r;

	if (a->special != b->special)
		return a->special ? -1 : 1;
	r = a->special ? 0 : ss_version__keycmp(eco, a->key, a->len, b->key, b->len);
	if (r)
		return r;
	return (a->idx > b->idx) - (a->idx < b->idx);
}

/* Insertion sort: stable, and events are few (EVENTS_MAX). */
static void ev_sort(ss_ecosystem eco, vev *ev, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		vev x = ev[i];
		size_t j = i;

		while (j > 0 && ev_cmp(eco, &ev[j - 1], &x) > 0) {
			ev[j] = ev[j - 1];
			j--;
		}
		ev[j] = x;
	}
}

static int compile_osv(vr *x, ss_ecosystem eco, const json_t *range, size_t ri, size_t *total)
{
	static const char *const kinds[] = {"introduced", "fixed", "last_affected", "limit"};
	const json_t *events = json_object_get(range, "events");
	char where[128];
	bool intro = false;
	size_t ei;
	json_t *evt;
	int error;

	if (!json_is_array(events) || json_array_size(events) == 0)
		return ss_error_set(SS_EPARSE, "/ranges/%zu/events: not a non-empty array", ri);
	if (json_array_size(events) > EVENTS_MAX)
		return ss_error_set(SS_ELIMIT, "/ranges/%zu/events: more than %d events", ri,
				    EVENTS_MAX);
	*total += json_array_size(events);
	if (*total > EVENTS_TOTAL_MAX)
		return ss_error_set(SS_ELIMIT, "/ranges/%zu: more than %d events in all ranges", ri,
				    EVENTS_TOTAL_MAX);
	x->type = R_OSV;
	x->eco = eco;
	if (!(x->ev = calloc(json_array_size(events), sizeof(*x->ev))) ||
	    !(x->lim = calloc(json_array_size(events), sizeof(*x->lim))))
		return ss_error_set(SS_ENOMEM, "allocating range events");
	json_array_foreach(events, ei, evt) {
		int kind = -1, found = 0;
		const char *v = NULL;
		vev *e;

		if (!json_is_object(evt))
			return ss_error_set(SS_EPARSE, "/ranges/%zu/events/%zu: not an object", ri,
					    ei);
		for (int k = 0; k < 4; k++) {
			json_t *val = json_object_get(evt, kinds[k]);

			if (!val)
				continue;
			found++;
			kind = k;
			if (!json_is_string(val))
				return ss_error_set(SS_EPARSE,
						    "/ranges/%zu/events/%zu/%s: not a string", ri,
						    ei, kinds[k]);
			v = json_string_value(val);
		}
		if (found != 1)
			return ss_error_set(
				SS_EPARSE,
				"/ranges/%zu/events/%zu: an event holds exactly one of "
				"introduced, fixed, last_affected and limit (it holds %d)",
				ri, ei, found);
		snprintf(where, sizeof(where), "/ranges/%zu/events/%zu/%s", ri, ei, kinds[kind]);
		e = kind == EV_LIMIT ? &x->lim[x->nlim] : &x->ev[x->nev];
		e->kind = kind;
		e->idx = ei;
		if (kind == EV_INTRO)
			intro = true;
		if ((kind == EV_INTRO && !strcmp(v, "0")) || (kind == EV_LIMIT && strchr(v, '*')))
			e->special = true;
		else if ((error = ev_key(e, eco, v, where)) < 0)
			return error;
		if (kind == EV_LIMIT)
			x->nlim++;
		else
			x->nev++;
	}
	if (!intro)
		return ss_error_set(SS_EPARSE, "/ranges/%zu/events: no introduced event", ri);
	ev_sort(eco, x->ev, x->nev);
	return 0;
}

/* The n-th field of a CPE 2.3 formatted string, unescaped, into out. */
static bool cpe_field(const char *cpe, int n, char *out, size_t max)
{
	int f = 0;
	size_t o = 0;

	for (const char *p = cpe; *p; p++) {
		if (*p == '\\' && p[1]) {
			if (f == n && o + 1 < max)
				out[o++] = p[1];
			p++;
			continue;
		}
		if (*p == ':') {
			if (f == n)
				break;
			f++;
			continue;
		}
		if (f == n && o + 1 < max)
			out[o++] = *p;
	}
	out[o] = '\0';
	return f == n && o + 1 < max;
}

static int compile_cpe(vr *x, ss_ecosystem eco, const json_t *range, size_t ri)
{
	static const char *const bounds[] = {"start_including", "start_excluding", "end_including",
					     "end_excluding"};
	const char *criteria = ss_js(range, "criteria");
	char where[128], ver[SS_VERSION_MAX + 2], upd[SS_VERSION_MAX + 2];
	bool any_bound = false;
	int error;

	x->type = R_CPE;
	x->eco = eco;
	for (int b = 0; b < 4; b++) {
		json_t *val = json_object_get(range, bounds[b]);
		vev *e = b < 2 ? &x->lo : &x->hi;
		int *kind = b < 2 ? &x->lo_kind : &x->hi_kind;

		if (!val)
			continue;
		snprintf(where, sizeof(where), "/ranges/%zu/%s", ri, bounds[b]);
		if (!json_is_string(val))
			return ss_error_set(SS_EPARSE, "%s: not a string", where);
		if (*kind)
			return ss_error_set(SS_EPARSE, "%s: a second %s bound", where,
					    b < 2 ? "start" : "end");
		*kind = (b % 2) ? 2 : 1;
		any_bound = true;
		if ((error = ev_key(e, eco, json_string_value(val), where)) < 0)
			return error;
	}
	if (any_bound)
		return 0;
	snprintf(where, sizeof(where), "/ranges/%zu/criteria", ri);
	if (strncmp(criteria, "cpe:2.3:", 8) != 0 || !cpe_field(criteria, 5, ver, sizeof(ver)) ||
	    !cpe_field(criteria, 6, upd, sizeof(upd)))
		return ss_error_set(SS_EPARSE, "%s: not a CPE 2.3 name with a version", where);
	if (!strcmp(ver, "*") || !strcmp(ver, "-") || !ver[0]) {
		x->any = true;
		return 0;
	}
	if (upd[0] && strcmp(upd, "*") != 0 && strcmp(upd, "-") != 0) {
		size_t l = strlen(ver);

		if (l + 1 + strlen(upd) > SS_VERSION_MAX)
			return ss_error_set(SS_ELIMIT, "%s: the version is longer than %d bytes",
					    where, SS_VERSION_MAX);
		ver[l] = '-';
		memcpy(ver + l + 1, upd, strlen(upd) + 1);
	}
	return ev_key(&x->exact, eco, ver, where);
}

static _Thread_local ss_ecosystem sort_eco;

static int vkeyed_cmp(const void *a, const void *b)
{
	const vkeyed *x = a, *y = b;

	return ss_version__keycmp(sort_eco, x->key, x->len, y->key, y->len);
}

static int compile_versions(ss_vrange *r, const json_t *versions)
{
	size_t i;
	json_t *v;

	if (!versions || json_is_null(versions))
		return 0;
	if (!json_is_array(versions))
		return ss_error_set(SS_EPARSE, "/versions: not an array");
	if (json_array_size(versions) > VERSIONS_MAX)
		return ss_error_set(SS_ELIMIT, "/versions: more than %d versions", VERSIONS_MAX);
	if (!(r->v = calloc(json_array_size(versions) + 1, sizeof(*r->v))) ||
	    !(r->raw = calloc(json_array_size(versions) + 1, sizeof(*r->raw))))
		return ss_error_set(SS_ENOMEM, "allocating versions");
	json_array_foreach(versions, i, v) {
		ss_vkey k;

		if (!json_is_string(v))
			return ss_error_set(SS_EPARSE, "/versions/%zu: not a string", i);
		if (ss_version__key(&k, r->eco, json_string_value(v)) == 0) {
			if (!(r->v[r->nv].key = malloc(k.len ? k.len : 1)))
				return ss_error_set(SS_ENOMEM, "allocating versions");
			memcpy(r->v[r->nv].key, k.b, k.len);
			r->v[r->nv++].len = k.len;
		} else {
			if (!(r->raw[r->nraw] = strdup(json_string_value(v))))
				return ss_error_set(SS_ENOMEM, "allocating versions");
			r->nraw++;
		}
	}
	sort_eco = r->eco;
	qsort(r->v, r->nv, sizeof(*r->v), vkeyed_cmp);
	return 0;
}

int ss_vrange_compile(ss_vrange **out, ss_ecosystem eco, const json_t *ranges,
		      const json_t *versions, char **note)
{
	ss_vrange *r = NULL;
	char skipped[160] = "";
	size_t i, total = 0;
	json_t *range;
	int error = 0;

	if (note)
		*note = NULL;
	if (!out)
		return ss_error_set(SS_EINVAL, "ss_vrange_compile: NULL argument");
	if ((unsigned)eco >= SS_ECO_COUNT)
		eco = SS_ECO_GENERIC;
	if (ranges && !json_is_null(ranges) && !json_is_array(ranges))
		return ss_error_set(SS_EPARSE, "/ranges: not an array");
	if (json_array_size(ranges) > RANGES_MAX)
		return ss_error_set(SS_ELIMIT, "/ranges: more than %d ranges", RANGES_MAX);
	if (!(r = calloc(1, sizeof(*r))) ||
	    !(r->r = calloc(json_array_size(ranges) + 1, sizeof(*r->r)))) {
		error = ss_error_set(SS_ENOMEM, "allocating a version range");
		goto out;
	}
	r->eco = eco;
	json_array_foreach(ranges, i, range) {
		const char *type = ss_js(range, "type");

		if (!json_is_object(range)) {
			error = ss_error_set(SS_EPARSE, "/ranges/%zu: not an object", i);
			goto out;
		}
		if (!strcmp(type, "GIT")) {
			size_t l = strlen(skipped);

			if (l + 16 < sizeof(skipped))
				snprintf(skipped + l, sizeof(skipped) - l, "%s/ranges/%zu",
					 l ? ", " : "", i);
			r->unevaluated++;
			continue;
		}
		if (!strcmp(type, "SEMVER"))
			error = compile_osv(&r->r[r->nr], semver_of(eco), range, i, &total);
		else if (!strcmp(type, "ECOSYSTEM"))
			error = compile_osv(&r->r[r->nr], eco, range, i, &total);
		else if (!strcmp(type, "CPE"))
			error = compile_cpe(&r->r[r->nr], eco, range, i);
		else
			error = ss_error_set(SS_EPARSE,
					     "/ranges/%zu/type: \"%.32s\" is none of SEMVER, "
					     "ECOSYSTEM, GIT and CPE",
					     i, type);
		r->nr++; /* counted even when half built: ss_vrange_free frees it */
		if (error < 0)
			goto out;
	}
	if ((error = compile_versions(r, versions)) < 0)
		goto out;
	if (note && r->unevaluated) {
		char buf[320];

		snprintf(buf, sizeof(buf),
			 "%zu GIT range(s) not evaluated (%s): a commit range needs the "
			 "repository's history",
			 r->unevaluated, skipped);
		if (!(*note = strdup(buf))) {
			error = ss_error_set(SS_ENOMEM, "allocating a note");
			goto out;
		}
	}
	*out = r;
	r = NULL;
out:
	ss_vrange_free(r);
	return error;
}

static int key_parse(struct ss_vkeys *c, ss_ecosystem eco, const ss_vkey **out);

/* The version's key in eco: the first slot inline (one order is the common
 * case), the rest out of line. */
static inline int key_for(struct ss_vkeys *c, ss_ecosystem eco, const ss_vkey **out)
{
	if (c->n && c->eco[0] == eco) {
		*out = &c->key[0];
		return 0;
	}
	return key_parse(c, eco, out);
}

static int key_parse(struct ss_vkeys *c, ss_ecosystem eco, const ss_vkey **out)
{
	int error;

	for (int i = 0; i < c->n; i++) {
		if (c->eco[i] == eco) {
			*out = &c->key[i];
			return 0;
		}
	}
	if (c->n == 2)
		c->n = 1; /* ranges of more than two orders: reuse the second slot */
	if ((error = ss_version__key(&c->key[c->n], eco, c->version)) < 0)
		return error;
	c->eco[c->n] = eco;
	*out = &c->key[c->n++];
	return 0;
}

static inline int kcmp(ss_ecosystem eco, const ss_vkey *v, const vev *e)
{
	int r;

	if (eco == SS_ECO_MAVEN) /* a walk of its item tree */
		return ss_version__keycmp(eco, v->b, v->len, e->key, e->len);
	/* every other order: the keys' bytes (ss_version__keycmp's rule) */
	r = memcmp(v->b, e->key, v->len < e->len ? v->len : e->len);
	return r ? (r > 0) - (r < 0) : (v->len > e->len) - (v->len < e->len);
}

static bool osv_affects(const vr *x, const ss_vkey *v)
{
	bool vulnerable = false;

	if (x->nlim) {
		bool before = false;

		for (size_t i = 0; i < x->nlim && !before; i++)
			before = x->lim[i].special || kcmp(x->eco, v, &x->lim[i]) < 0;
		if (!before)
			return false;
	}
	for (size_t i = 0; i < x->nev; i++) {
		const vev *e = &x->ev[i];

		if (e->kind == EV_INTRO) {
			if (e->special || kcmp(x->eco, v, e) >= 0)
				vulnerable = true;
		} else if (e->kind == EV_FIXED) {
			if (kcmp(x->eco, v, e) >= 0)
				vulnerable = false;
		} else if (kcmp(x->eco, v, e) > 0) {
			vulnerable = false;
		}
	}
	return vulnerable;
}

static bool cpe_affects(const vr *x, const ss_vkey *v)
{
	if (x->any)
		return true;
	if (x->exact.key)
		return kcmp(x->eco, v, &x->exact) == 0;
	if (x->lo_kind == 1 && kcmp(x->eco, v, &x->lo) < 0)
		return false;
	if (x->lo_kind == 2 && kcmp(x->eco, v, &x->lo) <= 0)
		return false;
	if (x->hi_kind == 1 && kcmp(x->eco, v, &x->hi) > 0)
		return false;
	if (x->hi_kind == 2 && kcmp(x->eco, v, &x->hi) >= 0)
		return false;
	return true;
}

void ss_vkeys_init(struct ss_vkeys *k, const char *version)
{
	k->version = version;
	k->n = 0;
}

int ss_vrange_affects(const ss_vrange *r, const char *version, bool *affected)
{
	struct ss_vkeys c;

	if (!r || !version || !affected)
		return ss_error_set(SS_EINVAL, "ss_vrange_affects: NULL argument");
	ss_vkeys_init(&c, version);
	return ss_vrange_affects_keys(r, &c, affected);
}

int ss_vrange_affects_keys(const ss_vrange *r, struct ss_vkeys *kc, bool *affected)
{
	const ss_vkey *k;
	int error;

	if (!r || !kc || !kc->version || !affected)
		return ss_error_set(SS_EINVAL, "ss_vrange_affects: NULL argument");
	for (size_t i = 0; i < r->nraw; i++) {
		if (!strcmp(r->raw[i], kc->version)) {
			*affected = true;
			return 0;
		}
	}
	if (r->nv) {
		size_t lo = 0, hi = r->nv;

		if ((error = key_for(kc, r->eco, &k)) < 0)
			return error;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int cmp = ss_version__keycmp(r->eco, k->b, k->len, r->v[mid].key,
						     r->v[mid].len);

			if (cmp == 0) {
				*affected = true;
				return 0;
			}
			if (cmp < 0)
				hi = mid;
			else
				lo = mid + 1;
		}
	}
	for (size_t i = 0; i < r->nr; i++) {
		const vr *x = &r->r[i];

		if (x->type == R_CPE && x->any) {
			*affected = true;
			return 0;
		}
		if ((error = key_for(kc, x->eco, &k)) < 0)
			return error;
		if (x->type == R_OSV ? osv_affects(x, k) : cpe_affects(x, k)) {
			*affected = true;
			return 0;
		}
	}
	*affected = false;
	return 0;
}
