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

#include "http.h"

/* ---- shared field lists ---- */

/* The fields every signed change may carry: the second request of the
 * proposal protocol (propose.c). */
#define F_SIGNED                                                                                   \
	{"time", HF_STRING, false, 32, NULL, "the time of the proposal being signed"},            \
		{"fingerprint", HF_STRING, false, 64, NULL, "the key that signs"},                 \
	{                                                                                          \
		"signatures", HF_STRINGS, false, 1000, NULL,                                       \
			"hex Ed25519 signatures of the proposed bodies, in order"                  \
	}

#define F_FILTER                                                                                   \
	{"section", HF_STRING, false, 64, "secure-coding|default|detailed|attack",                \
	 "only items of this section"},                                                            \
		{"platform", HF_STRING, false, 64, NULL, "only items of this platform"},           \
		{"category", HF_STRING, false, 64, NULL, "only items of this category"},           \
	{                                                                                          \
		"technique", HF_STRING, false, 32, NULL, "only items against this technique"      \
	}

static const char *login_of(const http_req *rq)
{
	return json_string_value(json_object_get(rq->account, "login"));
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

	if ((error = ss_session_start(token, csrf, rq->st, json_string_value(json_object_get(
								  account, "login")),
				      NULL, rq->now)) < 0)
		return error;
	set_session_cookie(rs, rq, token);
	memset(token, 0, sizeof(token));
	return http_json(rs, status,
			 json_pack("{s:O, s:O, s:O, s:s}", "login", json_object_get(account, "login"),
				   "name", json_object_get(account, "name"), "admin",
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
	error = ss_account_login(&account, rq->st, http_str(rq, "login"), http_str(rq, "password"),
				 rq->now);
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
	json_t *out;
	int error;

	if ((error = ss_session_csrf(csrf, rq->st, rq->token, rq->now)) < 0)
		return error;
	out = json_deep_copy(rq->account);
	json_object_set_new(out, "csrf", json_string(csrf));
	return http_json(rs, 200, out);
}

static int h_logout(http_req *rq, http_resp *rs)
{
	int error;

	if ((error = ss_session_end(rq->st, rq->token)) < 0)
		return error;
	http_header(rs, "Set-Cookie", "secspec_session=; Path=/; Max-Age=0; HttpOnly; "
				      "SameSite=Strict%s",
		    rq->opt->secure ? "; Secure" : "");
	return http_json(rs, 200, json_pack("{s:b}", "ended", 1));
}

static int h_password(http_req *rq, http_resp *rs)
{
	int error;

	error = ss_account_password(rq->st, login_of(rq), http_str(rq, "old"),
				    http_str(rq, "password"), rq->now);
	if (error == SS_EPERM)
		return http_fail(rs, 403, "%s", ss_error_last());
	if (error < 0)
		return error;
	/* every session ended with the change; this page gets a new one */
	return start_session(rq, rs, rq->account, 200);
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
	ss_account_new a = {http_str(rq, "login"), http_str(rq, "name"),
			    http_str(rq, "password"), http_bool(rq, "admin", false)};
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
	return http_json(rs, 200, json_pack("{s:s, s:b}", "login", rq->params[0], "disabled",
					    disabled));
}

/* ---- projects ---- */

static bool is_member(ss_store *st, const char *project, const char *login)
{
	json_t *members = NULL, *m;
	bool yes = false;
	size_t i;

	if (ss_member_list(&members, st, project) < 0)
		return false;
	json_array_foreach(members, i, m) {
		if (strcmp(json_string_value(json_object_get(m, "person")) ?: "", login) == 0 &&
		    json_is_true(json_object_get(m, "active")))
			yes = true;
	}
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

		if (name && is_member(rq->st, name, login_of(rq)))
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
		.by = login_of(rq),
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

	if ((error = ss_store_check_state(rq->st, rq->params[0])) < 0 ||
	    (error = ss_spec_model(&model, rq->st, rq->params[0])) < 0)
		return error;
	if ((error = ss_spec_model_redact(model, login_of(rq))) < 0)
		goto out;
	ss_buf_clear(&rs->body);
	if ((error = ss_render(&rs->body, model, format, lang)) < 0)
		goto out;
	rs->status = 200;
	rs->ctype = strcmp(format, "html") == 0	 ? "text/html; charset=utf-8"
		    : strcmp(format, "md") == 0	 ? "text/markdown; charset=utf-8"
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
			     http_str(rq, "role"), http_str(rq, "name"), login_of(rq));
}

static int c_member_remove(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_member_remove(rq->st, rq->params[0], rq->params[1], login_of(rq));
}

static int c_key_register(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_key_register_public(rq->st, rq->params[0], login_of(rq),
				      http_str(rq, "public_key"), http_str(rq, "pop"));
}

static int c_key_revoke(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_key_revoke(rq->st, rq->params[0], rq->params[1], http_str(rq, "reason"),
			     login_of(rq));
}

static int c_draft(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_spec_draft(out, rq->st, rq->params[0], login_of(rq));
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
			 http_bool(rq, "open_only", false), &in, login_of(rq));
}

static int c_advise(json_t **out, http_req *rq, void *ctx)
{
	ss_filter f = {0};

	(void)ctx;
	filter_of(rq, &f, false);
	return ss_advise(out, rq->st, rq->params[0], http_str(rq, "item"), &f,
			 http_str(rq, "note"), login_of(rq));
}

static int c_approve(json_t **out, http_req *rq, void *ctx)
{
	ss_filter f = {0};

	(void)ctx;
	filter_of(rq, &f, false);
	return ss_approve(out, rq->st, rq->params[0], http_str(rq, "item"), &f,
			  strcmp(http_str(rq, "verdict"), "approve") == 0, http_str(rq, "note"),
			  login_of(rq));
}

static int c_agree(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_agree_parties(out, rq->st, rq->params[0], rq->params[1],
				http_str(rq, "parties"), login_of(rq));
}

static int c_phase(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_project_phase_set(rq->st, rq->params[0], (int)http_int(rq, "step", 0),
				    login_of(rq), http_bool(rq, "force", false),
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
	    (error = ss_key_pop_message(&msg, rq->params[0], login_of(rq),
					ss_key_fingerprint(k))) < 0)
		goto out;
	http_json(rs, 200,
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
	{"format", HF_STRING, false, 8, "json|md|html", "the form of the document"},
	{"doclang", HF_STRING, false, 2, "ja|en", "the language of the document"},
	HTTP_FIELDS_END};
static const http_field q_pop[] = {
	{"public_key", HF_STRING, true, 64, NULL, "the new key's raw Ed25519 public key, hex"},
	HTTP_FIELDS_END};

static const http_field b_login[] = {
	{"login", HF_STRING, true, SS_LOGIN_MAX, NULL, "the login name"},
	{"password", HF_STRING, true, SS_PASSWORD_MAX, NULL, "the password"},
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
	{"role", HF_STRING, true, 16,
	 "lead|member|management|auditor|operations|provider|expert", "their role"},
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
	{"reason", HF_STRING, true, 2000, NULL, "why the key may no longer sign"}, F_SIGNED,
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

#define P "/api/projects/{p}"
#define PM (HTTP_PROJECT)
#define PS (HTTP_PROJECT | HTTP_SIGNED)

const http_route http_routes[] = {
	{"GET", "/api/openapi.json", h_openapi, HTTP_PUBLIC, "this API's OpenAPI 3.1 document",
	 NULL, NULL, "200", "meta"},
	{"POST", "/api/session", h_login, HTTP_PUBLIC | HTTP_NOCSRF,
	 "log in: starts a session (cookie) and returns its CSRF token", NULL, b_login, "201",
	 "session"},
	{"GET", "/api/session", h_session, 0, "the session's account and CSRF token", NULL, NULL,
	 "200", "session"},
	{"DELETE", "/api/session", h_logout, 0, "log out", NULL, NULL, "200", "session"},
	{"POST", "/api/session/password", h_password, 0,
	 "change one's password (ends every session; this one is renewed)", NULL, b_password,
	 "200", "session"},
	{"GET", "/api/accounts", h_accounts, HTTP_ADMIN, "every account", NULL, NULL, "200",
	 "accounts"},
	{"POST", "/api/accounts", h_account_add, HTTP_ADMIN, "create an account", NULL, b_account,
	 "201", "accounts"},
	{"POST", "/api/accounts/{login}/disabled", h_account_disable, HTTP_ADMIN,
	 "disable or enable an account", NULL, b_disable, "200", "accounts"},
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
	{"GET", P, h_project, PM, "a project, and the caller's membership", NULL, NULL, "200",
	 "projects"},
	{"GET", P "/phases", h_phases, PM, "the twelve steps and what each lacks", NULL, NULL,
	 "200", "projects"},
	{"POST", P "/phase", h_phase, PS, "move the project to a step", NULL, b_phase,
	 "201 202 409", "projects"},
	{"GET", P "/members", h_members, PM, "the members", NULL, NULL, "200", "members"},
	{"POST", P "/members", h_member_add, PS, "add or change a member", NULL, b_member,
	 "201 202 409", "members"},
	{"DELETE", P "/members/{person}", h_member_remove, PS, "remove a member", NULL, b_signed,
	 "201 202 409", "members"},
	{"GET", P "/keys", h_keys, PM, "the registered keys", NULL, NULL, "200", "keys"},
	{"GET", P "/keys/pop", h_key_pop, PM, "what a new key signs to prove it is held", q_pop,
	 NULL, "200", "keys"},
	{"POST", P "/keys", h_key_register, PS,
	 "register a key made in the browser (a first key signs its own registration)", NULL,
	 b_key, "201 202 409", "keys"},
	{"POST", P "/keys/{fingerprint}/revoke", h_key_revoke, PS, "revoke a key", NULL,
	 b_revoke, "201 202 409", "keys"},
	{"POST", P "/draft", h_draft, PS, "draft the specification from the pinned catalog",
	 NULL, b_signed, "201 202 409", "decisions"},
	{"GET", P "/requirements", h_requirements, PM, "requirements with their decisions",
	 q_filter, NULL, "200", "decisions"},
	{"POST", P "/decisions", h_decide, PS, "the user's decision on one item or a filter",
	 NULL, b_decide, "201 202 409", "decisions"},
	{"POST", P "/advice", h_advise, PS, "the vendor's advice on one item or a filter", NULL,
	 b_advise, "201 202 409", "decisions"},
	{"POST", P "/approvals", h_approve, PS,
	 "management approves or rejects accepted risks and alternatives", NULL, b_approve,
	 "201 202 409", "decisions"},
	{"GET", P "/assets", h_assets, PM, "information assets and their impact", NULL, NULL,
	 "200", "assets"},
	{"GET", P "/systems", h_systems, PM, "target systems", NULL, NULL, "200", "assets"},
	{"GET", P "/negotiation", h_negotiation, PM,
	 "proposals, costs, candidates, contracts and the other negotiation records", NULL, NULL,
	 "200", "negotiation"},
	{"GET", P "/milestones", h_milestones, PM, "milestones and who has signed", NULL, NULL,
	 "200", "evidence"},
	{"POST", P "/milestones/{milestone}/sign", h_agree, PS,
	 "sign a milestone (opening it if it is not open yet)", NULL, b_agree, "201 202 409",
	 "evidence"},
	{"GET", P "/minutes", h_minutes, PM, "minutes of meetings", NULL, NULL, "200",
	 "evidence"},
	{"GET", P "/changes", h_changes, PM, "change requests", q_changes, NULL, "200",
	 "changes"},
	{"GET", P "/coverage", h_coverage, PM, "ATT&CK coverage of the decisions", NULL, NULL,
	 "200", "catalog"},
	{"GET", P "/lint", h_lint, PM, "completeness and evidence checks", NULL, NULL, "200",
	 "evidence"},
	{"GET", P "/spec", h_spec, PM, "the security specification as this member may read it",
	 q_spec, NULL, "200", "documents"},
	{"GET", P "/log", h_log, PM, "every event of the log", NULL, NULL, "200", "log"},
	{"GET", P "/log/head", h_head, PM, "the Merkle tree head of the log", NULL, NULL, "200",
	 "log"},
	{"GET", P "/log/consistency", h_consistency, PM,
	 "proof that the newer tree extends the older", q_consistency, NULL, "200", "log"},
	{"GET", P "/log/verify", h_verify, PM, "verify the log with the rule book", NULL, NULL,
	 "200", "log"},
	{"GET", P "/evidence", h_evidence, PM,
	 "the evidence bundle (tar.gz) that secspec verify checks offline", NULL, NULL, "200",
	 "evidence"},
};

const size_t http_nroutes = sizeof(http_routes) / sizeof(http_routes[0]);
