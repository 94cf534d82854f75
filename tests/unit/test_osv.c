/* The OSV importer (src/formats/osv.c) through a sink that writes every row
 * as a line: one record and its schema checks, a directory, zips built here
 * (a bomb, a lying header, links, duplicates) and osv.dev's real zips. */
#define _GNU_SOURCE /* nftw's FTW_DEPTH | FTW_PHYS */
#include <archive.h>
#include <archive_entry.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "formats/osv.h"
#include "util/util.h"

#define OSV_DATA SECSPEC_SOURCE_DIR "/../shared/data/vuln/osv"
#define MiB ((size_t)1 << 20)

typedef struct {
	ss_vuln_sink sink;
	ss_buf rows; /* "A id|aliases|summary|modified|withdrawn|severity|cwes|refs" and
			"F advisory|ecosystem|package|purl|ranges|versions", one a line */
	int advisories, affected;
	int fail_after; /* > 0: the n-th advisory fails with SS_EDB */
} rec;

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

static int on_advisory(ss_vuln_sink *s, const ss_sink_advisory *r)
{
	rec *c = (rec *)s;

	assert_non_null(r->id);
	assert_string_equal(r->source, "osv");
	assert_string_equal(r->lang, "en");
	c->advisories++;
	if (c->fail_after > 0 && --c->fail_after == 0)
		return ss_error_set(SS_EDB, "the sink refuses %s", r->id);
	return ss_buf_printf(&c->rows, "A %s|%s|%s|%s|%s|%s|%s|%s\n", r->id, r->aliases,
			     or_dash(r->summary), r->modified, or_dash(r->withdrawn), r->severity,
			     r->cwes, r->references);
}

static int on_affected(ss_vuln_sink *s, const ss_sink_affected *r)
{
	rec *c = (rec *)s;

	assert_int_equal(r->vulnerable, 1);
	c->affected++;
	return ss_buf_printf(&c->rows, "F %s|%s|%s|%s|%s|%s\n", r->advisory, or_dash(r->ecosystem),
			     or_dash(r->package), or_dash(r->purl), r->ranges, r->versions);
}

static void rec_init(rec *c)
{
	memset(c, 0, sizeof(*c));
	c->sink.advisory = on_advisory;
	c->sink.affected = on_affected;
	ss_buf_init(&c->rows, 256 * MiB);
}

static int one(rec *c, const char *text, const ss_import_limits *lim)
{
	return ss_osv_record(&c->sink, "r.json", text, strlen(text), lim);
}

/* json with ' for " */
static char *q(const char *s)
{
	static char buf[8192];
	size_t i;

	assert_true(strlen(s) < sizeof(buf));
	for (i = 0; s[i]; i++)
		buf[i] = s[i] == '\'' ? '"' : s[i];
	buf[i] = '\0';
	return buf;
}

#define MIN "{'id':'X-1','modified':'2024-01-02T03:04:05Z'"

static void record_rows(void **state)
{
	rec c;

	(void)state;
	rec_init(&c);
	assert_ok(
		one(&c,
		    q("{'schema_version':'1.6.0','id':'GHSA-aaaa-bbbb-cccc',"
		      "'modified':'2024-05-06T07:08:09.123Z','published':'2024-01-01T00:00:00Z',"
		      "'withdrawn':'2024-06-01T00:00:00+09:00','aliases':['CVE-2024-1','PYSEC-1'],"
		      "'related':['X-9'],'summary':'Bad \\u00e9','details':'d\\nd',"
		      "'severity':[{'type':'CVSS_V3','score':'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/"
		      "C:H/I:H/A:H'},{'type':'Ubuntu','score':'medium'}],"
		      "'affected':[{'package':{'ecosystem':'PyPI','name':'requests',"
		      "'purl':'pkg:pypi/requests'},'ranges':[{'type':'ECOSYSTEM','events':"
		      "[{'introduced':'0'},{'fixed':'2.0'}],'database_specific':{'x':1.5}},"
		      "{'repo':'https://g/r','type':'GIT','events':[{'introduced':'abc'},"
		      "{'limit':'def'}]}],'versions':['1.0','1.1'],'ecosystem_specific':{'y':2.5}},"
		      "{'ranges':[{'type':'SEMVER','events':[{'introduced':'1.0.0'},"
		      "{'last_affected':'1.2.0'}]}]}],"
		      "'references':[{'type':'WEB','url':'https://a/1'},{'type':'FIX',"
		      "'url':'https://a/2'}],"
		      "'database_specific':{'cwe_ids':['CWE-79','XSS',7,'CWE-89'],'score':9.8,"
		      "'big':123456789012345678901234567890},"
		      "'credits':[{'name':'n'}]}"),
		    NULL));
	assert_int_equal(c.advisories, 1);
	assert_int_equal(c.affected, 2);
	assert_string_equal(
		c.rows.ptr,
		"A GHSA-aaaa-bbbb-cccc|[\"CVE-2024-1\",\"PYSEC-1\"]|Bad \xc3\xa9|"
		"2024-05-06T07:08:09.123Z|2024-06-01T00:00:00+09:00|"
		"[{\"type\":\"CVSS_V3\",\"vector\":\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/"
		"A:H\"},"
		"{\"type\":\"Ubuntu\",\"vector\":\"medium\"}]|[\"CWE-79\",\"CWE-89\"]|"
		"[\"https://a/1\",\"https://a/2\"]\n"
		"F GHSA-aaaa-bbbb-cccc|PyPI|requests|pkg:pypi/requests|"
		"[{\"events\":[{\"introduced\":\"0\"},{\"fixed\":\"2.0\"}],\"type\":\"ECOSYSTEM\"},"
		"{\"events\":[{\"introduced\":\"abc\"},{\"limit\":\"def\"}],\"repo\":\"https://g/"
		"r\","
		"\"type\":\"GIT\"}]|[\"1.0\",\"1.1\"]\n"
		"F GHSA-aaaa-bbbb-cccc|-|-|-|[{\"events\":[{\"introduced\":\"1.0.0\"},"
		"{\"last_affected\":\"1.2.0\"}],\"type\":\"SEMVER\"}]|[]\n");
	/* the least a record has */
	ss_buf_clear(&c.rows);
	assert_ok(one(&c, q(MIN "}"), NULL));
	assert_string_equal(c.rows.ptr, "A X-1|[]|-|2024-01-02T03:04:05Z|-|[]|[]|[]\n");
	/* a NULL callback drops its rows; a failing one stops the import with its code */
	c.sink.affected = NULL;
	assert_ok(one(&c, q(MIN ",'affected':[{'package':{'ecosystem':'Go','name':'m'}}]}"), NULL));
	c.fail_after = 1;
	assert_int_equal(one(&c, q(MIN "}"), NULL), SS_EDB);
	assert_string_equal(ss_error_last(), "r.json: the sink refuses X-1");
	ss_buf_release(&c.rows);
}

static void record_refusals(void **state)
{
	static const struct {
		const char *text;
		int code;
		const char *msg;
	} cases[] = {
		{"{'id':'X-1',\n 'modified':}", SS_EPARSE, "r.json: line 2, column 13: "},
		{"{'id':'X-1','id':'X-2','modified':'2024-01-02T03:04:05Z'}", SS_EPARSE,
		 "r.json: line 1, column 16: duplicate object key"},
		{"['X-1']", SS_EPARSE, "r.json: an OSV record is a JSON object, not an array"},
		{"{'modified':'2024-01-02T03:04:05Z'}", SS_EPARSE,
		 "r.json: /id: required, and missing"},
		{"{'id':'X 1','modified':'2024-01-02T03:04:05Z'}", SS_EPARSE,
		 "r.json: /id: 'X 1' is not an OSV id"},
		{"{'id':'X-1'}", SS_EPARSE, "r.json: /modified: required, and missing"},
		{"{'id':'X-1','modified':'2024-01-02'}", SS_EPARSE,
		 "r.json: /modified: '2024-01-02' is not an RFC 3339 date-time"},
		{"{'id':'X-1','modified':7}", SS_EPARSE,
		 "r.json: /modified: must be a string, not a number"},
		{MIN ",'schema_version':'2.0.0'}", SS_EPARSE,
		 "r.json: /schema_version: version '2.0.0' of the OSV schema is not supported"},
		{MIN ",'aliases':'CVE-1'}", SS_EPARSE,
		 "r.json: /aliases: must be an array, not a string"},
		{MIN ",'aliases':['CVE-1',2]}", SS_EPARSE, "r.json: /aliases/1: must be a string"},
		{MIN ",'related':[null]}", SS_EPARSE,
		 "r.json: /related/0: must be a string, not null"},
		{MIN ",'severity':[{'type':'CVSS_V5','score':'x'}]}", SS_EPARSE,
		 "r.json: /severity/0/type: 'CVSS_V5' is none of"},
		{MIN ",'severity':[{'type':'CVSS_V3','score':'AV:N'}]}", SS_EPARSE,
		 "r.json: /severity/0/score: 'AV:N' is not a CVSS_V3 vector"},
		{MIN ",'severity':[{'type':'CVSS_V4'}]}", SS_EPARSE,
		 "r.json: /severity/0/score: required, and missing"},
		{MIN ",'references':[{'type':'WEB','url':'https://a b'}]}", SS_EPARSE,
		 "r.json: /references/0/url: a URL holds no space"},
		{MIN ",'references':[{'type':'BLOG','url':'https://a'}]}", SS_EPARSE,
		 "r.json: /references/0/type: 'BLOG' is not a reference type"},
		{MIN ",'affected':[3]}", SS_EPARSE,
		 "r.json: /affected/0: must be an object, not a number"},
		{MIN ",'affected':[{'package':{'ecosystem':'Go'}}]}", SS_EPARSE,
		 "r.json: /affected/0/package/name: required, and missing"},
		{MIN ",'affected':[{'package':{'ecosystem':'Go','name':'m','purl':'golang/m'}}]}",
		 SS_EPARSE, "r.json: /affected/0/package/purl: 'golang/m' is not a package URL"},
		{MIN
		 ",'affected':[{},{'ranges':[{'type':'SEMVERX','events':[{'introduced':'0'}]}]}]}",
		 SS_EPARSE, "r.json: /affected/1/ranges/0/type: 'SEMVERX' is none of"},
		{MIN ",'affected':[{'ranges':[{'type':'GIT','events':[{'introduced':'0'}]}]}]}",
		 SS_EPARSE, "r.json: /affected/0/ranges/0/repo: required for a GIT range"},
		{MIN ",'affected':[{'ranges':[{'type':'SEMVER','events':[]}]}]}", SS_EPARSE,
		 "r.json: /affected/0/ranges/0/events: required, with at least one event"},
		{MIN ",'affected':[{'ranges':[{'type':'SEMVER','events':[{'introduced':'0'},"
		     "{'introduced':'1','fixed':'2'}]}]}]}",
		 SS_EPARSE,
		 "r.json: /affected/0/ranges/0/events/1: an event is an object with exactly"},
		{MIN ",'affected':[{'ranges':[{'type':'SEMVER','events':[{'introduced':'0'},"
		     "{'fixd':'2'}]}]}]}",
		 SS_EPARSE, "r.json: /affected/0/ranges/0/events/1: 'fixd' is none of"},
		{MIN ",'affected':[{'ranges':[{'type':'SEMVER','events':[{'introduced':''}]}]}]}",
		 SS_EPARSE, "r.json: /affected/0/ranges/0/events/0/introduced: must be a version"},
		{MIN ",'affected':[{'ranges':[{'type':'SEMVER','events':[{'fixed':'1'}]}]}]}",
		 SS_EPARSE,
		 "r.json: /affected/0/ranges/0/events: a range has at least one 'introduced'"},
		{MIN ",'affected':[{'versions':['1',[]]}]}", SS_EPARSE,
		 "r.json: /affected/0/versions/1: must be a string, not an array"},
		{MIN ",'x':[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]}", SS_ELIMIT,
		 "r.json: line 1, column 66: nested deeper than 16 (the limit 'depth')"},
		{"", SS_EPARSE, "r.json: line 1, column 0: "},
	};
	size_t i;
	rec c;

	(void)state;
	rec_init(&c);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[1024];
		int error;

		snprintf(text, sizeof(text), "%s", q(cases[i].text));
		error = one(&c, text, NULL);
		if (error != cases[i].code ||
		    strncmp(ss_error_last(), cases[i].msg, strlen(cases[i].msg)) != 0)
			fail_msg("case %zu (%s): %d %s", i, text, error, ss_error_last());
	}
	/* nothing went to the sink: each was refused before its advisory */
	assert_int_equal(c.advisories, 0);
	ss_buf_release(&c.rows);
}

static void record_limits(void **state)
{
	ss_import_limits lim = ss_osv_limits;
	rec c;

	(void)state;
	rec_init(&c);
	lim.record_bytes = 40;
	assert_int_equal(one(&c, q(MIN ",'summary':'0123456789'}"), &lim), SS_ELIMIT);
	assert_string_equal(ss_error_last(),
			    "r.json: a record of more than 40 bytes (the limit 'record_bytes')");
	lim = ss_osv_limits;
	lim.string = 8;
	assert_int_equal(one(&c, q(MIN "}"), &lim), SS_ELIMIT);
	assert_string_equal(ss_error_last(), "r.json: line 1, column 24: a string longer than 8 "
					     "bytes (the limit 'string')");
	lim = ss_osv_limits;
	lim.record_values = 4;
	assert_int_equal(one(&c, q(MIN ",'aliases':['a','b','c']}"), &lim), SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "(the limit 'record_values')"));
	assert_int_equal(c.advisories, 0);
	ss_buf_release(&c.rows);
}

/* ---- files on disk -------------------------------------------------------- */

static char tmp[64];

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static int tmp_setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/ss-osv-XXXXXX");
	return mkdtemp(tmp) ? 0 : -1;
}

static int tmp_teardown(void **state)
{
	(void)state;
	return nftw(tmp, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *in_tmp(const char *name)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, 256, "%s/%s", tmp, name);
	return p;
}

static void put(const char *name, const char *text)
{
	FILE *f = fopen(in_tmp(name), "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int import(rec *c, const char *path, const ss_import_limits *lim, json_t **info)
{
	json_t *i = json_object();
	int error;

	error = ss_format_osv(&c->sink, path, lim, i);
	if (info)
		*info = i;
	else
		json_decref(i);
	return error;
}

static void counts_are(const json_t *info, int records, int affected, int withdrawn, int skipped)
{
	const json_t *counts = json_object_get(info, "counts");

	assert_string_equal(ss_js(info, "name"), "OSV");
	assert_int_equal(ss_ji(counts, "record"), records);
	assert_int_equal(ss_ji(counts, "affected"), affected);
	assert_int_equal(ss_ji(counts, "withdrawn"), withdrawn);
	assert_int_equal(ss_ji(counts, "skipped"), skipped);
}

#define REC(id, mod) "{\"id\":\"" id "\",\"modified\":\"" mod "\"}"

static void directory_walk(void **state)
{
	json_t *info = NULL;
	rec c;

	(void)state;
	rec_init(&c);
	assert_int_equal(mkdir(in_tmp("d"), 0700), 0);
	assert_int_equal(mkdir(in_tmp("d/b"), 0700), 0);
	assert_int_equal(mkdir(in_tmp("d/b/c"), 0700), 0);
	assert_int_equal(mkdir(in_tmp("elsewhere"), 0700), 0);
	put("d/z.json", REC("Z-1", "2024-01-01T00:00:00Z"));
	put("d/a.json", REC("A-1", "2025-01-01T00:00:00Z"));
	put("d/b/c/m.json", REC("M-1", "2023-01-01T00:00:00Z"));
	put("d/b/README.md", "not a record");
	put("elsewhere/e.json", REC("E-1", "2026-01-01T00:00:00Z"));
	/* links are never followed: neither to a file nor to a directory */
	assert_int_equal(symlink(in_tmp("elsewhere/e.json"), in_tmp("d/link.json")), 0);
	assert_int_equal(symlink(in_tmp("elsewhere"), in_tmp("d/linkdir")), 0);
	assert_ok(import(&c, in_tmp("d"), NULL, &info));
	counts_are(info, 3, 0, 0, 3);
	assert_string_equal(ss_js(info, "version"), "2025-01-01T00:00:00Z");
	/* name order: a.json, b/ (its c/m.json), z.json */
	assert_string_equal(c.rows.ptr, "A A-1|[]|-|2025-01-01T00:00:00Z|-|[]|[]|[]\n"
					"A M-1|[]|-|2023-01-01T00:00:00Z|-|[]|[]|[]\n"
					"A Z-1|[]|-|2024-01-01T00:00:00Z|-|[]|[]|[]\n");
	json_decref(info);

	/* one file alone; errors name the file in the directory */
	ss_buf_clear(&c.rows);
	assert_ok(import(&c, in_tmp("d/z.json"), NULL, &info));
	counts_are(info, 1, 0, 0, 0);
	json_decref(info);
	put("d/b/c/n.json",
	    "{\"id\":\"N-1\",\"modified\":\"2023-01-01T00:00:00Z\",\"aliases\":{}}");
	assert_int_equal(import(&c, in_tmp("d"), NULL, NULL), SS_EPARSE);
	{
		char want[256];

		snprintf(want, sizeof(want),
			 "%s/d/b/c/n.json: /aliases: must be an array, not an object", tmp);
		assert_string_equal(ss_error_last(), want);
	}
	/* the same id twice in one import */
	put("d/b/c/n.json", REC("A-1", "2023-01-01T00:00:00Z"));
	assert_int_equal(import(&c, in_tmp("d"), NULL, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "n.json: /id: the id A-1 was read already"));
	/* an empty directory, and what is neither a file nor a directory */
	assert_int_equal(mkdir(in_tmp("empty"), 0700), 0);
	assert_int_equal(import(&c, in_tmp("empty"), NULL, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "holds no OSV record"));
	assert_int_equal(import(&c, "/dev/null", NULL, NULL), SS_EINVAL);
	assert_int_equal(import(&c, in_tmp("none"), NULL, NULL), SS_ENOTFOUND);
	ss_buf_release(&c.rows);
}

/* ---- zips built here ------------------------------------------------------ */

typedef struct {
	const char *name;
	char type; /* 'f' file, 'd' directory, 'l' symbolic link */
	const char *data;
	size_t zeros; /* a file of this many zero bytes instead of data */
	bool no_size; /* leave the size out of the header (a data descriptor) */
	size_t pad;   /* spaces before data */
} zent;

static size_t chunk(size_t left)
{
	return left < ((size_t)1 << 20) ? left : (size_t)1 << 20;
}

static void make_zip(const char *path, const zent *z, size_t n)
{
	struct archive *a = archive_write_new();
	static char block[1 << 20], spaces[1 << 20];
	size_t i, left;

	memset(spaces, ' ', sizeof(spaces));
	assert_non_null(a);
	assert_int_equal(archive_write_set_format_zip(a), ARCHIVE_OK);
	/* the fastest deflate: a GiB of zeros takes a fraction of the time */
	assert_int_equal(archive_write_set_options(a, "zip:compression-level=1"), ARCHIVE_OK);
	assert_int_equal(archive_write_open_filename(a, path), ARCHIVE_OK);
	for (i = 0; i < n; i++) {
		struct archive_entry *e = archive_entry_new();
		size_t len = z[i].data ? strlen(z[i].data) : 0;

		archive_entry_set_pathname(e, z[i].name);
		archive_entry_set_mtime(e, 0, 0);
		if (z[i].type == 'd') {
			archive_entry_set_filetype(e, AE_IFDIR);
			archive_entry_set_perm(e, 0755);
		} else if (z[i].type == 'l') {
			archive_entry_set_filetype(e, AE_IFLNK);
			archive_entry_set_perm(e, 0777);
			archive_entry_set_symlink(e, z[i].data);
		} else {
			archive_entry_set_filetype(e, AE_IFREG);
			archive_entry_set_perm(e, 0644);
			if (!z[i].no_size)
				archive_entry_set_size(e,
						       (la_int64_t)(z[i].zeros + z[i].pad + len));
		}
		assert_int_equal(archive_write_header(a, e), ARCHIVE_OK);
		if (z[i].type != 'f')
			len = 0;
		for (left = z[i].zeros; left; left -= chunk(left))
			assert_int_equal(archive_write_data(a, block, chunk(left)), chunk(left));
		for (left = z[i].pad; left; left -= chunk(left))
			assert_int_equal(archive_write_data(a, spaces, chunk(left)), chunk(left));
		if (len)
			assert_int_equal(archive_write_data(a, z[i].data, len), (la_ssize_t)len);
		archive_entry_free(e);
	}
	assert_int_equal(archive_write_close(a), ARCHIVE_OK);
	archive_write_free(a);
}

/* Every size "unpacked" in the zip's headers becomes 100. */
static void lie_about_sizes(const char *path)
{
	static const struct {
		const char *magic;
		size_t at;
	} fields[] = {{"PK\x01\x02", 24}, {"PK\x03\x04", 22}, {"PK\x07\x08", 12}};
	ss_buf b = SS_BUF_INIT(16 * MiB);
	size_t i, f, patched = 0;

	assert_ok(ss_file_read(&b, path, 16 * MiB));
	for (i = 0; i + 30 < b.len; i++)
		for (f = 0; f < 3; f++)
			if (memcmp(b.ptr + i, fields[f].magic, 4) == 0) {
				memcpy(b.ptr + i + fields[f].at, "\x64\0\0\0", 4);
				patched++;
			}
	assert_true(patched >= 2);
	assert_ok(ss_file_write_atomic(path, b.ptr, b.len));
	ss_buf_release(&b);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void zip_entries(void **state)
{
	const zent ok[] = {
		{"b.json", 'f', REC("B-1", "2024-01-01T00:00:00Z"), 0, false, 0},
		{"notes.txt", 'f', "not JSON", 0, false, 0},
		{"sub/", 'd', NULL, 0, false, 0},
		{"link.json", 'l', "/etc/passwd", 0, false, 0},
		{"sub/a.json", 'f', REC("A-1", "2024-02-01T00:00:00Z"), 0, true, 0},
	};
	const char *path = in_tmp("ok.zip");
	json_t *info = NULL;
	char want[256];
	rec c;

	(void)state;
	rec_init(&c);
	make_zip(path, ok, 5);
	assert_ok(import(&c, path, NULL, &info));
	counts_are(info, 2, 0, 0, 3);
	assert_string_equal(ss_js(info, "version"), "2024-02-01T00:00:00Z");
	/* the zip's own order */
	assert_string_equal(c.rows.ptr, "A B-1|[]|-|2024-01-01T00:00:00Z|-|[]|[]|[]\n"
					"A A-1|[]|-|2024-02-01T00:00:00Z|-|[]|[]|[]\n");
	json_decref(info);

	/* a malformed record names the zip, the entry and the line */
	{
		const zent bad[] = {
			{"b.json", 'f', REC("B-1", "2024-01-01T00:00:00Z"), 0, false, 0},
			{"bad.json", 'f', "{\"id\": \"C-1\",\n\"modified\": 2024}", 0, false, 0},
		};

		path = in_tmp("bad.zip");
		make_zip(path, bad, 2);
		assert_int_equal(import(&c, path, NULL, NULL), SS_EPARSE);
		snprintf(want, sizeof(want),
			 "%s: bad.json: /modified: must be a string, not a number", path);
		assert_string_equal(ss_error_last(), want);
	}
	{
		const zent bad[] = {
			{"bad.json", 'f', "{\"id\": \"C-1\",\n\"modified\": }", 0, false, 0},
		};

		path = in_tmp("bad.zip");
		make_zip(path, bad, 1);
		assert_int_equal(import(&c, path, NULL, NULL), SS_EPARSE);
		snprintf(want, sizeof(want), "%s: bad.json: line 2, column 13: ", path);
		assert_memory_equal(ss_error_last(), want, strlen(want));
	}
	/* one id twice */
	{
		const zent dup[] = {
			{"x/B-1.json", 'f', REC("B-1", "2024-01-01T00:00:00Z"), 0, false, 0},
			{"y/B-1.json", 'f', REC("B-1", "2024-03-01T00:00:00Z"), 0, false, 0},
		};

		path = in_tmp("dup.zip");
		make_zip(path, dup, 2);
		assert_int_equal(import(&c, path, NULL, NULL), SS_EPARSE);
		snprintf(want, sizeof(want),
			 "%s: y/B-1.json: /id: the id B-1 was read already in this import: an OSV "
			 "database holds each id once",
			 path);
		assert_string_equal(ss_error_last(), want);
	}
	/* a file that says it is a zip and is not one */
	put("fake.zip", "PK\x03\x04 and nothing else");
	assert_int_equal(import(&c, in_tmp("fake.zip"), NULL, NULL), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "fake.zip: not a readable zip file"));
	ss_buf_release(&c.rows);
}

static void zip_caps(void **state)
{
	ss_import_limits lim = ss_osv_limits;
	const char *path = in_tmp("bomb.zip");
	struct stat st;
	char want[256];
	double t0, t;
	rec c;

	(void)state;
	rec_init(&c);
	/* 1 GiB of zeros in one entry: about 1 MB packed; refused at once */
	{
		const zent bomb[] = {
			{"a.json", 'f', REC("A-1", "2024-01-01T00:00:00Z"), 0, false, 0},
			{"bomb.json", 'f', NULL, (size_t)1 << 30, false, 0},
		};

		make_zip(path, bomb, 2);
		assert_int_equal(stat(path, &st), 0);
		print_message("bomb: 1 GiB in %lld bytes\n", (long long)st.st_size);
		assert_true(st.st_size < 8 * 1024 * 1024);
		t0 = now();
		assert_int_equal(import(&c, path, NULL, NULL), SS_ELIMIT);
		t = now() - t0;
		snprintf(want, sizeof(want),
			 "%s: bomb.json: its header gives 1073741824 bytes unpacked, more than "
			 "4194304 (the limit 'record_bytes')",
			 path);
		assert_string_equal(ss_error_last(), want);
		print_message("bomb of 1 GiB refused in %.3f s\n", t);
		assert_true(t < 1.0);
	}
	/* headers that lie (100 bytes unpacked): refused on the bytes read */
	{
		const zent bomb[] = {
			{"bomb.json", 'f', NULL, (size_t)64 << 20, true, 0},
		};

		path = in_tmp("bomb2.zip");
		make_zip(path, bomb, 1);
		lie_about_sizes(path);
		t0 = now();
		assert_int_equal(import(&c, path, NULL, NULL), SS_ELIMIT);
		t = now() - t0;
		snprintf(want, sizeof(want),
			 "%s: bomb.json: an entry of more than 4194304 bytes unpacked (the limit "
			 "'record_bytes')",
			 path);
		assert_string_equal(ss_error_last(), want);
		assert_true(t < 1.0);
	}
	/* entries each under the record cap whose sum is too compressed */
	{
		const zent many[] = {
			{"a.json", 'f', REC("A-1", "2024-01-01T00:00:00Z"), 0, false, 3 << 20},
			{"b.json", 'f', REC("B-1", "2024-01-01T00:00:00Z"), 0, false, 3 << 20},
			{"c.json", 'f', REC("C-1", "2024-01-01T00:00:00Z"), 0, false, 3 << 20},
			{"d.json", 'f', REC("D-1", "2024-01-01T00:00:00Z"), 0, false, 3 << 20},
		};

		path = in_tmp("ratio.zip");
		make_zip(path, many, 4);
		assert_int_equal(import(&c, path, NULL, NULL), SS_ELIMIT);
		snprintf(want, sizeof(want), "%s: c.json: ", path);
		assert_memory_equal(ss_error_last(), want, strlen(want));
		assert_non_null(strstr(ss_error_last(), "more than 100 times (a zip bomb?)"));
	}
	/* the count of entries and the bytes of all */
	{
		const zent three[] = {
			{"a.json", 'f', REC("A-1", "2024-01-01T00:00:00Z"), 0, false, 0},
			{"x.txt", 'f', "x", 0, false, 0},
			{"b.json", 'f', REC("B-1", "2024-01-01T00:00:00Z"), 0, false, 0},
		};

		path = in_tmp("three.zip");
		make_zip(path, three, 3);
		lim.records = 2;
		assert_int_equal(import(&c, path, &lim, NULL), SS_ELIMIT);
		snprintf(want, sizeof(want),
			 "%s: b.json: more than 2 entries or files (the limit 'records')", path);
		assert_string_equal(ss_error_last(), want);
		lim = ss_osv_limits;
		lim.bytes = 60;
		assert_int_equal(import(&c, path, &lim, NULL), SS_ELIMIT);
		snprintf(want, sizeof(want),
			 "%s: b.json: more than 60 bytes of records in all (the limit 'bytes')",
			 path);
		assert_string_equal(ss_error_last(), want);
	}
	ss_buf_release(&c.rows);
}

/* ---- osv.dev's zips -------------------------------------------------------- */

static const char *line_of(const char *rows, const char *start, char *out, size_t n)
{
	const char *p = strstr(rows, start), *end;

	if (!p)
		return "";
	end = strchr(p, '\n');
	snprintf(out, n, "%.*s", (int)(end - p), p);
	return out;
}

static void real_go(void **state)
{
	const char *path = OSV_DATA "/Go-all.zip";
	json_t *info = NULL;
	char line[4096];
	rec c;

	(void)state;
	if (access(path, R_OK) != 0)
		skip();
	rec_init(&c);
	assert_ok(import(&c, path, NULL, &info));
	counts_are(info, 4291, 6125, 17, 0);
	assert_string_equal(ss_js(info, "version"), "0001-01-01T00:00:00Z");
	assert_int_equal(c.advisories, 4291);
	assert_int_equal(c.affected, 6125);
	/* the zip's first entry comes first */
	assert_memory_equal(c.rows.ptr, "A GO-2024-3228|", 15);
	assert_string_equal(
		line_of(c.rows.ptr, "F GO-2024-3228|Go|github.com/coder/coder/v2|", line,
			sizeof(line)),
		"F GO-2024-3228|Go|github.com/coder/coder/v2|-|[{\"events\":[{\"introduced\":"
		"\"2.3.1\"},{\"fixed\":\"2.14.4\"},{\"introduced\":\"2.15.0\"},{\"fixed\":\"2.15."
		"3\"},"
		"{\"introduced\":\"2.16.0\"},{\"fixed\":\"2.16.1\"}],\"type\":\"SEMVER\"}]|[]");
	assert_string_equal(
		line_of(c.rows.ptr, "A GO-2024-3228|", line, sizeof(line)),
		"A GO-2024-3228|[\"GHSA-wcx9-ccpj-hx3c\"]|Coder vulnerable to post-auth URL "
		"redirection to untrusted site ('Open Redirect') in github.com/coder/coder|"
		"0001-01-01T00:00:00Z|-|[]|[]|[\"https://github.com/coder/coder/security/"
		"advisories/"
		"GHSA-wcx9-ccpj-hx3c\",\"https://github.com/coder/coder/commit/"
		"69c1d981e3131e50d52b01f6a360abadaad699e6\"]");
	json_decref(info);
	ss_buf_release(&c.rows);
}

static void real_crates(void **state)
{
	const char *path = OSV_DATA "/crates.io-all.zip";
	json_t *info = NULL;
	char line[4096];
	rec c;

	(void)state;
	if (access(path, R_OK) != 0)
		skip();
	rec_init(&c);
	assert_ok(import(&c, path, NULL, &info));
	counts_are(info, 1206, 1206, 13, 0);
	assert_string_equal(ss_js(info, "version"), "2026-08-21T06:28:40Z");
	assert_string_equal(
		line_of(c.rows.ptr, "A RUSTSEC-2023-0090|", line, sizeof(line)),
		"A RUSTSEC-2023-0090|[\"CVE-2023-26489\",\"GHSA-ff4p-7xrq-q5r8\"]|Guest-controlled "
		"out-of-bounds read/write on "
		"x86\\_64|2025-05-02T08:23:27Z|-|[{\"type\":\"CVSS_V3\","
		"\"vector\":\"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H\"}]|[]|[\"https://"
		"crates.io/crates/wasmtime\",\"https://rustsec.org/advisories/"
		"RUSTSEC-2023-0090.html\","
		"\"https://github.com/bytecodealliance/wasmtime/security/advisories/"
		"GHSA-ff4p-7xrq-q5r8\"]");
	assert_string_equal(
		line_of(c.rows.ptr, "F RUSTSEC-2023-0090|", line, sizeof(line)),
		"F RUSTSEC-2023-0090|crates.io|wasmtime|pkg:cargo/wasmtime|[{\"events\":"
		"[{\"introduced\":\"0.0.0-0\"},{\"fixed\":\"4.0.1\"},{\"introduced\":"
		"\"5.0.0\"},{\"fixed\":\"5.0.1\"},{\"introduced\":\"6.0.0\"},{\"fixed\":"
		"\"6.0.1\"}],\"type\":\"SEMVER\"}]|[]");
	json_decref(info);
	ss_buf_release(&c.rows);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(record_rows),
		cmocka_unit_test(record_refusals),
		cmocka_unit_test(record_limits),
		cmocka_unit_test_setup_teardown(directory_walk, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(zip_entries, tmp_setup, tmp_teardown),
		cmocka_unit_test_setup_teardown(zip_caps, tmp_setup, tmp_teardown),
		cmocka_unit_test(real_go),
		cmocka_unit_test(real_crates),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
