/* Streaming JSON (yajl) for files too large to load whole: the elements of
 * one top-level array are built one at a time as jansson values and handed
 * to a callback, in one pass over an ss_input. */
#ifndef SS_FORMATS_JSONSTREAM_H
#define SS_FORMATS_JSONSTREAM_H

#include <jansson.h>
#include <stdbool.h>

#include "formats/import.h"

/* Called for each element of the top-level object's array `key`; the
 * element is borrowed. A negative return stops the parse with that code;
 * its message is then prefixed with "FILE: line L, byte B: ". */
typedef int (*ss_jstream_fn)(void *ctx, json_t *element);

/*
 * Stream in. The top-level value must be an object; its first scalar
 * members (up to 32) are collected into *top (new reference), its member
 * `key` must be an array whose elements go to fn. Every cap of lim is
 * enforced (bytes by the input): string and number length before the text
 * reaches the parser, values, depth, records and the size of one element as
 * it is built. Errors name the file, line and byte offset, and for SS_ELIMIT
 * the limit. absent (may be NULL) is set to whether the error is that the
 * top-level object has no member `key` (SS_EPARSE), so that the caller can
 * say which file it wants without reading the message.
 */
int ss_jstream(json_t **top, ss_input *in, const char *key, ss_jstream_fn fn, void *ctx,
	       const ss_import_limits *lim, bool *absent);

/* Called for each element of a streamed array, with the array's key. */
typedef int (*ss_jstream_key_fn)(void *ctx, const char *key, json_t *element);

/*
 * Stream in like ss_jstream, every top-level array named in keys (a
 * NULL-terminated list) element by element to fn, in the order of the file;
 * every other member of the top-level object is built whole (under the
 * record caps: one member is one record) and put in *top with the first
 * scalar members. A listed member that is not an array is refused. No
 * listed member need be present.
 */
int ss_jstream_all(json_t **top, ss_input *in, const char *const *keys, ss_jstream_key_fn fn,
		   void *ctx, const ss_import_limits *lim);

#endif
