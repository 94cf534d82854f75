/* util: buffers, canonical JSON, text checks, dates, YAML loading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "util/util.h"

static void buf_limits(void **state)
{
	ss_buf b = SS_BUF_INIT(8);

	assert_int_equal(ss_buf_puts(&b, "12345678"), 0);
	assert_string_equal(b.ptr, "12345678");
	assert_int_equal(ss_buf_putc(&b, 'x'), SS_ELIMIT);
	assert_int_equal(b.len, 8);
	ss_buf_clear(&b);
	assert_int_equal(ss_buf_printf(&b, "%d-%s", 42, "ab"), 0);
	assert_string_equal(b.ptr, "42-ab");
	ss_buf_release(&b);
	assert_string_equal(b.ptr, "");
}

static void canonical(const char *in, const char *want)
{
	json_error_t err;
	json_t *v = json_loads(in, JSON_DECODE_ANY, &err);
	ss_buf b = SS_BUF_INIT(0);

	assert_non_null(v);
	assert_int_equal(ss_json_canonical(&b, v), 0);
	assert_string_equal(b.ptr, want);
	ss_buf_release(&b);
	json_decref(v);
}

static void canonical_json(void **state)
{
	canonical("{\"b\": 1, \"a\": [true, null, \"x\"], \"__line\": 3}",
		  "{\"a\":[true,null,\"x\"],\"b\":1}");
	canonical("\"\\u0001\\n\\\"\\\\/\\u00e9\"", "\"\\u0001\\n\\\"\\\\/\xc3\xa9\"");
	canonical("{\"z\": {\"y\": 2, \"x\": 1}}", "{\"z\":{\"x\":1,\"y\":2}}");
	canonical("\"日本語\"", "\"日本語\"");
}

static void canonical_refuses_reals(void **state)
{
	json_t *v = json_real(1.5);
	ss_buf b = SS_BUF_INIT(0);

	assert_int_equal(ss_json_canonical(&b, v), SS_EINVAL);
	json_decref(v);
	ss_buf_release(&b);
}

static void text_checks(void **state)
{
	assert_int_equal(ss_text_check("f", "ok 日本語\nline", 100, true), 0);
	assert_int_equal(ss_text_check("f", "tab\tok", 100, false), SS_EINVAL);
	assert_int_equal(ss_text_check("f", "nl\n", 100, false), SS_EINVAL);
	assert_int_equal(ss_text_check("f", "\xff\xfe", 100, true), SS_EINVAL);
	assert_int_equal(ss_text_check("f", "\xed\xa0\x80", 100, true), SS_EINVAL); /* surrogate */
	assert_int_equal(ss_text_check("f", "\xc0\xaf", 100, true), SS_EINVAL);     /* overlong */
	assert_int_equal(ss_text_check("f", "abcdef", 5, true), SS_ELIMIT);
	assert_true(strstr(ss_error_last(), "limit is 5") != NULL);
	assert_int_equal(ss_name_check("n", "alice@example.jp", 100), 0);
	assert_int_equal(ss_name_check("n", "-x", 100), SS_EINVAL);
	assert_int_equal(ss_name_check("n", "a b", 100), SS_EINVAL);
	assert_int_equal(ss_name_check("n", "'; DROP TABLE x;--", 100), SS_EINVAL);
}

static void dates(void **state)
{
	int64_t v = 0;

	assert_true(ss_date_valid("2024-02-29"));
	assert_false(ss_date_valid("2023-02-29"));
	assert_false(ss_date_valid("2026-13-01"));
	assert_false(ss_date_valid("2026-1-01"));
	assert_int_equal(ss_parse_int(&v, "3", 1, 3), 0);
	assert_int_equal(v, 3);
	assert_int_equal(ss_parse_int(&v, "4", 1, 3), SS_EINVAL);
	assert_int_equal(ss_parse_int(&v, "2x", 1, 3), SS_EINVAL);
	setenv("SECSPEC_NOW", "not-a-time", 1);
	{
		char t[SS_TIME_MAX];

		assert_int_equal(ss_time_now(t), SS_EINVAL);
		setenv("SECSPEC_NOW", "2026-04-01T09:00:00Z", 1);
		assert_int_equal(ss_time_now(t), 0);
		assert_string_equal(t, "2026-04-01T09:00:00Z");
	}
}

static int write_tmp(char *path, size_t n, const char *text)
{
	FILE *f;

	snprintf(path, n, "/tmp/secspec-yaml-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0 || !(f = fdopen(fd, "w")))
		return -1;
	fputs(text, f);
	fclose(f);
	return 0;
}

static int yaml_of(json_t **out, const char *text)
{
	char path[64];
	int error;

	assert_int_equal(write_tmp(path, sizeof(path), text), 0);
	error = ss_yaml_load(out, path, 1 << 20, 8);
	unlink(path);
	return error;
}

static void yaml_loading(void **state)
{
	json_t *v = NULL;

	assert_ok(yaml_of(&v, "a: no\nb: [1, '2']\nc:\n  d: on\n"));
	assert_string_equal(ss_js(v, "a"), "no");
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "b"), 0)), "1");
	assert_string_equal(ss_js(json_object_get(v, "c"), "d"), "on");
	assert_int_equal(ss_yaml_line(v, "c"), 3);
	json_decref(v);

	assert_int_equal(yaml_of(&v, "a: &x 1\nb: *x\n"), SS_EPARSE);
	assert_true(strstr(ss_error_last(), "anchors are not allowed") != NULL);
	assert_int_equal(yaml_of(&v, "a: !!int 1\n"), SS_EPARSE);
	assert_true(strstr(ss_error_last(), "tags") != NULL);
	assert_int_equal(yaml_of(&v, "a: 1\na: 2\n"), SS_EPARSE);
	assert_true(strstr(ss_error_last(), ":2:1: duplicate key") != NULL);
	assert_int_equal(yaml_of(&v, "a: [1, 2\n"), SS_EPARSE);
	assert_int_equal(yaml_of(&v, "a: 1\n---\nb: 2\n"), SS_EPARSE);
	assert_int_equal(yaml_of(&v, "a: [[[[[[[[[[1]]]]]]]]]]\n"), SS_ELIMIT);
	assert_int_equal(yaml_of(&v, "a: \xff\xfe\n"), SS_EPARSE); /* raw invalid UTF-8 */
	assert_ok(yaml_of(&v, "a: \"\\xff\"\n"));                  /* the YAML escape is U+00FF */
	assert_string_equal(ss_js(v, "a"), "\xc3\xbf");
	json_decref(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(buf_limits),
		cmocka_unit_test(canonical_json),
		cmocka_unit_test(canonical_refuses_reals),
		cmocka_unit_test(text_checks),
		cmocka_unit_test(dates),
		cmocka_unit_test(yaml_loading),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
