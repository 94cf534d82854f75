/*
 * secspec: Ed25519 identities.
 *
 * A person generates a key pair (`secspec key gen`); the private key stays
 * in a file of mode 0600, optionally encrypted with a passphrase, and is
 * never written to the database, a log or a bundle. The public key is
 * registered to the person's membership of a project; from then on every
 * change that person makes is signed, and an unsigned one is refused.
 */
#ifndef SECSPEC_KEYS_H
#define SECSPEC_KEYS_H

#include <jansson.h>
#include <stddef.h>

#include "secspec/buf.h"
#include "secspec/store.h"

typedef struct ss_key ss_key;

/** Hex of SHA-256 over the raw 32-byte public key: 64 characters. */
#define SS_FINGERPRINT_LEN 64

/**
 * Cost of the key derivation that protects an encrypted private key:
 * scrypt with N = 2^14, r = 8, p = 5 (16 MiB, five passes), one of the
 * settings OWASP gives as equal to N = 2^17, r = 8, p = 1. OpenSSL 3.0
 * refuses to decode a PKCS#8 file whose scrypt needs more than 32 MiB, so
 * the cost goes into p, not N: the key file still opens with `openssl pkey`.
 */
#define SS_KEY_SCRYPT_N 16384
#define SS_KEY_SCRYPT_R 8
#define SS_KEY_SCRYPT_P 5
#define SS_KEY_SALT_LEN 16
/** Longest passphrase read from a passphrase file, in bytes. */
#define SS_PASSPHRASE_MAX 1023

/**
 * Write a new key pair: the private key to path (PKCS#8 PEM, mode 0600) and
 * the public key to path.pub (mode 0644), both created with exactly these
 * modes whatever the umask, never overwritten (SS_ECONFLICT when either
 * exists; then nothing is written). With a passphrase (at least 8 bytes)
 * the private key is encrypted: PBES2 with scrypt (SS_KEY_SCRYPT_*) and
 * AES-256-CBC.
 */
int ss_key_generate(const char *path, const char *passphrase);
/**
 * Load a private key, encrypted (scrypt, or PBKDF2 as written before) or
 * not. Refused with SS_EPERM when the file is not a regular file owned by
 * the user or can be read by group or others.
 */
int ss_key_load_private(ss_key **out, const char *path, const char *passphrase);
/**
 * Read a passphrase: the first line of the file at path, at most
 * SS_PASSPHRASE_MAX bytes; *out is freed by the caller. The file is checked
 * as a private key is (SS_EPERM); one that cannot be read is SS_EIO.
 */
int ss_key_passphrase_read(char **out, const char *path);
/** Load a public key (PEM). */
int ss_key_load_public(ss_key **out, const char *path);
/** A public key from its raw 32 bytes in hex (64 characters), as a browser's
 * WebCrypto exports it. */
int ss_key_from_public_hex(ss_key **out, const char *hex);
void ss_key_free(ss_key *k);
/** Fingerprint and raw public key in hex; borrowed from k. */
const char *ss_key_fingerprint(const ss_key *k);
const char *ss_key_public_hex(const ss_key *k);

/** Sign data: 128 hex characters plus NUL into out. */
int ss_key_sign(const ss_key *k, const void *data, size_t len, char out[129]);
/** Verify a hex signature against a hex public key: 0 when valid, SS_ECORRUPT when not. */
int ss_key_verify(const char *public_hex, const void *data, size_t len, const char *sig_hex);

/**
 * Sign the changes made through st with k (borrowed; NULL to stop). A
 * change by a person with a registered key must be signed with one of
 * their keys; a key that is not theirs is refused.
 */
void ss_store_set_signer(ss_store *st, const ss_key *k);

/**
 * Register k's public key to person in project. A person's first key signs
 * its own registration (st's signer must be k). A further key must be
 * registered with one the person already has as st's signer; k then signs a
 * proof of possession (see ss_key_pop_message) carried in the event.
 */
int ss_key_register(ss_store *st, const char *project, const char *person, const ss_key *k);
/**
 * Register a public key whose private key is elsewhere (a browser's
 * WebCrypto key): public_hex as ss_key_from_public_hex takes it, pop_hex
 * the key's signature of ss_key_pop_message. The change is signed away from
 * the writer (secspec/proposal.h): a first key by itself (the proposal names
 * its fingerprint), a further key by one the person already has.
 */
int ss_key_register_public(ss_store *st, const char *project, const char *person,
			   const char *public_hex, const char *pop_hex);
/**
 * Revoke a registered key: from then on it signs nothing in project, while
 * what it signed before stays valid. By the key's owner, or by the lead of
 * the owner's side (a key that is lost cannot revoke itself); reason is
 * recorded. A person left with no active key may register a first key again.
 */
int ss_key_revoke(ss_store *st, const char *project, const char *fingerprint, const char *reason,
		  const char *by);
/** The bytes a new key signs to prove possession when it is added. */
int ss_key_pop_message(ss_buf *out, const char *project, const char *person,
		       const char *fingerprint);
/** Keys of a project: [{person, fingerprint, public_key, active, seq}]. */
int ss_key_list(json_t **out, ss_store *st, const char *project);

#endif
