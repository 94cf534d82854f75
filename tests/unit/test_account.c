/* Local accounts: the password policy, one answer to every failed login,
 * throttling with the clock as a parameter, password changes, a list
 * without hashes, and login names shaped like SQL. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "store/state.h"

#define T0 INT64_C(1795687200) /* 2026-11-26T10:00:00Z */
#define PW "correct horse battery"

static void add(ss_store *st, const char *login, const char *pw, bool admin)
{
	ss_account_new req = {login, "Someone", pw, admin};

	assert_ok(ss_account_add(st, &req, T0));
}

static int login(ss_store *st, const char *who, const char *pw, int64_t now)
{
	json_t *res = NULL;
	int error = ss_account_login(&res, st, who, pw, now);

	if (error == 0) {
		assert_string_equal(json_string_value(json_object_get(res, "login")), who);
		json_decref(res);
	}
	return error;
}

static void add_and_login(void **state)
{
	fixture *fx = *state;
	ss_account_new dup = {"ALICE", "Other", "another password 1", false};
	char failed[SS_ERROR_MAX];

	add(fx->st, "alice", PW, true);
	assert_int_equal(ss_account_add(fx->st, &dup, T0), SS_ECONFLICT);
	assert_ok(login(fx->st, "alice", PW, T0));

	assert_int_equal(login(fx->st, "alice", "wrong password here", T0), SS_EPERM);
	snprintf(failed, sizeof(failed), "%s", ss_error_last());
	assert_non_null(strstr(failed, "login failed"));
	assert_null(strstr(failed, "alice"));
	assert_int_equal(login(fx->st, "nobody", PW, T0), SS_EPERM);
	assert_string_equal(ss_error_last(), failed);
	assert_ok(ss_account_disable(fx->st, "alice", true));
	assert_int_equal(login(fx->st, "alice", PW, T0), SS_EPERM);
	assert_string_equal(ss_error_last(), failed);
	assert_ok(ss_account_disable(fx->st, "alice", false));
	assert_ok(login(fx->st, "alice", PW, T0));
	assert_int_equal(ss_account_disable(fx->st, "nobody", true), SS_ENOTFOUND);
}

static void policy(void **state)
{
	fixture *fx = *state;
	ss_account_new req = {"bob", "Bob", "short", false};
	char big[SS_PASSWORD_MAX + 2];

	assert_int_equal(ss_account_add(fx->st, &req, T0), SS_EINVAL);
	req.password = "Bob";
	assert_int_equal(ss_account_add(fx->st, &req, T0), SS_EINVAL);
	assert_int_equal(ss_account_password_check("bob.example.org", "BOB.EXAMPLE.ORG"),
			 SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "login name"));
	assert_int_equal(ss_account_password_check("bob", "abc\xff\xfe defghijkl"), SS_EINVAL);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ss_account_password_check("bob", big), SS_ELIMIT);
	big[SS_PASSWORD_MAX] = '\0';
	assert_ok(ss_account_password_check("bob", big));
	assert_ok(ss_account_password_check("bob", "パスワードは十二バイト以上"));
	/* nothing was stored by the refusals */
	req.password = "short";
	req.login = "-bob";
	assert_int_equal(ss_account_add(fx->st, &req, T0), SS_EINVAL);
	req.login = "bob";
	req.name = "";
	req.password = PW;
	assert_int_equal(ss_account_add(fx->st, &req, T0), SS_EINVAL);
	req.name = "Bob\n";
	assert_int_equal(ss_account_add(fx->st, &req, T0), SS_EINVAL);
	assert_int_equal(login(fx->st, "bob", PW, T0), SS_EPERM);
}

static void lockout(void **state)
{
	fixture *fx = *state;
	json_t *list = NULL;
	int i;

	add(fx->st, "carol", PW, false);
	for (i = 0; i < SS_LOGIN_FAILURES; i++)
		assert_int_equal(login(fx->st, "carol", "not the password", T0 + i), SS_EPERM);
	/* locked: even the right password fails, with the same message */
	assert_int_equal(login(fx->st, "carol", PW, T0 + 10), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "login failed"));
	assert_ok(ss_account_list(&list, fx->st, T0 + 10));
	assert_string_equal(
		json_string_value(json_object_get(json_array_get(list, 0), "locked_until")),
		"2026-11-26T10:01:04Z");
	json_decref(list);
	/* attempts while locked are not counted; a minute later it opens */
	assert_int_equal(login(fx->st, "carol", PW, T0 + 63), SS_EPERM);
	assert_ok(login(fx->st, "carol", PW, T0 + 64));

	/* the lock doubles with each further failure, up to an hour */
	for (i = 0; i < SS_LOGIN_FAILURES; i++)
		assert_int_equal(login(fx->st, "carol", "not the password", T0 + 100), SS_EPERM);
	assert_int_equal(login(fx->st, "carol", "not the password", T0 + 160), SS_EPERM);
	assert_int_equal(login(fx->st, "carol", PW, T0 + 160 + 119), SS_EPERM);
	assert_int_equal(login(fx->st, "carol", "not the password", T0 + 280), SS_EPERM);
	assert_int_equal(login(fx->st, "carol", PW, T0 + 280 + 239), SS_EPERM);
	assert_ok(login(fx->st, "carol", PW, T0 + 280 + 240));
	assert_ok(ss_account_list(&list, fx->st, T0 + 600));
	assert_int_equal(
		json_integer_value(json_object_get(json_array_get(list, 0), "failed_logins")), 0);
	assert_true(json_is_null(json_object_get(json_array_get(list, 0), "locked_until")));
	json_decref(list);
}

/* A clock at the end of time locks to the end of time, without overflow
 * (UBSan watches the arithmetic). */
static void lockout_at_the_end_of_time(void **state)
{
	fixture *fx = *state;
	int64_t end = INT64_MAX - 100;
	int i;

	add(fx->st, "dave", PW, false);
	for (i = 0; i < SS_LOGIN_FAILURES + 2; i++)
		assert_int_equal(login(fx->st, "dave", "not the password", end + i), SS_EPERM);
	assert_int_equal(login(fx->st, "dave", PW, end + 50), SS_EPERM);
}

static void change_password(void **state)
{
	fixture *fx = *state;

	add(fx->st, "dave", PW, false);
	assert_int_equal(
		ss_account_password(fx->st, "dave", "wrong old password", "a new password 2", T0),
		SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "login failed"));
	assert_int_equal(ss_account_password(fx->st, "dave", PW, "short", T0), SS_EINVAL);
	assert_int_equal(ss_account_password(fx->st, "dave", PW, PW, T0), SS_EINVAL);
	assert_ok(ss_account_password(fx->st, "dave", PW, "a new password 2", T0 + 1));
	assert_int_equal(login(fx->st, "dave", PW, T0 + 2), SS_EPERM);
	assert_ok(login(fx->st, "dave", "a new password 2", T0 + 3));
	/* an administrator's reset: no old password, and it opens a lock */
	for (int i = 0; i < SS_LOGIN_FAILURES; i++)
		assert_int_equal(login(fx->st, "dave", "not the password", T0 + 4), SS_EPERM);
	assert_ok(ss_account_password(fx->st, "dave", NULL, "reset by the admin", T0 + 5));
	assert_ok(login(fx->st, "dave", "reset by the admin", T0 + 6));
	assert_int_equal(ss_account_password(fx->st, "nobody", NULL, "reset by the admin", T0),
			 SS_ENOTFOUND);
	/* an unknown account's "old password" fails as a login does */
	assert_int_equal(ss_account_password(fx->st, "nobody", PW, "reset by the admin", T0),
			 SS_EPERM);
}

static void list_has_no_hash(void **state)
{
	fixture *fx = *state;
	json_t *list = NULL, *a;
	char *text;

	add(fx->st, "erin", PW, false);
	add(fx->st, "admin", "the admin password", true);
	assert_ok(ss_account_list(&list, fx->st, T0));
	assert_int_equal(json_array_size(list), 2);
	a = json_array_get(list, 0);
	assert_string_equal(json_string_value(json_object_get(a, "login")), "admin");
	assert_true(json_is_true(json_object_get(a, "admin")));
	assert_string_equal(json_string_value(json_object_get(a, "created")),
			    "2026-11-26T10:00:00Z");
	text = json_dumps(list, 0);
	assert_null(strstr(text, "argon2"));
	assert_null(strstr(text, "password\""));
	free(text);
	json_decref(list);
}

static void hostile_names(void **state)
{
	fixture *fx = *state;
	static const char *const names[] = {
		"x' OR '1'='1", "a; DROP TABLE account;--", "admin'--", "\"x\"", "", "a b"};
	ss_account_new req = {NULL, "Robert'); DROP TABLE account;--", PW, false};
	json_t *list = NULL;
	size_t i;

	add(fx->st, "victim", PW, false);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		req.login = names[i];
		assert_int_equal(ss_account_add(fx->st, &req, T0), SS_EINVAL);
		assert_int_equal(login(fx->st, names[i], PW, T0), SS_EPERM);
	}
	/* a display name is text, stored as it is */
	req.login = "robert";
	assert_ok(ss_account_add(fx->st, &req, T0));
	assert_ok(ss_account_list(&list, fx->st, T0));
	assert_int_equal(json_array_size(list), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(list, 0), "name")),
			    "Robert'); DROP TABLE account;--");
	json_decref(list);
	assert_ok(login(fx->st, "victim", PW, T0));
}

static void password_file(void **state)
{
	fixture *fx = *state;
	char path[400], *pw = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/pw", fx->dir);
	assert_non_null(f = fopen(path, "w"));
	fputs(PW "\nsecond line\n", f);
	fclose(f);
	chmod(path, 0644);
	assert_int_equal(ss_account_password_read(&pw, path, "SECSPEC_PASSWORD_FILE"), SS_EPERM);
	chmod(path, 0600);
	assert_ok(ss_account_password_read(&pw, path, "SECSPEC_PASSWORD_FILE"));
	assert_string_equal(pw, PW);
	ss_account_secret_free(pw);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(add_and_login, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(policy, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(lockout, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(lockout_at_the_end_of_time, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(change_password, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(list_has_no_hash, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(hostile_names, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(password_file, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
