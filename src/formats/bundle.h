/* The evidence bundle container: a POSIX tar of named files, read with
 * limits. docs/evidence-bundle.md describes the contents. */
#ifndef SS_FORMATS_BUNDLE_H
#define SS_FORMATS_BUNDLE_H

#include <jansson.h>
#include <stddef.h>

#include "secspec/buf.h"

#define SS_BUNDLE_ROOT "secspec-evidence/"
#define SS_BUNDLE_ENTRY_MAX ((size_t)512 * 1024 * 1024)
/* What a bundle may hold once unpacked (a compressed one cannot expand past
 * it); $SECSPEC_BUNDLE_MAX_BYTES lowers it. */
#define SS_BUNDLE_TOTAL_MAX ((size_t)1024 * 1024 * 1024)
#define SS_BUNDLE_ENTRIES_MAX 100000
/* bytes in an entry name, which must be printable UTF-8 */
#define SS_BUNDLE_NAME_MAX 1024

typedef struct ss_bundle_writer ss_bundle_writer;

int ss_bundle_writer_open(ss_bundle_writer **out, const char *path);
/* Add a file (path below SS_BUNDLE_ROOT); its SHA-256 goes into the manifest. */
int ss_bundle_add(ss_bundle_writer *w, const char *path, const void *data, size_t len);
/* Write MANIFEST.json (manifest object, to which "files" is added) and close. */
int ss_bundle_writer_close(ss_bundle_writer *w, json_t *manifest);
void ss_bundle_writer_free(ss_bundle_writer *w);

/* A bundle read into memory: path (without the root) -> bytes, sorted by
 * path. */
typedef struct {
	char *path;
	unsigned char *data;
	size_t len;
} ss_bundle_file;

typedef struct {
	ss_bundle_file *files;
	size_t n;
} ss_bundle;

/* Why a container was refused: the rule ("bundle-entry" or "bundle-limit")
 * and the entry's name (printable, possibly cut; "" for the archive as a
 * whole). */
typedef struct {
	char rule[24];
	char entry[256];
} ss_bundle_refusal;

/* Read a tar file (or a gzip-compressed one). Every entry must be a regular,
 * non-sparse file whose name is printable UTF-8 below SS_BUNDLE_ROOT with no
 * empty, "." or ".." part, each name once, all within the limits; anything
 * else (directories, links, devices, FIFOs) is refused with SS_EPARSE or
 * SS_ELIMIT, the message naming the entry, and *why (when not NULL) filled. */
int ss_bundle_read_file(ss_bundle *out, const char *path, ss_bundle_refusal *why);
const ss_bundle_file *ss_bundle_get(const ss_bundle *b, const char *path);
void ss_bundle_release(ss_bundle *b);

#endif
