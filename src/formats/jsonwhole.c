/* A small JSON document read whole, under an import's caps (CSAF, VEX):
 * bytes as it is read, values before jansson parses (it takes tens of bytes
 * a value), then depth and string lengths over the tree. */
#include <stdbool.h>
#include <string.h>

#include "formats/import.h"
#include "util/util.h"
#include "util/banned.h"

/* A bound on the values of JSON text: containers and separators outside
 * strings. */
static uint64_t values_in(const char *buf, size_t len)
{
	uint64_t values = 1;
	bool in_string = false;

	for (size_t i = 0; i < len; i++) {
		char ch = buf[i];

		if (in_string) {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				in_string = false;
		} else if (ch == '"') {
			in_string = true;
		} else if (ch == '{' || ch == '[' || ch == ',' || ch == ':') {
			values++;
		}
	}
	return values;
}

/* Values, depth and string lengths of the tree, against the caps. */
static int walk(const json_t *v, int depth, const ss_import_limits *lim, const char *path,
		uint64_t *values)
{
	const char *key;
	json_t *e;
	size_t i;
	int error;

	if (++*values > lim->values)
		return ss_error_set(SS_ELIMIT,
				    "%s: over the value count limit: more JSON values than %llu",
				    path, (unsigned long long)lim->values);
	if (depth > lim->depth)
		return ss_error_set(SS_ELIMIT,
				    "%s: over the depth limit: JSON nested deeper than %d", path,
				    lim->depth);
	if (json_is_string(v) && json_string_length(v) > lim->string)
		return ss_error_set(SS_ELIMIT,
				    "%s: over the string length limit: a string is longer than %zu",
				    path, lim->string);
	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, e) {
			if (strlen(key) > lim->string)
				return ss_error_set(SS_ELIMIT,
						    "%s: over the string length limit: a key is "
						    "longer than %zu",
						    path, lim->string);
			if ((error = walk(e, depth + 1, lim, path, values)) < 0)
				return error;
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, e) {
			if ((error = walk(e, depth + 1, lim, path, values)) < 0)
				return error;
		}
	}
	return 0;
}

int ss_json_load_whole(json_t **out, ss_input *in, const ss_import_limits *lim, const char *what)
{
	const char *path = in->path ? in->path : what;
	ss_buf text = SS_BUF_INIT(0);
	char chunk[1 << 14];
	json_t *root = NULL;
	json_error_t jerr;
	uint64_t values = 0;
	long n;
	int error = 0;

	*out = NULL;
	text.max = lim->bytes < SS_BUF_DOC_MAX ? (size_t)lim->bytes : SS_BUF_DOC_MAX;
	while ((n = ss_input_read(in, chunk, sizeof(chunk))) > 0) {
		if (ss_buf_put(&text, chunk, (size_t)n) < 0) {
			error = ss_error_set(SS_ELIMIT,
					     "%s: over the size limit: a %s document is larger "
					     "than %zu bytes",
					     path, what, text.max);
			goto out;
		}
	}
	if (n < 0) {
		error = (int)n;
		goto out;
	}
	if (values_in(text.ptr, text.len) > lim->values) {
		error = ss_error_set(SS_ELIMIT,
				     "%s: over the value count limit: more JSON values than %llu",
				     path, (unsigned long long)lim->values);
		goto out;
	}
	if (!(root = json_loadb(text.ptr ? text.ptr : "", text.len, JSON_REJECT_DUPLICATES,
				&jerr))) {
		error = ss_error_set(SS_EPARSE, "%s: line %d, byte %d: not JSON: %s", path,
				     jerr.line, jerr.position, jerr.text);
		goto out;
	}
	if ((error = walk(root, 1, lim, path, &values)) < 0)
		goto out;
	*out = root;
	root = NULL;
out:
	json_decref(root);
	ss_buf_release(&text);
	return error;
}
