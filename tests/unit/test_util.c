/* util: buffers, canonical JSON, text checks, dates, YAML loading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "render/render_int.h"
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

/* Control and bidirectional formatting characters: refused in typed text
 * with the code point and position, shown escaped on output. */
static void text_hidden_characters(void **state)
{
	static const char *const bidi[] = {"\xd8\x9c",     "\xe2\x80\x8e", "\xe2\x80\x8f",
					   "\xe2\x80\xaa", "\xe2\x80\xab", "\xe2\x80\xac",
					   "\xe2\x80\xad", "\xe2\x80\xae", "\xe2\x81\xa6",
					   "\xe2\x81\xa7", "\xe2\x81\xa8", "\xe2\x81\xa9"};
	char s[32];

	for (size_t i = 0; i < sizeof(bidi) / sizeof(bidi[0]); i++) {
		snprintf(s, sizeof(s), "ab%scd", bidi[i]);
		assert_int_equal(ss_text_check("--reason", s, 100, true), SS_EINVAL);
		assert_non_null(strstr(ss_error_last(), "--reason: bidirectional formatting"));
		assert_non_null(strstr(ss_error_last(), "at character 3 (byte 3)"));
	}
	assert_int_equal(ss_text_check("--title", "日本\xe2\x80\xae", 100, false), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "U+202E at character 3 (byte 7)"));
	assert_int_equal(ss_text_check("f", "a\x1b[2J", 100, true), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "f: control character U+001B at character 2"));
	assert_int_equal(ss_text_check("f", "a\xc2\x85", 100, true), SS_EINVAL); /* C1 NEL */
	assert_non_null(strstr(ss_error_last(), "U+0085"));
	assert_int_equal(ss_text_check("f", "a\rb", 100, true), SS_EINVAL);
	assert_int_equal(ss_text_check("f", "one\nline", 100, false), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "U+000A at character 4 (byte 4)"));
	assert_non_null(strstr(ss_error_last(), "this field is one line"));
	assert_int_equal(ss_text_check("f", "a\xe2\x80\x8b\xe2\x80\x8d b", 100, false),
			 0); /* ZWSP, ZWJ */
	assert_int_equal(ss_text_check("f", "\xd8\xa7\xd9\x84\xd8\xb9 عربي", 100, false), 0);
	assert_true(ss_cp_bidi(0x202E) && ss_cp_bidi(0x2066) && !ss_cp_bidi(0x2065));
	assert_true(ss_cp_hidden(0x9F) && !ss_cp_hidden(0xA0) && !ss_cp_hidden(' '));
}

static void escaped(const char *in, bool multiline, const char *want)
{
	ss_buf b = SS_BUF_INIT(0);

	assert_int_equal(ss_text_escape(&b, in, multiline), 0);
	assert_string_equal(b.ptr, want);
	ss_buf_release(&b);
}

static void text_escaping(void **state)
{
	char msg[64];

	escaped("", false, "");
	escaped("plain 日本語 \\ text", false, "plain 日本語 \\ text");
	escaped("ok\n    9 forged", false, "ok\\n    9 forged");
	escaped("a\tb\r\n", false, "a\\tb\\r\\n");
	escaped("a\tb\r\n", true, "a\tb\\r\n");
	escaped("txt\xe2\x80\xae"
		"exe.doc",
		true, "txt\\u{202E}exe.doc");
	escaped("\x1b[31mred\x7f\xc2\x9b", false, "\\u{001B}[31mred\\u{007F}\\u{009B}");
	escaped("bad\xff\xe2\x80", false, "bad\\x{FF}\\x{E2}\\x{80}");
	escaped("\xd8\x9c\xe2\x81\xa9", false, "\\u{061C}\\u{2069}");
	snprintf(msg, sizeof(msg), "x\xe2\x80\xaey\nz\xff");
	assert_string_equal(ss_text_printable(msg, true), "x???y\nz?");
}

static void render(const ss_emitter *em, const char *in, const char *want)
{
	ss_buf out = SS_BUF_INIT(0);
	ss_doc d = {.lang = "en", .out = &out, .em = em};

	assert_int_equal(em->para(&d, in), 0);
	assert_string_equal(out.ptr, want);
	ss_buf_release(&out);
}

static void render_escaping(void **state)
{
	/* Markdown: no heading, link, image, HTML or table from text */
	render(&ss_emitter_md, "# title", "\\# title\n\n");
	render(&ss_emitter_md, "[a](http://x) ![i](y) <b> | c",
	       "\\[a\\](http://x) !\\[i\\](y) \\<b\\> \\| c\n\n");
	render(&ss_emitter_md, "ok\n# forged\n1. item", "ok  \n\\# forged  \n1\\. item\n\n");
	render(&ss_emitter_md,
	       "a\xe2\x80\xae"
	       "b\x1b"
	       "c\xff",
	       "a\\\\u{202E}b\\\\u{001B}c\\\\x{FF}\n\n");
	render(&ss_emitter_md, "日本語\tタブ", "日本語\tタブ\n\n");
	/* HTML: markup escaped, bidi and controls visible, not numeric references */
	render(&ss_emitter_html, "<script>\"'&", "<p>&lt;script&gt;&quot;&#39;&amp;</p>\n");
	render(&ss_emitter_html,
	       "a\nb\xe2\x81\xa6"
	       "c\x01\xc0",
	       "<p>a<br>\nb\\u{2066}c\\u{0001}\\x{C0}</p>\n");
	render(&ss_emitter_html, "日本語 é", "<p>日本語 é</p>\n");
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
		cmocka_unit_test(text_hidden_characters),
		cmocka_unit_test(text_escaping),
		cmocka_unit_test(render_escaping),
		cmocka_unit_test(dates),
		cmocka_unit_test(yaml_loading),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
