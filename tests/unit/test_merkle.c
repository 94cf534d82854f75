/* Merkle tree: known RFC 6962 roots, and every proof of small trees checked
 * against an independent recursive definition. */
#include <stdlib.h>

#include <openssl/ts.h>
#include <string.h>

#include "helpers.h"
#include "ledger/merkle.h"
#include "ledger/tiles.h"
#include "ledger/tsa.h"

#define MAXLEAVES 70

static ss_hash leaves[MAXLEAVES];

static int get(void *ctx, int level, uint64_t idx, ss_hash out)
{
	/* a perfect subtree straight from the definition */
	uint64_t lo = idx << level, n = UINT64_C(1) << level;

	(void)ctx;
	if (level == 0) {
		memcpy(out, leaves[lo], SS_HASH_LEN);
		return 0;
	} else {
		ss_hash l, r;

		get(NULL, level - 1, (lo) >> (level - 1), l);
		get(NULL, level - 1, (lo + n / 2) >> (level - 1), r);
		ss_merkle_node(out, l, r);
	}
	return 0;
}

static void mth(ss_hash out, uint64_t lo, uint64_t hi)
{
	ref_mth(out, leaves, lo, hi);
}

static void known_roots(void **state)
{
	static const char *const entries[] = {
		"",
		"\x00",
		"\x10",
		"\x20\x21",
		"\x30\x31",
		"\x40\x41\x42\x43",
		"\x50\x51\x52\x53\x54\x55\x56\x57",
		("\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c"
		 "\x6d\x6e\x6f")};
	static const size_t lens[] = {0, 1, 1, 2, 2, 4, 8, 16};
	static const char *const roots[] = {
		"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
		"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
		"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
		"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
		"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
		"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
		"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
	static ss_tile_builder b;
	char hex[2 * SS_HASH_LEN + 1];
	ss_hash root;
	size_t i;

	ss_tile_builder_init(&b, 0);
	for (i = 0; i < 8; i++) {
		ss_merkle_leaf(leaves[i], entries[i], lens[i]);
		ss_tile_builder_add(&b, leaves[i], NULL, NULL);
		ss_tile_builder_root(&b, root);
		ss_hash_hex(hex, root);
		assert_string_equal(hex, roots[i]);
		assert_int_equal(ss_merkle_root(root, i + 1, get, NULL), 0);
		ss_hash_hex(hex, root);
		assert_string_equal(hex, roots[i]);
	}
	/* the empty tree */
	ss_tile_builder_init(&b, 0);
	ss_tile_builder_root(&b, root);
	ss_hash_hex(hex, root);
	assert_string_equal(hex,
			    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void proofs(void **state)
{
	ss_hash path[128], root, rm, bad;
	uint64_t n, m;
	size_t count, i;

	for (i = 0; i < MAXLEAVES; i++) {
		unsigned char v = (unsigned char)i;

		ss_merkle_leaf(leaves[i], &v, 1);
	}
	for (n = 1; n <= MAXLEAVES; n++) {
		ss_hash want;

		mth(want, 0, n);
		assert_int_equal(ss_merkle_root(root, n, get, NULL), 0);
		assert_memory_equal(root, want, SS_HASH_LEN);
		for (m = 0; m < n; m++) {
			assert_int_equal(ss_merkle_inclusion(path, &count, m, n, get, NULL), 0);
			assert_true(ss_merkle_verify_inclusion(m, n, leaves[m], path, count, root));
			/* a wrong leaf, index or sibling fails */
			assert_false(ss_merkle_verify_inclusion(m, n, leaves[(m + 1) % MAXLEAVES],
								path, count, root) &&
				     n > 1);
			if (count) {
				memcpy(bad, path[0], SS_HASH_LEN);
				path[0][0] ^= 1;
				assert_false(ss_merkle_verify_inclusion(m, n, leaves[m], path,
									count, root));
				memcpy(path[0], bad, SS_HASH_LEN);
			}
		}
		for (m = 1; m <= n; m++) {
			mth(rm, 0, m);
			assert_int_equal(ss_merkle_consistency(path, &count, m, n, get, NULL), 0);
			assert_true(ss_merkle_verify_consistency(m, n, rm, root, path, count));
			if (m < n) {
				rm[3] ^= 0x40;
				assert_false(
					ss_merkle_verify_consistency(m, n, rm, root, path, count));
				rm[3] ^= 0x40;
				path[count - 1][0] ^= 1;
				assert_false(
					ss_merkle_verify_consistency(m, n, rm, root, path, count));
			}
		}
	}
}

static void builder_reports_nodes(void **state)
{
	static ss_tile_builder b;
	ss_hash root, want;
	uint64_t n;

	ss_tile_builder_init(&b, 0);
	for (n = 0; n < MAXLEAVES; n++) {
		ss_tile_builder_add(&b, leaves[n], NULL, NULL);
		ss_tile_builder_root(&b, root);
		mth(want, 0, n + 1);
		assert_memory_equal(root, want, SS_HASH_LEN);
	}
}

/* Every timestamp request is strict DER a TSA accepts: OpenSSL's parser
 * refuses a non-minimal INTEGER, so a nonce that starts with a zero byte
 * (one request in 256 before it was fixed) turns up here. */
static void tsa_requests_are_der(void **state)
{
	static const char digest[] =
		"6a09e667f3bcc908bb67ae8584caa73b3c6ef372fe94f82ba54ff53a5f1d36f1";
	int n;

	(void)state;
	for (n = 0; n < 4000; n++) {
		ss_buf der = SS_BUF_INIT(0);
		const unsigned char *p;
		TS_REQ *req;

		assert_ok(ss_tsa_request(&der, digest));
		p = (const unsigned char *)der.ptr;
		req = d2i_TS_REQ(NULL, &p, (long)der.len);
		assert_non_null(req);
		assert_ptr_equal(p, (const unsigned char *)der.ptr + der.len);
		assert_int_equal(ASN1_STRING_length(TS_REQ_get_nonce(req)), 8);
		TS_REQ_free(req);
		ss_buf_release(&der);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_roots),
		cmocka_unit_test(proofs),
		cmocka_unit_test(builder_reports_nodes),
		cmocka_unit_test(tsa_requests_are_der),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
