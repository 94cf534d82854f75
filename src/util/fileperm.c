/* Files that hold secrets: created with an exact mode, read only when no
 * one else can. */
#define _DEFAULT_SOURCE /* explicit_bzero */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/util.h"
#include "util/banned.h"

int ss_file_create(int *out, const char *path, unsigned mode)
{
	int fd;

	if (!out || !path || !*path)
		return ss_error_set(SS_EINVAL, "ss_file_create: no file name");
	/* O_EXCL: never overwrite, and never follow a link planted at path */
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode)) <
	    0) {
		if (errno == EEXIST)
			return ss_error_set(SS_ECONFLICT,
					    "%s: %s (an existing file is never overwritten)", path,
					    strerror(errno));
		return ss_error_set(SS_EIO, "%s: %s", path, strerror(errno));
	}
	/* the umask may have taken bits away (or a default ACL added some):
	 * the mode is exactly the one asked for, whatever the umask */
	if (fchmod(fd, (mode_t)mode) != 0) {
		int e = errno;

		close(fd);
		unlink(path);
		return ss_error_set(SS_EIO, "%s: setting mode %04o: %s", path, mode, strerror(e));
	}
	*out = fd;
	return 0;
}

int ss_file_open_private(int *out, const char *path, const char *what, const char *fix)
{
	struct stat sb;
	int fd, error = 0;

	if (!out || !path || !what)
		return ss_error_set(SS_EINVAL, "ss_file_open_private: NULL argument");
	what = _(what);
	fix = fix ? _(fix) : "";
	/* O_NONBLOCK: a FIFO planted at path must not hang the open */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0)
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s %s: %s", what,
				    path, strerror(errno));
	if (fstat(fd, &sb) != 0) {
		error = ss_error_set(SS_EIO, "%s %s: %s", what, path, strerror(errno));
	} else if (!S_ISREG(sb.st_mode)) {
		error = ss_error_set(SS_EPERM,
				     "%s %s is not a regular file; give a file of mode 0600", what,
				     path);
	} else if (sb.st_uid != geteuid()) {
		error = ss_error_set(
			SS_EPERM,
			"%s %s belongs to user id %ld, not to you (%ld); use a file of "
			"your own, mode 0600",
			what, path, (long)sb.st_uid, (long)geteuid());
	} else if (sb.st_mode & 077) {
		error = ss_error_set(SS_EPERM, "%s %s can be read by others (mode %04o); %s", what,
				     path, (unsigned)(sb.st_mode & 07777), fix);
	} else if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0) {
		error = ss_error_set(SS_EIO, "%s %s: %s", what, path, strerror(errno));
	}
	if (error < 0) {
		close(fd);
		return error;
	}
	*out = fd;
	return 0;
}

int ss_secret_file_read(char **out, const char *path, const char *what, size_t max)
{
	char *buf = NULL;
	ss_buf fix = SS_BUF_INIT(4096);
	size_t n = 0;
	ssize_t r;
	int fd = -1, error;

	if (!out || !path || !what)
		return ss_error_set(SS_EINVAL, "ss_secret_file_read: NULL argument");
	*out = NULL;
	if ((error = ss_buf_printf(&fix, _("run 'chmod 600 %s'"), path)) < 0 ||
	    (error = ss_file_open_private(&fd, path, what, fix.ptr)) < 0) {
		/* a missing or unreadable file keeps its status */
		if (error == SS_ENOTFOUND)
			error = ss_error_set(SS_EIO, "%s %s: cannot read it", what, path);
		goto out;
	}
	/* one byte more than a secret may have, to see one that is longer */
	if (!(buf = malloc(max + 2))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	while (n < max + 1) {
		if ((r = read(fd, buf + n, max + 1 - n)) < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			error = ss_error_set(SS_EIO, "%s %s: %s", what, path, strerror(errno));
			goto out;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (strlen(buf) > max) {
		error = ss_error_set(SS_ELIMIT, "%s %s: the first line is longer than %zu bytes",
				     what, path, max);
		goto out;
	}
	if (!(*out = strdup(buf)))
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	if (buf)
		explicit_bzero(buf, max + 2);
	free(buf);
	if (fd >= 0)
		close(fd);
	ss_buf_release(&fix);
	return error;
}
