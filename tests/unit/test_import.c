/* The importers through a sink of their own: what rows they hand over, and
 * every limit refused with SS_ELIMIT, its name and its position. No database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "helpers.h"
#include "formats/import.h"
#include "formats/jsonstream.h"
#include "util/util.h"

typedef struct {
	ss_ref_sink sink;
	int attack, rels, cwe, asvs, rules, profiles, selects;
	char last_id[128];
	int fail_after; /* > 0: the n-th row fails with SS_EDB */
} rec;

static int step(rec *r, const char *id)
{
	snprintf(r->last_id, sizeof(r->last_id), "%s", id ? id : "");
	if (r->fail_after > 0 && --r->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses %s", id);
	return 0;
}

static int on_attack(ss_ref_sink *s, const ss_sink_attack *row)
{
	rec *r = (rec *)s;

	assert_non_null(row->stix_id);
	assert_non_null(row->name);
	assert_non_null(row->platforms);
	r->attack++;
	return step(r, row->ext_id);
}

static int on_rel(ss_ref_sink *s, const ss_sink_attack_rel *row)
{
	rec *r = (rec *)s;

	r->rels++;
	return step(r, row->type);
}

static int on_cwe(ss_ref_sink *s, const ss_sink_cwe *row)
{
	rec *r = (rec *)s;
	char id[32];

	r->cwe++;
	snprintf(id, sizeof(id), "CWE-%lld %s", (long long)row->id, row->parents);
	return step(r, id);
}

static int on_asvs(ss_ref_sink *s, const ss_sink_asvs *row)
{
	rec *r = (rec *)s;

	r->asvs++;
	return step(r, row->id);
}

static int on_rule(ss_ref_sink *s, const ss_sink_xccdf_rule *row)
{
	rec *r = (rec *)s;

	r->rules++;
	return step(r, row->idents);
}

static int on_profile(ss_ref_sink *s, const ss_sink_xccdf_profile *row)
{
	rec *r = (rec *)s;

	r->profiles++;
	return step(r, row->title);
}

static int on_select(ss_ref_sink *s, const ss_sink_xccdf_select *row)
{
	rec *r = (rec *)s;

	r->selects++;
	return step(r, row->rule_id);
}

static rec recorder(void)
{
	rec r;

	memset(&r, 0, sizeof(r));
	r.sink = (ss_ref_sink){.attack = on_attack,
			       .attack_rel = on_rel,
			       .cwe = on_cwe,
			       .asvs = on_asvs,
			       .xccdf_rule = on_rule,
			       .xccdf_profile = on_profile,
			       .xccdf_select = on_select};
	return r;
}

/* Run kind over text with lim (NULL: the kind's own); info and status. */
static int run(rec *r, const char *kind, const char *text, size_t len, const ss_import_limits *lim,
	       json_t **info_out)
{
	const ss_format *f = ss_format_find(kind);
	json_t *info = json_object();
	ss_input in;
	int error;

	assert_non_null(f);
	assert_ok(
		ss_input_open_mem(&in, "mem.txt", text, len, lim ? lim->bytes : f->limits->bytes));
	error = f->fn(&r->sink, &in, lim, info);
	ss_input_close(&in);
	if (info_out)
		*info_out = info;
	else
		json_decref(info);
	return error;
}

#define RUN(r, kind, text, lim, info) run((r), (kind), (text), strlen(text), (lim), (info))

static const char attack_ok[] =
	"{\"type\": \"bundle\", \"objects\": [\n"
	"{\"type\": \"attack-pattern\", \"id\": \"attack-pattern--1\", \"name\": \"T\",\n"
	" \"x_mitre_domains\": [\"enterprise-attack\"],\n"
	" \"external_references\": [{\"source_name\": \"mitre-attack\", \"external_id\": "
	"\"T9001\"}]},\n"
	"{\"type\": \"course-of-action\", \"id\": \"course-of-action--2\", \"name\": \"M\"},\n"
	"{\"type\": \"relationship\", \"id\": \"relationship--3\", \"relationship_type\": "
	"\"mitigates\",\n"
	" \"source_ref\": \"course-of-action--2\", \"target_ref\": \"attack-pattern--1\"}]}\n";

static void sink_gets_rows(void **state)
{
	rec r = recorder();
	json_t *info = NULL;

	(void)state;
	assert_ok(RUN(&r, "attack", attack_ok, NULL, &info));
	assert_int_equal(r.attack, 2);
	assert_int_equal(r.rels, 1);
	assert_string_equal(ss_js(info, "domain"), "enterprise-attack");
	assert_int_equal(ss_ji(json_object_get(info, "counts"), "technique"), 1);
	json_decref(info);
}

static void null_sink_drops_rows(void **state)
{
	ss_ref_sink none = {0};
	ss_input in;
	json_t *info = json_object();

	(void)state;
	assert_ok(ss_input_open_mem(&in, "mem", attack_ok, strlen(attack_ok), 1 << 20));
	assert_ok(ss_format_attack(&none, &in, NULL, info));
	assert_int_equal(ss_ji(json_object_get(info, "counts"), "mitigation"), 1);
	ss_input_close(&in);
	json_decref(info);
}

static void sink_error_stops_import(void **state)
{
	rec r = recorder();

	(void)state;
	r.fail_after = 2;
	assert_int_equal(RUN(&r, "attack", attack_ok, NULL, NULL), SS_EDB);
	assert_non_null(strstr(ss_error_last(), "mem.txt: line 5"));
	assert_non_null(strstr(ss_error_last(), "the sink refuses"));
	assert_int_equal(r.rels, 0);
}

static void dangling_relationship(void **state)
{
	rec r = recorder();
	char text[sizeof(attack_ok)];

	(void)state;
	memcpy(text, attack_ok, sizeof(attack_ok));
	strstr(text, "\"source_ref\": \"course-of-action--")[33] = '9';
	assert_int_equal(RUN(&r, "attack", text, NULL, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "points at an object that is not in the bundle"));
}

static void capec_refused(void **state)
{
	rec r = recorder();
	const char *capec = "{\"type\": \"bundle\", \"objects\": [{\"type\": \"attack-pattern\", "
			    "\"id\": \"attack-pattern--1\", \"name\": \"C\", "
			    "\"external_references\": [{\"source_name\": \"capec\", "
			    "\"external_id\": \"CAPEC-1\"}]}]}";

	(void)state;
	assert_int_equal(RUN(&r, "attack", capec, NULL, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "mem.txt: this is a CAPEC bundle"));
}

/* A limit error: its code, its name and the position in the message. */
static void expect_limit(const char *what, const char *where)
{
	if (!strstr(ss_error_last(), what) || !strstr(ss_error_last(), where))
		fail_msg("'%s' lacks '%s' or '%s'", ss_error_last(), what, where);
}

static void json_limits(void **state)
{
	ss_import_limits lim = ss_attack_limits;
	rec r = recorder();

	(void)state;
	lim.string = 10;
	assert_int_equal(RUN(&r, "attack", "{\"objects\": [\n\"0123456789A\"]}", &lim, NULL),
			 SS_ELIMIT);
	expect_limit("string length limit", "mem.txt: line 2, byte 25");
	/* an escape counts as its bytes; a string at the limit passes the scan */
	lim = ss_asvs_limits;
	lim.string = 15; /* "req_description" */
	assert_int_equal(RUN(&r, "asvs",
			     "{\"requirements\": [{\"req_id\": \"V1\", \"req_description\": "
			     "\"abc\\\"defghi\"}]}",
			     &lim, NULL),
			 0);
	lim = ss_attack_limits;
	lim.depth = 3;
	assert_int_equal(RUN(&r, "attack", "{\"objects\": [[[1]]]}", &lim, NULL), SS_ELIMIT);
	expect_limit("nesting depth limit: deeper than 3", "line 1, byte 15");
	lim = ss_attack_limits;
	lim.values = 5;
	assert_int_equal(RUN(&r, "attack", "{\"objects\": [[1, 2, 3, 4, 5, 6]]}", &lim, NULL),
			 SS_ELIMIT);
	expect_limit("value count limit: more than 5 values", "line 1");
	lim = ss_attack_limits;
	lim.record_values = 3;
	assert_int_equal(RUN(&r, "attack", "{\"objects\": [{\"a\": [1, 2, 3]}]}", &lim, NULL),
			 SS_ELIMIT);
	expect_limit("record value limit", "line 1");
	lim = ss_attack_limits;
	lim.record_bytes = 8;
	assert_int_equal(RUN(&r, "attack", "{\"objects\": [{\"abcd\": \"efghi\"}]}", &lim, NULL),
			 SS_ELIMIT);
	expect_limit("record size limit", "line 1");
	lim = ss_asvs_limits;
	lim.records = 2;
	assert_int_equal(
		RUN(&r, "asvs",
		    "{\"requirements\": [{\"req_id\": \"V1\", \"req_description\": \"a\"},\n"
		    "{\"req_id\": \"V2\", \"req_description\": \"b\"},\n"
		    "{\"req_id\": \"V3\", \"req_description\": \"c\"}]}",
		    &lim, NULL),
		SS_ELIMIT);
	expect_limit("record count limit: more than 2 records", "line 3");
	lim = ss_asvs_limits;
	lim.bytes = 20;
	assert_int_equal(RUN(&r, "asvs", "{\"requirements\": [1, 2, 3, 4, 5, 6, 7]}", &lim, NULL),
			 SS_ELIMIT);
	expect_limit("size limit", "mem.txt: byte 20");
	assert_int_equal(RUN(&r, "attack",
			     "{\"objects\": [\n1e99999999999999999999999999999999999"
			     "99999999999999999999999999999999]}",
			     NULL, NULL),
			 SS_ELIMIT);
	expect_limit("number length limit", "line 2");
}

typedef struct {
	char seen[256];
	int n;
} all_rec;

static int all_one(void *ctx, const char *key, json_t *element)
{
	all_rec *a = ctx;
	char *text = json_dumps(element, JSON_COMPACT | JSON_ENCODE_ANY);
	size_t len = strlen(a->seen);

	snprintf(a->seen + len, sizeof(a->seen) - len, "%s:%s;", key, text ? text : "?");
	free(text);
	return ++a->n == 99 ? ss_error_set(SS_EDB, "stop") : 0;
}

static int all_run(all_rec *a, json_t **top, const char *text, const ss_import_limits *lim)
{
	static const char *const keys[] = {"components", "dependencies", NULL};
	ss_input in;
	int error;

	memset(a, 0, sizeof(*a));
	*top = NULL;
	assert_int_equal(ss_input_open_mem(&in, "mem.json", text, strlen(text), lim->bytes), 0);
	error = ss_jstream_all(top, &in, keys, all_one, a, lim);
	ss_input_close(&in);
	return error;
}

/* Several arrays streamed in file order; every other member built whole;
 * the record caps apply to a whole member too. */
static void jstream_all_members(void **state)
{
	ss_import_limits lim = ss_asvs_limits;
	json_t *top;
	all_rec a;
	char *text;

	(void)state;
	assert_int_equal(
		all_run(&a, &top,
			"{\"bomFormat\": \"CycloneDX\", \"dependencies\": [{\"ref\": \"a\"}], "
			"\"metadata\": {\"tools\": [{\"name\": \"t\"}]}, "
			"\"components\": [{\"name\": \"x\", \"components\": [{}]}, 7], "
			"\"other\": [1, [2]]}",
			&lim),
		0);
	assert_string_equal(a.seen, "dependencies:{\"ref\":\"a\"};components:{\"name\":\"x\","
				    "\"components\":[{}]};components:7;");
	text = json_dumps(top, JSON_COMPACT | JSON_SORT_KEYS);
	assert_string_equal(text, "{\"bomFormat\":\"CycloneDX\",\"metadata\":{\"tools\":[{"
				  "\"name\":\"t\"}]},\"other\":[1,[2]]}");
	free(text);
	json_decref(top);
	/* none of the listed arrays need be present */
	assert_int_equal(all_run(&a, &top, "{\"a\": {}}", &lim), 0);
	assert_int_equal(a.n, 0);
	json_decref(top);
	/* a listed member that is an object */
	assert_int_equal(all_run(&a, &top, "{\"components\": {}}", &lim), SS_EPARSE);
	expect_limit("member 'components' is not an array", "line 1");
	/* a duplicate member built whole */
	assert_int_equal(all_run(&a, &top, "{\"m\": {}, \"m\": []}", &lim), SS_EPARSE);
	expect_limit("duplicate key 'm'", "line 1");
	/* a whole member is one record */
	lim.record_values = 3;
	assert_int_equal(all_run(&a, &top, "{\"metadata\": {\"a\": [1, 2, 3]}}", &lim), SS_ELIMIT);
	expect_limit("record value limit", "line 1");
	lim = ss_asvs_limits;
	lim.record_bytes = 8;
	assert_int_equal(all_run(&a, &top, "{\"metadata\": {\"abcd\": \"efghi\"}}", &lim),
			 SS_ELIMIT);
	expect_limit("record size limit", "line 1");
}

static void asvs_rows(void **state)
{
	rec r = recorder();
	json_t *info = NULL;

	(void)state;
	assert_ok(RUN(&r, "asvs",
		      "{\"requirements\": [{\"req_id\": \"V1.1.1\", \"req_description\": \"a\", "
		      "\"L\": \"2\"}]}",
		      NULL, &info));
	assert_int_equal(r.asvs, 1);
	assert_string_equal(ss_js(info, "version"), "5.0.0");
	json_decref(info);
	assert_int_equal(
		RUN(&r, "asvs", "{\"requirements\": [{\"req_id\": \"V1.1.1\"}]}", NULL, NULL),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "requirement 1 has no req_id or req_description"));
}

static const char cwe_ok[] =
	"<Weakness_Catalog Name=\"CWE\" Version=\"1\">\n"
	"<Weaknesses><Weakness ID=\"1\" Name=\"W\"><Related_Weaknesses>"
	"<Related_Weakness Nature=\"ChildOf\" CWE_ID=\"2\"/>"
	"<Related_Weakness Nature=\"ChildOf\" CWE_ID=\"3\"/></Related_Weaknesses>"
	"<Mapping_Notes><Usage>Allowed</Usage></Mapping_Notes></Weakness>\n"
	"<Weakness ID=\"2\" Name=\"P\"/></Weaknesses></Weakness_Catalog>\n";

static void xml_rows_and_limits(void **state)
{
	ss_import_limits lim = ss_cwe_limits;
	rec r = recorder();

	(void)state;
	assert_ok(RUN(&r, "cwe", cwe_ok, NULL, NULL));
	assert_int_equal(r.cwe, 2);
	lim.record_values = 1;
	assert_int_equal(RUN(&r, "cwe", cwe_ok, &lim, NULL), SS_ELIMIT);
	expect_limit("record link limit", "mem.txt:2: byte");
	lim = ss_cwe_limits;
	lim.records = 1;
	assert_int_equal(RUN(&r, "cwe", cwe_ok, &lim, NULL), SS_ELIMIT);
	expect_limit("record count limit", "mem.txt:");
	lim = ss_cwe_limits;
	lim.depth = 2;
	assert_int_equal(RUN(&r, "cwe", cwe_ok, &lim, NULL), SS_ELIMIT);
	expect_limit("nesting depth limit", "mem.txt:2:");
	lim = ss_cwe_limits;
	lim.string = 3;
	assert_int_equal(RUN(&r, "cwe", cwe_ok, &lim, NULL), SS_ELIMIT);
	expect_limit("attribute length limit", "mem.txt:2:");
	lim = ss_cwe_limits;
	lim.name = 10;
	assert_int_equal(RUN(&r, "cwe", cwe_ok, &lim, NULL), SS_ELIMIT);
	expect_limit("name length limit", "mem.txt:1:");
	lim = ss_cwe_limits;
	lim.values = 4;
	assert_int_equal(RUN(&r, "cwe", cwe_ok, &lim, NULL), SS_ELIMIT);
	expect_limit("node count limit", "mem.txt:2:");
}

static void xccdf_rows(void **state)
{
	const char *doc =
		"<Benchmark xmlns=\"http://checklists.nist.gov/xccdf/1.2\" id=\"b\">"
		"<title>B</title><version>3</version>"
		"<Profile id=\"p\"><title>P</title><select idref=\"r1\" selected=\"true\"/>"
		"</Profile>"
		"<Rule id=\"r1\" severity=\"high\"><title>R "
		"<b>one</b></title><version>V-1</version>"
		"<ident>CCE-1</ident><ident>CCI-2</ident></Rule><Rule id=\"r2\"/></Benchmark>";
	rec r = recorder();
	json_t *info = NULL;

	(void)state;
	assert_ok(RUN(&r, "xccdf", doc, NULL, &info));
	assert_int_equal(r.rules, 2);
	assert_int_equal(r.profiles, 2); /* once without its title, once with it */
	assert_int_equal(r.selects, 1);
	assert_string_equal(ss_js(info, "name"), "B");
	assert_string_equal(ss_js(info, "version"), "3");
	json_decref(info);
}

static void input_hash_and_gzip(void **state)
{
	static const char text[] = "{\"requirements\": [{\"req_id\": \"V1\", "
				   "\"req_description\": \"a\"}]}   ";
	unsigned char gz[512];
	char hash[SS_SHA256_HEX], want[SS_SHA256_HEX];
	z_stream z = {0};
	rec r = recorder();
	ss_input in;
	json_t *info = json_object();

	(void)state;
	/* gzip: the parser gets the text, the hash is of the compressed bytes */
	assert_int_equal(deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY),
			 Z_OK);
	z.next_in = (unsigned char *)text;
	z.avail_in = sizeof(text) - 1;
	z.next_out = gz;
	z.avail_out = sizeof(gz);
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	assert_ok(ss_input_open_mem(&in, "mem.gz", gz, z.total_out, 1 << 20));
	assert_ok(ss_format_asvs(&r.sink, &in, NULL, info));
	assert_ok(ss_input_finish(&in, hash));
	ss_sha256_hex(want, gz, z.total_out);
	assert_string_equal(hash, want);
	assert_int_equal(r.asvs, 1);
	ss_input_close(&in);
	/* a cut gzip stream is a parse error, not a short file */
	assert_ok(ss_input_open_mem(&in, "mem.gz", gz, z.total_out - 9, 1 << 20));
	assert_int_equal(ss_format_asvs(&r.sink, &in, NULL, info), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "gzip data ends too early"));
	ss_input_close(&in);
	deflateEnd(&z);
	/* plain: the hash covers the trailing bytes the parser did not need */
	assert_ok(ss_input_open_mem(&in, "mem", text, sizeof(text) - 1, 1 << 20));
	assert_ok(ss_format_asvs(&r.sink, &in, NULL, info));
	assert_ok(ss_input_finish(&in, hash));
	ss_sha256_hex(want, text, sizeof(text) - 1);
	assert_string_equal(hash, want);
	ss_input_close(&in);
	json_decref(info);
}

static void input_refuses_devices(void **state)
{
	ss_input in;

	(void)state;
	assert_int_equal(ss_input_open(&in, "/dev/zero", 1 << 20), SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "character device"));
	assert_int_equal(ss_input_open(&in, "/", 1 << 20), SS_EINVAL);
	assert_int_equal(ss_input_open(&in, "/nonexistent/x.json", 1 << 20), SS_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sink_gets_rows),          cmocka_unit_test(null_sink_drops_rows),
		cmocka_unit_test(sink_error_stops_import), cmocka_unit_test(dangling_relationship),
		cmocka_unit_test(capec_refused),           cmocka_unit_test(json_limits),
		cmocka_unit_test(jstream_all_members),     cmocka_unit_test(asvs_rows),
		cmocka_unit_test(xml_rows_and_limits),     cmocka_unit_test(xccdf_rows),
		cmocka_unit_test(input_hash_and_gzip),     cmocka_unit_test(input_refuses_devices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
