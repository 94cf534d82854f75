/* ATT&CK coverage of a project and technique threat scores. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "store/refs.h"
#include "util/banned.h"

/* States from strongest to weakest; a technique takes the strongest of its items. */
static const char *const states[] = {"implemented", "mitigated-otherwise", "accepted",
				     "not-applicable", "open"};

static int state_rank(const json_t *req)
{
	const char *policy = ss_js(req, "policy");

	if (strcmp(ss_js(req, "status"), "decided") != 0 ||
	    strcmp(ss_js(req, "approval"), "rejected") == 0)
		return 4; /* undecided, or a decision management turned down */
	/* a control the user's environment already provides covers as one the
	 * system implements */
	if (strcmp(policy, "implement") == 0 || strcmp(policy, "existing") == 0)
		return 0;
	if (strcmp(policy, "alternative") == 0)
		return 1;
	if (strcmp(policy, "accept") == 0)
		return 2;
	return 3;
}

static int by_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int ss__coverage(json_t **out, ss_store *st, int64_t pid, const char *version, const json_t *reqs,
		 bool names)
{
	json_t *refs = NULL, *scores = NULL, *meta = NULL, *threats = json_object();
	json_t *by_item = json_object(), *techs = json_object();
	json_t *list = json_array(), *r, *t;
	const char **ids = NULL;
	const char *k;
	size_t i, j, n = 0;
	int error;

	if ((error = ss_cstore_attack_refs(&refs, st, version)) < 0 ||
	    (error = ss_state_threat_scores(&scores, st, pid)) < 0 ||
	    (error = ss__catalog_meta(&meta, st, version)) < 0)
		goto out;
	/* format 2 scores each technique once, with the reason; format 1 items
	 * carry their own scores and a technique takes the highest of them */
	json_array_foreach(json_object_get(meta, "threats"), i, r) {
		json_object_set(threats, ss_js(r, "technique"), r);
	}
	json_array_foreach(refs, i, r) {
		json_t *l = json_object_get(by_item, ss_js(r, "id"));

		if (!l) {
			l = json_array();
			json_object_set_new(by_item, ss_js(r, "id"), l);
		}
		json_array_append(l, json_object_get(r, "ref"));
	}
	/* requirements in catalog order, so that each technique lists its items so */
	json_array_foreach(reqs, i, r) {
		const json_t *tid;
		int rank = state_rank(r);

		json_array_foreach(json_object_get(by_item, ss_js(r, "id")), j, tid) {
			if (!(t = json_object_get(techs, json_string_value(tid)))) {
				const json_t *th = json_object_get(threats, json_string_value(tid));

				t = json_pack("{s:O, s:i, s:i, s:i, s:[]}", "technique", tid,
					      "incident", 0, "ease", 0, "rank", 5, "items");
				if (th) {
					int64_t ti = 0, te = 0;

					ss_parse_int(&ti, ss_js(th, "incident"), 1, 3);
					ss_parse_int(&te, ss_js(th, "ease"), 1, 3);
					json_object_set_new(t, "incident", json_integer(ti));
					json_object_set_new(t, "ease", json_integer(te));
					json_object_set(t, "reason", json_object_get(th, "reason"));
				}
				json_object_set_new(techs, json_string_value(tid), t);
			}
			if (rank < ss_ji(t, "rank"))
				json_object_set_new(t, "rank", json_integer(rank));
			if (!json_object_get(t, "reason")) {
				if (ss_ji(r, "incident") > ss_ji(t, "incident"))
					json_object_set_new(t, "incident",
							    json_integer(ss_ji(r, "incident")));
				if (ss_ji(r, "ease") > ss_ji(t, "ease"))
					json_object_set_new(t, "ease",
							    json_integer(ss_ji(r, "ease")));
			}
			json_array_append_new(json_object_get(t, "items"),
					      json_pack("{s:s, s:s, s:s*}", "item", ss_js(r, "id"),
							"state", states[rank], "policy",
							ss_js_or_null(r, "policy")));
		}
	}
	/* the project's own scores, with their reasons, override the catalog's */
	json_array_foreach(scores, i, r) {
		if ((t = json_object_get(techs, ss_js(r, "technique")))) {
			json_object_set(t, "incident", json_object_get(r, "incident"));
			json_object_set(t, "ease", json_object_get(r, "ease"));
			json_object_set_new(t, "score_reason", json_string(ss_js(r, "reason")));
			json_object_set_new(t, "scored_by", json_string(ss_js(r, "person")));
		}
	}
	if (!(ids = calloc(json_object_size(techs) + 1, sizeof(*ids)))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	json_object_foreach(techs, k, t) {
		ids[n++] = k;
	}
	qsort(ids, n, sizeof(*ids), by_id);
	for (i = 0; i < n; i++) {
		json_t *ref = NULL;

		t = json_object_get(techs, ids[i]);
		json_object_set_new(t, "state", json_string(states[ss_ji(t, "rank")]));
		json_object_set_new(
			t, "important",
			json_boolean(ss_ji(t, "incident") == 3 && ss_ji(t, "ease") == 3));
		json_object_del(t, "rank");
		if (names && ss_rstore_attack_get(&ref, st, ids[i], 0) == 0) {
			json_object_set(t, "name", json_object_get(ref, "name"));
			json_object_set_new(t, "tactics",
					    json_loads(ss_js(ref, "tactics"), 0, NULL));
			json_decref(ref);
		}
		json_array_append(list, t);
	}
	*out = list;
	list = NULL;
out:
	free(ids);
	json_decref(refs);
	json_decref(scores);
	json_decref(meta);
	json_decref(threats);
	json_decref(by_item);
	json_decref(techs);
	json_decref(list);
	return error;
}

int ss_coverage(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *proj = NULL, *reqs = NULL, *list = NULL;
	bool began = false;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_coverage: NULL argument");
	if ((error = ss_store__read_snapshot(st, &began)) < 0)
		return error;
	if ((error = ss__project_read(&key, &proj, st, project)) < 0 ||
	    (error = ss_state_requirements(&reqs, st, ss_ji(key, "id"),
					   ss_js(proj, "catalog_version"), NULL, NULL, NULL,
					   NULL)) < 0 ||
	    (error = ss__coverage(&list, st, ss_ji(key, "id"), ss_js(proj, "catalog_version"), reqs,
				  true)) < 0)
		goto out;
	*out = json_pack("{s:s, s:s, s:o}", "project", project, "catalog_version",
			 ss_js(proj, "catalog_version"), "techniques", list);
	{
		/* the ATT&CK release the names come from, for the Navigator */
		json_t *latest = NULL, *r;
		size_t i;

		if (ss_rstore_latest_sources(&latest, st) == 0) {
			json_array_foreach(latest, i, r) {
				json_t *src = NULL;

				if (strcmp(ss_js(r, "kind"), "attack") == 0 &&
				    ss_rstore_source_get(&src, st, ss_ji(r, "id")) == 0)
					json_object_set(*out, "attack_release",
							json_object_get(src, "version"));
				json_decref(src);
			}
		}
		json_decref(latest);
	}
out:
	ss_store__read_end(st, began);
	json_decref(key);
	json_decref(proj);
	json_decref(reqs);
	return error;
}

int ss_threat_score(ss_store *st, const char *project, const char *technique, int incident,
		    int ease, const char *reason, const char *by)
{
	json_t *cov = NULL, *t;
	ss_write w = {0};
	bool known = false;
	size_t i;
	int error;

	if (!st || !technique)
		return ss_error_set(SS_EINVAL, "ss_threat_score: NULL argument");
	if (incident < 1 || incident > 3 || ease < 1 || ease > 3)
		return ss_error_set(SS_EINVAL, "--incident and --ease are 1, 2 or 3");
	if (!reason || !*reason)
		return ss_error_set(SS_ERULE, "--reason is required: a changed score is explained");
	if ((error = ss_text_check("--reason", reason, SS_TEXT_MAX, false)) < 0)
		return error;
	if ((error = ss_write__begin(&w, st, project, by, SS_ACT_CLOSE)) < 0)
		return error;
	if ((error = ss_coverage(&cov, st, project)) < 0)
		goto out;
	json_array_foreach(json_object_get(cov, "techniques"), i, t) {
		if (strcmp(ss_js(t, "technique"), technique) == 0)
			known = true;
	}
	if (!known) {
		error = ss_error_set(
			SS_ENOTFOUND,
			"%.20s is not cited by the project's catalog; 'secspec coverage' "
			"lists the techniques",
			technique);
		goto out;
	}
	if ((error = ss_write__event(&w, "threat.score",
				     json_pack("{s:s, s:i, s:i, s:s}", "technique", technique,
					       "incident", incident, "ease", ease, "reason",
					       reason))) < 0)
		goto out;
	error = ss_write__commit(&w);
out:
	json_decref(cov);
	ss_write__release(&w);
	return error;
}

int ss_coverage_navigator(ss_buf *out, const json_t *coverage)
{
	static const struct {
		const char *state, *color;
	} colors[] = {
		{"implemented", "#31a354"}, {"mitigated-otherwise", "#a1d99b"},
		{"accepted", "#fd8d3c"},    {"not-applicable", "#bdbdbd"},
		{"open", "#de2d26"},
	};
	json_t *layer, *techs = json_array(), *legend = json_array(), *t, *it;
	const char *release = ss_js(coverage, "attack_release");
	char attack[16];
	ss_buf comment = SS_BUF_INIT(1 << 20);
	size_t i, j, k;
	int error;

	for (k = 0; k < 5; k++)
		json_array_append_new(legend, json_pack("{s:s, s:s}", "label", colors[k].state,
							"color", colors[k].color));
	json_array_foreach(json_object_get(coverage, "techniques"), i, t) {
		const char *color = "#ffffff";

		for (k = 0; k < 5; k++)
			if (strcmp(colors[k].state, ss_js(t, "state")) == 0)
				color = colors[k].color;
		ss_buf_clear(&comment);
		ss_buf_printf(&comment, "%s (incident %lld, ease %lld)%s", ss_js(t, "state"),
			      (long long)ss_ji(t, "incident"), (long long)ss_ji(t, "ease"),
			      json_is_true(json_object_get(t, "important")) ? ", important threat"
									    : "");
		json_array_foreach(json_object_get(t, "items"), j, it) {
			ss_buf_printf(&comment, "; %s: %s", ss_js(it, "item"), ss_js(it, "state"));
		}
		json_array_append_new(
			techs, json_pack("{s:s, s:s, s:s, s:b, s:i, s:[{s:s, s:s}]}", "techniqueID",
					 ss_js(t, "technique"), "color", color, "comment",
					 comment.ptr, "enabled", 1, "score",
					 (int)(ss_ji(t, "incident") * ss_ji(t, "ease")), "metadata",
					 "name", "secspec state", "value", ss_js(t, "state")));
	}
	/* the Navigator wants the major release ("18" for 18.1); 18 when none is imported */
	snprintf(attack, sizeof(attack), "%.*s", (int)strcspn(release, "."), release);
	if (!attack[0] || attack[0] < '0' || attack[0] > '9')
		snprintf(attack, sizeof(attack), "18");
	layer = json_pack("{s:s, s:{s:s, s:s, s:s}, s:s, s:s, s:o, s:o, s:{s:[s, s, s], s:i, s:i}, "
			  "s:b, s:b}",
			  "name", "secspec coverage", "versions", "attack", attack, "navigator",
			  "4.9.1", "layer", "4.5", "domain", "enterprise-attack", "description",
			  "ATT&CK coverage of the project's security specification", "techniques",
			  techs, "legendItems", legend, "gradient", "colors", "#ffffff", "#fdae6b",
			  "#e6550d", "minValue", 1, "maxValue", 9, "hideDisabled", 0,
			  "showTacticRowBackground", 0);
	json_object_set_new(layer, "name",
			    json_sprintf("secspec coverage: %s", ss_js(coverage, "project")));
	error = ss_json_canonical(out, layer);
	json_decref(layer);
	ss_buf_release(&comment);
	return error < 0 ? error : ss_buf_putc(out, '\n');
}

/* Whether an ATT&CK platform list (JSON text) names Windows, Linux or network devices. */
static bool platform_in_scope(const char *platforms)
{
	return platforms &&
	       (strstr(platforms, "\"Windows\"") || strstr(platforms, "\"Linux\"") ||
		strstr(platforms, "\"Network Devices\"") || strstr(platforms, "\"Network\""));
}

int ss_catalog_coverage(json_t **out, ss_store *st, const char *version)
{
	json_t *ver = NULL, *meta = NULL, *cited = NULL, *latest = NULL, *rows = NULL;
	json_t *by_id = json_object(), *list = json_array(), *r, *m;
	int64_t src = 0;
	size_t i, covered = 0, excluded = 0, missing = 0, other = 0;
	const char *v, *k;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_catalog_coverage: NULL argument");
	if ((error = ss_store_check(st)) < 0 ||
	    (error = version ? ss_cstore_version_get(&ver, st, version)
			     : ss_cstore_latest(&ver, st)) < 0)
		goto out;
	v = ss_js(ver, "version");
	if ((error = ss__catalog_meta(&meta, st, v)) < 0 ||
	    (error = ss_cstore_refs_of(&cited, st, v, "mitigations")) < 0 ||
	    (error = ss_rstore_latest_sources(&latest, st)) < 0)
		goto out;
	json_array_foreach(latest, i, r) {
		if (strcmp(ss_js(r, "kind"), "attack") == 0)
			src = ss_ji(r, "id");
	}
	if (!src) {
		error = ss_error_set(SS_ENOTFOUND,
				     "no ATT&CK release is imported; 'secspec import attack FILE' "
				     "gives the list of mitigations to cover");
		goto out;
	}
	if ((error = ss_rstore_attack_mitigations(&rows, st, src)) < 0)
		goto out;
	/* one entry per mitigation, in scope when a technique it mitigates is */
	json_array_foreach(rows, i, r) {
		if (!(m = json_object_get(by_id, ss_js(r, "ext_id")))) {
			m = json_pack("{s:s, s:s, s:b, s:[]}", "id", ss_js(r, "ext_id"), "name",
				      ss_js(r, "name"), "in_scope", 0, "items");
			json_object_set_new(by_id, ss_js(r, "ext_id"), m);
			json_array_append(list, m);
		}
		if (platform_in_scope(ss_js_or_null(r, "platforms")))
			json_object_set_new(m, "in_scope", json_true());
	}
	json_array_foreach(cited, i, r) {
		if ((m = json_object_get(by_id, ss_js(r, "ref"))))
			json_array_append_new(json_object_get(m, "items"),
					      json_string(ss_js(r, "id")));
	}
	json_array_foreach(json_object_get(meta, "excluded_mitigations"), i, r) {
		if ((m = json_object_get(by_id, ss_js(r, "id"))))
			json_object_set(m, "excluded", json_object_get(r, "reason"));
	}
	json_object_foreach(by_id, k, m) {
		const char *state = json_array_size(json_object_get(m, "items"))   ? "covered"
				    : json_object_get(m, "excluded")               ? "excluded"
				    : json_is_true(json_object_get(m, "in_scope")) ? "missing"
										   : "out-of-scope";

		json_object_set_new(m, "state", json_string(state));
		covered += state[0] == 'c';
		excluded += state[0] == 'e';
		missing += state[0] == 'm';
		other += state[0] == 'o';
	}
	*out = json_pack("{s:s, s:I, s:o, s:{s:I, s:I, s:I, s:I}}", "version", v, "attack_source",
			 (json_int_t)src, "mitigations", list, "counts", "covered",
			 (json_int_t)covered, "excluded", (json_int_t)excluded, "missing",
			 (json_int_t)missing, "out_of_scope", (json_int_t)other);
	list = NULL;
out:
	json_decref(ver);
	json_decref(meta);
	json_decref(cited);
	json_decref(latest);
	json_decref(rows);
	json_decref(by_id);
	json_decref(list);
	return error;
}
