/* Rows of the account table (schema 5), with bound parameters only. */
#include "store/account_store.h"
#include "util/util.h"
#include "util/banned.h"

int ss_astore_insert(ss_store *st, const char *login, const char *name, const char *hash,
		     const char *created, bool is_admin)
{
	json_t *row = NULL;
	int error;

	if ((error = ss_astore_get(&row, st, login)) == 0) {
		json_decref(row);
		return ss_error_set(SS_ECONFLICT, "account '%s' exists already", login);
	}
	if (error != SS_ENOTFOUND)
		return error;
	return ss_q_exec(st,
			 "INSERT INTO account(login, name, password, created, is_admin, "
			 "password_changed) VALUES(?1, ?2, ?3, ?4, ?5, ?4)",
			 "tttti", login, name, hash, created, (int64_t)(is_admin ? 1 : 0));
}

int ss_astore_get(json_t **out, ss_store *st, const char *login)
{
	json_t *rows = NULL;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT login, name, password, created, disabled, is_admin, "
			      "failed_logins, locked_until, password_changed, totp_secret, "
			      "totp_pending, totp_last FROM account WHERE login = ?1",
			      "t", login)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_astore_list(json_t **out, ss_store *st)
{
	return ss_q_all(out, st,
			"SELECT login, name, created, disabled, is_admin, failed_logins, "
			"locked_until, password_changed, totp_secret IS NOT NULL AS totp "
			"FROM account ORDER BY login",
			"");
}

/* SS_ENOTFOUND when the statement just run changed no row. */
static int changed_one(ss_store *st, const char *login, int error)
{
	if (error < 0)
		return error;
	if (ss_q_changes(st) == 0)
		return ss_error_set(SS_ENOTFOUND, "no account '%s'", login);
	return 0;
}

int ss_astore_set_password(ss_store *st, const char *login, const char *hash, const char *changed)
{
	return changed_one(st, login,
			   ss_q_exec(st,
				     "UPDATE account SET password = ?2, password_changed = ?3, "
				     "failed_logins = 0, locked_until = 0 WHERE login = ?1",
				     "ttt", login, hash, changed));
}

int ss_astore_set_disabled(ss_store *st, const char *login, bool disabled)
{
	return changed_one(st, login,
			   ss_q_exec(st, "UPDATE account SET disabled = ?2 WHERE login = ?1", "ti",
				     login, (int64_t)(disabled ? 1 : 0)));
}

int ss_astore_set_failures(ss_store *st, const char *login, int64_t failed, int64_t locked_until)
{
	return changed_one(st, login,
			   ss_q_exec(st,
				     "UPDATE account SET failed_logins = ?2, locked_until = ?3 "
				     "WHERE login = ?1",
				     "tii", login, failed, locked_until));
}

int ss_astore_set_totp(ss_store *st, const char *login, const char *secret, const char *pending)
{
	return changed_one(st, login,
			   ss_q_exec(st,
				     "UPDATE account SET totp_secret = ?2, totp_pending = ?3, "
				     "totp_last = 0 WHERE login = ?1",
				     "ttt", login, secret, pending));
}

int ss_astore_use_totp_step(ss_store *st, const char *login, int64_t step, bool *fresh)
{
	int error = ss_q_exec(
		st, "UPDATE account SET totp_last = ?2 WHERE login = ?1 AND totp_last < ?2", "ti",
		login, step);

	if (error < 0)
		return error;
	*fresh = ss_q_changes(st) == 1;
	return 0;
}
