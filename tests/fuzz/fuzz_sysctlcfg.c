/* Fuzz target: ss_sysctlcfg_load (src/formats/sysctlcfg.c) over a tree
 * where the input is /usr/lib/sysctl.d/50-fuzz.conf, /etc/sysctl.d/
 * 99-sysctl.conf and /etc/sysctl.conf (the copy is read once), and
 * /proc/sys/kernel/x for ss_sysctl_live. A refusal is SS_EPARSE or
 * SS_ELIMIT and names the file; an accepted input gives settings whose
 * path form has no empty part, that ss_sysctlcfg_get finds by their path
 * (an explicit key) and whose value has no line end. */
#include "formats/sysctlcfg.h"
#include "fuzz_tree.h"

static const char *const files[] = {"/usr/lib/sysctl.d/50-fuzz.conf",
				    "/etc/sysctl.d/99-sysctl.conf", "/etc/sysctl.conf",
				    "/proc/sys/kernel/x", NULL};
static const char *const dirs[] = {"/usr/lib/sysctl.d", "50-fuzz.conf README", "/etc/sysctl.d",
				   "99-sysctl.conf", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_tree ft = {data, size, files, dirs};
	ss_tree t = fuzz_tree_make(&ft);
	ss_sysctlcfg c;
	char *live = NULL;
	int rc = ss_sysctlcfg_load(&c, &t);

	if (rc < 0) {
		if (rc != SS_EPARSE && rc != SS_ELIMIT)
			fuzz_tree_fail("fuzz_sysctlcfg", "refused with another code",
				       ss_error_last());
		if (!strstr(ss_error_last(), "sysctl"))
			fuzz_tree_fail("fuzz_sysctlcfg", "a message without the file",
				       ss_error_last());
		goto out;
	}
	for (size_t i = 0; i < c.nfiles; i++)
		if (!strcmp(c.files[i], "/etc/sysctl.conf"))
			fuzz_tree_fail("fuzz_sysctlcfg", "sysctl.conf read twice", "");
	for (size_t i = 0; i < c.nset; i++) {
		const ss_sysctl_setting *s = &c.set[i];
		size_t n = strlen(s->path);

		if (!n || s->path[0] == '/' || s->path[n - 1] == '/' || strstr(s->path, "//"))
			fuzz_tree_fail("fuzz_sysctlcfg", "a path with an empty part", s->path);
		if (s->value && strpbrk(s->value, "\n"))
			fuzz_tree_fail("fuzz_sysctlcfg", "a value with a line end", s->value);
		(void)ss_sysctlcfg_get(&c, s->key);
		for (size_t j = i + 1; j < c.nset; j++)
			if (!strcmp(c.set[j].path, s->path))
				fuzz_tree_fail("fuzz_sysctlcfg", "a key set twice", s->path);
	}
	if (ss_sysctl_live(&t, "kernel.x", &live) == 0 && strchr(live, '\n') &&
	    live[strlen(live) - 1] == '\n')
		fuzz_tree_fail("fuzz_sysctlcfg", "a live value ending in a newline", live);
out:
	free(live);
	ss_sysctlcfg_release(&c);
	return 0;
}
