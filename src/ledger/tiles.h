/*
 * The stored form of a Merkle tree: tiles, as in the tiled transparency logs
 * (C2SP tlog-tiles, Go's sumdb). The hashes of tree level 8*L are kept in
 * rows of 256 ("tile L, index t" holds level-8L hashes 256*t .. 256*t+255);
 * every other complete subtree root is computed from at most 128 hashes of
 * one tile. A log of n leaves stores about n * 32 * (1 + 1/256 + ...) bytes
 * in n/256 rows, and an inclusion proof reads one tile per 8 levels.
 *
 * Only complete subtrees are stored, so a tile never changes once full, and
 * a partial tile (the right edge) only grows: the tiles of a larger tree
 * also serve every smaller one.
 */
#ifndef SS_LEDGER_TILES_H
#define SS_LEDGER_TILES_H

#include <stdbool.h>
#include <stdint.h>

#include "ledger/merkle.h"

#define SS_TILE_HEIGHT 8
#define SS_TILE_WIDTH 256
#define SS_TILE_LEVELS 8 /* 64 tree levels / SS_TILE_HEIGHT */

/* Where the right-edge tile of level L sits in a tree of size leaves: its
 * index and how many hashes it holds (0: none, the level is all full tiles
 * or empty). */
void ss_tile_edge(uint64_t size, int level, uint64_t *idx, unsigned *width);

/* Root of count (a power of two, <= SS_TILE_WIDTH) consecutive hashes that
 * form a perfect subtree. */
void ss_tile_subtree(ss_hash out, const ss_hash *hashes, unsigned count);

/* The right edge of a tree, kept while leaves are appended (by the write
 * path, and by the checker, which needs only the roots). Tiles that fill up
 * are handed to on_full at once; partial ones stay until flushed. */
typedef struct {
	uint64_t size;
	struct {
		ss_hash h[SS_TILE_WIDTH];
		unsigned n;
		uint64_t idx;
		bool dirty;
	} t[SS_TILE_LEVELS];
} ss_tile_builder;

typedef int (*ss_tile_fn)(void *ctx, int level, uint64_t idx, const ss_hash *hashes,
			  unsigned count);

/* Start at size leaves; the caller then fills t[L].h[0 .. n) of every level
 * whose edge tile is partial (ss_tile_edge), from storage. */
void ss_tile_builder_init(ss_tile_builder *b, uint64_t size);
/* Append a leaf hash; on_full gets each tile the leaf completes. */
int ss_tile_builder_add(ss_tile_builder *b, const ss_hash leaf, ss_tile_fn on_full, void *ctx);
/* Root of the tree of every leaf added so far (SHA-256("") when none). */
void ss_tile_builder_root(const ss_tile_builder *b, ss_hash out);
/* Hand every partial tile changed since the last flush (all of them when
 * all is true) to fn. */
int ss_tile_builder_flush(ss_tile_builder *b, bool all, ss_tile_fn fn, void *ctx);

#endif
