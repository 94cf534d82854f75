/*
 * MITRE ATT&CK as STIX 2.0 or 2.1 bundles (plain or gzip), streamed object by
 * object: techniques and sub-techniques, tactics, mitigations, and the
 * `mitigates` and `subtechnique-of` relationships. Revoked and deprecated
 * objects are kept and marked, so that references to them can be reported.
 */
#include <string.h>

#include "formats/import.h"
#include "formats/jsonstream.h"
#include "store/refs.h"
#include "util/util.h"
#include "util/banned.h"

#define DESCRIPTION_MAX 16384
#define ELEMENT_MAX ((size_t)16 * 1024 * 1024)

typedef struct {
	ss_store *st;
	int64_t src;
	json_t *info;
	const char *path;
	const char *bundle_version;
	char newest[32]; /* newest `modified` date: the release when no name is given */
	int64_t index;
} attack_ctx;

static const char *ext_id(const json_t *obj)
{
	const json_t *r;
	size_t i;

	json_array_foreach(json_object_get(obj, "external_references"), i, r) {
		const char *src = ss_js(r, "source_name");

		if (strcmp(src, "mitre-attack") == 0 || strcmp(src, "mitre-ics-attack") == 0 ||
		    strcmp(src, "mitre-mobile-attack") == 0)
			return ss_js_or_null(r, "external_id");
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

static int one_object(void *vctx, json_t *obj)
{
	attack_ctx *c = vctx;
	const char *type = ss_js(obj, "type"), *spec = ss_js_or_null(obj, "spec_version");
	ss_buf platforms = SS_BUF_INIT(1 << 20), tactics = SS_BUF_INIT(1 << 20);
	char desc[DESCRIPTION_MAX + 1];
	int error = 0;

	c->index++;
	if (!json_is_object(obj))
		return ss_error_set(SS_EPARSE, "%s: object %lld is not a JSON object", c->path,
				    (long long)c->index);
	if (spec && strcmp(spec, "2.0") != 0 && strcmp(spec, "2.1") != 0)
		return ss_error_set(SS_EPARSE,
				    "%s: object %lld (%.60s): STIX spec_version %.10s is not "
				    "supported (2.0 and 2.1 are)",
				    c->path, (long long)c->index, ss_js(obj, "id"), spec);
	if (ss_js_or_null(obj, "modified") && strcmp(ss_js(obj, "modified"), c->newest) > 0)
		snprintf(c->newest, sizeof(c->newest), "%.31s", ss_js(obj, "modified"));
	if (strcmp(type, "attack-pattern") == 0 || strcmp(type, "course-of-action") == 0 ||
	    strcmp(type, "x-mitre-tactic") == 0) {
		const char *kind = type[0] == 'a'   ? "technique"
				   : type[0] == 'c' ? "mitigation"
						    : "tactic";
		ss_attack_row row;

		if (!ss_js_or_null(obj, "id") || !ss_js_or_null(obj, "name"))
			return ss_error_set(SS_EPARSE, "%s: object %lld (%s) has no id or name",
					    c->path, (long long)c->index, type);
		snprintf(desc, sizeof(desc), "%.*s",
			 (int)ss_utf8_cut(ss_js(obj, "description"), DESCRIPTION_MAX),
			 ss_js(obj, "description"));
		if ((error = text_array(&platforms, json_object_get(obj, "x_mitre_platforms"),
					NULL)) < 0 ||
		    (error = text_array(&tactics, json_object_get(obj, "kill_chain_phases"),
					"phase_name")) < 0)
			goto out;
		row = (ss_attack_row){
			.stix_id = ss_js(obj, "id"),
			.kind = kind,
			.ext_id = ext_id(obj),
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
		if ((error = ss_rstore_attack_put(c->st, c->src, &row)) < 0)
			goto out;
		ss_format_count(c->info, kind);
		if (row.revoked || row.deprecated)
			ss_format_count(c->info, "revoked_or_deprecated");
	} else if (strcmp(type, "relationship") == 0) {
		const char *rt = ss_js(obj, "relationship_type");

		if (strcmp(rt, "mitigates") == 0 || strcmp(rt, "subtechnique-of") == 0) {
			if ((error = ss_rstore_attack_rel_put(
				     c->st, c->src, rt, ss_js(obj, "source_ref"),
				     ss_js(obj, "target_ref"), ss_js(obj, "id"))) < 0)
				goto out;
			ss_format_count(c->info, rt);
		} else {
			ss_format_count(c->info, "other_relationships");
		}
	} else if (strcmp(type, "x-mitre-collection") == 0 &&
		   ss_js_or_null(obj, "x_mitre_version")) {
		json_object_set_new(c->info, "version", json_string(ss_js(obj, "x_mitre_version")));
		json_object_set_new(c->info, "name", json_string(ss_js(obj, "name")));
	} else {
		ss_format_count(c->info, "other_objects");
	}
out:
	ss_buf_release(&platforms);
	ss_buf_release(&tactics);
	return error;
}

int ss_format_attack(ss_store *st, int64_t src, const char *path, json_t *info)
{
	attack_ctx c = {st, src, info, path, NULL, "", 0};
	json_t *top = NULL, *dangling = NULL;
	const char *spec;
	int error;

	if ((error = ss_jstream_file(&top, path, "objects", one_object, &c, 64, ELEMENT_MAX)) < 0)
		goto out;
	if (strcmp(ss_js(top, "type"), "bundle") != 0) {
		error = ss_error_set(SS_EPARSE, "%s: not a STIX bundle (type is '%.40s')", path,
				     ss_js(top, "type"));
		goto out;
	}
	spec = ss_js_or_null(top, "spec_version");
	if (spec && strcmp(spec, "2.0") != 0 && strcmp(spec, "2.1") != 0) {
		error = ss_error_set(
			SS_EPARSE, "%s: STIX spec_version %.10s is not supported (2.0 and 2.1 are)",
			path, spec);
		goto out;
	}
	if (!json_object_get(json_object_get(info, "counts"), "technique")) {
		error = ss_error_set(SS_EPARSE, "%s: the bundle holds no ATT&CK techniques", path);
		goto out;
	}
	if ((error = ss_rstore_attack_dangling(&dangling, st, src)) < 0)
		goto out;
	if (json_array_size(dangling) > 0) {
		const json_t *r = json_array_get(dangling, 0);

		error = ss_error_set(
			SS_EPARSE,
			"%s: relationship %.60s (%s) points at an object that is not in "
			"the bundle (%.60s -> %.60s)",
			path, ss_js(r, "stix_id"), ss_js(r, "type"), ss_js(r, "src"),
			ss_js(r, "dst"));
		goto out;
	}
	json_object_set_new(info, "stix", json_string(spec ? spec : "2.1"));
	if (!json_object_get(info, "name"))
		json_object_set_new(info, "name", json_string("MITRE ATT&CK"));
	if (!json_object_get(info, "version"))
		json_object_set_new(info, "version", json_string(c.newest));
out:
	json_decref(top);
	json_decref(dangling);
	return error;
}
