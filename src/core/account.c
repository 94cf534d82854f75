/* Local accounts of a deployment: Argon2id password hashes, the password
 * policy, login with throttling and without telling which part was wrong
 * (docs/internals/accounts.md). The rows are in the store's account table,
 * outside every project's log. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <argon2.h>
#include <liboath/oath.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "secspec/account.h"
#include "store/account_store.h"
#include "store/session_store.h"
#include "util/util.h"
#include "util/banned.h"

/* Argon2id, RFC 9106's second recommended option (64 MiB, 3 passes, one
 * lane): about 0.23 s per hash on the reference machine. A 16-byte salt
 * from the CSPRNG and a 32-byte tag, kept as the encoded string
 * "$argon2id$v=19$m=65536,t=3,p=1$SALT$TAG". */
#define HASH_T 3
#define HASH_M (64 * 1024) /* KiB */
#define HASH_P 1
#define SALT_LEN 16
#define TAG_LEN 32
#define ENCODED_MAX 128

/* What an unknown login name is checked against, so that it takes as long
 * as a known one: a hash with the same parameters of a random password
 * nobody kept. A match with it is a failure all the same. */
static const char dummy_hash[] = "$argon2id$v=19$m=65536,t=3,p=1$KAJ5x9B7qkfVgM4zk1jrjw$"
				 "2ktPzQcAeFmb3td9VgKebG/ZQWXZrHTZS/+5P6ipexQ";

/* The one answer to every failed login, whatever failed. */
static int login_failed(void)
{
	return ss_error_set(SS_EPERM, "login failed: the login name or the password is wrong, or "
				      "the account is disabled or locked after too many failed "
				      "attempts; try again later or ask an administrator");
}

static int utc_text(char out[SS_TIME_MAX], int64_t now)
{
	time_t t = (time_t)now;
	struct tm tm;

	if (!gmtime_r(&t, &tm) || !strftime(out, SS_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return ss_error_set(SS_EINVAL, "time %lld is out of range", (long long)now);
	return 0;
}

/* ASCII letters compared without case, as SQLite's NOCASE does. */
static bool same_nocase(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

int ss_account_password_check(const char *login, const char *password)
{
	size_t len;

	if (!password)
		return ss_error_set(SS_EINVAL, "password: missing");
	len = strlen(password);
	if (len < SS_PASSWORD_MIN)
		return ss_error_set(SS_EINVAL,
				    "the password is %zu bytes long; it must have at least %d", len,
				    SS_PASSWORD_MIN);
	if (len > SS_PASSWORD_MAX)
		return ss_error_set(SS_ELIMIT, "the password is longer than %d bytes",
				    SS_PASSWORD_MAX);
	if (!ss_utf8_valid(password, len))
		return ss_error_set(SS_EINVAL, "the password is not valid UTF-8");
	if (login && same_nocase(login, password))
		return ss_error_set(SS_EINVAL, "the password must not be the login name");
	return 0;
}

static int hash_password(char out[ENCODED_MAX], const char *password)
{
	unsigned char salt[SALT_LEN];
	int rc;

	if (RAND_bytes(salt, sizeof(salt)) != 1)
		return ss_error_set(SS_ERROR, "the random number generator failed");
	rc = argon2id_hash_encoded(HASH_T, HASH_M, HASH_P, password, strlen(password), salt,
				   sizeof(salt), TAG_LEN, out, ENCODED_MAX);
	OPENSSL_cleanse(salt, sizeof(salt));
	if (rc == ARGON2_MEMORY_ALLOCATION_ERROR)
		return ss_error_set(SS_ENOMEM, "out of memory hashing the password");
	if (rc != ARGON2_OK)
		return ss_error_set(SS_ERROR, "hashing the password: %s", argon2_error_message(rc));
	return 0;
}

/* true when password matches the encoded hash; a malformed hash never does. */
static bool verify_password(const char *encoded, const char *password)
{
	return argon2id_verify(encoded, password, strlen(password)) == ARGON2_OK;
}

static int check_login(const char *login)
{
	return ss_name_check("login name", login, SS_LOGIN_MAX);
}

int ss_account_add(ss_store *st, const ss_account_new *req, int64_t now)
{
	char hash[ENCODED_MAX] = "", created[SS_TIME_MAX];
	int error;

	if (!st || !req)
		return ss_error_set(SS_EINVAL, "ss_account_add: NULL argument");
	if ((error = check_login(req->login)) < 0 ||
	    (error = ss_text_check("display name", req->name, SS_ACCOUNT_NAME_MAX, false)) < 0)
		return error;
	if (!req->name || !*req->name)
		return ss_error_set(SS_EINVAL, "display name: missing");
	if ((error = ss_account_password_check(req->login, req->password)) < 0 ||
	    (error = utc_text(created, now)) < 0 ||
	    (error = hash_password(hash, req->password)) < 0)
		goto out;
	if ((error = ss_store__begin(st)) < 0)
		goto out;
	if ((error = ss_astore_insert(st, req->login, req->name, hash, created, req->admin)) < 0 ||
	    (error = ss_store__commit(st)) < 0)
		ss_store__rollback(st);
out:
	OPENSSL_cleanse(hash, sizeof(hash));
	return error;
}

/* How long an account stays locked after its failed-th failure in a row. */
static int64_t lock_seconds(int64_t failed)
{
	int64_t s = SS_LOCK_FIRST, n;

	if (failed < SS_LOGIN_FAILURES)
		return 0;
	for (n = failed - SS_LOGIN_FAILURES; n > 0 && s < SS_LOCK_MAX; n--)
		s *= 2;
	return s < SS_LOCK_MAX ? s : SS_LOCK_MAX;
}

/* Record the outcome of an attempt on an existing, unlocked account, in a
 * transaction that reads the account again: attempts made at the same time
 * were all checked against the row read before hashing, so whether the
 * account is still open is decided here. *allowed is false when it was
 * disabled, removed or locked meanwhile: then even the right password does
 * not log in, and the attempt is not counted (it is not a guess that could
 * have succeeded). */
static int record_attempt(ss_store *st, const char *login, bool ok, int64_t now, bool *allowed)
{
	json_t *row = NULL;
	int64_t failed, until;
	int error;

	*allowed = false;
	if ((error = ss_store__begin(st)) < 0)
		return error;
	if ((error = ss_astore_get(&row, st, login)) < 0) {
		if (error == SS_ENOTFOUND) /* removed meanwhile */
			error = 0;
		goto out;
	}
	if (ss_ji(row, "disabled") != 0 || ss_ji(row, "locked_until") > now)
		goto out;
	*allowed = true;
	if (ok) {
		if (ss_ji(row, "failed_logins") != 0 || ss_ji(row, "locked_until") != 0)
			error = ss_astore_set_failures(st, login, 0, 0);
	} else {
		failed = ss_ji(row, "failed_logins") + 1;
		/* a clock near the end of time locks until the end of time */
		until = now > INT64_MAX - SS_LOCK_MAX ? INT64_MAX : now + lock_seconds(failed);
		error = ss_astore_set_failures(st, login, failed,
					       failed >= SS_LOGIN_FAILURES ? until : 0);
	}
out:
	json_decref(row);
	if (error == 0)
		error = ss_store__commit(st);
	if (error < 0)
		ss_store__rollback(st);
	return error;
}

/* The login check shared by ss_account_login and a change of one's own
 * password: 0 and *out the account's row, or SS_EPERM (login_failed). */
/* ---- the second factor (RFC 6238 TOTP: 6 digits, 30-second steps, SHA-1,
 * as every authenticator app does) ---- */

#define TOTP_KEY_LEN 20
#define TOTP_STEP 30
#define TOTP_WINDOW 1 /* the step before and after now are accepted too */

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;

/* A column that may be NULL: NULL then (ss_js gives ""). */
static const char *opt_str(const json_t *row, const char *key)
{
	const json_t *v = json_object_get(row, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}
static int oath_ready = -1;

static void oath_start(void)
{
	oath_ready = oath_init() == OATH_OK ? 0 : -1;
}

/* The time step of code under the key secret_hex at now, or -1 when the
 * code is not right within the window. */
static int64_t totp_step(const char *secret_hex, const char *code, int64_t now)
{
	uint8_t key[TOTP_KEY_LEN];
	uint64_t counter = 0;
	int pos = 0, rc;

	pthread_once(&oath_once, oath_start);
	if (oath_ready < 0 || !secret_hex || strlen(secret_hex) != 2 * TOTP_KEY_LEN ||
	    ss_hex_decode(key, sizeof(key), secret_hex) < 0 || !code || strlen(code) != 6 ||
	    strspn(code, "0123456789") != 6)
		return -1;
	rc = oath_totp_validate3((const char *)key, sizeof(key), (time_t)now, TOTP_STEP, 0,
				 TOTP_WINDOW, &pos, &counter, code);
	OPENSSL_cleanse(key, sizeof(key));
	return rc >= 0 ? (int64_t)counter : -1;
}

/* Check a password (and, with second, the code of an account that has a
 * second factor) as a login attempt: counted, throttled, one answer. */
static int authenticate(json_t **out, ss_store *st, const char *login, const char *password,
			bool second, const char *code, int64_t now)
{
	json_t *row = NULL;
	bool known, match, allowed = false;
	int error;

	/* a name that cannot exist is looked up all the same: same time */
	error = ss_astore_get(&row, st, login);
	if (error < 0 && error != SS_ENOTFOUND)
		return error;
	known = error == 0;
	match = verify_password(known ? ss_js(row, "password") : dummy_hash, password) && known;
	/* an account with a second factor needs its code too, and each code
	 * counts once; a wrong or missing code is a failed login like a wrong
	 * password, with the same answer */
	if (match && second && opt_str(row, "totp_secret")) {
		int64_t step = totp_step(opt_str(row, "totp_secret"), code, now);
		bool fresh = false;

		if (step < 0)
			match = false;
		else if ((error = ss_astore_use_totp_step(st, ss_js(row, "login"), step, &fresh)) <
			 0)
			goto out;
		else if (!fresh)
			match = false;
	}
	if (!known || ss_ji(row, "disabled") != 0) {
		error = login_failed();
		goto out;
	}
	if (ss_ji(row, "locked_until") > now) {
		error = login_failed();
		goto out;
	}
	if ((error = record_attempt(st, ss_js(row, "login"), match, now, &allowed)) < 0)
		goto out;
	if (!match || !allowed) {
		error = login_failed();
		goto out;
	}
	*out = row;
	row = NULL;
out:
	json_decref(row);
	return error;
}

int ss_account_login(json_t **out, ss_store *st, const char *login, const char *password,
		     int64_t now)
{
	return ss_account_login_code(out, st, login, password, NULL, now);
}

int ss_account_login_code(json_t **out, ss_store *st, const char *login, const char *password,
			  const char *code, int64_t now)
{
	json_t *row = NULL, *res;
	int error;

	if (!out || !st || !login || !password)
		return ss_error_set(SS_EINVAL, "ss_account_login: NULL argument");
	if ((error = authenticate(&row, st, login, password, true, code, now)) < 0)
		return error;
	res = json_pack("{s:s, s:s, s:b, s:b}", "login", ss_js(row, "login"), "name",
			ss_js(row, "name"), "admin", ss_ji(row, "is_admin") != 0, "totp",
			opt_str(row, "totp_secret") != NULL);
	json_decref(row);
	if (!res)
		return ss_error_set(SS_ENOMEM, "out of memory");
	*out = res;
	return 0;
}

int ss_account_password(ss_store *st, const char *login, const char *old, const char *password,
			int64_t now)
{
	char hash[ENCODED_MAX] = "", changed[SS_TIME_MAX];
	json_t *row = NULL;
	int error;

	if (!st || !login || !password)
		return ss_error_set(SS_EINVAL, "ss_account_password: NULL argument");
	if (old) {
		if ((error = authenticate(&row, st, login, old, false, NULL, now)) < 0)
			goto out;
	} else if ((error = check_login(login)) < 0) {
		goto out;
	}
	if ((error = ss_account_password_check(login, password)) < 0)
		goto out;
	if (old && strcmp(old, password) == 0) {
		error = ss_error_set(SS_EINVAL,
				     "the new password is the current one; choose another");
		goto out;
	}
	if ((error = utc_text(changed, now)) < 0 || (error = hash_password(hash, password)) < 0 ||
	    (error = ss_store__begin(st)) < 0)
		goto out;
	/* a new password ends every session: whoever held the old one is out */
	if ((error = ss_astore_set_password(st, login, hash, changed)) < 0 ||
	    (error = ss_sstore_delete_login(st, login)) < 0 || (error = ss_store__commit(st)) < 0)
		ss_store__rollback(st);
out:
	json_decref(row);
	OPENSSL_cleanse(hash, sizeof(hash));
	return error;
}

int ss_account_disable(ss_store *st, const char *login, bool disabled)
{
	int error;

	if (!st || !login)
		return ss_error_set(SS_EINVAL, "ss_account_disable: NULL argument");
	if ((error = check_login(login)) < 0 || (error = ss_store__begin(st)) < 0)
		return error;
	if ((error = ss_astore_set_disabled(st, login, disabled)) < 0 ||
	    (disabled && (error = ss_sstore_delete_login(st, login)) < 0) ||
	    (error = ss_store__commit(st)) < 0)
		ss_store__rollback(st);
	return error;
}

int ss_account_list(json_t **out, ss_store *st, int64_t now)
{
	json_t *rows = NULL, *res = NULL, *row;
	char until[SS_TIME_MAX];
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_account_list: NULL argument");
	if ((error = ss_astore_list(&rows, st)) < 0)
		return error;
	if (!(res = json_array())) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(rows, i, row) {
		int64_t locked = ss_ji(row, "locked_until");
		json_t *a;

		if (locked > now && (error = utc_text(until, locked)) < 0)
			goto out;
		a = json_pack("{s:s, s:s, s:b, s:b, s:b, s:s, s:s, s:I, s:o}", "login",
			      ss_js(row, "login"), "name", ss_js(row, "name"), "admin",
			      ss_ji(row, "is_admin") != 0, "disabled", ss_ji(row, "disabled") != 0,
			      "totp", ss_ji(row, "totp") != 0, "created", ss_js(row, "created"),
			      "password_changed", ss_js(row, "password_changed"), "failed_logins",
			      (json_int_t)ss_ji(row, "failed_logins"), "locked_until",
			      locked > now ? json_string(until) : json_null());
		if (!a || json_array_append_new(res, a) < 0) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
	}
	*out = res;
	res = NULL;
out:
	json_decref(res);
	json_decref(rows);
	return error;
}

int ss_account_password_read(char **out, const char *path, const char *what)
{
	if (!out || !path || !what)
		return ss_error_set(SS_EINVAL, "ss_account_password_read: NULL argument");
	return ss_secret_file_read(out, path, what, SS_PASSWORD_MAX);
}

void ss_account_secret_free(char *secret)
{
	if (secret) {
		OPENSSL_cleanse(secret, strlen(secret));
		free(secret);
	}
}

/* Days from 1970-01-01 to y-m-d of the proleptic Gregorian calendar. */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int ss_account_now(int64_t *out)
{
	char now[SS_TIME_MAX];
	int64_t f[6];
	static const int at[6] = {0, 5, 8, 11, 14, 17}, len[6] = {4, 2, 2, 2, 2, 2};
	int i, error;

	if (!out)
		return ss_error_set(SS_EINVAL, "ss_account_now: NULL argument");
	if ((error = ss_time_now(now)) < 0)
		return error;
	/* ss_time_now gives YYYY-MM-DDTHH:MM:SSZ, checked when it came from SECSPEC_NOW */
	for (i = 0; i < 6; i++) {
		int k;

		f[i] = 0;
		for (k = 0; k < len[i]; k++)
			f[i] = f[i] * 10 + (now[at[i] + k] - '0');
	}
	*out = days_from_civil(f[0], f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
	return 0;
}

/* ---- enrolment ---- */

int ss_account_totp_enroll(json_t **out, ss_store *st, const char *login, const char *password,
			   int64_t now)
{
	uint8_t key[TOTP_KEY_LEN];
	char hex[2 * TOTP_KEY_LEN + 1], *b32 = NULL, uri[512];
	size_t b32len = 0;
	json_t *row = NULL;
	int error;

	if (!out || !st || !login || !password)
		return ss_error_set(SS_EINVAL, "ss_account_totp_enroll: NULL argument");
	pthread_once(&oath_once, oath_start);
	if (oath_ready < 0)
		return ss_error_set(SS_ERROR, "the one-time password library did not start");
	if ((error = authenticate(&row, st, login, password, false, NULL, now)) < 0)
		return error;
	if (RAND_bytes(key, sizeof(key)) != 1) {
		error = ss_error_set(SS_ERROR, "no random bytes for the second factor's key");
		goto out;
	}
	ss_hex_encode(hex, key, sizeof(key));
	if (oath_base32_encode((const char *)key, sizeof(key), &b32, &b32len) != OATH_OK) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	/* the key waits until a code made with it is confirmed: a key the
	 * person never saw cannot lock them out */
	if ((error = ss_store__begin(st)) < 0)
		goto out;
	if ((error = ss_astore_set_totp(st, ss_js(row, "login"), opt_str(row, "totp_secret"),
					hex)) < 0 ||
	    (error = ss_store__commit(st)) < 0) {
		ss_store__rollback(st);
		goto out;
	}
	snprintf(uri, sizeof(uri),
		 "otpauth://totp/secspec:%s?secret=%s&issuer=secspec&algorithm=SHA1&digits=6&"
		 "period=%d",
		 ss_js(row, "login"), b32, TOTP_STEP);
	if (!(*out = json_pack("{s:s, s:s}", "secret", b32, "uri", uri)))
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(hex, sizeof(hex));
	if (b32) {
		OPENSSL_cleanse(b32, b32len);
		free(b32);
	}
	json_decref(row);
	return error;
}

int ss_account_totp_confirm(ss_store *st, const char *login, const char *code, int64_t now)
{
	json_t *row = NULL;
	int64_t step;
	bool fresh = false;
	int error;

	if (!st || !login)
		return ss_error_set(SS_EINVAL, "ss_account_totp_confirm: NULL argument");
	if ((error = ss_astore_get(&row, st, login)) < 0) {
		if (error == SS_ENOTFOUND)
			error = ss_error_set(SS_ENOTFOUND, "no account %.64s", login);
		return error;
	}
	if (!opt_str(row, "totp_pending")) {
		error = ss_error_set(SS_ECONFLICT,
				     "no second factor is being set up for %.64s: "
				     "start again",
				     login);
		goto out;
	}
	if ((step = totp_step(opt_str(row, "totp_pending"), code, now)) < 0) {
		error = ss_error_set(SS_EPERM,
				     "the code is not right: enter the code the app shows "
				     "now (check the device's clock)");
		goto out;
	}
	if ((error = ss_store__begin(st)) < 0)
		goto out;
	if ((error = ss_astore_set_totp(st, ss_js(row, "login"), opt_str(row, "totp_pending"),
					NULL)) < 0 ||
	    (error = ss_astore_use_totp_step(st, ss_js(row, "login"), step, &fresh)) < 0 ||
	    (error = ss_store__commit(st)) < 0)
		ss_store__rollback(st);
out:
	json_decref(row);
	return error;
}

int ss_account_totp_remove(ss_store *st, const char *login, const char *password, const char *code,
			   int64_t now)
{
	json_t *row = NULL;
	int error;

	if (!st || !login)
		return ss_error_set(SS_EINVAL, "ss_account_totp_remove: NULL argument");
	/* the person: password and a current code; an administrator: neither */
	if (password) {
		if ((error = authenticate(&row, st, login, password, true, code, now)) < 0)
			return error;
	} else if ((error = check_login(login)) < 0) {
		return error;
	}
	if ((error = ss_store__begin(st)) < 0)
		goto out;
	if ((error = ss_astore_set_totp(st, login, NULL, NULL)) < 0 ||
	    (error = ss_store__commit(st)) < 0)
		ss_store__rollback(st);
out:
	json_decref(row);
	return error;
}
