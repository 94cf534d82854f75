/*
 * Fuzz target: ss_json_canonical (src/util/json.c).
 *
 * Whatever jansson parses is canonicalized. Properties, each an abort():
 * the canonical text parses again and canonicalizes to the same bytes
 * (idempotence), and, for trees without "__" annotation keys, it equals
 * jansson's own sorted compact dump (whose \u escapes use upper-case hex).
 * Reals, non-ASCII keys and deep nesting are refused, which is fine.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secspec/buf.h"
#include "util/util.h"
#include "fuzz.h"

#define CANON_MAX ((size_t)1 << 20)
#define LOAD_FLAGS (JSON_DECODE_ANY | JSON_ALLOW_NUL)

static void fail(const char *what, const ss_buf *a, const char *b)
{
	fprintf(stderr, "fuzz_json_canonical: %s\n  canonical: %s\n  other:     %s\n", what,
		a ? a->ptr : "", b ? b : "");
	abort();
}

static int has_annotation(const json_t *v)
{
	const char *key;
	json_t *val;
	size_t i;

	if (json_is_array(v)) {
		json_array_foreach(v, i, val)
			if (has_annotation(val))
				return 1;
	} else if (json_is_object(v)) {
		json_object_foreach((json_t *)v, key, val)
			if (strncmp(key, "__", 2) == 0 || has_annotation(val))
				return 1;
	}
	return 0;
}

/* jansson writes control characters as \u00XX in upper case; RFC 8785 in lower. */
static void lower_escapes(char *s)
{
	for (; *s; s++) {
		if (*s != '\\' || !s[1])
			continue;
		s++;
		if (*s == 'u') {
			int i;

			for (i = 1; i <= 4 && s[i]; i++)
				s[i] = (char)tolower((unsigned char)s[i]);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ss_buf first = SS_BUF_INIT(CANON_MAX), second = SS_BUF_INIT(CANON_MAX);
	json_t *v = NULL, *again = NULL;
	char *dump = NULL;

	if (!(v = json_loadb((const char *)data, size, LOAD_FLAGS, NULL)))
		goto out;
	if (ss_json_canonical(&first, v) < 0)
		goto out;
	if (strlen(first.ptr) != first.len)
		fail("NUL byte in the canonical text", &first, NULL);
	if (!(again = json_loadb(first.ptr, first.len, LOAD_FLAGS, NULL)))
		fail("canonical text does not parse", &first, NULL);
	if (ss_json_canonical(&second, again) < 0)
		fail("canonical text cannot be canonicalized", &first, ss_error_last());
	if (first.len != second.len || memcmp(first.ptr, second.ptr, first.len) != 0)
		fail("canonicalization is not idempotent", &first, second.ptr);
	if (!has_annotation(v)) {
		if (!(dump = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY)))
			goto out; /* out of memory */
		lower_escapes(dump);
		if (strcmp(dump, first.ptr) != 0)
			fail("differs from jansson's sorted compact dump", &first, dump);
	}
out:
	free(dump);
	json_decref(again);
	json_decref(v);
	ss_buf_release(&second);
	ss_buf_release(&first);
	return 0;
}
