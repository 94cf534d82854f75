#include <stdlib.h>
#include <string.h>

#include "util/util.h"
#include "util/banned.h"

#define IS_LITTLE_ENDIAN (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__)

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

	/* as ss_json_is_canonical: at most 64 levels of containers */
	if (depth >= 64 && (json_is_object(v) || json_is_array(v)))
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

json_t *ss_json_find_by(const json_t *list, const char *key, const char *value)
{
	json_t *e;
	size_t i;

	json_array_foreach(list, i, e) {
		if (value && strcmp(ss_js(e, key), value) == 0)
			return e;
	}
	return NULL;
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

/*
 * The canonical-form check, in one pass over the bytes and without building
 * a tree: what ss_json_canonical would write for the value these bytes
 * parse to, byte for byte. Keys must need no escape (secspec's never do),
 * so that their byte order can be compared as they stand. The members of
 * the top object and of the objects directly in it are recorded on the way
 * when asked (ss_json_canonical_scan), so that a caller reads an event's
 * envelope and data without a second pass.
 */
typedef struct {
	const char *p, *end, *start;
	int depth;
	ss_json_members *out;
} canon_scan;

static bool scan_value(canon_scan *s, int parent);

/* The bytes of w below 0x20, '"', '\\' or above 0x7f, as the high bit of
 * each (exact for the lowest such byte, which is all the caller uses): a
 * string's plain ASCII is skipped a word at a time. */
static uint64_t word_special(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, high = 0x8080808080808080u;
	uint64_t q = w ^ (ones * '"'), b = w ^ (ones * '\\');

	return (w | ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((b - ones) & ~b)) & high;
}

static bool scan_string(canon_scan *s, bool key, bool *esc)
{
	const char *p = s->p + 1, *run = p;
	bool high = false;

	if (s->p >= s->end || *s->p != '"')
		return false;
	*esc = false;
	while (p < s->end) {
		unsigned char c;

		while (s->end - p >= 8) {
			uint64_t w, m;

			memcpy(&w, p, 8);
			if ((m = word_special(w)) != 0) {
				/* little-endian: the lowest set bit is the first byte */
				p += IS_LITTLE_ENDIAN ? (size_t)__builtin_ctzll(m) / 8 : 0;
				break;
			}
			p += 8;
		}
		if (p >= s->end)
			break;
		c = (unsigned char)*p;
		if (c == '"')
			break;
		if (c < 0x20)
			return false;
		if (c == '\\') {
			char e;

			if (key || p + 1 >= s->end)
				return false;
			*esc = true;
			e = p[1];
			if (e == '"' || e == '\\' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
			    e == 't') {
				p += 2;
				continue;
			}
			/* \u00XX only for the control characters without a short form */
			if (e != 'u' || p + 6 > s->end || p[2] != '0' || p[3] != '0' ||
			    (p[4] != '0' && p[4] != '1'))
				return false;
			{
				const char *h = p + 5;
				unsigned v = (unsigned)(p[4] - '0') * 16;

				if (*h >= '0' && *h <= '9')
					v += (unsigned)(*h - '0');
				else if (*h >= 'a' && *h <= 'f')
					v += (unsigned)(*h - 'a' + 10);
				else
					return false;
				if (v == '\b' || v == '\f' || v == '\n' || v == '\r' || v == '\t')
					return false;
			}
			p += 6;
			continue;
		}
		if (c >= 0x80) {
			if (key)
				return false;
			high = true;
		}
		p++;
	}
	if (p >= s->end || (high && !ss_utf8_valid(run, (size_t)(p - run))))
		return false;
	s->p = p + 1;
	return true;
}

static bool scan_number(canon_scan *s)
{
	const char *p = s->p, *digits;

	if (p < s->end && *p == '-')
		p++;
	digits = p;
	while (p < s->end && *p >= '0' && *p <= '9')
		p++;
	if (p == digits || p - digits > 19 || (*digits == '0' && p - digits > 1))
		return false;
	if (*digits == '0' && digits > s->p) /* -0 */
		return false;
	if (p - digits == 19) { /* within int64: compare against the bounds' digits */
		const char *max = *s->p == '-' ? "9223372036854775808" : "9223372036854775807";

		if (memcmp(digits, max, 19) > 0)
			return false;
	}
	s->p = p;
	return true;
}

static bool scan_word(canon_scan *s, const char *w, size_t n)
{
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, w, n) != 0)
		return false;
	s->p += n;
	return true;
}

/* parent: where this object's members are recorded (-1 the top object, a
 * member's index for an object directly in it, < -1 not recorded). */
static bool scan_object(canon_scan *s, int parent)
{
	const char *prev = NULL, *key;
	size_t prev_len = 0, key_len;
	bool esc;

	s->p++;
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return true;
	}
	for (;;) {
		ss_json_member *m = NULL;
		int self = -2;

		key = s->p + 1;
		if (!scan_string(s, true, &esc))
			return false;
		key_len = (size_t)(s->p - 1 - key);
		if (key_len >= 2 && key[0] == '_' && key[1] == '_')
			return false; /* annotations, which the canonical form leaves out */
		if (prev) {
			size_t n = prev_len < key_len ? prev_len : key_len, j = 0;

			/* keys are short: compare in place */
			while (j < n && prev[j] == key[j])
				j++;
			if (j < n ? (unsigned char)prev[j] > (unsigned char)key[j]
				  : prev_len >= key_len)
				return false; /* out of order, or a duplicate */
		}
		prev = key;
		prev_len = key_len;
		if (s->p >= s->end || *s->p++ != ':')
			return false;
		if (s->out && (parent == -1 || (parent >= 0 && !s->out->top_only))) {
			if (s->out->n < s->out->cap) {
				self = (int)s->out->n;
				m = &s->out->m[s->out->n++];
				m->key = key;
				m->key_len = (uint32_t)key_len;
				m->parent = (int16_t)parent;
				m->esc = false;
			} else {
				s->out->overflow = true;
			}
		}
		if (!m) {
			if (!scan_value(s, -2))
				return false;
		} else {
			const char *v = s->p;
			size_t vlen;

			if (v >= s->end)
				return false; /* the text ends after the ':' */
			switch (*v) {
			case '"':
				if (!scan_string(s, false, &m->esc))
					return false;
				m->kind = 's';
				v++;
				vlen = (size_t)(s->p - 1 - v);
				break;
			case '{':
				m->kind = 'o';
				/* only the top object's members are parents */
				if (!scan_value(s, parent == -1 && self <= INT16_MAX ? self : -2))
					return false;
				vlen = (size_t)(s->p - v);
				break;
			default:
				m->kind = *v == '['   ? 'a'
					  : *v == 't' ? 't'
					  : *v == 'f' ? 'f'
					  : *v == 'n' ? 'n'
						      : 'i';
				if (!scan_value(s, -2))
					return false;
				vlen = (size_t)(s->p - v);
			}
			m->val = v;
			m->val_len = (uint32_t)vlen;
		}
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == '}') {
			s->p++;
			return true;
		}
		return false;
	}
}

static bool scan_array(canon_scan *s)
{
	s->p++;
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return true;
	}
	for (;;) {
		if (!scan_value(s, -2))
			return false;
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == ']') {
			s->p++;
			return true;
		}
		return false;
	}
}

static bool scan_value(canon_scan *s, int parent)
{
	bool ok, esc;

	if (s->p >= s->end)
		return false;
	switch (*s->p) {
	case '{':
	case '[':
		if (++s->depth > 64)
			return false;
		ok = *s->p == '{' ? scan_object(s, parent) : scan_array(s);
		s->depth--;
		return ok;
	case '"':
		return scan_string(s, false, &esc);
	case 't':
		return scan_word(s, "true", 4);
	case 'f':
		return scan_word(s, "false", 5);
	case 'n':
		return scan_word(s, "null", 4);
	default:
		return scan_number(s);
	}
}

bool ss_json_canonical_scan(const char *text, size_t len, size_t *where, ss_json_members *out)
{
	canon_scan s = {text, text + len, text, 0, out};
	bool ok;

	if (out) {
		out->n = 0;
		out->overflow = len > UINT32_MAX; /* spans are recorded in 32 bits */
		if (out->overflow)
			s.out = NULL;
	}
	ok = text && scan_value(&s, -1) && s.p == s.end;
	if (where)
		*where = text ? (size_t)(s.p - text) : 0;
	return ok;
}

bool ss_json_is_canonical(const char *text, size_t len, size_t *where)
{
	return ss_json_canonical_scan(text, len, where, NULL);
}
