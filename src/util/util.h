/* Internal helpers shared by every tier of libsecspec. */
#ifndef SS_UTIL_H
#define SS_UTIL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secspec/buf.h"
#include "secspec/common.h"
#include "util/i18n.h"

/* Canonical JSON (RFC 8785 for the subset secspec uses: objects, arrays,
 * strings, integers, booleans, null). Keys sorted by UTF-16 code units, no
 * whitespace, minimal escapes. Object keys that start with "__" are
 * annotations (source positions) and are skipped. Reals are refused. */
int ss_json_canonical(ss_buf *out, const json_t *v);
/* Whether text is exactly the canonical form of the one JSON value it holds
 * (for an object: keys with no escaped character, in byte order, no
 * duplicates; depth at most 64). where: the byte offset where it stops
 * being canonical (may be NULL). One pass, no allocation. */
bool ss_json_is_canonical(const char *text, size_t len, size_t *where);
/* One member of an object, as ss_json_canonical_scan saw it: key and value
 * as they stand in the text (a string value without its quotes), kind 's'
 * string, 'i' integer, 't' true, 'f' false, 'n' null, 'a' array, 'o'
 * object; esc: the string holds an escape. parent: -1 for a member of the
 * top object, else the index of the member whose object value holds it. */
typedef struct {
	const char *key, *val;
	uint32_t key_len, val_len;
	char kind;
	bool esc;
	int16_t parent;
} ss_json_member;
typedef struct {
	ss_json_member *m;
	size_t cap, n;
	bool overflow; /* more members than cap: the rest are not recorded */
	bool top_only; /* record only the members of the top object */
} ss_json_members;
/* ss_json_is_canonical, and when the text is an object, the members of it
 * and of the objects that are its members' values, in order, into *out
 * (out->n set; may be NULL). */
bool ss_json_canonical_scan(const char *text, size_t len, size_t *where, ss_json_members *out);

/* SHA-256 (util/hash.c). ss_sha256_2 hashes a then b; the _hex forms give
 * 64 lowercase hex characters plus NUL. */
#define SS_SHA256_LEN 32
#define SS_SHA256_HEX 65
void ss_sha256(uint8_t out[SS_SHA256_LEN], const void *data, size_t len);
void ss_sha256_2(uint8_t out[SS_SHA256_LEN], const void *a, size_t alen, const void *b,
		 size_t blen);
void ss_sha256_hex(char out[SS_SHA256_HEX], const void *data, size_t len);
/* The UUIDv5 (RFC 9562) of name (len bytes) in the namespace ns (a UUID in
 * text): 0, or SS_EINVAL when ns is not a UUID. out gets 36 characters and
 * a NUL (uuid.c). */
int ss_uuid5(char out[37], const char *ns, const char *name, size_t len);
int ss_sha256_file(char out[SS_SHA256_HEX], const char *path);

/* n bytes as 2n lowercase hex characters plus NUL; and back, accepting
 * exactly 2n lowercase hex characters (SS_EINVAL otherwise). */
void ss_hex_encode(char *out, const uint8_t *in, size_t n);
int ss_hex_decode(uint8_t *out, size_t n, const char *s);
/* The value of one hexadecimal digit of either case, or -1. */
int ss_hex_digit(int c);

/* Current time as "YYYY-MM-DDTHH:MM:SSZ" (UTC). SECSPEC_NOW overrides the
 * clock when set to a valid timestamp, so that tests and demos are
 * reproducible. */
#define SS_TIME_MAX 21
int ss_time_now(char out[SS_TIME_MAX]);
/* true if s is YYYY-MM-DD (a real calendar date). */
bool ss_date_valid(const char *s);

/* Text checks: valid UTF-8, no control characters (with multiline, \n and
 * \t are allowed), no bidirectional formatting characters, at most max
 * bytes. field names the input in the error message, which gives the code
 * point and its position; it is English (an option or a noun phrase),
 * translated here, and a literal one is extracted by an xgettext keyword
 * (so is ss_name_check's). */
int ss_text_check(const char *field, const char *s, size_t max, bool multiline);
bool ss_utf8_valid(const char *s, size_t len);
/* Bytes of s to keep to stay within max without cutting a character. */
size_t ss_utf8_cut(const char *s, size_t max);
/* The code point of the valid UTF-8 sequence at s[i] (of len bytes) into
 * *cp and its length in bytes; 0 (and *cp untouched) when there is none. */
size_t ss_utf8_next(const char *s, size_t len, size_t i, uint32_t *cp);

/* Code points that text is never shown with as they are: C0 and C1
 * controls, DEL and the bidirectional formatting characters (ss_cp_bidi:
 * U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069). */
bool ss_cp_hidden(uint32_t cp);
bool ss_cp_bidi(uint32_t cp);
/* The visible form of a hidden code point: \n, \t, \r, or \u{XXXX}. */
#define SS_VISIBLE_MAX 16
void ss_cp_visible(char out[SS_VISIBLE_MAX], uint32_t cp);
/* An identifier: [A-Za-z0-9][A-Za-z0-9._@+-]*, at most max bytes. */
int ss_name_check(const char *field, const char *s, size_t max);

/* Create path (never overwriting, never through a symbolic link) with
 * exactly mode, whatever the umask: *out is the descriptor, open for
 * writing. SS_ECONFLICT when path exists. */
int ss_file_create(int *out, const char *path, unsigned mode);
/* Open a file holding a secret for reading: refused with SS_EPERM unless it
 * is a regular file owned by the user that group and others can neither
 * read nor write. what names it in messages ("private key"); fix says what
 * to do about a permissive mode ("run 'chmod 600 FILE'"). Both are English
 * and translated here: a literal what is extracted by an xgettext keyword,
 * a fix built at run time is best translated by the caller. */
int ss_file_open_private(int *out, const char *path, const char *what, const char *fix);
/* Read the first line of a secret file (a passphrase, a password) that only
 * its owner may read (ss_file_open_private): at most max bytes, the line
 * end dropped; *out is malloc'ed and the caller wipes it before freeing.
 * what names the file in messages (an environment variable's name). A
 * missing file is SS_EIO, a longer line SS_ELIMIT. */
int ss_secret_file_read(char **out, const char *path, const char *what, size_t max);

/* jansson conveniences: borrowed string or "" / NULL. */
const char *ss_js(const json_t *obj, const char *key);
/* json_loadb for untrusted input: NULL (as for a parse error) when the text
 * holds more than SS_JSON_VALUES_MAX containers and elements. */
#define SS_JSON_VALUES_MAX 2000000
json_t *ss_json_loadb_bounded(const char *buf, size_t len, size_t flags);
const char *ss_js_or_null(const json_t *obj, const char *key);
int64_t ss_ji(const json_t *obj, const char *key);
/* The first object of list whose string member key equals value, or NULL. */
json_t *ss_json_find_by(const json_t *list, const char *key, const char *value);

/* Load a YAML document into a jansson tree. Every scalar is a string. Each
 * mapping gets "__line" (its line) and "__L<key>" (the line of each key's
 * value). Anchors, aliases and tags are refused; depth and size are capped,
 * and the number of values and containers follows the file's size (memory
 * stays a small multiple of it). Errors name the file, line and column. */
int ss_yaml_load(json_t **out, const char *path, size_t max_bytes, int max_depth);
/* Line of key in mapping obj as recorded by ss_yaml_load, or the mapping's line. */
int ss_yaml_line(const json_t *obj, const char *key);
/* Keys of mapping obj from the file (the reader's "__" keys not counted). */
size_t ss_yaml_size(const json_t *obj);

#endif
