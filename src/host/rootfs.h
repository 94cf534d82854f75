/* Reading this host or a mounted root tree without leaving it.
 *
 * Every path is absolute inside the root ("/etc/ssh/sshd_config") and is
 * resolved as if the root were "/": absolute link targets start at the
 * root, ".." stops at it, and nothing, link or "..", leads out. The kernel
 * does this (openat2 with RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS) when it
 * can; else a walk component by component from the root does the same.
 * Read-only: nothing is written, and atimes are kept where permitted
 * (O_NOATIME). docs/host-checks-linux.md says why and how. */
#ifndef SS_HOST_ROOTFS_H
#define SS_HOST_ROOTFS_H

#include <stdbool.h>
#include <stdint.h>

#include "formats/tree.h"

typedef struct ss_rootfs ss_rootfs;

/* Symbolic links followed on the way to one file before SS_EIO ("too many
 * links"), as the kernel's own limit. */
#define SS_ROOTFS_LINKS_MAX 40
/* Names in one directory ss_rootfs_tree's list returns before SS_ELIMIT. */
#define SS_ROOTFS_NAMES_MAX 100000

/* Open root (a directory; "/" is the live host). SS_ENOTFOUND, SS_EINVAL
 * (not a directory), SS_EIO. */
int ss_rootfs_open(ss_rootfs **out, const char *root);
void ss_rootfs_close(ss_rootfs *r);
/* The root as given to ss_rootfs_open (borrowed). */
const char *ss_rootfs_root(const ss_rootfs *r);
/* Whether paths are resolved by openat2 (else by the hand walk). */
bool ss_rootfs_kernel_resolve(const ss_rootfs *r);
/* For the tests: resolve by the hand walk even when openat2 exists. */
void ss_rootfs_force_walk(ss_rootfs *r);

/* The tree over r (read, list, readlink), valid while r is open. */
const ss_tree *ss_rootfs_tree(ss_rootfs *r);

typedef enum {
	SS_FT_REG,
	SS_FT_DIR,
	SS_FT_LNK,
	SS_FT_CHR,
	SS_FT_BLK,
	SS_FT_FIFO,
	SS_FT_SOCK,
	SS_FT_OTHER
} ss_ftype;

typedef struct {
	ss_ftype type;
	unsigned mode; /* the permission bits, 07777 */
	uint32_t uid, gid;
	uint64_t size;
} ss_rootfs_st;

/* What path is: ss_rootfs_stat follows a last symbolic link (inside the
 * root), ss_rootfs_lstat does not. SS_ENOTFOUND, SS_EIO (a loop, a
 * component that may not be searched). */
int ss_rootfs_stat(ss_rootfs *r, const char *path, ss_rootfs_st *st);
int ss_rootfs_lstat(ss_rootfs *r, const char *path, ss_rootfs_st *st);

/* The tree's operations as functions. */
int ss_rootfs_read(ss_rootfs *r, const char *path, size_t max, char **buf, size_t *len);
int ss_rootfs_list(ss_rootfs *r, const char *dir, char ***names);
int ss_rootfs_readlink(ss_rootfs *r, const char *path, char **target);

#endif
