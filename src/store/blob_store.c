/* Content-addressed attachments (the blob table): stored once per hash. */
#include "store/state.h"
#include "util/util.h"
#include "util/banned.h"

int ss_blob_put(ss_store *st, const char *sha256, const void *data, size_t len)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st,
			       "INSERT INTO blob(sha256, size, data) VALUES(?1, ?2, ?3) "
			       "ON CONFLICT(sha256) DO NOTHING",
			       "tin", sha256, (int64_t)len)) < 0)
		return error;
	if ((error = ss_q_bind_blob(&q, 3, data, len)) == 0)
		while ((error = ss_q_next(&q)) > 0)
			;
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_blob_get(ss_buf *out, ss_store *st, const char *sha256)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st, "SELECT data FROM blob WHERE sha256 = ?1", "t", sha256)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		size_t len = 0;
		const void *p = st->be->column_blob(q.stmt, 0, &len);

		error = ss_buf_put(out, p, len);
	} else if (error == 0) {
		error = ss_error_set(SS_ENOTFOUND, "attachment %.64s is not stored", sha256);
	}
	ss_q_close(&q);
	return error;
}

int ss_blob_hold(ss_store *st, int64_t pid, const char *sha256)
{
	return ss_q_exec(st,
			 "INSERT INTO project_blob(project_id, sha256) VALUES(?1, ?2) "
			 "ON CONFLICT(project_id, sha256) DO NOTHING",
			 "it", pid, sha256);
}

int ss_blob_held(int64_t *size, ss_store *st, int64_t pid, const char *sha256)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(
		     &q, st,
		     "SELECT b.size FROM project_blob p JOIN blob b ON b.sha256 = p.sha256 "
		     "WHERE p.project_id = ?1 AND p.sha256 = ?2",
		     "it", pid, sha256)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		*size = ss_q_int(&q, 0);
		error = 0;
	} else if (error == 0) {
		error = ss_error_set(SS_ENOTFOUND,
				     "attachment %.64s is not stored for this project: upload the "
				     "file to it first",
				     sha256);
	}
	ss_q_close(&q);
	return error;
}
