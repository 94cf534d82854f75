/* Peers' results (src/formats/peer.h): OpenSCAP XCCDF results and ARF, STIG
 * Viewer CKL and CKLB read through a recording sink, on the real files of
 * ../shared/data (skipped without them) and hand-made ones; the CKLB writer
 * against a golden file and read back. No database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "formats/peer.h"
#include "util/util.h"

#define SHARED SECSPEC_SOURCE_DIR "/../shared/data"
#define FIXTURES SECSPEC_SOURCE_DIR "/tests/data/peer"
#define OSCAP SHARED "/scap/oscap-results-debian12-anssi_bp28_high.xml.gz"
#define DS SHARED "/scap/ssg-debian12-ds.xml.gz"
#define CKL SHARED "/ckl/"
#define NS "6ba7b811-9dad-11d1-80b4-00c04fd430c8"

typedef enum { XCCDF, CKLX, CKLB } kind;

/* Every row as JSON: results in order, runs in order. */
typedef struct {
	ss_peer_sink sink;
	json_t *results, *runs, *info;
	int fail_after;
} rec;

static void setj(json_t *o, const char *k, const char *v)
{
	json_object_set_new(o, k, v ? json_string(v) : json_null());
}

static void setjson(json_t *o, const char *k, const char *v)
{
	json_t *j;

	assert_non_null(v);
	j = json_loads(v, 0, NULL);
	assert_non_null(j);
	json_object_set_new(o, k, j);
}

static int on_result(ss_peer_sink *s, const ss_sink_peer_result *r)
{
	rec *rc = s->ctx;
	json_t *o = json_object();

	assert_non_null(r->status_text);
	assert_true(r->rule_id || r->group_id);
	json_object_set_new(o, "run", json_integer(r->run));
	setj(o, "rule_id", r->rule_id);
	setj(o, "version", r->version);
	setj(o, "group_id", r->group_id);
	setj(o, "title", r->title);
	setj(o, "benchmark", r->benchmark);
	setj(o, "status", ss_peer_status_name(r->status));
	setj(o, "status_text", r->status_text);
	setj(o, "severity", r->severity);
	setj(o, "severity_override", r->severity_override);
	setj(o, "severity_justification", r->severity_justification);
	setj(o, "time", r->time);
	setjson(o, "idents", r->idents);
	setjson(o, "messages", r->messages);
	setj(o, "finding_details", r->finding_details);
	setj(o, "comments", r->comments);
	json_array_append_new(rc->results, o);
	if (rc->fail_after > 0 && --rc->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses %s", r->rule_id);
	return 0;
}

static int on_run(ss_peer_sink *s, const ss_sink_peer_run *r)
{
	rec *rc = s->ctx;
	json_t *o = json_object();

	json_object_set_new(o, "run", json_integer(r->run));
	setj(o, "format", r->format);
	setj(o, "id", r->id);
	setj(o, "title", r->title);
	setj(o, "tool", r->tool);
	setj(o, "benchmark", r->benchmark);
	setj(o, "benchmark_version", r->benchmark_version);
	setj(o, "profile", r->profile);
	setj(o, "identity", r->identity);
	setj(o, "host_name", r->host_name);
	setj(o, "fqdn", r->fqdn);
	setj(o, "role", r->role);
	setjson(o, "addresses", r->addresses);
	setjson(o, "macs", r->macs);
	setjson(o, "facts", r->facts);
	setjson(o, "scores", r->scores);
	setjson(o, "stigs", r->stigs);
	setj(o, "start_time", r->start_time);
	setj(o, "end_time", r->end_time);
	json_object_set_new(o, "results", json_integer(r->results));
	json_array_append_new(rc->runs, o);
	return 0;
}

static void rec_init(rec *r)
{
	memset(r, 0, sizeof(*r));
	r->sink.ctx = r;
	r->sink.result = on_result;
	r->sink.run = on_run;
	r->results = json_array();
	r->runs = json_array();
	r->info = json_object();
}

static void rec_free(rec *r)
{
	json_decref(r->results);
	json_decref(r->runs);
	json_decref(r->info);
}

static int read_in(rec *r, kind k, ss_input *in, const ss_import_limits *lim)
{
	return k == XCCDF  ? ss_format_xccdf_results(&r->sink, in, lim, r->info)
	       : k == CKLX ? ss_format_ckl(&r->sink, in, lim, r->info)
			   : ss_format_cklb(&r->sink, in, lim, r->info);
}

static int read_file(rec *r, kind k, const char *path, const ss_import_limits *lim)
{
	ss_input in;
	int error;

	assert_ok(ss_input_open(&in, path, (uint64_t)1 << 30));
	error = read_in(r, k, &in, lim);
	ss_input_close(&in);
	return error;
}

static int read_mem(rec *r, kind k, const char *name, const char *text, const ss_import_limits *lim)
{
	ss_input in;
	int error;

	assert_ok(ss_input_open_mem(&in, name, text, strlen(text), (uint64_t)1 << 30));
	error = read_in(r, k, &in, lim);
	ss_input_close(&in);
	return error;
}

static bool have(const char *path)
{
	FILE *f = fopen(path, "rb");

	if (f)
		fclose(f);
	return f != NULL;
}

static const json_t *find(const rec *r, const char *rule_id)
{
	size_t i;
	json_t *o;

	json_array_foreach(r->results, i, o) {
		if (strcmp(ss_js(o, "rule_id"), rule_id) == 0)
			return o;
	}
	fail_msg("no result for %s", rule_id);
	return NULL;
}

static int count_status(const rec *r, const char *status)
{
	size_t i;
	json_t *o;
	int n = 0;

	json_array_foreach(r->results, i, o) {
		n += strcmp(ss_js(o, "status"), status) == 0;
	}
	return n;
}

/* v as compact JSON with sorted keys, for comparisons. */
static char *dump(const json_t *v)
{
	char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);

	assert_non_null(s);
	return s;
}

#define assert_json(v, text)                                                                       \
	do {                                                                                       \
		char *d_ = dump(v);                                                                \
		assert_string_equal(d_, text);                                                     \
		free(d_);                                                                          \
	} while (0)

#define assert_js(o, key, want) assert_string_equal(ss_js((o), (key)), (want))
#define assert_null_key(o, key) assert_true(json_is_null(json_object_get((o), (key))))

/* ---- statuses ------------------------------------------------------------ */

static void statuses(void **state)
{
	ss_peer_status st;

	(void)state;
	for (int i = 0; i < SS_PEER_STATUS_COUNT; i++) {
		assert_ok(ss_peer_status_parse(&st, ss_peer_status_name((ss_peer_status)i)));
		assert_int_equal(st, i);
	}
	assert_null(ss_peer_status_name((ss_peer_status)SS_PEER_STATUS_COUNT));
	assert_int_equal(ss_peer_status_parse(&st, "Pass"), SS_EINVAL);
	assert_ok(ss_peer_status_ckl(&st, "NotAFinding"));
	assert_int_equal(st, SS_PEER_PASS);
	assert_ok(ss_peer_status_ckl(&st, "open"));
	assert_int_equal(st, SS_PEER_FAIL);
	assert_ok(ss_peer_status_ckl(&st, "Not_Applicable"));
	assert_int_equal(st, SS_PEER_NOTAPPLICABLE);
	assert_ok(ss_peer_status_ckl(&st, "not_reviewed"));
	assert_int_equal(st, SS_PEER_NOTCHECKED);
	assert_int_equal(ss_peer_status_ckl(&st, "pass"), SS_EINVAL);
	assert_string_equal(ss_peer_status_cklb(SS_PEER_FIXED), "not_a_finding");
	assert_string_equal(ss_peer_status_cklb(SS_PEER_FAIL), "open");
	assert_string_equal(ss_peer_status_cklb(SS_PEER_NOTAPPLICABLE), "not_applicable");
	assert_string_equal(ss_peer_status_cklb(SS_PEER_ERROR), "not_reviewed");
	assert_string_equal(ss_peer_status_cklb(SS_PEER_NOTSELECTED), "not_reviewed");
}

static void uuid5(void **state)
{
	char out[37];

	(void)state;
	/* Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") */
	assert_ok(ss_uuid5(out, "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org", 10));
	assert_string_equal(out, "886313e1-3b8a-5372-9b90-0c9aee199e5d");
	assert_int_equal(ss_uuid5(out, "6ba7b810-9dad-11d1-80b4-00c04fd430c", "x", 1), SS_EINVAL);
	assert_int_equal(ss_uuid5(out, "6ba7b810x9dad-11d1-80b4-00c04fd430c8", "x", 1), SS_EINVAL);
}

/* ---- XCCDF results --------------------------------------------------------- */

/* oscap 1.3.7's results of the ANSSI BP-028 high profile on Debian 12: 591
 * rule-results, counted with grep and checked with xmllint. */
static void oscap_debian12(void **state)
{
	const json_t *run, *o;
	rec r;

	(void)state;
	if (!have(OSCAP))
		skip();
	rec_init(&r);
	assert_ok(read_file(&r, XCCDF, OSCAP, NULL));
	assert_int_equal(json_array_size(r.results), 591);
	assert_int_equal(count_status(&r, "pass"), 51);
	assert_int_equal(count_status(&r, "fail"), 28);
	assert_int_equal(count_status(&r, "notapplicable"), 311);
	assert_int_equal(count_status(&r, "notselected"), 200);
	assert_int_equal(count_status(&r, "notchecked"), 1);
	assert_int_equal(json_array_size(r.runs), 1);
	run = json_array_get(r.runs, 0);
	assert_js(run, "format", "xccdf");
	assert_js(run, "id",
		  "xccdf_org.open-scap_testresult_xccdf_org.ssgproject.content_profile_anssi_bp28_"
		  "high");
	assert_js(run, "tool", "cpe:/a:redhat:openscap:1.3.7");
	assert_js(run, "benchmark", "xccdf_org.ssgproject.content_benchmark_DEBIAN-12");
	assert_js(run, "benchmark_version", "0.1.76");
	assert_js(run, "profile", "xccdf_org.ssgproject.content_profile_anssi_bp28_high");
	assert_js(run, "identity", "root");
	assert_js(run, "host_name", "vm");
	assert_js(run, "fqdn", "vm");
	assert_js(run, "start_time", "2026-11-26T00:39:16+00:00");
	assert_js(run, "end_time", "2026-11-26T00:42:23+00:00");
	assert_json(json_object_get(run, "addresses"),
		    "[\"127.0.0.1\",\"192.0.2.2\",\"0:0:0:0:0:0:0:1\",\"fd00:0:0:0:0:0:0:2\","
		    "\"fe80:0:0:0:fc:ff:fe00:1\"]");
	assert_json(json_object_get(run, "macs"),
		    "[\"00:00:00:00:00:00\",\"BA:3A:E1:97:8C:16\",\"52:2C:8E:A4:4D:F3\","
		    "\"02:FC:00:00:00:01\"]");
	assert_int_equal(json_array_size(json_object_get(run, "facts")), 17);
	assert_json(json_object_get(run, "scores"),
		    "[{\"maximum\":\"100.000000\",\"score\":\"72.817459\",\"system\":\"urn:xccdf:"
		    "scoring:default\"}]");
	assert_int_equal(ss_ji(run, "results"), 591);
	assert_js(r.info, "name", "Guide to the Secure Configuration of Debian 12");
	assert_js(r.info, "version", "0.1.76");
	assert_int_equal(ss_ji(json_object_get(r.info, "counts"), "result"), 591);

	o = find(&r, "xccdf_org.ssgproject.content_rule_prefer_64bit_os");
	assert_js(o, "status", "fail");
	assert_js(o, "severity", "medium");
	assert_js(o, "time", "2026-11-26T00:39:16+00:00");
	assert_js(o, "title", "Prefer to use a 64-bit Operating System when supported");
	assert_json(json_object_get(o, "idents"), "[]");
	o = find(&r, "xccdf_org.ssgproject.content_rule_sudo_add_noexec");
	assert_js(o, "status", "fail");
	assert_js(o, "severity", "high");
	/* the one notchecked: its message, and the DISA references of its Rule */
	o = find(&r, "xccdf_org.ssgproject.content_rule_security_patches_up_to_date");
	assert_js(o, "status", "notchecked");
	assert_js(o, "title", "Ensure Software Patches Installed");
	assert_json(json_object_get(o, "idents"), "[\"CCI-000366\",\"SRG-OS-000480-GPOS-00227\"]");
	assert_json(json_object_get(o, "messages"),
		    "[\"None of the check-content-ref elements was resolvable.\"]");
	assert_js(o, "benchmark", "xccdf_org.ssgproject.content_benchmark_DEBIAN-12");
	o = find(&r, "xccdf_org.ssgproject.content_rule_audit_rules_login_events");
	assert_js(o, "status", "notselected");
	assert_null_key(o, "finding_details");
	rec_free(&r);
}

static void ds_refused(void **state)
{
	rec r;

	(void)state;
	if (!have(DS))
		skip();
	rec_init(&r);
	assert_int_equal(read_file(&r, XCCDF, DS, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "ssg-debian12-ds.xml.gz: no TestResult"));
	assert_non_null(
		strstr(ss_error_last(), "xccdf_org.ssgproject.content_benchmark_DEBIAN-12"));
	assert_int_equal(json_array_size(r.results), 0);
	rec_free(&r);
}

static void arf(void **state)
{
	const json_t *run, *o;
	rec r;

	(void)state;
	rec_init(&r);
	assert_ok(read_file(&r, XCCDF, FIXTURES "/arf-rhel9.xml", NULL));
	assert_int_equal(json_array_size(r.results), 4);
	run = json_array_get(r.runs, 0);
	assert_js(run, "host_name", "rhel9");
	assert_js(run, "fqdn", "rhel9.example.org");
	assert_js(run, "profile", "xccdf_org.ssgproject.content_profile_stig");
	assert_js(run, "tool", "cpe:/a:redhat:openscap:1.3.10");
	assert_json(json_object_get(run, "addresses"), "[\"127.0.0.1\",\"192.0.2.10\"]");
	assert_int_equal(json_array_size(json_object_get(run, "scores")), 2);
	assert_js(r.info, "name",
		  "Guide to the Secure Configuration of Red Hat Enterprise Linux 9");

	o = find(&r, "xccdf_org.ssgproject.content_rule_sshd_disable_root_login");
	assert_js(o, "status", "fail");
	assert_js(o, "title", "Disable SSH Root Login");
	/* the benchmark's CCE and DISA references (not the NIST one), once */
	assert_json(json_object_get(o, "idents"),
		    "[\"CCE-90799-9\",\"CCI-000770\",\"SRG-OS-000109-GPOS-00056\","
		    "\"RHEL-09-255045\",\"SV-257983r925585_rule\"]");
	o = find(&r, "xccdf_mil.disa.stig_rule_SV-257777r925318_rule");
	assert_js(o, "status", "error");
	assert_js(o, "version", "RHEL-09-211010");
	assert_js(o, "group_id", "V-257777");
	assert_json(json_object_get(o, "idents"),
		    "[\"CCI-000366\",\"SV-257777r925318_rule\",\"V-257777\"]");
	assert_json(json_object_get(o, "messages"),
		    "[\"OVAL definition could not be evaluated\",\"See the OVAL results\"]");
	/* not in the benchmark: the rule-result's own idents */
	o = find(&r, "xccdf_org.ssgproject.content_rule_not_in_the_benchmark");
	assert_js(o, "status", "fixed");
	assert_null_key(o, "title");
	assert_null_key(o, "severity");
	assert_json(json_object_get(o, "idents"), "[\"CCE-00000-0\"]");
	rec_free(&r);
}

/* A real ARF: `oscap ds rds-create` puts the data stream and the results
 * above into one (nothing is scanned). Skipped without oscap. Every row
 * must be the one the results file gives. */
static void oscap_arf(void **state)
{
	char dir[] = "/tmp/ss-peer-arf-XXXXXX", cmd[2048], arf[256];
	rec a, b;
	int rc;

	(void)state;
	if (!have(OSCAP) || !have(DS) || system("oscap --version >/dev/null 2>&1") != 0 ||
	    !mkdtemp(dir))
		skip();
	snprintf(cmd, sizeof(cmd),
		 "cd %s && zcat '%s' > ds.xml && zcat '%s' > res.xml && "
		 "oscap ds rds-create --skip-valid ds.xml arf.xml res.xml >/dev/null 2>&1 && "
		 "gzip -n arf.xml",
		 dir, DS, OSCAP);
	rc = system(cmd);
	snprintf(arf, sizeof(arf), "%s/arf.xml.gz", dir);
	rec_init(&a);
	rec_init(&b);
	if (rc == 0) {
		assert_ok(read_file(&a, XCCDF, arf, NULL));
		assert_ok(read_file(&b, XCCDF, OSCAP, NULL));
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	(void)!system(cmd);
	if (rc != 0)
		skip();
	assert_int_equal(json_array_size(a.results), 591);
	assert_true(json_equal(a.results, b.results));
	assert_true(json_equal(a.runs, b.runs));
	rec_free(&a);
	rec_free(&b);
}

#define TR_HEAD "<TestResult xmlns='http://checklists.nist.gov/xccdf/1.2' id='t'>"

static void xccdf_errors(void **state)
{
	rec r;

	(void)state;
	rec_init(&r);
	assert_int_equal(read_mem(&r, XCCDF, "bad.xml",
				  TR_HEAD "\n<rule-result idref='r1'><result>passed</result>"
					  "</rule-result></TestResult>",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "bad.xml:2: rule-result r1: result 'passed'"));
	assert_int_equal(read_mem(&r, XCCDF, "bad.xml",
				  TR_HEAD "<rule-result idref='r1'></rule-result></TestResult>",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "rule-result r1: no result"));
	assert_int_equal(read_mem(&r, XCCDF, "bad.xml",
				  TR_HEAD "<rule-result><result>pass</result></rule-result>"
					  "</TestResult>",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "rule-result: no idref"));
	assert_int_equal(read_mem(&r, XCCDF, "c.ckl", "<CHECKLIST><ASSET/></CHECKLIST>", NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "a STIG Viewer checklist (CKL)"));
	assert_int_equal(read_mem(&r, XCCDF, "x.xml", "<a/>", NULL), SS_EPARSE);
	assert_non_null(
		strstr(ss_error_last(), "no XCCDF TestResult in the file (root element a)"));
	assert_int_equal(read_mem(&r, XCCDF, "cut.xml", TR_HEAD "<rule-result idref='r1'>", NULL),
			 SS_EPARSE);
	assert_int_equal(read_mem(&r, XCCDF, "dtd.xml",
				  "<!DOCTYPE x [<!ENTITY a 'b'>]>" TR_HEAD "</TestResult>", NULL),
			 SS_EPARSE);
	/* a TestResult without rule-results is still a run */
	json_array_clear(r.runs);
	assert_ok(read_mem(&r, XCCDF, "empty.xml", TR_HEAD "</TestResult>", NULL));
	assert_int_equal(json_array_size(r.runs), 1);
	assert_int_equal(ss_ji(json_array_get(r.runs, 0), "results"), 0);
	rec_free(&r);
}

/* Two TestResults in one file: two runs, each after its results. */
static void xccdf_two_runs(void **state)
{
	rec r;

	(void)state;
	rec_init(&r);
	assert_ok(read_mem(&r, XCCDF, "two.xml",
			   "<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.2' id='b'>"
			   "<Rule id='r1' severity='low'><title>One</title></Rule>"
			   "<TestResult id='t1'><rule-result idref='r1'><result>pass</result>"
			   "</rule-result></TestResult>"
			   "<TestResult id='t2'><rule-result idref='r1'><result>fail</result>"
			   "</rule-result><rule-result idref='r1'><result>informational</result>"
			   "</rule-result></TestResult></Benchmark>",
			   NULL));
	assert_int_equal(json_array_size(r.runs), 2);
	assert_int_equal(ss_ji(json_array_get(r.runs, 0), "results"), 1);
	assert_int_equal(ss_ji(json_array_get(r.runs, 1), "results"), 2);
	assert_js(json_array_get(r.runs, 1), "id", "t2");
	assert_int_equal(ss_ji(json_array_get(r.results, 2), "run"), 1);
	assert_js(json_array_get(r.results, 2), "status", "informational");
	assert_js(json_array_get(r.results, 2), "severity", "low");
	assert_js(json_array_get(r.results, 2), "title", "One");
	rec_free(&r);
}

static void xccdf_limits(void **state)
{
	ss_import_limits lim = ss_peer_xml_limits;
	rec r;

	(void)state;
	rec_init(&r);
	lim.records = 2;
	assert_int_equal(read_mem(&r, XCCDF, "l.xml",
				  TR_HEAD
				  "<rule-result idref='a'><result>pass</result></rule-result>"
				  "<rule-result idref='b'><result>pass</result></rule-result>"
				  "<rule-result idref='c'><result>pass</result></rule-result>"
				  "</TestResult>",
				  &lim),
			 SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "record count limit"));
	lim = ss_peer_xml_limits;
	lim.record_values = 2;
	assert_int_equal(read_mem(&r, XCCDF, "l.xml",
				  TR_HEAD "<rule-result idref='a'><result>pass</result>"
					  "<message>1</message><message>2</message>"
					  "<message>3</message></rule-result></TestResult>",
				  &lim),
			 SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "record link limit"));
	lim = ss_peer_xml_limits;
	lim.string = 8;
	assert_int_equal(read_mem(&r, XCCDF, "l.xml",
				  TR_HEAD "<rule-result idref='a'><result>pass</result>"
					  "<message>123456789</message></rule-result></TestResult>",
				  &lim),
			 SS_ELIMIT);
	lim = ss_peer_xml_limits;
	lim.depth = 3;
	assert_int_equal(read_mem(&r, XCCDF, "l.xml",
				  TR_HEAD "<rule-result idref='a'><result>pass</result>"
					  "<check><x/></check></rule-result></TestResult>",
				  &lim),
			 SS_ELIMIT);
	lim = ss_peer_xml_limits;
	lim.bytes = 16;
	{
		ss_input in;

		assert_ok(ss_input_open_mem(&in, "l.xml", TR_HEAD "</TestResult>",
					    strlen(TR_HEAD "</TestResult>"), lim.bytes));
		assert_int_equal(read_in(&r, XCCDF, &in, &lim), SS_ELIMIT);
		ss_input_close(&in);
	}
	/* a sink's error stops the read with its code */
	r.fail_after = 1;
	assert_int_equal(read_mem(&r, XCCDF, "s.xml",
				  TR_HEAD
				  "<rule-result idref='a'><result>pass</result></rule-result>"
				  "<rule-result idref='b'><result>pass</result></rule-result>"
				  "</TestResult>",
				  NULL),
			 SS_EDB);
	rec_free(&r);
}

/* Idents are kept as a set: 10,000 different ones given twice each in
 * every one of 20 rule-results are read without a quadratic scan. */
static void xccdf_many_idents(void **state)
{
	ss_buf x = SS_BUF_INIT(0);
	json_t *idents;
	rec r;

	(void)state;
	ss_buf_puts(&x, TR_HEAD);
	for (int k = 0; k < 20; k++) {
		ss_buf_printf(&x, "<rule-result idref='r%d'><result>pass</result>", k);
		for (int i = 0; i < 20000; i++)
			ss_buf_printf(&x, "<ident>CCE-%d</ident>", i % 10000);
		ss_buf_puts(&x, "</rule-result>");
	}
	ss_buf_puts(&x, "</TestResult>");
	rec_init(&r);
	assert_ok(read_mem(&r, XCCDF, "many.xml", x.ptr, NULL));
	assert_int_equal(json_array_size(r.results), 20);
	idents = json_object_get(json_array_get(r.results, 19), "idents");
	assert_int_equal(json_array_size(idents), 10000);
	assert_string_equal(json_string_value(json_array_get(idents, 9999)), "CCE-9999");
	rec_free(&r);
	ss_buf_release(&x);
}

/* ---- CKL --------------------------------------------------------------------- */

static void ckl_one_of_each(void **state)
{
	const char *path = CKL "converted-rhel8_sample_oneOfEachControlStatus.ckl";
	const json_t *o, *run;
	rec r;

	(void)state;
	if (!have(path))
		skip();
	rec_init(&r);
	assert_ok(read_file(&r, CKLX, path, NULL));
	assert_int_equal(json_array_size(r.results), 4);
	assert_js(json_array_get(r.results, 0), "status", "pass");
	assert_js(json_array_get(r.results, 0), "status_text", "NotAFinding");
	assert_js(json_array_get(r.results, 1), "status", "fail");
	assert_js(json_array_get(r.results, 2), "status", "notapplicable");
	assert_js(json_array_get(r.results, 3), "status", "notchecked");
	assert_js(json_array_get(r.results, 3), "status_text", "Not_Reviewed");
	o = find(&r, "SV-230221r858734_rule");
	assert_js(o, "group_id", "SV-230221");
	assert_js(o, "version", "RHEL-08-010000");
	assert_js(o, "severity", "high");
	assert_js(o, "title", "RHEL 8 must be a vendor-supported release.");
	assert_js(o, "benchmark", "redhat-enterprise-linux-8-stig-baseline");
	assert_non_null(strstr(ss_js(o, "finding_details"), "support window"));
	assert_json(json_object_get(o, "idents"),
		    "[\"SV-230221\",\"SV-230221r858734_rule\",\"RHEL-08-010000\","
		    "\"SRG-OS-000480-GPOS-00227\",\"CCI-000366\"]");
	run = json_array_get(r.runs, 0);
	assert_js(run, "format", "ckl");
	assert_js(run, "tool", "Heimdall Version :: 2.10.1");
	assert_js(run, "role", "None");
	assert_null_key(run, "host_name");
	assert_json(json_object_get(run, "addresses"), "[]");
	assert_int_equal(ss_ji(run, "results"), 4);
	assert_null(json_object_get(r.info, "warnings"));
	rec_free(&r);
}

static void ckl_overrides(void **state)
{
	const char *path = CKL "small_ckl_overrides.ckl";
	const json_t *o, *run;
	rec r;

	(void)state;
	if (!have(path))
		skip();
	rec_init(&r);
	assert_ok(read_file(&r, CKLX, path, NULL));
	assert_int_equal(json_array_size(r.results), 11);
	assert_int_equal(count_status(&r, "pass"), 2);
	assert_int_equal(count_status(&r, "fail"), 4);
	assert_int_equal(count_status(&r, "notapplicable"), 1);
	assert_int_equal(count_status(&r, "notchecked"), 4);
	o = find(&r, "SV-257779r925324_rule");
	assert_js(o, "group_id", "V-257779");
	assert_js(o, "version", "RHEL-09-211020");
	assert_js(o, "status", "fail");
	assert_js(o, "severity", "medium");
	assert_js(o, "severity_override", "high");
	assert_js(o, "severity_justification", "Example high justification");
	assert_json(json_object_get(o, "idents"),
		    "[\"V-257779\",\"SV-257779r925324_rule\",\"RHEL-09-211020\","
		    "\"SRG-OS-000023-GPOS-00006\",\"CCI-000048\",\"CCI-001384\",\"CCI-001385\","
		    "\"CCI-001386\",\"CCI-001387\",\"CCI-001388\"]");
	o = find(&r, "SV-257777r925318_rule");
	assert_js(o, "status", "notapplicable");
	assert_js(o, "severity_override", "medium");
	assert_js(o, "severity_justification", "Testing both N/A and overidden");
	o = find(&r, "SV-257780r939261_rule");
	assert_null_key(o, "severity_override");
	run = json_array_get(r.runs, 0);
	assert_js(run, "tool", "DISA STIG Viewer :: 2.17");
	assert_json(json_object_get(run, "stigs"),
		    "[{\"release_info\":\"Release: 3 Benchmark Date: 24 Apr 2024\",\"stig_id\":"
		    "\"RHEL_9_STIG\",\"title\":\"Red Hat Enterprise Linux 9 Security Technical "
		    "Implementation Guide\",\"uuid\":\"47e1d7ee-1fe2-4f8b-9914-3aaa2b6ace72\","
		    "\"version\":\"1\"}]");
	assert_js(r.info, "name",
		  "Red Hat Enterprise Linux 9 Security Technical Implementation Guide");
	assert_js(r.info, "version", "Release: 3 Benchmark Date: 24 Apr 2024");
	rec_free(&r);
}

static void ckl_rhel7(void **state)
{
	const char *path = CKL "converted-rhel7_overrides.ckl";
	const json_t *o;
	rec r;

	(void)state;
	if (!have(path))
		skip();
	rec_init(&r);
	assert_ok(read_file(&r, CKLX, path, NULL));
	assert_int_equal(json_array_size(r.results), 4);
	assert_int_equal(count_status(&r, "fail"), 3);
	o = find(&r, "SV-86479r2_rule");
	assert_js(o, "status", "notchecked");
	assert_js(o, "severity", "low");
	assert_js(o, "severity_override", "medium");
	assert_js(o, "benchmark", "disa_stig-el7");
	rec_free(&r);
}

/* The asset's IP, MAC and FQDN are "invalid": left out with a warning each,
 * the three verdicts read. */
static void ckl_invalid_metadata(void **state)
{
	const char *path = CKL "invalid_metadata.ckl";
	const json_t *run, *w;
	rec r;

	(void)state;
	if (!have(path))
		skip();
	rec_init(&r);
	assert_ok(read_file(&r, CKLX, path, NULL));
	assert_int_equal(json_array_size(r.results), 3);
	assert_int_equal(count_status(&r, "notchecked"), 3);
	assert_json(json_object_get(find(&r, "SV-239852r665842_rule"), "idents"),
		    "[\"V-239852\",\"SV-239852r665842_rule\",\"CASA-FW-000010\","
		    "\"SRG-NET-000019-FW-000003\",\"CCI-001414\"]");
	run = json_array_get(r.runs, 0);
	assert_js(run, "host_name", "valid");
	assert_js(run, "role", "Member Server");
	assert_null_key(run, "fqdn");
	assert_json(json_object_get(run, "addresses"), "[]");
	assert_json(json_object_get(run, "macs"), "[]");
	w = json_object_get(r.info, "warnings");
	assert_int_equal(json_array_size(w), 3);
	assert_non_null(strstr(json_string_value(json_array_get(w, 0)),
			       "invalid_metadata.ckl:9: HOST_IP 'invalid' is not an IP address"));
	assert_non_null(strstr(json_string_value(json_array_get(w, 1)), ":10: HOST_MAC"));
	assert_non_null(strstr(json_string_value(json_array_get(w, 2)), ":11: HOST_FQDN"));
	rec_free(&r);
}

#define VULN(status)                                                                               \
	"<VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1"            \
	"</ATTRIBUTE_DATA></STIG_DATA>\n<STATUS>" status "</STATUS></VULN>"

static void ckl_errors(void **state)
{
	ss_import_limits lim = ss_peer_xml_limits;
	rec r;

	(void)state;
	rec_init(&r);
	assert_int_equal(read_mem(&r, CKLX, "s.ckl",
				  "<CHECKLIST><STIGS><iSTIG>\n" VULN("Passed") "</iSTIG></STIGS>"
									       "</CHECKLIST>",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "s.ckl:2: VULN V-1: STATUS 'Passed' is not"));
	/* a CKLB spelling is not a CKL's */
	assert_int_equal(read_mem(&r, CKLX, "s.ckl",
				  "<CHECKLIST><STIGS><iSTIG>" VULN("open") "</iSTIG></STIGS>"
									   "</CHECKLIST>",
				  NULL),
			 SS_EPARSE);
	assert_int_equal(read_mem(&r, CKLX, "s.ckl",
				  "<CHECKLIST><STIGS><iSTIG><VULN><STATUS>Open</STATUS></VULN>"
				  "</iSTIG></STIGS></CHECKLIST>",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "neither a Rule_ID nor a Vuln_Num"));
	assert_int_equal(
		read_mem(&r, CKLX, "s.ckl",
			 "<CHECKLIST><STIGS><iSTIG><VULN><STIG_DATA><VULN_ATTRIBUTE>Vuln_Num"
			 "</VULN_ATTRIBUTE><ATTRIBUTE_DATA>V-1</ATTRIBUTE_DATA></STIG_DATA>"
			 "</VULN></iSTIG></STIGS></CHECKLIST>",
			 NULL),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "VULN V-1: no STATUS"));
	assert_int_equal(
		read_mem(&r, CKLX, "s.ckl", "<CHECKLIST>" VULN("Open") "</CHECKLIST>", NULL),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "VULN outside an iSTIG"));
	assert_int_equal(read_mem(&r, CKLX, "b.xml",
				  "<Benchmark xmlns='http://checklists.nist.gov/xccdf/1.2'/>",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "read it as XCCDF results"));
	assert_int_equal(
		read_mem(&r, CKLX, "t.ckl", "<CHECKLIST><STIGS><iSTIG>" VULN("Open"), NULL),
		SS_EPARSE);
	lim.record_values = 1;
	assert_int_equal(read_mem(&r, CKLX, "l.ckl",
				  "<CHECKLIST><STIGS><iSTIG><VULN><STIG_DATA/><STIG_DATA/></VULN>"
				  "</iSTIG></STIGS></CHECKLIST>",
				  &lim),
			 SS_ELIMIT);
	lim = ss_peer_xml_limits;
	lim.records = 2;
	assert_int_equal(read_mem(&r, CKLX, "l.ckl",
				  "<CHECKLIST><STIGS><iSTIG>" VULN("Open")
					  VULN("Open") "</iSTIG></STIGS></CHECKLIST>",
				  &lim),
			 SS_ELIMIT);
	/* a good one in memory, IPs checked one by one */
	json_array_clear(r.results);
	json_array_clear(r.runs);
	json_object_clear(r.info);
	assert_ok(read_mem(&r, CKLX, "ok.ckl",
			   "<CHECKLIST><ASSET><HOST_NAME>h</HOST_NAME><HOST_IP>192.0.2.1, 300.1.1.1"
			   "</HOST_IP><HOST_MAC>52-54-00-12-34-56</HOST_MAC><HOST_FQDN>h.example."
			   "org</HOST_FQDN></ASSET><STIGS><iSTIG>" VULN(
				   "Not_Applicable") "</iSTIG></STIGS></CHECKLIST>",
			   NULL));
	assert_json(json_object_get(json_array_get(r.runs, 0), "addresses"), "[\"192.0.2.1\"]");
	assert_json(json_object_get(json_array_get(r.runs, 0), "macs"), "[\"52-54-00-12-34-56\"]");
	assert_js(json_array_get(r.runs, 0), "fqdn", "h.example.org");
	assert_int_equal(json_array_size(json_object_get(r.info, "warnings")), 1);
	rec_free(&r);
}

/* ---- CKLB -------------------------------------------------------------------- */

static void cklb_heimdall(void **state)
{
	const char *path = CKL "heimdall2-converted-rhel8_sample_oneOfEachControlStatus.cklb";
	const json_t *o, *run;
	rec r;

	(void)state;
	if (!have(path))
		skip();
	rec_init(&r);
	assert_ok(read_file(&r, CKLB, path, NULL));
	assert_int_equal(json_array_size(r.results), 4);
	assert_js(json_array_get(r.results, 0), "status", "pass");
	assert_js(json_array_get(r.results, 1), "status", "fail");
	assert_js(json_array_get(r.results, 2), "status", "notapplicable");
	assert_js(json_array_get(r.results, 3), "status", "notchecked");
	o = find(&r, "SV-230222r627750_rule");
	assert_js(o, "group_id", "SV-230222");
	assert_js(o, "version", "RHEL-08-010010");
	assert_js(o, "severity", "medium");
	assert_js(o, "status_text", "open");
	assert_js(o, "benchmark", "redhat-enterprise-linux-8-stig-baseline");
	assert_json(json_object_get(o, "idents"),
		    "[\"SV-230222\",\"SV-230222r627750_rule\",\"RHEL-08-010010\","
		    "\"SRG-OS-000480-GPOS-00227\",\"CCI-000366\"]");
	run = json_array_get(r.runs, 0);
	assert_js(run, "format", "cklb");
	assert_js(run, "id", "6c0ba262-514a-4b02-875c-7dd2bcdb59a8");
	assert_js(run, "title", "converted-rhel8_sample_oneOfEachControlStatus");
	assert_js(run, "role", "None");
	assert_null_key(run, "host_name");
	assert_json(json_object_get(run, "stigs"),
		    "[{\"release_info\":\"Release: 13\",\"stig_id\":\"redhat-enterprise-linux-8-"
		    "stig-baseline\",\"title\":\"redhat-enterprise-linux-8-stig-baseline\","
		    "\"version\":\"1\"}]");
	rec_free(&r);
}

static void cklb_errors(void **state)
{
	ss_import_limits lim = ss_cklb_limits;
	rec r;

	(void)state;
	rec_init(&r);
	assert_int_equal(read_mem(&r, CKLB, "a.cklb", "[]", NULL), SS_EPARSE);
	assert_int_equal(read_mem(&r, CKLB, "a.cklb", "{\"title\":\"x\"}", NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "a.cklb: /stigs: missing"));
	assert_int_equal(read_mem(&r, CKLB, "a.cklb",
				  "{\"stigs\":[{\"rules\":[{\"rule_id\":"
				  "\"SV-1\",\"status\":\"NotAFinding\"}]}]}",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/stigs/0/rules/0/status: 'NotAFinding'"));
	assert_int_equal(read_mem(&r, CKLB, "a.cklb",
				  "{\"stigs\":[{\"rules\":[{\"rule_id\":\"SV-1\"}]}]}", NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/stigs/0/rules/0/status: missing"));
	assert_int_equal(read_mem(&r, CKLB, "a.cklb",
				  "{\"stigs\":[{\"rules\":[{\"rule_id\":7,\"status\":\"open\"}]}]}",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/stigs/0/rules/0/rule_id: not text"));
	assert_int_equal(
		read_mem(&r, CKLB, "a.cklb",
			 "{\"stigs\":[{\"rules\":[{\"rule_id\":\"SV-1\",\"status\":\"open\","
			 "\"ccis\":[\"CCI-1\",2]}]}]}",
			 NULL),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/stigs/0/rules/0/ccis/1: not text"));
	assert_int_equal(read_mem(&r, CKLB, "a.cklb",
				  "{\"stigs\":[{\"rules\":[{\"status\":\"open\"}]}]}", NULL),
			 SS_EPARSE);
	assert_int_equal(
		read_mem(&r, CKLB, "a.cklb", "{\"stigs\":[{\"rules\":[]}],\"stigs\":[]}", NULL),
		SS_EPARSE); /* a repeated key */
	assert_int_equal(read_mem(&r, CKLB, "a.cklb", "{\"stigs\":[", NULL), SS_EPARSE);
	assert_int_equal(read_mem(&r, CKLB, "a.cklb",
				  "{\"title\":5,\"stigs\":[{\"rules\":[{\"rule_id\":\"a\","
				  "\"status\":\"open\"}]}]}",
				  NULL),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "a.cklb: /title: not text"));
	lim.records = 1;
	assert_int_equal(read_mem(&r, CKLB, "a.cklb",
				  "{\"stigs\":[{\"rules\":[{\"rule_id\":\"a\",\"status\":\"open\"},"
				  "{\"rule_id\":\"b\",\"status\":\"open\"}]}]}",
				  &lim),
			 SS_ELIMIT);
	lim = ss_cklb_limits;
	lim.depth = 3;
	assert_int_equal(
		read_mem(&r, CKLB, "a.cklb",
			 "{\"stigs\":[{\"rules\":[{\"rule_id\":\"a\",\"status\":\"open\"}]}]}",
			 &lim),
		SS_ELIMIT);
	lim = ss_cklb_limits;
	lim.string = 4;
	assert_int_equal(read_mem(&r, CKLB, "a.cklb",
				  "{\"stigs\":[{\"rules\":[{\"rule_id\":\"abcdef\",\"status\":"
				  "\"open\"}]}]}",
				  &lim),
			 SS_ELIMIT);
	/* overrides; a STIG version written as a number */
	json_array_clear(r.results);
	json_array_clear(r.runs);
	assert_ok(read_mem(
		&r, CKLB, "a.cklb",
		"{\"stigs\":[{\"stig_id\":\"S\",\"version\":2,\"rules\":[{\"rule_id\":"
		"\"SV-1r1\",\"rule_id_src\":\"SV-1r1_rule\",\"status\":\"not_applicable\","
		"\"overrides\":{\"severity\":{\"severity\":\"low\",\"reason\":\"why\"}}}]}],"
		"\"target_data\":{\"ip_address\":\"::1\",\"fqdn\":\"x\"}}",
		NULL));
	assert_js(json_array_get(r.results, 0), "rule_id", "SV-1r1_rule");
	assert_js(json_array_get(r.results, 0), "severity_override", "low");
	assert_js(json_array_get(r.results, 0), "severity_justification", "why");
	assert_json(json_object_get(json_array_get(r.runs, 0), "stigs"),
		    "[{\"stig_id\":\"S\",\"version\":\"2\"}]");
	assert_json(json_object_get(json_array_get(r.runs, 0), "addresses"), "[\"::1\"]");
	assert_non_null(
		strstr(json_string_value(json_array_get(json_object_get(r.info, "warnings"), 0)),
		       "/target_data/fqdn: 'x' is not a fully qualified"));
	rec_free(&r);
}

/* ---- the CKLB writer --------------------------------------------------------- */

static const char *const ccis_a[] = {"CCI-000366", NULL};
static const char *const ccis_b[] = {"CCI-000770", "CCI-004045", NULL};

static const ss_cklb_rule rules[] = {
	{"SV-257777r925318_rule", "RHEL-09-211010", "V-257777", "SRG-OS-000480-GPOS-00227",
	 "RHEL 9 must be a vendor-supported release.", "high", SS_PEER_PASS,
	 "Red Hat Enterprise Linux release 9.4", "checked by secspec", ccis_a},
	{"SV-257983r925585_rule", "RHEL-09-255045", "V-257983", "SRG-OS-000109-GPOS-00056",
	 "RHEL 9 must not permit direct logons to the root account using remote access via SSH.",
	 "medium", SS_PEER_FAIL, "PermitRootLogin yes\n(/etc/ssh/sshd_config:40)", NULL, ccis_b},
	{"SV-257835r925588_rule", "RHEL-09-215040", "V-257835", NULL,
	 "RHEL 9 must not have a Trivial File Transfer Protocol (TFTP) server package installed.",
	 "high", SS_PEER_NOTAPPLICABLE, NULL, "\"no tftp\" \xe2\x80\x94 n/a", NULL},
	{"SV-257779r925324_rule", "RHEL-09-211020", "V-257779", NULL, "banner", "low",
	 SS_PEER_ERROR, "could not read /etc/issue", NULL, NULL},
};

static const ss_cklb_stig stig = {
	"RHEL_9_STIG",
	"Red Hat Enterprise Linux 9 Security Technical Implementation Guide",
	"Red Hat Enterprise Linux 9",
	"2",
	"Release: 5 Benchmark Date: 02 Jul 2025",
	rules,
	sizeof(rules) / sizeof(rules[0])};

static const ss_cklb_doc doc = {NS,
				"rhel9.example.org RHEL 9 STIG",
				"rhel9",
				"192.0.2.10",
				"52:54:00:12:34:56",
				"rhel9.example.org",
				"secspec check",
				"Member Server",
				&stig,
				1};

static void cklb_golden(void **state)
{
	ss_buf out = SS_BUF_INIT(0), again = SS_BUF_INIT(0), golden = SS_BUF_INIT(0);
	const char *regen = getenv("SECSPEC_REGEN_GOLDEN");
	rec r;

	(void)state;
	assert_ok(ss_cklb_write(&out, &doc));
	assert_ok(ss_cklb_write(&again, &doc));
	assert_int_equal(out.len, again.len);
	assert_memory_equal(out.ptr, again.ptr, out.len);
	if (regen && *regen)
		assert_ok(ss_file_write_atomic(FIXTURES "/golden.cklb", out.ptr, out.len));
	assert_ok(ss_file_read(&golden, FIXTURES "/golden.cklb", 1 << 20));
	assert_string_equal(out.ptr, golden.ptr);

	/* read back */
	rec_init(&r);
	assert_ok(read_mem(&r, CKLB, "golden.cklb", out.ptr, NULL));
	assert_int_equal(json_array_size(r.results), 4);
	for (size_t i = 0; i < 4; i++) {
		const json_t *o = json_array_get(r.results, i);

		assert_js(o, "rule_id", rules[i].rule_id);
		assert_js(o, "version", rules[i].rule_version);
		assert_js(o, "group_id", rules[i].group_id);
		assert_js(o, "title", rules[i].title);
		assert_js(o, "severity", rules[i].severity);
		assert_js(o, "benchmark", "RHEL_9_STIG");
		assert_js(o, "finding_details",
			  rules[i].finding_details ? rules[i].finding_details : "");
		assert_js(o, "comments", rules[i].comments ? rules[i].comments : "");
	}
	assert_js(json_array_get(r.results, 0), "status", "pass");
	assert_js(json_array_get(r.results, 1), "status", "fail");
	assert_js(json_array_get(r.results, 2), "status", "notapplicable");
	assert_js(json_array_get(r.results, 3), "status", "notchecked"); /* error: not_reviewed */
	assert_json(json_object_get(json_array_get(r.results, 1), "idents"),
		    "[\"V-257983\",\"SV-257983r925585_rule\",\"RHEL-09-255045\","
		    "\"SRG-OS-000109-GPOS-00056\",\"CCI-000770\",\"CCI-004045\"]");
	{
		const json_t *run = json_array_get(r.runs, 0);

		assert_js(run, "host_name", "rhel9");
		assert_js(run, "fqdn", "rhel9.example.org");
		assert_js(run, "role", "Member Server");
		assert_js(run, "title", "rhel9.example.org RHEL 9 STIG");
		assert_json(json_object_get(run, "addresses"), "[\"192.0.2.10\"]");
		assert_json(json_object_get(run, "macs"), "[\"52:54:00:12:34:56\"]");
	}
	assert_null(json_object_get(r.info, "warnings"));
	rec_free(&r);

	/* another namespace, other ids; the same otherwise */
	{
		ss_cklb_doc d2 = doc;

		d2.ns = "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
		ss_buf_clear(&again);
		assert_ok(ss_cklb_write(&again, &d2));
		assert_int_equal(again.len, out.len);
		assert_true(memcmp(again.ptr, out.ptr, out.len) != 0);
	}
	ss_buf_release(&out);
	ss_buf_release(&again);
	ss_buf_release(&golden);
}

static void cklb_write_errors(void **state)
{
	ss_buf out = SS_BUF_INIT(0);
	ss_cklb_rule bad[2];
	ss_cklb_stig s = stig;
	ss_cklb_doc d = doc;

	(void)state;
	d.ns = "not-a-uuid";
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "ns: 'not-a-uuid' is not a UUID"));
	d = doc;
	d.title = "";
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	d = doc;
	d.role = "Server";
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	d = doc;
	d.stigs = &s;
	memcpy(bad, rules, sizeof(bad));
	s.rules = bad;
	s.n_rules = 2;
	bad[1].severity = "unknown";
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "stigs[0].rules[1].severity: 'unknown'"));
	bad[1] = rules[0];
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "is already in this STIG"));
	bad[1] = rules[1];
	bad[1].comments = "\xff";
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "stigs[0].rules[1].comments: not valid UTF-8"));
	bad[1] = rules[1];
	bad[1].rule_id = NULL;
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	s.stig_id = NULL;
	assert_int_equal(ss_cklb_write(&out, &d), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "stigs[0].stig_id: missing"));
	/* out's max */
	ss_buf_release(&out);
	ss_buf_init(&out, 100);
	assert_int_equal(ss_cklb_write(&out, &doc), SS_ELIMIT);
	ss_buf_release(&out);
	/* no STIG at all is still a document */
	ss_buf_init(&out, 0);
	d = doc;
	d.n_stigs = 0;
	d.stigs = NULL;
	assert_ok(ss_cklb_write(&out, &d));
	assert_non_null(strstr(out.ptr, "\"stigs\": []"));
	ss_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statuses),
		cmocka_unit_test(uuid5),
		cmocka_unit_test(oscap_debian12),
		cmocka_unit_test(ds_refused),
		cmocka_unit_test(arf),
		cmocka_unit_test(oscap_arf),
		cmocka_unit_test(xccdf_errors),
		cmocka_unit_test(xccdf_two_runs),
		cmocka_unit_test(xccdf_limits),
		cmocka_unit_test(xccdf_many_idents),
		cmocka_unit_test(ckl_one_of_each),
		cmocka_unit_test(ckl_overrides),
		cmocka_unit_test(ckl_rhel7),
		cmocka_unit_test(ckl_invalid_metadata),
		cmocka_unit_test(ckl_errors),
		cmocka_unit_test(cklb_heimdall),
		cmocka_unit_test(cklb_errors),
		cmocka_unit_test(cklb_golden),
		cmocka_unit_test(cklb_write_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
