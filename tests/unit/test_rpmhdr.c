/* RPM package headers (formats/rpmhdr.c) and the RPM database of a root
 * tree (host/rpmdb.c): the packages of tests/data/roots/rhel9's
 * rpmdb.sqlite (made with rpm, tests/data/roots/make-rpmdb.sh), headers
 * whose counts, offsets or strings lie, and databases that are not rpm's. */
#define _GNU_SOURCE
#include <limits.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/rpmhdr.h"
#include "helpers.h"
#include "host/rootfs.h"
#include "host/rpmdb.h"

typedef struct {
	uint32_t tag, type, off, count;
} entry;

/* A header of n entries over data (len bytes), in buf; its length. */
static size_t header(unsigned char *buf, const entry *e, size_t n, const void *data, size_t len)
{
	unsigned char *p = buf;

	for (int k = 0; k < 2; k++) {
		uint32_t v = k == 0 ? (uint32_t)n : (uint32_t)len;

		*p++ = (unsigned char)(v >> 24), *p++ = (unsigned char)(v >> 16);
		*p++ = (unsigned char)(v >> 8), *p++ = (unsigned char)v;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t v[4] = {e[i].tag, e[i].type, e[i].off, e[i].count};

		for (int k = 0; k < 4; k++) {
			*p++ = (unsigned char)(v[k] >> 24), *p++ = (unsigned char)(v[k] >> 16);
			*p++ = (unsigned char)(v[k] >> 8), *p++ = (unsigned char)v[k];
		}
	}
	memcpy(p, data, len);
	return (size_t)(p - buf) + len;
}

static const char data[] = "sudo\0001.9.5p2\0009.el9\0x86_64\0\0\0\0\0\0\0\0\0\0\1";

static void headers_parse(void **state)
{
	unsigned char buf[512], magic[512] = {0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0};
	entry e[] = {{1000, 6, 0, 1},  {1001, 6, 5, 1},  {1002, 6, 13, 1},
		     {1022, 6, 19, 1}, {1003, 4, 32, 1}, {1004, 9, 0, 1}};
	ss_rpmhdr h;
	size_t n;

	(void)state;
	n = header(buf, e, 6, data, sizeof(data) - 1);
	assert_int_equal(ss_rpmhdr_parse(&h, buf, n, "h"), 0);
	assert_string_equal(h.name, "sudo");
	assert_string_equal(h.version, "1.9.5p2");
	assert_string_equal(h.release, "9.el9");
	assert_string_equal(h.arch, "x86_64");
	assert_true(h.has_epoch);
	assert_int_equal(h.epoch, 1);
	/* after the magic of a package file, the same */
	memcpy(magic + 8, buf, n);
	assert_int_equal(ss_rpmhdr_parse(&h, magic, n + 8, "h"), 0);
	assert_string_equal(h.release, "9.el9");
	/* no arch, no epoch (gpg-pubkey) */
	n = header(buf, e, 3, data, sizeof(data) - 1);
	assert_int_equal(ss_rpmhdr_parse(&h, buf, n, "h"), 0);
	assert_string_equal(h.arch, "");
	assert_false(h.has_epoch);
}

static void refused(const entry *e, size_t n, const char *d, size_t len, long adjust,
		    const char *why)
{
	unsigned char buf[512];
	size_t total = header(buf, e, n, d, len);
	ss_rpmhdr h;

	assert_int_equal(ss_rpmhdr_parse(&h, buf, (size_t)((long)total + adjust), "row 7"),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "row 7: not an RPM header"));
	assert_non_null(strstr(ss_error_last(), why));
	assert_null(h.name);
}

static void headers_that_lie(void **state)
{
	entry ok[] = {{1000, 6, 0, 1}, {1001, 6, 5, 1}, {1002, 6, 13, 1}};
	entry past[] = {{1000, 6, 0, 1}, {1001, 6, 5, 1}, {1002, 6, 400, 1}};
	entry huge[] = {{1000, 6, 0, 1}, {1001, 6, 5, 1}, {1002, 6, 0xfffffff0u, 1}};
	entry many[] = {{1000, 8, 0, 0x40000000u}, {1001, 6, 5, 1}, {1002, 6, 13, 1}};
	entry epoch[] = {{1000, 6, 0, 1}, {1001, 6, 5, 1}, {1002, 6, 13, 1}, {1003, 4, 30, 1}};
	entry twice[] = {{1000, 6, 0, 1}, {1000, 6, 5, 1}, {1001, 6, 5, 1}, {1002, 6, 13, 1}};
	entry noname[] = {{1001, 6, 5, 1}, {1002, 6, 13, 1}};
	unsigned char big[8] = {0x7f, 0xff, 0xff, 0xff, 0, 0, 0, 16};
	ss_rpmhdr h;

	(void)state;
	/* the counts must add up to the length, both ways */
	refused(ok, 3, data, sizeof(data) - 1, -1, "do not add up");
	refused(ok, 3, data, sizeof(data) - 1, +1, "do not add up");
	refused(ok, 0, data, 0, 0, "index count");
	assert_int_equal(ss_rpmhdr_parse(&h, big, sizeof(big), "row 7"), SS_EPARSE);
	assert_int_equal(ss_rpmhdr_parse(&h, big, 3, "row 7"), SS_EPARSE);
	assert_int_equal(ss_rpmhdr_parse(&h, NULL, 0, "row 7"), SS_EPARSE);
	refused(past, 3, data, sizeof(data) - 1, 0, "outside the data");
	refused(huge, 3, data, sizeof(data) - 1, 0, "outside the data");
	refused(many, 3, data, sizeof(data) - 1, 0, "not one string");
	refused(epoch, 4, data, sizeof(data) - 1, 0, "outside the data");
	refused(twice, 4, data, sizeof(data) - 1, 0, "twice");
	refused(noname, 2, data, sizeof(data) - 1, 0, "no name");
	/* a string must end inside the data: "9.el9" cut before its NUL */
	refused(ok, 3, data, 18, 0, "outside the data");
}

static void rhel9_database(void **state)
{
	ss_rootfs *r;
	ss_rpmdb db;
	const ss_rpm_pkg *p;

	(void)state;
	assert_int_equal(ss_rootfs_open(&r, SECSPEC_SOURCE_DIR "/tests/data/roots/rhel9"), 0);
	assert_int_equal(ss_rpmdb_load(&db, r), 0);
	assert_int_equal(db.n, 8);
	assert_non_null(p = ss_rpmdb_find(&db, "openssh-server"));
	assert_string_equal(p->version, "8.7p1");
	assert_string_equal(p->release, "38.el9");
	assert_string_equal(p->arch, "x86_64");
	assert_false(p->has_epoch);
	assert_non_null(p = ss_rpmdb_find(&db, "shadow-utils.x86_64"));
	assert_true(p->has_epoch);
	assert_int_equal(p->epoch, 2);
	assert_null(ss_rpmdb_find(&db, "shadow-utils.noarch"));
	assert_null(ss_rpmdb_find(&db, "telnet-server"));
	ss_rpmdb_release(&db);
	ss_rootfs_close(r);
	/* the Debian tree has none */
	assert_int_equal(ss_rootfs_open(&r, SECSPEC_SOURCE_DIR "/tests/data/roots/debian12"), 0);
	assert_int_equal(ss_rpmdb_load(&db, r), SS_ENOTFOUND);
	ss_rootfs_close(r);
}

static char dir[PATH_MAX];

static void put(const char *rel, const void *bytes, size_t len)
{
	char p[PATH_MAX * 2];
	FILE *f;

	snprintf(p, sizeof(p), "%s%s", dir, rel);
	assert_non_null(f = fopen(p, "wb"));
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	fclose(f);
}

/* A SQLite database at rel made by sql. */
static void make_db(const char *rel, const char *sql)
{
	char p[PATH_MAX * 2];
	sqlite3 *db;

	snprintf(p, sizeof(p), "%s%s", dir, rel);
	unlink(p);
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static int load(const char *why)
{
	ss_rootfs *r;
	ss_rpmdb db;
	int rc;

	assert_int_equal(ss_rootfs_open(&r, dir), 0);
	rc = ss_rpmdb_load(&db, r);
	if (why) {
		assert_int_not_equal(rc, 0);
		if (!strstr(ss_error_last(), why))
			fail_msg("'%s' lacks '%s'", ss_error_last(), why);
	}
	ss_rpmdb_release(&db);
	ss_rootfs_close(r);
	return rc;
}

static void hostile_databases(void **state)
{
	char p[PATH_MAX * 2];

	(void)state;
	snprintf(dir, sizeof(dir), "%s/rpmdb-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/var", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/var/lib", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/var/lib/rpm", dir);
	mkdir(p, 0755);
	/* an older Berkeley DB database */
	put("/var/lib/rpm/Packages", "\0\0\0\0\1\0\0\0", 8);
	assert_int_equal(load("Berkeley DB"), SS_EPARSE);
	/* not SQLite; SQLite without Packages; a blob that is not a header */
	put(SS_RPMDB_PATH,
	    "hello, I am not a database, but long enough to be read as one "
	    "and more bytes to pass a hundred of them........",
	    110);
	assert_int_equal(load("not a SQLite database"), SS_EPARSE);
	make_db(SS_RPMDB_PATH, "CREATE TABLE Other (x)");
	assert_int_equal(load("no Packages table"), SS_EPARSE);
	make_db(SS_RPMDB_PATH, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB);"
			       "INSERT INTO Packages VALUES (3, x'0000000100000000')");
	assert_int_equal(load("Packages row 3: not an RPM header"), SS_EPARSE);
	/* a database with changes still in its WAL */
	make_db(SS_RPMDB_PATH, "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY, blob BLOB)");
	assert_int_equal(load(NULL), 0);
	put(SS_RPMDB_PATH "-wal", "x", 1);
	assert_int_equal(load("not written to it yet"), SS_EPARSE);
	/* a link out of the root is not followed */
	snprintf(p, sizeof(p), "%s%s", dir, SS_RPMDB_PATH "-wal");
	unlink(p);
	snprintf(p, sizeof(p), "%s%s", dir, SS_RPMDB_PATH);
	unlink(p);
	assert_int_equal(symlink("../../../../../../../../etc/passwd", p), 0);
	assert_int_not_equal(load(NULL), 0);
	snprintf(p, sizeof(p), "rm -rf '%s'", dir);
	assert_int_equal(system(p), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(headers_parse),
		cmocka_unit_test(headers_that_lie),
		cmocka_unit_test(rhel9_database),
		cmocka_unit_test(hostile_databases),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
