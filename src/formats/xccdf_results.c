/*
 * XCCDF 1.1 / 1.2 results (`oscap xccdf eval --results`: the benchmark with
 * its TestResult) and ARF reports (`--results-arf`: the data stream in a
 * report request, the TestResult in arf:reports), plain or gzip, streamed.
 *
 * The benchmark comes before the TestResult in both, so one pass suffices:
 * each Rule's title, version, severity and idents (CCE, and the DISA
 * references: CCI, SRG, STIG id, SV- rule id) are kept, keyed by the rule's
 * id, and joined to its rule-result. That table grows with the input only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/peer_int.h"
#include "formats/xml.h"
#include "util/util.h"
#include "util/banned.h"

#define NS_11 "http://checklists.nist.gov/xccdf/1.1"
#define NS_12 "http://checklists.nist.gov/xccdf/1.2"
#define DISA_RULE "xccdf_mil.disa.stig_rule_"
#define DISA_GROUP "xccdf_mil.disa.stig_group_"

static bool xccdf(const ss_xml *x)
{
	return strcmp(ss_xml_ns(x), NS_12) == 0 || strcmp(ss_xml_ns(x), NS_11) == 0;
}

static bool prefixed(const char *s, const char *p)
{
	return s && strncmp(s, p, strlen(p)) == 0;
}

/* The V- id of a DISA STIG Group ("xccdf_mil.disa.stig_group_V-257777" in
 * XCCDF 1.2, "V-257777" in 1.1), or NULL. */
static const char *disa_group(const char *id)
{
	if (prefixed(id, DISA_GROUP))
		id += strlen(DISA_GROUP);
	return prefixed(id, "V-") ? id : NULL;
}

/* A reference that is a DISA id: its href is on cyber.mil or iase.disa.mil
 * and its text one short token (CCI-000366, SRG-OS-000480-GPOS-00227,
 * RHEL-09-211010, SV-257777r925318_rule). */
static bool disa_ref(const char *href, const char *text)
{
	size_t n;

	if (!href || !(strstr(href, "://public.cyber.mil/") || strstr(href, "://iase.disa.mil/") ||
		       strstr(href, "://cyber.mil/")))
		return false;
	text += strspn(text, " \t\r\n");
	n = strlen(text);
	while (n && strchr(" \t\r\n", text[n - 1]))
		n--;
	return n > 0 && n < 128 && strcspn(text, " \t\r\n") >= n;
}

typedef struct {
	ss_xml x;
	ss_peer_sink *out;
	json_t *info;
	const char *path;
	uint64_t records;
	ss_buf canon[6];
	/* the benchmark */
	json_t *rules; /* rule id -> {t, v, s, g, i: [...]} */
	char *bench_id, *bench_title, *bench_version;
	int bench_depth;
	char *group; /* the V- id of the DISA Group around, and its depth */
	int group_depth;
	/* a Rule of the benchmark */
	json_t *rule;
	char *rule_id;
	int rule_depth;
	/* a TestResult */
	int run, tr_depth;
	int64_t results;
	char *tr_id, *tr_title, *tr_tool, *tr_bench, *tr_version, *tr_profile, *tr_identity,
		*tr_target, *tr_fqdn, *tr_start, *tr_end;
	json_t *addresses, *macs, *facts, *scores;
	/* a rule-result */
	char *rr_id, *rr_time, *rr_severity, *rr_result;
	json_t *rr_idents, *rr_messages;
	int rr_depth, rr_line;
	bool seen_tr;
	const char *root;
} rd;

static void run_clear(rd *r)
{
	char **s[] = {&r->tr_id,      &r->tr_title,   &r->tr_tool,     &r->tr_bench,
		      &r->tr_version, &r->tr_profile, &r->tr_identity, &r->tr_target,
		      &r->tr_fqdn,    &r->tr_start,   &r->tr_end};

	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		free(*s[i]);
		*s[i] = NULL;
	}
	json_decref(r->addresses);
	json_decref(r->macs);
	json_decref(r->facts);
	json_decref(r->scores);
	r->addresses = r->macs = r->facts = r->scores = NULL;
	r->results = 0;
	r->tr_depth = -1;
}

static void rr_clear(rd *r)
{
	free(r->rr_id);
	free(r->rr_time);
	free(r->rr_severity);
	free(r->rr_result);
	json_decref(r->rr_idents);
	json_decref(r->rr_messages);
	r->rr_id = r->rr_time = r->rr_severity = r->rr_result = NULL;
	r->rr_idents = r->rr_messages = NULL;
	r->rr_depth = -1;
}

static void rule_clear(rd *r)
{
	free(r->rule_id);
	json_decref(r->rule);
	r->rule_id = NULL;
	r->rule = NULL;
	r->rule_depth = -1;
}

/* An attribute, malloc'd (free with free), or NULL. */
static char *attr(const ss_xml *x, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
	char *s = v ? strdup((const char *)v) : NULL;

	xmlFree(v);
	return s;
}

static int oom(void)
{
	return ss_error_set(SS_ENOMEM, "out of memory");
}

static int record(rd *r)
{
	if (++r->records > r->x.lim->records)
		return ss_xml_limit(&r->x,
				    "over the record count limit: more rules and results than %llu",
				    (unsigned long long)r->x.lim->records);
	return 0;
}

/* One more value in a list of one record (idents, messages, facts). */
static int link_check(rd *r, const json_t *list, const char *what)
{
	if (json_object_size(list) + json_array_size(list) > r->x.lim->record_values)
		return ss_xml_limit(&r->x, "over the record link limit: more %s than %llu", what,
				    (unsigned long long)r->x.lim->record_values);
	return 0;
}

/* The text of the current element into *dst (kept when already set). */
static int text_once(rd *r, char **dst)
{
	char *t = NULL;
	int error = ss_xml_text(&t, &r->x);

	if (error < 0)
		return error;
	if (*dst)
		free(t);
	else
		*dst = t;
	return 0;
}

static int text_add(rd *r, json_t *arr, const char *what)
{
	char *t = NULL;
	int error = ss_xml_text(&t, &r->x);

	if (error < 0)
		return error;
	error = ss_peer__add_unique(arr, t);
	free(t);
	return error < 0 ? error : link_check(r, arr, what);
}

static const char *canon(rd *r, int k, const json_t *v)
{
	ss_buf_clear(&r->canon[k]);
	if (ss_peer__canon(&r->canon[k], v) < 0)
		return NULL;
	return r->canon[k].ptr;
}

/* ---- the benchmark's rules -------------------------------------------- */

static int rule_start(rd *r)
{
	rule_clear(r);
	r->rule_id = attr(&r->x, "id");
	if (!r->rule_id)
		return ss_error_set(SS_EPARSE, "%s:%d: Rule: no id", r->path, ss_xml_line(&r->x));
	r->rule_depth = ss_xml_depth(&r->x);
	if (!(r->rule = json_pack("{s:{}}", "i")))
		return oom();
	{
		char *sev = attr(&r->x, "severity");

		if (sev)
			json_object_set_new(r->rule, "s", json_string(sev));
		free(sev);
	}
	if (r->group && r->group_depth < r->rule_depth)
		json_object_set_new(r->rule, "g", json_string(r->group));
	return 0;
}

static int rule_end(rd *r)
{
	json_t *idents = json_object_get(r->rule, "i");
	const char *sv = prefixed(r->rule_id, DISA_RULE) ? r->rule_id + strlen(DISA_RULE)
			 : prefixed(r->rule_id, "SV-")   ? r->rule_id
							 : NULL;
	int error;

	if (sv && (error = ss_peer__add_unique(idents, sv)) < 0)
		return error;
	if (json_object_get(r->rule, "g") &&
	    (error = ss_peer__add_unique(idents, ss_js(r->rule, "g"))) < 0)
		return error;
	if ((error = record(r)) < 0)
		return error;
	/* the first of a repeated id (two benchmarks in a data stream) stays */
	if (!json_object_get(r->rules, r->rule_id) &&
	    json_object_set(r->rules, r->rule_id, r->rule) < 0)
		return oom();
	rule_clear(r);
	return 0;
}

static int in_rule(rd *r)
{
	ss_xml *x = &r->x;
	int d = ss_xml_depth(x);

	if (ss_xml_is_start(x, "title") && d == r->rule_depth + 1) {
		char *t = NULL;
		int error = text_once(r, &t);

		if (error < 0)
			return error;
		if (!json_object_get(r->rule, "t"))
			json_object_set_new(r->rule, "t", json_string(t));
		free(t);
	} else if (ss_xml_is_start(x, "version") && d == r->rule_depth + 1) {
		char *t = NULL;
		int error = text_once(r, &t);

		if (error < 0)
			return error;
		if (!json_object_get(r->rule, "v"))
			json_object_set_new(r->rule, "v", json_string(t));
		free(t);
	} else if (ss_xml_is_start(x, "ident")) {
		return text_add(r, json_object_get(r->rule, "i"), _("idents in one rule"));
	} else if (ss_xml_is_start(x, "reference")) {
		char *href = attr(x, "href"), *t = NULL;
		int error = ss_xml_text(&t, x);

		if (error == 0 && disa_ref(href, t)) {
			json_t *i = json_object_get(r->rule, "i");

			if ((error = ss_peer__add_unique(i, t)) >= 0)
				error = link_check(r, i, _("idents in one rule"));
		}
		free(href);
		free(t);
		return error < 0 ? error : 0;
	}
	return 0;
}

/* ---- a TestResult -------------------------------------------------------- */

static int tr_start(rd *r)
{
	ss_xml *x = &r->x;

	run_clear(r);
	r->seen_tr = true;
	r->tr_depth = ss_xml_depth(x);
	r->tr_id = attr(x, "id");
	r->tr_start = attr(x, "start-time");
	r->tr_end = attr(x, "end-time");
	r->tr_version = attr(x, "version");
	r->tr_tool = attr(x, "test-system");
	r->addresses = json_object();
	r->macs = json_object();
	r->facts = json_array();
	r->scores = json_array();
	if (!r->addresses || !r->macs || !r->facts || !r->scores)
		return oom();
	if (!r->tr_id)
		return ss_error_set(SS_EPARSE, "%s:%d: TestResult: no id", r->path, ss_xml_line(x));
	return x->empty ? 1 : 0;
}

static int tr_end(rd *r)
{
	json_t *none = json_array();
	ss_sink_peer_run row = {
		.run = r->run,
		.format = "xccdf",
		.id = r->tr_id,
		.title = r->tr_title,
		.tool = r->tr_tool,
		.benchmark = r->tr_bench ? r->tr_bench : r->bench_id,
		.benchmark_version = r->tr_version ? r->tr_version : r->bench_version,
		.profile = r->tr_profile,
		.identity = r->tr_identity,
		.host_name = r->tr_target,
		.fqdn = r->tr_fqdn,
		.start_time = r->tr_start,
		.end_time = r->tr_end,
		.results = r->results,
	};
	int error = 0;

	if (!none)
		return oom();
	if (!(row.addresses = canon(r, 0, r->addresses)) || !(row.macs = canon(r, 1, r->macs)) ||
	    !(row.facts = canon(r, 2, r->facts)) || !(row.scores = canon(r, 3, r->scores)) ||
	    !(row.stigs = canon(r, 4, none)))
		error = oom();
	json_decref(none);
	if (error == 0 && (error = record(r)) == 0 && (error = SS_SINK_PUT(r->out, run, &row)) == 0)
		ss_format_count(r->info, N_("run"));
	r->run++;
	run_clear(r);
	return error;
}

static int fact(rd *r)
{
	ss_xml *x = &r->x;
	char *name = attr(x, "name"), *type = attr(x, "type"), *value = NULL;
	int error = ss_xml_text(&value, x);

	if (error == 0 && name) {
		json_t *f = json_pack("{s:s, s:s, s:s}", "name", name, "type",
				      type ? type : "string", "value", value);

		if (!f || json_array_append_new(r->facts, f) < 0)
			error = oom();
		else if (strcmp(name, "urn:xccdf:fact:asset:identifier:fqdn") == 0 && !r->tr_fqdn)
			r->tr_fqdn = strdup(value);
		else if (strcmp(name, "urn:xccdf:fact:asset:identifier:mac") == 0)
			error = ss_peer__add_unique(r->macs, value);
		if (error >= 0)
			error = link_check(r, r->facts, _("facts of a target"));
	}
	free(name);
	free(type);
	free(value);
	return error < 0 ? error : 0;
}

static int score(rd *r)
{
	ss_xml *x = &r->x;
	char *system = attr(x, "system"), *max = attr(x, "maximum"), *value = NULL;
	int error = ss_xml_text(&value, x);
	json_t *s;

	if (error == 0) {
		s = json_pack("{s:s, s:s}", "system", system ? system : "urn:xccdf:scoring:default",
			      "score", value);
		if (s && max)
			json_object_set_new(s, "maximum", json_string(max));
		if (!s || json_array_append_new(r->scores, s) < 0)
			error = oom();
		else
			error = link_check(r, r->scores, _("scores of a test result"));
	}
	free(system);
	free(max);
	free(value);
	return error;
}

static int rr_start(rd *r)
{
	ss_xml *x = &r->x;

	rr_clear(r);
	r->rr_depth = ss_xml_depth(x);
	r->rr_line = ss_xml_line(x);
	r->rr_id = attr(x, "idref");
	r->rr_time = attr(x, "time");
	r->rr_severity = attr(x, "severity");
	r->rr_idents = json_object();
	r->rr_messages = json_object();
	if (!r->rr_idents || !r->rr_messages)
		return oom();
	if (!r->rr_id)
		return ss_error_set(SS_EPARSE, "%s:%d: rule-result: no idref", r->path,
				    ss_xml_line(x));
	return x->empty ? 1 : 0;
}

static int rr_end(rd *r)
{
	const json_t *rule = json_object_get(r->rules, r->rr_id);
	json_t *idents = json_object(), *v;
	const char *key;
	ss_sink_peer_result row = {
		.run = r->run,
		.rule_id = r->rr_id,
		.version = ss_js_or_null(rule, "v"),
		.group_id = ss_js_or_null(rule, "g"),
		.title = ss_js_or_null(rule, "t"),
		.benchmark = r->tr_bench ? r->tr_bench : r->bench_id,
		.status_text = r->rr_result,
		.severity = r->rr_severity ? r->rr_severity : ss_js_or_null(rule, "s"),
		.time = r->rr_time,
	};
	int error = 0;

	if (!r->rr_result) {
		error = ss_error_set(SS_EPARSE, "%s:%d: rule-result %s: no result", r->path,
				     r->rr_line, r->rr_id);
		goto out;
	}
	if (ss_peer_status_parse(&row.status, r->rr_result) < 0) {
		error = ss_error_set(SS_EPARSE,
				     "%s:%d: rule-result %s: result '%.40s' is not an XCCDF result "
				     "(pass, fail, error, unknown, notapplicable, notchecked, "
				     "notselected, informational, fixed)",
				     r->path, r->rr_line, r->rr_id, r->rr_result);
		goto out;
	}
	if (!idents) {
		error = oom();
		goto out;
	}
	json_object_foreach((json_t *)json_object_get(rule, "i"), key, v) {
		if ((error = ss_peer__add_unique(idents, key)) < 0)
			goto out;
	}
	json_object_foreach(r->rr_idents, key, v) {
		if ((error = ss_peer__add_unique(idents, key)) < 0)
			goto out;
	}
	if (!(row.idents = canon(r, 0, idents)) || !(row.messages = canon(r, 1, r->rr_messages))) {
		error = oom();
		goto out;
	}
	error = 0;
	if ((error = record(r)) < 0 || (error = SS_SINK_PUT(r->out, result, &row)) < 0)
		goto out;
	r->results++;
	ss_format_count(r->info, N_("result"));
out:
	json_decref(idents);
	rr_clear(r);
	return error;
}

static int in_rr(rd *r)
{
	ss_xml *x = &r->x;

	if (ss_xml_is_start(x, "result") && ss_xml_depth(x) == r->rr_depth + 1)
		return text_once(r, &r->rr_result);
	if (ss_xml_is_start(x, "ident"))
		return text_add(r, r->rr_idents, _("idents in one rule"));
	if (ss_xml_is_start(x, "message"))
		return text_add(r, r->rr_messages, _("messages in one rule result"));
	return 0;
}

static int in_tr(rd *r)
{
	ss_xml *x = &r->x;
	int d = ss_xml_depth(x) - r->tr_depth;

	if (d != 1 && !ss_xml_is_start(x, "fact"))
		return 0;
	if (ss_xml_is_start(x, "benchmark")) {
		if (!r->tr_bench)
			r->tr_bench = attr(x, "id");
	} else if (ss_xml_is_start(x, "title")) {
		return text_once(r, &r->tr_title);
	} else if (ss_xml_is_start(x, "identity")) {
		return text_once(r, &r->tr_identity);
	} else if (ss_xml_is_start(x, "profile")) {
		if (!r->tr_profile)
			r->tr_profile = attr(x, "idref");
	} else if (ss_xml_is_start(x, "target")) {
		return text_once(r, &r->tr_target);
	} else if (ss_xml_is_start(x, "target-address")) {
		return text_add(r, r->addresses, _("addresses of a target"));
	} else if (ss_xml_is_start(x, "fact")) {
		return fact(r);
	} else if (ss_xml_is_start(x, "score")) {
		return score(r);
	}
	return 0;
}

static int step(rd *r)
{
	ss_xml *x = &r->x;
	int error;

	if (!r->root && x->type == XML_READER_TYPE_ELEMENT) {
		r->root = x->name;
		if (strcmp(x->name, "CHECKLIST") == 0)
			return ss_error_set(SS_EPARSE,
					    "%s:%d: a STIG Viewer checklist (CKL), not XCCDF "
					    "results: read it as a checklist",
					    r->path, ss_xml_line(x));
	}
	if (x->type == XML_READER_TYPE_END_ELEMENT ||
	    (x->empty && x->type == XML_READER_TYPE_ELEMENT)) {
		int d = ss_xml_depth(x);

		if (!xccdf(x))
			return 0;
		if (r->rr_depth == d && ss_xml_is_end(x, "rule-result"))
			return rr_end(r);
		if (r->tr_depth == d && ss_xml_is_end(x, "TestResult"))
			return tr_end(r);
		if (r->rule_depth == d && ss_xml_is_end(x, "Rule"))
			return rule_end(r);
		if (r->group_depth == d && ss_xml_is_end(x, "Group")) {
			free(r->group);
			r->group = NULL;
			r->group_depth = -1;
		}
		if (x->type == XML_READER_TYPE_END_ELEMENT)
			return 0;
	}
	if (x->type != XML_READER_TYPE_ELEMENT || !xccdf(x))
		return 0;
	if (r->rr_depth >= 0)
		return in_rr(r);
	if (r->tr_depth >= 0) {
		if (ss_xml_is_start(x, "rule-result")) {
			error = rr_start(r);
			return error == 1 ? rr_end(r) : error;
		}
		return in_tr(r);
	}
	if (r->rule_depth >= 0)
		return in_rule(r);
	if (ss_xml_is_start(x, "TestResult")) {
		error = tr_start(r);
		return error == 1 ? tr_end(r) : error;
	}
	if (ss_xml_is_start(x, "Rule")) {
		if ((error = rule_start(r)) < 0)
			return error;
		return x->empty ? rule_end(r) : 0;
	}
	if (ss_xml_is_start(x, "Group") && !x->empty) {
		char *id = attr(x, "id");
		const char *v = disa_group(id);

		if (v) {
			free(r->group);
			r->group = strdup(v);
			r->group_depth = ss_xml_depth(x);
		}
		free(id);
		return 0;
	}
	if (ss_xml_is_start(x, "Benchmark") && r->bench_depth < 0) {
		r->bench_depth = ss_xml_depth(x);
		r->bench_id = attr(x, "id");
		return 0;
	}
	if (r->bench_depth >= 0 && ss_xml_depth(x) == r->bench_depth + 1) {
		if (ss_xml_is_start(x, "title"))
			return text_once(r, &r->bench_title);
		if (ss_xml_is_start(x, "version"))
			return text_once(r, &r->bench_version);
	}
	return 0;
}

int ss_format_xccdf_results(ss_peer_sink *out, ss_input *in, const ss_import_limits *lim,
			    json_t *info)
{
	rd r = {0};
	int rc, error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_xccdf_results: NULL argument");
	r.out = out;
	r.info = info;
	r.path = in->path;
	r.bench_depth = r.group_depth = r.rule_depth = r.tr_depth = r.rr_depth = -1;
	for (size_t i = 0; i < sizeof(r.canon) / sizeof(r.canon[0]); i++)
		ss_buf_init(&r.canon[i], 0);
	if (!(r.rules = json_object()))
		return oom();
	if ((error = ss_xml_open(&r.x, in, lim ? lim : &ss_peer_xml_limits)) < 0)
		goto out;
	while ((rc = ss_xml_next(&r.x)) > 0)
		if ((error = step(&r)) < 0)
			goto out;
	if (rc < 0) {
		error = rc;
		goto out;
	}
	if (!r.seen_tr) {
		error = r.bench_id
				? ss_error_set(SS_EPARSE,
					       "%s: no TestResult in the file: it holds the "
					       "benchmark %s (rules and profiles), not the results "
					       "of a scan; give the output of `oscap xccdf eval "
					       "--results` or `--results-arf`",
					       r.path, r.bench_id)
				: ss_error_set(SS_EPARSE,
					       "%s: no XCCDF TestResult in the file (root element "
					       "%s)",
					       r.path, r.root ? r.root : "none");
		goto out;
	}
	json_object_set_new(info, "name",
			    json_string(r.bench_title ? r.bench_title
					: r.bench_id  ? r.bench_id
						      : "XCCDF results"));
	json_object_set_new(info, "version", json_string(r.bench_version ? r.bench_version : ""));
out:
	rr_clear(&r);
	run_clear(&r);
	rule_clear(&r);
	json_decref(r.rules);
	free(r.bench_id);
	free(r.bench_title);
	free(r.bench_version);
	free(r.group);
	for (size_t i = 0; i < sizeof(r.canon) / sizeof(r.canon[0]); i++)
		ss_buf_release(&r.canon[i]);
	ss_xml_close(&r.x);
	return error;
}
