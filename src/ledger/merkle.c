#include <string.h>

#include <stdbool.h>

#include "ledger/merkle.h"
#include "secspec/common.h"
#include "util/util.h"
#include "util/banned.h"

void ss_merkle_leaf(ss_hash out, const void *entry, size_t len)
{
	static const uint8_t zero = 0;

	ss_sha256_2(out, &zero, 1, entry, len);
}

void ss_merkle_node(ss_hash out, const ss_hash left, const ss_hash right)
{
	uint8_t buf[1 + 2 * SS_HASH_LEN];

	buf[0] = 1;
	memcpy(buf + 1, left, SS_HASH_LEN);
	memcpy(buf + 1 + SS_HASH_LEN, right, SS_HASH_LEN);
	ss_sha256(out, buf, sizeof(buf));
}

/* Largest power of two strictly below n (n >= 2). */
static uint64_t split(uint64_t n)
{
	uint64_t k = 1;

	while (k << 1 < n)
		k <<= 1;
	return k;
}

static int is_pow2(uint64_t n)
{
	return n && !(n & (n - 1));
}

static int log2u(uint64_t n)
{
	int l = 0;

	while (n > 1) {
		n >>= 1;
		l++;
	}
	return l;
}

/* MTH(D[lo:hi]); in the RFC's recursion every left part is an aligned
 * perfect subtree, which the source can give directly. */
static int mth(ss_hash out, uint64_t lo, uint64_t hi, ss_merkle_get get, void *ctx)
{
	uint64_t n = hi - lo, k;
	ss_hash l, r;
	int error;

	if (is_pow2(n) && lo % n == 0)
		return get(ctx, log2u(n), lo / n, out);
	k = split(n);
	if ((error = mth(l, lo, lo + k, get, ctx)) < 0 ||
	    (error = mth(r, lo + k, hi, get, ctx)) < 0)
		return error;
	ss_merkle_node(out, l, r);
	return 0;
}

int ss_merkle_root(ss_hash out, uint64_t n, ss_merkle_get get, void *ctx)
{
	if (n == 0) {
		ss_sha256(out, "", 0);
		return 0;
	}
	return mth(out, 0, n, get, ctx);
}

static int path(ss_hash *out, size_t *count, uint64_t m, uint64_t lo, uint64_t hi,
		ss_merkle_get get, void *ctx)
{
	uint64_t n = hi - lo, k;
	int error;

	if (n == 1)
		return 0;
	k = split(n);
	if (m - lo < k) {
		if ((error = path(out, count, m, lo, lo + k, get, ctx)) < 0)
			return error;
		return mth(out[(*count)++], lo + k, hi, get, ctx);
	}
	if ((error = path(out, count, m, lo + k, hi, get, ctx)) < 0)
		return error;
	return mth(out[(*count)++], lo, lo + k, get, ctx);
}

int ss_merkle_inclusion(ss_hash *out, size_t *count, uint64_t m, uint64_t n, ss_merkle_get get,
			void *ctx)
{
	*count = 0;
	if (m >= n)
		return ss_error_set(SS_EINVAL, "leaf %llu is not in a tree of %llu leaves",
				    (unsigned long long)m, (unsigned long long)n);
	return path(out, count, m, 0, n, get, ctx);
}

static int subproof(ss_hash *out, size_t *count, uint64_t m, uint64_t lo, uint64_t hi, int b,
		    ss_merkle_get get, void *ctx)
{
	uint64_t n = hi - lo, k;
	int error;

	if (m == n) {
		if (b)
			return 0;
		return mth(out[(*count)++], lo, hi, get, ctx);
	}
	k = split(n);
	if (m <= k) {
		if ((error = subproof(out, count, m, lo, lo + k, b, get, ctx)) < 0)
			return error;
		return mth(out[(*count)++], lo + k, hi, get, ctx);
	}
	if ((error = subproof(out, count, m - k, lo + k, hi, 0, get, ctx)) < 0)
		return error;
	return mth(out[(*count)++], lo, lo + k, get, ctx);
}

int ss_merkle_consistency(ss_hash *out, size_t *count, uint64_t m, uint64_t n, ss_merkle_get get,
			  void *ctx)
{
	*count = 0;
	if (m == 0 || m > n)
		return ss_error_set(SS_EINVAL, "no consistency proof from %llu to %llu leaves",
				    (unsigned long long)m, (unsigned long long)n);
	return subproof(out, count, m, 0, n, 1, get, ctx);
}

int ss_merkle_verify_inclusion(uint64_t m, uint64_t n, const ss_hash leaf, const ss_hash *p,
			       size_t count, const ss_hash root)
{
	uint64_t fn = m, sn = n - 1;
	ss_hash r;
	size_t i;

	if (m >= n)
		return 0;
	memcpy(r, leaf, SS_HASH_LEN);
	for (i = 0; i < count; i++) {
		if (sn == 0)
			return 0;
		if ((fn & 1) || fn == sn) {
			ss_merkle_node(r, p[i], r);
			if (!(fn & 1))
				while (fn && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			ss_merkle_node(r, r, p[i]);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(r, root, SS_HASH_LEN) == 0;
}

int ss_merkle_verify_consistency(uint64_t m, uint64_t n, const ss_hash root_m, const ss_hash root_n,
				 const ss_hash *p, size_t count)
{
	uint64_t fn, sn;
	ss_hash fr, sr;
	size_t i = 0;

	if (m == 0 || m > n)
		return 0;
	if (m == n)
		return count == 0 && memcmp(root_m, root_n, SS_HASH_LEN) == 0;
	if (count == 0)
		return 0;
	fn = m - 1;
	sn = n - 1;
	if (is_pow2(m)) {
		/* the first tree is a perfect subtree: its root starts the walk */
		memcpy(fr, root_m, SS_HASH_LEN);
		memcpy(sr, root_m, SS_HASH_LEN);
	} else {
		memcpy(fr, p[0], SS_HASH_LEN);
		memcpy(sr, p[0], SS_HASH_LEN);
		i = 1;
	}
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	for (; i < count; i++) {
		if (sn == 0)
			return 0;
		if ((fn & 1) || fn == sn) {
			ss_merkle_node(fr, p[i], fr);
			ss_merkle_node(sr, p[i], sr);
			if (!(fn & 1))
				while (fn && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
		} else {
			ss_merkle_node(sr, sr, p[i]);
		}
		fn >>= 1;
		sn >>= 1;
	}
	return sn == 0 && memcmp(fr, root_m, SS_HASH_LEN) == 0 &&
	       memcmp(sr, root_n, SS_HASH_LEN) == 0;
}

void ss_hash_hex(char out[2 * SS_HASH_LEN + 1], const ss_hash h)
{
	ss_hex_encode(out, h, SS_HASH_LEN);
}

int ss_hash_unhex(ss_hash out, const char *s)
{
	return ss_hex_decode(out, SS_HASH_LEN, s);
}
