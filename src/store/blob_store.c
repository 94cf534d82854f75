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
