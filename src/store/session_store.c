/* Rows of the session table (schema 6), with bound parameters only. */
#include "store/session_store.h"
#include "util/util.h"
#include "util/banned.h"

int ss_sstore_insert(ss_store *st, const char *id, const char *login, int64_t created,
		     int64_t expires, int64_t idle, const char *csrf_seed, const char *agent)
{
	return ss_q_exec(st,
			 "INSERT INTO session(id, login, created, last_seen, expires, idle, "
			 "csrf_seed, agent) VALUES(?1, ?2, ?3, ?3, ?4, ?5, ?6, ?7)",
			 "ttiiitt", id, login, created, expires, idle, csrf_seed, agent);
}

int ss_sstore_get(json_t **out, ss_store *st, const char *id)
{
	json_t *rows = NULL;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT id, login, created, last_seen, expires, idle, csrf_seed, "
			      "agent FROM session WHERE id = ?1",
			      "t", id)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_sstore_touch(ss_store *st, const char *id, int64_t last_seen)
{
	return ss_q_exec(st, "UPDATE session SET last_seen = ?2 WHERE id = ?1", "ti", id,
			 last_seen);
}

int ss_sstore_delete(ss_store *st, const char *id)
{
	return ss_q_exec(st, "DELETE FROM session WHERE id = ?1", "t", id);
}

int ss_sstore_delete_login(ss_store *st, const char *login)
{
	return ss_q_exec(st, "DELETE FROM session WHERE login = ?1", "t", login);
}

int ss_sstore_delete_expired(ss_store *st, int64_t now)
{
	return ss_q_exec(st, "DELETE FROM session WHERE expires <= ?1 OR last_seen + idle <= ?1",
			 "i", now);
}

int ss_sstore_trim(ss_store *st, const char *login, int64_t keep)
{
	return ss_q_exec(st,
			 "DELETE FROM session WHERE id IN (SELECT id FROM session WHERE login = ?1 "
			 "ORDER BY created DESC, rowid DESC LIMIT -1 OFFSET ?2)",
			 "ti", login, keep);
}
