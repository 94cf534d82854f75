/* Catalog versions: differences, project upgrades and change requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/refs.h"
#include "util/banned.h"

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Top-level fields whose values differ between two item bodies. */
static json_t *changed_fields(const char *a_text, const char *b_text)
{
	json_t *a_all = json_loads(a_text, 0, NULL), *b_all = json_loads(b_text, 0, NULL);
	json_t *a = ss__catalog_item_agreed(a_all), *b = ss__catalog_item_agreed(b_all);
	json_t *fields = json_array(), *keys = json_object(), *v;
	const char *k;

	json_object_foreach(a, k, v) {
		json_object_set_new(keys, k, json_true());
	}
	json_object_foreach(b, k, v) {
		json_object_set_new(keys, k, json_true());
	}
	/* in name order, whatever order the bodies list them in */
	{
		const char *names[64];
		size_t n = 0, i;

		json_object_foreach(keys, k, v) {
			if (n < sizeof(names) / sizeof(names[0]) &&
			    !json_equal(json_object_get(a, k), json_object_get(b, k)))
				names[n++] = k;
		}
		qsort(names, n, sizeof(names[0]), by_text);
		for (i = 0; i < n; i++)
			json_array_append_new(fields, json_string(names[i]));
	}
	json_decref(a);
	json_decref(b);
	json_decref(a_all);
	json_decref(b_all);
	json_decref(keys);
	return fields;
}

/* ATT&CK techniques cited by `to` that are revoked, deprecated, or changed
 * between the releases the two versions were checked against. */
static int technique_changes(json_t *out, ss_store *st, const json_t *vfrom, const json_t *vto)
{
	json_t *refs = NULL, *rf = json_loads(ss_js(vfrom, "refs"), 0, NULL);
	json_t *rt = json_loads(ss_js(vto, "refs"), 0, NULL), *latest = NULL, *r;
	int64_t src_from = ss_ji(rf, "attack"), src_to = ss_ji(rt, "attack");
	size_t i;
	int error;

	/* a version loaded before any ATT&CK import is checked against the newest one */
	if (!src_to) {
		if ((error = ss_rstore_latest_sources(&latest, st)) < 0)
			goto out;
		json_array_foreach(latest, i, r) {
			if (strcmp(ss_js(r, "kind"), "attack") == 0)
				src_to = ss_ji(r, "id");
		}
	}

	if ((error = ss_cstore_techniques(&refs, st, ss_js(vto, "version"))) < 0)
		goto out;
	json_array_foreach(refs, i, r) {
		json_t *now = NULL, *before = NULL;
		const char *t = ss_js(r, "ref");
		const char *what = NULL;

		if (!src_to && !src_from)
			break; /* no ATT&CK release was imported: nothing to compare */
		if (ss_rstore_attack_get(&now, st, t, src_to) < 0) {
			what = src_to ? "not in the ATT&CK release" : NULL;
		} else if (ss_ji(now, "revoked")) {
			what = "revoked";
		} else if (ss_ji(now, "deprecated")) {
			what = "deprecated";
		} else if (src_from && src_from != src_to &&
			   ss_rstore_attack_get(&before, st, t, src_from) == 0 &&
			   strcmp(ss_js(before, "modified"), ss_js(now, "modified")) != 0) {
			what = "changed between the ATT&CK releases";
		}
		if (what)
			json_array_append_new(out, json_pack("{s:s, s:s, s:s*}", "technique", t,
							     "status", what, "name",
							     ss_js_or_null(now, "name")));
		json_decref(now);
		json_decref(before);
	}
out:
	json_decref(refs);
	json_decref(rf);
	json_decref(rt);
	json_decref(latest);
	return error;
}

/* A version's numbers; false unless it is MAJOR.MINOR.PATCH. */
static bool semver(unsigned long v[3], const char *s)
{
	for (int k = 0; k < 3; k++) {
		char *end;

		if (*s < '0' || *s > '9')
			return false;
		v[k] = strtoul(s, &end, 10);
		if (*end != (k < 2 ? '.' : '\0'))
			return false;
		s = end + (k < 2);
	}
	return true;
}

/* Whether from < v <= to: a change note made on the way from `from` to `to`,
 * which may skip versions. */
static bool in_range(const char *v, const char *from, const char *to)
{
	unsigned long x[3], f[3], t[3];
	int above = 0, below = 0;

	if (!semver(x, v) || !semver(f, from) || !semver(t, to))
		return strcmp(v, to) == 0;
	for (int k = 0; k < 3 && !above; k++)
		if (x[k] != f[k]) {
			above = x[k] > f[k] ? 1 : -1;
			break;
		}
	for (int k = 0; k < 3; k++)
		if (x[k] != t[k]) {
			below = x[k] < t[k] ? 1 : -1;
			break;
		}
	return above == 1 && below != -1;
}

/* An item's stored body in a version, or NULL. */
static json_t *item_body(ss_store *st, const char *version, const char *id)
{
	json_t *row = NULL, *body = NULL;

	if (ss_cstore_item_get(&row, st, version, id) == 0)
		body = json_loads(ss_js(row, "body"), 0, NULL);
	ss_error_clear();
	json_decref(row);
	return body;
}

static json_t *find_retired(const json_t *meta, const char *id)
{
	json_t *r;
	size_t i;

	json_array_foreach(json_object_get(meta, "retired"), i, r) {
		if (strcmp(ss_js(r, "id"), id) == 0)
			return json_incref(r);
	}
	return NULL;
}

/* The retired entry of id in `to` or, when versions were skipped, in a
 * version between `from` and `to` (a new reference, or NULL). */
static json_t *retired_entry(ss_store *st, const json_t *meta, const char *from, const char *to,
			     const char *id)
{
	json_t *versions = NULL, *r = find_retired(meta, id), *v;
	size_t i;

	if (r || ss_cstore_versions(&versions, st) < 0) {
		ss_error_clear();
		return r;
	}
	json_array_foreach(versions, i, v) {
		const char *name = ss_js(v, "version");
		json_t *m = NULL;

		if (strcmp(name, to) == 0 || !in_range(name, from, to) ||
		    ss__catalog_meta(&m, st, name) < 0)
			continue;
		r = find_retired(m, id);
		json_decref(m);
		if (r)
			break;
	}
	ss_error_clear();
	json_decref(versions);
	return r;
}

/*
 * What the catalog says of an item's change from `from` to `to`: the reason
 * it was retired (and what replaces it), the item's change note when it came
 * with `to`, or, for an item whose only change is its inherited threat score,
 * the old and new score and the technique it comes from. NULL when there is
 * nothing to say.
 */
static json_t *catalog_note(ss_store *st, const json_t *meta, const char *from, const char *to,
			    const char *id)
{
	json_t *old = NULL, *now = NULL, *note = NULL;
	const json_t *r, *chg, *so, *sn;

	if ((r = retired_entry(st, meta, from, to, id))) {
		note = json_deep_copy(json_object_get(r, "reason"));
		if (note && json_object_get(r, "replaced_by"))
			json_object_set(note, "replaced_by", json_object_get(r, "replaced_by"));
		json_decref((json_t *)r);
		return note;
	}
	if (!(now = item_body(st, to, id)))
		return NULL;
	old = item_body(st, from, id);
	so = json_object_get(old, "scores");
	sn = json_object_get(now, "scores");
	if ((chg = json_object_get(now, "change")) && in_range(ss_js(chg, "version"), from, to)) {
		note = json_pack("{s:s, s:s}", "ja", ss_js(chg, "ja"), "en", ss_js(chg, "en"));
	} else if (!old) {
		const json_t *title = json_object_get(now, "title");

		note = json_pack("{s:o, s:o}", "ja",
				 json_sprintf("%s で追加された項目：%s", to, ss_js(title, "ja")),
				 "en", json_sprintf("Added in %s: %s", to, ss_js(title, "en")));
	} else if (old && sn && ss_js_or_null(sn, "technique") &&
		   (ss_ji(so, "incident") != ss_ji(sn, "incident") ||
		    ss_ji(so, "ease") != ss_ji(sn, "ease"))) {
		long long oi = ss_ji(so, "incident"), oe = ss_ji(so, "ease");
		long long ni = ss_ji(sn, "incident"), ne = ss_ji(sn, "ease");
		const char *t = ss_js(sn, "technique");

		note = json_pack(
			"{s:o, s:o}", "ja",
			json_sprintf("脅威の評点（発生件数/攻撃の容易さ）が %lld/%lld から "
				     "%lld/%lld になった。%s の評点による。",
				     oi, oe, ni, ne, t),
			"en",
			json_sprintf("The threat score (incident/ease) moves from %lld/%lld "
				     "to %lld/%lld, the score of %s.",
				     oi, oe, ni, ne, t));
	}
	json_decref(old);
	json_decref(now);
	return note;
}

int ss_catalog_diff(json_t **out, ss_store *st, const char *from, const char *to)
{
	json_t *vf = NULL, *vt = NULL, *rows = NULL, *added = json_array(), *retired = json_array();
	json_t *meta = NULL, *notes = json_object();
	json_t *changed = json_array(), *refs = json_array(), *r;
	size_t i;
	int error;

	if (!out || !st || !from || !to)
		return ss_error_set(SS_EINVAL, "catalog diff needs two versions");
	if ((error = ss_store_check(st)) < 0 ||
	    (error = ss_cstore_version_get(&vf, st, from)) < 0 ||
	    (error = ss_cstore_version_get(&vt, st, to)) < 0 ||
	    (error = ss_cstore_diff(&rows, st, from, to)) < 0)
		goto out;
	if ((error = ss__catalog_meta(&meta, st, to)) < 0)
		goto out;
	json_array_foreach(rows, i, r) {
		const char *change = ss_js(r, "change");

		if (strcmp(change, "added") == 0)
			json_array_append_new(added, json_string(ss_js(r, "id")));
		else if (strcmp(change, "retired") == 0)
			json_array_append_new(retired, json_string(ss_js(r, "id")));
		else
			json_array_append_new(
				changed, json_pack("{s:s, s:o}", "id", ss_js(r, "id"), "fields",
						   changed_fields(ss_js(r, "old_body"),
								  ss_js(r, "new_body"))));
	}
	/* the reasons the new version gives, for the parties' review */
	json_array_foreach(retired, i, r) {
		json_t *n = catalog_note(st, meta, from, to, json_string_value(r));

		if (n)
			json_object_set_new(notes, json_string_value(r), n);
	}
	json_array_foreach(changed, i, r) {
		json_t *n = catalog_note(st, meta, from, to, ss_js(r, "id"));

		if (n)
			json_object_set_new(notes, ss_js(r, "id"), n);
	}
	if ((error = technique_changes(refs, st, vf, vt)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:O, s:O, s:O, s:O, s:O}", "from", from, "to", to, "added",
			 added, "retired", retired, "changed", changed, "references", refs, "notes",
			 notes);
out:
	json_decref(meta);
	json_decref(notes);
	json_decref(vf);
	json_decref(vt);
	json_decref(rows);
	json_decref(added);
	json_decref(retired);
	json_decref(changed);
	json_decref(refs);
	return error;
}

int ss_project_upgrade(json_t **out, ss_store *st, const char *project, const char *to,
		       const char *by)
{
	json_t *diff = NULL, *reqs = NULL, *existing = NULL, *added = json_array();
	json_t *retired = json_array(), *changed_ids = json_array(), *crs = json_array();
	json_t *changed_hashes = NULL;
	json_t *decided = json_object(), *r, *c, *row = NULL;
	const char *from;
	ss_write w = {0};
	char id[32];
	size_t i;
	int64_t n = 0;
	int error;

	if (!out || !st || !to)
		return ss_error_set(SS_EINVAL, "ss_project_upgrade: NULL argument");
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_CLOSE)) < 0)
		goto out;
	from = ss_js(w.project, "catalog_version");
	if (ss_ji(w.project, "rules") >= 2)
		changed_hashes = json_array();
	if (strcmp(from, to) == 0) {
		error = ss_error_set(SS_ECONFLICT, "project %s already uses catalog %s", project,
				     to);
		goto out;
	}
	{
		json_t *vf = NULL, *vt = NULL;

		if ((error = ss_cstore_version_get(&vf, st, from)) == 0 &&
		    (error = ss_cstore_version_get(&vt, st, to)) == 0 &&
		    strcmp(ss_js(vt, "released"), ss_js(vf, "released")) < 0)
			error = ss_error_set(
				SS_ECONFLICT,
				"catalog %s (released %s) is older than the project's %s "
				"(%s); a project only moves forward",
				to, ss_js(vt, "released"), from, ss_js(vf, "released"));
		json_decref(vf);
		json_decref(vt);
		if (error < 0)
			goto out;
	}
	if ((error = ss_catalog_diff(&diff, st, from, to)) < 0 ||
	    (error = ss_state_requirements(&reqs, st, w.pid, from, NULL, NULL, NULL, NULL)) < 0 ||
	    (error = ss_state_changes(&existing, st, w.pid)) < 0)
		goto out;
	if (json_array_size(reqs) == 0) {
		error = ss_error_set(SS_ERULE, "project %s has no draft to upgrade; draft it first",
				     project);
		goto out;
	}
	json_array_foreach(reqs, i, r) {
		if (strcmp(ss_js(r, "status"), "decided") == 0)
			json_object_set_new(decided, ss_js(r, "id"), json_true());
	}
	n = (int64_t)json_array_size(existing);
	/* what changes: new items join as open, retired ones leave */
	json_array_foreach(json_object_get(diff, "added"), i, r) {
		if ((error = ss_cstore_item_get(&row, st, to, json_string_value(r))) < 0)
			goto out;
		json_array_append_new(added, json_pack("[s, s]", json_string_value(r),
						       ss_js(row, "content_hash")));
		if (ss_ji(row, "is_default")) {
			snprintf(id, sizeof(id), "CR-%04lld", (long long)++n);
			json_array_append_new(crs, json_pack("{s:s, s:s, s:s, s:s, s:s, s:[]}",
							     "id", id, "kind", "new-default",
							     "item", json_string_value(r), "from",
							     from, "to", to, "fields"));
		}
		json_decref(row);
		row = NULL;
	}
	json_array_foreach(json_object_get(diff, "retired"), i, r) {
		json_array_append(retired, r);
		snprintf(id, sizeof(id), "CR-%04lld", (long long)++n);
		json_array_append_new(crs,
				      json_pack("{s:s, s:s, s:s, s:s, s:s, s:[]}", "id", id, "kind",
						"retired", "item", json_string_value(r), "from",
						from, "to", to, "fields"));
	}
	json_array_foreach(json_object_get(diff, "changed"), i, c) {
		json_array_append_new(changed_ids, json_string(ss_js(c, "id")));
		/* rules 2: the new text's hash, which later decisions are frozen to */
		if (changed_hashes) {
			if ((error = ss_cstore_item_get(&row, st, to, ss_js(c, "id"))) < 0)
				goto out;
			json_array_append_new(
				changed_hashes,
				json_pack("[s, s]", ss_js(c, "id"), ss_js(row, "content_hash")));
			json_decref(row);
			row = NULL;
		}
		if (!json_object_get(decided, ss_js(c, "id")))
			continue; /* an open item is simply decided on the new text */
		snprintf(id, sizeof(id), "CR-%04lld", (long long)++n);
		json_array_append_new(crs, json_pack("{s:s, s:s, s:s, s:s, s:s, s:O}", "id", id,
						     "kind", "item-changed", "item", ss_js(c, "id"),
						     "from", from, "to", to, "fields",
						     json_object_get(c, "fields")));
	}
	if ((error = ss_write__parts(&w, 1 + json_array_size(crs))) < 0)
		goto out;
	if ((error = ss_write__event(&w, "project.upgrade",
				     json_pack("{s:s, s:s, s:O, s:O, s:O, s:O*}", "from", from,
					       "to", to, "added", added, "retired", retired,
					       "changed", changed_ids, "changed_hashes",
					       changed_hashes))) < 0)
		goto out;
	json_array_foreach(crs, i, c) {
		if ((error = ss_write__event(&w, "change.open", json_incref(c))) < 0)
			goto out;
	}
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	{
		json_t *ids = json_array();

		json_array_foreach(crs, i, c) {
			json_array_append_new(ids, json_string(ss_js(c, "id")));
		}
		int64_t carried = 0;
		const char *k;
		json_t *v;

		json_object_foreach(decided, k, v) {
			bool moved = false;

			json_array_foreach(changed_ids, i, c) {
				moved = moved || strcmp(json_string_value(c), k) == 0;
			}
			json_array_foreach(retired, i, c) {
				moved = moved || strcmp(json_string_value(c), k) == 0;
			}
			carried += !moved;
		}
		*out = json_pack("{s:s, s:s, s:s, s:I, s:I, s:o}", "project", project, "from", from,
				 "to", to, "carried", (json_int_t)carried, "added",
				 (json_int_t)json_array_size(added), "changes", ids);
	}
out:
	ss_write__release(&w);
	json_decref(diff);
	json_decref(reqs);
	json_decref(existing);
	json_decref(added);
	json_decref(retired);
	json_decref(changed_ids);
	json_decref(changed_hashes);
	json_decref(crs);
	json_decref(decided);
	json_decref(row);
	return error;
}

int ss_change_list(json_t **out, ss_store *st, const char *project, const char *state)
{
	json_t *key = NULL, *all = NULL, *c;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_change_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = ss_state_changes(&all, st, ss_ji(key, "id"))) == 0) {
		*out = json_array();
		json_array_foreach(all, i, c) {
			if (!state || strcmp(ss_js(c, "state"), state) == 0)
				json_array_append(*out, c);
		}
	}
	json_decref(all);
	json_decref(key);
	return error;
}

int ss_change_show(json_t **out, ss_store *st, const char *project, const char *id)
{
	json_t *all = NULL, *c;
	size_t i;
	int error;

	if ((error = ss_change_list(&all, st, project, NULL)) < 0)
		return error;
	json_array_foreach(all, i, c) {
		if (strcmp(ss_js(c, "id"), id ? id : "") == 0) {
			json_t *meta = NULL, *note = NULL;
			const char *to = ss_js(c, "to_version");

			/* a catalog change request shows what the new version says of it */
			if (*to && ss__catalog_meta(&meta, st, to) == 0 &&
			    (note = catalog_note(st, meta, ss_js(c, "from_version"), to,
						 ss_js(c, "item"))))
				json_object_set_new(c, "catalog_note", note);
			ss_error_clear();
			json_decref(meta);
			*out = json_incref(c);
			json_decref(all);
			return 0;
		}
	}
	json_decref(all);
	return ss_error_set(SS_ENOTFOUND, "change request '%.40s' not found in %s", id ? id : "",
			    project);
}

/* The names of the members of a record that differ between old and data
 * (every member of data when old is NULL); an object's members count one
 * by one, named OBJECT.MEMBER (impact.reach, answers.volume). The record's key (an asset's id, a
 * system's name) and its supersedes are not changes; neither is a level
 * that follows from the impact. */
static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static json_t *record_changes(const char *key, const json_t *old, const json_t *data)
{
	json_t *fields = json_array(), *keys = json_object(), *v, *sorted;
	const char *names[2 * SS_LIST_MAX];
	size_t i, n = 0;
	const char *k;

	json_object_foreach((json_t *)old, k, v) {
		json_object_set_new(keys, k, json_true());
	}
	json_object_foreach((json_t *)data, k, v) {
		json_object_set_new(keys, k, json_true());
	}
	json_object_foreach(keys, k, v) {
		const json_t *a = json_object_get(old, k), *b = json_object_get(data, k), *x;
		const char *sub;

		if (!strcmp(k, key) || !strcmp(k, "supersedes") || !strcmp(k, "level"))
			continue;
		if (json_is_object(b) && (!old || json_is_object(a))) {
			json_object_foreach((json_t *)b, sub, x) {
				if (!old || !json_equal(json_object_get(a, sub), x))
					json_array_append_new(fields,
							      json_pack("s++", k, ".", sub));
			}
			continue;
		}
		if (!old || !a || !b || !json_equal(a, b))
			json_array_append_new(fields, json_string(k));
	}
	/* in the order of their names, whatever the order of the objects */
	json_array_foreach(fields, i, v) {
		if (n < sizeof(names) / sizeof(names[0]))
			names[n++] = json_string_value(v);
	}
	qsort(names, n, sizeof(names[0]), by_name);
	sorted = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(sorted, json_string(names[i]));
	json_decref(fields);
	json_decref(keys);
	return sorted;
}

int ss__change_due(bool *out, ss_write *w)
{
	json_t *ms, *m;
	size_t i;

	*out = false;
	if (ss_rules_version(w->rules) < 3)
		return 0;
	/* the rule book's own view of the milestones, which it asks the request
	 * for: one of both parties (the user's own draft owes none) */
	if (!(ms = ss_rules_milestones(w->rules)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	json_array_foreach(ms, i, m) {
		*out = *out || strcmp(ss_js(m, "parties"), "user") != 0;
	}
	json_decref(ms);
	return 0;
}

int ss__change_follow(char *id, ss_write *w, bool due, const char *kind, const char *item,
		      const char *from, const char *to, const json_t *old, const json_t *data)
{
	json_t *changes = NULL;
	int error = 0;

	id[0] = '\0';
	if (!due)
		return 0;
	if ((error = ss_state_changes(&changes, w->st, w->pid)) < 0)
		return error;
	snprintf(id, 32, "CR-%04zu", json_array_size(changes) + 1);
	error = ss_write__event(
		w, "change.open",
		json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "id", id, "kind", kind, "item", item,
			  "from", from, "to", to, "fields",
			  record_changes(strcmp(kind, "asset-changed") == 0 ? "id" : "name", old,
					 data)));
	if (error < 0)
		id[0] = '\0';
	json_decref(changes);
	return error;
}

/* One step of the lifecycle: the request must be in state `want`. */
static int step(ss_store *st, const char *project, const char *id, const char *by, ss_action a,
		const char *want, const char *type, json_t *data)
{
	json_t *all = NULL, *c, *found = NULL;
	ss_write w = {0};
	size_t i;
	int error;

	if ((error = ss_write__begin(&w, st, project, by, a)) < 0) {
		json_decref(data);
		return error;
	}
	if ((error = ss_state_changes(&all, st, w.pid)) < 0)
		goto out;
	json_array_foreach(all, i, c) {
		if (strcmp(ss_js(c, "id"), id ? id : "") == 0)
			found = c;
	}
	if (!found) {
		error = ss_error_set(SS_ENOTFOUND, "change request '%.40s' not found",
				     id ? id : "");
		goto out;
	}
	if (!strstr(want, ss_js(found, "state"))) {
		error = ss_error_set(SS_ECONFLICT, "%s is %s; this step needs it %s", id,
				     ss_js(found, "state"), want);
		goto out;
	}
	json_object_set_new(data, "id", json_string(id));
	error = ss_write__event(&w, type, data);
	data = NULL;
	if (error == 0)
		error = ss_write__commit(&w);
out:
	json_decref(data);
	json_decref(all);
	ss_write__release(&w);
	return error;
}

int ss_change_assess(ss_store *st, const char *project, const char *id, const char *note,
		     const char *reestimate, const char *by)
{
	static const char *const values[] = {"none", "cost", "date", "both", NULL};
	const char *const *v;
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_change_assess: NULL store");
	if (!note || !*note)
		return ss_error_set(SS_ERULE, "--note is required: the vendor's assessment");
	if ((error = ss_text_check("--note", note, SS_TEXT_MAX, true)) < 0)
		return error;
	for (v = values; *v && (!reestimate || strcmp(*v, reestimate) != 0); v++)
		;
	if (!*v)
		return ss_error_set(SS_EINVAL, "--reestimate must be none, cost, date or both");
	return step(st, project, id, by, SS_ACT_ASSESS_CHANGE, "open", "change.assess",
		    json_pack("{s:s, s:s}", "note", note, "reestimate", reestimate));
}

int ss_change_decide(ss_store *st, const char *project, const char *id, const char *note,
		     const char *by)
{
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_change_decide: NULL store");
	if (!note || !*note)
		return ss_error_set(SS_ERULE,
				    "--note is required: how the user handles the change");
	if ((error = ss_text_check("--note", note, SS_TEXT_MAX, true)) < 0)
		return error;
	return step(st, project, id, by, SS_ACT_DECIDE_CHANGE, "assessed", "change.decide",
		    json_pack("{s:s}", "note", note));
}

int ss_change_close(ss_store *st, const char *project, const char *id, const char *note,
		    const char *by)
{
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_change_close: NULL store");
	if (note && (error = ss_text_check("--note", note, SS_TEXT_MAX, true)) < 0)
		return error;
	return step(st, project, id, by, SS_ACT_CLOSE, "decided", "change.close",
		    json_pack("{s:s*}", "note", note));
}
