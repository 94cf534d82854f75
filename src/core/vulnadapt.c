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
#include "formats/cvss.h"
#include "util/banned.h"

/* --- generic version order (numeric and other runs) --------------------- */

static int generic_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char *ea = a, *eb = b;

			while (*a == '0')
				a++;
			while (*b == '0')
				b++;
			for (ea = a; isdigit((unsigned char)*ea); ea++)
				;
			for (eb = b; isdigit((unsigned char)*eb); eb++)
				;
			if (ea - a != eb - b)
				return ea - a < eb - b ? -1 : 1;
			for (; a < ea; a++, b++)
				if (*a != *b)
					return *a < *b ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return 0;
}

int ss__version_order(const char *purl, const char *a, const char *b)
{
	(void)purl;
	return generic_cmp(a ? a : "", b ? b : "");
}

/* --- ranges ------------------------------------------------------------------ */

struct ss__vrange {
	json_t *ranges, *versions;
	bool cpe;
};

ss__vrange *ss__vrange_compile(const char *eco, const json_t *ranges, const json_t *versions,
			       char **note)
{
	ss__vrange *r = calloc(1, sizeof(*r));

	*note = NULL;
	if (!r)
		return NULL;
	r->ranges = json_deep_copy(ranges ? ranges : json_array());
	r->versions = json_deep_copy(versions ? versions : json_array());
	r->cpe = streq(eco, "cpe");
	return r;
}

void ss__vrange_free(ss__vrange *r)
{
	if (!r)
		return;
	json_decref(r->ranges);
	json_decref(r->versions);
	free(r);
}

static bool in_osv_range(const json_t *range, const char *v)
{
	const json_t *ev;
	bool in = false;
	size_t i;

	json_array_foreach(json_object_get(range, "events"), i, ev) {
		const char *x;

		if ((x = ss_js_or_null(ev, "introduced")) &&
		    (streq(x, "0") || generic_cmp(v, x) >= 0))
			in = true;
		else if ((x = ss_js_or_null(ev, "fixed")) && generic_cmp(v, x) >= 0)
			in = false;
		else if ((x = ss_js_or_null(ev, "last_affected")) && generic_cmp(v, x) > 0)
			in = false;
	}
	return in;
}

int ss__vrange_affects(const ss__vrange *r, const char *version, bool *affected,
		       const char **note)
{
	const json_t *e;
	size_t i;

	*affected = false;
	*note = NULL;
	if (!version || !*version) {
		*note = "a component without a version is not matched";
		return 0;
	}
	json_array_foreach(r->versions, i, e) {
		if (streq(json_string_value(e), version))
			*affected = true;
	}
	json_array_foreach(r->ranges, i, e) {
		const char *type = ss_js(e, "type");

		if (streq(type, "GIT")) {
			*note = "GIT ranges are not evaluated";
			continue;
		}
		if (streq(type, "CPE")) {
			const char *x;
			bool in = true;

			if ((x = ss_js_or_null(e, "start_including")))
				in = in && generic_cmp(version, x) >= 0;
			if ((x = ss_js_or_null(e, "start_excluding")))
				in = in && generic_cmp(version, x) > 0;
			if ((x = ss_js_or_null(e, "end_including")))
				in = in && generic_cmp(version, x) <= 0;
			if ((x = ss_js_or_null(e, "end_excluding")))
				in = in && generic_cmp(version, x) < 0;
			*affected = *affected || in;
			continue;
		}
		*affected = *affected || in_osv_range(e, version);
	}
	return 0;
}

/* --- packages ---------------------------------------------------------------- */

void ss__package_key(char *out, size_t n, const char *eco, const char *package)
{
	snprintf(out, n, "%s\n%s", eco ? eco : "", package ? package : "");
}

int ss__purl_package(char *eco, size_t ne, char *pkg, size_t np, const char *purl)
{
	static const struct {
		const char *type, *eco;
	} map[] = {{"golang", "Go"},     {"cargo", "crates.io"}, {"npm", "npm"},
		   {"pypi", "PyPI"},     {"maven", "Maven"},     {"nuget", "NuGet"},
		   {"gem", "RubyGems"}, {"composer", "Packagist"}};
	char type[32];
	const char *p, *slash, *end;
	size_t i, tn;

	if (!purl || strncmp(purl, "pkg:", 4))
		return -1;
	p = purl + 4;
	tn = strcspn(p, "/");
	if (tn == 0 || tn >= sizeof(type) || !p[tn])
		return -1;
	memcpy(type, p, tn);
	type[tn] = '\0';
	for (i = 0; type[i]; i++)
		type[i] = (char)tolower((unsigned char)type[i]);
	p += tn + 1;
	end = p + strcspn(p, "@?#");
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (streq(map[i].type, type))
			break;
	if (i == sizeof(map) / sizeof(map[0]))
		return -1;
	snprintf(eco, ne, "%s", map[i].eco);
	slash = memchr(p, '/', (size_t)(end - p));
	if (streq(type, "maven") && slash)
		snprintf(pkg, np, "%.*s:%.*s", (int)(slash - p), p, (int)(end - slash - 1),
			 slash + 1);
	else
		snprintf(pkg, np, "%.*s", (int)(end - p), p);
	/* %40 is "@" in an npm scope */
	if (!strncmp(pkg, "%40", 3))
		memmove(pkg + 1, pkg + 3, strlen(pkg + 3) + 1), pkg[0] = '@';
	return 0;
}

int ss__cpe_package(char *pkg, size_t np, const char *cpe)
{
	char f[4][256];
	const char *p;
	int k = 0;

	if (!cpe)
		return -1;
	if (!strncmp(cpe, "cpe:2.3:", 8))
		p = cpe + 8;
	else if (!strncmp(cpe, "cpe:/", 5))
		p = cpe + 5;
	else
		return -1;
	while (k < 3) {
		size_t n = strcspn(p, ":");

		snprintf(f[k], sizeof(f[k]), "%.*s", (int)(n < 255 ? n : 255), p);
		k++;
		if (!p[n])
			break;
		p += n + 1;
	}
	if (k < 3)
		return -1;
	snprintf(pkg, np, "%s:%s", f[1], f[2]);
	return 0;
}

bool ss__cpe_applies(const char *criteria, const char *cpe)
{
	(void)criteria;
	(void)cpe;
	return true;
}

int ss__cvss_score(const char *vector, double *score)
{
	ss_cvss c;

	if (!vector || ss_cvss_parse(&c, vector) < 0)
		return -1;
	*score = c.base;
	return 0;
}

/* --- licences ------------------------------------------------------------------ */

static int text_cmp(const void *a, const void *b)
{
	return strcmp(json_string_value(*(json_t *const *)a), json_string_value(*(json_t *const *)b));
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

json_t *ss__licence_summary(const json_t *components, const json_t *policy)
{
	json_t *counts = json_object(), *out = json_pack("{s:[], s:I, s:I, s:I}", "licences", "none",
							 (json_int_t)0, "denied", (json_int_t)0,
							 "review", (json_int_t)0);
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
		const char *v = verdict_of(policy, id);
		json_t *row = json_pack("{s:s, s:O}", "id", id, "components", n);

		if (v) {
			json_object_set_new(row, "verdict", json_string(v));
			if (streq(v, "denied") || streq(v, "review"))
				json_object_set_new(out, v,
						    json_integer(ss_ji(out, v) +
								 json_integer_value(n)));
		}
		json_array_append_new(json_object_get(out, "licences"), row);
	}
	json_decref(counts);
	return out;
}
