/* Rows of the sync_checkpoint and witness tables (schema 7), with bound
 * parameters only. */
#include "store/sync_store.h"
#include "util/util.h"
#include "util/banned.h"

int ss_ystore_checkpoint_put(ss_store *st, int64_t pid, int64_t tree_size, const char *root,
			     const char *head, const char *recorded)
{
	return ss_q_exec(st,
			 "INSERT INTO sync_checkpoint(project_id, tree_size, root, head, recorded) "
			 "VALUES(?1, ?2, ?3, ?4, ?5) ON CONFLICT(project_id, tree_size) DO UPDATE "
			 "SET root = excluded.root, head = excluded.head, recorded = "
			 "excluded.recorded",
			 "iittt", pid, tree_size, root, head, recorded);
}

int ss_ystore_checkpoint_last(json_t **out, ss_store *st, int64_t pid)
{
	json_t *rows = NULL;
	int error;

	if ((error = ss_q_all(&rows, st,
			      "SELECT tree_size, root, head, recorded FROM sync_checkpoint WHERE "
			      "project_id = ?1 ORDER BY tree_size DESC LIMIT 1",
			      "i", pid)) < 0)
		return error;
	return ss_q_first(out, rows);
}

int ss_ystore_checkpoints(json_t **out, ss_store *st, int64_t pid)
{
	return ss_q_all(out, st,
			"SELECT tree_size, root, head, recorded FROM sync_checkpoint WHERE "
			"project_id = ?1 ORDER BY tree_size DESC",
			"i", pid);
}

int ss_ystore_witness_put(ss_store *st, int64_t pid, const char *login, int64_t tree_size,
			  const char *root, const char *head_time, const char *signature,
			  const char *agreed)
{
	return ss_q_exec(
		st,
		"INSERT INTO witness(project_id, login, tree_size, root, head_time, "
		"signature, agreed) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7) ON "
		"CONFLICT(project_id, login) DO UPDATE SET tree_size = excluded.tree_size, "
		"root = excluded.root, head_time = excluded.head_time, signature = "
		"excluded.signature, agreed = excluded.agreed",
		"ititttt", pid, login, tree_size, root, head_time, signature, agreed);
}

int ss_ystore_witnesses(json_t **out, ss_store *st, int64_t pid)
{
	return ss_q_all(out, st,
			"SELECT w.login, m.side, m.role, w.tree_size, w.root, w.head_time, "
			"w.agreed FROM witness w LEFT JOIN member m ON m.project_id = "
			"w.project_id AND m.person = w.login WHERE w.project_id = ?1 ORDER BY "
			"m.side, w.login",
			"i", pid);
}
