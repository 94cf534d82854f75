/*
 * The pages where the parties work: members, keys, the decision board,
 * management's approvals, milestones and the evidence. Each renders what
 * the library says now; its forms are signed in the browser (web/sign.js)
 * and the page is read again afterwards.
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"

static bool my_side(const http_req *rq, const char *side)
{
	return strcmp(pg_js(rq->member, "side") ?: "", side) == 0;
}

static bool my_role(const http_req *rq, const char *role)
{
	return strcmp(pg_js(rq->member, "role") ?: "", role) == 0;
}

/* A select of value|label pairs; the first is chosen unless sel names one. */
static void select_(ss_buf *b, const char *id, const char *name, const char *label,
		    const char *const *opts, size_t n, const char *sel)
{
	size_t i;

	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b, "</label> <select id=\"%s\" name=\"%s\">", id, name);
	for (i = 0; i + 1 < n; i += 2) {
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, opts[i]);
		ss_buf_printf(b, "\"%s>", sel && strcmp(sel, opts[i]) == 0 ? " selected" : "");
		pg_esc(b, opts[i + 1]);
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
}

static int finish(http_req *rq, http_resp *rs, const char *what, ss_buf *b, const char *script)
{
	char title[300];

	snprintf(title, sizeof(title), "%s — %s", what, rq->params[0]);
	return pg_finish(rq, rs, title, b, script);
}

/* The messages of the pages that sign. */
static const pg_msg sign_msgs[] = {
	{"signedby", N_("Signed by the key")},
	{"notes", N_("Please note")},
	{"needitem", N_("Give an item id, or tick every item shown with this filter")},
	{NULL, NULL},
};

/* ---- members ---- */

/* A lead removes a person of their own side, never themselves (the rule
 * book's member-own-side and member-self). */
static void remove_form(ss_buf *b, const http_req *rq, const json_t *members)
{
	const char *me = pg_js(rq->member, "person") ?: "";
	const json_t *m;
	size_t i, n = 0;

	json_array_foreach(members, i, m) {
		if (json_is_true(json_object_get(m, "active")) &&
		    my_side(rq, pg_js(m, "side") ?: "") &&
		    strcmp(pg_js(m, "person") ?: "", me) != 0)
			n++;
	}
	if (n == 0)
		return;
	pg_section_open(b, "remove", _("Remove a member"));
	pg_el(b, "p", NULL,
	      _("A removed person can no longer act in the project; their past events and "
		"signatures stand, and a lead of their side can add them again"));
	pg_form_open_as(b, rq, "remove-form", "DELETE", "/members/{person}");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"rm-person\">");
	pg_esc(b, _("Member of your side"));
	ss_buf_puts(b, "</label> <select id=\"rm-person\" name=\"person\" data-path>");
	json_array_foreach(members, i, m) {
		char line[400];

		if (!json_is_true(json_object_get(m, "active")) ||
		    !my_side(rq, pg_js(m, "side") ?: "") ||
		    strcmp(pg_js(m, "person") ?: "", me) == 0)
			continue;
		snprintf(line, sizeof(line), "%s (%s)", pg_js(m, "person") ?: "",
			 pg_role(pg_js(m, "role")));
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, pg_js(m, "person"));
		ss_buf_puts(b, "\">");
		pg_esc(b, line);
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n<p>");
	pg_submit(b, _("Remove (signed)"), NULL, NULL);
	ss_buf_puts(b, "</p>\n</form>\n</section>\n");
}

int pg_members(http_req *rq, http_resp *rs)
{
	static const char *const sides[] = {"user", N_("user side"), "vendor", N_("vendor side")};
	static const char *const roles[] = {
		"member",         N_("member"),   "lead",        N_("lead"),   "management",
		N_("management"), "auditor",      N_("auditor"), "operations", N_("operations"),
		"provider",       N_("provider"), "expert",      N_("expert"),
	};
	const char *tr_sides[4], *tr_roles[14];
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *members = NULL, *m;
	size_t i;
	int error;

	if ((error = ss_member_list(&members, rq->st, rq->params[0])) < 0)
		return error;
	pg_msgs(&b, sign_msgs);
	pg_project_nav(&b, rq, "/members");
	pg_section_open(&b, "list", _("Members"));
	ss_buf_puts(&b, "<table>\n<thead><tr>");
	pg_th(&b, _("Login name"));
	pg_th(&b, _("Name"));
	pg_th(&b, _("Side"));
	pg_th(&b, _("Role"));
	pg_th(&b, _("State"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(members, i, m) {
		ss_buf_puts(&b, "<tr>");
		pg_el(&b, "th", "scope=\"row\"", pg_js(m, "person"));
		pg_el(&b, "td", NULL, pg_js(m, "display_name") ?: "");
		pg_el(&b, "td", NULL, pg_side(pg_js(m, "side")));
		pg_el(&b, "td", NULL, pg_role(pg_js(m, "role")));
		pg_el(&b, "td", NULL,
		      json_is_true(json_object_get(m, "active")) ? _("active") : _("removed"));
		ss_buf_puts(&b, "</tr>\n");
	}
	ss_buf_puts(&b, "</tbody>\n</table>\n</section>\n");
	if (my_role(rq, "lead")) {
		for (i = 0; i < 4; i++)
			tr_sides[i] = i % 2 ? _(sides[i]) : sides[i];
		for (i = 0; i < 14; i++)
			tr_roles[i] = i % 2 ? _(roles[i]) : roles[i];
		pg_section_open(&b, "add", _("Add a member"));
		pg_el(&b, "p", NULL,
		      _("The person needs an account on this server; the login name is the "
			"account's"));
		pg_form_open(&b, rq, "member-form", "/members");
		pg_input(&b, "m-person", "person", _("Login name"),
			 "required maxlength=\"64\" autocapitalize=\"none\" spellcheck=\"false\"");
		pg_input(&b, "m-name", "name", _("Name"), "maxlength=\"200\"");
		select_(&b, "m-side", "side", _("Side"), tr_sides, 4, pg_js(rq->member, "side"));
		select_(&b, "m-role", "role", _("Role"), tr_roles, 14, NULL);
		ss_buf_puts(&b, "<p>");
		pg_submit(&b, _("Add (signed)"), NULL, NULL);
		ss_buf_puts(&b, "</p>\n</form>\n</section>\n");
		remove_form(&b, rq, members);
	}
	pg_status(&b);
	pg_sign_dialog(&b);
	json_decref(members);
	return finish(rq, rs, _("Members"), &b, "signed.js");
}

/* ---- keys ---- */

/* May the member revoke k: their own key, or as a lead a key of a person
 * of their side (the rule book's key revocation). */
static bool may_revoke(const http_req *rq, const json_t *k, const json_t *members)
{
	const char *holder = pg_js(k, "person") ?: "";
	const json_t *m;
	size_t i;

	if (!json_is_true(json_object_get(k, "active")))
		return false;
	if (strcmp(holder, pg_js(rq->member, "person") ?: "") == 0)
		return true;
	if (!my_role(rq, "lead"))
		return false;
	json_array_foreach(members, i, m) {
		if (strcmp(pg_js(m, "person") ?: "", holder) == 0)
			return my_side(rq, pg_js(m, "side") ?: "");
	}
	return false;
}

static int revoke_form(ss_buf *b, const http_req *rq, const json_t *keys)
{
	json_t *members = NULL;
	const json_t *k;
	size_t i, n = 0;
	int error;

	if ((error = ss_member_list(&members, rq->st, rq->params[0])) < 0)
		return error;
	json_array_foreach(keys, i, k) {
		if (may_revoke(rq, k, members))
			n++;
	}
	if (n == 0)
		goto out;
	pg_section_open(b, "revoke", _("Revoke a key"));
	pg_el(b, "p", NULL,
	      _("A revoked key signs nothing from then on; what it signed before stands. Revoke "
		"a key that is lost or may be known to others: yours, or as a lead one of your "
		"side's"));
	pg_form_open(b, rq, "revoke-form", "/keys/{fingerprint}/revoke");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"rv-key\">");
	pg_esc(b, _("Key"));
	ss_buf_puts(b, "</label> <select id=\"rv-key\" name=\"fingerprint\" data-path>");
	json_array_foreach(keys, i, k) {
		char line[200];

		if (!may_revoke(rq, k, members))
			continue;
		snprintf(line, sizeof(line), "%s: %.16s…", pg_js(k, "person") ?: "",
			 pg_js(k, "fingerprint") ?: "");
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, pg_js(k, "fingerprint"));
		ss_buf_puts(b, "\">");
		pg_esc(b, line);
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
	pg_textarea(b, "rv-reason", "reason", _("Why it may no longer sign"),
		    "required maxlength=\"2000\"");
	ss_buf_puts(b, "<p>");
	pg_submit(b, _("Revoke (signed)"), NULL, NULL);
	ss_buf_puts(b, "</p>\n</form>\n</section>\n");
out:
	json_decref(members);
	return 0;
}

int pg_keys(http_req *rq, http_resp *rs)
{
	static const pg_msg msgs[] = {
		{"nolocal", N_("This browser has no key for this project yet")},
		{"local", N_("This browser's key")},
		{"registered", N_("registered")},
		{"unregistered", N_("not registered yet")},
		{"made", N_("A key was made in this browser; its private key cannot leave it")},
		{"regdone", N_("The key is registered")},
		{"othercode",
		 N_("You already have a key on another device: copy this code there and add it on "
		    "this page, signed by that key")},
		{"badcode", N_("This is not a key code from the keys page")},
		{"signedby", N_("Signed by the key")},
		{"notes", N_("Please note")},
		{NULL, NULL},
	};
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *keys = NULL, *k;
	const char *me = pg_js(rq->member, "person");
	size_t i;
	int error;

	if ((error = ss_key_list(&keys, rq->st, rq->params[0])) < 0)
		return error;
	pg_msgs(&b, msgs);
	pg_project_nav(&b, rq, "/keys");
	pg_section_open(&b, "here", _("The key in this browser"));
	pg_el(&b, "p", NULL,
	      _("Every change you make in this project is signed with an Ed25519 key made here, "
		"in your browser; the server never sees its private key. One key per device: "
		"a second device makes its own and is added with a key you already have"));
	ss_buf_puts(&b, "<div id=\"local-key\" data-project=\"");
	pg_esc(&b, rq->params[0]);
	ss_buf_puts(&b, "\" data-login=\"");
	pg_esc(&b, me);
	ss_buf_puts(&b, "\" data-mine=\"");
	json_array_foreach(keys, i, k) {
		if (strcmp(pg_js(k, "person") ?: "", me) == 0 &&
		    json_is_true(json_object_get(k, "active"))) {
			pg_esc(&b, pg_js(k, "fingerprint"));
			ss_buf_puts(&b, " ");
		}
	}
	ss_buf_puts(&b, "\">\n<p id=\"local-state\"></p>\n"
			"<p><button type=\"button\" id=\"make-key\" class=\"primary\">");
	pg_esc(&b, _("Make a key in this browser"));
	ss_buf_puts(&b, "</button></p>\n<div id=\"device-code\" hidden>\n"
			"<p class=\"field\"><label for=\"code-out\">");
	pg_esc(&b, _("Code of this browser's key"));
	ss_buf_puts(&b, "</label> <textarea id=\"code-out\" rows=\"3\" readonly></textarea></p>\n"
			"</div>\n</div>\n</section>\n");

	pg_section_open(&b, "other", _("Add the key of another device"));
	pg_el(&b, "p", NULL,
	      _("On the new device, log in, open this page and make a key there; paste its code "
		"here. Your key in this browser signs the registration"));
	ss_buf_puts(&b, "<form id=\"add-device\" class=\"card\">\n");
	pg_textarea(&b, "code-in", "code", _("Code of the other device's key"),
		    "required spellcheck=\"false\"");
	ss_buf_puts(&b, "<p>");
	pg_submit(&b, _("Add (signed)"), NULL, NULL);
	ss_buf_puts(&b, "</p>\n</form>\n</section>\n");

	pg_section_open(&b, "all", _("Keys registered in the project"));
	ss_buf_puts(&b, "<table>\n<thead><tr>");
	pg_th(&b, _("Person"));
	pg_th(&b, _("Fingerprint"));
	pg_th(&b, _("State"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(keys, i, k) {
		ss_buf_puts(&b, "<tr>");
		pg_el(&b, "th", "scope=\"row\"", pg_js(k, "person"));
		pg_el(&b, "td", "class=\"mono\"", pg_js(k, "fingerprint"));
		pg_el(&b, "td", NULL,
		      json_is_true(json_object_get(k, "active")) ? _("active") : _("revoked"));
		ss_buf_puts(&b, "</tr>\n");
	}
	ss_buf_puts(&b, "</tbody>\n</table>\n");
	if (json_array_size(keys) == 0)
		pg_el(&b, "p", NULL, _("No key is registered yet"));
	ss_buf_puts(&b, "</section>\n");
	if ((error = revoke_form(&b, rq, keys)) < 0) {
		ss_buf_release(&b);
		json_decref(keys);
		return error;
	}
	pg_status(&b);
	pg_sign_dialog(&b);
	json_decref(keys);
	return finish(rq, rs, _("Keys"), &b, "keys.js");
}

/* ---- decisions ---- */

const http_field pg_q_decisions[] = {
	{"section", HF_STRING, false, 64, "secure-coding|default|detailed|attack",
	 "only items of this section"},
	{"platform", HF_STRING, false, 64, NULL, "only items of this platform"},
	{"technique", HF_STRING, false, 32, NULL, "only items against this technique"},
	{"status", HF_STRING, false, 16, "open|decided", "open or decided only"},
	HTTP_FIELDS_END};

/* The requirements of the document model by id (advice, decision). */
static json_t *model_by_id(const json_t *model)
{
	json_t *map = json_object(), *r;
	size_t i;

	json_array_foreach(json_object_get(model, "requirements"), i, r) {
		if (pg_js(r, "id"))
			json_object_set(map, pg_js(r, "id"), r);
	}
	return map;
}

static void advice_list(ss_buf *b, const json_t *req)
{
	const json_t *a;
	size_t i;

	if (json_array_size(json_object_get(req, "advice")) == 0)
		return;
	ss_buf_puts(b, "<ul class=\"advice\">");
	json_array_foreach(json_object_get(req, "advice"), i, a) {
		ss_buf_puts(b, "<li><span class=\"by\">");
		pg_esc(b, pg_js(a, "by"));
		ss_buf_puts(b, "</span>: ");
		pg_esc(b, pg_js(a, "note"));
		ss_buf_puts(b, "</li>");
	}
	ss_buf_puts(b, "</ul>");
}

static const char *approval_word(const char *a)
{
	if (!a || strcmp(a, "none") == 0)
		return "";
	if (strcmp(a, "approved") == 0)
		return _("approved");
	if (strcmp(a, "rejected") == 0)
		return _("rejected");
	return a;
}

static bool needs_approval(const json_t *r)
{
	const char *p = pg_js(r, "policy") ?: "";

	return strcmp(pg_js(r, "status") ?: "", "decided") == 0 &&
	       (strcmp(p, "accept") == 0 || strcmp(p, "alternative") == 0);
}

static void filter_form(ss_buf *b, const http_req *rq, const json_t *platforms)
{
	const char *section = http_qstr(rq, "section"), *platform = http_qstr(rq, "platform");
	const char *status = http_qstr(rq, "status");
	static const char *const secs[] = {"secure-coding", "default", "detailed", "attack"};
	const char *key;
	json_t *v;
	size_t i;

	ss_buf_puts(b, "<form id=\"filter\" class=\"filter\" method=\"get\" action=\"\">\n"
		       "<p class=\"field\"><label for=\"f-section\">");
	pg_esc(b, _("Section"));
	ss_buf_puts(b, "</label> <select id=\"f-section\" name=\"section\"><option value=\"\">");
	pg_esc(b, _("all"));
	ss_buf_puts(b, "</option>");
	for (i = 0; i < 4; i++) {
		ss_buf_printf(b, "<option value=\"%s\"%s>", secs[i],
			      section && strcmp(section, secs[i]) == 0 ? " selected" : "");
		pg_esc(b, pg_section(secs[i]));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n<p class=\"field\"><label for=\"f-platform\">");
	pg_esc(b, _("Platform"));
	ss_buf_puts(b, "</label> <select id=\"f-platform\" name=\"platform\"><option value=\"\">");
	pg_esc(b, _("all"));
	ss_buf_puts(b, "</option>");
	json_object_foreach((json_t *)platforms, key, v) {
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, key);
		ss_buf_printf(b, "\"%s>",
			      platform && strcmp(platform, key) == 0 ? " selected" : "");
		pg_esc(b, key);
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n<p class=\"field\"><label for=\"f-technique\">");
	pg_esc(b, _("ATT&CK technique"));
	ss_buf_puts(b, "</label> <input id=\"f-technique\" name=\"technique\" "
		       "placeholder=\"T1003\" maxlength=\"32\" value=\"");
	pg_esc(b, http_qstr(rq, "technique"));
	ss_buf_puts(b, "\"></p>\n<p class=\"field\"><label for=\"f-status\">");
	pg_esc(b, _("Status"));
	ss_buf_puts(b, "</label> <select id=\"f-status\" name=\"status\"><option value=\"\">");
	pg_esc(b, _("all"));
	ss_buf_printf(b, "</option><option value=\"open\"%s>",
		      status && strcmp(status, "open") == 0 ? " selected" : "");
	pg_esc(b, _("not decided"));
	ss_buf_printf(b, "</option><option value=\"decided\"%s>",
		      status && strcmp(status, "decided") == 0 ? " selected" : "");
	pg_esc(b, _("decided"));
	ss_buf_puts(b, "</option></select></p>\n<p><button type=\"submit\">");
	pg_esc(b, _("Show"));
	ss_buf_puts(b, "</button></p>\n</form>\n");
}

/* Whether the board is filtered (a bulk change needs a filter). */
static bool filtered(const http_req *rq)
{
	static const char *const keys[] = {"section", "platform", "technique"};
	size_t i;

	for (i = 0; i < 3; i++)
		if (http_qstr(rq, keys[i]) && *http_qstr(rq, keys[i]))
			return true;
	return false;
}

/* The bulk checkbox: only with a filter. */
static void bulk_box(ss_buf *b, const http_req *rq, const char *id, const char *label)
{
	ss_buf_printf(b, "<label><input type=\"checkbox\" id=\"%s\" name=\"bulk\"%s> ", id,
		      filtered(rq) ? "" : " disabled aria-describedby=\"nofilter\"");
	pg_esc(b, label);
	ss_buf_puts(b, "</label>");
	if (!filtered(rq)) {
		ss_buf_puts(b, " <span class=\"hint\" id=\"nofilter\">");
		pg_esc(b, _("(choose a section, platform or technique above first)"));
		ss_buf_puts(b, "</span>");
	}
}

/* The hidden fields that carry the board's filter into a bulk change. */
static void filter_hidden(ss_buf *b, const http_req *rq)
{
	static const char *const keys[] = {"section", "platform", "technique"};
	size_t i;

	for (i = 0; i < 3; i++) {
		if (!http_qstr(rq, keys[i]) || !*http_qstr(rq, keys[i]))
			continue;
		ss_buf_printf(b, "<input type=\"hidden\" name=\"%s\" data-bulk value=\"", keys[i]);
		pg_esc(b, http_qstr(rq, keys[i]));
		ss_buf_puts(b, "\">");
	}
}

static void decide_form(ss_buf *b, const http_req *rq, size_t shown)
{
	static const char *const policies[] = {
		"implement",   N_("implement"),           "accept", N_("accept the risk"),
		"alternative", N_("alternative measure"), "na",     N_("not applicable"),
		"existing",    N_("existing control"),
	};
	static const char *const owners[] = {"",     N_("(not given)"), "vendor", N_("vendor"),
					     "user", N_("user"),        "both",   N_("both")};
	const char *tr[10], *tro[8];
	char line[256];
	size_t i;

	for (i = 0; i < 10; i++)
		tr[i] = i % 2 ? _(policies[i]) : policies[i];
	for (i = 0; i < 8; i++)
		tro[i] = i % 2 ? _(owners[i]) : owners[i];
	pg_section_open(b, "decide", _("Decide"));
	pg_form_open(b, rq, "decide-form", "/decisions");
	filter_hidden(b, rq);
	ss_buf_puts(b, "<fieldset><legend>");
	pg_esc(b, _("Which items"));
	ss_buf_puts(b, "</legend><p class=\"field\"><label for=\"d-item\">");
	pg_esc(b, _("One item (its id)"));
	ss_buf_puts(b, "</label> <input id=\"d-item\" name=\"item\" maxlength=\"64\" "
		       "spellcheck=\"false\" autocapitalize=\"none\"></p>\n<p>");
	snprintf(line, sizeof(line), _("Every item shown with this filter (%zu)"), shown);
	bulk_box(b, rq, "d-bulk", line);
	ss_buf_puts(b, " <label><input type=\"checkbox\" name=\"open_only\" checked> ");
	pg_esc(b, _("only those not decided yet"));
	ss_buf_puts(b, "</label></p></fieldset>\n");
	select_(b, "d-policy", "policy", _("Decision"), tr, 10, NULL);
	ss_buf_puts(b, "<p class=\"legal\" id=\"d-legal\">");
	pg_esc(b, _("Giving up a minimum default mitigation (accept the risk, or not applicable) "
		    "can later be judged negligence, even gross negligence, of the user: it "
		    "needs your reason and the attack scenario you reviewed, and management must "
		    "approve an accepted risk"));
	ss_buf_puts(b, "</p>\n");
	pg_textarea(b, "d-reason", "reason", _("Reason (needed unless implement or existing)"),
		    "maxlength=\"4000\"");
	pg_textarea(b, "d-scenario", "scenario",
		    _("Attack scenario reviewed (accept, alternative)"), "maxlength=\"4000\"");
	pg_textarea(b, "d-alternative", "alternative", _("The other measure (alternative)"),
		    "maxlength=\"4000\"");
	select_(b, "d-owner", "owner", _("Who carries the measure out"), tro, 8, NULL);
	pg_textarea(b, "d-duty", "duty", _("The user's duty (owner user or both)"),
		    "maxlength=\"4000\"");
	pg_textarea(b, "d-evidence", "evidence", _("What already provides it (existing control)"),
		    "maxlength=\"4000\"");
	pg_input(b, "d-review", "review_by", _("Review an accepted risk by"), "type=\"date\"");
	ss_buf_puts(b, "<p>");
	pg_submit(b, _("Decide (signed)"), NULL, NULL);
	ss_buf_puts(b, "</p>\n</form>\n</section>\n");
}

static void advise_form(ss_buf *b, const http_req *rq)
{
	pg_section_open(b, "advise", _("Advise"));
	pg_el(b, "p", NULL,
	      _("Your advice is recorded beside the user's decision: whether the item is needed, "
		"what it costs, what happens without it"));
	pg_form_open(b, rq, "advise-form", "/advice");
	filter_hidden(b, rq);
	ss_buf_puts(b, "<p class=\"field\"><label for=\"a-item\">");
	pg_esc(b, _("One item (its id)"));
	ss_buf_puts(b, "</label> <input id=\"a-item\" name=\"item\" maxlength=\"64\" "
		       "spellcheck=\"false\" autocapitalize=\"none\"></p>\n<p>");
	bulk_box(b, rq, "a-bulk", _("Every item shown with this filter"));
	ss_buf_puts(b, "</p>\n");
	pg_textarea(b, "a-note", "note", _("Advice"), "required maxlength=\"4000\"");
	ss_buf_puts(b, "<p>");
	pg_submit(b, _("Advise (signed)"), NULL, NULL);
	ss_buf_puts(b, "</p>\n</form>\n</section>\n");
}

int pg_decisions(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *list = NULL, *model = NULL, *byid = NULL, *platforms = json_object(), *r;
	ss_filter f = {0};
	bool user = my_side(rq, "user") && (my_role(rq, "lead") || my_role(rq, "member"));
	bool vendor = my_side(rq, "vendor") && !my_role(rq, "auditor");
	size_t i;
	int error;

	f.section = http_qstr(rq, "section") && *http_qstr(rq, "section") ? http_qstr(rq, "section")
									  : NULL;
	f.platform = http_qstr(rq, "platform") && *http_qstr(rq, "platform")
			     ? http_qstr(rq, "platform")
			     : NULL;
	f.technique = http_qstr(rq, "technique") && *http_qstr(rq, "technique")
			      ? http_qstr(rq, "technique")
			      : NULL;
	if ((error = ss_store_check_state(rq->st, rq->params[0])) < 0 ||
	    (error = ss_spec_model(&model, rq->st, rq->params[0])) < 0 ||
	    (error = ss_spec_model_redact(model, pg_js(rq->member, "person"))) < 0 ||
	    (error = ss_requirement_list(&list, rq->st, rq->params[0], &f,
					 http_qstr(rq, "status") && *http_qstr(rq, "status")
						 ? http_qstr(rq, "status")
						 : NULL)) < 0)
		goto out;
	byid = model_by_id(model);
	json_array_foreach(json_object_get(model, "requirements"), i, r) {
		if (pg_js(r, "platform"))
			json_object_set_new(platforms, pg_js(r, "platform"), json_true());
	}
	pg_msgs(&b, sign_msgs);
	pg_project_nav(&b, rq, "/decisions");
	if (json_array_size(json_object_get(model, "requirements")) == 0) {
		pg_section_open(&b, "draft", _("Draft the specification"));
		pg_el(&b, "p", NULL,
		      _("The draft puts every mitigation of the pinned catalog version into the "
			"specification as a requirement not decided yet"));
		if (my_side(rq, "user") && my_role(rq, "lead")) {
			pg_form_open(&b, rq, "draft-form", "/draft");
			ss_buf_puts(&b, "<p>");
			pg_submit(&b, _("Draft (signed)"), NULL, NULL);
			ss_buf_puts(&b, "</p>\n</form>\n");
		}
		ss_buf_puts(&b, "</section>\n");
	}
	pg_section_open(&b, "board", _("Requirements"));
	filter_form(&b, rq, platforms);
	{
		char line[128];

		snprintf(line, sizeof(line), _("%zu requirements shown"), json_array_size(list));
		pg_el(&b, "p", "id=\"shown\"", line);
	}
	ss_buf_puts(
		&b,
		"<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"board\">"
		"<table class=\"board\">\n<thead><tr>");
	pg_th(&b, _("Item"));
	pg_th(&b, _("Mitigation"));
	pg_th(&b, _("Section"));
	pg_th(&b, _("User's decision"));
	pg_th(&b, _("Vendor's advice"));
	if (user || vendor)
		pg_th(&b, _("Action"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, r) {
		const char *id = pg_js(r, "id");
		json_t *full = json_object_get(byid, id);
		bool dflt = json_is_true(json_object_get(r, "default"));

		ss_buf_puts(&b, "<tr id=\"row-");
		pg_esc(&b, id);
		ss_buf_puts(&b, "\"><th scope=\"row\" class=\"mono\">");
		pg_esc(&b, id);
		ss_buf_puts(&b, "</th><td>");
		pg_esc(&b, pg_title(rq, r, "title"));
		if (dflt) {
			ss_buf_puts(&b, " <span class=\"badge\">");
			pg_esc(&b, _("minimum default mitigation"));
			ss_buf_puts(&b, "</span>");
		}
		ss_buf_puts(&b, "</td>");
		pg_el(&b, "td", NULL, pg_section(pg_js(r, "section")));
		ss_buf_puts(&b, "<td class=\"decision\">");
		pg_esc(&b, pg_policy(pg_js(r, "policy")));
		if (pg_js(r, "approval") && strcmp(pg_js(r, "approval"), "none") != 0) {
			ss_buf_puts(&b, " <span class=\"badge\">");
			pg_esc(&b, approval_word(pg_js(r, "approval")));
			ss_buf_puts(&b, "</span>");
		} else if (needs_approval(r)) {
			ss_buf_puts(&b, " <span class=\"badge warn\">");
			pg_esc(&b, _("awaiting management"));
			ss_buf_puts(&b, "</span>");
		}
		if (pg_js(r, "reason")) {
			ss_buf_puts(&b, "<br><span class=\"reason\">");
			pg_esc(&b, pg_js(r, "reason"));
			ss_buf_puts(&b, "</span>");
		}
		ss_buf_puts(&b, "</td><td>");
		advice_list(&b, full);
		ss_buf_puts(&b, "</td>");
		if (user || vendor) {
			ss_buf_printf(&b,
				      "<td><button type=\"button\" class=\"pick\" data-form=\"%s\" "
				      "data-item=\"",
				      user ? "decide-form" : "advise-form");
			pg_esc(&b, id);
			ss_buf_puts(&b, "\" aria-label=\"");
			pg_esc(&b, user ? _("Decide") : _("Advise"));
			ss_buf_puts(&b, " ");
			pg_esc(&b, id);
			ss_buf_puts(&b, "\">");
			pg_esc(&b, user ? _("Decide") : _("Advise"));
			ss_buf_puts(&b, "</button></td>");
		}
		ss_buf_puts(&b, "</tr>\n");
	}
	ss_buf_puts(&b, "</tbody>\n</table></div>\n</section>\n");
	if (user)
		decide_form(&b, rq, json_array_size(list));
	if (vendor)
		advise_form(&b, rq);
	pg_status(&b);
	pg_sign_dialog(&b);
	error = finish(rq, rs, _("Decisions"), &b, "signed.js");
out:
	ss_buf_release(&b);
	json_decref(list);
	json_decref(model);
	json_decref(byid);
	json_decref(platforms);
	return error;
}

/* ---- approvals ---- */

int pg_approvals(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *list = NULL, *model = NULL, *byid = NULL, *r;
	ss_filter f = {0};
	bool mgmt = my_side(rq, "user") && my_role(rq, "management");
	size_t i, pending = 0, done = 0;
	int error;

	if ((error = ss_store_check_state(rq->st, rq->params[0])) < 0 ||
	    (error = ss_spec_model(&model, rq->st, rq->params[0])) < 0 ||
	    (error = ss_spec_model_redact(model, pg_js(rq->member, "person"))) < 0 ||
	    (error = ss_requirement_list(&list, rq->st, rq->params[0], &f, "decided")) < 0)
		goto out;
	byid = model_by_id(model);
	pg_msgs(&b, sign_msgs);
	pg_project_nav(&b, rq, "/approvals");
	pg_section_open(&b, "queue", _("Waiting for management"));
	pg_el(&b, "p", NULL,
	      _("Every accepted risk and every alternative measure needs the approval of the "
		"user's management, who also bears its cost"));
	json_array_foreach(list, i, r) {
		const char *id = pg_js(r, "id");
		json_t *full = json_object_get(byid, id), *d = json_object_get(full, "decision");

		if (!needs_approval(r) || strcmp(pg_js(r, "approval") ?: "none", "none") != 0)
			continue;
		pending++;
		ss_buf_puts(&b, "<article class=\"card\" aria-labelledby=\"ap-");
		pg_esc(&b, id);
		ss_buf_puts(&b, "\"><h3 id=\"ap-");
		pg_esc(&b, id);
		ss_buf_puts(&b, "\"><span class=\"mono\">");
		pg_esc(&b, id);
		ss_buf_puts(&b, "</span> ");
		pg_esc(&b, pg_title(rq, r, "title"));
		ss_buf_puts(&b, "</h3>\n<dl class=\"facts\">");
		pg_el(&b, "dt", NULL, _("Decision"));
		pg_el(&b, "dd", NULL, pg_policy(pg_js(r, "policy")));
		if (json_is_true(json_object_get(r, "default"))) {
			pg_el(&b, "dt", NULL, _("Section"));
			pg_el(&b, "dd", NULL, _("minimum default mitigation"));
		}
		pg_el(&b, "dt", NULL, _("Decided by"));
		pg_el(&b, "dd", NULL, pg_js(r, "decided_by"));
		pg_el(&b, "dt", NULL, _("Reason"));
		pg_el(&b, "dd", NULL, pg_js(r, "reason") ?: "");
		if (pg_js(d, "scenario")) {
			pg_el(&b, "dt", NULL, _("Attack scenario"));
			pg_el(&b, "dd", NULL, pg_js(d, "scenario"));
		}
		if (pg_js(r, "alternative")) {
			pg_el(&b, "dt", NULL, _("The other measure"));
			pg_el(&b, "dd", NULL, pg_js(r, "alternative"));
		}
		if (pg_js(r, "review_by")) {
			pg_el(&b, "dt", NULL, _("Review by"));
			pg_el(&b, "dd", NULL, pg_js(r, "review_by"));
		}
		if (json_array_size(json_object_get(full, "advice"))) {
			pg_el(&b, "dt", NULL, _("Vendor's advice"));
			ss_buf_puts(&b, "<dd>");
			advice_list(&b, full);
			ss_buf_puts(&b, "</dd>");
		}
		ss_buf_puts(&b, "</dl>\n");
		if (mgmt) {
			char fid[128];

			snprintf(fid, sizeof(fid), "approve-%zu", i);
			pg_form_open(&b, rq, fid, "/approvals");
			ss_buf_puts(&b, "<input type=\"hidden\" name=\"item\" value=\"");
			pg_esc(&b, id);
			ss_buf_printf(&b, "\">\n<p class=\"field\"><label for=\"%s-note\">", fid);
			pg_esc(&b, _("Note (needed to reject)"));
			ss_buf_printf(&b,
				      "</label> <textarea id=\"%s-note\" name=\"note\" rows=\"2\" "
				      "maxlength=\"4000\"></textarea></p>\n<p>",
				      fid);
			pg_submit(&b, _("Approve (signed)"), "verdict", "approve");
			ss_buf_puts(&b,
				    " <button type=\"submit\" name=\"verdict\" value=\"reject\">");
			pg_esc(&b, _("Reject (signed)"));
			ss_buf_puts(&b, "</button></p>\n</form>\n");
		}
		ss_buf_puts(&b, "</article>\n");
	}
	if (pending == 0)
		pg_el(&b, "p", NULL, _("Nothing is waiting for approval"));
	else if (!mgmt)
		pg_el(&b, "p", NULL, _("Only the user's management approves or rejects"));
	ss_buf_puts(&b, "</section>\n");
	pg_section_open(&b, "done", _("Approved and rejected"));
	ss_buf_puts(&b, "<table>\n<thead><tr>");
	pg_th(&b, _("Item"));
	pg_th(&b, _("Decision"));
	pg_th(&b, _("Verdict"));
	pg_th(&b, _("By"));
	pg_th(&b, _("Note"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, r) {
		if (!needs_approval(r) || strcmp(pg_js(r, "approval") ?: "none", "none") == 0)
			continue;
		done++;
		ss_buf_puts(&b, "<tr>");
		pg_el(&b, "th", "scope=\"row\" class=\"mono\"", pg_js(r, "id"));
		pg_el(&b, "td", NULL, pg_policy(pg_js(r, "policy")));
		pg_el(&b, "td", NULL, approval_word(pg_js(r, "approval")));
		pg_el(&b, "td", NULL, pg_js(r, "approved_by") ?: "");
		pg_el(&b, "td", NULL, pg_js(r, "approval_note") ?: "");
		ss_buf_puts(&b, "</tr>\n");
	}
	ss_buf_puts(&b, "</tbody>\n</table>\n");
	if (done == 0)
		pg_el(&b, "p", NULL, _("None yet"));
	ss_buf_puts(&b, "</section>\n");
	pg_status(&b);
	pg_sign_dialog(&b);
	error = finish(rq, rs, _("Approvals"), &b, "signed.js");
out:
	ss_buf_release(&b);
	json_decref(list);
	json_decref(model);
	json_decref(byid);
	return error;
}

/* ---- milestones ---- */

int pg_milestones(http_req *rq, http_resp *rs)
{
	static const char *const parties[] = {"both", N_("both parties"), "user",
					      N_("the user side only")};
	const char *trp[4];
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *ms = NULL, *m, *s;
	bool signer = my_role(rq, "lead") || my_role(rq, "management");
	size_t i, j;
	int error;

	if ((error = ss_milestone_list(&ms, rq->st, rq->params[0])) < 0)
		return error;
	pg_msgs(&b, sign_msgs);
	pg_project_nav(&b, rq, "/milestones");
	pg_section_open(&b, "list", _("Milestones"));
	pg_el(&b, "p", NULL,
	      _("A milestone fixes the specification as both parties agreed it: the log's "
		"checkpoint and the hash of the specification, signed by the user lead, the "
		"vendor lead and, when risks are accepted, the user's management"));
	if (json_array_size(ms) == 0)
		pg_el(&b, "p", NULL, _("No milestone has been signed yet"));
	json_array_foreach(ms, i, m) {
		const char *name = pg_js(m, "name");
		bool complete = json_is_true(json_object_get(m, "complete"));
		bool signed_me = false;

		ss_buf_printf(
			&b, "<article class=\"card\" aria-labelledby=\"ms-%zu\"><h3 id=\"ms-%zu\">",
			i, i);
		pg_esc(&b, name);
		ss_buf_puts(&b, " <span class=\"badge\">");
		pg_esc(&b, complete ? _("complete") : _("waiting for signatures"));
		ss_buf_puts(&b, "</span></h3>\n<dl class=\"facts\">");
		pg_el(&b, "dt", NULL, _("Catalog version"));
		pg_el(&b, "dd", NULL, pg_js(m, "catalog_version") ?: "");
		pg_el(&b, "dt", NULL, _("Specification hash"));
		pg_el(&b, "dd", "class=\"mono\"", pg_js(m, "spec_hash") ?: "");
		pg_el(&b, "dt", NULL, _("Log checkpoint (events)"));
		ss_buf_printf(&b, "<dd>%lld</dd>",
			      (long long)json_integer_value(json_object_get(m, "tree_size")));
		pg_el(&b, "dt", NULL, _("Still to sign"));
		ss_buf_puts(&b, "<dd>");
		if (complete)
			pg_esc(&b, _("nobody"));
		else
			pg_missing(&b, json_object_get(m, "missing"));
		ss_buf_puts(&b, "</dd></dl>\n<table>\n<caption>");
		pg_esc(&b, _("Signatures"));
		ss_buf_puts(&b, "</caption><thead><tr>");
		pg_th(&b, _("Person"));
		pg_th(&b, _("Side"));
		pg_th(&b, _("Role"));
		pg_th(&b, _("Time"));
		pg_th(&b, _("Key"));
		ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(m, "signatures"), j, s) {
			if (strcmp(pg_js(s, "person") ?: "", pg_js(rq->member, "person")) == 0)
				signed_me = true;
			ss_buf_puts(&b, "<tr>");
			pg_el(&b, "th", "scope=\"row\"", pg_js(s, "person"));
			pg_el(&b, "td", NULL, pg_side(pg_js(s, "side")));
			pg_el(&b, "td", NULL, pg_role(pg_js(s, "role")));
			pg_el(&b, "td", NULL, pg_js(s, "time") ?: "");
			pg_el(&b, "td", "class=\"mono\"", pg_js(s, "key") ?: "");
			ss_buf_puts(&b, "</tr>\n");
		}
		ss_buf_puts(&b, "</tbody>\n</table>\n");
		if (signer && !signed_me) {
			char fid[64], tail[256];

			snprintf(fid, sizeof(fid), "sign-%zu", i);
			snprintf(tail, sizeof(tail), "/milestones/%s/sign", name);
			pg_form_open(&b, rq, fid, tail);
			ss_buf_puts(&b, "<p>");
			{
				char label[300];

				snprintf(label, sizeof(label), _("Sign %s (signed)"), name);
				pg_submit(&b, label, NULL, NULL);
			}
			ss_buf_puts(&b, "</p>\n</form>\n");
		}
		ss_buf_puts(&b, "</article>\n");
	}
	ss_buf_puts(&b, "</section>\n");
	if (signer) {
		for (i = 0; i < 4; i++)
			trp[i] = i % 2 ? _(parties[i]) : parties[i];
		pg_section_open(&b, "open", _("Open a milestone"));
		pg_el(&b, "p", NULL,
		      _("The first signature opens the milestone over the specification as it is "
			"now; the others sign the same"));
		ss_buf_puts(&b, "<form id=\"open-form\" class=\"card\" data-signed data-url=\"");
		pg_api(&b, rq, "/milestones/{name}/sign");
		ss_buf_puts(&b, "\">\n");
		pg_input(&b, "o-name", "name", _("Milestone name"),
			 "required value=\"spec-v1\" maxlength=\"64\" spellcheck=\"false\" "
			 "autocapitalize=\"none\" data-path");
		select_(&b, "o-parties", "parties", _("Who signs"), trp, 4, "both");
		ss_buf_puts(&b, "<p>");
		pg_submit(&b, _("Open and sign (signed)"), NULL, NULL);
		ss_buf_puts(&b, "</p>\n</form>\n</section>\n");
	}
	pg_status(&b);
	pg_sign_dialog(&b);
	json_decref(ms);
	return finish(rq, rs, _("Milestones"), &b, "signed.js");
}

/* ---- evidence ---- */

int pg_evidence(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *v = NULL, *pb;
	char line[256];
	size_t i;
	int error = ss_log_verify(&v, rq->st, rq->params[0]);

	if (error < 0 && error != SS_ECORRUPT)
		return error;
	pg_project_nav(&b, rq, "/evidence");
	pg_section_open(&b, "verify", _("Verification of the log"));
	ss_buf_printf(&b, "<p class=\"verdict %s\" id=\"verdict\">",
		      json_is_true(json_object_get(v, "ok")) ? "good" : "bad");
	pg_esc(&b, json_is_true(json_object_get(v, "ok"))
			   ? _("The log verifies: every event, chain link and signature holds")
			   : _("The log does NOT verify: see the problems below"));
	ss_buf_puts(&b, "</p>\n<dl class=\"facts\">");
	pg_el(&b, "dt", NULL, _("Events"));
	ss_buf_printf(&b, "<dd>%lld</dd>",
		      (long long)json_integer_value(json_object_get(v, "events")));
	pg_el(&b, "dt", NULL, _("Signed events"));
	ss_buf_printf(&b, "<dd>%lld</dd>",
		      (long long)json_integer_value(json_object_get(v, "signed")));
	pg_el(&b, "dt", NULL, _("Unsigned events"));
	ss_buf_printf(&b, "<dd>%lld</dd>",
		      (long long)json_integer_value(json_object_get(v, "unsigned")));
	pg_el(&b, "dt", NULL, _("Keys"));
	ss_buf_printf(&b, "<dd>%zu</dd>", json_array_size(json_object_get(v, "keys")));
	pg_el(&b, "dt", NULL, _("Milestones"));
	ss_buf_printf(&b, "<dd>%zu</dd>", json_array_size(json_object_get(v, "milestones")));
	pg_el(&b, "dt", NULL, _("Merkle root"));
	pg_el(&b, "dd", "class=\"mono\"", pg_js(v, "root") ?: "");
	pg_el(&b, "dt", NULL, _("Head hash"));
	pg_el(&b, "dd", "class=\"mono\"", pg_js(v, "head") ?: "");
	ss_buf_puts(&b, "</dl>\n");
	if (json_array_size(json_object_get(v, "problems"))) {
		ss_buf_puts(&b, "<table>\n<thead><tr>");
		pg_th(&b, _("Event"));
		pg_th(&b, _("Rule"));
		pg_th(&b, _("Problem"));
		ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(json_object_get(v, "problems"), i, pb) {
			snprintf(line, sizeof(line), "%lld",
				 (long long)json_integer_value(json_object_get(pb, "seq")));
			ss_buf_puts(&b, "<tr>");
			pg_el(&b, "td", NULL, line);
			pg_el(&b, "td", "class=\"mono\"", pg_js(pb, "rule") ?: "");
			pg_el(&b, "td", NULL, pg_js(pb, "problem") ?: "");
			ss_buf_puts(&b, "</tr>\n");
		}
		ss_buf_puts(&b, "</tbody>\n</table>\n");
	}
	ss_buf_puts(&b, "</section>\n");
	pg_section_open(&b, "bundle", _("Evidence bundle"));
	pg_el(&b, "p", NULL,
	      _("The bundle holds the log, the keys, the milestones and the specification; "
		"anyone verifies it offline with: secspec verify BUNDLE"));
	ss_buf_puts(&b, "<p><a class=\"button primary\" id=\"download\" download href=\"");
	pg_api(&b, rq, "/evidence");
	ss_buf_puts(&b, "\">");
	pg_esc(&b, _("Download the evidence bundle"));
	ss_buf_puts(&b, "</a></p>\n</section>\n");
	/* each party's own copy (secspec sync): read by evidence.js, since
	 * witnesses are the server's records, not the log's, and this page is
	 * kept by the log's head */
	pg_section_open(&b, "copies", _("Each party's own copy of the log"));
	pg_el(&b, "p", NULL,
	      _("A party that keeps its own copy with secspec sync checks the server's signed "
		"head against it; the server records when each copy last agreed"));
	ss_buf_puts(&b, "<table id=\"witnesses\" data-user=\"");
	pg_esc(&b, _("user side"));
	ss_buf_puts(&b, "\" data-vendor=\"");
	pg_esc(&b, _("vendor side"));
	ss_buf_puts(&b, "\">\n<thead><tr>");
	pg_th(&b, _("Party"));
	pg_th(&b, _("Member"));
	pg_th(&b, _("Events in the copy"));
	pg_th(&b, _("Last agreed"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody></tbody>\n</table>\n<p id=\"no-witnesses\" hidden>");
	pg_esc(&b, _("No party has synced a copy of this log yet"));
	ss_buf_puts(&b, "</p>\n</section>\n");
	json_decref(v);
	return finish(rq, rs, _("Evidence"), &b, "evidence.js");
}
