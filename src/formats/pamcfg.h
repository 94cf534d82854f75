/* A PAM service's stack, /etc/pam.d/<service> (pam.conf(5), pam.d(5) of
 * Linux-PAM), with its includes followed, read through an ss_tree. */
#ifndef SS_FORMATS_PAMCFG_H
#define SS_FORMATS_PAMCFG_H

#include <stdbool.h>
#include <stddef.h>

#include "formats/tree.h"

/* Bytes of one file, of one logical line (continuations joined), nested
 * includes, files read in all, rules, arguments of a rule. */
#define SS_PAM_FILE_MAX ((size_t)1 << 20)
#define SS_PAM_LINE_MAX 16384
#define SS_PAM_DEPTH_MAX 16
#define SS_PAM_FILES_MAX 256
#define SS_PAM_RULES_MAX 10000
#define SS_PAM_ARGS_MAX 256

/* One rule of the stack as PAM runs it, includes expanded in place: type
 * ("auth", "account", "password", "session"; lower case), dash: written
 * "-type" (skipped when the module is missing), control as written
 * ("required", "[success=1 default=ignore]"), module as written, its
 * arguments (brackets removed), where it is, and depth: 0 in the service's
 * file, n in a file included n levels down; substack: reached through a
 * substack control. */
typedef struct {
	char type[16];
	bool dash, substack;
	char *control, *module;
	char **argv;
	size_t argc;
	const char *file;
	unsigned line;
	int depth;
} ss_pam_rule;

typedef struct {
	ss_pam_rule *r;
	size_t n, cap;
	char **files;
	size_t nfiles, capfiles;
} ss_pamcfg;

#define SS_PAMCFG_INIT                                                                             \
	{                                                                                          \
		0                                                                                  \
	}

/* Read /etc/pam.d/<service> of t and what it includes. Errors name the
 * file and line (an included file that is absent: SS_ENOTFOUND). Release
 * c in every case. */
int ss_pamcfg_load(ss_pamcfg *c, const ss_tree *t, const char *service);
void ss_pamcfg_release(ss_pamcfg *c);

/* The first rule of type whose module has the file name of module
 * ("pam_faillock.so" matches "/usr/lib64/security/pam_faillock.so") and
 * that has every argument of args (NULL-terminated; NULL for none): an
 * exact argument ("nullok", "deny=3"), or "name=" for any value of name.
 * NULL when there is none. */
const ss_pam_rule *ss_pamcfg_find(const ss_pamcfg *c, const char *type, const char *module,
				  const char *const *args);
/* The value of the last "name=value" argument of r, else NULL ("deny"). */
const char *ss_pam_rule_arg(const ss_pam_rule *r, const char *name);

#endif
