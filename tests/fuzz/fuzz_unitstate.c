/* Fuzz target: ss_unit_state_get (src/formats/unitstate.c) over a tree
 * where the input is the unit file /lib/systemd/system/x.service and the
 * template y@.service, and /etc/systemd/system has a multi-user.target.wants
 * holding y@a.service. A refusal is SS_EPARSE or SS_ELIMIT and names the
 * file; an accepted one is a state systemctl knows, with where set; the
 * wanted instance is enabled whatever the file says, unless empty (then
 * the template's file is empty: not masked, only an instance name). */
#include "formats/unitstate.h"
#include "fuzz_tree.h"

static const char *const files[] = {"/lib/systemd/system/x.service",
				    "/lib/systemd/system/y@.service", NULL};
static const char *const dirs[] = {"/etc/systemd/system", "multi-user.target.wants",
				   "/etc/systemd/system/multi-user.target.wants", "y@a.service",
				   NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_tree ft = {data, size, files, dirs};
	ss_tree t = fuzz_tree_make(&ft);
	const char *units[] = {"x.service", "y@a.service", "y@b.service"};

	for (int i = 0; i < 3; i++) {
		ss_unit_state st;
		char *where = NULL;
		int rc = ss_unit_state_get(&t, units[i], &st, &where);

		if (rc < 0) {
			if (rc != SS_EPARSE && rc != SS_ELIMIT)
				fuzz_tree_fail("fuzz_unitstate", "refused with another code",
					       ss_error_last());
			if (!strstr(ss_error_last(), "/lib/systemd/system/"))
				fuzz_tree_fail("fuzz_unitstate", "a message without the file",
					       ss_error_last());
			free(where);
			continue;
		}
		if (!strcmp(ss_unit_state_name(st), "unknown") || !where)
			fuzz_tree_fail("fuzz_unitstate", "an unknown state or no place", units[i]);
		if (i == 1 && st != SS_UNIT_ENABLED)
			fuzz_tree_fail("fuzz_unitstate", "a wanted instance not enabled",
				       ss_unit_state_name(st));
		free(where);
	}
	return 0;
}
