/* Fuzz target: the account parsers (src/formats/accounts.c). The input is
 * read as /etc/passwd, /etc/shadow, /etc/group, /etc/login.defs and
 * /etc/shells in turn into one ss_accounts (a refused file is dropped and
 * the next starts afresh). A refusal is SS_EPARSE or SS_ELIMIT and names
 * the file; every account is found by its name (the first of that name),
 * every login.defs name gives its last line, and every issue names an
 * account, a file and a line, a duplicate after its first. */
#include "formats/accounts.h"
#include "fuzz_tree.h"

typedef int (*parse_fn)(ss_accounts *, const char *, const char *, size_t);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		const char *file;
		parse_fn parse;
	} files[] = {{"/etc/passwd", ss_accounts_parse_passwd},
		     {"/etc/shadow", ss_accounts_parse_shadow},
		     {"/etc/group", ss_accounts_parse_group},
		     {"/etc/login.defs", ss_accounts_parse_logindefs},
		     {"/etc/shells", ss_accounts_parse_shells}};
	ss_accounts a = SS_ACCOUNTS_INIT;
	ss_acct_issue *is = NULL;
	size_t n = 0;

	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		int rc = files[f].parse(&a, files[f].file, (const char *)data, size);

		if (rc == 0)
			continue;
		if (rc != SS_EPARSE && rc != SS_ELIMIT)
			fuzz_tree_fail("fuzz_accounts", "refused with another code",
				       ss_error_last());
		if (strncmp(ss_error_last(), files[f].file, strlen(files[f].file)))
			fuzz_tree_fail("fuzz_accounts", "a message without the file",
				       ss_error_last());
		ss_accounts_release(&a);
	}
	for (size_t i = 0; i < a.npw; i++) {
		const ss_passwd_ent *p = &a.pw[i], *q = ss_accounts_user(&a, p->name);
		ss_pw_state st = ss_accounts_password(&a, p, NULL, NULL);

		if (!q || q > p || strcmp(q->name, p->name))
			fuzz_tree_fail("fuzz_accounts", "an account not found by its name",
				       p->name);
		if (!*p->name || strchr(p->name, ':') || !p->line)
			fuzz_tree_fail("fuzz_accounts", "a bad name or line", p->name);
		if (st > SS_PW_UNKNOWN ||
		    (unsigned)ss_accounts_shell_kind(&a, p) > (unsigned)SS_SHELL_UNLISTED)
			fuzz_tree_fail("fuzz_accounts", "a state out of range", p->name);
	}
	for (size_t i = 0; i < a.nsp; i++)
		if (!ss_accounts_shadow(&a, a.sp[i].name) || a.sp[i].max < -1 || a.sp[i].min < -1)
			fuzz_tree_fail("fuzz_accounts", "a shadow line lost", a.sp[i].name);
	for (size_t i = 0; i < a.ngr; i++)
		for (size_t m = 0; m < a.gr[i].nmembers; m++)
			if (!*a.gr[i].members[m] || strchr(a.gr[i].members[m], ','))
				fuzz_tree_fail("fuzz_accounts", "a bad member", a.gr[i].members[m]);
	for (size_t i = 0; i < a.ndefs; i++) {
		const ss_logindef *d = ss_accounts_def(&a, a.defs[i].name);
		long v;
		int rc;

		if (!d || d < &a.defs[i])
			fuzz_tree_fail("fuzz_accounts", "not the last login.defs line",
				       a.defs[i].name);
		rc = ss_accounts_def_num(&a, a.defs[i].name, &v);
		if (rc != 0 && rc != SS_EPARSE)
			fuzz_tree_fail("fuzz_accounts", "a number refused with another code",
				       ss_error_last());
	}
	if (ss_accounts_issues(&a, &is, &n) < 0)
		fuzz_tree_fail("fuzz_accounts", "issues failed", ss_error_last());
	for (size_t i = 0; i < n; i++) {
		if (!is[i].name || !is[i].file || !is[i].line ||
		    !strcmp(ss_acct_issue_name(is[i].kind), "?"))
			fuzz_tree_fail("fuzz_accounts", "an issue without its place", "");
		if (is[i].kind >= SS_ACCT_DUP_USER && is[i].first_line >= is[i].line)
			fuzz_tree_fail("fuzz_accounts", "a duplicate before its first", is[i].name);
		if (i && is[i].kind == is[i - 1].kind && is[i].kind != SS_ACCT_EMPTY_PASSWORD &&
		    is[i].line <= is[i - 1].line)
			fuzz_tree_fail("fuzz_accounts", "issues out of order", is[i].name);
	}
	free(is);
	ss_accounts_release(&a);
	return 0;
}
