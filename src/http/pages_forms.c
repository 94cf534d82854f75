/*
 * The signed forms of the lists (an information asset with its impact, the
 * minutes of a meeting) and the negotiation page: the vendor's proposals
 * with the user's answers, the costs, the candidates with their documents
 * and NDAs and the vendor's selection, the contracts, the requirement
 * standard, the laws, the retention of assets and the security diagnoses.
 * Each form is shown only to the roles the rule book lets make its change
 * (docs/permissions.md).
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"

/* A select: opened, its options, closed. */
static void select_open(ss_buf *b, const char *id, const char *name, const char *label,
			const char *attrs)
{
	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b, "</label> <select id=\"%s\" name=\"%s\"%s%s>", id, name, attrs ? " " : "",
		      attrs ? attrs : "");
}

static void option(ss_buf *b, const char *value, const char *label)
{
	ss_buf_puts(b, "<option value=\"");
	pg_esc(b, value);
	ss_buf_puts(b, "\">");
	pg_esc(b, label);
	ss_buf_puts(b, "</option>");
}

static void select_close(ss_buf *b)
{
	ss_buf_puts(b, "</select></p>\n");
}

/* A file hashed in the browser (web/signed.js): prefix_name, prefix_sha256
 * and prefix_size go into the change; the file itself stays there. */
static void file_input(ss_buf *b, const char *id, const char *prefix, const char *label,
		       bool required)
{
	ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
	pg_esc(b, label);
	ss_buf_printf(b,
		      "</label> <input type=\"file\" id=\"%s\" data-document=\"%s\" "
		      "aria-describedby=\"%s-hint\"%s> <span id=\"%s-hint\" class=\"hint\">",
		      id, prefix, id, required ? " required" : "", id);
	pg_esc(b, _("The file stays in this browser: only its name, size and SHA-256 are "
		    "recorded"));
	ss_buf_puts(b, "</span></p>\n");
}

/* The "replace the record" box of a form. */
static void supersede_box(ss_buf *b, const char *id, const char *label)
{
	ss_buf_printf(b,
		      "<p><label class=\"choice\" for=\"%s\"><input type=\"checkbox\" "
		      "id=\"%s\" name=\"supersede\"> ",
		      id, id);
	pg_esc(b, label);
	ss_buf_puts(b, "</label></p>\n");
}

static const char *const doc_kinds[][2] = {
	{"rfi", N_("request for information (RFI)")},
	{"rfp", N_("request for proposal (RFP)")},
	{"proposal", N_("the candidate's proposal")},
	{"answer", N_("an answer")},
	{"other", N_("another document")},
};
static const char *const law_kinds[][2] = {
	{"law", N_("law")},
	{"regulation", N_("regulation")},
	{"guideline", N_("guideline")},
};
static const char *const diagnosis_kinds[][2] = {
	{"diagnosis", N_("security diagnosis")},
	{"pentest", N_("penetration test")},
	{"review", N_("review")},
};
#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

/* The records of rules 3 (proposals, candidates, laws …) can be made. */
static bool rules3(const json_t *n)
{
	return json_integer_value(json_object_get(n, "rules")) >= 3;
}

const pg_msg pg_form_msgs[] = {
	{"signedby", N_("Signed by the key")},
	{"notes", N_("Please note")},
	{"needitem", N_("Give an item id, or tick every item shown with this filter")},
	{"uploading", N_("Uploading the attached files…")},
	{"toolarge", N_("larger than 64 MiB: it cannot be attached")},
	{"hashdiffers",
	 N_("the server stored other bytes than this browser read: nothing was recorded")},
	{NULL, NULL},
};

/* ---- an information asset ---- */

/* ---- target systems ---- */

/* The names of the project's systems, offered as an input's choices. */
static void system_names(ss_buf *b, const char *id, const json_t *systems)
{
	const json_t *c;
	size_t i;

	ss_buf_printf(b, "<datalist id=\"%s\">", id);
	json_array_foreach(systems, i, c) {
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, pg_js(c, "name"));
		ss_buf_puts(b, "\"></option>");
	}
	ss_buf_puts(b, "</datalist>\n");
}

static void system_form(ss_buf *b, http_req *rq, const json_t *pr, const json_t *meta,
			const json_t *systems)
{
	const json_t *c;
	size_t i;

	pg_section_open(b, "system-add", _("Record or replace a target system"));
	pg_el(b, "p", NULL,
	      _("A target system holds information assets; its level is the highest of theirs. "
		"Name the devices it runs on and how each security policy is already "
		"implemented (leave a policy empty when it is not)"));
	pg_form_open(b, rq, "system-form", "/systems");
	pg_input(b, "sy-name", "name", _("System name"),
		 "required maxlength=\"64\" list=\"sy-names\"");
	system_names(b, "sy-names", systems);
	pg_textarea(b, "sy-devices", "devices", _("Devices (one a line)"),
		    "maxlength=\"20000\" data-list");
	ss_buf_puts(b, "<fieldset><legend>");
	pg_esc(b, _("How each policy is implemented"));
	ss_buf_puts(b, "</legend>");
	json_array_foreach(json_object_get(meta, "categories"), i, c) {
		ss_buf_printf(b, "<p class=\"field\"><label for=\"sy-p-%zu\">", i);
		pg_esc(b, pg_lang(rq, c) ?: pg_js(c, "id"));
		ss_buf_printf(
			b, "</label> <input id=\"sy-p-%zu\" maxlength=\"4000\" data-policy=\"", i);
		pg_esc(b, pg_js(c, "id"));
		ss_buf_puts(b, "\"></p>\n");
	}
	ss_buf_puts(b, "</fieldset>\n");
	if (json_integer_value(json_object_get(pr, "rules")) >= 3) {
		ss_buf_puts(b, "<fieldset><legend>");
		pg_esc(b, _("A legacy system that cannot be replaced"));
		ss_buf_puts(b, "</legend>");
		pg_textarea(b, "sy-legacy", "legacy", _("Why it cannot be replaced"),
			    "maxlength=\"4000\"");
		pg_textarea(b, "sy-compensating", "compensating",
			    _("The measures that make up for it"), "maxlength=\"4000\"");
		ss_buf_puts(b, "</fieldset>\n");
	}
	ss_buf_puts(b, "<p><label><input type=\"checkbox\" name=\"supersede\"> ");
	pg_esc(b, _("Replace the system of the same name"));
	ss_buf_puts(b, "</label></p>\n");
	pg_form_end(b, _("Record (signed)"));
	ss_buf_puts(b, "</section>\n");
}

/* ---- information assets ---- */

static void asset_form(ss_buf *b, http_req *rq, const json_t *meta, const json_t *systems)
{
	const json_t *k, *q, *ax, *lv;
	size_t i, j, l;

	pg_section_open(b, "asset-add", _("Record or replace an information asset"));
	pg_el(b, "p", NULL,
	      _("For each kind of information or operation the system handles, judge the worst "
		"case of an incident on four axes, each from L1 (least) to L3 (most); the "
		"asset's level is the highest of the four, and it sets how strong the measures "
		"of its target system must be"));
	pg_form_open(b, rq, "asset-form", "/assets");
	pg_input(b, "as-id", "id", _("Asset id"),
		 "required maxlength=\"64\" spellcheck=\"false\" autocapitalize=\"none\"");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"as-kind\">");
	pg_esc(b, _("Kind"));
	ss_buf_puts(b, "</label> <select id=\"as-kind\" name=\"kind\">");
	json_array_foreach(json_object_get(meta, "asset_kinds"), i, k) {
		ss_buf_puts(b, "<option value=\"");
		pg_esc(b, pg_js(k, "id"));
		ss_buf_puts(b, "\">");
		pg_esc(b, pg_lang(rq, k));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "<option value=\"custom\">");
	pg_esc(b, _("another kind (name it)"));
	ss_buf_puts(b, "</option></select></p>\n<fieldset data-when=\"kind=custom\"><legend>");
	pg_esc(b, _("Another kind"));
	ss_buf_puts(b, "</legend>");
	pg_input(b, "as-label", "label", _("Name of the kind"), "maxlength=\"200\"");
	ss_buf_puts(b, "</fieldset>\n");
	/* the questions of each kind, shown with their kind */
	json_array_foreach(json_object_get(meta, "asset_kinds"), i, k) {
		ss_buf_puts(b, "<fieldset data-when=\"kind=");
		pg_esc(b, pg_js(k, "id"));
		ss_buf_puts(b, "\"><legend>");
		pg_esc(b, pg_lang(rq, k));
		ss_buf_puts(b, "</legend>");
		if (pg_lang(rq, json_object_get(k, "examples"))) {
			ss_buf_puts(b, "<p class=\"hint\">");
			pg_esc(b, _("For example: "));
			pg_esc(b, pg_lang(rq, json_object_get(k, "examples")));
			ss_buf_puts(b, "</p>");
		}
		json_array_foreach(json_object_get(k, "questions"), j, q) {
			char id[160];

			snprintf(id, sizeof(id), "as-q-%zu-%zu", i, j);
			ss_buf_printf(b, "<p class=\"field\"><label for=\"%s\">", id);
			pg_esc(b, pg_lang(rq, q));
			ss_buf_printf(b,
				      "</label> <textarea id=\"%s\" rows=\"2\" maxlength=\"4000\" "
				      "data-answer=\"",
				      id);
			pg_esc(b, pg_js(q, "id"));
			ss_buf_puts(b, "\"></textarea></p>\n");
		}
		ss_buf_puts(b, "</fieldset>\n");
	}
	pg_input(b, "as-name", "name", _("What the information or operation is"),
		 "required maxlength=\"200\"");
	pg_input(b, "as-system", "system", _("Target system"),
		 "required maxlength=\"64\" list=\"as-systems\"");
	system_names(b, "as-systems", systems);
	pg_textarea(b, "as-devices", "devices", _("Devices holding it (one a line)"),
		    "maxlength=\"20000\" data-list");
	ss_buf_puts(b, "<fieldset><legend>");
	pg_esc(b, _("Impact of the worst case"));
	ss_buf_puts(b, "</legend>");
	json_array_foreach(json_object_get(meta, "impact_axes"), i, ax) {
		ss_buf_printf(b, "<p class=\"field\"><label for=\"as-%s\">", pg_js(ax, "id"));
		pg_esc(b, pg_lang(rq, ax));
		ss_buf_printf(b, "</label> <select id=\"as-%s\" name=\"%s\" data-int>",
			      pg_js(ax, "id"), pg_js(ax, "id"));
		json_array_foreach(json_object_get(ax, "levels"), l, lv) {
			ss_buf_printf(b, "<option value=\"%zu\">L%zu: ", l + 1, l + 1);
			pg_esc(b, pg_lang(rq, lv));
			ss_buf_puts(b, "</option>");
		}
		ss_buf_puts(b, "</select></p>\n");
	}
	ss_buf_puts(b, "</fieldset>\n<p><label><input type=\"checkbox\" name=\"supersede\"> ");
	pg_esc(b, _("Replace the asset of the same id"));
	ss_buf_puts(b, "</label></p>\n");
	pg_form_end(b, _("Record (signed)"));
	ss_buf_puts(b, "</section>\n");
}

int pg_assets_forms(ss_buf *b, http_req *rq)
{
	json_t *pr = NULL, *meta = NULL, *systems = NULL;
	int error;

	if (!pg_member_is(rq, "user", "|lead|member|"))
		return 0;
	if ((error = ss_project_show(&pr, rq->st, rq->params[0])) == 0 &&
	    (error = ss_catalog_meta(&meta, rq->st, pg_js(pr, "catalog_version"))) == 0 &&
	    (error = ss_system_list(&systems, rq->st, rq->params[0])) == 0) {
		/* the system first: an asset names the system holding it */
		system_form(b, rq, pr, meta, systems);
		asset_form(b, rq, meta, systems);
	}
	json_decref(pr);
	json_decref(meta);
	json_decref(systems);
	return error;
}

/* ---- minutes ---- */

int pg_minutes_form(ss_buf *b, http_req *rq)
{
	json_t *members = NULL, *m;
	size_t i;
	int error;

	if (!pg_member_is(rq, NULL, "|lead|member|management|"))
		return 0;
	if ((error = ss_member_list(&members, rq->st, rq->params[0])) < 0)
		return error;
	pg_section_open(b, "minutes-add", _("Record minutes"));
	pg_form_open(b, rq, "minutes-form", "/minutes");
	pg_input(b, "mi-date", "date", _("Date of the meeting"), "type=\"date\" required");
	pg_input(b, "mi-title", "title", _("Meeting"), "required maxlength=\"200\"");
	ss_buf_puts(b, "<fieldset><legend>");
	pg_esc(b, _("Attendees"));
	ss_buf_puts(b, "</legend>");
	json_array_foreach(members, i, m) {
		if (!json_is_true(json_object_get(m, "active")))
			continue;
		ss_buf_printf(b,
			      "<label class=\"choice\"><input type=\"checkbox\" id=\"mi-a-%zu\" "
			      "name=\"attendees\" data-list value=\"",
			      i);
		pg_esc(b, pg_js(m, "person"));
		ss_buf_puts(b, "\"> ");
		pg_esc(b, pg_js(m, "person"));
		ss_buf_puts(b, " (");
		pg_esc(b, pg_side(pg_js(m, "side")));
		ss_buf_puts(b, ")</label> ");
	}
	ss_buf_puts(b, "</fieldset>\n");
	pg_textarea(b, "mi-topics", "topics", _("What was discussed (one a line)"),
		    "maxlength=\"20000\" data-list");
	pg_input(b, "mi-items", "items", _("Catalog items discussed (ids, separated by spaces)"),
		 "maxlength=\"20000\" spellcheck=\"false\" autocapitalize=\"none\" data-list");
	/* uploaded first, each checked against its SHA-256 here (web/signed.js) */
	ss_buf_puts(b, "<p class=\"field\"><label for=\"mi-files\">");
	pg_esc(b, _("Attached files"));
	ss_buf_puts(b, "</label> <input type=\"file\" id=\"mi-files\" multiple data-attach=\"");
	pg_api(b, rq, "/attachments");
	ss_buf_printf(b,
		      "\" data-max=\"%zu\" aria-describedby=\"mi-files-hint\"> <span "
		      "id=\"mi-files-hint\" class=\"hint\">",
		      (size_t)HTTP_RAW_MAX);
	pg_esc(b, _("Up to 64 MiB each. The files are stored in the project first; the signed "
		    "minutes record each one's name, size and SHA-256"));
	ss_buf_puts(b, "</span></p>\n");
	pg_form_end(b, _("Record (signed)"));
	ss_buf_puts(b, "</section>\n");
	json_decref(members);
	return 0;
}

/* ---- the negotiation ---- */

static const char *answer_word(const char *a)
{
	if (!a)
		return _("not answered yet");
	if (strcmp(a, "adopt") == 0)
		return _("adopted");
	if (strcmp(a, "decline") == 0)
		return _("declined");
	if (strcmp(a, "defer") == 0)
		return _("deferred");
	return a;
}

static const char *kind_word(const char *k)
{
	static const char *const names[][2] = {
		{"advice", N_("advice")},
		{"warning", N_("warning")},
		{"improvement", N_("improvement")},
		{"foss", N_("open source component")},
		{"operation", N_("operation")},
		{"maintenance", N_("maintenance")},
		{"maintenance-development", N_("maintenance and development")},
	};
	size_t i;

	for (i = 0; k && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i][0], k) == 0)
			return _(names[i][1]);
	return k ? k : "";
}

static void proposals(ss_buf *b, http_req *rq, const json_t *list)
{
	bool answer = pg_member_is(rq, "user", "|lead|member|");
	const json_t *p;
	size_t i;

	pg_section_open(b, "proposals", _("Proposals and warnings"));
	pg_el(b, "p", NULL,
	      _("What the vendor proposes or warns of outside the catalog, and the user's "
		"answer; a declined proposal makes every later milestone need the user's "
		"management"));
	if (json_array_size(list) == 0)
		pg_el(b, "p", NULL, _("No proposal has been made yet"));
	json_array_foreach(list, i, p) {
		const json_t *a = json_object_get(p, "answer");

		ss_buf_printf(
			b,
			"<article class=\"card\" aria-labelledby=\"pr-%zu\"><h3 id=\"pr-%zu\">"
			"<span class=\"mono\">",
			i, i);
		pg_esc(b, pg_js(p, "id"));
		ss_buf_puts(b, "</span> ");
		pg_esc(b, pg_js(p, "title"));
		ss_buf_puts(b, " <span class=\"badge\">");
		pg_esc(b, answer_word(pg_js(a, "answer")));
		ss_buf_puts(b, "</span></h3>\n");
		pg_el(b, "p", NULL, pg_js(p, "text") ?: "");
		ss_buf_puts(b, "<dl class=\"facts\">");
		pg_el(b, "dt", NULL, _("Kind"));
		pg_el(b, "dd", NULL, kind_word(pg_js(p, "kind")));
		pg_el(b, "dt", NULL, _("By"));
		pg_el(b, "dd", NULL, pg_js(p, "by") ?: "");
		if (pg_js(p, "item")) {
			pg_el(b, "dt", NULL, _("Item"));
			pg_el(b, "dd", "class=\"mono\"", pg_js(p, "item"));
		}
		if (pg_js(p, "kind") && strcmp(pg_js(p, "kind"), "foss") == 0) {
			pg_el(b, "dt", NULL, _("Component"));
			pg_el(b, "dd", NULL,
			      pg_js(p, "component") ? pg_js(p, "component")
						    : _("withheld until an NDA is in force"));
			if (pg_js(p, "version")) {
				pg_el(b, "dt", NULL, _("Version"));
				pg_el(b, "dd", NULL, pg_js(p, "version"));
			}
			if (pg_js(p, "licence")) {
				pg_el(b, "dt", NULL, _("Licence"));
				pg_el(b, "dd", NULL, pg_js(p, "licence"));
			}
			if (pg_js(p, "defects")) {
				pg_el(b, "dt", NULL, _("Known defects"));
				pg_el(b, "dd", NULL, pg_js(p, "defects"));
			}
		}
		if (a) {
			pg_el(b, "dt", NULL, _("Answered by"));
			pg_el(b, "dd", NULL, pg_js(a, "by") ?: "");
			if (pg_js(a, "reason")) {
				pg_el(b, "dt", NULL, _("Reason"));
				pg_el(b, "dd", NULL, pg_js(a, "reason"));
			}
		}
		ss_buf_puts(b, "</dl>\n");
		if (answer) {
			char fid[64], tail[128];
			static const char *const answers[][2] = {
				{"adopt", N_("adopt")},
				{"decline", N_("decline")},
				{"defer", N_("defer")},
			};
			size_t j;

			snprintf(fid, sizeof(fid), "answer-%zu", i);
			snprintf(tail, sizeof(tail), "/proposals/{id}/answer");
			pg_form_open(b, rq, fid, tail);
			ss_buf_puts(b, "<input type=\"hidden\" name=\"id\" data-path value=\"");
			pg_esc(b, pg_js(p, "id"));
			ss_buf_printf(b, "\">\n<p class=\"field\"><label for=\"%s-answer\">", fid);
			pg_esc(b, a ? _("Answer again") : _("Answer"));
			ss_buf_printf(b, "</label> <select id=\"%s-answer\" name=\"answer\">", fid);
			for (j = 0; j < 3; j++) {
				ss_buf_printf(b, "<option value=\"%s\">", answers[j][0]);
				pg_esc(b, _(answers[j][1]));
				ss_buf_puts(b, "</option>");
			}
			ss_buf_printf(b,
				      "</select></p>\n<p class=\"field\"><label for=\"%s-reason\">",
				      fid);
			pg_esc(b, _("Reason (needed unless adopted)"));
			ss_buf_printf(
				b,
				"</label> <textarea id=\"%s-reason\" name=\"reason\" rows=\"2\" "
				"maxlength=\"4000\"></textarea></p>\n",
				fid);
			if (a)
				ss_buf_puts(
					b,
					"<input type=\"hidden\" name=\"supersede\" value=\"true\" "
					"data-bool>\n");
			pg_form_end(b, _("Answer (signed)"));
		}
		ss_buf_puts(b, "</article>\n");
	}
	ss_buf_puts(b, "</section>\n");
}

static void proposal_form(ss_buf *b, http_req *rq)
{
	static const char *const kinds[] = {"advice", "warning", "improvement", "foss"};
	size_t i;

	if (!pg_member_is(rq, "vendor", "|lead|member|expert|") &&
	    !pg_member_is(rq, "user", "|expert|"))
		return;
	pg_section_open(b, "propose", _("Make a proposal"));
	pg_form_open(b, rq, "proposal-form", "/proposals");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"pp-kind\">");
	pg_esc(b, _("Kind"));
	ss_buf_puts(b, "</label> <select id=\"pp-kind\" name=\"kind\">");
	for (i = 0; i < 4; i++) {
		ss_buf_printf(b, "<option value=\"%s\">", kinds[i]);
		pg_esc(b, kind_word(kinds[i]));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
	pg_input(b, "pp-title", "title", _("Title"), "required maxlength=\"200\"");
	pg_textarea(b, "pp-text", "text", _("What is proposed or warned of"),
		    "required maxlength=\"8000\"");
	pg_input(b, "pp-item", "item", _("The requirement it concerns (optional item id)"),
		 "maxlength=\"64\" spellcheck=\"false\" autocapitalize=\"none\"");
	ss_buf_puts(b, "<fieldset data-when=\"kind=foss\"><legend>");
	pg_esc(b, _("The open source component"));
	ss_buf_puts(b, "</legend>");
	pg_input(b, "pp-component", "component", _("Component"), "maxlength=\"200\"");
	pg_input(b, "pp-version", "version", _("Version"), "maxlength=\"64\"");
	pg_input(b, "pp-licence", "licence", _("Licence"), "maxlength=\"200\"");
	pg_textarea(b, "pp-defects", "defects", _("Known defects disclosed"), "maxlength=\"4000\"");
	ss_buf_puts(b, "</fieldset>\n");
	pg_form_end(b, _("Propose (signed)"));
	ss_buf_puts(b, "</section>\n");
}

static const char *on_word(const char *on)
{
	if (on && strcmp(on, "item") == 0)
		return _("requirement item");
	if (on && strcmp(on, "proposal") == 0)
		return _("proposal");
	if (on && strcmp(on, "change") == 0)
		return _("change request");
	return on ? on : "";
}

/* Who bears a cost, recorded by a lead or member of either side. */
static void cost_form(ss_buf *b, http_req *rq)
{
	static const char *const ons[] = {"item", "proposal", "change"};
	static const char *const bearers[] = {"user", "vendor", "shared"};
	size_t i;

	if (!pg_member_is(rq, NULL, "|lead|member|"))
		return;
	ss_buf_puts(b, "<h3 id=\"cost-new\">");
	pg_esc(b, _("Record who bears a cost"));
	ss_buf_puts(b, "</h3>\n");
	pg_form_open(b, rq, "cost-form", "/costs");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"co-on\">");
	pg_esc(b, _("The cost is for"));
	ss_buf_puts(b, "</label> <select id=\"co-on\" name=\"on\">");
	for (i = 0; i < 3; i++) {
		ss_buf_printf(b, "<option value=\"%s\">", ons[i]);
		pg_esc(b, on_word(ons[i]));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n");
	pg_input(b, "co-ref", "ref", _("Its id"),
		 "required maxlength=\"64\" spellcheck=\"false\" autocapitalize=\"none\"");
	ss_buf_puts(b, "<p class=\"field\"><label for=\"co-bearer\">");
	pg_esc(b, _("Borne by"));
	ss_buf_puts(b, "</label> <select id=\"co-bearer\" name=\"bearer\">");
	for (i = 0; i < 3; i++) {
		ss_buf_printf(b, "<option value=\"%s\">", bearers[i]);
		pg_esc(b, i == 2 ? _("shared") : pg_side(bearers[i]));
		ss_buf_puts(b, "</option>");
	}
	ss_buf_puts(b, "</select></p>\n<fieldset data-when=\"bearer=shared\"><legend>");
	pg_esc(b, _("A shared cost"));
	ss_buf_puts(b, "</legend>");
	pg_input(b, "co-share", "share", _("How it is split"), "required maxlength=\"1000\"");
	ss_buf_puts(b, "</fieldset>\n");
	pg_textarea(b, "co-basis", "basis", _("Basis"), "required maxlength=\"4000\"");
	ss_buf_puts(b, "<fieldset><legend>");
	pg_esc(b, _("Amount (optional; give both or neither)"));
	ss_buf_puts(b, "</legend>");
	pg_input(b, "co-amount", "amount", _("Amount"),
		 "type=\"number\" min=\"0\" step=\"1\" inputmode=\"numeric\" data-int");
	pg_input(b, "co-currency", "currency", _("Currency (e.g. JPY)"),
		 "maxlength=\"3\" pattern=\"[A-Z]{3}\" spellcheck=\"false\" "
		 "autocapitalize=\"characters\"");
	ss_buf_puts(b, "</fieldset>\n<p><label class=\"choice\"><input type=\"checkbox\" "
		       "name=\"supersede\"> ");
	pg_esc(b, _("It replaces the cost recorded before for the same id"));
	ss_buf_puts(b, "</label></p>\n");
	pg_form_end(b, _("Record the cost (signed)"));
}

/* Management's approve / reject of a cost that waits for it. */
static void cost_approval_form(ss_buf *b, http_req *rq, const json_t *c, size_t i)
{
	char fid[64];

	snprintf(fid, sizeof(fid), "cost-approve-%zu", i);
	pg_form_open(b, rq, fid, "/costs/approval");
	ss_buf_puts(b, "<input type=\"hidden\" name=\"on\" value=\"");
	pg_esc(b, pg_js(c, "on"));
	ss_buf_puts(b, "\">\n<input type=\"hidden\" name=\"ref\" value=\"");
	pg_esc(b, pg_js(c, "ref"));
	ss_buf_printf(b, "\">\n<p class=\"field\"><label for=\"%s-note\">", fid);
	pg_esc(b, _("Note (needed to reject)"));
	ss_buf_printf(b,
		      "</label> <textarea id=\"%s-note\" name=\"note\" rows=\"2\" "
		      "maxlength=\"4000\"></textarea></p>\n<p>",
		      fid);
	pg_submit(b, _("Approve (signed)"), "verdict", "approve");
	ss_buf_puts(b, " <button type=\"submit\" name=\"verdict\" value=\"reject\">");
	pg_esc(b, _("Reject (signed)"));
	ss_buf_puts(b, "</button></p>\n</form>\n");
}

static void costs(ss_buf *b, http_req *rq, const json_t *list)
{
	bool mgmt = pg_member_is(rq, "user", "|management|");
	const json_t *c, *ap;
	size_t i;

	pg_section_open(b, "costs", _("Costs"));
	if (json_array_size(list) == 0) {
		pg_el(b, "p", NULL, _("None yet"));
		cost_form(b, rq);
		ss_buf_puts(b, "</section>\n");
		return;
	}
	ss_buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
		       "aria-labelledby=\"costs\"><table id=\"cost-table\">\n<thead><tr>");
	pg_th(b, _("For"));
	pg_th(b, _("Borne by"));
	pg_th(b, _("Amount"));
	pg_th(b, _("Basis"));
	pg_th(b, _("Management"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, c) {
		char line[200];

		snprintf(line, sizeof(line), "%s %s", on_word(pg_js(c, "on")),
			 pg_js(c, "ref") ?: "");
		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\"", line);
		pg_el(b, "td", NULL,
		      strcmp(pg_js(c, "bearer") ?: "", "shared") == 0
			      ? _("shared")
			      : pg_side(pg_js(c, "bearer")));
		if (json_is_integer(json_object_get(c, "amount")))
			snprintf(line, sizeof(line), "%lld %s",
				 (long long)json_integer_value(json_object_get(c, "amount")),
				 pg_js(c, "currency") ?: "");
		else
			line[0] = '\0';
		pg_el(b, "td", NULL, line);
		ss_buf_puts(b, "<td>");
		pg_esc(b, pg_js(c, "basis"));
		if (pg_js(c, "share")) {
			ss_buf_puts(b, "<br>");
			pg_esc(b, pg_js(c, "share"));
		}
		ss_buf_puts(b, "</td>");
		ap = json_object_get(c, "approval");
		ss_buf_puts(b, "<td>");
		pg_esc(b, !ap ? _("not approved yet")
			  : strcmp(pg_js(ap, "verdict") ?: "", "approved") == 0 ? _("approved")
										: _("rejected"));
		if (!ap && mgmt)
			cost_approval_form(b, rq, c, i);
		ss_buf_puts(b, "</td></tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table></div>\n");
	cost_form(b, rq);
	ss_buf_puts(b, "</section>\n");
}

/* The candidates' parties of an NDA: each candidate, and the vendor once
 * one is named. */
static void nda_form(ss_buf *b, http_req *rq, const json_t *list, bool named)
{
	const json_t *c;
	size_t i;

	ss_buf_puts(b, "<h3 id=\"nda-new\">");
	pg_esc(b, _("Record an NDA"));
	ss_buf_puts(b, "</h3>\n");
	pg_form_open(b, rq, "nda-form", "/ndas");
	select_open(b, "nd-party", "party", _("With"), NULL);
	if (named)
		option(b, "vendor", _("the vendor"));
	json_array_foreach(list, i, c) {
		char line[400];

		snprintf(line, sizeof(line), "%s (%s)", pg_js(c, "id") ?: "",
			 pg_js(c, "org") ?: "");
		option(b, pg_js(c, "id") ?: "", line);
	}
	select_close(b);
	pg_input(b, "nd-date", "date", _("Date it was signed"), "type=\"date\" required");
	pg_input(b, "nd-expires", "expires", _("Date it ends (optional)"), "type=\"date\"");
	pg_input(b, "nd-title", "title", _("Title (optional)"), "maxlength=\"200\"");
	file_input(b, "nd-file", "document", _("The signed NDA"), true);
	supersede_box(b, "nd-supersede", _("It replaces the NDA recorded before with this party"));
	pg_form_end(b, _("Record the NDA (signed)"));
}

/* The user lead's records of the selection: candidates, the documents
 * exchanged with them, NDAs and the vendor chosen. Candidates come before
 * the selection; a project created with its vendor has none. */
static void candidate_forms(ss_buf *b, http_req *rq, const json_t *list, bool named)
{
	const json_t *c;
	size_t i;

	if (!named) {
		ss_buf_puts(b, "<h3 id=\"candidate-new\">");
		pg_esc(b, _("Add a vendor candidate"));
		ss_buf_puts(b, "</h3>\n");
		pg_form_open(b, rq, "candidate-form", "/candidates");
		pg_input(b, "cd-id", "id", _("Candidate id (e.g. sample-systems)"),
			 "required maxlength=\"64\" spellcheck=\"false\" autocapitalize=\"none\"");
		pg_input(b, "cd-org", "org", _("Company"), "required maxlength=\"200\"");
		pg_form_end(b, _("Add the candidate (signed)"));
	}
	if (json_array_size(list)) {
		ss_buf_puts(b, "<h3 id=\"candidate-doc-new\">");
		pg_esc(b, _("Record a document exchanged with a candidate"));
		ss_buf_puts(b, "</h3>\n");
		pg_form_open(b, rq, "candidate-doc-form", "/candidates/{id}/documents");
		select_open(b, "cdd-id", "id", _("Candidate"), "data-path");
		json_array_foreach(list, i, c)
			option(b, pg_js(c, "id") ?: "", pg_js(c, "id") ?: "");
		select_close(b);
		select_open(b, "cdd-kind", "kind", _("Kind"), NULL);
		for (i = 0; i < NWORDS(doc_kinds); i++)
			option(b, doc_kinds[i][0], _(doc_kinds[i][1]));
		select_close(b);
		file_input(b, "cdd-file", "document", _("The document"), true);
		pg_form_end(b, _("Record the document (signed)"));
	}
	if (json_array_size(list) || named)
		nda_form(b, rq, list, named);
	if (!named && json_array_size(list)) {
		ss_buf_puts(b, "<h3 id=\"vendor-new\">");
		pg_esc(b, _("Select the vendor"));
		ss_buf_puts(b, "</h3>\n");
		pg_el(b, "p", NULL,
		      _("The candidate needs an NDA in force today; the chosen candidate becomes "
			"the project's vendor, whose first lead you then add on the members page"));
		pg_form_open(b, rq, "vendor-form", "/vendor");
		select_open(b, "vs-candidate", "candidate", _("Candidate"), NULL);
		json_array_foreach(list, i, c) {
			char line[400];

			snprintf(line, sizeof(line), "%s (%s)", pg_js(c, "id") ?: "",
				 pg_js(c, "org") ?: "");
			option(b, pg_js(c, "id") ?: "", line);
		}
		select_close(b);
		pg_textarea(b, "vs-reason", "reason", _("Why this candidate"),
			    "required maxlength=\"4000\"");
		pg_form_end(b, _("Select the vendor (signed)"));
	}
}

static void candidates(ss_buf *b, http_req *rq, const json_t *n)
{
	const json_t *list = json_object_get(n, "candidates"),
		     *vendor = json_object_get(n, "vendor");
	bool named = json_is_true(json_object_get(vendor, "named"));
	bool lead = rules3(n) && pg_member_is(rq, "user", "|lead|");
	const json_t *c;
	size_t i;

	pg_section_open(b, "candidates", _("Vendor candidates"));
	if (json_array_size(list) == 0)
		pg_el(b, "p", NULL, _("None yet"));
	else {
		ss_buf_puts(b, "<table id=\"candidate-table\">\n<thead><tr>");
		pg_th(b, _("Candidate"));
		pg_th(b, _("Company"));
		pg_th(b, _("NDA"));
		pg_th(b, _("Documents"));
		pg_th(b, _("Selected"));
		ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(list, i, c) {
			bool sel = strcmp(pg_js(json_object_get(vendor, "selected"), "candidate")
						  ?: "",
					  pg_js(c, "id") ?: "") == 0;
			const json_t *nda = json_object_get(c, "nda");

			ss_buf_puts(b, "<tr>");
			pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(c, "id") ?: "");
			pg_el(b, "td", NULL, pg_js(c, "org") ?: "");
			pg_el(b, "td", NULL,
			      nda && !json_is_null(nda) ? pg_js(nda, "date") ?: _("recorded")
							: _("none"));
			ss_buf_printf(b, "<td>%zu</td>",
				      json_array_size(json_object_get(c, "documents")));
			pg_el(b, "td", NULL, sel ? _("selected") : "");
			ss_buf_puts(b, "</tr>\n");
		}
		ss_buf_puts(b, "</tbody>\n</table>\n");
	}
	if (lead)
		candidate_forms(b, rq, list, named);
	ss_buf_puts(b, "</section>\n");
}

/* Terms of operation or maintenance (a lead of either side); the other
 * side's lead agrees to them in the table. */
static void contract_form(ss_buf *b, http_req *rq, const json_t *n)
{
	static const char *const kinds[] = {"operation", "maintenance", "maintenance-development"};
	size_t i;

	if (!rules3(n) || !pg_member_is(rq, NULL, "|lead|"))
		return;
	ss_buf_puts(b, "<h3 id=\"contract-new\">");
	pg_esc(b, _("Record or replace contract terms"));
	ss_buf_puts(b, "</h3>\n");
	pg_form_open(b, rq, "contract-form", "/contracts");
	pg_input(b, "ct-id", "id", _("Contract id"),
		 "required maxlength=\"64\" spellcheck=\"false\" autocapitalize=\"none\"");
	select_open(b, "ct-kind", "kind", _("Kind"), NULL);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		option(b, kinds[i], kind_word(kinds[i]));
	select_close(b);
	pg_input(b, "ct-title", "title", _("Title"), "required maxlength=\"200\"");
	pg_textarea(b, "ct-sla", "sla", _("Service levels"), "required maxlength=\"4000\"");
	pg_textarea(b, "ct-diagnosis", "diagnosis", _("Security diagnoses it provides for"),
		    "required maxlength=\"4000\"");
	pg_textarea(b, "ct-incident", "incident", _("Incident response it provides for"),
		    "required maxlength=\"4000\"");
	file_input(b, "ct-file", "document", _("The contract (optional)"), false);
	supersede_box(b, "ct-supersede", _("Replace the contract of the same id"));
	pg_form_end(b, _("Record the terms (signed)"));
}

static void contracts(ss_buf *b, http_req *rq, const json_t *n)
{
	const json_t *list = json_object_get(n, "contracts");
	const char *mine = pg_js(rq->member, "side") ?: "";
	bool lead = pg_member_is(rq, NULL, "|lead|");
	const json_t *c, *ag;
	size_t i;

	pg_section_open(b, "contracts", _("Contracts"));
	if (json_array_size(list) == 0) {
		pg_el(b, "p", NULL, _("None yet"));
		contract_form(b, rq, n);
		ss_buf_puts(b, "</section>\n");
		return;
	}
	ss_buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
		       "aria-labelledby=\"contracts\"><table>\n<thead><tr>");
	pg_th(b, _("Id"));
	pg_th(b, _("Kind"));
	pg_th(b, _("Title"));
	pg_th(b, _("Service level"));
	pg_th(b, _("Agreed"));
	ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
	json_array_foreach(list, i, c) {
		ag = json_object_get(c, "agreed");
		ss_buf_puts(b, "<tr>");
		pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(c, "id") ?: "");
		pg_el(b, "td", NULL, kind_word(pg_js(c, "kind")));
		pg_el(b, "td", NULL, pg_js(c, "title") ?: "");
		pg_el(b, "td", NULL, pg_js(c, "sla") ?: "");
		ss_buf_puts(b, "<td>");
		pg_esc(b, ag && pg_js(ag, "by") ? pg_js(ag, "by") : _("not agreed yet"));
		/* the lead of the side that did not set it agrees */
		if (!ag && lead && strcmp(pg_js(c, "side") ?: "", mine) != 0) {
			char fid[64];

			snprintf(fid, sizeof(fid), "contract-agree-%zu", i);
			pg_form_open(b, rq, fid, "/contracts/{id}/agree");
			ss_buf_puts(b, "<input type=\"hidden\" name=\"id\" data-path value=\"");
			pg_esc(b, pg_js(c, "id"));
			ss_buf_puts(b, "\">\n");
			pg_form_end(b, _("Agree (signed)"));
		}
		ss_buf_puts(b, "</td></tr>\n");
	}
	ss_buf_puts(b, "</tbody>\n</table></div>\n");
	contract_form(b, rq, n);
	ss_buf_puts(b, "</section>\n");
}

/* What the user acknowledges before agreeing: a change after agreement is
 * estimated again (user side: lead, management; once). */
static void terms(ss_buf *b, http_req *rq, const json_t *n)
{
	const json_t *ack = json_object_get(n, "acknowledgement");
	char line[300];

	pg_section_open(b, "terms", _("Changes after agreement"));
	if (json_is_object(ack)) {
		snprintf(line, sizeof(line), _("Acknowledged by %s at %s"), pg_js(ack, "by") ?: "",
			 pg_js(ack, "time") ?: "");
		pg_el(b, "p", NULL, line);
		pg_el(b, "blockquote", NULL, pg_js(ack, "text") ?: "");
	} else {
		pg_el(b, "p", NULL,
		      _("The user side has not acknowledged the terms of re-estimation yet"));
		if (rules3(n) && pg_member_is(rq, "user", "|lead|management|")) {
			pg_form_open(b, rq, "terms-form", "/terms");
			ss_buf_puts(b, "<p class=\"field\"><label for=\"tm-text\">");
			pg_esc(b, _("What the user side acknowledges"));
			ss_buf_puts(b, "</label> <textarea id=\"tm-text\" name=\"text\" rows=\"4\" "
				       "required maxlength=\"4000\">");
			pg_esc(b,
			       _("A change of the specification after it is agreed is estimated "
				 "again: "
				 "its cost and schedule may change, and the change is decided as a "
				 "change request"));
			ss_buf_puts(b, "</textarea></p>\n");
			pg_form_end(b, _("Acknowledge (signed)"));
		}
	}
	ss_buf_puts(b, "</section>\n");
}

/* ---- the registers of the requirements ---- */

/* The standard the requirements follow (user side: lead, member). */
static void standards(ss_buf *b, http_req *rq, const json_t *n)
{
	const json_t *list = json_object_get(n, "standards"), *s;
	size_t i;

	pg_section_open(b, "standards", _("Requirement standard"));
	if (json_array_size(list) == 0)
		pg_el(b, "p", NULL, _("None yet"));
	else {
		ss_buf_puts(b, "<table id=\"standard-table\">\n<thead><tr>");
		pg_th(b, _("Standard"));
		pg_th(b, _("Version"));
		pg_th(b, _("Level of the standard"));
		pg_th(b, _("Note"));
		ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(list, i, s) {
			ss_buf_puts(b, "<tr>");
			pg_el(b, "th", "scope=\"row\"", pg_js(s, "standard") ?: "");
			pg_el(b, "td", NULL, pg_js(s, "version") ?: "");
			ss_buf_printf(b, "<td>%lld</td>",
				      (long long)json_integer_value(json_object_get(s, "level")));
			pg_el(b, "td", NULL, pg_js(s, "note") ?: "");
			ss_buf_puts(b, "</tr>\n");
		}
		ss_buf_puts(b, "</tbody>\n</table>\n");
	}
	if (rules3(n) && pg_member_is(rq, "user", "|lead|member|")) {
		ss_buf_puts(b, "<h3 id=\"standard-new\">");
		pg_esc(b, _("Set the requirement standard"));
		ss_buf_puts(b, "</h3>\n");
		pg_form_open(b, rq, "standard-form", "/standards");
		pg_input(b, "st-standard", "standard", _("Standard (e.g. asvs)"),
			 "required maxlength=\"32\" spellcheck=\"false\" autocapitalize=\"none\"");
		pg_input(b, "st-version", "version", _("Version (e.g. 4.0.3)"),
			 "required maxlength=\"32\" spellcheck=\"false\"");
		select_open(b, "st-level", "level", _("Level of the standard"), "data-int");
		for (i = 0; i <= 3; i++) {
			char v[4];

			snprintf(v, sizeof(v), "%zu", i);
			option(b, v, v);
		}
		select_close(b);
		pg_textarea(b, "st-note", "note", _("Note (optional)"), "maxlength=\"4000\"");
		supersede_box(b, "st-supersede", _("It replaces the standard recorded before"));
		pg_form_end(b, _("Record the standard (signed)"));
	}
	ss_buf_puts(b, "</section>\n");
}

/* The assets of the project as boxes to tick (name: the field). */
static void asset_boxes(ss_buf *b, const char *prefix, const json_t *assets)
{
	const json_t *a;
	size_t i;

	json_array_foreach(assets, i, a) {
		ss_buf_printf(b,
			      "<label class=\"choice\" for=\"%s-%zu\"><input type=\"checkbox\" "
			      "id=\"%s-%zu\" name=\"assets\" data-list value=\"",
			      prefix, i, prefix, i);
		pg_esc(b, pg_js(a, "id"));
		ss_buf_puts(b, "\"> <span class=\"mono\">");
		pg_esc(b, pg_js(a, "id"));
		ss_buf_puts(b, "</span> ");
		pg_esc(b, pg_js(a, "name"));
		ss_buf_puts(b, "</label> ");
	}
}

/* Laws, regulations and guidelines binding assets (user side: lead,
 * member). */
static void laws(ss_buf *b, http_req *rq, const json_t *n, const json_t *assets)
{
	const json_t *list = json_object_get(n, "laws"), *l, *a;
	size_t i, j;

	pg_section_open(b, "laws", _("Laws, regulations and guidelines"));
	if (json_array_size(list) == 0)
		pg_el(b, "p", NULL, _("None yet"));
	else {
		ss_buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			       "aria-labelledby=\"laws\"><table id=\"law-table\">\n<thead><tr>");
		pg_th(b, _("Id"));
		pg_th(b, _("Title"));
		pg_th(b, _("Kind"));
		pg_th(b, _("Assets"));
		pg_th(b, _("Review by"));
		ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(list, i, l) {
			ss_buf_puts(b, "<tr>");
			pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(l, "id") ?: "");
			ss_buf_puts(b, "<td>");
			pg_esc(b, pg_js(l, "title"));
			if (pg_js(l, "duties")) {
				ss_buf_puts(b, "<br><span class=\"hint\">");
				pg_esc(b, pg_js(l, "duties"));
				ss_buf_puts(b, "</span>");
			}
			ss_buf_puts(b, "</td>");
			pg_el(b, "td", NULL, PG_WORD(law_kinds, pg_js(l, "kind")));
			ss_buf_puts(b, "<td class=\"mono\">");
			json_array_foreach(json_object_get(l, "assets"), j, a) {
				if (j)
					ss_buf_puts(b, " ");
				pg_esc(b, json_string_value(a));
			}
			ss_buf_puts(b, "</td>");
			pg_el(b, "td", NULL, pg_js(l, "review_by") ?: "");
			ss_buf_puts(b, "</tr>\n");
		}
		ss_buf_puts(b, "</tbody>\n</table></div>\n");
	}
	if (rules3(n) && pg_member_is(rq, "user", "|lead|member|")) {
		ss_buf_puts(b, "<h3 id=\"law-new\">");
		pg_esc(b, _("Record a law, regulation or guideline"));
		ss_buf_puts(b, "</h3>\n");
		if (json_array_size(assets) == 0) {
			pg_el(b, "p", NULL,
			      _("A law binds information assets: record the assets first"));
			ss_buf_puts(b, "</section>\n");
			return;
		}
		pg_form_open(b, rq, "law-form", "/laws");
		pg_input(b, "lw-id", "id", _("Record id (e.g. appi)"),
			 "required maxlength=\"64\" spellcheck=\"false\" autocapitalize=\"none\"");
		pg_input(b, "lw-title", "title", _("Title"), "required maxlength=\"200\"");
		select_open(b, "lw-kind", "kind", _("Kind"), NULL);
		for (i = 0; i < NWORDS(law_kinds); i++)
			option(b, law_kinds[i][0], _(law_kinds[i][1]));
		select_close(b);
		pg_input(b, "lw-authority", "authority", _("Authority overseeing it (optional)"),
			 "maxlength=\"200\"");
		pg_textarea(b, "lw-duties", "duties", _("What it requires (optional)"),
			    "maxlength=\"4000\"");
		ss_buf_puts(b, "<fieldset><legend>");
		pg_esc(b, _("Assets it binds"));
		ss_buf_puts(b, "</legend>");
		asset_boxes(b, "lw-a", assets);
		ss_buf_puts(b, "</fieldset>\n");
		pg_input(b, "lw-review", "review_by", _("Review by"), "type=\"date\" required");
		supersede_box(b, "lw-supersede", _("It replaces the record of the same id"));
		pg_form_end(b, _("Record the law (signed)"));
	}
	ss_buf_puts(b, "</section>\n");
}

/* How long each asset is kept and how it is disposed of (user side: lead,
 * member). */
static void retention(ss_buf *b, http_req *rq, const json_t *n, const json_t *assets)
{
	const json_t *list = json_object_get(n, "retention"), *r, *a;
	size_t i;

	pg_section_open(b, "retention", _("Retention and disposal"));
	if (json_array_size(list) == 0)
		pg_el(b, "p", NULL, _("None yet"));
	else {
		ss_buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			       "aria-labelledby=\"retention\"><table id=\"retention-table\">\n"
			       "<thead><tr>");
		pg_th(b, _("Asset"));
		pg_th(b, _("Kept for"));
		pg_th(b, _("Disposal"));
		ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(list, i, r) {
			ss_buf_puts(b, "<tr>");
			pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(r, "asset") ?: "");
			pg_el(b, "td", NULL,
			      json_is_true(json_object_get(r, "keep")) ? pg_js(r, "period") ?: ""
								       : _("not kept"));
			ss_buf_puts(b, "<td>");
			pg_esc(b, pg_js(r, "method"));
			if (pg_js(r, "reason")) {
				ss_buf_puts(b, "<br><span class=\"hint\">");
				pg_esc(b, pg_js(r, "reason"));
				ss_buf_puts(b, "</span>");
			}
			ss_buf_puts(b, "</td></tr>\n");
		}
		ss_buf_puts(b, "</tbody>\n</table></div>\n");
	}
	if (rules3(n) && pg_member_is(rq, "user", "|lead|member|")) {
		ss_buf_puts(b, "<h3 id=\"retention-new\">");
		pg_esc(b, _("Record how long an asset is kept"));
		ss_buf_puts(b, "</h3>\n");
		if (json_array_size(assets) == 0) {
			pg_el(b, "p", NULL, _("Record the assets first"));
			ss_buf_puts(b, "</section>\n");
			return;
		}
		pg_form_open(b, rq, "retention-form", "/retention");
		select_open(b, "rt-asset", "asset", _("Asset"), NULL);
		json_array_foreach(assets, i, a) {
			char line[400];

			snprintf(line, sizeof(line), "%s (%s)", pg_js(a, "id") ?: "",
				 pg_js(a, "name") ?: "");
			option(b, pg_js(a, "id") ?: "", line);
		}
		select_close(b);
		select_open(b, "rt-keep", "keep", _("Kept or disposed of"), "data-bool");
		option(b, "true", _("kept for a period"));
		option(b, "false", _("disposed of (not kept)"));
		select_close(b);
		ss_buf_puts(b, "<fieldset data-when=\"keep=true\"><legend>");
		pg_esc(b, _("Kept"));
		ss_buf_puts(b, "</legend>");
		pg_input(b, "rt-period", "period", _("For how long"), "required maxlength=\"200\"");
		ss_buf_puts(b, "</fieldset>\n");
		pg_textarea(b, "rt-method", "method", _("How it is disposed of"),
			    "required maxlength=\"1000\"");
		pg_textarea(b, "rt-reason", "reason", _("Why (optional)"), "maxlength=\"4000\"");
		supersede_box(b, "rt-supersede", _("It replaces the record of the same asset"));
		pg_form_end(b, _("Record the retention (signed)"));
	}
	ss_buf_puts(b, "</section>\n");
}

/* Security diagnoses, penetration tests and reviews (leads, service
 * providers and operations of either side). */
static void diagnoses(ss_buf *b, http_req *rq, const json_t *n)
{
	const json_t *list = json_object_get(n, "diagnoses"), *d;
	size_t i;

	pg_section_open(b, "diagnoses", _("Security diagnoses"));
	if (json_array_size(list) == 0)
		pg_el(b, "p", NULL, _("None yet"));
	else {
		ss_buf_puts(b, "<div class=\"scroll\" role=\"region\" tabindex=\"0\" "
			       "aria-labelledby=\"diagnoses\"><table id=\"diagnosis-table\">\n"
			       "<thead><tr>");
		pg_th(b, _("Id"));
		pg_th(b, _("Kind"));
		pg_th(b, _("Date"));
		pg_th(b, _("Against"));
		pg_th(b, _("Result"));
		pg_th(b, _("By"));
		ss_buf_puts(b, "</tr></thead>\n<tbody>\n");
		json_array_foreach(list, i, d) {
			ss_buf_puts(b, "<tr>");
			pg_el(b, "th", "scope=\"row\" class=\"mono\"", pg_js(d, "id") ?: "");
			pg_el(b, "td", NULL, PG_WORD(diagnosis_kinds, pg_js(d, "kind")));
			pg_el(b, "td", NULL, pg_js(d, "date") ?: "");
			pg_el(b, "td", NULL, pg_js(d, "standard") ?: "");
			pg_el(b, "td", NULL, pg_js(d, "result") ?: "");
			pg_el(b, "td", NULL, pg_js(d, "by") ?: "");
			ss_buf_puts(b, "</tr>\n");
		}
		ss_buf_puts(b, "</tbody>\n</table></div>\n");
	}
	if (rules3(n) && pg_member_is(rq, NULL, "|lead|provider|operations|")) {
		const json_t *c;

		ss_buf_puts(b, "<h3 id=\"diagnosis-new\">");
		pg_esc(b, _("Record a diagnosis, penetration test or review"));
		ss_buf_puts(b, "</h3>\n");
		pg_form_open(b, rq, "diagnosis-form", "/diagnoses");
		select_open(b, "dg-kind", "kind", _("Kind"), NULL);
		for (i = 0; i < NWORDS(diagnosis_kinds); i++)
			option(b, diagnosis_kinds[i][0], _(diagnosis_kinds[i][1]));
		select_close(b);
		pg_input(b, "dg-standard", "standard", _("Against what (e.g. ASVS 4.0.3 level 2)"),
			 "required maxlength=\"200\"");
		pg_input(b, "dg-date", "date", _("Date"), "type=\"date\" required");
		pg_textarea(b, "dg-result", "result", _("Result"), "required maxlength=\"8000\"");
		select_open(b, "dg-contract", "contract", _("Under the contract (optional)"), NULL);
		option(b, "", _("none"));
		json_array_foreach(json_object_get(n, "contracts"), i, c) {
			char line[400];

			snprintf(line, sizeof(line), "%s (%s)", pg_js(c, "id") ?: "",
				 pg_js(c, "title") ?: "");
			option(b, pg_js(c, "id") ?: "", line);
		}
		select_close(b);
		file_input(b, "dg-file", "report", _("The report (optional)"), false);
		pg_form_end(b, _("Record the diagnosis (signed)"));
	}
	ss_buf_puts(b, "</section>\n");
}

int pg_negotiation(http_req *rq, http_resp *rs)
{
	ss_buf b = SS_BUF_INIT(SS_BUF_DOC_MAX);
	json_t *model = NULL, *n;
	char title[300];
	int error;

	/* the reader's view: a FOSS component is withheld from the vendor side
	 * until an NDA is in force, as in the document */
	if ((error = ss_store_check_state(rq->st, rq->params[0])) < 0 ||
	    (error = ss_spec_model(&model, rq->st, rq->params[0])) < 0 ||
	    (error = ss_spec_model_redact(model, pg_js(rq->member, "person"))) < 0)
		goto out;
	n = json_object_get(model, "negotiation");
	pg_msgs(&b, pg_form_msgs);
	pg_project_nav(&b, rq, "/negotiation");
	proposals(&b, rq, json_object_get(n, "proposals"));
	proposal_form(&b, rq);
	costs(&b, rq, json_object_get(n, "costs"));
	candidates(&b, rq, n);
	contracts(&b, rq, n);
	terms(&b, rq, n);
	standards(&b, rq, n);
	laws(&b, rq, n, json_object_get(model, "assets"));
	retention(&b, rq, n, json_object_get(model, "assets"));
	diagnoses(&b, rq, n);
	pg_status(&b);
	pg_sign_dialog(&b);
	snprintf(title, sizeof(title), "%s — %s", _("Negotiation"), rq->params[0]);
	error = pg_finish(rq, rs, title, &b, "signed.js");
out:
	ss_buf_release(&b);
	json_decref(model);
	return error;
}
