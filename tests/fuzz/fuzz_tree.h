/* An ss_tree over the fuzz input for the host configuration targets
 * (fuzz_sshdcfg.c, fuzz_sysctlcfg.c): every path in files[] reads as the
 * input, every directory in dirs[] lists the names given for it (and reads
 * as SS_EINVAL, as a directory does from host/rootfs.c); the rest is
 * absent. */
#ifndef SS_FUZZ_TREE_H
#define SS_FUZZ_TREE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/tree.h"
#include "fuzz.h"
#include "secspec/common.h"

typedef struct {
	const uint8_t *data;
	size_t size;
	const char *const *files; /* NULL-terminated */
	const char *const *dirs;  /* NULL-terminated, pairs: dir, "name name ..." */
} fuzz_tree;

static inline int fuzz_tree_read(void *ctx, const char *path, size_t max, char **buf, size_t *len)
{
	fuzz_tree *t = ctx;

	for (const char *const *f = t->files; *f; f++) {
		if (strcmp(*f, path))
			continue;
		if (t->size > max)
			return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", path, max);
		/* exactly size bytes, no terminating NUL: the parsers use len */
		if (!(*buf = malloc(t->size ? t->size : 1)))
			abort();
		if (t->size)
			memcpy(*buf, t->data, t->size);
		*len = t->size;
		return 0;
	}
	for (const char *const *d = t->dirs; *d; d += 2)
		if (!strcmp(*d, path))
			return ss_error_set(SS_EINVAL, "%s: a directory, not a regular file", path);
	return ss_error_set(SS_ENOTFOUND, "%s: no such file", path);
}

static inline int fuzz_tree_list(void *ctx, const char *dir, char ***names)
{
	fuzz_tree *t = ctx;

	for (const char *const *d = t->dirs; *d; d += 2) {
		char **v, *copy, *save = NULL;
		size_t n = 0;

		if (strcmp(d[0], dir))
			continue;
		if (!(v = calloc(16, sizeof(*v))) || !(copy = strdup(d[1])))
			abort();
		for (char *w = strtok_r(copy, " ", &save); w && n < 15;
		     w = strtok_r(NULL, " ", &save))
			if (!(v[n++] = strdup(w)))
				abort();
		free(copy);
		*names = v;
		return 0;
	}
	return ss_error_set(SS_ENOTFOUND, "%s: no such directory", dir);
}

static inline ss_tree fuzz_tree_make(fuzz_tree *t)
{
	ss_tree tree = {t, fuzz_tree_read, fuzz_tree_list, NULL};

	return tree;
}

static inline void fuzz_tree_fail(const char *target, const char *what, const char *detail)
{
	fprintf(stderr, "%s: %s\n  %s\n", target, what, detail ? detail : "");
	abort();
}

#endif
