/* Ed25519 keys with OpenSSL 3: generation, PEM files, signing, checking. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

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

/* A private key encrypted with a passphrase: PKCS#8 with PBES2, scrypt as
 * the key derivation and AES-256-CBC (docs/cli.md, key gen, says why these
 * costs). */
static int write_encrypted(BIO *bio, EVP_PKEY *pkey, const char *passphrase)
{
	PKCS8_PRIV_KEY_INFO *p8 = NULL;
	X509_ALGOR *pbe = NULL;
	X509_SIG *sig = NULL;
	int ok = 0;

	if (!(p8 = EVP_PKEY2PKCS8(pkey)) ||
	    !(pbe = PKCS5_pbe2_set_scrypt(EVP_aes_256_cbc(), NULL, SS_KEY_SALT_LEN, NULL,
					  SS_KEY_SCRYPT_N, SS_KEY_SCRYPT_R, SS_KEY_SCRYPT_P)))
		goto out;
	if (!(sig = PKCS8_set0_pbe(passphrase, (int)strlen(passphrase), p8, pbe)))
		goto out;
	pbe = NULL; /* owned by sig */
	ok = PEM_write_bio_PKCS8(bio, sig) > 0;
out:
	X509_SIG_free(sig);
	X509_ALGOR_free(pbe);
	PKCS8_PRIV_KEY_INFO_free(p8);
	return ok;
}

/* Write what bio holds to fd, then sync and close fd. */
static int write_out(int fd, BIO *bio, const char *path)
{
	char *data;
	long len = BIO_get_mem_data(bio, &data);
	int error = 0;

	while (len > 0) {
		ssize_t w = write(fd, data, (size_t)len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
			break;
		}
		data += w;
		len -= w;
	}
	if (fsync(fd) != 0 && error == 0)
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
	if (close(fd) != 0 && error == 0)
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
	return error;
}

int ss_key_generate(const char *path, const char *passphrase)
{
	EVP_PKEY_CTX *ctx = NULL;
	EVP_PKEY *pkey = NULL;
	ss_buf pub = SS_BUF_INIT(4096);
	BIO *priv_pem = NULL, *pub_pem = NULL;
	int fd = -1, pub_fd = -1, error = 0;
	bool made = false, made_pub = false;

	if (!path || !*path)
		return ss_error_set(SS_EINVAL, "a key file name is required");
	if (passphrase && strlen(passphrase) < 8)
		return ss_error_set(SS_EINVAL, "the passphrase must have at least 8 characters");
	if ((error = ss_buf_printf(&pub, "%s.pub", path)) < 0)
		goto out;
	if (!(ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL)) ||
	    EVP_PKEY_keygen_init(ctx) <= 0 || EVP_PKEY_keygen(ctx, &pkey) <= 0) {
		error = ss_error_set(SS_ERROR, "generating an Ed25519 key failed");
		goto out;
	}
	if (!(priv_pem = BIO_new(BIO_s_secmem())) || !(pub_pem = BIO_new(BIO_s_mem()))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (!(passphrase
		      ? write_encrypted(priv_pem, pkey, passphrase)
		      : PEM_write_bio_PKCS8PrivateKey(priv_pem, pkey, NULL, NULL, 0, NULL, NULL)) ||
	    !PEM_write_bio_PUBKEY(pub_pem, pkey)) {
		error = ss_error_set(SS_ERROR, "%s: encoding the key failed", path);
		goto out;
	}
	/* both files are claimed before either is written: a key is never
	 * overwritten and never left without its public half. The private key
	 * is 0600 and the public key 0644 whatever the umask. */
	if ((error = ss_file_create(&fd, path, 0600)) == 0) {
		made = true;
		if ((error = ss_file_create(&pub_fd, pub.ptr, 0644)) == 0)
			made_pub = true;
	}
	if (error == SS_ECONFLICT)
		error = ss_error_set(SS_ECONFLICT, "%s: %s (a key is never overwritten)",
				     made ? pub.ptr : path, strerror(EEXIST));
	if (error < 0)
		goto out;
	error = write_out(fd, priv_pem, path);
	fd = -1;
	if (error < 0)
		goto out;
	error = write_out(pub_fd, pub_pem, pub.ptr);
	pub_fd = -1;
out:
	if (fd >= 0)
		close(fd);
	if (pub_fd >= 0)
		close(pub_fd);
	if (error < 0 && made)
		unlink(path);
	if (error < 0 && made_pub)
		unlink(pub.ptr);
	BIO_free(priv_pem);
	BIO_free(pub_pem);
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
	ss_buf fix = SS_BUF_INIT(4096);
	FILE *f = NULL;
	int fd = -1, error;

	if (!out || !path)
		return ss_error_set(SS_EINVAL, "ss_key_load_private: NULL argument");
	if ((error = ss_buf_printf(&fix, _("run 'chmod 600 %s'"), path)) < 0 ||
	    (error = ss_file_open_private(&fd, path, _("private key"), fix.ptr)) < 0)
		goto out;
	if (!(f = fdopen(fd, "r"))) {
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	/* a PBKDF2 key from before scrypt loads the same way: the file names
	 * its own key derivation */
	if (!(pkey = PEM_read_PrivateKey(f, NULL, pass_cb, (void *)passphrase))) {
		error = ss_error_set(
			SS_EPERM,
			passphrase ? N_("cannot read private key %s: wrong passphrase, or "
					"not a PEM private key")
				   : N_("cannot read private key %s: wrong passphrase, or "
					"not a PEM private key (set "
					"SECSPEC_KEY_PASSPHRASE_FILE if it is encrypted)"),
			path);
		goto out;
	}
	error = finish(out, pkey, 1, path);
out:
	if (f)
		fclose(f);
	if (fd >= 0)
		close(fd);
	ss_buf_release(&fix);
	return error;
}

int ss_key_passphrase_read(char **out, const char *path)
{
	if (!out || !path)
		return ss_error_set(SS_EINVAL, "ss_key_passphrase_read: NULL argument");
	return ss_secret_file_read(out, path, "SECSPEC_KEY_PASSPHRASE_FILE", SS_PASSPHRASE_MAX);
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

int ss_key_from_public_hex(ss_key **out, const char *hex)
{
	uint8_t raw[32];
	EVP_PKEY *pkey;

	if (!out || !hex)
		return ss_error_set(SS_EINVAL, "ss_key_from_public_hex: NULL argument");
	if (strlen(hex) != 64 || ss_hex_decode(raw, sizeof(raw), hex) < 0)
		return ss_error_set(SS_EINVAL,
				    "a public key is 64 hex characters (the raw 32-byte Ed25519 "
				    "key)");
	if (!(pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, raw, sizeof(raw))))
		return ss_error_set(SS_EINVAL, "that is not an Ed25519 public key");
	return finish(out, pkey, 0, "the public key");
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
