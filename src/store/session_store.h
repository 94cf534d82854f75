/* The session table (schema 6): the sessions of logged-in accounts.
 * src/core/session.c decides; this file only reads and writes rows, with
 * bound parameters. A session's id is the SHA-256 (hex) of its token. */
#ifndef SS_SESSION_STORE_H
#define SS_SESSION_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

int ss_sstore_insert(ss_store *st, const char *id, const char *login, int64_t created,
		     int64_t expires, int64_t idle, const char *csrf_seed, const char *agent);
/* {id, login, created, last_seen, expires, idle, csrf_seed, agent};
 * SS_ENOTFOUND without a message when there is none. */
int ss_sstore_get(json_t **out, ss_store *st, const char *id);
int ss_sstore_touch(ss_store *st, const char *id, int64_t last_seen);
int ss_sstore_delete(ss_store *st, const char *id);
/* End every session of login. */
int ss_sstore_delete_login(ss_store *st, const char *login);
/* Drop the sessions that have expired at now (absolute or idle). */
int ss_sstore_delete_expired(ss_store *st, int64_t now);
/* End login's oldest sessions so that at most keep remain. */
int ss_sstore_trim(ss_store *st, const char *login, int64_t keep);

#endif
