/*
 * The vulnerability register of a project (rules 5): each vulnerability of a
 * component, found, analysed by the vendor (a VEX statement), decided by
 * the user side and, when it accepts an exploitable one, approved by
 * management. The records are the rule book's (ss_rules_vulns), folded from
 * the log: there is one definition of each, the one that judged the next
 * event, as for the negotiation (docs/internals/rules.md).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "core/sbom_int.h"
#include "core/vulnmatch.h"
#include "formats/vex.h"
#include "secspec/sbom.h"
#include "store/rules_store.h"
#include "store/sbom_store.h"
#include "util/banned.h"

/* A step of a record (notice, analysis, decision, approval): one event. */
static int vuln_step(json_t **out, ss_store *st, const ss_vuln_req *req, ss_action act,
		     const char *type, json_t *data)
{
	char cr[32] = "", item[200];
	ss_write w = {0};
	bool due = false;
	int error;

	if (!data)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = ss_write__begin(&w, st, req->project, req->by, act)) < 0)
		goto out;
	if (strcmp(type, "vuln.notice") == 0) {
		/* found after agreement and before operation: a change of the
		 * development contract; in operation (step 12), an item of the
		 * maintenance contract, with no change request */
		if ((error = ss__change_due(&due, &w)) < 0)
			goto out;
		due = due && ss_ji(w.project, "phase") < 12;
		if ((error = ss_write__parts(&w, due ? 2 : 1)) < 0)
			goto out;
	}
	error = ss_write__event(&w, type, data);
	data = NULL;
	if (error < 0)
		goto out;
	snprintf(item, sizeof(item), "%.80s on %.80s", req->vuln, req->component);
	if (due && (error = ss__change_follow(cr, &w, true, "vuln-found", item, "", req->vuln, NULL,
					      NULL)) < 0)
		goto out;
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	if (out && !(*out = json_pack("{s:s, s:s, s:s?}", "vuln", req->vuln, "component",
				      req->component, "change", cr[0] ? cr : NULL)))
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	json_decref(data);
	ss_write__release(&w);
	return error;
}

static int req_check(const ss_vuln_req *req, const char *fn)
{
	int error;

	if (!req || !req->project || !req->by || !req->vuln || !req->component)
		return ss_error_set(SS_EINVAL, "%s: NULL argument", fn);
	if ((error = ss_text_check("the vulnerability", req->vuln, SS_NAME_MAX, false)) < 0 ||
	    (error = ss_text_check("--component", req->component, SS_TEXT_MAX, false)) < 0)
		return error;
	return 0;
}

/* The finding of vuln on component in the project's match (the newest
 * SBOM against the advisories held), or SS_ENOTFOUND. */
static int finding_of(json_t **out, ss_store *st, const ss_vuln_req *req)
{
	json_t *m = NULL, *f;
	size_t i;
	int error;

	*out = NULL;
	if ((error = ss_vuln_match(&m, st, req->project)) < 0)
		return error;
	json_array_foreach(json_object_get(m, "findings"), i, f) {
		if (streq(ss_js(f, "component"), req->component) &&
		    (streq(ss_js(f, "vuln"), req->vuln) ||
		     ss__json_has_string(json_object_get(f, "aliases"), req->vuln)))
			*out = json_incref(f);
	}
	json_decref(m);
	if (!*out)
		return ss_error_set(SS_ENOTFOUND,
				    "the advisories held do not say %.80s touches component %.80s "
				    "('secspec vuln match' lists the findings)",
				    req->vuln, req->component);
	return 0;
}

int ss_vuln_notice(json_t **out, ss_store *st, const ss_vuln_req *req)
{
	json_t *f = NULL, *data;
	int64_t sbom = 0;
	int error;

	if ((error = req_check(req, "ss_vuln_notice")) < 0 || (error = ss_store_check(st)) < 0 ||
	    (error = finding_of(&f, st, req)) < 0)
		return error;
	sbom = ss_ji(f, "sbom");
	data = json_pack("{s:s, s:s, s:I, s:O, s:s}", "vuln", ss_js(f, "vuln"), "component",
			 req->component, "sbom", (json_int_t)sbom, "aliases",
			 json_object_get(f, "aliases"), "source", ss_js(f, "source"));
	if (data && ss_js_or_null(f, "summary"))
		json_object_set_new(data, "summary", json_string(ss_js(f, "summary")));
	if (data && ss_js_or_null(f, "severity"))
		json_object_set_new(data, "severity", json_string(ss_js(f, "severity")));
	if (data && ss_js_or_null(f, "score"))
		json_object_set_new(data, "score", json_string(ss_js(f, "score")));
	json_decref(f);
	return vuln_step(out, st, req, SS_ACT_NOTICE, "vuln.notice", data);
}

int ss_vuln_analyse(ss_store *st, const ss_vuln_req *req)
{
	json_t *data, *resp = json_array(), *reg = NULL, *key = NULL;
	int64_t sbom = 0, target = req ? req->target : 0;
	bool began = false;
	int error;

	if ((error = req_check(req, "ss_vuln_analyse")) < 0 || !req->state || !req->detail) {
		json_decref(resp);
		return error < 0
			       ? error
			       : ss_error_set(SS_EINVAL, "an analysis needs --state and --detail");
	}
	if ((error = ss_text_check("--detail", req->detail, SS_TEXT_MAX, true)) < 0)
		goto fail;
	for (const char *const *r = req->response; r && *r; r++)
		json_array_append_new(resp, json_string(*r));
	/* the newest SBOM, and the analysis a new one supersedes */
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		goto fail;
	if ((error = ss__project_read(&key, NULL, st, req->project)) == 0 &&
	    (error = ss_rules_store_sbom(&sbom, st, ss_ji(key, "id"))) == 0 && target == 0 &&
	    (error = ss__vulns_fold(&reg, st, ss_ji(key, "id"), req->project)) == 0) {
		const json_t *rec;
		size_t i;

		json_array_foreach(json_object_get(reg, "records"), i, rec) {
			if (streq(ss_js(rec, "vuln"), req->vuln) &&
			    streq(ss_js(rec, "component"), req->component) &&
			    json_object_get(rec, "analysis"))
				target = ss_ji(json_object_get(rec, "analysis"), "seq");
		}
	}
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(reg);
	if (error < 0)
		goto fail;
	data = json_pack("{s:s, s:s, s:I, s:s, s:s}", "vuln", req->vuln, "component",
			 req->component, "sbom", (json_int_t)sbom, "state", req->state, "detail",
			 req->detail);
	if (data && req->justification)
		json_object_set_new(data, "justification", json_string(req->justification));
	if (data && json_array_size(resp))
		json_object_set(data, "response", resp);
	if (data && target > 0)
		json_object_set_new(data, "supersedes", json_integer(target));
	json_decref(resp);
	return vuln_step(NULL, st, req, SS_ACT_ANALYSE, "vuln.analysis", data);
fail:
	json_decref(resp);
	return error;
}

/* The seq of the current analysis (what "analysis") or decision of a
 * record, when the caller names none. */
static int current_step(int64_t *out, ss_store *st, const ss_vuln_req *req, const char *what)
{
	json_t *key = NULL, *reg = NULL;
	const json_t *rec;
	bool began = false;
	size_t i;
	int error;

	*out = req->target;
	if (*out > 0)
		return 0;
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, NULL, st, req->project)) == 0)
		error = ss__vulns_fold(&reg, st, ss_ji(key, "id"), req->project);
	ss_store__read_end(st, began);
	json_array_foreach(json_object_get(reg, "records"), i, rec) {
		if (streq(ss_js(rec, "vuln"), req->vuln) &&
		    streq(ss_js(rec, "component"), req->component) && json_object_get(rec, what))
			*out = ss_ji(json_object_get(rec, what), "seq");
	}
	json_decref(key);
	json_decref(reg);
	return error;
}

int ss_vuln_decide(ss_store *st, const ss_vuln_req *req)
{
	int64_t target = 0;
	json_t *data;
	int error;

	if ((error = req_check(req, "ss_vuln_decide")) < 0)
		return error;
	if (!req->verdict)
		return ss_error_set(SS_EINVAL, "a decision needs --accept or --reject");
	if (req->reason && (error = ss_text_check("--reason", req->reason, SS_TEXT_MAX, true)) < 0)
		return error;
	if ((error = current_step(&target, st, req, "analysis")) < 0)
		return error;
	data = json_pack("{s:s, s:s, s:I, s:s}", "vuln", req->vuln, "component", req->component,
			 "analysis", (json_int_t)target, "verdict", req->verdict);
	if (data && req->reason && *req->reason)
		json_object_set_new(data, "reason", json_string(req->reason));
	return vuln_step(NULL, st, req, SS_ACT_VULN_DECIDE, "vuln.decide", data);
}

int ss_vuln_approve(ss_store *st, const ss_vuln_req *req)
{
	int64_t target = 0;
	json_t *data;
	int error;

	if ((error = req_check(req, "ss_vuln_approve")) < 0)
		return error;
	if (!req->verdict)
		return ss_error_set(SS_EINVAL, "an approval needs --approve or --reject");
	if (req->reason && (error = ss_text_check("--note", req->reason, SS_TEXT_MAX, true)) < 0)
		return error;
	if ((error = current_step(&target, st, req, "decision")) < 0)
		return error;
	data = json_pack("{s:s, s:s, s:I, s:s}", "vuln", req->vuln, "component", req->component,
			 "decision", (json_int_t)target, "verdict", req->verdict);
	if (data && req->reason && *req->reason)
		json_object_set_new(data, "note", json_string(req->reason));
	return vuln_step(NULL, st, req, SS_ACT_APPROVE, "vuln.approve", data);
}

int ss_vuln_register(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *reg = NULL, *comps = NULL, *byref = NULL, *rec;
	bool began = false;
	int64_t sbom = 0;
	size_t i;
	int error;

	if (!out || !st || !project)
		return ss_error_set(SS_EINVAL, "ss_vuln_register: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, NULL, st, project)) < 0 ||
	    (error = ss__vulns_fold(&reg, st, ss_ji(key, "id"), project)) < 0 ||
	    (error = ss_rules_store_sbom(&sbom, st, ss_ji(key, "id"))) < 0 ||
	    (sbom && (error = ss_sbstore_components(&comps, st, ss_ji(key, "id"), sbom)) < 0))
		goto out;
	byref = json_object();
	json_array_foreach(comps, i, rec) {
		json_object_set(byref, ss_js(rec, "ref"), rec);
	}
	json_array_foreach(json_object_get(reg, "records"), i, rec) {
		const json_t *c = json_object_get(byref, ss_js(rec, "component"));

		json_object_set_new(rec, "current", json_boolean(c != NULL));
		if (c) {
			json_object_set(rec, "name", json_object_get(c, "name"));
			if (json_object_get(c, "version"))
				json_object_set(rec, "version", json_object_get(c, "version"));
			if (json_object_get(c, "purl"))
				json_object_set(rec, "purl", json_object_get(c, "purl"));
		}
		json_object_set_new(rec, "status", json_string(ss__vuln_status(rec)));
	}
	json_object_set_new(reg, "sbom", json_integer(sbom));
	*out = reg;
	reg = NULL;
out:
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(reg);
	json_decref(comps);
	json_decref(byref);
	return error;
}

int ss__model_components(json_t **out, ss_store *st, int64_t pid, const char *project, int64_t upto)
{
	json_t *v = NULL, *reg = NULL, *res = NULL, *rec, *list;
	int64_t n = 0;
	size_t i;
	int error;

	*out = NULL;
	if ((error = ss_rules_store_sbom(&n, st, pid)) < 0 ||
	    (error = ss__vulns_fold_upto(&reg, st, pid, project, upto)) < 0)
		goto out;
	if (n == 0 && json_is_null(json_object_get(reg, "policy")) &&
	    json_array_size(json_object_get(reg, "records")) == 0)
		goto out;
	if (n && (error = ss__sbom_get(&v, st, pid, n)) < 0)
		goto out;
	list = json_array();
	json_array_foreach(json_object_get(v, "components"), i, rec) {
		json_t *c = json_deep_copy(rec);

		json_object_del(c, "hashes");
		json_array_append_new(list, c);
	}
	json_array_foreach(json_object_get(reg, "records"), i, rec) {
		json_object_set_new(rec, "status", json_string(ss__vuln_status(rec)));
	}
	if (v) {
		json_object_del(v, "components");
		json_object_del(v, "dependencies");
		json_object_del(v, "seq");
	}
	res = json_pack("{s:O?, s:o, s:o, s:O, s:O, s:O}", "sbom", v, "list", list, "licences",
			ss__licence_summary(list, json_object_get(reg, "policy")), "policy",
			json_object_get(reg, "policy"), "vulnerabilities",
			json_object_get(reg, "records"), "risky", json_object_get(reg, "risky"));
	if (!res)
		error = ss_error_set(SS_ENOMEM, "out of memory");
	*out = res;
out:
	json_decref(v);
	json_decref(reg);
	return error;
}

int ss_vex_export_project(ss_buf *out, ss_store *st, const char *project, const char *format,
			  bool include_undecided)
{
	json_t *reg = NULL, *doc = NULL, *rec;
	const char *newest = "";
	char id[300], org[300];
	size_t i;
	int error;

	if (!out || !st || !project || !format)
		return ss_error_set(SS_EINVAL, "ss_vex_export_project: NULL argument");
	if ((error = ss_vuln_register(&reg, st, project)) < 0)
		return error;
	/* the document's time is its newest statement's: the same register
	 * gives the same bytes */
	json_array_foreach(json_object_get(reg, "records"), i, rec) {
		static const char *const steps[] = {"analysis", "decision", "approval"};

		for (size_t k = 0; k < 3; k++) {
			const char *t = ss_js(json_object_get(rec, steps[k]), "time");

			if (strcmp(t, newest) > 0)
				newest = t;
		}
	}
	snprintf(id, sizeof(id), "secspec:%s:vex:sbom-%lld", project,
		 (long long)ss_ji(reg, "sbom"));
	/* the statements are the vendor's analyses: its organisation is the author */
	{
		json_t *key = NULL, *proj = NULL;
		bool began = false;

		if ((error = ss_store__read_snapshot(st, &began)) == 0) {
			error = ss__project_read(&key, &proj, st, project);
			ss_store__read_end(st, began);
		}
		snprintf(org, sizeof(org), "%s",
			 error == 0 && *ss_js(proj, "vendor_org") ? ss_js(proj, "vendor_org")
								  : project);
		json_decref(key);
		json_decref(proj);
		if (error < 0) {
			json_decref(reg);
			return error;
		}
	}
	doc = json_pack("{s:s, s:s, s:s, s:s, s:O, s:b}", "project", project, "document_id", id,
			"author", org, "time", *newest ? newest : "1970-01-01T00:00:00Z", "records",
			json_object_get(reg, "records"), "include_undecided", include_undecided);
	if (!doc)
		error = ss_error_set(SS_ENOMEM, "out of memory");
	else
		error = ss_vex_export(out, format, doc);
	json_decref(doc);
	json_decref(reg);
	return error;
}

int ss_vex_import_project(json_t **out, ss_store *st, const char *project, const char *path,
			  const char *by)
{
	json_t *stmts = NULL, *reg = NULL, *comps = NULL, *byref = NULL, *bypurl = NULL,
	       *current = NULL, *res = NULL, *s;
	ss_input in = {.fd = -1};
	ss_write w = {0};
	int64_t sbom = 0;
	size_t i, n = 0;
	int error;

	if (!out || !st || !project || !path || !by)
		return ss_error_set(SS_EINVAL, "ss_vex_import_project: NULL argument");
	if ((error = ss_store_check(st)) < 0 ||
	    (error = ss_input_open(&in, path, ss_vex_limits.bytes)) < 0)
		return error;
	error = ss_vex_parse(&stmts, &in, NULL);
	ss_input_close(&in);
	if (error < 0)
		return error;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_ANALYSE)) < 0 ||
	    (error = ss_rules_store_sbom(&sbom, st, w.pid)) < 0 ||
	    (sbom && (error = ss_sbstore_components(&comps, st, w.pid, sbom)) < 0))
		goto out;
	if (!(reg = ss_rules_vulns(w.rules)) || !(byref = json_object()) ||
	    !(bypurl = json_object()) || !(current = json_object()) ||
	    !(res = json_pack("{s:s, s:I, s:[], s:[]}", "file", path, "sbom", (json_int_t)sbom,
			      "recorded", "skipped"))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_array_foreach(comps, i, s) {
		json_object_set(byref, ss_js(s, "ref"), s);
		if (ss_js_or_null(s, "purl"))
			json_object_set(bypurl, ss_js(s, "purl"), s);
	}
	json_array_foreach(json_object_get(reg, "records"), i, s) {
		char key[2048];

		snprintf(key, sizeof(key), "%s\n%s", ss_js(s, "vuln"), ss_js(s, "component"));
		if (json_object_get(s, "analysis"))
			json_object_set_new(
				current, key,
				json_integer(ss_ji(json_object_get(s, "analysis"), "seq")));
	}
	/* the statements that name a component of the newest SBOM, by its ref
	 * (or BOM-Link ending in it) or its purl */
	json_array_foreach(stmts, i, s) {
		const char *prod = ss_js(s, "product"), *hash = strrchr(prod, '#');
		const json_t *c = json_object_get(byref, prod);

		if (!c && hash)
			c = json_object_get(byref, hash + 1);
		if (!c)
			c = json_object_get(bypurl, prod);
		json_object_set_new((json_t *)s, "_ref",
				    c ? json_string(ss_js(c, "ref")) : json_null());
		if (c)
			n++;
		else
			json_array_append_new(
				json_object_get(res, "skipped"),
				json_pack("{s:s, s:s}", "vuln", ss_js(s, "vuln"), "product", prod));
	}
	if ((error = ss_write__parts(&w, n)) < 0)
		goto out;
	json_array_foreach(stmts, i, s) {
		const char *ref = json_string_value(json_object_get(s, "_ref"));
		char key[2048], detail[SS_TEXT_MAX];
		json_t *data;

		if (!ref)
			continue;
		snprintf(key, sizeof(key), "%s\n%s", ss_js(s, "vuln"), ref);
		snprintf(detail, sizeof(detail), "%s",
			 ss_js_or_null(s, "detail") && *ss_js(s, "detail")
				 ? ss_js(s, "detail")
				 : "(from a VEX document with no detail)");
		data = json_pack("{s:s, s:s, s:I, s:s, s:s}", "vuln", ss_js(s, "vuln"), "component",
				 ref, "sbom", (json_int_t)sbom, "state", ss_js(s, "state"),
				 "detail", detail);
		if (data && ss_js_or_null(s, "justification"))
			json_object_set(data, "justification", json_object_get(s, "justification"));
		if (data && json_array_size(json_object_get(s, "response")))
			json_object_set(data, "response", json_object_get(s, "response"));
		if (data && json_object_get(current, key))
			json_object_set(data, "supersedes", json_object_get(current, key));
		if ((error = ss_write__event(&w, "vuln.analysis", data)) < 0)
			goto out;
		json_object_set_new(current, key, json_integer(w.seq));
		json_array_append_new(json_object_get(res, "recorded"),
				      json_pack("{s:s, s:s, s:s}", "vuln", ss_js(s, "vuln"),
						"component", ref, "state", ss_js(s, "state")));
	}
	if ((error = ss_write__commit(&w)) < 0)
		goto out;
	*out = res;
	res = NULL;
out:
	ss_write__release(&w);
	json_decref(stmts);
	json_decref(reg);
	json_decref(comps);
	json_decref(byref);
	json_decref(bypurl);
	json_decref(current);
	json_decref(res);
	return error;
}
