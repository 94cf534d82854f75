/*
 * CycloneDX 1.2 to 1.7 SBOMs in JSON (plain or gzip), streamed: components
 * (nested ones too, with their parent), metadata.component as the root,
 * dependencies, and the document. What the schema refuses in the parts
 * secspec reads, or in the parts that commonly go wrong (see
 * docs/internals/sbom-cyclonedx.md), is refused with the JSON pointer of the
 * field. The XML edition is in cyclonedx_xml.c; the checks they share are
 * here (cyclonedx_int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/cyclonedx_int.h"
#include "formats/license.h"
#include "formats/jsonstream.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/*
 * A 100 MB SBOM must import. The largest real ones are container and
 * monorepo SBOMs: tens of thousands of components, a few MB each (juice-shop
 * 1,115 components in 1.3 MB; a 100 MB file of typical components holds
 * about 200,000 components and as many dependency entries).
 *  - bytes: 512 MB, five times that, so a 100 MB SBOM has room;
 *  - string: 4 MB, for embedded license texts and attachments (base64);
 *  - values: 100 million; a 100 MB file holds about 15 million;
 *  - depth: 64; real SBOMs nest components three or four deep (a component
 *    is 2 levels: the object and its "components" array), pedigree and
 *    evidence add a few more; 64 also bounds the recursion of the checks;
 *  - records: 4 million elements of the streamed arrays (components,
 *    services, dependencies, vulnerabilities ...) and components in all;
 *  - record_bytes / record_values: one top-level component with everything
 *    nested in it is one record, built whole: 32 MB and 2 million values
 *    (the jansson tree of that is a few hundred MB at worst, the bound of the
 *    memory an import takes besides the set of refs).
 *  - name: XML element and attribute names.
 */
const ss_import_limits ss_sbom_limits = {
	.bytes = (uint64_t)512 * MiB,
	.string = 4 * MiB,
	.name = 1000,
	.values = 100000000,
	.depth = 64,
	.records = 4000000,
	.record_bytes = 32 * MiB,
	.record_values = 2000000,
};

/* A licence id of the SPDX list (not an exception). */
static bool spdx_licence(const char *id)
{
	bool exception = false;

	return ss_license_canonical_id(id, NULL, &exception) && !exception;
}

bool (*ss_cdx_license_known)(const char *id) = spdx_licence;

/* ---- shared checks ------------------------------------------------------- */

static bool in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (strcmp(s, *list) == 0)
			return true;
	return false;
}

static const char *const component_types[] = {"application",
					      "framework",
					      "library",
					      "container",
					      "platform",
					      "operating-system",
					      "device",
					      "device-driver",
					      "firmware",
					      "file",
					      "machine-learning-model",
					      "data",
					      "cryptographic-asset",
					      NULL};
static const char *const scopes[] = {"required", "optional", "excluded", NULL};
static const char *const patch_types[] = {"unofficial", "monkey", "backport", "cherry-pick", NULL};
static const char *const issue_types[] = {"defect", "enhancement", "security", NULL};
static const char *const flows[] = {"inbound", "outbound", "bi-directional", "unknown", NULL};

bool ss_cdx_component_type(const char *s)
{
	return in_list(s, component_types);
}
bool ss_cdx_scope(const char *s)
{
	return in_list(s, scopes);
}
bool ss_cdx_patch_type(const char *s)
{
	return in_list(s, patch_types);
}
bool ss_cdx_issue_type(const char *s)
{
	return in_list(s, issue_types);
}
bool ss_cdx_flow(const char *s)
{
	return in_list(s, flows);
}

/* The members of metadata (the union of 1.2 to 1.7; additionalProperties
 * false in each). */
static const char *const metadata_members[] = {"timestamp",
					       "lifecycles",
					       "tools",
					       "manufacturer",
					       "authors",
					       "component",
					       "manufacture",
					       "supplier",
					       "licenses",
					       "properties",
					       "distributionConstraints",
					       NULL};
static const char *const tlps[] = {"CLEAR", "GREEN", "AMBER", "AMBER_AND_STRICT", "RED", NULL};

bool ss_cdx_metadata_member(const char *s)
{
	return in_list(s, metadata_members);
}
bool ss_cdx_tlp(const char *s)
{
	return in_list(s, tlps);
}

static bool hex_only(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f') ||
		      (s[i] >= 'A' && s[i] <= 'F')))
			return false;
	return true;
}

/* The hex length of each algorithm (0: any length the schema's pattern
 * takes: BLAKE3 has a variable output). */
static const struct {
	const char *alg;
	size_t len;
} hash_algs[] = {
	{"MD5", 32},         {"SHA-1", 40},       {"SHA-256", 64},      {"SHA-384", 96},
	{"SHA-512", 128},    {"SHA3-256", 64},    {"SHA3-384", 96},     {"SHA3-512", 128},
	{"BLAKE2b-256", 64}, {"BLAKE2b-384", 96}, {"BLAKE2b-512", 128}, {"BLAKE3", 0},
};

int ss_cdx_hash(const char *alg, const char *content)
{
	size_t i, n;

	for (i = 0; i < sizeof(hash_algs) / sizeof(hash_algs[0]); i++) {
		if (strcmp(alg, hash_algs[i].alg) != 0)
			continue;
		n = strlen(content);
		if (!hex_only(content, n))
			return 2;
		if (hash_algs[i].len)
			return n == hash_algs[i].len ? 0 : 2;
		return n == 32 || n == 40 || n == 64 || n == 96 || n == 128 ? 0 : 2;
	}
	return 1;
}

static bool digits(const char *s, int n, int min, int max, int *v)
{
	int i, x = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (s[i] - '0');
	}
	if (v)
		*v = x;
	return x >= min && x <= max;
}

/* RFC 3339 date-time (JSON schema "date-time", xs:dateTime as CycloneDX
 * uses it): 2024-05-01T12:00:00Z, with fraction and offset. xs:dateTime
 * also takes no offset, which the XML edition allows (xsd). */
bool ss_cdx_timestamp(const char *s, bool offset_optional)
{
	int month, day;

	if (!digits(s, 4, 0, 9999, NULL) || s[4] != '-' || !digits(s + 5, 2, 1, 12, &month) ||
	    s[7] != '-' || !digits(s + 8, 2, 1, 31, &day) || (s[10] != 'T' && s[10] != 't') ||
	    !digits(s + 11, 2, 0, 23, NULL) || s[13] != ':' || !digits(s + 14, 2, 0, 59, NULL) ||
	    s[16] != ':' || !digits(s + 17, 2, 0, 60, NULL))
		return false;
	(void)month;
	(void)day;
	s += 19;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'Z' || *s == 'z')
		return s[1] == '\0';
	if (*s == '+' || *s == '-')
		return digits(s + 1, 2, 0, 23, NULL) && s[3] == ':' &&
		       digits(s + 4, 2, 0, 59, NULL) && s[6] == '\0';
	return *s == '\0' && offset_optional;
}

/* ^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$ */
bool ss_cdx_serial(const char *s)
{
	static const int groups[] = {8, 4, 4, 4, 12};
	int g, i;

	if (strncmp(s, "urn:uuid:", 9) != 0)
		return false;
	s += 9;
	for (g = 0; g < 5; g++) {
		for (i = 0; i < groups[g]; i++, s++)
			if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
				return false;
		if (*s != (g == 4 ? '\0' : '-'))
			return false;
		s++;
	}
	return true;
}

/* "1.2" .. "1.7" */
bool ss_cdx_spec_version(const char *s)
{
	return s && s[0] == '1' && s[1] == '.' && s[2] >= '2' && s[2] <= '7' && s[3] == '\0';
}

void ss_cdx_init(ss_cdx *c, ss_sbom_sink *sink, const char *path, const ss_import_limits *lim,
		 json_t *info)
{
	memset(c, 0, sizeof(*c));
	c->sink = sink;
	c->path = path;
	c->lim = lim;
	c->info = info;
	c->pending = json_array();
	c->authors = json_array();
	c->tools = json_array();
}

void ss_cdx_release(ss_cdx *c)
{
	ss_idset_release(&c->refs);
	json_decref(c->pending);
	json_decref(c->authors);
	json_decref(c->tools);
	free(c->doc_name);
	free(c->doc_version);
	free(c->serial);
	free(c->spec);
	free(c->timestamp);
	free(c->supplier);
	free(c->mix);
}

int ss_cdx_count(ss_cdx *c)
{
	if ((uint64_t)++c->count > c->lim->records)
		return ss_error_set(SS_ELIMIT,
				    "over the record count limit: more components than %llu",
				    (unsigned long long)c->lim->records);
	return 0;
}

/* A component's or service's bom-ref: unique in the document. */
int ss_cdx_define(ss_cdx *c, const char *ref, const char *where)
{
	if (ss_idset_has(&c->refs, ref))
		return ss_error_set(SS_EPARSE, "%s: the bom-ref '%.200s' is used twice", where,
				    ref);
	return ss_idset_add(&c->refs, ref);
}

/* A ref that must name a component or service of the document: checked at
 * the end when not known yet (the dependencies may come first, and the
 * metadata's component is known only at the end of a JSON file). */
int ss_cdx_use(ss_cdx *c, const char *ref, const char *where)
{
	if (ss_idset_has(&c->refs, ref))
		return 0;
	if (json_array_size(c->pending) >= c->lim->records)
		return ss_error_set(SS_ELIMIT,
				    "over the record count limit: more refs than %llu not yet "
				    "defined",
				    (unsigned long long)c->lim->records);
	json_array_append_new(c->pending, json_pack("[ss]", ref, where));
	return 0;
}

int ss_cdx_finish(ss_cdx *c, const char *encoding)
{
	size_t i;
	json_t *p;
	ss_sink_sbom row = {0};
	ss_buf authors = SS_BUF_INIT(0), tools = SS_BUF_INIT(0);
	int error;

	json_array_foreach(c->pending, i, p) {
		const char *ref = json_string_value(json_array_get(p, 0));

		if (!ss_idset_has(&c->refs, ref))
			return ss_error_set(SS_EPARSE,
					    "%s: %s: the ref '%.200s' names no component or "
					    "service of the document",
					    c->path, json_string_value(json_array_get(p, 1)), ref);
	}
	if ((error = ss_json_canonical(&authors, c->authors)) < 0 ||
	    (error = ss_json_canonical(&tools, c->tools)) < 0)
		goto out;
	row.format = "cyclonedx";
	row.encoding = encoding;
	row.spec_version = c->spec;
	row.serial = c->serial;
	row.name = c->doc_name;
	row.version = c->doc_version;
	row.timestamp = c->timestamp;
	row.authors = authors.ptr;
	row.tools = tools.ptr;
	row.supplier = c->supplier;
	row.components = c->components;
	row.dependencies = c->dependencies;
	if (c->sink->sbom && (error = c->sink->sbom(c->sink, &row)) < 0)
		goto out;
	json_object_set_new(c->info, "name",
			    json_string(c->doc_name ? c->doc_name : "CycloneDX SBOM"));
	json_object_set_new(c->info, "version", json_string(c->doc_version ? c->doc_version : ""));
	json_object_set_new(c->info, "specVersion", json_string(c->spec ? c->spec : ""));
out:
	ss_buf_release(&authors);
	ss_buf_release(&tools);
	return error;
}

void ss_cdx_row_clear(ss_cdx_row *r)
{
	int i;

	for (i = 0; i < SS_CDX_NFIELDS; i++)
		free(r->f[i]);
	json_decref(r->hashes);
	ss_buf_release(&r->licenses);
	ss_buf_release(&r->authors);
	memset(r, 0, sizeof(*r));
}

void ss_cdx_row_init(ss_cdx_row *r)
{
	memset(r, 0, sizeof(*r));
	r->hashes = json_object();
	ss_buf_init(&r->licenses, 0);
	ss_buf_init(&r->authors, 0);
}

/* Keep the first value of a field. */
void ss_cdx_set(ss_cdx_row *r, int field, const char *v)
{
	if (!r->f[field] && v)
		r->f[field] = strdup(v);
}

/* One license id or name of a list: joined with " OR ". */
int ss_cdx_license_add(ss_cdx_row *r, const char *v)
{
	if (r->licenses.len && ss_buf_puts(&r->licenses, " OR ") < 0)
		return SS_ENOMEM;
	return ss_buf_puts(&r->licenses, v);
}

int ss_cdx_hash_add(ss_cdx_row *r, const char *alg, const char *content)
{
	char *low = strdup(content);
	size_t i;

	if (!low)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (i = 0; low[i]; i++)
		if (low[i] >= 'A' && low[i] <= 'F')
			low[i] = (char)(low[i] - 'A' + 'a');
	if (!json_object_get(r->hashes, alg))
		json_object_set_new(r->hashes, alg, json_string(low));
	free(low);
	return 0;
}

/* A property secspec reads. */
int ss_cdx_property(ss_cdx_row *r, const char *name, const char *value, const char *where)
{
	if (!value || strncmp(name, "secspec:", 8) != 0)
		return 0;
	if (strcmp(name, "secspec:brought-by") == 0)
		ss_cdx_set(r, CDX_BROUGHT_BY, value);
	else if (strcmp(name, "secspec:end-of-life") == 0)
		ss_cdx_set(r, CDX_END_OF_LIFE, value);
	else if (strcmp(name, "secspec:file") == 0)
		ss_cdx_set(r, CDX_PROP_FILE, value);
	else if (strcmp(name, "secspec:support") == 0) {
		if (strcmp(value, "paid") != 0 && strcmp(value, "free") != 0 &&
		    strcmp(value, "none") != 0)
			return ss_error_set(SS_EPARSE,
					    "%s: the property secspec:support is '%.60s', not "
					    "paid, free or none",
					    where, value);
		ss_cdx_set(r, CDX_SUPPORT, value);
	}
	return 0;
}

/* An external reference secspec reads. */
void ss_cdx_extref(ss_cdx_row *r, const char *type, const char *url)
{
	if (!type || !url)
		return;
	if (strcmp(type, "vcs") == 0)
		ss_cdx_set(r, CDX_REPOSITORY, url);
	else if (strcmp(type, "security-contact") == 0)
		ss_cdx_set(r, CDX_SECURITY_CONTACT, url);
	else if (strcmp(type, "advisories") == 0)
		ss_cdx_set(r, CDX_ADVISORIES, url);
}

/* Hand one component. The ref (bom-ref or "#<index>") is defined by the
 * caller before. */
int ss_cdx_emit(ss_cdx *c, ss_cdx_row *r, const char *ref, const char *parent, int root)
{
	ss_buf hashes = SS_BUF_INIT(0);
	ss_sink_component row = {0};
	char **f = r->f;
	int error = 0;

	if (json_object_size(r->hashes) && (error = ss_json_canonical(&hashes, r->hashes)) < 0)
		goto out;
	row.ref = ref;
	row.parent = parent;
	row.root = root;
	row.type = f[CDX_TYPE];
	row.group = f[CDX_GROUP];
	row.name = f[CDX_NAME];
	row.version = f[CDX_VERSION];
	row.purl = f[CDX_PURL];
	row.cpe = f[CDX_CPE];
	row.licenses = f[CDX_CONCLUDED]    ? f[CDX_CONCLUDED]
		       : f[CDX_EXPRESSION] ? f[CDX_EXPRESSION]
		       : r->licenses.len   ? r->licenses.ptr
					   : NULL;
	row.supplier = f[CDX_SUPPLIER]    ? f[CDX_SUPPLIER]
		       : f[CDX_PUBLISHER] ? f[CDX_PUBLISHER]
		       : f[CDX_AUTHOR]    ? f[CDX_AUTHOR]
		       : r->authors.len   ? r->authors.ptr
					  : NULL;
	row.brought_by = f[CDX_BROUGHT_BY];
	row.repository = f[CDX_REPOSITORY];
	row.hashes = hashes.len ? hashes.ptr : NULL;
	row.file = f[CDX_OCCURRENCE] ? f[CDX_OCCURRENCE] : f[CDX_PROP_FILE];
	row.scope = f[CDX_SCOPE];
	row.vuln_contact = f[CDX_SECURITY_CONTACT] ? f[CDX_SECURITY_CONTACT] : f[CDX_ADVISORIES];
	row.end_of_life = f[CDX_END_OF_LIFE];
	row.support = f[CDX_SUPPORT];
	if (c->sink->component && (error = c->sink->component(c->sink, &row)) < 0)
		goto out;
	c->components++;
	ss_format_count(c->info, N_("component"));
	if (root) {
		free(c->doc_name);
		free(c->doc_version);
		c->doc_name = f[CDX_NAME] ? strdup(f[CDX_NAME]) : NULL;
		c->doc_version = f[CDX_VERSION] ? strdup(f[CDX_VERSION]) : NULL;
	}
out:
	ss_buf_release(&hashes);
	return error;
}

/* One tool of the metadata: "name version". */
int ss_cdx_tool(ss_cdx *c, const char *name, const char *version)
{
	ss_buf b = SS_BUF_INIT(0);
	int error;

	if ((error = ss_buf_printf(&b, "%s%s%s", name, version ? " " : "",
				   version ? version : "")) == 0)
		json_array_append_new(c->tools, json_string(b.ptr));
	ss_buf_release(&b);
	return error;
}

int ss_cdx_edge(ss_cdx *c, const char *from, const char *to)
{
	ss_sink_dependency row = {from, to, "depends"};
	int error;

	if ((uint64_t)++c->edges > c->lim->records)
		return ss_error_set(SS_ELIMIT,
				    "over the record count limit: more dependencies than %llu",
				    (unsigned long long)c->lim->records);
	if (c->sink->dependency && (error = c->sink->dependency(c->sink, &row)) < 0)
		return error;
	c->dependencies++;
	ss_format_count(c->info, N_("dependency"));
	return 0;
}

/* ---- JSON ----------------------------------------------------------------- */

typedef struct {
	ss_cdx c;
	int64_t index[16]; /* the index of the element in each streamed array */
} jctx;

#define PTR_MAX 400

/* base + "/" + key (and "/" + i when i >= 0); cut short on overflow. */
static const char *ptr(char *buf, const char *base, const char *key, long i)
{
	int n = i >= 0 ? snprintf(buf, PTR_MAX, "%s/%s/%ld", base, key, i)
		       : snprintf(buf, PTR_MAX, "%s/%s", base, key);

	if (n < 0 || n >= PTR_MAX) /* cut short: say so */
		memcpy(buf + PTR_MAX - 4, "...", 4);
	return buf;
}

/* An optional string member: 0 when absent or a string, else an error. */
static int opt_str(const json_t *o, const char *key, const char *where, const char **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (!v)
		return 0;
	if (!json_is_string(v))
		return ss_error_set(SS_EPARSE, "%s/%s: not a string", where, key);
	*out = json_string_value(v);
	return 0;
}

static int req_str(const json_t *o, const char *key, const char *where, const char **out)
{
	int error = opt_str(o, key, where, out);

	if (error == 0 && !*out)
		return ss_error_set(SS_EPARSE, "%s: the required field '%s' is missing", where,
				    key);
	return error;
}

/* An optional array member (NULL when absent). */
static int opt_array(const json_t *o, const char *key, const char *where, json_t **out)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v && !json_is_array(v))
		return ss_error_set(SS_EPARSE, "%s/%s: not an array", where, key);
	*out = v;
	return 0;
}

static int need_object(const json_t *v, const char *where)
{
	return json_is_object(v) ? 0 : ss_error_set(SS_EPARSE, "%s: not an object", where);
}

static int check_ref(const json_t *o, const char *key, const char *where, const char **out)
{
	int error = opt_str(o, key, where, out);

	if (error == 0 && *out && !**out)
		return ss_error_set(SS_EPARSE,
				    "%s/%s: an empty ref (the schema wants one "
				    "character at least)",
				    where, key);
	return error;
}

/* An attachment: content required, encoding base64 when given. */
static int check_attachment(const json_t *a, const char *where)
{
	const char *s;
	int error;

	if (!a)
		return 0;
	if ((error = need_object(a, where)) < 0 || (error = req_str(a, "content", where, &s)) < 0 ||
	    (error = opt_str(a, "encoding", where, &s)) < 0)
		return error;
	if (s && strcmp(s, "base64") != 0)
		return ss_error_set(SS_EPARSE,
				    "%s/encoding: '%.60s' is not an encoding of "
				    "CycloneDX (base64)",
				    where, s);
	return 0;
}

static int check_properties(const json_t *o, const char *where, ss_cdx_row *r)
{
	char p[PTR_MAX];
	json_t *list, *e;
	const char *name, *value;
	size_t i;
	int error;

	if ((error = opt_array(o, "properties", where, &list)) < 0 || !list)
		return error;
	json_array_foreach(list, i, e) {
		ptr(p, where, "properties", (long)i);
		if ((error = need_object(e, p)) < 0 || (error = req_str(e, "name", p, &name)) < 0 ||
		    (error = opt_str(e, "value", p, &value)) < 0)
			return error;
		if (r && (error = ss_cdx_property(r, name, value, p)) < 0)
			return error;
	}
	return 0;
}

static int check_hashes(const json_t *o, const char *where, ss_cdx_row *r)
{
	char p[PTR_MAX];
	json_t *list, *e;
	const char *alg, *content;
	size_t i;
	int error, bad;

	if ((error = opt_array(o, "hashes", where, &list)) < 0 || !list)
		return error;
	json_array_foreach(list, i, e) {
		ptr(p, where, "hashes", (long)i);
		if ((error = need_object(e, p)) < 0 || (error = req_str(e, "alg", p, &alg)) < 0 ||
		    (error = req_str(e, "content", p, &content)) < 0)
			return error;
		if ((bad = ss_cdx_hash(alg, content)) == 1)
			return ss_error_set(SS_EPARSE,
					    "%s/alg: '%.60s' is not a hash algorithm of CycloneDX",
					    p, alg);
		if (bad)
			return ss_error_set(SS_EPARSE,
					    "%s/content: not a %s hash (hex of the algorithm's "
					    "length): '%.140s'",
					    p, alg, content);
		if (r && (error = ss_cdx_hash_add(r, alg, content)) < 0)
			return error;
	}
	return 0;
}

static int check_license(const json_t *l, const char *where, ss_cdx_row *r)
{
	const char *id, *name;
	char p[PTR_MAX];
	int error;

	if ((error = need_object(l, where)) < 0 || (error = opt_str(l, "id", where, &id)) < 0 ||
	    (error = opt_str(l, "name", where, &name)) < 0)
		return error;
	if (!id == !name)
		return ss_error_set(SS_EPARSE,
				    "%s: a license has exactly one of 'id' (SPDX) and 'name'",
				    where);
	if (id && ss_cdx_license_known && !ss_cdx_license_known(id))
		return ss_error_set(SS_EPARSE,
				    "%s/id: '%.100s' is not an SPDX license id (give it as "
				    "'name', or an expression)",
				    where, id);
	if ((error = check_attachment(json_object_get(l, "text"), ptr(p, where, "text", -1))) < 0 ||
	    (error = check_properties(l, where, NULL)) < 0)
		return error;
	if (r && ss_js_or_null(l, "acknowledgement") &&
	    strcmp(ss_js(l, "acknowledgement"), "concluded") == 0)
		ss_cdx_set(r, CDX_CONCLUDED, id ? id : name);
	return r ? ss_cdx_license_add(r, id ? id : name) : 0;
}

/*
 * A license choice. 1.2 to 1.6: a list of {license}, or exactly one
 * {expression}; 1.7 also takes several expressions and a mix of both (the
 * spec version may come after the components, so the 1.6 rule is applied at
 * the end, to the first mix seen: c->mix). The row's licenses: the first
 * expression or license acknowledged "concluded", else the first
 * expression, else the ids and names joined with " OR ".
 */
static int check_licenses(ss_cdx *c, const json_t *o, const char *where, ss_cdx_row *r)
{
	char p[PTR_MAX], lp[PTR_MAX];
	json_t *list, *e;
	const char *expr, *ack;
	size_t i;
	int error;

	if ((error = opt_array(o, "licenses", where, &list)) < 0 || !list)
		return error;
	json_array_foreach(list, i, e) {
		ptr(p, where, "licenses", (long)i);
		if ((error = need_object(e, p)) < 0 ||
		    (error = opt_str(e, "expression", p, &expr)) < 0 ||
		    (error = opt_str(e, "acknowledgement", p, &ack)) < 0)
			return error;
		if (expr) {
			if (json_object_get(e, "license"))
				return ss_error_set(SS_EPARSE,
						    "%s: a license choice has 'expression' or "
						    "'license', not both",
						    p);
			if (json_array_size(list) != 1 && !c->mix)
				c->mix = strdup(p);
			if (r)
				ss_cdx_set(r,
					   ack && strcmp(ack, "concluded") == 0 ? CDX_CONCLUDED
										: CDX_EXPRESSION,
					   expr);
			continue;
		}
		if (!json_object_get(e, "license"))
			return ss_error_set(SS_EPARSE,
					    "%s: a license choice has neither 'license' nor "
					    "'expression'",
					    p);
		if ((error = check_license(json_object_get(e, "license"), ptr(lp, p, "license", -1),
					   r)) < 0)
			return error;
	}
	return 0;
}

static int check_extrefs(const json_t *o, const char *where, ss_cdx_row *r)
{
	char p[PTR_MAX];
	json_t *list, *e;
	const char *type, *url;
	size_t i;
	int error;

	if ((error = opt_array(o, "externalReferences", where, &list)) < 0 || !list)
		return error;
	json_array_foreach(list, i, e) {
		ptr(p, where, "externalReferences", (long)i);
		if ((error = need_object(e, p)) < 0 || (error = req_str(e, "url", p, &url)) < 0 ||
		    (error = req_str(e, "type", p, &type)) < 0 ||
		    (error = check_hashes(e, p, NULL)) < 0)
			return error;
		if (r)
			ss_cdx_extref(r, type, url);
	}
	return 0;
}

/* A name-bearing organisation or person: {name?} */
static int entity_name(const json_t *o, const char *key, const char *where, const char **name)
{
	json_t *e = json_object_get(o, key);
	char p[PTR_MAX];
	int error;

	*name = NULL;
	if (!e)
		return 0;
	ptr(p, where, key, -1);
	if ((error = need_object(e, p)) < 0)
		return error;
	return opt_str(e, "name", p, name);
}

static int check_pedigree(jctx *j, const json_t *c, const char *where);
static int component(jctx *j, const json_t *c, const char *where, const char *parent, int root,
		     bool row);

static int check_component_list(jctx *j, const json_t *o, const char *key, const char *where,
				const char *parent, bool row)
{
	char p[PTR_MAX];
	json_t *list, *e;
	size_t i;
	int error;

	if ((error = opt_array(o, key, where, &list)) < 0 || !list)
		return error;
	json_array_foreach(list, i, e) {
		if ((error = component(j, e, ptr(p, where, key, (long)i), parent, 0, row)) < 0)
			return error;
	}
	return 0;
}

static int check_pedigree(jctx *j, const json_t *c, const char *where)
{
	json_t *ped = json_object_get(c, "pedigree"), *list, *e, *res, *is;
	char p[PTR_MAX], pp[PTR_MAX], ip[PTR_MAX];
	const char *type;
	size_t i, k;
	int error;

	if (!ped)
		return 0;
	ptr(p, where, "pedigree", -1);
	if ((error = need_object(ped, p)) < 0 ||
	    (error = check_component_list(j, ped, "ancestors", p, NULL, false)) < 0 ||
	    (error = check_component_list(j, ped, "descendants", p, NULL, false)) < 0 ||
	    (error = check_component_list(j, ped, "variants", p, NULL, false)) < 0 ||
	    (error = opt_array(ped, "patches", p, &list)) < 0 || !list)
		return error;
	json_array_foreach(list, i, e) {
		ptr(pp, p, "patches", (long)i);
		if ((error = need_object(e, pp)) < 0 || (error = req_str(e, "type", pp, &type)) < 0)
			return error;
		if (!ss_cdx_patch_type(type))
			return ss_error_set(SS_EPARSE,
					    "%s/type: '%.60s' is not a patch type of CycloneDX", pp,
					    type);
		if ((error = opt_array(e, "resolves", pp, &res)) < 0)
			return error;
		json_array_foreach(res, k, is) {
			ptr(ip, pp, "resolves", (long)k);
			if ((error = need_object(is, ip)) < 0 ||
			    (error = req_str(is, "type", ip, &type)) < 0)
				return error;
			if (!ss_cdx_issue_type(type))
				return ss_error_set(SS_EPARSE,
						    "%s/type: '%.60s' is not an issue type of "
						    "CycloneDX",
						    ip, type);
		}
	}
	return 0;
}

static int check_swid(const json_t *c, const char *where)
{
	json_t *s = json_object_get(c, "swid");
	char p[PTR_MAX], tp[PTR_MAX];
	const char *v;
	int error;

	if (!s)
		return 0;
	ptr(p, where, "swid", -1);
	if ((error = need_object(s, p)) < 0 || (error = req_str(s, "tagId", p, &v)) < 0 ||
	    (error = req_str(s, "name", p, &v)) < 0)
		return error;
	return check_attachment(json_object_get(s, "text"), ptr(tp, p, "text", -1));
}

static int check_evidence(ss_cdx *cdx, const json_t *c, const char *where, ss_cdx_row *r)
{
	json_t *ev = json_object_get(c, "evidence"), *list, *e;
	char p[PTR_MAX], op[PTR_MAX];
	const char *loc;
	size_t i;
	int error;

	if (!ev)
		return 0;
	ptr(p, where, "evidence", -1);
	if ((error = need_object(ev, p)) < 0 || (error = check_licenses(cdx, ev, p, NULL)) < 0 ||
	    (error = opt_array(ev, "occurrences", p, &list)) < 0)
		return error;
	json_array_foreach(list, i, e) {
		ptr(op, p, "occurrences", (long)i);
		if ((error = need_object(e, op)) < 0 ||
		    (error = req_str(e, "location", op, &loc)) < 0)
			return error;
		if (r && i == 0)
			ss_cdx_set(r, CDX_OCCURRENCE, loc);
	}
	return 0;
}

/*
 * One component: checked, and when row, handed to the sink (then its nested
 * components, with it as their parent). A component of a pedigree or of the
 * metadata's tools is only checked.
 */
static int component(jctx *j, const json_t *c, const char *where, const char *parent, int root,
		     bool row)
{
	ss_cdx_row r;
	const char *type, *name, *ref, *s, *scope;
	int64_t idx;
	char p[PTR_MAX], gen[32];
	json_t *list, *e;
	size_t i;
	int error;

	if ((error = need_object(c, where)) < 0)
		return error;
	if (!json_object_get(c, "type"))
		return ss_error_set(SS_EPARSE, "%s: the required field 'type' is missing", where);
	if ((error = req_str(c, "type", where, &type)) < 0)
		return error;
	if (!ss_cdx_component_type(type))
		return ss_error_set(SS_EPARSE,
				    "%s/type: '%.60s' is not a component type of CycloneDX", where,
				    type);
	if ((error = req_str(c, "name", where, &name)) < 0 ||
	    (error = check_ref(c, "bom-ref", where, &ref)) < 0 ||
	    (error = opt_str(c, "scope", where, &scope)) < 0)
		return error;
	if (scope && !ss_cdx_scope(scope))
		return ss_error_set(SS_EPARSE,
				    "%s/scope: '%.60s' is not a scope of CycloneDX (required, "
				    "optional, excluded)",
				    where, scope);
	if (json_object_get(c, "versionRange")) {
		json_t *ext = json_object_get(c, "isExternal");

		if (json_object_get(c, "version"))
			return ss_error_set(SS_EPARSE,
					    "%s: a component has 'version' or 'versionRange', not "
					    "both",
					    where);
		if (!json_is_true(ext))
			return ss_error_set(SS_EPARSE,
					    "%s/versionRange: only an external component "
					    "(isExternal true) has a version range",
					    where);
	}
	ss_cdx_row_init(&r);
	if (row) {
		if ((error = ss_cdx_count(&j->c)) < 0)
			goto out;
		idx = root ? 0 : ++j->c.index;
		if (!ref) {
			snprintf(gen, sizeof(gen), "#%lld", (long long)idx);
			ref = gen;
		}
		if ((error = ss_cdx_define(&j->c, ref, where)) < 0)
			goto out;
	}
	ss_cdx_set(&r, CDX_TYPE, type);
	ss_cdx_set(&r, CDX_NAME, name);
	ss_cdx_set(&r, CDX_SCOPE, scope);
	{
		static const struct {
			const char *key;
			int field;
		} plain[] = {{"group", CDX_GROUP},         {"version", CDX_VERSION},
			     {"purl", CDX_PURL},           {"cpe", CDX_CPE},
			     {"publisher", CDX_PUBLISHER}, {"author", CDX_AUTHOR}};

		for (i = 0; i < sizeof(plain) / sizeof(plain[0]); i++) {
			if ((error = opt_str(c, plain[i].key, where, &s)) < 0)
				goto out;
			ss_cdx_set(&r, plain[i].field, s);
		}
	}
	if ((error = entity_name(c, "supplier", where, &s)) < 0)
		goto out;
	ss_cdx_set(&r, CDX_SUPPLIER, s);
	if ((error = opt_array(c, "authors", where, &list)) < 0)
		goto out;
	json_array_foreach(list, i, e) {
		ptr(p, where, "authors", (long)i);
		if ((error = need_object(e, p)) < 0 || (error = opt_str(e, "name", p, &s)) < 0)
			goto out;
		if (s && ((r.authors.len && (error = ss_buf_puts(&r.authors, ", ")) < 0) ||
			  (error = ss_buf_puts(&r.authors, s)) < 0))
			goto out;
	}
	if ((error = check_hashes(c, where, &r)) < 0 ||
	    (error = check_licenses(&j->c, c, where, &r)) < 0 ||
	    (error = check_extrefs(c, where, &r)) < 0 ||
	    (error = check_properties(c, where, &r)) < 0 || (error = check_swid(c, where)) < 0 ||
	    (error = check_pedigree(j, c, where)) < 0 ||
	    (error = check_evidence(&j->c, c, where, &r)) < 0)
		goto out;
	if (row && (error = ss_cdx_emit(&j->c, &r, ref, parent, root)) < 0)
		goto out;
	{
		char *mine = row ? strdup(ref) : NULL;

		if (row && !mine) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		error = check_component_list(j, c, "components", where, mine, row);
		free(mine);
	}
out:
	ss_cdx_row_clear(&r);
	return error;
}

static int service(jctx *j, const json_t *sv, const char *where)
{
	char p[PTR_MAX], dp[PTR_MAX];
	const char *s, *ref;
	json_t *list, *e;
	size_t i;
	int error;

	if ((error = need_object(sv, where)) < 0 || (error = req_str(sv, "name", where, &s)) < 0 ||
	    (error = check_ref(sv, "bom-ref", where, &ref)) < 0 ||
	    (ref && (error = ss_cdx_define(&j->c, ref, where)) < 0) ||
	    (error = check_licenses(&j->c, sv, where, NULL)) < 0 ||
	    (error = check_properties(sv, where, NULL)) < 0 ||
	    (error = check_extrefs(sv, where, NULL)) < 0 ||
	    (error = opt_array(sv, "data", where, &list)) < 0)
		return error;
	json_array_foreach(list, i, e) {
		ptr(dp, where, "data", (long)i);
		if ((error = need_object(e, dp)) < 0 || (error = req_str(e, "flow", dp, &s)) < 0)
			return error;
		if (!ss_cdx_flow(s))
			return ss_error_set(SS_EPARSE,
					    "%s/flow: '%.60s' is not a data flow of CycloneDX "
					    "(inbound, outbound, bi-directional, unknown)",
					    dp, s);
		if (!json_object_get(e, "classification"))
			return ss_error_set(SS_EPARSE,
					    "%s: the required field 'classification' is missing",
					    dp);
	}
	if ((error = opt_array(sv, "services", where, &list)) < 0)
		return error;
	json_array_foreach(list, i, e) {
		if ((error = service(j, e, ptr(p, where, "services", (long)i))) < 0)
			return error;
	}
	return 0;
}

static int dependency(jctx *j, const json_t *d, const char *where)
{
	static const char *const lists[] = {"dependsOn", "provides"};
	char p[PTR_MAX];
	const char *ref, *to;
	json_t *list, *e;
	size_t i, k;
	int error;

	if ((error = need_object(d, where)) < 0 || (error = req_str(d, "ref", where, &ref)) < 0 ||
	    (error = check_ref(d, "ref", where, &ref)) < 0 ||
	    (error = ss_cdx_use(&j->c, ref, ptr(p, where, "ref", -1))) < 0)
		return error;
	for (k = 0; k < 2; k++) {
		if ((error = opt_array(d, lists[k], where, &list)) < 0)
			return error;
		json_array_foreach(list, i, e) {
			ptr(p, where, lists[k], (long)i);
			if (!json_is_string(e) || !*(to = json_string_value(e)))
				return ss_error_set(SS_EPARSE, "%s: not a ref (a non-empty string)",
						    p);
			if ((error = ss_cdx_use(&j->c, to, p)) < 0)
				return error;
			if (k == 0 && (error = ss_cdx_edge(&j->c, ref, to)) < 0)
				return error;
		}
	}
	return 0;
}

/* 1.7: who supplied which field. */
static int citation(jctx *j, const json_t *ci, const char *where)
{
	const char *ref, *s;
	int error;

	if ((error = need_object(ci, where)) < 0 ||
	    (error = check_ref(ci, "bom-ref", where, &ref)) < 0 ||
	    (ref && (error = ss_cdx_define(&j->c, ref, where)) < 0) ||
	    (error = opt_str(ci, "attributedTo", where, &s)) < 0 ||
	    (error = opt_str(ci, "process", where, &s)) < 0 ||
	    (error = opt_str(ci, "timestamp", where, &s)) < 0)
		return error;
	if (!json_object_get(ci, "attributedTo") && !json_object_get(ci, "process"))
		return ss_error_set(SS_EPARSE,
				    "%s: a citation names 'attributedTo' or 'process' (or both)",
				    where);
	if (!json_object_get(ci, "pointers") == !json_object_get(ci, "expressions"))
		return ss_error_set(
			SS_EPARSE, "%s: a citation has exactly one of 'pointers' and 'expressions'",
			where);
	return 0;
}

static const char *const streamed[] = {"components",      "services",     "dependencies",
				       "vulnerabilities", "compositions", "annotations",
				       "formulation",     "citations",    NULL};

static int one_element(void *vctx, const char *key, json_t *e)
{
	jctx *j = vctx;
	char where[PTR_MAX];
	size_t k;

	for (k = 0; streamed[k] && strcmp(streamed[k], key) != 0; k++)
		;
	snprintf(where, sizeof(where), "/%s/%lld", key, (long long)j->index[k]++);
	if (k == 0)
		return component(j, e, where, NULL, 0, true);
	if (k == 1)
		return service(j, e, where);
	if (k == 2)
		return dependency(j, e, where);
	if (k == 7)
		return citation(j, e, where);
	return 0; /* read (under the caps) and dropped */
}

static int metadata(jctx *j, const json_t *m)
{
	char p[PTR_MAX];
	const char *s, *v;
	json_t *list, *e, *comp;
	size_t i;
	int error;

	if (!m)
		return 0;
	if ((error = need_object(m, "/metadata")) < 0)
		return error;
	{
		const char *key;
		json_t *mv;

		json_object_foreach((json_t *)m, key, mv) {
			if (!ss_cdx_metadata_member(key))
				return ss_error_set(SS_EPARSE,
						    "/metadata/%.60s: not a member of the metadata "
						    "in CycloneDX",
						    key);
		}
	}
	if ((e = json_object_get(m, "distributionConstraints")) &&
	    (!json_is_object(e) || (json_object_get(e, "tlp") && !ss_cdx_tlp(ss_js(e, "tlp")))))
		return ss_error_set(SS_EPARSE,
				    "/metadata/distributionConstraints/tlp: not a TLP "
				    "classification (CLEAR, GREEN, AMBER, AMBER_AND_STRICT, RED)");
	if ((error = opt_str(m, "timestamp", "/metadata", &s)) < 0)
		return error;
	if (s && !ss_cdx_timestamp(s, false))
		return ss_error_set(SS_EPARSE,
				    "/metadata/timestamp: '%.60s' is not an RFC 3339 date-time "
				    "(2024-05-01T12:00:00Z)",
				    s);
	j->c.timestamp = s ? strdup(s) : NULL;
	if ((error = check_licenses(&j->c, m, "/metadata", NULL)) < 0 ||
	    (error = check_properties(m, "/metadata", NULL)) < 0 ||
	    (error = entity_name(m, "supplier", "/metadata", &s)) < 0)
		return error;
	j->c.supplier = s ? strdup(s) : NULL;
	if ((error = opt_array(m, "authors", "/metadata", &list)) < 0)
		return error;
	json_array_foreach(list, i, e) {
		ptr(p, "/metadata", "authors", (long)i);
		if ((error = need_object(e, p)) < 0 || (error = opt_str(e, "name", p, &s)) < 0)
			return error;
		if (s)
			json_array_append_new(j->c.authors, json_string(s));
	}
	/* tools: a list of {vendor, name, version} (1.2 to 1.4, deprecated
	 * after), or {components: [...], services: [...]} (1.5 on) */
	e = json_object_get(m, "tools");
	if (json_is_array(e)) {
		json_array_foreach(e, i, comp) {
			ptr(p, "/metadata", "tools", (long)i);
			if ((error = need_object(comp, p)) < 0 ||
			    (error = opt_str(comp, "name", p, &s)) < 0 ||
			    (error = opt_str(comp, "version", p, &v)) < 0 ||
			    (error = check_hashes(comp, p, NULL)) < 0)
				return error;
			if (s && (error = ss_cdx_tool(&j->c, s, v)) < 0)
				return error;
		}
	} else if (json_is_object(e)) {
		if ((error = check_component_list(j, e, "components", "/metadata/tools", NULL,
						  false)) < 0 ||
		    (error = opt_array(e, "components", "/metadata/tools", &list)) < 0)
			return error;
		json_array_foreach(list, i, comp) {
			s = ss_js_or_null(comp, "name");
			v = ss_js_or_null(comp, "version");
			if (s && (error = ss_cdx_tool(&j->c, s, v)) < 0)
				return error;
		}
	} else if (e) {
		return ss_error_set(SS_EPARSE, "/metadata/tools: not an array or an object");
	}
	if ((comp = json_object_get(m, "component")))
		return component(j, comp, "/metadata/component", NULL, 1, true);
	return 0;
}

static int top_level(jctx *j, const json_t *top)
{
	const char *s;
	json_t *v;
	int error;

	if (!(s = ss_js_or_null(top, "bomFormat")))
		return ss_error_set(SS_EPARSE, "/bomFormat: missing: not a CycloneDX SBOM");
	if (strcmp(s, "CycloneDX") != 0)
		return ss_error_set(SS_EPARSE, "/bomFormat: '%.60s', not \"CycloneDX\"", s);
	if (!(s = ss_js_or_null(top, "specVersion")))
		return ss_error_set(SS_EPARSE, "/specVersion: the required field is missing");
	if (!ss_cdx_spec_version(s))
		return ss_error_set(SS_EPARSE,
				    "/specVersion: '%.60s' is not a CycloneDX version this "
				    "importer reads (1.2 to 1.7)",
				    s);
	j->c.spec = strdup(s);
	if ((v = json_object_get(top, "serialNumber"))) {
		if (!json_is_string(v) || !ss_cdx_serial(json_string_value(v)))
			return ss_error_set(SS_EPARSE,
					    "/serialNumber: '%.80s' is not urn:uuid: and an RFC "
					    "4122 UUID in lowercase",
					    json_is_string(v) ? json_string_value(v) : "?");
		j->c.serial = strdup(json_string_value(v));
	}
	if ((v = json_object_get(top, "version")) &&
	    (!json_is_integer(v) || json_integer_value(v) < 1))
		return ss_error_set(SS_EPARSE, "/version: not an integer of 1 or more");
	if ((error = metadata(j, json_object_get(top, "metadata"))) < 0)
		return error;
	if (j->c.mix && strcmp(j->c.spec, "1.7") != 0)
		return ss_error_set(SS_EPARSE,
				    "%s: an expression must be the only entry of 'licenses' before "
				    "CycloneDX 1.7 (no other expression or license beside it)",
				    j->c.mix);
	if ((v = json_object_get(top, "properties"))) {
		json_t *wrap = json_pack("{sO}", "properties", v);

		error = check_properties(wrap, "", NULL);
		json_decref(wrap);
	}
	return error;
}

int ss_format_cyclonedx_json(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim,
			     json_t *info)
{
	jctx j;
	json_t *top = NULL;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_cyclonedx_json: NULL argument");
	memset(&j, 0, sizeof(j));
	ss_cdx_init(&j.c, out, in->path, lim ? lim : &ss_sbom_limits, info);
	if ((error = ss_jstream_all(&top, in, streamed, one_element, &j, j.c.lim)) < 0)
		goto out;
	if ((error = top_level(&j, top)) < 0) {
		ss_error_prefix(error, "%s: ", in->path);
		goto out;
	}
	error = ss_cdx_finish(&j.c, "json");
out:
	json_decref(top);
	ss_cdx_release(&j.c);
	return error;
}
