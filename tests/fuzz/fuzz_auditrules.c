/* Fuzz target: the audit rules parser (src/formats/auditrules.c): the
 * input applied as a rules.d file and as audit.rules, and loaded as two
 * rules.d files (9-a.rules, 10-b.rules) through a memory tree. A refusal
 * is SS_EPARSE or SS_ELIMIT and names the file; every rule has its
 * strings, a list and an action, permissions of rwxa, an architecture;
 * a path a rule watches is reported watched by a rule that covers it
 * unless a never rule comes first; the `ls -v` order is antisymmetric. */
#include "formats/auditrules.h"
#include "fuzz_tree.h"

static const char *const files[] = {"/etc/audit/rules.d/9-a.rules", "/etc/audit/rules.d/10-b.rules",
				    NULL};
static const char *const dirs[] = {"/etc/audit/rules.d", "10-b.rules 9-a.rules x.conf", NULL};

static void check(const ss_auditrules *ar)
{
	for (size_t i = 0; i < ar->n; i++) {
		const ss_audit_rule *r = &ar->r[i], *hit;
		unsigned arch;

		if (!r->syscalls || !r->fields || !r->key || !r->file || !r->line || !r->list[0] ||
		    !r->action[0] || !r->arch || r->arch > SS_AUDIT_ARCH_ALL)
			fuzz_tree_fail("fuzz_auditrules", "a rule without its fields", "");
		if (strspn(r->perms, "rwxa") != strlen(r->perms))
			fuzz_tree_fail("fuzz_auditrules", "bad permissions", r->perms);
		if (r->watch && (!r->path || r->path[0] != '/'))
			fuzz_tree_fail("fuzz_auditrules", "a watch without a path", "");
		if (!r->path)
			continue;
		if (ss_auditrules_watched(ar, r->path, "", &hit, &arch) == 1 &&
		    (!hit || !arch || !hit->path))
			fuzz_tree_fail("fuzz_auditrules", "watched without a rule", r->path);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_tree ft = {data, size, files, dirs};
	ss_tree t = fuzz_tree_make(&ft);

	for (int mode = 0; mode < 3; mode++) {
		ss_auditrules ar = SS_AUDITRULES_INIT;
		int rc = mode < 2 ? ss_auditrules_apply(&ar, "x.rules", (const char *)data, size,
							mode == 0)
				  : ss_auditrules_load(&ar, &t);

		if (rc < 0) {
			if (rc != SS_EPARSE && rc != SS_ELIMIT)
				fuzz_tree_fail("fuzz_auditrules", "refused with another code",
					       ss_error_last());
			if (!strstr(ss_error_last(), ".rules"))
				fuzz_tree_fail("fuzz_auditrules", "a message without the file",
					       ss_error_last());
		} else {
			check(&ar);
			if (mode == 2 && (ar.nfiles != 2 || !strstr(ar.files[0], "9-a.rules")))
				fuzz_tree_fail("fuzz_auditrules", "not in ls -v order", "");
		}
		ss_auditrules_release(&ar);
	}
	/* the order of two names: the input's first two lines */
	if (size < 512) {
		char a[512], *b, *nl;

		memcpy(a, data, size);
		a[size] = '\0';
		if ((b = strchr(a, '\n'))) {
			int x, y;

			*b++ = '\0';
			if ((nl = strchr(b, '\n')))
				*nl = '\0';
			x = ss_audit_name_cmp(a, b);
			y = ss_audit_name_cmp(b, a);
			if ((x < 0) != (y > 0) || (x == 0) != !strcmp(a, b) ||
			    ss_audit_name_cmp(a, a))
				fuzz_tree_fail("fuzz_auditrules", "ls -v order not antisymmetric",
					       a);
		}
	}
	return 0;
}
