/*
 * The pages that read: the documents (the specification now, and as each
 * milestone agreed it), the ATT&CK coverage as a heat map of tactics and
 * techniques, and the catalog browser (versions, items, one item).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

static const char *qs(const http_req *rq, const char *k)
{
	const char *v = http_qstr(rq, k);

	return v && *v ? v : NULL;
}

static int finish(http_req *rq, http_resp *rs, const char *what, ss_buf *b)
{
	char title[300];

	snprintf(title, sizeof(title), "%s — %s", what, rq->params[0]);
	return pg_finish(rq, rs, title, b, "app.js");
}

/* ---- documents ---- */

/* The links to one document: each form in each language; as_of: a
 * milestone, or NULL for the document as it is now. */
static void doc_links(ss_buf *b, const http_req *rq, const char *as_of, const char *caption)
{
	static const char *const langs[][2] = {{"ja", "日本語"}, {"en", "English"}};
	size_t i;

	ss_buf_puts(b, "<table class=\"docs\">\n<caption>");
	pg_esc(b, caption);
	ss_buf_puts(b, "</caption>\n<thead><tr>");
	pg_th(b, _("Language"));
	pg_th(b, _("Read (HTML)"));
	pg_th(b, _("Markdown"));
	pg_th(b, _("Data (JSON)"));
	pg_th(b, _("Checklist (Excel)"));
	pg_th(b, _("Checklist (CSV)"));
	pg_th(b, _("OSCAL SSP"));
	pg_th(b, _("OSCAL POA&M"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < 2; i++) {
		static const char *const forms[][2] = {
			{"html", "html"},           {"md", "md"},   {"json", "json"},
			{"xlsx", "xlsx"},           {"csv", "csv"}, {"oscal-ssp", "ssp.json"},
			{"oscal-poam", "poam.json"}};
		size_t j;

		ss_buf_printf(b, "<tr><th scope=\"row\" lang=\"%s\">%s</th>", langs[i][0],
			      langs[i][1]);
		for (j = 0; j < sizeof(forms) / sizeof(forms[0]); j++) {
			ss_buf_puts(b, "<td><a href=\"/api/projects/");
			pg_esc(b, rq->params[0]);
			ss_buf_printf(b, "/spec?format=%s&amp;doclang=%s", forms[j][0],
				      langs[i][0]);
			if (as_of) {
				ss_buf_puts(b, "&amp;as_of=");
				pg_esc(b, as_of);
			}
			ss_buf_puts(b, "\"");
			if (j > 0) {
				ss_buf_puts(b, " download=\"");
				pg_esc(b, rq->params[0]);
				ss_buf_puts(b, "-spec");
				if (as_of) {
					ss_buf_puts(b, "-");
					pg_esc(b, as_of);
				}
				ss_buf_printf(b, ".%s.%s\"", langs[i][0], forms[j][1]);
			}
			ss_buf_puts(b, ">");
			pg_esc(b, j == 0 ? _("Read") : _("Download"));
			ss_buf_printf(b, "<span class=\"vh\"> (%s, %s)</span></a></td>",
				      langs[i][1], forms[j][0]);
		}
		ss_buf_puts(b, "</tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n");
}

int pg_documents(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *ms = NULL, *m;
	size_t i, n = 0;
	int error;

	if ((error = ss_milestone_list(&ms, rq->st, rq->params[0])) < 0)
		return error;
	pg_project_nav(&b, rq, "/documents");
	pg_section_open(&b, "now", _("The security specification now"));
	pg_el(&b, "p", NULL,
	      _("The document as you may read it: details disclosed only under an NDA are "
		"withheld from the vendor side until one is in force"));
	doc_links(&b, rq, NULL, _("The specification as it is now"));
	ss_buf_puts(&b, "</section>\n");
	pg_section_open(&b, "agreed", _("As agreed at each milestone"));
	pg_el(&b, "p", NULL,
	      _("The specification as it was when each complete milestone was signed, rebuilt "
		"from the log"));
	json_array_foreach(ms, i, m) {
		char caption[300];

		if (!json_is_true(json_object_get(m, "complete")))
			continue;
		n++;
		ss_buf_printf(
			&b, "<article class=\"card\" aria-labelledby=\"ag-%zu\"><h3 id=\"ag-%zu\">",
			i, i);
		pg_esc(&b, pg_js(m, "name"));
		ss_buf_puts(&b, "</h3>\n<dl class=\"facts\">");
		pg_el(&b, "dt", NULL, _("Catalog version"));
		pg_el(&b, "dd", NULL, pg_js(m, "catalog_version") ?: "");
		pg_el(&b, "dt", NULL, _("Specification hash"));
		pg_el(&b, "dd", "class=\"mono\"", pg_js(m, "spec_hash") ?: "");
		ss_buf_puts(&b, "</dl>\n");
		snprintf(caption, sizeof(caption), _("The specification as agreed at %s"),
			 pg_js(m, "name") ?: "");
		doc_links(&b, rq, pg_js(m, "name"), caption);
		ss_buf_puts(&b, "</article>\n");
	}
	if (n == 0)
		pg_el(&b, "p", NULL, _("No milestone is complete yet"));
	ss_buf_puts(&b, "</section>\n");
	json_decref(ms);
	return finish(rq, rs, _("Documents"), &b);
}

/* ---- coverage ---- */

const http_field pg_q_coverage[] = {
	{"state", HF_STRING, false, 24,
	 "implemented|mitigated-otherwise|accepted|not-applicable|open|none",
	 "only techniques in this state"},
	HTTP_FIELDS_END};

/* The coverage states: value, class marker (readable without colour), words. */
static const struct {
	const char *state, *mark, *label;
} states[] = {
	{"implemented", "✓", N_("implemented")},
	{"mitigated-otherwise", "≈", N_("mitigated otherwise")},
	{"accepted", "!", N_("risk accepted")},
	{"not-applicable", "–", N_("not applicable")},
	{"open", "?", N_("not decided")},
	{"none", "×", N_("no mitigation")},
};

static size_t state_index(const char *s)
{
	size_t i;

	for (i = 0; s && i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(states[i].state, s) == 0)
			return i;
	return sizeof(states) / sizeof(states[0]) - 1;
}

/* The ATT&CK Enterprise tactics in the matrix's order: id, short name, name. */
static const struct {
	const char *id, *shortname, *name;
} tactics[] = {
	{"TA0043", "reconnaissance", N_("Reconnaissance")},
	{"TA0042", "resource-development", N_("Resource Development")},
	{"TA0001", "initial-access", N_("Initial Access")},
	{"TA0002", "execution", N_("Execution")},
	{"TA0003", "persistence", N_("Persistence")},
	{"TA0004", "privilege-escalation", N_("Privilege Escalation")},
	{"TA0005", "defense-evasion", N_("Defense Evasion")},
	{"TA0006", "credential-access", N_("Credential Access")},
	{"TA0007", "discovery", N_("Discovery")},
	{"TA0008", "lateral-movement", N_("Lateral Movement")},
	{"TA0009", "collection", N_("Collection")},
	{"TA0011", "command-and-control", N_("Command and Control")},
	{"TA0010", "exfiltration", N_("Exfiltration")},
	{"TA0040", "impact", N_("Impact")},
};
#define NTACTICS (sizeof(tactics) / sizeof(tactics[0]))

static size_t tactic_index(const char *s)
{
	size_t i;

	for (i = 0; s && i < NTACTICS; i++)
		if (strcmp(tactics[i].id, s) == 0 || strcmp(tactics[i].shortname, s) == 0)
			return i;
	return NTACTICS;
}

/* technique -> {tactic index: true}, from the catalog's ATT&CK items (their
 * tactics) and, where ATT&CK was imported, the coverage's own tactics. */
static int tactic_map(json_t **out, ss_store *st, const char *version, const json_t *techs)
{
	ss_filter f = {.section = "attack"};
	json_t *list = NULL, *map = json_object(), *it, *t, *x, *y;
	size_t i, j, k;
	int error;

	if ((error = ss_catalog_list(&list, st, version, &f)) < 0)
		goto out;
	/* the tactics of an item citing one technique are that technique's; an
	 * item citing several does not say which tactic is whose, so those
	 * techniques stay under "other" rather than be guessed */
	json_array_foreach(json_object_get(list, "items"), i, it) {
		json_t *item = NULL;
		json_t *to;

		if (ss_catalog_show(&item, st, version, pg_js(it, "id")) < 0)
			continue;
		if (json_array_size(json_object_get(item, "attack")) != 1) {
			json_decref(item);
			continue;
		}
		to = map;
		json_array_foreach(json_object_get(item, "attack"), j, x) {
			json_array_foreach(json_object_get(item, "tactics"), k, y) {
				const char *tech = json_string_value(x);
				json_t *set = json_object_get(to, tech);

				if (!set)
					json_object_set_new(to, tech, set = json_object());
				json_object_set_new(set, json_string_value(y) ?: "", json_true());
			}
		}
		json_decref(item);
	}
	/* ATT&CK itself, when imported, is the authority: its tactics replace
	 * what the catalog's items suggest */
	json_array_foreach(techs, i, t) {
		json_t *set = NULL;

		json_array_foreach(json_object_get(t, "tactics"), k, y) {
			if (!set)
				json_object_set_new(map, pg_js(t, "technique"),
						    set = json_object());
			json_object_set_new(set, json_string_value(y) ?: "", json_true());
		}
	}
	*out = map;
	map = NULL;
out:
	json_decref(list);
	json_decref(map);
	return error;
}

/* The tactics of a technique (a sub-technique takes its parent's). */
static const json_t *tactics_of(const json_t *map, const char *tech)
{
	const json_t *set = json_object_get(map, tech);
	char parent[32];
	const char *dot = strchr(tech, '.');

	if (set || !dot || (size_t)(dot - tech) >= sizeof(parent))
		return set;
	memcpy(parent, tech, (size_t)(dot - tech));
	parent[dot - tech] = '\0';
	return json_object_get(map, parent);
}

static void heat_cell(ss_buf *b, const http_req *rq, const json_t *t, const char *version)
{
	size_t s = state_index(pg_js(t, "state"));
	bool imp = json_is_true(json_object_get(t, "important"));
	const json_t *it;
	size_t i;

	ss_buf_printf(
		b, "<li class=\"cell s-%s%s\"><span class=\"mark\" aria-hidden=\"true\">%s</span> ",
		states[s].state, imp ? " important" : "", states[s].mark);
	ss_buf_puts(b, "<span class=\"tech\">");
	pg_esc(b, pg_js(t, "technique"));
	ss_buf_puts(b, "</span>");
	if (pg_js(t, "name")) {
		ss_buf_puts(b, " <span class=\"tname\">");
		pg_esc(b, pg_js(t, "name"));
		ss_buf_puts(b, "</span>");
	}
	ss_buf_puts(b, "<span class=\"vh\">: ");
	pg_esc(b, _(states[s].label));
	if (imp) {
		ss_buf_puts(b, _(", "));
		pg_esc(b, _("important"));
	}
	ss_buf_puts(b, "</span>");
	if (imp)
		ss_buf_puts(b, " <span class=\"imp\" aria-hidden=\"true\">★</span>");
	ss_buf_printf(b, "<span class=\"score\">%lld/%lld</span>",
		      (long long)json_integer_value(json_object_get(t, "incident")),
		      (long long)json_integer_value(json_object_get(t, "ease")));
	if (json_array_size(json_object_get(t, "items"))) {
		ss_buf_puts(b, "<span class=\"items\">");
		json_array_foreach(json_object_get(t, "items"), i, it) {
			ss_buf_puts(b, " <a class=\"mono\" href=\"/catalog/");
			pg_esc(b, version);
			ss_buf_puts(b, "/");
			pg_esc(b, pg_js(it, "item"));
			ss_buf_puts(b, "\">");
			pg_esc(b, pg_js(it, "item"));
			ss_buf_puts(b, "</a>");
		}
		ss_buf_puts(b, "</span>");
	}
	(void)rq;
	ss_buf_puts(b, "</li>");
}

/* The project's own scores of a technique, with the reason (a lead of
 * either side): they replace the catalog's in the map. */
static void threat_form(ss_buf *b, http_req *rq, const json_t *techs)
{
	const json_t *t;
	size_t i;
	int v;

	if (!pg_member_is(rq, NULL, "|lead|") || json_array_size(techs) == 0)
		return;
	pg_section_open(b, "threat-new", _("Score a technique for this project"));
	pg_form_open(b, rq, "threat-form", "/threats/{technique}");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"th-tech\">");
	pg_esc(b, _("Technique"));
	ss_buf_puts(b, "</label> <select id=\"th-tech\" name=\"technique\" data-path>");
	json_array_foreach(techs, i, t) {
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, pg_js(t, "technique"));
		ss_buf_puts(b, "\">");
		pg_esc(b, pg_js(t, "technique"));
		if (pg_js(t, "name")) {
			ss_buf_puts(b, " ");
			pg_esc(b, pg_js(t, "name"));
		}
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
	for (i = 0; i < 2; i++) {
		ss_buf_printf(b, "<p class=\"field\"><label for=\"th-%s\">",
			      i ? "ease" : "incident");
		pg_esc(b, i ? _("Ease of attack (1-3)") : _("Incidents seen (1-3)"));
		ss_buf_printf(b, "</label> <select id=\"th-%s\" name=\"%s\" data-int>",
			      i ? "ease" : "incident", i ? "ease" : "incident");
		for (v = 1; v <= 3; v++)
			ss_buf_printf(b, "<option value=\"%d\">%d</option>", v, v);
		ss_buf_puts(b, "</select></p>\n");
	}
	pg_textarea(b, "th-reason", "reason", _("Why the project scores it so"),
		    "required maxlength=\"4000\"");
	pg_form_end(b, _("Record the scores (signed)"));
	ss_buf_puts(b, "</section>\n");
}

int pg_coverage(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *cov = NULL, *map = NULL, *t;
	const json_t *techs;
	const char *want = qs(rq, "state"), *version;
	size_t counts[sizeof(states) / sizeof(states[0])] = {0};
	size_t i, col, shown = 0;
	int error;

	if ((error = ss_store_check_state(rq->st, rq->params[0])) < 0 ||
	    (error = ss_coverage(&cov, rq->st, rq->params[0])) < 0)
		goto out;
	techs = json_object_get(cov, "techniques");
	version = pg_js(cov, "catalog_version");
	if ((error = tactic_map(&map, rq->st, version, techs)) < 0)
		goto out;
	json_array_foreach(techs, i, t) {
		counts[state_index(pg_js(t, "state"))]++;
	}
	pg_msgs(&b, pg_form_msgs);
	pg_project_nav(&b, rq, "/coverage");
	pg_el(&b, "p", NULL,
	      _("Every ATT&CK technique the catalog cites, by tactic, with how the project's "
		"decisions cover it. The scores are incident/ease (3 is highest); ★ marks an "
		"important technique (both 3)"));
	/* the filter, and the legend with the counts */
	ss_buf_puts(&b, "<form class=\"filter\" method=\"get\" action=\"\">\n"
			"<p class=\"field\"><label for=\"f-state\">");
	pg_esc(&b, _("Coverage"));
	ss_buf_puts(&b, "</label> <select id=\"f-state\" name=\"state\"><option value=\"\">");
	pg_esc(&b, _("all"));
	ss_buf_puts(&b, "</option>");
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		ss_buf_printf(&b, "<option value=\"%s\"%s>", states[i].state,
			      want && strcmp(want, states[i].state) == 0 ? " selected" : "");
		pg_esc(&b, _(states[i].label));
		ss_buf_puts(&b, "</option>");
	}
	ss_buf_puts(&b, "</select></p>\n<p><button type=\"submit\">");
	pg_esc(&b, _("Show"));
	ss_buf_puts(&b, "</button></p>\n</form>\n<h2 id=\"legend\">");
	pg_esc(&b, _("Legend"));
	ss_buf_puts(&b, "</h2>\n<ul class=\"legend\" aria-labelledby=\"legend\">");
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		ss_buf_printf(&b,
			      "<li class=\"cell s-%s\"><span class=\"mark\" aria-hidden=\"true\">%s"
			      "</span> ",
			      states[i].state, states[i].mark);
		pg_esc(&b, _(states[i].label));
		ss_buf_printf(&b, " <span class=\"count\">(%zu)</span></li>", counts[i]);
	}
	ss_buf_puts(&b, "</ul>\n<h2 id=\"matrix\">");
	pg_esc(&b, _("Tactics and techniques"));
	ss_buf_puts(&b, "</h2>\n<div class=\"heat\">\n");
	for (col = 0; col <= NTACTICS; col++) {
		size_t n = 0;

		json_array_foreach(techs, i, t) {
			const json_t *set = tactics_of(map, pg_js(t, "technique"));
			const char *k;
			json_t *v;
			bool in = false;

			if (want && strcmp(states[state_index(pg_js(t, "state"))].state, want) != 0)
				continue;
			if (col == NTACTICS) {
				in = true;
				json_object_foreach((json_t *)set, k, v) {
					if (tactic_index(k) < NTACTICS)
						in = false;
				}
			} else {
				json_object_foreach((json_t *)set, k, v) {
					if (tactic_index(k) == col)
						in = true;
				}
			}
			if (!in)
				continue;
			if (n++ == 0) {
				ss_buf_printf(
					&b,
					"<section class=\"tactic\" aria-labelledby=\"ta-%zu\">"
					"<h3 id=\"ta-%zu\">",
					col, col);
				if (col < NTACTICS) {
					pg_esc(&b, _(tactics[col].name));
					ss_buf_printf(&b, " <span class=\"mono\">%s</span>",
						      tactics[col].id);
				} else {
					pg_esc(&b, _("Other techniques"));
				}
				ss_buf_puts(&b, "</h3><ul>");
			}
			shown++;
			heat_cell(&b, rq, t, version);
		}
		if (n)
			ss_buf_puts(&b, "</ul></section>\n");
	}
	ss_buf_puts(&b, "</div>\n");
	if (shown == 0)
		pg_el(&b, "p", NULL, _("No technique is in this state"));
	threat_form(&b, rq, techs);
	pg_status(&b);
	pg_sign_dialog(&b);
	{
		char title[300];

		snprintf(title, sizeof(title), "%s — %s", _("ATT&CK coverage"), rq->params[0]);
		error = pg_finish(rq, rs, title, &b, "signed.js");
	}
out:
	ss_buf_release(&b);
	json_decref(cov);
	json_decref(map);
	return error;
}

/* ---- the catalog ---- */

const http_field pg_q_catalog[] = {
	{"version", HF_STRING, false, 32, NULL, "the catalog version (default: the newest)"},
	{"section", HF_STRING, false, 64, "secure-coding|default|detailed|attack",
	 "only items of this section"},
	{"platform", HF_STRING, false, 64, NULL, "only items of this platform"},
	{"category", HF_STRING, false, 64, NULL, "only items of this category"},
	HTTP_FIELDS_END};

static void select_keys(ss_buf *b, const char *id, const char *label, const json_t *keys,
			const char *sel, bool section)
{
	const char *k;
	json_t *v;

	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b, "</label> <select id=\"%s\" name=\"%s\"><option value=\"\">", id, id + 2);
	pg_esc(b, _("all"));
	ss_buf_puts(b, "</option>");
	json_object_foreach((json_t *)keys, k, v) {
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, k);
		ss_buf_printf(b, "\"%s>", sel && strcmp(sel, k) == 0 ? " selected" : "");
		pg_esc(b, section ? pg_section(k) : k);
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
}

int pg_catalog(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *versions = NULL, *all = NULL, *list = NULL, *v, *it;
	json_t *secs = json_object(), *plats = json_object(), *cats = json_object();
	ss_filter f = {.section = qs(rq, "section"),
		       .platform = qs(rq, "platform"),
		       .category = qs(rq, "category")};
	const char *version = qs(rq, "version");
	char line[128];
	size_t i;
	int error;

	if ((error = ss_catalog_versions(&versions, rq->st)) < 0)
		goto out;
	if (!version && json_array_size(versions))
		version = pg_js(json_array_get(versions, json_array_size(versions) - 1), "version");
	if (version && ((error = ss_catalog_list(&all, rq->st, version, &(ss_filter){0})) < 0 ||
			(error = ss_catalog_list(&list, rq->st, version, &f)) < 0))
		goto out;
	json_array_foreach(json_object_get(all, "items"), i, it) {
		json_object_set_new(secs, pg_js(it, "section") ?: "", json_true());
		json_object_set_new(plats, pg_js(it, "platform") ?: "", json_true());
		json_object_set_new(cats, pg_js(it, "category") ?: "", json_true());
	}
	pg_section_open(&b, "versions", _("Versions"));
	ss_buf_puts(&b, "<table>\n<thead><tr>");
	pg_th(&b, _("Version"));
	pg_th(&b, _("Title"));
	pg_th(&b, _("Released"));
	pg_th(&b, _("Items"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(versions, i, v) {
		bool here = version && strcmp(version, pg_js(v, "version") ?: "") == 0;

		ss_buf_puts(&b, "<tr><th scope=\"row\"><a href=\"/catalog?version=");
		pg_esc(&b, pg_js(v, "version"));
		ss_buf_printf(&b, "\"%s>", here ? " aria-current=\"page\"" : "");
		pg_esc(&b, pg_js(v, "version"));
		ss_buf_puts(&b, "</a></th>");
		pg_el(&b, "td", NULL, pg_title(rq, v, "title"));
		pg_el(&b, "td", NULL, pg_js(v, "released") ?: "");
		ss_buf_printf(&b, "<td>%lld</td></tr>\n",
			      (long long)json_integer_value(json_object_get(v, "items")));
	}
	ss_buf_puts(&b, "</tbody>\n</table>\n</section>\n");
	if (!version) {
		pg_el(&b, "p", NULL, _("No catalog version is loaded"));
		error = pg_finish(rq, rs, _("Catalog"), &b, "app.js");
		goto out;
	}
	snprintf(line, sizeof(line), _("Items of version %s"), version);
	pg_section_open(&b, "items", line);
	ss_buf_puts(&b, "<form class=\"filter\" method=\"get\" action=\"/catalog\">\n"
			"<input type=\"hidden\" name=\"version\" value=\"");
	pg_esc(&b, version);
	ss_buf_puts(&b, "\">\n");
	select_keys(&b, "f-section", _("Section"), secs, f.section, true);
	select_keys(&b, "f-platform", _("Platform"), plats, f.platform, false);
	select_keys(&b, "f-category", _("Category"), cats, f.category, false);
	ss_buf_puts(&b, "<p><button type=\"submit\">");
	pg_esc(&b, _("Show"));
	ss_buf_puts(&b, "</button></p>\n</form>\n");
	snprintf(line, sizeof(line), _("%zu items shown"),
		 json_array_size(json_object_get(list, "items")));
	pg_el(&b, "p", "id=\"shown\"", line);
	ss_buf_puts(&b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			"aria-labelledby=\"items\"><table>\n<thead><tr>");
	pg_th(&b, _("Item"));
	pg_th(&b, _("Mitigation"));
	pg_th(&b, _("Section"));
	pg_th(&b, _("Platform"));
	pg_th(&b, _("Category"));
	pg_th(&b, _("Scores"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(list, "items"), i, it) {
		ss_buf_puts(&b, "<tr><th scope=\"row\" class=\"mono\"><a href=\"/catalog/");
		pg_esc(&b, version);
		ss_buf_puts(&b, "/");
		pg_esc(&b, pg_js(it, "id"));
		ss_buf_puts(&b, "\">");
		pg_esc(&b, pg_js(it, "id"));
		ss_buf_puts(&b, "</a></th><td>");
		pg_esc(&b, pg_title(rq, it, "title"));
		if (json_is_true(json_object_get(it, "default"))) {
			ss_buf_puts(&b, " <span class=\"badge\">");
			pg_esc(&b, _("minimum default mitigation"));
			ss_buf_puts(&b, "</span>");
		}
		ss_buf_puts(&b, "</td>");
		pg_el(&b, "td", NULL, pg_section(pg_js(it, "section")));
		pg_el(&b, "td", NULL, pg_js(it, "platform") ?: "");
		pg_el(&b, "td", NULL, pg_js(it, "category") ?: "");
		ss_buf_printf(&b, "<td>%lld/%lld</td></tr>\n",
			      (long long)json_integer_value(json_object_get(it, "incident")),
			      (long long)json_integer_value(json_object_get(it, "ease")));
	}
	ss_buf_puts(&b, "</tbody>\n</table></div>\n</section>\n");
	error = pg_finish(rq, rs, _("Catalog"), &b, "app.js");
out:
	ss_buf_release(&b);
	json_decref(versions);
	json_decref(all);
	json_decref(list);
	json_decref(secs);
	json_decref(plats);
	json_decref(cats);
	return error;
}

/* A text field of an item ({ja, en}) as a paragraph under a heading. */
static void item_text(ss_buf *b, const http_req *rq, const json_t *item, const char *key,
		      const char *label)
{
	const json_t *o = json_object_get(item, key);
	const char *s = json_is_string(o) ? json_string_value(o) : pg_lang(rq, o);

	if (!s || !*s)
		return;
	pg_el(b, "h2", NULL, label);
	pg_el(b, "p", NULL, s);
}

static void item_refs(ss_buf *b, const json_t *item, const char *key, const char *label)
{
	const json_t *a = json_object_get(item, key), *x;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	pg_el(b, "dt", NULL, label);
	ss_buf_puts(b, "<dd class=\"mono\">");
	json_array_foreach(a, i, x) {
		if (i)
			ss_buf_puts(b, ", ");
		pg_esc(b, json_is_string(x) ? json_string_value(x) : pg_js(x, "id"));
	}
	ss_buf_puts(b, "</dd>");
}

int pg_catalog_item(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *item = NULL, *s, *refs;
	const char *k;
	char title[300];
	size_t i;
	int error;

	if ((error = ss_catalog_show(&item, rq->st, rq->params[0], rq->params[1])) < 0)
		return error;
	ss_buf_puts(&b, "<p><a href=\"/catalog?version=");
	pg_esc(&b, rq->params[0]);
	ss_buf_puts(&b, "\">");
	pg_esc(&b, _("Back to the items"));
	ss_buf_puts(&b, "</a></p>\n<dl class=\"facts\">");
	pg_el(&b, "dt", NULL, _("Catalog version"));
	pg_el(&b, "dd", NULL, rq->params[0]);
	pg_el(&b, "dt", NULL, _("Section"));
	pg_el(&b, "dd", NULL, pg_section(pg_js(item, "section")));
	pg_el(&b, "dt", NULL, _("Platform"));
	pg_el(&b, "dd", NULL, pg_js(item, "platform") ?: "");
	pg_el(&b, "dt", NULL, _("Category"));
	pg_el(&b, "dd", NULL, pg_js(item, "category") ?: "");
	if (json_is_true(json_object_get(item, "default"))) {
		pg_el(&b, "dt", NULL, _("Kind"));
		pg_el(&b, "dd", NULL, _("minimum default mitigation"));
	}
	pg_el(&b, "dt", NULL, _("Scores (incident/ease)"));
	ss_buf_printf(&b, "<dd>%lld/%lld</dd>",
		      (long long)json_integer_value(
			      json_object_get(json_object_get(item, "scores"), "incident")),
		      (long long)json_integer_value(
			      json_object_get(json_object_get(item, "scores"), "ease")));
	item_refs(&b, item, "attack", _("ATT&CK techniques"));
	item_refs(&b, item, "tactics", _("ATT&CK tactics"));
	item_refs(&b, item, "mitigations", _("ATT&CK mitigations"));
	item_refs(&b, item, "cwe", _("CWE"));
	item_refs(&b, item, "asvs", _("OWASP ASVS"));
	item_refs(&b, item, "stig", _("DISA STIG"));
	item_refs(&b, item, "cis", _("CIS Benchmarks"));
	refs = json_object_get(item, "references");
	json_object_foreach(refs, k, s) {
		if (json_is_array(s))
			item_refs(&b, refs, k, k);
	}
	ss_buf_puts(&b, "</dl>\n");
	item_text(&b, rq, item, "overview", _("Overview"));
	item_text(&b, rq, item, "mitigation", _("Mitigation"));
	item_text(&b, rq, item, "rationale", _("Why"));
	item_text(&b, rq, item, "operational_impact", _("Impact on operations"));
	item_text(&b, rq, item, "user_responsibility", _("The user's responsibility"));
	item_text(&b, rq, item, "check", _("How to check"));
	if (json_array_size(json_object_get(item, "settings"))) {
		pg_el(&b, "h2", "id=\"settings\"", _("Settings"));
		ss_buf_puts(&b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
				"aria-labelledby=\"settings\"><table>\n<thead><tr>");
		pg_th(&b, _("Setting"));
		pg_th(&b, _("Value"));
		pg_th(&b, _("Where"));
		ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(item, "settings"), i, s) {
			const json_t *f[3] = {json_object_get(s, "key"),
					      json_object_get(s, "value"),
					      json_object_get(s, "where")};
			size_t j;

			ss_buf_puts(&b, "<tr>");
			for (j = 0; j < 3; j++)
				pg_el(&b, j == 0 ? "th" : "td", j == 0 ? "scope=\"row\"" : NULL,
				      json_is_string(f[j]) ? json_string_value(f[j])
							   : (pg_lang(rq, f[j]) ?: ""));
			ss_buf_puts(&b, "</tr>\n");
		}
		ss_buf_puts(&b, "</tbody>\n</table></div>\n");
	}
	snprintf(title, sizeof(title), "%s %s", rq->params[1],
		 pg_lang(rq, json_object_get(item, "title")) ?: "");
	json_decref(item);
	return pg_finish(rq, rs, title, &b, "app.js");
}
