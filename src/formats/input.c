#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "formats/input.h"
#include "util/progress.h"
#include "util/banned.h"

static void init(ss_input *in, const char *path, uint64_t max)
{
	memset(in, 0, sizeof(*in));
	in->path = path;
	in->fd = -1;
	in->max = max;
	sha256_init(&in->sha);
}

int ss_input_open(ss_input *in, const char *path, uint64_t max)
{
	struct stat sb;
	int fd;

	if (!in || !path)
		return ss_error_set(SS_EINVAL, "ss_input_open: NULL argument");
	init(in, path, max);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) < 0)
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	if (fstat(fd, &sb) < 0) {
		int e = errno;

		close(fd);
		return ss_error_set(SS_EIO, "%s: %s", path, strerror(e));
	}
	if (S_ISCHR(sb.st_mode)) {
		close(fd);
		return ss_error_set(SS_ELIMIT,
				    "%s: a character device has no end, so the size limit cannot "
				    "be met; import a regular file or a pipe",
				    path);
	}
	if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
		close(fd);
		return ss_error_set(SS_EINVAL, "%s: not a regular file or a pipe", path);
	}
	if (S_ISREG(sb.st_mode)) {
		(void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
		in->size = (uint64_t)sb.st_size;
	}
	in->fd = fd;
	return 0;
}

int ss_input_open_mem(ss_input *in, const char *name, const void *data, size_t len, uint64_t max)
{
	if (!in || !name || (!data && len))
		return ss_error_set(SS_EINVAL, "ss_input_open_mem: NULL argument");
	init(in, name, max);
	in->mem = data;
	in->mem_len = len;
	return 0;
}

static int fail(ss_input *in, int code)
{
	if (!in->error)
		in->error = code;
	return in->error;
}

/* Raw bytes of the file, hashed and counted. */
static long raw_read(ss_input *in, unsigned char *buf, size_t n)
{
	long got;

	if (in->eof)
		return 0;
	if (in->fd < 0) {
		got = (long)(in->mem_len - in->mem_pos < n ? in->mem_len - in->mem_pos : n);
		memcpy(buf, in->mem + in->mem_pos, (size_t)got);
		in->mem_pos += (size_t)got;
	} else {
		do
			got = read(in->fd, buf, n);
		while (got < 0 && errno == EINTR);
		if (got < 0)
			return fail(in, ss_error_set(SS_EIO, "%s: byte %llu: %s", in->path,
						     (unsigned long long)in->raw_bytes,
						     strerror(errno)));
	}
	if (got == 0) {
		in->eof = true;
		if (in->fd >= 0)
			ss_progress(N_("reading the file"), SS_PROGRESS_BYTES, in->raw_bytes,
				    in->raw_bytes);
		return 0;
	}
	in->raw_bytes += (uint64_t)got;
	if (in->fd >= 0)
		ss_progress(N_("reading the file"), SS_PROGRESS_BYTES, in->raw_bytes,
			    in->size > in->raw_bytes ? in->size : in->raw_bytes);
	if (in->raw_bytes > in->max)
		return fail(in, ss_error_set(SS_ELIMIT,
					     "%s: byte %llu: over the size limit: the file is "
					     "larger than %llu bytes",
					     in->path, (unsigned long long)in->max,
					     (unsigned long long)in->max));
	sha256_update(&in->sha, (size_t)got, buf);
	return got;
}

/* The first bytes, to tell gzip from plain text. */
static int start(ss_input *in)
{
	long got;

	if (!(in->raw = malloc(SS_INPUT_CHUNK)))
		return fail(in, ss_error_set(SS_ENOMEM, "out of memory"));
	while (in->raw_len < 2 && (got = raw_read(in, in->raw + in->raw_len, 2 - in->raw_len)) > 0)
		in->raw_len += (size_t)got;
	if (in->error)
		return in->error;
	if (in->raw_len == 2 && in->raw[0] == 0x1f && in->raw[1] == 0x8b) {
		in->gzip = true;
		if (inflateInit2(&in->z, 16 + MAX_WBITS) != Z_OK)
			return fail(in, ss_error_set(SS_ENOMEM, "out of memory"));
		in->z_live = true;
	}
	return 0;
}

static long gz_read(ss_input *in, unsigned char *buf, size_t n)
{
	in->z.next_out = buf;
	in->z.avail_out = (uInt)n;
	while (in->z.avail_out == n) {
		int rc;

		if (in->raw_pos == in->raw_len) {
			long got = raw_read(in, in->raw, SS_INPUT_CHUNK);

			if (got < 0)
				return got;
			in->raw_pos = 0;
			in->raw_len = (size_t)got;
			if (got == 0) {
				if (in->z.total_in == 0 && in->z.total_out == 0)
					break; /* ended cleanly after a member */
				return fail(
					in,
					ss_error_set(SS_EPARSE,
						     "%s: byte %llu: the gzip data ends too early "
						     "(truncated file?)",
						     in->path, (unsigned long long)in->raw_bytes));
			}
		}
		in->z.next_in = in->raw + in->raw_pos;
		in->z.avail_in = (uInt)(in->raw_len - in->raw_pos);
		rc = inflate(&in->z, Z_NO_FLUSH);
		in->raw_pos = in->raw_len - in->z.avail_in;
		if (rc == Z_STREAM_END) {
			/* another member may follow, as gzip allows */
			inflateReset(&in->z);
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			return fail(in,
				    ss_error_set(SS_EPARSE,
						 "%s: byte %llu: not valid gzip data: %s", in->path,
						 (unsigned long long)(in->raw_bytes -
								      (in->raw_len - in->raw_pos)),
						 in->z.msg ? in->z.msg : _("inflate failed")));
		}
	}
	return (long)(n - in->z.avail_out);
}

long ss_input_read(ss_input *in, void *buf, size_t n)
{
	long got;

	if (!in || !buf)
		return ss_error_set(SS_EINVAL, "ss_input_read: NULL argument");
	if (in->error)
		return in->error;
	if (!in->raw && start(in) < 0)
		return in->error;
	if (n > SS_INPUT_CHUNK * 16)
		n = SS_INPUT_CHUNK * 16;
	if (n == 0)
		return 0;
	if (in->gzip) {
		got = gz_read(in, buf, n);
	} else if (in->raw_pos < in->raw_len) {
		got = (long)(in->raw_len - in->raw_pos < n ? in->raw_len - in->raw_pos : n);
		memcpy(buf, in->raw + in->raw_pos, (size_t)got);
		in->raw_pos += (size_t)got;
	} else {
		got = raw_read(in, buf, n);
	}
	if (got < 0)
		return got;
	in->bytes += (uint64_t)got;
	if (in->bytes > in->max && in->gzip)
		return fail(in, ss_error_set(SS_ELIMIT,
					     "%s: byte %llu: over the size limit: more than %llu "
					     "bytes of data once unpacked",
					     in->path, (unsigned long long)in->max,
					     (unsigned long long)in->max));
	if (in->bytes > in->max)
		return fail(in, ss_error_set(SS_ELIMIT,
					     "%s: byte %llu: over the size limit: more than %llu "
					     "bytes of data",
					     in->path, (unsigned long long)in->max,
					     (unsigned long long)in->max));
	return got;
}

int ss_input_finish(ss_input *in, char hash[SS_SHA256_HEX])
{
	uint8_t md[SS_SHA256_LEN];
	unsigned char buf[1 << 14];
	long got;

	if (!in || !hash)
		return ss_error_set(SS_EINVAL, "ss_input_finish: NULL argument");
	if (in->error)
		return in->error;
	while ((got = raw_read(in, buf, sizeof(buf))) > 0)
		;
	if (got < 0)
		return (int)got;
	sha256_digest(&in->sha, SS_SHA256_LEN, md);
	ss_hex_encode(hash, md, sizeof(md));
	return 0;
}

void ss_input_close(ss_input *in)
{
	if (!in)
		return;
	if (in->fd >= 0)
		close(in->fd);
	if (in->z_live)
		inflateEnd(&in->z);
	free(in->raw);
	in->fd = -1;
	in->raw = NULL;
	in->z_live = false;
}
