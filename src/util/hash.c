/*
 * SHA-256 and hex, for every hash secspec computes: event leaves, Merkle
 * nodes, fingerprints, attachments, documents and imported files.
 *
 * Nettle's SHA-256 rather than OpenSSL's: both use the CPU's SHA extensions,
 * but OpenSSL 3 sets up its provider on the first digest of a process
 * (about 1 ms here, longer than a whole inclusion proof), and its EVP
 * interface needs an allocated context per digest. Nettle's context is a
 * plain struct. OpenSSL stays for signatures and timestamps.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha2.h>

#include "util/util.h"
#include "util/banned.h"

static const char hexdigits[] = "0123456789abcdef";

void ss_hex_encode(char *out, const uint8_t *in, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hexdigits[in[i] >> 4];
		out[2 * i + 1] = hexdigits[in[i] & 15];
	}
	out[2 * n] = '\0';
}

static int nibble(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int ss_hex_digit(int c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
				      : -1;
}

int ss_hex_decode(uint8_t *out, size_t n, const char *s)
{
	size_t i;

	if (!s || strnlen(s, 2 * n + 1) != 2 * n)
		return SS_EINVAL;
	for (i = 0; i < n; i++) {
		int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return SS_EINVAL;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return 0;
}

void ss_sha256(uint8_t out[SS_SHA256_LEN], const void *data, size_t len)
{
	ss_sha256_2(out, data, len, NULL, 0);
}

void ss_sha256_2(uint8_t out[SS_SHA256_LEN], const void *a, size_t alen, const void *b, size_t blen)
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, alen, a);
	if (blen)
		sha256_update(&ctx, blen, b);
	sha256_digest(&ctx, SS_SHA256_LEN, out);
}

void ss_sha256_hex(char out[SS_SHA256_HEX], const void *data, size_t len)
{
	uint8_t md[SS_SHA256_LEN];

	ss_sha256(md, data, len);
	ss_hex_encode(out, md, sizeof(md));
}

int ss_sha256_file(char out[SS_SHA256_HEX], const char *path)
{
	uint8_t buf[1 << 14];
	uint8_t md[SS_SHA256_LEN];
	struct sha256_ctx ctx;
	size_t got;
	FILE *f;
	int error = 0;

	if (!(f = fopen(path, "rb")))
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	sha256_init(&ctx);
	while ((got = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&ctx, got, buf);
	if (ferror(f))
		error = ss_error_set(SS_EIO, "%s: read error", path);
	fclose(f);
	if (error == 0) {
		sha256_digest(&ctx, SS_SHA256_LEN, md);
		ss_hex_encode(out, md, sizeof(md));
	}
	return error;
}
