/*
 * The answers of secspec serve and the checked input its handlers read:
 * JSON answers and errors (no message of a storage or internal failure
 * reaches the client), the one not-found answer, extra headers, field
 * access, and the check of a body or query against a route's fields. The
 * dispatcher (server.c), the pages and the handlers all use these; this
 * file uses none of them.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http.h"

/* ---- answers ---- */

int http_json(http_resp *rs, int status, json_t *v)
{
	char *s;

	rs->status = status;
	rs->ctype = "application/json";
	ss_buf_clear(&rs->body);
	s = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII) : NULL;
	json_decref(v);
	if (!s) {
		rs->status = 500;
		(void)ss_buf_puts(&rs->body, "{\"error\":\"internal error\",\"status\":500}");
		return 0;
	}
	(void)ss_buf_puts(&rs->body, s);
	(void)ss_buf_putc(&rs->body, '\n');
	free(s);
	return 0;
}

static int error_json(http_resp *rs, int status, const char *name, const char *msg)
{
	return http_json(
		rs, status,
		json_pack("{s:s, s:s, s:i}", "error", msg, "code", name, "status", status));
}

int http_error(http_resp *rs, int code)
{
	int status = ss_error_http_status(code);

	/* a storage or internal failure says nothing of the machine (paths,
	 * SQL): the operator reads it in the server's log */
	if (status >= 500 && code != SS_EBUSY && code != SS_ENOMEM) {
		fprintf(stderr, "secspec serve: %s: %s\n", ss_error_name(code), ss_error_last());
		return error_json(rs, status, ss_error_name(code), _("internal error"));
	}
	if (code == SS_ENOTFOUND)
		return http_not_found(rs);
	return error_json(rs, status, ss_error_name(code), ss_error_last());
}

int http_fail(http_resp *rs, int status, const char *fmt, ...)
{
	char msg[SS_ERROR_MAX];
	const char *name = status == 401   ? "EAUTH"
			   : status == 403 ? "EPERM"
			   : status == 404 ? "ENOTFOUND"
			   : status == 405 ? "EMETHOD"
			   : status == 409 ? "ECONFLICT"
			   : status == 413 ? "ELIMIT"
			   : status == 415 ? "EMEDIA"
			   : status == 429 ? "ETHROTTLE"
			   : status >= 500 ? "ERROR"
					   : "EINVAL";
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return error_json(rs, status, name, msg);
}

int http_not_found(http_resp *rs)
{
	/* one answer, word for word, for what does not exist and for what the
	 * caller may not know exists */
	return error_json(rs, 404, "ENOTFOUND", _("not found"));
}

int http_header(http_resp *rs, const char *name, const char *fmt, ...)
{
	char v[1024];
	va_list ap;

	if (rs->nheaders >= HTTP_MAX_HEADERS)
		return ss_error_set(SS_ELIMIT, "too many headers");
	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	if (!(rs->hvalue[rs->nheaders] = strdup(v)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	rs->hname[rs->nheaders++] = name;
	return 0;
}

/* ---- field access ---- */

json_t *http_active_member(const json_t *members, const char *login)
{
	const json_t *m;
	size_t i;

	json_array_foreach(members, i, m) {
		const char *person = json_string_value(json_object_get(m, "person"));

		if (person && login && strcmp(person, login) == 0 &&
		    json_is_true(json_object_get(m, "active")))
			return (json_t *)m;
	}
	return NULL;
}

const char *http_login(const http_req *rq)
{
	return json_string_value(json_object_get(rq->account, "login"));
}

const char *http_str(const http_req *rq, const char *name)
{
	const json_t *v = rq->body ? json_object_get(rq->body, name) : NULL;

	return json_is_string(v) ? json_string_value(v) : NULL;
}

const char *http_qstr(const http_req *rq, const char *name)
{
	const json_t *v = json_object_get(rq->query, name);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int64_t http_int(const http_req *rq, const char *name, int64_t dflt)
{
	const json_t *v = rq->body ? json_object_get(rq->body, name) : NULL;

	if (!v)
		v = json_object_get(rq->query, name);
	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

bool http_bool(const http_req *rq, const char *name, bool dflt)
{
	const json_t *v = rq->body ? json_object_get(rq->body, name) : NULL;

	if (!v)
		v = json_object_get(rq->query, name);
	return json_is_boolean(v) ? json_is_true(v) : dflt;
}

/* ---- checks ---- */

static int field_check(const json_t *v, const http_field *f, const char *where)
{
	size_t max = f->max ? f->max : (f->type == HF_STRINGS ? 1000 : 20000);
	const json_t *e;
	size_t i;

	switch (f->type) {
	case HF_STRING:
		if (!json_is_string(v))
			return ss_error_set(SS_EINVAL, _("%s: field '%s' must be a string"), where,
					    f->name);
		if (json_string_length(v) > max)
			return ss_error_set(SS_ELIMIT, _("%s: field '%s' is longer than %zu bytes"),
					    where, f->name, max);
		if (f->enumv) {
			const char *s = json_string_value(v), *a = f->enumv;
			size_t len = strlen(s);

			while (a && *a) {
				size_t al = strcspn(a, "|");

				if (al == len && strncmp(a, s, len) == 0)
					return 0;
				a = a[al] ? a + al + 1 : NULL;
			}
			return ss_error_set(SS_EINVAL, _("%s: field '%s' must be one of %s"), where,
					    f->name, f->enumv);
		}
		return 0;
	case HF_INT:
		if (!json_is_integer(v))
			return ss_error_set(SS_EINVAL, _("%s: field '%s' must be an integer"),
					    where, f->name);
		return 0;
	case HF_BOOL:
		if (!json_is_boolean(v))
			return ss_error_set(SS_EINVAL, _("%s: field '%s' must be true or false"),
					    where, f->name);
		return 0;
	case HF_STRINGS:
		if (!json_is_array(v))
			return ss_error_set(SS_EINVAL,
					    _("%s: field '%s' must be an array of strings"), where,
					    f->name);
		if (json_array_size(v) > max)
			return ss_error_set(SS_ELIMIT,
					    _("%s: field '%s' has more than %zu entries"), where,
					    f->name, max);
		json_array_foreach(v, i, e) {
			if (!json_is_string(e) || json_string_length(e) > 20000)
				return ss_error_set(
					SS_EINVAL,
					_("%s: entry %zu of field '%s' must be a string of at most "
					  "20000 bytes"),
					where, i + 1, f->name);
		}
		return 0;
	case HF_FILES:
		if (!json_is_array(v))
			return ss_error_set(SS_EINVAL,
					    _("%s: field '%s' must be an array of {name, sha256}"),
					    where, f->name);
		if (json_array_size(v) > max)
			return ss_error_set(SS_ELIMIT,
					    _("%s: field '%s' has more than %zu entries"), where,
					    f->name, max);
		json_array_foreach(v, i, e) {
			const json_t *name = json_object_get(e, "name");
			const char *sha = json_string_value(json_object_get(e, "sha256"));

			if (!json_is_object(e) || json_object_size(e) != 2 ||
			    !json_is_string(name) || json_string_length(name) == 0 ||
			    json_string_length(name) > 200 || !sha || strlen(sha) != 64 ||
			    strspn(sha, "0123456789abcdef") != 64)
				return ss_error_set(SS_EINVAL,
						    _("%s: entry %zu of field '%s' must be {name, "
						      "sha256}: a file "
						      "name of at most 200 bytes and 64 lowercase "
						      "hex characters"),
						    where, i + 1, f->name);
		}
		return 0;
	}
	return ss_error_set(SS_ERROR, "field type");
}

int http_fields_check(const json_t *v, const http_field *fields, const char *where)
{
	const char *key;
	const json_t *val;
	const http_field *f;
	int error;

	if (!json_is_object(v))
		return ss_error_set(SS_EINVAL, _("%s: a JSON object is expected"), where);
	json_object_foreach((json_t *)v, key, val) {
		for (f = fields; f && f->name; f++)
			if (strcmp(f->name, key) == 0)
				break;
		if (!f || !f->name)
			return ss_error_set(SS_EINVAL, _("%s: unknown field '%.64s'"), where, key);
		if ((error = field_check(val, f, where)) < 0)
			return error;
	}
	for (f = fields; f && f->name; f++)
		if (f->required && !json_object_get(v, f->name))
			return ss_error_set(SS_EINVAL, _("%s: field '%s' is required"), where,
					    f->name);
	return 0;
}
