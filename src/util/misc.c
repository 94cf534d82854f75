#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"
#include "util/banned.h"

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

static int num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

bool ss_date_valid(const char *s)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 4) ||
	    !digits(s + 5, 2) || !digits(s + 8, 2))
		return false;
	y = num(s, 4);
	m = num(s + 5, 2);
	d = num(s + 8, 2);
	if (m < 1 || m > 12 || d < 1)
		return false;
	return d <= mdays[m - 1] + (m == 2 && leap(y));
}

static bool timestamp_valid(const char *s)
{
	return s && strlen(s) == 20 &&
	       ss_date_valid(
		       (char[11]){s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], 0}) &&
	       s[10] == 'T' && digits(s + 11, 2) && s[13] == ':' && digits(s + 14, 2) &&
	       s[16] == ':' && digits(s + 17, 2) && s[19] == 'Z' && num(s + 11, 2) < 24 &&
	       num(s + 14, 2) < 60 && num(s + 17, 2) < 61;
}

int ss_time_now(char out[SS_TIME_MAX])
{
	const char *fixed = getenv("SECSPEC_NOW");
	struct tm tm;
	time_t now;

	if (fixed && *fixed) {
		if (!timestamp_valid(fixed))
			return ss_error_set(SS_EINVAL,
					    "SECSPEC_NOW '%.40s' is not a UTC timestamp like "
					    "2026-04-01T09:00:00Z",
					    fixed);
		memcpy(out, fixed, SS_TIME_MAX);
		return 0;
	}
	now = time(NULL);
	if (!gmtime_r(&now, &tm) || !strftime(out, SS_TIME_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return ss_error_set(SS_ERROR, "cannot read the clock");
	return 0;
}

/* Bytes in the valid UTF-8 sequence at s[i] (of len), 0 if there is none. */
static size_t utf8_seq(const unsigned char *s, size_t len, size_t i, uint32_t *cp_out)
{
	unsigned char c = s[i];
	size_t n;
	uint32_t cp;

	if (c < 0x80) {
		*cp_out = c;
		return 1;
	} else if ((c & 0xE0) == 0xC0) {
		n = 1;
		cp = c & 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 2;
		cp = c & 0x0F;
	} else if ((c & 0xF8) == 0xF0) {
		n = 3;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n >= len - i)
		return 0;
	for (size_t k = 1; k <= n; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i + k] & 0x3F);
	}
	if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	*cp_out = cp;
	return n + 1;
}

bool ss_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((n = utf8_seq(s, len, i, &cp)) == 0)
			return false;
		i += n;
	}
	return true;
}

size_t ss_utf8_cut(const char *s, size_t max)
{
	size_t len = strlen(s);

	if (len <= max)
		return len;
	/* back over continuation bytes to the start of the cut character */
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

size_t ss_utf8_next(const char *s, size_t len, size_t i, uint32_t *cp)
{
	uint32_t c = 0;
	size_t n;

	if (i >= len)
		return 0;
	n = utf8_seq((const unsigned char *)s, len, i, &c);
	if (n)
		*cp = c;
	return n;
}

bool ss_cp_hidden(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || ss_cp_bidi(cp);
}

bool ss_cp_bidi(uint32_t cp)
{
	return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

void ss_cp_visible(char out[SS_VISIBLE_MAX], uint32_t cp)
{
	switch (cp) {
	case '\n':
		memcpy(out, "\\n", 3);
		break;
	case '\t':
		memcpy(out, "\\t", 3);
		break;
	case '\r':
		memcpy(out, "\\r", 3);
		break;
	default:
		snprintf(out, SS_VISIBLE_MAX, "\\u{%04X}", (unsigned)(cp & 0x1FFFFF));
		break;
	}
}

int ss_text_escape(ss_buf *out, const char *str, bool multiline)
{
	size_t len = strlen(str), i = 0, run = 0, n;
	char vis[SS_VISIBLE_MAX];
	uint32_t cp = 0;
	int error = 0;

	while (i < len && error == 0) {
		n = ss_utf8_next(str, len, i, &cp);
		if (n && (!ss_cp_hidden(cp) || (multiline && (cp == '\n' || cp == '\t')))) {
			i += n;
			continue;
		}
		if ((error = ss_buf_put(out, str + run, i - run)) < 0)
			break;
		if (n)
			ss_cp_visible(vis, cp);
		else
			snprintf(vis, sizeof(vis), "\\x{%02X}", (unsigned)(unsigned char)str[i]);
		error = ss_buf_puts(out, vis);
		i += n ? n : 1;
		run = i;
	}
	return error < 0 ? error : ss_buf_put(out, str + run, len - run);
}

char *ss_text_printable(char *str, bool multiline)
{
	unsigned char *s = (unsigned char *)str;
	size_t len = strlen(str), i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_seq(s, len, i, &cp);
		if (n == 0 || (ss_cp_hidden(cp) && !(multiline && (cp == '\n' || cp == '\t')))) {
			/* one '?' per byte keeps the length: no reallocation */
			for (size_t k = 0; k < (n ? n : 1); k++)
				s[i + k] = '?';
			i += n ? n : 1;
		} else {
			i += n;
		}
	}
	return str;
}

int ss_text_check(const char *field, const char *s, size_t max, bool multiline)
{
	size_t len, i = 0, n, chars = 0;
	uint32_t cp = 0;

	field = _(field);
	if (!s)
		return ss_error_set(SS_EINVAL, "%s: missing", field);
	len = strlen(s);
	if (len > max)
		return ss_error_set(SS_ELIMIT, "%s: %zu bytes, the limit is %zu", field, len, max);
	for (; i < len; i += n) {
		chars++;
		if (!(n = ss_utf8_next(s, len, i, &cp)))
			return ss_error_set(SS_EINVAL,
					    "%s: not valid UTF-8 at character %zu (byte %zu)",
					    field, chars, i + 1);
		if (!ss_cp_hidden(cp) || (multiline && (cp == '\n' || cp == '\t')))
			continue;
		if (ss_cp_bidi(cp))
			return ss_error_set(
				SS_EINVAL,
				"%s: bidirectional formatting character U+%04X at "
				"character %zu (byte %zu) is not allowed: it makes text "
				"display in another order than it is stored",
				field, (unsigned)cp, chars, i + 1);
		if (multiline)
			return ss_error_set(
				SS_EINVAL,
				"%s: control character U+%04X at character %zu (byte %zu) "
				"is not allowed (a line break or tab is)",
				field, (unsigned)cp, chars, i + 1);
		if (cp == '\n' || cp == '\t')
			return ss_error_set(
				SS_EINVAL,
				"%s: control character U+%04X at character %zu (byte %zu) "
				"is not allowed (this field is one line: no line break or "
				"tab)",
				field, (unsigned)cp, chars, i + 1);
		return ss_error_set(SS_EINVAL,
				    "%s: control character U+%04X at character %zu (byte %zu) is "
				    "not allowed",
				    field, (unsigned)cp, chars, i + 1);
	}
	return 0;
}

int ss_name_check(const char *field, const char *s, size_t max)
{
	size_t i, len, chars = 0;

	field = _(field);
	if (!s || !*s)
		return ss_error_set(SS_EINVAL, "%s: missing", field);
	len = strlen(s);
	if (len > max)
		return ss_error_set(SS_ELIMIT, "%s: %zu bytes, the limit is %zu", field, len, max);
	for (i = 0; i < len; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || (i > 0 && strchr("._@+-", c) != NULL);
		uint32_t cp = (unsigned char)c;

		chars++;
		if (ok)
			continue;
		if (!ss_utf8_next(s, len, i, &cp))
			return ss_error_set(SS_EINVAL, "%s: not valid UTF-8 at character %zu",
					    field, chars);
		return ss_error_set(SS_EINVAL,
				    "%s '%.60s': character %zu is not allowed (U+%04X; use "
				    "letters, digits and . _ @ + -, starting with a letter or "
				    "digit)",
				    field, s, chars, (unsigned)cp);
	}
	return 0;
}

int ss_parse_int(int64_t *out, const char *s, int64_t min, int64_t max)
{
	char *end;
	long long v;

	if (!s || !*s)
		return ss_error_set(SS_EINVAL, "empty number");
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return ss_error_set(SS_EINVAL, "'%.40s' is not a whole number from %lld to %lld", s,
				    (long long)min, (long long)max);
	*out = v;
	return 0;
}

int ss_file_read(ss_buf *out, const char *path, size_t max)
{
	char chunk[65536];
	struct stat sb;
	int fd, error = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)) < 0)
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	if (fstat(fd, &sb) < 0) {
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (!S_ISREG(sb.st_mode)) {
		error = ss_error_set(SS_EINVAL, "%s is not a regular file (%s)", path,
				     S_ISDIR(sb.st_mode)    ? _("a directory")
				     : S_ISFIFO(sb.st_mode) ? _("a FIFO")
							    : _("a device or socket"));
		goto out;
	}
	if ((uint64_t)sb.st_size > max) {
		error = ss_error_set(SS_ELIMIT, "%s: %lld bytes, more than the limit of %zu bytes",
				     path, (long long)sb.st_size, max);
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = ss_error_set(SS_EIO, "%s: read: %s", path, strerror(errno));
			break;
		}
		if (n == 0)
			break;
		if ((size_t)n > max - out->len) { /* it grew meanwhile */
			error = ss_error_set(SS_ELIMIT, "%s: more than the limit of %zu bytes",
					     path, max);
			break;
		}
		if ((error = ss_buf_put(out, chunk, (size_t)n)) < 0)
			break;
	}
out:
	close(fd);
	return error;
}

const char *ss_base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

int ss_file_write_atomic(const char *path, const void *data, size_t len)
{
	ss_buf tmp = SS_BUF_INIT(4096);
	const char *p = data;
	int fd = -1, error;

	if ((error = ss_buf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid())) < 0)
		goto out;
	if ((fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	while (len) {
		ssize_t w = write(fd, p, len);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			error = ss_error_set(SS_EIO, "%s: write: %s", path, strerror(errno));
			goto out;
		}
		p += w;
		len -= (size_t)w;
	}
	if (fsync(fd) < 0 || close(fd) < 0) {
		fd = -1;
		error = ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
		goto out;
	}
	fd = -1;
	if (rename(tmp.ptr, path) < 0) {
		error = ss_error_set(SS_EIO, "%s: rename: %s", path, strerror(errno));
		goto out;
	}
out:
	if (fd >= 0)
		close(fd);
	if (error < 0 && tmp.len)
		unlink(tmp.ptr);
	ss_buf_release(&tmp);
	return error;
}
