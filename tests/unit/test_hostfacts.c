/* host facts: the pure parsers of accounts (passwd, shadow, group,
 * login.defs, shells), mounts (fstab, /proc/self/mounts), audit rules and
 * the kernel's socket tables, over Debian 12 and RHEL 9 samples and
 * hostile inputs. Files come from a memory tree; nothing of the machine's
 * own /etc or /proc is read. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/accounts.h"
#include "formats/auditrules.h"
#include "formats/mounts.h"
#include "formats/sockets.h"
#include "helpers.h"

/* ---- a memory tree: files[] of path, text; dirs[] of dir, "a b c" ---- */

typedef struct {
	const char *const *files; /* pairs, NULL-terminated */
	const char *const *dirs;  /* pairs, NULL-terminated */
} mem_tree;

static int mem_read(void *ctx, const char *path, size_t max, char **buf, size_t *len)
{
	mem_tree *m = ctx;

	for (const char *const *f = m->files; *f; f += 2)
		if (!strcmp(*f, path)) {
			size_t n = strlen(f[1]);

			if (n > max)
				return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", path,
						    max);
			*buf = malloc(n + 1);
			memcpy(*buf, f[1], n + 1);
			*len = n;
			return 0;
		}
	for (const char *const *d = m->dirs; *d; d += 2)
		if (!strcmp(*d, path))
			return ss_error_set(SS_EINVAL, "%s: a directory", path);
	return ss_error_set(SS_ENOTFOUND, "%s: no such file", path);
}

static int mem_list(void *ctx, const char *dir, char ***names)
{
	mem_tree *m = ctx;

	for (const char *const *d = m->dirs; *d; d += 2) {
		char **v = calloc(32, sizeof(*v)), *copy = strdup(d[1]), *save = NULL;
		size_t n = 0;

		if (strcmp(*d, dir)) {
			free(v);
			free(copy);
			continue;
		}
		for (char *w = strtok_r(copy, " ", &save); w && n < 31;
		     w = strtok_r(NULL, " ", &save))
			v[n++] = strdup(w);
		free(copy);
		*names = v;
		return 0;
	}
	return ss_error_set(SS_ENOTFOUND, "%s: no such directory", dir);
}

static ss_tree mem(mem_tree *m)
{
	ss_tree t = {m, mem_read, mem_list, NULL};

	return t;
}

/* a literal and its length */
#define L(s) s, sizeof(s) - 1

static void expect_err(int rc, int want, const char *needle)
{
	assert_int_equal(rc, want);
	if (!strstr(ss_error_last(), needle))
		fail_msg("message \"%s\" lacks \"%s\"", ss_error_last(), needle);
}

/* ---- accounts ---- */

static const char deb_passwd[] =
	"root:x:0:0:root:/root:/bin/bash\n"
	"daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
	"bin:x:2:2:bin:/bin:/usr/sbin/nologin\n"
	"sys:x:3:3:sys:/dev:/usr/sbin/nologin\n"
	"sync:x:4:65534:sync:/bin:/bin/sync\n"
	"games:x:5:60:games:/usr/games:/usr/sbin/nologin\n"
	"man:x:6:12:man:/var/cache/man:/usr/sbin/nologin\n"
	"www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n"
	"_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n"
	"nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n"
	"systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin\n"
	"messagebus:x:100:107::/nonexistent:/usr/sbin/nologin\n"
	"sshd:x:101:65534::/run/sshd:/usr/sbin/nologin\n"
	"alice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\n"
	"toor:x:0:0::/root:/bin/sh\n"
	"guest:x:1001:1001::/home/guest:\n"
	"legacy::1002:1002::/home/legacy:/bin/false\n"
	"ghost:x:1003:1003::/home/ghost:/usr/bin/zsh\n"
	"alice2:x:1000:1000::/home/alice2:/bin/bash\n";

static const char deb_shadow[] =
	"root:$y$j9T$9dbW1wqq2XgQ7qmFMkRr80$2vQ0n0q7S6QyZb1sJc2yE0QCmiHgE1mSY4l3B7tlu1.:19700:0:"
	"99999:7:::\n"
	"daemon:*:19700:0:99999:7:::\n"
	"bin:*:19700:0:99999:7:::\n"
	"sys:*:19700:0:99999:7:::\n"
	"sync:*:19700:0:99999:7:::\n"
	"games:*:19700:0:99999:7:::\n"
	"man:*:19700:0:99999:7:::\n"
	"www-data:*:19700:0:99999:7:::\n"
	"_apt:*:19700:0:99999:7:::\n"
	"nobody:*:19700:0:99999:7:::\n"
	"systemd-network:!*:19700::::::\n"
	"messagebus:!:19700::::::\n"
	"sshd:!:19700::::::\n"
	"alice:$y$j9T$Lq3sJm0Kx6m3mI8o0fV5a/$O1cQ9wP6y2Qh0y1g5cI1h3f5c2v8tWm6nWJ4iQp2pY7:19700:1:"
	"365:14:30::\n"
	"toor:!:19700::::::\n"
	"guest::19700:0:99999:7:::\n"
	"alice2:!:19700:-1:-1:-1:::\n";

static const char deb_group[] = "root:x:0:\n"
				"daemon:x:1:\n"
				"sudo:x:27:alice\n"
				"users:x:100:alice,,guest\n"
				"alice:x:1000:\n"
				"guest:x:1001:\n"
				"wheel:x:1000:\n";

static const char deb_logindefs[] =
	"#\n# /etc/login.defs - Configuration control definitions for the login package.\n#\n"
	"MAIL_DIR        /var/mail\n"
	"FAILLOG_ENAB		yes\n"
	"#\n# Password aging controls:\n#\n"
	"#\tPASS_MAX_DAYS\tMaximum number of days a password may be used.\n"
	"PASS_MAX_DAYS\t99999\n"
	"PASS_MIN_DAYS\t0\n"
	"PASS_WARN_AGE\t7\n"
	"UMASK\t\t022\n"
	"ENV_PATH\tPATH=/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games\n"
	"ENCRYPT_METHOD SHA512\n"
	"PASS_MAX_DAYS   365   \n"
	"ENCRYPT_METHOD \"YESCRYPT\"\n"
	"LONELY\n";

static const char deb_shells[] = "# /etc/shells: valid login shells\n"
				 "/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n"
				 "/bin/rbash\n/usr/bin/rbash\n/usr/bin/dash\n"
				 "  /usr/bin/tmux # screen multiplexer\n";

static void accounts_debian(void **state)
{
	const char *const files[] = {"/etc/passwd",     deb_passwd,    "/etc/shadow",
				     deb_shadow,        "/etc/group",  deb_group,
				     "/etc/login.defs", deb_logindefs, "/etc/shells",
				     deb_shells,        NULL};
	const char *const dirs[] = {NULL};
	mem_tree m = {files, dirs};
	ss_tree t = mem(&m);
	ss_accounts a;
	ss_acct_issue *is;
	size_t n;
	const ss_passwd_ent *p;
	const ss_shadow_ent *s;
	const char *file;
	unsigned line;
	long v;

	(void)state;
	assert_ok(ss_accounts_load(&a, &t));
	assert_int_equal(a.npw, 19);
	assert_int_equal(a.nsp, 17);
	assert_int_equal(a.ngr, 7);
	assert_int_equal(a.nshells, 8);
	assert_string_equal(a.shells[7], "/usr/bin/tmux");
	p = ss_accounts_user(&a, "alice");
	assert_int_equal(p->uid, 1000);
	assert_string_equal(p->gecos, "Alice,,,");
	assert_int_equal(p->line, 14);
	s = ss_accounts_shadow(&a, "alice");
	assert_int_equal(s->min, 1);
	assert_int_equal(s->max, 365);
	assert_int_equal(s->warn, 14);
	assert_int_equal(s->inactive, 30);
	assert_int_equal(s->expire, SS_ACCT_NONE);
	s = ss_accounts_shadow(&a, "alice2");
	assert_int_equal(s->min, SS_ACCT_NONE);
	assert_int_equal(s->max, SS_ACCT_NONE);
	/* members: the empty one between commas is not a member */
	assert_int_equal(ss_accounts_group(&a, "users")->nmembers, 2);
	assert_string_equal(ss_accounts_group(&a, "users")->members[1], "guest");
	/* passwords */
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "root"), &file, &line),
			 SS_PW_HASH);
	assert_string_equal(file, "/etc/shadow");
	assert_int_equal(line, 1);
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "daemon"), NULL, NULL),
			 SS_PW_LOCKED);
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "sshd"), NULL, NULL),
			 SS_PW_LOCKED);
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "guest"), &file, &line),
			 SS_PW_EMPTY);
	assert_int_equal(line, 16);
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "legacy"), &file, &line),
			 SS_PW_EMPTY);
	assert_string_equal(file, "/etc/passwd");
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "ghost"), NULL, NULL),
			 SS_PW_NO_SHADOW);
	/* shells: nologin and false are not login shells; /bin/sync is one
	 * that /etc/shells does not list; an empty field is /bin/sh */
	assert_false(ss_accounts_login_shell(&a, ss_accounts_user(&a, "daemon")));
	assert_false(ss_accounts_login_shell(&a, ss_accounts_user(&a, "legacy")));
	assert_true(ss_accounts_login_shell(&a, ss_accounts_user(&a, "root")));
	assert_int_equal(ss_accounts_shell_kind(&a, ss_accounts_user(&a, "sync")),
			 SS_SHELL_UNLISTED);
	assert_true(ss_accounts_login_shell(&a, ss_accounts_user(&a, "sync")));
	assert_int_equal(ss_accounts_shell_kind(&a, ss_accounts_user(&a, "guest")),
			 SS_SHELL_LISTED);
	assert_int_equal(ss_accounts_shell_kind(&a, ss_accounts_user(&a, "ghost")),
			 SS_SHELL_UNLISTED);
	/* login.defs: the last line wins; quotes dropped; a lone name skipped */
	assert_ok(ss_accounts_def_num(&a, "PASS_MAX_DAYS", &v));
	assert_int_equal(v, 365);
	assert_int_equal(ss_accounts_def(&a, "PASS_MAX_DAYS")->line, 16);
	assert_ok(ss_accounts_def_num(&a, "UMASK", &v));
	assert_int_equal(v, 022);
	assert_string_equal(ss_accounts_def(&a, "ENCRYPT_METHOD")->value, "YESCRYPT");
	assert_string_equal(ss_accounts_def(&a, "ENV_PATH")->value,
			    "PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games");
	assert_null(ss_accounts_def(&a, "LONELY"));
	expect_err(ss_accounts_def_num(&a, "ENCRYPT_METHOD", &v), SS_EPARSE,
		   "/etc/login.defs line 17");
	assert_int_equal(ss_accounts_def_num(&a, "PASS_MIN_LEN", &v), SS_ENOTFOUND);
	/* the issues */
	assert_ok(ss_accounts_issues(&a, &is, &n));
	assert_int_equal(n, 7);
	assert_int_equal(is[0].kind, SS_ACCT_UID0_NOT_ROOT);
	assert_string_equal(is[0].name, "toor");
	assert_int_equal(is[0].line, 15);
	assert_int_equal(is[1].kind, SS_ACCT_EMPTY_PASSWORD);
	assert_string_equal(is[1].name, "guest");
	assert_string_equal(is[1].file, "/etc/shadow");
	assert_int_equal(is[2].kind, SS_ACCT_EMPTY_PASSWORD);
	assert_string_equal(is[2].name, "legacy");
	assert_string_equal(is[2].file, "/etc/passwd");
	assert_int_equal(is[3].kind, SS_ACCT_NO_SHADOW);
	assert_string_equal(is[3].name, "ghost");
	/* duplicate UIDs: toor (0) and alice2 (1000), each after its first */
	assert_int_equal(is[4].kind, SS_ACCT_DUP_UID);
	assert_string_equal(is[4].name, "toor");
	assert_int_equal(is[4].first_line, 1);
	assert_int_equal(is[5].kind, SS_ACCT_DUP_UID);
	assert_string_equal(is[5].name, "alice2");
	assert_int_equal(is[5].first_line, 14);
	assert_int_equal(is[6].kind, SS_ACCT_DUP_GID);
	assert_string_equal(is[6].name, "wheel");
	assert_string_equal(ss_acct_issue_name(is[6].kind), "duplicate-gid");
	free(is);
	ss_accounts_release(&a);
}

static const char rhel_passwd[] =
	"root:x:0:0:root:/root:/bin/bash\n"
	"bin:x:1:1:bin:/bin:/sbin/nologin\n"
	"daemon:x:2:2:daemon:/sbin:/sbin/nologin\n"
	"adm:x:3:4:adm:/var/adm:/sbin/nologin\n"
	"lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin\n"
	"sync:x:5:0:sync:/sbin:/bin/sync\n"
	"shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown\n"
	"halt:x:7:0:halt:/sbin:/sbin/halt\n"
	"mail:x:8:12:mail:/var/spool/mail:/sbin/nologin\n"
	"operator:x:11:0:operator:/root:/sbin/nologin\n"
	"games:x:12:100:games:/usr/games:/sbin/nologin\n"
	"ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin\n"
	"nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin\n"
	"systemd-coredump:x:999:997:systemd Core Dumper:/:/sbin/nologin\n"
	"dbus:x:81:81:System message bus:/:/sbin/nologin\n"
	"tss:x:59:59:Account used for TPM access:/dev/null:/sbin/nologin\n"
	"sshd:x:74:74:Privilege-separated SSH:/usr/share/empty.sshd:/sbin/nologin\n"
	"chrony:x:998:996:chrony system user:/var/lib/chrony:/sbin/nologin\n"
	"admin:x:1000:1000:admin:/home/admin:/bin/bash\n"
	"+@netadmins::::::\n";

static const char rhel_shadow[] =
	"root:$6$Wl3sQYwq0xY1vHqL$0lE7m9TOV2bU8.TfL/1nQ0xgT5fV8nO3bD2xM6pJ9kA1cE4rW7yZ0qS3uI6oP9"
	"lK2jH5gF8dS1aQ4wE7rT0y/::0:99999:7:::\n"
	"bin:*:19469:0:99999:7:::\n"
	"daemon:*:19469:0:99999:7:::\n"
	"adm:*:19469:0:99999:7:::\n"
	"lp:*:19469:0:99999:7:::\n"
	"sync:*:19469:0:99999:7:::\n"
	"shutdown:*:19469:0:99999:7:::\n"
	"halt:*:19469:0:99999:7:::\n"
	"mail:*:19469:0:99999:7:::\n"
	"operator:*:19469:0:99999:7:::\n"
	"games:*:19469:0:99999:7:::\n"
	"ftp:*:19469:0:99999:7:::\n"
	"nobody:*:19469:0:99999:7:::\n"
	"systemd-coredump:!!:19700::::::\n"
	"dbus:!!:19700::::::\n"
	"tss:!!:19700::::::\n"
	"sshd:!!:19700::::::\n"
	"chrony:!!:19700::::::\n"
	"admin:!!:19700:0:99999:7:::\n";

static const char rhel_logindefs[] = "MAIL_DIR\t/var/spool/mail\n"
				     "UMASK\t\t022\n"
				     "HOME_MODE\t0700\n"
				     "PASS_MAX_DAYS\t99999\n"
				     "PASS_MIN_DAYS\t0\n"
				     "PASS_WARN_AGE\t7\n"
				     "UID_MIN                  1000\n"
				     "UID_MAX                 60000\n"
				     "ENCRYPT_METHOD SHA512\n"
				     "USERGROUPS_ENAB yes\n"
				     "HMAC_CRYPTO_ALGO SHA512\n";

static void accounts_rhel(void **state)
{
	ss_accounts a = SS_ACCOUNTS_INIT;
	ss_acct_issue *is;
	size_t n;
	long v;

	(void)state;
	assert_ok(ss_accounts_parse_passwd(&a, "/etc/passwd", rhel_passwd, strlen(rhel_passwd)));
	assert_ok(ss_accounts_parse_shadow(&a, "/etc/shadow", rhel_shadow, strlen(rhel_shadow)));
	assert_ok(ss_accounts_parse_logindefs(&a, "/etc/login.defs", rhel_logindefs,
					      strlen(rhel_logindefs)));
	assert_ok(ss_accounts_parse_shells(&a, "/etc/shells",
					   L("/bin/sh\n/bin/bash\n/usr/bin/sh\n/usr/bin/bash\n")));
	assert_int_equal(a.npw, 19);
	assert_int_equal(a.ncompat, 1);
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "admin"), NULL, NULL),
			 SS_PW_LOCKED);
	/* shutdown and halt run a command, not a shell: not nologin */
	assert_true(ss_accounts_login_shell(&a, ss_accounts_user(&a, "shutdown")));
	assert_int_equal(ss_accounts_shell_kind(&a, ss_accounts_user(&a, "admin")),
			 SS_SHELL_LISTED);
	assert_int_equal(ss_accounts_shadow(&a, "root")->last, SS_ACCT_NONE);
	assert_int_equal(ss_accounts_shadow(&a, "root")->min, 0);
	assert_int_equal(ss_accounts_shadow(&a, "root")->max, 99999);
	assert_ok(ss_accounts_def_num(&a, "PASS_MAX_DAYS", &v));
	assert_int_equal(v, 99999);
	assert_ok(ss_accounts_def_num(&a, "HOME_MODE", &v));
	assert_int_equal(v, 0700);
	assert_ok(ss_accounts_issues(&a, &is, &n));
	assert_int_equal(n, 0);
	free(is);
	/* no shadow read: the state of "x" is unknown, not empty */
	ss_accounts_release(&a);
	assert_ok(ss_accounts_parse_passwd(&a, "p", rhel_passwd, strlen(rhel_passwd)));
	assert_int_equal(ss_accounts_password(&a, ss_accounts_user(&a, "root"), NULL, NULL),
			 SS_PW_UNKNOWN);
	ss_accounts_release(&a);
}

static void accounts_hostile(void **state)
{
	ss_accounts a = SS_ACCOUNTS_INIT;
	char *big;
	(void)state;

#define PW(text, want, needle)                                                                     \
	do {                                                                                       \
		expect_err(ss_accounts_parse_passwd(&a, "/etc/passwd", text, sizeof(text) - 1),    \
			   want, needle);                                                          \
		ss_accounts_release(&a);                                                           \
	} while (0)
	PW("root:x:0:0:root:/root:/bin/bash\nbad:x:abc:0::/:/bin/sh\n", SS_EPARSE,
	   "/etc/passwd line 2 field 3 (UID): \"abc\" is not a number");
	PW("a:x:4294967295:0::/:/bin/sh\n", SS_EPARSE, "line 1 field 3 (UID)");
	PW("a:x:-1:0::/:/bin/sh\n", SS_EPARSE, "line 1 field 3 (UID)");
	PW("a:x: 1:0::/:/bin/sh\n", SS_EPARSE, "line 1 field 3");
	PW("a:x:1:g::/:/bin/sh\n", SS_EPARSE, "line 1 field 4 (GID)");
	PW("a:x:1:1::/\n", SS_EPARSE, "/etc/passwd line 1: 6 fields, expected 7");
	PW("a:x:1:1::/:/bin/sh:extra\n", SS_EPARSE, "line 1: 8 fields, expected 7");
	PW("a:x:1:1::/:/bin/sh:::::::::::::\n", SS_EPARSE, "line 1: more than 10 fields");
	PW(":x:1:1::/:/bin/sh\n", SS_EPARSE, "line 1 field 1 (name): empty");
	PW("root:x:0:0:root:/root:/bin/bash\nev\0il:x:0:0::/:/bin/sh\n", SS_EPARSE,
	   "line 2: a NUL byte");
	/* hostile text is made safe to print */
	PW("a:x:\x1b[31m:0::/:/bin/sh\n", SS_EPARSE, "\"?[31m\"");
	big = malloc(SS_ACCT_LINE_MAX + 100);
	memset(big, 'a', SS_ACCT_LINE_MAX + 99);
	big[SS_ACCT_LINE_MAX + 99] = '\0';
	expect_err(ss_accounts_parse_passwd(&a, "/etc/passwd", big, strlen(big)), SS_ELIMIT,
		   "/etc/passwd line 1: longer than 65536 bytes");
	ss_accounts_release(&a);
	free(big);
	/* comments, blanks and a CRLF file */
	assert_ok(ss_accounts_parse_passwd(&a, "p", L("# c\n\n  root:x:0:0::/root:/bin/sh\r\n")));
	assert_int_equal(a.npw, 1);
	assert_string_equal(a.pw[0].shell, "/bin/sh");
	ss_accounts_release(&a);
	/* shadow */
	expect_err(ss_accounts_parse_shadow(&a, "/etc/shadow", L("a:*:19700:x:99999:7:::\n")),
		   SS_EPARSE, "/etc/shadow line 1 field 4 (minimum): \"x\"");
	ss_accounts_release(&a);
	expect_err(ss_accounts_parse_shadow(&a, "/etc/shadow", L("a:*:19700:0\n")), SS_EPARSE,
		   "line 1: 4 fields, expected 9");
	ss_accounts_release(&a);
	assert_ok(ss_accounts_parse_shadow(&a, "s", L("a:*:1:2:3:4:5:6\n")));
	assert_int_equal(a.sp[0].expire, 6);
	ss_accounts_release(&a);
	/* group */
	expect_err(ss_accounts_parse_group(&a, "/etc/group", L("wheel:x:10\n")), SS_EPARSE,
		   "/etc/group line 1: 3 fields, expected 4");
	ss_accounts_release(&a);
	expect_err(ss_accounts_parse_group(&a, "/etc/group", L("wheel:x:ten:\n")), SS_EPARSE,
		   "/etc/group line 1 field 3 (GID)");
	ss_accounts_release(&a);
	/* too many entries: refused at the cap */
	{
		ss_buf b = SS_BUF_INIT(0);

		for (int i = 0; i <= SS_ACCT_ENTRIES_MAX; i++)
			assert_ok(ss_buf_printf(&b, "u%d:x:%d:0::/:/bin/sh\n", i, i));
		expect_err(ss_accounts_parse_passwd(&a, "/etc/passwd", b.ptr, b.len), SS_ELIMIT,
			   "line 200001: more than 200000 entries");
		ss_accounts_release(&a);
		ss_buf_release(&b);
	}
	/* many duplicates: found in n log n */
	{
		ss_buf b = SS_BUF_INIT(0);
		ss_acct_issue *is;
		size_t n;

		for (int i = 0; i < 100000; i++)
			assert_ok(ss_buf_printf(&b, "u%d:x:%d:0::/:/bin/sh\n", i % 2, i % 3));
		assert_ok(ss_accounts_parse_passwd(&a, "p", b.ptr, b.len));
		assert_ok(ss_accounts_issues(&a, &is, &n));
		assert_int_equal(n, 33334 /* UID 0 */ + 99998 + 99997);
		free(is);
		ss_accounts_release(&a);
		ss_buf_release(&b);
	}
	/* many accounts with shadow lines: the issues in n log n, not n * n */
	{
		ss_buf b = SS_BUF_INIT(0), c = SS_BUF_INIT(0);
		ss_acct_issue *is;
		size_t n;

		for (int i = 0; i < SS_ACCT_ENTRIES_MAX; i++) {
			assert_ok(ss_buf_printf(&b, "u%d:x:%d:0::/:/bin/sh\n", i, i + 1));
			assert_ok(ss_buf_printf(&c, "u%d:%s:1::::::\n", SS_ACCT_ENTRIES_MAX - 1 - i,
						i % 1000 ? "*" : ""));
		}
		assert_ok(ss_accounts_parse_passwd(&a, "p", b.ptr, b.len));
		assert_ok(ss_accounts_parse_shadow(&a, "s", c.ptr, c.len));
		assert_ok(ss_accounts_issues(&a, &is, &n));
		assert_int_equal(n, SS_ACCT_ENTRIES_MAX / 1000);
		assert_int_equal(is[0].kind, SS_ACCT_EMPTY_PASSWORD);
		assert_string_equal(is[0].name, "u999");
		free(is);
		ss_accounts_release(&a);
		ss_buf_release(&b);
		ss_buf_release(&c);
	}
	/* an absent /etc/passwd is an error; the others may be absent */
	{
		const char *const files[] = {"/etc/shadow", "root:*:1::::::\n", NULL};
		const char *const dirs[] = {NULL};
		mem_tree m = {files, dirs};
		ss_tree t = mem(&m);

		assert_int_equal(ss_accounts_load(&a, &t), SS_ENOTFOUND);
		ss_accounts_release(&a);
	}
#undef PW
}

/* ---- mounts ---- */

static const char deb_fstab[] =
	"# /etc/fstab: static file system information.\n"
	"#\n"
	"# Use 'blkid' to print the universally unique identifier for a\n"
	"# device; this may be used with UUID= as a more robust way to name devices\n"
	"# that works even if disks are added and removed. See fstab(5).\n"
	"#\n"
	"# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n"
	"# / was on /dev/sda1 during installation\n"
	"UUID=0e6f6d2b-4a0c-4c5e-9f3a-1c2b3d4e5f60 /               ext4    errors=remount-ro 0  "
	"     1\n"
	"# /home was on /dev/sda6 during installation\n"
	"UUID=4f1c2d3e-5a6b-7c8d-9e0f-a1b2c3d4e5f6 /home           ext4    defaults,nodev  0  "
	"     2\n"
	"# swap was on /dev/sda5 during installation\n"
	"UUID=9a8b7c6d-5e4f-3a2b-1c0d-e9f8a7b6c5d4 none            swap    sw              0  "
	"     0\n"
	"/dev/sr0        /media/cdrom0   udf,iso9660 user,noauto     0       0\n"
	"tmpfs\t/tmp/\ttmpfs\tdefaults,nodev,nosuid,noexec,size=2G\n"
	"/srv/My\\040Files /mnt/my\\040files none bind\n"
	"tmpfs /tmp tmpfs defaults 0 0\n"
	"/dev/sdb1 /var/tmp ext4 nodev,nosuid,noexec,dev 0 2\n";

static void mounts_debian(void **state)
{
	const char *const files[] = {"/etc/fstab", deb_fstab, NULL};
	const char *const dirs[] = {NULL};
	mem_tree m = {files, dirs};
	ss_tree t = mem(&m);
	ss_mounts mt;
	const ss_mount *e;
	char miss[64];

	(void)state;
	assert_ok(ss_mounts_load(&mt, SS_MOUNTS_FSTAB, &t));
	assert_int_equal(mt.n, 8);
	e = ss_mounts_find(&mt, "/");
	assert_string_equal(e->type, "ext4");
	assert_int_equal(e->passno, 1);
	assert_false(ss_mount_option(e, "ro"));
	assert_true(ss_mount_option(e, "errors"));
	assert_true(ss_mount_option(e, "errors=remount-ro"));
	assert_false(ss_mount_option(e, "errors=panic"));
	/* the first /tmp line: systemd-fstab-generator takes it */
	e = ss_mounts_find(&mt, "/tmp/");
	assert_int_equal(e->line, 15);
	assert_string_equal(e->dir, "/tmp");
	assert_int_equal(e->freq, 0);
	assert_int_equal(ss_mount_missing(e, "nodev,nosuid,noexec", miss, sizeof(miss)), 0);
	assert_true(ss_mount_option(e, "size"));
	/* /home: nodev only */
	e = ss_mounts_find(&mt, "/home");
	assert_int_equal(ss_mount_missing(e, "nodev,nosuid,noexec", miss, sizeof(miss)), 2);
	assert_string_equal(miss, "nosuid,noexec");
	/* user implies noexec,nosuid,nodev */
	e = ss_mounts_find(&mt, "/media/cdrom0");
	assert_int_equal(ss_mount_missing(e, "nodev,nosuid,noexec", NULL, 0), 0);
	/* a later "dev" undoes "nodev" */
	e = ss_mounts_find(&mt, "/var/tmp");
	assert_int_equal(ss_mount_missing(e, "nodev,nosuid,noexec", miss, sizeof(miss)), 1);
	assert_string_equal(miss, "nodev");
	/* escapes */
	e = ss_mounts_find(&mt, "/mnt/my files");
	assert_non_null(e);
	assert_string_equal(e->spec, "/srv/My Files");
	/* swap is no mount point; absent ones */
	assert_null(ss_mounts_find(&mt, "none"));
	assert_null(ss_mounts_find(&mt, "/var"));
	ss_mounts_release(&mt);
}

static const char rhel_fstab[] =
	"\n#\n# /etc/fstab\n# Created by anaconda on Tue Jan  9 10:12:44 2024\n#\n"
	"/dev/mapper/rhel-root   /                       xfs     defaults        0 0\n"
	"UUID=3c7a0e3e-8a5b-4b67-9d1c-0f3e6e2b1a9c /boot                   xfs     defaults   "
	"     0 0\n"
	"/dev/mapper/rhel-home   /home                   xfs     defaults,nodev        0 0\n"
	"/dev/mapper/rhel-tmp    /tmp                    xfs     defaults,nodev,nosuid 0 0\n"
	"/dev/mapper/rhel-var    /var                    xfs     defaults        0 0\n"
	"/dev/mapper/rhel-swap   none                    swap    defaults        0 0\n"
	"tmpfs /dev/shm tmpfs defaults,nodev,nosuid,noexec 0 0\n";

static const char proc_mounts[] =
	"sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
	"proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
	"/dev/mapper/rhel-root / xfs rw,relatime,seclabel,attr2,inode64,logbufs=8,logbsize=32k,"
	"noquota 0 0\n"
	"tmpfs /tmp tmpfs rw,nosuid,nodev,size=1635192k,nr_inodes=1048576,inode64 0 0\n"
	"tmpfs /tmp tmpfs rw,nosuid,nodev,noexec,relatime,inode64 0 0\n"
	"/dev/sdb1 /media/usb\\040stick vfat rw,nosuid,nodev,relatime,fmask=0022 0 0\n";

static void mounts_rhel(void **state)
{
	ss_mounts mt = SS_MOUNTS_INIT;
	const ss_mount *e;
	char miss[64];

	(void)state;
	assert_ok(ss_mounts_parse(&mt, SS_MOUNTS_FSTAB, "/etc/fstab", rhel_fstab,
				  strlen(rhel_fstab)));
	assert_int_equal(mt.n, 7);
	e = ss_mounts_find(&mt, "/tmp");
	assert_int_equal(ss_mount_missing(e, "nodev,nosuid,noexec", miss, sizeof(miss)), 1);
	assert_string_equal(miss, "noexec");
	assert_int_equal(
		ss_mount_missing(ss_mounts_find(&mt, "/dev/shm"), "nodev,nosuid,noexec", NULL, 0),
		0);
	ss_mounts_release(&mt);
	/* the kernel's table: the last /tmp is on top */
	assert_ok(ss_mounts_parse(&mt, SS_MOUNTS_PROC, "/proc/self/mounts", proc_mounts,
				  strlen(proc_mounts)));
	e = ss_mounts_find(&mt, "/tmp");
	assert_int_equal(e->line, 5);
	assert_true(ss_mount_option(e, "noexec"));
	assert_true(ss_mount_option(e, "rw"));
	assert_false(ss_mount_option(e, "ro"));
	assert_non_null(ss_mounts_find(&mt, "/media/usb stick"));
	ss_mounts_release(&mt);
	/* the table has six fields on every line */
	expect_err(ss_mounts_parse(&mt, SS_MOUNTS_PROC, "/proc/self/mounts", L("a /b c d\n")),
		   SS_EPARSE, "/proc/self/mounts line 1: 4 fields, expected 6");
	ss_mounts_release(&mt);
}

/* systemd 252's tmp.mount (RHEL 9: /usr/lib/systemd/system/tmp.mount) */
static const char tmp_mount[] =
	"#  SPDX-License-Identifier: LGPL-2.1-or-later\n"
	"[Unit]\n"
	"Description=Temporary Directory /tmp\n"
	"Documentation=https://systemd.io/TEMPORARY_DIRECTORIES\n"
	"ConditionPathIsSymbolicLink=!/tmp\n"
	"DefaultDependencies=no\n"
	"Conflicts=umount.target\n"
	"Before=local-fs.target umount.target\n"
	"After=swap.target\n"
	"\n"
	"[Mount]\n"
	"What=tmpfs\n"
	"Where=/tmp\n"
	"Type=tmpfs\n"
	"Options=mode=1777,strictatime,nosuid,nodev,size=50%%,nr_inodes=1m\n"
	"\n"
	"# Make 'systemctl enable tmp.mount' work:\n"
	"[Install]\n"
	"WantedBy=local-fs.target\n";

static void mounts_unit(void **state)
{
	ss_mount e = {0};
	char miss[64];

	(void)state;
	assert_ok(ss_mount_unit_apply(&e, "/usr/lib/systemd/system/tmp.mount", L(tmp_mount)));
	assert_string_equal(e.dir, "/tmp");
	assert_string_equal(e.type, "tmpfs");
	assert_string_equal(e.opts, "mode=1777,strictatime,nosuid,nodev,size=50%,nr_inodes=1m");
	assert_int_equal(e.line, 15);
	assert_int_equal(ss_mount_missing(&e, "nodev,nosuid,noexec", miss, sizeof(miss)), 1);
	assert_string_equal(miss, "noexec");
	/* a drop-in: its Options= replaces the unit's, continued lines join */
	assert_ok(ss_mount_unit_apply(&e, "/etc/systemd/system/tmp.mount.d/options.conf",
				      L("[Mount]\nOptions=\\\n"
					"# a comment inside\n mode=1777,nosuid,nodev,noexec\n")));
	assert_int_equal(ss_mount_missing(&e, "nodev,nosuid,noexec", NULL, 0), 0);
	assert_int_equal(e.line, 2);
	assert_string_equal(e.dir, "/tmp");
	ss_mount_clear(&e);
	/* Options= outside [Mount] does not count; a NUL is refused */
	assert_ok(ss_mount_unit_apply(&e, "x.mount", L("[Unit]\nOptions=noexec\n")));
	assert_string_equal(e.opts, "");
	ss_mount_clear(&e);
	expect_err(ss_mount_unit_apply(&e, "x.mount", L("[Mount]\nWhere=/tmp\nType=\0\n")),
		   SS_EPARSE, "x.mount line 3: a NUL byte");
	ss_mount_clear(&e);
}

static void mounts_hostile(void **state)
{
	ss_mounts mt = SS_MOUNTS_INIT;
	char *big;

	(void)state;
#define FS(text, want, needle)                                                                     \
	do {                                                                                       \
		expect_err(ss_mounts_parse(&mt, SS_MOUNTS_FSTAB, "/etc/fstab", text,               \
					   sizeof(text) - 1),                                      \
			   want, needle);                                                          \
		ss_mounts_release(&mt);                                                            \
	} while (0)
	FS("/dev/sda1 / ext4 defaults 0 1\n/dev/sda2 /x\n", SS_EPARSE,
	   "/etc/fstab line 2: 2 fields, expected 4 to 6");
	FS("a /b c d 0 0 extra\n", SS_EPARSE, "line 1: more than 6 fields");
	FS("a /b c d x 0\n", SS_EPARSE, "line 1 field 5 (dump): \"x\" is not a number");
	FS("a /b c d 0 -1\n", SS_EPARSE, "line 1 field 6 (pass)");
	FS("a /b\\000c c d\n", SS_EPARSE, "line 1 field 2 (mount point): an escape \"\\000\"");
	FS("a /b\\400 c d\n", SS_EPARSE, "line 1 field 2 (mount point)");
	FS("a /b c\0 d\n", SS_EPARSE, "/etc/fstab line 1: a NUL byte");
	big = malloc(SS_MOUNTS_LINE_MAX + 2);
	memset(big, ' ', SS_MOUNTS_LINE_MAX + 1);
	big[SS_MOUNTS_LINE_MAX + 1] = '\0';
	expect_err(ss_mounts_parse(&mt, SS_MOUNTS_FSTAB, "/etc/fstab", big, strlen(big)), SS_ELIMIT,
		   "/etc/fstab line 1: longer than 16384 bytes");
	ss_mounts_release(&mt);
	free(big);
	/* escapes that are not three octal digits stay as written */
	assert_ok(ss_mounts_parse(&mt, SS_MOUNTS_FSTAB, "f", L("a\\x /b\\04 c d\\134e\n")));
	assert_string_equal(mt.m[0].spec, "a\\x");
	assert_string_equal(mt.m[0].dir, "/b\\04");
	assert_string_equal(mt.m[0].opts, "d\\e");
	ss_mounts_release(&mt);
#undef FS
}

/* ---- audit rules ---- */

static const char rhel_base[] = "## First rule - delete all\n"
				"-D\n"
				"\n"
				"## Increase the buffers to survive stress events.\n"
				"## Make this bigger for busy systems\n"
				"-b 8192\n"
				"\n"
				"## This determine how long to wait in burst of events\n"
				"--backlog_wait_time 60000\n"
				"\n"
				"## Set failure mode to syslog\n"
				"-f 1\n";

static const char rhel_stig[] =
	"-w /etc/passwd -p wa -k identity\n"
	"-w /etc/group -p wa -k identity\n"
	"-a always,exit -F arch=b64 -F path=/etc/shadow -F perm=wa -F auid>=1000 -F "
	"auid!=unset -k identity\n"
	"-a exit,always -F arch=b32 -F path=/etc/shadow -F perm=wa -F auid>=1000 -F "
	"auid!=unset -k identity\n"
	"  -w /etc/sudoers.d/ -p wa -k actions\n"
	"-a always,exit -F arch=b64 -S execve -C uid!=euid -F euid=0 -k setuid\n"
	"-a always,exit -F arch=b64 -S adjtimex,settimeofday -k time-change\n"
	"-a always,exit -F dir=/var/log/audit/ -F perm=r -k audit-logs\n"
	"-e 2\n"
	"-w /etc/gshadow -p wa -k identity\n";

static const char early_rules[] = "-a never,exit -F path=/etc/hosts -F perm=wa\n";
static const char late_rules[] = "-w /etc/hosts -p wa -k hosts\n-w /etc/issue -p r\n";

static void audit_rhel(void **state)
{
	const char *const files[] = {"/etc/audit/rules.d/10-base-config.rules",
				     rhel_base,
				     "/etc/audit/rules.d/30-stig.rules",
				     rhel_stig,
				     "/etc/audit/rules.d/9-early.rules",
				     early_rules,
				     "/etc/audit/rules.d/20-late.rules",
				     late_rules,
				     "/etc/audit/rules.d/audit.rules.bak",
				     "-w /etc/motd -p wa\n",
				     "/etc/audit/audit.rules",
				     "-w /etc/ignored -p wa\n",
				     NULL};
	const char *const dirs[] = {
		"/etc/audit/rules.d",
		"10-base-config.rules 20-late.rules 30-stig.rules 9-early.rules "
		"audit.rules.bak sub.rules",
		"/etc/audit/rules.d/sub.rules", "", NULL};
	mem_tree m = {files, dirs};
	ss_tree t = mem(&m);
	ss_auditrules ar;
	const ss_audit_rule *r;
	unsigned arch;

	(void)state;
	assert_ok(ss_auditrules_load(&ar, &t));
	assert_true(ar.augen);
	/* ls -v order: 9 before 10, 20, 30 */
	assert_int_equal(ar.nfiles, 4);
	assert_string_equal(ar.files[0], "/etc/audit/rules.d/9-early.rules");
	assert_string_equal(ar.files[3], "/etc/audit/rules.d/30-stig.rules");
	assert_int_equal(ar.backlog, 8192);
	assert_int_equal(ar.failure, 1);
	/* -e 2 moves to the end: the rule after it is loaded too */
	assert_int_equal(ar.enabled, 2);
	assert_int_equal(ar.enabled_line, 9);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/gshadow", "wa", &r, &arch), 1);
	assert_true(r->loaded);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/passwd", "w", &r, &arch), 1);
	assert_true(r->watch);
	assert_string_equal(r->key, "identity");
	assert_int_equal(r->line, 1);
	assert_int_equal(arch, SS_AUDIT_ARCH_ALL);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/passwd", "r", NULL, NULL), 0);
	/* the syscall form, one rule per architecture */
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/shadow", "w", &r, &arch), 1);
	assert_false(r->watch);
	assert_int_equal(r->arch, SS_AUDIT_ARCH_64);
	assert_int_equal(arch, SS_AUDIT_ARCH_ALL);
	assert_string_equal(r->fields, "arch=b64 path=/etc/shadow perm=wa auid>=1000 auid!=unset");
	/* a directory watch covers what is below it */
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/sudoers.d/90-cloud", "wa", NULL, NULL),
			 1);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/sudoers.d", "w", NULL, NULL), 1);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/sudoers.dx", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/var/log/audit/audit.log", "r", NULL, NULL),
			 1);
	/* 9-early's never rule comes first and silences 20-late's watch */
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/hosts", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/issue", "r", NULL, NULL), 1);
	/* the .bak file and the directory are not read; audit.rules neither */
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/motd", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/ignored", "w", NULL, NULL), 0);
	ss_auditrules_release(&ar);
	assert_true(ss_audit_name_cmp("9-x.rules", "10-x.rules") < 0);
	assert_true(ss_audit_name_cmp("10-a.rules", "10-b.rules") < 0);
	assert_true(ss_audit_name_cmp("a.rules", "a.rules") == 0);
}

static void audit_debian(void **state)
{
	/* Debian 12's auditd: rules.d/audit.rules with no rule; augenrules
	 * regenerates audit.rules from it */
	const char *const files[] = {"/etc/audit/rules.d/audit.rules",
				     "## First rule - delete all\n-D\n\n## Increase the buffers to "
				     "survive stress events.\n## Make this bigger for busy "
				     "systems\n-b 8192\n\n## This determine how long to wait in "
				     "burst of events\n--backlog_wait_time 60000\n\n## Set failure "
				     "mode to syslog\n-f 1\n\n",
				     "/etc/audit/audit.rules", "-w /etc/shadow -p wa\n", NULL};
	const char *const dirs[] = {"/etc/audit/rules.d", "audit.rules", NULL};
	const char *const files2[] = {"/etc/audit/audit.rules",
				      "## This file is automatically generated from "
				      "/etc/audit/rules.d\n-D\n-b 8192\n-f 1\n"
				      "-w /etc/passwd -p wa -k identity\n"
				      "-w /etc/shadow -p wa -k identity\n-e 2\n"
				      "-w /etc/gshadow -p wa -k identity\n",
				      NULL};
	const char *const dirs2[] = {NULL};
	mem_tree m = {files, dirs}, m2 = {files2, dirs2};
	ss_tree t = mem(&m), t2 = mem(&m2);
	ss_auditrules ar;
	const ss_audit_rule *r;

	(void)state;
	assert_ok(ss_auditrules_load(&ar, &t));
	assert_int_equal(ar.n, 0);
	assert_int_equal(ar.enabled, -1);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/shadow", "w", NULL, NULL), 0);
	ss_auditrules_release(&ar);
	/* no rules.d: audit.rules as auditctl -R reads it; after -e 2 the
	 * kernel refuses the rest */
	assert_ok(ss_auditrules_load(&ar, &t2));
	assert_false(ar.augen);
	assert_int_equal(ar.n, 3);
	assert_int_equal(ar.enabled, 2);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/shadow", "wa", &r, NULL), 1);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/gshadow", "w", NULL, NULL), 0);
	ss_auditrules_release(&ar);
	/* -D in one file removes what came before; -A goes first; -W and -d
	 * remove again */
	ar = (ss_auditrules)SS_AUDITRULES_INIT;
	assert_ok(ss_auditrules_apply(&ar, "a.rules",
				      L("-w /etc/a -p wa\n-D\n-w /etc/b -p w -k k1\n"
					"-a always,exit -F path=/etc/c -F perm=w\n"
					"-A never,exit -F path=/etc/c\n"
					"-w /etc/d -p wa\n-W /etc/d -p wa\n"
					"-a always,exit -F path=/etc/e -S all\n"
					"-a always,exit -F path=/etc/f -S openat\n"
					"-a always,exit -F path=/etc/g -F perm=w\n"
					"-d always,exit -F path=/etc/g -F perm=w\n"
					"-w /etc/h -p w -k gone\n-D -k gone\n"),
				      false));
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/a", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/b", "w", NULL, NULL), 1);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/b", "wa", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/c", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/d", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/e", "wa", NULL, NULL), 1);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/f", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/g", "w", NULL, NULL), 0);
	assert_int_equal(ss_auditrules_watched(&ar, "/etc/h", "w", NULL, NULL), 0);
	ss_auditrules_release(&ar);
}

static void audit_hostile(void **state)
{
	ss_auditrules ar = SS_AUDITRULES_INIT;
	char *big;

	(void)state;
#define AU(text, want, needle)                                                                     \
	do {                                                                                       \
		expect_err(ss_auditrules_apply(&ar, "x.rules", text, sizeof(text) - 1, true),      \
			   want, needle);                                                          \
		ss_auditrules_release(&ar);                                                        \
	} while (0)
	AU("-w /etc/passwd -p wa\n-w /etc/group -p wq\n", SS_EPARSE,
	   "x.rules line 2 field 4: permissions \"wq\" are not letters of rwxa");
	AU("-w etc/passwd\n", SS_EPARSE, "x.rules line 1 field 2: -w \"etc/passwd\"");
	AU("-w /etc/passwd -k\n", SS_EPARSE, "line 1 field 3: -k needs a value");
	AU("-a always,exit -S open -x\n", SS_EPARSE, "line 1 field 5: unknown option \"-x\"");
	AU("-a sometimes,exit\n", SS_EPARSE, "line 1 field 2: \"sometimes,exit\" is not LIST");
	AU("-a always,exit -F arch=b63\n", SS_EPARSE, "field 4: \"b63\" is not an architecture");
	AU("-a always,exit -F path\n", SS_EPARSE, "field 4: \"path\" is not NAME=VALUE");
	AU("-S open -F path=/x\n", SS_EPARSE, "line 1: -S, -F, -C, -p or -k without -a or -w");
	AU("-w /x -S open\n", SS_EPARSE, "line 1: -w with -S");
	AU("-a always,exit -F path=/x -p w\n", SS_EPARSE, "line 1: -p without -w");
	AU("-e 3\n", SS_EPARSE, "line 1 field 2: -e \"3\" is not a number from 0 to 2");
	AU("-b lots\n", SS_EPARSE, "line 1 field 2: -b \"lots\"");
	AU("-w /x\0\n", SS_EPARSE, "line 1: a NUL byte");
	AU("-a always,exit -a never,exit\n", SS_EPARSE, "field 3: a second rule");
	big = malloc(SS_AUDIT_LINE_MAX + 2);
	memset(big, '#', SS_AUDIT_LINE_MAX + 1);
	big[SS_AUDIT_LINE_MAX + 1] = '\0';
	expect_err(ss_auditrules_apply(&ar, "x.rules", big, strlen(big), false), SS_ELIMIT,
		   "x.rules line 1: longer than 16384 bytes");
	ss_auditrules_release(&ar);
	free(big);
	{
		ss_buf b = SS_BUF_INIT(0);

		for (int i = 0; i < 300; i++)
			assert_ok(ss_buf_printf(&b, "-k k "));
		assert_ok(ss_buf_printf(&b, "\n"));
		expect_err(ss_auditrules_apply(&ar, "x.rules", b.ptr, b.len, false), SS_ELIMIT,
			   "x.rules line 1: more than 256 fields");
		ss_auditrules_release(&ar);
		ss_buf_release(&b);
	}
	{
		ss_buf b = SS_BUF_INIT(0);

		for (int i = 0; i < 1100; i++)
			assert_ok(ss_buf_printf(&b, "-W /x%d\n", i));
		expect_err(ss_auditrules_apply(&ar, "x.rules", b.ptr, b.len, false), SS_ELIMIT,
			   "x.rules line 1025: more than 1024 removals");
		ss_auditrules_release(&ar);
		ss_buf_release(&b);
	}
	/* a rules.d file without a final line end would be joined to the next */
	{
		const char *const files[] = {"/etc/audit/rules.d/a.rules", "-w /etc/a -p wa",
					     "/etc/audit/rules.d/b.rules", "-w /etc/b\n", NULL};
		const char *const dirs[] = {"/etc/audit/rules.d", "a.rules b.rules", NULL};
		mem_tree m = {files, dirs};
		ss_tree t = mem(&m);

		expect_err(ss_auditrules_load(&ar, &t), SS_EPARSE,
			   "/etc/audit/rules.d/a.rules: the last line has no line end");
		ss_auditrules_release(&ar);
	}
	/* neither rules.d nor audit.rules */
	{
		const char *const files[] = {NULL};
		const char *const dirs[] = {NULL};
		mem_tree m = {files, dirs};
		ss_tree t = mem(&m);

		assert_int_equal(ss_auditrules_load(&ar, &t), SS_ENOTFOUND);
		ss_auditrules_release(&ar);
	}
#undef AU
}

/* ---- sockets ---- */

static const char deb_tcp[] =
	"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	"timeout inode                                                     \n"
	"   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0     "
	"   0 18316 1 0000000000000000 100 0 0 10 0                     \n"
	"   1: 0100007F:0019 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0     "
	"   0 20437 1 0000000000000000 100 0 0 10 0                     \n"
	"   2: 0F02000A:0016 0202000A:C35A 01 00000000:00000000 02:0009F2C4 00000000     0     "
	"   0 21340 4 0000000000000000 20 4 31 10 20                    \n";

static const char deb_tcp6[] =
	"  sl  local_address                         remote_address                        st "
	"tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
	"   0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000     0        0 18327 1 0000000000000000 100 0 0 "
	"10 0\n"
	"   1: 00000000000000000000000001000000:0019 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000     0        0 20438 1 0000000000000000 100 0 0 "
	"10 0\n"
	"   2: 0000000000000000FFFF00000100007F:1F90 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000  1000        0 30111 1 0000000000000000 100 0 0 "
	"10 0\n"
	"   3: B80D0120000000000000000001000000:0050 00000000000000000000000000000000:0000 0A "
	"00000000:00000000 00:00000000 00000000    33        0 30112 1 0000000000000000 100 0 0 "
	"10 0\n";

static const char rhel_udp[] =
	"   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  "
	"timeout inode ref pointer drops            \n"
	"  283: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0     "
	"   0 17017 2 0000000000000000 0         \n"
	"  300: 0100007F:0143 00000000:0000 07 00000000:00000000 00:00000000 00000000   998     "
	"   0 19022 2 0000000000000000 0         \n"
	"  310: 0F02000A:A1B2 08080808:0035 01 00000000:00000000 00:00000000 00000000  1000     "
	"   0 40001 2 0000000000000000 0         \n";

static const char rhel_udp6[] =
	"  sl  local_address                         remote_address                        st "
	"tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
	"  300: 00000000000000000000000001000000:0143 00000000000000000000000000000000:0000 07 "
	"00000000:00000000 00:00000000 00000000   998        0 19023 2 0000000000000000 0\n";

static void sockets_tables(void **state)
{
	const char *const files[] = {"/proc/net/tcp",  deb_tcp,         "/proc/net/tcp6",
				     deb_tcp6,         "/proc/net/udp", rhel_udp,
				     "/proc/net/udp6", rhel_udp6,       NULL};
	const char *const dirs[] = {NULL};
	mem_tree m = {files, dirs};
	ss_tree t = mem(&m);
	ss_sockets s;
	const ss_socket *k;

	(void)state;
	assert_ok(ss_sockets_load(&s, &t));
	assert_int_equal(s.n, 3 + 4 + 3 + 1);
	assert_string_equal(s.s[0].local_text, "0.0.0.0");
	assert_int_equal(s.s[0].local_port, 22);
	assert_string_equal(s.s[1].local_text, "127.0.0.1");
	assert_int_equal(s.s[1].local_port, 25);
	assert_string_equal(s.s[2].local_text, "10.0.2.15");
	assert_string_equal(s.s[2].remote_text, "10.0.2.2");
	assert_int_equal(s.s[2].remote_port, 50010);
	assert_false(ss_socket_listening(&s.s[2]));
	assert_string_equal(s.s[3].local_text, "::");
	assert_string_equal(s.s[4].local_text, "::1");
	assert_string_equal(s.s[5].local_text, "::ffff:127.0.0.1");
	assert_int_equal(s.s[5].local_port, 8080);
	assert_int_equal(s.s[5].uid, 1000);
	assert_string_equal(s.s[6].local_text, "2001:db8::1");
	assert_int_equal(s.s[6].inode, 30112);
	/* ssh on every address */
	k = ss_sockets_find(&s, SS_SOCK_ANY_TCP, 22, true);
	assert_non_null(k);
	assert_int_equal(k->line, 2);
	/* SMTP only on loopback (v4 and v6), 8080 on a mapped loopback */
	assert_null(ss_sockets_find(&s, SS_SOCK_ANY_TCP, 25, true));
	assert_non_null(ss_sockets_find(&s, SS_SOCK_ANY_TCP, 25, false));
	assert_null(ss_sockets_find(&s, SS_SOCK_ANY_TCP, 8080, true));
	assert_non_null(ss_sockets_find(&s, SS_SOCK_ANY_TCP, 80, true));
	/* UDP: dhclient on 68 everywhere, chronyd on loopback, a connected one */
	assert_non_null(ss_sockets_find(&s, SS_SOCK_ANY_UDP, 68, true));
	assert_null(ss_sockets_find(&s, SS_SOCK_ANY_UDP, 323, true));
	assert_non_null(ss_sockets_find(&s, SS_SOCK_MASK(SS_SOCK_UDP6), 323, false));
	assert_null(ss_sockets_find(&s, SS_SOCK_ANY_UDP, 41394, false));
	assert_null(ss_sockets_find(&s, SS_SOCK_ANY_UDP, 22, false));
	ss_sockets_release(&s);
}

static void sockets_hostile(void **state)
{
	ss_sockets s = SS_SOCKETS_INIT;
	char *big;

	(void)state;
#define SK(proto, text, want, needle)                                                              \
	do {                                                                                       \
		expect_err(ss_sockets_parse(&s, proto, "/proc/net/tcp", text, sizeof(text) - 1),   \
			   want, needle);                                                          \
		ss_sockets_release(&s);                                                            \
	} while (0)
	SK(SS_SOCK_TCP, "sl x\n 0: 0100007G:0016 00000000:0000 0A 0:0 0:0 0 0 0 1\n", SS_EPARSE,
	   "/proc/net/tcp line 2 field 2: \"0100007G:0016\" is not an address");
	SK(SS_SOCK_TCP, " 0: 100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 1\n", SS_EPARSE,
	   "line 1 field 2");
	SK(SS_SOCK_TCP6, " 0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 1\n", SS_EPARSE,
	   "line 1 field 2: \"0100007F:0016\" is not an address ADDR:PORT of 32");
	SK(SS_SOCK_TCP, " 0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0\n", SS_EPARSE,
	   "line 1: 9 fields, expected at least 10");
	SK(SS_SOCK_TCP, " 0: 0100007F:0016 00000000:0000 A 0:0 0:0 0 0 0 1\n", SS_EPARSE,
	   "line 1 field 4 (st)");
	SK(SS_SOCK_TCP, " 0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 root 0 1\n", SS_EPARSE,
	   "line 1 field 8 (uid): \"root\"");
	SK(SS_SOCK_TCP, " 0: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 -1\n", SS_EPARSE,
	   "line 1 field 10 (inode)");
	SK(SS_SOCK_TCP, " x: 0100007F:0016 00000000:0000 0A 0:0 0:0 0 0 0 1\n", SS_EPARSE,
	   "line 1 field 1 (sl)");
	SK(SS_SOCK_TCP, " 0: 0100007F:0016\0 00000000:0000 0A 0:0 0:0 0 0 0 1\n", SS_EPARSE,
	   "line 1: a NUL byte");
	big = malloc(SS_SOCK_LINE_MAX + 2);
	memset(big, '0', SS_SOCK_LINE_MAX + 1);
	big[SS_SOCK_LINE_MAX + 1] = '\0';
	expect_err(ss_sockets_parse(&s, SS_SOCK_UDP, "/proc/net/udp", big, strlen(big)), SS_ELIMIT,
		   "/proc/net/udp line 1: longer than 4096 bytes");
	ss_sockets_release(&s);
	free(big);
	/* an empty table is no socket; none of the four files: not a live host */
	assert_ok(ss_sockets_parse(&s, SS_SOCK_TCP, "t", "", 0));
	assert_int_equal(s.n, 0);
	{
		const char *const files[] = {NULL};
		const char *const dirs[] = {NULL};
		mem_tree m = {files, dirs};
		ss_tree t = mem(&m);

		assert_int_equal(ss_sockets_load(&s, &t), SS_ENOTFOUND);
		ss_sockets_release(&s);
	}
#undef SK
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(accounts_debian),  cmocka_unit_test(accounts_rhel),
		cmocka_unit_test(accounts_hostile), cmocka_unit_test(mounts_debian),
		cmocka_unit_test(mounts_rhel),      cmocka_unit_test(mounts_hostile),
		cmocka_unit_test(mounts_unit),      cmocka_unit_test(audit_rhel),
		cmocka_unit_test(audit_debian),     cmocka_unit_test(audit_hostile),
		cmocka_unit_test(sockets_tables),   cmocka_unit_test(sockets_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
