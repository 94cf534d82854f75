/* The CycloneDX importer (src/formats/cyclonedx.c, cyclonedx_xml.c) through a
 * sink of its own: the conformance files of the 1.6 specification, real
 * SBOMs, hand-made XML fixtures, every limit. No database. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "helpers.h"
#include "formats/cyclonedx_int.h"
#include "formats/sbom.h"
#include "util/util.h"

#define CDX_DATA SECSPEC_SOURCE_DIR "/../shared/data/sbom/cyclonedx"
#define FIXTURES SECSPEC_SOURCE_DIR "/tests/data/sbom/cyclonedx"

typedef struct {
	ss_sbom_sink sink;
	int components, dependencies, documents;
	const char *want_ref; /* keep the row of this ref */
	char row[2048];
	char doc[2048];
	char first_dep[512];
	ss_buf all; /* every row, for determinism */
	int fail_after;
	bool quiet;
} rec;

#define S(x) ((x) ? (x) : "-")

static int on_component(ss_sbom_sink *s, const ss_sink_component *c)
{
	rec *r = s->ctx;
	char line[2048];

	assert_non_null(c->ref);
	assert_non_null(c->type);
	assert_non_null(c->name);
	snprintf(line, sizeof(line),
		 "ref=%s parent=%s root=%d type=%s group=%s name=%s version=%s purl=%s cpe=%s "
		 "licenses=%s supplier=%s brought_by=%s repository=%s hashes=%s file=%s scope=%s "
		 "vuln_contact=%s eol=%s support=%s",
		 c->ref, S(c->parent), c->root, c->type, S(c->group), c->name, S(c->version),
		 S(c->purl), S(c->cpe), S(c->licenses), S(c->supplier), S(c->brought_by),
		 S(c->repository), S(c->hashes), S(c->file), S(c->scope), S(c->vuln_contact),
		 S(c->end_of_life), S(c->support));
	if (r->want_ref && strcmp(r->want_ref, c->ref) == 0)
		snprintf(r->row, sizeof(r->row), "%s", line);
	if (!r->quiet)
		ss_buf_printf(&r->all, "%s\n", line);
	r->components++;
	if (r->fail_after > 0 && --r->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses %s", c->ref);
	return 0;
}

static int on_dependency(ss_sbom_sink *s, const ss_sink_dependency *d)
{
	rec *r = s->ctx;

	if (r->dependencies++ == 0)
		snprintf(r->first_dep, sizeof(r->first_dep), "%s -> %s (%s)", d->from, d->to,
			 d->kind);
	if (!r->quiet)
		ss_buf_printf(&r->all, "D %s %s %s\n", d->from, d->to, d->kind);
	return 0;
}

static int on_sbom(ss_sbom_sink *s, const ss_sink_sbom *d)
{
	rec *r = s->ctx;

	r->documents++;
	snprintf(r->doc, sizeof(r->doc),
		 "%s %s %s serial=%s name=%s version=%s timestamp=%s authors=%s tools=%s "
		 "supplier=%s components=%lld dependencies=%lld",
		 d->format, d->encoding, S(d->spec_version), S(d->serial), S(d->name),
		 S(d->version), S(d->timestamp), d->authors, d->tools, S(d->supplier),
		 (long long)d->components, (long long)d->dependencies);
	return 0;
}

static void rec_init(rec *r, const char *want)
{
	memset(r, 0, sizeof(*r));
	r->sink.ctx = r;
	r->sink.component = on_component;
	r->sink.dependency = on_dependency;
	r->sink.sbom = on_sbom;
	r->want_ref = want;
	ss_buf_init(&r->all, 0);
}

static bool is_xml(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && strcmp(path + n - 4, ".xml") == 0;
}

static int import_file(rec *r, const char *path, const ss_import_limits *lim)
{
	json_t *info = json_object();
	ss_input in;
	int error;

	assert_ok(ss_input_open(&in, path, lim ? lim->bytes : ss_sbom_limits.bytes));
	error = is_xml(path) ? ss_format_cyclonedx_xml(&r->sink, &in, lim, info)
			     : ss_format_cyclonedx_json(&r->sink, &in, lim, info);
	ss_input_close(&in);
	json_decref(info);
	return error;
}

static int import_mem(rec *r, bool xml, const char *text, const ss_import_limits *lim)
{
	json_t *info = json_object();
	ss_input in;
	int error;

	assert_ok(ss_input_open_mem(&in, xml ? "mem.xml" : "mem.json", text, strlen(text),
				    lim ? lim->bytes : ss_sbom_limits.bytes));
	error = xml ? ss_format_cyclonedx_xml(&r->sink, &in, lim, info)
		    : ss_format_cyclonedx_json(&r->sink, &in, lim, info);
	ss_input_close(&in);
	json_decref(info);
	return error;
}

static bool have(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (f)
		fclose(f);
	return f != NULL;
}

/* The SPDX license list of the 1.6 schema, behind ss_cdx_license_known. */
static json_t *spdx_ids;

static bool spdx_known(const char *id)
{
	size_t i;
	json_t *v;

	json_array_foreach(spdx_ids, i, v) {
		if (strcmp(json_string_value(v), id) == 0)
			return true;
	}
	return false;
}

static int setup(void **state)
{
	json_t *schema = json_load_file(CDX_DATA "/spdx.schema.json", 0, NULL);

	(void)state;
	if (schema) {
		spdx_ids = json_incref(json_object_get(schema, "enum"));
		json_decref(schema);
		ss_cdx_license_known = spdx_known;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ss_cdx_license_known = NULL;
	json_decref(spdx_ids);
	return 0;
}

/* Why each invalid-* file of the specification is invalid: the message must
 * name that field, not fail on something else. */
static const struct {
	const char *file, *want;
} invalid[] = {
	{"invalid-bomformat-1.6.json", "/bomFormat: 'AnotherFormat'"},
	{"invalid-component-ref-1.6.json",
	 "line 19, byte 448: /components/1/bom-ref: an empty ref"},
	{"invalid-component-swid-1.6.json", "/components/0/swid: the required field 'tagId'"},
	{"invalid-component-type-1.6.json", "line 12, byte 306: /components/0/type: 'foo'"},
	{"invalid-dependency-1.6.json", "/dependencies/0: the required field 'ref' is missing"},
	{"invalid-empty-component-1.6.json", "/components/0: the required field 'name'"},
	{"invalid-hash-alg-1.6.json", "/components/0/hashes/0/alg: 'FOO'"},
	{"invalid-hash-md5-1.6.json", "/components/0/hashes/0/content: not a MD5 hash"},
	{"invalid-hash-sha1-1.6.json", "/components/0/hashes/1/content: not a SHA-1 hash"},
	{"invalid-hash-sha256-1.6.json", "/components/0/hashes/2/content: not a SHA-256 hash"},
	{"invalid-hash-sha512-1.6.json", "/components/0/hashes/3/content: not a SHA-512 hash"},
	{"invalid-issue-type-1.6.json",
	 "/components/0/pedigree/patches/0/resolves/0/type: 'foo' is not an issue type"},
	{"invalid-license-choice-1.6.json",
	 "/components/0/licenses/0: a license choice has 'expression' or 'license', not both"},
	{"invalid-license-declared-concluded-mix-1.6.json",
	 "/components/0/licenses/3: an expression must be the only entry"},
	{"invalid-license-encoding-1.6.json",
	 "/components/0/licenses/0/license/text/encoding: 'base85'"},
	{"invalid-license-id-1.6.json",
	 "/components/0/licenses/0/license/id: 'Apache-2' is not an SPDX license id"},
	{"invalid-license-missing-id-and-name-1.6.json",
	 "/components/0/licenses/0/license: a license has exactly one of"},
	{"invalid-metadata-license-1.6.json",
	 "/metadata/licenses/0/license/id: 'Apache-2' is not an SPDX license id"},
	{"invalid-metadata-timestamp-1.6.json", "/metadata/timestamp: '2020-04-13'"},
	{"invalid-missing-component-type-1.6.json",
	 "/components/0: the required field 'type' is missing"},
	{"invalid-patch-type-1.6.json", "/components/0/pedigree/patches/0/type: 'foo'"},
	{"invalid-properties-1.6.json",
	 "/components/0/licenses/0/license/properties/0: the required field 'name'"},
	{"invalid-scope-1.6.json", "/components/0/scope: 'foo'"},
	{"invalid-serialnumber-1.6.json", "/serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f'"},
	{"invalid-service-data-1.6.json", "/services/0/data/0/flow: 'bar'"},
};

static void conformance(void **state)
{
	char path[1024];
	struct dirent *e;
	DIR *d;
	int valid = 0, refused = 0;
	size_t i;

	(void)state;
	if (!(d = opendir(CDX_DATA "/spec-1.6")) || !spdx_ids) {
		if (d)
			closedir(d);
		skip();
	}
	while ((e = readdir(d))) {
		rec r;
		int error;

		if (strncmp(e->d_name, "valid-", 6) != 0 && strncmp(e->d_name, "invalid-", 8) != 0)
			continue;
		snprintf(path, sizeof(path), CDX_DATA "/spec-1.6/%s", e->d_name);
		rec_init(&r, NULL);
		error = import_file(&r, path, NULL);
		if (e->d_name[0] == 'v') {
			if (error != 0)
				fail_msg("%s refused: %s", e->d_name, ss_error_last());
			assert_int_equal(r.documents, 1);
			valid++;
		} else {
			for (i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++)
				if (strcmp(invalid[i].file, e->d_name) == 0)
					break;
			if (i == sizeof(invalid) / sizeof(invalid[0]))
				fail_msg("%s: no expected reason in the table", e->d_name);
			if (error != SS_EPARSE)
				fail_msg("%s not refused (%d)", e->d_name, error);
			if (!strstr(ss_error_last(), invalid[i].want) ||
			    !strstr(ss_error_last(), e->d_name))
				fail_msg("%s: '%s' does not say '%s'", e->d_name, ss_error_last(),
					 invalid[i].want);
			assert_int_equal(r.documents, 0);
			refused++;
		}
		ss_buf_release(&r.all);
	}
	closedir(d);
	assert_int_equal(valid, 45);
	assert_int_equal(refused, (int)(sizeof(invalid) / sizeof(invalid[0])));
}

/*
 * The conformance files of every version, JSON and XML, from a checkout of
 * CycloneDX/specification: SECSPEC_CDX_CONFORMANCE=.../tools/src/test/resources
 * (skipped otherwise; not in ../shared/data). valid-* import, invalid-* and
 * informal-invalid-* are refused with SS_EPARSE and a message naming the file.
 */
static void conformance_all(void **state)
{
	static const char *const versions[] = {"1.2", "1.3", "1.4", "1.5", "1.6", "1.7"};
	const char *root = getenv("SECSPEC_CDX_CONFORMANCE");
	char dir[1024], path[2048];
	int files = 0;
	size_t v;

	(void)state;
	if (!root || !*root || !spdx_ids)
		skip();
	for (v = 0; v < sizeof(versions) / sizeof(versions[0]); v++) {
		struct dirent *e;
		DIR *d;

		snprintf(dir, sizeof(dir), "%s/%s", root, versions[v]);
		assert_non_null(d = opendir(dir));
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			bool valid = strncmp(e->d_name, "valid-", 6) == 0;
			rec r;
			int error;

			if (n < 5 ||
			    (strcmp(e->d_name + n - 5, ".json") != 0 &&
			     strcmp(e->d_name + n - 4, ".xml") != 0) ||
			    (!valid && !strstr(e->d_name, "invalid-")))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			rec_init(&r, NULL);
			error = import_file(&r, path, NULL);
			if (valid && error != 0)
				fail_msg("%s refused: %s", path, ss_error_last());
			if (!valid && (error != SS_EPARSE || !strstr(ss_error_last(), e->d_name)))
				fail_msg("%s not refused: %d %s", path, error,
					 error ? ss_error_last() : "");
			ss_buf_release(&r.all);
			files++;
		}
		closedir(d);
	}
	printf("conformance_all: %d files\n", files);
	assert_true(files > 700);
}

/* Without the SPDX list an unknown id is taken as given. */
static void license_hook_off(void **state)
{
	bool (*saved)(const char *) = ss_cdx_license_known;
	rec r;

	(void)state;
	if (!have(CDX_DATA "/spec-1.6/invalid-license-id-1.6.json"))
		skip();
	ss_cdx_license_known = NULL;
	rec_init(&r, "#1");
	assert_ok(import_file(&r, CDX_DATA "/spec-1.6/invalid-license-id-1.6.json", NULL));
	assert_non_null(strstr(r.row, " licenses=Apache-2 supplier=Acme Inc "));
	ss_cdx_license_known = saved;
	ss_buf_release(&r.all);
}

static void juice_shop(void **state)
{
	rec r;

	(void)state;
	if (!have(CDX_DATA "/juice-shop-flat-bom.1.4.json"))
		skip();
	rec_init(&r, "hooker@0.2.3");
	assert_ok(import_file(&r, CDX_DATA "/juice-shop-flat-bom.1.4.json", NULL));
	assert_int_equal(r.components, 1116); /* 1,115 and metadata.component */
	assert_int_equal(r.dependencies, 1775);
	assert_string_equal(
		r.row,
		"ref=hooker@0.2.3 parent=- root=0 type=library group=- name=hooker version=0.2.3 "
		"purl=pkg:npm/hooker@0.2.3 cpe=- licenses=MIT supplier=\"Cowboy\" Ben Alman "
		"brought_by=- repository=git://github.com/cowboy/javascript-hooker.git "
		"hashes={\"SHA-512\":\"b7e51eac2b10be24b29802270f4d4fc3e0e7feeb26cf5b113bedd9935fa5"
		"c7c7a0f962a90f6ba57305aa1c72f4f9ab1e441afedfebc88621b52b5253c1a21c4c\"} file=- "
		"scope=- vuln_contact=- eol=- support=-");
	assert_string_equal(r.doc, "cyclonedx json 1.4 serial=- name=juice-shop version=14.1.1 "
				   "timestamp=- authors=[] tools=[\"cyclonedx-library 1.13.3\","
				   "\"cyclonedx-npm 1.9.2\"] supplier=- components=1116 "
				   "dependencies=1775");
	ss_buf_release(&r.all);
}

static void keycloak_and_laravel(void **state)
{
	rec r;

	(void)state;
	if (!have(CDX_DATA "/keycloak-10.0.2-bom.1.2.json"))
		skip();
	rec_init(&r, "pkg:maven/org.bouncycastle/bcpkix-jdk15on@1.62?type=jar");
	assert_ok(import_file(&r, CDX_DATA "/keycloak-10.0.2-bom.1.2.json", NULL));
	assert_int_equal(r.components, 904);
	assert_int_equal(r.dependencies, 994);
	assert_non_null(strstr(r.row,
			       "ref=pkg:maven/org.bouncycastle/bcpkix-jdk15on@1.62?type=jar "
			       "parent=- root=0 type=library group=org.bouncycastle "
			       "name=bcpkix-jdk15on version=1.62 "
			       "purl=pkg:maven/org.bouncycastle/bcpkix-jdk15on@1.62?type=jar "
			       "cpe=- licenses=Bouncy Castle Licence supplier=- brought_by=- "
			       "repository=https://github.com/bcgit/bc-java "
			       "hashes={\"MD5\":\"c488e97d0a455ef687b1b8d46795554f\","
			       "\"SHA-1\":\"3d2e8f5827257331cfe82487f5bab392994e6e32\","));
	assert_non_null(strstr(r.doc, "cyclonedx json 1.2 "
				      "serial=urn:uuid:411dafd2-c29f-491a-97d7-e97de5bc2289 "
				      "name=keycloak-parent version=10.0.2 "
				      "timestamp=2020-08-02T21:21:17Z authors=[] "
				      "tools=[\"CycloneDX Maven plugin 2.0.2\"]"));
	ss_buf_release(&r.all);

	rec_init(&r, "brick/math-0.9.3.0");
	assert_ok(import_file(&r, CDX_DATA "/laravel-7.12.0-bom.1.4.json", NULL));
	assert_int_equal(r.components, 63);
	assert_int_equal(r.dependencies, 113);
	assert_string_equal(r.row, "ref=brick/math-0.9.3.0 parent=- root=0 type=library "
				   "group=brick name=math version=0.9.3 "
				   "purl=pkg:composer/brick/math@0.9.3 cpe=- licenses=MIT "
				   "supplier=- brought_by=- "
				   "repository=https://github.com/brick/math.git hashes=- file=- "
				   "scope=- vuln_contact=- eol=- support=-");
	ss_buf_release(&r.all);
}

static void xml_fixtures(void **state)
{
	rec r;

	(void)state;
	rec_init(&r, "pkg:maven/org.acme/tomcat-catalina@9.0.14");
	assert_ok(import_file(&r, FIXTURES "/valid-1.2.xml", NULL));
	assert_int_equal(r.components, 3);
	assert_int_equal(r.dependencies, 1);
	assert_string_equal(r.first_dep,
			    "app -> pkg:maven/org.acme/tomcat-catalina@9.0.14 (depends)");
	assert_string_equal(
		r.row,
		"ref=pkg:maven/org.acme/tomcat-catalina@9.0.14 parent=- root=0 type=library "
		"group=org.apache.tomcat name=tomcat-catalina version=9.0.14 "
		"purl=pkg:maven/org.apache.tomcat/tomcat-catalina@9.0.14 cpe=- "
		"licenses=Apache-2.0 OR Acme License supplier=Apache brought_by=- "
		"repository=https://github.com/apache/tomcat "
		"hashes={\"MD5\":\"3942447fac867ae5cdb3229b658f4d48\",\"SHA-256\":"
		"\"f498a8ff2dd007e29c2074f5e4b01a9a01775c3ff3aeaf6906ea503bc5791b7b\"} file=- "
		"scope=required vuln_contact=https://tomcat.apache.org/security.html eol=- "
		"support=-");
	assert_string_equal(
		r.doc, "cyclonedx xml 1.2 serial=urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79 "
		       "name=acme-app version=1.0.0 timestamp=2020-04-07T07:01:00Z "
		       "authors=[\"Samantha Wright\"] tools=[\"cyclonedx-maven-plugin 2.0.2\"] "
		       "supplier=Acme Inc components=3 dependencies=1");
	assert_non_null(strstr(r.all.ptr, "ref=#2 parent=- root=0 type=framework group=- "
					  "name=unnamed-ref version=- purl=- cpe=- "
					  "licenses=EPL-2.0 OR GPL-2.0-with-classpath-exception "));
	ss_buf_release(&r.all);

	/* nested: the parent named, the pedigree's ancestor not a row, an
	 * extension element skipped */
	rec_init(&r, "outer");
	assert_ok(import_file(&r, FIXTURES "/valid-1.4-nested.xml", NULL));
	assert_int_equal(r.components, 4);
	assert_int_equal(r.dependencies, 2);
	assert_string_equal(r.row, "ref=outer parent=- root=0 type=application group=- name=outer "
				   "version=1 purl=- cpe=- licenses=- supplier=Subcontractor K.K. "
				   "brought_by=Vendor > Subcontractor repository=- hashes=- file=- "
				   "scope=- vuln_contact=- eol=2030-03-31 support=paid");
	assert_non_null(strstr(r.all.ptr,
			       "ref=inner parent=outer root=0 type=library group=- "
			       "name=inner version=0.9 purl=- cpe=- licenses=- "
			       "supplier=Jane Doe brought_by=- repository=- "
			       "hashes={\"SHA-1\":\"e6b1000b94e835ffd37f4c6dcbdad43f4b48a02a\"}"));
	assert_non_null(strstr(r.all.ptr, "ref=#3 parent=inner root=0 type=file group=- "
					  "name=deep.jar version=- purl=- cpe=- licenses=- "
					  "supplier=- brought_by=- repository=- hashes=- "
					  "file=lib/deep.jar "));
	assert_null(strstr(r.all.ptr, "ancestor-not-a-row"));
	assert_null(strstr(r.all.ptr, "not read"));
	ss_buf_release(&r.all);

	rec_init(&r, "lib-a");
	assert_ok(import_file(&r, FIXTURES "/valid-1.6.xml", NULL));
	assert_int_equal(r.components, 3);
	assert_string_equal(
		r.row,
		"ref=lib-a parent=- root=0 type=library group=- name=lib-a version=3.0 "
		"purl=- cpe=cpe:2.3:a:acme:lib-a:3.0:*:*:*:*:*:*:* licenses=Custom "
		"supplier=A. Author, B. Author brought_by=- repository=- "
		"hashes={\"BLAKE3\":\"26a2f2a5fbd24a6b4c8a4d3d1e5e2e9a5f2c1c0a8a0e4f1d2c3b4a596"
		"8778695\",\"SHA-512\":\"e8f33e424f3f4ed6db76a482fde1a5298970e442c531729119e3799"
		"1884bdffab4f9426b7ee11fccd074eeda0634d71697d6f88a460dce0ac8d627a29f7d1282\"} "
		"file=/opt/acme/lib/lib-a.so scope=- "
		"vuln_contact=mailto:security@acme.example eol=- support=-");
	assert_string_equal(r.doc, "cyclonedx xml 1.6 "
				   "serial=urn:uuid:bcb403ae-91fa-436e-bc93-84d1078cdeed name=acme "
				   "version=- timestamp=2024-05-01T12:00:00.123+09:00 authors=[] "
				   "tools=[\"cyclonedx-cli 0.25.0\"] supplier=- components=3 "
				   "dependencies=1");
	ss_buf_release(&r.all);
}

/* 1.7: an external component with a version range, a citation. */
static void xml_1_7(void **state)
{
	rec r;

	(void)state;
	rec_init(&r, "aes");
	assert_ok(import_file(&r, FIXTURES "/valid-1.7.xml", NULL));
	assert_int_equal(r.components, 3);
	assert_non_null(strstr(r.row, "ref=aes parent=- root=0 type=cryptographic-asset group=- "
				      "name=AES-128-GCM version=- "));
	assert_non_null(strstr(r.doc, "cyclonedx xml 1.7 "));
	ss_buf_release(&r.all);
}

static const struct {
	const char *file, *want;
} invalid_xml[] = {
	{"invalid-namespace.xml", ":2: /bom: the namespace http://cyclonedx.org/schema/bom/1.1"},
	{"invalid-serialnumber.xml", ":2: /bom/@serialNumber:"},
	{"invalid-version.xml", ":2: /bom/@version: '0'"},
	{"invalid-component-type-missing.xml",
	 ":38: /bom/components[1]/component[2]: the required attribute 'type'"},
	{"invalid-component-type.xml", ":38: /bom/components[1]/component[2]/@type: 'foo'"},
	{"invalid-component-name.xml",
	 ":38: /bom/components[1]/component[2]: the required element 'name'"},
	{"invalid-component-ref-empty.xml", "/component[2]/@bom-ref: an empty ref"},
	{"invalid-component-ref-duplicate.xml", "the bom-ref 'lib-a' is used twice"},
	{"invalid-scope.xml", "/component[1]/scope[1]: 'foo'"},
	{"invalid-hash-alg.xml",
	 ":21: /bom/components[1]/component[1]/hashes[1]/hash[1]/@alg: 'FOO'"},
	{"invalid-hash-length.xml", "/hash[2]: not a MD5 hash"},
	{"invalid-license-id-and-name.xml", "/license[1]: a license has exactly one of"},
	{"invalid-license-neither.xml", "/license[1]: a license has exactly one of"},
	{"invalid-license-mix.xml", "/bom/metadata[1]/licenses[1]: an expression must be the only"},
	{"invalid-license-encoding.xml", "/text[1]/@encoding: 'base85'"},
	{"invalid-properties.xml", "/property[1]: the required attribute 'name'"},
	{"invalid-timestamp.xml", ":4: /bom/metadata[1]/timestamp[1]: '2020-04-13'"},
	{"invalid-dependency-ref.xml", "/dependency[2]: the required attribute 'ref'"},
	{"invalid-dependency-dangling.xml",
	 "/bom/dependencies[1]/dependency[2]/provides[1]: the ref 'nowhere' names no component"},
	{"invalid-patch-type.xml", "/patch[1]/@type: 'foo' is not a patch type"},
	{"invalid-issue-type.xml", "/issue[1]/@type: 'foo' is not an issue type"},
	{"invalid-swid.xml", "/swid[1]: the required attribute 'tagId'"},
	{"invalid-service-data.xml", "/classification[1]/@flow: 'bar'"},
	{"invalid-service-name.xml", "/bom/services[1]/service[1]: the required element 'name'"},
	{"invalid-dtd.xml", "document type declarations"},
	{"invalid-version-range.xml",
	 "/component[2]/versionRange: only an external component (isExternal true)"},
	{"invalid-metadata-member.xml",
	 ":4: /bom/metadata[1]/distribution[1]: not a member of the metadata"},
	{"invalid-citation.xml",
	 "/bom/citations[1]/citation[1]: a citation has exactly one of 'pointers' and"},
};

static void xml_refused(void **state)
{
	char path[1024];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(invalid_xml) / sizeof(invalid_xml[0]); i++) {
		rec r;
		int error;

		rec_init(&r, NULL);
		snprintf(path, sizeof(path), FIXTURES "/%s", invalid_xml[i].file);
		error = import_file(&r, path, NULL);
		if (error != SS_EPARSE || !strstr(ss_error_last(), invalid_xml[i].want) ||
		    !strstr(ss_error_last(), invalid_xml[i].file))
			fail_msg("%s: %d '%s' does not say '%s'", invalid_xml[i].file, error,
				 ss_error_last(), invalid_xml[i].want);
		assert_int_equal(r.documents, 0);
		ss_buf_release(&r.all);
	}
	{
		rec r;

		rec_init(&r, NULL);
		assert_int_equal(import_mem(&r, true, "<sbom xmlns=\"urn:x\"/>", NULL), SS_EPARSE);
		assert_non_null(strstr(ss_error_last(), "not a CycloneDX XML BOM"));
		ss_buf_release(&r.all);
	}
}

#define HEAD "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"version\":1,"

/* Rules beyond the conformance files, in JSON. */
static void json_rules(void **state)
{
	static const struct {
		const char *text, *want;
	} bad[] = {
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"bom-ref\":\"x\"},"
		      "{\"type\":\"library\",\"name\":\"b\",\"bom-ref\":\"x\"}]}",
		 "line 1, byte 158: /components/1: the bom-ref 'x' is used twice"},
		{HEAD "\"dependencies\":[{\"ref\":\"x\",\"dependsOn\":[\"y\"]}],"
		      "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"bom-ref\":\"x\"}]}",
		 "mem.json: /dependencies/0/dependsOn/0: the ref 'y' names no component"},
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"bom-ref\":\"x\"}],"
		      "\"dependencies\":[{\"ref\":\"x\",\"dependsOn\":[\"\"]}]}",
		 "/dependencies/0/dependsOn/0: not a ref"},
		{"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"2.0\"}",
		 "mem.json: /specVersion: '2.0' is not a CycloneDX version"},
		{"{\"bomFormat\":\"CycloneDX\"}", "/specVersion: the required field is missing"},
		{HEAD "\"serialNumber\":\"urn:uuid:3E671687-395b-41f5-a30f-a58921a69b79\"}",
		 "/serialNumber: 'urn:uuid:3E671687"},
		{"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\",\"version\":0}",
		 "/version: not an integer of 1 or more"},
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"properties\":"
		      "[{\"name\":\"secspec:support\",\"value\":\"maybe\"}]}]}",
		 "/components/0/properties/0: the property secspec:support is 'maybe'"},
		{HEAD "\"components\":[[]]}", "/components/0: not an object"},
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":7}]}",
		 "/components/0/name: not a string"},
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"components\":"
		      "[{\"type\":\"bogus\",\"name\":\"b\"}]}]}",
		 "/components/0/components/0/type: 'bogus'"},
		{HEAD "\"metadata\":{\"timestamp\":\"2024-05-01T25:00:00Z\"}}",
		 "/metadata/timestamp: '2024-05-01T25:00:00Z'"},
		{HEAD "\"metadata\":{\"timestamp\":\"2024-05-01T12:00:00\"}}",
		 "/metadata/timestamp: '2024-05-01T12:00:00'"},
		{HEAD "\"metadata\":{\"component\":{\"type\":\"application\",\"name\":\"m\","
		      "\"bom-ref\":\"x\"}},\"components\":[{\"type\":\"library\",\"name\":\"a\","
		      "\"bom-ref\":\"x\"}]}",
		 "mem.json: /metadata/component: the bom-ref 'x' is used twice"},
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"hashes\":"
		      "[{\"alg\":\"SHA-256\",\"content\":\"3942447fac867ae5cdb3229b658f4d48\"}]}]}",
		 "/components/0/hashes/0/content: not a SHA-256 hash"},
		{"[1]", "the document is not a JSON object"},
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"versionRange\":"
		      "\"vers:npm/>=1\"}]}",
		 "/components/0/versionRange: only an external component (isExternal true)"},
		{HEAD "\"components\":[{\"type\":\"library\",\"name\":\"a\",\"isExternal\":true,"
		      "\"version\":\"1\",\"versionRange\":\"vers:npm/>=1\"}]}",
		 "/components/0: a component has 'version' or 'versionRange', not both"},
		{HEAD "\"metadata\":{\"distribution\":\"Unrestricted\"}}",
		 "/metadata/distribution: not a member of the metadata"},
		{HEAD "\"metadata\":{\"distributionConstraints\":{\"tlp\":\"WHITE\"}}}",
		 "/metadata/distributionConstraints/tlp: not a TLP classification"},
		{HEAD "\"citations\":[{\"pointers\":[\"/a\"]}]}",
		 "/citations/0: a citation names 'attributedTo' or 'process'"},
		{HEAD "\"citations\":[{\"pointers\":[\"/a\"],\"expressions\":[\"$.a\"],"
		      "\"process\":\"p\"}]}",
		 "/citations/0: a citation has exactly one of 'pointers' and 'expressions'"},
		{HEAD "\"citations\":[{\"bom-ref\":\"c\",\"pointers\":[\"/a\"],\"process\":\"p\"},"
		      "{\"bom-ref\":\"c\",\"pointers\":[\"/a\"],\"process\":\"p\"}]}",
		 "/citations/1: the bom-ref 'c' is used twice"},
		{"{\"bomFormat\":\"SPDX\"}", "/bomFormat: 'SPDX', not \"CycloneDX\""},
		{HEAD "\"components\":{}}", "the member 'components' is not an array"},
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		rec r;
		int error;

		rec_init(&r, NULL);
		error = import_mem(&r, false, bad[i].text, NULL);
		if (error != SS_EPARSE || !strstr(ss_error_last(), bad[i].want))
			fail_msg("case %zu: %d '%s' does not say '%s'", i, error, ss_error_last(),
				 bad[i].want);
		assert_int_equal(r.documents, 0);
		ss_buf_release(&r.all);
	}
}

/* Nested JSON components: the parent, "#<index>" refs, the root, the
 * secspec properties, the dependencies before the components. */
static void json_rows(void **state)
{
	rec r;

	(void)state;
	rec_init(&r, "#2");
	assert_ok(import_mem(
		&r, false,
		HEAD
		"\"serialNumber\":\"urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79\","
		"\"dependencies\":[{\"ref\":\"top\",\"dependsOn\":[\"#2\",\"m\"]}],"
		"\"components\":[{\"type\":\"application\",\"name\":\"top\",\"bom-ref\":\"top\","
		"\"supplier\":{\"name\":\"S\"},\"publisher\":\"P\",\"components\":"
		"[{\"type\":\"library\",\"name\":\"child\",\"authors\":[{\"name\":\"A1\"},"
		"{\"name\":\"A2\"}],\"scope\":\"optional\",\"licenses\":[{\"license\":"
		"{\"id\":\"MIT\"}},{\"license\":{\"name\":\"Custom\"}}],"
		"\"externalReferences\":[{\"type\":\"advisories\",\"url\":\"https://a\"},"
		"{\"type\":\"security-contact\",\"url\":\"mailto:s\"},{\"type\":\"vcs\","
		"\"url\":\"git://r\"}],\"properties\":[{\"name\":\"secspec:brought-by\","
		"\"value\":\"X > Y\"},{\"name\":\"secspec:end-of-life\",\"value\":\"2029-12-31\"},"
		"{\"name\":\"secspec:support\",\"value\":\"none\"},{\"name\":\"secspec:file\","
		"\"value\":\"lib/c.jar\"}],\"hashes\":[{\"alg\":\"MD5\",\"content\":"
		"\"3942447FAC867AE5CDB3229B658F4D48\"}]}]}],"
		"\"metadata\":{\"timestamp\":\"2024-01-02T03:04:05Z\",\"authors\":"
		"[{\"name\":\"Au\"}],\"supplier\":{\"name\":\"Sup\"},\"tools\":{\"components\":"
		"[{\"type\":\"application\",\"name\":\"t\",\"version\":\"1\"}]},\"component\":"
		"{\"type\":\"application\",\"name\":\"m\",\"version\":\"9\",\"bom-ref\":\"m\"}}}",
		NULL));
	assert_int_equal(r.components, 3);
	assert_int_equal(r.dependencies, 2);
	assert_string_equal(r.row, "ref=#2 parent=top root=0 type=library group=- name=child "
				   "version=- purl=- cpe=- licenses=MIT OR Custom supplier=A1, A2 "
				   "brought_by=X > Y repository=git://r "
				   "hashes={\"MD5\":\"3942447fac867ae5cdb3229b658f4d48\"} "
				   "file=lib/c.jar scope=optional vuln_contact=mailto:s "
				   "eol=2029-12-31 support=none");
	assert_non_null(strstr(r.all.ptr,
			       "ref=top parent=- root=0 type=application group=- "
			       "name=top version=- purl=- cpe=- licenses=- supplier=S "));
	assert_non_null(strstr(r.all.ptr, "ref=m parent=- root=1 type=application group=- name=m "
					  "version=9 "));
	assert_string_equal(r.doc, "cyclonedx json 1.5 "
				   "serial=urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79 name=m "
				   "version=9 timestamp=2024-01-02T03:04:05Z authors=[\"Au\"] "
				   "tools=[\"t 1\"] supplier=Sup components=3 dependencies=2");
	assert_string_equal(r.first_dep, "top -> #2 (depends)");
	ss_buf_release(&r.all);
}

static void sink_error_and_determinism(void **state)
{
	rec a, b;

	(void)state;
	rec_init(&a, NULL);
	a.fail_after = 2;
	assert_int_equal(import_file(&a, FIXTURES "/valid-1.4-nested.xml", NULL), SS_EDB);
	assert_int_equal(a.documents, 0);
	ss_buf_release(&a.all);
	if (!have(CDX_DATA "/keycloak-10.0.2-bom.1.2.json"))
		skip();
	rec_init(&a, NULL);
	rec_init(&b, NULL);
	assert_ok(import_file(&a, CDX_DATA "/keycloak-10.0.2-bom.1.2.json", NULL));
	assert_ok(import_file(&b, CDX_DATA "/keycloak-10.0.2-bom.1.2.json", NULL));
	assert_true(a.all.len > 100000);
	assert_int_equal(a.all.len, b.all.len);
	assert_memory_equal(a.all.ptr, b.all.ptr, a.all.len);
	ss_buf_release(&a.all);
	ss_buf_release(&b.all);
}

/* Every cap, in both editions: SS_ELIMIT and the limit's name. */
static void limits(void **state)
{
	static const char json_doc[] = HEAD
		"\"components\":[{\"type\":\"library\",\"name\":\"a\",\"components\":"
		"[{\"type\":\"library\",\"name\":\"b\"}]},{\"type\":\"library\",\"name\":\"c\"}]}";
	static const char xml_doc[] =
		"<bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\"><components>"
		"<component type=\"library\"><name>a</name><components><component "
		"type=\"library\"><name>b</name></component></components></component>"
		"<component type=\"library\"><name>c</name></component></components></bom>";
	const struct {
		const char *field, *want;
	} caps[] = {
		{"bytes", "limit"},
		{"string", "string length limit"},
		{"values", "count limit"},
		{"depth", "nesting depth limit"},
		{"records", "record count limit"},
		{"record_bytes", "record size limit"},
		{"record_values", "record value limit"},
	};
	size_t i;
	rec r;

	(void)state;
	/* both documents import under the defaults */
	rec_init(&r, NULL);
	assert_ok(import_mem(&r, false, json_doc, NULL));
	assert_int_equal(r.components, 3);
	ss_buf_release(&r.all);
	rec_init(&r, NULL);
	assert_ok(import_mem(&r, true, xml_doc, NULL));
	assert_int_equal(r.components, 3);
	ss_buf_release(&r.all);
	for (i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		ss_import_limits lim = ss_sbom_limits;
		int error;

		if (strcmp(caps[i].field, "bytes") == 0)
			lim.bytes = 100;
		else if (strcmp(caps[i].field, "string") == 0)
			lim.string = 8;
		else if (strcmp(caps[i].field, "values") == 0)
			lim.values = 10;
		else if (strcmp(caps[i].field, "depth") == 0)
			lim.depth = 4;
		else if (strcmp(caps[i].field, "records") == 0)
			lim.records = 2;
		else if (strcmp(caps[i].field, "record_bytes") == 0)
			lim.record_bytes = 40;
		else
			lim.record_values = 4;
		rec_init(&r, NULL);
		error = import_mem(&r, false, json_doc, &lim);
		if (error != SS_ELIMIT || !strstr(ss_error_last(), caps[i].want))
			fail_msg("json %s: %d %s", caps[i].field, error, ss_error_last());
		ss_buf_release(&r.all);
		/* the XML edition: bytes, text, nodes, depth, components */
		if (strcmp(caps[i].field, "record_bytes") == 0 ||
		    strcmp(caps[i].field, "record_values") == 0)
			continue;
		rec_init(&r, NULL);
		error = import_mem(&r, true, xml_doc, &lim);
		if (error != SS_ELIMIT)
			fail_msg("xml %s: %d %s", caps[i].field, error, ss_error_last());
		ss_buf_release(&r.all);
	}
	{
		ss_import_limits lim = ss_sbom_limits;

		lim.name = 5;
		rec_init(&r, NULL);
		assert_int_equal(import_mem(&r, true, xml_doc, &lim), SS_ELIMIT);
		ss_buf_release(&r.all);
	}
	/* the defaults refuse absurd nesting */
	{
		ss_buf deep = SS_BUF_INIT(0);

		ss_buf_puts(&deep, HEAD "\"components\":[");
		for (i = 0; i < 40; i++)
			ss_buf_puts(&deep, "{\"type\":\"library\",\"name\":\"n\",\"components\":[");
		for (i = 0; i < 40; i++)
			ss_buf_puts(&deep, "]}");
		ss_buf_puts(&deep, "]}");
		rec_init(&r, NULL);
		assert_int_equal(import_mem(&r, false, deep.ptr, NULL), SS_ELIMIT);
		assert_non_null(strstr(ss_error_last(), "nesting depth limit: deeper than 64"));
		ss_buf_release(&r.all);
		ss_buf_release(&deep);
	}
}

/* 1.7 takes several license expressions and a mix of expressions and
 * licenses (CycloneDX/specification#454): the 1.6 conformance file that
 * refuses it imports as 1.7, the concluded expression is the row's. */
static void licenses_1_7(void **state)
{
	ss_buf text = SS_BUF_INIT(0);
	char *at;
	rec r;

	(void)state;
	if (ss_file_read(&text,
			 CDX_DATA "/spec-1.6/invalid-license-declared-concluded-mix-1.6.json",
			 1 << 20) < 0)
		skip();
	assert_non_null(at = strstr(text.ptr, "\"specVersion\": \"1.6\""));
	at[strlen("\"specVersion\": \"1.")] = '7';
	rec_init(&r, "#1");
	assert_ok(import_mem(&r, false, text.ptr, NULL));
	assert_int_equal(r.components, 3);
	assert_non_null(strstr(r.row, " licenses=(MIT OR PostgreSQL OR Apache-2.0) "));
	/* a declared expression and a concluded license id */
	assert_non_null(strstr(r.all.ptr, "name=situation-C version=1 purl=- cpe=- "
					  "licenses=GPL-3.0-only "));
	assert_non_null(strstr(r.all.ptr, "ref=#2 parent=- root=0 type=library group=com.example "
					  "name=situation-B version=1 purl=- cpe=- "
					  "licenses=(GPL-3.0-only AND LGPL-2.0-only) "));
	ss_buf_release(&r.all);
	ss_buf_release(&text);

	assert_ok(ss_file_read(&text, FIXTURES "/invalid-license-mix.xml", 1 << 20));
	assert_non_null(at = strstr(text.ptr, "schema/bom/1.6"));
	at[strlen("schema/bom/1.")] = '7';
	rec_init(&r, NULL);
	assert_ok(import_mem(&r, true, text.ptr, NULL));
	ss_buf_release(&r.all);
	ss_buf_release(&text);
}

/* A 1.5 SBOM made by npm at test time from the e2e tests' lockfile (no
 * network: --package-lock-only --offline); skipped without npm. */
static void npm_sbom(void **state)
{
	char dir[] = "/tmp/ss-cdx-npm-XXXXXX", path[512], cmd[1024];
	json_t *pkg, *lock;
	rec r;
	int rc;

	(void)state;
	if (system("npm --version >/dev/null 2>&1") != 0 || !mkdtemp(dir))
		skip();
	pkg = json_load_file(SECSPEC_SOURCE_DIR "/tests/e2e/package.json", 0, NULL);
	lock = json_load_file(SECSPEC_SOURCE_DIR "/tests/e2e/package-lock.json", 0, NULL);
	assert_non_null(pkg);
	assert_non_null(lock);
	/* npm makes a purl of the root only with a version */
	json_object_set_new(pkg, "version", json_string("0.0.0"));
	json_object_set_new(lock, "version", json_string("0.0.0"));
	json_object_set_new(json_object_get(json_object_get(lock, "packages"), ""), "version",
			    json_string("0.0.0"));
	snprintf(path, sizeof(path), "%s/package.json", dir);
	assert_int_equal(json_dump_file(pkg, path, 0), 0);
	snprintf(path, sizeof(path), "%s/package-lock.json", dir);
	assert_int_equal(json_dump_file(lock, path, 0), 0);
	json_decref(pkg);
	json_decref(lock);
	snprintf(cmd, sizeof(cmd),
		 "cd %s && npm sbom --sbom-format cyclonedx --package-lock-only --offline "
		 ">sbom.json 2>/dev/null",
		 dir);
	rc = system(cmd);
	snprintf(path, sizeof(path), "%s/sbom.json", dir);
	if (rc != 0) {
		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		(void)!system(cmd);
		skip();
	}
	rec_init(&r, "axe-core@4.14.1");
	assert_ok(import_file(&r, path, NULL));
	assert_true(r.components >= 3);
	assert_true(r.dependencies >= 2);
	assert_non_null(strstr(r.doc, "cyclonedx json 1.5 serial=urn:uuid:"));
	if (r.row[0])
		assert_non_null(strstr(r.row, "purl=pkg:npm/axe-core@4.14.1 cpe=- "
					      "licenses=MPL-2.0 "));
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	(void)!system(cmd);
	ss_buf_release(&r.all);
}

/*
 * The measurement of docs/internals/sbom-cyclonedx.md: with
 * SECSPEC_CDX_BIG=FILE (made by tests/tools/cyclonedx-big.py), only this
 * test runs and imports FILE under the default limits; run the binary under
 * /usr/bin/time -v for the peak memory. Skipped otherwise.
 */
static void big_sbom(void **state)
{
	const char *path = getenv("SECSPEC_CDX_BIG");
	struct timespec t0, t1;
	rec r;

	(void)state;
	if (!path || !*path)
		skip();
	rec_init(&r, NULL);
	r.quiet = true; /* keep no text of the rows */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_ok(import_file(&r, path, NULL));
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("big_sbom: %d components, %d dependencies in %.2f s\n", r.components, r.dependencies,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	assert_true(r.components > 100000);
	ss_buf_release(&r.all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(conformance),
		cmocka_unit_test(conformance_all),
		cmocka_unit_test(license_hook_off),
		cmocka_unit_test(juice_shop),
		cmocka_unit_test(keycloak_and_laravel),
		cmocka_unit_test(xml_fixtures),
		cmocka_unit_test(xml_1_7),
		cmocka_unit_test(xml_refused),
		cmocka_unit_test(json_rules),
		cmocka_unit_test(json_rows),
		cmocka_unit_test(sink_error_and_determinism),
		cmocka_unit_test(limits),
		cmocka_unit_test(licenses_1_7),
		cmocka_unit_test(npm_sbom),
		cmocka_unit_test(big_sbom),
	};

	if (getenv("SECSPEC_CDX_BIG"))
		cmocka_set_test_filter("big_sbom");
	return cmocka_run_group_tests(tests, setup, teardown);
}
