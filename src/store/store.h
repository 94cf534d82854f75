/* Internal store API: the store handle and its transactions (store.c) and a
 * small bound-parameter query helper (query.c). Only src/store/ writes SQL. */
#ifndef SS_STORE_INTERNAL_H
#define SS_STORE_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "secspec/store.h"
#include "secspec/sys/store_backend.h"

struct ss_key;
struct ss_tile_state;

struct ss_store {
	ss_store_backend *be;
	int in_txn;
	const struct ss_key *signer;  /* borrowed: signs the changes made through this store */
	struct ss_proposal *proposal; /* borrowed: or changes are proposed to a remote signer */
	struct ss_tile_state *tiles;  /* the Merkle tree's right edge while appending */
	/* the project this write transaction appends to, and its head before
	 * the first append (the old value of the head's compare-and-swap) */
	int64_t append_pid, append_base;
};

/* Split a database URL: "sqlite:PATH", "sqlite://PATH", "SCHEME://..." or a
 * plain path (scheme "sqlite"). scheme gets the lower-case scheme, *rest
 * the part after it (borrowed from url). */
int ss_store__parse_url(char *scheme, size_t n, const char **rest, const char *url);

/* The right edge kept while appending (src/store/tiles.c); forgotten at
 * every transaction's start and end, so another process's appends are seen. */
void ss__tiles_forget(ss_store *st);
void ss__tiles_free(ss_store *st);

/* A write transaction: the backend takes the write lock now, so a writer
 * fails early and cleanly rather than half-way. */
int ss_store__begin(ss_store *st);
int ss_store__commit(ss_store *st);
void ss_store__rollback(ss_store *st);
/* A read transaction: one consistent snapshot for a whole read command. */
int ss_store__begin_read(ss_store *st);
/* Begin a read snapshot unless a transaction is already open; *began says
 * whether ss_store__read_end must end it. */
int ss_store__read_snapshot(ss_store *st, bool *began);
void ss_store__read_end(ss_store *st, bool began);

/*
 * Queries. sql must be a string literal (statements are cached by address).
 * types has one character per parameter, bound to ?1, ?2 ... in order:
 *   't' const char * (NULL binds NULL), 'i' int64_t, 'n' nothing, binds NULL.
 */
typedef struct {
	ss_store *st;
	ss_stmt *stmt;
} ss_query;

int ss_q_exec(ss_store *st, const char *sql, const char *types, ...);
int ss_q_open(ss_query *q, ss_store *st, const char *sql, const char *types, ...);
/* 1 for a row, 0 at the end, < 0 on error. */
int ss_q_next(ss_query *q);
const char *ss_q_text(ss_query *q, int col);
/* A BLOB column, borrowed until the next step; and binding one after open
 * (give 'n' for it in types). */
const void *ss_q_blob(ss_query *q, int col, size_t *len);
int ss_q_bind_blob(ss_query *q, int idx, const void *data, size_t len);
int64_t ss_q_int(ss_query *q, int col);
int ss_q_is_null(ss_query *q, int col);
/* The current row as an object of column name -> string / integer / null. */
json_t *ss_q_row(ss_query *q);
void ss_q_close(ss_query *q);
int64_t ss_q_changes(ss_store *st);

/* Take the first row of rows, which is consumed; SS_ENOTFOUND (no message)
 * when there is none. */
int ss_q_first(json_t **out, json_t *rows);

/* All rows of a query as an array of row objects. */
int ss_q_all(json_t **out, ss_store *st, const char *sql, const char *types, ...);

#endif
