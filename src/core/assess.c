/* Risk assessment: assets with their four impact axes, and target systems. */
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

int ss_level_parse(int *out, const char *field, const char *s)
{
	if (s && (s[0] == 'L' || s[0] == 'l'))
		s++;
	if (!s || strlen(s) != 1 || s[0] < '1' || s[0] > '3')
		return ss_error_set(SS_EINVAL, "%s must be L1, L2 or L3", field);
	*out = s[0] - '0';
	return 0;
}

static int string_list(json_t **out, const char *field, const char *const *v, size_t n)
{
	json_t *arr;
	size_t i;
	int error;

	if (n > SS_LIST_MAX)
		return ss_error_set(SS_ELIMIT, "%s: %zu entries, the limit is %d", field, n,
				    SS_LIST_MAX);
	if (!(arr = json_array()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (i = 0; i < n; i++) {
		if ((error = ss_text_check(field, v[i], SS_NAME_MAX, false)) < 0) {
			json_decref(arr);
			return error;
		}
		if (!*v[i]) {
			json_decref(arr);
			return ss_error_set(SS_EINVAL, "%s: entry %zu is empty", field, i + 1);
		}
		json_array_append_new(arr, json_string(v[i]));
	}
	*out = arr;
	return 0;
}

static const char *level_name(int64_t level)
{
	static const char *const names[] = {"none", "L1", "L2", "L3"};

	return level >= 0 && level <= 3 ? names[level] : "none";
}

/* What the result of a change says: {change: id} when it raised one. */
static json_t *changed(const char *what, const char *key, const char *name, const char *cr)
{
	return json_pack("{s:s, s:s, s:s*}", "what", what, key, name, "change", *cr ? cr : NULL);
}

int ss_asset_add(ss_store *st, const char *project, const ss_asset_input *in, const char *by)
{
	json_t *res = NULL;
	int error = ss_asset_set(&res, st, project, in, by);

	json_decref(res);
	return error;
}

int ss_asset_set(json_t **out, ss_store *st, const char *project, const ss_asset_input *in,
		 const char *by)
{
	json_t *meta = NULL, *devices = NULL, *answers = NULL, *system = NULL, *old = NULL;
	json_t *data = NULL, *old_data = NULL;
	char cr[32] = "";
	const json_t *kind = NULL;
	ss_write w = {0};
	const ss_impact *im;
	bool due;
	size_t i;
	int level, error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_asset_set: NULL argument");
	im = &in->impact;
	if ((error = ss_name_check(_("asset id"), in->id, SS_NAME_MAX)) < 0 ||
	    (error = ss_text_check("--name", in->name, SS_NAME_MAX, false)) < 0 ||
	    (error = ss_text_check("--system", in->system, SS_NAME_MAX, false)) < 0 ||
	    (error = ss_name_check("--kind", in->kind, 64)) < 0)
		return error;
	if (!*in->name)
		return ss_error_set(SS_EINVAL,
				    "--name must say what the information or operation is");
	if (im->duration < 1 || im->duration > 3 || im->reach < 1 || im->reach > 3 ||
	    im->damage < 1 || im->damage > 3 || im->trust < 1 || im->trust > 3)
		return ss_error_set(SS_EINVAL,
				    "all four impact axes are required, each L1..L3: --duration "
				    "--reach --damage --trust");
	if ((error = string_list(&devices, "--device", in->devices, in->ndevices)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_ASSESS)) < 0)
		goto out;
	if ((error = ss__catalog_meta(&meta, st, ss_js(w.project, "catalog_version"))) < 0)
		goto out;
	if (strcmp(in->kind, "custom") == 0) {
		if (!in->label || !*in->label ||
		    (error = ss_text_check("--label", in->label, SS_NAME_MAX, false)) < 0) {
			error = error < 0 ? error
					  : ss_error_set(SS_EINVAL,
							 "a custom kind needs --label naming it");
			goto out;
		}
	} else if (in->label) {
		error = ss_error_set(SS_EINVAL,
				     "--label names a custom kind; kind %s has its own name",
				     in->kind);
		goto out;
	} else if (!(kind = ss__meta_find(meta, "asset_kinds", in->kind))) {
		error = ss_error_set(SS_EINVAL,
				     "unknown asset kind '%.60s'; use one of the catalog's kinds "
				     "('secspec catalog kinds') or custom with --label",
				     in->kind);
		goto out;
	}
	if (in->nanswers > SS_LIST_MAX) {
		error = ss_error_set(SS_ELIMIT, "too many answers");
		goto out;
	}
	answers = json_object();
	for (i = 0; i < in->nanswers; i++) {
		const json_t *q;
		size_t k;
		bool known = kind == NULL; /* custom kinds take free question ids */

		json_array_foreach(json_object_get(kind, "questions"), k, q) {
			if (strcmp(ss_js(q, "id"), in->answer_ids[i]) == 0)
				known = true;
		}
		if ((error = ss_name_check(_("--answer question id"), in->answer_ids[i], 64)) < 0)
			goto out;
		if (!known) {
			error = ss_error_set(SS_EINVAL,
					     "--answer %.60s: kind %s has no such question "
					     "('secspec catalog kinds' lists them)",
					     in->answer_ids[i], in->kind);
			goto out;
		}
		if ((error = ss_text_check("--answer", in->answers[i], SS_TEXT_MAX, true)) < 0)
			goto out;
		json_object_set_new(answers, in->answer_ids[i], json_string(in->answers[i]));
	}
	if ((error = ss_state_system(&system, st, w.pid, in->system)) < 0) {
		ss_error_prefix(error, "asset %s: ", in->id);
		goto out;
	}
	if ((error = ss_state_asset(&old, st, w.pid, in->id)) < 0 && error != SS_ENOTFOUND)
		goto out;
	if (error == 0 && !in->supersede) {
		error = ss_error_set(SS_ECONFLICT,
				     "asset %s already exists; to correct it, add it again with "
				     "--supersede (the old record stays in the log)",
				     in->id);
		goto out;
	}
	if (!old && in->supersede) {
		error = ss_error_set(SS_ENOTFOUND, "asset %s does not exist, nothing to supersede",
				     in->id);
		goto out;
	}
	error = 0;
	level = im->duration;
	if (im->reach > level)
		level = im->reach;
	if (im->damage > level)
		level = im->damage;
	if (im->trust > level)
		level = im->trust;
	data = json_pack("{s:s, s:s, s:s*, s:s, s:s, s:O, s:O, s:{s:i, s:i, s:i, s:i}, s:i, s:o*}",
			 "id", in->id, "kind", in->kind, "label", kind ? NULL : in->label, "name",
			 in->name, "system", in->system, "devices", devices, "answers", answers,
			 "impact", "duration", im->duration, "reach", im->reach, "damage",
			 im->damage, "trust", im->trust, "level", level, "supersedes",
			 old ? json_integer(ss_ji(old, "seq")) : NULL);
	if (old && (error = ss__event_data(&old_data, st, w.pid, ss_ji(old, "seq"))) < 0)
		goto out;
	if ((error = ss__change_due(&due, &w)) < 0 ||
	    (error = ss_write__parts(&w, due ? 2 : 1)) < 0 ||
	    (error = ss_write__event(&w, "asset.set", json_incref(data))) < 0 ||
	    (error = ss__change_follow(cr, &w, due, "asset-changed", in->id,
				       level_name(old_data ? ss_ji(old_data, "level") : 0),
				       level_name(level), old_data, data)) < 0 ||
	    (error = ss_write__commit(&w)) < 0)
		goto out;
	*out = changed("asset", "id", in->id, cr);
out:
	ss_write__release(&w);
	json_decref(data);
	json_decref(old_data);
	json_decref(meta);
	json_decref(devices);
	json_decref(answers);
	json_decref(system);
	json_decref(old);
	return error;
}

int ss_asset_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_asset_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	error = ss_state_assets(out, st, ss_ji(key, "id"));
	json_decref(key);
	return error;
}

int ss_system_add(ss_store *st, const char *project, const ss_system_input *in, const char *by)
{
	json_t *res = NULL;
	int error = ss_system_set(&res, st, project, in, by);

	json_decref(res);
	return error;
}

int ss_system_set(json_t **out, ss_store *st, const char *project, const ss_system_input *in,
		  const char *by)
{
	json_t *meta = NULL, *devices = NULL, *measures = NULL, *old = NULL;
	json_t *data = NULL, *old_data = NULL;
	const char *from = "new";
	char cr[32] = "";
	ss_write w = {0};
	bool legacy, due;
	size_t i;
	int error;

	if (!out || !st || !in)
		return ss_error_set(SS_EINVAL, "ss_system_set: NULL argument");
	if ((error = ss_text_check(_("system name"), in->name, SS_NAME_MAX, false)) < 0)
		return error;
	if (!*in->name)
		return ss_error_set(SS_EINVAL, "the system needs a name");
	if ((in->legacy &&
	     (error = ss_text_check("--legacy", in->legacy, SS_TEXT_MAX, true)) < 0) ||
	    (in->compensating &&
	     (error = ss_text_check("--compensating", in->compensating, SS_TEXT_MAX, true)) < 0))
		return error;
	/* a legacy system says why and what compensates, together: the rule
	 * book judges them (system-legacy, and rules-version before rules 3) */
	legacy = in->legacy || in->compensating;
	if (in->nmeasures > SS_LIST_MAX)
		return ss_error_set(SS_ELIMIT, "--measure: at most %d", SS_LIST_MAX);
	if ((error = string_list(&devices, "--device", in->devices, in->ndevices)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_ASSESS)) < 0)
		goto out;
	if ((error = ss__catalog_meta(&meta, st, ss_js(w.project, "catalog_version"))) < 0)
		goto out;
	measures = json_array();
	for (i = 0; i < in->nmeasures; i++) {
		if (!ss__meta_find(meta, "categories", in->policies[i])) {
			error = ss_error_set(SS_EINVAL,
					     "--measure: unknown policy '%.60s'; use a category id "
					     "such as authentication, access-control or audit "
					     "('secspec catalog categories')",
					     in->policies[i]);
			goto out;
		}
		if ((error = ss_text_check(_("--measure implementation"), in->implementations[i],
					   SS_TEXT_MAX, false)) < 0)
			goto out;
		if (!*in->implementations[i]) {
			error = ss_error_set(SS_EINVAL,
					     "--measure %s=: say how the policy is implemented",
					     in->policies[i]);
			goto out;
		}
		json_array_append_new(measures,
				      json_pack("{s:s, s:s}", "policy", in->policies[i],
						"implementation", in->implementations[i]));
	}
	if ((error = ss_state_system(&old, st, w.pid, in->name)) < 0 && error != SS_ENOTFOUND)
		goto out;
	if (error == 0 && !in->supersede) {
		error = ss_error_set(SS_ECONFLICT,
				     "system '%.100s' already exists; to correct it, add it "
				     "again with --supersede",
				     in->name);
		goto out;
	}
	if (!old && in->supersede) {
		error = ss_error_set(SS_ENOTFOUND, "system '%.100s' does not exist", in->name);
		goto out;
	}
	data = json_pack("{s:s, s:O, s:O, s:o*, s:s*, s:s*}", "name", in->name, "devices", devices,
			 "measures", measures, "supersedes",
			 old ? json_integer(ss_ji(old, "seq")) : NULL, "legacy",
			 legacy ? (in->legacy ? in->legacy : "") : NULL, "compensating",
			 legacy ? (in->compensating ? in->compensating : "") : NULL);
	if (old && (error = ss__event_data(&old_data, st, w.pid, ss_ji(old, "seq"))) < 0)
		goto out;
	if (old_data)
		from = json_object_get(old_data, "legacy") ? "legacy" : "recorded";
	if ((error = ss__change_due(&due, &w)) < 0 ||
	    (error = ss_write__parts(&w, due ? 2 : 1)) < 0 ||
	    (error = ss_write__event(&w, "system.set", json_incref(data))) < 0 ||
	    (error = ss__change_follow(cr, &w, due, "system-changed", in->name, from,
				       legacy ? "legacy" : "recorded", old_data, data)) < 0 ||
	    (error = ss_write__commit(&w)) < 0)
		goto out;
	*out = changed("system", "name", in->name, cr);
out:
	ss_write__release(&w);
	json_decref(data);
	json_decref(old_data);
	json_decref(meta);
	json_decref(devices);
	json_decref(measures);
	json_decref(old);
	return error;
}

int ss_system_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_system_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	error = ss_state_systems(out, st, ss_ji(key, "id"));
	json_decref(key);
	return error;
}

int ss_system_show(json_t **out, ss_store *st, const char *project, const char *name)
{
	json_t *key = NULL, *sys = NULL, *assets = NULL, *mine, *a;
	size_t i;
	int error;

	if (!out || !st || !name)
		return ss_error_set(SS_EINVAL, "ss_system_show: a system name is required");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = ss_state_system(&sys, st, ss_ji(key, "id"), name)) < 0 ||
	    (error = ss_state_assets(&assets, st, ss_ji(key, "id"))) < 0)
		goto out;
	mine = json_array();
	json_array_foreach(assets, i, a) {
		if (strcmp(ss_js(a, "system"), name) == 0)
			json_array_append(mine, a);
	}
	json_object_set_new(sys, "asset_list", mine);
	*out = sys;
	sys = NULL;
out:
	json_decref(key);
	json_decref(sys);
	json_decref(assets);
	return error;
}
