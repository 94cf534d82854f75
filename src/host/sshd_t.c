/*
 * sshd -T on the live host (sshd_t.h). The program is started with
 * posix_spawn, no shell and a fixed argument vector; its output is read
 * through pipes with poll, bounded in size and in time, and the child is
 * killed and reaped whatever happens.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "host/sshd_t.h"
#include "secspec/common.h"
#include "util/util.h"
#include "util/banned.h"

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Append what fd has to *buf (used bytes *len, at most max); 0 at end of
 * file, 1 more may come, SS_ELIMIT over max (or, with keep_reading, 1: what
 * is over max is read and dropped, so that the writer never blocks). */
static int drain(int fd, char **buf, size_t *len, size_t max, bool keep_reading)
{
	char chunk[8192];
	ssize_t n = read(fd, chunk, sizeof(chunk));
	char *p;

	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 1 : 0;
	if (n == 0)
		return 0;
	if (*len + (size_t)n > max)
		return keep_reading ? 1 : SS_ELIMIT;
	if (!(p = realloc(*buf, *len + (size_t)n + 1)))
		return SS_ENOMEM;
	memcpy(p + *len, chunk, (size_t)n);
	*len += (size_t)n;
	p[*len] = '\0';
	*buf = p;
	return 1;
}

int ss_sshd_t_run(char **out, const char *sshd, int seconds)
{
	char *const argv[] = {(char *)sshd, "-T", "-C", SS_SSHD_T_CONNECTION, NULL};
	char *const envp[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL=C", NULL};
	posix_spawn_file_actions_t fa;
	int po[2] = {-1, -1}, pe[2] = {-1, -1}, status = 0, error = 0, rc;
	char *obuf = NULL, *ebuf = NULL;
	size_t olen = 0, elen = 0;
	bool oopen = true, eopen = true, killed = false;
	long long deadline = now_ms() + seconds * 1000LL;
	pid_t pid = -1;

	*out = NULL;
	if (!sshd || sshd[0] != '/')
		return ss_error_set(SS_EINVAL, "the sshd to run must be an absolute path");
	if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0) {
		error = ss_error_set(SS_EIO, "sshd -T: pipe: %s", strerror(errno));
		goto out;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, po[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pe[1], 2);
	rc = posix_spawn(&pid, sshd, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	close(po[1]);
	close(pe[1]);
	po[1] = pe[1] = -1;
	if (rc != 0) {
		pid = -1;
		error = ss_error_set(SS_EIO, "%s: %s", sshd, strerror(rc));
		goto out;
	}
	while (oopen || eopen) {
		struct pollfd fds[2] = {{oopen ? po[0] : -1, POLLIN, 0},
					{eopen ? pe[0] : -1, POLLIN, 0}};
		long long left = deadline - now_ms();

		if (left <= 0) {
			killed = true;
			error = ss_error_set(SS_EIO, "%s -T did not finish within %d seconds", sshd,
					     seconds);
			break;
		}
		if (poll(fds, 2, (int)left) < 0 && errno != EINTR) {
			error = ss_error_set(SS_EIO, "sshd -T: poll: %s", strerror(errno));
			killed = true;
			break;
		}
		if (oopen && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    (rc = drain(po[0], &obuf, &olen, SS_SSHD_T_OUT_MAX, false)) <= 0) {
			if (rc < 0) {
				killed = true;
				error = ss_error_set(rc, "%s -T wrote more than %zu bytes", sshd,
						     SS_SSHD_T_OUT_MAX);
				break;
			}
			oopen = false;
		}
		if (eopen && (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    drain(pe[0], &ebuf, &elen, 4096, true) <= 0)
			eopen = false; /* 4 KiB of complaint kept: its first line is shown */
	}
out:
	if (pid > 0) {
		if (killed)
			kill(pid, SIGKILL);
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
		if (!error && (!WIFEXITED(status) || WEXITSTATUS(status) != 0)) {
			size_t n = ebuf ? strcspn(ebuf, "\n") : 0;

			error = ss_error_set(
				SS_EIO, "%s -T failed (%s %d)%s%.*s", sshd,
				WIFEXITED(status) ? "exit status" : "signal",
				WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
				n ? ": " : "", (int)(n > 300 ? 300 : n), ebuf ? ebuf : "");
		}
	}
	for (int i = 0; i < 2; i++) {
		if (po[i] >= 0)
			close(po[i]);
		if (pe[i] >= 0)
			close(pe[i]);
	}
	free(ebuf);
	if (error) {
		free(obuf);
		return error;
	}
	if (!obuf && !(obuf = calloc(1, 1)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	*out = obuf;
	return 0;
}

int ss_sshd_t_line(const char *out, const char *keyword, char *line, size_t n)
{
	size_t k = strlen(keyword);

	for (const char *p = out; p && *p;) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > k && strncasecmp(p, keyword, k) == 0 && p[k] == ' ') {
			snprintf(line, n, "%.*s", (int)len, p);
			return 0;
		}
		p = end ? end + 1 : NULL;
	}
	return SS_ENOTFOUND;
}
