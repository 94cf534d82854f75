/*
 * The acceptance and switchover page (rules 6): each host's newest check
 * run and what failed there, each implemented item's verification, the
 * risks the specification accepts and who approved them, the switchover
 * checklist, the milestones that close a stage, and the signed form of a
 * named verification for the members the rule book lets record one. What
 * a host showed (seen, expected) and what a verification saw (its detail)
 * are the user's configuration: a reader without an NDA in force gets them
 * withheld, as the specification withholds asset and system details.
 */
#include <stdio.h>
#include <string.h>

#include "api_write.h"
#include "pages.h"
#include "secspec/check.h"

static const char *const stages[][2] = {
	{"acceptance", N_("acceptance")},
	{"switchover", N_("switchover")},
	{"operation", N_("operation")},
};
static const char *const statuses[][2] = {
	{"pass", N_("verified")},
	{"fail", N_("FAIL")},
	{"error", N_("ERROR: could not be checked")},
	{"open", N_("not verified yet")},
};
static const char *const methods[][2] = {
	{"attestation", N_("attestation")},
	{"review", N_("review")},
	{"test", N_("test")},
};
static const char *const results[][2] = {
	{"pass", N_("pass")},
	{"fail", N_("fail")},
	{"na", N_("not applicable")},
};
static const char *const whens[][2] = {
	{"throughout", N_("throughout switchover")},
	{"completion", N_("at completion")},
};

static void td(ss_buf *b, const char *text)
{
	pg_el(b, "td", NULL, text ? text : "");
}

static void td_int(ss_buf *b, const json_t *o, const char *k)
{
	ss_buf_printf(b, "<td>%lld</td>", (long long)json_integer_value(json_object_get(o, k)));
}

static bool withheld(const json_t *rep)
{
	return json_object_get(rep, "withheld") != NULL;
}

/* "method by person (time)" and, under an NDA, what was seen. */
static void verification_text(ss_buf *b, const json_t *v)
{
	char line[600];

	snprintf(line, sizeof(line), _("%s by %s (%s, event %lld)"),
		 PG_WORD(methods, pg_js(v, "method")), pg_js(v, "by") ?: "", pg_js(v, "time") ?: "",
		 (long long)json_integer_value(json_object_get(v, "seq")));
	pg_esc(b, line);
	if (pg_js(v, "host")) {
		ss_buf_puts(b, " @");
		pg_esc(b, pg_js(v, "host"));
	}
	if (pg_js(v, "detail")) {
		ss_buf_puts(b, "<br>");
		pg_esc(b, pg_js(v, "detail"));
	}
	if (pg_js(v, "evidence")) {
		ss_buf_puts(b, "<br><span class=\"mono\">");
		pg_esc(b, pg_js(v, "evidence"));
		ss_buf_puts(b, "</span>");
	}
}

static void hosts_section(ss_buf *b, const http_req *rq, const json_t *rep)
{
	const json_t *hosts = json_object_get(rep, "hosts"), *h, *f;
	const char *host;
	size_t i;

	pg_section_open(b, "hosts", _("Hosts"));
	if (json_object_size(hosts) == 0) {
		pg_el(b, "p", NULL,
		      _("No host check has been recorded yet: it is recorded with the command "
			"line (secspec check --record)"));
		ss_buf_puts(b, "</section>\n");
		return;
	}
	ss_buf_puts(b, "<table>\n<caption>");
	pg_esc(b, _("The newest check run of each host"));
	ss_buf_puts(b, "</caption><thead><tr>");
	pg_th(b, _("Host"));
	pg_th(b, _("Stage"));
	pg_th(b, _("Checked by"));
	pg_th(b, _("Time"));
	pg_th(b, _("Passed"));
	pg_th(b, _("Failed"));
	pg_th(b, _("Not applicable"));
	pg_th(b, _("Errors"));
	pg_th(b, _("Event"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_object_foreach((json_t *)hosts, host, h) {
		const json_t *c = json_object_get(h, "counts");

		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\"", host);
		td(b, PG_WORD(stages, pg_js(h, "stage")));
		td(b, pg_js(h, "by"));
		td(b, pg_js(h, "time"));
		td_int(b, c, "pass");
		td_int(b, c, "fail");
		td_int(b, c, "na");
		td_int(b, c, "error");
		td_int(b, h, "seq");
		ss_buf_puts(b, "</tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n");
	json_object_foreach((json_t *)hosts, host, h) {
		char cap[400];

		if (json_array_size(json_object_get(h, "failures")) == 0)
			continue;
		snprintf(cap, sizeof(cap), _("What failed or could not be checked on %s"), host);
		ss_buf_puts(b, "<table class=\"failures\">\n<caption>");
		pg_esc(b, cap);
		ss_buf_puts(b, "</caption><thead><tr>");
		pg_th(b, _("Item"));
		pg_th(b, _("Title"));
		pg_th(b, _("Verdict"));
		pg_th(b, _("Seen"));
		pg_th(b, _("Expected"));
		ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(h, "failures"), i, f) {
			ss_buf_puts(b, "<tr>");
			pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(f, "item"));
			td(b, pg_title(rq, f, "title"));
			td(b, PG_WORD(statuses, pg_js(f, "verdict")));
			if (withheld(rep)) {
				ss_buf_puts(b, "<td colspan=\"2\">");
				pg_esc(b, _("withheld until an NDA is in force"));
				ss_buf_puts(b, "</td>");
			} else {
				pg_el(b, "td", "class=\"mono\"", pg_js(f, "seen") ?: "");
				pg_el(b, "td", "class=\"mono\"", pg_js(f, "expected") ?: "");
			}
			ss_buf_puts(b, "</tr>\n");
		}
		ss_buf_puts(b, "</tbody>\n</table>\n");
	}
	ss_buf_puts(b, "</section>\n");
}

static void items_section(ss_buf *b, const http_req *rq, const json_t *rep)
{
	const json_t *items = json_object_get(rep, "items"), *e, *h;
	long long open = 0, bad = 0;
	char line[300];
	size_t i, k;

	pg_section_open(b, "items", _("Implemented items"));
	json_array_foreach(items, i, e) {
		open += strcmp(pg_js(e, "status") ?: "", "open") == 0;
		bad += strcmp(pg_js(e, "status") ?: "", "fail") == 0 ||
		       strcmp(pg_js(e, "status") ?: "", "error") == 0;
	}
	snprintf(line, sizeof(line),
		 _("%zu implemented items: %lld verified, %lld failing, %lld not verified yet"),
		 json_array_size(items), (long long)json_array_size(items) - open - bad, bad, open);
	pg_el(b, "p", NULL, line);
	if (json_array_size(items) == 0) {
		ss_buf_puts(b, "</section>\n");
		return;
	}
	ss_buf_puts(b, "<table>\n<thead><tr>");
	pg_th(b, _("Item"));
	pg_th(b, _("Title"));
	pg_th(b, _("Status"));
	pg_th(b, _("Verified by"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(items, i, e) {
		const json_t *v = json_object_get(e, "verification");
		const char *status = pg_js(e, "status") ?: "";

		ss_buf_printf(b, "<tr class=\"status-%s\">",
			      strcmp(status, "pass") == 0   ? "pass"
			      : strcmp(status, "open") == 0 ? "open"
							    : "fail");
		pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(e, "item"));
		td(b, pg_title(rq, e, "title"));
		ss_buf_puts(b, "<td>");
		pg_esc(b, PG_WORD(statuses, status));
		if (pg_js(e, "host")) {
			ss_buf_puts(b, " @");
			pg_esc(b, pg_js(e, "host"));
		}
		ss_buf_puts(b, "</td><td>");
		if (json_array_size(json_object_get(e, "passed_on"))) {
			pg_esc(b, _("host check passed on"));
			json_array_foreach(json_object_get(e, "passed_on"), k, h) {
				ss_buf_puts(b, k ? ", " : " ");
				pg_esc(b, json_string_value(h));
			}
			if (v)
				ss_buf_puts(b, "<br>");
		}
		if (v) {
			pg_esc(b, PG_WORD(results, pg_js(v, "result")));
			ss_buf_puts(b, ": ");
			verification_text(b, v);
		}
		ss_buf_puts(b, "</td></tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void risks_section(ss_buf *b, const http_req *rq, const json_t *rep)
{
	const json_t *risks = json_object_get(rep, "risks"), *r;
	size_t i;

	pg_section_open(b, "risks", _("Accepted risks and alternative measures"));
	if (json_array_size(risks) == 0) {
		pg_el(b, "p", NULL,
		      _("The specification accepts no risk and names no alternative measure"));
		ss_buf_puts(b, "</section>\n");
		return;
	}
	ss_buf_puts(b, "<table>\n<thead><tr>");
	pg_th(b, _("Item"));
	pg_th(b, _("Title"));
	pg_th(b, _("Policy"));
	pg_th(b, _("Reason"));
	pg_th(b, _("Decided by"));
	pg_th(b, _("Approval"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(risks, i, r) {
		const char *approval = pg_js(r, "approval");

		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(r, "item"));
		td(b, pg_title(rq, r, "title"));
		td(b, pg_policy(pg_js(r, "policy")));
		ss_buf_puts(b, "<td>");
		pg_esc(b, pg_js(r, "reason") ?: "");
		if (pg_js(r, "alternative")) {
			ss_buf_puts(b, "<br>");
			pg_esc(b, pg_js(r, "alternative"));
		}
		ss_buf_puts(b, "</td>");
		td(b, pg_js(r, "decided_by"));
		ss_buf_puts(b, "<td>");
		if (approval && strcmp(approval, "approved") == 0) {
			char line[400];

			snprintf(line, sizeof(line), _("approved by %s (%s)"),
				 pg_js(r, "approved_by") ?: "", pg_js(r, "approved_at") ?: "");
			pg_esc(b, line);
		} else if (approval && strcmp(approval, "rejected") == 0) {
			char line[400];

			snprintf(line, sizeof(line), _("rejected by %s (%s)"),
				 pg_js(r, "approved_by") ?: "", pg_js(r, "approved_at") ?: "");
			pg_esc(b, line);
		} else
			pg_esc(b, _("awaiting management's approval"));
		ss_buf_puts(b, "</td></tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void switchover_section(ss_buf *b, const http_req *rq, const json_t *rep)
{
	const json_t *e;
	char line[200];
	size_t i;

	pg_section_open(b, "switchover", _("Switchover checklist"));
	snprintf(line, sizeof(line), _("Check runs recorded during switchover: %lld"),
		 (long long)json_integer_value(json_object_get(rep, "switchover_runs")));
	pg_el(b, "p", NULL, line);
	ss_buf_puts(b, "<table>\n<thead><tr>");
	pg_th(b, _("Entry"));
	pg_th(b, _("What it asks"));
	pg_th(b, _("When"));
	pg_th(b, _("Result"));
	pg_th(b, _("Latest record"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(json_object_get(rep, "switchover"), i, e) {
		const json_t *rec = json_object_get(e, "record");

		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(e, "entry"));
		td(b, pg_title(rq, e, "title"));
		td(b, PG_WORD(whens, pg_js(e, "when")));
		td(b, rec ? PG_WORD(results, pg_js(rec, "result")) : _("not recorded yet"));
		ss_buf_puts(b, "<td>");
		if (rec)
			verification_text(b, rec);
		ss_buf_puts(b, "</td></tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void milestones_section(ss_buf *b, const json_t *rep)
{
	const json_t *ms = json_object_get(rep, "milestones"), *m, *s;
	size_t i, j;

	pg_section_open(b, "stage-milestones", _("Milestones of acceptance and switchover"));
	if (json_array_size(ms) == 0) {
		pg_el(b, "p", NULL,
		      _("No milestone of acceptance or switchover has been opened yet"));
		ss_buf_puts(b, "</section>\n");
		return;
	}
	ss_buf_puts(b, "<table>\n<thead><tr>");
	pg_th(b, _("Milestone"));
	pg_th(b, _("Stage"));
	pg_th(b, _("State"));
	pg_th(b, _("Signed by"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(ms, i, m) {
		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\"", pg_js(m, "name"));
		td(b, PG_WORD(stages, pg_js(m, "stage")));
		if (json_is_true(json_object_get(m, "complete")))
			td(b, _("complete"));
		else {
			ss_buf_puts(b, "<td>");
			pg_esc(b, _("waiting for signatures"));
			ss_buf_puts(b, ": ");
			pg_missing(b, json_object_get(m, "missing"));
			ss_buf_puts(b, "</td>");
		}
		ss_buf_puts(b, "<td>");
		json_array_foreach(json_object_get(m, "signatures"), j, s) {
			if (j)
				ss_buf_puts(b, "<br>");
			pg_esc(b, pg_js(s, "person") ?: "");
			ss_buf_puts(b, " (");
			pg_esc(b, pg_role(pg_js(s, "role")));
			ss_buf_puts(b, ", ");
			pg_esc(b, pg_js(s, "time") ?: "");
			ss_buf_puts(b, ")");
		}
		ss_buf_puts(b, "</td></tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

static void option(ss_buf *b, const char *value, const char *label)
{
	ss_buf_puts(b, "<option value=\"");
	pg_esc(b, value);
	ss_buf_puts(b, "\">");
	pg_esc(b, label);
	ss_buf_puts(b, "</option>");
}

static void select_of(ss_buf *b, const char *id, const char *name, const char *label,
		      const char *const (*names)[2], size_t n)
{
	size_t i;

	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b, "</label> <select id=\"%s\" name=\"%s\">", id, name);
	for (i = 0; i < n; i++)
		option(b, names[i][0], _(names[i][1]));
	ss_buf_puts(b, "</select></p>\n");
}

/* A named verification: the lead and members of either side (the rule
 * book's; the server checks again and says why it refuses). */
static void verify_form(ss_buf *b, const http_req *rq, const json_t *rep)
{
	const json_t *e;
	size_t i;

	if (!pg_member_is(rq, NULL, "|lead|member|"))
		return;
	pg_section_open(b, "verify", _("Record a verification"));
	pg_el(b, "p", NULL,
	      _("A verification covers an item no machine checks, or an entry of the "
		"switchover checklist. It does not overrule a host check that failed: check the "
		"host again."));
	pg_form_open(b, rq, "verify-form", "/acceptance/verifications");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"vf-subject\">");
	pg_esc(b, _("Item or checklist entry"));
	ss_buf_puts(b, "</label> <select id=\"vf-subject\" name=\"subject\" required>");
	json_array_foreach(json_object_get(rep, "items"), i, e) {
		char label[600];

		snprintf(label, sizeof(label), "%s — %s", pg_js(e, "item") ?: "",
			 pg_title(rq, e, "title"));
		option(b, pg_js(e, "item") ?: "", label);
	}
	json_array_foreach(json_object_get(rep, "switchover"), i, e) {
		char label[600];

		snprintf(label, sizeof(label), "%s — %s", pg_js(e, "entry") ?: "",
			 pg_title(rq, e, "title"));
		option(b, pg_js(e, "entry") ?: "", label);
	}
	ss_buf_puts(b, "</select></p>\n");
	select_of(b, "vf-method", "method", _("Method"), methods,
		  sizeof(methods) / sizeof(methods[0]));
	select_of(b, "vf-result", "result", _("Result"), results,
		  sizeof(results) / sizeof(results[0]));
	pg_textarea(b, "vf-detail", "detail", _("What was verified, how, and what was seen"),
		    "required maxlength=\"4000\"");
	pg_input(b, "vf-host", "host", _("Host (if one)"), "maxlength=\"200\"");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"vf-evidence\">");
	pg_esc(b, _("Report or record (optional)"));
	ss_buf_puts(b,
		    "</label> <input type=\"file\" id=\"vf-evidence\" data-document=\"evidence\" "
		    "aria-describedby=\"vf-evidence-hint\"> <span id=\"vf-evidence-hint\" "
		    "class=\"hint\">");
	pg_esc(b, _("The file stays in this browser: only its name, size and SHA-256 are "
		    "recorded"));
	ss_buf_puts(b, "</span></p>\n<p><label class=\"choice\" for=\"vf-supersede\"><input "
		       "type=\"checkbox\" id=\"vf-supersede\" name=\"supersede\"> ");
	pg_esc(b, _("Correct the verification that stands"));
	ss_buf_puts(b, "</label></p>\n");
	pg_form_end(b, _("Record the verification (signed)"));
	ss_buf_puts(b, "</section>\n");
}

int pg_acceptance(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *rep = NULL;
	char title[300];
	int error;

	if ((error = ss_acceptance_show(&rep, rq->st, rq->params[0])) < 0)
		goto out;
	if (!json_is_true(json_object_get(rq->member, "discloses")))
		http_acceptance_withhold(rep);
	pg_msgs(&b, pg_form_msgs);
	pg_project_nav(&b, rq, "/acceptance");
	if (withheld(rep))
		pg_el(&b, "p", "class=\"note\"",
		      _("What the hosts showed and what the verifications saw are withheld: "
			"these details reach the vendor side only under an NDA in force."));
	hosts_section(&b, rq, rep);
	items_section(&b, rq, rep);
	risks_section(&b, rq, rep);
	switchover_section(&b, rq, rep);
	milestones_section(&b, rep);
	verify_form(&b, rq, rep);
	pg_status(&b);
	pg_sign_dialog(&b);
	snprintf(title, sizeof(title), "%s — %s", _("Acceptance and switchover"), rq->params[0]);
	error = pg_finish(rq, rs, title, &b, "signed.js");
out:
	ss_buf_release(&b);
	json_decref(rep);
	return error;
}
