/* Fuzz target: ss_mounts_parse (src/formats/mounts.c), the input read as
 * an fstab and as /proc/self/mounts. A refusal is SS_EPARSE or SS_ELIMIT
 * and names the file; every entry has its four fields, a mount point
 * without a trailing "/" and with no NUL decoded into it, and is the one
 * ss_mounts_find gives for its mount point or shares it with that one
 * (the first in an fstab, the last in the table); "noX" and "X" are never
 * both in effect. The input is also applied twice as a mount unit
 * (ss_mount_unit_apply): every field set, the mount point without a
 * trailing "/". */
#include "formats/mounts.h"
#include "fuzz_tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int kind = 0; kind < 2; kind++) {
		const char *file = kind ? "/proc/self/mounts" : "/etc/fstab";
		ss_mounts m = SS_MOUNTS_INIT;
		int rc = ss_mounts_parse(&m, kind ? SS_MOUNTS_PROC : SS_MOUNTS_FSTAB, file,
					 (const char *)data, size);

		if (rc < 0) {
			if (rc != SS_EPARSE && rc != SS_ELIMIT)
				fuzz_tree_fail("fuzz_mounts", "refused with another code",
					       ss_error_last());
			if (strncmp(ss_error_last(), file, strlen(file)))
				fuzz_tree_fail("fuzz_mounts", "a message without the file",
					       ss_error_last());
			ss_mounts_release(&m);
			continue;
		}
		for (size_t i = 0; i < m.n; i++) {
			const ss_mount *e = &m.m[i], *f;
			size_t n = strlen(e->dir);
			static const char *const flags[] = {"dev", "suid", "exec"};
			char miss[64];

			if (!*e->spec || !n || !*e->type || !*e->opts || !e->line)
				fuzz_tree_fail("fuzz_mounts", "an empty field", e->dir);
			if (n > 1 && e->dir[n - 1] == '/')
				fuzz_tree_fail("fuzz_mounts", "a trailing slash", e->dir);
			for (int k = 0; k < 3; k++) {
				char no[8];

				snprintf(no, sizeof(no), "no%s", flags[k]);
				if (ss_mount_option(e, no) == ss_mount_option(e, flags[k]))
					fuzz_tree_fail("fuzz_mounts", "noX and X alike", e->opts);
			}
			if (ss_mount_option(e, "ro") == ss_mount_option(e, "rw"))
				fuzz_tree_fail("fuzz_mounts", "ro and rw alike", e->opts);
			if (ss_mount_missing(e, "nodev,nosuid,noexec", miss, sizeof(miss)) > 3)
				fuzz_tree_fail("fuzz_mounts", "more missing than asked", miss);
			if (!strcmp(e->type, "swap"))
				continue;
			f = ss_mounts_find(&m, e->dir);
			if (!f || strcmp(f->dir, e->dir) || (kind == 0 && f > e) ||
			    (kind == 1 && f < e))
				fuzz_tree_fail("fuzz_mounts", "not found by its mount point",
					       e->dir);
		}
		ss_mounts_release(&m);
	}
	{
		ss_mount e = {0};

		for (int i = 0; i < 2; i++) {
			int rc = ss_mount_unit_apply(&e, "tmp.mount", (const char *)data, size);
			size_t n;

			if (rc < 0) {
				if ((rc != SS_EPARSE && rc != SS_ELIMIT) ||
				    strncmp(ss_error_last(), "tmp.mount", 9))
					fuzz_tree_fail("fuzz_mounts", "a unit refused badly",
						       ss_error_last());
				break;
			}
			if (!e.spec || !e.dir || !e.type || !e.opts)
				fuzz_tree_fail("fuzz_mounts", "a unit field unset", "");
			n = strlen(e.dir);
			if (n > 1 && e.dir[n - 1] == '/')
				fuzz_tree_fail("fuzz_mounts", "a unit's trailing slash", e.dir);
			(void)ss_mount_missing(&e, "nodev,nosuid,noexec", NULL, 0);
		}
		ss_mount_clear(&e);
	}
	return 0;
}
