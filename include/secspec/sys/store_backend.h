/*
 * secspec: the storage backend interface.
 *
 * libsecspec writes all of its SQL in one portable dialect with numbered
 * placeholders (?1, ?2 ...) and runs it through this table. The SQLite
 * backend is built in; a PostgreSQL backend (not built yet) would implement
 * the same table with libpq (translating ?N to $N). docs/internals/store.md
 * says what each operation must guarantee. A backend keeps prepared
 * statements cached per connection and keeps the driver's own error message.
 */
#ifndef SECSPEC_SYS_STORE_BACKEND_H
#define SECSPEC_SYS_STORE_BACKEND_H

#include <stddef.h>
#include <stdint.h>

typedef struct ss_store_backend ss_store_backend;
typedef struct ss_stmt ss_stmt;

/** Result of ss_store_backend.step. */
enum { SS_STEP_DONE = 0, SS_STEP_ROW = 1 };
/** Result of ss_store_backend.column_type. */
enum { SS_COL_NULL = 0, SS_COL_INT = 1, SS_COL_TEXT = 2 };
/** Kind of transaction for ss_store_backend.begin. */
typedef enum {
	/** One consistent snapshot for reading; writes are not expected. */
	SS_TXN_READ = 0,
	/** A write transaction that holds the database's write lock (or the
	 *  backend's equivalent) from its start, so that a second writer waits
	 *  or fails with SS_EBUSY at begin rather than half-way. */
	SS_TXN_WRITE = 1,
} ss_txn_kind;

struct ss_store_backend {
	/** The URL scheme this backend serves ("sqlite"). */
	const char *name;
	/** Run SQL without results or parameters: schema statements only
	 *  (CREATE, ALTER, DROP), several separated by ';'. 0 or SS_E*. */
	int (*exec)(ss_store_backend *be, const char *sql);
	/** Start a transaction of the given kind. 0, SS_EBUSY when another
	 *  writer holds the lock past the backend's wait, or SS_E*. */
	int (*begin)(ss_store_backend *be, ss_txn_kind kind);
	/** Make the open transaction's changes durable and visible. */
	int (*commit)(ss_store_backend *be);
	/** Abandon the open transaction's changes. Must succeed when the
	 *  connection is still usable; the caller ignores a failure. */
	int (*rollback)(ss_store_backend *be);
	/** A prepared statement for sql, cached by the address of sql: sql must be
	 *  a string literal (static storage, never reused for other text).
	 *  Borrowed until close. */
	int (*prepare)(ss_stmt **out, ss_store_backend *be, const char *sql);
	int (*bind_text)(ss_stmt *st, int idx, const char *v, size_t len);
	int (*bind_int)(ss_stmt *st, int idx, int64_t v);
	int (*bind_null)(ss_stmt *st, int idx);
	int (*bind_blob)(ss_stmt *st, int idx, const void *v, size_t len);
	/** SS_STEP_ROW, SS_STEP_DONE or a negative SS_E* code (a unique or
	 *  primary key violation is SS_ECONFLICT). */
	int (*step)(ss_stmt *st);
	/** Column values of the current row; text is borrowed until the next step. */
	const char *(*column_text)(ss_stmt *st, int col, size_t *len);
	int64_t (*column_int)(ss_stmt *st, int col);
	const void *(*column_blob)(ss_stmt *st, int col, size_t *len);
	int (*column_is_null)(ss_stmt *st, int col);
	int (*column_type)(ss_stmt *st, int col);
	int (*column_count)(ss_stmt *st);
	const char *(*column_name)(ss_stmt *st, int col);
	/** Finish with a statement: reset and clear its bindings. */
	void (*reset)(ss_stmt *st);
	/** Rows changed by the last INSERT, UPDATE or DELETE. */
	int64_t (*changes)(ss_store_backend *be);
	/** Whether the schema has a table of this name: *out 1 or 0. */
	int (*has_table)(int *out, ss_store_backend *be, const char *name);
	void (*close)(ss_store_backend *be);
	/** Durability of commits: with each_commit, a commit is on disk when
	 *  it returns; without, it reaches the disk at the next sync (group
	 *  commit: the caller syncs before it acknowledges). */
	int (*durability)(ss_store_backend *be, int each_commit);
	/** Make every commit made so far (by any connection) durable. */
	int (*sync)(ss_store_backend *be);
};

/**
 * Open the SQLite backend on a file path (not a URL); create says whether a
 * missing file may be created. The caller closes with be->close(be).
 */
int ss_sqlite_backend_open(ss_store_backend **out, const char *path, int create);

#endif
