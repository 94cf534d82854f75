/*
 * The specification's requirements: drafting every catalog item into a
 * project, and the decisions, advice and approvals on each. Bulk calls
 * resolve a filter to items and record one event per item, in one
 * transaction: all of them or none.
 */
#include <stddef.h>
#include <stdlib.h>
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
	/* the catalog's meta (tens of kilobytes of JSON) names the valid
	 * sections, platforms and categories: read only to check a filter */
	if (!filter_empty(f) &&
	    ((error = ss__catalog_meta(&meta, st, ss_js(project_row, "catalog_version"))) < 0 ||
	     (error = ss__filter_check(meta, f)) < 0))
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
	return ss_error_set(SS_ENOTFOUND, "no requirement matches the filter; check the ids with "
					  "'secspec catalog sections'");
}

static const char *const policies[] = {"implement", "accept",   "alternative",
				       "na",        "existing", NULL};
static const char *const owners[] = {"vendor", "user", "both", NULL};

static bool one_of(const char *s, const char *const *set)
{
	for (; s && *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static bool given(const char *s)
{
	return s && *s;
}

/* What the input says, checked before anything is read: the options that
 * belong together. The rules that depend on the project (the rule version,
 * scenario, owner and evidence under rules 3) are the rule book's. */
static int check_input(const ss_decision_input *in)
{
	static const struct {
		const char *option;
		size_t off;
		bool multiline;
	} texts[] = {
		{"--reason", offsetof(ss_decision_input, reason), false},
		{"--alternative", offsetof(ss_decision_input, alternative), true},
		{"--scenario", offsetof(ss_decision_input, scenario), true},
		{"--duty", offsetof(ss_decision_input, duty), true},
		{"--evidence", offsetof(ss_decision_input, evidence), true},
	};
	const char *p = in->policy;
	size_t i;
	int error;

	if (!one_of(p, policies))
		return ss_error_set(
			SS_EINVAL,
			"--policy must be implement, accept, alternative, na or existing, "
			"not '%.40s'",
			p ? p : "");
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		const char *v = *(const char *const *)((const char *)in + texts[i].off);

		if (v && (error = ss_text_check(texts[i].option, v, SS_TEXT_MAX,
						texts[i].multiline)) < 0)
			return error;
	}
	if (in->owner && !one_of(in->owner, owners))
		return ss_error_set(SS_EINVAL, "--owner must be vendor, user or both, not '%.40s'",
				    in->owner);
	if (strcmp(p, "implement") != 0 && strcmp(p, "existing") != 0 && !given(in->reason))
		return ss_error_set(SS_ERULE,
				    "--policy %s needs --reason: the user's reason for not "
				    "implementing the mitigation is the evidence the process "
				    "requires",
				    p);
	if (strcmp(p, "alternative") == 0 && !given(in->alternative))
		return ss_error_set(SS_ERULE,
				    "--policy alternative needs --alternative describing the "
				    "other measure");
	if (strcmp(p, "alternative") != 0 && in->alternative)
		return ss_error_set(SS_EINVAL, "--alternative goes only with --policy alternative");
	if (in->review_by) {
		if (strcmp(p, "accept") != 0)
			return ss_error_set(SS_EINVAL,
					    "--review-by goes only with --policy accept");
		if (!ss_date_valid(in->review_by))
			return ss_error_set(SS_EINVAL, "--review-by must be a date YYYY-MM-DD");
	}
	if (in->scenario && strcmp(p, "accept") != 0 && strcmp(p, "alternative") != 0)
		return ss_error_set(SS_EINVAL,
				    "--scenario goes only with --policy accept or alternative (the "
				    "attack the mitigation would have stopped)");
	if (in->owner && (strcmp(p, "accept") == 0 || strcmp(p, "na") == 0))
		return ss_error_set(SS_EINVAL, "--owner goes only with --policy implement, "
					       "alternative or existing");
	if (in->duty && !one_of(in->owner, (const char *const[]){"user", "both", NULL}))
		return ss_error_set(SS_EINVAL,
				    "--duty goes only with --owner user or both (the user's part "
				    "of the measure)");
	if (in->evidence && strcmp(p, "existing") != 0)
		return ss_error_set(SS_EINVAL, "--evidence goes only with --policy existing");
	return 0;
}

/* Whether the decision of event seq already says what data says. */
static int same_decision(bool *out, ss_write *w, int64_t seq, const json_t *data)
{
	static const char *const keys[] = {"policy", "reason", "alternative", "scenario",
					   "owner",  "duty",   "evidence",    NULL};
	const char *const *k;
	json_t *old = NULL;
	int error;

	*out = false;
	if ((error = ss__event_data(&old, w->st, w->pid, seq)) < 0)
		return error;
	*out = true;
	for (k = keys; *out && *k; k++)
		*out = strcmp(ss_js(old, *k), ss_js(data, *k)) == 0;
	json_decref(old);
	return 0;
}

/* What giving up a minimum default mitigation may mean for the user side,
 * without and with an attack scenario on record. */
static const char *const negligence_en[] = {
	"not implementing a minimum default mitigation can be judged negligence, even gross "
	"negligence, of the user side as the system's provider, and the reason recorded here is "
	"its defence",
	"not implementing a minimum default mitigation can be judged negligence, even gross "
	"negligence, of the user side as the system's provider, and the reason and attack "
	"scenario recorded here are its defence",
};
static const char *const negligence_ja[] = {
	"最低限の標準対策を実施しないことは、システム提供者であるユーザー側の過失、さらには重過"
	"失と判断され得るものであり、ここに記録した理由がその抗弁となります",
	"最低限の標準対策を実施しないことは、システム提供者であるユーザー側の過失、さらには重過"
	"失と判断され得るものであり、ここに記録した理由と攻撃シナリオがその抗弁となります",
};

/* The note for a minimum default mitigation given up, or NULL. */
static json_t *default_note(const ss_write *w, const char *policy, const json_t *done,
			    const ss_filter *f, const char *item)
{
	json_t *rows = NULL, *items = NULL, *r, *note = NULL;
	const char *version = ss_js(w->project, "catalog_version");
	bool scenario = strcmp(policy, "accept") == 0 && ss_rules_version(w->rules) >= 3;
	size_t i, j;

	if ((strcmp(policy, "accept") != 0 && strcmp(policy, "na") != 0) ||
	    json_array_size(done) == 0)
		return NULL;
	/* a note is advice: the decision stands without it */
	if (item) {
		json_t *one = NULL;

		if (ss_cstore_item_get(&one, w->st, version, item) < 0)
			return NULL;
		rows = json_pack("[o]", one);
	} else if (ss_cstore_items(&rows, w->st, version, f->section, f->platform, f->category,
				   NULL, 0) < 0) {
		return NULL;
	}
	items = json_array();
	json_array_foreach(rows, i, r) {
		json_t *d;

		if (!ss_ji(r, "is_default"))
			continue;
		json_array_foreach(done, j, d) {
			if (strcmp(json_string_value(d), ss_js(r, "id")) == 0)
				json_array_append(items, d);
		}
	}
	if (json_array_size(items) > 0)
		note = json_pack("{s:O, s:s, s:s}", "items", items, "en", negligence_en[scenario],
				 "ja", negligence_ja[scenario]);
	json_decref(rows);
	json_decref(items);
	return note;
}

int ss_decide(json_t **out, ss_store *st, const char *project, const char *item, const ss_filter *f,
	      bool open_only, const ss_decision_input *in, const char *by)
{
	ss_targets list = {0};
	json_t *done = NULL, *todo = NULL, *data = NULL, *note = NULL;
	const ss_target *r;
	const char *owner;
	ss_write w = {0};
	int level = 0, rules;
	size_t i;
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_decide: NULL argument");
	if ((error = check_input(in)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_DECIDE)) < 0)
		return error;
	if ((error = targets(&list, &w, item, f)) < 0 ||
	    (error = ss__project_level(&level, st, w.pid)) < 0)
		goto out;
	/* rules 3: implement is the delivered system's unless said otherwise;
	 * under older rules nothing is added (the rule book refuses what the
	 * user gives of rules 3, naming the version) */
	rules = ss_rules_version(w.rules);
	owner = in->owner;
	if (!owner && rules >= 3 && strcmp(in->policy, "implement") == 0)
		owner = "vendor";
	done = json_array();
	todo = json_array();
	for (i = 0; i < list.n; i++) {
		bool same = false;

		r = &list.v[i];
		if (open_only && strcmp(r->status, "open") != 0)
			continue;
		data = json_pack("{s:s, s:s, s:s, s:s*, s:s*, s:s*, s:i, s:o*, s:s*, s:s*, s:s*, "
				 "s:s*}",
				 "item", r->id, "item_hash", r->catalog_hash, "policy", in->policy,
				 "reason", in->reason, "alternative", in->alternative, "review_by",
				 in->review_by, "level", level, "supersedes",
				 r->decision_seq ? json_integer(r->decision_seq) : NULL, "scenario",
				 in->scenario, "owner", owner, "duty", in->duty, "evidence",
				 in->evidence);
		if (!data) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		if (strcmp(r->status, "decided") == 0 &&
		    strcmp(r->item_hash, r->catalog_hash) == 0 &&
		    strcmp(r->policy, in->policy) == 0 &&
		    strcmp(r->reason, in->reason ? in->reason : "") == 0 &&
		    strcmp(r->alternative, in->alternative ? in->alternative : "") == 0 &&
		    (error = same_decision(&same, &w, r->decision_seq, data)) < 0)
			goto out;
		if (same) {
			if (item) {
				error = ss_error_set(SS_ECONFLICT,
						     "%s is already decided that way; nothing to "
						     "change",
						     item);
				goto out;
			}
			json_decref(data);
			data = NULL;
			continue;
		}
		if (json_array_append_new(todo, data) < 0 ||
		    json_array_append_new(done, json_string(r->id)) < 0) {
			data = NULL;
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		data = NULL;
	}
	/* one change: the number of its events is known before the first */
	if ((error = ss_write__parts(&w, json_array_size(todo))) < 0)
		goto out;
	for (i = 0; i < json_array_size(todo); i++) {
		if ((error = ss_write__event(&w, "decision.set",
					     json_incref(json_array_get(todo, i)))) < 0) {
			ss_error_prefix(error, "%s: ", json_string_value(json_array_get(done, i)));
			goto out;
		}
	}
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	/* a change still to be signed is not made yet: no note for it */
	if (!ss_proposal_pending(st->proposal))
		note = default_note(&w, in->policy, done, f ? f : &no_filter, item);
	*out = json_pack("{s:s, s:s, s:I, s:O}", "project", project, "policy", in->policy,
			 "changed", (json_int_t)json_array_size(done), "items", done);
	if (*out && note)
		json_object_set_new(*out, "notes", json_pack("[O]", note));
out:
	ss_write__release(&w);
	ss_targets_free(&list);
	json_decref(done);
	json_decref(todo);
	json_decref(data);
	json_decref(note);
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
	if ((error = ss_write__parts(&w, list.n)) < 0)
		goto out;
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
	size_t i, npick = 0, *pick = NULL; /* the items approved or rejected */
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
	if (list.n && !(pick = calloc(list.n, sizeof(*pick)))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	done = json_array();
	for (i = 0; i < list.n; i++) {
		const char *id = list.v[i].id;

		r = &list.v[i];

		if (!needs_approval(r) || strcmp(r->approval, "none") != 0) {
			if (!item)
				continue; /* bulk: only pending ones */
			if (!needs_approval(r))
				error = ss_error_set(
					SS_ECONFLICT,
					"%s is not a risk acceptance or alternative "
					"measure awaiting approval (status %s, policy %s)",
					id, r->status, *r->policy ? r->policy : "none");
			else if (strcmp(r->approval, "approved") == 0)
				error = ss_error_set(
					SS_ECONFLICT,
					"%s was already approved; a new decision starts a "
					"new approval",
					id);
			else /* rejected: approval is none, approved or rejected */
				error = ss_error_set(
					SS_ECONFLICT,
					"%s was already rejected; a new decision starts a "
					"new approval",
					id);
			goto out;
		}
		if (strcmp(r->decided_by, by) == 0) {
			error = ss_error_set(SS_EPERM,
					     "%s: %s decided this and may not approve it; another "
					     "manager must",
					     id, by);
			goto out;
		}
		pick[npick++] = i;
		json_array_append_new(done, json_string(id));
	}
	if (npick == 0) {
		error = ss_error_set(SS_ENOTFOUND, "nothing matching awaits approval");
		goto out;
	}
	if ((error = ss_write__parts(&w, npick)) < 0)
		goto out;
	for (i = 0; i < npick; i++) {
		r = &list.v[pick[i]];
		if ((error = ss_write__event(&w, "approval.set",
					     json_pack("{s:s, s:I, s:s, s:s*}", "item", r->id,
						       "decision_seq", (json_int_t)r->decision_seq,
						       "verdict", approve ? "approved" : "rejected",
						       "note", note))) < 0)
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
	free(pick);
	return error;
}
