/* The file tree a parser reads without owning it (a root directory, a host):
 * the shared interface of issue 15's host checks. src/formats stays pure:
 * a parser that follows includes reads through an ss_tree its caller gives
 * it (src/host/rootfs.c makes one over a root directory). */
#ifndef SS_FORMATS_TREE_H
#define SS_FORMATS_TREE_H

#include <stdbool.h>
#include <stddef.h>

/* How a parser reads a file tree it does not own (a root directory, a host).
 * Paths are absolute inside the tree ("/etc/ssh/sshd_config"). */
typedef struct ss_tree {
	void *ctx;
	/* A regular file, at most max bytes: 0, or < 0 with the message set:
	 * SS_ENOTFOUND absent, SS_ELIMIT larger than max, SS_EINVAL not a
	 * regular file, SS_EIO unreadable or a link leading out / looping. */
	int (*read)(void *ctx, const char *path, size_t max, char **buf, size_t *len);
	/* The names in a directory, sorted by strcmp, without "." and "..":
	 * *names is a malloc'd NULL-terminated array of malloc'd strings. */
	int (*list)(void *ctx, const char *dir, char ***names);
	/* Optional (NULL when the tree cannot tell; added after the first
	 * version, so it stays last): the target of the symbolic link path
	 * (its last component not followed, the others resolved inside the
	 * tree), *target malloc'd. SS_EINVAL when path is not a symbolic link,
	 * SS_ENOTFOUND absent, SS_EIO unreadable. */
	int (*readlink)(void *ctx, const char *path, char **target);
} ss_tree;
void ss_tree_names_free(char **names);

/* The paths in t that match the absolute glob(7) pattern, as glob(3)
 * without flags finds them: "*", "?", "[...]" and "\\" in each component,
 * a leading "." matched only by a "." (FNM_PERIOD), sorted by strcmp.
 * Directories that are absent or are not directories match nothing; other
 * errors of the tree (unreadable, a loop) are returned. More than max
 * paths: SS_ELIMIT. *paths as for list (free with ss_tree_names_free). */
int ss_tree_glob(const ss_tree *t, const char *pattern, size_t max, char ***paths);

/*
 * Logical lines of a configuration file whose lines end in "\" to go on
 * (PAM, systemd units): set text, len, buf (max + 1 bytes) and max, then
 * call ss_lines_next until it answers 0. A "\r" before a line end is
 * dropped; a continued line is joined with one space. With
 * skip_comment_in_continuation (systemd), a line starting '#' or ';' inside
 * a continuation is dropped, not joined.
 */
typedef struct {
	const char *text;
	size_t len, pos;
	char *buf;  /* the line answered, NUL-terminated */
	size_t max; /* longest logical line */
	bool skip_comment_in_continuation;
	unsigned line; /* physical lines read */
} ss_lines;
/* 1 with *out (in buf) and *first (its first physical line, from 1); 0 at
 * the end; SS_ELIMIT "LABEL line N: longer than MAX bytes" for a longer
 * logical line. */
int ss_lines_next(ss_lines *l, const char *label, char **out, unsigned *first);

/* Make the current error message safe to show when rc < 0: the file names
 * and the text of a hostile tree quoted in it keep no control or
 * bidirectional formatting character, nor invalid UTF-8 ('?' instead).
 * Returns rc. The public functions of the tree's readers and parsers call
 * it on their way out. */
int ss_tree_error_clean(int rc);

#endif
