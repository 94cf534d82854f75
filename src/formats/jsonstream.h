/* Streaming JSON (yajl) for files too large to load whole: the elements of
 * one top-level array are built one at a time as jansson values and handed
 * to a callback. Plain or gzip-compressed files. */
#ifndef SS_FORMATS_JSONSTREAM_H
#define SS_FORMATS_JSONSTREAM_H

#include <jansson.h>

/* Called for each element of the top-level object's array `key`; the
 * element is borrowed. A negative return stops the parse with that code. */
typedef int (*ss_jstream_fn)(void *ctx, json_t *element);

/*
 * Stream path. The top-level value must be an object; its scalar members
 * are collected into *top (new reference), its member `key` must be an
 * array whose elements go to fn. Errors name the file and byte offset.
 * Nesting is capped at max_depth and each element at max_element bytes of
 * text.
 */
int ss_jstream_file(json_t **top, const char *path, const char *key, ss_jstream_fn fn, void *ctx,
		    int max_depth, size_t max_element);

#endif
