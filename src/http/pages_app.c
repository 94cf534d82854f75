/*
 * The pages to come in by: log in, my projects (and a new one), and a
 * project's overview — where it stands in the twelve steps, what the checks
 * find, the counts and the milestones.
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"

/* A labelled input. */
static void field(ss_buf *b, const char *id, const char *label, const char *type, const char *extra)
{
	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b, "</label> <input id=\"%s\" name=\"%s\" type=\"%s\"%s%s></p>\n", id, id,
		      type, extra ? " " : "", extra ? extra : "");
}

int pg_login(http_req *rq, http_resp *rs)
{
	static const pg_msg msgs[] = {{"badlogin", N_("The login name or the password is wrong")},
				      {NULL, NULL}};
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);

	if (rq->account) {
		rs->status = 303;
		return http_header(rs, "Location", "/");
	}
	pg_msgs(&b, msgs);
	ss_buf_puts(&b, "<form id=\"login-form\" class=\"card narrow\">\n");
	field(&b, "login", _("Login name"), "text",
	      "autocomplete=\"username\" required autocapitalize=\"none\" spellcheck=\"false\"");
	field(&b, "password", _("Password"), "password",
	      "autocomplete=\"current-password\" required");
	field(&b, "code", _("Code of the authenticator app (only with a second factor)"), "text",
	      "inputmode=\"numeric\" pattern=\"[0-9]{6}\" maxlength=\"6\" "
	      "autocomplete=\"one-time-code\"");
	ss_buf_puts(&b, "<p><button type=\"submit\" class=\"primary\">");
	pg_esc(&b, _("Log in"));
	ss_buf_puts(&b, "</button></p>\n</form>\n");
	pg_status(&b);
	return pg_finish(rq, rs, _("Log in"), &b, "login.js");
}

/* The caller's active membership of project, or NULL (a new reference). */
static json_t *membership(ss_store *st, const char *project, const char *login)
{
	json_t *members = NULL, *m, *found = NULL;
	size_t i;

	if (ss_member_list(&members, st, project) < 0)
		return NULL;
	json_array_foreach(members, i, m) {
		if (strcmp(json_string_value(json_object_get(m, "person")) ?: "", login) == 0 &&
		    json_is_true(json_object_get(m, "active")))
			found = json_incref(m);
	}
	json_decref(members);
	return found;
}

int pg_home(http_req *rq, http_resp *rs)
{
	static const pg_msg msgs[] = {{NULL, NULL}};
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *all = NULL, *p;
	size_t i, n = 0;
	int error;

	if ((error = ss_project_list(&all, rq->st)) < 0)
		return error;
	pg_msgs(&b, msgs);
	ss_buf_puts(&b, "<section aria-labelledby=\"mine\">\n<h2 id=\"mine\">");
	pg_esc(&b, _("My projects"));
	ss_buf_puts(&b, "</h2>\n<table>\n<thead><tr>");
	pg_el(&b, "th", "scope=\"col\"", _("Project"));
	pg_el(&b, "th", "scope=\"col\"", _("User"));
	pg_el(&b, "th", "scope=\"col\"", _("Vendor"));
	pg_el(&b, "th", "scope=\"col\"", _("Step"));
	pg_el(&b, "th", "scope=\"col\"", _("My role"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(all, i, p) {
		const char *name = json_string_value(json_object_get(p, "name"));
		json_t *m = name ? membership(rq->st, name, http_login(rq)) : NULL;
		char role[256];

		if (!m)
			continue;
		n++;
		ss_buf_puts(&b, "<tr><th scope=\"row\"><a href=\"/p/");
		pg_esc(&b, name);
		ss_buf_puts(&b, "\">");
		pg_esc(&b, name);
		ss_buf_puts(&b, "</a></th>");
		pg_el(&b, "td", NULL, json_string_value(json_object_get(p, "user_org")));
		pg_el(&b, "td", NULL, json_string_value(json_object_get(p, "vendor_org")));
		ss_buf_printf(&b, "<td>%lld</td>",
			      (long long)json_integer_value(json_object_get(p, "phase")));
		snprintf(role, sizeof(role), "%s / %s",
			 pg_side(json_string_value(json_object_get(m, "side"))),
			 pg_role(json_string_value(json_object_get(m, "role"))));
		pg_el(&b, "td", NULL, role);
		ss_buf_puts(&b, "</tr>\n");
		json_decref(m);
	}
	ss_buf_puts(&b, "</tbody>\n</table>\n");
	if (n == 0)
		pg_el(&b, "p", NULL, _("You are not a member of any project yet"));
	ss_buf_puts(&b, "</section>\n<section aria-labelledby=\"new\">\n<h2 id=\"new\">");
	pg_esc(&b, _("Create a project"));
	ss_buf_puts(&b, "</h2>\n<form id=\"project-form\" class=\"card\">\n");
	field(&b, "name", _("Project name (letters, digits, - and _)"), "text",
	      "required maxlength=\"64\" pattern=\"[A-Za-z0-9][A-Za-z0-9_\\-]*\" "
	      "autocapitalize=\"none\" spellcheck=\"false\"");
	field(&b, "user_org", _("User company"), "text", "required maxlength=\"200\"");
	field(&b, "vendor_org", _("Vendor company (empty: not chosen yet)"), "text",
	      "maxlength=\"200\"");
	ss_buf_puts(&b, "<fieldset><legend>");
	pg_esc(&b, _("My side (I become its lead)"));
	ss_buf_puts(&b, "</legend><label><input type=\"radio\" name=\"side\" value=\"user\" "
			"checked> ");
	pg_esc(&b, _("user side"));
	ss_buf_puts(&b, "</label> <label><input type=\"radio\" name=\"side\" value=\"vendor\"> ");
	pg_esc(&b, _("vendor side"));
	ss_buf_puts(&b, "</label></fieldset>\n<p><button type=\"submit\" class=\"primary\">");
	pg_esc(&b, _("Create"));
	ss_buf_puts(&b, "</button></p>\n</form>\n</section>\n");
	if (json_is_true(json_object_get(rq->account, "admin"))) {
		pg_section_open(&b, "admin", _("Administration"));
		ss_buf_puts(&b, "<p><a href=\"/admin/accounts\">");
		pg_esc(&b, _("Accounts"));
		ss_buf_puts(&b, "</a></p>\n</section>\n");
	}
	pg_status(&b);
	json_decref(all);
	return pg_finish(rq, rs, _("Projects"), &b, "home.js");
}

static const char *missing_word(const char *who)
{
	if (strcmp(who, "user lead") == 0)
		return _("the user lead");
	if (strcmp(who, "vendor lead") == 0)
		return _("the vendor lead");
	if (strcmp(who, "user management") == 0)
		return _("the user's management");
	return who;
}

/* Who must still sign a milestone, in words. */
void pg_missing(ss_buf *b, const json_t *missing)
{
	const json_t *w;
	size_t i;

	json_array_foreach(missing, i, w) {
		if (i)
			ss_buf_puts(b, _(", "));
		pg_esc(b, missing_word(json_string_value(w) ?: ""));
	}
}

static void count_row(ss_buf *b, const char *label, const json_t *counts, const char *key)
{
	ss_buf_puts(b, "<tr><th scope=\"row\">");
	pg_esc(b, label);
	ss_buf_printf(b, "</th><td>%lld</td></tr>\n",
		      (long long)json_integer_value(json_object_get(counts, key)));
}

/* A lead of either side moves the project to a step; past a step whose
 * prerequisites are missing only with force and a reason (recorded). */
static void phase_form(ss_buf *b, const http_req *rq, const json_t *phases)
{
	json_int_t now = json_integer_value(json_object_get(phases, "phase"));
	const json_t *s;
	size_t i;

	ss_buf_puts(b, "<h3 id=\"step-new\">");
	pg_esc(b, _("Move the project to a step"));
	ss_buf_puts(b, "</h3>\n");
	pg_form_open(b, rq, "phase-form", "/phase");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"ph-step\">");
	pg_esc(b, _("Step"));
	ss_buf_puts(b, "</label> <select id=\"ph-step\" name=\"step\" data-int>");
	json_array_foreach(json_object_get(phases, "steps"), i, s) {
		json_int_t step = json_integer_value(json_object_get(s, "step"));

		ss_buf_printf(b, "<option value=\"%lld\"%s>%lld: ", (long long)step,
			      step == (now < 12 ? now + 1 : now) ? " selected" : "",
			      (long long)step);
		pg_esc(b, pg_lang(rq, json_object_get(s, "name")));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n<p><label class=\"choice\" for=\"ph-force\">"
		       "<input type=\"checkbox\" id=\"ph-force\" name=\"force\"> ");
	pg_esc(b, _("Move past the missing prerequisites listed above"));
	ss_buf_puts(b, "</label></p>\n");
	pg_textarea(b, "ph-reason", "reason", _("Why (needed to move past missing prerequisites)"),
		    "maxlength=\"4000\"");
	ss_buf_puts(b, "<p>");
	pg_submit(b, _("Move (signed)"), NULL, NULL);
	ss_buf_puts(b, "</p>\n</form>\n");
}

/* The rules version: a lead proposes a move to newer rules, the other
 * side's lead accepts it (both signed). */
static void rules_form(ss_buf *b, http_req *rq, const json_t *rules)
{
	const json_t *prop = json_object_get(rules, "proposal");
	json_int_t now = json_integer_value(json_object_get(rules, "rules")),
		   newest = json_integer_value(json_object_get(rules, "newest")), v;
	const char *mine = pg_js(rq->member, "side") ?: "";
	char line[256];

	if (json_is_object(prop)) {
		snprintf(line, sizeof(line), _("%s proposed moving to rules version %lld"),
			 pg_side(pg_js(prop, "side")),
			 (long long)json_integer_value(json_object_get(prop, "to")));
		pg_el(b, "p", NULL, line);
		if (strcmp(pg_js(prop, "side") ?: "", mine) == 0) {
			pg_el(b, "p", NULL, _("The other side's lead has not accepted it yet"));
			return;
		}
		pg_form_open(b, rq, "rules-form", "/rules");
		ss_buf_puts(b, "<input type=\"hidden\" name=\"to\" value=\"0\" data-int>\n<p>");
		pg_submit(b, _("Accept the move (signed)"), NULL, NULL);
		ss_buf_puts(b, "</p>\n</form>\n");
		return;
	}
	if (now >= newest)
		return;
	pg_form_open(b, rq, "rules-form", "/rules");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"ru-to\">");
	pg_esc(b, _("Move to rules version"));
	ss_buf_puts(b, "</label> <select id=\"ru-to\" name=\"to\" data-int>");
	for (v = now + 1; v <= newest; v++)
		ss_buf_printf(b, "<option value=\"%lld\"%s>%lld</option>", (long long)v,
			      v == newest ? " selected" : "", (long long)v);
	ss_buf_puts(b, "</select></p>\n");
	pg_el(b, "p", "class=\"hint\"",
	      _("The other side's lead accepts it; the events before the move keep the rules "
		"they were written under"));
	ss_buf_puts(b, "<p>");
	pg_submit(b, _("Propose the move (signed)"), NULL, NULL);
	ss_buf_puts(b, "</p>\n</form>\n");
}

int pg_dashboard(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *pr = NULL, *phases = NULL, *lint = NULL, *ms = NULL, *rules = NULL, *s, *f;
	const char *p = rq->params[0];
	char line[512];
	size_t i;
	int error;

	if ((error = ss_project_show(&pr, rq->st, p)) < 0 ||
	    (error = ss_project_phases(&phases, rq->st, p)) < 0 ||
	    (error = ss_lint(&lint, rq->st, p)) < 0 ||
	    (error = ss_milestone_list(&ms, rq->st, p)) < 0 ||
	    (error = ss_project_rules(&rules, rq->st, p)) < 0)
		goto out;
	pg_msgs(&b, pg_form_msgs);
	pg_project_nav(&b, rq, "");
	/* who I am here, the parties */
	ss_buf_puts(&b, "<section aria-labelledby=\"about\">\n<h2 id=\"about\">");
	pg_esc(&b, _("The project"));
	ss_buf_puts(&b, "</h2>\n<dl class=\"facts\">");
	pg_el(&b, "dt", NULL, _("User"));
	pg_el(&b, "dd", NULL, json_string_value(json_object_get(pr, "user_org")));
	pg_el(&b, "dt", NULL, _("Vendor"));
	pg_el(&b, "dd", NULL,
	      *(json_string_value(json_object_get(pr, "vendor_org")) ?: "")
		      ? json_string_value(json_object_get(pr, "vendor_org"))
		      : _("not chosen yet"));
	pg_el(&b, "dt", NULL, _("Catalog version"));
	pg_el(&b, "dd", NULL, json_string_value(json_object_get(pr, "catalog_version")));
	pg_el(&b, "dt", NULL, _("My role"));
	snprintf(line, sizeof(line), "%s / %s",
		 pg_side(json_string_value(json_object_get(rq->member, "side"))),
		 pg_role(json_string_value(json_object_get(rq->member, "role"))));
	pg_el(&b, "dd", NULL, line);
	pg_el(&b, "dt", NULL, _("Events in the log"));
	ss_buf_printf(&b, "<dd>%lld</dd>",
		      (long long)json_integer_value(json_object_get(pr, "head_seq")));
	pg_el(&b, "dt", NULL, _("Rules version"));
	ss_buf_printf(&b, "<dd>%lld</dd>",
		      (long long)json_integer_value(json_object_get(rules, "rules")));
	ss_buf_puts(&b, "</dl>\n");
	if (pg_member_is(rq, NULL, "|lead|"))
		rules_form(&b, rq, rules);
	ss_buf_puts(&b, "</section>\n");

	/* counts */
	ss_buf_puts(&b, "<section aria-labelledby=\"counts\">\n<h2 id=\"counts\">");
	pg_esc(&b, _("Counts"));
	ss_buf_puts(&b, "</h2>\n<table class=\"counts\">\n<tbody>\n");
	s = json_object_get(pr, "counts");
	count_row(&b, _("Requirements"), s, "requirements");
	count_row(&b, _("Decided"), s, "decided");
	count_row(&b, _("Not decided yet"), s, "open");
	count_row(&b, _("Information assets"), s, "assets");
	count_row(&b, _("Target systems"), s, "systems");
	ss_buf_puts(&b, "</tbody>\n</table>\n</section>\n");

	/* the twelve steps */
	ss_buf_puts(&b, "<section aria-labelledby=\"steps\">\n<h2 id=\"steps\">");
	pg_esc(&b, _("The twelve steps"));
	ss_buf_puts(&b, "</h2>\n<p>");
	snprintf(line, sizeof(line), _("The project is at step %lld"),
		 (long long)json_integer_value(json_object_get(phases, "phase")));
	pg_esc(&b, line);
	ss_buf_puts(&b, "</p>\n<ol class=\"steps\">\n");
	json_array_foreach(json_object_get(phases, "steps"), i, s) {
		const char *state = json_string_value(json_object_get(s, "state")) ?: "";
		const json_t *miss = json_object_get(s, "missing"), *m;
		size_t j;

		ss_buf_printf(&b, "<li class=\"step step-%s\"%s><span class=\"stage\">",
			      strcmp(state, "current") == 0 ? "current"
			      : strcmp(state, "done") == 0  ? "done"
							    : "ahead",
			      strcmp(state, "current") == 0 ? " aria-current=\"step\"" : "");
		pg_esc(&b, pg_lang(rq, json_object_get(s, "stage")));
		ss_buf_puts(&b, "</span> <strong>");
		pg_esc(&b, pg_lang(rq, json_object_get(s, "name")));
		ss_buf_puts(&b, "</strong> <span class=\"state\">");
		pg_esc(&b, strcmp(state, "current") == 0 ? _("current")
			   : strcmp(state, "done") == 0  ? _("done")
							 : _("ahead"));
		ss_buf_puts(&b, "</span><br><span class=\"deliverables\">");
		pg_esc(&b, pg_lang(rq, json_object_get(s, "deliverables")));
		ss_buf_puts(&b, "</span>");
		if (json_array_size(miss)) {
			ss_buf_puts(&b, "<ul class=\"missing\">");
			json_array_foreach(miss, j, m) {
				const char *text =
					json_is_string(m) ? json_string_value(m) : pg_lang(rq, m);

				if (!text)
					text = json_string_value(json_object_get(m, "what"));
				pg_el(&b, "li", NULL, text ? text : "");
			}
			ss_buf_puts(&b, "</ul>");
		}
		ss_buf_puts(&b, "</li>\n");
	}
	ss_buf_puts(&b, "</ol>\n");
	if (pg_member_is(rq, NULL, "|lead|"))
		phase_form(&b, rq, phases);
	ss_buf_puts(&b, "</section>\n");

	/* the checks */
	ss_buf_puts(&b, "<section aria-labelledby=\"lint\">\n<h2 id=\"lint\">");
	pg_esc(&b, _("Completeness and evidence checks"));
	ss_buf_puts(&b, "</h2>\n<p>");
	snprintf(line, sizeof(line), _("%lld errors, %lld warnings"),
		 (long long)json_integer_value(json_object_get(lint, "errors")),
		 (long long)json_integer_value(json_object_get(lint, "warnings")));
	pg_esc(&b, line);
	ss_buf_puts(&b, "</p>\n");
	if (json_array_size(json_object_get(lint, "findings"))) {
		ss_buf_puts(&b, "<table>\n<thead><tr>");
		pg_el(&b, "th", "scope=\"col\"", _("Severity"));
		pg_el(&b, "th", "scope=\"col\"", _("Item"));
		pg_el(&b, "th", "scope=\"col\"", _("Finding"));
		ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(lint, "findings"), i, f) {
			const char *sev = json_string_value(json_object_get(f, "severity")) ?: "";

			if (i >= 50)
				break;
			ss_buf_puts(&b, "<tr>");
			pg_el(&b, "td", NULL,
			      strcmp(sev, "error") == 0 ? _("error") : _("warning"));
			pg_el(&b, "td", NULL,
			      json_string_value(json_object_get(f, "item"))
				      ?: json_string_value(json_object_get(f, "subject")) ?: "");
			pg_el(&b, "td", NULL, pg_title(rq, f, "message"));
			ss_buf_puts(&b, "</tr>\n");
		}
		ss_buf_puts(&b, "</tbody>\n</table>\n");
		if (json_array_size(json_object_get(lint, "findings")) > 50)
			pg_el(&b, "p", NULL, _("The first 50 findings are shown"));
	}
	ss_buf_puts(&b, "</section>\n");

	/* milestones */
	ss_buf_puts(&b, "<section aria-labelledby=\"ms\">\n<h2 id=\"ms\">");
	pg_esc(&b, _("Milestones"));
	ss_buf_puts(&b, "</h2>\n");
	if (json_array_size(ms) == 0)
		pg_el(&b, "p", NULL, _("No milestone has been signed yet"));
	else
		ss_buf_puts(&b, "<ul>\n");
	json_array_foreach(ms, i, s) {
		ss_buf_puts(&b, "<li><a href=\"/p/");
		pg_esc(&b, p);
		ss_buf_puts(&b, "/milestones\">");
		pg_esc(&b, json_string_value(json_object_get(s, "name")));
		ss_buf_puts(&b, "</a>: ");
		if (json_is_true(json_object_get(s, "complete"))) {
			pg_esc(&b, _("complete"));
		} else {
			pg_esc(&b, _("waiting for"));
			ss_buf_puts(&b, " ");
			pg_missing(&b, json_object_get(s, "missing"));
		}
		ss_buf_puts(&b, "</li>\n");
	}
	if (json_array_size(ms))
		ss_buf_puts(&b, "</ul>\n");
	ss_buf_puts(&b, "</section>\n");
	{
		char title[300];

		pg_status(&b);
		pg_sign_dialog(&b);
		snprintf(title, sizeof(title), _("Project %s"), p);
		error = pg_finish(rq, rs, title, &b, "signed.js");
	}
out:
	ss_buf_release(&b);
	json_decref(pr);
	json_decref(phases);
	json_decref(lint);
	json_decref(ms);
	json_decref(rules);
	return error;
}
