/*
 * A project's Merkle tree in the merkle_tile table (src/ledger/tiles.h): the
 * right edge kept in memory while a write transaction appends, the tiles read
 * back for roots and proofs, and a check of every stored tile against the
 * leaves.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger/tiles.h"
#include "store/state.h"
#include "store/store.h"
#include "util/util.h"
#include "util/banned.h"

struct ss_tile_state {
	int64_t pid; /* 0: nothing loaded */
	ss_tile_builder b;
};

void ss__tiles_forget(ss_store *st)
{
	if (st->tiles)
		st->tiles->pid = 0;
}

void ss__tiles_free(ss_store *st)
{
	free(st->tiles);
	st->tiles = NULL;
}

/* Tile (level, idx) into out; *count hashes (0 when there is no such tile). */
static int tile_read(ss_store *st, int64_t pid, int level, uint64_t idx, ss_hash *out,
		     unsigned *count)
{
	ss_query q;
	int error;

	*count = 0;
	if ((error = ss_q_open(
		     &q, st,
		     "SELECT hashes FROM merkle_tile WHERE project_id = ?1 AND level = ?2 "
		     "AND idx = ?3",
		     "iii", pid, (int64_t)level, (int64_t)idx)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		size_t len = 0;
		const void *p = ss_q_blob(&q, 0, &len);

		if (len == 0 || len % SS_HASH_LEN || len > SS_TILE_WIDTH * SS_HASH_LEN) {
			error = ss_error_set(
				SS_ECORRUPT,
				"the Merkle tile at level %d, index %llu is %zu bytes, "
				"not a whole number of hashes",
				level * SS_TILE_HEIGHT, (unsigned long long)idx, len);
		} else {
			memcpy(out, p, len);
			*count = (unsigned)(len / SS_HASH_LEN);
			error = 0;
		}
	}
	ss_q_close(&q);
	return error;
}

struct writer {
	ss_store *st;
	int64_t pid;
};

static int tile_write(void *vctx, int level, uint64_t idx, const ss_hash *hashes, unsigned count)
{
	struct writer *w = vctx;
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, w->st,
			       "INSERT INTO merkle_tile(project_id, level, idx, hashes) "
			       "VALUES(?1, ?2, ?3, ?4) ON CONFLICT(project_id, level, idx) "
			       "DO UPDATE SET hashes = excluded.hashes",
			       "iiin", w->pid, (int64_t)level, (int64_t)idx)) < 0)
		return error;
	if ((error = ss_q_bind_blob(&q, 4, hashes, (size_t)count * SS_HASH_LEN)) == 0)
		while ((error = ss_q_next(&q)) > 0)
			;
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

/* The right edge of the tree of size leaves, from the stored tiles. */
static int edge_load(ss_store *st, int64_t pid, uint64_t size)
{
	ss_tile_builder *b;
	int l, error;

	if (!st->tiles && !(st->tiles = calloc(1, sizeof(*st->tiles))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	st->tiles->pid = 0;
	b = &st->tiles->b;
	ss_tile_builder_init(b, size);
	for (l = 0; l < SS_TILE_LEVELS; l++) {
		unsigned want = b->t[l].n, have;

		if (want == 0)
			continue;
		if ((error = tile_read(st, pid, l, b->t[l].idx, b->t[l].h, &have)) < 0)
			return error;
		if (have < want)
			return ss_error_set(SS_ECORRUPT,
					    "the Merkle tile at level %d, index %llu holds %u of "
					    "the %u hashes a tree of %llu leaves needs",
					    l * SS_TILE_HEIGHT, (unsigned long long)b->t[l].idx,
					    have, want, (unsigned long long)size);
	}
	st->tiles->pid = pid;
	return 0;
}

int ss__tiles_append(ss_store *st, int64_t pid, uint64_t size, const ss_hash leaf)
{
	struct writer w = {st, pid};
	int error;

	if ((!st->tiles || st->tiles->pid != pid || st->tiles->b.size != size) &&
	    (error = edge_load(st, pid, size)) < 0)
		return error;
	if ((error = ss_tile_builder_add(&st->tiles->b, leaf, tile_write, &w)) < 0)
		ss__tiles_forget(st);
	return error;
}

int ss__tiles_flush(ss_store *st)
{
	struct writer w;
	int error;

	if (!st->tiles || !st->tiles->pid)
		return 0;
	w.st = st;
	w.pid = st->tiles->pid;
	if ((error = ss_tile_builder_flush(&st->tiles->b, false, tile_write, &w)) < 0)
		ss__tiles_forget(st);
	return error;
}

/* --- reading: a getter for src/ledger/merkle.c, one cached tile per level --- */

struct reader {
	ss_store *st;
	int64_t pid;
	struct {
		ss_hash h[SS_TILE_WIDTH];
		unsigned n;
		uint64_t idx;
		bool loaded;
	} t[SS_TILE_LEVELS];
};

static int node_get(void *vctx, int level, uint64_t idx, ss_hash out)
{
	struct reader *r = vctx;
	int l = level / SS_TILE_HEIGHT, sub = level % SS_TILE_HEIGHT, error;
	uint64_t first = idx << sub, tile = first / SS_TILE_WIDTH;
	unsigned off = (unsigned)(first % SS_TILE_WIDTH), count = 1u << sub;

	if (l >= SS_TILE_LEVELS)
		return ss_error_set(SS_EINVAL, "no Merkle level %d", level);
	if (!r->t[l].loaded || r->t[l].idx != tile) {
		r->t[l].loaded = false;
		if ((error = tile_read(r->st, r->pid, l, tile, r->t[l].h, &r->t[l].n)) < 0)
			return error;
		r->t[l].idx = tile;
		r->t[l].loaded = true;
	}
	if (r->t[l].n < off + count)
		return ss_error_set(SS_ECORRUPT,
				    "the Merkle tree lacks the node at level %d, index %llu", level,
				    (unsigned long long)idx);
	ss_tile_subtree(out, r->t[l].h + off, count);
	return 0;
}

static int reader_new(struct reader **out, ss_store *st, int64_t pid)
{
	int error;

	/* what this transaction appended is read back from the table */
	if (st->tiles && st->tiles->pid == pid && (error = ss__tiles_flush(st)) < 0)
		return error;
	if (!(*out = calloc(1, sizeof(**out))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	(*out)->st = st;
	(*out)->pid = pid;
	return 0;
}

int ss_lstore_node(ss_store *st, int64_t pid, int level, uint64_t idx, ss_hash out)
{
	ss_query q;
	int error;

	if (level > 0) {
		struct reader *r;

		if ((error = reader_new(&r, st, pid)) < 0)
			return error;
		error = node_get(r, level, idx, out);
		free(r);
		return error;
	}
	/* a leaf: the hash stored with the event itself */
	if ((error = ss_q_open(&q, st, "SELECT hash FROM event WHERE project_id = ?1 AND seq = ?2",
			       "ii", pid, (int64_t)idx + 1)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		error = ss_hash_unhex(out, ss_q_text(&q, 0)) < 0
				? ss_error_set(SS_ECORRUPT, "event %llu has no valid hash",
					       (unsigned long long)idx + 1)
				: 0;
	else if (error == 0)
		error = ss_error_set(SS_ENOTFOUND, "event %llu is not in the log",
				     (unsigned long long)idx + 1);
	ss_q_close(&q);
	return error;
}

int ss_lstore_root(ss_store *st, int64_t pid, uint64_t size, ss_hash out)
{
	struct reader *r;
	int error;

	if ((error = reader_new(&r, st, pid)) < 0)
		return error;
	error = ss_merkle_root(out, size, node_get, r);
	free(r);
	return error;
}

int ss_lstore_inclusion(ss_store *st, int64_t pid, uint64_t leaf, uint64_t size, ss_hash *path,
			size_t *count)
{
	struct reader *r;
	int error;

	if ((error = reader_new(&r, st, pid)) < 0)
		return error;
	error = ss_merkle_inclusion(path, count, leaf, size, node_get, r);
	free(r);
	return error;
}

int ss_lstore_consistency(ss_store *st, int64_t pid, uint64_t m, uint64_t n, ss_hash *path,
			  size_t *count)
{
	struct reader *r;
	int error;

	if ((error = reader_new(&r, st, pid)) < 0)
		return error;
	error = ss_merkle_consistency(path, count, m, n, node_get, r);
	free(r);
	return error;
}

/* --- the whole tree at once: rebuilding and checking --- */

int ss__tiles_rebuild(ss_store *st, int64_t pid)
{
	struct writer w = {st, pid};
	ss_tile_builder *b;
	ss_query q;
	ss_hash leaf;
	int error;

	if (!(b = malloc(sizeof(*b))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	ss_tile_builder_init(b, 0);
	if ((error = ss_q_exec(st, "DELETE FROM merkle_tile WHERE project_id = ?1", "i", pid)) <
		    0 ||
	    (error = ss_q_open(&q, st,
			       "SELECT seq, hash FROM event WHERE project_id = ?1 ORDER BY seq",
			       "i", pid)) < 0)
		goto out;
	while ((error = ss_q_next(&q)) > 0) {
		if (ss_q_int(&q, 0) != (int64_t)b->size + 1 ||
		    ss_hash_unhex(leaf, ss_q_text(&q, 1)) < 0) {
			error = ss_error_set(SS_ECORRUPT,
					     "event %lld of project %lld is out of sequence or has "
					     "no valid hash",
					     (long long)ss_q_int(&q, 0), (long long)pid);
			break;
		}
		if ((error = ss_tile_builder_add(b, leaf, tile_write, &w)) < 0)
			break;
	}
	ss_q_close(&q);
	if (error == 0)
		error = ss_tile_builder_flush(b, true, tile_write, &w);
out:
	free(b);
	return error < 0 ? error : 0;
}

struct ss_tile_check {
	ss_store *st;
	int64_t pid;
	ss_hash stored[SS_TILE_WIDTH];
	uint64_t tiles; /* tiles the leaves so far call for */
	int bad_level;  /* first tile that differs, -1: none */
	uint64_t bad_idx;
	int error; /* a database error while reading the tiles */
};

int ss_tile_check_compare(void *vctx, int level, uint64_t idx, const ss_hash *hashes,
			  unsigned count)
{
	ss_tile_check *c = vctx;
	unsigned have;
	int error;

	c->tiles++;
	if (c->bad_level >= 0 || c->error < 0)
		return 0;
	if ((error = tile_read(c->st, c->pid, level, idx, c->stored, &have)) < 0 &&
	    error != SS_ECORRUPT) {
		c->error = error;
		return 0;
	}
	if (error < 0 || have != count ||
	    memcmp(c->stored, hashes, (size_t)count * SS_HASH_LEN) != 0) {
		c->bad_level = level;
		c->bad_idx = idx;
	}
	return 0;
}

int ss_tile_check_new(ss_tile_check **out, ss_store *st, int64_t pid)
{
	ss_tile_check *c;

	if (!(c = calloc(1, sizeof(*c))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	c->st = st;
	c->pid = pid;
	c->bad_level = -1;
	*out = c;
	return 0;
}

int ss_tile_check_end(ss_tile_check *c, char *what, size_t n)
{
	ss_query q;
	int64_t stored = 0;
	int error;

	*what = '\0';
	if (c->error < 0)
		return c->error;
	if (c->bad_level >= 0) {
		snprintf(what, n,
			 "the stored Merkle tile at level %d, index %llu does not match the events",
			 c->bad_level * SS_TILE_HEIGHT, (unsigned long long)c->bad_idx);
		return 0;
	}
	if ((error = ss_q_open(&q, c->st, "SELECT count(*) FROM merkle_tile WHERE project_id = ?1",
			       "i", c->pid)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		stored = ss_q_int(&q, 0);
	ss_q_close(&q);
	if (error < 0)
		return error;
	if (stored != (int64_t)c->tiles)
		snprintf(what, n, "the store holds %lld Merkle tiles where the events make %llu",
			 (long long)stored, (unsigned long long)c->tiles);
	return 0;
}

void ss_tile_check_free(ss_tile_check *c)
{
	free(c);
}
