/* Shared fixtures for the unit tests. */
#ifndef SS_TEST_HELPERS_H
#define SS_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "secspec/secspec.h"

/* A fresh database in a temporary directory with the built-in catalog. */
typedef struct {
	char dir[256];
	char path[300];
	ss_store *st;
} fixture;

int fx_setup(void **state);
int fx_teardown(void **state);
/* A project "p" with suzuki (user lead), yamada (management), tanaka
 * (user member), sato (vendor lead), kobayashi (auditor); drafted. */
void fx_project(ss_store *st);
/* Run SQL on the fixture's database behind the store's back, as an
 * attacker with access to the file would. */
void fx_tamper(fixture *fx, const char *sql);

/* MTH(leaves[lo:hi]) as RFC 6962 section 2.1 writes it: the reference the
 * Merkle code is checked against. */
void ref_mth(uint8_t out[32], const uint8_t (*leaves)[32], uint64_t lo, uint64_t hi);

#define assert_ok(expr)                                                                            \
	do {                                                                                       \
		int rc_ = (expr);                                                                  \
		if (rc_ != 0)                                                                      \
			fail_msg("%s failed: %d %s", #expr, rc_, ss_error_last());                 \
	} while (0)

#endif
