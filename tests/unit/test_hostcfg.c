/* host checks: the root-tree reader (host/rootfs.c) against hostile trees,
 * and the sshd_config and sysctl parsers over Debian- and RHEL-like trees.
 * Every tree is built in a fresh directory under TMPDIR at test time; the
 * machine's own /etc is never read. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "formats/dpkgstatus.h"
#include "formats/pamcfg.h"
#include "formats/sshdcfg.h"
#include "formats/sysctlcfg.h"
#include "formats/unitstate.h"
#include "helpers.h"
#include "host/rootfs.h"

/* base/ holds outside.txt and root/ (the tree under test) */
static char base[PATH_MAX], root[PATH_MAX + 8];

static void mkparents(const char *full)
{
	char p[PATH_MAX * 2];

	snprintf(p, sizeof(p), "%s", full);
	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			if (mkdir(p, 0755) < 0 && errno != EEXIST)
				fail_msg("mkdir %s: %s", p, strerror(errno));
			*s = '/';
		}
}

static const char *at(const char *rel)
{
	static char p[4][PATH_MAX * 2];
	static int i;

	i = (i + 1) % 4;
	snprintf(p[i], sizeof(p[i]), "%s%s", root, rel);
	return p[i];
}

static void put_n(const char *rel, const char *text, size_t len)
{
	const char *p = at(rel);
	int fd;

	mkparents(p);
	if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		fail_msg("open %s: %s", p, strerror(errno));
	if (len && write(fd, text, len) != (ssize_t)len)
		fail_msg("write %s", p);
	close(fd);
}

static void put(const char *rel, const char *text)
{
	put_n(rel, text, strlen(text));
}

static void link_to(const char *rel, const char *target)
{
	const char *p = at(rel);

	mkparents(p);
	if (symlink(target, p) < 0)
		fail_msg("symlink %s: %s", p, strerror(errno));
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *f)
{
	(void)(flag == FTW_DP ? rmdir(p) : unlink(p));
	return 0;
}

static int setup(void **state)
{
	const char *tmp = getenv("TMPDIR");
	char outside[PATH_MAX + 16];

	snprintf(base, sizeof(base), "%s/secspec-host-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(base))
		return -1;
	snprintf(root, sizeof(root), "%s/root", base);
	if (mkdir(root, 0755) < 0)
		return -1;
	snprintf(outside, sizeof(outside), "%s/outside.txt", base);
	{
		int fd = open(outside, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

		if (fd < 0 || write(fd, "OUTSIDE\n", 8) != 8)
			return -1;
		close(fd);
	}
	return 0;
}

static int teardown(void **state)
{
	/* make the chmod 000 cases removable again */
	chmod(at("/secret"), 0644);
	chmod(at("/locked"), 0755);
	nftw(base, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static ss_rootfs *open_root(bool walk)
{
	ss_rootfs *r = NULL;

	assert_ok(ss_rootfs_open(&r, root));
	if (walk)
		ss_rootfs_force_walk(r);
	return r;
}

/* read rel through r: its text (caller frees) or NULL with *rc set */
static char *rd(ss_rootfs *r, const char *rel, size_t max, int *rc)
{
	char *buf = NULL;
	size_t len = 0;

	*rc = ss_rootfs_read(r, rel, max, &buf, &len);
	if (*rc < 0)
		assert_null(buf);
	return buf;
}

static void expect_text(ss_rootfs *r, const char *rel, const char *want)
{
	int rc;
	char *s = rd(r, rel, 4096, &rc);

	if (rc < 0)
		fail_msg("%s: %d %s", rel, rc, ss_error_last());
	assert_string_equal(s, want);
	free(s);
}

static void expect_error(ss_rootfs *r, const char *rel, int want)
{
	int rc;
	char *s = rd(r, rel, 4096, &rc);

	if (rc != want)
		fail_msg("%s: want %d, got %d (%s) %s", rel, want, rc, ss_error_last(), s ? s : "");
	free(s);
}

static void reads_and_lists(void **state)
{
	link_to("/etc/hn", "hostname");
	for (int walk = 0; walk < 2; walk++) {
		ss_rootfs *r = open_root(walk);
		char **names = NULL, *target = NULL;
		ss_rootfs_st st;

		put("/etc/hostname", "box\n");
		put("/etc/b.conf", "b");
		put("/etc/a.conf", "a");
		mkdir(at("/etc/c.d"), 0700);
		expect_text(r, "/etc/hostname", "box\n");
		expect_text(r, "//etc/./c.d/../hostname", "box\n");
		expect_error(r, "/etc/nothing", SS_ENOTFOUND);
		expect_error(r, "/etc/hostname/x", SS_ENOTFOUND);
		expect_error(r, "/etc", SS_EINVAL);
		expect_error(r, "etc/hostname", SS_EINVAL);
		assert_ok(ss_rootfs_list(r, "/etc", &names));
		assert_string_equal(names[0], "a.conf");
		assert_string_equal(names[1], "b.conf");
		assert_string_equal(names[2], "c.d");
		assert_string_equal(names[3], "hn");
		assert_string_equal(names[4], "hostname");
		assert_null(names[5]);
		ss_tree_names_free(names);
		assert_int_equal(ss_rootfs_list(r, "/etc/hostname", &names), SS_EINVAL);
		assert_int_equal(ss_rootfs_list(r, "/none", &names), SS_ENOTFOUND);
		assert_ok(ss_rootfs_stat(r, "/etc/c.d", &st));
		assert_int_equal(st.type, SS_FT_DIR);
		assert_int_equal(st.mode, 0700);
		assert_int_equal(st.uid, geteuid());
		assert_ok(ss_rootfs_lstat(r, "/etc/hn", &st));
		assert_int_equal(st.type, SS_FT_LNK);
		assert_ok(ss_rootfs_stat(r, "/etc/hn", &st));
		assert_int_equal(st.type, SS_FT_REG);
		assert_int_equal(st.size, 4);
		assert_ok(ss_rootfs_readlink(r, "/etc/hn", &target));
		assert_string_equal(target, "hostname");
		free(target);
		assert_int_equal(ss_rootfs_readlink(r, "/etc/hostname", &target), SS_EINVAL);
		/* the tree interface */
		{
			const ss_tree *t = ss_rootfs_tree(r);
			char *buf = NULL;
			size_t len = 0;

			assert_ok(t->read(t->ctx, "/etc/hn", 100, &buf, &len));
			assert_int_equal(len, 4);
			free(buf);
			assert_non_null(t->readlink);
		}
		ss_rootfs_close(r);
	}
}

/* Links never lead out of the root: "..", absolute targets, the absolute
 * path of a file outside, /proc's magic links. Both resolvers. */
static void links_stay_inside(void **state)
{
	char outside[PATH_MAX + 16];

	snprintf(outside, sizeof(outside), "%s/outside.txt", base);
	put("/etc/shadow", "inside shadow\n");
	put("/outside.txt", "INSIDE\n");
	link_to("/etc/up", "../../../../../../outside.txt");
	link_to("/etc/abs", "/etc/shadow");
	link_to("/etc/out", outside);
	link_to("/etc/dirup", "/../../..");
	link_to("/etc/magic", "/proc/self/root/etc/shadow");
	link_to("/var/lib/x/deep", "../../../../../etc/shadow");
	for (int walk = 0; walk < 2; walk++) {
		ss_rootfs *r = open_root(walk);

		expect_text(r, "/etc/up", "INSIDE\n");
		expect_text(r, "/etc/abs", "inside shadow\n");
		expect_error(r, "/etc/out", SS_ENOTFOUND);
		expect_text(r, "/etc/dirup/outside.txt", "INSIDE\n");
		expect_text(r, "/etc/dirup/etc/dirup/etc/shadow", "inside shadow\n");
		expect_text(r, "/../../outside.txt", "INSIDE\n");
		expect_error(r, "/etc/magic", SS_ENOTFOUND);
		expect_text(r, "/var/lib/x/deep", "inside shadow\n");
		ss_rootfs_close(r);
	}
}

static void link_loops(void **state)
{
	char name[64], target[64];

	link_to("/loop/a", "b");
	link_to("/loop/b", "a");
	link_to("/loop/self", "/loop/self");
	link_to("/loop/dir", ".");
	/* a chain of 30 links is fine, one of 45 is not */
	for (int i = 0; i < 45; i++) {
		snprintf(name, sizeof(name), "/chain/l%d", i);
		if (i == 44)
			snprintf(target, sizeof(target), "/etc/f");
		else
			snprintf(target, sizeof(target), "l%d", i + 1);
		link_to(name, target);
	}
	put("/etc/f", "end");
	for (int walk = 0; walk < 2; walk++) {
		ss_rootfs *r = open_root(walk);
		ss_rootfs_st st;

		expect_error(r, "/loop/a", SS_EIO);
		assert_non_null(strstr(ss_error_last(), "/loop/a"));
		expect_error(r, "/loop/self", SS_EIO);
		expect_text(r, "/chain/l15", "end");
		expect_error(r, "/chain/l0", SS_EIO);
		assert_non_null(strstr(ss_error_last(), "too many links"));
		assert_int_equal(ss_rootfs_stat(r, "/loop/a", &st), SS_EIO);
		assert_ok(ss_rootfs_lstat(r, "/loop/a", &st));
		assert_int_equal(st.type, SS_FT_LNK);
		/* "." links: a long path through them ends somewhere real */
		assert_ok(ss_rootfs_stat(r, "/loop/dir/dir/dir/dir/a", &st) == SS_EIO ? 0 : -1);
		ss_rootfs_close(r);
	}
}

static void special_files(void **state)
{
	bool have_dev;

	if (mkfifo(at("/fifo"), 0644) < 0)
		fail_msg("mkfifo: %s", strerror(errno));
	link_to("/etc/tofifo", "/fifo");
	have_dev = mknod(at("/null"), S_IFCHR | 0666, makedev(1, 3)) == 0;
	if (!have_dev)
		print_message("mknod not permitted (%s): the device case is skipped\n",
			      strerror(errno));
	for (int walk = 0; walk < 2; walk++) {
		ss_rootfs *r = open_root(walk);
		ss_rootfs_st st;

		/* opened without blocking, refused before any read */
		expect_error(r, "/fifo", SS_EINVAL);
		assert_non_null(strstr(ss_error_last(), "FIFO"));
		expect_error(r, "/etc/tofifo", SS_EINVAL);
		assert_ok(ss_rootfs_stat(r, "/fifo", &st));
		assert_int_equal(st.type, SS_FT_FIFO);
		if (have_dev) {
			expect_error(r, "/null", SS_EINVAL);
			assert_non_null(strstr(ss_error_last(), "character device"));
		}
		ss_rootfs_close(r);
	}
}

static void big_and_unreadable(void **state)
{
	char *big = malloc(3 << 20);
	int fd;

	memset(big, 'x', 3 << 20);
	put_n("/etc/big", big, 3 << 20);
	free(big);
	/* sparse, 8 GiB: refused from its size, never read */
	fd = open(at("/etc/sparse"), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)8 << 30), 0);
	close(fd);
	put("/secret", "s");
	chmod(at("/secret"), 0);
	mkdir(at("/locked"), 0755);
	put("/locked/f", "f");
	chmod(at("/locked"), 0);
	for (int walk = 0; walk < 2; walk++) {
		ss_rootfs *r = open_root(walk);
		int rc;
		char *s = rd(r, "/etc/big", (size_t)1 << 20, &rc);

		assert_int_equal(rc, SS_ELIMIT);
		assert_non_null(strstr(ss_error_last(), "/etc/big"));
		s = rd(r, "/etc/big", (size_t)4 << 20, &rc);
		assert_int_equal(rc, 0);
		free(s);
		expect_error(r, "/etc/sparse", SS_ELIMIT);
		if (geteuid() == 0) {
			/* root reads a mode 000 file: that is what the host's
			 * administrator would see too */
			expect_text(r, "/secret", "s");
			expect_text(r, "/locked/f", "f");
		} else {
			expect_error(r, "/secret", SS_EIO);
			assert_non_null(strstr(ss_error_last(), "/secret"));
			assert_non_null(strstr(ss_error_last(), "permission denied"));
			expect_error(r, "/locked/f", SS_EIO);
		}
		ss_rootfs_close(r);
	}
}

static void open_errors(void **state)
{
	ss_rootfs *r = NULL;
	char p[PATH_MAX + 16];

	snprintf(p, sizeof(p), "%s/nothing", base);
	assert_int_equal(ss_rootfs_open(&r, p), SS_ENOTFOUND);
	snprintf(p, sizeof(p), "%s/outside.txt", base);
	assert_int_equal(ss_rootfs_open(&r, p), SS_EINVAL);
	assert_null(r);
}

/* Under a seccomp filter that refuses openat2 (EPERM, as container
 * runtimes do) or a kernel without it (ENOSYS), the reader falls back to
 * the walk and still keeps links inside the root. In a child process, so
 * that the filter stays there. */
static int child_without_openat2(int err)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_openat2, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (unsigned)err),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = {sizeof(f) / sizeof(f[0]), f};
	ss_rootfs *r = NULL;
	char *buf = NULL;
	size_t len = 0;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
		return 77;
	if (ss_rootfs_open(&r, root) < 0)
		return 2;
	if (ss_rootfs_kernel_resolve(r))
		return 3;
	if (ss_rootfs_read(r, "/etc/up", 100, &buf, &len) < 0 || strcmp(buf, "INSIDE\n"))
		return 4;
	free(buf);
	if (ss_rootfs_read(r, "/etc/out", 100, &buf, &len) != SS_ENOTFOUND)
		return 5;
	ss_rootfs_close(r);
	return 0;
}

static void without_openat2(void **state)
{
	char outside[PATH_MAX + 16];
	int errs[] = {EPERM, ENOSYS};

	snprintf(outside, sizeof(outside), "%s/outside.txt", base);
	put("/outside.txt", "INSIDE\n");
	link_to("/etc/up", "../../../../../../outside.txt");
	link_to("/etc/out", outside);
	for (size_t i = 0; i < 2; i++) {
		int st = 0;
		pid_t pid = fork();

		assert_true(pid >= 0);
		if (pid == 0)
			_exit(child_without_openat2(errs[i]));
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		if (WEXITSTATUS(st) == 77) {
			print_message("seccomp not available: skipped\n");
			return;
		}
		assert_int_equal(WEXITSTATUS(st), 0);
	}
}

/* ---- sshd_config ---- */

static ss_rootfs *rfs;

static void sshd_load(ss_sshdcfg *c)
{
	rfs = open_root(false);
	assert_ok(ss_sshdcfg_load(c, ss_rootfs_tree(rfs), NULL));
}

static void sshd_done(ss_sshdcfg *c)
{
	ss_sshdcfg_release(c);
	ss_rootfs_close(rfs);
	rfs = NULL;
}

static void expect_sshd(const ss_sshdcfg *c, const char *kw, const char *value, const char *file,
			unsigned line)
{
	const ss_sshd_setting *s = ss_sshdcfg_effective(c, kw);

	if (!value) {
		if (s)
			fail_msg("%s: want unset, got %s (%s:%u)", kw, s->value, s->file, s->line);
		return;
	}
	if (!s)
		fail_msg("%s: unset, want %s", kw, value);
	if (strcmp(s->value, value) || strcmp(s->file, file) || s->line != line)
		fail_msg("%s: got %s at %s:%u, want %s at %s:%u", kw, s->value, s->file, s->line,
			 value, file, line);
}

static void sshd_debian(void **state)
{
	ss_sshdcfg c;
	const ss_sshd_setting *v[4];

	/* Debian 12's default file (abridged) and a drop-in */
	put("/etc/ssh/sshd_config", "\n"
				    "# This is the sshd server system-wide configuration file.\n"
				    "\n"
				    "Include /etc/ssh/sshd_config.d/*.conf\n"
				    "\n"
				    "#PermitRootLogin prohibit-password\n"
				    "PasswordAuthentication no\n"
				    "KbdInteractiveAuthentication no\n"
				    "UsePAM yes\n"
				    "X11Forwarding yes\n"
				    "PrintMotd no\n"
				    "AcceptEnv LANG LC_*\n"
				    "AcceptEnv COLORTERM NO_COLOR\n"
				    "Subsystem\tsftp\t/usr/lib/openssh/sftp-server\n");
	put("/etc/ssh/sshd_config.d/50-cloud-init.conf", "PasswordAuthentication yes\n");
	put("/etc/ssh/sshd_config.d/10-first.conf", "# nothing but\n\nx11forwarding no\n");
	put("/etc/ssh/sshd_config.d/README", "PermitRootLogin yes\n");
	sshd_load(&c);
	expect_sshd(&c, "PasswordAuthentication", "yes",
		    "/etc/ssh/sshd_config.d/50-cloud-init.conf", 1);
	expect_sshd(&c, "passwordauthentication", "yes",
		    "/etc/ssh/sshd_config.d/50-cloud-init.conf", 1);
	expect_sshd(&c, "X11Forwarding", "no", "/etc/ssh/sshd_config.d/10-first.conf", 3);
	expect_sshd(&c, "UsePAM", "yes", "/etc/ssh/sshd_config", 9);
	expect_sshd(&c, "PermitRootLogin", NULL, NULL, 0);
	assert_true(ss_sshd_accumulates("AcceptEnv"));
	assert_false(ss_sshd_accumulates("PasswordAuthentication"));
	assert_int_equal(ss_sshdcfg_effective_all(&c, "AcceptEnv", v, 4), 2);
	assert_string_equal(v[0]->value, "LANG LC_*");
	assert_string_equal(v[1]->argv[1], "NO_COLOR");
	assert_int_equal(c.nfiles, 3);
	assert_string_equal(c.files[1], "/etc/ssh/sshd_config.d/10-first.conf");
	sshd_done(&c);
}

static void sshd_rhel(void **state)
{
	ss_sshdcfg c;

	/* RHEL 9: the Include on top, 50-redhat.conf, the crypto policy
	 * through an absolute link */
	put("/etc/ssh/sshd_config",
	    "#\t$OpenBSD: sshd_config,v 1.104 2021/07/02 05:11:21 dtucker Exp $\n"
	    "\n"
	    "# To modify the system-wide sshd configuration, create a  *.conf  file under\n"
	    "#  /etc/ssh/sshd_config.d/  which will be automatically included below\n"
	    "Include /etc/ssh/sshd_config.d/*.conf\n"
	    "\n"
	    "PermitRootLogin no\n"
	    "KbdInteractiveAuthentication yes\n"
	    "AuthorizedKeysFile\t.ssh/authorized_keys\n"
	    "Subsystem\tsftp\t/usr/libexec/openssh/sftp-server\n");
	put("/etc/ssh/sshd_config.d/50-redhat.conf",
	    "# This system is following system-wide crypto policy. The changes to\n"
	    "# crypto properties (Ciphers, MACs, ...) will not have any effect in\n"
	    "# this or following included files. To override some configuration option,\n"
	    "# write it before this block or in the drop-in file placed in\n"
	    "# /etc/ssh/sshd_config.d/*.conf\n"
	    "Include /etc/crypto-policies/back-ends/opensshserver.config\n"
	    "\n"
	    "SyslogFacility AUTHPRIV\n"
	    "\n"
	    "ChallengeResponseAuthentication no\n"
	    "\n"
	    "GSSAPIAuthentication yes\n"
	    "GSSAPICleanupCredentials no\n"
	    "\n"
	    "UsePAM yes\n"
	    "\n"
	    "X11Forwarding yes\n"
	    "\n"
	    "PrintMotd no\n");
	put("/usr/share/crypto-policies/DEFAULT/opensshserver.txt",
	    "Ciphers aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr\n"
	    "MACs hmac-sha2-256-etm@openssh.com,hmac-sha2-256\n");
	link_to("/etc/crypto-policies/back-ends/opensshserver.config",
		"/usr/share/crypto-policies/DEFAULT/opensshserver.txt");
	sshd_load(&c);
	expect_sshd(&c, "Ciphers",
		    "aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr",
		    "/etc/crypto-policies/back-ends/opensshserver.config", 1);
	/* ChallengeResponseAuthentication is KbdInteractiveAuthentication's old
	 * name: the drop-in's "no" is read first */
	expect_sshd(&c, "KbdInteractiveAuthentication", "no",
		    "/etc/ssh/sshd_config.d/50-redhat.conf", 10);
	expect_sshd(&c, "PermitRootLogin", "no", "/etc/ssh/sshd_config", 7);
	expect_sshd(&c, "X11Forwarding", "yes", "/etc/ssh/sshd_config.d/50-redhat.conf", 17);
	sshd_done(&c);
}

static void sshd_syntax(void **state)
{
	ss_sshdcfg c;

	put("/etc/ssh/sshd_config", "Banner \"/etc/issue net\"\n"
				    "  MaxAuthTries=4\n"
				    "MaxSessions = 5 # five\n"
				    "maxstartups\t10:30:60   \r\n"
				    "MaxAuthTries 9\n"
				    "AllowUsers alice 'bob smith' c\\\"d\n"
				    "#Port 2222\n"
				    "Include sshd_config.d/*.conf missing.conf sshd_config.d\n"
				    "AllowUsers eve\n");
	put("/etc/ssh/sshd_config.d/a.conf", "LoginGraceTime 30\n");
	put("/etc/ssh/sshd_config.d/.hidden.conf", "LoginGraceTime 1\n");
	sshd_load(&c);
	expect_sshd(&c, "Banner", "/etc/issue net", "/etc/ssh/sshd_config", 1);
	assert_int_equal(ss_sshdcfg_effective(&c, "banner")->argc, 1);
	expect_sshd(&c, "MaxAuthTries", "4", "/etc/ssh/sshd_config", 2);
	expect_sshd(&c, "MaxSessions", "5", "/etc/ssh/sshd_config", 3);
	expect_sshd(&c, "MaxStartups", "10:30:60", "/etc/ssh/sshd_config", 4);
	expect_sshd(&c, "LoginGraceTime", "30", "/etc/ssh/sshd_config.d/a.conf", 1);
	expect_sshd(&c, "Port", NULL, NULL, 0);
	{
		const ss_sshd_setting *v[4];

		assert_int_equal(ss_sshdcfg_effective_all(&c, "AllowUsers", v, 4), 2);
		assert_int_equal(v[0]->argc, 3);
		assert_string_equal(v[0]->argv[1], "bob smith");
		assert_string_equal(v[0]->argv[2], "c\"d");
		assert_string_equal(v[1]->value, "eve");
	}
	sshd_done(&c);
}

static void expect_sshd_error(int want, const char *needle)
{
	ss_sshdcfg c;
	ss_rootfs *r = open_root(false);
	int rc = ss_sshdcfg_load(&c, ss_rootfs_tree(r), NULL);

	if (rc != want || !strstr(ss_error_last(), needle))
		fail_msg("want %d with \"%s\", got %d: %s", want, needle, rc, ss_error_last());
	ss_sshdcfg_release(&c);
	ss_rootfs_close(r);
}

static void sshd_errors(void **state)
{
	char *long_line = malloc(SS_SSHD_LINE_MAX + 32);

	expect_sshd_error(SS_ENOTFOUND, "/etc/ssh/sshd_config");
	put("/etc/ssh/sshd_config", "Port 22\nBanner \"/etc/issue\n");
	expect_sshd_error(SS_EPARSE, "/etc/ssh/sshd_config line 2: invalid quotes");
	put("/etc/ssh/sshd_config", "Port 22\n\nPermitRootLogin\n");
	expect_sshd_error(SS_EPARSE, "/etc/ssh/sshd_config line 3: no argument");
	put("/etc/ssh/sshd_config", "Port 22\nMatch User a all\n");
	expect_sshd_error(SS_EPARSE, "line 2: 'all' cannot");
	/* an Include loop ends at the depth limit */
	put("/etc/ssh/sshd_config", "Include /etc/ssh/loop.conf\n");
	put("/etc/ssh/loop.conf", "Port 22\nInclude loop.conf\n");
	expect_sshd_error(SS_ELIMIT, "/etc/ssh/loop.conf line 2: Includes nested more than 16");
	/* an Include that is a FIFO, a link out, binary, too long a line */
	mkfifo(at("/etc/ssh/fifo.conf"), 0644);
	put("/etc/ssh/sshd_config", "Include /etc/ssh/fifo.conf\n");
	expect_sshd_error(SS_EINVAL, "/etc/ssh/fifo.conf");
	put_n("/etc/ssh/sshd_config", "Port 22\nBan\0ner x\n", 18);
	expect_sshd_error(SS_EPARSE, "/etc/ssh/sshd_config line 2: a NUL byte");
	memset(long_line, 'a', SS_SSHD_LINE_MAX + 30);
	memcpy(long_line, "Banner ", 7);
	long_line[SS_SSHD_LINE_MAX + 30] = '\0';
	put("/etc/ssh/sshd_config", long_line);
	expect_sshd_error(SS_ELIMIT, "line 1: longer than");
	free(long_line);
	/* a hostile name is shown without its control characters */
	mkparents(at("/etc/ssh/d/x"));
	assert_int_equal(mkfifo(at("/etc/ssh/d/\x1b[2J\xe2\x80\xae"
				   "evil.conf"),
				0644),
			 0);
	put("/etc/ssh/sshd_config", "Include /etc/ssh/d/*\n");
	expect_sshd_error(SS_EINVAL, "/etc/ssh/d/?[2J???evil.conf: a FIFO");
	link_to("/etc/ssh/loop1.conf", "loop2.conf");
	link_to("/etc/ssh/loop2.conf", "loop1.conf");
	put("/etc/ssh/sshd_config", "Port 22\nInclude /etc/ssh/loop1.conf\n");
	expect_sshd_error(SS_EIO, "/etc/ssh/loop1.conf");
}

static void sshd_match(void **state)
{
	ss_sshdcfg c;
	const ss_sshd_setting *v[4];
	size_t n;

	put("/etc/ssh/sshd_config", "Include /etc/ssh/sshd_config.d/*.conf\n"
				    "PermitRootLogin no\n"
				    "Match User backup\n"
				    "\tPermitRootLogin yes\n"
				    "\tX11Forwarding no\n"
				    "\tPermitRootLogin forced-commands-only\n"
				    "Match Address 10.0.0.0/8\n"
				    "\tInclude /etc/ssh/match.d/*.conf\n"
				    "\tMaxAuthTries 2\n"
				    "\tPermitRootLogin no\n"
				    "Match all\n"
				    "AllowTcpForwarding no\n"
				    "PasswordAuthentication no\n");
	/* a drop-in's Match ends with the drop-in */
	put("/etc/ssh/sshd_config.d/90-sftp.conf", "Match Group sftp\n"
						   "\tPasswordAuthentication yes\n"
						   "\tAllowTcpForwarding yes\n");
	put("/etc/ssh/sshd_config.d/95-after.conf", "AllowTcpForwarding local\n");
	put("/etc/ssh/match.d/a.conf", "PasswordAuthentication yes\n"
				       "Match User bob\n"
				       "\tX11Forwarding yes\n");
	sshd_load(&c);
	assert_int_equal(c.nmatch, 5);
	/* the drop-in's "Match Group sftp" did not swallow 95-after.conf */
	assert_int_equal(c.match[0].line, 1);
	assert_string_equal(c.match[0].criteria, "Group sftp");
	expect_sshd(&c, "PermitRootLogin", "no", "/etc/ssh/sshd_config", 2);
	n = ss_sshdcfg_overrides(&c, "PermitRootLogin", v, 4);
	assert_int_equal(n, 1);
	assert_string_equal(v[0]->value, "yes");
	assert_string_equal(c.match[v[0]->match].criteria, "User backup");
	/* Match all applies to every connection and beats the global line */
	expect_sshd(&c, "AllowTcpForwarding", "no", "/etc/ssh/sshd_config", 12);
	expect_sshd(&c, "PasswordAuthentication", "no", "/etc/ssh/sshd_config", 13);
	n = ss_sshdcfg_overrides(&c, "PasswordAuthentication", v, 4);
	assert_int_equal(n, 2);
	assert_string_equal(v[0]->file, "/etc/ssh/sshd_config.d/90-sftp.conf");
	/* Include inside Match: under the Address block */
	assert_string_equal(v[1]->file, "/etc/ssh/match.d/a.conf");
	assert_string_equal(c.match[v[1]->match].criteria, "Address 10.0.0.0/8");
	/* the included file's Match nests under the Address block, and the
	 * includer's lines after the Include are back in the Address block */
	n = ss_sshdcfg_overrides(&c, "X11Forwarding", v, 4);
	assert_int_equal(n, 2);
	assert_string_equal(c.match[v[1]->match].criteria, "User bob");
	assert_string_equal(c.match[c.match[v[1]->match].parent].criteria, "Address 10.0.0.0/8");
	{
		const ss_sshd_setting *m = NULL;

		for (size_t i = 0; i < c.nset; i++)
			if (!strcmp(c.set[i].keyword, "maxauthtries"))
				m = &c.set[i];
		assert_non_null(m);
		assert_string_equal(c.match[m->match].criteria, "Address 10.0.0.0/8");
	}
	expect_sshd(&c, "MaxAuthTries", NULL, NULL, 0);
	expect_sshd(&c, "X11Forwarding", NULL, NULL, 0);
	assert_true(ss_sshdcfg_match_always(&c, 4));
	assert_false(ss_sshdcfg_match_always(&c, 1));
	sshd_done(&c);
}

/* ---- sysctl ---- */

static void expect_sysctl(const ss_sysctlcfg *c, const char *key, const char *value,
			  const char *file, unsigned line)
{
	const ss_sysctl_setting *s = ss_sysctlcfg_get(c, key);

	if (!value) {
		if (s && s->value)
			fail_msg("%s: want unset, got %s (%s:%u)", key, s->value, s->file, s->line);
		return;
	}
	if (!s || !s->value)
		fail_msg("%s: unset, want %s", key, value);
	if (strcmp(s->value, value) || strcmp(s->file, file) || s->line != line)
		fail_msg("%s: got %s at %s:%u, want %s at %s:%u", key, s->value, s->file, s->line,
			 value, file, line);
}

static void sysctl_load(ss_sysctlcfg *c)
{
	rfs = open_root(false);
	assert_ok(ss_sysctlcfg_load(c, ss_rootfs_tree(rfs)));
}

static void sysctl_done(ss_sysctlcfg *c)
{
	ss_sysctlcfg_release(c);
	ss_rootfs_close(rfs);
	rfs = NULL;
}

static void sysctl_debian(void **state)
{
	ss_sysctlcfg c;

	put("/etc/sysctl.conf", "#\n# /etc/sysctl.conf\n#\n\n;kernel.domainname = example.com\n"
				"net.ipv4.ip_forward=1\n"
				"kernel.kptr_restrict = 1\n");
	link_to("/etc/sysctl.d/99-sysctl.conf", "../sysctl.conf");
	put("/etc/sysctl.d/README.sysctl", "kernel.kptr_restrict = 0\n");
	put("/usr/lib/sysctl.d/50-default.conf", "kernel.sysrq = 16\n"
						 "kernel.core_uses_pid = 1\n"
						 "net.ipv4.conf.default.rp_filter = 2\n"
						 "net.ipv4.conf.*.rp_filter = 2\n"
						 "-net.ipv4.conf.all.rp_filter\n"
						 "kernel.yama.ptrace_scope = 1\n");
	put("/usr/lib/sysctl.d/50-pid-max.conf", "kernel.pid_max = 4194304\n");
	put("/usr/lib/sysctl.d/protect-links.conf", "fs.protected_hardlinks = 1\n");
	put("/usr/lib/sysctl.d/10-masked.conf", "kernel.yama.ptrace_scope = 3\n");
	link_to("/etc/sysctl.d/10-masked.conf", "/dev/null");
	/* a name in /etc hides the same name under /usr/lib; order is by name */
	put("/etc/sysctl.d/50-pid-max.conf", "kernel.pid_max = 32768\n");
	put("/etc/sysctl.d/60-hard.conf", "kernel/randomize_va_space = 2\n"
					  "  -net.ipv6.conf.all.disable_ipv6 = 1\n"
					  "net.ipv4.conf.hub0.rp_filter=0\n"
					  "not an assignment\n"
					  "kernel.sysrq = 0\n");
	put("/run/sysctl.d/70-run.conf", "net.ipv4.conf.enp3s0/200.forwarding = 0\n");
	put("/usr/local/lib/sysctl.d/70-run.conf", "net.ipv4.conf.enp3s0/200.forwarding = 1\n");
	put("/lib/sysctl.d/80-empty.conf", "");
	put("/proc/sys/net/ipv4/ip_forward", "1\n");
	put("/proc/sys/net/ipv4/tcp_rmem", "4096\t131072\t6291456\n");
	sysctl_load(&c);
	/* 99-sysctl.conf is /etc/sysctl.conf: read once */
	expect_sysctl(&c, "net.ipv4.ip_forward", "1", "/etc/sysctl.d/99-sysctl.conf", 6);
	for (size_t i = 0; i < c.nfiles; i++)
		assert_string_not_equal(c.files[i], "/etc/sysctl.conf");
	expect_sysctl(&c, "kernel.kptr_restrict", "1", "/etc/sysctl.d/99-sysctl.conf", 7);
	expect_sysctl(&c, "kernel.pid_max", "32768", "/etc/sysctl.d/50-pid-max.conf", 1);
	expect_sysctl(&c, "kernel.yama.ptrace_scope", "1", "/usr/lib/sysctl.d/50-default.conf", 6);
	expect_sysctl(&c, "kernel.sysrq", "0", "/etc/sysctl.d/60-hard.conf", 5);
	expect_sysctl(&c, "kernel.randomize_va_space", "2", "/etc/sysctl.d/60-hard.conf", 1);
	expect_sysctl(&c, "kernel/randomize_va_space", "2", "/etc/sysctl.d/60-hard.conf", 1);
	expect_sysctl(&c, "net.ipv6.conf.all.disable_ipv6", "1", "/etc/sysctl.d/60-hard.conf", 2);
	assert_true(ss_sysctlcfg_get(&c, "net.ipv6.conf.all.disable_ipv6")->ignore_failure);
	expect_sysctl(&c, "net/ipv4/conf/enp3s0.200/forwarding", "0", "/run/sysctl.d/70-run.conf",
		      1);
	assert_string_equal(ss_sysctlcfg_get(&c, "net.ipv4.conf.enp3s0/200.forwarding")->key,
			    "net.ipv4.conf.enp3s0/200.forwarding");
	/* globs: explicit keys and "-key" are not set by them */
	expect_sysctl(&c, "net.ipv4.conf.eth0.rp_filter", "2", "/usr/lib/sysctl.d/50-default.conf",
		      4);
	assert_true(ss_sysctlcfg_get(&c, "net.ipv4.conf.eth0.rp_filter")->glob);
	expect_sysctl(&c, "net.ipv4.conf.hub0.rp_filter", "0", "/etc/sysctl.d/60-hard.conf", 3);
	assert_non_null(ss_sysctlcfg_get(&c, "net.ipv4.conf.all.rp_filter"));
	assert_null(ss_sysctlcfg_get(&c, "net.ipv4.conf.all.rp_filter")->value);
	assert_null(ss_sysctlcfg_get(&c, "vm.swappiness"));
	{
		char *v = NULL;
		const ss_tree *t = ss_rootfs_tree(rfs);

		assert_ok(ss_sysctl_live(t, "net.ipv4.ip_forward", &v));
		assert_string_equal(v, "1");
		free(v);
		assert_ok(ss_sysctl_live(t, "net/ipv4/tcp_rmem", &v));
		assert_true(ss_sysctl_value_equal(v, "4096 131072  6291456"));
		assert_false(ss_sysctl_value_equal(v, "4096 131072"));
		free(v);
		assert_int_equal(ss_sysctl_live(t, "net.ipv4.conf.*.rp_filter", &v), SS_EINVAL);
		assert_int_equal(ss_sysctl_live(t, "net/../../../etc/shadow", &v), SS_EINVAL);
		assert_int_equal(ss_sysctl_live(t, "a.//..", &v), SS_EINVAL);
		assert_int_equal(ss_sysctl_live(t, "vm.swappiness", &v), SS_ENOTFOUND);
	}
	sysctl_done(&c);
}

static void sysctl_rhel(void **state)
{
	ss_sysctlcfg c;

	/* no 99-sysctl.conf link: /etc/sysctl.conf comes last (procps) */
	put("/etc/sysctl.conf", "# sysctl settings are defined through files in\n"
				"kernel.dmesg_restrict = 1\n");
	put("/etc/sysctl.d/99-zz.conf", "kernel.dmesg_restrict = 0\nvm.swappiness=10\n");
	put("/usr/lib/sysctl.d/50-redhat.conf", "kernel.sysrq = 16\nkernel.core_uses_pid = 1\n"
						"kernel.kptr_restrict = 1\n");
	put("/usr/lib/sysctl.d/50-default.conf", "kernel.kptr_restrict = 0\n");
	/* an empty file in /etc masks */
	put("/etc/sysctl.d/50-redhat.conf", "");
	mkdir(at("/etc/sysctl.d/40-dir.conf"), 0755);
	sysctl_load(&c);
	expect_sysctl(&c, "kernel.dmesg_restrict", "1", "/etc/sysctl.conf", 2);
	expect_sysctl(&c, "vm.swappiness", "10", "/etc/sysctl.d/99-zz.conf", 2);
	expect_sysctl(&c, "kernel.kptr_restrict", "0", "/usr/lib/sysctl.d/50-default.conf", 1);
	expect_sysctl(&c, "kernel.sysrq", NULL, NULL, 0);
	sysctl_done(&c);
	/* a copy of sysctl.conf as 99-sysctl.conf counts as the link */
	put("/etc/sysctl.d/99-sysctl.conf", "# sysctl settings are defined through files in\n"
					    "kernel.dmesg_restrict = 1\n");
	sysctl_load(&c);
	expect_sysctl(&c, "kernel.dmesg_restrict", "0", "/etc/sysctl.d/99-zz.conf", 1);
	sysctl_done(&c);
}

static void sysctl_errors(void **state)
{
	ss_sysctlcfg c = SS_SYSCTLCFG_INIT;
	char *l = malloc(SS_SYSCTL_LINE_MAX + 10);
	ss_rootfs *r;
	int rc;

	memset(l, 'k', SS_SYSCTL_LINE_MAX + 9);
	l[SS_SYSCTL_LINE_MAX + 9] = '\0';
	put("/etc/sysctl.d/10-a.conf", "a = 1\n");
	put("/etc/sysctl.d/20-long.conf", l);
	free(l);
	r = open_root(false);
	rc = ss_sysctlcfg_load(&c, ss_rootfs_tree(r));
	assert_int_equal(rc, SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "/etc/sysctl.d/20-long.conf line 1"));
	ss_sysctlcfg_release(&c);
	unlink(at("/etc/sysctl.d/20-long.conf"));
	link_to("/etc/sysctl.d/30-loop.conf", "30-loop.conf");
	rc = ss_sysctlcfg_load(&c, ss_rootfs_tree(r));
	assert_int_equal(rc, SS_EIO);
	assert_non_null(strstr(ss_error_last(), "30-loop.conf"));
	ss_sysctlcfg_release(&c);
	ss_rootfs_close(r);
	/* one file's text */
	assert_ok(ss_sysctlcfg_apply(&c, "x.conf", "a.b=1\na/b = 2\n=3\n- \n", 18));
	assert_int_equal(c.nset, 1);
	assert_string_equal(c.set[0].value, "2");
	assert_int_equal(ss_sysctlcfg_apply(&c, "y.conf", "a\0b = 1\n", 8), SS_EPARSE);
	ss_sysctlcfg_release(&c);
	/* two globs on one key: the one applied last; a change moves a key last */
	assert_ok(ss_sysctlcfg_apply(&c, "10-x.conf", "n.*.c = 1\n", 10));
	assert_ok(ss_sysctlcfg_apply(&c, "20-y.conf", "n.b.* = 2\nn.*.c = 1\n", 20));
	assert_string_equal(ss_sysctlcfg_get(&c, "n.b.c")->value, "2");
	assert_ok(ss_sysctlcfg_apply(&c, "30-z.conf", "n.*.c = 3\n", 10));
	assert_string_equal(ss_sysctlcfg_get(&c, "n.b.c")->value, "3");
	assert_string_equal(ss_sysctlcfg_get(&c, "n.b.c")->file, "30-z.conf");
	assert_null(ss_sysctlcfg_get(&c, "n.b.c.d"));
	ss_sysctlcfg_release(&c);
	/* many keys: refused at the cap, in linear time */
	{
		ss_buf b = SS_BUF_INIT(0);

		for (int i = 0; i <= SS_SYSCTL_KEYS_MAX; i++)
			assert_ok(ss_buf_printf(&b, "k%d=%d\n", i, i % 10));
		rc = ss_sysctlcfg_apply(&c, "many.conf", b.ptr, b.len);
		assert_int_equal(rc, SS_ELIMIT);
		assert_non_null(ss_sysctlcfg_get(&c, "k77777"));
		assert_string_equal(ss_sysctlcfg_get(&c, "k77777")->value, "7");
		assert_non_null(strstr(ss_error_last(), "many.conf line 100001"));
		ss_sysctlcfg_release(&c);
		ss_buf_release(&b);
	}
}

/* ---- dpkg ---- */

static void dpkg_status(void **state)
{
	ss_dpkgstatus st;
	const ss_dpkg_pkg *p;
	int rc;

	put("/var/lib/dpkg/status", "Package: openssh-server\n"
				    "Status: install ok installed\n"
				    "Priority: optional\n"
				    "Architecture: amd64\n"
				    "Multi-Arch: foreign\n"
				    "Version: 1:9.2p1-2+deb12u3\n"
				    "Conffiles:\n"
				    " /etc/ssh/moduli 0f8b8e6b6a9e3d1b2f1c0a8f5c6e7d9a\n"
				    "Description: secure shell (SSH) server\n"
				    " This is the portable version of OpenSSH.\n"
				    " .\n"
				    "\n"
				    "Package: telnetd\n"
				    "Status: deinstall ok config-files\n"
				    "Architecture: amd64\n"
				    "Version: 0.17+2.4-2\n"
				    "\n"
				    "Package: libc6\n"
				    "Status: install ok installed\n"
				    "Architecture: i386\n"
				    "Multi-Arch: same\n"
				    "Version: 2.36-9+deb12u4\n"
				    "\n"
				    "package: libc6\n"
				    "status: hold ok installed\n"
				    "architecture: amd64\n"
				    "multi-arch: same\n"
				    "version: 2.36-9+deb12u4\n"
				    "\n\n"
				    "Package: rsh-server\n"
				    "Status: install reinstreq half-installed\n"
				    "Architecture: amd64\n");
	rfs = open_root(false);
	assert_ok(ss_dpkgstatus_load(&st, ss_rootfs_tree(rfs)));
	assert_int_equal(st.n, 5);
	p = ss_dpkgstatus_find(&st, "openssh-server");
	assert_non_null(p);
	assert_true(ss_dpkg_installed(p));
	assert_string_equal(p->version, "1:9.2p1-2+deb12u3");
	assert_int_equal(p->line, 1);
	assert_false(ss_dpkg_installed(ss_dpkgstatus_find(&st, "telnetd")));
	assert_false(ss_dpkg_installed(ss_dpkgstatus_find(&st, "rsh-server")));
	assert_null(ss_dpkgstatus_find(&st, "nis"));
	assert_null(ss_dpkgstatus_find(&st, "openssh"));
	p = ss_dpkgstatus_find(&st, "libc6:amd64");
	assert_true(ss_dpkg_installed(p));
	assert_string_equal(p->want, "hold");
	assert_string_equal(ss_dpkgstatus_find(&st, "libc6:i386")->arch, "i386");
	assert_null(ss_dpkgstatus_find(&st, "libc6:arm64"));
	assert_true(ss_dpkg_installed(ss_dpkgstatus_find(&st, "libc6")));
	ss_dpkgstatus_release(&st);
	put("/var/lib/dpkg/status", "Package: a\nStatus: install ok\n");
	rc = ss_dpkgstatus_load(&st, ss_rootfs_tree(rfs));
	assert_int_equal(rc, SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/var/lib/dpkg/status line 2"));
	ss_dpkgstatus_release(&st);
	put("/var/lib/dpkg/status", "Package: a\n\nVersion: 1\nno colon here\n");
	assert_int_equal(ss_dpkgstatus_load(&st, ss_rootfs_tree(rfs)), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "line 4"));
	ss_dpkgstatus_release(&st);
	ss_rootfs_close(rfs);
	rfs = NULL;
}

/* ---- PAM ---- */

static void pam_debian(void **state)
{
	ss_pamcfg c;
	const ss_pam_rule *r;
	const char *nullok[] = {"nullok", NULL}, *yescrypt[] = {"obscure", "yescrypt", NULL};

	put("/etc/pam.d/sshd",
	    "# PAM configuration for the Secure Shell service\n"
	    "@include common-auth\n"
	    "account    required     pam_nologin.so\n"
	    "@include common-account\n"
	    "session [success=ok ignore=ignore module_unknown=ignore default=bad] "
	    "pam_selinux.so close\n"
	    "session    required     pam_env.so user_readenv=1 \\\n"
	    "   envfile=/etc/default/locale\n"
	    "@include common-password\n");
	put("/etc/pam.d/common-auth", "auth\t[success=1 default=ignore]\tpam_unix.so nullok\n"
				      "auth\trequisite\t\t\tpam_deny.so\n"
				      "auth\trequired\t\t\tpam_permit.so # the end\n");
	put("/etc/pam.d/common-account", "account [success=1 new_authtok_reqd=done default=ignore] "
					 "pam_unix.so\n");
	put("/etc/pam.d/common-password",
	    "password\t[success=1 default=ignore]\tpam_unix.so obscure yescrypt\n"
	    "-password optional pam_gnome_keyring.so\n"
	    "password optional /lib/x86_64-linux-gnu/security/pam_exec.so [quiet \\] x] "
	    "/bin/true\n");
	rfs = open_root(false);
	assert_ok(ss_pamcfg_load(&c, ss_rootfs_tree(rfs), "sshd"));
	r = ss_pamcfg_find(&c, "auth", "pam_unix.so", nullok);
	assert_non_null(r);
	assert_string_equal(r->control, "[success=1 default=ignore]");
	assert_string_equal(r->file, "/etc/pam.d/common-auth");
	assert_int_equal(r->line, 1);
	assert_int_equal(r->depth, 1);
	assert_null(ss_pamcfg_find(&c, "password", "pam_unix.so", nullok));
	assert_non_null(ss_pamcfg_find(&c, "password", "pam_unix.so", yescrypt));
	assert_non_null(ss_pamcfg_find(&c, "account", "pam_nologin.so", NULL));
	r = ss_pamcfg_find(&c, "session", "pam_env.so", NULL);
	assert_non_null(r);
	assert_int_equal(r->line, 6);
	assert_int_equal(r->argc, 2);
	assert_string_equal(ss_pam_rule_arg(r, "envfile"), "/etc/default/locale");
	assert_true(ss_pamcfg_find(&c, "password", "pam_gnome_keyring.so", NULL)->dash);
	r = ss_pamcfg_find(&c, "password", "pam_exec.so", NULL);
	assert_string_equal(r->argv[0], "quiet ] x");
	assert_string_equal(r->argv[1], "/bin/true");
	assert_null(ss_pamcfg_find(&c, "auth", "pam_faillock.so", NULL));
	ss_pamcfg_release(&c);
	ss_rootfs_close(rfs);
	rfs = NULL;
}

static void pam_rhel(void **state)
{
	ss_pamcfg c;
	const ss_pam_rule *r;
	const char *preauth[] = {"preauth", "deny=", NULL}, *bad[] = {"preauth", "deny=5", NULL};
	int rc;

	put("/etc/pam.d/sshd", "#%PAM-1.0\n"
			       "auth       substack     password-auth\n"
			       "auth       include      postlogin\n"
			       "account    required     pam_sepermit.so\n"
			       "account    include      password-auth\n"
			       "password   include      password-auth\n"
			       "session    include      password-auth\n");
	put("/etc/pam.d/postlogin", "session optional pam_lastlog.so silent noupdate showfailed\n");
	put("/etc/pam.d/password-auth",
	    "auth        required      pam_env.so\n"
	    "auth        required      pam_faillock.so preauth silent deny=3 unlock_time=900\n"
	    "auth        sufficient    pam_unix.so try_first_pass nullok\n"
	    "auth        [default=die] pam_faillock.so authfail\n"
	    "-auth       sufficient    pam_sss.so forward_pass\n"
	    "account     required      pam_unix.so\n"
	    "password    requisite     pam_pwquality.so local_users_only retry=3\n"
	    "password    sufficient    pam_unix.so sha512 shadow nullok use_authtok\n"
	    "session     required      pam_limits.so\n");
	rfs = open_root(false);
	assert_ok(ss_pamcfg_load(&c, ss_rootfs_tree(rfs), "sshd"));
	r = ss_pamcfg_find(&c, "auth", "pam_faillock.so", preauth);
	assert_non_null(r);
	assert_true(r->substack);
	assert_string_equal(ss_pam_rule_arg(r, "deny"), "3");
	assert_null(ss_pamcfg_find(&c, "auth", "pam_faillock.so", bad));
	/* "auth include postlogin" reads only postlogin's auth lines */
	assert_null(ss_pamcfg_find(&c, "session", "pam_lastlog.so", NULL));
	/* "account include password-auth" reads only its account lines */
	r = ss_pamcfg_find(&c, "account", "pam_unix.so", NULL);
	assert_non_null(r);
	assert_int_equal(r->line, 6);
	assert_false(r->substack);
	assert_non_null(ss_pamcfg_find(&c, "session", "pam_limits.so", NULL));
	{
		size_t auth = 0;

		for (size_t i = 0; i < c.n; i++)
			auth += !strcmp(c.r[i].type, "auth");
		assert_int_equal(auth, 5);
	}
	ss_pamcfg_release(&c);
	/* errors: a loop, a missing include, an unknown type, a bracket */
	put("/etc/pam.d/loop", "auth include loop\n");
	rc = ss_pamcfg_load(&c, ss_rootfs_tree(rfs), "loop");
	assert_int_equal(rc, SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "/etc/pam.d/loop line 1"));
	ss_pamcfg_release(&c);
	put("/etc/pam.d/miss", "auth required pam_env.so\nauth include nothere\n");
	rc = ss_pamcfg_load(&c, ss_rootfs_tree(rfs), "miss");
	assert_int_equal(rc, SS_ENOTFOUND);
	assert_non_null(strstr(ss_error_last(), "/etc/pam.d/miss line 2"));
	ss_pamcfg_release(&c);
	put("/etc/pam.d/bad", "\n\nauthx required pam_env.so\n");
	assert_int_equal(ss_pamcfg_load(&c, ss_rootfs_tree(rfs), "bad"), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/etc/pam.d/bad line 3"));
	ss_pamcfg_release(&c);
	put("/etc/pam.d/bad", "auth [default=die pam_env.so\n");
	assert_int_equal(ss_pamcfg_load(&c, ss_rootfs_tree(rfs), "bad"), SS_EPARSE);
	ss_pamcfg_release(&c);
	assert_int_equal(ss_pamcfg_load(&c, ss_rootfs_tree(rfs), "../shadow"), SS_EINVAL);
	ss_pamcfg_release(&c);
	ss_rootfs_close(rfs);
	rfs = NULL;
}

/* ---- systemd units ---- */

static void expect_unit(const char *unit, ss_unit_state want, const char *where)
{
	ss_unit_state st;
	char *w = NULL;

	assert_ok(ss_unit_state_get(ss_rootfs_tree(rfs), unit, &st, &w));
	if (st != want || (where && (!w || strcmp(w, where))))
		fail_msg("%s: %s (%s), want %s (%s)", unit, ss_unit_state_name(st), w ? w : "-",
			 ss_unit_state_name(want), where ? where : "-");
	free(w);
}

static void units(void **state)
{
	ss_unit_state st;
	char *w = NULL;

	/* Debian: ssh.service with its Alias=sshd.service link */
	put("/lib/systemd/system/ssh.service", "[Unit]\nDescription=OpenBSD Secure Shell server\n"
					       "[Service]\nExecStart=/usr/sbin/sshd -D $SSHD_OPTS\n"
					       "[Install]\nWantedBy=multi-user.target\n"
					       "Alias=sshd.service\n");
	link_to("/etc/systemd/system/sshd.service", "/lib/systemd/system/ssh.service");
	link_to("/etc/systemd/system/multi-user.target.wants/ssh.service",
		"/lib/systemd/system/ssh.service");
	put("/lib/systemd/system/telnet.socket", "[Socket]\nListenStream=23\nAccept=yes\n"
						 "[Install]\nWantedBy=sockets.target\n");
	put("/lib/systemd/system/rpcbind.service", "[Install]\nWantedBy=multi-user.target\n");
	link_to("/etc/systemd/system/rpcbind.service", "/dev/null");
	put("/lib/systemd/system/avahi-daemon.service", "[Install]\nWantedBy=multi-user.target\n");
	put("/run/systemd/system/avahi-daemon.service", "");
	put("/lib/systemd/system/systemd-journald.service", "[Unit]\nDescription=Journal\n");
	put("/lib/systemd/system/cups.path", "[Install]\n# comment\nAlso=cups.service\n");
	put("/lib/systemd/system/getty@.service", "[Install]\nWantedBy=getty.target\n");
	link_to("/etc/systemd/system/getty.target.wants/getty@tty1.service",
		"/lib/systemd/system/getty@.service");
	/* RHEL: /usr/lib, and a runtime enablement */
	put("/usr/lib/systemd/system/chronyd.service",
	    "[Install]\nWantedBy=a.target \\\n  multi-user.target\nWantedBy=\n"
	    "WantedBy=multi-user.target\n");
	link_to("/run/systemd/system/multi-user.target.wants/chronyd.service",
		"/usr/lib/systemd/system/chronyd.service");
	put("/usr/lib/systemd/system/kdump.service", "[Install]\nWantedBy=multi-user.target\n");
	put("/usr/lib/systemd/system/bad.service", "[Install]\nWantedBy\n");
	rfs = open_root(false);
	expect_unit("ssh.service", SS_UNIT_ENABLED, "/etc/systemd/system/sshd.service");
	expect_unit("sshd.service", SS_UNIT_ENABLED, NULL);
	expect_unit("telnet.socket", SS_UNIT_DISABLED, "/lib/systemd/system/telnet.socket");
	expect_unit("rpcbind.service", SS_UNIT_MASKED, "/etc/systemd/system/rpcbind.service");
	expect_unit("avahi-daemon.service", SS_UNIT_MASKED_RUNTIME, NULL);
	expect_unit("systemd-journald.service", SS_UNIT_STATIC, NULL);
	expect_unit("cups.path", SS_UNIT_INDIRECT, NULL);
	expect_unit("getty@tty1.service", SS_UNIT_ENABLED,
		    "/etc/systemd/system/getty.target.wants/getty@tty1.service");
	expect_unit("getty@tty2.service", SS_UNIT_DISABLED, "/lib/systemd/system/getty@.service");
	expect_unit("chronyd.service", SS_UNIT_ENABLED_RUNTIME, NULL);
	expect_unit("kdump.service", SS_UNIT_DISABLED, NULL);
	expect_unit("nope.service", SS_UNIT_NOT_FOUND, NULL);
	assert_string_equal(ss_unit_state_name(SS_UNIT_MASKED_RUNTIME), "masked-runtime");
	assert_int_equal(ss_unit_state_get(ss_rootfs_tree(rfs), "bad.service", &st, &w), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/usr/lib/systemd/system/bad.service line 2"));
	assert_int_equal(ss_unit_state_get(ss_rootfs_tree(rfs), "../x.service", &st, &w),
			 SS_EINVAL);
	ss_rootfs_close(rfs);
	rfs = NULL;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(reads_and_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(links_stay_inside, setup, teardown),
		cmocka_unit_test_setup_teardown(link_loops, setup, teardown),
		cmocka_unit_test_setup_teardown(special_files, setup, teardown),
		cmocka_unit_test_setup_teardown(big_and_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(without_openat2, setup, teardown),
		cmocka_unit_test_setup_teardown(sshd_debian, setup, teardown),
		cmocka_unit_test_setup_teardown(sshd_rhel, setup, teardown),
		cmocka_unit_test_setup_teardown(sshd_syntax, setup, teardown),
		cmocka_unit_test_setup_teardown(sshd_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(sshd_match, setup, teardown),
		cmocka_unit_test_setup_teardown(sysctl_debian, setup, teardown),
		cmocka_unit_test_setup_teardown(sysctl_rhel, setup, teardown),
		cmocka_unit_test_setup_teardown(sysctl_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(dpkg_status, setup, teardown),
		cmocka_unit_test_setup_teardown(pam_debian, setup, teardown),
		cmocka_unit_test_setup_teardown(pam_rhel, setup, teardown),
		cmocka_unit_test_setup_teardown(units, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
