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

/* The domain of an imported ATT&CK source, from the ids ATT&CK gives per
 * domain; NULL when the source mixes domains or has no ids. */
static int attack_domain(const char **out, ss_store *st, int64_t src)
{
	json_t *row = NULL;
	int64_t tactics, ics, mobile;
	int error;

	*out = NULL;
	if ((error = ss_rstore_attack_domain_ids(&row, st, src)) < 0)
		return error;
	tactics = ss_ji(row, "tactics");
	ics = ss_ji(row, "ics_tactics");
	mobile = ss_ji(row, "mobile_tactics");
	if (tactics > 0 && ics == tactics)
		*out = "ics-attack";
	else if (tactics > 0 && mobile == tactics)
		*out = "mobile-attack";
	else if (tactics > 0 && ics == 0 && mobile == 0)
		*out = "enterprise-attack";
	else if (tactics == 0 && ss_ji(row, "techniques") > 0)
		*out = ss_ji(row, "ics_techniques") == ss_ji(row, "techniques") ? "ics-attack"
		       : ss_ji(row, "ics_techniques") == 0 ? "enterprise-attack"
							   : NULL;
	json_decref(row);
	return 0;
}

/*
 * The ATT&CK import the coverage is read against: of the imports that have
 * the project's techniques, the one most of them are found in as the newest
 * import that has each (where their names come from); the newer on a tie.
 * Its release and domain go into the coverage as attack_release and
 * attack_domain; neither when no import has any of the techniques.
 */
static int attack_source(json_t *cov, ss_store *st, const json_t *techniques)
{
	json_t *tally = json_object(), *t, *ref = NULL, *src = NULL;
	json_int_t best = 0, best_n = 0;
	const char *k, *domain = NULL;
	json_t *n;
	size_t i;
	int error = 0;

	json_array_foreach(techniques, i, t) {
		char key[24];

		if ((error = ss_rstore_attack_get(&ref, st, ss_js(t, "technique"), 0)) < 0) {
			if (error != SS_ENOTFOUND)
				goto out;
			error = 0;
			continue;
		}
		snprintf(key, sizeof(key), "%lld", (long long)ss_ji(ref, "source_id"));
		json_decref(ref);
		ref = NULL;
		n = json_object_get(tally, key);
		json_object_set_new(tally, key, json_integer(n ? json_integer_value(n) + 1 : 1));
	}
	json_object_foreach(tally, k, n) {
		json_int_t id = strtoll(k, NULL, 10), c = json_integer_value(n);

		if (c > best_n || (c == best_n && id > best)) {
			best = id;
			best_n = c;
		}
	}
	if (!best)
		goto out;
	if ((error = ss_rstore_source_get(&src, st, best)) < 0 ||
	    (error = attack_domain(&domain, st, best)) < 0)
		goto out;
	if (*ss_js(src, "version"))
		json_object_set(cov, "attack_release", json_object_get(src, "version"));
	if (domain)
		json_object_set_new(cov, "attack_domain", json_string(domain));
out:
	json_decref(tally);
	json_decref(ref);
	json_decref(src);
	return error;
}

int ss_coverage(json_t **out, ss_store *st, const char *project)
{
	json_t *key = NULL, *proj = NULL, *reqs = NULL, *list = NULL, *res = NULL;
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
	if (!(res = json_pack("{s:s, s:s, s:O}", "project", project, "catalog_version",
			      ss_js(proj, "catalog_version"), "techniques", list))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = attack_source(res, st, list)) < 0)
		goto out;
	*out = res;
	res = NULL;
out:
	ss_store__read_end(st, began);
	json_decref(res);
	json_decref(list);
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

/* Whether an imported release names an ATT&CK version ("18.1", "v18"): the
 * Navigator reads the major number; a date (a bundle without a collection
 * object imported without --version) is no version. */
static bool attack_version(const char *release)
{
	const char *p = release;

	if (!p)
		return false;
	if (*p == 'v' || *p == 'V')
		p++;
	if (*p < '0' || *p > '9' || strlen(p) > 15)
		return false;
	for (; *p; p++)
		if ((*p < '0' || *p > '9') && !(*p == '.' && p[1] >= '0' && p[1] <= '9'))
			return false;
	return true;
}

/* The parent of a sub-technique id ("T1053" of "T1053.002"), or false. */
static bool parent_of(char parent[16], const char *id)
{
	const char *dot = strchr(id, '.');

	if (!dot || dot == id || (size_t)(dot - id) >= 16)
		return false;
	snprintf(parent, 16, "%.*s", (int)(dot - id), id);
	return true;
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
	json_t *layer = NULL, *techs = json_array(), *legend = json_array(), *t, *it, *e;
	json_t *cited = json_object(), *expand = json_object(), *added = json_object();
	const json_t *list = json_object_get(coverage, "techniques");
	const char *release = ss_js_or_null(coverage, "attack_release");
	const char *domain = ss_js_or_null(coverage, "attack_domain");
	ss_buf comment = SS_BUF_INIT(1 << 20), desc = SS_BUF_INIT(4096);
	char parent[16];
	size_t i, j, k;
	int error;

	if (!out || !coverage)
		return ss_error_set(SS_EINVAL, "ss_coverage_navigator: NULL argument");
	for (k = 0; k < 5; k++)
		json_array_append_new(legend, json_pack("{s:s, s:s}", "label", colors[k].state,
							"color", colors[k].color));
	/* a parent whose sub-technique is annotated is shown expanded */
	json_array_foreach(list, i, t) {
		json_object_set_new(cited, ss_js(t, "technique"), json_true());
		if (parent_of(parent, ss_js(t, "technique")))
			json_object_set_new(expand, parent, json_true());
	}
	json_array_foreach(list, i, t) {
		const char *id = ss_js(t, "technique"), *color = "#ffffff";

		/* a parent the project does not cite gets an entry of its own that
		 * only expands it, just before its first sub-technique */
		if (parent_of(parent, id) && !json_object_get(cited, parent) &&
		    !json_object_get(added, parent)) {
			json_array_append_new(techs, json_pack("{s:s, s:b}", "techniqueID", parent,
							       "showSubtechniques", 1));
			json_object_set_new(added, parent, json_true());
		}
		for (k = 0; k < 5; k++)
			if (strcmp(colors[k].state, ss_js(t, "state")) == 0)
				color = colors[k].color;
		ss_buf_clear(&comment);
		if ((error = ss_buf_printf(
			     &comment, "%s (incident %lld, ease %lld)%s", ss_js(t, "state"),
			     (long long)ss_ji(t, "incident"), (long long)ss_ji(t, "ease"),
			     json_is_true(json_object_get(t, "important")) ? ", important threat"
									   : "")) < 0)
			goto out;
		json_array_foreach(json_object_get(t, "items"), j, it) {
			if ((error = ss_buf_printf(&comment, "; %s: %s", ss_js(it, "item"),
						   ss_js(it, "state"))) < 0)
				goto out;
		}
		e = json_pack("{s:s, s:s, s:s, s:b, s:i, s:[{s:s, s:s}]}", "techniqueID", id,
			      "color", color, "comment", comment.ptr, "enabled", 1, "score",
			      (int)(ss_ji(t, "incident") * ss_ji(t, "ease")), "metadata", "name",
			      "secspec state", "value", ss_js(t, "state"));
		if (e && json_object_get(expand, id))
			json_object_set_new(e, "showSubtechniques", json_true());
		json_array_append_new(techs, e);
	}
	/* the release and domain of the import the techniques were found in;
	 * without one the Navigator opens the layer in its current release */
	if ((error = ss_buf_puts(&desc, "ATT&CK coverage of the project's security "
					"specification")) < 0 ||
	    (error = !domain && !release
			     ? ss_buf_puts(&desc, "; no imported ATT&CK release has its techniques")
			     : ss_buf_printf(&desc, " (ATT&CK%s%s%s%s)", domain ? " " : "",
					     domain ? domain : "", release ? " " : "",
					     release ? release : "")) < 0)
		goto out;
	layer = json_pack("{s:{s:s, s:s}, s:s, s:s, s:O, s:O, s:{s:[s, s, s], s:i, s:i}, "
			  "s:b, s:b}",
			  "versions", "navigator", "4.9.1", "layer", "4.5", "domain",
			  domain ? domain : "enterprise-attack", "description", desc.ptr,
			  "techniques", techs, "legendItems", legend, "gradient", "colors",
			  "#ffffff", "#fdae6b", "#e6550d", "minValue", 1, "maxValue", 9,
			  "hideDisabled", 0, "showTacticRowBackground", 0);
	if (!layer) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (attack_version(release))
		json_object_set_new(
			json_object_get(layer, "versions"), "attack",
			json_string(release + (release[0] == 'v' || release[0] == 'V')));
	json_object_set_new(layer, "name",
			    json_sprintf("secspec coverage: %s", ss_js(coverage, "project")));
	if ((error = ss_json_canonical(out, layer)) == 0)
		error = ss_buf_putc(out, '\n');
out:
	json_decref(layer);
	json_decref(techs);
	json_decref(legend);
	json_decref(cited);
	json_decref(expand);
	json_decref(added);
	ss_buf_release(&comment);
	ss_buf_release(&desc);
	return error;
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
