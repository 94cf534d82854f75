/* Projects and their members. */
#include <stdbool.h>
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
/* operations, provider and expert came with rules 3: the rule book refuses
 * them in an older project (rules-version) */
static const char *const roles[] = {"lead",       "member",   "management", "auditor",
				    "operations", "provider", "expert",     NULL};

/* field: an option, or a phrase marked with N_() (translated here). */
static int check_person(const char *field, const char *person, const char *display_name)
{
	int error;

	if ((error = ss_name_check(_(field), person, SS_NAME_MAX)) < 0)
		return error;
	if (display_name && (error = ss_text_check("--name", display_name, SS_NAME_MAX, false)) < 0)
		return error;
	return 0;
}

int ss_project_create(ss_store *st, const char *name, const char *user_org, const char *vendor_org,
		      const char *catalog_version, const char *by, const char *by_side,
		      const char *by_display_name)
{
	ss_project_input in = {.name = name,
			       .user_org = user_org,
			       .vendor_org = vendor_org,
			       .catalog_version = catalog_version,
			       .by = by,
			       .by_side = by_side,
			       .by_display_name = by_display_name};

	return ss_project_create_from(st, &in);
}

int ss_rules_newest(void)
{
	return SS_RULES_VERSION;
}

int ss_project_create_from(ss_store *st, const ss_project_input *in)
{
	json_t *version = NULL;
	const char *vendor_org;
	ss_write w = {0};
	int rules, error;

	if (!st || !in)
		return ss_error_set(SS_EINVAL, "ss_project_create: NULL argument");
	rules = in->rules ? in->rules : SS_RULES_VERSION;
	vendor_org = in->vendor_org ? in->vendor_org : "";
	if (rules < 1 || rules > SS_RULES_VERSION)
		return ss_error_set(SS_EINVAL,
				    "--rules must be 1 to %d (the rule versions this secspec "
				    "knows; %d is the newest, the older ones reproduce older "
				    "evidence), not %d",
				    SS_RULES_VERSION, SS_RULES_VERSION, rules);
	if ((error = ss_name_check(_("project name"), in->name, SS_NAME_MAX)) < 0 ||
	    (error = ss_text_check("--user", in->user_org, SS_NAME_MAX, false)) < 0 ||
	    (error = ss_text_check("--vendor", vendor_org, SS_NAME_MAX, false)) < 0 ||
	    (error = check_person("--by", in->by, in->by_display_name)) < 0)
		return error;
	if (!*in->user_org)
		return ss_error_set(SS_EINVAL, "--user names the user's organisation");
	if (!*vendor_org && rules < 3)
		return ss_error_set(SS_EINVAL,
				    "--vendor names the vendor's organisation (under rules %d a "
				    "project starts with both; from rules 3 the vendor may be "
				    "selected later)",
				    rules);
	if (!one_of(in->by_side, sides))
		return ss_error_set(SS_EINVAL, "--side must be user or vendor (the side of %s)",
				    in->by);
	if (!*vendor_org && strcmp(in->by_side, "user") != 0)
		return ss_error_set(SS_EINVAL,
				    "a project without a vendor yet is created by the user side "
				    "(--side user); the vendor's people join after 'secspec vendor "
				    "select'");
	if ((error = ss_write__begin_create(&w, st, in->name, in->by, in->by_side)) < 0)
		return error;
	if (in->catalog_version)
		error = ss_cstore_version_get(&version, st, in->catalog_version);
	else
		error = ss_cstore_latest(&version, st);
	if (error < 0)
		goto out;
	if ((error = ss_write__event(&w, "project.create",
				     json_pack("{s:s, s:s, s:s, s:s, s:s*, s:o*}", "name", in->name,
					       "user_org", in->user_org, "vendor_org", vendor_org,
					       "catalog_version", ss_js(version, "version"),
					       "display_name", in->by_display_name, "rules",
					       rules > 1 ? json_integer(rules) : NULL))) < 0)
		goto out;
	error = ss_write__commit(&w);
out:
	json_decref(version);
	ss_write__release(&w);
	return error;
}

/* The pending move to newer rules as the writer folded it: NULL when none
 * (new reference). */
static json_t *pending_rules(ss_write *w)
{
	json_t *n = ss_rules_negotiation(w->rules), *p;

	p = json_incref(json_object_get(n, "rules_proposal"));
	json_decref(n);
	if (json_is_null(p)) {
		json_decref(p);
		return NULL;
	}
	return p;
}

int ss_project_rules(json_t **out, ss_store *st, const char *name)
{
	json_t *key = NULL, *n = NULL, *res;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_project_rules: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, name)) < 0)
		return error;
	if ((error = ss__negotiation(&n, st, ss_ji(key, "id"), name, INT64_MAX)) < 0)
		goto out;
	res = json_pack("{s:s, s:O, s:O, s:i}", "project", name, "rules",
			json_object_get(n, "rules"), "proposal",
			json_object_get(n, "rules_proposal"), "newest", SS_RULES_VERSION);
	if (!res) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	*out = res;
out:
	json_decref(n);
	json_decref(key);
	return error;
}

int ss_project_rules_move(json_t **out, ss_store *st, const char *name, int to, const char *by)
{
	json_t *pending = NULL, *res;
	bool accept = to == 0;
	ss_write w = {0};
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_project_rules_move: NULL argument");
	if (to < 0)
		return ss_error_set(SS_EINVAL, "--to must be a rule version, 2 to %d",
				    SS_RULES_VERSION);
	if ((error = ss_write__begin(&w, st, name, by, SS_ACT_RULES)) < 0)
		return error;
	pending = pending_rules(&w);
	if (accept && !pending) {
		error = ss_error_set(SS_ENOTFOUND,
				     "project %s has no pending move to newer rules; a lead "
				     "proposes one with 'secspec project rules %s --to N'",
				     name, name);
		goto out;
	}
	/* a lead who answers the other side's proposal with the same version
	 * agrees to it: say how, rather than record a proposal of their own */
	if (!accept && pending && ss_ji(pending, "to") == to &&
	    strcmp(ss_js(pending, "side"), ss_js(w.actor, "side")) != 0) {
		/* one sentence per side: "the user side" is one term in Japanese */
		error = strcmp(ss_js(pending, "side"), "user") == 0
				? ss_error_set(SS_ECONFLICT,
					       "the user side proposed rules version %d at event "
					       "%lld: accept it with 'secspec project rules %s "
					       "--accept'",
					       to, (long long)ss_ji(pending, "seq"), name)
				: ss_error_set(SS_ECONFLICT,
					       "the vendor side proposed rules version %d at event "
					       "%lld: accept it with 'secspec project rules %s "
					       "--accept'",
					       to, (long long)ss_ji(pending, "seq"), name);
		goto out;
	}
	if (accept)
		error = ss_write__event(&w, "rules.accept",
					json_pack("{s:I, s:I}", "to",
						  (json_int_t)ss_ji(pending, "to"), "proposal",
						  (json_int_t)ss_ji(pending, "seq")));
	else
		error = ss_write__event(&w, "rules.propose", json_pack("{s:i}", "to", to));
	if (error < 0 || (error = ss_write__commit(&w)) < 0)
		goto out;
	res = json_pack("{s:s, s:s, s:i, s:I}", "project", name, "step",
			accept ? "accepted" : "proposed", "rules", ss_rules_version(w.rules), "to",
			accept ? (json_int_t)ss_ji(pending, "to") : (json_int_t)to);
	if (!res) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	*out = res;
out:
	json_decref(pending);
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

int ss_project_head(int64_t *seq, char hash[65], ss_store *st, const char *name)
{
	json_t *key = NULL;
	const char *h;
	int error;

	if (!seq || !hash || !st)
		return ss_error_set(SS_EINVAL, "ss_project_head: NULL argument");
	if ((error = ss__project_read(&key, NULL, st, name)) < 0)
		return error;
	h = ss_js(key, "head_hash");
	*seq = ss_ji(key, "head_seq");
	snprintf(hash, 65, "%s", h ? h : "");
	json_decref(key);
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
	if ((error = check_person(N_("person"), person, display_name)) < 0)
		return error;
	if (!one_of(side, sides))
		return ss_error_set(SS_EINVAL, "--side must be user or vendor, not '%.40s'",
				    side ? side : "");
	if (!one_of(role, roles))
		return ss_error_set(SS_EINVAL,
				    "--role must be lead, member, management, auditor, operations, "
				    "provider or expert (the last three from rules 3), not '%.40s'",
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
