/*
 * XCCDF 1.1 and 1.2 benchmarks (DISA STIGs, SCAP data streams; plain or
 * gzip), streamed: rules with their id, STIG version id, severity, title and
 * idents (CCE, CCI ...); profiles with the rules they select. Memory stays
 * bounded however many rules there are.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/import.h"
#include "formats/xml.h"
#include "util/util.h"
#include "util/banned.h"

#define NS_11 "http://checklists.nist.gov/xccdf/1.1"
#define NS_12 "http://checklists.nist.gov/xccdf/1.2"

static bool xccdf(const ss_xml *x)
{
	return strcmp(ss_xml_ns(x), NS_11) == 0 || strcmp(ss_xml_ns(x), NS_12) == 0;
}

typedef struct {
	char *id, *severity, *title, *version;
	json_t *idents;
	int depth;
} rule;

static void rule_clear(rule *r)
{
	xmlFree(r->id);
	xmlFree(r->severity);
	free(r->title);
	free(r->version);
	json_decref(r->idents);
	memset(r, 0, sizeof(*r));
}

/* One more record: a rule, a profile or a selection. */
static int record(const ss_xml *x, uint64_t *n)
{
	if (++*n > x->lim->records)
		return ss_xml_limit(x,
				    "over the record count limit: more rules, profiles and "
				    "selections than %llu",
				    (unsigned long long)x->lim->records);
	return 0;
}

int ss_format_xccdf(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	ss_buf idents = SS_BUF_INIT(1 << 20);
	char *profile = NULL, *bench_title = NULL, *bench_version = NULL;
	int profile_depth = -1, bench_depth = -1;
	bool in_rule = false, titled_profile = false;
	rule r = {0};
	ss_xml x;
	const char *path;
	uint64_t records = 0;
	int rc, error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_xccdf: NULL argument");
	path = in->path;
	if ((error = ss_xml_open(&x, in, lim ? lim : &ss_xccdf_limits)) < 0)
		return error;
	while ((rc = ss_xml_next(&x)) > 0) {
		if ((x.type != XML_READER_TYPE_ELEMENT && x.type != XML_READER_TYPE_END_ELEMENT) ||
		    !xccdf(&x))
			continue;
		if (ss_xml_is_start(&x, "Benchmark") && bench_depth < 0) {
			bench_depth = ss_xml_depth(&x);
			json_object_set_new(
				info, "xccdf",
				json_string(strcmp(ss_xml_ns(&x), NS_12) == 0 ? "1.2" : "1.1"));
		} else if (ss_xml_is_start(&x, "title") && ss_xml_depth(&x) == bench_depth + 1 &&
			   !bench_title) {
			if ((error = ss_xml_text(&bench_title, &x)) < 0)
				goto out;
		} else if (ss_xml_is_start(&x, "version") && ss_xml_depth(&x) == bench_depth + 1 &&
			   !bench_version && !in_rule) {
			if ((error = ss_xml_text(&bench_version, &x)) < 0)
				goto out;
		} else if (ss_xml_is_start(&x, "Rule")) {
			rule_clear(&r);
			in_rule = true;
			r.depth = ss_xml_depth(&x);
			r.id = ss_xml_attr(&x, "id");
			r.severity = ss_xml_attr(&x, "severity");
			r.idents = json_array();
			if (!r.id) {
				error = ss_error_set(SS_EPARSE, "%s:%d: a Rule without an id", path,
						     ss_xml_line(&x));
				goto out;
			}
			if (x.empty)
				goto rule_end;
		} else if (in_rule && ss_xml_is_start(&x, "title") && !r.title) {
			if ((error = ss_xml_text(&r.title, &x)) < 0)
				goto out;
		} else if (in_rule && ss_xml_is_start(&x, "version") && !r.version) {
			if ((error = ss_xml_text(&r.version, &x)) < 0)
				goto out;
		} else if (in_rule && ss_xml_is_start(&x, "ident")) {
			char *t = NULL;

			if ((error = ss_xml_text(&t, &x)) < 0)
				goto out;
			json_array_append_new(r.idents, json_string(t));
			free(t);
			if (json_array_size(r.idents) > x.lim->record_values) {
				error = ss_xml_limit(&x,
						     "over the record link limit: more idents in "
						     "one rule than %llu",
						     (unsigned long long)x.lim->record_values);
				goto out;
			}
		} else if (in_rule && ss_xml_is_end(&x, "Rule") && ss_xml_depth(&x) == r.depth) {
		rule_end:
			in_rule = false;
			ss_buf_clear(&idents);
			if ((error = record(&x, &records)) < 0 ||
			    (error = ss_json_canonical(&idents, r.idents)) < 0)
				goto out;
			{
				ss_sink_xccdf_rule row = {r.id, r.version, r.severity,
							  r.title ? r.title : "", idents.ptr};

				if ((error = SS_SINK_PUT(out, xccdf_rule, &row)) < 0)
					goto out;
			}
			ss_format_count(info, N_("rule"));
			rule_clear(&r);
		} else if (ss_xml_is_start(&x, "Profile")) {
			xmlFree(profile);
			profile = ss_xml_attr(&x, "id");
			profile_depth = ss_xml_depth(&x);
			titled_profile = false;
			if (!profile) {
				error = ss_error_set(SS_EPARSE, "%s:%d: a Profile without an id",
						     path, ss_xml_line(&x));
				goto out;
			}
			{
				ss_sink_xccdf_profile row = {profile, ""};

				if ((error = record(&x, &records)) < 0 ||
				    (error = SS_SINK_PUT(out, xccdf_profile, &row)) < 0)
					goto out;
			}
			ss_format_count(info, N_("profile"));
		} else if (profile && ss_xml_is_start(&x, "title") &&
			   ss_xml_depth(&x) == profile_depth + 1 && !titled_profile) {
			char *t = NULL;
			ss_sink_xccdf_profile row = {profile, ""};

			titled_profile = true;
			if ((error = ss_xml_text(&t, &x)) < 0)
				goto out;
			row.title = t;
			error = SS_SINK_PUT(out, xccdf_profile, &row);
			free(t);
			if (error < 0)
				goto out;
		} else if (profile && ss_xml_is_start(&x, "select")) {
			char *idref = ss_xml_attr(&x, "idref"), *sel = ss_xml_attr(&x, "selected");

			if (idref && sel && strcmp(sel, "true") == 0) {
				ss_sink_xccdf_select row = {profile, idref};

				if ((error = record(&x, &records)) == 0)
					error = SS_SINK_PUT(out, xccdf_select, &row);
			}
			xmlFree(idref);
			xmlFree(sel);
			if (error < 0)
				goto out;
		} else if (profile && ss_xml_is_end(&x, "Profile")) {
			xmlFree(profile);
			profile = NULL;
		}
	}
	if (rc < 0) {
		error = rc;
		goto out;
	}
	if (bench_depth < 0) {
		error = ss_error_set(SS_EPARSE, "%s: no XCCDF 1.1 or 1.2 Benchmark in the file",
				     path);
		goto out;
	}
	json_object_set_new(info, "name",
			    json_string(bench_title ? bench_title : "XCCDF benchmark"));
	json_object_set_new(info, "version", json_string(bench_version ? bench_version : ""));
out:
	rule_clear(&r);
	xmlFree(profile);
	free(bench_title);
	free(bench_version);
	ss_buf_release(&idents);
	ss_xml_close(&x);
	return error;
}
