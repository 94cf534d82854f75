/*
 * CSAF 2.0 documents (security advisories, VEX, any category), loaded whole
 * under the caps: the product tree resolved to the CPE and purl of each
 * product id (branches, full product names, relationships), then per
 * vulnerability one advisory row and one affected row per product listed
 * as affected. docs/internals/advisories.md has the mapping.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/advis.h"
#include "formats/sbom.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/* The largest real CSAF documents (Red Hat's kernel advisories) are a few
 * MB with tens of thousands of product ids. */
const ss_import_limits ss_csaf_limits = {
	.bytes = (uint64_t)64 * MiB,
	.string = 1 * MiB,
	.values = 2000000,
	.depth = 40,
	.records = 1000000,
	.record_bytes = 64 * MiB,
	.record_values = 1000000,
};

typedef struct {
	ss_vuln_sink *sink;
	json_t *info;
	const ss_import_limits *lim;
	const char *path;
	json_t *products; /* product_id -> {"cpe"?, "purl"?} */
	uint64_t records;
	regex_t cve_re;
	ss_buf a, b, c, d, e, f;
} csaf_ctx;

static int need(const csaf_ctx *c, const json_t *obj, const char *key, const char *ptr)
{
	if (!ss_js_or_null(obj, key) || !*ss_js(obj, key))
		return ss_error_set(SS_EPARSE,
				    "%s: %s/%s: a required text member is missing, empty or not "
				    "text",
				    c->path, ptr, key);
	return 0;
}

/* ---- the product tree ----------------------------------------------------- */

static int add_product(csaf_ctx *c, const json_t *p, const char *ptr, const json_t *inherit)
{
	const char *id = ss_js_or_null(p, "product_id");
	json_t *helper = json_object_get(p, "product_identification_helper"), *row;

	if (!id || !*id || !ss_js_or_null(p, "name"))
		return ss_error_set(SS_EPARSE,
				    "%s: %s: a product needs a product_id and a name (text)",
				    c->path, ptr);
	if (json_object_get(c->products, id))
		return ss_error_set(SS_EPARSE,
				    "%s: %s/product_id: the product id \"%.80s\" is defined twice",
				    c->path, ptr, id);
	if (++c->records > c->lim->records)
		return ss_error_set(SS_ELIMIT,
				    "%s: over the record count limit: more products and rows than "
				    "%llu",
				    c->path, (unsigned long long)c->lim->records);
	row = inherit ? json_deep_copy(inherit) : json_object();
	if (ss_js_or_null(helper, "cpe"))
		json_object_set(row, "cpe", json_object_get(helper, "cpe"));
	if (ss_js_or_null(helper, "purl"))
		json_object_set(row, "purl", json_object_get(helper, "purl"));
	json_object_set_new(c->products, id, row);
	return 0;
}

static int branches(csaf_ctx *c, const json_t *list, ss_buf *ptr)
{
	json_t *b;
	size_t i, at = ptr->len;
	int error = 0;

	if (list && !json_is_array(list))
		return ss_error_set(SS_EPARSE, "%s: %s: not an array", c->path, ptr->ptr);
	json_array_foreach(list, i, b) {
		ptr->len = at;
		ptr->ptr[at] = '\0';
		if ((error = ss_buf_printf(ptr, "/%zu", i)) < 0)
			return error;
		if (!json_is_object(b) || (error = need(c, b, "category", ptr->ptr)) < 0 ||
		    (error = need(c, b, "name", ptr->ptr)) < 0) {
			if (error == 0)
				error = ss_error_set(SS_EPARSE, "%s: %s: not an object", c->path,
						     ptr->ptr);
			return error;
		}
		if (json_object_get(b, "product")) {
			size_t here = ptr->len;

			if ((error = ss_buf_puts(ptr, "/product")) < 0 ||
			    (error = add_product(c, json_object_get(b, "product"), ptr->ptr,
						 NULL)) < 0)
				return error;
			ptr->len = here;
			ptr->ptr[here] = '\0';
		}
		if (json_object_get(b, "branches")) {
			if ((error = ss_buf_puts(ptr, "/branches")) < 0 ||
			    (error = branches(c, json_object_get(b, "branches"), ptr)) < 0)
				return error;
		}
	}
	ptr->len = at;
	ptr->ptr[at] = '\0';
	return 0;
}

static int product_tree(csaf_ctx *c, const json_t *tree)
{
	ss_buf ptr = SS_BUF_INIT(1 << 16);
	char p[160];
	json_t *e;
	size_t i;
	int error = 0;

	if (!tree)
		return 0;
	if (!json_is_object(tree))
		return ss_error_set(SS_EPARSE, "%s: /product_tree: not an object", c->path);
	if ((error = ss_buf_puts(&ptr, "/product_tree/branches")) < 0 ||
	    (error = branches(c, json_object_get(tree, "branches"), &ptr)) < 0)
		goto out;
	json_array_foreach(json_object_get(tree, "full_product_names"), i, e) {
		snprintf(p, sizeof(p), "/product_tree/full_product_names/%zu", i);
		if ((error = add_product(c, e, p, NULL)) < 0)
			goto out;
	}
	/* a product made of another: what is vulnerable is the component
	 * (product_reference), whatever it is part of or installed on */
	json_array_foreach(json_object_get(tree, "relationships"), i, e) {
		const char *ref = ss_js(e, "product_reference");
		json_t *comp = json_object_get(c->products, ref);

		snprintf(p, sizeof(p), "/product_tree/relationships/%zu", i);
		if ((error = need(c, e, "category", p)) < 0 ||
		    (error = need(c, e, "product_reference", p)) < 0 ||
		    (error = need(c, e, "relates_to_product_reference", p)) < 0)
			goto out;
		if (!comp ||
		    !json_object_get(c->products, ss_js(e, "relates_to_product_reference"))) {
			error = ss_error_set(SS_EPARSE,
					     "%s: %s: a product reference names a product id the "
					     "product tree does not define",
					     c->path, p);
			goto out;
		}
		snprintf(p, sizeof(p), "/product_tree/relationships/%zu/full_product_name", i);
		if ((error = add_product(c, json_object_get(e, "full_product_name"), p, comp)) < 0)
			goto out;
	}
out:
	ss_buf_release(&ptr);
	return error;
}

/* ---- purl ------------------------------------------------------------------ */

/* The OSV ecosystem of a purl type; NULL when OSV has none. */
static const char *ecosystem_of(const char *type)
{
	static const char *const map[][2] = {
		{"npm", "npm"},
		{"pypi", "PyPI"},
		{"maven", "Maven"},
		{"golang", "Go"},
		{"cargo", "crates.io"},
		{"deb", "Debian"},
		{"gem", "RubyGems"},
		{"nuget", "NuGet"},
		{"composer", "Packagist"},
		{"hex", "Hex"},
		{"pub", "Pub"},
		{"swift", "SwiftURL"},
		{"apk", "Alpine"},
		{"cran", "CRAN"},
		{"hackage", "Hackage"},
		{"github", "GitHub Actions"},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], type) == 0)
			return map[i][1];
	return NULL;
}

/* Percent-decoded s[0..n) appended to out. */
static int put_decoded(ss_buf *out, const char *s, size_t n)
{
	size_t i;
	int error = 0;

	for (i = 0; i < n && error == 0; i++) {
		if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			long v = strtol(hex, NULL, 16);

			if (v == 0)
				return ss_error_set(SS_EPARSE, "a purl with an escaped NUL");
			error = ss_buf_putc(out, (char)v);
			i += 2;
		} else {
			error = ss_buf_putc(out, s[i]);
		}
	}
	return error;
}

/*
 * "pkg:type/namespace/name@version?qualifiers#subpath" into the type
 * (lowercased, in out_type), the name as OSV writes it (Maven
 * "group:artifact", npm "@scope/name", Go and others "namespace/name") and
 * the version; SS_EPARSE when it is not a purl.
 */
static int purl_parse(ss_buf *type, ss_buf *name, ss_buf *version, const char *purl)
{
	const char *p, *end, *slash, *at, *last;
	size_t i;
	int error;

	ss_buf_clear(type);
	ss_buf_clear(name);
	ss_buf_clear(version);
	if (strncmp(purl, "pkg:", 4) != 0)
		return ss_error_set(SS_EPARSE, "a purl that does not start with \"pkg:\"");
	p = purl + 4;
	while (*p == '/')
		p++;
	end = p + strcspn(p, "?#");
	if (!(slash = memchr(p, '/', (size_t)(end - p))) || slash == p)
		return ss_error_set(SS_EPARSE, "a purl without a type and a name");
	for (i = 0; p + i < slash; i++) {
		char ch = (char)tolower((unsigned char)p[i]);

		if (!isalnum((unsigned char)ch) && ch != '.' && ch != '+' && ch != '-')
			return ss_error_set(SS_EPARSE, "a purl with a bad type");
		if ((error = ss_buf_putc(type, ch)) < 0)
			return error;
	}
	p = slash + 1;
	while (end > p && end[-1] == '/')
		end--;
	at = NULL;
	for (last = end; last > p && last[-1] != '/'; last--)
		;
	at = memchr(last, '@', (size_t)(end - last));
	if (at && (error = put_decoded(version, at + 1, (size_t)(end - at - 1))) < 0)
		return error;
	if (!at)
		at = end;
	if (at == last)
		return ss_error_set(SS_EPARSE, "a purl without a name");
	if (last > p) { /* a namespace */
		if ((error = put_decoded(name, p, (size_t)(last - 1 - p))) < 0 ||
		    (error = ss_buf_putc(name, strcmp(type->ptr, "maven") == 0 ? ':' : '/')) < 0)
			return error;
	}
	if ((error = put_decoded(name, last, (size_t)(at - last))) < 0)
		return error;
	if (!ss_utf8_valid(name->ptr, name->len) || !ss_utf8_valid(version->ptr, version->len) ||
	    strlen(name->ptr) != name->len || strlen(version->ptr) != version->len)
		return ss_error_set(SS_EPARSE, "a purl whose name or version is not UTF-8 text");
	return 0;
}

/* ---- vulnerabilities --------------------------------------------------------- */

static int one_affected(csaf_ctx *c, const char *adv, const char *pid, const char *ptr)
{
	json_t *prod = json_object_get(c->products, pid), *ranges = NULL, *versions = NULL;
	const char *purl = ss_js_or_null(prod, "purl"), *cpe = ss_js_or_null(prod, "cpe");
	ss_advis_cpe p = {0};
	ss_sink_affected row = {.advisory = adv, .vulnerable = 1};
	int error = 0;

	if (!prod)
		return ss_error_set(
			SS_EPARSE,
			"%s: %s: the product id \"%.80s\" is not defined in the product "
			"tree",
			c->path, ptr, pid);
	if (++c->records > c->lim->records)
		return ss_error_set(SS_ELIMIT,
				    "%s: over the record count limit: more products and rows than "
				    "%llu",
				    c->path, (unsigned long long)c->lim->records);
	versions = json_array();
	if (purl) {
		const char *eco;

		if (purl_parse(&c->a, &c->b, &c->c, purl) < 0) {
			error = ss_error_prefix(SS_EPARSE, "%s: product \"%.80s\": ", c->path, pid);
			goto out;
		}
		eco = ecosystem_of(c->a.ptr);
		row.ecosystem = eco ? eco : c->a.ptr;
		row.package = c->b.ptr;
		row.purl = purl;
		if (*c->c.ptr)
			json_array_append_new(versions, json_string(c->c.ptr));
		ranges = json_array();
	} else if (cpe) {
		if (ss_advis__cpe_parse(&p, cpe) < 0) {
			error = ss_error_prefix(SS_EPARSE, "%s: product \"%.80s\": cpe: ", c->path,
						pid);
			goto out;
		}
		if ((error = ss_advis__cpe_format(&c->a, &p, NULL)) < 0 ||
		    (error = ss_advis__cpe_package(&c->b, &p)) < 0 ||
		    (error = ss_advis__cpe_unescape(&c->c, p.attr[3])) < 0)
			goto out;
		if (strcmp(c->c.ptr, "*") != 0 && strcmp(c->c.ptr, "-") != 0)
			json_array_append_new(versions, json_string(c->c.ptr));
		ranges = json_pack("[{s:s, s:s}]", "type", "CPE", "criteria", c->a.ptr);
		row.ecosystem = "cpe";
		row.package = c->b.ptr;
	} else {
		ss_format_count(c->info, N_("product without CPE or purl"));
		goto out;
	}
	if ((error = ss_advis__canon(&c->d, ranges)) < 0 ||
	    (error = ss_advis__canon(&c->e, versions)) < 0)
		goto out;
	row.ranges = c->d.ptr;
	row.versions = c->e.ptr;
	if (c->sink->affected && (error = c->sink->affected(c->sink, &row)) < 0)
		goto out;
	ss_format_count(c->info, N_("affected"));
out:
	ss_advis__cpe_release(&p);
	json_decref(ranges);
	json_decref(versions);
	return error;
}

static int text_of_notes(ss_buf *out, const json_t *notes, const char *category)
{
	json_t *n;
	size_t i;
	int error = 0;

	ss_buf_clear(out);
	json_array_foreach(notes, i, n) {
		if (strcmp(ss_js(n, "category"), category) != 0 || !ss_js_or_null(n, "text"))
			continue;
		if (out->len && (error = ss_buf_puts(out, "\n\n")) < 0)
			return error;
		if ((error = ss_buf_puts(out, ss_js(n, "text"))) < 0)
			return error;
	}
	return 0;
}

static int one_vulnerability(csaf_ctx *c, const json_t *doc, const json_t *v, size_t i,
			     json_t *seen_ids)
{
	static const char *const affected_status[] = {"first_affected", "known_affected",
						      "last_affected"};
	const json_t *tracking = json_object_get(doc, "tracking");
	const char *tid = ss_js(tracking, "id"), *cve = ss_js_or_null(v, "cve");
	json_t *aliases = json_array(), *cwes = json_array(), *refs = json_array();
	json_t *sev = json_array(), *e, *seen = json_object(), *list;
	char ptr[200], id[600];
	const char *summary = NULL, *details = NULL;
	size_t j, k;
	int error = 0;

	snprintf(ptr, sizeof(ptr), "/vulnerabilities/%zu", i);
	if (!json_is_object(v)) {
		error = ss_error_set(SS_EPARSE, "%s: %s: not an object", c->path, ptr);
		goto out;
	}
	if (cve && regexec(&c->cve_re, cve, 0, NULL, 0) != 0) {
		error = ss_error_set(SS_EPARSE, "%s: %s/cve: \"%.40s\" is not a CVE id", c->path,
				     ptr, cve);
		goto out;
	}
	if (cve)
		snprintf(id, sizeof(id), "%s", cve);
	else
		snprintf(id, sizeof(id), "%.500s/%zu", tid, i);
	if (json_object_get(seen_ids, id)) {
		error = ss_error_set(SS_EPARSE,
				     "%s: %s/cve: %.40s is the subject of two vulnerabilities",
				     c->path, ptr, id);
		goto out;
	}
	json_object_set_new(seen_ids, id, json_true());
	if (cve && strcmp(cve, id) != 0)
		ss_advis__list_add(aliases, cve, SS_ADVIS_ALIASES_MAX);
	ss_advis__list_add(aliases, tid, SS_ADVIS_ALIASES_MAX);
	/* summary: the title, else the summary note, else the first line of
	 * the description; details: the description notes */
	if ((error = text_of_notes(&c->f, json_object_get(v, "notes"), "description")) < 0)
		goto out;
	details = c->f.len ? c->f.ptr : NULL;
	if ((error = text_of_notes(&c->a, json_object_get(v, "notes"), "summary")) < 0)
		goto out;
	if (ss_js_or_null(v, "title")) {
		ss_buf_clear(&c->a);
		error = ss_buf_puts(&c->a, ss_js(v, "title"));
	} else if (!c->a.len && details) {
		error = ss_buf_put(&c->a, details, strcspn(details, "\r\n"));
	}
	if (error < 0)
		goto out;
	summary = c->a.len ? c->a.ptr : NULL;
	/* up to the first line */
	if (summary)
		c->a.ptr[strcspn(c->a.ptr, "\r\n")] = '\0';
	if (!details && summary)
		details = summary;
	json_array_foreach(json_object_get(v, "scores"), j, e) {
		static const char *const kinds[][2] = {{"cvss_v3", "CVSS_V3"},
						       {"cvss_v2", "CVSS_V2"}};
		size_t m;

		for (m = 0; m < 2; m++) {
			json_t *s = json_object_get(e, kinds[m][0]), *x, *dup;
			const char *vec = ss_js_or_null(s, "vectorString");
			size_t n;
			bool have = false;

			if (!s)
				continue;
			if (!vec) {
				error = ss_error_set(
					SS_EPARSE,
					"%s: %s/scores/%zu/%s/vectorString: a required "
					"text member is missing",
					c->path, ptr, j, kinds[m][0]);
				goto out;
			}
			json_array_foreach(sev, n, dup) {
				if (strcmp(ss_js(dup, "vector"), vec) == 0)
					have = true;
			}
			if (have || json_array_size(sev) >= SS_ADVIS_ALIASES_MAX)
				continue;
			x = json_pack("{s:s, s:s}", "type", kinds[m][1], "vector", vec);
			if (json_is_number(json_object_get(s, "baseScore")))
				json_object_set(x, "score", json_object_get(s, "baseScore"));
			json_array_append_new(sev, x);
		}
	}
	if (ss_js_or_null(json_object_get(v, "cwe"), "id"))
		ss_advis__list_add(cwes, ss_js(json_object_get(v, "cwe"), "id"),
				   SS_ADVIS_ALIASES_MAX);
	json_array_foreach(json_object_get(v, "references"), j, e)
		ss_advis__list_add(refs, ss_js(e, "url"), SS_ADVIS_REFS_MAX);
	json_array_foreach(json_object_get(doc, "references"), j, e)
		ss_advis__list_add(refs, ss_js(e, "url"), SS_ADVIS_REFS_MAX);
	if ((error = ss_advis__canon(&c->b, aliases)) < 0 ||
	    (error = ss_advis__canon(&c->c, cwes)) < 0 ||
	    (error = ss_advis__canon(&c->d, refs)) < 0 ||
	    (error = ss_advis__severity(&c->e, sev)) < 0)
		goto out;
	{
		ss_sink_advisory row = {
			.id = id,
			.source = "csaf",
			.aliases = c->b.ptr,
			.summary = summary,
			.details = details,
			.lang = strncmp(ss_js(doc, "lang"), "ja", 2) == 0 ? "ja" : "en",
			.published = ss_js_or_null(v, "release_date")
					     ? ss_js(v, "release_date")
					     : ss_js_or_null(tracking, "initial_release_date"),
			.modified = ss_js_or_null(tracking, "current_release_date"),
			.severity = c->e.ptr,
			.cwes = c->c.ptr,
			.references = c->d.ptr};

		if (c->sink->advisory && (error = c->sink->advisory(c->sink, &row)) < 0)
			goto out;
	}
	ss_format_count(c->info, N_("advisory"));
	for (j = 0; j < 3; j++) {
		list = json_object_get(json_object_get(v, "product_status"), affected_status[j]);
		json_array_foreach(list, k, e) {
			char p[300];

			snprintf(p, sizeof(p), "%s/product_status/%s/%zu", ptr, affected_status[j],
				 k);
			if (!json_is_string(e)) {
				error = ss_error_set(SS_EPARSE, "%s: %s: not text", c->path, p);
				goto out;
			}
			if (json_object_get(seen, json_string_value(e)))
				continue;
			json_object_set_new(seen, json_string_value(e), json_true());
			if ((error = one_affected(c, id, json_string_value(e), p)) < 0)
				goto out;
		}
	}
out:
	json_decref(aliases);
	json_decref(cwes);
	json_decref(refs);
	json_decref(sev);
	json_decref(seen);
	return error;
}

static int check_document(csaf_ctx *c, const json_t *root, const json_t *doc)
{
	const json_t *tracking = json_object_get(doc, "tracking");
	const char *cat;
	size_t n;
	int error;

	if (!json_is_object(root) || !json_is_object(doc))
		return ss_error_set(SS_EPARSE,
				    "%s: /document: no document object: not a CSAF document",
				    c->path);
	if (strcmp(ss_js(doc, "csaf_version"), "2.0") != 0)
		return ss_error_set(SS_EPARSE,
				    "%s: /document/csaf_version: \"%.20s\", not \"2.0\" (CSAF 2.0 "
				    "is supported)",
				    c->path, ss_js(doc, "csaf_version"));
	if ((error = need(c, doc, "category", "/document")) < 0 ||
	    (error = need(c, doc, "title", "/document")) < 0)
		return error;
	cat = ss_js(doc, "category");
	n = strlen(cat);
	if (strchr(" \t\r\n-_.", cat[0]) || strchr(" \t\r\n-_.", cat[n - 1]))
		return ss_error_set(
			SS_EPARSE,
			"%s: /document/category: \"%.60s\" starts or ends with a space, "
			"'-', '_' or '.'",
			c->path, cat);
	if (!json_is_object(json_object_get(doc, "publisher")))
		return ss_error_set(SS_EPARSE,
				    "%s: /document/publisher: a required object is missing",
				    c->path);
	if ((error = need(c, json_object_get(doc, "publisher"), "category",
			  "/document/publisher")) < 0 ||
	    (error = need(c, json_object_get(doc, "publisher"), "name", "/document/publisher")) <
		    0 ||
	    (error = need(c, json_object_get(doc, "publisher"), "namespace",
			  "/document/publisher")) < 0)
		return error;
	if (!json_is_object(tracking))
		return ss_error_set(
			SS_EPARSE, "%s: /document/tracking: a required object is missing", c->path);
	if ((error = need(c, tracking, "id", "/document/tracking")) < 0 ||
	    (error = need(c, tracking, "current_release_date", "/document/tracking")) < 0 ||
	    (error = need(c, tracking, "initial_release_date", "/document/tracking")) < 0 ||
	    (error = need(c, tracking, "version", "/document/tracking")) < 0)
		return error;
	if (strcmp(ss_js(tracking, "status"), "draft") != 0 &&
	    strcmp(ss_js(tracking, "status"), "final") != 0 &&
	    strcmp(ss_js(tracking, "status"), "interim") != 0)
		return ss_error_set(SS_EPARSE,
				    "%s: /document/tracking/status: not draft, final or interim",
				    c->path);
	if (!json_is_array(json_object_get(tracking, "revision_history")) ||
	    json_array_size(json_object_get(tracking, "revision_history")) == 0)
		return ss_error_set(SS_EPARSE,
				    "%s: /document/tracking/revision_history: a required non-empty "
				    "array is missing",
				    c->path);
	if (json_object_get(root, "vulnerabilities") &&
	    !json_is_array(json_object_get(root, "vulnerabilities")))
		return ss_error_set(SS_EPARSE, "%s: /vulnerabilities: not an array", c->path);
	return 0;
}

int ss_format_csaf(ss_vuln_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	csaf_ctx c = {.sink = out,
		      .info = info,
		      .a = SS_BUF_INIT(SS_BUF_DOC_MAX),
		      .b = SS_BUF_INIT(SS_BUF_DOC_MAX),
		      .c = SS_BUF_INIT(SS_BUF_DOC_MAX),
		      .d = SS_BUF_INIT(SS_BUF_DOC_MAX),
		      .e = SS_BUF_INIT(SS_BUF_DOC_MAX),
		      .f = SS_BUF_INIT(SS_BUF_DOC_MAX)};
	json_t *root = NULL, *doc, *v, *seen_ids = NULL;
	size_t i;
	int error = 0;
	bool re = false;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_csaf: NULL argument");
	c.lim = lim ? lim : &ss_csaf_limits;
	c.path = in->path;
	if ((error = ss_json_load_whole(&root, in, c.lim, "CSAF")) < 0)
		goto out;
	doc = json_object_get(root, "document");
	if ((error = check_document(&c, root, doc)) < 0)
		goto out;
	if (regcomp(&c.cve_re, "^CVE-[0-9]{4}-[0-9]{4,}$", REG_EXTENDED | REG_NOSUB) != 0) {
		error = ss_error_set(SS_ERROR, "compiling the CVE id pattern");
		goto out;
	}
	re = true;
	c.products = json_object();
	seen_ids = json_object();
	if ((error = product_tree(&c, json_object_get(root, "product_tree"))) < 0)
		goto out;
	json_array_foreach(json_object_get(root, "vulnerabilities"), i, v) {
		if ((error = one_vulnerability(&c, doc, v, i, seen_ids)) < 0)
			goto out;
	}
	json_object_set_new(info, "name",
			    json_string(ss_js(json_object_get(doc, "tracking"), "id")));
	json_object_set_new(info, "version",
			    json_string(ss_js(json_object_get(doc, "tracking"), "version")));
	json_object_set_new(info, "category", json_string(ss_js(doc, "category")));
	json_object_set_new(info, "format", json_string("CSAF 2.0"));
out:
	if (re)
		regfree(&c.cve_re);
	json_decref(root);
	json_decref(c.products);
	json_decref(seen_ids);
	ss_buf_release(&c.a);
	ss_buf_release(&c.b);
	ss_buf_release(&c.c);
	ss_buf_release(&c.d);
	ss_buf_release(&c.e);
	ss_buf_release(&c.f);
	return error;
}
