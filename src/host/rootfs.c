/* Reading a host or a mounted root tree without leaving it (host/rootfs.h).
 *
 * Two ways to resolve a path inside the root:
 * - openat2(2) with RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS: the kernel
 *   treats the root descriptor as "/" for every component, link targets and
 *   ".." included, and refuses /proc's magic links; atomic, no window
 *   between checking a component and using it. glibc 2.36 has no wrapper,
 *   so it is called through syscall(2).
 * - where the kernel (before 5.6) or a seccomp filter (EPERM, ENOSYS)
 *   refuses it, a walk from the root descriptor one component at a time
 *   with O_PATH | O_NOFOLLOW: a link's target is read and walked again
 *   from the root (absolute) or from the link's directory (relative), ".."
 *   pops a stack of directory descriptors that never goes below the root,
 *   at most SS_ROOTFS_LINKS_MAX links.
 * A file is first opened O_PATH (no open of a device, no side effect) and
 * must be a regular file; it is then opened for reading non-blocking and
 * without a controlling terminal, and must be the same file. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "host/rootfs.h"
#include "util/util.h"

/* Directories one walk may hold open, and the longest path a walk expands
 * to with its link targets. */
#define WALK_DEPTH_MAX 256
#define WALK_PATH_MAX (8 * PATH_MAX)

struct ss_rootfs {
	int fd;
	char *root;
	bool openat2;
	ss_tree tree;
};

static int errno_error(int e, const char *path)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR:
		return ss_error_set(SS_ENOTFOUND, "%s: no such file or directory", path);
	case ELOOP:
		return ss_error_set(SS_EIO,
				    "%s: too many links, or a link that may not be followed", path);
	case EXDEV:
		return ss_error_set(SS_EIO, "%s: leads out of the root", path);
	case EACCES:
	case EPERM:
		return ss_error_set(SS_EIO, "%s: permission denied", path);
	case ENAMETOOLONG:
		return ss_error_set(SS_EIO, "%s: name too long", path);
	case ENOMEM:
		return ss_error_set(SS_ENOMEM, "%s: out of memory", path);
	default:
		return ss_error_set(SS_EIO, "%s: %s", path, strerror(e));
	}
}

static int check_path(const char *path)
{
	if (!path || path[0] != '/')
		return ss_error_set(SS_EINVAL, "%s: not an absolute path inside the root",
				    path ? path : "(null)");
	if (strlen(path) >= PATH_MAX)
		return ss_error_set(SS_EINVAL, "a path of %zu bytes is too long", strlen(path));
	return 0;
}

#ifdef SYS_openat2
static int openat2_call(int dirfd, const char *path, int flags)
{
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = (uint64_t)flags;
	how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
}
#endif

/* Walk path from the root by hand (see the top of the file): *out is
 * opened with oflags; the last component is followed when it is a link
 * and follow is set. Returns 0 or -errno (ELOOP for too many links). */
static int walk(ss_rootfs *r, const char *path, int oflags, bool follow, int *out)
{
	int stack[WALK_DEPTH_MAX];
	int n = 0, links = 0, rc = 0, fd = -1;
	char *todo, *p;
	char name[NAME_MAX + 1];

	if (!(todo = strdup(path)))
		return -ENOMEM;
	p = todo;
	for (;;) {
		int top = n ? stack[n - 1] : r->fd;
		const char *end, *after;
		size_t len;
		bool last;
		struct stat st;

		while (*p == '/')
			p++;
		if (!*p) {
			/* the path ends at the current directory */
			if ((fd = openat(top, ".", oflags | O_CLOEXEC)) < 0)
				rc = -errno;
			break;
		}
		end = strchr(p, '/');
		len = end ? (size_t)(end - p) : strlen(p);
		after = end;
		while (after && *after == '/')
			after++;
		last = !after || !*after;
		if (len > NAME_MAX) {
			rc = -ENAMETOOLONG;
			break;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (!strcmp(name, ".") || !strcmp(name, "..")) {
			if (name[1] && n)
				close(stack[--n]);
			p += len;
			continue;
		}
		if ((fd = openat(top, name, O_PATH | O_NOFOLLOW | O_CLOEXEC)) < 0) {
			rc = -errno;
			break;
		}
		if (fstat(fd, &st) < 0) {
			rc = -errno;
			break;
		}
		if (S_ISLNK(st.st_mode) && (!last || follow || end)) {
			char target[PATH_MAX];
			ssize_t tl;
			size_t restlen = end ? strlen(end) : 0;
			char *next;

			if (++links > SS_ROOTFS_LINKS_MAX) {
				rc = -ELOOP;
				break;
			}
			tl = readlinkat(fd, "", target, sizeof(target));
			if (tl < 0 || (size_t)tl >= sizeof(target)) {
				rc = tl < 0 ? -errno : -ENAMETOOLONG;
				break;
			}
			close(fd);
			fd = -1;
			if ((size_t)tl + restlen + 2 > WALK_PATH_MAX) {
				rc = -ENAMETOOLONG;
				break;
			}
			if (!(next = malloc((size_t)tl + restlen + 2))) {
				rc = -ENOMEM;
				break;
			}
			/* the target, then what followed the link ("/..." or "") */
			memcpy(next, target, (size_t)tl);
			memcpy(next + tl, end ? end : "", restlen + 1);
			if (target[0] == '/')
				while (n)
					close(stack[--n]);
			free(todo);
			todo = p = next;
			continue;
		}
		if (last) {
			if (end && !S_ISDIR(st.st_mode)) {
				rc = -ENOTDIR; /* "name/" */
			} else if (!(oflags & O_PATH)) {
				/* reopen as asked; O_NOFOLLOW: a link put there since
				 * is refused, not followed */
				close(fd);
				if ((fd = openat(top, name, oflags | O_NOFOLLOW | O_CLOEXEC)) < 0)
					rc = -errno;
			}
			break;
		}
		if (!S_ISDIR(st.st_mode)) {
			rc = -ENOTDIR;
			break;
		}
		if (n == WALK_DEPTH_MAX) {
			rc = -ENAMETOOLONG;
			break;
		}
		stack[n++] = fd;
		fd = -1;
		p += len;
	}
	while (n)
		close(stack[--n]);
	free(todo);
	if (rc < 0) {
		if (fd >= 0)
			close(fd);
		return rc;
	}
	*out = fd;
	return 0;
}

/* path opened with oflags inside the root: 0 or -errno. */
static int open_in(ss_rootfs *r, const char *path, int oflags, bool follow, int *out)
{
#ifdef SYS_openat2
	if (r->openat2) {
		int flags = oflags | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);

		for (int tries = 0; tries < 8; tries++) {
			int fd = openat2_call(r->fd, path, flags);

			if (fd >= 0) {
				*out = fd;
				return 0;
			}
			if (errno != EAGAIN && errno != EINTR)
				return -errno;
		}
		/* renames kept racing the lookup: the walk is not bothered */
	}
#endif
	return walk(r, path, oflags, follow, out);
}

/* As open_in, with O_NOATIME where the file's owner allows it. */
static int open_noatime(ss_rootfs *r, const char *path, int oflags, int *out)
{
	int rc = open_in(r, path, oflags | O_NOATIME, true, out);

	if (rc == -EPERM)
		rc = open_in(r, path, oflags, true, out);
	return rc;
}

static ss_ftype ftype(mode_t m)
{
	return S_ISREG(m)    ? SS_FT_REG
	       : S_ISDIR(m)  ? SS_FT_DIR
	       : S_ISLNK(m)  ? SS_FT_LNK
	       : S_ISCHR(m)  ? SS_FT_CHR
	       : S_ISBLK(m)  ? SS_FT_BLK
	       : S_ISFIFO(m) ? SS_FT_FIFO
	       : S_ISSOCK(m) ? SS_FT_SOCK
			     : SS_FT_OTHER;
}

static const char *ftype_name(mode_t m)
{
	/* the subject of "%s: %s, not a regular file" and its kin */
	static const char *const names[] = {N_("a regular file"),  N_("a directory"),
					    N_("a symbolic link"), N_("a character device"),
					    N_("a block device"),  N_("a FIFO"),
					    N_("a socket"),        N_("a special file")};
	return _(names[ftype(m)]);
}

/* What path is, through an O_PATH descriptor. */
static int path_stat(ss_rootfs *r, const char *path, bool follow, struct stat *st)
{
	int fd, rc;

	if ((rc = check_path(path)) < 0)
		return rc;
	if ((rc = open_in(r, path, O_PATH, follow, &fd)) < 0)
		return errno_error(-rc, path);
	rc = fstat(fd, st) < 0 ? errno_error(errno, path) : 0;
	close(fd);
	return rc;
}

static int rootfs_read_impl(ss_rootfs *r, const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st, st2;
	int fd, rc;
	size_t cap, n = 0;
	char *b;

	*buf = NULL;
	*len = 0;
	if ((rc = path_stat(r, path, true, &st)) < 0)
		return rc;
	if (!S_ISREG(st.st_mode))
		return ss_error_set(SS_EINVAL, "%s: %s, not a regular file", path,
				    ftype_name(st.st_mode));
	if (st.st_size > 0 && (uint64_t)st.st_size > max)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", path, max);
	if ((rc = open_noatime(r, path, O_RDONLY | O_NONBLOCK | O_NOCTTY, &fd)) < 0)
		return errno_error(-rc, path);
	if (fstat(fd, &st2) < 0 || !S_ISREG(st2.st_mode) || st2.st_dev != st.st_dev ||
	    st2.st_ino != st.st_ino) {
		close(fd);
		return ss_error_set(SS_EIO, "%s: changed while it was opened", path);
	}
	/* st_size is only a hint (/proc says 0): read to the end, max + 1 at most */
	cap = (st2.st_size > 0 ? (size_t)st2.st_size : 4096) + 1;
	if (cap > max + 1)
		cap = max + 1;
	if (!(b = malloc(cap + 1))) {
		close(fd);
		return ss_error_set(SS_ENOMEM, "%s: out of memory", path);
	}
	for (;;) {
		ssize_t got;

		if (n == cap) {
			size_t ncap = cap > (max + 1) / 2 ? max + 1 : cap * 2;
			char *nb;

			if (cap == max + 1) {
				rc = ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", path,
						  max);
				break;
			}
			if (!(nb = realloc(b, ncap + 1))) {
				rc = ss_error_set(SS_ENOMEM, "%s: out of memory", path);
				break;
			}
			b = nb;
			cap = ncap;
		}
		got = read(fd, b + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			rc = errno_error(errno, path);
			break;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	if (rc == 0 && n > max)
		rc = ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", path, max);
	if (rc < 0) {
		free(b);
		return rc;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int rootfs_list_impl(ss_rootfs *r, const char *dir, char ***names)
{
	struct stat st;
	int fd, rc;
	DIR *d;
	struct dirent *e;
	char **v = NULL;
	size_t n = 0, cap = 0;

	*names = NULL;
	if ((rc = path_stat(r, dir, true, &st)) < 0)
		return rc;
	if (!S_ISDIR(st.st_mode))
		return ss_error_set(SS_EINVAL, "%s: %s, not a directory", dir,
				    ftype_name(st.st_mode));
	if ((rc = open_noatime(r, dir, O_RDONLY | O_DIRECTORY | O_NONBLOCK, &fd)) < 0)
		return errno_error(-rc, dir);
	if (!(d = fdopendir(fd))) {
		rc = errno_error(errno, dir);
		close(fd);
		return rc;
	}
	for (;;) {
		errno = 0;
		if (!(e = readdir(d))) {
			if (errno)
				rc = errno_error(errno, dir);
			break;
		}
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		if (n == SS_ROOTFS_NAMES_MAX) {
			rc = ss_error_set(SS_ELIMIT, "%s: more than %d names", dir,
					  SS_ROOTFS_NAMES_MAX);
			break;
		}
		if (n + 1 >= cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char **nv = realloc(v, ncap * sizeof(*v));

			if (!nv) {
				rc = ss_error_set(SS_ENOMEM, "%s: out of memory", dir);
				break;
			}
			v = nv;
			cap = ncap;
		}
		if (!(v[n] = strdup(e->d_name))) {
			rc = ss_error_set(SS_ENOMEM, "%s: out of memory", dir);
			break;
		}
		n++;
	}
	closedir(d);
	if (rc == 0 && !v && !(v = malloc(sizeof(*v))))
		rc = ss_error_set(SS_ENOMEM, "%s: out of memory", dir);
	if (rc < 0) {
		while (n)
			free(v[--n]);
		free(v);
		return rc;
	}
	v[n] = NULL;
	qsort(v, n, sizeof(*v), cmp_names);
	*names = v;
	return 0;
}

static int rootfs_readlink_impl(ss_rootfs *r, const char *path, char **target)
{
	char buf[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd, rc;

	*target = NULL;
	if ((rc = check_path(path)) < 0)
		return rc;
	if ((rc = open_in(r, path, O_PATH, false, &fd)) < 0)
		return errno_error(-rc, path);
	if (fstat(fd, &st) < 0) {
		rc = errno_error(errno, path);
	} else if (!S_ISLNK(st.st_mode)) {
		rc = ss_error_set(SS_EINVAL, "%s: %s, not a symbolic link", path,
				  ftype_name(st.st_mode));
	} else if ((n = readlinkat(fd, "", buf, sizeof(buf))) < 0) {
		rc = errno_error(errno, path);
	} else if ((size_t)n >= sizeof(buf)) {
		rc = ss_error_set(SS_EIO, "%s: link target too long", path);
	} else {
		buf[n] = '\0';
		if (!(*target = strdup(buf)))
			rc = ss_error_set(SS_ENOMEM, "%s: out of memory", path);
	}
	close(fd);
	return rc;
}

static void fill(ss_rootfs_st *out, const struct stat *st)
{
	out->type = ftype(st->st_mode);
	out->mode = (unsigned)(st->st_mode & 07777);
	out->uid = (uint32_t)st->st_uid;
	out->gid = (uint32_t)st->st_gid;
	out->size = st->st_size > 0 ? (uint64_t)st->st_size : 0;
}

static int rootfs_stat_impl(ss_rootfs *r, const char *path, ss_rootfs_st *out)
{
	struct stat st;
	int rc = path_stat(r, path, true, &st);

	if (rc == 0)
		fill(out, &st);
	return rc;
}

static int rootfs_lstat_impl(ss_rootfs *r, const char *path, ss_rootfs_st *out)
{
	struct stat st;
	int rc = path_stat(r, path, false, &st);

	if (rc == 0)
		fill(out, &st);
	return rc;
}

static int tree_read(void *ctx, const char *path, size_t max, char **buf, size_t *len)
{
	return ss_rootfs_read(ctx, path, max, buf, len);
}

static int tree_list(void *ctx, const char *dir, char ***names)
{
	return ss_rootfs_list(ctx, dir, names);
}

static int tree_readlink(void *ctx, const char *path, char **target)
{
	return ss_rootfs_readlink(ctx, path, target);
}

static int rootfs_open_impl(ss_rootfs **out, const char *root)
{
	ss_rootfs *r;
	struct stat st;
	int fd;

	*out = NULL;
	if (!root || !*root)
		return ss_error_set(SS_EINVAL, "the root directory is empty");
	if ((fd = open(root, O_PATH | O_DIRECTORY | O_CLOEXEC)) < 0) {
		int e = errno;

		if (e == ENOTDIR)
			return ss_error_set(SS_EINVAL, "%s: not a directory", root);
		return errno_error(e, root);
	}
	if (fstat(fd, &st) < 0 || !S_ISDIR(st.st_mode)) {
		close(fd);
		return ss_error_set(SS_EINVAL, "%s: not a directory", root);
	}
	if (!(r = calloc(1, sizeof(*r))) || !(r->root = strdup(root))) {
		free(r);
		close(fd);
		return ss_error_set(SS_ENOMEM, "opening %s: out of memory", root);
	}
	r->fd = fd;
#ifdef SYS_openat2
	{
		int probe = openat2_call(fd, ".", O_PATH | O_CLOEXEC);

		/* ENOSYS: before Linux 5.6; EPERM: a seccomp filter; EINVAL,
		 * E2BIG: flags this kernel does not know */
		if (probe >= 0) {
			r->openat2 = true;
			close(probe);
		}
	}
#endif
	r->tree.ctx = r;
	r->tree.read = tree_read;
	r->tree.list = tree_list;
	r->tree.readlink = tree_readlink;
	*out = r;
	return 0;
}

void ss_rootfs_close(ss_rootfs *r)
{
	if (!r)
		return;
	close(r->fd);
	free(r->root);
	free(r);
}

const char *ss_rootfs_root(const ss_rootfs *r)
{
	return r->root;
}

bool ss_rootfs_kernel_resolve(const ss_rootfs *r)
{
	return r->openat2;
}

void ss_rootfs_force_walk(ss_rootfs *r)
{
	r->openat2 = false;
}

const ss_tree *ss_rootfs_tree(ss_rootfs *r)
{
	return &r->tree;
}

int ss_rootfs_read(ss_rootfs *r, const char *path, size_t max, char **buf, size_t *len)
{
	return ss_tree_error_clean(rootfs_read_impl(r, path, max, buf, len));
}

int ss_rootfs_list(ss_rootfs *r, const char *dir, char ***names)
{
	return ss_tree_error_clean(rootfs_list_impl(r, dir, names));
}

int ss_rootfs_readlink(ss_rootfs *r, const char *path, char **target)
{
	return ss_tree_error_clean(rootfs_readlink_impl(r, path, target));
}

int ss_rootfs_stat(ss_rootfs *r, const char *path, ss_rootfs_st *out)
{
	return ss_tree_error_clean(rootfs_stat_impl(r, path, out));
}

int ss_rootfs_lstat(ss_rootfs *r, const char *path, ss_rootfs_st *out)
{
	return ss_tree_error_clean(rootfs_lstat_impl(r, path, out));
}

int ss_rootfs_open(ss_rootfs **out, const char *root)
{
	return ss_tree_error_clean(rootfs_open_impl(out, root));
}
