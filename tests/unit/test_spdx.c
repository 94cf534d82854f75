/* The SPDX importer (src/formats/spdx.c) through a sink of its own: the rows
 * of the official 2.3 example in JSON and in tag-value (the same), of two
 * real container SBOMs, and the refusals of hand-made bad documents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "formats/sbom.h"
#include "util/util.h"

#define SPDX_DIR SECSPEC_SOURCE_DIR "/../shared/data/sbom/spdx/"
#define BAD_DIR SECSPEC_SOURCE_DIR "/tests/data/sbom-spdx/"

typedef struct {
	ss_sbom_sink sink;
	char **comps, **deps;
	size_t ncomps, ndeps, roots;
	char sbom[4096];
	int sboms;
	int fail_after; /* > 0: the n-th component fails with SS_EDB */
} rec;

static const char *nz(const char *s)
{
	return s ? s : "-";
}

static void push(char ***list, size_t *n, const char *s)
{
	*list = realloc(*list, (*n + 1) * sizeof(**list));
	assert_non_null(*list);
	(*list)[(*n)++] = strdup(s);
}

static int on_component(ss_sbom_sink *s, const ss_sink_component *r)
{
	rec *x = (rec *)s;
	char line[8192];

	assert_non_null(r->ref);
	assert_non_null(r->type);
	assert_non_null(r->name);
	snprintf(line, sizeof(line), "%s|%d|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s", r->ref, r->root,
		 r->type, r->name, nz(r->version), nz(r->purl), nz(r->cpe), nz(r->licenses),
		 nz(r->supplier), nz(r->brought_by), nz(r->repository), nz(r->hashes), nz(r->file),
		 nz(r->vuln_contact));
	push(&x->comps, &x->ncomps, line);
	x->roots += r->root;
	if (x->fail_after > 0 && --x->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses %s", r->ref);
	return 0;
}

static int on_dependency(ss_sbom_sink *s, const ss_sink_dependency *r)
{
	rec *x = (rec *)s;
	char line[1024];

	snprintf(line, sizeof(line), "%s %s %s", r->from, r->kind, r->to);
	push(&x->deps, &x->ndeps, line);
	return 0;
}

static int on_sbom(ss_sbom_sink *s, const ss_sink_sbom *r)
{
	rec *x = (rec *)s;

	assert_int_equal(x->sboms, 0);
	x->sboms++;
	snprintf(x->sbom, sizeof(x->sbom), "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%lld|%lld", r->format,
		 r->encoding, r->spec_version, nz(r->serial), nz(r->name), nz(r->version),
		 nz(r->timestamp), nz(r->authors), nz(r->tools), nz(r->supplier),
		 (long long)r->components, (long long)r->dependencies);
	return 0;
}

static void rec_init(rec *x)
{
	memset(x, 0, sizeof(*x));
	x->sink.component = on_component;
	x->sink.dependency = on_dependency;
	x->sink.sbom = on_sbom;
}

static void rec_release(rec *x)
{
	for (size_t i = 0; i < x->ncomps; i++)
		free(x->comps[i]);
	for (size_t i = 0; i < x->ndeps; i++)
		free(x->deps[i]);
	free(x->comps);
	free(x->deps);
}

typedef int (*importer)(ss_sbom_sink *, ss_input *, const ss_import_limits *, json_t *);

static int run_file(rec *x, importer fn, const char *path, const ss_import_limits *lim,
		    json_t **info_out)
{
	json_t *info = json_object();
	ss_input in;
	int error;

	rec_init(x);
	assert_ok(ss_input_open(&in, path, (uint64_t)1 << 30));
	error = fn(&x->sink, &in, lim, info);
	ss_input_close(&in);
	if (info_out)
		*info_out = info;
	else
		json_decref(info);
	return error;
}

static int run_mem(rec *x, importer fn, const char *text, const ss_import_limits *lim)
{
	json_t *info = json_object();
	ss_input in;
	int error;

	rec_init(x);
	assert_ok(ss_input_open_mem(&in, "mem.spdx", text, strlen(text), 1 << 20));
	error = fn(&x->sink, &in, lim, info);
	ss_input_close(&in);
	json_decref(info);
	return error;
}

static int have(const char *path)
{
	return access(path, R_OK) == 0;
}

static const char *find_row(const rec *x, const char *ref)
{
	size_t n = strlen(ref);

	for (size_t i = 0; i < x->ncomps; i++)
		if (strncmp(x->comps[i], ref, n) == 0 && x->comps[i][n] == '|')
			return x->comps[i];
	return NULL;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the official example ------------------------------------------------ */

static void test_example_json(void **state)
{
	rec x;
	json_t *info;

	(void)state;
	if (!have(SPDX_DIR "SPDXJSONExample-v2.3.spdx.json"))
		skip();
	assert_ok(run_file(&x, ss_format_spdx_json, SPDX_DIR "SPDXJSONExample-v2.3.spdx.json", NULL,
			   &info));
	assert_int_equal(x.ncomps, 9); /* 4 packages, 5 files with checksums */
	assert_int_equal(x.roots, 2);  /* documentDescribes: SPDXRef-File, SPDXRef-Package */
	assert_string_equal(
		find_row(&x, "SPDXRef-Package"),
		"SPDXRef-Package|1|source|glibc|2.11.1|-|"
		"cpe:2.3:a:pivotal_software:spring_framework:4.1.0:*:*:*:*:*:*:*|"
		"(LGPL-2.0-only OR LicenseRef-3)|Jane Doe|-|"
		"http://ftp.gnu.org/gnu/glibc/glibc-ports-2.15.tar.gz|"
		"{\"BLAKE2b-384\":"
		"\"aaabd89c926ab525c242e6621f2f5fa73aa4afe3d9e24aed727faaadd6af38b62"
		"0bdb623dd2b4788b1c8086984af8706\",\"MD5\":\"624c1abb3664f4b35547e7c73864ad24\","
		"\"SHA-1\":\"85ed0817af83a24ad8da68c2b5094de69833983c\",\"SHA-256\":"
		"\"11b6d3ee554eedf79299905a98f9b9a04e498210b59f15094c916c91d150efcd\"}|-|-");
	assert_string_equal(find_row(&x, "SPDXRef-fromDoap-0"),
			    "SPDXRef-fromDoap-0|0|library|Jena|3.12.0|"
			    "pkg:maven/org.apache.jena/apache-jena@3.12.0|-|-|-|-|"
			    "https://search.maven.org/remotecontent?filepath=org/apache/jena/"
			    "apache-jena/3.12.0/apache-jena-3.12.0.tar.gz|-|-|-");
	assert_string_equal(find_row(&x, "SPDXRef-fromDoap-1"),
			    "SPDXRef-fromDoap-1|0|library|Apache Commons Lang|-|-|-|-|-|-|-|-|-|-");
	assert_string_equal(
		find_row(&x, "SPDXRef-File"),
		"SPDXRef-File|1|file|package/foo.c|-|-|-|(LGPL-2.0-only OR "
		"LicenseRef-2)|-|-|-|{\"MD5\":\"624c1abb3664f4b35547e7c73864ad24\","
		"\"SHA-1\":\"d6a770ba38583ed4bb4525bd96e50461655d2758\"}|package/foo.c|-");
	/* hasFiles (4 files) and JenaLib CONTAINS Package; the rest is not between
	 * components or not a dependency */
	assert_int_equal(x.ndeps, 5);
	assert_string_equal(x.deps[0], "SPDXRef-JenaLib contains SPDXRef-Package");
	assert_string_equal(x.deps[1], "SPDXRef-Package contains SPDXRef-CommonsLangSrc");
	assert_string_equal(
		x.sbom, "spdx|json|SPDX-2.3|http://spdx.org/spdxdocs/"
			"spdx-example-444504E0-4F89-41D3-9A0C-0305E82C3301|SPDX-Tools-v2.0|-|"
			"2010-01-29T18:30:22Z|[\"Organization: ExampleCodeInspect ()\","
			"\"Person: Jane Doe ()\"]|[\"LicenseFind 1.0\"]|ExampleCodeInspect|9|5");
	assert_string_equal(ss_js(info, "name"), "SPDX-Tools-v2.0");
	assert_string_equal(ss_js(info, "version"), "SPDX-2.3");
	assert_int_equal(ss_ji(json_object_get(info, "counts"), "snippet"), 1);
	assert_int_equal(ss_ji(json_object_get(info, "counts"), "relationship"), 7);
	json_decref(info);
	rec_release(&x);
}

static void test_example_tv_same_rows(void **state)
{
	rec j, t;

	(void)state;
	if (!have(SPDX_DIR "SPDXTagExample-v2.3.spdx"))
		skip();
	assert_ok(run_file(&j, ss_format_spdx_json, SPDX_DIR "SPDXJSONExample-v2.3.spdx.json", NULL,
			   NULL));
	assert_ok(run_file(&t, ss_format_spdx_tv, SPDX_DIR "SPDXTagExample-v2.3.spdx", NULL, NULL));
	assert_int_equal(t.ncomps, j.ncomps);
	qsort(j.comps, j.ncomps, sizeof(char *), cmp_str);
	qsort(t.comps, t.ncomps, sizeof(char *), cmp_str);
	for (size_t i = 0; i < j.ncomps; i++)
		assert_string_equal(t.comps[i], j.comps[i]);
	assert_int_equal(t.ndeps, j.ndeps);
	for (size_t i = 0; i < j.ndeps; i++) /* handed sorted */
		assert_string_equal(t.deps[i], j.deps[i]);
	/* the document differs only in its encoding */
	assert_memory_equal(t.sbom, "spdx|tag-value|", 15);
	assert_string_equal(t.sbom + 15, j.sbom + 10);
	rec_release(&j);
	rec_release(&t);
}

/* ---- real SBOMs ----------------------------------------------------------- */

static void test_kasmweb(void **state)
{
	const char *path = SPDX_DIR "spdx-bom-kasmweb_vlc-sha256-75fdfbcb8f3e.json";
	rec x;

	(void)state;
	if (!have(path))
		skip();
	assert_ok(run_file(&x, ss_format_spdx_json, path, NULL, NULL));
	assert_int_equal(x.ncomps, 2550);
	assert_int_equal(x.roots, 1);
	assert_int_equal(x.ndeps, 2549); /* 2,557 CONTAINS, 8 from the document */
	assert_string_equal(
		x.comps[0],
		"SPDXRef-Package-SPDXRef-Package-index.docker.io-kasmweb-vlc-49b0bd429e063a47d88d29"
		"ee180ff6a1631af5bb0bb8af2d07b797f284ad4b39-sha256-d6475f25ad5e0e2b9ae3263739931145"
		"d0469815be412ad796258d5d02856495-72f0d86f-5705-4e39-a033-6e2c8fe33f73|0|library|"
		"libswitch-perl|2.17-2|pkg:deb/ubuntu/libswitch-perl@2.17-2?arch=all|-|-|-|-|-|-|-|"
		"-");
	rec_release(&x);
}

static void test_percona(void **state)
{
	const char *path =
		SPDX_DIR "spdx-syft-percona_percona-server-mongodb-sha256-947f2557787e.json";
	rec x;
	json_t *info;

	(void)state;
	if (!have(path))
		skip();
	assert_ok(run_file(&x, ss_format_spdx_json, path, NULL, &info));
	assert_int_equal(x.ncomps, 342 + 6381);
	assert_int_equal(x.roots, 0); /* DESCRIBES names the document itself */
	assert_int_equal(ss_ji(json_object_get(info, "counts"), "package"), 342);
	assert_int_equal(ss_ji(json_object_get(info, "counts"), "file"), 6381);
	assert_string_equal(x.comps[0],
			    "SPDXRef-Package-rpm-acl-fa5670e1db6de68f|0|library|acl|2.2.53-1.el8|"
			    "pkg:rpm/ol/acl@2.2.53-1.el8?arch=x86_64&upstream=acl-2.2.53-1.el8.src."
			    "rpm&distro=ol-8.7|cpe:2.3:a:oracleamerica:acl:2.2.53-1.el8:*:*:*:*:*:"
			    "*:*|-|-|-|-|-|-|-");
	assert_string_equal(find_row(&x, "SPDXRef-6fa1ef3699f47010"),
			    "SPDXRef-6fa1ef3699f47010|0|file|/etc/DIR_COLORS|-|-|-|-|-|-|-|"
			    "{\"SHA-1\":\"0000000000000000000000000000000000000000\"}|"
			    "/etc/DIR_COLORS|-");
	assert_string_equal(
		x.sbom,
		"spdx|json|SPDX-2.3|https://anchore.com/syft/image/percona/"
		"percona-server-mongodb@sha256-947f2557787e20b36345d5aa9c9ca42bbc00f3e4d97a445e4"
		"6ebb2cf8e49def8-4dc454a2-3093-43e5-b0d3-3e24745fea16|percona/"
		"percona-server-mongodb@sha256:947f2557787e20b36345d5aa9c9ca42bbc00f3e4d97a445e4"
		"6ebb2cf8e49def8|-|2022-12-26T18:16:23Z|[\"Organization: Anchore, Inc\"]|"
		"[\"syft 0.64.0\"]|Anchore, Inc|6723|6397");
	json_decref(info);
	rec_release(&x);
}

/* ---- hand-made documents ------------------------------------------------ */

static void test_good(void **state)
{
	rec j, t;

	(void)state;
	assert_ok(run_file(&j, ss_format_spdx_json, BAD_DIR "good.spdx.json", NULL, NULL));
	assert_ok(run_file(&t, ss_format_spdx_tv, BAD_DIR "good.spdx", NULL, NULL));
	assert_int_equal(j.ncomps, 4); /* README has no checksum */
	assert_string_equal(j.comps[0],
			    "SPDXRef-app|1|application|app|1.0|-|-|MIT|Vendor KK|-|-|-|-|-");
	assert_string_equal(
		j.comps[1],
		"SPDXRef-zlib|0|library|zlib|1.3.1|pkg:generic/zlib@1.3.1|cpe:/"
		"a:zlib:zlib:1.3.1|Zlib|"
		"Mark Adler|Sub Co > Vendor KK|https://github.com/madler/zlib|{\"SHA-256\":"
		"\"9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23\"}|-|"
		"https://zlib.net/security");
	assert_string_equal(j.comps[2],
			    "SPDXRef-openssl|0|library|openssl|3.0.13|-|-|-|-|Vendor KK|-|-|-|-");
	assert_string_equal(j.comps[3], "SPDXRef-bin|0|file|bin/app|-|-|-|-|-|-|-|"
					"{\"SHA-1\":\"2fd4e1c67a2d28fced849ee1bb76e7391b93eb12\"}|"
					"bin/app|-");
	/* sorted, CONTAINED_BY and CONTAINS of the same pair once, README and
	 * NOASSERTION dropped */
	assert_int_equal(j.ndeps, 3);
	assert_string_equal(j.deps[0], "SPDXRef-app contains SPDXRef-bin");
	assert_string_equal(j.deps[1], "SPDXRef-app depends SPDXRef-openssl");
	assert_string_equal(j.deps[2], "SPDXRef-app depends SPDXRef-zlib");
	assert_string_equal(j.sbom, "spdx|json|SPDX-2.3|https://example.com/spdx/delivery-1.0|"
				    "delivery-1.0|1.0|2026-01-01T00:00:00Z|"
				    "[\"Organization: Vendor KK (sec@vendor.example)\"]|"
				    "[\"secspec-gen 0.1.2\"]|Vendor KK|4|3");
	qsort(j.comps, j.ncomps, sizeof(char *), cmp_str);
	qsort(t.comps, t.ncomps, sizeof(char *), cmp_str);
	assert_int_equal(t.ncomps, j.ncomps);
	for (size_t i = 0; i < j.ncomps; i++)
		assert_string_equal(t.comps[i], j.comps[i]);
	assert_int_equal(t.ndeps, j.ndeps);
	for (size_t i = 0; i < j.ndeps; i++)
		assert_string_equal(t.deps[i], j.deps[i]);
	assert_string_equal(t.sbom + 15, j.sbom + 10);
	rec_release(&j);
	rec_release(&t);
}

/* SPDX 3.0 JSON-LD: the same delivery as good.spdx.json, the same rows but
 * for the ids (IRIs) */
static void test_v3(void **state)
{
	rec x;
	json_t *info;

	(void)state;
	assert_ok(run_file(&x, ss_format_spdx_json, BAD_DIR "good-3.0.spdx.json", NULL, &info));
	assert_int_equal(x.ncomps, 4);
	assert_string_equal(x.comps[0], "https://example.com/pkg/app|1|application|app|1.0|-|-|MIT|"
					"Vendor KK|-|-|-|-|-");
	assert_string_equal(
		x.comps[1],
		"https://example.com/pkg/zlib|0|library|zlib|1.3.1|pkg:generic/zlib@1.3.1|"
		"cpe:/a:zlib:zlib:1.3.1|Zlib|Mark Adler|Sub Co > Vendor KK|"
		"https://github.com/madler/zlib|{\"SHA-256\":"
		"\"9a93b2b7dfdac77ceba5a558a580e74667dd6fede4585b91eefb60f03b72df23\"}|-|-");
	assert_string_equal(x.comps[2],
			    "https://example.com/pkg/openssl|0|library|openssl|3.0.13|-|"
			    "-|-|-|Vendor KK|-|-|-|-");
	assert_string_equal(x.comps[3], "https://example.com/file/bin|0|file|bin/app|-|-|-|-|-|-|-|"
					"{\"SHA-1\":\"2fd4e1c67a2d28fced849ee1bb76e7391b93eb12\"}|"
					"bin/app|-");
	assert_int_equal(x.ndeps, 3);
	assert_string_equal(x.deps[0],
			    "https://example.com/pkg/app contains https://example.com/file/bin");
	assert_string_equal(x.deps[2],
			    "https://example.com/pkg/app depends https://example.com/pkg/zlib");
	assert_string_equal(x.sbom, "spdx|json|SPDX-3.0.1|https://example.com/spdx/delivery-1.0|"
				    "delivery-1.0|1.0|2026-01-01T00:00:00Z|"
				    "[\"Organization: Vendor KK\"]|[\"secspec-gen 0.1.2\"]|"
				    "Vendor KK|4|3");
	assert_string_equal(ss_js(info, "version"), "SPDX-3.0.1");
	json_decref(info);
	rec_release(&x);
}

static void test_bad(void **state)
{
	static const struct {
		const char *file;
		int code;
		const char *msg; /* a part of the message */
	} cases[] = {
		{"bad-dup-id.spdx.json", SS_EPARSE,
		 "/files/0/SPDXID: a second element with the SPDXID 'SPDXRef-zlib'"},
		{"bad-dangling.spdx.json", SS_EPARSE,
		 "bad-dangling.spdx.json: /relationships/3: 'SPDXRef-gone' is not an element"},
		{"bad-no-id.spdx.json", SS_EPARSE, "/packages/1/SPDXID: missing"},
		{"bad-no-download.spdx.json", SS_EPARSE, "/packages/2/downloadLocation: missing"},
		{"bad-hex.spdx.json", SS_EPARSE,
		 "/packages/1/checksums/0/checksumValue: a SHA256 checksum must be 64 hexadecimal"},
		{"bad-alg.spdx.json", SS_EPARSE,
		 "/files/0/checksums/0/algorithm: unknown checksum algorithm 'CRC32'"},
		{"bad-purpose.spdx.json", SS_EPARSE,
		 "/packages/0/primaryPackagePurpose: 'GAME' is not a purpose"},
		{"bad-version.spdx.json", SS_EPARSE, "/spdxVersion: 'SPDX-2.1' is not read"},
		{"bad-no-creators.spdx.json", SS_EPARSE,
		 "/creationInfo/creators (Creator): missing"},
		{"bad-doc-id.spdx.json", SS_EPARSE, "must be SPDXRef-DOCUMENT, not 'SPDXRef-DOC'"},
		{"bad-describes.spdx.json", SS_EPARSE,
		 "/documentDescribes/0: 'SPDXRef-nope' is not an element"},
		{"spdx3.jsonld", SS_EPARSE, "/@graph: an SPDX 3.0 document without elements"},
		{"bad-dangling-3.0.spdx.json", SS_EPARSE,
		 "/@graph/13/to/1: 'https://example.com/pkg/gone' is not an element"},
		{"bad-dangling.spdx", SS_EPARSE,
		 "bad-dangling.spdx: line 55: 'SPDXRef-gone' is not an element"},
		{"bad-line.spdx", SS_EPARSE, "bad-line.spdx: line 21: not a 'Tag: value' line"},
		{"bad-text.spdx", SS_EPARSE,
		 "bad-text.spdx: line 35: the <text> of PackageComment has no"},
		{"bad-twice.spdx", SS_EPARSE, "bad-twice.spdx: line 45: a second PackageVersion"},
		{"bad-no-id.spdx", SS_EPARSE, "bad-no-id.spdx: line 42 (SPDXID): missing"},
		{"bad-outside.spdx", SS_EPARSE,
		 "bad-outside.spdx: line 11: PackageVersion outside the element"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char path[512];
		size_t n = strlen(cases[i].file);
		int tv = n > 5 && strcmp(cases[i].file + n - 5, ".spdx") == 0;
		rec x;
		int rc;

		snprintf(path, sizeof(path), "%s%s", BAD_DIR, cases[i].file);
		rc = run_file(&x, tv ? ss_format_spdx_tv : ss_format_spdx_json, path, NULL, NULL);
		if (rc != cases[i].code || !strstr(ss_error_last(), cases[i].msg))
			fail_msg("%s: %d %s", cases[i].file, rc, ss_error_last());
		/* nothing handed: the rows wait for the end */
		assert_int_equal(x.ncomps, 0);
		assert_int_equal(x.sboms, 0);
		rec_release(&x);
	}
}

static void test_limits_and_sink(void **state)
{
	ss_import_limits lim = {.bytes = 1 << 20,
				.string = 1 << 16,
				.values = 1000000,
				.depth = 32,
				.records = 5,
				.record_bytes = 1 << 20,
				.record_values = 10000};
	rec x;
	int rc;

	(void)state;
	rc = run_file(&x, ss_format_spdx_json, BAD_DIR "good.spdx.json", &lim, NULL);
	assert_int_equal(rc, SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "over the record count limit"));
	assert_non_null(strstr(ss_error_last(), "good.spdx.json: line "));
	rec_release(&x);
	rc = run_file(&x, ss_format_spdx_tv, BAD_DIR "good.spdx", &lim, NULL);
	assert_int_equal(rc, SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "over the record count limit"));
	rec_release(&x);
	lim.records = 1000;
	lim.string = 30;
	rc = run_file(&x, ss_format_spdx_tv, BAD_DIR "good.spdx", &lim, NULL);
	assert_int_equal(rc, SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "good.spdx: line 6: over the string length"));
	rec_release(&x);
	rc = run_file(&x, ss_format_spdx_json, BAD_DIR "good.spdx.json", &lim, NULL);
	assert_int_equal(rc, SS_ELIMIT);
	rec_release(&x);

	lim.string = 1 << 16;
	lim.record_values = 1;
	rc = run_file(&x, ss_format_spdx_tv, BAD_DIR "good.spdx", &lim, NULL);
	assert_int_equal(rc, SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "good.spdx: line 8: over the record value limit"));
	rec_release(&x);

	/* the sink's error stops the import with its code */
	rec_init(&x);
	{
		json_t *info = json_object();
		ss_input in;

		x.fail_after = 2;
		assert_ok(ss_input_open(&in, BAD_DIR "good.spdx.json", 1 << 20));
		assert_int_equal(ss_format_spdx_json(&x.sink, &in, NULL, info), SS_EDB);
		assert_int_equal(x.ncomps, 2);
		ss_input_close(&in);
		json_decref(info);
	}
	rec_release(&x);
}

static void test_tv_syntax(void **state)
{
	static const char head[] = "SPDXVersion: SPDX-2.2\r\nDataLicense: CC0-1.0\r\n"
				   "SPDXID: SPDXRef-DOCUMENT\nDocumentName: d\n"
				   "DocumentNamespace: https://x/d\nCreator: Person: A\n"
				   "Created: 2026-01-01T00:00:00Z\n";
	char text[2048];
	rec x;

	(void)state;
	/* CRLF, a one-line <text>, a comment line, no final newline */
	snprintf(text, sizeof(text),
		 "%s# c\nPackageName: p\nSPDXID: SPDXRef-p\n"
		 "PackageDownloadLocation: <text>NONE</text>\n"
		 "PackageComment: <text> secspec:brought-by: B </text>",
		 head);
	assert_ok(run_mem(&x, ss_format_spdx_tv, text, NULL));
	assert_int_equal(x.ncomps, 1);
	assert_string_equal(x.comps[0], "SPDXRef-p|0|library|p|-|-|-|-|-|B|-|-|-|-");
	rec_release(&x);
	/* tools: split at the first "-" before a digit */
	snprintf(text, sizeof(text),
		 "%sCreator: Tool: vcpkg-2025-06-02-145689e\nCreator: Tool: spdx-tools-1.2\n"
		 "Creator: Tool: sigs.k8s.io/bom\n",
		 head);
	assert_ok(run_mem(&x, ss_format_spdx_tv, text, NULL));
	assert_non_null(strstr(x.sbom, "|[\"Person: A\"]|[\"vcpkg 2025-06-02-145689e\","
				       "\"spdx-tools 1.2\",\"sigs.k8s.io/bom\"]|-|0|0"));
	rec_release(&x);
	/* not UTF-8 */
	snprintf(text, sizeof(text), "%sPackageName: \xff\n", head);
	assert_int_equal(run_mem(&x, ss_format_spdx_tv, text, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "mem.spdx: line 8: not UTF-8"));
	rec_release(&x);
	/* a relationship of two words */
	snprintf(text, sizeof(text), "%sRelationship: SPDXRef-DOCUMENT DESCRIBES\n", head);
	assert_int_equal(run_mem(&x, ss_format_spdx_tv, text, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "line 8: a Relationship is"));
	rec_release(&x);
	/* empty input */
	assert_int_equal(run_mem(&x, ss_format_spdx_tv, "", NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/spdxVersion (SPDXVersion): missing"));
	rec_release(&x);
	assert_int_equal(run_mem(&x, ss_format_spdx_json, "[]", NULL), SS_EPARSE);
	rec_release(&x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_example_json), cmocka_unit_test(test_example_tv_same_rows),
		cmocka_unit_test(test_kasmweb),      cmocka_unit_test(test_percona),
		cmocka_unit_test(test_good),         cmocka_unit_test(test_v3),
		cmocka_unit_test(test_bad),          cmocka_unit_test(test_limits_and_sink),
		cmocka_unit_test(test_tv_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
