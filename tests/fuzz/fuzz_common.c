/* Scratch files for the targets whose parsers read paths, not buffers. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "util/util.h"

#define NAMES_MAX 4

static char dir[4096];
static char paths[NAMES_MAX][4096 + 64];
static size_t npaths;

static void cleanup(void)
{
	size_t i;

	for (i = 0; i < npaths; i++)
		unlink(paths[i]);
	if (dir[0])
		rmdir(dir);
}

const char *fuzz_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	int n;

	if (dir[0])
		return dir;
	if (!tmp || !*tmp)
		tmp = "/tmp";
	n = snprintf(dir, sizeof(dir), "%s/secspec-fuzz-XXXXXX", tmp);
	if (n < 0 || (size_t)n >= sizeof(dir) || !mkdtemp(dir)) {
		perror("fuzz: mkdtemp");
		abort();
	}
	atexit(cleanup);
	return dir;
}

const char *fuzz_path(const char *name)
{
	const char *d = fuzz_dir();
	size_t i;
	int n;

	for (i = 0; i < npaths; i++) {
		const char *base = strrchr(paths[i], '/') + 1;

		if (strcmp(base, name) == 0)
			return paths[i];
	}
	if (npaths == NAMES_MAX)
		abort();
	n = snprintf(paths[npaths], sizeof(paths[npaths]), "%s/%s", d, name);
	if (n < 0 || (size_t)n >= sizeof(paths[npaths]))
		abort();
	return paths[npaths++];
}

void fuzz_write_file(const char *path, const void *data, size_t size)
{
	const char *p = data;
	int fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) < 0) {
		perror(path);
		abort();
	}
	while (size) {
		ssize_t w = write(fd, p, size);

		if (w <= 0) {
			perror(path);
			abort();
		}
		p += w;
		size -= (size_t)w;
	}
	if (close(fd) < 0) {
		perror(path);
		abort();
	}
}

void fuzz_row_text(const char *who, const char *what, const char *s, bool required)
{
	if (!s) {
		if (required) {
			fprintf(stderr, "%s: a row without its %s\n", who, what);
			abort();
		}
		return;
	}
	if (!ss_utf8_valid(s, strlen(s))) {
		fprintf(stderr, "%s: %s is not valid UTF-8\n", who, what);
		abort();
	}
}
