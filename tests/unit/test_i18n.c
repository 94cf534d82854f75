/* Messages in the reader's language: the embedded Japanese catalog, the
 * language taken from the environment, one language per thread, and a
 * damaged catalog that translates nothing instead of crashing. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "util/i18n.h"

extern const unsigned char ss__mo_ja[];
extern const size_t ss__mo_ja_len;

static void lang_set_and_lookup(void **state)
{
	(void)state;
	assert_true(ss_i18n_count("ja") > 0);
	assert_int_equal(ss_i18n_count("en"), 0);
	assert_string_equal(ss_messages_lang(), "en");
	assert_string_equal(_("out of memory"), "out of memory");
	assert_ok(ss_messages_lang_set("ja"));
	assert_string_equal(_("out of memory"), "メモリー不足");
	/* error texts and messages set by the library follow the language */
	assert_string_equal(ss_error_text(SS_ENOTFOUND), "見つかりません");
	/* a message without a translation stays English */
	assert_string_equal(_("no such message in any catalog"), "no such message in any catalog");
	assert_int_equal(ss_messages_lang_set("de"), SS_EINVAL);
	assert_string_equal(ss_messages_lang(), "ja");
	assert_ok(ss_messages_lang_set("en"));
	assert_string_equal(ss_error_text(SS_ENOTFOUND), "not found");
}

static void env(const char *language, const char *lc_all, const char *lc_messages, const char *lang,
		const char *want)
{
	const char *names[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	const char *values[] = {language, lc_all, lc_messages, lang};
	size_t i;

	for (i = 0; i < 4; i++) {
		if (values[i])
			setenv(names[i], values[i], 1);
		else
			unsetenv(names[i]);
	}
	assert_string_equal(ss_messages_lang_env(), want);
}

static void language_from_environment(void **state)
{
	(void)state;
	env(NULL, NULL, NULL, NULL, "ja"); /* Japanese by default */
	env(NULL, NULL, NULL, "C", "ja");
	env(NULL, NULL, NULL, "C.UTF-8", "ja");
	env(NULL, NULL, NULL, "POSIX", "ja");
	env(NULL, NULL, NULL, "en_US.UTF-8", "en");
	env(NULL, NULL, NULL, "ja_JP.UTF-8", "ja");
	env(NULL, NULL, NULL, "de_DE.UTF-8", "en"); /* no German: the source language */
	env(NULL, NULL, "en_GB.UTF-8", "ja_JP.UTF-8", "en");
	env(NULL, "ja_JP.eucJP", "en_GB.UTF-8", "en_US", "ja");
	env("en:ja", "ja_JP.UTF-8", NULL, NULL, "en");
	env("ja", "C", NULL, NULL, "ja");
	env("", "", "", "en_US.UTF-8", "en"); /* empty means unset */
	env(NULL, NULL, NULL, "jam", "en");
	env(NULL, NULL, NULL, NULL, "ja");
}

static void *other_thread(void *arg)
{
	(void)arg;
	/* a new thread starts in English, whatever another thread chose */
	if (strcmp(_("out of memory"), "out of memory") != 0)
		return (void *)1;
	ss_messages_lang_set("ja");
	return strcmp(_("out of memory"), "メモリー不足") == 0 ? NULL : (void *)2;
}

static void one_language_per_thread(void **state)
{
	pthread_t t;
	void *rc = (void *)3;

	(void)state;
	assert_ok(ss_messages_lang_set("en"));
	assert_int_equal(pthread_create(&t, NULL, other_thread, NULL), 0);
	assert_int_equal(pthread_join(t, &rc), 0);
	assert_null(rc);
	assert_string_equal(_("out of memory"), "out of memory");
}

static void damaged_catalogs(void **state)
{
	unsigned char *copy = malloc(ss__mo_ja_len);
	size_t i, n = ss__mo_ja_len;
	long all = ss__i18n_check(ss__mo_ja, n);
	unsigned seed = 1;

	(void)state;
	assert_non_null(copy);
	assert_true(all > 0);
	assert_int_equal(all, ss_i18n_count("ja"));
	/* shorter than its tables */
	assert_int_equal(ss__i18n_check(ss__mo_ja, 27), -1);
	assert_int_equal(ss__i18n_check(ss__mo_ja, n / 2), -1);
	/* another magic, another major revision */
	memcpy(copy, ss__mo_ja, n);
	copy[0] ^= 0xff;
	assert_int_equal(ss__i18n_check(copy, n), -1);
	memcpy(copy, ss__mo_ja, n);
	copy[7] = 1;
	assert_int_equal(ss__i18n_check(copy, n), -1);
	/* a string's offset past the end */
	memcpy(copy, ss__mo_ja, n);
	memset(copy + 12, 0xff, 4);
	assert_int_equal(ss__i18n_check(copy, n), -1);
	/* random damage: refused or read within bounds (ASan watches) */
	for (i = 0; i < 5000; i++) {
		size_t k, flips = 1 + (size_t)(rand_r(&seed) % 4);

		memcpy(copy, ss__mo_ja, n);
		for (k = 0; k < flips; k++)
			copy[(size_t)rand_r(&seed) % n] ^=
				(unsigned char)(1u << (rand_r(&seed) % 8));
		(void)ss__i18n_check(copy, n);
	}
	free(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lang_set_and_lookup),
		cmocka_unit_test(language_from_environment),
		cmocka_unit_test(one_language_per_thread),
		cmocka_unit_test(damaged_catalogs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
