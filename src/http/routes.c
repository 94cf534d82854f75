/*
 * The routes of secspec serve: one table (at the end) and the handlers.
 * A handler reads its checked input (http_str, http_qstr …), calls the
 * library as the logged-in person and answers; the dispatcher (server.c)
 * has already checked the session, the CSRF token, the membership and the
 * fields the table gives.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api_log.h"
#include "api_sbom.h"
#include "api_write.h"
#include "events.h"
#include "http.h"
#include "pages.h"

/* ---- shared field lists ---- */

/* The fields every signed change may carry: the second request of the
 * proposal protocol (propose.c). */
#define F_SIGNED                                                                                   \
	{"time", HF_STRING, false, 32, NULL, "the time of the proposal being signed"},             \
		{"fingerprint", HF_STRING, false, 64, NULL, "the key that signs"},                 \
	{                                                                                          \
		"signatures", HF_STRINGS, false, 1000, NULL,                                       \
			"hex Ed25519 signatures of the proposed bodies, in order"                  \
	}

#define F_FILTER                                                                                   \
	{"section",                                                                                \
	 HF_STRING,                                                                                \
	 false,                                                                                    \
	 64,                                                                                       \
	 "secure-coding|default|detailed|attack",                                                  \
	 "only items of this section"},                                                            \
		{"platform", HF_STRING, false, 64, NULL, "only items of this platform"},           \
		{"category", HF_STRING, false, 64, NULL, "only items of this category"},           \
	{                                                                                          \
		"technique", HF_STRING, false, 32, NULL, "only items against this technique"       \
	}

static void filter_of(const http_req *rq, ss_filter *f, bool query)
{
	const char *(*get)(const http_req *, const char *) = query ? http_qstr : http_str;

	f->section = get(rq, "section");
	f->platform = get(rq, "platform");
	f->category = get(rq, "category");
	f->technique = get(rq, "technique");
}

/* ---- meta ---- */

static int h_openapi(http_req *rq, http_resp *rs)
{
	json_t *doc = NULL;
	int error;

	(void)rq;
	if ((error = http_openapi(&doc)) < 0)
		return error;
	return http_json(rs, 200, doc);
}

/* ---- sessions ---- */

static int set_session_cookie(http_resp *rs, const http_req *rq, const char *token)
{
	return http_header(rs, "Set-Cookie",
			   "secspec_session=%s; Path=/; HttpOnly; SameSite=Strict%s", token,
			   rq->opt->secure ? "; Secure" : "");
}

static int start_session(http_req *rq, http_resp *rs, const json_t *account, int status)
{
	char token[SS_SESSION_TOKEN_LEN + 1], csrf[SS_SESSION_CSRF_LEN + 1];
	int error;

	if ((error = ss_session_start(token, csrf, rq->st,
				      json_string_value(json_object_get(account, "login")), NULL,
				      rq->now)) < 0)
		return error;
	set_session_cookie(rs, rq, token);
	memset(token, 0, sizeof(token));
	return http_json(rs, status,
			 json_pack("{s:O, s:O, s:O, s:s}", "login",
				   json_object_get(account, "login"), "name",
				   json_object_get(account, "name"), "admin",
				   json_object_get(account, "admin"), "csrf", csrf));
}

static int h_login(http_req *rq, http_resp *rs)
{
	json_t *account = NULL;
	int error;

	if (http_login_throttled(rq))
		return http_fail(rs, 429, "%s",
				 _("too many failed logins from this address: wait a few minutes"));
	/* a session the browser brought is never promoted: it ends here, and the
	 * login starts a new one (no session fixation) */
	if (rq->token)
		(void)ss_session_end(rq->st, rq->token);
	error = ss_account_login_code(&account, rq->st, http_str(rq, "login"),
				      http_str(rq, "password"), http_str(rq, "code"), rq->now);
	if (error == SS_EPERM) {
		http_login_failed(rq);
		return http_fail(rs, 401, "%s", ss_error_last());
	}
	if (error < 0)
		return error;
	error = start_session(rq, rs, account, 201);
	json_decref(account);
	return error;
}

static int h_session(http_req *rq, http_resp *rs)
{
	char csrf[SS_SESSION_CSRF_LEN + 1];
	json_t *out, *row;
	int error;

	if ((error = ss_session_csrf(csrf, rq->st, rq->token, rq->now)) < 0)
		return error;
	out = json_deep_copy(rq->account);
	row = pg_account_row(rq->st, http_login(rq), rq->now);
	json_object_set_new(out, "totp", json_boolean(json_is_true(json_object_get(row, "totp"))));
	json_decref(row);
	json_object_set_new(out, "csrf", json_string(csrf));
	return http_json(rs, 200, out);
}

static int h_logout(http_req *rq, http_resp *rs)
{
	int error;

	if ((error = ss_session_end(rq->st, rq->token)) < 0)
		return error;
	http_header(rs, "Set-Cookie",
		    "secspec_session=; Path=/; Max-Age=0; HttpOnly; "
		    "SameSite=Strict%s",
		    rq->opt->secure ? "; Secure" : "");
	return http_json(rs, 200, json_pack("{s:b}", "ended", 1));
}

static int h_password(http_req *rq, http_resp *rs)
{
	int error;

	error = ss_account_password(rq->st, http_login(rq), http_str(rq, "old"),
				    http_str(rq, "password"), rq->now);
	if (error == SS_EPERM)
		return http_fail(rs, 403, "%s", ss_error_last());
	if (error < 0)
		return error;
	/* every session ended with the change; this page gets a new one */
	return start_session(rq, rs, rq->account, 200);
}

/* The second factor: set up (the key shown once), confirmed with a code,
 * removed with the password and a code. */
static int h_totp_enroll(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	error = ss_account_totp_enroll(&out, rq->st, http_login(rq), http_str(rq, "password"),
				       rq->now);
	if (error == SS_EPERM)
		return http_fail(rs, 403, "%s", ss_error_last());
	if (error < 0)
		return error;
	return http_json(rs, 201, out);
}

static int h_totp_confirm(http_req *rq, http_resp *rs)
{
	int error;

	if ((error = ss_account_totp_confirm(rq->st, http_login(rq), http_str(rq, "code"),
					     rq->now)) < 0)
		return error;
	return http_json(rs, 200, json_pack("{s:b}", "totp", 1));
}

static int h_totp_remove(http_req *rq, http_resp *rs)
{
	int error;

	error = ss_account_totp_remove(rq->st, http_login(rq), http_str(rq, "password"),
				       http_str(rq, "code"), rq->now);
	if (error == SS_EPERM)
		return http_fail(rs, 403, "%s", ss_error_last());
	if (error < 0)
		return error;
	return http_json(rs, 200, json_pack("{s:b}", "totp", 0));
}

static int h_account_totp_remove(http_req *rq, http_resp *rs)
{
	int error;

	if ((error = ss_account_totp_remove(rq->st, rq->params[0], NULL, NULL, rq->now)) < 0)
		return error;
	return http_json(rs, 200, json_pack("{s:s, s:b}", "login", rq->params[0], "totp", 0));
}

/* ---- accounts (administrators) ---- */

static int h_accounts(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_account_list(&out, rq->st, rq->now)) < 0)
		return error;
	return http_json(rs, 200, out);
}

static int h_account_add(http_req *rq, http_resp *rs)
{
	ss_account_new a = {http_str(rq, "login"), http_str(rq, "name"), http_str(rq, "password"),
			    http_bool(rq, "admin", false)};
	int error;

	if ((error = ss_account_add(rq->st, &a, rq->now)) < 0)
		return error;
	return http_json(rs, 201, json_pack("{s:s}", "login", a.login));
}

static int h_account_disable(http_req *rq, http_resp *rs)
{
	bool disabled = http_bool(rq, "disabled", true);
	int error;

	if ((error = ss_account_disable(rq->st, rq->params[0], disabled)) < 0)
		return error;
	return http_json(rs, 200,
			 json_pack("{s:s, s:b}", "login", rq->params[0], "disabled", disabled));
}

static int h_account_reset(http_req *rq, http_resp *rs)
{
	int error;

	/* an administrator's reset: the old password is not asked; every session
	 * of the account ends (ss_account_password) */
	if ((error = ss_account_password(rq->st, rq->params[0], NULL, http_str(rq, "password"),
					 rq->now)) < 0)
		return error;
	return http_json(rs, 200, json_pack("{s:s}", "login", rq->params[0]));
}

/* ---- projects ---- */

static bool is_member(ss_store *st, const char *project, const char *login)
{
	json_t *members = NULL;
	bool yes;

	if (ss_member_list(&members, st, project) < 0)
		return false;
	yes = http_active_member(members, login) != NULL;
	json_decref(members);
	return yes;
}

static int h_projects(http_req *rq, http_resp *rs)
{
	json_t *all = NULL, *mine, *p;
	size_t i;
	int error;

	if ((error = ss_project_list(&all, rq->st)) < 0)
		return error;
	mine = json_array();
	json_array_foreach(all, i, p) {
		const char *name = json_string_value(json_object_get(p, "name"));

		if (name && is_member(rq->st, name, http_login(rq)))
			json_array_append(mine, p);
	}
	json_decref(all);
	return http_json(rs, 200, mine);
}

static int h_project_create(http_req *rq, http_resp *rs)
{
	ss_project_input in = {
		.name = http_str(rq, "name"),
		.user_org = http_str(rq, "user_org"),
		.vendor_org = http_str(rq, "vendor_org"),
		.catalog_version = http_str(rq, "catalog_version"),
		.by = http_login(rq),
		.by_side = http_str(rq, "side"),
		.by_display_name = json_string_value(json_object_get(rq->account, "name")),
	};
	json_t *out = NULL;
	int error;

	if ((error = ss_project_create_from(rq->st, &in)) < 0)
		return error;
	if ((error = ss_project_show(&out, rq->st, in.name)) < 0)
		return error;
	http_header(rs, "Location", "/api/projects/%s", in.name);
	return http_json(rs, 201, out);
}

static int h_project(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_project_show(&out, rq->st, rq->params[0])) < 0)
		return error;
	json_object_set(out, "you", rq->member);
	return http_json(rs, 200, out);
}

/* The read routes that are one library call on the project. */
#define READ_HANDLER(fn, call)                                                                     \
	static int fn(http_req *rq, http_resp *rs)                                                 \
	{                                                                                          \
		json_t *out = NULL;                                                                \
		int error;                                                                         \
		if ((error = (call)) < 0)                                                          \
			return error;                                                              \
		return http_json(rs, 200, out);                                                    \
	}

READ_HANDLER(h_members, ss_member_list(&out, rq->st, rq->params[0]))
READ_HANDLER(h_keys, ss_key_list(&out, rq->st, rq->params[0]))
READ_HANDLER(h_phases, ss_project_phases(&out, rq->st, rq->params[0]))
READ_HANDLER(h_lint, ss_lint(&out, rq->st, rq->params[0]))
READ_HANDLER(h_assets, ss_asset_list(&out, rq->st, rq->params[0]))
READ_HANDLER(h_systems, ss_system_list(&out, rq->st, rq->params[0]))
READ_HANDLER(h_milestones, ss_milestone_list(&out, rq->st, rq->params[0]))
READ_HANDLER(h_minutes, ss_minutes_list(&out, rq->st, rq->params[0]))
READ_HANDLER(h_changes, ss_change_list(&out, rq->st, rq->params[0], http_qstr(rq, "state")))
READ_HANDLER(h_coverage, ss_coverage(&out, rq->st, rq->params[0]))
READ_HANDLER(h_head, ss_log_head(&out, rq->st, rq->params[0]))
READ_HANDLER(h_negotiation, ss_negotiation_show(&out, rq->st, rq->params[0]))
READ_HANDLER(h_catalog_versions, ss_catalog_versions(&out, rq->st))

static int h_requirements(http_req *rq, http_resp *rs)
{
	ss_filter f = {0};
	json_t *out = NULL;
	int error;

	filter_of(rq, &f, true);
	if ((error = ss_requirement_list(&out, rq->st, rq->params[0], &f,
					 http_qstr(rq, "status"))) < 0)
		return error;
	return http_json(rs, 200, out);
}

static int h_log(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_log_list(&out, rq->st, rq->params[0])) < 0)
		return error;
	if (!json_is_true(json_object_get(rq->member, "discloses")) &&
	    (error = ss_log_withhold(out)) < 0) {
		json_decref(out);
		return error;
	}
	return http_json(rs, 200, out);
}

static int h_verify(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error = ss_log_verify(&out, rq->st, rq->params[0]);

	/* a log that fails verification is an answer, not an error */
	if (error < 0 && error != SS_ECORRUPT)
		return error;
	return http_json(rs, 200, out);
}

static int h_consistency(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_log_consistency(&out, rq->st, rq->params[0], http_int(rq, "from", 0),
					http_int(rq, "to", 0))) < 0)
		return error;
	return http_json(rs, 200, out);
}

static int h_catalog_items(http_req *rq, http_resp *rs)
{
	ss_filter f = {0};
	json_t *out = NULL;
	int error;

	filter_of(rq, &f, true);
	if ((error = ss_catalog_list(&out, rq->st, rq->params[0], &f)) < 0)
		return error;
	return http_json(rs, 200, out);
}

static int h_catalog_item(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_catalog_show(&out, rq->st, rq->params[0], rq->params[1])) < 0)
		return error;
	return http_json(rs, 200, out);
}

/* The specification as this member may read it, rendered. */
static int h_spec(http_req *rq, http_resp *rs)
{
	const char *format = http_qstr(rq, "format") ? http_qstr(rq, "format") : "json";
	const char *lang = http_qstr(rq, "doclang") ? http_qstr(rq, "doclang") : rq->lang;
	json_t *model = NULL;
	int error;

	const char *as_of = http_qstr(rq, "as_of");

	/* as of a milestone: replayed from the log, so as cacheable as now */
	if ((error = ss_store_check_state(rq->st, rq->params[0])) < 0 ||
	    (error = as_of ? ss_spec_model_as_of(&model, rq->st, rq->params[0], as_of)
			   : ss_spec_model(&model, rq->st, rq->params[0])) < 0)
		return error;
	if ((error = ss_spec_model_redact(model, http_login(rq))) < 0)
		goto out;
	ss_buf_clear(&rs->body);
	if ((error = ss_render(&rs->body, model, format, lang)) < 0)
		goto out;
	rs->status = 200;
	rs->ctype = strcmp(format, "html") == 0  ? "text/html; charset=utf-8"
		    : strcmp(format, "md") == 0  ? "text/markdown; charset=utf-8"
		    : strcmp(format, "csv") == 0 ? "text/csv; charset=utf-8; header=present"
		    : strcmp(format, "xlsx") == 0
			    ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
			    : "application/json";
out:
	json_decref(model);
	return error;
}

/* The evidence bundle, written to a private temporary file and sent. */
static int h_evidence(http_req *rq, http_resp *rs)
{
	char path[] = "/tmp/secspec-bundle-XXXXXX";
	json_t *out = NULL;
	int fd, error;

	if ((fd = mkstemp(path)) < 0)
		return ss_error_set(SS_EIO, "cannot make a temporary file");
	close(fd);
	unlink(path); /* the export refuses to overwrite */
	if ((error = ss_evidence_export(&out, rq->st, rq->params[0], path)) < 0) {
		unlink(path);
		return error;
	}
	json_decref(out);
	rs->status = 200;
	rs->ctype = "application/gzip";
	rs->file = strdup(path);
	rs->unlink = true;
	http_header(rs, "Content-Disposition", "attachment; filename=\"%s-evidence.tar.gz\"",
		    rq->params[0]);
	return 0;
}

/* ---- signed changes ---- */

static int c_member_add(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_member_add(rq->st, rq->params[0], http_str(rq, "person"), http_str(rq, "side"),
			     http_str(rq, "role"), http_str(rq, "name"), http_login(rq));
}

static int c_member_remove(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_member_remove(rq->st, rq->params[0], rq->params[1], http_login(rq));
}

static int c_key_register(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_key_register_public(rq->st, rq->params[0], http_login(rq),
				      http_str(rq, "public_key"), http_str(rq, "pop"));
}

static int c_key_revoke(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_key_revoke(rq->st, rq->params[0], rq->params[1], http_str(rq, "reason"),
			     http_login(rq));
}

static int c_draft(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_spec_draft(out, rq->st, rq->params[0], http_login(rq));
}

static int c_decide(json_t **out, http_req *rq, void *ctx)
{
	ss_decision_input in = {
		.policy = http_str(rq, "policy"),
		.reason = http_str(rq, "reason"),
		.alternative = http_str(rq, "alternative"),
		.review_by = http_str(rq, "review_by"),
		.scenario = http_str(rq, "scenario"),
		.owner = http_str(rq, "owner"),
		.duty = http_str(rq, "duty"),
		.evidence = http_str(rq, "evidence"),
	};
	ss_filter f = {0};

	(void)ctx;
	filter_of(rq, &f, false);
	return ss_decide(out, rq->st, rq->params[0], http_str(rq, "item"), &f,
			 http_bool(rq, "open_only", false), &in, http_login(rq));
}

static int c_advise(json_t **out, http_req *rq, void *ctx)
{
	ss_filter f = {0};

	(void)ctx;
	filter_of(rq, &f, false);
	return ss_advise(out, rq->st, rq->params[0], http_str(rq, "item"), &f, http_str(rq, "note"),
			 http_login(rq));
}

static int c_approve(json_t **out, http_req *rq, void *ctx)
{
	ss_filter f = {0};

	(void)ctx;
	filter_of(rq, &f, false);
	return ss_approve(out, rq->st, rq->params[0], http_str(rq, "item"), &f,
			  strcmp(http_str(rq, "verdict"), "approve") == 0, http_str(rq, "note"),
			  http_login(rq));
}

static int c_agree(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_agree_parties(out, rq->st, rq->params[0], rq->params[1], http_str(rq, "parties"),
				http_login(rq));
}

static int c_phase(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_project_phase_set(rq->st, rq->params[0], (int)http_int(rq, "step", 0),
				    http_login(rq), http_bool(rq, "force", false),
				    http_str(rq, "reason"));
}

#define SIGNED_HANDLER(fn, change)                                                                 \
	static int fn(http_req *rq, http_resp *rs)                                                 \
	{                                                                                          \
		return http_with_proposal(rq, rs, change, NULL);                                   \
	}

SIGNED_HANDLER(h_member_add, c_member_add)
SIGNED_HANDLER(h_member_remove, c_member_remove)
SIGNED_HANDLER(h_key_register, c_key_register)
SIGNED_HANDLER(h_key_revoke, c_key_revoke)
SIGNED_HANDLER(h_draft, c_draft)
SIGNED_HANDLER(h_decide, c_decide)
SIGNED_HANDLER(h_advise, c_advise)
SIGNED_HANDLER(h_approve, c_approve)
SIGNED_HANDLER(h_agree, c_agree)
SIGNED_HANDLER(h_phase, c_phase)

/* The message a new key signs to prove it is held (key.register's pop). */
static int h_key_pop(http_req *rq, http_resp *rs)
{
	ss_buf msg = SS_BUF_INIT(4096);
	ss_key *k = NULL;
	int error;

	if ((error = ss_key_from_public_hex(&k, http_qstr(rq, "public_key"))) < 0 ||
	    (error = ss_key_pop_message(&msg, rq->params[0], http_login(rq),
					ss_key_fingerprint(k))) < 0)
		goto out;
	http_json(
		rs, 200,
		json_pack("{s:s, s:s}", "fingerprint", ss_key_fingerprint(k), "message", msg.ptr));
out:
	ss_key_free(k);
	ss_buf_release(&msg);
	return error;
}

/* ---- the table ---- */

/* requirements are not filtered by technique (the library refuses it) */
static const http_field q_filter[] = {
	{"section", HF_STRING, false, 64, "secure-coding|default|detailed|attack",
	 "only items of this section"},
	{"platform", HF_STRING, false, 64, NULL, "only items of this platform"},
	{"category", HF_STRING, false, 64, NULL, "only items of this category"},
	{"status", HF_STRING, false, 16, "open|decided", "open or decided only"},
	HTTP_FIELDS_END};
static const http_field q_catalog[] = {F_FILTER, HTTP_FIELDS_END};
static const http_field q_changes[] = {
	{"state", HF_STRING, false, 16, NULL, "only changes in this state"}, HTTP_FIELDS_END};
static const http_field q_consistency[] = {
	{"from", HF_INT, true, 0, NULL, "the size of the older tree"},
	{"to", HF_INT, false, 0, NULL, "the size of the newer tree (default: the whole log)"},
	HTTP_FIELDS_END};
static const http_field q_spec[] = {
	{"format", HF_STRING, false, 10, "json|md|html|xlsx|csv|oscal-ssp|oscal-poam",
	 "the form of the document"},
	{"doclang", HF_STRING, false, 2, "ja|en", "the language of the document"},
	{"as_of", HF_STRING, false, 64, NULL,
	 "the document as it was at this milestone (or event number, or UTC time)"},
	HTTP_FIELDS_END};
static const http_field q_pop[] = {
	{"public_key", HF_STRING, true, 64, NULL, "the new key's raw Ed25519 public key, hex"},
	HTTP_FIELDS_END};

static const http_field b_login[] = {
	{"login", HF_STRING, true, SS_LOGIN_MAX, NULL, "the login name"},
	{"password", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the password"},
	{"code", HF_STRING, false, 6, NULL,
	 "the authenticator app's 6-digit code (accounts with a second factor)"},
	HTTP_FIELDS_END};
static const http_field b_totp_enroll[] = {
	{"password", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the current password"},
	HTTP_FIELDS_END};
static const http_field b_totp_confirm[] = {
	{"code", HF_STRING, true, 6, NULL, "a code the app makes with the new key"},
	HTTP_FIELDS_END};
static const http_field b_totp_remove[] = {
	{"password", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the current password"},
	{"code", HF_STRING, true, 6, NULL, "a current code"},
	HTTP_FIELDS_END};
static const http_field b_password[] = {
	{"old", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the current password"},
	{"password", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the new password"},
	HTTP_FIELDS_END};
static const http_field b_account[] = {
	{"login", HF_STRING, true, SS_LOGIN_MAX, NULL, "the login name"},
	{"name", HF_STRING, true, SS_ACCOUNT_NAME_MAX, NULL, "the display name"},
	{"password", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the first password"},
	{"admin", HF_BOOL, false, 0, NULL, "may create accounts"},
	HTTP_FIELDS_END};
static const http_field b_disable[] = {
	{"disabled", HF_BOOL, true, 0, NULL, "false enables the account again"}, HTTP_FIELDS_END};
static const http_field b_reset[] = {
	{"password", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the new password"}, HTTP_FIELDS_END};
static const http_field b_project[] = {
	{"name", HF_STRING, true, 64, NULL, "the project's name"},
	{"user_org", HF_STRING, true, 200, NULL, "the user company"},
	{"vendor_org", HF_STRING, false, 200, NULL, "the vendor (empty: not chosen yet)"},
	{"side", HF_STRING, true, 8, "user|vendor", "the creator's side; they become its lead"},
	{"catalog_version", HF_STRING, false, 32, NULL, "default: the newest"},
	HTTP_FIELDS_END};
static const http_field b_member[] = {
	{"person", HF_STRING, true, SS_LOGIN_MAX, NULL, "the person's login name"},
	{"side", HF_STRING, true, 8, "user|vendor", "their side"},
	{"role", HF_STRING, true, 16, "lead|member|management|auditor|operations|provider|expert",
	 "their role"},
	{"name", HF_STRING, false, 200, NULL, "their display name"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_signed[] = {F_SIGNED, HTTP_FIELDS_END};
static const http_field b_key[] = {
	{"public_key", HF_STRING, true, 64, NULL, "the raw Ed25519 public key, hex"},
	{"pop", HF_STRING, true, 128, NULL,
	 "the new key's signature of the message GET …/keys/pop gives, hex"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_revoke[] = {
	{"reason", HF_STRING, true, 2000, NULL, "why the key may no longer sign"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_decide[] = {
	{"item", HF_STRING, false, 64, NULL, "one item (else the filter's items)"},
	F_FILTER,
	{"open_only", HF_BOOL, false, 0, NULL, "only items not decided yet"},
	{"policy", HF_STRING, true, 16, "implement|accept|alternative|na|existing", "the decision"},
	{"reason", HF_STRING, false, 4000, NULL, "the user's reason"},
	{"alternative", HF_STRING, false, 4000, NULL, "the other measure"},
	{"review_by", HF_STRING, false, 10, NULL, "YYYY-MM-DD: review an accepted risk by then"},
	{"scenario", HF_STRING, false, 4000, NULL, "the attack scenario (accept, alternative)"},
	{"owner", HF_STRING, false, 8, "vendor|user|both", "who carries the measure out"},
	{"duty", HF_STRING, false, 4000, NULL, "the user's duty (owner user or both)"},
	{"evidence", HF_STRING, false, 4000, NULL, "what provides an existing control"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_advise[] = {
	{"item", HF_STRING, false, 64, NULL, "one item (else the filter's items)"},
	F_FILTER,
	{"note", HF_STRING, true, 4000, NULL, "the vendor's advice"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_approve[] = {
	{"item", HF_STRING, false, 64, NULL, "one item (else the filter's items)"},
	F_FILTER,
	{"verdict", HF_STRING, true, 8, "approve|reject", "management's verdict"},
	{"note", HF_STRING, false, 4000, NULL, "why (required to reject)"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_agree[] = {
	{"parties", HF_STRING, false, 8, "both|user", "who signs a milestone being opened"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_phase[] = {
	{"step", HF_INT, true, 0, NULL, "the step, 1 to 12"},
	{"force", HF_BOOL, false, 0, NULL, "move past missing prerequisites (with a reason)"},
	{"reason", HF_STRING, false, 4000, NULL, "why, when forced"},
	F_SIGNED,
	HTTP_FIELDS_END};

static const http_field b_asset[] = {
	{"id", HF_STRING, true, 64, NULL, "the asset's id in the project"},
	{"kind", HF_STRING, true, 64, NULL, "an asset kind of the catalog, or custom"},
	{"label", HF_STRING, false, 200, NULL, "the label of a custom kind"},
	{"name", HF_STRING, true, 200, NULL, "what the information or operation is"},
	{"system", HF_STRING, true, 64, NULL, "the target system holding it"},
	{"devices", HF_STRINGS, false, 100, NULL, "devices holding it"},
	{"answer_ids", HF_STRINGS, false, 100, NULL, "question ids of the kind"},
	{"answers", HF_STRINGS, false, 100, NULL, "the answers, in the same order"},
	{"duration", HF_INT, true, 0, NULL, "impact level 1-3: how long"},
	{"reach", HF_INT, true, 0, NULL, "impact level 1-3: how far"},
	{"damage", HF_INT, true, 0, NULL, "impact level 1-3: how much"},
	{"trust", HF_INT, true, 0, NULL, "impact level 1-3: on trust"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the asset of the same id"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_system[] = {
	{"name", HF_STRING, true, 64, NULL, "the system's name"},
	{"devices", HF_STRINGS, false, 100, NULL, "its devices"},
	{"policies", HF_STRINGS, false, 100, NULL, "policy category ids"},
	{"implementations", HF_STRINGS, false, 100, NULL, "the implementation of each policy"},
	{"legacy", HF_STRING, false, 4000, NULL, "why it cannot be replaced (with compensating)"},
	{"compensating", HF_STRING, false, 4000, NULL, "the measures that make up for it"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the system of the same name"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_minutes[] = {
	{"date", HF_STRING, true, 10, NULL, "YYYY-MM-DD of the meeting"},
	{"title", HF_STRING, true, 200, NULL, "the meeting"},
	{"attendees", HF_STRINGS, true, 100, NULL, "the members who attended"},
	{"topics", HF_STRINGS, false, 100, NULL, "what was discussed"},
	{"items", HF_STRINGS, false, 1000, NULL, "catalog items discussed"},
	{"attachments", HF_FILES, false, 64, NULL,
	 "files uploaded to the project before (POST attachments): {name, sha256} each"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_proposal[] = {
	{"kind", HF_STRING, true, 16, "advice|warning|improvement|foss", "what it is"},
	{"title", HF_STRING, true, 200, NULL, "one line"},
	{"text", HF_STRING, true, 8000, NULL, "what is proposed or warned of"},
	{"item", HF_STRING, false, 64, NULL, "the requirement it concerns"},
	{"component", HF_STRING, false, 200, NULL, "foss: the component"},
	{"version", HF_STRING, false, 64, NULL, "foss: its version"},
	{"licence", HF_STRING, false, 200, NULL, "foss: its licence"},
	{"defects", HF_STRING, false, 4000, NULL, "foss: the known defects disclosed"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_answer[] = {
	{"answer", HF_STRING, true, 8, "adopt|decline|defer", "the user's answer"},
	{"reason", HF_STRING, false, 4000, NULL, "why (unless adopted)"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace an earlier answer"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_cost[] = {
	{"on", HF_STRING, true, 8, "item|proposal|change", "what the cost is for"},
	{"ref", HF_STRING, true, 64, NULL, "its id"},
	{"bearer", HF_STRING, true, 8, "user|vendor|shared", "who bears it"},
	{"basis", HF_STRING, true, 4000, NULL, "why"},
	{"share", HF_STRING, false, 1000, NULL, "how a shared cost is split"},
	{"amount", HF_INT, false, 0, NULL, "the amount, in the currency's units"},
	{"currency", HF_STRING, false, 3, NULL, "e.g. JPY"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the current allocation"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_cost_approve[] = {
	{"on", HF_STRING, true, 8, "item|proposal|change", "what the cost is for"},
	{"ref", HF_STRING, true, 64, NULL, "its id"},
	{"verdict", HF_STRING, true, 8, "approve|reject", "management's verdict"},
	{"note", HF_STRING, false, 4000, NULL, "why (required to reject)"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_candidate[] = {{"id", HF_STRING, true, 64, NULL, "the candidate's id"},
					 {"org", HF_STRING, true, 200, NULL, "the company"},
					 F_SIGNED,
					 HTTP_FIELDS_END};
#define F_DOCUMENT(p, req)                                                                         \
	{p "_name", HF_STRING, req, 255, NULL, "the document's file name"},                        \
		{p "_sha256", HF_STRING, req, 64, NULL, "its SHA-256 (hex), hashed where it is"},  \
	{                                                                                          \
		p "_size", HF_INT, req, 0, NULL, "its size in bytes"                               \
	}
static const http_field b_candidate_doc[] = {
	{"kind", HF_STRING, true, 16, "rfi|rfp|proposal|answer|other", "what the document is"},
	F_DOCUMENT("document", true),
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_nda[] = {
	{"party", HF_STRING, true, 64, NULL, "a candidate's id, or vendor"},
	{"date", HF_STRING, true, 10, NULL, "YYYY-MM-DD it was signed"},
	{"title", HF_STRING, false, 200, NULL, "its title"},
	{"expires", HF_STRING, false, 10, NULL, "YYYY-MM-DD it ends"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the party's NDA"},
	F_DOCUMENT("document", true),
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_vendor[] = {
	{"candidate", HF_STRING, true, 64, NULL, "the chosen candidate"},
	{"reason", HF_STRING, true, 4000, NULL, "why"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_law[] = {
	{"id", HF_STRING, true, 64, NULL, "the record's id"},
	{"title", HF_STRING, true, 200, NULL, "the law, regulation or guideline"},
	{"kind", HF_STRING, true, 16, "law|regulation|guideline", "what it is"},
	{"authority", HF_STRING, false, 200, NULL, "who oversees it"},
	{"duties", HF_STRING, false, 4000, NULL, "what it requires"},
	{"assets", HF_STRINGS, true, 100, NULL, "the assets it binds"},
	{"review_by", HF_STRING, true, 10, NULL, "YYYY-MM-DD"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the record"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_retention[] = {
	{"asset", HF_STRING, true, 64, NULL, "the asset"},
	{"keep", HF_BOOL, true, 0, NULL, "kept for a period (else disposed of)"},
	{"period", HF_STRING, false, 200, NULL, "how long (when kept)"},
	{"method", HF_STRING, true, 1000, NULL, "how it is disposed of"},
	{"reason", HF_STRING, false, 4000, NULL, "why"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the record"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_contract[] = {
	{"id", HF_STRING, true, 64, NULL, "the contract's id"},
	{"kind", HF_STRING, true, 32, "operation|maintenance|maintenance-development", "its kind"},
	{"title", HF_STRING, true, 200, NULL, "its title"},
	{"sla", HF_STRING, true, 4000, NULL, "the service levels"},
	{"diagnosis", HF_STRING, true, 4000, NULL, "the security diagnoses it provides for"},
	{"incident", HF_STRING, true, 4000, NULL, "the incident response it provides for"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the contract"},
	F_DOCUMENT("document", false),
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_terms[] = {
	{"text", HF_STRING, true, 4000, NULL, "the terms acknowledged"}, F_SIGNED, HTTP_FIELDS_END};
static const http_field b_standard[] = {
	{"standard", HF_STRING, true, 32, NULL, "e.g. asvs"},
	{"version", HF_STRING, true, 32, NULL, "e.g. 4.0.3"},
	{"level", HF_INT, true, 0, NULL, "0 to 3"},
	{"note", HF_STRING, false, 4000, NULL, "a note"},
	{"supersede", HF_BOOL, false, 0, NULL, "replace the record"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_diagnosis[] = {
	{"kind", HF_STRING, true, 16, "diagnosis|pentest|review", "what was done"},
	{"standard", HF_STRING, true, 200, NULL, "against what"},
	{"date", HF_STRING, true, 10, NULL, "YYYY-MM-DD"},
	{"result", HF_STRING, true, 8000, NULL, "the result"},
	{"contract", HF_STRING, false, 64, NULL, "the contract it was made under"},
	F_DOCUMENT("report", false),
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_note[] = {
	{"note", HF_STRING, true, 4000, NULL, "the note"}, F_SIGNED, HTTP_FIELDS_END};
static const http_field b_assess[] = {
	{"note", HF_STRING, true, 4000, NULL, "the vendor's assessment"},
	{"reestimate", HF_STRING, false, 8, "none|cost|date|both", "what must be estimated again"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_threat[] = {
	{"incident", HF_INT, true, 0, NULL, "score 1-3: incidents seen"},
	{"ease", HF_INT, true, 0, NULL, "score 1-3: ease of attack"},
	{"reason", HF_STRING, true, 4000, NULL, "why"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_rules[] = {
	{"to", HF_INT, true, 0, NULL, "propose this rules version; 0 accepts the other side's"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_upgrade[] = {
	{"to", HF_STRING, true, 32, NULL, "the catalog version"}, F_SIGNED, HTTP_FIELDS_END};

static const http_field q_sbom_diff[] = {
	{"from", HF_INT, false, 0, NULL, "the older SBOM version (default: the one before to)"},
	{"to", HF_INT, false, 0, NULL, "the newer SBOM version (default: the newest)"},
	HTTP_FIELDS_END};
static const http_field b_sbom_policy[] = {
	{"allowed", HF_STRINGS, false, 1000, NULL, "licence ids allowed"},
	{"review", HF_STRINGS, false, 1000, NULL, "licence ids to review"},
	{"denied", HF_STRINGS, false, 1000, NULL, "licence ids denied"},
	{"default", HF_STRING, false, 8, "allowed|review|denied",
	 "the verdict of a licence the lists do not name (default: review)"},
	{"reason", HF_STRING, false, 4000, NULL, "why"},
	{"supersedes", HF_INT, false, 0, NULL, "the event number of the policy it replaces"},
	F_SIGNED,
	HTTP_FIELDS_END};
#define F_VULN                                                                                     \
	{"vuln", HF_STRING, true, 200, NULL, "the advisory id (or an alias) of the finding"},      \
	{                                                                                          \
		"component", HF_STRING, true, 4000, NULL, "the component's ref in the newest SBOM" \
	}
static const http_field b_vuln_notice[] = {F_VULN, F_SIGNED, HTTP_FIELDS_END};
static const http_field b_vuln_analysis[] = {
	F_VULN,
	{"state", HF_STRING, true, 24, "affected|not_affected|fixed|under_investigation",
	 "the vendor's analysis"},
	{"justification", HF_STRING, false, 64, NULL,
	 "why it is not affected (with not_affected only; CycloneDX or OpenVEX)"},
	{"response", HF_STRINGS, false, 5, NULL,
	 "can_not_fix, will_not_fix, update, rollback, workaround_available"},
	{"detail", HF_STRING, true, 4000, NULL, "what was examined and found"},
	{"supersedes", HF_INT, false, 0, NULL,
	 "the analysis it replaces (default: the current one)"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_vuln_decision[] = {
	F_VULN,
	{"verdict", HF_STRING, true, 8, "accept|reject", "the user side's verdict on the analysis"},
	{"reason", HF_STRING, false, 4000, NULL,
	 "why (needed to reject, and to accept an exploitable vulnerability)"},
	{"analysis", HF_INT, false, 0, NULL, "the analysis decided (default: the current one)"},
	F_SIGNED,
	HTTP_FIELDS_END};
static const http_field b_vuln_approval[] = {
	F_VULN,
	{"verdict", HF_STRING, true, 8, "approved|rejected",
	 "management's verdict on accepting it"},
	{"note", HF_STRING, false, 4000, NULL, "why (needed to reject)"},
	{"decision", HF_INT, false, 0, NULL, "the decision approved (default: the current one)"},
	F_SIGNED,
	HTTP_FIELDS_END};

static const http_field b_verify[] = {
	{"subject", HF_STRING, true, 64, NULL,
	 "an implemented item's id, or a switchover checklist entry SWO-…"},
	{"method", HF_STRING, true, 16, "attestation|review|test", "how it was verified"},
	{"result", HF_STRING, true, 8, "pass|fail|na", "na: switchover checklist entries only"},
	{"detail", HF_STRING, true, 4000, NULL, "what was verified, how, and what was seen"},
	{"host", HF_STRING, false, 200, NULL, "the host verified, if one"},
	{"supersede", HF_BOOL, false, 0, NULL, "correct the verification that stands"},
	F_DOCUMENT("evidence", false),
	F_SIGNED,
	HTTP_FIELDS_END};

#define P "/api/projects/{p}"
#define PM (HTTP_PROJECT)
/* a read that is a projection of the log alone, the same for every member */
#define PC (HTTP_PROJECT | HTTP_CACHE)
#define PS (HTTP_PROJECT | HTTP_SIGNED)

const http_route http_routes[] = {
	/* pages (pages_*.c) */
	{"GET", "/login", pg_login, HTTP_PUBLIC | HTTP_HTML, "log in", NULL, NULL, "200", "pages"},
	{"GET", "/", pg_home, HTTP_HTML, "my projects", NULL, NULL, "200", "pages"},
	{"GET", "/account", pg_account, HTTP_HTML, "my account", NULL, NULL, "200", "pages"},
	{"GET", "/admin/accounts", pg_admin_accounts, HTTP_HTML | HTTP_ADMIN, "accounts", NULL,
	 NULL, "200", "pages"},
	{"GET", "/p/{p}", pg_dashboard, PC | HTTP_VIEWER | HTTP_HTML, "overview", NULL, NULL, "200",
	 "pages"},
	{"GET", "/p/{p}/members", pg_members, PC | HTTP_VIEWER | HTTP_HTML, "members", NULL, NULL,
	 "200", "pages"},
	{"GET", "/p/{p}/keys", pg_keys, PC | HTTP_VIEWER | HTTP_HTML, "keys", NULL, NULL, "200",
	 "pages"},
	{"GET", "/p/{p}/decisions", pg_decisions, PC | HTTP_VIEWER | HTTP_HTML, "decision board",
	 pg_q_decisions, NULL, "200", "pages"},
	{"GET", "/p/{p}/approvals", pg_approvals, PC | HTTP_VIEWER | HTTP_HTML, "approvals", NULL,
	 NULL, "200", "pages"},
	{"GET", "/p/{p}/milestones", pg_milestones, PC | HTTP_VIEWER | HTTP_HTML, "milestones",
	 NULL, NULL, "200", "pages"},
	{"GET", "/p/{p}/evidence", pg_evidence, PC | HTTP_VIEWER | HTTP_HTML, "evidence", NULL,
	 NULL, "200", "pages"},
	{"GET", "/p/{p}/assets", pg_assets, PC | HTTP_VIEWER | HTTP_HTML | HTTP_NDA, "assets", NULL,
	 NULL, "200", "pages"},
	{"GET", "/p/{p}/minutes", pg_minutes, PC | HTTP_VIEWER | HTTP_HTML, "minutes", NULL, NULL,
	 "200", "pages"},
	{"GET", "/p/{p}/changes", pg_changes, PC | HTTP_VIEWER | HTTP_HTML, "changes", NULL, NULL,
	 "200", "pages"},
	{"GET", "/p/{p}/negotiation", pg_negotiation, PC | HTTP_VIEWER | HTTP_HTML, "negotiation",
	 NULL, NULL, "200", "pages"},
	{"GET", "/p/{p}/coverage", pg_coverage, PC | HTTP_VIEWER | HTTP_HTML, "ATT&CK coverage",
	 pg_q_coverage, NULL, "200", "pages"},
	/* not cached: the findings depend on the advisories held, not on the log */
	{"GET", "/p/{p}/components", pg_components, PM | HTTP_HTML,
	 "components and vulnerabilities", NULL, NULL, "200", "pages"},
	{"GET", "/p/{p}/documents", pg_documents, PC | HTTP_VIEWER | HTTP_HTML, "documents", NULL,
	 NULL, "200", "pages"},
	{"GET", "/p/{p}/acceptance", pg_acceptance, PC | HTTP_VIEWER | HTTP_HTML,
	 "acceptance and switchover", NULL, NULL, "200", "pages"},
	{"GET", "/catalog", pg_catalog, HTTP_HTML, "the catalog", pg_q_catalog, NULL, "200",
	 "pages"},
	{"GET", "/catalog/{version}/{id}", pg_catalog_item, HTTP_HTML, "a catalog item", NULL, NULL,
	 "200", "pages"},
	{"GET", "/api/openapi.json", h_openapi, HTTP_PUBLIC, "this API's OpenAPI 3.1 document",
	 NULL, NULL, "200", "meta"},
	{"POST", "/api/session", h_login, HTTP_PUBLIC | HTTP_NOCSRF,
	 "log in: starts a session (cookie) and returns its CSRF token", NULL, b_login, "201",
	 "session"},
	{"GET", "/api/session", h_session, 0, "the session's account and CSRF token", NULL, NULL,
	 "200", "session"},
	{"DELETE", "/api/session", h_logout, 0, "log out", NULL, NULL, "200", "session"},
	{"POST", "/api/session/password", h_password, 0,
	 "change one's password (ends every session; this one is renewed)", NULL, b_password, "200",
	 "session"},
	{"POST", "/api/session/totp", h_totp_enroll, 0,
	 "set up a second factor: a new key to add to an authenticator app, shown once", NULL,
	 b_totp_enroll, "201", "session"},
	{"POST", "/api/session/totp/confirm", h_totp_confirm, 0,
	 "confirm the new key with a code; from then on logins need a code", NULL, b_totp_confirm,
	 "200", "session"},
	{"DELETE", "/api/session/totp", h_totp_remove, 0, "remove one's second factor", NULL,
	 b_totp_remove, "200", "session"},
	{"DELETE", "/api/accounts/{login}/totp", h_account_totp_remove, HTTP_ADMIN,
	 "remove an account's second factor (a lost device)", NULL, NULL, "200", "accounts"},
	{"GET", "/api/accounts", h_accounts, HTTP_ADMIN, "every account", NULL, NULL, "200",
	 "accounts"},
	{"POST", "/api/accounts", h_account_add, HTTP_ADMIN, "create an account", NULL, b_account,
	 "201", "accounts"},
	{"POST", "/api/accounts/{login}/disabled", h_account_disable, HTTP_ADMIN,
	 "disable or enable an account", NULL, b_disable, "200", "accounts"},
	{"POST", "/api/accounts/{login}/password", h_account_reset, HTTP_ADMIN,
	 "reset an account's password (ends its sessions)", NULL, b_reset, "200", "accounts"},
	{"GET", "/api/catalog", h_catalog_versions, 0, "the catalog versions loaded", NULL, NULL,
	 "200", "catalog"},
	{"GET", "/api/catalog/{version}/items", h_catalog_items, 0, "the items of a version",
	 q_catalog, NULL, "200", "catalog"},
	{"GET", "/api/catalog/{version}/items/{id}", h_catalog_item, 0, "one item", NULL, NULL,
	 "200", "catalog"},
	{"GET", "/api/projects", h_projects, 0, "the projects the caller is a member of", NULL,
	 NULL, "200", "projects"},
	{"POST", "/api/projects", h_project_create, 0,
	 "create a project; the caller becomes the lead of their side", NULL, b_project, "201",
	 "projects"},
	{"GET", P, h_project, PC | HTTP_VIEWER, "a project, and the caller's membership", NULL,
	 NULL, "200", "projects"},
	{"GET", P "/phases", h_phases, PC, "the twelve steps and what each lacks", NULL, NULL,
	 "200", "projects"},
	{"POST", P "/phase", h_phase, PS, "move the project to a step", NULL, b_phase,
	 "201 202 409", "projects"},
	{"GET", P "/members", h_members, PC, "the members", NULL, NULL, "200", "members"},
	{"POST", P "/members", h_member_add, PS, "add or change a member", NULL, b_member,
	 "201 202 409", "members"},
	{"DELETE", P "/members/{person}", h_member_remove, PS, "remove a member", NULL, b_signed,
	 "201 202 409", "members"},
	{"GET", P "/keys", h_keys, PC, "the registered keys", NULL, NULL, "200", "keys"},
	{"GET", P "/keys/pop", h_key_pop, PM, "what a new key signs to prove it is held", q_pop,
	 NULL, "200", "keys"},
	{"POST", P "/keys", h_key_register, PS,
	 "register a key made in the browser (a first key signs its own registration)", NULL, b_key,
	 "201 202 409", "keys"},
	{"POST", P "/keys/{fingerprint}/revoke", h_key_revoke, PS, "revoke a key", NULL, b_revoke,
	 "201 202 409", "keys"},
	{"POST", P "/draft", h_draft, PS, "draft the specification from the pinned catalog", NULL,
	 b_signed, "201 202 409", "decisions"},
	{"GET", P "/requirements", h_requirements, PC, "requirements with their decisions",
	 q_filter, NULL, "200", "decisions"},
	{"POST", P "/decisions", h_decide, PS, "the user's decision on one item or a filter", NULL,
	 b_decide, "201 202 409", "decisions"},
	{"POST", P "/advice", h_advise, PS, "the vendor's advice on one item or a filter", NULL,
	 b_advise, "201 202 409", "decisions"},
	{"POST", P "/approvals", h_approve, PS,
	 "management approves or rejects accepted risks and alternatives", NULL, b_approve,
	 "201 202 409", "decisions"},
	{"GET", P "/assets", h_assets, PC | HTTP_NDA, "information assets and their impact", NULL,
	 NULL, "200", "assets"},
	{"GET", P "/systems", h_systems, PC | HTTP_NDA, "target systems", NULL, NULL, "200",
	 "assets"},
	{"GET", P "/negotiation", h_negotiation, PC | HTTP_NDA,
	 "proposals, costs, candidates, contracts and the other negotiation records", NULL, NULL,
	 "200", "negotiation"},
	{"POST", P "/assets", h_asset_set, PS, "record or replace an information asset", NULL,
	 b_asset, "201 202 409", "assets"},
	{"POST", P "/systems", h_system_set, PS, "record or replace a target system", NULL,
	 b_system, "201 202 409", "assets"},
	{"POST", P "/threats/{technique}", h_threat_set, PS,
	 "the project's own scores of a technique, with the reason", NULL, b_threat, "201 202 409",
	 "catalog"},
	{"POST", P "/minutes", h_minutes_add, PS, "record minutes of a meeting", NULL, b_minutes,
	 "201 202 409", "evidence"},
	{"GET", P "/attachments/{sha256}", h_attachment, PM | HTTP_NDA,
	 "an attachment of the minutes", NULL, NULL, "200", "evidence"},
	{"POST", P "/attachments", h_attachment_put, PM | HTTP_NDA | HTTP_RAW,
	 "store a file (its raw bytes) for minutes to attach; answers {sha256, size}", NULL, NULL,
	 "201", "evidence"},
	{"POST", P "/proposals", h_proposal_add, PS,
	 "the vendor's written advice, warning or FOSS disclosure", NULL, b_proposal, "201 202 409",
	 "negotiation"},
	{"POST", P "/proposals/{id}/answer", h_proposal_answer, PS, "the user's answer", NULL,
	 b_answer, "201 202 409", "negotiation"},
	{"POST", P "/costs", h_cost_set, PS, "who bears a cost", NULL, b_cost, "201 202 409",
	 "negotiation"},
	{"POST", P "/costs/approval", h_cost_approve, PS, "management approves a cost", NULL,
	 b_cost_approve, "201 202 409", "negotiation"},
	{"POST", P "/candidates", h_candidate_add, PS, "a vendor candidate", NULL, b_candidate,
	 "201 202 409", "negotiation"},
	{"POST", P "/candidates/{id}/documents", h_candidate_document, PS,
	 "a document exchanged with a candidate (by hash)", NULL, b_candidate_doc, "201 202 409",
	 "negotiation"},
	{"POST", P "/ndas", h_nda_record, PS, "an NDA with a candidate or the vendor", NULL, b_nda,
	 "201 202 409", "negotiation"},
	{"POST", P "/vendor", h_vendor_select, PS, "select the vendor", NULL, b_vendor,
	 "201 202 409", "negotiation"},
	{"POST", P "/laws", h_law_set, PS, "a law, regulation or guideline binding assets", NULL,
	 b_law, "201 202 409", "negotiation"},
	{"POST", P "/retention", h_retention_set, PS, "how long an asset is kept", NULL,
	 b_retention, "201 202 409", "negotiation"},
	{"POST", P "/contracts", h_contract_set, PS, "operation or maintenance contract terms",
	 NULL, b_contract, "201 202 409", "negotiation"},
	{"POST", P "/contracts/{id}/agree", h_contract_agree, PS,
	 "the other side's lead agrees to a contract", NULL, b_signed, "201 202 409",
	 "negotiation"},
	{"POST", P "/terms", h_terms_acknowledge, PS,
	 "acknowledge that changes after agreement are re-estimated", NULL, b_terms, "201 202 409",
	 "negotiation"},
	{"POST", P "/standards", h_standard_set, PS, "the requirement standard and level", NULL,
	 b_standard, "201 202 409", "negotiation"},
	{"POST", P "/diagnoses", h_diagnosis_add, PS, "a diagnosis, penetration test or review",
	 NULL, b_diagnosis, "201 202 409", "negotiation"},
	{"GET", P "/changes/{id}", h_change_show, PC, "one change request", NULL, NULL, "200",
	 "changes"},
	{"POST", P "/changes/{id}/assess", h_change_assess, PS, "the vendor assesses a change",
	 NULL, b_assess, "201 202 409", "changes"},
	{"POST", P "/changes/{id}/decide", h_change_decide, PS, "the user decides a change", NULL,
	 b_note, "201 202 409", "changes"},
	{"POST", P "/changes/{id}/close", h_change_close, PS, "a lead closes a change", NULL,
	 b_note, "201 202 409", "changes"},
	{"POST", P "/upgrade", h_upgrade, PS, "move the project to a newer catalog version", NULL,
	 b_upgrade, "201 202 409", "changes"},
	{"GET", P "/rules", h_rules, PC, "the project's rule version and a pending move", NULL,
	 NULL, "200", "projects"},
	{"POST", P "/rules", h_rules_move, PS, "propose or accept newer rules", NULL, b_rules,
	 "201 202 409", "projects"},
	/* components and vulnerabilities (api_sbom.c): the SBOM is the vendor's
	 * disclosure, read by every member without an NDA; the findings and the
	 * register depend on the advisories held, so they are not cached */
	{"GET", P "/sbom", h_sbom_versions, PC, "the SBOM versions the vendor disclosed", NULL,
	 NULL, "200", "components"},
	{"GET", P "/sbom/diff", h_sbom_diff, PC, "what changed from one SBOM version to another",
	 q_sbom_diff, NULL, "200", "components"},
	{"GET", P "/sbom/{n}", h_sbom_show, PC,
	 "one SBOM version (a number, or latest): components, licences and the policy's verdicts",
	 NULL, NULL, "200", "components"},
	{"POST", P "/sbom/policy", h_sbom_policy, PS, "the user side's licence policy", NULL,
	 b_sbom_policy, "201 202 409", "components"},
	{"GET", P "/vulns", h_vuln_register, PM,
	 "the vulnerability register: each finding recorded, its analysis, decision and approval",
	 NULL, NULL, "200", "components"},
	{"GET", P "/vulns/match", h_vuln_match, PM,
	 "the findings: the newest SBOM's components against the advisories held", NULL, NULL,
	 "200", "components"},
	{"POST", P "/vulns/notice", h_vuln_notice, PS, "record a finding as found", NULL,
	 b_vuln_notice, "201 202 409", "components"},
	{"POST", P "/vulns/analysis", h_vuln_analysis, PS,
	 "the vendor's analysis of a vulnerability (a VEX statement)", NULL, b_vuln_analysis,
	 "201 202 409", "components"},
	{"POST", P "/vulns/decision", h_vuln_decision, PS,
	 "the user side accepts or rejects the vendor's analysis", NULL, b_vuln_decision,
	 "201 202 409", "components"},
	{"POST", P "/vulns/approval", h_vuln_approval, PS,
	 "management approves or rejects accepting an exploitable vulnerability", NULL,
	 b_vuln_approval, "201 202 409", "components"},
	/* acceptance and switchover (rules 6): host check runs are recorded
	 * with the command line (secspec check --record), which reads the host */
	{"GET", P "/acceptance", h_acceptance, PC | HTTP_VIEWER,
	 "acceptance and switchover: each host's newest check run, each implemented item's "
	 "verification, the accepted risks, the switchover checklist and the milestones of a "
	 "stage (without an NDA, what hosts showed is withheld)",
	 NULL, NULL, "200", "acceptance"},
	{"POST", P "/acceptance/verifications", h_verify_record, PS,
	 "a named verification of an implemented item or a switchover checklist entry", NULL,
	 b_verify, "201 202 409", "acceptance"},
	{"GET", P "/milestones", h_milestones, PC, "milestones and who has signed", NULL, NULL,
	 "200", "evidence"},
	{"POST", P "/milestones/{milestone}/sign", h_agree, PS,
	 "sign a milestone (opening it if it is not open yet)", NULL, b_agree, "201 202 409",
	 "evidence"},
	{"GET", P "/minutes", h_minutes, PC, "minutes of meetings", NULL, NULL, "200", "evidence"},
	{"GET", P "/changes", h_changes, PC, "change requests", q_changes, NULL, "200", "changes"},
	{"GET", P "/coverage", h_coverage, PC, "ATT&CK coverage of the decisions", NULL, NULL,
	 "200", "catalog"},
	{"GET", P "/lint", h_lint, PM, "completeness and evidence checks", NULL, NULL, "200",
	 "evidence"},
	{"GET", P "/spec", h_spec, PC | HTTP_VIEWER,
	 "the security specification as this member may read it", q_spec, NULL, "200", "documents"},
	{"GET", P "/events", h_events, PM,
	 "live updates: Server-Sent Events of the log's head as it moves", NULL, NULL, "200",
	 "log"},
	{"GET", P "/log", h_log, PC | HTTP_VIEWER,
	 "every event of the log (without an NDA in force, the details it discloses withheld)",
	 NULL, NULL, "200", "log"},
	{"GET", P "/log/head", h_head, PC, "the Merkle tree head of the log", NULL, NULL, "200",
	 "log"},
	{"GET", P "/log/consistency", h_consistency, PM,
	 "proof that the newer tree extends the older", q_consistency, NULL, "200", "log"},
	{"GET", P "/log/verify", h_verify, PC, "verify the log with the rule book", NULL, NULL,
	 "200", "log"},
	/* signed tree heads and sync (api_log.c) */
	{"GET", P "/log/signed-head", http_log_signed_head, PM,
	 "the log's head signed with the server's key (503 without one)", NULL, NULL, "200", "log"},
	{"GET", P "/log/events", http_log_events, PM | HTTP_NDA,
	 "stored events and signatures, as sync copies them", http_q_log_events, NULL, "200",
	 "log"},
	{"POST", P "/log/witness", http_log_witness, PM,
	 "the caller's synced copy agrees with a signed head", NULL, http_b_log_witness, "201",
	 "log"},
	{"GET", P "/log/witnesses", http_log_witnesses, PM,
	 "per member, the signed head their copy last agreed with", NULL, NULL, "200", "log"},
	{"GET", P "/evidence", h_evidence, PM | HTTP_NDA,
	 "the evidence bundle (tar.gz) that secspec verify checks offline", NULL, NULL, "200",
	 "evidence"},
};

const size_t http_nroutes = sizeof(http_routes) / sizeof(http_routes[0]);
