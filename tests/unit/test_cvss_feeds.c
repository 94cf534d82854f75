/* The EPSS and KEV importers through a sink of their own: the rows of the
 * hand-made fixtures (tests/data/vuln-extra), and every refusal with its
 * line or JSON pointer. No database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "formats/sbom.h"
#include "util/util.h"

#define DATA SECSPEC_SOURCE_DIR "/tests/data/vuln-extra"

typedef struct {
	ss_vuln_sink sink;
	int epss, kev, fail_after;
	char text[2048];
} rec;

/* "a|b" and then end */
static void add(rec *r, const char *a, const char *b, char end)
{
	size_t n = strlen(r->text);

	snprintf(r->text + n, sizeof(r->text) - n, "%s|%s%c", a, b, end);
}

static int on_epss(ss_vuln_sink *s, const ss_sink_epss *row)
{
	rec *r = (rec *)s;
	char line[160];
	size_t n = strlen(r->text);

	snprintf(line, sizeof(line), "%s %.5f %.5f %s\n", row->cve, row->epss, row->percentile,
		 row->date);
	snprintf(r->text + n, sizeof(r->text) - n, "%s", line);
	r->epss++;
	if (r->fail_after > 0 && --r->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses %s", row->cve);
	return 0;
}

static int on_kev(ss_vuln_sink *s, const ss_sink_kev *row)
{
	rec *r = (rec *)s;

	add(r, row->cve, row->vendor, '|');
	add(r, row->product, row->name, '|');
	add(r, row->date_added, row->due_date, '|');
	add(r, row->ransomware ? row->ransomware : "(null)", row->catalog_version, '\n');
	r->kev++;
	if (r->fail_after > 0 && --r->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses %s", row->cve);
	return 0;
}

typedef int (*importer)(ss_vuln_sink *, ss_input *, const ss_import_limits *, json_t *);

static int run_file(rec *r, importer fn, const char *path, json_t *info)
{
	ss_input in;
	int error;

	memset(r, 0, sizeof(*r));
	r->sink.epss = on_epss;
	r->sink.kev = on_kev;
	assert_ok(ss_input_open(&in, path, (uint64_t)1 << 30));
	error = fn(&r->sink, &in, NULL, info);
	ss_input_close(&in);
	return error;
}

static int run_mem(rec *r, importer fn, const char *text, const ss_import_limits *lim)
{
	json_t *info = json_object();
	ss_input in;
	int error;

	r->sink.epss = on_epss;
	r->sink.kev = on_kev;
	r->text[0] = '\0';
	r->epss = r->kev = 0;
	assert_ok(ss_input_open_mem(&in, "mem.txt", text, strlen(text), (uint64_t)1 << 30));
	error = fn(&r->sink, &in, lim, info);
	ss_input_close(&in);
	json_decref(info);
	return error;
}

static const char epss_rows[] = "CVE-1999-0001 0.01141 0.84325 2024-05-20\n"
				"CVE-2021-44228 0.97565 0.99992 2024-05-20\n"
				"CVE-2023-0001 0.00043 0.07613 2024-05-20\n"
				"CVE-2024-21413 0.13281 0.95762 2024-05-20\n";

static void epss_fixture(void **state)
{
	static const char *const files[] = {DATA "/epss_scores-2024-05-20.csv",
					    DATA "/epss_scores-2024-05-20.csv.gz"};
	size_t i;
	rec r;

	(void)state;
	for (i = 0; i < 2; i++) {
		json_t *info = json_object();
		char *dump;

		assert_ok(run_file(&r, ss_format_epss, files[i], info));
		assert_int_equal(r.epss, 4);
		assert_string_equal(r.text, epss_rows);
		dump = json_dumps(info, JSON_SORT_KEYS | JSON_COMPACT);
		assert_string_equal(dump, "{\"counts\":{\"score\":4},\"date\":\"2024-05-20\","
					  "\"name\":\"FIRST EPSS\",\"version\":\"v2023.03.01\"}");
		free(dump);
		json_decref(info);
	}
}

#define HEAD "#model_version:v2023.03.01,score_date:2024-05-20T00:00:00+0000\ncve,epss,percentile\n"

static void epss_accepts(void **state)
{
	rec r;

	(void)state;
	/* CRLF, an exponent, 0 and 1, no final newline, members in any order */
	assert_ok(run_mem(&r, ss_format_epss,
			  "#score_date:2024-05-21T00:00:00+0000,model_version:v2025.03.14\r\n"
			  "cve,epss,percentile\r\nCVE-2024-1234567,4e-05,0\r\nCVE-2020-0001,1,1.0",
			  NULL));
	assert_string_equal(r.text, "CVE-2024-1234567 0.00004 0.00000 2024-05-21\n"
				    "CVE-2020-0001 1.00000 1.00000 2024-05-21\n");
}

static void epss_refused(const char *text, int code, const char *want)
{
	rec r;
	int error = run_mem(&r, ss_format_epss, text, NULL);

	if (error != code)
		fail_msg("%d, not %d, for %s: %s", error, code, text, ss_error_last());
	if (!strstr(ss_error_last(), want))
		fail_msg("'%s' does not say '%s'", ss_error_last(), want);
}

static void epss_refusals(void **state)
{
	ss_import_limits lim = ss_epss_limits;
	char *big;
	rec r;

	(void)state;
	epss_refused("cve,epss,percentile\nCVE-2021-0001,0.1,0.2\n", SS_EPARSE,
		     "mem.txt: line 1: no comment line");
	epss_refused("#model_version:v1\ncve,epss,percentile\n", SS_EPARSE,
		     "line 1: the comment line has no score_date");
	epss_refused("#score_date:2024-02-30T00:00:00+0000,model_version:v1\n", SS_EPARSE,
		     "line 1: score_date is not a date");
	epss_refused("#score_date:2024-02-03,model_version:v1 x\n", SS_EPARSE,
		     "model_version holds a character");
	epss_refused("#model_version:v1,score_date:2024-05-20\ncve,epss\n", SS_EPARSE,
		     "line 2: the header is not 'cve,epss,percentile'");
	epss_refused(HEAD, SS_EPARSE, "the file holds no scores");
	epss_refused("#model_version:v1,score_date:2024-05-20\n", SS_EPARSE, "no header line");
	epss_refused(HEAD "CVE-21-0001,0.1,0.2\n", SS_EPARSE,
		     "line 3, column cve: 'CVE-21-0001' is not a CVE id");
	epss_refused(HEAD "CVE-2021-123,0.1,0.2\n", SS_EPARSE, "is not a CVE id");
	epss_refused(HEAD "CVE-1998-0001,0.1,0.2\n", SS_EPARSE, "is not a CVE id");
	epss_refused(HEAD "CVE-2021-0001,0.1,0.2\nCVE-2021-0002,1.5,0.2\n", SS_EPARSE,
		     "line 4, column epss: not a number from 0 to 1");
	epss_refused(HEAD "CVE-2021-0001,0.1,-0.2\n", SS_EPARSE,
		     "line 3, column percentile: not a number from 0 to 1");
	epss_refused(HEAD "CVE-2021-0001,.,0.2\n", SS_EPARSE, "column epss");
	epss_refused(HEAD "CVE-2021-0001,nan,0.2\n", SS_EPARSE, "column epss");
	epss_refused(HEAD "CVE-2021-0001,0x1,0.2\n", SS_EPARSE, "column epss");
	epss_refused(HEAD "CVE-2021-0001,1e,0.2\n", SS_EPARSE, "column epss");
	epss_refused(HEAD "CVE-2021-0001,0.1\n", SS_EPARSE, "line 3: 2 fields, not 3");
	epss_refused(HEAD "CVE-2021-0001,0.1,0.2,0.3\n", SS_EPARSE, "line 3: more than 3 fields");
	epss_refused(HEAD "CVE-2021-0001,0.1,0.2\n\nCVE-2021-0002,0.1,0.2\n", SS_EPARSE,
		     "line 4: an empty line");
	epss_refused(HEAD "CVE-2021-0001,0.1,0.2\nCVE-2021-0001,0.3,0.4\n", SS_EPARSE,
		     "line 4: CVE-2021-0001 is given twice");

	/* a line over the limit, and the row count */
	big = calloc(1, 4096);
	memcpy(big, HEAD "CVE-2021-0001,0.1,0.2", strlen(HEAD) + 21);
	memset(big + strlen(big), '0', 1500);
	epss_refused(big, SS_ELIMIT, "line 3: over the line length limit: longer than 1024 bytes");
	free(big);
	lim.records = 1;
	assert_int_equal(run_mem(&r, ss_format_epss,
				 HEAD "CVE-2021-0001,0.1,0.2\nCVE-2021-0002,0.1,0.2\n", &lim),
			 SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "line 4: over the record count limit"));
	assert_int_equal(r.epss, 1);

	/* a NUL byte is refused, not read as the end of the line */
	{
		static const char nul[] = HEAD "CVE-2021-0001,0.1,0.2\0x\n";
		ss_input in;
		json_t *info = json_object();

		memset(&r, 0, sizeof(r));
		r.sink.epss = on_epss;
		assert_ok(ss_input_open_mem(&in, "nul.csv", nul, sizeof(nul) - 1, 1 << 20));
		assert_int_equal(ss_format_epss(&r.sink, &in, NULL, info), SS_EPARSE);
		assert_non_null(strstr(ss_error_last(), "nul.csv: line 3: a NUL byte"));
		ss_input_close(&in);
		json_decref(info);
	}

	/* the sink's error stops the import with its code */
	memset(&r, 0, sizeof(r));
	r.fail_after = 1;
	{
		ss_input in;
		json_t *info = json_object();
		static const char two[] = HEAD "CVE-2021-0001,0.1,0.2\nCVE-2021-0002,0.1,0.2\n";

		r.sink.epss = on_epss;
		assert_ok(ss_input_open_mem(&in, "two.csv", two, sizeof(two) - 1, 1 << 20));
		assert_int_equal(ss_format_epss(&r.sink, &in, NULL, info), SS_EDB);
		assert_int_equal(r.epss, 1);
		ss_input_close(&in);
		json_decref(info);
	}
}

static void kev_fixture(void **state)
{
	json_t *info = json_object();
	char *dump;
	rec r;

	(void)state;
	assert_ok(run_file(&r, ss_format_kev, DATA "/known_exploited_vulnerabilities.json", info));
	assert_int_equal(r.kev, 3);
	assert_string_equal(
		r.text,
		"CVE-2021-44228|Apache|Log4j2|Apache Log4j2 Remote Code Execution "
		"Vulnerability|2021-12-10|2021-12-24|Known|2024.05.20\n"
		"CVE-2023-4966|Citrix|NetScaler ADC and NetScaler Gateway|Citrix NetScaler ADC and "
		"NetScaler Gateway Buffer Overflow Vulnerability|2023-10-18|2023-11-08|Known|"
		"2024.05.20\n"
		"CVE-2014-0160|OpenSSL|OpenSSL|OpenSSL Information Disclosure "
		"Vulnerability|2022-05-04|2022-05-25|(null)|2024.05.20\n");
	dump = json_dumps(info, JSON_SORT_KEYS | JSON_COMPACT);
	assert_string_equal(dump, "{\"counts\":{\"vulnerability\":3},"
				  "\"date\":\"2024-05-20T14:28:50.8459Z\",\"name\":\"CISA KEV\","
				  "\"version\":\"2024.05.20\"}");
	free(dump);
	json_decref(info);
}

#define E1                                                                                         \
	"{'cveID':'CVE-2021-0001','vendorProject':'V','product':'P','vulnerabilityName':'N',"      \
	"'dateAdded':'2021-01-02','shortDescription':'S','requiredAction':'R','dueDate':"          \
	"'2021-01-23'"

/* JSON with ' for " */
static void kev_refused(const char *text, int code, const char *want)
{
	char *t = strdup(text), *p;
	rec r;
	int error;

	for (p = t; *p; p++)
		if (*p == '\'')
			*p = '"';
	error = run_mem(&r, ss_format_kev, t, NULL);
	if (error != code)
		fail_msg("%d, not %d, for %s: %s", error, code, t, ss_error_last());
	if (!strstr(ss_error_last(), want))
		fail_msg("'%s' does not say '%s'", ss_error_last(), want);
	assert_int_equal(r.kev, 0); /* nothing before the catalog is checked whole */
	free(t);
}

static void kev_refusals(void **state)
{
	(void)state;
	kev_refused("{'catalogVersion':'1','vulnerabilities':[" E1 "},{'cveID':'CVE-2021-0002'}]}",
		    SS_EPARSE, "/vulnerabilities/1/vendorProject: missing");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[" E1 ",'cveID':'CVE-2021-0002'}]}",
		    SS_EPARSE, "line 1, byte 239: duplicate key 'cveID'");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[{'cveID':'CVE-21-1'}]}", SS_EPARSE,
		    "/vulnerabilities/0/cveID: not a CVE id");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[{'cveID':7}]}", SS_EPARSE,
		    "/vulnerabilities/0/cveID: not a string");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[{'cveID':'CVE-2021-0002',"
		    "'vendorProject':'V','product':1}]}",
		    SS_EPARSE, "/vulnerabilities/0/product: not a string");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[7]}", SS_EPARSE,
		    "/vulnerabilities/0: not an object");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[" E1
		    ",'knownRansomwareCampaignUse':'Maybe'}]}",
		    SS_EPARSE, "/vulnerabilities/0/knownRansomwareCampaignUse: neither");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[" E1 ",'cwes':['CWE-79','XSS']}]}",
		    SS_EPARSE, "/vulnerabilities/0/cwes/1: not a CWE id");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[" E1 ",'cwes':'CWE-79'}]}", SS_EPARSE,
		    "/vulnerabilities/0/cwes: not an array");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[" E1 ",'notes':[]}]}", SS_EPARSE,
		    "/vulnerabilities/0/notes: not a string");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[" E1 "}," E1 "}]}", SS_EPARSE,
		    "/vulnerabilities/1/cveID: CVE-2021-0001 is listed twice");
	kev_refused("{'vulnerabilities':[" E1 "}]}", SS_EPARSE,
		    "mem.txt: /catalogVersion: missing");
	kev_refused("{'catalogVersion':'1','count':2,'vulnerabilities':[" E1 "}]}", SS_EPARSE,
		    "mem.txt: /count: not the 1 entries the list holds");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[]}", SS_EPARSE,
		    "the catalog holds no vulnerabilities");
	kev_refused("{'catalogVersion':'1'}", SS_EPARSE, "no 'vulnerabilities' list");
	kev_refused("[]", SS_EPARSE, "the document is not a JSON object");
}

static void kev_dates(void **state)
{
	(void)state;
	kev_refused("{'catalogVersion':'1','vulnerabilities':[{'cveID':'CVE-2021-0001',"
		    "'vendorProject':'V','product':'P','vulnerabilityName':'N','dateAdded':'2021-"
		    "13-01','shortDescription':'S','requiredAction':'R','dueDate':'2021-01-23'}]}",
		    SS_EPARSE, "/vulnerabilities/0/dateAdded: not a date");
	kev_refused("{'catalogVersion':'1','vulnerabilities':[{'cveID':'CVE-2021-0001',"
		    "'vendorProject':'V','product':'P','vulnerabilityName':'N','dateAdded':'2021-"
		    "12-01','shortDescription':'S','requiredAction':'R','dueDate':'soon'}]}",
		    SS_EPARSE, "/vulnerabilities/0/dueDate: not a date");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epss_fixture),  cmocka_unit_test(epss_accepts),
		cmocka_unit_test(epss_refusals), cmocka_unit_test(kev_fixture),
		cmocka_unit_test(kev_refusals),  cmocka_unit_test(kev_dates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
