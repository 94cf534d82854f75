/*
 * The specification as an OSCAL 1.1.2 System Security Plan (JSON), for
 * parties whose tools read OSCAL: the project as the system, its
 * information assets as information types with their impact (L1..L3 as
 * FIPS 199 low, moderate, high), the systems as components, the members as
 * users with their roles, and one implemented requirement per catalog item
 * with the decision as its implementation status, the reason, the advice
 * and the approval as remarks and properties.
 *
 * Deterministic: every uuid is a UUIDv5 of a fixed namespace and the
 * project's name with what it stands for; last-modified is the newest time
 * the model holds; keys are sorted. Valid against the OSCAL complete schema
 * 1.1.2 (tests/render/oscal-validate.mjs checks it with ajv).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_int.h"
#include "util/banned.h"

/* The namespace of secspec's OSCAL uuids (a UUIDv4 fixed once). */
#define OSCAL_NS "4f5c2b8e-6d0a-4c1e-9a57-0b8e3d6f1a2c"
#define OSCAL_VERSION "1.1.2"
#define SECSPEC_NS "urn:secspec:ns:oscal"

typedef struct {
	ss_doc *d;
	const char *project;
	char newest[32];
} oscal;

/* The uuid of what (kind and id) in this project. */
static json_t *uuid_of(const oscal *o, const char *kind, const char *id)
{
	char name[512], out[37] = "";
	int n = snprintf(name, sizeof(name), "%s/%s/%s", o->project, kind, id ? id : "");

	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof(name))
		n = (int)sizeof(name) - 1;
	/* the namespace is a valid uuid: this cannot fail */
	ss_uuid5(out, OSCAL_NS, name, (size_t)n);
	return json_string(out);
}

/* L1..L3 as FIPS 199 impact. */
static const char *fips(json_int_t level)
{
	return level >= 3 ? "fips-199-high" : level == 2 ? "fips-199-moderate" : "fips-199-low";
}

static json_t *prop(const char *name, const char *value)
{
	return json_pack("{s:s, s:s, s:s}", "name", name, "ns", SECSPEC_NS, "value", value);
}

/* A text field of OSCAL must not be empty. */
static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static json_t *metadata(oscal *o, const char *what)
{
	const json_t *p = json_object_get(o->d->m, "project");
	char title[300], version[96];
	json_t *parties = json_array(), *roles;

	snprintf(title, sizeof(title), "%s: %s", what, o->project);
	snprintf(version, sizeof(version), "%lld-%.12s", (long long)ss_ji(p, "events"),
		 ss_js(p, "head"));
	roles = json_pack("[{s:s, s:s}, {s:s, s:s}]", "id", "user", "title",
			  ss_tr(o->d, "user_org"), "id", "vendor", "title",
			  ss_tr(o->d, "vendor_org"));
	json_array_append_new(
		parties, json_pack("{s:o, s:s, s:s}", "uuid", uuid_of(o, "party", "user"), "type",
				   "organization", "name", or_dash(ss_js(p, "user_org"))));
	json_array_append_new(
		parties, json_pack("{s:o, s:s, s:s}", "uuid", uuid_of(o, "party", "vendor"), "type",
				   "organization", "name", or_dash(ss_js(p, "vendor_org"))));
	return json_pack(
		"{s:s, s:s, s:s, s:s, s:o, s:o, s:[o, o, o]}", "title", title, "last-modified",
		o->newest[0] ? o->newest : "1970-01-01T00:00:00Z", "version", version,
		"oscal-version", OSCAL_VERSION, "roles", roles, "parties", parties, "props",
		prop("catalog-version", ss_js(p, "catalog_version")),
		prop("catalog-hash", ss_js(p, "catalog_hash")), prop("log-head", ss_js(p, "head")));
}

static json_t *information_types(oscal *o, json_int_t *max_level)
{
	json_t *list = json_array(), *a;
	size_t i;

	json_array_foreach(json_object_get(o->d->m, "assets"), i, a) {
		const json_t *name = json_object_get(a, "name");
		json_int_t level = ss_ji(a, "level");
		char desc[600];

		if (level > *max_level)
			*max_level = level;
		snprintf(desc, sizeof(desc), "%s: %s (%s)",
			 ss_pick(o->d, json_object_get(a, "kind_label")),
			 json_is_string(name) ? ss_js(a, "name") : ss_tr(o->d, "withheld_cell"),
			 ss_js(a, "system"));
		json_array_append_new(list,
				      json_pack("{s:o, s:s, s:s, s:{s:s}, s:{s:s}, s:{s:s}, s:[o]}",
						"uuid", uuid_of(o, "asset", ss_js(a, "id")),
						"title", ss_js(a, "id"), "description", desc,
						"confidentiality-impact", "base", fips(level),
						"integrity-impact", "base", fips(level),
						"availability-impact", "base", fips(level), "props",
						prop("impact-level", ss_level_text(level))));
	}
	if (!json_array_size(list))
		json_array_append_new(list, json_pack("{s:o, s:s, s:s}", "uuid",
						      uuid_of(o, "asset", NULL), "title", "-",
						      "description", ss_tr(o->d, "none")));
	return list;
}

static json_t *system_characteristics(oscal *o)
{
	const json_t *m = o->d->m, *s;
	json_int_t level = 1;
	json_t *info = information_types(o, &level), *systems = json_array();
	char desc[400], boundary[2000] = "";
	size_t i, used = 0;

	json_array_foreach(json_object_get(m, "systems"), i, s) {
		int n = snprintf(boundary + used, sizeof(boundary) - used, "%s%s", i ? ", " : "",
				 ss_js(s, "name"));

		if (n < 0 || (size_t)n >= sizeof(boundary) - used)
			break;
		used += (size_t)n;
		json_array_append_new(systems, json_string(ss_js(s, "name")));
	}
	json_decref(systems);
	snprintf(desc, sizeof(desc), "%s / %s", ss_js(json_object_get(m, "project"), "user_org"),
		 ss_js(json_object_get(m, "project"), "vendor_org"));
	return json_pack(
		"{s:[{s:s, s:o}], s:s, s:s, s:s, s:{s:o}, s:{s:s, s:s, s:s}, s:{s:s}, s:{s:s}}",
		"system-ids", "identifier-type", "https://ietf.org/rfc/rfc4122", "id",
		uuid_of(o, "system", NULL), "system-name", o->project, "description", or_dash(desc),
		"security-sensitivity-level", fips(level), "system-information",
		"information-types", info, "security-impact-level",
		"security-objective-confidentiality", fips(level), "security-objective-integrity",
		fips(level), "security-objective-availability", fips(level), "status", "state",
		ss_ji(m, "step") >= 10 ? "operational" : "under-development",
		"authorization-boundary", "description", or_dash(boundary));
}

static json_t *system_implementation(oscal *o)
{
	json_t *users = json_array(), *comps = json_array(), *e;
	size_t i;

	json_array_foreach(json_object_get(o->d->m, "members"), i, e) {
		char title[200], role[40];

		if (!json_is_true(json_object_get(e, "active")))
			continue;
		ss_person(o->d, ss_js(e, "person"), title, sizeof(title));
		snprintf(role, sizeof(role), "%s", ss_js(e, "side"));
		json_array_append_new(users, json_pack("{s:o, s:s, s:[s], s:[o]}", "uuid",
						       uuid_of(o, "user", ss_js(e, "person")),
						       "title", title, "role-ids", role, "props",
						       prop("role", ss_js(e, "role"))));
	}
	if (!json_array_size(users))
		json_array_append_new(users, json_pack("{s:o, s:s}", "uuid",
						       uuid_of(o, "user", NULL), "title", "-"));
	json_array_append_new(comps, json_pack("{s:o, s:s, s:s, s:s, s:{s:s}}", "uuid",
					       uuid_of(o, "component", NULL), "type", "this-system",
					       "title", o->project, "description",
					       ss_tr(o->d, "doc_title"), "status", "state",
					       "under-development"));
	json_array_foreach(json_object_get(o->d->m, "systems"), i, e) {
		json_t *devices = json_object_get(e, "devices");
		char desc[1000] = "";
		size_t k, used = 0;
		const json_t *v;

		json_array_foreach(devices, k, v) {
			int n = snprintf(desc + used, sizeof(desc) - used, "%s%s", k ? ", " : "",
					 json_string_value(v) ? json_string_value(v) : "");

			if (n < 0 || (size_t)n >= sizeof(desc) - used)
				break;
			used += (size_t)n;
		}
		json_array_append_new(
			comps, json_pack("{s:o, s:s, s:s, s:s, s:{s:s}}", "uuid",
					 uuid_of(o, "component", ss_js(e, "name")), "type",
					 "system", "title", ss_js(e, "name"), "description",
					 json_is_array(devices) ? or_dash(desc)
								: ss_tr(o->d, "withheld_cell"),
					 "status", "state", "operational"));
	}
	return json_pack("{s:o, s:o}", "users", users, "components", comps);
}

/* The decision's policy as OSCAL's implementation-status. */
static const char *status_of(const json_t *dec)
{
	const char *p = ss_js_or_null(dec, "policy");

	if (!p)
		return "planned";
	if (strcmp(p, "implement") == 0 || strcmp(p, "existing") == 0)
		return "implemented";
	if (strcmp(p, "alternative") == 0)
		return "alternative";
	if (strcmp(p, "na") == 0)
		return "not-applicable";
	return "planned"; /* accept: a risk taken, recorded in the props */
}

static json_t *requirement(oscal *o, const json_t *q)
{
	const json_t *dec = json_object_get(q, "decision"), *ap = json_object_get(q, "approval"),
		     *a;
	json_t *props = json_array(), *r;
	ss_buf remarks = SS_BUF_INIT(0);
	size_t i;

	json_array_append_new(props, prop("implementation-status", status_of(dec)));
	json_array_append_new(
		props,
		prop("policy", ss_js_or_null(dec, "policy") ? ss_js(dec, "policy") : "open"));
	json_array_append_new(props, prop("item-hash", ss_js(q, "item_hash")));
	if (json_is_object(dec) && ss_ji(dec, "level") >= 1)
		json_array_append_new(props,
				      prop("impact-level", ss_level_text(ss_ji(dec, "level"))));
	if (json_is_object(ap))
		json_array_append_new(props, prop("approval", ss_js(ap, "state")));
	if (json_is_true(json_object_get(q, "default")))
		json_array_append_new(props, prop("minimum-default", "true"));
	ss_buf_printf(&remarks, "%s", ss_pick(o->d, json_object_get(q, "title")));
	if (ss_js_or_null(dec, "reason"))
		ss_buf_printf(&remarks, "\n\n%s: %s", ss_tr(o->d, "reason"), ss_js(dec, "reason"));
	if (ss_js_or_null(dec, "alternative"))
		ss_buf_printf(&remarks, "\n\n%s: %s", ss_tr(o->d, "alternative"),
			      ss_js(dec, "alternative"));
	json_array_foreach(json_object_get(q, "advice"), i, a)
		ss_buf_printf(&remarks, "\n\n%s (%s, %s): %s", ss_tr(o->d, "advice"),
			      ss_js(a, "by"), ss_js(a, "at"), ss_js(a, "note"));
	ss_buf_putc(&remarks, '\0');
	r = json_pack("{s:o, s:s, s:o, s:s, s:[{s:o, s:o, s:s, s:{s:s}}]}", "uuid",
		      uuid_of(o, "requirement", ss_js(q, "id")), "control-id", ss_js(q, "id"),
		      "props", props, "remarks", remarks.ptr ? remarks.ptr : "-", "by-components",
		      "component-uuid", uuid_of(o, "component", NULL), "uuid",
		      uuid_of(o, "by-component", ss_js(q, "id")), "description",
		      or_dash(ss_pick(o->d, json_object_get(q, "mitigation"))),
		      "implementation-status", "state", status_of(dec));
	ss_buf_release(&remarks);
	return r;
}

static json_t *control_implementation(oscal *o)
{
	json_t *list = json_array(), *q;
	char desc[300];
	size_t i;

	snprintf(desc, sizeof(desc), "%s %s",
		 ss_pick(o->d,
			 json_object_get(json_object_get(o->d->m, "project"), "catalog_title")),
		 ss_js(json_object_get(o->d->m, "project"), "catalog_version"));
	json_array_foreach(json_object_get(o->d->m, "requirements"), i, q)
		json_array_append_new(list, requirement(o, q));
	return json_pack("{s:s, s:o}", "description", or_dash(desc), "implemented-requirements",
			 list);
}

/* The document (taken) as indented JSON with sorted keys and a final
 * newline: the same model, the same bytes. */
static int emit(ss_doc *d, json_t *res)
{
	char *text = json_dumps(res, JSON_INDENT(2) | JSON_SORT_KEYS);
	int error;

	json_decref(res);
	if (!text)
		return ss_error_set(SS_ENOMEM, "out of memory");
	error = ss_buf_puts(d->out, text);
	if (!error)
		error = ss_buf_putc(d->out, '\n');
	free(text);
	return error;
}

int ss__render_oscal_ssp(ss_doc *d)
{
	oscal o = {.d = d, .project = ss_js(json_object_get(d->m, "project"), "name")};
	json_t *res, *catalog;

	ss_ck_newest(d->m, o.newest);
	catalog = json_pack(
		"{s:o, s:s, s:[o, o]}", "uuid", uuid_of(&o, "resource", "catalog"), "title",
		ss_pick(d, json_object_get(json_object_get(d->m, "project"), "catalog_title")),
		"props",
		prop("catalog-version", ss_js(json_object_get(d->m, "project"), "catalog_version")),
		prop("catalog-hash", ss_js(json_object_get(d->m, "project"), "catalog_hash")));
	res = json_pack(
		"{s:{s:o, s:o, s:{s:s}, s:o, s:o, s:o, s:{s:[o]}}}", "system-security-plan", "uuid",
		uuid_of(&o, "ssp", NULL), "metadata", metadata(&o, ss_tr(d, "doc_title")),
		"import-profile", "href", "#", "system-characteristics", system_characteristics(&o),
		"system-implementation", system_implementation(&o), "control-implementation",
		control_implementation(&o), "back-matter", "resources", catalog);
	if (!res)
		return ss_error_set(SS_ENOMEM, "out of memory");
	/* the import-profile points at the catalog in the back matter */
	{
		json_t *ssp = json_object_get(res, "system-security-plan");
		char href[40];

		snprintf(href, sizeof(href), "#%s", ss_js(catalog, "uuid"));
		json_object_set_new(json_object_get(ssp, "import-profile"), "href",
				    json_string(href));
	}
	return emit(d, res);
}

/* An accepted risk or an alternative as an OSCAL risk: the scenario as its
 * description, the reason as its statement, the approval as its status
 * (deviation-approved, deviation-requested, or open when management
 * rejected it), the review date as its deadline, the item's ATT&CK
 * techniques as threat ids, an alternative as a remediation. */
static json_t *risk(oscal *o, const json_t *q)
{
	const json_t *dec = json_object_get(q, "decision"), *ap = json_object_get(q, "approval"),
		     *t;
	const char *state = ss_js_or_null(ap, "state"), *status;
	char deadline[32], desc[4200];
	json_t *r, *threats = json_array();
	size_t i;

	status = !state                           ? "deviation-requested"
		 : strcmp(state, "approved") == 0 ? "deviation-approved"
						  : "open";
	snprintf(desc, sizeof(desc), "%s%s%s", ss_pick(o->d, json_object_get(q, "title")),
		 ss_js_or_null(dec, "scenario") ? "\n\n" : "",
		 ss_js_or_null(dec, "scenario") ? ss_js(dec, "scenario") : "");
	/* a threat id is a URI: the technique's page (T1003.001 is
	 * techniques/T1003/001/) */
	json_array_foreach(json_object_get(q, "attack"), i, t) {
		const char *id = json_string_value(t) ? json_string_value(t) : "";
		char uri[96];

		snprintf(uri, sizeof(uri), "https://attack.mitre.org/techniques/%.5s/%s%s", id,
			 strlen(id) > 6 ? id + 6 : "", strlen(id) > 6 ? "/" : "");
		json_array_append_new(threats, json_pack("{s:s, s:s}", "system",
							 "https://attack.mitre.org/", "id", uri));
	}
	r = json_pack("{s:o, s:s, s:s, s:s, s:s, s:[o, o, o]}", "uuid",
		      uuid_of(o, "risk", ss_js(q, "id")), "title",
		      ss_pick(o->d, json_object_get(q, "title")), "description", desc, "statement",
		      or_dash(ss_js_or_null(dec, "reason") ? ss_js(dec, "reason")
							   : ss_js_or_null(dec, "alternative")),
		      "status", status, "props", prop("item", ss_js(q, "id")),
		      prop("policy", ss_js(dec, "policy")),
		      prop("item-hash", ss_js(q, "item_hash")));
	if (json_array_size(threats))
		json_object_set(r, "threat-ids", threats);
	json_decref(threats);
	if (ss_js_or_null(dec, "review_by")) {
		snprintf(deadline, sizeof(deadline), "%.10sT00:00:00Z", ss_js(dec, "review_by"));
		json_object_set_new(r, "deadline", json_string(deadline));
	}
	if (strcmp(ss_js(dec, "policy"), "alternative") == 0 && ss_js_or_null(dec, "alternative"))
		json_object_set_new(r, "remediations",
				    json_pack("[{s:o, s:s, s:s, s:s}]", "uuid",
					      uuid_of(o, "remediation", ss_js(q, "id")),
					      "lifecycle", "planned", "title",
					      ss_tr(o->d, "alternative"), "description",
					      ss_js(dec, "alternative")));
	return r;
}

int ss__render_oscal_poam(ss_doc *d)
{
	oscal o = {.d = d, .project = ss_js(json_object_get(d->m, "project"), "name")};
	json_t *res, *risks = json_array(), *items = json_array(), *q;
	size_t i;

	ss_ck_newest(d->m, o.newest);
	json_array_foreach(json_object_get(d->m, "requirements"), i, q) {
		const char *p = ss_js_or_null(json_object_get(q, "decision"), "policy");
		json_t *r;

		if (!p || (strcmp(p, "accept") != 0 && strcmp(p, "alternative") != 0))
			continue;
		r = risk(&o, q);
		json_array_append_new(
			items, json_pack("{s:o, s:s, s:s, s:[{s:O}], s:[o]}", "uuid",
					 uuid_of(&o, "poam-item", ss_js(q, "id")), "title",
					 ss_pick(d, json_object_get(q, "title")), "description",
					 ss_js(r, "statement"), "related-risks", "risk-uuid",
					 json_object_get(r, "uuid"), "props",
					 prop("item", ss_js(q, "id"))));
		json_array_append_new(risks, r);
	}
	res = json_pack("{s:{s:o, s:o, s:{s:s, s:o}, s:o}}", "plan-of-action-and-milestones",
			"uuid", uuid_of(&o, "poam", NULL), "metadata", metadata(&o, "POA&M"),
			"system-id", "identifier-type", "https://ietf.org/rfc/rfc4122", "id",
			uuid_of(&o, "system", NULL), "poam-items", items);
	if (!res) {
		json_decref(risks);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	if (json_array_size(risks))
		json_object_set(json_object_get(res, "plan-of-action-and-milestones"), "risks",
				risks);
	json_decref(risks);
	return emit(d, res);
}
