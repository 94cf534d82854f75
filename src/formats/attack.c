/*
 * MITRE ATT&CK as STIX 2.0 or 2.1 bundles (plain or gzip), streamed object by
 * object: techniques and sub-techniques, tactics, mitigations, and the
 * `mitigates` and `subtechnique-of` relationships. Revoked and deprecated
 * objects are kept and marked, so that references to them can be reported.
 *
 * A STIX bundle is not necessarily ATT&CK: CAPEC ships as STIX with the same
 * object types. Each attack-pattern is classified by its external
 * references (an ATT&CK id under source_name mitre-attack, mitre-mobile-attack
 * or mitre-ics-attack; a CAPEC id under capec), and a bundle whose patterns
 * are not all ATT&CK techniques is refused.
 */
#include <stdlib.h>
#include <string.h>

#include "formats/idset.h"
#include "formats/import.h"
#include "formats/jsonstream.h"
#include "util/util.h"
#include "util/banned.h"

#define DESCRIPTION_MAX 16384

typedef struct {
	char *stix_id, *type, *from, *to;
} rel;

typedef struct {
	ss_ref_sink *sink;
	json_t *info;
	const char *path;
	char newest[32]; /* newest `modified` date: the release when no name is given */
	int64_t index;
	/* what the patterns look like */
	int64_t n_attack, n_capec, n_other;
	char first_other[80];
	char domain[32];
	bool mixed_domains;
	/* relationships are checked once every object is known */
	ss_idset ids;
	rel *rels;
	size_t nrels, caprels;
} attack_ctx;

static bool is_attack_source(const char *src)
{
	return strcmp(src, "mitre-attack") == 0 || strcmp(src, "mitre-ics-attack") == 0 ||
	       strcmp(src, "mitre-mobile-attack") == 0;
}

static const char *ext_id(const json_t *obj, bool *capec)
{
	const json_t *r;
	size_t i;

	*capec = false;
	json_array_foreach(json_object_get(obj, "external_references"), i, r) {
		const char *src = ss_js(r, "source_name");

		if (is_attack_source(src))
			return ss_js_or_null(r, "external_id");
		if (strcmp(src, "capec") == 0)
			*capec = true;
	}
	return NULL;
}

static int text_array(ss_buf *b, const json_t *arr, const char *field)
{
	json_t *out = json_array();
	const json_t *e;
	size_t i;
	int error;

	json_array_foreach(arr, i, e) {
		const char *s = field ? ss_js_or_null(e, field) : json_string_value(e);

		if (s)
			json_array_append_new(out, json_string(s));
	}
	ss_buf_clear(b);
	error = ss_json_canonical(b, out);
	json_decref(out);
	return error;
}

static void classify(attack_ctx *c, const json_t *obj, const char *id, bool capec)
{
	const json_t *d;
	size_t i;

	if (id)
		c->n_attack++;
	else if (capec)
		c->n_capec++;
	else
		c->n_other++;
	if (!id && !c->first_other[0])
		snprintf(c->first_other, sizeof(c->first_other), "%.70s", ss_js(obj, "id"));
	if (!id)
		return;
	json_array_foreach(json_object_get(obj, "x_mitre_domains"), i, d) {
		const char *s = json_string_value(d);

		if (!s)
			continue;
		if (!c->domain[0])
			snprintf(c->domain, sizeof(c->domain), "%.31s", s);
		else if (strcmp(c->domain, s) != 0)
			c->mixed_domains = true;
	}
}

static int keep_rel(attack_ctx *c, const json_t *obj, const char *rt)
{
	rel *r;

	if (c->nrels == c->caprels) {
		size_t cap = c->caprels ? c->caprels * 2 : 256;
		rel *n = realloc(c->rels, cap * sizeof(*n));

		if (!n)
			return ss_error_set(SS_ENOMEM, "out of memory");
		c->rels = n;
		c->caprels = cap;
	}
	r = &c->rels[c->nrels];
	r->stix_id = strdup(ss_js(obj, "id"));
	r->type = strdup(rt);
	r->from = strdup(ss_js(obj, "source_ref"));
	r->to = strdup(ss_js(obj, "target_ref"));
	c->nrels++;
	if (!r->stix_id || !r->type || !r->from || !r->to)
		return ss_error_set(SS_ENOMEM, "out of memory");
	return 0;
}

static int one_object(void *vctx, json_t *obj)
{
	attack_ctx *c = vctx;
	const char *type = ss_js(obj, "type"), *spec = ss_js_or_null(obj, "spec_version");
	ss_buf platforms = SS_BUF_INIT(1 << 20), tactics = SS_BUF_INIT(1 << 20);
	char desc[DESCRIPTION_MAX + 1];
	int error = 0;

	c->index++;
	if (!json_is_object(obj))
		return ss_error_set(SS_EPARSE, "object %lld is not a JSON object",
				    (long long)c->index);
	if (spec && strcmp(spec, "2.0") != 0 && strcmp(spec, "2.1") != 0)
		return ss_error_set(SS_EPARSE,
				    "object %lld (%.60s): STIX spec_version %.10s is not "
				    "supported (2.0 and 2.1 are)",
				    (long long)c->index, ss_js(obj, "id"), spec);
	if (ss_js_or_null(obj, "modified") && strcmp(ss_js(obj, "modified"), c->newest) > 0)
		snprintf(c->newest, sizeof(c->newest), "%.31s", ss_js(obj, "modified"));
	if (strcmp(type, "attack-pattern") == 0 || strcmp(type, "course-of-action") == 0 ||
	    strcmp(type, "x-mitre-tactic") == 0) {
		const char *kind = type[0] == 'a'   ? N_("technique")
				   : type[0] == 'c' ? N_("mitigation")
						    : N_("tactic");
		ss_sink_attack row;
		bool capec;

		if (!ss_js_or_null(obj, "id") || !ss_js_or_null(obj, "name"))
			return ss_error_set(SS_EPARSE, "object %lld (%s) has no id or name",
					    (long long)c->index, type);
		snprintf(desc, sizeof(desc), "%.*s",
			 (int)ss_utf8_cut(ss_js(obj, "description"), DESCRIPTION_MAX),
			 ss_js(obj, "description"));
		if ((error = text_array(&platforms, json_object_get(obj, "x_mitre_platforms"),
					NULL)) < 0 ||
		    (error = text_array(&tactics, json_object_get(obj, "kill_chain_phases"),
					"phase_name")) < 0)
			goto out;
		row = (ss_sink_attack){
			.stix_id = ss_js(obj, "id"),
			.kind = kind,
			.ext_id = ext_id(obj, &capec),
			.name = ss_js(obj, "name"),
			.shortname = ss_js_or_null(obj, "x_mitre_shortname"),
			.description = desc,
			.platforms = platforms.ptr,
			.tactics = tactics.ptr,
			.revoked = json_is_true(json_object_get(obj, "revoked")),
			.deprecated = json_is_true(json_object_get(obj, "x_mitre_deprecated")),
			.modified = ss_js_or_null(obj, "modified"),
			.version = ss_js_or_null(obj, "x_mitre_version"),
		};
		if (type[0] == 'a')
			classify(c, obj, row.ext_id, capec);
		if ((error = ss_idset_add(&c->ids, row.stix_id)) < 0 ||
		    (error = SS_SINK_PUT(c->sink, attack, &row)) < 0)
			goto out;
		ss_format_count(c->info, kind);
		if (row.revoked || row.deprecated)
			ss_format_count(c->info, N_("revoked_or_deprecated"));
	} else if (strcmp(type, "relationship") == 0) {
		const char *rt = ss_js(obj, "relationship_type");

		if (strcmp(rt, "mitigates") == 0 || strcmp(rt, "subtechnique-of") == 0) {
			ss_sink_attack_rel row = {rt, ss_js(obj, "source_ref"),
						  ss_js(obj, "target_ref"), ss_js(obj, "id")};

			if ((error = keep_rel(c, obj, rt)) < 0 ||
			    (error = SS_SINK_PUT(c->sink, attack_rel, &row)) < 0)
				goto out;
			/* the two relationship types, marked as count names */
			ss_format_count(c->info,
					rt[0] == 'm' ? N_("mitigates") : N_("subtechnique-of"));
		} else {
			ss_format_count(c->info, N_("other_relationships"));
		}
	} else if (strcmp(type, "x-mitre-collection") == 0 &&
		   ss_js_or_null(obj, "x_mitre_version")) {
		json_object_set_new(c->info, "version", json_string(ss_js(obj, "x_mitre_version")));
		json_object_set_new(c->info, "name", json_string(ss_js(obj, "name")));
	} else {
		ss_format_count(c->info, N_("other_objects"));
	}
out:
	ss_buf_release(&platforms);
	ss_buf_release(&tactics);
	return error;
}

/* What the bundle is, when it is not ATT&CK. */
static int check_kind(const attack_ctx *c)
{
	if (c->n_attack == 0 && c->n_capec > 0)
		return ss_error_set(SS_EPARSE,
				    "%s: this is a CAPEC bundle, not ATT&CK: %lld attack "
				    "patterns carry CAPEC ids and none an ATT&CK id (source_name "
				    "mitre-attack); CAPEC is not imported as ATT&CK",
				    c->path, (long long)c->n_capec);
	if (c->n_attack == 0)
		return ss_error_set(SS_EPARSE,
				    "%s: the bundle holds no ATT&CK techniques (%lld attack "
				    "patterns without an ATT&CK id)",
				    c->path, (long long)(c->n_capec + c->n_other));
	if (c->n_capec + c->n_other > 0)
		return ss_error_set(
			SS_EPARSE,
			"%s: the bundle mixes %lld ATT&CK techniques with %lld attack "
			"patterns without an ATT&CK id (%lld with a CAPEC id; the first "
			"is %s); import one ATT&CK domain per file",
			c->path, (long long)c->n_attack, (long long)(c->n_capec + c->n_other),
			(long long)c->n_capec, c->first_other);
	return 0;
}

static int check_rels(const attack_ctx *c)
{
	size_t i;

	for (i = 0; i < c->nrels; i++) {
		const rel *r = &c->rels[i];

		if (!ss_idset_has(&c->ids, r->from) || !ss_idset_has(&c->ids, r->to))
			return ss_error_set(
				SS_EPARSE,
				"%s: relationship %.60s (%s) points at an object that is not in "
				"the bundle (%.60s -> %.60s)",
				c->path, r->stix_id, r->type, r->from, r->to);
	}
	return 0;
}

int ss_format_attack(ss_ref_sink *out, ss_input *in, const ss_import_limits *lim, json_t *info)
{
	attack_ctx c = {.sink = out, .info = info};
	json_t *top = NULL;
	const char *spec;
	size_t i;
	int error;

	if (!out || !in || !info)
		return ss_error_set(SS_EINVAL, "ss_format_attack: NULL argument");
	c.path = in->path;
	c.ids = (ss_idset)SS_IDSET_INIT;
	if ((error = ss_jstream(&top, in, "objects", one_object, &c, lim ? lim : &ss_attack_limits,
				NULL)) < 0)
		goto out;
	if (strcmp(ss_js(top, "type"), "bundle") != 0) {
		error = ss_error_set(SS_EPARSE, "%s: not a STIX bundle (type is '%.40s')", c.path,
				     ss_js(top, "type"));
		goto out;
	}
	spec = ss_js_or_null(top, "spec_version");
	if (spec && strcmp(spec, "2.0") != 0 && strcmp(spec, "2.1") != 0) {
		error = ss_error_set(
			SS_EPARSE, "%s: STIX spec_version %.10s is not supported (2.0 and 2.1 are)",
			c.path, spec);
		goto out;
	}
	if ((error = check_kind(&c)) < 0 || (error = check_rels(&c)) < 0)
		goto out;
	json_object_set_new(info, "stix", json_string(spec ? spec : "2.1"));
	if (c.domain[0] && !c.mixed_domains)
		json_object_set_new(info, "domain", json_string(c.domain));
	if (!json_object_get(info, "name"))
		json_object_set_new(info, "name", json_string("MITRE ATT&CK"));
	if (!json_object_get(info, "version"))
		json_object_set_new(info, "version", json_string(c.newest));
out:
	json_decref(top);
	ss_idset_release(&c.ids);
	for (i = 0; i < c.nrels; i++) {
		free(c.rels[i].stix_id);
		free(c.rels[i].type);
		free(c.rels[i].from);
		free(c.rels[i].to);
	}
	free(c.rels);
	return error;
}
