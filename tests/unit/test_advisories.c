/* The NVD, JVN and CSAF advisory importers through a sink of their own:
 * the rows they hand over for the real files of ../shared/data/vuln (skipped
 * when it is absent) and for small hand-made inputs, and what they refuse.
 * No database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "formats/advis.h"
#include "formats/sbom.h"
#include "util/util.h"

#define DATA SECSPEC_SOURCE_DIR "/../shared/data/vuln"

typedef struct {
	ss_vuln_sink sink;
	int advisories, affected, withdrawn, vulnerable;
	ss_buf rows;    /* every row, one line each */
	int fail_after; /* > 0: the n-th row fails with SS_EDB */
} rec;

static int step(rec *r)
{
	if (r->fail_after > 0 && --r->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses the row");
	return 0;
}

static int on_advisory(ss_vuln_sink *s, const ss_sink_advisory *a)
{
	rec *r = (rec *)s;

	assert_non_null(a->id);
	assert_non_null(a->source);
	assert_non_null(a->aliases);
	assert_non_null(a->severity);
	assert_non_null(a->cwes);
	assert_non_null(a->references);
	assert_non_null(a->lang);
	r->advisories++;
	r->withdrawn += a->withdrawn != NULL;
	assert_ok(ss_buf_printf(&r->rows, "A %s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s\n", a->id, a->source,
				a->lang, a->aliases, a->severity, a->cwes, a->references,
				a->published ? a->published : "-", a->modified ? a->modified : "-",
				a->withdrawn ? a->withdrawn : "-", a->summary ? a->summary : "-"));
	return step(r);
}

static int on_affected(ss_vuln_sink *s, const ss_sink_affected *a)
{
	rec *r = (rec *)s;

	assert_non_null(a->advisory);
	assert_non_null(a->ecosystem);
	assert_non_null(a->package);
	assert_non_null(a->ranges);
	assert_non_null(a->versions);
	r->affected++;
	r->vulnerable += a->vulnerable;
	assert_ok(ss_buf_printf(&r->rows, "F %s|%s|%s|%s|%s|%s|%d\n", a->advisory, a->ecosystem,
				a->package, a->purl ? a->purl : "-", a->ranges, a->versions,
				a->vulnerable));
	return step(r);
}

static void rec_init(rec *r)
{
	memset(r, 0, sizeof(*r));
	r->sink.advisory = on_advisory;
	r->sink.affected = on_affected;
	ss_buf_init(&r->rows, (size_t)64 << 20);
}

typedef int (*importer)(ss_vuln_sink *, ss_input *, const ss_import_limits *, json_t *);

/* Import a file; the code, with r filled. */
static int run_file(rec *r, importer fn, const char *path, const ss_import_limits *lim)
{
	json_t *info = json_object();
	ss_input in;
	int error;

	assert_ok(ss_input_open(&in, path, (uint64_t)1 << 32));
	error = fn(&r->sink, &in, lim, info);
	ss_input_close(&in);
	json_decref(info);
	return error;
}

static int run_mem(rec *r, importer fn, const char *name, const char *text, size_t len,
		   const ss_import_limits *lim, json_t *info)
{
	json_t *own = info ? NULL : json_object();
	ss_input in;
	int error;

	assert_ok(ss_input_open_mem(&in, name, text, len, (uint64_t)1 << 32));
	error = fn(&r->sink, &in, lim, info ? info : own);
	ss_input_close(&in);
	json_decref(own);
	return error;
}

static bool have_data(void)
{
	return access(DATA "/nvd/cves-1999.json.gz", R_OK) == 0;
}

static void has(const rec *r, const char *line)
{
	if (!strstr(r->rows.ptr, line))
		fail_msg("no row\n%s\nin\n%.4000s", line, r->rows.ptr);
}

static void error_has(const char *want)
{
	if (!strstr(ss_error_last(), want))
		fail_msg("the message \"%s\" does not hold \"%s\"", ss_error_last(), want);
}

/* ---- CPE ------------------------------------------------------------------ */

static void cpe_names(void **state)
{
	ss_buf b = SS_BUF_INIT(4096);
	ss_advis_cpe c;

	(void)state;
	/* an escaped ':' does not separate */
	assert_ok(ss_advis__cpe_parse(&c, "cpe:2.3:a:foo\\:bar:baz\\(x\\):1.0:*:*:*:*:*:*:*"));
	assert_false(c.uri);
	assert_string_equal(c.attr[1], "foo\\:bar");
	assert_string_equal(c.attr[2], "baz\\(x\\)");
	assert_ok(ss_advis__cpe_package(&b, &c));
	assert_string_equal(b.ptr, "foo\\:bar:baz\\(x\\)");
	assert_ok(ss_advis__cpe_unescape(&b, c.attr[2]));
	assert_string_equal(b.ptr, "baz(x)");
	assert_ok(ss_advis__cpe_format(&b, &c, "2.0(beta)"));
	assert_string_equal(b.ptr, "cpe:2.3:a:foo\\:bar:baz\\(x\\):2.0\\(beta\\):*:*:*:*:*:*:*");
	assert_int_equal(ss_advis__cpe_format(&b, &c, "2.0 beta"), SS_EPARSE);
	ss_advis__cpe_release(&c);
	/* an escaped backslash, then a separator */
	assert_ok(ss_advis__cpe_parse(&c, "cpe:2.3:a:x\\\\:y:1:*:*:*:*:*:*:*"));
	assert_string_equal(c.attr[1], "x\\\\");
	assert_string_equal(c.attr[2], "y");
	ss_advis__cpe_release(&c);
	/* 2.2 URIs: missing attributes ANY, %-escapes, a packed edition */
	assert_ok(ss_advis__cpe_parse(&c, "cpe:/a:jacic:electronic_bidding_core_system"));
	assert_true(c.uri);
	assert_ok(ss_advis__cpe_format(&b, &c, NULL));
	assert_string_equal(b.ptr,
			    "cpe:2.3:a:jacic:electronic_bidding_core_system:*:*:*:*:*:*:*:*");
	ss_advis__cpe_release(&c);
	assert_ok(ss_advis__cpe_parse(&c, "cpe:/a:at%26t:net%21:1.2:-:~~pro~win~x64~"));
	assert_ok(ss_advis__cpe_format(&b, &c, NULL));
	assert_string_equal(b.ptr, "cpe:2.3:a:at\\&t:net\\!:1.2:-:*:*:pro:win:x64:*");
	ss_advis__cpe_release(&c);
	/* refused */
	assert_int_equal(ss_advis__cpe_parse(&c, "cpe:2.3:a:foo:bar"), SS_EPARSE);
	assert_int_equal(ss_advis__cpe_parse(&c, "cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:*:extra"),
			 SS_EPARSE);
	assert_int_equal(ss_advis__cpe_parse(&c, "cpe:2.3:x:foo:bar:1:*:*:*:*:*:*:*"), SS_EPARSE);
	assert_int_equal(ss_advis__cpe_parse(&c, "cpe:2.3:a:foo:bar:1:*:*:*:*:*:*:\\"), SS_EPARSE);
	assert_int_equal(ss_advis__cpe_parse(&c, "cpe:/a:foo:bar:1%2"), SS_EPARSE);
	assert_int_equal(ss_advis__cpe_parse(&c, "cpe:/a:foo bar"), SS_EPARSE);
	assert_int_equal(ss_advis__cpe_parse(&c, "pkg:npm/x"), SS_EPARSE);
	ss_buf_release(&b);
}

/* ---- NVD -------------------------------------------------------------------- */

static void nvd_real(void **state)
{
	rec r;

	(void)state;
	if (!have_data())
		skip();
	rec_init(&r);
	assert_ok(run_file(&r, ss_format_nvd, DATA "/nvd/cves-CVE-2023-0001.json.gz", NULL));
	assert_int_equal(r.advisories, 1);
	assert_int_equal(r.affected, 2);
	assert_int_equal(r.vulnerable, 1);
	has(&r, "A CVE-2023-0001|nvd|en|[]|[{\"score\":6.7,\"type\":\"CVSS_V3\",\"vector\":"
		"\"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H\"}]|[\"CWE-319\"]|"
		"[\"https://security.paloaltonetworks.com/CVE-2023-0001\"]|"
		"2023-02-08T18:15:11.523|2023-02-18T20:41:02.460|-|An information exposure "
		"vulnerability in the Palo Alto Networks Cortex XDR agent");
	has(&r, "F CVE-2023-0001|cpe|paloaltonetworks:cortex_xdr_agent|-|[{\"criteria\":"
		"\"cpe:2.3:a:paloaltonetworks:cortex_xdr_agent:*:*:*:*:critical_environment:*:*:*"
		"\",\"end_excluding\":\"7.5.101\",\"start_including\":\"7.5\",\"type\":\"CPE\"}]|"
		"[]|1\n");
	/* the platform of the AND configuration, not vulnerable */
	has(&r, "F CVE-2023-0001|cpe|microsoft:windows|-|[{\"criteria\":\"cpe:2.3:o:microsoft:"
		"windows:-:*:*:*:*:*:*:*\",\"type\":\"CPE\"}]|[]|0\n");
	ss_buf_release(&r.rows);

	rec_init(&r);
	assert_ok(run_file(&r, ss_format_nvd, DATA "/nvd/cves-1999.json.gz", NULL));
	assert_int_equal(r.advisories, 200);
	assert_int_equal(r.affected, 838);
	assert_int_equal(r.withdrawn, 3);
	/* a rejected CVE: withdrawn = lastModified */
	has(&r, "A CVE-1999-1056|nvd|en|[]|[]|[]|[]|1992-12-31T05:00:00.000|"
		"2008-09-09T12:36:47.930|2008-09-09T12:36:47.930|** REJECT **");
	/* 3.1 and 2.0; integer scores written as integers */
	has(&r, "A CVE-1999-0236|nvd|en|[]|[{\"score\":7.5,\"type\":\"CVSS_V3\",\"vector\":"
		"\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\"},{\"score\":5,\"type\":"
		"\"CVSS_V2\",\"vector\":\"AV:N/AC:L/Au:N/C:P/I:N/A:N\"}]|");
	ss_buf_release(&r.rows);

	rec_init(&r);
	assert_ok(run_file(&r, ss_format_nvd, DATA "/nvd/cves-2023.json.gz", NULL));
	assert_int_equal(r.advisories, 200);
	assert_int_equal(r.affected, 705);
	assert_int_equal(r.withdrawn, 1);
	/* 3.1 (Primary) kept, 3.0 of another source dropped, 2.0 kept */
	has(&r, "A CVE-2022-4065|nvd|en|[]|[{\"score\":7.8,\"type\":\"CVSS_V3\",\"vector\":"
		"\"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H\"},{\"score\":6.5,\"type\":"
		"\"CVSS_V2\",\"vector\":\"AV:N/AC:L/Au:S/C:P/I:P/A:P\"}]|");
	ss_buf_release(&r.rows);
}

#define NVD_HEAD                                                                                   \
	"{\"resultsPerPage\":1,\"startIndex\":0,\"totalResults\":1,\"format\":\"NVD_CVE\","        \
	"\"version\":\"2.0\",\"timestamp\":\"2023-07-28T05:46:22.353\",\n\"vulnerabilities\":[\n"

static const char nvd_ok[] = NVD_HEAD
	"{\"cve\":{\"id\":\"CVE-2024-12345\",\"published\":\"2024-01-01T00:00:00.000\","
	"\"lastModified\":\"2024-01-02T00:00:00.000\",\"vulnStatus\":\"Analyzed\","
	"\"descriptions\":[{\"lang\":\"es\",\"value\":\"Hola\"},{\"lang\":\"en\",\"value\":"
	"\"First line\\nsecond line\"}],"
	"\"metrics\":{\"cvssMetricV40\":[{\"source\":\"x\",\"type\":\"Secondary\",\"cvssData\":"
	"{\"vectorString\":\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\","
	"\"baseScore\":9.3}}],\"cvssMetricV31\":[{\"source\":\"a\",\"type\":\"Secondary\","
	"\"cvssData\":{\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N\","
	"\"baseScore\":5.3}},{\"source\":\"nvd\",\"type\":\"Primary\",\"cvssData\":"
	"{\"vectorString\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\",\"baseScore\":10}}]},"
	"\"weaknesses\":[{\"source\":\"a\",\"type\":\"Primary\",\"description\":[{\"lang\":"
	"\"en\",\"value\":\"NVD-CWE-noinfo\"},{\"lang\":\"en\",\"value\":\"CWE-79\"},"
	"{\"lang\":\"en\",\"value\":\"CWE-79\"}]}],"
	"\"configurations\":[{\"nodes\":[{\"operator\":\"OR\",\"negate\":false,\"cpeMatch\":["
	"{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:dolibarr:dolibarr_erp\\\\/"
	"crm:*:*:*:*:*:*:*:*"
	"\",\"versionEndIncluding\":\"16.0.3\",\"matchCriteriaId\":\"A\"},"
	"{\"vulnerable\":true,\"criteria\":\"cpe:2.3:a:a\\\\:b:c:1.0:*:*:*:*:*:*:*\","
	"\"matchCriteriaId\":\"B\"}]},"
	"{\"operator\":\"OR\",\"negate\":true,\"cpeMatch\":[{\"vulnerable\":true,\"criteria\":"
	"\"cpe:2.3:a:not:this:*:*:*:*:*:*:*:*\",\"matchCriteriaId\":\"C\"}]}]}],"
	"\"references\":[{\"url\":\"https://a.example/1\"},{\"url\":\"https://a.example/1\"},"
	"{\"url\":\"https://b.example/2\"}]}}\n]}";

static void nvd_rows(void **state)
{
	json_t *info = json_object();
	rec r, r2;

	(void)state;
	rec_init(&r);
	assert_ok(run_mem(&r, ss_format_nvd, "n.json", nvd_ok, sizeof(nvd_ok) - 1, NULL, info));
	assert_int_equal(r.advisories, 1);
	assert_int_equal(r.affected, 2); /* the negated node gives none */
	has(&r,
	    "A CVE-2024-12345|nvd|en|[]|[{\"score\":9.3,\"type\":\"CVSS_V4\",\"vector\":"
	    "\"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N\"},{\"score\":10,"
	    "\"type\":\"CVSS_V3\",\"vector\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"}]|"
	    "[\"CWE-79\"]|[\"https://a.example/1\",\"https://b.example/2\"]|"
	    "2024-01-01T00:00:00.000|2024-01-02T00:00:00.000|-|First line\n");
	has(&r, "F CVE-2024-12345|cpe|dolibarr:dolibarr_erp\\/crm|-|[{\"criteria\":"
		"\"cpe:2.3:a:dolibarr:dolibarr_erp\\\\/crm:*:*:*:*:*:*:*:*\",\"end_including\":"
		"\"16.0.3\",\"type\":\"CPE\"}]|[]|1\n");
	has(&r, "F CVE-2024-12345|cpe|a\\:b:c|-|");
	assert_int_equal(json_integer_value(
				 json_object_get(json_object_get(info, "counts"), "negated node")),
			 1);
	assert_string_equal(ss_js(info, "version"), "2023-07-28T05:46:22.353");
	/* the same bytes again */
	rec_init(&r2);
	assert_ok(run_mem(&r2, ss_format_nvd, "n.json", nvd_ok, sizeof(nvd_ok) - 1, NULL, NULL));
	assert_string_equal(r.rows.ptr, r2.rows.ptr);
	ss_buf_release(&r.rows);
	ss_buf_release(&r2.rows);
	json_decref(info);
}

/* nvd_ok with from replaced by to; refused with code, the message holding want. */
static void nvd_bad(const char *from, const char *to, int code, const char *want)
{
	ss_buf b = SS_BUF_INIT(1 << 20);
	const char *at = strstr(nvd_ok, from);
	rec r;

	assert_non_null(at);
	assert_ok(ss_buf_put(&b, nvd_ok, (size_t)(at - nvd_ok)));
	assert_ok(ss_buf_puts(&b, to));
	assert_ok(ss_buf_puts(&b, at + strlen(from)));
	rec_init(&r);
	assert_int_equal(run_mem(&r, ss_format_nvd, "bad.json", b.ptr, b.len, NULL, NULL), code);
	error_has(want);
	ss_buf_release(&b);
	ss_buf_release(&r.rows);
}

static void nvd_refused(void **state)
{
	rec r;
	static const char other[] = "{\"format\":\"NVD_CVE\",\"items\":[]}";

	(void)state;
	nvd_bad("CVE-2024-12345", "CVE-24-1", SS_EPARSE, "bad.json: line 3, byte ");
	nvd_bad("CVE-2024-12345", "CVE-24-1", SS_EPARSE,
		"record 0, /vulnerabilities/0/cve/id: \"CVE-24-1\" is not a CVE id");
	nvd_bad("\"published\":\"2024-01-01T00:00:00.000\",", "", SS_EPARSE,
		"record 0, /vulnerabilities/0/cve/published: a required text member is missing");
	nvd_bad("\"version\":\"2.0\"", "\"version\":\"1.1\"", SS_EPARSE,
		"bad.json: /format and /version are \"NVD_CVE\" and \"1.1\"");
	nvd_bad("\"matchCriteriaId\":\"B\"", "\"matchCriteriaIx\":\"B\"", SS_EPARSE,
		"record 0, /vulnerabilities/0/cve/configurations/0/nodes/0/cpeMatch/1: a cpeMatch "
		"needs");
	nvd_bad("cpe:2.3:a:a\\\\:b:c:1.0:*:*:*:*:*:*:*", "cpe:2.3:a:a:b:c:1.0", SS_EPARSE,
		"/cpeMatch/1/criteria: a CPE 2.3 name with 5 attributes instead of 11");
	nvd_bad("cpe:2.3:a:a\\\\:b:c:1.0:*:*:*:*:*:*:*", "cpe:/a:b:c", SS_EPARSE,
		"a CPE 2.2 name where NVD gives a CPE 2.3 one");
	nvd_bad("\"operator\":\"OR\",\"negate\":false", "\"operator\":\"XOR\"", SS_EPARSE,
		"nodes/0: a node needs operator AND or OR");
	nvd_bad("{\"cve\":{", "{\"cvx\":{", SS_EPARSE, "/vulnerabilities/0/cve: a required object");
	rec_init(&r);
	assert_int_equal(run_mem(&r, ss_format_nvd, "o.json", other, sizeof(other) - 1, NULL, NULL),
			 SS_EPARSE);
	error_has("o.json: no 'vulnerabilities' list; give an NVD CVE API 2.0 answer");
	/* limits */
	{
		ss_import_limits lim = ss_nvd_limits;

		lim.record_bytes = 200;
		assert_int_equal(run_mem(&r, ss_format_nvd, "n.json", nvd_ok, sizeof(nvd_ok) - 1,
					 &lim, NULL),
				 SS_ELIMIT);
		lim = ss_nvd_limits;
		lim.depth = 4;
		assert_int_equal(run_mem(&r, ss_format_nvd, "n.json", nvd_ok, sizeof(nvd_ok) - 1,
					 &lim, NULL),
				 SS_ELIMIT);
		error_has("n.json: line 3");
	}
	/* the sink's error stops the import */
	r.fail_after = 2;
	assert_int_equal(
		run_mem(&r, ss_format_nvd, "n.json", nvd_ok, sizeof(nvd_ok) - 1, NULL, NULL),
		SS_EDB);
	ss_buf_release(&r.rows);
}

/* ---- JVN -------------------------------------------------------------------- */

static void jvn_real(void **state)
{
	rec r;

	(void)state;
	if (!have_data())
		skip();
	rec_init(&r);
	assert_ok(run_file(&r, ss_format_jvn,
			   DATA "/jvn/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml", NULL));
	assert_int_equal(r.advisories, 1);
	assert_int_equal(r.affected, 1);
	has(&r, "A JVNDB-2022-000097|jvn|ja|[\"CVE-2022-41993\",\"CVE-2022-46287\","
		"\"CVE-2022-46288\"]|[{\"score\":4.3,\"type\":\"CVSS_V2\",\"vector\":"
		"\"AV:N/AC:M/Au:N/C:N/I:P/A:N\"},{\"score\":6.1,\"type\":\"CVSS_V3\",\"vector\":"
		"\"CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N\"}]|[\"CWE-79\",\"CWE-20\"]|"
		"[\"https://www.cals.jacic.or.jp/coreconso/pdf/coreconsoinfo20221215.pdf\",");
	has(&r, "|2022-12-15T12:04:51+09:00|2024-05-29T17:39:51+09:00|-|"
		"電子入札コアシステムにおける複数の脆弱性\n");
	/* free text that is no version: no bound, the text kept */
	has(&r, "F JVNDB-2022-000097|cpe|jacic:electronic_bidding_core_system|-|[{\"criteria\":"
		"\"cpe:2.3:a:jacic:electronic_bidding_core_system:*:*:*:*:*:*:*:*\",\"note\":"
		"\"v6 R4 およびそれ以前のバージョン\",\"type\":\"CPE\"}]|[]|1\n");
	ss_buf_release(&r.rows);

	rec_init(&r);
	assert_ok(run_file(&r, ss_format_jvn,
			   DATA "/jvn/getVulnDetailInfo_hnd_JVNDB-2018-009328.xml", NULL));
	assert_int_equal(r.affected, 6);
	/* a plain version: exact */
	has(&r, "F JVNDB-2018-009328|cpe|veritas:netbackup|-|[{\"criteria\":\"cpe:2.3:a:veritas:"
		"netbackup:8.0:*:*:*:*:*:*:*\",\"type\":\"CPE\"}]|[\"8.0\"]|1\n");
	/* CWE-noinfo is no CWE */
	has(&r, "|[{\"score\":10,\"type\":\"CVSS_V2\",\"vector\":\"AV:N/AC:L/Au:N/C:C/I:C/A:C\"},"
		"{\"score\":9.8,\"type\":\"CVSS_V3\",\"vector\":\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/"
		"C:H/I:H/A:H\"}]|[]|");
	ss_buf_release(&r.rows);

	rec_init(&r);
	assert_ok(run_file(&r, ss_format_jvn, DATA "/jvn/dataFeed_jvndb_detail_hnd.xml", NULL));
	assert_int_equal(r.advisories, 7);
	assert_int_equal(r.affected, 25);
	/* "X より前" (before X): up to X excluded; the （...） qualifier ignored */
	has(&r,
	    "F JVNDB-2025-000002|cpe|nec:aterm_wg2600hs_firmware|-|[{\"criteria\":"
	    "\"cpe:2.3:o:nec:aterm_wg2600hs_firmware:*:*:*:*:*:*:*:*\",\"end_excluding\":"
	    "\"1.7.2\",\"note\":\"Ver.1.7.2より前のバージョン（CVE-2025-0354、CVE-2025-0355）\","
	    "\"type\":\"CPE\"}]|[]|1\n");
	has(&r, "F JVNDB-2025-000003|cpe|fortinet:fortiweb|-|[{\"criteria\":\"cpe:2.3:a:fortinet:"
		"fortiweb:*:*:*:*:*:*:*:*\",\"end_excluding\":\"7.6.2\",\"note\":"
		"\"7.6.2より前のバージョン\",\"type\":\"CPE\"}]|[]|1\n");
	ss_buf_release(&r.rows);

	rec_init(&r);
	assert_int_equal(run_file(&r, ss_format_jvn, DATA "/jvn/dataFeed_jvndb_rss_hnd.xml", NULL),
			 SS_EPARSE);
	error_has("dataFeed_jvndb_rss_hnd.xml:16: a JVNRSS overview feed");
	error_has("give the VULDEF detail instead: getVulnDetailInfo answers or the detail data "
		  "feed");
	assert_int_equal(r.advisories, 0);
	ss_buf_release(&r.rows);
}

static void jvn_broken(void **state)
{
	ss_buf b = SS_BUF_INIT(1 << 20);
	char *at;
	rec r;

	(void)state;
	if (!have_data())
		skip();
	assert_ok(
		ss_file_read(&b, DATA "/jvn/getVulnDetailInfo_hnd_JVNDB-2022-000097.xml", 1 << 20));
	rec_init(&r);
	/* cut short in the middle of the Related items */
	at = strstr(b.ptr, "<RelatedItem type=\"cwe\">");
	assert_non_null(at);
	assert_int_equal(
		run_mem(&r, ss_format_jvn, "cut.xml", b.ptr, (size_t)(at - b.ptr), NULL, NULL),
		SS_EPARSE);
	if (!strstr(ss_error_last(), "cut.xml:"))
		fail_msg("%s", ss_error_last());
	assert_int_equal(r.advisories, 0);
	/* a mismatched end tag on line 20 */
	at = strstr(b.ptr, "</Title>");
	memcpy(at, "</Titel>", 8);
	assert_int_equal(run_mem(&r, ss_format_jvn, "broken.xml", b.ptr, b.len, NULL, NULL),
			 SS_EPARSE);
	error_has("broken.xml:20:");
	ss_buf_release(&b);
	ss_buf_release(&r.rows);
}

static const char jvn_doc[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<VULDEF-Document version=\"3.2\" xmlns=\"http://jvn.jp/vuldef/\">\n"
	"<Vulinfo><VulinfoID>JVNDB-2099-000001</VulinfoID><VulinfoData>\n"
	"<Title> テスト </Title><VulinfoDescription><Overview>概要</Overview>"
	"</VulinfoDescription>\n"
	"<Affected><AffectedItem><Name>v</Name><Cpe version=\"2.2\">cpe:/a:vend:prod</Cpe>"
	"<VersionNumber>Ver.2.1</VersionNumber><VersionNumber>3.0 およびそれ以前"
	"</VersionNumber><VersionNumber>4.0.1 未満</VersionNumber>"
	"<VersionNumber>全バージョン</VersionNumber></AffectedItem>\n"
	"<AffectedItem><Name>no cpe</Name></AffectedItem></Affected>\n"
	"<Impact><Cvss version=\"3.0\"><Base>7.5</Base><Vector>CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/"
	"C:H/I:N/A:N</Vector></Cvss></Impact>\n"
	"<Related><RelatedItem type=\"advisory\"><Name>Common Vulnerabilities and Exposures (CVE)"
	"</Name><VulinfoID>CVE-2099-0001</VulinfoID><URL>https://www.cve.org/x</URL>"
	"</RelatedItem></Related>\n"
	"<DatePublic>2099-01-01T00:00:00+09:00</DatePublic>"
	"<DateLastUpdated>2099-01-02T00:00:00+09:00</DateLastUpdated>"
	"</VulinfoData></Vulinfo>\n"
	"</VULDEF-Document>\n";

static void jvn_rows(void **state)
{
	json_t *info = json_object();
	rec r;

	(void)state;
	rec_init(&r);
	assert_ok(run_mem(&r, ss_format_jvn, "j.xml", jvn_doc, sizeof(jvn_doc) - 1, NULL, info));
	assert_int_equal(r.advisories, 1);
	assert_int_equal(r.affected, 4);
	has(&r, "A JVNDB-2099-000001|jvn|ja|[\"CVE-2099-0001\"]|[{\"score\":7.5,\"type\":"
		"\"CVSS_V3\",\"vector\":\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N\"}]|[]|"
		"[\"https://www.cve.org/x\"]|2099-01-01T00:00:00+09:00|2099-01-02T00:00:00+09:00|-|"
		"テスト\n");
	has(&r, "F JVNDB-2099-000001|cpe|vend:prod|-|[{\"criteria\":\"cpe:2.3:a:vend:prod:2.1:*:"
		"*:*:*:*:*:*\",\"note\":\"Ver.2.1\",\"type\":\"CPE\"}]|[\"2.1\"]|1\n");
	has(&r, "F JVNDB-2099-000001|cpe|vend:prod|-|[{\"criteria\":\"cpe:2.3:a:vend:prod:*:*:*:"
		"*:*:*:*:*\",\"end_including\":\"3.0\",\"note\":\"3.0 およびそれ以前\",\"type\":"
		"\"CPE\"}]|[]|1\n");
	has(&r, "\"end_excluding\":\"4.0.1\",\"note\":\"4.0.1 未満\"");
	has(&r, "F JVNDB-2099-000001|cpe|vend:prod|-|[{\"criteria\":\"cpe:2.3:a:vend:prod:*:*:*:"
		"*:*:*:*:*\",\"note\":\"全バージョン\",\"type\":\"CPE\"}]|[]|1\n");
	assert_int_equal(json_integer_value(json_object_get(json_object_get(info, "counts"),
							    "product without CPE")),
			 1);
	ss_buf_release(&r.rows);
	json_decref(info);
}

/* A VULDEF document in Shift_JIS gives the same rows as in UTF-8. */
static void jvn_shift_jis(void **state)
{
	rec r, u;

	(void)state;
	rec_init(&r);
	assert_ok(run_file(&r, ss_format_jvn,
			   SECSPEC_SOURCE_DIR "/tests/data/advisories/jvn-shift_jis.xml", NULL));
	rec_init(&u);
	assert_ok(run_mem(&u, ss_format_jvn, "j.xml", jvn_doc, sizeof(jvn_doc) - 1, NULL, NULL));
	assert_int_equal(r.advisories, 1);
	assert_int_equal(r.affected, 4);
	assert_string_equal(r.rows.ptr, u.rows.ptr);
	has(&r, "|テスト\n");
	ss_buf_release(&r.rows);
	ss_buf_release(&u.rows);
}

static void jvn_bad(const char *from, const char *to, int code, const char *want)
{
	ss_buf b = SS_BUF_INIT(1 << 20);
	const char *at = strstr(jvn_doc, from);
	rec r;

	assert_non_null(at);
	assert_ok(ss_buf_put(&b, jvn_doc, (size_t)(at - jvn_doc)));
	assert_ok(ss_buf_puts(&b, to));
	assert_ok(ss_buf_puts(&b, at + strlen(from)));
	rec_init(&r);
	assert_int_equal(run_mem(&r, ss_format_jvn, "bad.xml", b.ptr, b.len, NULL, NULL), code);
	error_has(want);
	ss_buf_release(&b);
	ss_buf_release(&r.rows);
}

static void jvn_refused(void **state)
{
	(void)state;
	jvn_bad("<VulinfoID>JVNDB-2099-000001</VulinfoID>", "", SS_EPARSE,
		"bad.xml:3: a Vulinfo without its VulinfoID");
	jvn_bad("JVNDB-2099-000001", "JVN#1234", SS_EPARSE, "is not a JVNDB id");
	jvn_bad("cpe:/a:vend:prod", "cpe:/z:vend:prod", SS_EPARSE,
		"bad.xml:5: Cpe: a CPE 2.2 name whose part is not a, o or h");
	jvn_bad("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n",
		"<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY a \"b\">]>\n", SS_EPARSE,
		"document type declarations");
	jvn_bad("<VULDEF-Document version=\"3.2\" xmlns=\"http://jvn.jp/vuldef/\">",
		"<VULDEF-Document xmlns=\"urn:other\">", SS_EPARSE,
		"bad.xml:2: the root element is <VULDEF-Document>, not a VULDEF-Document");
	jvn_bad("</VULDEF-Document>\n",
		"<s:Status xmlns:s=\"http://jvndb.jvn.jp/myjvn/Status\" retCd=\"1\" "
		"errMsg=\"bad request\"/></VULDEF-Document>\n",
		SS_EPARSE, "the MyJVN API answered an error (retCd 1): bad request");
	{
		ss_import_limits lim = ss_jvn_limits;
		rec r;

		rec_init(&r);
		lim.record_values = 3;
		assert_int_equal(run_mem(&r, ss_format_jvn, "j.xml", jvn_doc, sizeof(jvn_doc) - 1,
					 &lim, NULL),
				 SS_ELIMIT);
		error_has("j.xml:5: byte");
		lim = ss_jvn_limits;
		lim.depth = 3;
		assert_int_equal(run_mem(&r, ss_format_jvn, "j.xml", jvn_doc, sizeof(jvn_doc) - 1,
					 &lim, NULL),
				 SS_ELIMIT);
		ss_buf_release(&r.rows);
	}
}

/* ---- CSAF ------------------------------------------------------------------- */

static void csaf_real(void **state)
{
	static const struct {
		const char *file;
		int advisories, affected;
	} files[] = {
		{"bsi-2022-0001.json", 1, 5},
		{"cisco-sa-20180328-smi2.json", 1, 0},
		{"rhsa-2019_1862.json", 0, 0},
		{"rhsa-2021_5186.json", 2, 0},
		{"rhsa-2021_5217.json", 1, 0},
		{"rhsa-2022_0011.json", 1, 0},
		{"csaf_vex/2022-evd-uc-01-a-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-01-f-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-01-na-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-01-ui-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-02-na-001.json", 19, 0},
		{"csaf_vex/2022-evd-uc-03-ms-001.json", 19, 0},
		{"csaf_vex/2022-evd-uc-04-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-05-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-06-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-07-001.json", 1, 0},
		{"csaf_vex/2022-evd-uc-08-001.json", 2, 0},
		{"csaf_vex/2022-evd-uc-09-001.json", 2, 0},
		{"csaf_vex/sec-vex-2022-0001.json", 3, 0},
	};
	char path[512];
	size_t i;
	rec r;

	(void)state;
	if (!have_data())
		skip();
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		rec_init(&r);
		snprintf(path, sizeof(path), "%s/csaf/%s", DATA, files[i].file);
		if (run_file(&r, ss_format_csaf, path, NULL) < 0)
			fail_msg("%s: %s", files[i].file, ss_error_last());
		if (r.advisories != files[i].advisories || r.affected != files[i].affected)
			fail_msg("%s: %d advisories, %d affected", files[i].file, r.advisories,
				 r.affected);
		if (i == 0) {
			has(&r,
			    "A CVE-2022-27193|csaf|en|[\"BSI-2022-0001\"]|[{\"score\":6.1,"
			    "\"type\":\"CVSS_V3\",\"vector\":\"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/"
			    "C:H/I:N/A:L/E:F/RL:O/RC:C\"}]|[\"CWE-611\"]|[]|"
			    "2022-03-17T13:03:42.105Z|2022-03-17T13:03:42.105Z|-|CSAF Tools "
			    "CVRF-CSAF-Converter 1.0.0-rc1 resolves XML External Entities "
			    "(XXE).");
			has(&r, "F CVE-2022-27193|cpe|csaf-tools:cvrf-csaf-converter|-|"
				"[{\"criteria\":\"cpe:2.3:a:csaf-tools:cvrf-csaf-converter:"
				"1.0.0-rc1:*:*:*:*:*:*:*\",\"type\":\"CPE\"}]|[\"1.0.0-rc1\"]|1\n");
			/* fixed is not affected */
			assert_null(strstr(r.rows.ptr, "1.0.0-rc2"));
		}
		if (i == 3)
			has(&r, "A CVE-2021-4125|csaf|en|[\"RHSA-2021:5186\"]|[]|[]|");
		ss_buf_release(&r.rows);
	}
	/* the schema is JSON but not CSAF */
	rec_init(&r);
	assert_int_equal(run_file(&r, ss_format_csaf, DATA "/csaf/csaf_json_schema.json", NULL),
			 SS_EPARSE);
	error_has("csaf_json_schema.json: /document: no document object");
	ss_buf_release(&r.rows);
}

static const char csaf_doc[] =
	"{\"document\":{\"category\":\"csaf_vex\",\"csaf_version\":\"2.0\",\"title\":\"T\","
	"\"publisher\":{\"category\":\"vendor\",\"name\":\"P\",\"namespace\":\"https://"
	"p.example\"},"
	"\"references\":[{\"url\":\"https://p.example/adv\"}],"
	"\"tracking\":{\"id\":\"P-2024-1\",\"status\":\"final\",\"version\":\"2\","
	"\"initial_release_date\":\"2024-01-01T00:00:00Z\",\"current_release_date\":"
	"\"2024-02-01T00:00:00Z\",\"revision_history\":[{\"date\":\"2024-01-01T00:00:00Z\","
	"\"number\":\"1\",\"summary\":\"x\"}]}},"
	"\"product_tree\":{\"branches\":[{\"category\":\"vendor\",\"name\":\"V\",\"branches\":["
	"{\"category\":\"product_version\",\"name\":\"1\",\"product\":{\"name\":\"lodash 4.17.20\","
	"\"product_id\":\"P1\",\"product_identification_helper\":{\"purl\":"
	"\"pkg:npm/%40types/lodash@4.17.20\"}}},"
	"{\"category\":\"product_version\",\"name\":\"2\",\"product\":{\"name\":\"log4j\","
	"\"product_id\":\"P2\",\"product_identification_helper\":{\"purl\":"
	"\"pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar\"}}},"
	"{\"category\":\"product_version\",\"name\":\"3\",\"product\":{\"name\":\"app\","
	"\"product_id\":\"P3\",\"product_identification_helper\":{\"cpe\":"
	"\"cpe:2.3:a:v:app:3.0:*:*:*:*:*:*:*\"}}},"
	"{\"category\":\"product_version\",\"name\":\"4\",\"product\":{\"name\":\"none\","
	"\"product_id\":\"P4\"}}]}],"
	"\"full_product_names\":[{\"name\":\"x\",\"product_id\":\"P5\","
	"\"product_identification_helper\":{\"purl\":\"pkg:golang/github.com/a/b@v1.2.3\"}},"
	"{\"name\":\"y\",\"product_id\":\"P6\",\"product_identification_helper\":{\"purl\":"
	"\"pkg:pypi/Django@4.0\"}}],"
	"\"relationships\":[{\"category\":\"default_component_of\",\"product_reference\":\"P2\","
	"\"relates_to_product_reference\":\"P3\",\"full_product_name\":{\"name\":\"log4j in app\","
	"\"product_id\":\"P3:P2\"}}]},"
	"\"vulnerabilities\":[{\"cve\":\"CVE-2021-44228\",\"title\":\"Log4Shell\","
	"\"cwe\":{\"id\":\"CWE-502\",\"name\":\"x\"},"
	"\"notes\":[{\"category\":\"description\",\"text\":\"JNDI lookups.\"}],"
	"\"scores\":[{\"products\":[\"P2\"],\"cvss_v3\":{\"version\":\"3.1\",\"vectorString\":"
	"\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\",\"baseScore\":10.0,\"baseSeverity\":"
	"\"CRITICAL\"}}],"
	"\"product_status\":{\"known_affected\":[\"P3:P2\",\"P1\",\"P4\"],\"first_affected\":"
	"[\"P1\"],\"fixed\":[\"P5\"],\"known_not_affected\":[\"P6\"]}},"
	"{\"notes\":[{\"category\":\"summary\",\"text\":\"No CVE yet\"}],"
	"\"product_status\":{\"last_affected\":[\"P5\",\"P6\",\"P3\"]}}]}";

static void csaf_rows(void **state)
{
	json_t *info = json_object();
	rec r;

	(void)state;
	rec_init(&r);
	assert_ok(
		run_mem(&r, ss_format_csaf, "c.json", csaf_doc, sizeof(csaf_doc) - 1, NULL, info));
	assert_int_equal(r.advisories, 2);
	assert_int_equal(r.affected, 5);
	has(&r,
	    "A CVE-2021-44228|csaf|en|[\"P-2024-1\"]|[{\"score\":10,\"type\":\"CVSS_V3\","
	    "\"vector\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\"}]|[\"CWE-502\"]|"
	    "[\"https://p.example/adv\"]|2024-01-01T00:00:00Z|2024-02-01T00:00:00Z|-|Log4Shell\n");
	/* the composed product is its component */
	has(&r, "F CVE-2021-44228|Maven|org.apache.logging.log4j:log4j-core|pkg:maven/"
		"org.apache.logging.log4j/log4j-core@2.14.1?type=jar|[]|[\"2.14.1\"]|1\n");
	has(&r, "F CVE-2021-44228|npm|@types/lodash|pkg:npm/%40types/lodash@4.17.20|[]|"
		"[\"4.17.20\"]|1\n");
	/* P1 twice (known and first affected): one row; P4 has no identifier */
	assert_int_equal(json_integer_value(json_object_get(json_object_get(info, "counts"),
							    "product without CPE or purl")),
			 1);
	/* no cve: the tracking id and the index */
	has(&r, "A P-2024-1/1|csaf|en|[\"P-2024-1\"]|[]|[]|[\"https://p.example/adv\"]|"
		"2024-01-01T00:00:00Z|2024-02-01T00:00:00Z|-|No CVE yet\n");
	has(&r, "F P-2024-1/1|Go|github.com/a/b|pkg:golang/github.com/a/b@v1.2.3|[]|"
		"[\"v1.2.3\"]|1\n");
	has(&r, "F P-2024-1/1|PyPI|Django|pkg:pypi/Django@4.0|[]|[\"4.0\"]|1\n");
	has(&r, "F P-2024-1/1|cpe|v:app|-|[{\"criteria\":\"cpe:2.3:a:v:app:3.0:*:*:*:*:*:*:*\","
		"\"type\":\"CPE\"}]|[\"3.0\"]|1\n");
	assert_string_equal(ss_js(info, "name"), "P-2024-1");
	assert_string_equal(ss_js(info, "category"), "csaf_vex");
	ss_buf_release(&r.rows);
	json_decref(info);
}

static void csaf_bad(const char *from, const char *to, int code, const char *want)
{
	ss_buf b = SS_BUF_INIT(1 << 20);
	const char *at = strstr(csaf_doc, from);
	rec r;

	assert_non_null(at);
	assert_ok(ss_buf_put(&b, csaf_doc, (size_t)(at - csaf_doc)));
	assert_ok(ss_buf_puts(&b, to));
	assert_ok(ss_buf_puts(&b, at + strlen(from)));
	rec_init(&r);
	assert_int_equal(run_mem(&r, ss_format_csaf, "bad.json", b.ptr, b.len, NULL, NULL), code);
	error_has(want);
	ss_buf_release(&b);
	ss_buf_release(&r.rows);
}

static void csaf_refused(void **state)
{
	(void)state;
	csaf_bad("\"csaf_version\":\"2.0\"", "\"csaf_version\":\"2.1\"", SS_EPARSE,
		 "bad.json: /document/csaf_version: \"2.1\", not \"2.0\"");
	csaf_bad("\"id\":\"P-2024-1\",", "", SS_EPARSE,
		 "bad.json: /document/tracking/id: a required text member is missing");
	csaf_bad("\"category\":\"csaf_vex\"", "\"category\":\"_x\"", SS_EPARSE,
		 "/document/category: \"_x\" starts or ends");
	csaf_bad("\"status\":\"final\"", "\"status\":\"done\"", SS_EPARSE,
		 "/document/tracking/status: not draft, final or interim");
	csaf_bad("\"product_id\":\"P4\"", "\"product_id\":\"P1\"", SS_EPARSE,
		 "bad.json: /product_tree/branches/0/branches/3/product/product_id: the product id "
		 "\"P1\" is defined twice");
	csaf_bad("[\"P3:P2\",\"P1\",\"P4\"]", "[\"P9\"]", SS_EPARSE,
		 "bad.json: /vulnerabilities/0/product_status/known_affected/0: the product id "
		 "\"P9\" is not defined");
	csaf_bad("\"product_reference\":\"P2\"", "\"product_reference\":\"P8\"", SS_EPARSE,
		 "/product_tree/relationships/0: a product reference names a product id");
	csaf_bad("\"cve\":\"CVE-2021-44228\"", "\"cve\":\"CVE-21-1\"", SS_EPARSE,
		 "/vulnerabilities/0/cve: \"CVE-21-1\" is not a CVE id");
	csaf_bad("pkg:pypi/Django@4.0", "django", SS_EPARSE,
		 "product \"P6\": a purl that does not start with \"pkg:\"");
	csaf_bad("pkg:pypi/Django@4.0", "pkg:pypi/Dj%ffango@4.0", SS_EPARSE,
		 "product \"P6\": a purl whose name or version is not UTF-8 text");
	csaf_bad("\"title\":\"T\",", "\"title\":\"T\",\"title\":\"U\",", SS_EPARSE,
		 "bad.json: line 1, byte");
	csaf_bad("{\"document\"", "[{\"document\"", SS_EPARSE, "bad.json: line 1");
	{
		ss_import_limits lim = ss_csaf_limits;
		rec r;

		rec_init(&r);
		lim.depth = 5;
		assert_int_equal(run_mem(&r, ss_format_csaf, "c.json", csaf_doc,
					 sizeof(csaf_doc) - 1, &lim, NULL),
				 SS_ELIMIT);
		error_has("c.json: over the depth limit");
		lim = ss_csaf_limits;
		lim.bytes = 1000;
		assert_int_equal(run_mem(&r, ss_format_csaf, "c.json", csaf_doc,
					 sizeof(csaf_doc) - 1, &lim, NULL),
				 SS_ELIMIT);
		lim = ss_csaf_limits;
		lim.string = 10;
		assert_int_equal(run_mem(&r, ss_format_csaf, "c.json", csaf_doc,
					 sizeof(csaf_doc) - 1, &lim, NULL),
				 SS_ELIMIT);
		lim = ss_csaf_limits;
		lim.values = 50;
		assert_int_equal(run_mem(&r, ss_format_csaf, "c.json", csaf_doc,
					 sizeof(csaf_doc) - 1, &lim, NULL),
				 SS_ELIMIT);
		error_has("c.json: over the value count limit: more JSON values than 50");
		r.fail_after = 2;
		assert_int_equal(run_mem(&r, ss_format_csaf, "c.json", csaf_doc,
					 sizeof(csaf_doc) - 1, NULL, NULL),
				 SS_EDB);
		ss_buf_release(&r.rows);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cpe_names),   cmocka_unit_test(nvd_real),
		cmocka_unit_test(nvd_rows),    cmocka_unit_test(nvd_refused),
		cmocka_unit_test(jvn_real),    cmocka_unit_test(jvn_broken),
		cmocka_unit_test(jvn_rows),    cmocka_unit_test(jvn_shift_jis),
		cmocka_unit_test(jvn_refused), cmocka_unit_test(csaf_real),
		cmocka_unit_test(csaf_rows),   cmocka_unit_test(csaf_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
