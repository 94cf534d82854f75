/* Catalog reader internals: version order and the id-pattern cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "core/catalog_int.h"

static void test_semver_order(void **state)
{
	(void)state;
	assert_true(ss__semver_cmp("1.10.0", "1.9.0") > 0);
	assert_true(ss__semver_cmp("1.9.9", "1.10.0") < 0);
	assert_true(ss__semver_cmp("2.0.0", "1.99.99") > 0);
	assert_int_equal(ss__semver_cmp("1.1.0", "1.1.0"), 0);
	assert_true(ss__semver_cmp("1.1.1", "1.1.0") > 0);
}

/* More distinct patterns than the cache holds: the ones past it are
 * compiled per call, and every pattern keeps matching what it matched. */
#define P(n) "^x" #n "$"

static void test_pattern_cache(void **state)
{
	static const char *const re[] = {P(0),  P(1),  P(2),  P(3),  P(4),  P(5),  P(6),  P(7),
					 P(8),  P(9),  P(10), P(11), P(12), P(13), P(14), P(15),
					 P(16), P(17), P(18), P(19), P(20), P(21), P(22), P(23),
					 P(24), P(25), P(26), P(27), P(28), P(29), P(30), P(31),
					 P(32), P(33), P(34), P(35), P(36), P(37), P(38), P(39)};
	char s[16];

	(void)state;
	for (int round = 0; round < 2; round++) {
		for (size_t i = 0; i < sizeof(re) / sizeof(re[0]); i++) {
			snprintf(s, sizeof(s), "x%zu", i);
			assert_true(ss__cat_matches(re[i], s));
			snprintf(s, sizeof(s), "x%zu", i + 1);
			assert_false(ss__cat_matches(re[i], s));
		}
	}
	assert_false(ss__cat_matches("(", "("));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_semver_order),
		cmocka_unit_test(test_pattern_cache),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
