/* Fuzz target: ss_pamcfg_load (src/formats/pamcfg.c) over a tree where
 * the input is /etc/pam.d/svc and also common-auth and system-auth, so
 * that include, substack and @include recurse to the limits. A refusal is
 * SS_EPARSE, SS_ELIMIT or SS_ENOTFOUND (an include of another file) and
 * names a file; every accepted rule has a known type, a control, a module
 * and a place, and ss_pamcfg_find finds it by its type and module. */
#include "formats/pamcfg.h"
#include "fuzz_tree.h"

static const char *const files[] = {"/etc/pam.d/svc", "/etc/pam.d/common-auth",
				    "/etc/pam.d/system-auth", NULL};
static const char *const dirs[] = {"/etc/pam.d", "common-auth svc system-auth", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_tree ft = {data, size, files, dirs};
	ss_tree t = fuzz_tree_make(&ft);
	ss_pamcfg c;
	int rc = ss_pamcfg_load(&c, &t, "svc");

	if (rc < 0) {
		if (rc != SS_EPARSE && rc != SS_ELIMIT && rc != SS_ENOTFOUND && rc != SS_EINVAL)
			fuzz_tree_fail("fuzz_pamcfg", "refused with another code", ss_error_last());
		if (!strstr(ss_error_last(), "/etc/pam.d/"))
			fuzz_tree_fail("fuzz_pamcfg", "a message without the file",
				       ss_error_last());
		goto out;
	}
	for (size_t i = 0; i < c.n; i++) {
		const ss_pam_rule *r = &c.r[i];

		if (!r->control || !r->module || !r->file || !r->line || r->depth < 0 ||
		    r->depth > SS_PAM_DEPTH_MAX)
			fuzz_tree_fail("fuzz_pamcfg", "a rule without its parts", r->type);
		if (strcmp(r->type, "auth") && strcmp(r->type, "account") &&
		    strcmp(r->type, "password") && strcmp(r->type, "session"))
			fuzz_tree_fail("fuzz_pamcfg", "an unknown type", r->type);
		if (!ss_pamcfg_find(&c, r->type, r->module, (const char *const *)r->argv))
			fuzz_tree_fail("fuzz_pamcfg", "a rule not found by itself", r->module);
		if (r->argc)
			(void)ss_pam_rule_arg(r, r->argv[0]);
	}
out:
	ss_pamcfg_release(&c);
	return 0;
}
