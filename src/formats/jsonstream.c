#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>
#include <zlib.h>

#include "formats/jsonstream.h"
#include "util/util.h"
#include "util/banned.h"

#define MAX_LEVELS 128

/*
 * Depth counts open containers: 1 is the top-level object, 2 a member of
 * it (the target array when its key is `key`), 3 an element of that array,
 * and deeper levels are inside the element. Only the target array's
 * elements are built; everything else is read and dropped.
 */
typedef struct {
	const char *path;
	const char *key;
	ss_jstream_fn fn;
	void *ctx;
	int max_depth;
	size_t max_element;
	json_t *top;
	json_t *stack[MAX_LEVELS]; /* stack[d - 3]: the container open at depth d */
	char *keys[MAX_LEVELS];    /* pending member key of stack[i] */
	int depth;
	int in_target;
	int seen_target;
	char top_key[256];
	size_t element_bytes;
	int error;
} stream;

static int stop(stream *s, int code, const char *what)
{
	if (s->error == 0)
		s->error = ss_error_set(code, "%s: %s", s->path, what);
	return 0;
}

static int deliver(stream *s, json_t *element)
{
	int rc = s->fn(s->ctx, element);

	json_decref(element);
	if (rc < 0) {
		if (s->error == 0)
			s->error = rc;
		return 0;
	}
	return 1;
}

/* Attach v to the container at stack[i] (under its pending key). */
static void attach(stream *s, int i, json_t *v)
{
	if (json_is_object(s->stack[i])) {
		json_object_set_new(s->stack[i], s->keys[i] ? s->keys[i] : "", v);
		free(s->keys[i]);
		s->keys[i] = NULL;
	} else {
		json_array_append_new(s->stack[i], v);
	}
}

static int scalar(stream *s, json_t *v, size_t bytes)
{
	if (!v)
		return stop(s, SS_EPARSE, "a string is not valid UTF-8 or memory ran out");
	if (s->depth == 1) {
		if (s->top_key[0])
			json_object_set_new(s->top, s->top_key, v);
		else
			json_decref(v);
		return 1;
	}
	if (!s->in_target) {
		json_decref(v);
		return 1;
	}
	if (s->depth == 2)
		return deliver(s, v);
	s->element_bytes += bytes;
	if (s->element_bytes > s->max_element) {
		json_decref(v);
		return stop(s, SS_ELIMIT, "an element is larger than the limit");
	}
	attach(s, s->depth - 3, v);
	return 1;
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
	char buf[64], *end;
	long long v;

	if (len >= sizeof(buf))
		return stop(c, SS_EPARSE, "a number is too long");
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
	if (s->in_target && s->depth >= 3) {
		char *key = malloc(len + 1);

		if (!key)
			return stop(s, SS_ENOMEM, "out of memory");
		memcpy(key, k, len);
		key[len] = '\0';
		free(s->keys[s->depth - 3]);
		s->keys[s->depth - 3] = key;
		s->element_bytes += len;
	}
	return 1;
}

static int open_container(stream *s, int is_map)
{
	s->depth++;
	if (s->depth > s->max_depth || s->depth >= MAX_LEVELS)
		return stop(s, SS_ELIMIT, "nested deeper than the limit");
	if (s->depth == 1)
		return is_map ? 1 : stop(s, SS_EPARSE, "the document is not a JSON object");
	if (s->depth == 2) {
		if (strcmp(s->top_key, s->key) == 0) {
			if (is_map)
				return stop(s, SS_EPARSE,
					    "the member holding the objects is not an array");
			s->in_target = 1;
			s->seen_target = 1;
		}
		return 1;
	}
	if (!s->in_target)
		return 1;
	if (s->depth == 3)
		s->element_bytes = 0;
	s->stack[s->depth - 3] = is_map ? json_object() : json_array();
	s->keys[s->depth - 3] = NULL;
	return s->stack[s->depth - 3] ? 1 : stop(s, SS_ENOMEM, "out of memory");
}

static int close_container(stream *s)
{
	if (s->in_target && s->depth >= 3) {
		int i = s->depth - 3;
		json_t *v = s->stack[i];

		free(s->keys[i]);
		s->keys[i] = NULL;
		s->stack[i] = NULL;
		s->depth--;
		if (i == 0)
			return deliver(s, v);
		attach(s, i - 1, v);
		return 1;
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

int ss_jstream_file(json_t **top, const char *path, const char *key, ss_jstream_fn fn, void *ctx,
		    int max_depth, size_t max_element)
{
	stream s = {.path = path,
		    .key = key,
		    .fn = fn,
		    .ctx = ctx,
		    .max_depth = max_depth,
		    .max_element = max_element};
	unsigned char buf[1 << 16];
	yajl_handle h = NULL;
	size_t offset = 0;
	gzFile f = NULL;
	int n, i, error = 0;

	if (!top || !path || !key || !fn)
		return ss_error_set(SS_EINVAL, "ss_jstream_file: NULL argument");
	if (!(s.top = json_object()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (!(f = gzopen(path, "rb"))) {
		error = ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				     strerror(errno ? errno : EIO));
		goto out;
	}
	gzbuffer(f, 1 << 17);
	if (!(h = yajl_alloc(&callbacks, NULL, &s))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	while ((n = gzread(f, buf, sizeof(buf))) > 0) {
		if (yajl_parse(h, buf, (size_t)n) != yajl_status_ok) {
			size_t at = offset + yajl_get_bytes_consumed(h);

			if (s.error == 0) {
				unsigned char *msg = yajl_get_error(h, 0, buf, (size_t)n);

				error = ss_error_set(SS_EPARSE, "%s: byte %zu: malformed JSON: %s",
						     path, at,
						     msg ? (const char *)msg : "syntax error");
				yajl_free_error(h, msg);
			} else {
				error = s.error;
				ss_error_prefix(error, "byte %zu: ", at);
			}
			goto out;
		}
		offset += (size_t)n;
	}
	if (n < 0) {
		int zerr;
		const char *zmsg = gzerror(f, &zerr);

		error = ss_error_set(SS_EPARSE, "%s: byte %zu: cannot read the file: %s", path,
				     offset, zmsg ? zmsg : "read error");
		goto out;
	}
	if (yajl_complete_parse(h) != yajl_status_ok) {
		error = s.error ? s.error
				: ss_error_set(
					  SS_EPARSE,
					  "%s: byte %zu: the JSON ends too early (truncated file?)",
					  path, offset);
		goto out;
	}
	if (!s.seen_target) {
		error = ss_error_set(SS_EPARSE, "%s: no '%s' array in the top-level object", path,
				     key);
		goto out;
	}
	*top = s.top;
	s.top = NULL;
out:
	for (i = 0; i < MAX_LEVELS; i++) {
		json_decref(s.stack[i]);
		free(s.keys[i]);
	}
	if (h)
		yajl_free(h);
	if (f)
		gzclose(f);
	json_decref(s.top);
	return error;
}
