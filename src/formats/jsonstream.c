#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "formats/jsonstream.h"
#include "util/util.h"
#include "util/banned.h"

#define MAX_LEVELS 128
#define TOP_MEMBERS_MAX 32
#define NUMBER_MAX 63 /* the longest number or literal, in bytes */

/*
 * Depth counts open containers: 1 is the top-level object, 2 a member of
 * it (the target array when its key is `key`), 3 an element of that array,
 * and deeper levels are inside the element. Only the target array's
 * elements are built; everything else is read and dropped.
 *
 * ss_jstream_all streams every listed array the same way and builds every
 * other member of the top-level object whole: such a member is a record
 * that starts at depth 2 (base 2) where a streamed element starts at depth
 * 3 (base 3); stack[d - base] is the container open at depth d.
 */
typedef struct {
	const char *path;
	const char *key;
	const char *const *streamed; /* ss_jstream_all: the arrays streamed */
	ss_jstream_fn fn;
	ss_jstream_key_fn kfn;
	void *ctx;
	const ss_import_limits *lim;
	json_t *top;
	json_t *stack[MAX_LEVELS]; /* stack[d - 3]: the container open at depth d */
	char *keys[MAX_LEVELS];    /* pending member key of stack[i] */
	int depth;
	int base;
	int in_target;
	int seen_target;
	char top_key[256];
	size_t top_members;
	size_t element_bytes;
	uint64_t values, element_values, records;
	int error;
	/* the scan ahead of yajl: yajl re-reads a token that spans two chunks
	 * from its start, so a long one would cost quadratic time */
	int in_string, escape;
	size_t token; /* bytes of the string or number being read */
	uint64_t line;
} stream;

/* Keep the first error; 0 stops yajl. The format is an xgettext keyword. */
#define JS_STOP(s, ...) ((s)->error == 0 ? ((s)->error = ss_error_set(__VA_ARGS__), 0) : 0)

static int deliver(stream *s, json_t *element)
{
	int rc;

	if (++s->records > s->lim->records) {
		json_decref(element);
		return JS_STOP(s, SS_ELIMIT, "over the record count limit: more than %llu records",
			       (unsigned long long)s->lim->records);
	}
	rc = s->kfn ? s->kfn(s->ctx, s->top_key, element) : s->fn(s->ctx, element);
	json_decref(element);
	if (rc < 0) {
		if (s->error == 0)
			s->error = rc;
		return 0;
	}
	return 1;
}

/* A whole member of the top-level object (ss_jstream_all) goes to top. */
static int keep_member(stream *s, json_t *v)
{
	if (json_object_get(s->top, s->top_key)) {
		json_decref(v);
		return JS_STOP(s, SS_EPARSE, "duplicate key '%.60s'", s->top_key);
	}
	json_object_set_new(s->top, s->top_key, v);
	return 1;
}

/* Attach v to the container at stack[i] (under its pending key). */
static int attach(stream *s, int i, json_t *v)
{
	if (json_is_object(s->stack[i])) {
		const char *k = s->keys[i] ? s->keys[i] : "";

		if (json_object_get(s->stack[i], k)) {
			json_decref(v);
			if (s->error == 0)
				s->error = ss_error_set(SS_EPARSE, "duplicate key '%.60s'", k);
			return 0;
		}
		json_object_set_new(s->stack[i], k, v);
		free(s->keys[i]);
		s->keys[i] = NULL;
	} else {
		json_array_append_new(s->stack[i], v);
	}
	return 1;
}

/* One more value: the caps on values in the file and in the record. */
static int count(stream *s)
{
	if (++s->values > s->lim->values)
		return JS_STOP(s, SS_ELIMIT, "over the value count limit: more than %llu values",
			       (unsigned long long)s->lim->values);
	if (s->in_target && s->depth >= s->base && ++s->element_values > s->lim->record_values)
		return JS_STOP(s, SS_ELIMIT,
			       "over the record value limit: a record holds more than %llu values",
			       (unsigned long long)s->lim->record_values);
	return 1;
}

static int scalar(stream *s, json_t *v, size_t bytes)
{
	if (!v)
		return JS_STOP(s, SS_EPARSE, "a string is not valid UTF-8 or memory ran out");
	if (!count(s)) {
		json_decref(v);
		return 0;
	}
	if (s->depth == 1) {
		if (s->top_key[0] && s->top_members < TOP_MEMBERS_MAX &&
		    !json_object_get(s->top, s->top_key)) {
			s->top_members++;
			json_object_set_new(s->top, s->top_key, v);
		} else {
			json_decref(v);
		}
		return 1;
	}
	if (!s->in_target) {
		json_decref(v);
		return 1;
	}
	if (s->depth == s->base - 1)
		return deliver(s, v);
	s->element_bytes += bytes;
	if (s->element_bytes > s->lim->record_bytes) {
		json_decref(v);
		return JS_STOP(s, SS_ELIMIT,
			       "over the record size limit: a record is larger than %llu bytes",
			       (unsigned long long)s->lim->record_bytes);
	}
	return attach(s, s->depth - s->base, v);
}

static int cb_null(void *c)
{
	return scalar(c, json_null(), 4);
}

static int cb_bool(void *c, int b)
{
	return scalar(c, json_boolean(b), 5);
}

static int cb_number(void *c, const char *n, size_t len)
{
	char buf[NUMBER_MAX + 1], *end;
	long long v;

	if (len > NUMBER_MAX) /* the scan stops these first */
		return JS_STOP((stream *)c, SS_ELIMIT,
			       "over the number length limit: more than %d bytes", NUMBER_MAX);
	memcpy(buf, n, len);
	buf[len] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (*end || errno)
		return scalar(c, json_real(strtod(buf, NULL)), len);
	return scalar(c, json_integer(v), len);
}

static int cb_string(void *c, const unsigned char *str, size_t len)
{
	return scalar(c, json_stringn((const char *)str, len), len);
}

static int cb_key(void *c, const unsigned char *k, size_t len)
{
	stream *s = c;

	if (s->depth == 1) {
		size_t n = len < sizeof(s->top_key) - 1 ? len : sizeof(s->top_key) - 1;

		memcpy(s->top_key, k, n);
		s->top_key[n] = '\0';
		return 1;
	}
	if (s->in_target && s->depth >= s->base) {
		char *key;

		s->element_bytes += len;
		if (s->element_bytes > s->lim->record_bytes)
			return JS_STOP(
				s, SS_ELIMIT,
				"over the record size limit: a record is larger than %llu bytes",
				(unsigned long long)s->lim->record_bytes);
		if (!(key = malloc(len + 1)))
			return JS_STOP(s, SS_ENOMEM, "out of memory");
		memcpy(key, k, len);
		key[len] = '\0';
		free(s->keys[s->depth - s->base]);
		s->keys[s->depth - s->base] = key;
	}
	return 1;
}

static int open_container(stream *s, int is_map)
{
	s->depth++;
	if (s->depth > s->lim->depth || s->depth >= MAX_LEVELS)
		return JS_STOP(s, SS_ELIMIT, "over the nesting depth limit: deeper than %d",
			       s->lim->depth);
	if (s->depth == 1)
		return is_map ? 1 : JS_STOP(s, SS_EPARSE, "the document is not a JSON object");
	if (s->depth == 2 && s->streamed) {
		s->in_target = 1;
		s->base = 2;
		for (const char *const *k = s->streamed; *k; k++)
			if (strcmp(s->top_key, *k) == 0)
				s->base = 3;
		if (s->base == 3 && is_map)
			return JS_STOP(s, SS_EPARSE, "the member '%.60s' is not an array",
				       s->top_key);
	}
	if (s->in_target && s->depth == s->base) {
		s->element_bytes = 0;
		s->element_values = 0;
	}
	if (!count(s))
		return 0;
	if (s->depth == 2 && s->base == 3) {
		if (s->streamed || strcmp(s->top_key, s->key) == 0) {
			if (is_map)
				return JS_STOP(s, SS_EPARSE,
					       "the member holding the records is not an array");
			s->in_target = 1;
			s->seen_target = 1;
		}
		return 1;
	}
	if (!s->in_target)
		return 1;
	s->stack[s->depth - s->base] = is_map ? json_object() : json_array();
	s->keys[s->depth - s->base] = NULL;
	return s->stack[s->depth - s->base] ? 1 : JS_STOP(s, SS_ENOMEM, "out of memory");
}

static int close_container(stream *s)
{
	if (s->in_target && s->depth >= s->base) {
		int i = s->depth - s->base;
		json_t *v = s->stack[i];

		free(s->keys[i]);
		s->keys[i] = NULL;
		s->stack[i] = NULL;
		s->depth--;
		if (i == 0 && s->base == 2) {
			s->in_target = 0;
			return keep_member(s, v);
		}
		if (i == 0)
			return deliver(s, v);
		return attach(s, i - 1, v);
	}
	if (s->depth == 2)
		s->in_target = 0;
	s->depth--;
	return 1;
}

static int cb_start_map(void *c)
{
	return open_container(c, 1);
}

static int cb_start_array(void *c)
{
	return open_container(c, 0);
}

static int cb_end(void *c)
{
	return close_container(c);
}

static const yajl_callbacks callbacks = {
	cb_null,      cb_bool, NULL,   NULL,           cb_number, cb_string,
	cb_start_map, cb_key,  cb_end, cb_start_array, cb_end,
};

/* Bytes of a number or literal (true, false, null). */
static const unsigned char token_byte[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['-'] = 1, ['+'] = 1, ['.'] = 1, ['e'] = 1, ['E'] = 1, ['t'] = 1,
	['r'] = 1, ['u'] = 1, ['f'] = 1, ['a'] = 1, ['l'] = 1, ['s'] = 1, ['n'] = 1,
};

/*
 * Scan p[0..n) ahead of yajl: lines, and the length of each string and
 * number. Returns n, or the offset of the byte that breaks a limit (error
 * set).
 */
static size_t scan(stream *s, const unsigned char *p, size_t n)
{
	size_t i = 0, max = s->lim->string;

	while (i < n) {
		if (s->in_string) {
			size_t from = i;

			if (s->escape) {
				s->escape = 0;
				i++;
			}
			while (i < n && p[i] != '"' && p[i] != '\\')
				i++;
			s->token += i - from;
			if (s->token > max) {
				s->error = ss_error_set(
					SS_ELIMIT,
					"over the string length limit: a string is longer "
					"than %llu bytes",
					(unsigned long long)max);
				return from + (max - (s->token - (i - from)));
			}
			if (i == n)
				break;
			if (p[i] == '\\')
				s->escape = 1;
			else
				s->in_string = 0;
			s->token++;
			i++;
			continue;
		}
		if (p[i] == '"') {
			s->in_string = 1;
			s->token = 0;
		} else if (token_byte[p[i]]) {
			if (++s->token > NUMBER_MAX) {
				s->error = ss_error_set(SS_ELIMIT,
							"over the number length limit: a number "
							"or literal is longer than %d bytes",
							NUMBER_MAX);
				return i;
			}
		} else {
			s->token = 0;
			if (p[i] == '\n')
				s->line++;
		}
		i++;
	}
	return n;
}

/* Lines in p[0..n) (outside strings, where valid JSON has them). */
static uint64_t lines_in(const unsigned char *p, size_t n)
{
	uint64_t lines = 0;
	const unsigned char *e = p + n;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p)))) {
		lines++;
		p++;
	}
	return lines;
}

static int run(stream *s, json_t **top, ss_input *in, bool *absent);

int ss_jstream(json_t **top, ss_input *in, const char *key, ss_jstream_fn fn, void *ctx,
	       const ss_import_limits *lim, bool *absent)
{
	stream s = {.key = key, .fn = fn, .ctx = ctx, .lim = lim, .line = 1, .base = 3};

	if (absent)
		*absent = false;
	if (!top || !in || !key || !fn || !lim)
		return ss_error_set(SS_EINVAL, "ss_jstream: NULL argument");
	return run(&s, top, in, absent);
}

int ss_jstream_all(json_t **top, ss_input *in, const char *const *keys, ss_jstream_key_fn fn,
		   void *ctx, const ss_import_limits *lim)
{
	stream s = {.streamed = keys, .kfn = fn, .ctx = ctx, .lim = lim, .line = 1, .base = 3};

	if (!top || !in || !keys || !fn || !lim)
		return ss_error_set(SS_EINVAL, "ss_jstream_all: NULL argument");
	return run(&s, top, in, NULL);
}

static int run(stream *s, json_t **top, ss_input *in, bool *absent)
{
	unsigned char *buf = NULL;
	yajl_handle h = NULL;
	uint64_t offset = 0, line0;
	long n;
	int i, error = 0;

	s->path = in->path;
	if (!(s->top = json_object()) || !(buf = malloc(SS_INPUT_CHUNK)) ||
	    !(h = yajl_alloc(&callbacks, NULL, s))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	while ((n = ss_input_read(in, buf, SS_INPUT_CHUNK)) > 0) {
		size_t len = (size_t)n, ok;
		yajl_status st;

		line0 = s->line;
		ok = scan(s, buf, len);
		st = yajl_parse(h, buf, ok);
		if (st == yajl_status_ok && ok < len)
			st = yajl_status_client_canceled; /* the scan's limit error */
		if (st != yajl_status_ok) {
			size_t at = ok < len && s->error && st == yajl_status_client_canceled
					    ? ok
					    : yajl_get_bytes_consumed(h);

			if (s->error == 0) {
				unsigned char *msg = yajl_get_error(h, 0, buf, ok);
				char text[160];

				snprintf(text, sizeof(text), "%s",
					 msg ? (const char *)msg : _("syntax error"));
				text[strcspn(text, "\n")] = '\0';
				yajl_free_error(h, msg);
				error = ss_error_set(SS_EPARSE, "malformed JSON: %s", text);
			} else {
				error = s->error;
			}
			ss_error_prefix(error, "%s: line %llu, byte %llu: ", s->path,
					(unsigned long long)(line0 + lines_in(buf, at)),
					(unsigned long long)(offset + at));
			goto out;
		}
		offset += len;
	}
	if (n < 0) {
		error = (int)n;
		goto out;
	}
	if (yajl_complete_parse(h) != yajl_status_ok) {
		error = s->error ? s->error
				 : ss_error_set(SS_EPARSE,
						"the JSON ends too early (truncated file?)");
		ss_error_prefix(error, "%s: line %llu, byte %llu: ", s->path,
				(unsigned long long)s->line, (unsigned long long)offset);
		goto out;
	}
	if (!s->streamed && !s->seen_target) {
		if (absent)
			*absent = true;
		error = ss_error_set(SS_EPARSE, "%s: no '%s' array in the top-level object",
				     s->path, s->key);
		goto out;
	}
	*top = s->top;
	s->top = NULL;
out:
	for (i = 0; i < MAX_LEVELS; i++) {
		json_decref(s->stack[i]);
		free(s->keys[i]);
	}
	if (h)
		yajl_free(h);
	free(buf);
	json_decref(s->top);
	return error;
}
