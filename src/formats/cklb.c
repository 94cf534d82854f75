/*
 * DISA STIG Viewer 3 checklists (CKLB, JSON): read, and written.
 *
 * Read whole under the caps of ss_cklb_limits (a checklist is a few MB):
 * target_data, then stigs[].rules[] in the order of the file, one result
 * row each, then the run. Written in STIG Viewer's key order with ids that
 * derive from the content (UUIDv5), so that the same results give the same
 * bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/peer_int.h"
#include "util/util.h"
#include "util/banned.h"

static int oom(void)
{
	return ss_error_set(SS_ENOMEM, "out of memory");
}

/* ---- reading ------------------------------------------------------------- */

typedef struct {
	const char *path;
	char where[128]; /* the JSON pointer of the object being read */
} ctx;

/* A member that must be text when present: 0 with *out (NULL when absent or
 * null), or SS_EPARSE naming the field. */
static int text(const char **out, const ctx *c, const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return ss_error_set(SS_EPARSE, "%s: %s/%s: not text", c->path, c->where, key);
	*out = json_string_value(v);
	return 0;
}

/* A member that must be an array of text when present, added to list. */
static int texts(json_t *list, const ctx *c, const json_t *obj, const char *key, size_t max)
{
	const json_t *v = json_object_get(obj, key), *e;
	size_t i;
	int error;

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_array(v))
		return ss_error_set(SS_EPARSE, "%s: %s/%s: not an array", c->path, c->where, key);
	if (json_array_size(v) > max)
		return ss_error_set(SS_ELIMIT,
				    "%s: %s/%s: over the record link limit: more than %zu entries",
				    c->path, c->where, key, max);
	json_array_foreach(v, i, e) {
		if (!json_is_string(e))
			return ss_error_set(SS_EPARSE, "%s: %s/%s/%zu: not text", c->path, c->where,
					    key, i);
		if ((error = ss_peer__add_unique(list, json_string_value(e))) < 0)
			return error;
	}
	return 0;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static int rule(ss_peer_sink *out, const ctx *c, const json_t *r, const char *stig_id, ss_buf *b,
		const ss_import_limits *lim)
{
	ss_sink_peer_result row = {.run = 0, .benchmark = stig_id, .messages = "[]"};
	const char *rid = NULL, *rid_src = NULL, *gtitle = NULL;
	const json_t *ov;
	json_t *idents = json_object();
	int error;

	if (!idents)
		return oom();
	if (!json_is_object(r)) {
		error = ss_error_set(SS_EPARSE, "%s: %s: not an object", c->path, c->where);
		goto out;
	}
	if ((error = text(&rid, c, r, "rule_id")) < 0 ||
	    (error = text(&rid_src, c, r, "rule_id_src")) < 0 ||
	    (error = text(&row.group_id, c, r, "group_id")) < 0 ||
	    (error = text(&row.version, c, r, "rule_version")) < 0 ||
	    (error = text(&row.title, c, r, "rule_title")) < 0 ||
	    (error = text(&gtitle, c, r, "group_title")) < 0 ||
	    (error = text(&row.severity, c, r, "severity")) < 0 ||
	    (error = text(&row.status_text, c, r, "status")) < 0 ||
	    (error = text(&row.finding_details, c, r, "finding_details")) < 0 ||
	    (error = text(&row.comments, c, r, "comments")) < 0)
		goto out;
	row.rule_id = nonempty(rid_src) ? rid_src : nonempty(rid);
	row.group_id = nonempty(row.group_id);
	row.version = nonempty(row.version);
	row.severity = nonempty(row.severity);
	if (!row.rule_id && !row.group_id) {
		error = ss_error_set(SS_EPARSE, "%s: %s: neither a rule_id nor a group_id", c->path,
				     c->where);
		goto out;
	}
	if (!row.status_text) {
		error = ss_error_set(SS_EPARSE, "%s: %s/status: missing", c->path, c->where);
		goto out;
	}
	if (row.status_text[0] < 'a' || row.status_text[0] > 'z' ||
	    ss_peer_status_ckl(&row.status, row.status_text) < 0) {
		error = ss_error_set(SS_EPARSE,
				     "%s: %s/status: '%.40s' is not not_a_finding, open, "
				     "not_applicable or not_reviewed",
				     c->path, c->where, row.status_text);
		goto out;
	}
	ov = json_object_get(r, "overrides");
	if (ov && !json_is_null(ov) && !json_is_object(ov)) {
		error = ss_error_set(SS_EPARSE, "%s: %s/overrides: not an object", c->path,
				     c->where);
		goto out;
	}
	if ((ov = json_object_get(ov, "severity")) && json_is_object(ov)) {
		ctx oc = {.path = c->path};
		int n = snprintf(oc.where, sizeof(oc.where), "%.100s/overrides/severity", c->where);

		(void)n;
		if ((error = text(&row.severity_override, &oc, ov, "severity")) < 0 ||
		    (error = text(&row.severity_justification, &oc, ov, "reason")) < 0)
			goto out;
		row.severity_override = nonempty(row.severity_override);
	}
	if ((error = ss_peer__add_unique(idents, row.group_id)) < 0 ||
	    (error = ss_peer__add_unique(idents, row.rule_id)) < 0 ||
	    (error = ss_peer__add_unique(idents, row.version)) < 0)
		goto out;
	if (gtitle && strncmp(gtitle, "SRG-", 4) == 0 &&
	    (error = ss_peer__add_unique(idents, gtitle)) < 0)
		goto out;
	if ((error = texts(idents, c, r, "ccis", lim->record_values)) < 0 ||
	    (error = texts(idents, c, r, "legacy_ids", lim->record_values)) < 0)
		goto out;
	ss_buf_clear(b);
	if (ss_peer__canon(b, idents) < 0) {
		error = oom();
		goto out;
	}
	row.idents = b->ptr;
	error = SS_SINK_PUT(out, result, &row);
out:
	json_decref(idents);
	return error;
}

/* The run, with the target's address, MAC and FQDN checked: one that is not
 * valid is left out with a warning. */
static int run(ss_peer_sink *out, const ctx *c, const json_t *doc, json_t *stigs, int64_t results,
	       json_t *info)
{
	const json_t *t = json_object_get(doc, "target_data");
	ctx root = {.path = c->path}, tc = {.path = c->path};
	ss_sink_peer_run row = {.format = "cklb", .results = results};
	ss_peer_target target = {0};
	int error;

	snprintf(tc.where, sizeof(tc.where), "/target_data");
	if (t && !json_is_null(t) && !json_is_object(t))
		return ss_error_set(SS_EPARSE, "%s: /target_data: not an object", c->path);
	if ((error = text(&row.id, &root, doc, "id")) < 0 ||
	    (error = text(&row.title, &root, doc, "title")) < 0 ||
	    (error = text(&row.host_name, &tc, t, "host_name")) < 0 ||
	    (error = text(&row.role, &tc, t, "role")) < 0 ||
	    (error = text(&target.ip, &tc, t, "ip_address")) < 0 ||
	    (error = text(&target.mac, &tc, t, "mac_address")) < 0 ||
	    (error = text(&target.fqdn, &tc, t, "fqdn")) < 0)
		return error;
	row.host_name = nonempty(row.host_name);
	row.role = nonempty(row.role);
	target.ip = nonempty(target.ip);
	target.mac = nonempty(target.mac);
	target.fqdn = nonempty(target.fqdn);
	snprintf(target.where_ip, sizeof(target.where_ip), "%s: /target_data/ip_address:", c->path);
	snprintf(target.where_mac, sizeof(target.where_mac),
		 "%s: /target_data/mac_address:", c->path);
	snprintf(target.where_fqdn, sizeof(target.where_fqdn), "%s: /target_data/fqdn:", c->path);
	return ss_peer__checklist_run(out, info, &row, &target, stigs);
}

/* A STIG's version: text, or an integer as some writers give it. */
static json_t *version_of(const json_t *v)
{
	char n[32];

	if (json_is_string(v))
		return json_string(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(n, sizeof(n), "%lld", (long long)json_integer_value(v));
		return json_string(n);
	}
	return NULL;
}

int ss_format_cklb(ss_peer_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	json_t *doc = NULL, *stigs = NULL;
	const json_t *list, *stig, *r;
	ss_buf b = SS_BUF_INIT(0);
	ctx c = {0};
	uint64_t records = 0;
	int64_t results = 0;
	size_t i, k;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_cklb: NULL argument");
	lim = lim ? lim : &ss_cklb_limits;
	c.path = in->path;
	if ((error = ss_json_load_whole(&doc, in, lim, "CKLB")) < 0)
		return error;
	if (!json_is_object(doc)) {
		error = ss_error_set(SS_EPARSE, "%s: not a CKLB checklist: not a JSON object",
				     c.path);
		goto out;
	}
	list = json_object_get(doc, "stigs");
	if (!json_is_array(list)) {
		error = ss_error_set(SS_EPARSE,
				     "%s: /stigs: %s: not a STIG Viewer 3 checklist (CKLB)", c.path,
				     list ? "not an array" : "missing");
		goto out;
	}
	if (!(stigs = json_array())) {
		error = oom();
		goto out;
	}
	json_array_foreach(list, i, stig) {
		static const char *const keep[][2] = {{"stig_id", "stig_id"},
						      {"stig_name", "title"},
						      {"release_info", "release_info"},
						      {"uuid", "uuid"}};
		const char *stig_id = NULL;
		json_t *s;

		snprintf(c.where, sizeof(c.where), "/stigs/%zu", i);
		if (!json_is_object(stig)) {
			error = ss_error_set(SS_EPARSE, "%s: %s: not an object", c.path, c.where);
			goto out;
		}
		if (!(s = json_object()) || json_array_append_new(stigs, s) < 0) {
			error = oom();
			goto out;
		}
		for (k = 0; k < sizeof(keep) / sizeof(keep[0]); k++) {
			const char *v;

			if ((error = text(&v, &c, stig, keep[k][0])) < 0)
				goto out;
			if (nonempty(v))
				json_object_set_new(s, keep[k][1], json_string(v));
		}
		if (json_object_get(stig, "version"))
			json_object_set_new(s, "version",
					    version_of(json_object_get(stig, "version")));
		stig_id = ss_js_or_null(s, "stig_id");
		r = json_object_get(stig, "rules");
		if (!json_is_array(r)) {
			error = ss_error_set(SS_EPARSE, "%s: %s/rules: %s", c.path, c.where,
					     r ? "not an array" : "missing");
			goto out;
		}
		for (k = 0; k < json_array_size(r); k++) {
			snprintf(c.where, sizeof(c.where), "/stigs/%zu/rules/%zu", i, k);
			if (++records > lim->records) {
				error = ss_error_set(SS_ELIMIT,
						     "%s: %s: over the record count limit: more "
						     "rules than %llu",
						     c.path, c.where,
						     (unsigned long long)lim->records);
				goto out;
			}
			if ((error = rule(out, &c, json_array_get(r, k), stig_id, &b, lim)) < 0)
				goto out;
			results++;
			ss_format_count(info, N_("result"));
		}
	}
	if ((error = run(out, &c, doc, stigs, results, info)) < 0)
		goto out;
	{
		const json_t *first = json_array_get(stigs, 0);
		const char *name = ss_js_or_null(first, "title");

		json_object_set_new(info, "name",
				    json_string(name ? name
						: ss_js_or_null(first, "stig_id")
							? ss_js(first, "stig_id")
							: "STIG checklist"));
		json_object_set_new(info, "version",
				    json_string(ss_js_or_null(first, "release_info")
							? ss_js(first, "release_info")
							: ""));
	}
out:
	json_decref(doc);
	json_decref(stigs);
	ss_buf_release(&b);
	return error;
}

/* ---- writing --------------------------------------------------------------- */

typedef struct {
	const char *ns;
	char field[96]; /* the field being written, for messages */
	int error;
} wr;

/* A text member; NULL gives "". Not UTF-8: SS_EINVAL naming the field. */
static void put(wr *w, json_t *obj, const char *key, const char *s)
{
	json_t *v;

	if (w->error)
		return;
	if (!(v = json_string(s ? s : ""))) {
		w->error =
			ss_error_set(SS_EINVAL, "CKLB: %s%s: not valid UTF-8 text", w->field, key);
		return;
	}
	if (json_object_set_new(obj, key, v) < 0)
		w->error = oom();
}

static void put_v(wr *w, json_t *obj, const char *key, json_t *v)
{
	if (w->error) {
		json_decref(v);
		return;
	}
	if (!v || json_object_set_new(obj, key, v) < 0)
		w->error = oom();
}

static void uuid(wr *w, char out[37], const char *kind, const char *a, const char *b, const char *c,
		 const char *d)
{
	ss_buf name = SS_BUF_INIT(0);

	out[0] = '\0';
	if (w->error)
		return;
	if (ss_buf_printf(&name, "%s\n%s\n%s\n%s\n%s", kind, a ? a : "", b ? b : "", c ? c : "",
			  d ? d : "") < 0)
		w->error = oom();
	else if (ss_uuid5(out, w->ns, name.ptr, name.len) < 0)
		w->error = ss_error_set(SS_EINVAL, "CKLB: ns: '%.40s' is not a UUID", w->ns);
	ss_buf_release(&name);
}

static bool one_of(const char *s, const char *const *set)
{
	for (; s && *set; set++)
		if (strcmp(s, *set) == 0)
			return true;
	return false;
}

static json_t *rule_obj(wr *w, const ss_cklb_rule *r, const char *stig_uuid, size_t i, size_t k)
{
	static const char *const sev[] = {"high", "medium", "low", NULL};
	json_t *o = json_object(), *tree = json_array(), *node = json_object(),
	       *ccis = json_array(), *ref = json_object();
	char id[37];
	size_t n;

	if (!o || !tree || !node || !ccis || !ref) {
		json_decref(o);
		json_decref(tree);
		json_decref(node);
		json_decref(ccis);
		json_decref(ref);
		w->error = oom();
		return NULL;
	}
	snprintf(w->field, sizeof(w->field), "stigs[%zu].rules[%zu].", i, k);
	if (!r->rule_id || !*r->rule_id)
		w->error = ss_error_set(SS_EINVAL, "CKLB: %srule_id: missing", w->field);
	else if (!one_of(r->severity, sev))
		w->error = ss_error_set(SS_EINVAL,
					"CKLB: %sseverity: '%.20s' is not high, medium "
					"or low",
					w->field, r->severity ? r->severity : "");
	else if (!ss_peer_status_name(r->status))
		w->error = ss_error_set(SS_EINVAL, "CKLB: %sstatus: out of range", w->field);
	uuid(w, id, "rule", stig_uuid, r->rule_id, NULL, NULL);
	n = r->rule_id ? strlen(r->rule_id) : 0;
	if (n > 5 && strcmp(r->rule_id + n - 5, "_rule") == 0)
		n -= 5;
	put(w, node, "id", r->group_id);
	put(w, node, "title", r->group_title);
	put(w, node, "description", "<GroupDescription></GroupDescription>");
	if (!w->error && json_array_append_new(tree, node) < 0)
		w->error = oom();
	else if (w->error)
		json_decref(node);
	put(w, o, "group_id_src", r->group_id);
	put_v(w, o, "group_tree", tree);
	put(w, o, "group_id", r->group_id);
	put(w, o, "severity", r->severity);
	put(w, o, "group_title", r->group_title);
	put(w, o, "rule_id_src", r->rule_id);
	if (!w->error)
		put_v(w, o, "rule_id", json_stringn(r->rule_id, n));
	put(w, o, "rule_version", r->rule_version);
	put(w, o, "rule_title", r->title);
	put(w, o, "fix_text", "");
	put(w, o, "weight", "10.0");
	put(w, o, "check_content", "");
	put(w, ref, "href", "");
	put(w, ref, "name", "M");
	put_v(w, o, "check_content_ref", ref);
	put(w, o, "classification", "Unclassified");
	put(w, o, "discussion", "");
	put(w, o, "false_positives", "");
	put(w, o, "false_negatives", "");
	put(w, o, "documentable", "false");
	put(w, o, "security_override_guidance", "");
	put(w, o, "potential_impacts", "");
	put(w, o, "third_party_tools", "");
	put(w, o, "ia_controls", "");
	put(w, o, "responsibility", "");
	put(w, o, "mitigations", "");
	put(w, o, "mitigation_control", "");
	put_v(w, o, "legacy_ids", json_array());
	for (const char *const *c = r->ccis; c && *c && !w->error; c++) {
		json_t *v = json_string(*c);

		if (!v)
			w->error = ss_error_set(SS_EINVAL, "CKLB: %sccis: not valid UTF-8 text",
						w->field);
		else if (json_array_append_new(ccis, v) < 0)
			w->error = oom();
	}
	put_v(w, o, "ccis", ccis);
	put(w, o, "reference_identifier", "");
	put(w, o, "uuid", id);
	put(w, o, "stig_uuid", stig_uuid);
	put(w, o, "status", ss_peer_status_cklb(r->status));
	put_v(w, o, "overrides", json_object());
	put(w, o, "comments", r->comments);
	put(w, o, "finding_details", r->finding_details);
	if (w->error) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *stig_obj(wr *w, const ss_cklb_stig *s, const char *doc_id, size_t i)
{
	json_t *o = json_object(), *rules = json_array(), *seen = json_object();
	char id[37];

	if (!o || !rules || !seen) {
		w->error = oom();
		goto fail;
	}
	snprintf(w->field, sizeof(w->field), "stigs[%zu].", i);
	if (!s->stig_id || !*s->stig_id) {
		w->error = ss_error_set(SS_EINVAL, "CKLB: %sstig_id: missing", w->field);
		goto fail;
	}
	if (s->n_rules && !s->rules) {
		w->error = ss_error_set(SS_EINVAL, "CKLB: %srules: NULL", w->field);
		goto fail;
	}
	uuid(w, id, "stig", doc_id, s->stig_id, s->version, s->release_info);
	put(w, o, "stig_name", s->stig_name ? s->stig_name : s->stig_id);
	put(w, o, "display_name",
	    s->display_name ? s->display_name
	    : s->stig_name  ? s->stig_name
			    : s->stig_id);
	put(w, o, "stig_id", s->stig_id);
	put(w, o, "release_info", s->release_info);
	put(w, o, "version", s->version);
	put(w, o, "uuid", id);
	put(w, o, "reference_identifier", "");
	put_v(w, o, "size", json_integer((json_int_t)s->n_rules));
	for (size_t k = 0; k < s->n_rules && !w->error; k++) {
		json_t *r;

		if (s->rules[k].rule_id && json_object_get(seen, s->rules[k].rule_id)) {
			w->error = ss_error_set(SS_EINVAL,
						"CKLB: stigs[%zu].rules[%zu].rule_id: %.80s is "
						"already in this STIG",
						i, k, s->rules[k].rule_id);
			break;
		}
		if (s->rules[k].rule_id)
			json_object_set_new(seen, s->rules[k].rule_id, json_true());
		if ((r = rule_obj(w, &s->rules[k], id, i, k)) &&
		    json_array_append_new(rules, r) < 0)
			w->error = oom();
	}
	put_v(w, o, "rules", rules);
	rules = NULL;
	json_decref(seen);
	if (w->error) {
		json_decref(o);
		return NULL;
	}
	return o;
fail:
	json_decref(o);
	json_decref(rules);
	json_decref(seen);
	return NULL;
}

int ss_cklb_write(ss_buf *out, const ss_cklb_doc *doc)
{
	static const char *const roles[] = {"None", "Workstation", "Member Server",
					    "Domain Controller", NULL};
	wr w = {0};
	json_t *root = NULL, *stigs = NULL, *target = NULL;
	char id[37], *text = NULL;
	int error;

	if (!out || !doc)
		return ss_error_set(SS_EINVAL, "ss_cklb_write: NULL argument");
	w.ns = doc->ns;
	if (!doc->title || !*doc->title)
		return ss_error_set(SS_EINVAL, "CKLB: title: missing");
	if (doc->role && !one_of(doc->role, roles))
		return ss_error_set(
			SS_EINVAL,
			"CKLB: role: '%.40s' is not None, Workstation, Member Server or "
			"Domain Controller",
			doc->role);
	if (doc->n_stigs && !doc->stigs)
		return ss_error_set(SS_EINVAL, "CKLB: stigs: NULL");
	uuid(&w, id, "checklist", doc->title, NULL, NULL, NULL);
	if (w.error)
		return w.error;
	if (!(root = json_object()) || !(stigs = json_array()) || !(target = json_object())) {
		w.error = oom();
		goto out;
	}
	for (size_t i = 0; i < doc->n_stigs && !w.error; i++) {
		json_t *s = stig_obj(&w, &doc->stigs[i], id, i);

		if (s && json_array_append_new(stigs, s) < 0)
			w.error = oom();
	}
	w.field[0] = '\0';
	put(&w, target, "target_type", "Computing");
	put(&w, target, "host_name", doc->host_name);
	put(&w, target, "ip_address", doc->ip_address);
	put(&w, target, "mac_address", doc->mac_address);
	put(&w, target, "fqdn", doc->fqdn);
	put(&w, target, "comments", doc->comments);
	put(&w, target, "role", doc->role ? doc->role : "None");
	put_v(&w, target, "is_web_database", json_false());
	put(&w, target, "technology_area", "");
	put(&w, target, "web_db_site", "");
	put(&w, target, "web_db_instance", "");
	put_v(&w, target, "classification", json_null());
	put(&w, root, "title", doc->title);
	put(&w, root, "id", id);
	put_v(&w, root, "stigs", stigs);
	stigs = NULL;
	put_v(&w, root, "active", json_true());
	put_v(&w, root, "mode", json_integer(2));
	put_v(&w, root, "has_path", json_false());
	put_v(&w, root, "target_data", target);
	target = NULL;
	put(&w, root, "cklb_version", "1.0");
	if (w.error)
		goto out;
	if (!(text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER))) {
		w.error = oom();
		goto out;
	}
	if ((error = ss_buf_puts(out, text)) < 0 || (error = ss_buf_putc(out, '\n')) < 0)
		w.error =
			error == SS_ELIMIT
				? ss_error_set(SS_ELIMIT,
					       "CKLB: over the size limit: the checklist is larger "
					       "than %zu bytes",
					       out->max)
				: error;
out:
	free(text);
	json_decref(root);
	json_decref(stigs);
	json_decref(target);
	return w.error;
}
