/*
 * Read-only lists of a project: information assets with their impact,
 * minutes of meetings, change requests.
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"

static void td_int(ss_buf *b, const json_t *o, const char *k)
{
	if (json_is_integer(json_object_get(o, k)))
		ss_buf_printf(b, "<td>%lld</td>",
			      (long long)json_integer_value(json_object_get(o, k)));
	else
		ss_buf_puts(b, "<td></td>");
}

/* A list whose signed forms sit in its rows: nothing under it, but the
 * page gets the signing script. */
static int no_form(ss_buf *b, http_req *rq)
{
	(void)b;
	(void)rq;
	return 0;
}

/* form: a signed form under the list (pages_forms.c), or NULL. */
static int list_page(http_req *rq, http_resp *rs, const char *what, const char *tail, ss_buf *table,
		     size_t n, const char *none, int (*form)(ss_buf *b, http_req *rq))
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	char title[300];
	int error;

	if (form)
		pg_msgs(&b, pg_form_msgs);
	pg_project_nav(&b, rq, tail);
	if (n == 0)
		pg_el(&b, "p", NULL, none);
	else
		ss_buf_put(&b, table->ptr, table->len);
	ss_buf_release(table);
	if (form) {
		if ((error = form(&b, rq)) < 0) {
			ss_buf_release(&b);
			return error;
		}
		pg_status(&b);
		pg_sign_dialog(&b);
	}
	snprintf(title, sizeof(title), "%s — %s", what, rq->params[0]);
	return pg_finish(rq, rs, title, &b, form ? "signed.js" : "app.js");
}

int pg_assets(http_req *rq, http_resp *rs)
{
	ss_buf t = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *assets = NULL, *systems = NULL, *a, *d;
	size_t i, j;
	int error;

	if ((error = ss_asset_list(&assets, rq->st, rq->params[0])) < 0 ||
	    (error = ss_system_list(&systems, rq->st, rq->params[0])) < 0)
		goto out;
	ss_buf_puts(&t, "<section aria-labelledby=\"assets\"><h2 id=\"assets\">");
	pg_esc(&t, _("Information assets"));
	ss_buf_puts(&t, "</h2>\n<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			"aria-labelledby=\"assets\"><table>\n<thead><tr>");
	pg_th(&t, _("Id"));
	pg_th(&t, _("Name"));
	pg_th(&t, _("Kind"));
	pg_th(&t, _("Target system"));
	pg_th(&t, _("Devices"));
	pg_th(&t, _("Duration"));
	pg_th(&t, _("Reach"));
	pg_th(&t, _("Damage"));
	pg_th(&t, _("Trust"));
	pg_th(&t, _("Level"));
	ss_buf_puts(&t, "</tr></thead>\n<tbody>\n");
	json_array_foreach(assets, i, a) {
		ss_buf_puts(&t, "<tr>");
		pg_el(&t, "th", "scope=\"row\" class=\"mono\"", pg_js(a, "id"));
		pg_el(&t, "td", NULL, pg_js(a, "name") ?: "");
		pg_el(&t, "td", NULL, pg_js(a, "kind") ?: "");
		pg_el(&t, "td", NULL, pg_js(a, "system") ?: "");
		ss_buf_puts(&t, "<td>");
		json_array_foreach(json_object_get(a, "devices"), j, d) {
			if (j)
				ss_buf_puts(&t, _(", "));
			pg_esc(&t, json_string_value(d));
		}
		ss_buf_puts(&t, "</td>");
		td_int(&t, a, "duration");
		td_int(&t, a, "reach");
		td_int(&t, a, "damage");
		td_int(&t, a, "trust");
		td_int(&t, a, "level");
		ss_buf_puts(&t, "</tr>\n");
	}
	ss_buf_puts(&t, "</tbody>\n</table></div>\n</section>\n");
	ss_buf_puts(&t, "<section aria-labelledby=\"systems\"><h2 id=\"systems\">");
	pg_esc(&t, _("Target systems"));
	ss_buf_puts(&t, "</h2>\n<table>\n<thead><tr>");
	pg_th(&t, _("Name"));
	pg_th(&t, _("Level"));
	pg_th(&t, _("Devices"));
	ss_buf_puts(&t, "</tr></thead>\n<tbody>\n");
	json_array_foreach(systems, i, a) {
		ss_buf_puts(&t, "<tr>");
		pg_el(&t, "th", "scope=\"row\"", pg_js(a, "name"));
		td_int(&t, a, "level");
		ss_buf_puts(&t, "<td>");
		json_array_foreach(json_object_get(a, "devices"), j, d) {
			if (j)
				ss_buf_puts(&t, _(", "));
			pg_esc(&t, json_string_value(d));
		}
		ss_buf_puts(&t, "</td></tr>\n");
	}
	ss_buf_puts(&t, "</tbody>\n</table>\n</section>\n");
	error = list_page(rq, rs, _("Assets"), "/assets", &t,
			  json_array_size(assets) + json_array_size(systems),
			  _("No information asset has been recorded yet"), pg_assets_forms);
out:
	ss_buf_release(&t);
	json_decref(assets);
	json_decref(systems);
	return error;
}

int pg_minutes(http_req *rq, http_resp *rs)
{
	ss_buf t = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *list = NULL, *m, *body, *x;
	size_t i, j;
	int error;

	if ((error = ss_minutes_list(&list, rq->st, rq->params[0])) < 0)
		return error;
	ss_buf_puts(&t, "<table>\n<thead><tr>");
	pg_th(&t, _("Id"));
	pg_th(&t, _("Date"));
	pg_th(&t, _("Title"));
	pg_th(&t, _("Attendees"));
	pg_th(&t, _("Attached files"));
	ss_buf_puts(&t, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, m) {
		body = json_object_get(m, "body");
		if (!body)
			body = m;
		ss_buf_puts(&t, "<tr>");
		if (json_is_integer(json_object_get(m, "id")))
			ss_buf_printf(&t, "<th scope=\"row\">%lld</th>",
				      (long long)json_integer_value(json_object_get(m, "id")));
		else
			pg_el(&t, "th", "scope=\"row\"", pg_js(m, "id") ?: "");
		pg_el(&t, "td", NULL, pg_js(body, "date") ?: "");
		pg_el(&t, "td", NULL, pg_js(body, "title") ?: "");
		ss_buf_puts(&t, "<td>");
		json_array_foreach(json_object_get(body, "attendees"), j, x) {
			if (j)
				ss_buf_puts(&t, _(", "));
			pg_esc(&t, json_is_string(x) ? json_string_value(x) : pg_js(x, "person"));
		}
		/* each attachment downloads under its name */
		ss_buf_puts(&t, "</td><td>");
		json_array_foreach(json_object_get(body, "attachments"), j, x) {
			ss_buf_puts(&t, j ? "<br>" : "");
			ss_buf_puts(&t, "<a href=\"");
			pg_api(&t, rq, "/attachments/");
			pg_esc(&t, pg_js(x, "sha256") ?: "");
			ss_buf_puts(&t, "\" download=\"");
			pg_esc(&t, pg_js(x, "name") ?: "");
			ss_buf_puts(&t, "\">");
			pg_esc(&t, pg_js(x, "name") ?: "");
			ss_buf_puts(&t, "</a> <span class=\"hint\">");
			ss_buf_printf(&t, _("(%lld bytes)"),
				      (long long)json_integer_value(json_object_get(x, "size")));
			ss_buf_puts(&t, "</span>");
		}
		ss_buf_puts(&t, "</td></tr>\n");
	}
	ss_buf_puts(&t, "</tbody>\n</table>\n");
	error = list_page(rq, rs, _("Minutes"), "/minutes", &t, json_array_size(list),
			  _("No minutes have been recorded yet"), pg_minutes_form);
	json_decref(list);
	return error;
}

/* The next step of a change request, for the member who may take it: the
 * vendor side assesses an open one, the user side decides an assessed one
 * (its management when cost or date is estimated again), a lead closes a
 * decided one. Signed like every change. */
static void change_action(ss_buf *b, http_req *rq, const json_t *c, size_t i)
{
	const char *state = pg_js(c, "state") ?: "", *re = pg_js(c, "reestimate") ?: "none";
	const char *step = NULL, *label = NULL;
	char fid[64], tail[40];

	if (strcmp(state, "open") == 0 && pg_member_is(rq, "vendor", "|lead|member|"))
		step = "assess", label = _("Assess (signed)");
	else if (strcmp(state, "assessed") == 0 &&
		 pg_member_is(rq, "user",
			      strcmp(re, "none") == 0 ? "|lead|member|management|"
						      : "|management|"))
		step = "decide", label = _("Decide (signed)");
	else if (strcmp(state, "decided") == 0 && pg_member_is(rq, NULL, "|lead|"))
		step = "close", label = _("Close (signed)");
	if (!step)
		return;
	snprintf(fid, sizeof(fid), "change-%s-%zu", step, i);
	snprintf(tail, sizeof(tail), "/changes/{id}/%s", step);
	pg_form_open(b, rq, fid, tail);
	ss_buf_puts(b, "<input type=\"hidden\" name=\"id\" data-path value=\"");
	pg_esc(b, pg_js(c, "id"));
	ss_buf_puts(b, "\">\n");
	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s-note\">", fid);
	pg_esc(b, strcmp(step, "assess") == 0 ? _("The impact on the specification, cost and date")
		  : strcmp(step, "decide") == 0 ? _("The user side's decision")
						: _("How it was closed"));
	ss_buf_printf(b,
		      "</label> <textarea id=\"%s-note\" name=\"note\" rows=\"2\" required "
		      "maxlength=\"4000\"></textarea></p>\n",
		      fid);
	if (strcmp(step, "assess") == 0) {
		static const char *const res[][2] = {{"none", N_("nothing")},
						     {"cost", N_("the cost")},
						     {"date", N_("the date")},
						     {"both", N_("the cost and the date")}};
		size_t k;

		ss_buf_printf(b, "<p class=\"field\"><label for=\"%s-re\">", fid);
		pg_esc(b, _("To estimate again"));
		ss_buf_printf(b, "</label> <select id=\"%s-re\" name=\"reestimate\">", fid);
		for (k = 0; k < sizeof(res) / sizeof(res[0]); k++) {
			ss_buf_printf(b, "<option value=\"%s\">", res[k][0]);
			pg_esc(b, _(res[k][1]));
			ss_buf_puts(b, "</option>");
		}
		ss_buf_puts(b, "</select></p>\n");
	}
	pg_form_end(b, label);
}

int pg_changes(http_req *rq, http_resp *rs)
{
	ss_buf t = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *list = NULL, *c;
	size_t i;
	int error;

	if ((error = ss_change_list(&list, rq->st, rq->params[0], NULL)) < 0)
		return error;
	ss_buf_puts(&t, "<table>\n<thead><tr>");
	pg_th(&t, _("Id"));
	pg_th(&t, _("Kind"));
	pg_th(&t, _("Item"));
	pg_th(&t, _("State"));
	pg_th(&t, _("Assessment"));
	pg_th(&t, _("Decision"));
	pg_th(&t, _("Next step"));
	ss_buf_puts(&t, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, c) {
		ss_buf_puts(&t, "<tr>");
		pg_el(&t, "th", "scope=\"row\" class=\"mono\"", pg_js(c, "id") ?: "");
		pg_el(&t, "td", NULL, pg_js(c, "kind") ?: "");
		pg_el(&t, "td", NULL, pg_js(c, "item") ?: "");
		pg_el(&t, "td", NULL, pg_js(c, "state") ?: "");
		pg_el(&t, "td", NULL, pg_js(c, "assessment") ?: "");
		pg_el(&t, "td", NULL, pg_js(c, "decision") ?: "");
		ss_buf_puts(&t, "<td>");
		change_action(&t, rq, c, i);
		ss_buf_puts(&t, "</td></tr>\n");
	}
	ss_buf_puts(&t, "</tbody>\n</table>\n");
	error = list_page(rq, rs, _("Changes"), "/changes", &t, json_array_size(list),
			  _("No change request has been opened yet"), no_form);
	json_decref(list);
	return error;
}
