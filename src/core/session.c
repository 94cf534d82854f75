/* Server-side sessions of logged-in accounts (docs/internals/accounts.md,
 * "Sessions"). The token is 32 bytes from the CSPRNG, given to the caller
 * once as hex; the store keeps its SHA-256 only. The CSRF token is derived
 * from the token and a per-session seed, so it is tied to the session and,
 * like the token, not stored. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include "secspec/account.h"
#include "secspec/session.h"
#include "store/account_store.h"
#include "store/session_store.h"
#include "util/util.h"
#include "util/banned.h"

#define TOKEN_BYTES 32
#define SEED_BYTES 16
/* Mixed into the CSRF token so that it is never the HMAC of anything else. */
#define CSRF_LABEL "secspec session csrf v1 "

/* The one answer to every session that is not live, whatever the reason. */
static int session_refused(void)
{
	return ss_error_set(SS_EPERM, "the session is not valid: it is unknown, has expired or "
				      "ended, or its account is disabled; log in again");
}

static int utc_text(char out[SS_TIME_MAX], int64_t t64)
{
	time_t t = (time_t)t64;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, SS_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return ss_error_set(SS_EINVAL, "time %lld is out of range", (long long)t64);
	return 0;
}

/* The raw bytes of a well-formed token, and the row id it is stored under. */
static int token_parse(uint8_t raw[TOKEN_BYTES], char id[SS_SHA256_HEX], const char *token)
{
	if (!token || strnlen(token, SS_SESSION_TOKEN_LEN + 1) != SS_SESSION_TOKEN_LEN ||
	    ss_hex_decode(raw, TOKEN_BYTES, token) < 0)
		return session_refused();
	ss_sha256_hex(id, token, SS_SESSION_TOKEN_LEN);
	return 0;
}

/* The CSRF token of the session with this token and seed:
 * hex(HMAC-SHA256(token bytes, CSRF_LABEL || seed)). */
static int csrf_derive(char out[SS_SESSION_CSRF_LEN + 1], const uint8_t raw[TOKEN_BYTES],
		       const char *seed)
{
	char msg[sizeof(CSRF_LABEL) + 2 * SEED_BYTES];
	uint8_t mac[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	int n;

	n = snprintf(msg, sizeof(msg), "%s%s", CSRF_LABEL, seed);
	if (n < 0 || (size_t)n >= sizeof(msg) ||
	    !HMAC(EVP_sha256(), raw, TOKEN_BYTES, (const uint8_t *)msg, (size_t)n, mac, &len) ||
	    len != SS_SESSION_CSRF_LEN / 2)
		return ss_error_set(SS_ERROR, "deriving the session's CSRF token failed");
	ss_hex_encode(out, mac, len);
	OPENSSL_cleanse(mac, sizeof(mac));
	return 0;
}

int ss_session_start(char out_token[SS_SESSION_TOKEN_LEN + 1],
		     char out_csrf[SS_SESSION_CSRF_LEN + 1], ss_store *st, const char *login,
		     const char *agent, int64_t now)
{
	uint8_t raw[TOKEN_BYTES], seed_raw[SEED_BYTES];
	char token[SS_SESSION_TOKEN_LEN + 1], csrf[SS_SESSION_CSRF_LEN + 1];
	char id[SS_SHA256_HEX], seed[2 * SEED_BYTES + 1];
	json_t *acc = NULL;
	int error;

	if (!out_token || !out_csrf || !st || !login)
		return ss_error_set(SS_EINVAL, "ss_session_start: NULL argument");
	if (agent && (error = ss_text_check("user agent", agent, SS_SESSION_AGENT_MAX, false)) < 0)
		return error;
	if (RAND_bytes(raw, sizeof(raw)) != 1 || RAND_bytes(seed_raw, sizeof(seed_raw)) != 1)
		return ss_error_set(SS_ERROR, "the random number generator failed");
	ss_hex_encode(token, raw, sizeof(raw));
	ss_hex_encode(seed, seed_raw, sizeof(seed_raw));
	ss_sha256_hex(id, token, SS_SESSION_TOKEN_LEN);
	if ((error = csrf_derive(csrf, raw, seed)) < 0 || (error = ss_store__begin(st)) < 0)
		goto out;
	if ((error = ss_astore_get(&acc, st, login)) < 0) {
		if (error == SS_ENOTFOUND)
			error = ss_error_set(SS_ENOTFOUND, "no account '%s'", login);
	} else if (ss_ji(acc, "disabled") != 0) {
		error = ss_error_set(SS_EPERM,
				     "account '%s' is disabled; it cannot start a session", login);
	} else if ((error = ss_sstore_delete_expired(st, now)) == 0 &&
		   (error = ss_sstore_trim(st, ss_js(acc, "login"), SS_SESSION_MAX - 1)) == 0 &&
		   (error = ss_sstore_insert(st, id, ss_js(acc, "login"), now,
					     now + SS_SESSION_LIFETIME, SS_SESSION_IDLE, seed,
					     agent)) == 0) {
		error = ss_store__commit(st);
	}
	if (error < 0) {
		ss_store__rollback(st);
		goto out;
	}
	memcpy(out_token, token, sizeof(token));
	memcpy(out_csrf, csrf, sizeof(csrf));
out:
	json_decref(acc);
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(token, sizeof(token));
	OPENSSL_cleanse(csrf, sizeof(csrf));
	return error;
}

/* Find the live session of token: 0 and *out_session, *out_account (the
 * rows) and raw (the token's bytes), or SS_EPERM (session_refused). An
 * expired session is removed; last_seen is written when it is older than
 * SS_SESSION_TOUCH. */
static int lookup(json_t **out_session, json_t **out_account, uint8_t raw[TOKEN_BYTES],
		  ss_store *st, const char *token, int64_t now)
{
	char id[SS_SHA256_HEX];
	json_t *sess = NULL, *acc = NULL;
	bool live = false;
	int error;

	if ((error = token_parse(raw, id, token)) < 0 || (error = ss_store__begin(st)) < 0)
		return error;
	if ((error = ss_sstore_get(&sess, st, id)) < 0) {
		if (error == SS_ENOTFOUND)
			error = 0; /* refused below, after the commit */
		goto done;
	}
	if (now >= ss_ji(sess, "expires") ||
	    now >= ss_ji(sess, "last_seen") + ss_ji(sess, "idle")) {
		error = ss_sstore_delete(st, id);
		goto done;
	}
	if ((error = ss_astore_get(&acc, st, ss_js(sess, "login"))) < 0) {
		if (error == SS_ENOTFOUND)
			error = 0;
		goto done;
	}
	if (ss_ji(acc, "disabled") != 0)
		goto done;
	if (now - ss_ji(sess, "last_seen") >= SS_SESSION_TOUCH &&
	    (error = ss_sstore_touch(st, id, now)) < 0)
		goto done;
	live = true;
done:
	if (error == 0)
		error = ss_store__commit(st);
	if (error < 0)
		ss_store__rollback(st);
	else if (!live)
		error = session_refused();
	if (error < 0) {
		json_decref(sess);
		json_decref(acc);
		OPENSSL_cleanse(raw, TOKEN_BYTES);
		return error;
	}
	*out_session = sess;
	*out_account = acc;
	return 0;
}

int ss_session_check(json_t **out, ss_store *st, const char *token, int64_t now)
{
	uint8_t raw[TOKEN_BYTES];
	char created[SS_TIME_MAX], expires[SS_TIME_MAX];
	json_t *sess = NULL, *acc = NULL, *res;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_session_check: NULL argument");
	if ((error = lookup(&sess, &acc, raw, st, token, now)) < 0)
		return error;
	OPENSSL_cleanse(raw, sizeof(raw));
	if ((error = utc_text(created, ss_ji(sess, "created"))) < 0 ||
	    (error = utc_text(expires, ss_ji(sess, "expires"))) < 0)
		goto out;
	res = json_pack("{s:s, s:s, s:b, s:s, s:s}", "login", ss_js(acc, "login"), "name",
			ss_js(acc, "name"), "admin", ss_ji(acc, "is_admin") != 0, "created",
			created, "expires", expires);
	if (!res) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	*out = res;
out:
	json_decref(sess);
	json_decref(acc);
	return error;
}

int ss_session_csrf_check(ss_store *st, const char *token, const char *csrf, int64_t now)
{
	uint8_t raw[TOKEN_BYTES];
	char want[SS_SESSION_CSRF_LEN + 1];
	json_t *sess = NULL, *acc = NULL;
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_session_csrf_check: NULL argument");
	if ((error = lookup(&sess, &acc, raw, st, token, now)) < 0)
		return error;
	if ((error = csrf_derive(want, raw, ss_js(sess, "csrf_seed"))) < 0)
		goto out;
	/* the length is no secret; the bytes are compared in constant time */
	if (!csrf || strnlen(csrf, SS_SESSION_CSRF_LEN + 1) != SS_SESSION_CSRF_LEN ||
	    CRYPTO_memcmp(want, csrf, SS_SESSION_CSRF_LEN) != 0)
		error = ss_error_set(SS_EPERM, "the request's CSRF token does not belong to the "
					       "session; reload the page and try again");
out:
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(want, sizeof(want));
	json_decref(sess);
	json_decref(acc);
	return error;
}

int ss_session_csrf(char out[SS_SESSION_CSRF_LEN + 1], ss_store *st, const char *token, int64_t now)
{
	uint8_t raw[TOKEN_BYTES];
	char csrf[SS_SESSION_CSRF_LEN + 1];
	json_t *sess = NULL, *acc = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_session_csrf: NULL argument");
	if ((error = lookup(&sess, &acc, raw, st, token, now)) < 0)
		return error;
	if ((error = csrf_derive(csrf, raw, ss_js(sess, "csrf_seed"))) == 0)
		memcpy(out, csrf, sizeof(csrf));
	OPENSSL_cleanse(raw, sizeof(raw));
	OPENSSL_cleanse(csrf, sizeof(csrf));
	json_decref(sess);
	json_decref(acc);
	return error;
}

int ss_session_end(ss_store *st, const char *token)
{
	uint8_t raw[TOKEN_BYTES];
	char id[SS_SHA256_HEX];
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_session_end: NULL argument");
	if (token_parse(raw, id, token) < 0) {
		ss_error_clear();
		return 0; /* no such session: nothing to end */
	}
	OPENSSL_cleanse(raw, sizeof(raw));
	if ((error = ss_store__begin(st)) < 0)
		return error;
	if ((error = ss_sstore_delete(st, id)) < 0 || (error = ss_store__commit(st)) < 0)
		ss_store__rollback(st);
	return error;
}

int ss_session_end_all(ss_store *st, const char *login)
{
	int error;

	if (!st || !login)
		return ss_error_set(SS_EINVAL, "ss_session_end_all: NULL argument");
	if ((error = ss_store__begin(st)) < 0)
		return error;
	if ((error = ss_sstore_delete_login(st, login)) < 0 || (error = ss_store__commit(st)) < 0)
		ss_store__rollback(st);
	return error;
}
