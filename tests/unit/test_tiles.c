/* Merkle tiles: a log appended in uneven batches, its right edge reloaded
 * from the stored tiles between batches as the store does, gives the roots
 * and proofs of RFC 6962's definition; full tiles are never rewritten and
 * partial ones only grow. */
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "ledger/tiles.h"

#define LEAVES 70000 /* past 65,536: three tile levels */

static ss_hash *leaf;

/* stored tiles, one flat array of hashes per tile level */
static ss_hash *level[SS_TILE_LEVELS];
static uint64_t stored[SS_TILE_LEVELS];
static unsigned writes_of_full;

static int put(void *ctx, int l, uint64_t idx, const ss_hash *h, unsigned count)
{
	uint64_t first = idx * SS_TILE_WIDTH, i;

	(void)ctx;
	assert_true(count >= 1 && count <= SS_TILE_WIDTH);
	/* what is stored already may not change */
	for (i = 0; i < count && first + i < stored[l]; i++)
		assert_memory_equal(level[l][first + i], h[i], SS_HASH_LEN);
	/* no gap before a tile; a full tile is written once */
	assert_true(first <= stored[l]);
	if (count == SS_TILE_WIDTH && first + count <= stored[l])
		writes_of_full++;
	memcpy(level[l][first], h, (size_t)count * SS_HASH_LEN);
	if (first + count > stored[l])
		stored[l] = first + count;
	return 0;
}

static int get(void *ctx, int lvl, uint64_t idx, ss_hash out)
{
	int l = lvl / SS_TILE_HEIGHT, sub = lvl % SS_TILE_HEIGHT;
	uint64_t first = idx << sub;

	(void)ctx;
	if (first + (UINT64_C(1) << sub) > stored[l])
		return SS_ECORRUPT;
	/* a subtree never crosses a tile: that is what keeps reads to one tile */
	assert_true(first / SS_TILE_WIDTH == (first + (UINT64_C(1) << sub) - 1) / SS_TILE_WIDTH);
	ss_tile_subtree(out, level[l] + first, 1u << sub);
	return 0;
}

static void mth(ss_hash out, uint64_t lo, uint64_t hi)
{
	ref_mth(out, (const ss_hash *)leaf, lo, hi);
}

static void reload(ss_tile_builder *b, uint64_t size)
{
	int l;

	ss_tile_builder_init(b, size);
	for (l = 0; l < SS_TILE_LEVELS; l++) {
		uint64_t idx;
		unsigned n;

		ss_tile_edge(size, l, &idx, &n);
		assert_int_equal(idx, b->t[l].idx);
		assert_int_equal(n, b->t[l].n);
		if (n)
			memcpy(b->t[l].h, level[l][idx * SS_TILE_WIDTH], (size_t)n * SS_HASH_LEN);
	}
}

static void check_size(uint64_t n)
{
	ss_hash root, want, path[64], older;
	size_t count;
	uint64_t m, step = n / 37 + 1;

	mth(want, 0, n);
	assert_int_equal(ss_merkle_root(root, n, get, NULL), 0);
	assert_memory_equal(root, want, SS_HASH_LEN);
	for (m = 0; m < n; m += step) {
		assert_int_equal(ss_merkle_inclusion(path, &count, m, n, get, NULL), 0);
		assert_true(ss_merkle_verify_inclusion(m, n, leaf[m], path, count, root));
	}
	assert_int_equal(ss_merkle_inclusion(path, &count, n - 1, n, get, NULL), 0);
	assert_true(ss_merkle_verify_inclusion(n - 1, n, leaf[n - 1], path, count, root));
	for (m = 1; m < n; m += step * 3) {
		mth(older, 0, m);
		assert_int_equal(ss_merkle_consistency(path, &count, m, n, get, NULL), 0);
		assert_true(ss_merkle_verify_consistency(m, n, older, root, path, count));
	}
}

static void batches(void **state)
{
	static const uint64_t sizes[] = {1,   2,   255,   256,   257,   511,   512,
					 513, 999, 65535, 65536, 65537, 69999, LEAVES};
	ss_tile_builder *b = malloc(sizeof(*b));
	uint64_t n = 0, batch = 1;
	size_t next = 0;
	int l;

	(void)state;
	assert_non_null(b);
	leaf = malloc(LEAVES * sizeof(*leaf));
	for (l = 0; l < SS_TILE_LEVELS; l++)
		level[l] = calloc(LEAVES, sizeof(ss_hash));
	for (n = 0; n < LEAVES; n++) {
		uint8_t entry[8];

		memcpy(entry, &n, sizeof(entry));
		ss_merkle_leaf(leaf[n], entry, sizeof(entry));
	}
	n = 0;
	ss_tile_builder_init(b, 0);
	while (n < LEAVES) {
		uint64_t end = n + batch < LEAVES ? n + batch : LEAVES;

		/* a batch stops at every size that is checked */
		if (next < sizeof(sizes) / sizeof(sizes[0]) && end > sizes[next])
			end = sizes[next];
		while (n < end)
			assert_int_equal(ss_tile_builder_add(b, leaf[n++], put, NULL), 0);
		assert_int_equal(ss_tile_builder_flush(b, false, put, NULL), 0);
		if (next < sizeof(sizes) / sizeof(sizes[0]) && n == sizes[next]) {
			ss_hash root, want;

			/* the builder's own root, from its right edge */
			ss_tile_builder_root(b, root);
			mth(want, 0, n);
			assert_memory_equal(root, want, SS_HASH_LEN);
			check_size(n);
			next++;
		}
		/* the next transaction starts from what is stored */
		reload(b, n);
		batch = batch * 7 % 1013 + 1;
	}
	assert_int_equal(next, sizeof(sizes) / sizeof(sizes[0]));
	assert_int_equal(writes_of_full, 0);
	assert_int_equal(stored[0], LEAVES);
	assert_int_equal(stored[1], LEAVES / 256);
	assert_int_equal(stored[2], LEAVES / 65536);
	free(b);
	free(leaf);
	for (l = 0; l < SS_TILE_LEVELS; l++)
		free(level[l]);
}

static void edges(void **state)
{
	uint64_t idx;
	unsigned n;

	(void)state;
	ss_tile_edge(0, 0, &idx, &n);
	assert_true(idx == 0 && n == 0);
	ss_tile_edge(257, 0, &idx, &n);
	assert_true(idx == 1 && n == 1);
	ss_tile_edge(257, 1, &idx, &n);
	assert_true(idx == 0 && n == 1);
	ss_tile_edge(65536, 1, &idx, &n);
	assert_true(idx == 1 && n == 0);
	ss_tile_edge(65536, 2, &idx, &n);
	assert_true(idx == 0 && n == 1);
	ss_tile_edge(UINT64_MAX, 7, &idx, &n);
	assert_true(idx == 0 && n == 255);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(edges),
		cmocka_unit_test(batches),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
