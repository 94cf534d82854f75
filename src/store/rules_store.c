/* The reads behind the rule book's writer mode (rules_store.h). */
#include <stdio.h>
#include <string.h>

#include "store/rules_store.h"
#include "util/banned.h"

int ss_lstore_rule_events(ss_store *st, int64_t pid, int (*fn)(void *ctx, const ss_event_row *row),
			  void *ctx)
{
	ss_query q;
	int error;

	/* the IN list is the one of the partial index event_rules (schema.c) */
	if ((error = ss_q_open(
		     &q, st,
		     "SELECT seq, time, actor, side, role, type, body, hash, sig FROM event "
		     "WHERE project_id = ?1 AND type NOT IN ('asset.set', 'system.set', "
		     "'spec.draft', 'decision.set', 'advice.add', 'approval.set', "
		     "'threat.score', 'sbom.add') ORDER BY seq",
		     "i", pid)) < 0)
		return error;
	return ss__event_rows(&q, fn, ctx);
}

int ss_rules_store_item(ss_store *st, int64_t pid, const char *version, const char *id,
			int64_t *decision_seq, char *policy, size_t np, char *decider, size_t nd,
			char *approval, size_t na, char *hash, size_t nh)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st,
			       "SELECT r.decision_seq, r.policy, r.decided_by, r.approval, "
			       "i.content_hash FROM "
			       "requirement r JOIN catalog_item i ON i.version = ?2 AND i.id = "
			       "r.item_id WHERE r.project_id = ?1 AND r.item_id = ?3",
			       "itt", pid, version, id)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		*decision_seq = ss_q_is_null(&q, 0) ? 0 : ss_q_int(&q, 0);
		snprintf(policy, np, "%s", ss_q_is_null(&q, 1) ? "" : ss_q_text(&q, 1));
		snprintf(decider, nd, "%s", ss_q_is_null(&q, 2) ? "" : ss_q_text(&q, 2));
		snprintf(approval, na, "%s", ss_q_is_null(&q, 3) ? "none" : ss_q_text(&q, 3));
		snprintf(hash, nh, "%s", ss_q_is_null(&q, 4) ? "" : ss_q_text(&q, 4));
	}
	ss_q_close(&q);
	return error;
}

int ss_rules_store_risky(int64_t *out, ss_store *st, int64_t pid, const char *version)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(&q, st,
			       "SELECT count(*) FROM requirement r JOIN catalog_item i ON "
			       "i.version = ?2 AND i.id = r.item_id WHERE r.project_id = ?1 AND "
			       "r.status = 'decided' AND r.policy IN ('accept', 'alternative')",
			       "it", pid, version)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_rules_store_asset(ss_store *st, int64_t pid, const char *id, int64_t *seq, int64_t *level)
{
	ss_query q;
	int error;

	*seq = *level = 0;
	if ((error = ss_q_open(
		     &q, st, "SELECT seq, level FROM asset WHERE project_id = ?1 AND asset_id = ?2",
		     "it", pid, id)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0) {
		*seq = ss_q_int(&q, 0);
		*level = ss_q_int(&q, 1);
	}
	ss_q_close(&q);
	return error;
}

int ss_rules_store_system(ss_store *st, int64_t pid, const char *name, int64_t *seq)
{
	ss_query q;
	int error;

	*seq = 0;
	if ((error = ss_q_open(&q, st, "SELECT seq FROM system WHERE project_id = ?1 AND name = ?2",
			       "it", pid, name)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*seq = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error;
}

int ss_rules_store_sbom(int64_t *out, ss_store *st, int64_t pid)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(&q, st,
			       "SELECT coalesce(max(number), 0) FROM sbom WHERE project_id = ?1",
			       "i", pid)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_rules_store_component(ss_store *st, int64_t pid, int64_t sbom, const char *ref)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(&q, st,
			       "SELECT 1 FROM sbom_component WHERE project_id = ?1 AND sbom = ?2 "
			       "AND ref = ?3",
			       "iit", pid, sbom, ref)) < 0)
		return error;
	error = ss_q_next(&q);
	ss_q_close(&q);
	return error;
}

int ss_rules_store_level(int64_t *out, ss_store *st, int64_t pid)
{
	ss_query q;
	int error;

	*out = 0;
	if ((error = ss_q_open(&q, st,
			       "SELECT coalesce(max(level), 0) FROM asset WHERE project_id = ?1",
			       "i", pid)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		*out = ss_q_int(&q, 0);
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_rules_store_time(char *out, size_t n, ss_store *st, int64_t pid, int64_t seq)
{
	ss_query q;
	int error;

	*out = '\0';
	if ((error = ss_q_open(&q, st, "SELECT time FROM event WHERE project_id = ?1 AND seq = ?2",
			       "ii", pid, seq)) < 0)
		return error;
	if ((error = ss_q_next(&q)) > 0)
		snprintf(out, n, "%s", ss_q_text(&q, 0));
	ss_q_close(&q);
	return error < 0 ? error : 0;
}

int ss_rules_store_items(ss_store *st, int64_t pid, const char *version,
			 int (*fn)(void *ctx, const char *id, int64_t decision_seq,
				   const char *policy, const char *decider, const char *approval,
				   const char *hash),
			 void *ctx)
{
	ss_query q;
	int error;

	if ((error = ss_q_open(
		     &q, st,
		     "SELECT r.item_id, r.decision_seq, r.policy, r.decided_by, r.approval, "
		     "i.content_hash FROM requirement r JOIN catalog_item i ON i.version = "
		     "?2 AND i.id = r.item_id WHERE r.project_id = ?1",
		     "it", pid, version)) < 0)
		return error;
	while ((error = ss_q_next(&q)) > 0) {
		if ((error = fn(ctx, ss_q_text(&q, 0), ss_q_is_null(&q, 1) ? 0 : ss_q_int(&q, 1),
				ss_q_is_null(&q, 2) ? "" : ss_q_text(&q, 2),
				ss_q_is_null(&q, 3) ? "" : ss_q_text(&q, 3),
				ss_q_is_null(&q, 4) ? "none" : ss_q_text(&q, 4),
				ss_q_is_null(&q, 5) ? "" : ss_q_text(&q, 5))) < 0)
			break;
	}
	ss_q_close(&q);
	return error < 0 ? error : 0;
}
