/* Importing reference data and checking the catalog against it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/core.h"
#include "formats/import.h"
#include "store/refs.h"
#include <stdlib.h>
#include "util/banned.h"

/* The sink of an import: every row goes into the reference tables under
 * source `src`, inside the import's transaction. */
typedef struct {
	ss_ref_sink sink;
	ss_store *st;
	int64_t src;
} store_sink;

static int put_attack(ss_ref_sink *s, const ss_sink_attack *r)
{
	store_sink *ss = (store_sink *)s;
	ss_attack_row row = {
		.stix_id = r->stix_id,
		.kind = r->kind,
		.ext_id = r->ext_id,
		.name = r->name,
		.shortname = r->shortname,
		.description = r->description,
		.platforms = r->platforms,
		.tactics = r->tactics,
		.revoked = r->revoked,
		.deprecated = r->deprecated,
		.modified = r->modified,
		.version = r->version,
	};

	return ss_rstore_attack_put(ss->st, ss->src, &row);
}

static int put_attack_rel(ss_ref_sink *s, const ss_sink_attack_rel *r)
{
	store_sink *ss = (store_sink *)s;

	return ss_rstore_attack_rel_put(ss->st, ss->src, r->type, r->from, r->to, r->stix_id);
}

static int put_cwe(ss_ref_sink *s, const ss_sink_cwe *r)
{
	store_sink *ss = (store_sink *)s;

	return ss_rstore_cwe_put(ss->st, ss->src, r->kind, r->id, r->name, r->status,
				 r->abstraction, r->usage, r->parents);
}

static int put_asvs(ss_ref_sink *s, const ss_sink_asvs *r)
{
	store_sink *ss = (store_sink *)s;

	return ss_rstore_asvs_put(ss->st, ss->src, r->id, r->level, r->description, r->cwe);
}

static int put_xccdf_rule(ss_ref_sink *s, const ss_sink_xccdf_rule *r)
{
	store_sink *ss = (store_sink *)s;

	return ss_rstore_xccdf_rule_put(ss->st, ss->src, r->rule_id, r->version, r->severity,
					r->title, r->idents);
}

static int put_xccdf_profile(ss_ref_sink *s, const ss_sink_xccdf_profile *r)
{
	store_sink *ss = (store_sink *)s;

	return ss_rstore_xccdf_profile_put(ss->st, ss->src, r->profile_id, r->title);
}

static int put_xccdf_select(ss_ref_sink *s, const ss_sink_xccdf_select *r)
{
	store_sink *ss = (store_sink *)s;

	return ss_rstore_xccdf_select_put(ss->st, ss->src, r->profile_id, r->rule_id);
}

/* Stands for the hash in the source row until the file has been read. */
#define HASH_PENDING "pending"

/*
 * One pass: the file is parsed and hashed as it is read, so the hash is
 * known only at the end. The rows go in under a new source; when the hash
 * turns out to be one imported before, the transaction is rolled back and
 * the earlier source is reported.
 */
int ss_import(json_t **out, ss_store *st, const char *kind, const char *path, const char *version)
{
	char hash[SS_SHA256_HEX], now[SS_TIME_MAX];
	const ss_format *fmt = ss_format_find(kind);
	store_sink sink = {{.attack = put_attack,
			    .attack_rel = put_attack_rel,
			    .cwe = put_cwe,
			    .asvs = put_asvs,
			    .xccdf_rule = put_xccdf_rule,
			    .xccdf_profile = put_xccdf_profile,
			    .xccdf_select = put_xccdf_select},
			   st,
			   0};
	json_t *info = NULL;
	ss_buf counts = SS_BUF_INIT(0);
	ss_input in = {.fd = -1};
	int64_t src = 0, before = 0;
	bool began = false, opened = false;
	int error;

	if (!out || !st || !kind || !path)
		return ss_error_set(SS_EINVAL, "ss_import: NULL argument");
	if (!fmt)
		return ss_error_set(SS_EINVAL, "unknown kind '%.20s': attack, cwe, asvs or xccdf",
				    kind);
	if (version && (error = ss_text_check("--version", version, 64, false)) < 0)
		return error;
	if ((error = ss_store_check(st)) < 0 || (error = ss_time_now(now)) < 0)
		return error;
	if ((error = ss_input_open(&in, path, fmt->limits->bytes)) < 0)
		return error;
	opened = true;
	if ((error = ss_store__begin(st)) < 0)
		goto out;
	began = true;
	if ((error = ss_rstore_source_new(&src, st, kind, path, HASH_PENDING, now)) < 0)
		goto out;
	sink.src = src;
	info = json_pack("{s:{}}", "counts");
	if (!info) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = fmt->fn(&sink.sink, &in, fmt->limits, info)) < 0 ||
	    (error = ss_input_finish(&in, hash)) < 0 ||
	    (error = ss_rstore_source_find(&before, st, kind, hash)) < 0)
		goto out;
	if (before) {
		ss_store__rollback(st);
		began = false;
		json_decref(info);
		info = json_pack("{s:s, s:I, s:b, s:s}", "kind", kind, "source", (json_int_t)before,
				 "imported", 0, "sha256", hash);
		if (!info) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		*out = info;
		info = NULL;
		goto out;
	}
	if (version)
		json_object_set_new(info, "version", json_string(version));
	if ((error = ss_json_canonical(&counts, json_object_get(info, "counts"))) < 0 ||
	    (error = ss_rstore_source_finish(st, src, ss_js(info, "name"), ss_js(info, "version"),
					     counts.ptr, hash)) < 0 ||
	    (error = ss_store__commit(st)) < 0)
		goto out;
	began = false;
	json_object_set_new(info, "kind", json_string(kind));
	json_object_set_new(info, "source", json_integer(src));
	json_object_set_new(info, "imported", json_true());
	json_object_set_new(info, "sha256", json_string(hash));
	*out = info;
	info = NULL;
out:
	if (began)
		ss_store__rollback(st); /* nothing is half-imported */
	if (opened)
		ss_input_close(&in);
	json_decref(info);
	ss_buf_release(&counts);
	return error;
}

int ss_refs_sources(json_t **out, ss_store *st)
{
	json_t *row;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_refs_sources: NULL argument");
	if ((error = ss_store_check(st)) < 0 || (error = ss_rstore_sources(out, st)) < 0)
		return error;
	json_array_foreach(*out, i, row) {
		json_t *c = json_loads(ss_js(row, "counts"), 0, NULL);

		json_object_set_new(row, "counts", c ? c : json_object());
	}
	return 0;
}

static int parse_json_fields(json_t *row, const char *const *fields)
{
	for (; *fields; fields++) {
		json_t *v = json_loads(ss_js(row, *fields), 0, NULL);

		if (v)
			json_object_set_new(row, *fields, v);
	}
	return 0;
}

int ss_refs_lookup(json_t **out, ss_store *st, const char *id)
{
	static const char *const attack_json[] = {"platforms", "tactics", NULL};
	static const char *const cwe_json[] = {"parents", NULL};
	static const char *const xccdf_json[] = {"idents", NULL};
	int64_t n;
	int error;

	if (!out || !st || !id)
		return ss_error_set(SS_EINVAL, "ss_refs_lookup: NULL argument");
	if ((error = ss_store_check(st)) < 0)
		return error;
	if ((id[0] == 'T' || id[0] == 'M') && id[1] >= '0' && id[1] <= '9') {
		error = ss_rstore_attack_get(out, st, id, 0);
		if (error == 0) {
			parse_json_fields(*out, attack_json);
			json_object_set_new(*out, "revoked", json_boolean(ss_ji(*out, "revoked")));
			json_object_set_new(*out, "deprecated",
					    json_boolean(ss_ji(*out, "deprecated")));
		}
	} else if (strncmp(id, "TA", 2) == 0) {
		if ((error = ss_rstore_attack_get(out, st, id, 0)) == 0) {
			parse_json_fields(*out, attack_json);
			json_object_set_new(*out, "revoked", json_boolean(ss_ji(*out, "revoked")));
			json_object_set_new(*out, "deprecated",
					    json_boolean(ss_ji(*out, "deprecated")));
		}
	} else if (strncmp(id, "CWE-", 4) == 0 && ss_parse_int(&n, id + 4, 1, 10000000) == 0) {
		if ((error = ss_rstore_cwe_get(out, st, n)) == 0)
			parse_json_fields(*out, cwe_json);
	} else if (id[0] == 'V' && id[1] >= '0' && id[1] <= '9') {
		error = ss_rstore_asvs_get(out, st, id, NULL);
	} else {
		if ((error = ss_rstore_xccdf_get(out, st, id)) == 0)
			parse_json_fields(*out, xccdf_json);
	}
	if (error == SS_ENOTFOUND)
		error = ss_error_set(SS_ENOTFOUND,
				     "'%.60s' is not in the imported reference data ('secspec refs "
				     "list' shows what is imported)",
				     id);
	return error;
}

struct check {
	json_t *problems;
	json_t *skipped;
	int64_t checked;
};

/* what: English (the report is machine output), marked with N_(); the
 * error message translates it. */
static void problem(struct check *c, const json_t *ref, const char *what)
{
	json_array_append_new(c->problems, json_pack("{s:s, s:s, s:s, s:s}", "item",
						     ss_js(ref, "id"), "kind", ss_js(ref, "kind"),
						     "ref", ss_js(ref, "ref"), "problem", what));
}

static int check_one(struct check *c, ss_store *st, const json_t *ref, const int *have)
{
	const char *kind = ss_js(ref, "kind"), *id = ss_js(ref, "ref");
	json_t *row = NULL;
	int64_t n;
	int error = 0;

	if (strcmp(kind, "attack") == 0 || strcmp(kind, "tactics") == 0) {
		if (!have[0])
			return 0;
		c->checked++;
		error = ss_rstore_attack_get(&row, st, id, 0);
		if (error == SS_ENOTFOUND)
			problem(c, ref, N_("not in the imported ATT&CK release"));
		else if (error == 0 && ss_ji(row, "revoked"))
			problem(c, ref, N_("revoked in the imported ATT&CK release"));
		else if (error == 0 && ss_ji(row, "deprecated"))
			problem(c, ref, N_("deprecated in the imported ATT&CK release"));
	} else if (strcmp(kind, "cwe") == 0) {
		if (!have[1])
			return 0;
		c->checked++;
		if (ss_parse_int(&n, id + 4, 1, 10000000) < 0)
			error = SS_ENOTFOUND;
		else
			error = ss_rstore_cwe_get(&row, st, n);
		if (error == SS_ENOTFOUND)
			problem(c, ref, N_("not in the imported CWE catalog"));
		else if (error == 0 && strcmp(ss_js(row, "status"), "Deprecated") == 0)
			problem(c, ref, N_("deprecated in the imported CWE catalog"));
		else if (error == 0 && strcmp(ss_js(row, "usage"), "Prohibited") == 0)
			problem(c, ref, N_("CWE says this id must not be used for mapping"));
	} else if (strcmp(kind, "asvs") == 0) {
		if (!have[2])
			return 0;
		c->checked++;
		/* the catalog cites ASVS 4.0.3; check against it when it is imported */
		error = ss_rstore_asvs_get(&row, st, id, have[4] ? "4.0.3" : NULL);
		if (error == SS_ENOTFOUND)
			problem(c, ref, N_("not in the imported ASVS"));
	} else if (strcmp(kind, "stig") == 0) {
		char prefix[32], family[16];
		const char *dash = strrchr(id, '-'), *first = strchr(id, '-');
		int known = 0;

		/* checkable when a benchmark of that family (RHEL-09-, UBTU-18- ...) is imported */
		snprintf(prefix, sizeof(prefix), "%.*s", dash ? (int)(dash - id + 1) : 0, id);
		snprintf(family, sizeof(family), "%.*s", first ? (int)(first - id + 1) : 0, id);
		if (have[3] && (error = ss_rstore_xccdf_prefix_known(&known, st, prefix)) < 0)
			return error;
		if (!known) {
			json_object_set_new(c->skipped, family,
					    json_integer(ss_ji(c->skipped, family) + 1));
			return 0;
		}
		c->checked++;
		error = ss_rstore_xccdf_get(&row, st, id);
		if (error == SS_ENOTFOUND)
			problem(c, ref, N_("not in the imported benchmark"));
	}
	json_decref(row);
	return error == SS_ENOTFOUND ? 0 : error;
}

int ss_refs_check_catalog(json_t **out, ss_store *st, const char *version)
{
	static const char *const kinds[] = {"attack", "cwe", "asvs", "xccdf"};
	struct check c = {json_array(), json_object(), 0};
	json_t *refs = NULL, *latest = NULL, *missing = json_array(), *ref;
	int have[5] = {0};
	char *v = NULL;
	size_t i;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_refs_check_catalog: NULL argument");
	if ((error = ss_store_check(st)) < 0)
		goto out;
	if (version)
		error = ss_cstore_version_get(&latest, st, version);
	else
		error = ss_cstore_latest(&latest, st);
	if (error < 0)
		goto out;
	for (i = 0; i < 4; i++) {
		if ((error = ss_rstore_has_kind(&have[i], st, kinds[i])) < 0)
			goto out;
		if (!have[i])
			json_array_append_new(missing, json_string(kinds[i]));
	}
	{
		json_t *probe = NULL;

		have[4] = ss_rstore_asvs_get(&probe, st, "V1.1.1", "4.0.3") == 0;
		json_decref(probe);
	}
	if ((error = ss_cstore_refs_all(&refs, st, ss_js(latest, "version"))) < 0)
		goto out;
	json_array_foreach(refs, i, ref) {
		if ((error = check_one(&c, st, ref, have)) < 0)
			goto out;
	}
	*out = json_pack("{s:s, s:I, s:O, s:O, s:O}", "version", ss_js(latest, "version"),
			 "checked", (json_int_t)c.checked, "not_imported", missing,
			 "unchecked_stig", c.skipped, "problems", c.problems);
	if (json_array_size(c.problems) > 0) {
		const json_t *p = json_array_get(c.problems, 0);

		error = ss_error_set(SS_ERULE, "catalog %s: %s %s: %s (%zu problem(s))",
				     ss_js(latest, "version"), ss_js(p, "item"), ss_js(p, "ref"),
				     _(ss_js(p, "problem")), json_array_size(c.problems));
	}
out:
	json_decref(refs);
	json_decref(latest);
	json_decref(missing);
	json_decref(c.problems);
	json_decref(c.skipped);
	free(v);
	return error;
}
