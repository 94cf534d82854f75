/* What the write path reads to give the rule book its state
 * (src/store/rules_store.c). */
#ifndef SS_STORE_RULES_STORE_H
#define SS_STORE_RULES_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/state.h"

/* The events that the rule book folds in a writer (every type but those
 * that only touch requirements: src/rules/rules.c ss_rules_type_is_item),
 * in order, through an index of their own. */
int ss_lstore_rule_events(ss_store *st, int64_t pid, int (*fn)(void *ctx, const ss_event_row *row),
			  void *ctx);
/* A requirement of the project's specification under catalog version: 1
 * and its decision (seq, policy, decider, approval; "" / 0 when none), 0
 * when the item is not in the specification; hash: the catalog item's
 * content hash. */
int ss_rules_store_item(ss_store *st, int64_t pid, const char *version, const char *id,
			int64_t *decision_seq, char *policy, size_t np, char *decider, size_t nd,
			char *approval, size_t na, char *hash, size_t nh);
/* Requirements of the specification whose decision accepts a risk or
 * relies on another measure. */
int ss_rules_store_risky(int64_t *out, ss_store *st, int64_t pid, const char *version);
/* Every requirement item of the project as ss_rules_store_item gives one,
 * to fn in no particular order; fn's error stops the walk. */
int ss_rules_store_items(ss_store *st, int64_t pid, const char *version,
			 int (*fn)(void *ctx, const char *id, int64_t decision_seq,
				   const char *policy, const char *decider, const char *approval,
				   const char *hash),
			 void *ctx);

/* An asset by id (its event and level), a system by name (its event): 1
 * when recorded, 0 when not. */
int ss_rules_store_asset(ss_store *st, int64_t pid, const char *id, int64_t *seq, int64_t *level);
int ss_rules_store_system(ss_store *st, int64_t pid, const char *name, int64_t *seq);
/* The highest level of a project's assets, 0 when it has none. */
int ss_rules_store_level(int64_t *out, ss_store *st, int64_t pid);
/* Rules 5: the newest SBOM's number (0: none); whether ref is a component of
 * SBOM sbom (1, or 0). */
int ss_rules_store_sbom(int64_t *out, ss_store *st, int64_t pid);
int ss_rules_store_component(ss_store *st, int64_t pid, int64_t sbom, const char *ref);
/* The time of event seq ("" for 0). */
int ss_rules_store_time(char *out, size_t n, ss_store *st, int64_t pid, int64_t seq);

#endif
