/* Ed25519 keys with OpenSSL 3: generation, PEM files, signing, checking. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "ledger/merkle.h"
#include "secspec/buf.h"
#include "secspec/keys.h"
#include "util/util.h"
#include "util/banned.h"

struct ss_key {
	EVP_PKEY *pkey;
	int has_private;
	char fingerprint[SS_FINGERPRINT_LEN + 1];
	char public_hex[65];
};

static int finish(ss_key **out, EVP_PKEY *pkey, int has_private, const char *path)
{
	unsigned char raw[32];
	size_t len = sizeof(raw);
	ss_key *k;

	if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519 ||
	    !EVP_PKEY_get_raw_public_key(pkey, raw, &len) || len != 32) {
		EVP_PKEY_free(pkey);
		return ss_error_set(SS_EINVAL, "%s is not an Ed25519 key", path);
	}
	if (!(k = calloc(1, sizeof(*k)))) {
		EVP_PKEY_free(pkey);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	k->pkey = pkey;
	k->has_private = has_private;
	ss_hex_encode(k->public_hex, raw, 32);
	{
		ss_hash fp;

		ss_sha256(fp, raw, 32);
		ss_hash_hex(k->fingerprint, fp);
	}
	*out = k;
	return 0;
}

int ss_key_generate(const char *path, const char *passphrase)
{
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;
	ss_buf pub = SS_BUF_INIT(4096);
	FILE *f = NULL;
	int fd = -1, error = 0;

	if (!path || !*path)
		return ss_error_set(SS_EINVAL, "a key file name is required");
	if (passphrase && strlen(passphrase) < 8)
		return ss_error_set(SS_EINVAL, "the passphrase must have at least 8 characters");
	if (!(ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL)) ||
	    EVP_PKEY_keygen_init(ctx) <= 0 || EVP_PKEY_keygen(ctx, &pkey) <= 0) {
		error = ss_error_set(SS_ERROR, "generating an Ed25519 key failed");
		goto out;
	}
	if ((error = ss_buf_printf(&pub, "%s.pub", path)) < 0)
		goto out;
	/* O_EXCL: never overwrite a key; 0600 from the first byte */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		error = ss_error_set(errno == EEXIST ? SS_ECONFLICT : SS_EIO, "%s: %s%s", path,
				     strerror(errno),
				     errno == EEXIST ? " (a key is never overwritten)" : "");
		goto out;
	}
	if (!(f = fdopen(fd, "w"))) {
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (!PEM_write_PKCS8PrivateKey(f, pkey, passphrase ? EVP_aes_256_cbc() : NULL, NULL, 0,
				       NULL, (void *)passphrase)) {
		error = ss_error_set(SS_EIO, "%s: writing the private key failed", path);
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	f = NULL;
	if (!(f = fopen(pub.ptr, "wx"))) {
		error = ss_error_set(errno == EEXIST ? SS_ECONFLICT : SS_EIO, "%s: %s", pub.ptr,
				     strerror(errno));
		goto out;
	}
	if (!PEM_write_PUBKEY(f, pkey) || fclose(f) != 0) {
		f = NULL;
		error = ss_error_set(SS_EIO, "%s: writing the public key failed", pub.ptr);
		goto out;
	}
	f = NULL;
out:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	EVP_PKEY_free(pkey);
	EVP_PKEY_CTX_free(ctx);
	ss_buf_release(&pub);
	return error;
}

static int pass_cb(char *buf, int size, int rwflag, void *u)
{
	const char *p = u;
	int n;

	(void)rwflag;
	if (!p)
		return -1;
	n = (int)strlen(p);
	if (n > size)
		n = size;
	memcpy(buf, p, (size_t)n);
	return n;
}

int ss_key_load_private(ss_key **out, const char *path, const char *passphrase)
{
	EVP_PKEY *pkey = NULL;
	struct stat sb;
	FILE *f;

	if (!out || !path)
		return ss_error_set(SS_EINVAL, "ss_key_load_private: NULL argument");
	if (!(f = fopen(path, "r")))
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	if (fstat(fileno(f), &sb) != 0 || (sb.st_mode & 077)) {
		fclose(f);
		return ss_error_set(SS_EPERM,
				    "private key %s can be read by others (mode %04o); run 'chmod "
				    "600 %s'",
				    path, (unsigned)(sb.st_mode & 07777), path);
	}
	pkey = PEM_read_PrivateKey(f, NULL, pass_cb, (void *)passphrase);
	fclose(f);
	if (!pkey)
		return ss_error_set(SS_EPERM,
				    "cannot read private key %s: wrong passphrase, or not a PEM "
				    "private key%s",
				    path,
				    passphrase ? ""
					       : " (set SECSPEC_KEY_PASSPHRASE_FILE if it "
						 "is encrypted)");
	return finish(out, pkey, 1, path);
}

int ss_key_load_public(ss_key **out, const char *path)
{
	EVP_PKEY *pkey;
	FILE *f;

	if (!out || !path)
		return ss_error_set(SS_EINVAL, "ss_key_load_public: NULL argument");
	if (!(f = fopen(path, "r")))
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	pkey = PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (!pkey)
		return ss_error_set(SS_EINVAL, "%s is not a PEM public key", path);
	return finish(out, pkey, 0, path);
}

void ss_key_free(ss_key *k)
{
	if (!k)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

const char *ss_key_fingerprint(const ss_key *k)
{
	return k->fingerprint;
}

const char *ss_key_public_hex(const ss_key *k)
{
	return k->public_hex;
}

int ss_key_sign(const ss_key *k, const void *data, size_t len, char out[129])
{
	unsigned char sig[64];
	size_t siglen = sizeof(sig);
	EVP_MD_CTX *ctx;
	int ok;

	if (!k || !k->has_private)
		return ss_error_set(SS_EINVAL, "signing needs a private key");
	if (!(ctx = EVP_MD_CTX_new()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	ok = EVP_DigestSignInit(ctx, NULL, NULL, NULL, k->pkey) > 0 &&
	     EVP_DigestSign(ctx, sig, &siglen, data, len) > 0 && siglen == 64;
	EVP_MD_CTX_free(ctx);
	if (!ok)
		return ss_error_set(SS_ERROR, "signing failed");
	ss_hex_encode(out, sig, 64);
	return 0;
}

int ss_key_verify(const char *public_hex, const void *data, size_t len, const char *sig_hex)
{
	unsigned char raw[32], sig[64];
	EVP_PKEY *pkey = NULL;
	EVP_MD_CTX *ctx = NULL;
	int ok = 0;

	if (ss_hex_decode(raw, 32, public_hex) < 0 || ss_hex_decode(sig, 64, sig_hex) < 0)
		return SS_ECORRUPT;
	if ((pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, raw, 32)) &&
	    (ctx = EVP_MD_CTX_new()) && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey) > 0)
		ok = EVP_DigestVerify(ctx, sig, 64, data, len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return ok ? 0 : SS_ECORRUPT;
}
