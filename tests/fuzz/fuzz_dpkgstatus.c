/* Fuzz target: ss_dpkgstatus_parse (src/formats/dpkgstatus.c). A refusal
 * is SS_EPARSE or SS_ELIMIT and names the file; every accepted package has
 * a name and all its fields, and ss_dpkgstatus_find finds a stanza of that
 * name and architecture (the installed one when there is one). */
#include "formats/dpkgstatus.h"
#include "fuzz_tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ss_dpkgstatus st = SS_DPKGSTATUS_INIT;
	int rc = ss_dpkgstatus_parse(&st, "status", (const char *)data, size);

	if (rc < 0) {
		if (rc != SS_EPARSE && rc != SS_ELIMIT)
			fuzz_tree_fail("fuzz_dpkgstatus", "refused with another code",
				       ss_error_last());
		if (strncmp(ss_error_last(), "status", 6))
			fuzz_tree_fail("fuzz_dpkgstatus", "a message without the file",
				       ss_error_last());
		goto out;
	}
	for (size_t i = 0; i < st.n; i++) {
		const ss_dpkg_pkg *p = &st.p[i], *f;
		char name[1024];

		if (!p->package || !p->arch || !p->version || !p->want || !p->flag || !p->status ||
		    !p->multiarch || !p->line)
			fuzz_tree_fail("fuzz_dpkgstatus", "a package without its fields", "");
		if (strchr(p->package, ':') ||
		    strlen(p->package) + strlen(p->arch) + 2 > sizeof(name))
			continue;
		snprintf(name, sizeof(name), "%s:%s", p->package, p->arch);
		f = ss_dpkgstatus_find(&st, name);
		if (!f || strcmp(f->package, p->package) || strcmp(f->arch, p->arch))
			fuzz_tree_fail("fuzz_dpkgstatus", "a package not found by its name", name);
		if (ss_dpkg_installed(p) && !ss_dpkg_installed(f))
			fuzz_tree_fail("fuzz_dpkgstatus", "the installed stanza not preferred",
				       name);
	}
out:
	ss_dpkgstatus_release(&st);
	return 0;
}
