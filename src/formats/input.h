/*
 * One pass over an import file: read once, SHA-256 over the bytes as they
 * are read, gzip unpacked on the fly (recognised by its magic bytes), and a
 * cap on the bytes handed to the parser. The hash an import records is the
 * hash of exactly the bytes it parsed, whatever the file is: a regular file,
 * a pipe (FIFO, /dev/stdin) or a buffer. A character device (/dev/zero, a
 * terminal) has no end and is refused with SS_ELIMIT.
 *
 * Caller-owned: ss_input_open / ss_input_open_mem, then ss_input_close.
 */
#ifndef SS_FORMATS_INPUT_H
#define SS_FORMATS_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <nettle/sha2.h>
#include <zlib.h>

#include "util/util.h"

#define SS_INPUT_CHUNK ((size_t)1 << 16)

typedef struct {
	const char *path; /* for messages; borrowed */
	int fd;           /* -1 for a buffer */
	const unsigned char *mem;
	size_t mem_len, mem_pos;
	bool gzip, eof, z_live;
	z_stream z;
	unsigned char *raw; /* read-ahead for gzip and for the magic bytes */
	size_t raw_len, raw_pos;
	struct sha256_ctx sha;
	uint64_t raw_bytes; /* bytes of the file read (and hashed) */
	uint64_t bytes;     /* bytes handed out (unpacked) */
	uint64_t max;       /* cap on both */
	uint64_t size;      /* of a regular file (for progress); 0 otherwise */
	int error;          /* sticky: the first error */
} ss_input;

/* Open path for one pass; at most max bytes (unpacked, and of the file).
 * SS_ENOTFOUND, SS_EIO, SS_EINVAL (a directory, a socket) or SS_ELIMIT (a
 * character device), naming the file. */
int ss_input_open(ss_input *in, const char *path, uint64_t max);
/* The same over a buffer (borrowed; must outlive the input); name is used
 * in messages. */
int ss_input_open_mem(ss_input *in, const char *name, const void *data, size_t len, uint64_t max);
/* Up to n bytes into buf: the count, 0 at the end, or a negative SS_E* code
 * (message set; the same code again on every later call). */
long ss_input_read(ss_input *in, void *buf, size_t n);
/* Read what the parser left (it is hashed too), then the hex SHA-256 of
 * every byte of the file. */
int ss_input_finish(ss_input *in, char hash[SS_SHA256_HEX]);
void ss_input_close(ss_input *in);

#endif
