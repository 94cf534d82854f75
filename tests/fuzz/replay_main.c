/*
 * Replays saved inputs through a libFuzzer target without libFuzzer, so that
 * the corpora run as ordinary tests (and under ASan/UBSan in the sanitizer
 * build). Arguments are files or directories; a directory's regular files
 * are replayed in name order, dot files skipped. Fails when an argument
 * cannot be read or when there was nothing to replay.
 *
 * Like libFuzzer, -timeout=N (seconds per input) and -rss_limit_mb=N (peak
 * resident memory) turn a hang or a memory blow-up into a failure; other
 * -flags are ignored, so that a libFuzzer command line can be reused.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#define INPUT_MAX ((size_t)1 << 20)

static unsigned timeout_s = 60;
static long rss_limit_mb = 2048;
static const char *current;

/* Async-signal-safe: write(2) and _exit(2) only; a failed write changes nothing. */
static void on_alarm(int sig)
{
	static const char msg[] = "replay: timeout on ";
	ssize_t w;

	w = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	w = write(STDERR_FILENO, current, strlen(current));
	w = write(STDERR_FILENO, "\n", 1);
	(void)w;
	_exit(70);
}

static int rss_check(const char *path)
{
	struct rusage ru;

	if (rss_limit_mb <= 0 || getrusage(RUSAGE_SELF, &ru) < 0)
		return 0;
	if (ru.ru_maxrss / 1024 > rss_limit_mb) {
		fprintf(stderr, "replay: %s: peak RSS %ld MB is over the limit of %ld MB\n", path,
			(long)ru.ru_maxrss / 1024, rss_limit_mb);
		return -1;
	}
	return 0;
}

/* -name=value with a non-negative decimal value; -1 if not that option. */
static long option(const char *arg, const char *name)
{
	size_t n = strlen(name);
	char *end;
	long v;

	if (strncmp(arg, name, n) != 0 || arg[n] != '=')
		return -1;
	v = strtol(arg + n + 1, &end, 10);
	if (*end || v < 0) {
		fprintf(stderr, "replay: bad option %s\n", arg);
		exit(2);
	}
	return v;
}

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
	current = path;
	alarm(timeout_s);
	LLVMFuzzerTestOneInput(data, n);
	alarm(0);
	error = rss_check(path);
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

	signal(SIGALRM, on_alarm);
	for (i = 1; i < argc; i++) {
		struct stat st;
		long n;

		if (argv[i][0] == '-') {
			if ((n = option(argv[i], "-timeout")) >= 0)
				timeout_s = (unsigned)n;
			else if ((n = option(argv[i], "-rss_limit_mb")) >= 0)
				rss_limit_mb = n;
			continue;
		}
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
