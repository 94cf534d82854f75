/* sshd -T on the live host (host/sshd_t.c), with stand-in programs: what it
 * prints is kept; a failure names the first line of its complaint; a
 * program that hangs is killed at the deadline, one that floods is cut
 * off; nothing but an absolute path is run, and no shell. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "host/sshd_t.h"
#include "secspec/common.h"

static char dir[] = "/tmp/secspec-sshdt-XXXXXX";

/* A stand-in sshd: a shell script of body; its path (static storage). */
static const char *program(const char *name, const char *body)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\n%s\n", body);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
	return path;
}

static void prints_and_finds(void **state)
{
	char *out = NULL, line[128];
	const char *p;

	(void)state;
	assert_non_null(mkdtemp(dir));
	/* the arguments as sshd gets them, and a clean environment */
	p = program("ok", "echo \"args $*\"; echo \"home ${HOME:-unset}\"; echo 'port 22'; "
			  "echo 'permitrootlogin no'; echo 'passwordauthentication no'");
	assert_int_equal(ss_sshd_t_run(&out, p, 5), 0);
	assert_non_null(strstr(out, "args -T -C " SS_SSHD_T_CONNECTION "\n"));
	assert_non_null(strstr(out, "home unset\n"));
	assert_int_equal(ss_sshd_t_line(out, "PermitRootLogin", line, sizeof(line)), 0);
	assert_string_equal(line, "permitrootlogin no");
	/* a keyword is a whole word: "permit" is not permitrootlogin */
	assert_int_equal(ss_sshd_t_line(out, "permit", line, sizeof(line)), SS_ENOTFOUND);
	assert_int_equal(ss_sshd_t_line(out, "Banner", line, sizeof(line)), SS_ENOTFOUND);
	free(out);
}

static void failures(void **state)
{
	char *out = (char *)"x";
	time_t t0;

	(void)state;
	assert_int_equal(
		ss_sshd_t_run(&out,
			      program("bad", "echo 'sshd: no hostkeys available -- exiting.' "
					     ">&2; echo 'second line' >&2; exit 1"),
			      5),
		SS_EIO);
	assert_null(out);
	assert_non_null(strstr(ss_error_last(),
			       "failed (exit status 1): sshd: no hostkeys available -- exiting."));
	assert_null(strstr(ss_error_last(), "second line"));
	/* killed at the deadline, not waited for */
	t0 = time(NULL);
	assert_int_equal(ss_sshd_t_run(&out, program("hang", "echo start; exec sleep 30"), 1),
			 SS_EIO);
	assert_true(time(NULL) - t0 < 10);
	assert_non_null(strstr(ss_error_last(), "did not finish within 1 seconds"));
	/* more than a mebibyte of output */
	assert_int_equal(ss_sshd_t_run(&out, program("flood", "exec yes permitrootlogin"), 10),
			 SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "wrote more than"));
	/* a flood of complaint is read and dropped: the program is not blocked */
	assert_int_equal(ss_sshd_t_run(&out,
				       program("noisy", "yes complaint | head -c 300000 >&2; "
							"echo 'permitrootlogin no'"),
				       5),
			 0);
	assert_string_equal(out, "permitrootlogin no\n");
	free(out);
	/* killed by a signal */
	assert_int_equal(ss_sshd_t_run(&out, program("sig", "kill -9 $$"), 5), SS_EIO);
	assert_non_null(strstr(ss_error_last(), "signal 9"));
	/* not an absolute path; not there */
	assert_int_equal(ss_sshd_t_run(&out, "sshd", 5), SS_EINVAL);
	assert_int_equal(ss_sshd_t_run(&out, "/nonexistent/sshd", 5), SS_EIO);
	/* silence is an empty answer, not an error */
	assert_int_equal(ss_sshd_t_run(&out, program("quiet", "exit 0"), 5), 0);
	assert_string_equal(out, "");
	free(out);
	{
		char cmd[300];

		snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
		assert_int_equal(system(cmd), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(prints_and_finds),
		cmocka_unit_test(failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
