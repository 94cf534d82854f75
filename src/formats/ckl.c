/*
 * DISA STIG Viewer 2.x checklists (CKL: XML without a namespace), streamed:
 *
 *   CHECKLIST / ASSET / HOST_NAME, HOST_IP, HOST_MAC, HOST_FQDN, ROLE ...
 *   CHECKLIST / STIGS / iSTIG / STIG_INFO / SI_DATA / SID_NAME, SID_DATA
 *   CHECKLIST / STIGS / iSTIG / VULN / STIG_DATA / VULN_ATTRIBUTE, ATTRIBUTE_DATA
 *   CHECKLIST / STIGS / iSTIG / VULN / STATUS, FINDING_DETAILS, COMMENTS,
 *                                      SEVERITY_OVERRIDE, SEVERITY_JUSTIFICATION
 *
 * One result row per VULN as its end is read, the run (the asset and the
 * STIGs) after the last. The asset's address, MAC and FQDN are checked: one
 * that is not valid is left out with a warning, the checklist is still read
 * (the verdicts do not depend on it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/peer_int.h"
#include "formats/xml.h"
#include "util/util.h"
#include "util/banned.h"

/* The VULN attributes kept. */
enum { A_VULN, A_RULE, A_VER, A_TITLE, A_SEV, A_GTITLE, A_N };
static const char *const attrs[A_N] = {"Vuln_Num",   "Rule_ID",  "Rule_Ver",
				       "Rule_Title", "Severity", "Group_Title"};

/* The VULN children kept. */
enum { V_STATUS, V_DETAILS, V_COMMENTS, V_OVERRIDE, V_JUSTIFY, V_N };
static const char *const children[V_N] = {"STATUS", "FINDING_DETAILS", "COMMENTS",
					  "SEVERITY_OVERRIDE", "SEVERITY_JUSTIFICATION"};

/* The ASSET children kept. */
enum { T_HOST, T_IP, T_MAC, T_FQDN, T_ROLE, T_N };
static const char *const asset[T_N] = {"HOST_NAME", "HOST_IP", "HOST_MAC", "HOST_FQDN", "ROLE"};

typedef struct {
	ss_xml x;
	ss_peer_sink *out;
	json_t *info;
	const char *path;
	uint64_t records;
	int64_t results;
	ss_buf canon[2];
	char *tool;
	char *target[T_N];
	int target_line[T_N];
	json_t *stigs; /* [{stig_id, title, version, release_info, uuid?}] */
	json_t *stig;  /* the current iSTIG's */
	char *sid_name;
	/* the VULN */
	int vuln_depth, vuln_line;
	char *a[A_N], *v[V_N];
	char *attribute; /* the VULN_ATTRIBUTE of the STIG_DATA being read */
	json_t *idents, *ccis, *legacy;
	int stig_data;
	bool root;
} rd;

static int oom(void)
{
	return ss_error_set(SS_ENOMEM, "out of memory");
}

static void vuln_clear(rd *r)
{
	for (int i = 0; i < A_N; i++) {
		free(r->a[i]);
		r->a[i] = NULL;
	}
	for (int i = 0; i < V_N; i++) {
		free(r->v[i]);
		r->v[i] = NULL;
	}
	free(r->attribute);
	r->attribute = NULL;
	json_decref(r->idents);
	json_decref(r->ccis);
	json_decref(r->legacy);
	r->idents = r->ccis = r->legacy = NULL;
	r->vuln_depth = -1;
	r->stig_data = 0;
}

static int text(rd *r, char **dst)
{
	char *t = NULL;
	int error = ss_xml_text(&t, &r->x);

	if (error < 0)
		return error;
	if (*dst)
		free(t); /* the first of a repeated field stays */
	else
		*dst = t;
	return 0;
}

static int record(rd *r)
{
	if (++r->records > r->x.lim->records)
		return ss_xml_limit(&r->x,
				    "over the record count limit: more rules and results than %llu",
				    (unsigned long long)r->x.lim->records);
	return 0;
}

static const char *canon(rd *r, int k, const json_t *v)
{
	ss_buf_clear(&r->canon[k]);
	return ss_peer__canon(&r->canon[k], v) < 0 ? NULL : r->canon[k].ptr;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* The STATUS values of a CKL (a CKLB's spellings are not). */
static bool ckl_status(const char *s)
{
	return strcmp(s, "NotAFinding") == 0 || strcmp(s, "Open") == 0 ||
	       strcmp(s, "Not_Applicable") == 0 || strcmp(s, "Not_Reviewed") == 0;
}

static int vuln_end(rd *r)
{
	const char *sev = nonempty(r->a[A_SEV]);
	ss_sink_peer_result row = {
		.run = 0,
		.rule_id = nonempty(r->a[A_RULE]),
		.version = nonempty(r->a[A_VER]),
		.group_id = nonempty(r->a[A_VULN]),
		.title = nonempty(r->a[A_TITLE]),
		.benchmark = ss_js_or_null(r->stig, "stig_id"),
		.status_text = r->v[V_STATUS],
		.severity = sev,
		.severity_override = nonempty(r->v[V_OVERRIDE]),
		.severity_justification = nonempty(r->v[V_JUSTIFY]),
		.messages = "[]",
		.finding_details = r->v[V_DETAILS],
		.comments = r->v[V_COMMENTS],
	};
	const char *which = row.group_id ? row.group_id : row.rule_id;
	const char *key;
	json_t *c;
	int error;

	if (!row.rule_id && !row.group_id)
		return ss_error_set(SS_EPARSE, "%s:%d: VULN: neither a Rule_ID nor a Vuln_Num",
				    r->path, r->vuln_line);
	if (!r->v[V_STATUS])
		return ss_error_set(SS_EPARSE, "%s:%d: VULN %s: no STATUS", r->path, r->vuln_line,
				    which);
	if (!ckl_status(r->v[V_STATUS]) || ss_peer_status_ckl(&row.status, r->v[V_STATUS]) < 0)
		return ss_error_set(SS_EPARSE,
				    "%s:%d: VULN %s: STATUS '%.40s' is not NotAFinding, Open, "
				    "Not_Applicable or Not_Reviewed",
				    r->path, r->vuln_line, which, r->v[V_STATUS]);
	/* the ids a catalog item may name, in a fixed order */
	if ((error = ss_peer__add_unique(r->idents, row.group_id)) < 0 ||
	    (error = ss_peer__add_unique(r->idents, row.rule_id)) < 0 ||
	    (error = ss_peer__add_unique(r->idents, row.version)) < 0)
		return error;
	if (r->a[A_GTITLE] && strncmp(r->a[A_GTITLE], "SRG-", 4) == 0 &&
	    (error = ss_peer__add_unique(r->idents, r->a[A_GTITLE])) < 0)
		return error;
	json_object_foreach(r->ccis, key, c) {
		if ((error = ss_peer__add_unique(r->idents, key)) < 0)
			return error;
	}
	json_object_foreach(r->legacy, key, c) {
		if ((error = ss_peer__add_unique(r->idents, key)) < 0)
			return error;
	}
	if (!(row.idents = canon(r, 0, r->idents)))
		return oom();
	if ((error = record(r)) < 0 || (error = SS_SINK_PUT(r->out, result, &row)) < 0)
		return error;
	r->results++;
	ss_format_count(r->info, N_("result"));
	vuln_clear(r);
	return 0;
}

/* An ATTRIBUTE_DATA: kept when its VULN_ATTRIBUTE is one of ours. */
static int attribute_data(rd *r)
{
	const char *name = r->attribute;
	char *t = NULL;
	int error;

	if (!name)
		return ss_error_set(SS_EPARSE,
				    "%s:%d: STIG_DATA: ATTRIBUTE_DATA before its "
				    "VULN_ATTRIBUTE",
				    r->path, ss_xml_line(&r->x));
	if (strcmp(name, "CCI_REF") == 0 || strcmp(name, "LEGACY_ID") == 0) {
		json_t *list = name[0] == 'C' ? r->ccis : r->legacy;

		if ((error = ss_xml_text(&t, &r->x)) < 0)
			return error;
		error = ss_peer__add_unique(list, t);
		free(t);
		return error < 0 ? error : 0;
	}
	for (int i = 0; i < A_N; i++)
		if (strcmp(name, attrs[i]) == 0)
			return text(r, &r->a[i]);
	return 0;
}

static int in_vuln(rd *r)
{
	ss_xml *x = &r->x;

	if (ss_xml_is_start(x, "STIG_DATA")) {
		free(r->attribute);
		r->attribute = NULL;
		if (++r->stig_data > (int)r->x.lim->record_values)
			return ss_xml_limit(
				x,
				"over the record link limit: more STIG_DATA in one VULN "
				"than %llu",
				(unsigned long long)r->x.lim->record_values);
		return 0;
	}
	if (ss_xml_is_start(x, "VULN_ATTRIBUTE")) {
		free(r->attribute);
		r->attribute = NULL;
		return ss_xml_text(&r->attribute, x);
	}
	if (ss_xml_is_start(x, "ATTRIBUTE_DATA"))
		return attribute_data(r);
	if (ss_xml_depth(x) == r->vuln_depth + 1)
		for (int i = 0; i < V_N; i++)
			if (ss_xml_is_start(x, children[i]))
				return text(r, &r->v[i]);
	return 0;
}

static int si_data(rd *r)
{
	ss_xml *x = &r->x;
	static const struct {
		const char *sid, *key;
	} keep[] = {{"stigid", "stig_id"},
		    {"title", "title"},
		    {"version", "version"},
		    {"releaseinfo", "release_info"},
		    {"uuid", "uuid"}};

	if (ss_xml_is_start(x, "SID_NAME")) {
		free(r->sid_name);
		r->sid_name = NULL;
		return ss_xml_text(&r->sid_name, x);
	}
	if (ss_xml_is_start(x, "SID_DATA") && r->sid_name) {
		for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++)
			if (strcmp(r->sid_name, keep[i].sid) == 0) {
				char *t = NULL;
				int error = ss_xml_text(&t, x);

				if (error < 0)
					return error;
				if (*t && !json_object_get(r->stig, keep[i].key))
					json_object_set_new(r->stig, keep[i].key, json_string(t));
				free(t);
				return 0;
			}
	}
	return 0;
}

static int step(rd *r)
{
	ss_xml *x = &r->x;
	int error;

	if (x->type == XML_READER_TYPE_COMMENT && !r->root && !r->tool) {
		const char *c = (const char *)xmlTextReaderConstValue(x->r);

		if (c && strnlen(c, 201) <= 200) {
			size_t n;

			while (*c == ' ')
				c++;
			n = strlen(c);
			while (n && c[n - 1] == ' ')
				n--;
			r->tool = strndup(c, n);
		}
		return 0;
	}
	if (x->type == XML_READER_TYPE_END_ELEMENT ||
	    (x->empty && x->type == XML_READER_TYPE_ELEMENT)) {
		if (r->vuln_depth == ss_xml_depth(x) && ss_xml_is_end(x, "VULN"))
			return vuln_end(r);
		if (x->type == XML_READER_TYPE_END_ELEMENT)
			return 0;
	}
	if (x->type != XML_READER_TYPE_ELEMENT)
		return 0;
	if (!r->root) {
		r->root = true;
		if (strcmp(x->name, "CHECKLIST") != 0 || *ss_xml_ns(x))
			return ss_error_set(
				SS_EPARSE,
				"%s:%d: not a STIG Viewer checklist: the root element "
				"is %.80s, not CHECKLIST%s",
				r->path, ss_xml_line(x), x->name,
				strcmp(x->name, "CHECKLIST") == 0 ? " without a namespace"
				: strcmp(x->name, "Benchmark") == 0 ||
						strcmp(x->name, "asset-report-collection") == 0
					? " (XCCDF: read it as XCCDF results)"
					: "");
		return 0;
	}
	if (r->vuln_depth >= 0)
		return in_vuln(r);
	if (ss_xml_is_start(x, "VULN")) {
		if (!r->stig)
			return ss_error_set(SS_EPARSE, "%s:%d: VULN outside an iSTIG", r->path,
					    ss_xml_line(x));
		vuln_clear(r);
		r->vuln_depth = ss_xml_depth(x);
		r->vuln_line = ss_xml_line(x);
		r->idents = json_object();
		r->ccis = json_object();
		r->legacy = json_object();
		if (!r->idents || !r->ccis || !r->legacy)
			return oom();
		return x->empty ? vuln_end(r) : 0;
	}
	if (ss_xml_is_start(x, "iSTIG")) {
		if ((error = record(r)) < 0)
			return error;
		if (!(r->stig = json_object()) || json_array_append_new(r->stigs, r->stig) < 0)
			return oom();
		return 0;
	}
	if (r->stig && ss_xml_is_start(x, "SI_DATA")) {
		free(r->sid_name); /* a SID_DATA belongs to the SID_NAME of its SI_DATA */
		r->sid_name = NULL;
		return 0;
	}
	if (r->stig && (ss_xml_is_start(x, "SID_NAME") || ss_xml_is_start(x, "SID_DATA")))
		return si_data(r);
	if (ss_xml_depth(x) == 2)
		for (int i = 0; i < T_N; i++)
			if (ss_xml_is_start(x, asset[i])) {
				r->target_line[i] = ss_xml_line(x);
				return text(r, &r->target[i]);
			}
	return 0;
}

/* The asset's fields that are not what they claim are left out. */
static int run_end(rd *r)
{
	ss_sink_peer_run row = {
		.format = "ckl",
		.tool = r->tool,
		.host_name = nonempty(r->target[T_HOST]),
		.role = nonempty(r->target[T_ROLE]),
		.results = r->results,
	};
	ss_peer_target t = {.ip = nonempty(r->target[T_IP]),
			    .mac = nonempty(r->target[T_MAC]),
			    .fqdn = nonempty(r->target[T_FQDN])};

	snprintf(t.where_ip, sizeof(t.where_ip), "%s:%d: HOST_IP", r->path, r->target_line[T_IP]);
	snprintf(t.where_mac, sizeof(t.where_mac), "%s:%d: HOST_MAC", r->path,
		 r->target_line[T_MAC]);
	snprintf(t.where_fqdn, sizeof(t.where_fqdn), "%s:%d: HOST_FQDN", r->path,
		 r->target_line[T_FQDN]);
	return ss_peer__checklist_run(r->out, r->info, &row, &t, r->stigs);
}

int ss_format_ckl(ss_peer_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	rd r = {0};
	int rc, error = 0;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_ckl: NULL argument");
	r.out = out;
	r.info = info;
	r.path = in->path;
	r.vuln_depth = -1;
	ss_buf_init(&r.canon[0], 0);
	ss_buf_init(&r.canon[1], 0);
	if (!(r.stigs = json_array()))
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
	if (!r.root) {
		error = ss_error_set(SS_EPARSE, "%s: no CHECKLIST element", r.path);
		goto out;
	}
	if ((error = run_end(&r)) < 0)
		goto out;
	{
		json_t *first = json_array_get(r.stigs, 0);

		json_object_set_new(
			info, "name",
			json_string(ss_js_or_null(first, "title")     ? ss_js(first, "title")
				    : ss_js_or_null(first, "stig_id") ? ss_js(first, "stig_id")
								      : "STIG checklist"));
		json_object_set_new(info, "version",
				    json_string(ss_js_or_null(first, "release_info")
							? ss_js(first, "release_info")
							: ""));
	}
out:
	vuln_clear(&r);
	for (int i = 0; i < T_N; i++)
		free(r.target[i]);
	free(r.tool);
	free(r.sid_name);
	json_decref(r.stigs);
	ss_buf_release(&r.canon[0]);
	ss_buf_release(&r.canon[1]);
	ss_xml_close(&r.x);
	return error;
}
