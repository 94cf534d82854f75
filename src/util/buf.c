#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secspec/buf.h"
#include "secspec/common.h"
#include "util/banned.h"

char ss_buf__empty[1];

void ss_buf_init(ss_buf *b, size_t max)
{
	b->ptr = ss_buf__empty;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : SS_BUF_DOC_MAX;
}

void ss_buf_release(ss_buf *b)
{
	if (!b)
		return;
	if (b->cap)
		free(b->ptr);
	b->ptr = ss_buf__empty;
	b->len = 0;
	b->cap = 0;
}

void ss_buf_clear(ss_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->ptr[0] = '\0';
}

int ss_buf_grow(ss_buf *b, size_t extra)
{
	size_t need, cap, max = b->max ? b->max : SS_BUF_DOC_MAX;
	char *p;

	if (extra > max || b->len > max - extra)
		return ss_error_set(SS_ELIMIT, "buffer limit of %zu bytes exceeded", max);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap < SIZE_MAX / 2 ? cap * 2 : need;
	if (!(p = b->cap ? realloc(b->ptr, cap) : malloc(cap)))
		return ss_error_set(SS_ENOMEM, "out of memory growing a buffer to %zu bytes", cap);
	if (!b->cap)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int ss_buf_put(ss_buf *b, const void *data, size_t len)
{
	int error;

	if (len == 0)
		return 0;
	if ((error = ss_buf_grow(b, len)) < 0)
		return error;
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int ss_buf_puts(ss_buf *b, const char *s)
{
	return ss_buf_put(b, s, strlen(s));
}

int ss_buf_putc(ss_buf *b, char c)
{
	return ss_buf_put(b, &c, 1);
}

int ss_buf_vprintf(ss_buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, error;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return ss_error_set(SS_ERROR, "formatting failed");
	if ((error = ss_buf_grow(b, (size_t)n)) < 0)
		return error;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int ss_buf_printf(ss_buf *b, const char *fmt, ...)
{
	va_list ap;
	int error;

	va_start(ap, fmt);
	error = ss_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return error;
}

char *ss_buf_detach(ss_buf *b)
{
	char *p;

	if (!b->cap) {
		p = calloc(1, 1);
	} else {
		p = b->ptr;
	}
	b->ptr = ss_buf__empty;
	b->len = 0;
	b->cap = 0;
	return p;
}
