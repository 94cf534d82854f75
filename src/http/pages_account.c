/*
 * The account pages: one's own (the password, the second factor) and the
 * administrators' list of every account of the deployment. The changes are
 * plain API requests (web/account.js, web/accounts.js), not signed: an
 * account is the deployment's, not a project's.
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"

json_t *pg_account_row(ss_store *st, const char *login, int64_t now)
{
	json_t *all = NULL, *a, *found = NULL;
	size_t i;

	if (!login || ss_account_list(&all, st, now) < 0)
		return NULL;
	json_array_foreach(all, i, a) {
		if (strcmp(pg_js(a, "login") ?: "", login) == 0)
			found = json_incref(a);
	}
	json_decref(all);
	return found;
}

/* A labelled password input. */
static void password(ss_buf *b, const char *id, const char *name, const char *label,
		     const char *autocomplete)
{
	char attrs[200];

	snprintf(attrs, sizeof(attrs),
		 "type=\"password\" required maxlength=\"%d\" autocomplete=\"%s\"%s",
		 SS_PASSWORD_MAX, autocomplete,
		 strcmp(autocomplete, "new-password") == 0 ? " minlength=\"12\"" : "");
	pg_input(b, id, name, label, attrs);
}

/* A labelled input for an authenticator app's 6-digit code. */
static void code(ss_buf *b, const char *id)
{
	pg_input(b, id, "code", _("Code of the authenticator app (6 digits)"),
		 "required inputmode=\"numeric\" pattern=\"[0-9]{6}\" maxlength=\"6\" "
		 "autocomplete=\"one-time-code\"");
}

int pg_account(http_req *rq, http_resp *rs)
{
	static const pg_msg msgs[] = {
		{"mismatch", N_("The two new passwords differ")},
		{"pwchanged", N_("Your password is changed; your other sessions have ended")},
		{"totpon", N_("The second factor is on: from now on a login needs a code")},
		{"totpoff", N_("The second factor is removed")},
		{NULL, NULL},
	};
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *me = pg_account_row(rq->st, http_login(rq), rq->now);
	bool on = json_is_true(json_object_get(me, "totp"));

	json_decref(me);
	pg_msgs(&b, msgs);
	ss_buf_puts(&b, "<dl class=\"facts\">");
	pg_el(&b, "dt", NULL, _("Login name"));
	pg_el(&b, "dd", "class=\"mono\"", http_login(rq));
	pg_el(&b, "dt", NULL, _("Display name"));
	pg_el(&b, "dd", NULL, pg_js(rq->account, "name"));
	ss_buf_puts(&b, "</dl>\n");

	pg_section_open(&b, "pw", _("Change the password"));
	ss_buf_puts(&b, "<form id=\"password-form\" class=\"card narrow\">\n");
	password(&b, "pw-old", "old", _("Current password"), "current-password");
	password(&b, "pw-new", "password", _("New password (at least 12 characters)"),
		 "new-password");
	password(&b, "pw-again", "again", _("New password again"), "new-password");
	ss_buf_puts(&b, "<p>");
	pg_submit(&b, _("Change the password"), NULL, NULL);
	ss_buf_puts(&b, "</p>\n</form>\n</section>\n");

	pg_section_open(&b, "totp", _("Second factor"));
	ss_buf_puts(&b, "<p id=\"totp-state\">");
	pg_esc(&b, on ? _("On: a login needs the code of your authenticator app")
		      : _("Off: a login needs the password only"));
	ss_buf_puts(&b, "</p>\n<form id=\"totp-enroll\" class=\"card narrow\">\n");
	password(&b, "te-password", "password", _("Current password"), "current-password");
	ss_buf_puts(&b, "<p>");
	pg_submit(&b, on ? _("Set up a new key") : _("Set up the second factor"), NULL, NULL);
	ss_buf_puts(&b, "</p>\n</form>\n<div id=\"totp-new\" class=\"card\" hidden>\n<p>");
	pg_esc(&b, _("Add this key to your authenticator app (it is shown only now), then "
		     "confirm it with a code the app shows"));
	ss_buf_puts(&b, "</p>\n<dl class=\"facts\">");
	pg_el(&b, "dt", NULL, _("Key (base32)"));
	ss_buf_puts(&b, "<dd id=\"totp-secret\" class=\"mono\"></dd>");
	pg_el(&b, "dt", NULL, _("Key as a URI"));
	ss_buf_puts(&b, "<dd id=\"totp-uri\" class=\"mono\"></dd></dl>\n"
			"<form id=\"totp-confirm\" class=\"narrow\">\n");
	code(&b, "tc-code");
	ss_buf_puts(&b, "<p>");
	pg_submit(&b, _("Confirm"), NULL, NULL);
	ss_buf_puts(&b, "</p>\n</form>\n</div>\n");
	if (on) {
		ss_buf_puts(&b, "<form id=\"totp-remove\" class=\"card narrow\">\n");
		pg_el(&b, "h3", NULL, _("Remove the second factor"));
		password(&b, "tr-password", "password", _("Current password"), "current-password");
		code(&b, "tr-code");
		ss_buf_puts(&b, "<p>");
		pg_submit(&b, _("Remove the second factor"), NULL, NULL);
		ss_buf_puts(&b, "</p>\n</form>\n");
	}
	ss_buf_puts(&b, "</section>\n");
	pg_status(&b);
	return pg_finish(rq, rs, _("My account"), &b, "account.js");
}

static const char *yes_no(const json_t *v)
{
	return json_is_true(v) ? _("yes") : _("no");
}

int pg_admin_accounts(http_req *rq, http_resp *rs)
{
	static const pg_msg msgs[] = {
		{"created", N_("The account is created")},
		{"reset", N_("The password is reset; the account's sessions have ended")},
		{NULL, NULL},
	};
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *all = NULL, *a;
	size_t i;
	int error;

	if ((error = ss_account_list(&all, rq->st, rq->now)) < 0)
		return error;
	pg_msgs(&b, msgs);
	pg_section_open(&b, "list", _("Every account"));
	ss_buf_puts(&b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			"aria-labelledby=\"list\"><table id=\"accounts\">\n<thead><tr>");
	pg_th(&b, _("Login name"));
	pg_th(&b, _("Display name"));
	pg_th(&b, _("Administrator"));
	pg_th(&b, _("Disabled"));
	pg_th(&b, _("Second factor"));
	pg_th(&b, _("Failed logins"));
	pg_th(&b, _("Locked until"));
	pg_th(&b, _("Actions"));
	ss_buf_puts(&b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(all, i, a) {
		const char *login = pg_js(a, "login") ?: "";
		bool disabled = json_is_true(json_object_get(a, "disabled"));

		ss_buf_puts(&b, "<tr>");
		pg_el(&b, "th", "scope=\"row\" class=\"mono\"", login);
		pg_el(&b, "td", NULL, pg_js(a, "name"));
		pg_el(&b, "td", NULL, yes_no(json_object_get(a, "admin")));
		pg_el(&b, "td", NULL, yes_no(json_object_get(a, "disabled")));
		pg_el(&b, "td", NULL, yes_no(json_object_get(a, "totp")));
		ss_buf_printf(&b, "<td>%lld</td>",
			      (long long)json_integer_value(json_object_get(a, "failed_logins")));
		pg_el(&b, "td", NULL, pg_js(a, "locked_until") ?: "");
		ss_buf_puts(&b, "<td><button type=\"button\" class=\"toggle\" data-login=\"");
		pg_esc(&b, login);
		ss_buf_printf(&b, "\" data-disabled=\"%s\">", disabled ? "false" : "true");
		pg_esc(&b, disabled ? _("Enable") : _("Disable"));
		ss_buf_puts(&b, "<span class=\"vh\"> ");
		pg_esc(&b, login);
		ss_buf_puts(&b, "</span></button>");
		if (json_is_true(json_object_get(a, "totp"))) {
			ss_buf_puts(&b, " <button type=\"button\" class=\"untotp\" data-login=\"");
			pg_esc(&b, login);
			ss_buf_puts(&b, "\">");
			pg_esc(&b, _("Remove the second factor"));
			ss_buf_puts(&b, "<span class=\"vh\"> ");
			pg_esc(&b, login);
			ss_buf_puts(&b, "</span></button>");
		}
		ss_buf_puts(&b, "</td></tr>\n");
	}
	ss_buf_puts(&b, "</tbody>\n</table></div>\n</section>\n");

	pg_section_open(&b, "add", _("Create an account"));
	ss_buf_puts(&b, "<form id=\"account-form\" class=\"card narrow\">\n");
	pg_input(&b, "a-login", "login", _("Login name"),
		 "required maxlength=\"64\" autocomplete=\"off\" autocapitalize=\"none\" "
		 "spellcheck=\"false\"");
	pg_input(&b, "a-name", "name", _("Display name"), "required maxlength=\"200\"");
	password(&b, "a-password", "password", _("First password (at least 12 characters)"),
		 "new-password");
	ss_buf_puts(&b, "<p><label class=\"choice\"><input type=\"checkbox\" name=\"admin\" "
			"id=\"a-admin\"> ");
	pg_esc(&b, _("Administrator (may manage accounts)"));
	ss_buf_puts(&b, "</label></p>\n<p>");
	pg_submit(&b, _("Create"), NULL, NULL);
	ss_buf_puts(&b, "</p>\n</form>\n</section>\n");

	pg_section_open(&b, "reset", _("Reset a password"));
	ss_buf_puts(&b, "<form id=\"reset-form\" class=\"card narrow\">\n<p class=\"field\">"
			"<label for=\"r-login\">");
	pg_esc(&b, _("Login name"));
	ss_buf_puts(&b, "</label> <select id=\"r-login\" name=\"login\" required>");
	json_array_foreach(all, i, a) {
		ss_buf_puts(&b, "<option>");
		pg_esc(&b, pg_js(a, "login"));
		ss_buf_puts(&b, "</option>");
	}
	ss_buf_puts(&b, "</select></p>\n");
	password(&b, "r-password", "password", _("New password (at least 12 characters)"),
		 "new-password");
	pg_el(&b, "p", "class=\"hint\"",
	      _("The account's sessions end; tell the person the new password by another way"));
	ss_buf_puts(&b, "<p>");
	pg_submit(&b, _("Reset the password"), NULL, NULL);
	ss_buf_puts(&b, "</p>\n</form>\n</section>\n");
	pg_status(&b);
	json_decref(all);
	return pg_finish(rq, rs, _("Accounts"), &b, "accounts.js");
}
