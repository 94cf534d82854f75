/* Sessions: start and check, one answer to every session that is not
 * live, absolute and idle expiry with the clock as a parameter, CSRF tokens
 * tied to their session, logout, every session ended by a password change
 * or a disabled account, the cap per account, and no token in the store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "helpers.h"
#include "util/util.h"

#define T0 INT64_C(1795687200) /* 2026-11-26T10:00:00Z */
#define PW "correct horse battery"

typedef struct {
	char token[SS_SESSION_TOKEN_LEN + 1];
	char csrf[SS_SESSION_CSRF_LEN + 1];
} sess;

static void add(ss_store *st, const char *login, const char *pw)
{
	ss_account_new req = {login, "Someone", pw, false};

	assert_ok(ss_account_add(st, &req, T0));
}

static void start(sess *s, ss_store *st, const char *login, int64_t now)
{
	assert_ok(ss_session_start(s->token, s->csrf, st, login, "Mozilla/5.0 (test)", now));
	assert_int_equal(strlen(s->token), SS_SESSION_TOKEN_LEN);
	assert_int_equal(strlen(s->csrf), SS_SESSION_CSRF_LEN);
}

/* The login of token's session at now, or an error code. */
static int check(ss_store *st, const char *token, const char *login, int64_t now)
{
	json_t *res = NULL;
	int error = ss_session_check(&res, st, token, now);

	if (error == 0) {
		assert_string_equal(json_string_value(json_object_get(res, "login")), login);
		json_decref(res);
	}
	return error;
}

static void start_and_check(void **state)
{
	fixture *fx = *state;
	json_t *res = NULL;
	sess a, b;
	char refused[SS_ERROR_MAX], wrong[SS_SESSION_TOKEN_LEN + 1];

	add(fx->st, "alice", PW);
	start(&a, fx->st, "ALICE", T0);
	start(&b, fx->st, "alice", T0);
	assert_string_not_equal(a.token, b.token);
	assert_string_not_equal(a.csrf, b.csrf);
	assert_string_not_equal(a.token, a.csrf);
	assert_ok(ss_session_check(&res, fx->st, a.token, T0 + 5));
	assert_string_equal(json_string_value(json_object_get(res, "login")), "alice");
	assert_string_equal(json_string_value(json_object_get(res, "name")), "Someone");
	assert_true(json_is_false(json_object_get(res, "admin")));
	assert_string_equal(json_string_value(json_object_get(res, "created")),
			    "2026-11-26T10:00:00Z");
	assert_string_equal(json_string_value(json_object_get(res, "expires")),
			    "2026-11-26T22:00:00Z");
	json_decref(res);

	/* a wrong token: one flipped character, malformed, empty, NULL */
	snprintf(wrong, sizeof(wrong), "%s", a.token);
	wrong[10] = wrong[10] == '0' ? '1' : '0';
	assert_int_equal(check(fx->st, wrong, "alice", T0), SS_EPERM);
	snprintf(refused, sizeof(refused), "%s", ss_error_last());
	assert_non_null(strstr(refused, "session is not valid"));
	assert_int_equal(check(fx->st, "not a token", "alice", T0), SS_EPERM);
	assert_string_equal(ss_error_last(), refused);
	assert_int_equal(check(fx->st, "", "alice", T0), SS_EPERM);
	assert_int_equal(check(fx->st, NULL, "alice", T0), SS_EPERM);
	wrong[10] = 'A'; /* upper case is not the token */
	assert_int_equal(check(fx->st, wrong, "alice", T0), SS_EPERM);
	assert_ok(check(fx->st, b.token, "alice", T0));

	/* unknown and disabled accounts start nothing; a bad note is refused */
	assert_int_equal(ss_session_start(a.token, a.csrf, fx->st, "nobody", NULL, T0),
			 SS_ENOTFOUND);
	assert_int_equal(ss_session_start(a.token, a.csrf, fx->st, "alice", "two\nlines", T0),
			 SS_EINVAL);
}

static void expiry(void **state)
{
	fixture *fx = *state;
	sess a, b;
	int64_t t;

	add(fx->st, "bob", PW);
	/* idle: 30 minutes without a request end it */
	start(&a, fx->st, "bob", T0);
	assert_ok(check(fx->st, a.token, "bob", T0 + SS_SESSION_IDLE - 1));
	assert_ok(check(fx->st, a.token, "bob", T0 + 2 * SS_SESSION_IDLE - 2));
	assert_int_equal(check(fx->st, a.token, "bob", T0 + 3 * SS_SESSION_IDLE), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "session is not valid"));
	/* and it stays ended even if the clock goes back */
	assert_int_equal(check(fx->st, a.token, "bob", T0 + 10), SS_EPERM);

	/* last_seen moves at most once a minute: a request every 59 s after
	 * the first keeps it from moving, so the idle limit counts from there */
	start(&b, fx->st, "bob", T0);
	assert_ok(check(fx->st, b.token, "bob", T0 + 59));
	assert_int_equal(check(fx->st, b.token, "bob", T0 + SS_SESSION_IDLE), SS_EPERM);

	/* absolute: 12 hours, however busy */
	start(&b, fx->st, "bob", T0);
	for (t = T0 + 600; t < T0 + SS_SESSION_LIFETIME; t += 600)
		assert_ok(check(fx->st, b.token, "bob", t));
	assert_int_equal(check(fx->st, b.token, "bob", T0 + SS_SESSION_LIFETIME), SS_EPERM);
}

static void csrf(void **state)
{
	fixture *fx = *state;
	sess a, b;
	char wrong[SS_SESSION_CSRF_LEN + 1];

	add(fx->st, "carol", PW);
	add(fx->st, "dave", PW);
	start(&a, fx->st, "carol", T0);
	start(&b, fx->st, "dave", T0);
	assert_ok(ss_session_csrf_check(fx->st, a.token, a.csrf, T0 + 1));
	assert_ok(ss_session_csrf_check(fx->st, b.token, b.csrf, T0 + 1));
	/* another session's token, a changed one, a short one, none */
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, b.csrf, T0 + 1), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "CSRF token"));
	snprintf(wrong, sizeof(wrong), "%s", a.csrf);
	wrong[63] = wrong[63] == 'f' ? 'e' : 'f';
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, wrong, T0 + 1), SS_EPERM);
	wrong[32] = '\0';
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, wrong, T0 + 1), SS_EPERM);
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, "", T0 + 1), SS_EPERM);
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, NULL, T0 + 1), SS_EPERM);
	/* the session token is not a CSRF token, nor the reverse */
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, a.token, T0 + 1), SS_EPERM);
	assert_int_equal(ss_session_csrf_check(fx->st, a.csrf, a.csrf, T0 + 1), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "session is not valid"));
	/* a right CSRF token on an expired session */
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, a.csrf, T0 + SS_SESSION_LIFETIME),
			 SS_EPERM);
}

static void logout(void **state)
{
	fixture *fx = *state;
	sess a, b;

	add(fx->st, "erin", PW);
	start(&a, fx->st, "erin", T0);
	start(&b, fx->st, "erin", T0);
	assert_ok(ss_session_end(fx->st, a.token));
	assert_int_equal(check(fx->st, a.token, "erin", T0 + 1), SS_EPERM);
	assert_int_equal(ss_session_csrf_check(fx->st, a.token, a.csrf, T0 + 1), SS_EPERM);
	assert_ok(check(fx->st, b.token, "erin", T0 + 1));
	/* ending it again, or a token that never was, does nothing */
	assert_ok(ss_session_end(fx->st, a.token));
	assert_ok(ss_session_end(fx->st, "nonsense"));
	assert_ok(ss_session_end(fx->st, NULL));
	assert_ok(ss_session_end_all(fx->st, "erin"));
	assert_int_equal(check(fx->st, b.token, "erin", T0 + 1), SS_EPERM);
}

static void end_all(void **state)
{
	fixture *fx = *state;
	sess a, b, c;

	add(fx->st, "frank", PW);
	add(fx->st, "grace", PW);
	start(&a, fx->st, "frank", T0);
	start(&b, fx->st, "frank", T0);
	start(&c, fx->st, "grace", T0);
	/* a change of one's own password ends every session of the account */
	assert_ok(ss_account_password(fx->st, "frank", PW, "a new password 2", T0 + 1));
	assert_int_equal(check(fx->st, a.token, "frank", T0 + 2), SS_EPERM);
	assert_int_equal(check(fx->st, b.token, "frank", T0 + 2), SS_EPERM);
	assert_ok(check(fx->st, c.token, "grace", T0 + 2));
	/* a refused change ends nothing */
	start(&a, fx->st, "frank", T0 + 3);
	assert_int_equal(ss_account_password(fx->st, "frank", PW, "another one 3", T0 + 4),
			 SS_EPERM);
	assert_ok(check(fx->st, a.token, "frank", T0 + 5));
	/* an administrator's reset too */
	assert_ok(ss_account_password(fx->st, "frank", NULL, "reset by the admin", T0 + 6));
	assert_int_equal(check(fx->st, a.token, "frank", T0 + 7), SS_EPERM);

	/* disabling ends them; enabling again brings none back */
	assert_ok(ss_account_disable(fx->st, "grace", true));
	assert_int_equal(check(fx->st, c.token, "grace", T0 + 8), SS_EPERM);
	assert_int_equal(ss_session_start(c.token, c.csrf, fx->st, "grace", NULL, T0 + 8),
			 SS_EPERM);
	assert_ok(ss_account_disable(fx->st, "grace", false));
	assert_int_equal(check(fx->st, c.token, "grace", T0 + 9), SS_EPERM);
	start(&c, fx->st, "grace", T0 + 9);
	assert_ok(check(fx->st, c.token, "grace", T0 + 10));
	/* an account disabled behind the store's back: its sessions fail all the same */
	fx_tamper(fx, "UPDATE account SET disabled = 1 WHERE login = 'grace'");
	assert_int_equal(check(fx->st, c.token, "grace", T0 + 11), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "session is not valid"));
}

static void cap(void **state)
{
	fixture *fx = *state;
	sess s[SS_SESSION_MAX + 2], other;
	int i;

	add(fx->st, "heidi", PW);
	add(fx->st, "ivan", PW);
	start(&other, fx->st, "ivan", T0);
	for (i = 0; i < SS_SESSION_MAX + 2; i++)
		start(&s[i], fx->st, "heidi", T0 + i);
	/* the two oldest were ended, the newest 20 live, another account's untouched */
	assert_int_equal(check(fx->st, s[0].token, "heidi", T0 + 30), SS_EPERM);
	assert_int_equal(check(fx->st, s[1].token, "heidi", T0 + 30), SS_EPERM);
	for (i = 2; i < SS_SESSION_MAX + 2; i++)
		assert_ok(check(fx->st, s[i].token, "heidi", T0 + 30));
	assert_ok(check(fx->st, other.token, "ivan", T0 + 30));
}

/* Every value of every row of the session table, as text, one per line. */
static char *session_dump(fixture *fx)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *stmt = NULL;
	size_t cap = 1 << 16, len = 0;
	char *out = calloc(1, cap);
	int c;

	assert_non_null(out);
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT * FROM session", -1, &stmt, NULL),
			 SQLITE_OK);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		for (c = 0; c < sqlite3_column_count(stmt); c++) {
			const char *v = (const char *)sqlite3_column_text(stmt, c);
			int n = snprintf(out + len, cap - len, "%s\n", v ? v : "");

			assert_true(n > 0 && (size_t)n < cap - len);
			len += (size_t)n;
		}
	}
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return out;
}

static void token_not_stored(void **state)
{
	fixture *fx = *state;
	sess a;
	char id[65], *dump, half[33];

	add(fx->st, "judy", PW);
	start(&a, fx->st, "judy", T0);
	dump = session_dump(fx);
	assert_non_null(strstr(dump, "judy"));
	assert_non_null(strstr(dump, "Mozilla/5.0 (test)"));
	assert_null(strstr(dump, a.token));
	assert_null(strstr(dump, a.csrf));
	/* not even half of either */
	memcpy(half, a.token, 32);
	half[32] = '\0';
	assert_null(strstr(dump, half));
	memcpy(half, a.csrf, 32);
	assert_null(strstr(dump, half));
	/* what is stored is the token's SHA-256 */
	ss_sha256_hex(id, a.token, strlen(a.token));
	assert_non_null(strstr(dump, id));
	free(dump);
	/* and the stored id is not a token that opens the session */
	assert_int_equal(check(fx->st, id, "judy", T0 + 1), SS_EPERM);
	assert_ok(check(fx->st, a.token, "judy", T0 + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(start_and_check, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(expiry, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(csrf, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(logout, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(end_all, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(cap, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(token_not_stored, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
