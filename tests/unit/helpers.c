#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "helpers.h"
#include "ledger/merkle.h"

int fx_setup(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	json_t *res = NULL;

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/secspec-test-XXXXXX");
	if (!mkdtemp(fx->dir))
		return -1;
	snprintf(fx->path, sizeof(fx->path), "%s/t.db", fx->dir);
	setenv("SECSPEC_NOW", "2026-11-26T10:00:00Z", 1);
	if (ss_store_open(&fx->st, fx->path, 1) < 0 || ss_store_init(fx->st) < 0 ||
	    ss_catalog_load(&res, fx->st, SECSPEC_CATALOG_DIR_FOR_TESTS) < 0) {
		fprintf(stderr, "fixture: %s\n", ss_error_last());
		return -1;
	}
	json_decref(res);
	*state = fx;
	return 0;
}

int fx_teardown(void **state)
{
	fixture *fx = *state;
	char p[400];

	ss_store_free(fx->st);
	unlink(fx->path);
	snprintf(p, sizeof(p), "%s-wal", fx->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", fx->path);
	unlink(p);
	rmdir(fx->dir);
	free(fx);
	return 0;
}

void fx_project(ss_store *st)
{
	json_t *res = NULL;

	assert_ok(ss_project_create(st, "p", "User Co", "Vendor Co", NULL, "suzuki", "user", NULL));
	assert_ok(ss_member_add(st, "p", "yamada", "user", "management", NULL, "suzuki"));
	assert_ok(ss_member_add(st, "p", "tanaka", "user", "member", NULL, "suzuki"));
	assert_ok(ss_member_add(st, "p", "kobayashi", "user", "auditor", NULL, "suzuki"));
	assert_ok(ss_member_add(st, "p", "sato", "vendor", "lead", NULL, "suzuki"));
	assert_ok(ss_spec_draft(&res, st, "p", "suzuki"));
	json_decref(res);
}

void ref_mth(uint8_t out[32], const uint8_t (*leaves)[32], uint64_t lo, uint64_t hi)
{
	uint64_t n = hi - lo, k = 1;
	uint8_t l[32], r[32];

	if (n == 1) {
		memcpy(out, leaves[lo], 32);
		return;
	}
	while (k << 1 < n)
		k <<= 1;
	ref_mth(l, leaves, lo, lo + k);
	ref_mth(r, leaves, lo + k, hi);
	ss_merkle_node(out, l, r);
}

void fx_tamper(fixture *fx, const char *sql)
{
	sqlite3 *db = NULL;
	char *err = NULL;

	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("tamper SQL failed: %s", err);
	sqlite3_close(db);
}
