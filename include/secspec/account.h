/*
 * secspec: local accounts of a deployment — the people who log in to
 * secspec serve. An account is a login name, a display name and an
 * Argon2id password hash. Accounts are the deployment's data, kept in the
 * store's account table and in no project's log: who takes part in a
 * project, in which role and with which key, is recorded and signed in
 * that project's log, never derived from an account.
 *
 * Time is a parameter (now: seconds since 1970-01-01 UTC), so throttling
 * is testable; ss_account_now reads the clock (or SECSPEC_NOW).
 */
#ifndef SECSPEC_ACCOUNT_H
#define SECSPEC_ACCOUNT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "secspec/store.h"

/** Shortest and longest password, in bytes of UTF-8. */
#define SS_PASSWORD_MIN 12
#define SS_PASSWORD_MAX 1024
/** Longest login name (letters, digits and . _ @ + -) and display name, in bytes. */
#define SS_LOGIN_MAX 64
#define SS_ACCOUNT_NAME_MAX 200
/** Failed logins in a row after which an account is locked: 1 minute, then
 * twice as long after each further failure, at most SS_LOCK_MAX seconds. */
#define SS_LOGIN_FAILURES 5
#define SS_LOCK_FIRST 60
#define SS_LOCK_MAX 3600

/** A new account. */
typedef struct {
	const char *login;    /* the login name (ss_name rules, unique whatever the case) */
	const char *name;     /* the display name (one line of text) */
	const char *password; /* checked against the policy, then only its hash is kept */
	bool admin;           /* may create accounts and reset passwords */
} ss_account_new;

/**
 * Create an account. SS_ECONFLICT when the login name is taken (in any
 * case); SS_EINVAL / SS_ELIMIT for a bad login name, display name or a
 * password against the policy (ss_account_password_check).
 */
int ss_account_add(ss_store *st, const ss_account_new *req, int64_t now);

/**
 * The password policy: SS_PASSWORD_MIN to SS_PASSWORD_MAX bytes of valid
 * UTF-8 and not the login name (in any case). The message never quotes the
 * password.
 */
int ss_account_password_check(const char *login, const char *password);

/**
 * Change an account's password. With old (a person changing their own),
 * old must be the current password: checked like a login, so a wrong one
 * counts as a failed login and gets the same SS_EPERM. With old NULL the
 * change is an administrator's reset: the caller has checked that whoever
 * asks is an administrator. A change clears the failed-login count and any
 * lock, and ends every session of the account (secspec/session.h).
 * SS_ENOTFOUND for an unknown login name when old is NULL.
 */
int ss_account_password(ss_store *st, const char *login, const char *old, const char *password,
			int64_t now);

/** Disable (or, with disabled false, enable again) an account; a disabled
 * account cannot log in, and disabling it ends its sessions. SS_ENOTFOUND
 * for an unknown login name. */
int ss_account_disable(ss_store *st, const char *login, bool disabled);

/**
 * Every account, by login name, as [{login, name, admin, disabled, created,
 * password_changed, failed_logins, locked_until}] (locked_until: a UTC
 * timestamp, or null when not locked at now). Hashes are never returned.
 * The caller frees *out with json_decref.
 */
int ss_account_list(json_t **out, ss_store *st, int64_t now);

/**
 * Check a login. 0 and *out = {login, name, admin} (the caller frees it)
 * when the password is right and the account is enabled and not locked;
 * else SS_EPERM with one message for an unknown login name, a wrong
 * password, a disabled and a locked account alike, and in about the same
 * time (an unknown name is checked against a dummy hash). After
 * SS_LOGIN_FAILURES failures in a row the account is locked (see
 * SS_LOCK_FIRST); attempts while locked are refused and not counted; a
 * success clears the count. Other codes for storage errors only.
 */
int ss_account_login(json_t **out, ss_store *st, const char *login, const char *password,
		     int64_t now);

/**
 * ss_account_login for an account that may have a second factor: code is
 * the 6-digit code of its authenticator app (RFC 6238 TOTP), required when
 * the account has one and ignored otherwise. A missing, wrong or already
 * used code is a failed login like a wrong password (the same SS_EPERM,
 * counted the same). *out also has totp (whether the account has one).
 */
int ss_account_login_code(json_t **out, ss_store *st, const char *login, const char *password,
			  const char *code, int64_t now);
/**
 * Set up a second factor: checks the password (as a login attempt), makes
 * a new key and keeps it pending; *out = {secret (base32), uri (otpauth://
 * for a QR code)} to show once. Nothing changes at login until
 * ss_account_totp_confirm receives a code made with the new key; a second
 * factor already in use stays until then.
 */
int ss_account_totp_enroll(json_t **out, ss_store *st, const char *login, const char *password,
			   int64_t now);
/** Confirm the pending key with a current code: from then on logins need a code. */
int ss_account_totp_confirm(ss_store *st, const char *login, const char *code, int64_t now);
/**
 * Remove the second factor: by the person with their password and a
 * current code, or by an administrator with both NULL (the caller has
 * checked that the one asking is one).
 */
int ss_account_totp_remove(ss_store *st, const char *login, const char *password, const char *code,
			   int64_t now);
/**
 * Read a password: the first line of the file at path (without its line
 * end), which must be a regular file of the user that group and others
 * cannot read or write (SS_EPERM otherwise). what names the file in
 * messages (the variable that named it, "SECSPEC_PASSWORD_FILE"). The
 * caller frees *out with ss_account_secret_free.
 */
int ss_account_password_read(char **out, const char *path, const char *what);

/** Overwrite a secret with zeros and free it; NULL is fine. */
void ss_account_secret_free(char *secret);

/** The time now as seconds since the epoch: SECSPEC_NOW when set (tests, demos), else the clock. */
int ss_account_now(int64_t *out);

#endif
