/*
 * The components page: the newest SBOM's components, the licences against
 * the user side's policy, the vulnerability register and the findings not
 * yet in it, with the signed forms of a vulnerability's record (rules 5),
 * each for the side and roles the rule book lets take that step. SBOM data
 * is the vendor's disclosure: every member reads it (no NDA gate).
 */
#include <stdio.h>
#include <string.h>

#include "api_sbom.h"
#include "pages.h"

static const char *const states[][2] = {
	{"affected", N_("affected")},
	{"not_affected", N_("not affected")},
	{"fixed", N_("fixed")},
	{"under_investigation", N_("under investigation")},
};
static const char *const statuses[][2] = {
	{"open", N_("open: awaiting the vendor's analysis")},
	{"analysed", N_("analysed: awaiting the user side's decision")},
	{"rejected", N_("analysis rejected")},
	{"awaiting-approval", N_("accepted: awaiting management's approval")},
	{"accepted", N_("accepted and approved")},
	{"approval-rejected", N_("acceptance rejected by management")},
	{"decided", N_("decided")},
};
static const char *const verdicts[][2] = {
	{"allowed", N_("allowed")},   {"review", N_("to review")}, {"denied", N_("denied")},
	{"accept", N_("accepted")},   {"reject", N_("rejected")},  {"approved", N_("approved")},
	{"rejected", N_("rejected")},
};

static void td(ss_buf *b, const char *text)
{
	pg_el(b, "td", NULL, text ? text : "");
}

/* The hidden fields naming a record: its vulnerability and component. */
static void hidden_record(ss_buf *b, const char *vuln, const char *component)
{
	ss_buf_puts(b, "<input type=\"hidden\" name=\"vuln\" value=\"");
	pg_esc(b, vuln);
	ss_buf_puts(b, "\"><input type=\"hidden\" name=\"component\" value=\"");
	pg_esc(b, component);
	ss_buf_puts(b, "\">\n");
}

/* Two submit buttons of one verdict field. */
static void verdict_buttons(ss_buf *b, const char *yes, const char *yes_label, const char *no,
			    const char *no_label)
{
	ss_buf_puts(b, "<p>");
	pg_submit(b, yes_label, "verdict", yes);
	ss_buf_printf(b, " <button type=\"submit\" name=\"verdict\" value=\"%s\">", no);
	pg_esc(b, no_label);
	ss_buf_puts(b, "</button></p>\n</form>\n");
}

static void components_table(ss_buf *b, const json_t *sbom)
{
	const json_t *c;
	size_t i;

	ss_buf_puts(b, "<dl class=\"facts\">");
	pg_el(b, "dt", NULL, _("SBOM version"));
	ss_buf_printf(b, "<dd>%lld</dd>",
		      (long long)json_integer_value(json_object_get(sbom, "sbom")));
	pg_el(b, "dt", NULL, _("File"));
	pg_el(b, "dd", NULL, pg_js(sbom, "name"));
	pg_el(b, "dt", NULL, _("Format"));
	pg_el(b, "dd", NULL, pg_js(sbom, "spec_version"));
	pg_el(b, "dt", NULL, _("Disclosed by"));
	pg_el(b, "dd", NULL, pg_js(sbom, "by"));
	pg_el(b, "dt", NULL, _("Time"));
	pg_el(b, "dd", NULL, pg_js(sbom, "time"));
	ss_buf_puts(b, "</dl>\n<table>\n<thead><tr>");
	pg_th(b, _("Name"));
	pg_th(b, _("Version"));
	pg_th(b, _("Licence"));
	pg_th(b, _("Supplier"));
	pg_th(b, _("Brought in by"));
	pg_th(b, _("purl"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(sbom, "components"), i, c) {
		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\"", pg_js(c, "name"));
		td(b, pg_js(c, "version"));
		td(b, pg_js(c, "licenses"));
		td(b, pg_js(c, "supplier"));
		td(b, pg_js(c, "brought_by"));
		pg_el(b, "td", "class=\"mono\"", pg_js(c, "purl") ?: "");
		ss_buf_puts(b, "</tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n");
}

static void licences_table(ss_buf *b, const json_t *sbom)
{
	const json_t *pol = json_object_get(sbom, "policy"), *l;
	size_t i;

	if (!json_is_object(pol))
		pg_el(b, "p", NULL, _("The user side has set no licence policy yet"));
	else {
		char line[200];

		snprintf(line, sizeof(line), _("Licences the policy does not name: %s"),
			 PG_WORD(verdicts, pg_js(pol, "default")));
		pg_el(b, "p", NULL, line);
	}
	ss_buf_puts(b, "<table>\n<thead><tr>");
	pg_th(b, _("Licence"));
	pg_th(b, _("Components"));
	pg_th(b, _("Verdict of the policy"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(json_object_get(sbom, "licences"), "licences"), i, l) {
		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(l, "id"));
		ss_buf_printf(b, "<td>%lld</td>",
			      (long long)json_integer_value(json_object_get(l, "components")));
		td(b, PG_WORD(verdicts, pg_js(l, "verdict")));
		ss_buf_puts(b, "</tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n");
}

/* A list of the policy as lines of a textarea (data-list: one per line). */
static void policy_list(ss_buf *b, const char *id, const char *name, const char *label,
			const json_t *list)
{
	const json_t *v;
	size_t i;

	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b,
		      "</label> <textarea id=\"%s\" name=\"%s\" data-list rows=\"3\" "
		      "class=\"mono\">",
		      id, name);
	json_array_foreach(list, i, v) {
		pg_esc(b, json_string_value(v));
		ss_buf_puts(b, "\n");
	}
	ss_buf_puts(b, "</textarea></p>\n");
}

/* The user lead's licence policy: a new one, or one replacing the policy in
 * force (its lists filled in). */
static void policy_form(ss_buf *b, const http_req *rq, const json_t *sbom)
{
	static const char *const fallbacks[] = {"review", "allowed", "denied"};
	const json_t *pol = json_object_get(sbom, "policy");
	const char *cur = json_is_object(pol) ? pg_js(pol, "default") : NULL;
	size_t i;

	if (!pg_member_is(rq, "user", "|lead|"))
		return;
	pg_form_open(b, rq, "sbom-policy-form", "/sbom/policy");
	pg_el(b, "h3", NULL,
	      json_is_object(pol) ? _("Replace the licence policy") : _("Set the licence policy"));
	if (json_is_object(pol))
		ss_buf_printf(
			b, "<input type=\"hidden\" name=\"supersedes\" data-int value=\"%lld\">\n",
			(long long)json_integer_value(json_object_get(pol, "seq")));
	policy_list(b, "sp-allowed", "allowed", _("Licences allowed (one per line)"),
		    json_object_get(pol, "allowed"));
	policy_list(b, "sp-review", "review", _("Licences to review (one per line)"),
		    json_object_get(pol, "review"));
	policy_list(b, "sp-denied", "denied", _("Licences denied (one per line)"),
		    json_object_get(pol, "denied"));
	ss_buf_puts(b, "<p class=\"field\"><label for=\"sp-default\">");
	pg_esc(b, _("A licence the lists do not name"));
	ss_buf_puts(b, "</label> <select id=\"sp-default\" name=\"default\">");
	for (i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++) {
		ss_buf_printf(b, "<option value=\"%s\"%s>", fallbacks[i],
			      cur && strcmp(cur, fallbacks[i]) == 0 ? " selected" : "");
		pg_esc(b, PG_WORD(verdicts, fallbacks[i]));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
	pg_textarea(b, "sp-reason", "reason", _("Reason"), "maxlength=\"4000\"");
	pg_form_end(b, _("Record the policy (signed)"));
}

static void analysis_cell(ss_buf *b, const json_t *an)
{
	const json_t *r;
	size_t i;

	ss_buf_puts(b, "<td>");
	if (an) {
		pg_esc(b, PG_WORD(states, pg_js(an, "state")));
		if (pg_js(an, "justification")) {
			ss_buf_puts(b, " (");
			pg_esc(b, pg_js(an, "justification"));
			ss_buf_puts(b, ")");
		}
		json_array_foreach(json_object_get(an, "response"), i, r) {
			ss_buf_puts(b, i ? ", " : "; ");
			pg_esc(b, json_string_value(r));
		}
		ss_buf_puts(b, "<br>");
		pg_esc(b, pg_js(an, "detail"));
	}
	ss_buf_puts(b, "</td>");
}

static void step_cell(ss_buf *b, const json_t *step, const char *note)
{
	ss_buf_puts(b, "<td>");
	if (step) {
		pg_esc(b, PG_WORD(verdicts, pg_js(step, "verdict")));
		ss_buf_puts(b, " — ");
		pg_esc(b, pg_js(step, "by"));
		if (pg_js(step, note)) {
			ss_buf_puts(b, "<br>");
			pg_esc(b, pg_js(step, note));
		}
	}
	ss_buf_puts(b, "</td>");
}

/* The register, with the decision and approval forms of each record for
 * the user side's lead and members, and its management. */
static void register_section(ss_buf *b, const http_req *rq, const json_t *reg)
{
	bool decides = pg_member_is(rq, "user", "|lead|member|"),
	     approves = pg_member_is(rq, "user", "|management|");
	const json_t *r;
	size_t i;

	pg_section_open(b, "register", _("Vulnerability register"));
	if (json_array_size(json_object_get(reg, "records")) == 0) {
		pg_el(b, "p", NULL, _("No vulnerability has been recorded yet"));
		ss_buf_puts(b, "</section>\n");
		return;
	}
	ss_buf_puts(b, "<table>\n<thead><tr>");
	pg_th(b, _("Vulnerability"));
	pg_th(b, _("Component"));
	pg_th(b, _("Vendor's analysis"));
	pg_th(b, _("Decision"));
	pg_th(b, _("Approval"));
	pg_th(b, _("Status"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(reg, "records"), i, r) {
		char comp[600];

		snprintf(comp, sizeof(comp), "%s %s", pg_js(r, "name") ?: pg_js(r, "component"),
			 pg_js(r, "version") ?: "");
		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(r, "vuln"));
		td(b, comp);
		analysis_cell(b, json_object_get(r, "analysis"));
		step_cell(b, json_object_get(r, "decision"), "reason");
		step_cell(b, json_object_get(r, "approval"), "note");
		td(b, PG_WORD(statuses, pg_js(r, "status")));
		ss_buf_puts(b, "</tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n");
	json_array_foreach(json_object_get(reg, "records"), i, r) {
		const char *status = pg_js(r, "status") ?: "";
		char fid[64], label[600];

		snprintf(label, sizeof(label), "%s — %s", pg_js(r, "vuln") ?: "",
			 pg_js(r, "name") ?: pg_js(r, "component") ?: "");
		if (decides && strcmp(status, "analysed") == 0) {
			snprintf(fid, sizeof(fid), "vuln-decide-%zu", i);
			pg_form_open(b, rq, fid, "/vulns/decision");
			pg_el(b, "h3", NULL, label);
			hidden_record(b, pg_js(r, "vuln"), pg_js(r, "component"));
			ss_buf_printf(b, "<p class=\"field\"><label for=\"%s-reason\">", fid);
			pg_esc(b, _("Reason (needed to reject, and to accept an exploitable "
				    "vulnerability)"));
			ss_buf_printf(
				b,
				"</label> <textarea id=\"%s-reason\" name=\"reason\" rows=\"2\" "
				"maxlength=\"4000\"></textarea></p>\n",
				fid);
			verdict_buttons(b, "accept", _("Accept the analysis (signed)"), "reject",
					_("Reject the analysis (signed)"));
		}
		if (approves && strcmp(status, "awaiting-approval") == 0) {
			snprintf(fid, sizeof(fid), "vuln-approve-%zu", i);
			pg_form_open(b, rq, fid, "/vulns/approval");
			pg_el(b, "h3", NULL, label);
			hidden_record(b, pg_js(r, "vuln"), pg_js(r, "component"));
			ss_buf_printf(b, "<p class=\"field\"><label for=\"%s-note\">", fid);
			pg_esc(b, _("Note (needed to reject)"));
			ss_buf_printf(b,
				      "</label> <textarea id=\"%s-note\" name=\"note\" rows=\"2\" "
				      "maxlength=\"4000\"></textarea></p>\n",
				      fid);
			verdict_buttons(b, "approved", _("Approve (signed)"), "rejected",
					_("Reject (signed)"));
		}
	}
	ss_buf_puts(b, "</section>\n");
}

static bool recorded(const json_t *reg, const json_t *f)
{
	const json_t *r, *a;
	size_t i, k;

	json_array_foreach(json_object_get(reg, "records"), i, r) {
		if (strcmp(pg_js(r, "component") ?: "", pg_js(f, "component") ?: "") != 0)
			continue;
		if (strcmp(pg_js(r, "vuln") ?: "", pg_js(f, "vuln") ?: "") == 0)
			return true;
		json_array_foreach(json_object_get(f, "aliases"), k, a)
			if (strcmp(pg_js(r, "vuln") ?: "", json_string_value(a) ?: "") == 0)
				return true;
	}
	return false;
}

/* The findings not in the register, each with the form that records it as
 * found, for the members of either side who may (lead, member, operations). */
static void findings_section(ss_buf *b, const http_req *rq, const json_t *match, const json_t *reg)
{
	bool notices = pg_member_is(rq, NULL, "|lead|member|operations|");
	const json_t *f;
	size_t i, shown = 0;

	pg_section_open(b, "findings", _("Findings not yet in the register"));
	pg_el(b, "p", NULL,
	      _("The newest SBOM's components matched against the advisories this server "
		"holds"));
	json_array_foreach(json_object_get(match, "findings"), i, f) {
		char fid[64], comp[600];

		if (recorded(reg, f))
			continue;
		if (shown++ == 0) {
			ss_buf_puts(b, "<table>\n<thead><tr>");
			pg_th(b, _("Vulnerability"));
			pg_th(b, _("Component"));
			pg_th(b, _("Severity"));
			pg_th(b, _("Summary"));
			if (notices)
				pg_th(b, _("Record"));
			ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
		}
		snprintf(comp, sizeof(comp), "%s %s", pg_js(f, "name") ?: pg_js(f, "component"),
			 pg_js(f, "version") ?: "");
		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(f, "vuln"));
		td(b, comp);
		td(b, pg_js(f, "severity"));
		td(b, pg_js(f, "summary"));
		if (notices) {
			ss_buf_puts(b, "<td>");
			snprintf(fid, sizeof(fid), "vuln-notice-%zu", i);
			pg_form_open(b, rq, fid, "/vulns/notice");
			hidden_record(b, pg_js(f, "vuln"), pg_js(f, "component"));
			pg_form_end(b, _("Record as found (signed)"));
			ss_buf_puts(b, "</td>");
		}
		ss_buf_puts(b, "</tr>\n");
	}
	if (shown)
		ss_buf_puts(b, "</tbody>\n</table>\n");
	else
		pg_el(b, "p", NULL, _("No finding outside the register"));
	ss_buf_puts(b, "</section>\n");
}

/* The vendor's analysis: the vendor side's lead and members. */
static void analysis_form(ss_buf *b, const http_req *rq, const json_t *sbom)
{
	static const char *const responses[] = {"can_not_fix", "will_not_fix", "update", "rollback",
						"workaround_available"};
	const json_t *c;
	size_t i;

	if (!pg_member_is(rq, "vendor", "|lead|member|"))
		return;
	pg_section_open(b, "analyse", _("The vendor's analysis"));
	pg_form_open(b, rq, "vuln-analysis-form", "/vulns/analysis");
	pg_input(b, "va-vuln", "vuln", _("Vulnerability (advisory id)"),
		 "required maxlength=\"200\" class=\"mono\"");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"va-component\">");
	pg_esc(b, _("Component"));
	ss_buf_puts(b, "</label> <select id=\"va-component\" name=\"component\">");
	json_array_foreach(json_object_get(sbom, "components"), i, c) {
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, pg_js(c, "ref"));
		ss_buf_puts(b, "\">");
		pg_esc(b, pg_js(c, "name"));
		if (pg_js(c, "version")) {
			ss_buf_puts(b, " ");
			pg_esc(b, pg_js(c, "version"));
		}
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n<p class=\"field\"><label for=\"va-state\">");
	pg_esc(b, _("State"));
	ss_buf_puts(b, "</label> <select id=\"va-state\" name=\"state\">");
	for (i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		ss_buf_printf(b, "<option value=\"%s\">", states[i][0]);
		pg_esc(b, _(states[i][1]));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
	pg_input(b, "va-justification", "justification",
		 _("Justification (with not affected: e.g. code_not_reachable)"),
		 "maxlength=\"64\" class=\"mono\"");
	ss_buf_puts(b, "<fieldset><legend>");
	pg_esc(b, _("Response"));
	ss_buf_puts(b, "</legend>");
	for (i = 0; i < sizeof(responses) / sizeof(responses[0]); i++)
		ss_buf_printf(b,
			      "<label><input type=\"checkbox\" name=\"response\" data-list "
			      "value=\"%s\"> <span class=\"mono\">%s</span></label> ",
			      responses[i], responses[i]);
	ss_buf_puts(b, "</fieldset>\n");
	pg_textarea(b, "va-detail", "detail", _("What was examined and found"),
		    "required maxlength=\"4000\"");
	pg_form_end(b, _("Record the analysis (signed)"));
	ss_buf_puts(b, "</section>\n");
}

int pg_components(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *versions = NULL, *sbom = NULL, *reg = NULL, *match = NULL;
	char title[300];
	int error;

	if ((error = ss_store_check_state(rq->st, rq->params[0])) < 0 ||
	    (error = ss_sbom_versions(&versions, rq->st, rq->params[0])) < 0)
		goto out;
	if (json_array_size(versions) &&
	    ((error = ss_sbom_show(&sbom, rq->st, rq->params[0], 0)) < 0 ||
	     (error = ss_vuln_register(&reg, rq->st, rq->params[0])) < 0 ||
	     (error = ss_vuln_match(&match, rq->st, rq->params[0])) < 0))
		goto out;
	pg_msgs(&b, pg_form_msgs);
	pg_project_nav(&b, rq, "/components");
	pg_section_open(&b, "sbom", _("Components"));
	if (!sbom) {
		pg_el(&b, "p", NULL,
		      _("The vendor has disclosed no SBOM yet: it is imported with the command "
			"line (secspec sbom import)"));
		ss_buf_puts(&b, "</section>\n");
	} else {
		components_table(&b, sbom);
		ss_buf_puts(&b, "</section>\n");
		pg_section_open(&b, "licences", _("Licences"));
		licences_table(&b, sbom);
		policy_form(&b, rq, sbom);
		ss_buf_puts(&b, "</section>\n");
		register_section(&b, rq, reg);
		findings_section(&b, rq, match, reg);
		analysis_form(&b, rq, sbom);
	}
	pg_status(&b);
	pg_sign_dialog(&b);
	snprintf(title, sizeof(title), "%s — %s", _("Components and vulnerabilities"),
		 rq->params[0]);
	error = pg_finish(rq, rs, title, &b, "signed.js");
out:
	ss_buf_release(&b);
	json_decref(versions);
	json_decref(sbom);
	json_decref(reg);
	json_decref(match);
	return error;
}
