/*
 * The milestones of a project as the state tables hold them, with what
 * the rule book says each still lacks. Read by the document model, lint,
 * agreements and evidence alike, so it depends on none of them.
 */
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

static json_t *with_status(json_t *ms)
{
	json_t *m;
	size_t i;

	json_array_foreach(ms, i, m) {
		json_t *missing = ss_rules_milestone_missing(
			json_object_get(m, "signatures"), ss_ji(m, "needs_management") != 0,
			strcmp(ss_js(m, "parties"), "user") == 0);

		json_object_set_new(m, "needs_management",
				    json_boolean(ss_ji(m, "needs_management") != 0));
		json_object_set_new(m, "complete", json_boolean(json_array_size(missing) == 0));
		json_object_set_new(m, "missing", missing);
		/* a milestone of both parties reads as milestones always did; a
		 * user-only one (rules 3) says so */
		if (strcmp(ss_js(m, "parties"), "user") != 0)
			json_object_del(m, "parties");
	}
	return ms;
}

int ss__milestones(json_t **out, ss_store *st, int64_t pid)
{
	int error = ss_state_milestones(out, st, pid);

	if (error == 0)
		with_status(*out);
	return error;
}
