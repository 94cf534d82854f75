/*
 * The text of Windows export files (winexport.h): byte order mark, UTF-16
 * to UTF-8, and the small helpers the three parsers share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/winexport.h"
#include "util/util.h"

#define LABEL(l) ((l) ? (l) : "Windows export")

/* Append code point cp as UTF-8 at p; the number of bytes. */
static size_t put_utf8(char *p, uint32_t cp)
{
	if (cp < 0x80) {
		p[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		p[0] = (char)(0xC0 | (cp >> 6));
		p[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | (cp >> 12));
		p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | (cp >> 18));
	p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static int decode_utf16(ss__wintext *out, const uint8_t *d, size_t len, bool be, size_t base,
			const char *label)
{
	size_t i, o = 0, line = 1;
	char *t;

	if (len % 2)
		return ss_error_set(SS_EPARSE,
				    "%s: an odd number of bytes (%zu) of UTF-16 text: the file is "
				    "cut short or not UTF-16",
				    LABEL(label), len);
	/* Each 2-byte unit gives at most 3 bytes (a pair of 4 gives 4). */
	if (!(t = malloc(len / 2 * 3 + 1)))
		return ss_error_set(SS_ENOMEM, "%s: decoding UTF-16", LABEL(label));
	for (i = 0; i < len; i += 2) {
		uint32_t u = be ? (uint32_t)d[i] << 8 | d[i + 1] : (uint32_t)d[i + 1] << 8 | d[i];
		if (u >= 0xD800 && u <= 0xDBFF) {
			uint32_t v = 0;
			if (i + 3 < len)
				v = be ? (uint32_t)d[i + 2] << 8 | d[i + 3]
				       : (uint32_t)d[i + 3] << 8 | d[i + 2];
			if (v < 0xDC00 || v > 0xDFFF) {
				free(t);
				return ss_error_set(
					SS_EPARSE,
					"%s: line %zu: byte %zu: a UTF-16 high surrogate "
					"(U+%04X) without its low surrogate",
					LABEL(label), line, base + i, (unsigned)u);
			}
			u = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00);
			i += 2;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			free(t);
			return ss_error_set(
				SS_EPARSE,
				"%s: line %zu: byte %zu: a UTF-16 low surrogate (U+%04X) "
				"without a high surrogate before it",
				LABEL(label), line, base + i, (unsigned)u);
		} else if (u == 0) {
			free(t);
			return ss_error_set(SS_EPARSE, "%s: line %zu: byte %zu: a NUL character",
					    LABEL(label), line, base + i);
		}
		if (u == '\n')
			line++;
		o += put_utf8(t + o, u);
	}
	t[o] = '\0';
	out->text = t;
	out->len = o;
	out->utf16 = be ? 2 : 1;
	return 0;
}

int ss__win_decode(ss__wintext *out, const void *data, size_t len, const char *label)
{
	const uint8_t *d = data;
	size_t i, line = 1, col = 1;
	char *t;

	if (len > SS_WIN_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: %zu bytes, more than the limit of %zu",
				    LABEL(label), len, SS_WIN_FILE_MAX);
	if (len >= 2 && d[0] == 0xFF && d[1] == 0xFE)
		return decode_utf16(out, d + 2, len - 2, false, 2, label);
	if (len >= 2 && d[0] == 0xFE && d[1] == 0xFF)
		return decode_utf16(out, d + 2, len - 2, true, 2, label);
	if (len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF) {
		d += 3;
		len -= 3;
	} else if ((len >= 1 && (d[0] == 0xFF || d[0] == 0xFE)) ||
		   (len >= 2 && d[0] == 0xEF && d[1] == 0xBB) || (len == 1 && d[0] == 0xEF)) {
		return ss_error_set(
			SS_EPARSE,
			"%s: line 1: a byte order mark cut short or damaged (the file "
			"starts with %02X%s%02X): expected FF FE (UTF-16LE) or EF BB BF "
			"(UTF-8)",
			LABEL(label), d[0], len > 1 ? " " : "", len > 1 ? d[1] : 0);
	} else if (len >= 2 && d[0] != 0 && d[1] == 0) {
		return decode_utf16(out, d, len, false, 0, label);
	}
	for (i = 0; i < len;) {
		uint32_t cp;
		size_t n = ss_utf8_next((const char *)d, len, i, &cp);
		if (!n)
			return ss_error_set(
				SS_EPARSE,
				"%s: line %zu, column %zu: byte %02X is not UTF-8 (save "
				"the file as UTF-8 or UTF-16)",
				LABEL(label), line, col, d[i]);
		if (cp == 0)
			return ss_error_set(SS_EPARSE, "%s: line %zu, column %zu: a NUL character",
					    LABEL(label), line, col);
		if (cp == '\n') {
			line++;
			col = 0;
		}
		col++;
		i += n;
	}
	if (!(t = malloc(len + 1)))
		return ss_error_set(SS_ENOMEM, "%s: reading the text", LABEL(label));
	if (len)
		memcpy(t, d, len);
	t[len] = '\0';
	out->text = t;
	out->len = len;
	out->utf16 = 0;
	return 0;
}

size_t ss__win_col(const char *line, size_t off)
{
	size_t c = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)line[i] & 0xC0) != 0x80)
			c++;
	return c;
}

const char *ss__win_vis(char *buf, size_t cap, const char *s)
{
	size_t o = 0, i = 0, n = strlen(s);

	while (i < n) {
		char vis[SS_VISIBLE_MAX];
		uint32_t cp;
		size_t k = ss_utf8_next(s, n, i, &cp), w;
		const char *piece = s + i;
		if (!k) {
			snprintf(vis, sizeof(vis), "\\x%02X", (unsigned char)s[i]);
			piece = vis;
			w = strlen(vis);
			k = 1;
		} else if (ss_cp_hidden(cp)) {
			ss_cp_visible(vis, cp);
			piece = vis;
			w = strlen(vis);
		} else {
			w = k;
		}
		if (o + w + 4 > cap) {
			/* o + 4 <= cap holds whenever cap >= 4 */
			if (cap >= 4) {
				memcpy(buf + o, "...", 4);
				return buf;
			}
			break;
		}
		memcpy(buf + o, piece, w);
		o += w;
		i += k;
	}
	if (cap)
		buf[o < cap ? o : cap - 1] = '\0';
	return buf;
}

static int fold(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int ss__win_casecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int x = fold((unsigned char)*a), y = fold((unsigned char)*b);
		if (x != y || !x)
			return x - y;
	}
}

struct ss__winblk {
	ss__winblk *next;
	size_t used, cap;
	char data[];
};

#define BLOCK 65536

char *ss__win_strndup(ss__winarena *a, const char *s, size_t n)
{
	ss__winblk *b = a->head;
	char *p;

	if (!b || b->cap - b->used < n + 1) {
		size_t cap = n + 1 > BLOCK ? n + 1 : BLOCK;
		if (!(b = malloc(sizeof(*b) + cap)))
			return NULL;
		b->used = 0;
		b->cap = cap;
		if (n + 1 > BLOCK && a->head) {
			/* A big string gets its own block behind the current one. */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	b->used += n + 1;
	return p;
}

void ss__win_arena_free(ss__winarena *a)
{
	ss__winblk *b = a->head;
	while (b) {
		ss__winblk *n = b->next;
		free(b);
		b = n;
	}
	a->head = NULL;
}
