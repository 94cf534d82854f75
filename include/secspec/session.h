/*
 * secspec: server-side sessions of logged-in accounts, for secspec serve.
 * A session starts after a successful ss_account_login and is known by a
 * random token (SS_SESSION_TOKEN_LEN hex characters) that the caller hands
 * to the browser once, in a cookie; the store keeps only its SHA-256, so a
 * copy of the database opens no session. Each session has a CSRF token of
 * its own (a synchronizer token) that every state-changing request must
 * carry. Time is a parameter (now: seconds since 1970-01-01 UTC), as in
 * secspec/account.h. See docs/internals/accounts.md, "Sessions".
 */
#ifndef SECSPEC_SESSION_H
#define SECSPEC_SESSION_H

#include <jansson.h>
#include <stdint.h>

#include "secspec/store.h"

/** Lengths of a session token and a CSRF token: 32 random bytes as lowercase hex. */
#define SS_SESSION_TOKEN_LEN 64
#define SS_SESSION_CSRF_LEN 64
/** A session ends 12 hours after it started, or after 30 minutes without a request. */
#define SS_SESSION_LIFETIME (12 * 3600)
#define SS_SESSION_IDLE (30 * 60)
/** last_seen is written at most this often (seconds). */
#define SS_SESSION_TOUCH 60
/** Live sessions per account; starting one more ends the oldest. */
#define SS_SESSION_MAX 20
/** Longest note of the browser (user agent) kept with a session, in bytes. */
#define SS_SESSION_AGENT_MAX 200

/**
 * Start a session for login, whose password the caller has just checked
 * with ss_account_login. Writes the session token to out_token and its
 * CSRF token to out_csrf (each NUL-terminated); neither is stored, and they
 * cannot be read back. agent (optional, NULL for none) is a note of the
 * browser, one line of at most SS_SESSION_AGENT_MAX bytes. Expired sessions
 * are removed, and the account's oldest beyond SS_SESSION_MAX ended.
 * SS_ENOTFOUND for an unknown login name, SS_EPERM for a disabled account.
 */
int ss_session_start(char out_token[SS_SESSION_TOKEN_LEN + 1],
		     char out_csrf[SS_SESSION_CSRF_LEN + 1], ss_store *st, const char *login,
		     const char *agent, int64_t now);

/**
 * Check a session token. 0 and *out = {login, name, admin, created,
 * expires} (times as UTC timestamps; the caller frees it) while the session
 * is live; else SS_EPERM with one message for an unknown or malformed
 * token, a session past its absolute or idle limit, an ended one and one
 * whose account is disabled or removed. Records the request time (at most
 * once every SS_SESSION_TOUCH seconds).
 */
int ss_session_check(json_t **out, ss_store *st, const char *token, int64_t now);

/**
 * Check the CSRF token of a state-changing request: 0 when the session is
 * live (as ss_session_check) and csrf is that session's CSRF token,
 * compared in constant time; SS_EPERM otherwise.
 */
int ss_session_csrf_check(ss_store *st, const char *token, const char *csrf, int64_t now);

/**
 * The CSRF token of a live session, for the holder of its token (a page
 * that carries it for its script). SS_EPERM as ss_session_check otherwise.
 */
int ss_session_csrf(char out[SS_SESSION_CSRF_LEN + 1], ss_store *st, const char *token,
		    int64_t now);
/** End a session (log out). Ending an unknown or ended session does nothing. */
int ss_session_end(ss_store *st, const char *token);

/** End every session of an account (done by ss_account_password and ss_account_disable). */
int ss_session_end_all(ss_store *st, const char *login);

#endif
