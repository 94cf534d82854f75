/*
 * Merkle trees as in RFC 6962 / RFC 9162 (Certificate Transparency):
 *   leaf hash  = SHA-256(0x00 || entry)
 *   node hash  = SHA-256(0x01 || left || right)
 * A tree of n leaves splits at k, the largest power of two below n.
 */
#ifndef SS_LEDGER_MERKLE_H
#define SS_LEDGER_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define SS_HASH_LEN 32

typedef uint8_t ss_hash[SS_HASH_LEN];

void ss_merkle_leaf(ss_hash out, const void *entry, size_t len);
void ss_merkle_node(ss_hash out, const ss_hash left, const ss_hash right);

/* Where hashes come from: the root of the perfect subtree at `level` (0 =
 * leaves) and index `idx`, i.e. of leaves [idx << level, (idx + 1) << level). */
typedef int (*ss_merkle_get)(void *ctx, int level, uint64_t idx, ss_hash out);

/* Root of the first n leaves (n >= 1); the empty tree's root is SHA-256(""). */
int ss_merkle_root(ss_hash out, uint64_t n, ss_merkle_get get, void *ctx);
/* Inclusion proof of leaf m in a tree of n leaves; *count hashes into path
 * (room for 64). */
int ss_merkle_inclusion(ss_hash *path, size_t *count, uint64_t m, uint64_t n, ss_merkle_get get,
			void *ctx);
/* Consistency proof between trees of m and n leaves (0 < m <= n). */
int ss_merkle_consistency(ss_hash *path, size_t *count, uint64_t m, uint64_t n, ss_merkle_get get,
			  void *ctx);

/* Verifiers (RFC 9162 2.1.3.2 and 2.1.4.2): 1 when the proof holds, 0 when not. */
int ss_merkle_verify_inclusion(uint64_t m, uint64_t n, const ss_hash leaf, const ss_hash *path,
			       size_t count, const ss_hash root);
int ss_merkle_verify_consistency(uint64_t m, uint64_t n, const ss_hash root_m, const ss_hash root_n,
				 const ss_hash *path, size_t count);

/* Hex conversion of hashes. */
void ss_hash_hex(char out[2 * SS_HASH_LEN + 1], const ss_hash h);
int ss_hash_unhex(ss_hash out, const char *hex);

#endif
