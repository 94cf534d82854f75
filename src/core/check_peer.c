/*
 * A peer's results as a host check (include/secspec/check.h, ss_check_req
 * peer): OpenSCAP XCCDF 1.2 results or ARF, DISA STIG Viewer CKL or CKLB,
 * read by the formats' readers (src/formats/xccdf_results.c, ckl.c,
 * cklb.c) and mapped to the implemented items of the specification by
 * their STIG ids: a rule whose STIG id (its version, RHEL-09-255045) or one
 * of whose identifiers is a STIG id of an item speaks for that item. The
 * answer has the shape of a check of secspec's own, with the tool named,
 * so that it is recorded the same way (check.run).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/check_int.h"
#include "core/core.h"
#include "formats/input.h"
#include "formats/peer.h"
#include "secspec/catalog.h"
#include "secspec/check.h"
#include "secspec/decision.h"
#include "util/banned.h"

/* The largest results file read (ARF reports of a whole profile are some
 * tens of MiB). */
#define PEER_FILE_MAX ((uint64_t)256 << 20)

struct collect {
	ss_peer_sink sink;
	json_t *results; /* [{rule, stig, idents, status, title}] */
	char tool[128], host[256];
};

static int on_result(ss_peer_sink *s, const ss_sink_peer_result *row)
{
	struct collect *c = s->ctx;
	json_t *idents = row->idents ? json_loads(row->idents, 0, NULL) : NULL;
	json_t *o =
		json_pack("{s:s, s:s, s:o, s:s, s:s}", "rule", row->rule_id ? row->rule_id : "",
			  "stig", row->version ? row->version : "", "idents",
			  json_is_array(idents) ? idents : json_array(), "status",
			  ss_peer_status_name(row->status), "title", row->title ? row->title : "");

	if (!json_is_array(idents))
		json_decref(idents);
	if (!o || json_array_append_new(c->results, o) < 0)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

static int on_run(ss_peer_sink *s, const ss_sink_peer_run *row)
{
	struct collect *c = s->ctx;

	if (!c->tool[0])
		snprintf(c->tool, sizeof(c->tool), "%s", row->tool ? row->tool : "");
	if (!c->host[0])
		snprintf(c->host, sizeof(c->host), "%s", row->host_name ? row->host_name : "");
	return 0;
}

static const char *format_of(const char *path, const char *format)
{
	size_t n = strlen(path);

	if (format)
		return format;
	if (n > 4 && strcmp(path + n - 4, ".ckl") == 0)
		return "ckl";
	if ((n > 5 && strcmp(path + n - 5, ".cklb") == 0) ||
	    (n > 5 && strcmp(path + n - 5, ".json") == 0))
		return "cklb";
	return "xccdf";
}

/* The verdict the rules mapped to one item give together: a failure
 * anywhere fails it, then an error, then a pass; nothing evaluated is n/a. */
static const char *combined(const json_t *statuses)
{
	bool pass = false, error = false;
	const json_t *e;
	size_t i;

	json_array_foreach(statuses, i, e) {
		const char *s = json_string_value(e);

		if (strcmp(s, "fail") == 0)
			return "fail";
		error = error || strcmp(s, "error") == 0 || strcmp(s, "unknown") == 0;
		pass = pass || strcmp(s, "pass") == 0 || strcmp(s, "fixed") == 0;
	}
	return error ? "error" : pass ? "pass" : "na";
}

int ss__check_peer(json_t **out, ss_store *st, const ss_check_req *req)
{
	struct collect c = {{0}, json_array(), "", ""};
	json_t *project = NULL, *reqs = NULL, *info = json_object(), *by_stig = json_object(),
	       *items = json_array(), *q, *e;
	const char *format = format_of(req->peer, req->peer_format), *version, *tool;
	int counts[5] = {0}, linux_items = 0, windows_items = 0, error;
	ss_input in;
	bool opened = false;
	size_t i, k;

	if (!c.results || !info || !by_stig || !items) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (strcmp(format, "xccdf") != 0 && strcmp(format, "ckl") != 0 &&
	    strcmp(format, "cklb") != 0) {
		error = ss_error_set(SS_EINVAL, "--format must be xccdf, ckl or cklb, not '%.20s'",
				     format);
		goto out;
	}
	c.sink = (ss_peer_sink){&c, on_result, on_run};
	if ((error = ss__project_read(NULL, &project, st, req->project)) < 0 ||
	    (error = ss_requirement_list(&reqs, st, req->project, NULL, "decided")) < 0 ||
	    (error = ss_input_open(&in, req->peer, PEER_FILE_MAX)) < 0)
		goto out;
	opened = true;
	error = strcmp(format, "ckl") == 0    ? ss_format_ckl(&c.sink, &in, NULL, info)
		: strcmp(format, "cklb") == 0 ? ss_format_cklb(&c.sink, &in, NULL, info)
					      : ss_format_xccdf_results(&c.sink, &in, NULL, info);
	if (error < 0)
		goto out;
	version = ss_js(project, "catalog_version");
	/* the implemented items by their STIG ids */
	json_array_foreach(reqs, i, q) {
		json_t *item = NULL;

		if (strcmp(ss_js(q, "policy"), "implement") != 0)
			continue;
		if ((error = ss__catalog_item(&item, st, version, ss_js(q, "id"))) < 0)
			goto out;
		json_array_foreach(json_object_get(item, "stig"), k, e) {
			json_t *list = json_object_get(by_stig, json_string_value(e));

			if (!list)
				json_object_set_new(by_stig, json_string_value(e),
						    list = json_array());
			json_array_append_new(
				list, json_pack("{s:s, s:s, s:s, s:s, s:[], s:[]}", "id",
						ss_js(q, "id"), "title_ja", ss_js(q, "title_ja"),
						"title_en", ss_js(q, "title_en"), "platform",
						ss_js(item, "platform"), "statuses", "rules"));
		}
		json_decref(item);
	}
	/* each result to the items its STIG id or identifiers name */
	json_array_foreach(c.results, i, e) {
		const char *keys[64];
		size_t nkeys = 0, j;
		const json_t *id;

		keys[nkeys++] = ss_js(e, "stig");
		json_array_foreach(json_object_get(e, "idents"), j, id)
			if (nkeys < 64)
				keys[nkeys++] = json_string_value(id);
		for (j = 0; j < nkeys; j++) {
			const json_t *list = keys[j] ? json_object_get(by_stig, keys[j]) : NULL,
				     *it;
			size_t m;

			/* an id listed twice speaks once */
			for (m = 0; m < j && list; m++)
				if (keys[m] && strcmp(keys[m], keys[j]) == 0)
					list = NULL;
			json_array_foreach(list, m, it) {
				json_array_append_new(json_object_get(it, "statuses"),
						      json_string(ss_js(e, "status")));
				json_array_append_new(json_object_get(it, "rules"),
						      json_sprintf("%s %s: %s", keys[j],
								   ss_js(e, "rule"),
								   ss_js(e, "status")));
			}
		}
	}
	/* one result per implemented item some rule spoke for, in the order of
	 * the specification */
	json_array_foreach(reqs, i, q) {
		const char *key, *verdict = NULL, *platform = "";
		json_t *list, *statuses = json_array(), *rules = json_array();
		char seen[1024] = "", expected[512];
		size_t used = 0;

		if (strcmp(ss_js(q, "policy"), "implement") != 0)
			continue;
		json_object_foreach(by_stig, key, list) {
			json_array_foreach(list, k, e) {
				if (strcmp(ss_js(e, "id"), ss_js(q, "id")) != 0)
					continue;
				platform = ss_js(e, "platform");
				json_array_extend(statuses, json_object_get(e, "statuses"));
				json_array_extend(rules, json_object_get(e, "rules"));
			}
		}
		if (json_array_size(statuses) == 0) {
			counts[4]++;
			json_decref(statuses);
			json_decref(rules);
			continue;
		}
		verdict = combined(statuses);
		json_array_foreach(rules, k, e) {
			int w = snprintf(seen + used, sizeof(seen) - used, "%s%s", k ? "; " : "",
					 json_string_value(e));

			if (w < 0 || (size_t)w >= sizeof(seen) - used)
				break;
			used += (size_t)w;
		}
		snprintf(expected, sizeof(expected), "pass in %s", format);
		counts[strcmp(verdict, "pass") == 0   ? 0
		       : strcmp(verdict, "fail") == 0 ? 1
		       : strcmp(verdict, "na") == 0   ? 2
						      : 3]++;
		linux_items += strcmp(platform, "linux") == 0;
		windows_items += strcmp(platform, "windows") == 0;
		ss_text_printable(seen, true);
		json_array_append_new(items,
				      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "id",
						ss_js(q, "id"), "title_ja", ss_js(q, "title_ja"),
						"title_en", ss_js(q, "title_en"), "platform",
						platform, "kind", "peer", "verdict", verdict,
						"seen", seen, "expected", expected));
		json_decref(statuses);
		json_decref(rules);
	}
	tool = strcmp(format, "xccdf") == 0 ? "openscap" : "stig-viewer";
	*out = json_pack("{s:s, s:s, s:{s:s, s:s}, s:{s:i, s:i, s:i, s:i, s:i}, s:O, s:s, s:s, "
			 "s:s, s:I}",
			 "project", req->project, "catalog_version", version, "target", "kind",
			 windows_items > linux_items ? "windows" : "linux", "path", req->peer,
			 "counts", "pass", counts[0], "fail", counts[1], "na", counts[2], "error",
			 counts[3], "unchecked", counts[4], "items", items, "tool", tool,
			 "tool_name", c.tool, "host_name", c.host, "rules",
			 (json_int_t)json_array_size(c.results));
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	if (opened)
		ss_input_close(&in);
	json_decref(c.results);
	json_decref(project);
	json_decref(reqs);
	json_decref(info);
	json_decref(by_stig);
	json_decref(items);
	return error;
}

/* --- a check as a STIG Viewer checklist -------------------------------------- */

/* Every id of a checklist secspec writes derives from this namespace. */
#define CKLB_NAMESPACE "7f9e1d66-4be4-4c7e-8c60-283d71e1e77c"

static ss_peer_status status_of(const char *verdict)
{
	return strcmp(verdict, "pass") == 0   ? SS_PEER_PASS
	       : strcmp(verdict, "fail") == 0 ? SS_PEER_FAIL
	       : strcmp(verdict, "na") == 0   ? SS_PEER_NOTAPPLICABLE
					      : SS_PEER_ERROR;
}

int ss_check_cklb(ss_buf *out, ss_store *st, const json_t *answer, const char *host)
{
	const char *version = ss_js(answer, "catalog_version");
	json_t *keep = json_array(), *e, *item;
	ss_cklb_rule *rules = NULL;
	size_t n = 0, cap = 0, i, k;
	char stig_id[160], name[200], title[300];
	ss_cklb_stig stig;
	ss_cklb_doc doc;
	int error = 0;

	if (!out || !st || !answer || !keep) {
		json_decref(keep);
		return ss_error_set(SS_EINVAL, "ss_check_cklb: NULL argument");
	}
	json_array_foreach(json_object_get(answer, "items"), i, e) {
		const json_t *ids, *sid;
		const char *section;

		item = NULL;
		if ((error = ss__catalog_item(&item, st, version, ss_js(e, "id"))) < 0)
			goto out;
		json_array_append_new(keep, item);
		ids = json_object_get(item, "stig");
		section = ss_js(item, "section");
		/* one rule per STIG id of the item, or one for the item itself */
		for (k = 0; k < (json_array_size(ids) ? json_array_size(ids) : 1); k++) {
			json_t *rid;

			if (n == cap) {
				ss_cklb_rule *grown;

				cap = cap ? 2 * cap : 64;
				if (!(grown = realloc(rules, cap * sizeof(*rules)))) {
					error = ss_error_set(SS_ENOMEM, "out of memory");
					goto out;
				}
				rules = grown;
			}
			sid = json_array_get(ids, k);
			rid = json_sprintf("secspec_%s_%s", ss_js(e, "id"),
					   sid ? json_string_value(sid) : "item");
			json_array_append_new(keep, rid);
			rules[n++] = (ss_cklb_rule){
				.rule_id = json_string_value(rid),
				.rule_version = sid ? json_string_value(sid) : ss_js(e, "id"),
				.group_id = ss_js(e, "id"),
				.title = ss_js(e, "title_en"),
				/* a minimum default mitigation is high; the others medium */
				.severity = strcmp(section, "default") == 0 ? "high" : "medium",
				.status = status_of(ss_js(e, "verdict")),
				.finding_details = ss_js(e, "seen"),
				.comments = ss_js(e, "expected"),
			};
		}
	}
	snprintf(stig_id, sizeof(stig_id), "secspec_catalog_%s", version);
	snprintf(name, sizeof(name), "secspec catalog %s (items with their DISA STIG ids)",
		 version);
	snprintf(title, sizeof(title), "secspec check %s %s", ss_js(answer, "project"),
		 host ? host : "");
	stig = (ss_cklb_stig){.stig_id = stig_id,
			      .stig_name = name,
			      .version = version,
			      .release_info = name,
			      .rules = rules,
			      .n_rules = n};
	doc = (ss_cklb_doc){.ns = CKLB_NAMESPACE,
			    .title = title,
			    .host_name = host,
			    .comments = ss_js(json_object_get(answer, "target"), "path"),
			    .stigs = &stig,
			    .n_stigs = 1};
	error = ss_cklb_write(out, &doc);
out:
	free(rules);
	json_decref(keep);
	return error;
}
