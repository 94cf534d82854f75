#include <string.h>

#include "ledger/tiles.h"
#include "util/util.h"
#include "util/banned.h"

void ss_tile_edge(uint64_t size, int level, uint64_t *idx, unsigned *width)
{
	int shift = level * SS_TILE_HEIGHT;
	uint64_t hashes = shift < 64 ? size >> shift : 0;

	*idx = hashes / SS_TILE_WIDTH;
	*width = (unsigned)(hashes % SS_TILE_WIDTH);
}

void ss_tile_subtree(ss_hash out, const ss_hash *hashes, unsigned count)
{
	ss_hash work[SS_TILE_WIDTH / 2];
	unsigned i;

	if (count == 1) {
		memcpy(out, hashes[0], SS_HASH_LEN);
		return;
	}
	for (i = 0; i < count / 2; i++)
		ss_merkle_node(work[i], hashes[2 * i], hashes[2 * i + 1]);
	for (count /= 2; count > 1; count /= 2)
		for (i = 0; i < count / 2; i++)
			ss_merkle_node(work[i], work[2 * i], work[2 * i + 1]);
	memcpy(out, work[0], SS_HASH_LEN);
}

void ss_tile_builder_init(ss_tile_builder *b, uint64_t size)
{
	int l;

	b->size = size;
	for (l = 0; l < SS_TILE_LEVELS; l++) {
		ss_tile_edge(size, l, &b->t[l].idx, &b->t[l].n);
		b->t[l].dirty = false;
	}
}

int ss_tile_builder_add(ss_tile_builder *b, const ss_hash leaf, ss_tile_fn on_full, void *ctx)
{
	ss_hash carry;
	int l, error;

	memcpy(carry, leaf, SS_HASH_LEN);
	for (l = 0; l < SS_TILE_LEVELS; l++) {
		unsigned n = b->t[l].n;

		memcpy(b->t[l].h[n], carry, SS_HASH_LEN);
		b->t[l].n = ++n;
		b->t[l].dirty = true;
		if (n < SS_TILE_WIDTH)
			break;
		/* full: it goes to storage as it is, and its root moves up */
		if (on_full && (error = on_full(ctx, l, b->t[l].idx, b->t[l].h, n)) < 0)
			return error;
		ss_tile_subtree(carry, b->t[l].h, n);
		b->t[l].n = 0;
		b->t[l].idx++;
		b->t[l].dirty = false;
	}
	b->size++;
	return 0;
}

void ss_tile_builder_root(const ss_tile_builder *b, ss_hash out)
{
	ss_hash parts[SS_TILE_LEVELS * SS_TILE_HEIGHT];
	int l, k, n = 0;

	if (b->size == 0) {
		ss_sha256(out, "", 0);
		return;
	}
	/* the perfect subtrees of the tree, left to right: the bits of its size,
	 * highest first, each a run of hashes in its level's partial tile */
	for (l = SS_TILE_LEVELS - 1; l >= 0; l--) {
		unsigned off = 0;

		for (k = SS_TILE_HEIGHT - 1; k >= 0; k--) {
			if (!(b->t[l].n & (1u << k)))
				continue;
			ss_tile_subtree(parts[n++], b->t[l].h + off, 1u << k);
			off += 1u << k;
		}
	}
	/* folded from the right: MTH's split */
	memcpy(out, parts[n - 1], SS_HASH_LEN);
	while (--n > 0)
		ss_merkle_node(out, parts[n - 1], out);
}

int ss_tile_builder_flush(ss_tile_builder *b, bool all, ss_tile_fn fn, void *ctx)
{
	int l, error;

	for (l = 0; l < SS_TILE_LEVELS; l++) {
		if (b->t[l].n == 0 || (!all && !b->t[l].dirty))
			continue;
		if ((error = fn(ctx, l, b->t[l].idx, b->t[l].h, b->t[l].n)) < 0)
			return error;
		b->t[l].dirty = false;
	}
	return 0;
}
