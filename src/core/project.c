/* Projects and their members. */
#include <string.h>

#include "core/core.h"
#include "util/banned.h"

static bool one_of(const char *s, const char *const *set)
{
	for (; s && *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static const char *const sides[] = {"user", "vendor", NULL};
static const char *const roles[] = {"lead", "member", "management", "auditor", NULL};

static int check_person(const char *field, const char *person, const char *display_name)
{
	int error;

	if ((error = ss_name_check(field, person, SS_NAME_MAX)) < 0)
		return error;
	if (display_name && (error = ss_text_check("--name", display_name, SS_NAME_MAX, false)) < 0)
		return error;
	return 0;
}

int ss_project_create(ss_store *st, const char *name, const char *user_org, const char *vendor_org,
		      const char *catalog_version, const char *by, const char *by_side,
		      const char *by_display_name)
{
	json_t *version = NULL;
	ss_write w = {0};
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_project_create: NULL store");
	if ((error = ss_name_check("project name", name, SS_NAME_MAX)) < 0 ||
	    (error = ss_text_check("--user", user_org, SS_NAME_MAX, false)) < 0 ||
	    (error = ss_text_check("--vendor", vendor_org, SS_NAME_MAX, false)) < 0 ||
	    (error = check_person("--by", by, by_display_name)) < 0)
		return error;
	if (!*user_org || !*vendor_org)
		return ss_error_set(SS_EINVAL, "--user and --vendor name the two organisations");
	if (!one_of(by_side, sides))
		return ss_error_set(SS_EINVAL, "--side must be user or vendor (the side of %s)",
				    by);
	if ((error = ss_write__begin_create(&w, st, name, by, by_side)) < 0)
		return error;
	if (catalog_version)
		error = ss_cstore_version_get(&version, st, catalog_version);
	else
		error = ss_cstore_latest(&version, st);
	if (error < 0)
		goto out;
	if ((error = ss_write__event(&w, "project.create",
				     json_pack("{s:s, s:s, s:s, s:s, s:s*, s:i}", "name", name,
					       "user_org", user_org, "vendor_org", vendor_org,
					       "catalog_version", ss_js(version, "version"),
					       "display_name", by_display_name, "rules",
					       SS_RULES_VERSION))) < 0)
		goto out;
	error = ss_write__commit(&w);
out:
	json_decref(version);
	ss_write__release(&w);
	return error;
}

int ss_project_list(json_t **out, ss_store *st)
{
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_project_list: NULL argument");
	json_t *row;
	size_t i;

	if ((error = ss_store_check(st)) < 0 || (error = ss_state_projects(out, st)) < 0)
		return error;
	json_array_foreach(*out, i, row) {
		json_object_del(row, "id"); /* the database's own key, not the project's name */
	}
	return 0;
}

int ss_project_show(json_t **out, ss_store *st, const char *name)
{
	json_t *key = NULL, *project = NULL, *members = NULL, *reqs = NULL, *r;
	int64_t decided = 0, open = 0, assets = 0, systems = 0;
	json_t *tmp = NULL;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_project_show: NULL argument");
	if ((error = ss__project_read(&key, &project, st, name)) < 0)
		return error;
	if ((error = ss_state_members(&members, st, ss_ji(key, "id"))) < 0 ||
	    (error = ss_state_requirements(&reqs, st, ss_ji(key, "id"),
					   ss_js(project, "catalog_version"), NULL, NULL, NULL,
					   NULL)) < 0)
		goto out;
	json_array_foreach(reqs, i, r) {
		if (strcmp(ss_js(r, "status"), "decided") == 0)
			decided++;
		else
			open++;
	}
	if ((error = ss_state_assets(&tmp, st, ss_ji(key, "id"))) < 0)
		goto out;
	assets = (int64_t)json_array_size(tmp);
	json_decref(tmp);
	if ((error = ss_state_systems(&tmp, st, ss_ji(key, "id"))) < 0)
		goto out;
	systems = (int64_t)json_array_size(tmp);
	json_decref(tmp);
	tmp = NULL;
	json_object_del(project, "id");
	ss__bool_field(members, "active", "active");
	json_object_set(project, "members", members);
	json_object_set_new(project, "counts",
			    json_pack("{s:I, s:I, s:I, s:I, s:I}", "requirements",
				      (json_int_t)json_array_size(reqs), "decided",
				      (json_int_t)decided, "open", (json_int_t)open, "assets",
				      (json_int_t)assets, "systems", (json_int_t)systems));
	*out = project;
	project = NULL;
out:
	json_decref(key);
	json_decref(project);
	json_decref(members);
	json_decref(reqs);
	return error;
}

int ss_member_add(ss_store *st, const char *project, const char *person, const char *side,
		  const char *role, const char *display_name, const char *by)
{
	ss_write w = {0};
	int error;

	if (!st)
		return ss_error_set(SS_EINVAL, "ss_member_add: NULL store");
	if ((error = check_person("person", person, display_name)) < 0)
		return error;
	if (!one_of(side, sides))
		return ss_error_set(SS_EINVAL, "--side must be user or vendor, not '%.40s'",
				    side ? side : "");
	if (!one_of(role, roles))
		return ss_error_set(
			SS_EINVAL,
			"--role must be lead, member, management or auditor, not '%.40s'",
			role ? role : "");
	/* who may add whom (own side, the other side's first lead once, a side
	 * that never changes, management only on the user side) is the rule
	 * book's: src/rules/rules.c */
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_MEMBER)) < 0)
		return error;
	if ((error = ss_write__event(&w, "member.add",
				     json_pack("{s:s, s:s, s:s, s:s*}", "person", person, "side",
					       side, "role", role, "display_name", display_name))) <
	    0)
		goto out;
	error = ss_write__commit(&w);
out:
	ss_write__release(&w);
	return error;
}

int ss_member_remove(ss_store *st, const char *project, const char *person, const char *by)
{
	json_t *existing = NULL;
	ss_write w = {0};
	int error;

	if (!st || !person)
		return ss_error_set(SS_EINVAL, "ss_member_remove: a person is required");
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_MEMBER)) < 0)
		return error;
	if ((error = ss_state_member(&existing, st, w.pid, person)) < 0)
		goto out;
	if (!ss_ji(existing, "active")) {
		error = ss_error_set(SS_ECONFLICT, "%.100s was already removed", person);
		goto out;
	}
	if ((error = ss_write__event(&w, "member.remove", json_pack("{s:s}", "person", person))) <
	    0)
		goto out;
	error = ss_write__commit(&w);
out:
	json_decref(existing);
	ss_write__release(&w);
	return error;
}

int ss_member_list(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_member_list: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, project)) < 0)
		return error;
	if ((error = ss_state_members(out, st, ss_ji(key, "id"))) == 0)
		ss__bool_field(*out, "active", "active");
	json_decref(key);
	return error;
}
