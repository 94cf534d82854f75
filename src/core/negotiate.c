/*
 * The negotiation's records (rules 3): proposals outside the catalog and
 * their answers, cost allocations, vendor candidates, NDAs and the
 * selection, laws, contracts, retention, diagnoses, the requirement
 * standard. They have no state table: the rule book holds them, and a read
 * folds the project's log through it (the writer folds the same events
 * before every append), so the document shows exactly what the rules
 * judged.
 */
#include <string.h>

#include "core/core.h"
#include "store/rules_store.h"
#include "util/banned.h"

static int fold(void *ctx, const ss_event_row *row)
{
	return ss__rules_fold_row(ctx, row);
}

int ss__negotiation(json_t **out, ss_store *st, int64_t pid, const char *project)
{
	ss_rules *r = ss_rules_new(project, NULL, NULL);
	json_t *rep;
	int error;

	if (!r)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_lstore_rule_events(st, pid, fold, r)) < 0)
		goto out;
	if (!(rep = ss_rules_negotiation(r))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	*out = rep;
out:
	ss_rules_free(r);
	return error;
}
