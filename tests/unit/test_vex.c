/* VEX documents: the export of a small register in the three formats
 * against golden files (tests/data/vex/, byte for byte, twice), checked
 * against the CycloneDX 1.6, CSAF and OpenVEX JSON schemas when python3-jsonschema is
 * there; the import of hand-made and real files of ../shared/data (skipped
 * when absent): counts and rows; and the refusals. SS_VEX_GOLDEN=1 in the
 * environment rewrites the golden files. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "helpers.h"
#include "formats/vex.h"
#include "util/util.h"

#define GOLDEN SECSPEC_SOURCE_DIR "/tests/data/vex"
#define SHARED SECSPEC_SOURCE_DIR "/../shared/data"

/* One record of each kind: accepted (twice, one through management's
 * approval), analysed only, rejected, no analysis, not current. */
static const char *const reg =
	"{\"project\": \"web shop\", \"document_id\": \"VEX-web-shop-1\","
	" \"author\": \"Example Vendor <psirt@example.com>\", \"time\": \"2026-05-04T09:00:00Z\","
	" \"records\": ["
	"{\"vuln\": \"CVE-2021-44228\", \"component\": \"log4j\", \"name\": \"log4j-core\","
	" \"version\": \"2.14.1\", \"purl\": "
	"\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\","
	" \"current\": true,"
	" \"notice\": {\"aliases\": [\"GHSA-jfh8-c2jp-5v3q\"], \"source\": \"osv\","
	"  \"summary\": \"Log4Shell\"},"
	" \"analysis\": {\"state\": \"not_affected\", \"justification\": \"code_not_reachable\","
	"  \"detail\": \"JNDI lookups are disabled.\", \"seq\": 10, \"by\": \"sato\","
	"  \"time\": \"2026-05-01T10:00:00Z\"},"
	" \"decision\": {\"verdict\": \"accept\", \"seq\": 11, \"by\": \"suzuki\","
	"  \"time\": \"2026-05-02T10:00:00Z\", \"needs_approval\": false},"
	" \"status\": \"decided\"},"
	"{\"vuln\": \"CVE-2022-0778\", \"component\": \"openssl\", \"name\": \"openssl\","
	" \"version\": \"1.1.1k\", \"purl\": \"pkg:generic/openssl@1.1.1k\", \"current\": true,"
	" \"analysis\": {\"state\": \"affected\", \"response\": [\"update\", "
	"\"workaround_available\"],"
	"  \"detail\": \"Reachable through client certificates.\", \"time\": "
	"\"2026-05-01T11:00:00Z\"},"
	" \"decision\": {\"verdict\": \"accept\", \"time\": \"2026-05-02T11:00:00Z\","
	"  \"needs_approval\": true},"
	" \"approval\": {\"verdict\": \"approved\", \"time\": \"2026-05-03T11:00:00Z\"},"
	" \"status\": \"accepted\"},"
	"{\"vuln\": \"GHSA-xxxx-yyyy-zzzz\", \"component\": \"zlib\", \"name\": \"zlib\","
	" \"version\": \"1.2.11\", \"current\": true,"
	" \"analysis\": {\"state\": \"fixed\", \"detail\": \"Patched in our build.\","
	"  \"time\": \"2026-05-01T12:00:00Z\"}, \"status\": \"analysed\"},"
	"{\"vuln\": \"CVE-2023-0002\", \"component\": \"log4j\", \"name\": \"log4j-core\","
	" \"version\": \"2.14.1\", \"purl\": "
	"\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1\","
	" \"current\": true,"
	" \"analysis\": {\"state\": \"not_affected\","
	"  \"justification\": \"vulnerable_code_cannot_be_controlled_by_adversary\","
	"  \"detail\": \"Only our own input reaches it.\", \"time\": \"2026-05-01T13:00:00Z\"},"
	" \"decision\": {\"verdict\": \"reject\", \"reason\": \"not shown\","
	"  \"time\": \"2026-05-04T09:00:00Z\", \"needs_approval\": false},"
	" \"status\": \"rejected\"},"
	"{\"vuln\": \"CVE-2023-0003\", \"component\": \"zlib\", \"current\": true, \"status\": "
	"\"open\"},"
	"{\"vuln\": \"CVE-2020-0001\", \"component\": \"gone\", \"current\": false,"
	" \"analysis\": {\"state\": \"fixed\", \"detail\": \"x\", \"time\": "
	"\"2026-01-01T00:00:00Z\"},"
	" \"decision\": {\"verdict\": \"accept\", \"time\": \"2026-01-02T00:00:00Z\"},"
	" \"status\": \"decided\"}"
	"]}";

static json_t *load_reg(bool undecided)
{
	json_error_t e;
	json_t *d = json_loads(reg, 0, &e);

	if (!d)
		fail_msg("register: %s", e.text);
	if (undecided)
		json_object_set_new(d, "include_undecided", json_true());
	return d;
}

static char *slurp(const char *path, size_t *len)
{
	ss_buf b = SS_BUF_INIT(0);

	if (ss_file_read(&b, path, 1 << 24) < 0) {
		ss_buf_release(&b);
		return NULL;
	}
	*len = b.len;
	return ss_buf_detach(&b);
}

/* Validate path against schema with python3-jsonschema: 1 valid, 0 not,
 * -1 no validator. */
static int schema_check(const char *path, const char *schema)
{
	char cmd[2048];
	int rc;

	if (access(schema, R_OK) != 0 ||
	    system("python3 -c 'import jsonschema, referencing' >/dev/null 2>&1") != 0)
		return -1;
	/* the other schemas of the schema's folder by their file names, as
	 * CycloneDX refers to spdx.schema.json and jsf-0.82.schema.json */
	snprintf(cmd, sizeof(cmd),
		 "python3 -c 'import json,sys,os,glob,jsonschema,referencing; "
		 "s=json.load(open(sys.argv[2])); d=json.load(open(sys.argv[1])); "
		 "r=referencing.Registry().with_resources([(os.path.basename(f), "
		 "referencing.Resource.from_contents(json.load(open(f)), "
		 "default_specification=referencing.jsonschema.DRAFT7)) for f in "
		 "glob.glob(os.path.join(os.path.dirname(sys.argv[2]), \"*.schema.json\"))]); "
		 "jsonschema.validators.validator_for(s)(s, registry=r).validate(d)' '%s' '%s'",
		 path, schema);
	rc = system(cmd);
	return rc == 0 ? 1 : 0;
}

static void golden(const char *format, bool undecided, const char *file, const char *schema)
{
	json_t *d = load_reg(undecided);
	ss_buf a = SS_BUF_INIT(0), b = SS_BUF_INIT(0);
	char path[512], tmp[] = "/tmp/test_vex_XXXXXX";
	char *want;
	size_t len;
	int fd, v;

	assert_ok(ss_vex_export(&a, format, d));
	assert_ok(ss_vex_export(&b, format, d));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	snprintf(path, sizeof(path), GOLDEN "/%s", file);
	if (getenv("SS_VEX_GOLDEN") && *getenv("SS_VEX_GOLDEN"))
		assert_ok(ss_file_write_atomic(path, a.ptr, a.len));
	if (!(want = slurp(path, &len)))
		fail_msg("no golden file %s", path);
	if (len != a.len || memcmp(want, a.ptr, len) != 0)
		fail_msg("%s differs from the export:\n%s", path, a.ptr);
	if (schema) {
		assert_true((fd = mkstemp(tmp)) >= 0);
		assert_int_equal(write(fd, a.ptr, a.len), (ssize_t)a.len);
		close(fd);
		v = schema_check(tmp, schema);
		unlink(tmp);
		if (v < 0)
			print_message("no python3-jsonschema or no %s: schema not checked\n",
				      schema);
		else
			assert_int_equal(v, 1);
	}
	free(want);
	ss_buf_release(&a);
	ss_buf_release(&b);
	json_decref(d);
}

static void export_cyclonedx(void **state)
{
	(void)state;
	golden("cyclonedx", false, "register.cdx.json",
	       SHARED "/sbom/cyclonedx/bom-1.6.schema.json");
	golden("cyclonedx", true, "register-all.cdx.json",
	       SHARED "/sbom/cyclonedx/bom-1.6.schema.json");
}

static void export_openvex(void **state)
{
	(void)state;
	golden("openvex", false, "register.openvex.json",
	       SHARED "/vuln/openvex/openvex_json_schema.json");
	golden("openvex", true, "register-all.openvex.json",
	       SHARED "/vuln/openvex/openvex_json_schema.json");
}

static void export_csaf(void **state)
{
	(void)state;
	golden("csaf", false, "register.csaf.json", SHARED "/vuln/csaf/csaf_json_schema.json");
	golden("csaf", true, "register-all.csaf.json", SHARED "/vuln/csaf/csaf_json_schema.json");
}

/* What the exports say, read back: the accepted statements only, or all. */
static json_t *parse_mem(const char *name, const char *text, size_t len, int *rc)
{
	ss_input in;
	json_t *st = NULL;

	assert_ok(ss_input_open_mem(&in, name, text, len, ss_vex_limits.bytes));
	*rc = ss_vex_parse(&st, &in, NULL);
	ss_input_close(&in);
	return st;
}

static void round_trip(void **state)
{
	static const char *const formats[] = {"cyclonedx", "openvex", "csaf"};
	(void)state;

	for (int f = 0; f < 3; f++) {
		for (int u = 0; u < 2; u++) {
			json_t *d = load_reg(u), *st, *r;
			ss_buf a = SS_BUF_INIT(0);
			int rc;

			assert_ok(ss_vex_export(&a, formats[f], d));
			st = parse_mem(formats[f], a.ptr, a.len, &rc);
			assert_ok(rc);
			assert_int_equal(json_array_size(st), u ? 4 : 2);
			r = json_array_get(st, 0);
			assert_string_equal(ss_js(r, "vuln"), "CVE-2021-44228");
			assert_string_equal(ss_js(r, "state"), "not_affected");
			assert_string_equal(ss_js(r, "justification"),
					    f == 0 ? "code_not_reachable"
						   : "vulnerable_code_not_in_execute_path");
			assert_string_equal(ss_js(r, "product"),
					    f == 1   ? "pkg:maven/org.apache.logging.log4j/"
						       "log4j-core@2.14.1"
					    : f == 2 ? "pkg:maven/org.apache.logging.log4j/"
						       "log4j-core@2.14.1"
						     : "log4j");
			r = json_array_get(st, 1);
			assert_string_equal(ss_js(r, "vuln"), "CVE-2022-0778");
			assert_string_equal(ss_js(r, "state"), "affected");
			if (f != 1)
				assert_int_equal(json_array_size(json_object_get(r, "response")),
						 f == 0 ? 2 : 2);
			json_decref(st);
			json_decref(d);
			ss_buf_release(&a);
		}
	}
}

/* An accepted exploitable analysis counts once management approved it. */
static void approval_needed(void **state)
{
	json_t *d = load_reg(false), *rec, *st;
	ss_buf a = SS_BUF_INIT(0);
	int rc;

	(void)state;
	rec = json_array_get(json_object_get(d, "records"), 1);
	json_object_del(rec, "approval");
	assert_ok(ss_vex_export(&a, "openvex", d));
	st = parse_mem("awaiting", a.ptr, a.len, &rc);
	assert_ok(rc);
	assert_int_equal(json_array_size(st), 1);
	json_decref(st);
	ss_buf_clear(&a);
	json_object_set_new(rec, "approval", json_pack("{s:s}", "verdict", "rejected"));
	json_object_set_new(d, "include_undecided", json_true());
	assert_ok(ss_vex_export(&a, "cyclonedx", d));
	assert_non_null(strstr(a.ptr, "\"value\": \"approval-rejected\""));
	json_decref(d);
	ss_buf_release(&a);
}

static void refusals(void **state)
{
	static const struct {
		const char *text, *want;
		int rc;
	} bad[] = {
		{"[]", "not a CycloneDX, OpenVEX or CSAF document", SS_EPARSE},
		{"{\"a\": 1, \"a\": 2}", "line 1", SS_EPARSE},
		{"{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": "
		 "[{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"broken\"}]}",
		 "/statements/0/status", SS_EPARSE},
		{"{\"@context\": \"https://openvex.dev/ns/v0.2.0\", \"statements\": "
		 "[{\"vulnerability\": {\"name\": \"CVE-1\"}, \"status\": \"fixed\", "
		 "\"products\": [{\"x\": 1}]}]}",
		 "/statements/0/products/0", SS_EPARSE},
		{"{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": [{\"id\": \"CVE-1\", "
		 "\"analysis\": {\"state\": \"not_affected\", \"justification\": \"nope\"}, "
		 "\"affects\": [{\"ref\": \"a\"}]}]}",
		 "/vulnerabilities/0/analysis/justification", SS_EPARSE},
		{"{\"bomFormat\": \"CycloneDX\", \"vulnerabilities\": [{\"id\": \"CVE-1\", "
		 "\"analysis\": {\"state\": \"exploitable\"}, \"affects\": [{\"ref\": 7}]}]}",
		 "/vulnerabilities/0/affects/0/ref", SS_EPARSE},
		{"{\"document\": {\"csaf_version\": \"2.0\"}, \"vulnerabilities\": "
		 "[{\"product_status\": {\"fixed\": [\"A\"]}}]}",
		 "/vulnerabilities/0", SS_EPARSE},
		{"{\"document\": {\"csaf_version\": \"2.0\"}, \"vulnerabilities\": [{\"cve\": "
		 "\"CVE-1\", \"product_status\": {\"known_not_affected\": [\"A\"]}, \"flags\": "
		 "[{\"label\": \"bogus\", \"product_ids\": [\"A\"]}]}]}",
		 "/vulnerabilities/0/flags/0/label", SS_EPARSE},
		{"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
		 "]]]]]]]]]]]]]]]]]]]]]]]",
		 "depth limit", SS_ELIMIT},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc;
		json_t *st = parse_mem("bad.json", bad[i].text, strlen(bad[i].text), &rc);

		assert_null(st);
		if (rc != bad[i].rc || !strstr(ss_error_last(), bad[i].want) ||
		    !strstr(ss_error_last(), "bad.json"))
			fail_msg("case %zu: %d %s", i, rc, ss_error_last());
	}
	/* the byte cap */
	{
		ss_import_limits lim = ss_vex_limits;
		const char *t = "{\"bomFormat\": \"CycloneDX\"}";
		ss_input in;
		json_t *st = NULL;

		lim.bytes = 10;
		assert_ok(ss_input_open_mem(&in, "big.json", t, strlen(t), 1000));
		assert_int_equal(ss_vex_parse(&st, &in, &lim), SS_ELIMIT);
		ss_input_close(&in);
		assert_null(st);
	}
	/* a group named by many threats: the expansion is capped */
	{
		ss_import_limits lim = ss_vex_limits;
		ss_buf t = SS_BUF_INIT(0);
		ss_input in;
		json_t *st = NULL;
		int rc;

		ss_buf_puts(&t, "{\"document\": {\"csaf_version\": \"2.0\"}, \"product_tree\": "
				"{\"product_groups\": [{\"group_id\": \"G\", \"product_ids\": [");
		for (int i = 0; i < 30; i++)
			ss_buf_printf(&t, "%s\"P%d\"", i ? "," : "", i);
		ss_buf_puts(&t, "]}]}, \"vulnerabilities\": [{\"cve\": \"CVE-1\", \"threats\": [");
		for (int i = 0; i < 10; i++)
			ss_buf_printf(&t,
				      "%s{\"category\": \"impact\", \"details\": \"d\", "
				      "\"group_ids\": [\"G\"]}",
				      i ? "," : "");
		ss_buf_puts(&t, "]}]}");
		lim.values = 150;
		assert_ok(ss_input_open_mem(&in, "groups.json", t.ptr, t.len, 100000));
		rc = ss_vex_parse(&st, &in, &lim);
		ss_input_close(&in);
		assert_int_equal(rc, SS_ELIMIT);
		assert_non_null(strstr(ss_error_last(), "name more than 150 products"));
		assert_null(st);
		ss_buf_release(&t);
	}
	/* the export's own refusals */
	{
		ss_buf b = SS_BUF_INIT(0);
		json_t *d = load_reg(false);

		assert_int_equal(ss_vex_export(&b, "spdx", d), SS_EINVAL);
		json_object_del(d, "author");
		assert_int_equal(ss_vex_export(&b, "csaf", d), SS_EINVAL);
		assert_non_null(strstr(ss_error_last(), "/author"));
		json_decref(d);
		d = load_reg(false);
		json_object_set_new(
			json_object_get(json_array_get(json_object_get(d, "records"), 0),
					"analysis"),
			"state", json_string("exploitable"));
		assert_int_equal(ss_vex_export(&b, "openvex", d), SS_EINVAL);
		assert_non_null(strstr(ss_error_last(), "/records/0"));
		assert_int_equal(b.len, 0);
		json_decref(d);
		ss_buf_release(&b);
	}
}

/* Parse a real file: the number of statements, and the row at index at as
 * "vuln|product|state|justification|response0". */
static void real(const char *rel, size_t want, size_t at, const char *row)
{
	char path[512], got[1024];
	ss_input in;
	json_t *st = NULL, *r;

	snprintf(path, sizeof(path), SHARED "/%s", rel);
	assert_ok(ss_input_open(&in, path, ss_vex_limits.bytes));
	assert_ok(ss_vex_parse(&st, &in, NULL));
	ss_input_close(&in);
	if (json_array_size(st) != want)
		fail_msg("%s: %zu statements, not %zu", rel, json_array_size(st), want);
	r = json_array_get(st, at);
	snprintf(got, sizeof(got), "%s|%s|%s|%s|%s", ss_js(r, "vuln"), ss_js(r, "product"),
		 ss_js(r, "state"), ss_js(r, "justification"),
		 json_string_value(json_array_get(json_object_get(r, "response"), 0)) ?: "");
	if (strcmp(got, row) != 0)
		fail_msg("%s: row %zu is\n  %s\nnot\n  %s", rel, at, got, row);
	json_decref(st);
}

static void real_files(void **state)
{
	(void)state;
	if (access(SHARED "/vuln/openvex/v0.2.0.json", R_OK) != 0) {
		print_message("no " SHARED ": skipped\n");
		skip();
	}
	/* OpenVEX: subcomponents are the products; 0.0.1 plain strings */
	real("vuln/openvex/v0.2.0.json", 10, 6,
	     "CVE-2023-3446|pkg:apk/alpine/libssl3@3.0.8-r3|not_affected|"
	     "vulnerable_code_not_present|");
	real("vuln/openvex/v0.0.1.json", 2, 1,
	     "CVE-2023-12345|pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64|fixed||");
	real("vuln/openvex/v001-1.vex.json", 1, 0,
	     "CVE-1234-5678|pkg:apk/wolfi/bash@1.0.0|under_investigation||");
	/* CSAF */
	real("vuln/csaf/csaf_vex/2022-evd-uc-01-a-001.json", 1, 0,
	     "CVE-2021-44228|CSAFPID-0001|affected||update");
	real("vuln/csaf/csaf_vex/2022-evd-uc-02-na-001.json", 19, 18,
	     "CVE-2020-11914|CSAFPID-0001|not_affected||");
	real("vuln/csaf/csaf_vex/2022-evd-uc-03-ms-001.json", 19, 2,
	     "CVE-2020-11898|CSAFPID-0001|affected||can_not_fix");
	real("vuln/csaf/csaf_vex/2022-evd-uc-08-001.json", 21, 0,
	     "CVE-2021-44228|CSAFPID-0002|affected||update");
	real("vuln/csaf/csaf_vex/sec-vex-2022-0001.json", 3, 0,
	     "CVE-2021-44228|CSAFPID-0001|not_affected|component_not_present|");
	/* CycloneDX */
	real("sbom/cyclonedx/VEX/vex.json", 1, 0,
	     "CVE-2020-25649|urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#pkg:maven/"
	     "com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar|not_affected|"
	     "code_not_reachable|will_not_fix");
	real("sbom/cyclonedx/VEX/CISA-Use-Cases/Case-3/vex.json", 19, 2,
	     "CVE-2020-11898|product-GHI|affected||");
	real("sbom/cyclonedx/VEX/Use-Cases/Case-9/vex.json", 57, 3,
	     "CVE-2020-11897|urn:cdx:2c385cf7-e1ee-46e9-a51c-13de1ecb380a/1#acme-product-1|"
	     "not_affected|code_not_reachable|will_not_fix");
	real("sbom/cyclonedx/VEX/Use-Cases/Case-7/vex.json", 0, 0, "||||");
	real("sbom/cyclonedx/VEX/bom.json", 0, 0, "||||");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(export_cyclonedx), cmocka_unit_test(export_openvex),
		cmocka_unit_test(export_csaf),      cmocka_unit_test(round_trip),
		cmocka_unit_test(approval_needed),  cmocka_unit_test(refusals),
		cmocka_unit_test(real_files),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
