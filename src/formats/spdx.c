/*
 * SPDX 2.2 and 2.3 documents: JSON (streamed) and tag-value (line by line),
 * each in one pass. Packages, and files that carry checksums, become
 * components; DEPENDS_ON / DEPENDENCY_OF and CONTAINS / CONTAINED_BY
 * relationships (and a JSON package's hasFiles, a tag-value file listed
 * after its package) become edges; documentDescribes and DESCRIBES mark the
 * roots. Both encodings build the same JSON shape for an element, so that
 * the same document gives the same rows. docs/internals/sbom-spdx.md.
 *
 * The rows are kept until the end: a root, an annotation or a relationship
 * may come after the element it names, and a relationship may name an
 * element that comes later. Memory is therefore a fraction of the input
 * (the strings a row keeps), bounded by the record cap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/jsonstream.h"
#include "formats/sbom.h"
#include "util/util.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/*
 * A 100 MB document must fit: syft's SPDX JSON is about 1 KB a package and
 * 400 bytes a file, so 100 MB is some 250,000 elements and as many
 * relationships, about 6 million JSON values. The caps leave tenfold room.
 * One record is one element (a package with its external references, a
 * licence text of hasExtractedLicensingInfos): 16 MiB and a million values
 * hold the largest seen by far. The depth of SPDX JSON is 5.
 */
static const ss_import_limits spdx_limits = {
	.bytes = (uint64_t)1024 * MiB,
	.string = 8 * MiB,
	.values = 200000000,
	.depth = 32,
	.records = 10000000,
	.record_bytes = 16 * MiB,
	.record_values = 1000000,
};

enum { ID_DOCUMENT = -1, ID_OTHER = -2 }; /* a snippet, a file without checksums */
enum { EL_PACKAGE, EL_FILE, EL_SNIPPET };
enum { R_DEPENDS, R_CONTAINS, R_DESCRIBES, R_OTHER };

typedef struct {
	char *key;
	int64_t val; /* the component's index, or ID_* */
} slot;

typedef struct {
	slot *s;
	size_t cap, len;
} idmap;

typedef struct {
	const char *ref; /* the map's key */
	const char *type;
	char *name, *version, *purl, *cpe, *licenses, *supplier, *brought_by, *repository;
	char *hashes, *file, *vuln_contact;
	int root, by_comment;
} comp;

/* Where a relationship was read: JSON /list/i[/sub/j], tag-value line i. */
typedef struct {
	const char *list, *sub;
	int64_t i, j;
} rpos;

typedef struct {
	char *a, *b; /* a KIND b, turned so that a is the "from" */
	int kind;
	rpos at;
} rel;

typedef struct {
	char *id, *value;
} annot;

typedef struct {
	const char *list; /* JSON: packages, files, snippets */
	int64_t index;
	uint64_t line; /* tag-value: the element's first line */
} pos;

typedef struct {
	ss_sbom_sink *out;
	ss_input *in;
	const ss_import_limits *lim;
	json_t *info;
	const char *encoding;
	int tv; /* tag-value: positions are lines */
	idmap ids;
	comp *comps;
	size_t ncomps, capcomps;
	rel *rels;
	size_t nrels, caprels;
	annot *annots;
	size_t nannots, capannots;
	int64_t n_packages, n_files, n_snippets, n_rels, n_describes, n_annots, n_graph;
	/* SPDX 3.0: what is resolved at the end */
	int v3;
	json_t *v3_names;    /* agent spdxId -> "Organization: name" ... */
	json_t *v3_lic;      /* licence spdxId -> expression */
	json_t *v3_licrel;   /* element spdxId -> {"c": licence id, "d": licence id} */
	json_t *v3_supplied; /* element spdxId -> agent spdxId */
	json_t *v3_doc;      /* the first SpdxDocument, the first CreationInfo */
	json_t *v3_ci;
	uint64_t records;
} spdx;

/* ---- small helpers ------------------------------------------------------ */

static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	/* ids differ in their last bytes: mix them into the low bits the table uses */
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return (size_t)h;
}

static slot *map_find(const idmap *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->s[i].key && strcmp(m->s[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->s[i];
}

/* The value of key, or NULL. */
static const slot *map_get(const idmap *m, const char *key)
{
	const slot *s;

	if (!m->cap)
		return NULL;
	s = map_find(m, key);
	return s->key ? s : NULL;
}

/* Add key (copied); *out is the slot. 1 added, 0 already there, or SS_ENOMEM. */
static int map_add(idmap *m, const char *key, int64_t val, slot **out)
{
	slot *s;

	if ((m->len + 1) * 2 > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024, i;
		idmap n = {calloc(cap, sizeof(slot)), cap, m->len};

		if (!n.s)
			return ss_error_set(SS_ENOMEM, "out of memory");
		for (i = 0; i < m->cap; i++)
			if (m->s[i].key)
				*map_find(&n, m->s[i].key) = m->s[i];
		free(m->s);
		*m = n;
	}
	s = map_find(m, key);
	*out = s;
	if (s->key)
		return 0;
	if (!(s->key = strdup(key)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	s->val = val;
	m->len++;
	return 1;
}

static void map_release(idmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->s[i].key);
	free(m->s);
	memset(m, 0, sizeof(*m));
}

/* Make room for one more of an array of size elements. */
static int grow(void **p, size_t *cap, size_t len, size_t size)
{
	size_t n;
	void *q;

	if (len < *cap)
		return 0;
	n = *cap ? *cap * 2 : 256;
	if (!(q = realloc(*p, n * size)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	*p = q;
	*cap = n;
	return 0;
}

static int sdup(char **out, const char *s)
{
	*out = NULL;
	if (s && !(*out = strdup(s)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

static int sdupn(char **out, const char *s, size_t n)
{
	if (!(*out = malloc(n + 1)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	memcpy(*out, s, n);
	(*out)[n] = '\0';
	return 0;
}

static int is_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* NOASSERTION and NONE say nothing. */
static int says_nothing(const char *s)
{
	return !s || !*s || strcmp(s, "NOASSERTION") == 0 || strcmp(s, "NONE") == 0;
}

/* An element outside this document: another document's, or unspecified. */
static int external_id(const char *s)
{
	static const char *const v3[] = {"/NoAssertionElement", "/NoneElement",
					 "/NoAssertionLicense", "/NoneLicense"};
	size_t n = strlen(s);

	for (size_t i = 0; i < sizeof(v3) / sizeof(v3[0]); i++)
		if (n > strlen(v3[i]) && strcmp(s + n - strlen(v3[i]), v3[i]) == 0)
			return 1; /* SPDX 3.0's individuals */
	return strcmp(s, "NOASSERTION") == 0 || strcmp(s, "NONE") == 0 ||
	       strncmp(s, "DocumentRef-", 12) == 0;
}

/* SPDX 3.0: an IRI or a blank node; not blank. */
static int valid_iri(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return 1;
}

/* "SPDXRef-" and at least one more byte, none of them space. */
static int valid_id(const char *s)
{
	if (strncmp(s, "SPDXRef-", 8) != 0 || !s[8])
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s <= ' ')
			return 0;
	return 1;
}

/* "secspec:brought-by: X" on a line of text: X (malloc'ed), or NULL. */
static int brought_by(char **out, const char *text)
{
	static const char key[] = "secspec:brought-by:";
	const char *p = text;

	*out = NULL;
	while (p && *p) {
		const char *end = strchr(p, '\n'), *e;

		e = end ? end : p + strlen(p);
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if ((size_t)(e - p) >= sizeof(key) - 1 && memcmp(p, key, sizeof(key) - 1) == 0) {
			p += sizeof(key) - 1;
			while (p < e && is_space(*p))
				p++;
			while (e > p && is_space(e[-1]))
				e--;
			if (e > p)
				return sdupn(out, p, (size_t)(e - p));
		}
		p = end ? end + 1 : NULL;
	}
	return 0;
}

/* "Organization: Name (mail)" -> "Name": the prefix and an e-mail part dropped. */
static int party_name(char **out, const char *s)
{
	const char *e, *open;

	*out = NULL;
	if (says_nothing(s))
		return 0;
	if (strncmp(s, "Organization:", 13) == 0)
		s += 13;
	else if (strncmp(s, "Person:", 7) == 0)
		s += 7;
	else if (strncmp(s, "Tool:", 5) == 0)
		s += 5;
	while (is_space(*s))
		s++;
	e = s + strlen(s);
	while (e > s && is_space(e[-1]))
		e--;
	if (e > s && e[-1] == ')' && (open = memchr(s, '(', (size_t)(e - s)))) {
		const char *at = memchr(open, '@', (size_t)(e - open));

		if (at || e - open == 2) { /* "(mail@host)" or "()" */
			e = open;
			while (e > s && is_space(e[-1]))
				e--;
		}
	}
	return e > s ? sdupn(out, s, (size_t)(e - s)) : 0;
}

/* ---- positions ---------------------------------------------------------- */

/*
 * Where a field of an element is: "/packages/3/checksums/0/algorithm" (JSON;
 * ss_jstream_all puts the file, line and byte before it), or
 * "FILE: line 57 (PackageChecksum)" (tag-value; the line of sub when it has
 * one, else the element's).
 */
static const char *where(spdx *c, char *buf, size_t n, const pos *p, const json_t *sub,
			 const char *field, const char *tag)
{
	if (c->tv) {
		json_int_t line = json_integer_value(json_object_get(sub, "__line"));

		snprintf(buf, n, "%s: line %llu (%s)", c->in->path,
			 (unsigned long long)(line > 0 ? (uint64_t)line : p->line), tag);
	} else {
		snprintf(buf, n, "/%s/%lld%s%s", p->list, (long long)p->index, *field ? "/" : "",
			 field);
	}
	return buf;
}

static const char *rel_where(spdx *c, char *buf, size_t n, const rel *r)
{
	if (!r->at.list)
		snprintf(buf, n, "line %lld", (long long)r->at.i);
	else if (r->at.sub)
		snprintf(buf, n, "/%s/%lld/%s/%lld", r->at.list, (long long)r->at.i, r->at.sub,
			 (long long)r->at.j);
	else
		snprintf(buf, n, "/%s/%lld", r->at.list, (long long)r->at.i);
	(void)c;
	return buf;
}

/* A string member: *out borrowed, NULL when absent; present and not a string is refused. */
static int get_str(spdx *c, const char **out, const json_t *o, const char *key, const pos *p,
		   const char *field, const char *tag, int required)
{
	json_t *v = json_object_get(o, key);
	char w[256];

	*out = json_string_value(v);
	if (v && !json_is_string(v))
		return ss_error_set(SS_EPARSE, "%s: not a string",
				    where(c, w, sizeof(w), p, o, field, tag));
	if (required && (!*out || !**out))
		return ss_error_set(SS_EPARSE, "%s: missing (SPDX requires it)",
				    where(c, w, sizeof(w), p, o, field, tag));
	return 0;
}

/* ---- relationships and records ------------------------------------------ */

static int one_record(spdx *c)
{
	/* ss_jstream_all counts the JSON records; tag-value counts here */
	if (c->tv && ++c->records > c->lim->records)
		return ss_error_set(SS_ELIMIT,
				    "over the record count limit: more than %llu records",
				    (unsigned long long)c->lim->records);
	return 0;
}

/* Keep a relationship "a TYPE b" for the end. */
static int add_rel(spdx *c, const char *a, const char *type, const char *b, rpos at)
{
	rel *r;
	int kind = R_OTHER, swap = 0, error;

	if (strcmp(type, "DEPENDS_ON") == 0)
		kind = R_DEPENDS;
	else if (strcmp(type, "DEPENDENCY_OF") == 0)
		kind = R_DEPENDS, swap = 1;
	else if (strcmp(type, "CONTAINS") == 0)
		kind = R_CONTAINS;
	else if (strcmp(type, "CONTAINED_BY") == 0)
		kind = R_CONTAINS, swap = 1;
	else if (strcmp(type, "DESCRIBES") == 0)
		kind = R_DESCRIBES;
	else if (strcmp(type, "DESCRIBED_BY") == 0)
		kind = R_DESCRIBES, swap = 1;
	if ((error = grow((void **)&c->rels, &c->caprels, c->nrels, sizeof(rel))) < 0)
		return error;
	r = &c->rels[c->nrels];
	memset(r, 0, sizeof(*r));
	r->kind = kind;
	r->at = at;
	if ((error = sdup(&r->a, swap ? b : a)) < 0 || (error = sdup(&r->b, swap ? a : b)) < 0) {
		free(r->a);
		return error;
	}
	c->nrels++;
	return 0;
}

static int add_annot(spdx *c, const char *id, const char *comment)
{
	char *v = NULL;
	int error;

	if ((error = brought_by(&v, comment)) < 0 || !v)
		return error;
	if ((error = grow((void **)&c->annots, &c->capannots, c->nannots, sizeof(annot))) < 0 ||
	    (error = sdup(&c->annots[c->nannots].id, id)) < 0) {
		free(v);
		return error;
	}
	c->annots[c->nannots++].value = v;
	return 0;
}

/* ---- elements ----------------------------------------------------------- */

static const struct {
	const char *spdx, *v3, *cdx; /* cdx NULL: not a hash of the content, skipped */
	size_t hex;                  /* digits; 0: any even number */
} algorithms[] = {
	{"SHA1", "sha1", "SHA-1", 40},
	{"SHA224", "sha224", "SHA-224", 56},
	{"SHA256", "sha256", "SHA-256", 64},
	{"SHA384", "sha384", "SHA-384", 96},
	{"SHA512", "sha512", "SHA-512", 128},
	{"SHA3-224", "sha3_224", "SHA3-224", 56},
	{"SHA3-256", "sha3_256", "SHA3-256", 64},
	{"SHA3-384", "sha3_384", "SHA3-384", 96},
	{"SHA3-512", "sha3_512", "SHA3-512", 128},
	{"BLAKE2b-256", "blake2b256", "BLAKE2b-256", 64},
	{"BLAKE2b-384", "blake2b384", "BLAKE2b-384", 96},
	{"BLAKE2b-512", "blake2b512", "BLAKE2b-512", 128},
	{"BLAKE3", "blake3", "BLAKE3", 0},
	{"MD2", "md2", "MD2", 32},
	{"MD4", "md4", "MD4", 32},
	{"MD5", "md5", "MD5", 32},
	{"MD6", "md6", "MD6", 0},
	{"ADLER32", "adler32", "ADLER32", 8},
	{"-", "crystalsDilithium", NULL, 0},
	{"-", "crystalsKyber", NULL, 0},
	{"-", "falcon", NULL, 0},
	{"-", "other", NULL, 0},
};

static const char *const purposes[] = {
	"APPLICATION", "application", "FRAMEWORK",        "framework",        "LIBRARY", "library",
	"CONTAINER",   "container",   "OPERATING-SYSTEM", "operating-system", "DEVICE",  "device",
	"FIRMWARE",    "firmware",    "SOURCE",           "source",           "ARCHIVE", "archive",
	"FILE",        "file",        "INSTALL",          "install",          "OTHER",   "other",
};

/* SPDX 3.0 software_primaryPurpose -> the CycloneDX type (as given when the
 * two agree; "library" when absent). */
static const char *v3_type(const char *s)
{
	static const char *const map[] = {
		"operatingSystem",
		"operating-system",
		"deviceDriver",
		"device-driver",
		"model",
		"machine-learning-model",
		"application",
		"application",
		"framework",
		"framework",
		"library",
		"library",
		"container",
		"container",
		"device",
		"device",
		"firmware",
		"firmware",
		"file",
		"file",
		"platform",
		"platform",
		"data",
		"data",
		"source",
		"source",
		"archive",
		"archive",
		"install",
		"install",
	};

	for (size_t i = 0; *s && i < sizeof(map) / sizeof(map[0]); i += 2)
		if (strcmp(s, map[i]) == 0)
			return map[i + 1];
	return *s ? "other" : "library";
}

/* checksums -> the canonical JSON object {"SHA-256": "hex", ...}, NULL when none. */
static int hashes_of(spdx *c, char **out, const json_t *e, const pos *p, const char *tag, int v3)
{
	const char *lkey = v3 ? "verifiedUsing" : "checksums",
		   *vkey = v3 ? "hashValue" : "checksumValue";
	json_t *list = json_object_get(e, lkey), *v, *h = NULL;
	ss_buf buf = SS_BUF_INIT(1 * MiB);
	char w[256], field[64];
	size_t i, k;
	int error = 0;

	*out = NULL;
	if (!list)
		return 0;
	if (!json_is_array(list))
		return ss_error_set(SS_EPARSE, "%s: not an array",
				    where(c, w, sizeof(w), p, e, lkey, tag));
	if (json_array_size(list) == 0)
		return 0;
	if (!(h = json_object()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	json_array_foreach(list, i, v) {
		const char *alg, *val;
		char hex[1024];
		size_t n;
		json_t *had;

		snprintf(field, sizeof(field), "%s/%zu/algorithm", lkey, i);
		if (!json_is_object(v)) {
			error = ss_error_set(SS_EPARSE, "%s: not an object",
					     where(c, w, sizeof(w), p, e, field, tag));
			goto out;
		}
		if (v3 && strcmp(ss_js(v, "type"), "Hash") != 0)
			continue; /* a PackageVerificationCode, an IntegrityMethod */
		if ((error = get_str(c, &alg, v, "algorithm", p, field, tag, 1)) < 0)
			goto out;
		snprintf(field, sizeof(field), "%s/%zu/%s", lkey, i, vkey);
		if ((error = get_str(c, &val, v, vkey, p, field, tag, 1)) < 0)
			goto out;
		for (k = 0; k < sizeof(algorithms) / sizeof(algorithms[0]); k++)
			if (strcmp(alg, v3 ? algorithms[k].v3 : algorithms[k].spdx) == 0 &&
			    (v3 || algorithms[k].cdx))
				break;
		snprintf(field, sizeof(field), "%s/%zu/algorithm", lkey, i);
		if (k == sizeof(algorithms) / sizeof(algorithms[0])) {
			error = ss_error_set(SS_EPARSE,
					     "%s: unknown checksum algorithm '%.40s' (SPDX 2.3 has "
					     "SHA1, SHA256, SHA512, MD5, BLAKE2b-256 ...)",
					     where(c, w, sizeof(w), p, v, field, tag), alg);
			goto out;
		}
		if (!algorithms[k].cdx)
			continue;
		snprintf(field, sizeof(field), "%s/%zu/%s", lkey, i, vkey);
		n = strlen(val);
		if (n >= sizeof(hex) || n % 2 || (algorithms[k].hex && n != algorithms[k].hex) ||
		    strspn(val, "0123456789abcdefABCDEF") != n) {
			error = ss_error_set(SS_EPARSE,
					     "%s: a %s checksum must be %zu hexadecimal digits",
					     where(c, w, sizeof(w), p, v, field, tag), alg,
					     algorithms[k].hex ? algorithms[k].hex : (size_t)64);
			goto out;
		}
		for (size_t j = 0; j <= n; j++)
			hex[j] = (val[j] >= 'A' && val[j] <= 'F') ? (char)(val[j] - 'A' + 'a')
								  : val[j];
		if ((had = json_object_get(h, algorithms[k].cdx))) {
			if (strcmp(json_string_value(had), hex) != 0) {
				error = ss_error_set(SS_EPARSE,
						     "%s: a second %s checksum that differs from "
						     "the first",
						     where(c, w, sizeof(w), p, v, field, tag), alg);
				goto out;
			}
			continue;
		}
		if (json_object_set_new(h, algorithms[k].cdx, json_string(hex)) < 0) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
	}
	if (json_object_size(h) == 0)
		goto out;
	if ((error = ss_json_canonical(&buf, h)) < 0)
		goto out;
	error = sdup(out, buf.ptr);
out:
	json_decref(h);
	ss_buf_release(&buf);
	return error;
}

/* purl, cpe (cpe23Type before cpe22Type) and advisory of externalRefs. */
static int refs_of(spdx *c, comp *k, const json_t *e, const pos *p)
{
	json_t *list = json_object_get(e, "externalRefs"), *v;
	const char *purl = NULL, *cpe23 = NULL, *cpe22 = NULL, *adv = NULL;
	char w[256], field[64];
	size_t i;
	int error;

	if (!list)
		return 0;
	if (!json_is_array(list))
		return ss_error_set(SS_EPARSE, "%s: not an array",
				    where(c, w, sizeof(w), p, e, "externalRefs", "ExternalRef"));
	json_array_foreach(list, i, v) {
		const char *type, *loc;

		snprintf(field, sizeof(field), "externalRefs/%zu/referenceType", i);
		if (!json_is_object(v))
			return ss_error_set(SS_EPARSE, "%s: not an object",
					    where(c, w, sizeof(w), p, v, field, "ExternalRef"));
		if ((error = get_str(c, &type, v, "referenceType", p, field, "ExternalRef", 1)) < 0)
			return error;
		snprintf(field, sizeof(field), "externalRefs/%zu/referenceLocator", i);
		if ((error = get_str(c, &loc, v, "referenceLocator", p, field, "ExternalRef", 1)) <
		    0)
			return error;
		if (!purl && strcmp(type, "purl") == 0)
			purl = loc;
		else if (!cpe23 && strcmp(type, "cpe23Type") == 0)
			cpe23 = loc;
		else if (!cpe22 && strcmp(type, "cpe22Type") == 0)
			cpe22 = loc;
		else if (!adv && strcmp(type, "advisory") == 0)
			adv = loc;
	}
	if ((error = sdup(&k->purl, purl)) < 0 ||
	    (error = sdup(&k->cpe, cpe23 ? cpe23 : cpe22)) < 0)
		return error;
	return sdup(&k->vuln_contact, adv);
}

static void comp_release(comp *k)
{
	free(k->name);
	free(k->version);
	free(k->purl);
	free(k->cpe);
	free(k->licenses);
	free(k->supplier);
	free(k->brought_by);
	free(k->repository);
	free(k->hashes);
	free(k->file);
	free(k->vuln_contact);
}

/* brought_by from the element's own annotations (JSON), else its comment. */
static int brought_by_of(comp *k, const json_t *e)
{
	json_t *list = json_object_get(e, "annotations"), *v;
	size_t i;
	int error;

	json_array_foreach(list, i, v) {
		if ((error = brought_by(&k->brought_by, ss_js(v, "comment"))) < 0)
			return error;
		if (k->brought_by)
			return 0;
	}
	if ((error = brought_by(&k->brought_by, ss_js(e, "comment"))) < 0)
		return error;
	k->by_comment = k->brought_by != NULL;
	return 0;
}

/*
 * One package, file or snippet, in the JSON shape whatever the encoding
 * (tag-value adds "__line" to the element and to each checksum). *id is
 * the element's SPDXID (borrowed from the map) for the caller's edges.
 */
static int add_element(spdx *c, const json_t *e, int kind, const pos *p, const char **id)
{
	static const char *const what[] = {"package", "file", "snippet"};
	static const char *const id_tag[] = {"SPDXID", "SPDXID", "SnippetSPDXID"};
	const char *spdxid, *name = NULL, *s, *s2;
	char w[256];
	comp k = {0};
	slot *sl;
	int error;

	*id = NULL;
	if (!json_is_object(e))
		return ss_error_set(SS_EPARSE, "%s: a %s is not an object",
				    where(c, w, sizeof(w), p, e, "", what[kind]), what[kind]);
	if ((error = get_str(c, &spdxid, e, "SPDXID", p, c->v3 ? "spdxId" : "SPDXID", id_tag[kind],
			     1)) < 0)
		return error;
	if (c->v3 ? !valid_iri(spdxid) : !valid_id(spdxid))
		return ss_error_set(SS_EPARSE,
				    "%s: '%.80s' is not an SPDX id (SPDXRef-..., an IRI)",
				    where(c, w, sizeof(w), p, e, "SPDXID", id_tag[kind]), spdxid);
	if (kind == EL_PACKAGE) {
		if ((error = get_str(c, &name, e, "name", p, "name", "PackageName", 1)) < 0 ||
		    (error = get_str(c, &s, e, "downloadLocation", p, "downloadLocation",
				     "PackageDownloadLocation", 1)) < 0)
			return error;
	} else if (kind == EL_FILE) {
		if ((error = get_str(c, &name, e, "fileName", p, "fileName", "FileName", 1)) < 0)
			return error;
	}
	if (kind != EL_SNIPPET &&
	    (error = hashes_of(c, &k.hashes, e, p,
			       kind == EL_PACKAGE ? "PackageChecksum" : "FileChecksum", c->v3)) < 0)
		return error;
	if (kind == EL_SNIPPET || (kind == EL_FILE && !k.hashes)) {
		if ((error = map_add(&c->ids, spdxid, ID_OTHER, &sl)) < 0)
			return error;
		if (error == 0)
			return ss_error_set(
				SS_EPARSE, "%s: a second element with the SPDXID '%.80s'",
				where(c, w, sizeof(w), p, e, "SPDXID", id_tag[kind]), spdxid);
		*id = sl->key;
		ss_format_count(c->info,
				kind == EL_SNIPPET ? N_("snippet") : N_("file without checksum"));
		return 0;
	}
	if ((error = map_add(&c->ids, spdxid, (int64_t)c->ncomps, &sl)) < 0)
		goto out;
	if (error == 0) {
		error = ss_error_set(SS_EPARSE, "%s: a second element with the SPDXID '%.80s'",
				     where(c, w, sizeof(w), p, e, "SPDXID", id_tag[kind]), spdxid);
		goto out;
	}
	k.ref = sl->key;
	*id = sl->key;
	if (kind == EL_FILE) {
		while (name[0] == '.' && name[1] == '/')
			name += 2;
		k.type = "file";
		if ((error = sdup(&k.name, name)) < 0 || (error = sdup(&k.file, name)) < 0)
			goto out;
	} else {
		k.type = "library";
		if ((error = get_str(c, &s, e, "primaryPackagePurpose", p, "primaryPackagePurpose",
				     "PrimaryPackagePurpose", 0)) < 0)
			goto out;
		if (c->v3) {
			k.type = v3_type(ss_js(e, "software_primaryPurpose"));
		} else if (s) {
			size_t i;

			for (i = 0; i < sizeof(purposes) / sizeof(purposes[0]); i += 2)
				if (strcmp(s, purposes[i]) == 0)
					break;
			if (i == sizeof(purposes) / sizeof(purposes[0])) {
				error = ss_error_set(
					SS_EPARSE,
					"%s: '%.40s' is not a purpose of SPDX 2.3 (APPLICATION, "
					"LIBRARY, CONTAINER, OPERATING-SYSTEM ...)",
					where(c, w, sizeof(w), p, e, "primaryPackagePurpose",
					      "PrimaryPackagePurpose"),
					s);
				goto out;
			}
			k.type = purposes[i + 1];
		}
		if ((error = sdup(&k.name, name)) < 0 ||
		    (error = get_str(c, &s, e, "versionInfo", p, "versionInfo", "PackageVersion",
				     0)) < 0 ||
		    (error = sdup(&k.version, s)) < 0 ||
		    (error = get_str(c, &s, e, "supplier", p, "supplier", "PackageSupplier", 0)) <
			    0 ||
		    (error = party_name(&k.supplier, s)) < 0 ||
		    (error = get_str(c, &s, e, "downloadLocation", p, "downloadLocation",
				     "PackageDownloadLocation", 1)) < 0 ||
		    (error = sdup(&k.repository, says_nothing(s) ? NULL : s)) < 0 ||
		    (error = refs_of(c, &k, e, p)) < 0)
			goto out;
	}
	if ((error = get_str(c, &s, e, "licenseConcluded", p, "licenseConcluded",
			     kind == EL_PACKAGE ? "PackageLicenseConcluded" : "LicenseConcluded",
			     0)) < 0 ||
	    (error = get_str(c, &s2, e, "licenseDeclared", p, "licenseDeclared",
			     "PackageLicenseDeclared", 0)) < 0 ||
	    (error = sdup(&k.licenses, !says_nothing(s)    ? s
				       : !says_nothing(s2) ? s2
							   : NULL)) < 0 ||
	    (error = brought_by_of(&k, e)) < 0)
		goto out;
	if ((error = grow((void **)&c->comps, &c->capcomps, c->ncomps, sizeof(comp))) < 0)
		goto out;
	c->comps[c->ncomps++] = k;
	memset(&k, 0, sizeof(k));
	ss_format_count(c->info, kind == EL_PACKAGE ? N_("package") : N_("file"));
out:
	comp_release(&k);
	return error;
}

/* ---- the end: roots, the dangling check, the rows ------------------------ */

typedef struct {
	const comp *from, *to;
	const char *kind;
} edge;

static int edge_cmp(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	int r;

	if ((r = strcmp(x->from->ref, y->from->ref)) != 0 ||
	    (r = strcmp(x->to->ref, y->to->ref)) != 0)
		return r;
	return strcmp(x->kind, y->kind);
}

/* "Tool: syft-0.84.1" -> "syft 0.84.1": the first "-" before a digit splits
 * ("spdx-tools-1.2" -> "spdx-tools 1.2", "vcpkg-2025-06-02-1a2b" -> "vcpkg 2025-06-02-1a2b"). */
static json_t *tool_text(const char *s)
{
	const char *dash = NULL, *q;
	char buf[512];

	s += 5;
	while (is_space(*s))
		s++;
	for (q = s; *q && !dash; q++)
		if (*q == '-' && q[1] >= '0' && q[1] <= '9')
			dash = q;
	if (!dash || (size_t)(dash - s) >= sizeof(buf) - 1)
		return json_string(s);
	snprintf(buf, sizeof(buf), "%.*s %s", (int)(dash - s), s, dash + 1);
	return json_string(buf);
}

/* The document's own members (top is the JSON shape; tag-value builds it). */
static int check_document(spdx *c, const json_t *top)
{
	static const struct {
		const char *key, *tag;
	} req[] = {{"spdxVersion", "SPDXVersion"},
		   {"SPDXID", "SPDXID"},
		   {"dataLicense", "DataLicense"},
		   {"name", "DocumentName"},
		   {"documentNamespace", "DocumentNamespace"}};
	const char *path = c->in->path, *v;
	json_t *ci = json_object_get(top, "creationInfo"), *creators, *x;
	size_t i;

	v = ss_js_or_null(top, "spdxVersion");
	if (!v && (json_object_get(top, "@context") || json_object_get(top, "@graph")))
		return ss_error_set(SS_EPARSE, "%s: /@graph: an SPDX 3.0 document without elements",
				    path);
	for (i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
		x = json_object_get(top, req[i].key);
		if (!json_is_string(x) || !*json_string_value(x))
			return ss_error_set(SS_EPARSE, "%s: /%s (%s): missing or not a string",
					    path, req[i].key, req[i].tag);
	}
	if (!c->v3 && strcmp(v, "SPDX-2.2") != 0 && strcmp(v, "SPDX-2.3") != 0)
		return ss_error_set(SS_EPARSE,
				    "%s: /spdxVersion: '%.20s' is not read; only SPDX-2.2 and "
				    "SPDX-2.3 are",
				    path, v);
	if (strcmp(ss_js(top, "SPDXID"), "SPDXRef-DOCUMENT") != 0)
		return ss_error_set(SS_EPARSE,
				    "%s: /SPDXID: the document's SPDXID must be SPDXRef-DOCUMENT, "
				    "not '%.80s'",
				    path, ss_js(top, "SPDXID"));
	if (!json_is_object(ci))
		return ss_error_set(SS_EPARSE, "%s: /creationInfo: missing or not an object", path);
	if (!json_is_string(json_object_get(ci, "created")) || !*ss_js(ci, "created"))
		return ss_error_set(SS_EPARSE, "%s: /creationInfo/created (Created): missing",
				    path);
	creators = json_object_get(ci, "creators");
	if (!json_is_array(creators) || json_array_size(creators) == 0)
		return ss_error_set(SS_EPARSE,
				    "%s: /creationInfo/creators (Creator): missing or empty", path);
	json_array_foreach(creators, i, x) {
		if (!json_is_string(x))
			return ss_error_set(
				SS_EPARSE, "%s: /creationInfo/creators/%zu: not a string", path, i);
	}
	return 0;
}

static int finish(spdx *c, const json_t *top)
{
	const char *path = c->in->path;
	json_t *ci = json_object_get(top, "creationInfo"), *authors = json_array(),
	       *tools = json_array(), *x;
	ss_buf a = SS_BUF_INIT(64 * MiB), t = SS_BUF_INIT(64 * MiB);
	char *supplier = NULL, w[128];
	edge *edges = NULL;
	size_t i, ne = 0, nroots = 0, root = 0;
	int64_t handed = 0;
	int error;

	if (!authors || !tools) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = check_document(c, top)) < 0)
		goto out;
	/* every relationship names what the document holds */
	for (i = 0; i < c->nrels; i++) {
		const rel *r = &c->rels[i];
		const char *end[2] = {r->a, r->b};

		for (int k = 0; k < 2; k++) {
			if (external_id(end[k])) {
				ss_format_count(c->info, N_("relationship outside the document"));
				continue;
			}
			if (!map_get(&c->ids, end[k])) {
				error = ss_error_set(SS_EPARSE,
						     "%s: %s: '%.100s' is not an element of the "
						     "document",
						     path, rel_where(c, w, sizeof(w), r), end[k]);
				goto out;
			}
		}
	}
	if (!(edges = calloc(c->nrels ? c->nrels : 1, sizeof(*edges)))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < c->nrels; i++) {
		const rel *r = &c->rels[i];
		const slot *sa = external_id(r->a) ? NULL : map_get(&c->ids, r->a);
		const slot *sb = external_id(r->b) ? NULL : map_get(&c->ids, r->b);

		if (r->kind == R_DESCRIBES) {
			if (sa && sa->val == ID_DOCUMENT && sb && sb->val >= 0)
				c->comps[sb->val].root = 1;
			continue;
		}
		if (r->kind == R_OTHER)
			continue;
		if (!sa || !sb || sa->val < 0 || sb->val < 0 || sa->val == sb->val) {
			ss_format_count(c->info, N_("relationship not between components"));
			continue;
		}
		edges[ne].from = &c->comps[sa->val];
		edges[ne].to = &c->comps[sb->val];
		edges[ne].kind = r->kind == R_DEPENDS ? "depends" : "contains";
		ne++;
	}
	for (i = 0; i < c->nannots; i++) {
		const slot *s = map_get(&c->ids, c->annots[i].id);
		comp *k;

		if (!s || s->val < 0)
			continue;
		k = &c->comps[s->val];
		if (k->brought_by && !k->by_comment)
			continue;
		free(k->brought_by);
		k->brought_by = c->annots[i].value;
		c->annots[i].value = NULL;
		k->by_comment = 0;
	}
	for (i = 0; i < c->ncomps; i++) {
		const comp *k = &c->comps[i];
		ss_sink_component row = {
			.ref = k->ref,
			.root = k->root,
			.type = k->type,
			.name = k->name,
			.version = k->version,
			.purl = k->purl,
			.cpe = k->cpe,
			.licenses = k->licenses,
			.supplier = k->supplier,
			.brought_by = k->brought_by,
			.repository = k->repository,
			.hashes = k->hashes,
			.file = k->file,
			.vuln_contact = k->vuln_contact,
		};

		if (k->root && nroots++ == 0)
			root = i;
		if (c->out->component && (error = c->out->component(c->out, &row)) < 0)
			goto out;
	}
	qsort(edges, ne, sizeof(*edges), edge_cmp);
	for (i = 0; i < ne; i++) {
		ss_sink_dependency row = {edges[i].from->ref, edges[i].to->ref, edges[i].kind};

		if (i > 0 && edge_cmp(&edges[i - 1], &edges[i]) == 0)
			continue;
		handed++;
		ss_format_count(c->info, N_("dependency"));
		if (c->out->dependency && (error = c->out->dependency(c->out, &row)) < 0)
			goto out;
	}
	json_array_foreach(json_object_get(ci, "creators"), i, x) {
		const char *s = json_string_value(x);

		if (strncmp(s, "Tool:", 5) == 0)
			error = json_array_append_new(tools, tool_text(s));
		else if (strncmp(s, "Person:", 7) == 0 || strncmp(s, "Organization:", 13) == 0)
			error = json_array_append_new(authors, json_string(s));
		if (error < 0) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		if (!supplier && strncmp(s, "Organization:", 13) == 0 &&
		    (error = party_name(&supplier, s)) < 0)
			goto out;
	}
	if ((error = ss_json_canonical(&a, authors)) < 0 ||
	    (error = ss_json_canonical(&t, tools)) < 0)
		goto out;
	{
		ss_sink_sbom row = {
			.format = "spdx",
			.encoding = c->encoding,
			.spec_version = ss_js(top, "spdxVersion"),
			.serial = ss_js(top, "documentNamespace"),
			.name = ss_js(top, "name"),
			.version = nroots == 1 ? c->comps[root].version : NULL,
			.timestamp = ss_js(ci, "created"),
			.authors = a.ptr,
			.tools = t.ptr,
			.supplier = supplier,
			.components = (int64_t)c->ncomps,
			.dependencies = handed,
		};

		if (c->out->sbom && (error = c->out->sbom(c->out, &row)) < 0)
			goto out;
	}
	json_object_set_new(c->info, "name", json_string(ss_js(top, "name")));
	json_object_set_new(c->info, "version", json_string(ss_js(top, "spdxVersion")));
out:
	free(edges);
	free(supplier);
	json_decref(authors);
	json_decref(tools);
	ss_buf_release(&a);
	ss_buf_release(&t);
	return error;
}

static void spdx_release(spdx *c)
{
	size_t i;

	for (i = 0; i < c->ncomps; i++)
		comp_release(&c->comps[i]);
	free(c->comps);
	for (i = 0; i < c->nrels; i++) {
		free(c->rels[i].a);
		free(c->rels[i].b);
	}
	free(c->rels);
	for (i = 0; i < c->nannots; i++) {
		free(c->annots[i].id);
		free(c->annots[i].value);
	}
	free(c->annots);
	map_release(&c->ids);
	json_decref(c->v3_names);
	json_decref(c->v3_lic);
	json_decref(c->v3_licrel);
	json_decref(c->v3_supplied);
	json_decref(c->v3_doc);
	json_decref(c->v3_ci);
}

static int spdx_init(spdx *c, ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim,
		     json_t *info)
{
	slot *s;
	int error;

	memset(c, 0, sizeof(*c));
	c->out = out;
	c->in = in;
	c->lim = lim ? lim : &spdx_limits;
	c->info = info;
	if ((error = map_add(&c->ids, "SPDXRef-DOCUMENT", ID_DOCUMENT, &s)) < 0)
		return error;
	return 0;
}

/* ---- JSON --------------------------------------------------------------- */

static const char *const json_streamed[] = {
	"packages",
	"files",
	"relationships",
	"snippets",
	"documentDescribes",
	"annotations",
	"@graph",
	"hasExtractedLicensingInfos",
	"externalDocumentRefs",
	NULL,
};

static int json_relationship(spdx *c, json_t *r)
{
	const char *a, *type, *b;
	pos p = {"relationships", c->n_rels, 0};
	rpos at = {"relationships", NULL, c->n_rels, 0};
	char w[256];
	int error;

	if (!json_is_object(r))
		return ss_error_set(SS_EPARSE, "%s: a relationship is not an object",
				    where(c, w, sizeof(w), &p, r, "", ""));
	if ((error = get_str(c, &a, r, "spdxElementId", &p, "spdxElementId", "", 1)) < 0 ||
	    (error = get_str(c, &type, r, "relationshipType", &p, "relationshipType", "", 1)) < 0 ||
	    (error = get_str(c, &b, r, "relatedSpdxElement", &p, "relatedSpdxElement", "", 1)) < 0)
		return error;
	ss_format_count(c->info, N_("relationship"));
	return add_rel(c, a, type, b, at);
}

/* A JSON package's hasFiles: it contains each. */
static int json_has_files(spdx *c, const json_t *e, const char *id, const pos *p)
{
	json_t *list = json_object_get(e, "hasFiles"), *v;
	char w[256], field[48];
	size_t i;
	int error;

	if (!list)
		return 0;
	if (!json_is_array(list))
		return ss_error_set(SS_EPARSE, "%s: not an array",
				    where(c, w, sizeof(w), p, e, "hasFiles", ""));
	json_array_foreach(list, i, v) {
		rpos at = {"packages", "hasFiles", p->index, (int64_t)i};

		snprintf(field, sizeof(field), "hasFiles/%zu", i);
		if (!json_is_string(v))
			return ss_error_set(SS_EPARSE, "%s: not a string",
					    where(c, w, sizeof(w), p, e, field, ""));
		if ((error = add_rel(c, id, "CONTAINS", json_string_value(v), at)) < 0)
			return error;
	}
	return 0;
}

/* ---- SPDX 3.0 JSON-LD ----------------------------------------------------- */

/* An spdxId every relationship may name; a second one is refused. */
static int v3_register(spdx *c, const char *id, int64_t val, const pos *p, const json_t *e)
{
	char w[256];
	slot *sl;
	int error;

	if (!id)
		return 0;
	if ((error = map_add(&c->ids, id, val, &sl)) < 0)
		return error;
	if (error == 0)
		return ss_error_set(SS_EPARSE, "%s: a second element with the spdxId '%.80s'",
				    where(c, w, sizeof(w), p, e, "spdxId", ""), id);
	return 0;
}

/* A list of ids (rootElement, to, createdBy): each a string. */
static int v3_ids(spdx *c, const json_t *e, const char *key, const pos *p, json_t **out)
{
	json_t *v = json_object_get(e, key), *x;
	char w[256], field[64];
	size_t i;

	*out = v;
	if (!v)
		return 0;
	if (json_is_string(v))
		return 0; /* one id where the schema allows a list */
	if (!json_is_array(v))
		return ss_error_set(SS_EPARSE, "%s: not a list of ids",
				    where(c, w, sizeof(w), p, e, key, ""));
	json_array_foreach(v, i, x) {
		snprintf(field, sizeof(field), "%s/%zu", key, i);
		if (!json_is_string(x))
			return ss_error_set(SS_EPARSE, "%s: not a string",
					    where(c, w, sizeof(w), p, e, field, ""));
	}
	return 0;
}

#define V3_EACH(list, i, x)                                                                        \
	for (i = 0; (x = json_is_string(list) ? (i == 0 ? json_string_value(list) : NULL)          \
					      : json_string_value(json_array_get(list, i)));       \
	     i++)

/* software_Package / software_File / software_Snippet in the 2.3 shape. */
static int v3_software(spdx *c, const json_t *e, const char *type, const pos *p)
{
	json_t *o = json_deep_copy(e), *refs = json_array(), *x;
	const char *id, *purl = ss_js_or_null(e, "software_packageUrl");
	size_t i;
	int kind = strcmp(type, "software_Package") == 0 ? EL_PACKAGE
		   : strcmp(type, "software_File") == 0  ? EL_FILE
							 : EL_SNIPPET;
	int error;

	if (!o || !refs) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_object_set(o, "SPDXID", json_object_get(e, "spdxId"));
	json_object_del(o, "spdxId");
	if (kind == EL_FILE)
		json_object_set(o, "fileName", json_object_get(e, "name"));
	if (kind == EL_PACKAGE) {
		json_object_set(o, "versionInfo", json_object_get(e, "software_packageVersion"));
		json_object_set_new(o, "downloadLocation",
				    json_string(ss_js_or_null(e, "software_downloadLocation")
							? ss_js(e, "software_downloadLocation")
							: "NOASSERTION"));
		if (purl)
			json_array_append_new(refs, json_pack("{s:s, s:s}", "referenceType", "purl",
							      "referenceLocator", purl));
		json_array_foreach(json_object_get(e, "externalIdentifier"), i, x) {
			const char *t = ss_js(x, "externalIdentifierType");
			const char *ref = strcmp(t, "cpe23") == 0        ? "cpe23Type"
					  : strcmp(t, "cpe22") == 0      ? "cpe22Type"
					  : strcmp(t, "packageUrl") == 0 ? "purl"
									 : NULL;

			if (ref && ss_js_or_null(x, "identifier"))
				json_array_append_new(refs, json_pack("{s:s, s:s}", "referenceType",
								      ref, "referenceLocator",
								      ss_js(x, "identifier")));
		}
		json_object_set(o, "externalRefs", refs);
	}
	json_object_del(o, "annotations");
	json_object_del(o, "licenseConcluded");
	json_object_del(o, "licenseDeclared");
	if ((error = add_element(c, o, kind, p, &id)) < 0)
		goto out;
	if (id && ss_js_or_null(e, "suppliedBy"))
		json_object_set_new(c->v3_supplied, id, json_string(ss_js(e, "suppliedBy")));
out:
	json_decref(o);
	json_decref(refs);
	return error;
}

static int v3_relationship(spdx *c, const json_t *e, const pos *p)
{
	const char *from, *type, *to;
	json_t *list;
	char w[256];
	size_t i;
	int error;

	if ((error = get_str(c, &from, e, "from", p, "from", "", 1)) < 0 ||
	    (error = get_str(c, &type, e, "relationshipType", p, "relationshipType", "", 1)) < 0 ||
	    (error = v3_ids(c, e, "to", p, &list)) < 0)
		return error;
	if (!list)
		return ss_error_set(SS_EPARSE, "%s: missing (SPDX requires it)",
				    where(c, w, sizeof(w), p, e, "to", ""));
	ss_format_count(c->info, N_("relationship"));
	V3_EACH(list, i, to)
	{
		rpos at = {"@graph", "to", p->index, (int64_t)i};
		const char *t = strcmp(type, "dependsOn") == 0   ? "DEPENDS_ON"
				: strcmp(type, "contains") == 0  ? "CONTAINS"
				: strcmp(type, "describes") == 0 ? "DESCRIBES"
								 : type;

		if (strcmp(type, "hasConcludedLicense") == 0 ||
		    strcmp(type, "hasDeclaredLicense") == 0) {
			json_t *l = json_object_get(c->v3_licrel, from);

			if (!l && json_object_set_new(c->v3_licrel, from, l = json_object()) < 0)
				return ss_error_set(SS_ENOMEM, "out of memory");
			if (!json_object_get(l, type[3] == 'C' ? "c" : "d"))
				json_object_set_new(l, type[3] == 'C' ? "c" : "d", json_string(to));
		}
		if ((error = add_rel(c, from, t, to, at)) < 0)
			return error;
	}
	return 0;
}

/* The name of a listed licence: the tail of https://spdx.org/licenses/MIT. */
static const char *v3_licence_name(const json_t *e)
{
	const char *id = ss_js(e, "spdxId"), *slash = strrchr(id, '/');

	if (strstr(id, "spdx.org/licenses/") && slash && slash[1])
		return slash + 1;
	return ss_js_or_null(e, "name");
}

static int v3_element(spdx *c, json_t *e)
{
	pos p = {"@graph", c->n_graph++, 0};
	const char *type, *id, *x;
	json_t *list;
	char w[256];
	size_t i;
	int error;

	if (!json_is_object(e))
		return ss_error_set(SS_EPARSE, "%s: an element is not an object",
				    where(c, w, sizeof(w), &p, e, "", ""));
	c->v3 = 1;
	type = ss_js_or_null(e, "type") ? ss_js(e, "type") : ss_js(e, "@type");
	if (!*type)
		return ss_error_set(SS_EPARSE, "%s: missing (SPDX requires it)",
				    where(c, w, sizeof(w), &p, e, "type", ""));
	if ((error = get_str(c, &id, e, "spdxId", &p, "spdxId", "", 0)) < 0)
		return error;
	if (strncmp(type, "software_", 9) == 0 &&
	    (strcmp(type, "software_Package") == 0 || strcmp(type, "software_File") == 0 ||
	     strcmp(type, "software_Snippet") == 0))
		return v3_software(c, e, type, &p);
	if (strcmp(type, "CreationInfo") == 0) {
		if (!c->v3_ci)
			c->v3_ci = json_deep_copy(e);
		return 0;
	}
	if (strcmp(type, "SpdxDocument") == 0 || strcmp(type, "software_Sbom") == 0) {
		int doc = strcmp(type, "SpdxDocument") == 0 && !c->v3_doc;

		if ((error = v3_register(c, id, doc ? ID_DOCUMENT : ID_OTHER, &p, e)) < 0 ||
		    (error = v3_ids(c, e, "rootElement", &p, &list)) < 0)
			return error;
		if (doc)
			c->v3_doc = json_deep_copy(e);
		V3_EACH(list, i, x)
		{
			rpos at = {"@graph", "rootElement", p.index, (int64_t)i};

			if ((error = add_rel(c, "SPDXRef-DOCUMENT", "DESCRIBES", x, at)) < 0)
				return error;
		}
		json_array_foreach(json_object_get(e, "import"), i, list) {
			const char *ext = ss_js_or_null(list, "externalSpdxId");
			slot *sl;

			if (ext && (error = map_add(&c->ids, ext, ID_OTHER, &sl)) < 0)
				return error;
		}
		return 0;
	}
	if ((error = v3_register(c, id, ID_OTHER, &p, e)) < 0)
		return error;
	if (strcmp(type, "Relationship") == 0 || strcmp(type, "LifecycleScopedRelationship") == 0)
		return v3_relationship(c, e, &p);
	if (id && (strcmp(type, "Person") == 0 || strcmp(type, "Organization") == 0 ||
		   strcmp(type, "Tool") == 0 || strcmp(type, "SoftwareAgent") == 0 ||
		   strcmp(type, "Agent") == 0)) {
		char buf[600];

		snprintf(buf, sizeof(buf), "%s: %.500s",
			 strcmp(type, "Tool") == 0 || strcmp(type, "SoftwareAgent") == 0 ? "Tool"
											 : type,
			 ss_js_or_null(e, "name") ? ss_js(e, "name") : id);
		return json_object_set_new(c->v3_names, id, json_string(buf)) < 0
			       ? ss_error_set(SS_ENOMEM, "out of memory")
			       : 0;
	}
	if (id && strcmp(type, "simplelicensing_LicenseExpression") == 0 &&
	    ss_js_or_null(e, "simplelicensing_licenseExpression"))
		return json_object_set(c->v3_lic, id,
				       json_object_get(e, "simplelicensing_licenseExpression")) < 0
			       ? ss_error_set(SS_ENOMEM, "out of memory")
			       : 0;
	if (id && strstr(type, "License") && v3_licence_name(e))
		return json_object_set_new(c->v3_lic, id, json_string(v3_licence_name(e))) < 0
			       ? ss_error_set(SS_ENOMEM, "out of memory")
			       : 0;
	if (strcmp(type, "Annotation") == 0 && ss_js_or_null(e, "subject"))
		return add_annot(c, ss_js(e, "subject"), ss_js(e, "statement"));
	return 0;
}

/* The licences and suppliers named by id, and the document in the 2.3 shape
 * (*out) for finish. */
static int v3_resolve(spdx *c, json_t **out)
{
	const char *path = c->in->path, *key, *created, *spec;
	json_t *ci = c->v3_ci, *top = NULL, *creators = NULL, *v, *list;
	char ver[64];
	size_t i;
	int error = 0;

	if (!c->v3_doc)
		return ss_error_set(SS_EPARSE, "%s: /@graph: no SpdxDocument element", path);
	created = ss_js_or_null(ci, "created");
	spec = ss_js_or_null(ci, "specVersion");
	if (!ci || !created || !*created)
		return ss_error_set(SS_EPARSE, "%s: /@graph: no CreationInfo with 'created'", path);
	if (!spec || strncmp(spec, "3.", 2) != 0)
		return ss_error_set(SS_EPARSE,
				    "%s: /@graph: CreationInfo specVersion '%.20s' is not 3.x",
				    path, spec ? spec : "");
	json_object_foreach(c->v3_licrel, key, v) {
		const slot *s = map_get(&c->ids, key);
		const char *l;
		comp *k;

		if (!s || s->val < 0)
			continue;
		k = &c->comps[s->val];
		l = json_string_value(json_object_get(c->v3_lic, ss_js(v, "c")));
		if (!l)
			l = json_string_value(json_object_get(c->v3_lic, ss_js(v, "d")));
		free(k->licenses);
		if ((error = sdup(&k->licenses, says_nothing(l) ? NULL : l)) < 0)
			return error;
	}
	json_object_foreach(c->v3_supplied, key, v) {
		const slot *s = map_get(&c->ids, key);
		const char *n =
			json_string_value(json_object_get(c->v3_names, json_string_value(v)));
		comp *k;

		if (!s || s->val < 0 || !n)
			continue;
		k = &c->comps[s->val];
		free(k->supplier);
		if ((error = party_name(&k->supplier, n)) < 0)
			return error;
	}
	snprintf(ver, sizeof(ver), "SPDX-%.20s", spec);
	if (!(creators = json_array()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (int pass = 0; pass < 2; pass++) {
		list = json_object_get(ci, pass ? "createdUsing" : "createdBy");
		json_array_foreach(list, i, v) {
			const char *n = json_string_value(
				json_object_get(c->v3_names, json_string_value(v)));

			if (n)
				json_array_append_new(creators, json_string(n));
		}
	}
	top = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:O}}", "spdxVersion", ver, "SPDXID",
			"SPDXRef-DOCUMENT", "dataLicense",
			ss_js_or_null(c->v3_doc, "dataLicense") ? ss_js(c->v3_doc, "dataLicense")
								: "CC0-1.0",
			"name",
			ss_js_or_null(c->v3_doc, "name") ? ss_js(c->v3_doc, "name")
							 : ss_js(c->v3_doc, "spdxId"),
			"documentNamespace", ss_js(c->v3_doc, "spdxId"), "creationInfo", "created",
			created, "creators", creators);
	json_decref(creators);
	if (!top)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (json_array_size(json_object_get(json_object_get(top, "creationInfo"), "creators")) == 0)
		json_array_append_new(
			json_object_get(json_object_get(top, "creationInfo"), "creators"),
			json_string("Tool: unknown"));
	*out = top;
	return 0;
}

static int json_element(void *vctx, const char *key, json_t *e)
{
	spdx *c = vctx;
	const char *id;
	char w[256];
	int error;

	if (strcmp(key, "packages") == 0) {
		pos p = {"packages", c->n_packages++, 0};

		if ((error = add_element(c, e, EL_PACKAGE, &p, &id)) < 0)
			return error;
		return json_has_files(c, e, id, &p);
	}
	if (strcmp(key, "files") == 0) {
		pos p = {"files", c->n_files++, 0};

		return add_element(c, e, EL_FILE, &p, &id);
	}
	if (strcmp(key, "snippets") == 0) {
		pos p = {"snippets", c->n_snippets++, 0};

		return add_element(c, e, EL_SNIPPET, &p, &id);
	}
	if (strcmp(key, "relationships") == 0) {
		error = json_relationship(c, e);
		c->n_rels++;
		return error;
	}
	if (strcmp(key, "documentDescribes") == 0) {
		pos p = {"documentDescribes", c->n_describes, 0};
		rpos at = {"documentDescribes", NULL, c->n_describes++, 0};

		if (!json_is_string(e))
			return ss_error_set(SS_EPARSE, "%s: not a string",
					    where(c, w, sizeof(w), &p, e, "", ""));
		return add_rel(c, "SPDXRef-DOCUMENT", "DESCRIBES", json_string_value(e), at);
	}
	if (strcmp(key, "annotations") == 0) {
		pos p = {"annotations", c->n_annots++, 0};
		const char *s;

		if (!json_is_object(e))
			return ss_error_set(SS_EPARSE, "%s: an annotation is not an object",
					    where(c, w, sizeof(w), &p, e, "", ""));
		if ((error = get_str(c, &s, e, "spdxElementId", &p, "spdxElementId", "", 0)) < 0)
			return error;
		return add_annot(c, s ? s : "SPDXRef-DOCUMENT", ss_js(e, "comment"));
	}
	if (strcmp(key, "@graph") == 0)
		return v3_element(c, e);
	return 0; /* licence texts, external document references: not read */
}

int ss_format_spdx_json(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	spdx c;
	json_t *top = NULL;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_spdx_json: NULL argument");
	if ((error = spdx_init(&c, out, in, lim, info)) < 0)
		goto out;
	c.encoding = "json";
	if (!(c.v3_names = json_object()) || !(c.v3_lic = json_object()) ||
	    !(c.v3_licrel = json_object()) || !(c.v3_supplied = json_object())) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss_jstream_all(&top, in, json_streamed, json_element, &c, c.lim)) < 0)
		goto out;
	if (c.v3) {
		json_t *v2 = NULL;

		if ((error = v3_resolve(&c, &v2)) < 0)
			goto out;
		json_decref(top);
		top = v2;
	}
	error = finish(&c, top);
out:
	json_decref(top);
	spdx_release(&c);
	return error;
}

/* ---- tag-value ---------------------------------------------------------- */

typedef struct {
	spdx *c;
	json_t *top; /* the document in the JSON shape */
	json_t *el;  /* the element being read, or NULL */
	int el_kind; /* EL_* */
	int section; /* 0 document, 1 element, 2 licence text */
	uint64_t el_line;
	char *last_package; /* the SPDXID of the package files after it belong to */
	json_t *annot;      /* {comment, id} being read */
	uint64_t line;
} tv;

/* Set key once in o: a tag given twice is refused. */
static int tv_set(tv *t, json_t *o, const char *key, const char *tag, const char *value)
{
	if (json_object_get(o, key))
		return ss_error_set(SS_EPARSE, "%s: line %llu: a second %s", t->c->in->path,
				    (unsigned long long)t->line, tag);
	if (json_object_set_new(o, key, json_string(value)) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

static int tv_end_element(tv *t)
{
	spdx *c = t->c;
	pos p = {NULL, 0, t->el_line};
	const char *id;
	int error;

	if (!t->el)
		return 0;
	if ((error = add_element(c, t->el, t->el_kind, &p, &id)) < 0)
		goto out;
	if (t->el_kind == EL_PACKAGE) {
		free(t->last_package);
		error = sdup(&t->last_package, id);
	} else if (t->el_kind == EL_FILE && t->last_package) {
		rpos at = {NULL, NULL, (int64_t)t->el_line, 0};

		error = add_rel(c, t->last_package, "CONTAINS", id, at);
	}
out:
	json_decref(t->el);
	t->el = NULL;
	return error;
}

static int tv_start_element(tv *t, int kind, const char *key, const char *value)
{
	int error;

	if ((error = tv_end_element(t)) < 0 || (error = one_record(t->c)) < 0)
		return error;
	if (!(t->el = json_object()) ||
	    json_object_set_new(t->el, "__line", json_integer((json_int_t)t->line)) < 0 ||
	    json_object_set_new(t->el, key, json_string(value)) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	t->el_kind = kind;
	t->el_line = t->line;
	t->section = 1;
	return 0;
}

/* Append {k1: v1, k2: v2, k3: v3, "__line": line} to o's array key. */
static int tv_append(tv *t, json_t *o, const char *key, const char *k1, const char *v1,
		     const char *k2, const char *v2, const char *k3, const char *v3)
{
	json_t *list = json_object_get(o, key), *e;

	if (!list) {
		if (!(list = json_array()) || json_object_set_new(o, key, list) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
	}
	if (json_array_size(list) >= t->c->lim->record_values)
		return ss_error_set(SS_ELIMIT,
				    "%s: line %llu: over the record value limit: more than %llu "
				    "values in one element",
				    t->c->in->path, (unsigned long long)t->line,
				    (unsigned long long)t->c->lim->record_values);
	if (!(e = json_pack("{s:s, s:s, s:I}", k1, v1, k2, v2, "__line", (json_int_t)t->line)) ||
	    (k3 && json_object_set_new(e, k3, json_string(v3)) < 0) ||
	    json_array_append_new(list, e) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

/* "a b c" (space-separated words): each borrowed in buf. */
static int words(char *s, char **w, int n)
{
	int i = 0;

	while (*s) {
		while (is_space(*s))
			*s++ = '\0';
		if (!*s)
			break;
		if (i == n)
			return -1;
		w[i++] = s;
		while (*s && !is_space(*s))
			s++;
	}
	return i;
}

static int tv_annot_flush(tv *t)
{
	int error = 0;

	if (t->annot && json_object_get(t->annot, "id") && json_object_get(t->annot, "comment")) {
		error = add_annot(t->c, ss_js(t->annot, "id"), ss_js(t->annot, "comment"));
		json_decref(t->annot);
		t->annot = NULL;
	}
	return error;
}

static int tv_bad(tv *t, const char *tag)
{
	return ss_error_set(SS_EPARSE, "%s: line %llu: %s outside the element it belongs to",
			    t->c->in->path, (unsigned long long)t->line, tag);
}

/* One "Tag: value" (value unwrapped from <text>). */
static int tv_tag(tv *t, const char *tag, char *value)
{
	static const struct {
		const char *tag, *key;
	} doc[] = {{"SPDXVersion", "spdxVersion"},
		   {"DataLicense", "dataLicense"},
		   {"DocumentNamespace", "documentNamespace"},
		   {"DocumentName", "name"}},
	  pkg[] = {{"PackageVersion", "versionInfo"},
		   {"PackageSupplier", "supplier"},
		   {"PackageDownloadLocation", "downloadLocation"},
		   {"PackageLicenseConcluded", "licenseConcluded"},
		   {"PackageLicenseDeclared", "licenseDeclared"},
		   {"PrimaryPackagePurpose", "primaryPackagePurpose"},
		   {"PackageComment", "comment"}},
	  file[] = {{"LicenseConcluded", "licenseConcluded"}, {"FileComment", "comment"}};
	spdx *c = t->c;
	json_t *ci;
	char *w[4];
	size_t i;
	int error, n;

	for (i = 0; i < sizeof(doc) / sizeof(doc[0]); i++)
		if (strcmp(tag, doc[i].tag) == 0)
			return tv_set(t, t->top, doc[i].key, tag, value);
	if (strcmp(tag, "Creator") == 0 || strcmp(tag, "Created") == 0) {
		if (!(ci = json_object_get(t->top, "creationInfo"))) {
			if (!(ci = json_object()) ||
			    json_object_set_new(t->top, "creationInfo", ci) < 0)
				return ss_error_set(SS_ENOMEM, "out of memory");
		}
		if (strcmp(tag, "Created") == 0)
			return tv_set(t, ci, "created", tag, value);
		if (!json_object_get(ci, "creators") &&
		    json_object_set_new(ci, "creators", json_array()) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
		if (json_array_size(json_object_get(ci, "creators")) >= c->lim->record_values)
			return ss_error_set(SS_ELIMIT,
					    "%s: line %llu: over the record value limit: more than "
					    "%llu creators",
					    c->in->path, (unsigned long long)t->line,
					    (unsigned long long)c->lim->record_values);
		if (json_array_append_new(json_object_get(ci, "creators"), json_string(value)) < 0)
			return ss_error_set(SS_ENOMEM, "out of memory");
		return 0;
	}
	if (strcmp(tag, "PackageName") == 0)
		return tv_start_element(t, EL_PACKAGE, "name", value);
	if (strcmp(tag, "FileName") == 0)
		return tv_start_element(t, EL_FILE, "fileName", value);
	if (strcmp(tag, "SnippetSPDXID") == 0)
		return tv_start_element(t, EL_SNIPPET, "SPDXID", value);
	if (strcmp(tag, "LicenseID") == 0) {
		if ((error = tv_end_element(t)) < 0)
			return error;
		t->section = 2;
		return one_record(c);
	}
	if (strcmp(tag, "SPDXID") == 0) {
		if (t->section == 0)
			return tv_set(t, t->top, "SPDXID", tag, value);
		if (t->section == 1 && t->el_kind != EL_SNIPPET)
			return tv_set(t, t->el, "SPDXID", tag, value);
		return tv_bad(t, tag);
	}
	if (strcmp(tag, "Relationship") == 0) {
		rpos at = {NULL, NULL, (int64_t)t->line, 0};

		if ((n = words(value, w, 3)) != 3)
			return ss_error_set(SS_EPARSE,
					    "%s: line %llu: a Relationship is "
					    "'SPDXRef-A RELATIONSHIP_TYPE SPDXRef-B'",
					    c->in->path, (unsigned long long)t->line);
		if ((error = one_record(c)) < 0)
			return error;
		ss_format_count(c->info, N_("relationship"));
		return add_rel(c, w[0], w[1], w[2], at);
	}
	if (strcmp(tag, "Annotator") == 0) {
		if ((error = tv_annot_flush(t)) < 0 || (error = one_record(c)) < 0)
			return error;
		json_decref(t->annot);
		if (!(t->annot = json_object()))
			return ss_error_set(SS_ENOMEM, "out of memory");
		return 0;
	}
	if (strcmp(tag, "AnnotationComment") == 0 || strcmp(tag, "SPDXREF") == 0) {
		if (!t->annot)
			return tv_bad(t, tag);
		if ((error = tv_set(t, t->annot, tag[0] == 'S' ? "id" : "comment", tag, value)) < 0)
			return error;
		return tv_annot_flush(t);
	}
	if (strcmp(tag, "PackageChecksum") == 0 || strcmp(tag, "FileChecksum") == 0) {
		char *colon = strchr(value, ':'), *v;

		if (t->section != 1 || t->el_kind != (tag[0] == 'P' ? EL_PACKAGE : EL_FILE))
			return tv_bad(t, tag);
		if (!colon)
			return ss_error_set(SS_EPARSE, "%s: line %llu: a %s is 'ALGORITHM: hex'",
					    c->in->path, (unsigned long long)t->line, tag);
		*colon = '\0';
		for (v = colon + 1; is_space(*v); v++)
			;
		for (char *e = v + strlen(v); e > v && is_space(e[-1]); e--)
			e[-1] = '\0';
		for (char *e = colon; e > value && is_space(e[-1]); e--)
			e[-1] = '\0';
		return tv_append(t, t->el, "checksums", "algorithm", value, "checksumValue", v,
				 NULL, NULL);
	}
	if (strcmp(tag, "ExternalRef") == 0) {
		if (t->section != 1 || t->el_kind != EL_PACKAGE)
			return tv_bad(t, tag);
		if ((n = words(value, w, 3)) != 3)
			return ss_error_set(SS_EPARSE,
					    "%s: line %llu: an ExternalRef is 'CATEGORY TYPE "
					    "LOCATOR'",
					    c->in->path, (unsigned long long)t->line);
		return tv_append(t, t->el, "externalRefs", "referenceCategory", w[0],
				 "referenceType", w[1], "referenceLocator", w[2]);
	}
	for (i = 0; i < sizeof(pkg) / sizeof(pkg[0]); i++)
		if (strcmp(tag, pkg[i].tag) == 0) {
			if (t->section != 1 || t->el_kind != EL_PACKAGE)
				return tv_bad(t, tag);
			return tv_set(t, t->el, pkg[i].key, tag, value);
		}
	for (i = 0; i < sizeof(file) / sizeof(file[0]); i++)
		if (strcmp(tag, file[i].tag) == 0) {
			if (t->section != 1 || t->el_kind != EL_FILE)
				return tv_bad(t, tag);
			return tv_set(t, t->el, file[i].key, tag, value);
		}
	return 0; /* a tag not read */
}

/* One line (without its end); text accumulates a <text> value over lines. */
static int tv_line(tv *t, char *s, size_t len, ss_buf *text, uint64_t *text_line, char **text_tag)
{
	spdx *c = t->c;
	char *colon, *value, *end;
	int error;

	if (len && s[len - 1] == '\r')
		s[--len] = '\0';
	if (memchr(s, '\0', len) || !ss_utf8_valid(s, len))
		return ss_error_set(SS_EPARSE, "%s: line %llu: not UTF-8 text", c->in->path,
				    (unsigned long long)t->line);
	if (*text_tag) { /* inside <text> */
		if ((end = strstr(s, "</text>"))) {
			const char *rest = end + 7;

			while (is_space(*rest))
				rest++;
			if (*rest)
				return ss_error_set(SS_EPARSE, "%s: line %llu: text after </text>",
						    c->in->path, (unsigned long long)t->line);
			*end = '\0';
		}
		if ((error = ss_buf_putc(text, '\n')) < 0 || (error = ss_buf_puts(text, s)) < 0)
			return error == SS_ENOMEM
				       ? error
				       : ss_error_set(
						 SS_ELIMIT,
						 "%s: line %llu: over the string length limit: a "
						 "<text> value is longer than %llu bytes",
						 c->in->path, (unsigned long long)*text_line,
						 (unsigned long long)c->lim->string);
		if (end) {
			uint64_t line = t->line;

			t->line = *text_line;
			error = tv_tag(t, *text_tag, text->ptr);
			t->line = line;
			free(*text_tag);
			*text_tag = NULL;
			ss_buf_clear(text);
			return error;
		}
		return 0;
	}
	while (is_space(*s))
		s++;
	if (!*s || *s == '#')
		return 0;
	if (!(colon = strchr(s, ':')) || colon == s || memchr(s, ' ', (size_t)(colon - s)) ||
	    memchr(s, '\t', (size_t)(colon - s)))
		return ss_error_set(SS_EPARSE, "%s: line %llu: not a 'Tag: value' line",
				    c->in->path, (unsigned long long)t->line);
	*colon = '\0';
	for (value = colon + 1; is_space(*value); value++)
		;
	for (end = value + strlen(value); end > value && is_space(end[-1]); end--)
		end[-1] = '\0';
	if (strlen(value) > c->lim->string)
		return ss_error_set(
			SS_ELIMIT,
			"%s: line %llu: over the string length limit: a value is longer "
			"than %llu bytes",
			c->in->path, (unsigned long long)t->line,
			(unsigned long long)c->lim->string);
	if (strncmp(value, "<text>", 6) == 0) {
		value += 6;
		if ((end = strstr(value, "</text>"))) {
			const char *rest = end + 7;

			while (is_space(*rest))
				rest++;
			if (*rest)
				return ss_error_set(SS_EPARSE, "%s: line %llu: text after </text>",
						    c->in->path, (unsigned long long)t->line);
			*end = '\0';
			return tv_tag(t, s, value);
		}
		*text_line = t->line;
		if ((error = sdup(text_tag, s)) < 0 || (error = ss_buf_puts(text, value)) < 0)
			return error;
		return 0;
	}
	return tv_tag(t, s, value);
}

int ss_format_spdx_tv(ss_sbom_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	spdx c;
	tv t = {0};
	ss_buf line = SS_BUF_INIT(0), text = SS_BUF_INIT(0);
	unsigned char *buf = NULL;
	char *text_tag = NULL;
	uint64_t text_line = 0;
	long n;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_spdx_tv: NULL argument");
	if ((error = spdx_init(&c, out, in, lim, info)) < 0)
		goto out;
	c.encoding = "tag-value";
	c.tv = 1;
	t.c = &c;
	t.line = 1;
	line.max = c.lim->string + 4096;
	text.max = c.lim->string;
	if (!(t.top = json_object()) || !(buf = malloc(SS_INPUT_CHUNK))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	while ((n = ss_input_read(in, buf, SS_INPUT_CHUNK)) > 0) {
		const unsigned char *p = buf, *e = buf + n, *nl;

		while (p < e) {
			size_t len;

			nl = memchr(p, '\n', (size_t)(e - p));
			len = (size_t)((nl ? nl : e) - p);
			if (line.len + len > line.max) {
				error = ss_error_set(SS_ELIMIT,
						     "%s: line %llu: over the line length limit: "
						     "longer than %llu bytes",
						     in->path, (unsigned long long)t.line,
						     (unsigned long long)line.max);
				goto out;
			}
			if ((error = ss_buf_put(&line, p, len)) < 0)
				goto out;
			if (!nl)
				break;
			if ((error = tv_line(&t, line.ptr, line.len, &text, &text_line,
					     &text_tag)) < 0)
				goto out;
			ss_buf_clear(&line);
			t.line++;
			p = nl + 1;
		}
	}
	if (n < 0) {
		error = (int)n;
		goto out;
	}
	if (line.len && (error = tv_line(&t, line.ptr, line.len, &text, &text_line, &text_tag)) < 0)
		goto out;
	if (text_tag) {
		error = ss_error_set(SS_EPARSE, "%s: line %llu: the <text> of %s has no </text>",
				     in->path, (unsigned long long)text_line, text_tag);
		goto out;
	}
	if ((error = tv_end_element(&t)) < 0 || (error = tv_annot_flush(&t)) < 0)
		goto out;
	error = finish(&c, t.top);
out:
	free(text_tag);
	free(buf);
	free(t.last_package);
	json_decref(t.el);
	json_decref(t.annot);
	json_decref(t.top);
	ss_buf_release(&line);
	ss_buf_release(&text);
	spdx_release(&c);
	return error;
}
