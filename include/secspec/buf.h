/*
 * secspec: the one growable byte buffer.
 *
 * A buffer is never NULL-pointed after ss_buf_init (ptr points at a static ""
 * until the first write), always NUL-terminated, and refuses to grow past its
 * max (SS_ELIMIT). Caller-owned: ss_buf_init / ss_buf_release.
 */
#ifndef SECSPEC_BUF_H
#define SECSPEC_BUF_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
	char *ptr;
	size_t len;
	size_t cap;
	size_t max;
} ss_buf;

extern char ss_buf__empty[];
/** A buffer holding at most maxbytes; 0 means SS_BUF_DOC_MAX. */
#define SS_BUF_INIT(maxbytes)                                                                      \
	{                                                                                          \
		ss_buf__empty, 0, 0, (maxbytes)                                                    \
	}
/** Default cap for buffers holding documents. */
#define SS_BUF_DOC_MAX ((size_t)256 * 1024 * 1024)

void ss_buf_init(ss_buf *b, size_t max);
void ss_buf_release(ss_buf *b);
void ss_buf_clear(ss_buf *b);
int ss_buf_grow(ss_buf *b, size_t extra);
int ss_buf_put(ss_buf *b, const void *data, size_t len);
int ss_buf_puts(ss_buf *b, const char *s);
int ss_buf_putc(ss_buf *b, char c);
int ss_buf_printf(ss_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ss_buf_vprintf(ss_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/** Take the buffer's memory (malloc'd, caller frees); the buffer is reset. */
char *ss_buf_detach(ss_buf *b);

/** Write data to path atomically: a temporary file in the same directory,
 * fsync, then rename. The file is either the old one or the new one. */
int ss_file_write_atomic(const char *path, const void *data, size_t len);
/** Read a whole regular file (at most max bytes) into out; SS_ENOTFOUND,
 * SS_EIO, SS_ELIMIT, or SS_EINVAL for what is not a regular file (a
 * directory, a FIFO: opened without blocking, so that it cannot hang the
 * caller), each naming the file. */
int ss_file_read(ss_buf *out, const char *path, size_t max);
/** The last component of a path (borrowed from path). */
const char *ss_base_name(const char *path);

/** Make s, in place, safe to print and to store as a JSON string: every byte
 * of an invalid or cut UTF-8 sequence, every control character (C0, DEL,
 * C1; with multiline, not \n and \t) and every bidirectional formatting
 * character becomes '?'. Returns s. For text that quotes untrusted input. */
char *ss_text_printable(char *s, bool multiline);
/** Append s to out for a person to read: each control character and each
 * bidirectional formatting character (U+061C, U+200E, U+200F,
 * U+202A-U+202E, U+2066-U+2069) in a visible form, \n, \t, \r or
 * \u{XXXX} (with multiline, \n and \t stay as they are), a byte that is
 * not UTF-8 as \x{XX}. Other text, backslashes included, is copied. */
int ss_text_escape(ss_buf *out, const char *s, bool multiline);

#endif
