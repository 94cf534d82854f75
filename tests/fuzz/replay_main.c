/*
 * Replays saved inputs through a libFuzzer target without libFuzzer, so that
 * the corpora run as ordinary tests (and under ASan/UBSan in the sanitizer
 * build). Arguments are files or directories; a directory's regular files
 * are replayed in name order, dot files skipped. Fails when an argument
 * cannot be read or when there was nothing to replay.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define INPUT_MAX ((size_t)1 << 20)

static int replay_file(const char *path)
{
	FILE *f = NULL;
	uint8_t *data = NULL;
	struct stat st;
	size_t n;
	int error = -1;

	if (!(f = fopen(path, "rb")) || fstat(fileno(f), &st) < 0) {
		perror(path);
		goto out;
	}
	if ((size_t)st.st_size > INPUT_MAX) {
		fprintf(stderr, "%s: larger than %zu bytes\n", path, INPUT_MAX);
		goto out;
	}
	/* Exactly size bytes, so that ASan catches a read past the input. */
	if (!(data = malloc(st.st_size ? (size_t)st.st_size : 1))) {
		perror("malloc");
		goto out;
	}
	n = fread(data, 1, (size_t)st.st_size, f);
	if (n != (size_t)st.st_size || ferror(f)) {
		fprintf(stderr, "%s: short read\n", path);
		goto out;
	}
	fprintf(stderr, "replay %s (%zu bytes)\n", path, n);
	LLVMFuzzerTestOneInput(data, n);
	error = 0;
out:
	free(data);
	if (f)
		fclose(f);
	return error;
}

/* Returns the number of inputs replayed, or -1. */
static long replay_dir(const char *dir)
{
	struct dirent **ents = NULL;
	char path[4096];
	long count = 0;
	int n, i;

	if ((n = scandir(dir, &ents, NULL, alphasort)) < 0) {
		perror(dir);
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct stat st;
		int len;

		if (count < 0 || ents[i]->d_name[0] == '.')
			continue;
		len = snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name);
		if (len < 0 || (size_t)len >= sizeof(path) || stat(path, &st) < 0) {
			fprintf(stderr, "%s/%s: cannot stat\n", dir, ents[i]->d_name);
			count = -1;
		} else if (S_ISREG(st.st_mode)) {
			count = replay_file(path) < 0 ? -1 : count + 1;
		}
	}
	for (i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;
	int i;

	for (i = 1; i < argc; i++) {
		struct stat st;
		long n;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 1;
		}
		if (S_ISDIR(st.st_mode))
			n = replay_dir(argv[i]);
		else
			n = replay_file(argv[i]) < 0 ? -1 : 1;
		if (n < 0)
			return 1;
		total += n;
	}
	if (total == 0) {
		fprintf(stderr, "usage: %s FILE|DIR...: no inputs to replay\n", argv[0]);
		return 1;
	}
	fprintf(stderr, "replayed %ld inputs\n", total);
	return 0;
}
