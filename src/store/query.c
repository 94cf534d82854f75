/* Bound-parameter queries over the backend table: the only way SQL runs. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/util.h"
#include "util/banned.h"

static int bind_all(ss_store *st, ss_stmt *stmt, const char *types, va_list ap)
{
	int i, error = 0;

	for (i = 0; types && types[i] && error == 0; i++) {
		switch (types[i]) {
		case 't': {
			const char *s = va_arg(ap, const char *);

			error = s ? st->be->bind_text(stmt, i + 1, s, strlen(s))
				  : st->be->bind_null(stmt, i + 1);
			break;
		}
		case 'i':
			error = st->be->bind_int(stmt, i + 1, va_arg(ap, int64_t));
			break;
		case 'n':
			error = st->be->bind_null(stmt, i + 1);
			break;
		default:
			error = ss_error_set(SS_ERROR, "bad parameter type '%c'", types[i]);
		}
	}
	return error;
}

/* The highest ?N placeholder in sql: every statement binds exactly that many. */
static size_t placeholders(const char *sql)
{
	size_t max = 0;

	for (; *sql; sql++) {
		if (*sql == '?') {
			size_t n = 0;

			while (sql[1] >= '0' && sql[1] <= '9')
				n = n * 10 + (size_t)(*++sql - '0');
			if (n > max)
				max = n;
		}
	}
	return max;
}

static int vopen(ss_query *q, ss_store *st, const char *sql, const char *types, va_list ap)
{
	int error;

	if (placeholders(sql) != strlen(types ? types : ""))
		return ss_error_set(SS_ERROR,
				    "internal: a statement with %zu parameters was given %zu",
				    placeholders(sql), strlen(types ? types : ""));

	q->st = st;
	q->stmt = NULL;
	if ((error = st->be->prepare(&q->stmt, st->be, sql)) < 0)
		return error;
	if ((error = bind_all(st, q->stmt, types, ap)) < 0) {
		ss_q_close(q);
		return error;
	}
	return 0;
}

int ss_q_open(ss_query *q, ss_store *st, const char *sql, const char *types, ...)
{
	va_list ap;
	int error;

	va_start(ap, types);
	error = vopen(q, st, sql, types, ap);
	va_end(ap);
	return error;
}

int ss_q_exec(ss_store *st, const char *sql, const char *types, ...)
{
	ss_query q;
	va_list ap;
	int error;

	va_start(ap, types);
	error = vopen(&q, st, sql, types, ap);
	va_end(ap);
	if (error < 0)
		return error;
	while ((error = ss_q_next(&q)) > 0)
		;
	ss_q_close(&q);
	return error;
}

int ss_q_next(ss_query *q)
{
	return q->st->be->step(q->stmt);
}

const char *ss_q_text(ss_query *q, int col)
{
	return q->st->be->column_text(q->stmt, col, NULL);
}

const void *ss_q_blob(ss_query *q, int col, size_t *len)
{
	return q->st->be->column_blob(q->stmt, col, len);
}

int ss_q_bind_blob(ss_query *q, int idx, const void *data, size_t len)
{
	return q->st->be->bind_blob(q->stmt, idx, data, len);
}

int64_t ss_q_int(ss_query *q, int col)
{
	return q->st->be->column_int(q->stmt, col);
}

int ss_q_is_null(ss_query *q, int col)
{
	return q->st->be->column_is_null(q->stmt, col);
}

json_t *ss_q_row(ss_query *q)
{
	ss_store_backend *be = q->st->be;
	json_t *row = json_object();
	int i, n = be->column_count(q->stmt);

	for (i = 0; row && i < n; i++) {
		const char *name = be->column_name(q->stmt, i);
		json_t *v;
		size_t len;

		switch (be->column_type(q->stmt, i)) {
		case SS_COL_NULL:
			v = json_null();
			break;
		case SS_COL_INT:
			v = json_integer((json_int_t)be->column_int(q->stmt, i));
			break;
		default: {
			const char *t = be->column_text(q->stmt, i, &len);
			v = json_stringn(t ? t : "", t ? len : 0);
			if (!v) /* not UTF-8: keep the row readable rather than fail */
				v = json_string("\xEF\xBF\xBD");
		}
		}
		json_object_set_new(row, name, v);
	}
	return row;
}

void ss_q_close(ss_query *q)
{
	if (q && q->stmt) {
		q->st->be->reset(q->stmt);
		q->stmt = NULL;
	}
}

int64_t ss_q_changes(ss_store *st)
{
	return st->be->changes(st->be);
}

int ss_q_all(json_t **out, ss_store *st, const char *sql, const char *types, ...)
{
	json_t *arr = json_array(), *row;
	ss_query q;
	va_list ap;
	int error;

	if (!arr)
		return ss_error_set(SS_ENOMEM, "out of memory");
	va_start(ap, types);
	error = vopen(&q, st, sql, types, ap);
	va_end(ap);
	if (error < 0) {
		json_decref(arr);
		return error;
	}
	while ((error = ss_q_next(&q)) > 0) {
		if (!(row = ss_q_row(&q))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			break;
		}
		json_array_append_new(arr, row);
	}
	ss_q_close(&q);
	if (error < 0) {
		json_decref(arr);
		return error;
	}
	*out = arr;
	return 0;
}

int ss_q_first(json_t **out, json_t *rows)
{
	int error = json_array_size(rows) ? 0 : SS_ENOTFOUND;

	if (error == 0)
		*out = json_incref(json_array_get(rows, 0));
	json_decref(rows);
	return error;
}
