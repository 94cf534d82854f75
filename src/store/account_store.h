/* The account table: local accounts of a deployment (schema 5). Accounts
 * are not in any project's log; src/core/account.c decides, this file only
 * reads and writes rows. Login names compare without regard to case. */
#ifndef SS_ACCOUNT_STORE_H
#define SS_ACCOUNT_STORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/store.h"

/* Insert an account; SS_ECONFLICT when the login name is taken. */
int ss_astore_insert(ss_store *st, const char *login, const char *name, const char *hash,
		     const char *created, bool is_admin);
/* The whole row, hash included: {login, name, password, created, disabled,
 * is_admin, failed_logins, locked_until, password_changed}. SS_ENOTFOUND
 * without a message when there is none. */
int ss_astore_get(json_t **out, ss_store *st, const char *login);
/* Every account without its hash, by login name. */
int ss_astore_list(json_t **out, ss_store *st);
int ss_astore_set_password(ss_store *st, const char *login, const char *hash, const char *changed);
int ss_astore_set_disabled(ss_store *st, const char *login, bool disabled);
/* The throttling columns after a login attempt. */
int ss_astore_set_failures(ss_store *st, const char *login, int64_t failed, int64_t locked_until);

/* The second factor's keys (hex; NULL clears), and the last time step used
 * reset to 0. */
int ss_astore_set_totp(ss_store *st, const char *login, const char *secret, const char *pending);
/* Record that a code of time step step was used: *fresh false when a code
 * of that step or a later one was accepted before (a replay). One
 * statement, so that two logins at once cannot both use the same code. */
int ss_astore_use_totp_step(ss_store *st, const char *login, int64_t step, bool *fresh);

#endif
