/*
 * The specification's requirements: drafting every catalog item into a
 * project, and the decisions, advice and approvals on each. Bulk calls
 * resolve a filter to items and record one event per item, in one
 * transaction: all of them or none.
 */
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

static const ss_filter no_filter;

static bool filter_empty(const ss_filter *f)
{
	return !f || (!f->section && !f->platform && !f->category && !f->technique);
}

int ss_spec_draft(json_t **out, ss_store *st, const char *project, const char *by)
{
	json_t *items = NULL, *list = NULL, *it;
	ss_write w = {0};
	int64_t before = 0;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_spec_draft: NULL argument");
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_DRAFT)) < 0)
		return error;
	if ((error = ss_state_requirement_count(&before, st, w.pid)) < 0)
		goto out;
	if (before > 0) {
		error = ss_error_set(SS_ECONFLICT,
				     "project %s already has its draft (%lld requirements)",
				     project, (long long)before);
		goto out;
	}
	if ((error = ss_cstore_items(&items, st, ss_js(w.project, "catalog_version"), NULL, NULL,
				     NULL, NULL, 0)) < 0)
		goto out;
	list = json_array();
	json_array_foreach(items, i, it) {
		json_array_append_new(
			list, json_pack("[s, s]", ss_js(it, "id"), ss_js(it, "content_hash")));
	}
	if ((error = ss_write__event(&w, "spec.draft",
				     json_pack("{s:s, s:o}", "catalog_version",
					       ss_js(w.project, "catalog_version"), "items",
					       list))) < 0) {
		list = NULL;
		goto out;
	}
	list = NULL;
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:I}", "project", project, "catalog_version",
			 ss_js(w.project, "catalog_version"), "requirements",
			 (json_int_t)json_array_size(items));
out:
	ss_write__release(&w);
	json_decref(items);
	json_decref(list);
	return error;
}

int ss_requirement_list(json_t **out, ss_store *st, const char *project, const ss_filter *f,
			const char *status)
{
	json_t *key = NULL, *project_row = NULL, *meta = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_requirement_list: NULL argument");
	if (!f)
		f = &no_filter;
	if (f->technique)
		return ss_error_set(SS_EINVAL, "requirements are filtered by section, platform, "
					       "category and status");
	if ((error = ss__project_read(&key, &project_row, st, project)) < 0)
		return error;
	if ((error = ss__catalog_meta(&meta, st, ss_js(project_row, "catalog_version"))) < 0 ||
	    (error = ss__filter_check(meta, f)) < 0)
		goto out;
	error = ss_state_requirements(out, st, ss_ji(key, "id"),
				      ss_js(project_row, "catalog_version"), f->section,
				      f->platform, f->category, status);
	if (error == 0)
		ss__bool_field(*out, "is_default", "default");
out:
	json_decref(meta);
	json_decref(key);
	json_decref(project_row);
	return error;
}

/* The requirements one call acts on: one item, or every item a filter matches. */
static int targets(ss_targets *out, ss_write *w, const char *item, const ss_filter *f)
{
	const char *version = ss_js(w->project, "catalog_version");
	int error;

	memset(out, 0, sizeof(*out));
	if (item && !filter_empty(f))
		return ss_error_set(SS_EINVAL, "give an item id or a filter "
					       "(--section/--platform/--category), not both");
	if (!item) {
		json_t *meta = NULL;

		if (filter_empty(f))
			return ss_error_set(SS_EINVAL,
					    "give an item id, or a filter (--section, --platform, "
					    "--category) to act on many items at once");
		if (f->technique)
			return ss_error_set(SS_EINVAL, "bulk changes filter by section, platform "
						       "and category");
		if ((error = ss__catalog_meta(&meta, w->st, version)) == 0)
			error = ss__filter_check(meta, f);
		json_decref(meta);
		if (error < 0)
			return error;
	}
	if ((error = ss_state_targets(out, w->st, w->pid, version, item, item ? NULL : f->section,
				      item ? NULL : f->platform, item ? NULL : f->category)) < 0)
		return error;
	if (out->n > 0)
		return 0;
	if (item)
		return ss_error_set(SS_ENOTFOUND,
				    "item '%.60s' is not in this project's specification; check "
				    "the id with 'secspec catalog list', and run 'secspec spec "
				    "draft' first",
				    item);
	return ss_error_set(SS_ENOTFOUND, "no requirement matches the filter%s",
			    "; check the ids with 'secspec catalog sections'");
}

static const char *const policies[] = {"implement", "accept", "alternative", "na", NULL};

int ss_decide(json_t **out, ss_store *st, const char *project, const char *item, const ss_filter *f,
	      bool open_only, const ss_decision_input *in, const char *by)
{
	ss_targets list = {0};
	json_t *done = NULL;
	const ss_target *r;
	const char *const *p;
	ss_write w = {0};
	int level = 0;
	size_t i;
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_decide: NULL argument");
	for (p = policies; *p && (!in->policy || strcmp(*p, in->policy) != 0); p++)
		;
	if (!*p)
		return ss_error_set(SS_EINVAL,
				    "--policy must be implement, accept, alternative or na, not "
				    "'%.40s'",
				    in->policy ? in->policy : "");
	if (in->reason && (error = ss_text_check("--reason", in->reason, SS_TEXT_MAX, false)) < 0)
		return error;
	if (in->alternative &&
	    (error = ss_text_check("--alternative", in->alternative, SS_TEXT_MAX, true)) < 0)
		return error;
	if (strcmp(in->policy, "implement") != 0 && (!in->reason || !*in->reason))
		return ss_error_set(SS_ERULE,
				    "--policy %s needs --reason: the user's reason for not "
				    "implementing the mitigation is the evidence the process "
				    "requires",
				    in->policy);
	if (strcmp(in->policy, "alternative") == 0 && (!in->alternative || !*in->alternative))
		return ss_error_set(SS_ERULE,
				    "--policy alternative needs --alternative describing the "
				    "other measure");
	if (strcmp(in->policy, "alternative") != 0 && in->alternative)
		return ss_error_set(SS_EINVAL, "--alternative goes only with --policy alternative");
	if (in->review_by) {
		if (strcmp(in->policy, "accept") != 0)
			return ss_error_set(SS_EINVAL,
					    "--review-by goes only with --policy accept");
		if (!ss_date_valid(in->review_by))
			return ss_error_set(SS_EINVAL, "--review-by must be a date YYYY-MM-DD");
	}
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_DECIDE)) < 0)
		return error;
	if ((error = targets(&list, &w, item, f)) < 0 ||
	    (error = ss__project_level(&level, st, w.pid)) < 0)
		goto out;
	done = json_array();
	for (i = 0; i < list.n; i++) {
		r = &list.v[i];
		if (open_only && strcmp(r->status, "open") != 0)
			continue;
		if (strcmp(r->status, "decided") == 0 &&
		    strcmp(r->item_hash, r->catalog_hash) == 0 &&
		    strcmp(r->policy, in->policy) == 0 &&
		    strcmp(r->reason, in->reason ? in->reason : "") == 0 &&
		    strcmp(r->alternative, in->alternative ? in->alternative : "") == 0) {
			if (item) {
				error = ss_error_set(SS_ECONFLICT,
						     "%s is already decided that way; nothing to "
						     "change",
						     item);
				goto out;
			}
			continue;
		}
		if ((error = ss_write__event(
			     &w, "decision.set",
			     json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:s*, s:i, s:o*}", "item",
				       r->id, "item_hash", r->catalog_hash, "policy", in->policy,
				       "reason", in->reason, "alternative", in->alternative,
				       "review_by", in->review_by, "level", level, "supersedes",
				       r->decision_seq ? json_integer(r->decision_seq) : NULL))) <
		    0) {
			ss_error_prefix(error, "%s: ", r->id);
			goto out;
		}
		json_array_append_new(done, json_string(r->id));
	}
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:I, s:O}", "project", project, "policy", in->policy,
			 "changed", (json_int_t)json_array_size(done), "items", done);
out:
	ss_write__release(&w);
	ss_targets_free(&list);
	json_decref(done);
	return error;
}

int ss_advise(json_t **out, ss_store *st, const char *project, const char *item, const ss_filter *f,
	      const char *note, const char *by)
{
	ss_targets list = {0};
	json_t *done = NULL;
	const ss_target *r;
	ss_write w = {0};
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_advise: NULL argument");
	if (!note || !*note)
		return ss_error_set(SS_ERULE, "--note is required: the vendor's advice on whether "
					      "the mitigation is needed");
	if ((error = ss_text_check("--note", note, SS_TEXT_MAX, true)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_ADVISE)) < 0)
		return error;
	if ((error = targets(&list, &w, item, f)) < 0)
		goto out;
	done = json_array();
	for (i = 0; i < list.n; i++) {
		r = &list.v[i];
		if ((error = ss_write__event(&w, "advice.add",
					     json_pack("{s:s, s:s, s:s}", "item", r->id,
						       "item_hash", r->catalog_hash, "note",
						       note))) < 0)
			goto out;
		json_array_append_new(done, json_string(r->id));
	}
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	*out = json_pack("{s:s, s:I, s:O}", "project", project, "changed",
			 (json_int_t)json_array_size(done), "items", done);
out:
	ss_write__release(&w);
	ss_targets_free(&list);
	json_decref(done);
	return error;
}

static bool needs_approval(const ss_target *r)
{
	const char *p = r->policy;

	return strcmp(r->status, "decided") == 0 &&
	       (strcmp(p, "accept") == 0 || strcmp(p, "alternative") == 0);
}

int ss_approve(json_t **out, ss_store *st, const char *project, const char *item,
	       const ss_filter *f, bool approve, const char *note, const char *by)
{
	ss_targets list = {0};
	json_t *done = NULL;
	const ss_target *r;
	ss_write w = {0};
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_approve: NULL argument");
	if (note && (error = ss_text_check("--note", note, SS_TEXT_MAX, true)) < 0)
		return error;
	if (!approve && (!note || !*note))
		return ss_error_set(SS_ERULE, "a rejection needs --note saying why");
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_APPROVE)) < 0)
		return error;
	if ((error = targets(&list, &w, item, f)) < 0)
		goto out;
	done = json_array();
	for (i = 0; i < list.n; i++) {
		const char *id = list.v[i].id;

		r = &list.v[i];

		if (!needs_approval(r) || strcmp(r->approval, "none") != 0) {
			if (!item)
				continue; /* bulk: only pending ones */
			error = !needs_approval(r)
					? ss_error_set(
						  SS_ECONFLICT,
						  "%s is not a risk acceptance or alternative "
						  "measure awaiting approval (status %s, policy "
						  "%s)",
						  id, r->status, *r->policy ? r->policy : "none")
					: ss_error_set(
						  SS_ECONFLICT,
						  "%s was already %s; a new decision starts a new "
						  "approval",
						  id, r->approval);
			goto out;
		}
		if (strcmp(r->decided_by, by) == 0) {
			error = ss_error_set(SS_EPERM,
					     "%s: %s decided this and may not approve it; another "
					     "manager must",
					     id, by);
			goto out;
		}
		if ((error = ss_write__event(&w, "approval.set",
					     json_pack("{s:s, s:I, s:s, s:s*}", "item", id,
						       "decision_seq", (json_int_t)r->decision_seq,
						       "verdict", approve ? "approved" : "rejected",
						       "note", note))) < 0)
			goto out;
		json_array_append_new(done, json_string(id));
	}
	if (json_array_size(done) == 0) {
		error = ss_error_set(SS_ENOTFOUND, "nothing matching awaits approval");
		goto out;
	}
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:I, s:O}", "project", project, "verdict",
			 approve ? "approved" : "rejected", "changed",
			 (json_int_t)json_array_size(done), "items", done);
out:
	ss_write__release(&w);
	ss_targets_free(&list);
	json_decref(done);
	return error;
}
