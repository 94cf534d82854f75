/* The SQLite backend: one connection, WAL, a busy timeout, a statement cache. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "secspec/common.h"
#include "secspec/sys/store_backend.h"
#include "util/i18n.h"
#include "util/banned.h"

/* Prepared statements, one per SQL string literal of the program (compared
 * by address). Never evicted: the literals are bounded by the code, and a
 * statement may still be stepping in an outer loop when another is needed. */
struct cached {
	const char *sql;
	sqlite3_stmt *stmt;
};

typedef struct {
	ss_store_backend base;
	sqlite3 *db;
	char *path;
	struct cached *cache;
	size_t ncache, acache;
} sqlite_backend;

/* what: an English noun phrase marked with N_(), translated here */
static int db_error(sqlite_backend *b, int rc, const char *what)
{
	int code = SS_EDB;

	what = _(what);
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return ss_error_set(SS_EBUSY,
				    "%s: the database %s is locked by another process; retry "
				    "when it has finished (%s)",
				    what, b->path, sqlite3_errmsg(b->db));
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
		code = SS_ECORRUPT;
	if (rc == SQLITE_CONSTRAINT)
		code = SS_ECONFLICT;
	if (rc == SQLITE_NOMEM)
		code = SS_ENOMEM;
	if (rc == SQLITE_FULL || rc == SQLITE_IOERR || rc == SQLITE_READONLY ||
	    rc == SQLITE_CANTOPEN)
		code = SS_EIO;
	return ss_error_set(code, "%s: %s: %s", what, b->path, sqlite3_errmsg(b->db));
}

static int be_exec(ss_store_backend *be, const char *sql)
{
	sqlite_backend *b = (sqlite_backend *)be;
	int rc = sqlite3_exec(b->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : db_error(b, rc, N_("database"));
}

/* BEGIN IMMEDIATE takes the write lock now, so that a second writer waits
 * (busy timeout) and then fails at its start rather than half-way. A read
 * is a deferred transaction: in WAL mode one snapshot from its first read. */
static int be_begin(ss_store_backend *be, ss_txn_kind kind)
{
	return be_exec(be, kind == SS_TXN_WRITE ? "BEGIN IMMEDIATE" : "BEGIN");
}

static int be_commit(ss_store_backend *be)
{
	return be_exec(be, "COMMIT");
}

static int be_rollback(ss_store_backend *be)
{
	sqlite_backend *b = (sqlite_backend *)be;

	/* after some errors SQLite has already rolled back */
	if (sqlite3_get_autocommit(b->db))
		return 0;
	return be_exec(be, "ROLLBACK");
}

static int be_has_table(int *out, ss_store_backend *be, const char *name)
{
	sqlite_backend *b = (sqlite_backend *)be;
	sqlite3_stmt *stmt = NULL;
	int rc;

	rc = sqlite3_prepare_v2(b->db,
				"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
				-1, &stmt, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_bind_text(stmt, 1, name, -1, SQLITE_STATIC);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_ROW || rc == SQLITE_DONE) {
			*out = rc == SQLITE_ROW;
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(stmt);
	return rc == SQLITE_OK ? 0 : db_error(b, rc, N_("reading the schema"));
}

static int be_prepare(ss_stmt **out, ss_store_backend *be, const char *sql)
{
	sqlite_backend *b = (sqlite_backend *)be;
	sqlite3_stmt *stmt = NULL;
	size_t i;
	int rc;

	for (i = 0; i < b->ncache; i++) {
		if (b->cache[i].sql == sql) {
			*out = (ss_stmt *)b->cache[i].stmt;
			return 0;
		}
	}
	rc = sqlite3_prepare_v3(b->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
	if (rc != SQLITE_OK)
		return db_error(b, rc, N_("preparing a statement"));
	if (b->ncache == b->acache) {
		size_t n = b->acache ? 2 * b->acache : 64;
		struct cached *grown = realloc(b->cache, n * sizeof(*grown));

		if (!grown) {
			sqlite3_finalize(stmt);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
		b->cache = grown;
		b->acache = n;
	}
	b->cache[b->ncache].sql = sql;
	b->cache[b->ncache].stmt = stmt;
	b->ncache++;
	*out = (ss_stmt *)stmt;
	return 0;
}

static int bind_rc(ss_stmt *st, int rc)
{
	if (rc == SQLITE_OK)
		return 0;
	return ss_error_set(rc == SQLITE_TOOBIG ? SS_ELIMIT : SS_EDB, "binding a parameter: %s",
			    sqlite3_errmsg(sqlite3_db_handle((sqlite3_stmt *)st)));
}

static int be_bind_text(ss_stmt *st, int idx, const char *v, size_t len)
{
	return bind_rc(st,
		       sqlite3_bind_text((sqlite3_stmt *)st, idx, v, (int)len, SQLITE_TRANSIENT));
}

static int be_bind_int(ss_stmt *st, int idx, int64_t v)
{
	return bind_rc(st, sqlite3_bind_int64((sqlite3_stmt *)st, idx, v));
}

static int be_bind_null(ss_stmt *st, int idx)
{
	return bind_rc(st, sqlite3_bind_null((sqlite3_stmt *)st, idx));
}

static int be_bind_blob(ss_stmt *st, int idx, const void *v, size_t len)
{
	return bind_rc(st, sqlite3_bind_blob64((sqlite3_stmt *)st, idx, v, len, SQLITE_TRANSIENT));
}

static const void *be_column_blob(ss_stmt *st, int col, size_t *len)
{
	const void *p = sqlite3_column_blob((sqlite3_stmt *)st, col);

	*len = (size_t)sqlite3_column_bytes((sqlite3_stmt *)st, col);
	return p;
}

static int be_step(ss_stmt *st)
{
	sqlite3_stmt *s = (sqlite3_stmt *)st;
	sqlite3 *db = sqlite3_db_handle(s);
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return SS_STEP_ROW;
	if (rc == SQLITE_DONE)
		return SS_STEP_DONE;
	if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
		return ss_error_set(SS_EBUSY,
				    "the database is locked by another process; retry when it has "
				    "finished (%s)",
				    sqlite3_errmsg(db));
	if (rc == SQLITE_CONSTRAINT)
		return ss_error_set(SS_ECONFLICT, "database constraint: %s", sqlite3_errmsg(db));
	if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB)
		return ss_error_set(SS_ECORRUPT, "the database file is corrupt: %s",
				    sqlite3_errmsg(db));
	return ss_error_set(SS_EDB, "database: %s", sqlite3_errmsg(db));
}

static const char *be_column_text(ss_stmt *st, int col, size_t *len)
{
	const char *t = (const char *)sqlite3_column_text((sqlite3_stmt *)st, col);

	if (len)
		*len = (size_t)sqlite3_column_bytes((sqlite3_stmt *)st, col);
	return t;
}

static int64_t be_column_int(ss_stmt *st, int col)
{
	return sqlite3_column_int64((sqlite3_stmt *)st, col);
}

static int be_column_is_null(ss_stmt *st, int col)
{
	return sqlite3_column_type((sqlite3_stmt *)st, col) == SQLITE_NULL;
}

static int be_column_type(ss_stmt *st, int col)
{
	switch (sqlite3_column_type((sqlite3_stmt *)st, col)) {
	case SQLITE_NULL:
		return SS_COL_NULL;
	case SQLITE_INTEGER:
		return SS_COL_INT;
	default:
		return SS_COL_TEXT;
	}
}

static int be_column_count(ss_stmt *st)
{
	return sqlite3_column_count((sqlite3_stmt *)st);
}

static const char *be_column_name(ss_stmt *st, int col)
{
	return sqlite3_column_name((sqlite3_stmt *)st, col);
}

static void be_reset(ss_stmt *st)
{
	sqlite3_reset((sqlite3_stmt *)st);
	sqlite3_clear_bindings((sqlite3_stmt *)st);
}

static int64_t be_changes(ss_store_backend *be)
{
	return sqlite3_changes64(((sqlite_backend *)be)->db);
}

static int be_durability(ss_store_backend *be, int each_commit)
{
	return be_exec(be, each_commit ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
}

/* In WAL mode a commit is a write to the WAL file; with synchronous=NORMAL
 * it is not flushed. One flush of the WAL file makes every commit written
 * to it so far durable, whichever connection wrote it (they share the
 * file). */
static int be_sync(ss_store_backend *be)
{
	sqlite_backend *b = (sqlite_backend *)be;
	sqlite3_file *wal = NULL;
	int rc;

	rc = sqlite3_file_control(b->db, "main", SQLITE_FCNTL_JOURNAL_POINTER, &wal);
	if (rc != SQLITE_OK)
		return ss_error_set(SS_EDB, "cannot reach the write-ahead log: %s",
				    sqlite3_errstr(rc));
	if (!wal || !wal->pMethods)
		return 0; /* not opened yet: nothing was written through it */
	if ((rc = wal->pMethods->xSync(wal, SQLITE_SYNC_NORMAL)) != SQLITE_OK)
		return ss_error_set(SS_EIO, "cannot flush the write-ahead log: %s",
				    sqlite3_errstr(rc));
	return 0;
}

static void be_close(ss_store_backend *be)
{
	sqlite_backend *b = (sqlite_backend *)be;
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->ncache; i++)
		sqlite3_finalize(b->cache[i].stmt);
	free(b->cache);
	sqlite3_close(b->db);
	free(b->path);
	free(b);
}

int ss_sqlite_backend_open(ss_store_backend **out, const char *path, int create)
{
	sqlite_backend *b = NULL;
	struct stat sb;
	int rc, error = 0;

	if (!out || !path || !*path)
		return ss_error_set(SS_EINVAL,
				    "no database path given (use --db PATH or SECSPEC_DB)");
	if (!create && stat(path, &sb) != 0)
		return ss_error_set(SS_ENOTFOUND,
				    "database %s does not exist; create it with 'secspec init'",
				    path);
	if (!(b = calloc(1, sizeof(*b))) || !(b->path = strdup(path))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	b->base = (ss_store_backend){
		.name = "sqlite",
		.exec = be_exec,
		.begin = be_begin,
		.commit = be_commit,
		.rollback = be_rollback,
		.has_table = be_has_table,
		.prepare = be_prepare,
		.bind_text = be_bind_text,
		.bind_int = be_bind_int,
		.bind_null = be_bind_null,
		.bind_blob = be_bind_blob,
		.column_blob = be_column_blob,
		.step = be_step,
		.column_text = be_column_text,
		.column_int = be_column_int,
		.column_is_null = be_column_is_null,
		.column_type = be_column_type,
		.column_count = be_column_count,
		.column_name = be_column_name,
		.reset = be_reset,
		.changes = be_changes,
		.close = be_close,
		.durability = be_durability,
		.sync = be_sync,
	};
	rc = sqlite3_open_v2(path, &b->db,
			     SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) |
				     SQLITE_OPEN_NOMUTEX,
			     NULL);
	if (rc != SQLITE_OK) {
		error = ss_error_set(SS_EIO, "cannot open database %s: %s", path,
				     b->db ? sqlite3_errmsg(b->db) : sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_extended_result_codes(b->db, 0);
	{
		/* How long a writer waits for another process's transaction. */
		const char *env = getenv("SECSPEC_BUSY_TIMEOUT_MS");
		char *end = NULL;
		long ms = env ? strtol(env, &end, 10) : 5000;

		sqlite3_busy_timeout(b->db,
				     env && (*end || ms < 0 || ms > 600000) ? 5000 : (int)ms);
	}
	/* Refuse files that are not SQLite databases before anything else. */
	if ((error = be_exec(&b->base, "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; "
				       "PRAGMA synchronous=NORMAL;")) < 0)
		goto out;
	*out = &b->base;
	b = NULL;
out:
	be_close(b ? &b->base : NULL);
	return error;
}
