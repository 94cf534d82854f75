#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "util/banned.h"

static int put_string(ss_buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	size_t i, run = 0;
	int error;

	if ((error = ss_buf_putc(out, '"')) < 0)
		return error;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		size_t n = 0;

		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			n = 2;
		} else if (c < 0x20) {
			esc[0] = '\\';
			n = 2;
			switch (c) {
			case '\b':
				esc[1] = 'b';
				break;
			case '\f':
				esc[1] = 'f';
				break;
			case '\n':
				esc[1] = 'n';
				break;
			case '\r':
				esc[1] = 'r';
				break;
			case '\t':
				esc[1] = 't';
				break;
			default:
				esc[1] = 'u';
				esc[2] = '0';
				esc[3] = '0';
				esc[4] = hex[c >> 4];
				esc[5] = hex[c & 15];
				n = 6;
			}
		}
		if (n) {
			if ((error = ss_buf_put(out, s + run, i - run)) < 0 ||
			    (error = ss_buf_put(out, esc, n)) < 0)
				return error;
			run = i + 1;
		}
	}
	if ((error = ss_buf_put(out, s + run, len - run)) < 0)
		return error;
	return ss_buf_putc(out, '"');
}

/* secspec's object keys are ASCII (enforced below), for which RFC 8785's
 * UTF-16 code-unit order is plain byte order. */
static int key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool key_ascii(const char *k)
{
	for (; *k; k++)
		if ((unsigned char)*k >= 0x80)
			return false;
	return true;
}

static int canon(ss_buf *out, const json_t *v, int depth)
{
	int error = 0;

	if (depth > 64)
		return ss_error_set(SS_ELIMIT, "JSON nested deeper than 64 levels");
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		size_t n = json_object_size(v), k = 0, i;
		const char **keys;
		const char *key;
		json_t *val;

		if (!(keys = calloc(n ? n : 1, sizeof(*keys))))
			return ss_error_set(SS_ENOMEM, "out of memory");
		json_object_foreach((json_t *)v, key, val) {
			if (strncmp(key, "__", 2) == 0)
				continue;
			if (!key_ascii(key)) {
				free(keys);
				return ss_error_set(SS_EINVAL,
						    "canonical JSON: object key is not ASCII");
			}
			keys[k++] = key;
		}
		qsort(keys, k, sizeof(*keys), key_cmp);
		error = ss_buf_putc(out, '{');
		for (i = 0; i < k && error == 0; i++) {
			if (i && (error = ss_buf_putc(out, ',')) < 0)
				break;
			if ((error = put_string(out, keys[i], strlen(keys[i]))) < 0 ||
			    (error = ss_buf_putc(out, ':')) < 0)
				break;
			error = canon(out, json_object_get(v, keys[i]), depth + 1);
		}
		free(keys);
		if (error == 0)
			error = ss_buf_putc(out, '}');
		return error;
	}
	case JSON_ARRAY: {
		size_t i;

		if ((error = ss_buf_putc(out, '[')) < 0)
			return error;
		for (i = 0; i < json_array_size(v); i++) {
			if (i && (error = ss_buf_putc(out, ',')) < 0)
				return error;
			if ((error = canon(out, json_array_get(v, i), depth + 1)) < 0)
				return error;
		}
		return ss_buf_putc(out, ']');
	}
	case JSON_STRING:
		return put_string(out, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		return ss_buf_printf(out, "%lld", (long long)json_integer_value(v));
	case JSON_TRUE:
		return ss_buf_puts(out, "true");
	case JSON_FALSE:
		return ss_buf_puts(out, "false");
	case JSON_NULL:
		return ss_buf_puts(out, "null");
	case JSON_REAL:
		return ss_error_set(SS_EINVAL,
				    "canonical JSON: real numbers are not used by secspec");
	}
	return ss_error_set(SS_ERROR, "canonical JSON: unknown value type");
}

int ss_json_canonical(ss_buf *out, const json_t *v)
{
	if (!out || !v)
		return ss_error_set(SS_EINVAL, "ss_json_canonical: NULL argument");
	return canon(out, v, 0);
}

const char *ss_js(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s ? s : "";
}

const char *ss_js_or_null(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

int64_t ss_ji(const json_t *obj, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(obj, key));
}

json_t *ss_json_loadb_bounded(const char *buf, size_t len, size_t flags)
{
	size_t i, values = 0;
	bool in_string = false;

	/* a container or a separator outside strings starts a value; cheap
	 * input like [{},{},...] would otherwise take ~80 bytes of heap per
	 * byte read */
	for (i = 0; i < len; i++) {
		char c = buf[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if ((c == '{' || c == '[' || c == ',') && ++values > SS_JSON_VALUES_MAX) {
			return NULL;
		}
	}
	return json_loadb(buf, len, flags, NULL);
}
