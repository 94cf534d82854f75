/*
 * secspec: opening the store.
 *
 * A store is one database (SQLite file by default). It holds the catalog
 * versions, every project's event log and the state tables projected from
 * it. The store is not thread-safe: use one per thread.
 */
#ifndef SECSPEC_STORE_H
#define SECSPEC_STORE_H

#include "secspec/common.h"

typedef struct ss_store ss_store;

/** Schema version this build writes. */
#define SS_SCHEMA_VERSION 10

/**
 * Open the database that url names: "sqlite:PATH" (also "sqlite://PATH",
 * so "sqlite:///abs/path"), or a plain file path, which means SQLite. Any
 * other "SCHEME://..." fails with SS_EINVAL: that backend is not built in.
 * With create, a missing file is created (the schema is not: call
 * ss_store_init). The caller frees with ss_store_free.
 */
int ss_store_open(ss_store **out, const char *url, int create);
void ss_store_free(ss_store *st);

/**
 * Create the schema or migrate it to SS_SCHEMA_VERSION, in one transaction.
 * A database written by a newer secspec is refused (SS_ECONFLICT).
 */
int ss_store_init(ss_store *st);

/** Fails with SS_ENOTFOUND when the database has no secspec schema. */
int ss_store_check(ss_store *st);

/**
 * Check that the state tables of a project are the projection of its log:
 * built from the log's head (seq and hash) and not changed since by other
 * means than secspec's write path. Commands that make a document from the
 * state (lint, render) call it first. SS_ECORRUPT, with a message naming
 * 'secspec log replay PROJECT --repair', when they are not; SS_ENOTFOUND
 * for an unknown project.
 */
int ss_store_check_state(ss_store *st, const char *project);

/**
 * Durability of commits through st: with each_commit (the default of
 * secspec serve), every commit is on disk when it returns (one flush per
 * commit); without, commits reach the disk at the next ss_store_sync, which
 * a server calls before it acknowledges a change, so that concurrent
 * changes share one flush (group commit). The command line's default is
 * neither: a commit survives the process being killed, and the disk's own
 * flush (docs/internals/store.md).
 */
int ss_store_set_durability(ss_store *st, int each_commit);
/** Make every commit made so far, by any connection to the database, durable. */
int ss_store_sync(ss_store *st);
#endif
