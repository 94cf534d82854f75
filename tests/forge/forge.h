/*
 * The forger: reads an evidence bundle, lets a mutation change its events or
 * files, then re-chains, re-signs (with the private keys it was given),
 * recomputes checkpoints, keys.json, INDEX and the manifest, and writes a new
 * tar. What comes out is what an adversary holding those keys could produce,
 * so only the verifier's rules can tell it from a genuine bundle.
 */
#ifndef SS_TEST_FORGE_H
#define SS_TEST_FORGE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secspec/keys.h"

/* Rewrite of an event's canonical bytes before it is chained and signed. */
typedef int (*fg_tweak)(char **line, size_t *len);

typedef struct {
	json_t *ev;   /* the event; re-canonicalised at rebuild */
	int64_t orig; /* its seq in the bundle read (0: inserted) */
	char *sig;    /* hex signature or NULL */
	fg_tweak tweak;
	const ss_key *sign_with; /* signs the event and its pop, whatever it names */
	char *line;              /* bytes after rebuild */
	size_t len;
} fg_event;

typedef struct {
	char *path; /* below secspec-evidence/ */
	unsigned char *data;
	size_t len;
} fg_file;

typedef struct {
	char *person;
	ss_key *key;
} fg_signer;

typedef struct {
	char project[256];
	fg_event *ev;
	size_t n, cap;
	fg_file *files;
	size_t nfiles, capfiles;
	json_t *manifest;
	char *manifest_raw; /* when set, written instead of the manifest */
	size_t manifest_raw_len;
	fg_signer *signers;
	size_t nsigners;
	bool events_final_newline;
	/* extra tar entries written verbatim (name relative to the archive root) */
	struct {
		char *name;
		unsigned char *data;
		size_t len;
		int type; /* AE_IFREG, AE_IFLNK, AE_IFDIR */
		char *link;
	} extra[8];
	size_t nextra;
	bool gzip;
	bool failed; /* a tweak did not apply */
} fg_bundle;

/* rebuild flags */
enum {
	FG_KEEP_SEQ = 1u << 0,        /* seq stays what the event says */
	FG_NO_CHAIN = 1u << 1,        /* prev stays what the event says */
	FG_NO_SIGN = 1u << 2,         /* signatures stay as they were */
	FG_KEEP_CHECKPOINT = 1u << 3, /* milestone.open tree_size/root stay */
	FG_KEEP_POP = 1u << 4,        /* key.register pop stays */
	FG_KEEP_TS = 1u << 5,         /* timestamps over a moved checkpoint stay */
	FG_NO_MANIFEST = 1u << 6,     /* the manifest stays as read */
	FG_NO_DERIVED = 1u << 7,      /* keys.json and INDEX stay as read */
};

int fg_read(fg_bundle *b, const char *path);
void fg_release(fg_bundle *b);
/* PERSON=FILE */
int fg_add_signer(fg_bundle *b, const char *spec);
const ss_key *fg_signer_by_fpr(const fg_bundle *b, const char *fpr);
const ss_key *fg_signer_of(const fg_bundle *b, const char *person);

/* Insert ev (reference stolen) at index at (0-based). */
int fg_insert(fg_bundle *b, size_t at, json_t *ev);
void fg_remove(fg_bundle *b, size_t at);
/* A new event by actor at index at, as the membership before it says
 * (side, role and the key they hold), with data parsed from text. */
json_t *fg_make(const fg_bundle *b, size_t at, const char *actor, const char *type,
		const char *data_fmt, ...) __attribute__((format(printf, 5, 6)));
/* The membership and active key of person before index at. */
bool fg_state_at(const fg_bundle *b, size_t at, const char *person, const char **side,
		 const char **role, const char **fpr);
/* Index of the first (or last) event of type (and actor, when not NULL) at
 * or after from; -1 when none. data_key/data_val filter on a string in data. */
long fg_find(const fg_bundle *b, size_t from, const char *type, const char *actor,
	     const char *data_key, const char *data_val);
long fg_find_last(const fg_bundle *b, const char *type, const char *actor, const char *data_key,
		  const char *data_val);
fg_file *fg_file_get(fg_bundle *b, const char *path);
int fg_file_set(fg_bundle *b, const char *path, const void *data, size_t len);
void fg_file_remove(fg_bundle *b, const char *path);

/* Re-chain, re-sign and write log/, keys.json and INDEX (unless flags say
 * otherwise). */
int fg_rebuild(fg_bundle *b, unsigned flags);
/* log/signatures.jsonl from the events' signatures as they are now. */
int fg_sigs_file(fg_bundle *b);
/* keys.json and INDEX from the log and the manifest as they are now. */
int fg_derive(fg_bundle *b);
/* The manifest from the files as they are now. */
int fg_manifest(fg_bundle *b);
int fg_write(const fg_bundle *b, const char *path);

/* Sign data with key into a fresh hex string. */
char *fg_sign(const ss_key *k, const void *data, size_t len);

#endif
