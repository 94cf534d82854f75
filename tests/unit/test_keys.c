/* keys: file modes whatever the umask, scrypt for encrypted keys, PBKDF2
 * keys from before, passphrase files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "helpers.h"
#include "secspec/keys.h"

static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/secspec-keys-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static const char *at(const char *name)
{
	static char path[4][128];
	static int next;
	char *p = path[next++ % 4];

	snprintf(p, sizeof(path[0]), "%s/%s", dir, name);
	return p;
}

static unsigned mode_of(const char *path)
{
	struct stat sb;

	assert_int_equal(stat(path, &sb), 0);
	return (unsigned)(sb.st_mode & 07777);
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(chmod(path, mode), 0);
}

static void modes_whatever_the_umask(void **state)
{
	static const mode_t masks[] = {0, 022, 077, 0777};
	char name[32], pub[40];
	mode_t old;

	(void)state;
	for (size_t i = 0; i < sizeof(masks) / sizeof(masks[0]); i++) {
		snprintf(name, sizeof(name), "m%zu.key", i);
		snprintf(pub, sizeof(pub), "m%zu.key.pub", i);
		old = umask(masks[i]);
		assert_ok(ss_key_generate(at(name), i % 2 ? "correct horse" : NULL));
		umask(old);
		assert_int_equal(mode_of(at(name)), 0600);
		assert_int_equal(mode_of(at(pub)), 0644);
	}
}

static void never_overwrites(void **state)
{
	struct stat sb;

	(void)state;
	write_file(at("taken.key.pub"), "x", 0644);
	assert_int_equal(ss_key_generate(at("taken.key"), NULL), SS_ECONFLICT);
	assert_non_null(strstr(ss_error_last(), "never overwritten"));
	/* the private half is not left behind */
	assert_int_not_equal(stat(at("taken.key"), &sb), 0);
	assert_ok(ss_key_generate(at("once.key"), NULL));
	assert_int_equal(ss_key_generate(at("once.key"), NULL), SS_ECONFLICT);
	assert_int_equal(ss_key_generate(at("short.key"), "seven77"), SS_EINVAL);
}

/* The PBES2 parameters of an encrypted PKCS#8 file. */
static void pbes2_of(const char *path, int *kdf_nid, long *n, long *r, long *p)
{
	const X509_ALGOR *alg = NULL;
	const ASN1_OBJECT *oid = NULL;
	PBE2PARAM *pbe2;
	X509_SIG *sig;
	FILE *f = fopen(path, "r");

	assert_non_null(f);
	sig = PEM_read_PKCS8(f, NULL, NULL, NULL);
	fclose(f);
	assert_non_null(sig);
	X509_SIG_get0(sig, &alg, NULL);
	X509_ALGOR_get0(&oid, NULL, NULL, alg);
	assert_int_equal(OBJ_obj2nid(oid), NID_pbes2);
	pbe2 = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(PBE2PARAM), alg->parameter);
	assert_non_null(pbe2);
	*kdf_nid = OBJ_obj2nid(pbe2->keyfunc->algorithm);
	*n = *r = *p = 0;
	if (*kdf_nid == NID_id_scrypt) {
		SCRYPT_PARAMS *sp = ASN1_TYPE_unpack_sequence(ASN1_ITEM_rptr(SCRYPT_PARAMS),
							      pbe2->keyfunc->parameter);

		assert_non_null(sp);
		*n = ASN1_INTEGER_get(sp->costParameter);
		*r = ASN1_INTEGER_get(sp->blockSize);
		*p = ASN1_INTEGER_get(sp->parallelizationParameter);
		assert_int_equal(sp->salt->length, SS_KEY_SALT_LEN);
		SCRYPT_PARAMS_free(sp);
	}
	assert_int_equal(OBJ_obj2nid(pbe2->encryption->algorithm), NID_aes_256_cbc);
	PBE2PARAM_free(pbe2);
	X509_SIG_free(sig);
}

static double ms_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 + (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void scrypt_encrypted(void **state)
{
	ss_key *k = NULL, *pub = NULL;
	struct timespec t0;
	long n, r, p;
	int nid;

	(void)state;
	assert_ok(ss_key_generate(at("enc.key"), "correct horse battery"));
	pbes2_of(at("enc.key"), &nid, &n, &r, &p);
	assert_int_equal(nid, NID_id_scrypt);
	assert_int_equal(n, SS_KEY_SCRYPT_N);
	assert_int_equal(r, SS_KEY_SCRYPT_R);
	assert_int_equal(p, SS_KEY_SCRYPT_P);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_ok(ss_key_load_private(&k, at("enc.key"), "correct horse battery"));
	print_message("loading a scrypt-encrypted key took %.0f ms\n", ms_since(&t0));
	assert_ok(ss_key_load_public(&pub, at("enc.key.pub")));
	assert_string_equal(ss_key_fingerprint(k), ss_key_fingerprint(pub));
	ss_key_free(k);
	ss_key_free(pub);
	k = NULL;
	assert_int_equal(ss_key_load_private(&k, at("enc.key"), "wrong horse battery"), SS_EPERM);
	assert_int_equal(ss_key_load_private(&k, at("enc.key"), NULL), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "SECSPEC_KEY_PASSPHRASE_FILE"));
	assert_null(k);
}

/* A key as secspec wrote it before: PKCS#8 with PBKDF2 (2,048 iterations). */
static void pbkdf2_still_loads(void **state)
{
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
	EVP_PKEY *pkey = NULL;
	ss_key *k = NULL;
	struct timespec t0;
	long n, r, p;
	int nid;
	FILE *f;

	(void)state;
	assert_non_null(ctx);
	assert_true(EVP_PKEY_keygen_init(ctx) > 0 && EVP_PKEY_keygen(ctx, &pkey) > 0);
	f = fopen(at("old.key"), "w");
	assert_non_null(f);
	assert_true(PEM_write_PKCS8PrivateKey(f, pkey, EVP_aes_256_cbc(), NULL, 0, NULL,
					      (void *)"old passphrase"));
	fclose(f);
	chmod(at("old.key"), 0600);
	pbes2_of(at("old.key"), &nid, &n, &r, &p);
	assert_int_equal(nid, NID_id_pbkdf2);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_ok(ss_key_load_private(&k, at("old.key"), "old passphrase"));
	print_message("loading a PBKDF2-encrypted key took %.1f ms\n", ms_since(&t0));
	ss_key_free(k);
	EVP_PKEY_free(pkey);
	EVP_PKEY_CTX_free(ctx);
}

static void private_key_checked(void **state)
{
	ss_key *k = NULL;

	(void)state;
	assert_ok(ss_key_generate(at("p.key"), NULL));
	chmod(at("p.key"), 0640);
	assert_int_equal(ss_key_load_private(&k, at("p.key"), NULL), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "can be read by others (mode 0640)"));
	chmod(at("p.key"), 0600);
	assert_ok(ss_key_load_private(&k, at("p.key"), NULL));
	ss_key_free(k);
	k = NULL;
	assert_int_equal(mkdir(at("d.key"), 0700), 0);
	assert_int_equal(ss_key_load_private(&k, at("d.key"), NULL), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "not a regular file"));
	assert_int_equal(ss_key_load_private(&k, at("none.key"), NULL), SS_ENOTFOUND);
}

static void passphrase_files(void **state)
{
	char *pass = NULL, big[SS_PASSPHRASE_MAX + 3];

	(void)state;
	write_file(at("pass"), "first line\r\nsecond\n", 0600);
	assert_ok(ss_key_passphrase_read(&pass, at("pass")));
	assert_string_equal(pass, "first line");
	free(pass);
	pass = NULL;
	for (mode_t m = 0604; m <= 0660; m += 0004) {
		if ((m & 077) == 0)
			continue;
		chmod(at("pass"), m);
		assert_int_equal(ss_key_passphrase_read(&pass, at("pass")), SS_EPERM);
		assert_non_null(strstr(ss_error_last(), "can be read by others"));
		assert_non_null(strstr(ss_error_last(), "chmod 600"));
	}
	assert_int_equal(mkdir(at("passdir"), 0700), 0);
	assert_int_equal(ss_key_passphrase_read(&pass, at("passdir")), SS_EPERM);
	assert_int_equal(mkfifo(at("passfifo"), 0600), 0);
	assert_int_equal(ss_key_passphrase_read(&pass, at("passfifo")), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "not a regular file"));
	assert_int_equal(ss_key_passphrase_read(&pass, at("nothere")), SS_EIO);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	write_file(at("bigpass"), big, 0600);
	assert_int_equal(ss_key_passphrase_read(&pass, at("bigpass")), SS_ELIMIT);
	big[SS_PASSPHRASE_MAX] = '\0';
	write_file(at("maxpass"), big, 0600);
	assert_ok(ss_key_passphrase_read(&pass, at("maxpass")));
	assert_int_equal(strlen(pass), SS_PASSPHRASE_MAX);
	free(pass);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(modes_whatever_the_umask), cmocka_unit_test(never_overwrites),
		cmocka_unit_test(scrypt_encrypted),         cmocka_unit_test(pbkdf2_still_loads),
		cmocka_unit_test(private_key_checked),      cmocka_unit_test(passphrase_files),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
