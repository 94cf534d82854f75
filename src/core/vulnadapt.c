/*
 * The pieces of matching (vulnmatch.h) over the parsers of src/formats:
 * ranges, package names, purl and CPE, CVSS, licences.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/sbom_int.h"
#include "core/vulnmatch.h"
#include "formats/cpe.h"
#include "formats/cvss.h"
#include "formats/license.h"
#include "formats/purl.h"
#include "formats/version.h"
#include "util/banned.h"

/* --- version order ------------------------------------------------------------ */

/* The ecosystem a purl names (its type), generic without one. */
static ss_ecosystem purl_ecosystem(const char *purl)
{
	char type[32];
	size_t n;

	if (!purl || strncmp(purl, "pkg:", 4) != 0)
		return SS_ECO_GENERIC;
	n = strcspn(purl + 4, "/");
	if (n == 0 || n >= sizeof(type))
		return SS_ECO_GENERIC;
	for (size_t i = 0; i < n; i++)
		type[i] = (char)tolower((unsigned char)purl[4 + i]);
	type[n] = '\0';
	return ss_ecosystem_from_purl_type(type);
}

int ss__version_order(const char *purl, const char *a, const char *b)
{
	int cmp = 0;

	a = a ? a : "";
	b = b ? b : "";
	if (ss_version_cmp(purl_ecosystem(purl), a, b, &cmp) == 0 ||
	    ss_version_cmp(SS_ECO_GENERIC, a, b, &cmp) == 0)
		return cmp;
	return strcmp(a, b) < 0 ? -1 : strcmp(a, b) > 0;
}

/* --- ranges ------------------------------------------------------------------ */

struct ss__vrange {
	ss_vrange *r;       /* NULL when the row's ranges could not be read */
	size_t unevaluated; /* GIT ranges */
};

static const char NOTE_GIT[] = "GIT ranges are not evaluated (only SEMVER and ECOSYSTEM)";
static const char NOTE_RANGE[] = "an advisory's range could not be read, so it was not matched";
static const char NOTE_VERSION[] =
	"a component's version is not valid in its ecosystem, so it was not matched";
static const char NOTE_NONE[] = "a component without a version is not matched";

ss__vrange *ss__vrange_compile(const char *eco, const json_t *ranges, const json_t *versions,
			       char **note)
{
	ss__vrange *v = calloc(1, sizeof(*v));
	ss_ecosystem e = streq(eco, "cpe") ? SS_ECO_GENERIC : ss_ecosystem_from_osv(eco);
	char *why = NULL;

	*note = NULL;
	if (!v)
		return NULL;
	if (ss_vrange_compile(&v->r, e, ranges, versions, &why) < 0)
		v->r = NULL;
	else
		v->unevaluated = ss_vrange_unevaluated(v->r);
	free(why);
	return v;
}

void ss__vrange_free(ss__vrange *v)
{
	if (!v)
		return;
	ss_vrange_free(v->r);
	free(v);
}

int ss__vrange_affects(const ss__vrange *v, const char *version, bool *affected, const char **note)
{
	struct ss_vkeys k;

	ss_vkeys_init(&k, version);
	return ss__vrange_affects_keys(v, &k, affected, note);
}

int ss__vrange_affects_keys(const ss__vrange *v, struct ss_vkeys *k, bool *affected,
			    const char **note)
{
	*affected = false;
	*note = NULL;
	if (!v->r) {
		*note = NOTE_RANGE;
		return 0;
	}
	if (!k->version || !*k->version) {
		*note = NOTE_NONE;
		return 0;
	}
	if (ss_vrange_affects_keys(v->r, k, affected) < 0) {
		*affected = false;
		*note = NOTE_VERSION;
		return 0;
	}
	if (!*affected && v->unevaluated)
		*note = NOTE_GIT;
	return 0;
}

/* --- packages ---------------------------------------------------------------- */

/* OSV's ecosystem without its release ("Debian:12" -> "Debian"). */
static size_t eco_base(const char *eco)
{
	return strcspn(eco ? eco : "", ":");
}

/* out[k..] = the len bytes of s, as many as fit with a NUL (n > 0); the new
 * end. Matching builds a key or two per component: no printf. */
static size_t put(char *out, size_t n, size_t k, const char *s, size_t len)
{
	if (k + 1 >= n)
		return k;
	if (len > n - 1 - k)
		len = n - 1 - k;
	memcpy(out + k, s, len);
	out[k + len] = '\0';
	return k + len;
}

void ss__package_key(char *out, size_t n, const char *eco, const char *package)
{
	const char *e = eco ? eco : "";
	size_t en = eco_base(e), k;
	bool pypi = en == 4 && strncmp(e, "PyPI", 4) == 0;

	k = put(out, n, 0, e, en);
	if (en + 1 >= n) /* as much of the ecosystem as fits, nothing more */
		return;
	k = put(out, n, k, "\n", 1);
	/* PyPI compares names in lower case with runs of - _ . as one - (PEP 503) */
	for (const char *p = package ? package : ""; *p && k + 1 < n; p++) {
		if (pypi && strchr("-_.", *p)) {
			if (k == 0 || out[k - 1] != '-')
				out[k++] = '-';
			continue;
		}
		out[k++] = pypi ? (char)tolower((unsigned char)*p) : *p;
	}
	out[k] = '\0';
}

int ss__purl_package(char *eco, size_t ne, char *pkg, size_t np, const char *purl)
{
	static const struct {
		const char *type, *eco;
		char join; /* between namespace and name: '/' or ':' (0: name only) */
	} map[] = {{"golang", "Go", '/'},   {"cargo", "crates.io", 0},
		   {"npm", "npm", '/'},     {"pypi", "PyPI", 0},
		   {"maven", "Maven", ':'}, {"nuget", "NuGet", 0},
		   {"gem", "RubyGems", 0},  {"composer", "Packagist", '/'},
		   {"deb", "Debian", 0},    {"hex", "Hex", 0},
		   {"pub", "Pub", 0},       {"swift", "SwiftURL", '/'}};
	ss_purl p;
	size_t i;
	int rc = -1;

	if (!purl || ss_purl_parse(&p, purl) < 0)
		return -1;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (streq(map[i].type, p.type))
			break;
	if (i < sizeof(map) / sizeof(map[0])) {
		size_t k = 0;

		put(eco, ne, 0, map[i].eco, strlen(map[i].eco));
		pkg[0] = '\0';
		if (p.ns && *p.ns && map[i].join) {
			k = put(pkg, np, k, p.ns, strlen(p.ns));
			k = put(pkg, np, k, &map[i].join, 1);
		}
		put(pkg, np, k, p.name, strlen(p.name));
		rc = 0;
	}
	ss_purl_free(&p);
	return rc;
}

int ss__cpe_package(char *pkg, size_t np, const char *cpe)
{
	ss_cpe c;

	if (!cpe || ss_cpe_parse(&c, cpe) < 0)
		return -1;
	snprintf(pkg, np, "%s:%s", c.a[1], c.a[2]);
	ss_cpe_free(&c);
	return 0;
}

bool ss__cpe_applies(const char *criteria, const char *cpe)
{
	ss_cpe a, b;
	bool ok;

	if (!criteria || !cpe || ss_cpe_parse(&a, criteria) < 0)
		return false;
	if (ss_cpe_parse(&b, cpe) < 0) {
		ss_cpe_free(&a);
		return false;
	}
	ok = ss_cpe_matches(&a, &b, true);
	ss_cpe_free(&a);
	ss_cpe_free(&b);
	return ok;
}

int ss__cvss_score(const char *vector, double *score)
{
	ss_cvss c;

	if (!vector || ss_cvss_parse(&c, vector) < 0)
		return -1;
	*score = c.base;
	return 0;
}

/* Whether array a holds the text s. */
bool ss__json_has_string(const json_t *a, const char *s)
{
	const json_t *e;
	size_t i;

	json_array_foreach(a, i, e) {
		if (streq(json_string_value(e), s))
			return true;
	}
	return false;
}

/* --- licences ------------------------------------------------------------------ */

static int text_cmp(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a),
		      json_string_value(*(json_t *const *)b));
}

void ss__sort_texts(json_t *a)
{
	size_t n = json_array_size(a), i;
	json_t **v = calloc(n ? n : 1, sizeof(*v));

	if (!v)
		return;
	for (i = 0; i < n; i++)
		v[i] = json_incref(json_array_get(a, i));
	qsort(v, n, sizeof(*v), text_cmp);
	json_array_clear(a);
	for (i = 0; i < n; i++)
		json_array_append_new(a, v[i]);
	free(v);
}

static const char *verdict_of(const json_t *policy, const char *id)
{
	static const char *const lists[] = {"denied", "review", "allowed"};

	if (!policy || json_is_null(policy))
		return NULL;
	for (size_t i = 0; i < 3; i++)
		if (ss__json_has_string(json_object_get(policy, lists[i]), id))
			return lists[i];
	return ss_js(policy, "default");
}

static int rank(const char *verdict)
{
	return streq(verdict, "allowed") ? 0 : streq(verdict, "review") ? 1 : 2;
}

/*
 * The policy's verdict on an expression: each licence id's verdict, the
 * worst of them when the expression requires them all (AND, WITH), the best
 * when it offers a choice (OR only). An expression that mixes both is given
 * the worst (a choice the parties have not recorded is not credited), and
 * one that does not parse or names an id the SPDX list lacks needs review
 * at least. *unknown: whether it names such an id.
 */
static const char *expression_verdict(const json_t *policy, const char *expr, bool *unknown)
{
	static const char *const names[] = {"allowed", "review", "denied"};
	bool choice = strstr(expr, " OR ") && !strstr(expr, " AND ") && !strstr(expr, " WITH ");
	ss_license l;
	int worst = 0, best = 2;

	*unknown = false;
	if (ss_license_parse(&l, expr) < 0)
		return policy && !json_is_null(policy) ? "review" : NULL;
	*unknown = l.n_unknown > 0;
	for (size_t i = 0; i < l.n_ids; i++) {
		const char *v = verdict_of(policy, l.ids[i]);
		int r = v ? rank(v) : 1;

		worst = r > worst ? r : worst;
		best = r < best ? r : best;
	}
	ss_license_free(&l);
	if (!policy || json_is_null(policy))
		return NULL;
	{
		int r = choice ? best : worst;

		if (*unknown && r < 1)
			r = 1;
		return names[r];
	}
}

json_t *ss__licence_summary(const json_t *components, const json_t *policy)
{
	json_t *counts = json_object(),
	       *out = json_pack("{s:[], s:[], s:I, s:I, s:I}", "licences", "unknown", "none",
				(json_int_t)0, "denied", (json_int_t)0, "review", (json_int_t)0);
	const json_t *c;
	const char *id;
	json_t *n;
	size_t i;

	if (!counts || !out) {
		json_decref(counts);
		json_decref(out);
		return NULL;
	}
	json_array_foreach(components, i, c) {
		const char *l = ss_js_or_null(c, "licenses");

		if (!l) {
			json_object_set_new(out, "none", json_integer(ss_ji(out, "none") + 1));
			continue;
		}
		json_object_set_new(counts, l, json_integer(ss_ji(counts, l) + 1));
	}
	json_object_foreach(counts, id, n) {
		bool unknown = false;
		const char *v = expression_verdict(policy, id, &unknown);
		json_t *row = json_pack("{s:s, s:O}", "id", id, "components", n);

		if (unknown) {
			json_object_set_new(row, "unknown", json_true());
			json_array_append_new(json_object_get(out, "unknown"), json_string(id));
		}
		if (v) {
			json_object_set_new(row, "verdict", json_string(v));
			if (streq(v, "denied") || streq(v, "review"))
				json_object_set_new(
					out, v,
					json_integer(ss_ji(out, v) + json_integer_value(n)));
		}
		json_array_append_new(json_object_get(out, "licences"), row);
	}
	json_decref(counts);
	return out;
}
