/* Fuzz target: ss_sshdcfg_load (src/formats/sshdcfg.c) over a tree where
 * the input is /etc/ssh/sshd_config and also every file of
 * /etc/ssh/sshd_config.d and /etc/ssh/m.d, so that an Include of them
 * recurses to the depth and file limits. A refusal is SS_EPARSE, SS_ELIMIT
 * or the tree's SS_ENOTFOUND (an absent main file is impossible here, so
 * never); an accepted file has settings whose Match indexes and parents
 * are in range, an effective value that is one of its own lines, and
 * overrides that are each in a Match block. */
#include "formats/sshdcfg.h"
#include "fuzz_tree.h"

static const char *const files[] = {"/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/a.conf",
				    "/etc/ssh/sshd_config.d/b.conf", "/etc/ssh/m.d/x.conf", NULL};
static const char *const dirs[] = {"/",
				   "etc",
				   "/etc",
				   "ssh",
				   "/etc/ssh",
				   "m.d sshd_config sshd_config.d",
				   "/etc/ssh/sshd_config.d",
				   "a.conf b.conf .hidden",
				   "/etc/ssh/m.d",
				   "x.conf",
				   NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_tree ft = {data, size, files, dirs};
	ss_tree t = fuzz_tree_make(&ft);
	ss_sshdcfg c;
	int rc = ss_sshdcfg_load(&c, &t, NULL);

	if (rc < 0) {
		if (rc != SS_EPARSE && rc != SS_ELIMIT)
			fuzz_tree_fail("fuzz_sshdcfg", "refused with another code",
				       ss_error_last());
		if (!strstr(ss_error_last(), "/etc/ssh/"))
			fuzz_tree_fail("fuzz_sshdcfg", "a message without the file",
				       ss_error_last());
		goto out;
	}
	for (size_t i = 0; i < c.nmatch; i++)
		if (c.match[i].parent >= (int)i || c.match[i].parent < -1)
			fuzz_tree_fail("fuzz_sshdcfg", "a Match parent out of range",
				       c.match[i].criteria);
	for (size_t i = 0; i < c.nset; i++) {
		const ss_sshd_setting *s = &c.set[i], *e, *o[8];
		size_t n;

		if (s->match < -1 || s->match >= (int)c.nmatch || !s->argc || !s->file)
			fuzz_tree_fail("fuzz_sshdcfg", "a setting out of range", s->keyword);
		e = ss_sshdcfg_effective(&c, s->keyword);
		if (s->match < 0 && !e)
			fuzz_tree_fail("fuzz_sshdcfg", "a global line without an effective value",
				       s->keyword);
		if (e && strcmp(e->keyword, s->keyword))
			fuzz_tree_fail("fuzz_sshdcfg", "the effective line of another keyword",
				       s->keyword);
		n = ss_sshdcfg_overrides(&c, s->keyword, o, 8);
		for (size_t j = 0; j < n && j < 8; j++)
			if (o[j]->match < 0 || (e && !strcmp(o[j]->value, e->value)))
				fuzz_tree_fail("fuzz_sshdcfg", "an override that is none",
					       o[j]->value);
		(void)ss_sshdcfg_effective_all(&c, s->keyword, o, 8);
	}
out:
	ss_sshdcfg_release(&c);
	return 0;
}
