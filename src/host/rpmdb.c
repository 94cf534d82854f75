/*
 * The RPM database (rpm 4.16 and later, lib/backend/sqlite.c): a SQLite
 * file whose table Packages holds one row per installed package, hnum and
 * blob, the blob being the package's header. The file comes from a tree
 * that may be hostile, so it is never opened as a file: its bytes are read
 * through the root (bounded, no link out), handed to SQLite as a read-only
 * in-memory database (sqlite3_deserialize), with the schema untrusted and
 * the defensive flag set, and every blob is parsed by formats/rpmhdr.c,
 * which trusts none of its counts.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/rpmhdr.h"
#include "host/rpmdb.h"
#include "secspec/common.h"
#include "util/i18n.h"
#include "util/util.h"
#include "util/banned.h"

void ss_rpmdb_release(ss_rpmdb *db)
{
	for (size_t i = 0; db && i < db->n; i++) {
		free(db->p[i].name);
		free(db->p[i].version);
		free(db->p[i].release);
		free(db->p[i].arch);
	}
	if (db) {
		free(db->p);
		db->p = NULL;
		db->n = 0;
	}
}

static int add(ss_rpmdb *db, size_t *cap, const ss_rpmhdr *h)
{
	ss_rpm_pkg *p;

	if (db->n == *cap) {
		size_t n = *cap ? *cap * 2 : 64;
		ss_rpm_pkg *grown = realloc(db->p, n * sizeof(*grown));

		if (!grown)
			return ss_error_set(SS_ENOMEM, "out of memory");
		db->p = grown;
		*cap = n;
	}
	p = &db->p[db->n];
	memset(p, 0, sizeof(*p));
	p->name = strdup(h->name);
	p->version = strdup(h->version);
	p->release = strdup(h->release);
	p->arch = strdup(h->arch);
	p->has_epoch = h->has_epoch;
	p->epoch = h->epoch;
	db->n++;
	if (!p->name || !p->version || !p->release || !p->arch)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

/* SQLite's own bytes start so; bytes 18 and 19 are its write and read
 * format versions, 2 for a database in WAL mode (rpm's). */
static const char sqlite_magic[16] = "SQLite format 3";

/* what is marked with N_() */
static int sql_error(sqlite3 *db, const char *what)
{
	return ss_error_set(SS_EPARSE, "%s: %s: %s", SS_RPMDB_PATH, _(what),
			    db ? sqlite3_errmsg(db) : "out of memory");
}

static int read_packages(ss_rpmdb *out, sqlite3 *db)
{
	sqlite3_stmt *q = NULL;
	size_t cap = 0;
	int rc, error = 0;

	if (sqlite3_prepare_v2(db, "SELECT hnum, blob FROM Packages ORDER BY hnum", -1, &q, NULL) !=
	    SQLITE_OK)
		return sql_error(db, N_("no Packages table"));
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(q, 1);
		int len = sqlite3_column_bytes(q, 1);
		char what[128];
		ss_rpmhdr h;

		snprintf(what, sizeof(what), "%s Packages row %lld", SS_RPMDB_PATH,
			 (long long)sqlite3_column_int64(q, 0));
		if (out->n == SS_RPMDB_PACKAGES_MAX) {
			error = ss_error_set(SS_ELIMIT, "%s: more than %d packages", SS_RPMDB_PATH,
					     SS_RPMDB_PACKAGES_MAX);
			break;
		}
		if ((error = ss_rpmhdr_parse(&h, blob, len > 0 ? (size_t)len : 0, what)) < 0 ||
		    (error = add(out, &cap, &h)) < 0)
			break;
	}
	if (error == 0 && rc != SQLITE_DONE)
		error = sql_error(db, N_("cannot be read"));
	sqlite3_finalize(q);
	return error;
}

int ss_rpmdb_load(ss_rpmdb *out, ss_rootfs *r)
{
	ss_rootfs_st st;
	unsigned char *bytes = NULL;
	char *buf = NULL;
	size_t len = 0;
	sqlite3 *db = NULL;
	int error;

	memset(out, 0, sizeof(*out));
	if ((error = ss_rootfs_read(r, SS_RPMDB_PATH, SS_RPMDB_FILE_MAX, &buf, &len)) < 0) {
		if (error == SS_ENOTFOUND && ss_rootfs_stat(r, "/var/lib/rpm/Packages", &st) == 0)
			return ss_error_set(SS_EPARSE,
					    "/var/lib/rpm/Packages: a Berkeley DB RPM database "
					    "(RHEL 8 and older), which is not read; only "
					    "rpmdb.sqlite (RHEL 9 and later) is");
		return error;
	}
	/* changes not yet copied into the file would be missed */
	if (ss_rootfs_stat(r, SS_RPMDB_PATH "-wal", &st) == 0 && st.size > 0) {
		free(buf);
		return ss_error_set(SS_EPARSE,
				    "%s-wal: the database has changes not written to it yet "
				    "(rpm -qa on the host writes them)",
				    SS_RPMDB_PATH);
	}
	if (len < 100 || memcmp(buf, sqlite_magic, sizeof(sqlite_magic)) != 0) {
		free(buf);
		return ss_error_set(SS_EPARSE, "%s: not a SQLite database", SS_RPMDB_PATH);
	}
	/* SQLite owns what it deserializes with FREEONCLOSE: its allocator */
	if (!(bytes = sqlite3_malloc64(len))) {
		free(buf);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	memcpy(bytes, buf, len);
	free(buf);
	/* an in-memory database has no WAL: read it as a rollback-journal one */
	if (bytes[18] == 2)
		bytes[18] = 1;
	if (bytes[19] == 2)
		bytes[19] = 1;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_PRIVATECACHE,
			    NULL) != SQLITE_OK) {
		sqlite3_free(bytes);
		error = sql_error(db, N_("cannot be opened"));
		goto out;
	}
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_VIEW, 0, NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, (int)SS_RPMDB_HEADER_MAX);
	if (sqlite3_deserialize(db, "main", bytes, (sqlite3_int64)len, (sqlite3_int64)len,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) !=
	    SQLITE_OK) {
		error = sql_error(db, N_("cannot be opened"));
		goto out;
	}
	if (sqlite3_exec(db, "PRAGMA query_only = 1; PRAGMA cell_size_check = 1", NULL, NULL,
			 NULL) != SQLITE_OK) {
		error = sql_error(db, N_("cannot be opened"));
		goto out;
	}
	error = read_packages(out, db);
out:
	sqlite3_close(db);
	if (error < 0)
		ss_rpmdb_release(out);
	return error;
}

const ss_rpm_pkg *ss_rpmdb_find(const ss_rpmdb *db, const char *name)
{
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; i < db->n; i++)
		if (strcmp(db->p[i].name, name) == 0)
			return &db->p[i];
	/* name.arch: a name may hold dots itself, so only after no exact match */
	for (size_t i = 0; dot && i < db->n; i++) {
		size_t n = (size_t)(dot - name);

		if (strlen(db->p[i].name) == n && strncmp(db->p[i].name, name, n) == 0 &&
		    strcmp(db->p[i].arch, dot + 1) == 0)
			return &db->p[i];
	}
	return NULL;
}
