/*
 * The signed changes of the negotiation, the assessment, the minutes and
 * change management: each one fills the library's request struct from the
 * checked body and calls it as the logged-in person, inside the proposal
 * protocol (propose.c). The fields each accepts are in routes.c.
 */
#include <stdlib.h>
#include <string.h>

#include "api_write.h"
#include "secspec/check.h"

/* Up to three array fields of the body: each as an array of strings
 * borrowed from the body (malloc'd, NULL when absent or empty). */
typedef struct {
	const char **v[3];
	size_t n[3];
} lists;

static int lists_get(lists *l, const http_req *rq, const char *const names[3])
{
	size_t k, i;

	memset(l, 0, sizeof(*l));
	for (k = 0; k < 3 && names[k]; k++) {
		const json_t *a = rq->body ? json_object_get(rq->body, names[k]) : NULL;
		const json_t *v;

		if (!a || json_array_size(a) == 0)
			continue;
		if (!(l->v[k] = calloc(json_array_size(a), sizeof(*l->v[k]))))
			return ss_error_set(SS_ENOMEM, "out of memory");
		json_array_foreach(a, i, v)
			l->v[k][i] = json_string_value(v);
		l->n[k] = json_array_size(a);
	}
	return 0;
}

static void lists_free(lists *l)
{
	size_t k;

	for (k = 0; k < 3; k++)
		free(l->v[k]);
}

/* A document the browser hashed: {name, sha256, size} in the fields
 * prefix_name, prefix_sha256, prefix_size. */
static int document_of(const http_req *rq, const char *prefix, ss_document *doc, bool *given)
{
	char f_name[64], f_sha[64], f_size[64];
	const char *name, *sha;
	int64_t size;

	snprintf(f_name, sizeof(f_name), "%s_name", prefix);
	snprintf(f_sha, sizeof(f_sha), "%s_sha256", prefix);
	snprintf(f_size, sizeof(f_size), "%s_size", prefix);
	name = http_str(rq, f_name);
	sha = http_str(rq, f_sha);
	size = http_int(rq, f_size, -1);
	*given = name || sha || size >= 0;
	if (!*given)
		return 0;
	if (!name || !sha || size < 0)
		return ss_error_set(SS_EINVAL, _("body: %s, %s and %s go together"), f_name, f_sha,
				    f_size);
	if (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64)
		return ss_error_set(SS_EINVAL,
				    _("body: %s must be 64 lowercase hex characters (SHA-256)"),
				    f_sha);
	if (size > SS_DOCUMENT_MAX)
		return ss_error_set(SS_ELIMIT, _("body: %s is larger than the largest document"),
				    f_size);
	memset(doc, 0, sizeof(*doc));
	doc->name = name;
	memcpy(doc->sha256, sha, 65);
	doc->size = size;
	return 0;
}

/* ---- assessment ---- */

static int c_asset(json_t **out, http_req *rq, void *ctx)
{
	ss_asset_input in = {
		.id = http_str(rq, "id"),
		.kind = http_str(rq, "kind"),
		.label = http_str(rq, "label"),
		.name = http_str(rq, "name"),
		.system = http_str(rq, "system"),
		.impact = {(int)http_int(rq, "duration", 0), (int)http_int(rq, "reach", 0),
			   (int)http_int(rq, "damage", 0), (int)http_int(rq, "trust", 0)},
		.supersede = http_bool(rq, "supersede", false),
	};
	static const char *const names[3] = {"devices", "answer_ids", "answers"};
	lists l;
	int error;

	(void)ctx;
	if ((error = lists_get(&l, rq, names)) < 0)
		goto out;
	if (l.n[1] != l.n[2]) {
		error = ss_error_set(SS_EINVAL,
				     _("body: answer_ids and answers must have as many entries"));
		goto out;
	}
	in.devices = l.v[0];
	in.ndevices = l.n[0];
	in.answer_ids = l.v[1];
	in.answers = l.v[2];
	in.nanswers = l.n[2];
	error = ss_asset_set(out, rq->st, rq->params[0], &in, http_login(rq));
out:
	lists_free(&l);
	return error;
}

static int c_system(json_t **out, http_req *rq, void *ctx)
{
	ss_system_input in = {
		.name = http_str(rq, "name"),
		.supersede = http_bool(rq, "supersede", false),
		.legacy = http_str(rq, "legacy"),
		.compensating = http_str(rq, "compensating"),
	};
	static const char *const names[3] = {"devices", "policies", "implementations"};
	lists l;
	int error;

	(void)ctx;
	if ((error = lists_get(&l, rq, names)) < 0)
		goto out;
	if (l.n[1] != l.n[2]) {
		error = ss_error_set(
			SS_EINVAL,
			_("body: policies and implementations must have as many entries"));
		goto out;
	}
	in.devices = l.v[0];
	in.ndevices = l.n[0];
	in.policies = l.v[1];
	in.implementations = l.v[2];
	in.nmeasures = l.n[1];
	error = ss_system_set(out, rq->st, rq->params[0], &in, http_login(rq));
out:
	lists_free(&l);
	return error;
}

/* ---- minutes ---- */

static int c_minutes(json_t **out, http_req *rq, void *ctx)
{
	ss_minutes_input in = {.date = http_str(rq, "date"), .title = http_str(rq, "title")};
	static const char *const names[3] = {"attendees", "topics", "items"};
	/* files uploaded before, by reference (checked by the route: at most 64) */
	const json_t *files = json_object_get(rq->body, "attachments"), *f;
	ss_attachment_ref refs[64];
	size_t i;
	lists l;
	int error;

	(void)ctx;
	json_array_foreach(files, i, f) {
		if (i >= sizeof(refs) / sizeof(refs[0]))
			return ss_error_set(SS_ELIMIT, _("at most %zu attachments"),
					    sizeof(refs) / sizeof(refs[0]));
		refs[i].name = json_string_value(json_object_get(f, "name"));
		refs[i].sha256 = json_string_value(json_object_get(f, "sha256"));
	}
	in.attached = refs;
	in.nattached = json_array_size(files);
	if ((error = lists_get(&l, rq, names)) == 0) {
		in.attendees = l.v[0];
		in.nattendees = l.n[0];
		in.topics = l.v[1];
		in.ntopics = l.n[1];
		in.items = l.v[2];
		in.nitems = l.n[2];
		error = ss_minutes_add(out, rq->st, rq->params[0], &in, http_login(rq));
	}
	lists_free(&l);
	return error;
}

/* ---- negotiation ---- */

static int c_proposal(json_t **out, http_req *rq, void *ctx)
{
	ss_proposal_input in = {
		.kind = http_str(rq, "kind"),
		.title = http_str(rq, "title"),
		.text = http_str(rq, "text"),
		.item = http_str(rq, "item"),
		.component = http_str(rq, "component"),
		.version = http_str(rq, "version"),
		.licence = http_str(rq, "licence"),
		.defects = http_str(rq, "defects"),
	};

	(void)ctx;
	return ss_proposal_add(out, rq->st, rq->params[0], &in, http_login(rq));
}

static int c_proposal_answer(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_proposal_answer(out, rq->st, rq->params[0], rq->params[1], http_str(rq, "answer"),
				  http_str(rq, "reason"), http_bool(rq, "supersede", false),
				  http_login(rq));
}

static int c_cost(json_t **out, http_req *rq, void *ctx)
{
	ss_cost_input in = {
		.on = http_str(rq, "on"),
		.ref = http_str(rq, "ref"),
		.bearer = http_str(rq, "bearer"),
		.basis = http_str(rq, "basis"),
		.share = http_str(rq, "share"),
		.has_amount = http_int(rq, "amount", -1) >= 0,
		.amount = http_int(rq, "amount", 0),
		.currency = http_str(rq, "currency"),
		.supersede = http_bool(rq, "supersede", false),
	};

	(void)ctx;
	return ss_cost_set(out, rq->st, rq->params[0], &in, http_login(rq));
}

static int c_cost_approve(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_cost_approve(out, rq->st, rq->params[0], http_str(rq, "on"), http_str(rq, "ref"),
			       strcmp(http_str(rq, "verdict"), "approve") == 0,
			       http_str(rq, "note"), http_login(rq));
}

static int c_candidate(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_candidate_add(out, rq->st, rq->params[0], http_str(rq, "id"), http_str(rq, "org"),
				http_login(rq));
}

static int c_candidate_document(json_t **out, http_req *rq, void *ctx)
{
	ss_document doc;
	bool given;
	int error;

	(void)ctx;
	if ((error = document_of(rq, "document", &doc, &given)) < 0)
		return error;
	if (!given)
		return ss_error_set(SS_EINVAL, _("body: the document is required"));
	return ss_candidate_document(out, rq->st, rq->params[0], rq->params[1],
				     http_str(rq, "kind"), &doc, http_login(rq));
}

static int c_nda(json_t **out, http_req *rq, void *ctx)
{
	ss_document doc;
	bool given;
	int error;

	(void)ctx;
	if ((error = document_of(rq, "document", &doc, &given)) < 0)
		return error;
	if (!given)
		return ss_error_set(SS_EINVAL, _("body: the document is required"));
	return ss_nda_record(out, rq->st, rq->params[0], http_str(rq, "party"),
			     http_str(rq, "date"), &doc, http_str(rq, "title"),
			     http_str(rq, "expires"), http_bool(rq, "supersede", false),
			     http_login(rq));
}

static int c_vendor(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_vendor_select(out, rq->st, rq->params[0], http_str(rq, "candidate"),
				http_str(rq, "reason"), http_login(rq));
}

static int c_law(json_t **out, http_req *rq, void *ctx)
{
	ss_law_input in = {
		.id = http_str(rq, "id"),
		.title = http_str(rq, "title"),
		.kind = http_str(rq, "kind"),
		.authority = http_str(rq, "authority"),
		.duties = http_str(rq, "duties"),
		.review_by = http_str(rq, "review_by"),
		.supersede = http_bool(rq, "supersede", false),
	};
	static const char *const names[3] = {"assets", NULL, NULL};
	lists l;
	int error;

	(void)ctx;
	if ((error = lists_get(&l, rq, names)) == 0) {
		in.assets = l.v[0];
		in.nassets = l.n[0];
		error = ss_law_set(out, rq->st, rq->params[0], &in, http_login(rq));
	}
	lists_free(&l);
	return error;
}

static int c_retention(json_t **out, http_req *rq, void *ctx)
{
	ss_retention_input in = {
		.asset = http_str(rq, "asset"),
		.keep = http_bool(rq, "keep", false),
		.period = http_str(rq, "period"),
		.method = http_str(rq, "method"),
		.reason = http_str(rq, "reason"),
		.supersede = http_bool(rq, "supersede", false),
	};

	(void)ctx;
	return ss_retention_set(out, rq->st, rq->params[0], &in, http_login(rq));
}

static int c_contract(json_t **out, http_req *rq, void *ctx)
{
	ss_contract_input in = {
		.id = http_str(rq, "id"),
		.kind = http_str(rq, "kind"),
		.title = http_str(rq, "title"),
		.sla = http_str(rq, "sla"),
		.diagnosis = http_str(rq, "diagnosis"),
		.incident = http_str(rq, "incident"),
		.supersede = http_bool(rq, "supersede", false),
	};
	ss_document doc;
	bool given;
	int error;

	(void)ctx;
	if ((error = document_of(rq, "document", &doc, &given)) < 0)
		return error;
	in.document = given ? &doc : NULL;
	return ss_contract_set(out, rq->st, rq->params[0], &in, http_login(rq));
}

static int c_contract_agree(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_contract_agree(out, rq->st, rq->params[0], rq->params[1], http_login(rq));
}

static int c_terms(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_terms_acknowledge(out, rq->st, rq->params[0], http_str(rq, "text"),
				    http_login(rq));
}

static int c_standard(json_t **out, http_req *rq, void *ctx)
{
	ss_standard_input in = {
		.standard = http_str(rq, "standard"),
		.version = http_str(rq, "version"),
		.level = (int)http_int(rq, "level", -1),
		.note = http_str(rq, "note"),
		.supersede = http_bool(rq, "supersede", false),
	};

	(void)ctx;
	return ss_standard_set(out, rq->st, rq->params[0], &in, http_login(rq));
}

static int c_diagnosis(json_t **out, http_req *rq, void *ctx)
{
	ss_diagnosis_input in = {
		.kind = http_str(rq, "kind"),
		.standard = http_str(rq, "standard"),
		.date = http_str(rq, "date"),
		.result = http_str(rq, "result"),
		.contract = http_str(rq, "contract"),
	};
	ss_document doc;
	bool given;
	int error;

	(void)ctx;
	if ((error = document_of(rq, "report", &doc, &given)) < 0)
		return error;
	in.report = given ? &doc : NULL;
	return ss_diagnosis_add(out, rq->st, rq->params[0], &in, http_login(rq));
}

/* ---- changes, threats, rules ---- */

static int c_change(json_t **out, http_req *rq, void *ctx)
{
	const char *step = ctx;

	(void)out;
	if (strcmp(step, "assess") == 0)
		return ss_change_assess(rq->st, rq->params[0], rq->params[1], http_str(rq, "note"),
					http_str(rq, "reestimate"), http_login(rq));
	if (strcmp(step, "decide") == 0)
		return ss_change_decide(rq->st, rq->params[0], rq->params[1], http_str(rq, "note"),
					http_login(rq));
	return ss_change_close(rq->st, rq->params[0], rq->params[1], http_str(rq, "note"),
			       http_login(rq));
}

static int c_threat(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	(void)out;
	return ss_threat_score(rq->st, rq->params[0], rq->params[1],
			       (int)http_int(rq, "incident", 0), (int)http_int(rq, "ease", 0),
			       http_str(rq, "reason"), http_login(rq));
}

static int c_rules(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_project_rules_move(out, rq->st, rq->params[0], (int)http_int(rq, "to", 0),
				     http_login(rq));
}

static int c_upgrade(json_t **out, http_req *rq, void *ctx)
{
	(void)ctx;
	return ss_project_upgrade(out, rq->st, rq->params[0], http_str(rq, "to"), http_login(rq));
}

#define SIGNED(fn, change, ctx)                                                                    \
	int fn(http_req *rq, http_resp *rs)                                                        \
	{                                                                                          \
		return http_with_proposal(rq, rs, change, ctx);                                    \
	}

SIGNED(h_asset_set, c_asset, NULL)
SIGNED(h_system_set, c_system, NULL)
SIGNED(h_minutes_add, c_minutes, NULL)
SIGNED(h_proposal_add, c_proposal, NULL)
SIGNED(h_proposal_answer, c_proposal_answer, NULL)
SIGNED(h_cost_set, c_cost, NULL)
SIGNED(h_cost_approve, c_cost_approve, NULL)
SIGNED(h_candidate_add, c_candidate, NULL)
SIGNED(h_candidate_document, c_candidate_document, NULL)
SIGNED(h_nda_record, c_nda, NULL)
SIGNED(h_vendor_select, c_vendor, NULL)
SIGNED(h_law_set, c_law, NULL)
SIGNED(h_retention_set, c_retention, NULL)
SIGNED(h_contract_set, c_contract, NULL)
SIGNED(h_contract_agree, c_contract_agree, NULL)
SIGNED(h_terms_acknowledge, c_terms, NULL)
SIGNED(h_standard_set, c_standard, NULL)
SIGNED(h_diagnosis_add, c_diagnosis, NULL)
SIGNED(h_change_assess, c_change, "assess")
SIGNED(h_change_decide, c_change, "decide")
SIGNED(h_change_close, c_change, "close")
SIGNED(h_threat_set, c_threat, NULL)
SIGNED(h_rules_move, c_rules, NULL)
SIGNED(h_upgrade, c_upgrade, NULL)

/* A named verification (rules 6): an implemented item no machine checks, or
 * an entry of the switchover checklist; its report, if any, by hash. */
static int c_verify(json_t **out, http_req *rq, void *ctx)
{
	ss_verify_input in = {
		.subject = http_str(rq, "subject"),
		.method = http_str(rq, "method"),
		.result = http_str(rq, "result"),
		.detail = http_str(rq, "detail"),
		.host = http_str(rq, "host"),
		.supersede = http_bool(rq, "supersede", false),
	};
	ss_document doc;
	bool given;
	int error;

	(void)ctx;
	if ((error = document_of(rq, "evidence", &doc, &given)) < 0)
		return error;
	if (given)
		in.evidence = &doc;
	return ss_verify_record(out, rq->st, rq->params[0], &in, http_login(rq));
}

SIGNED(h_verify_record, c_verify, NULL)

/* ---- reads ---- */

void http_acceptance_withhold(json_t *rep)
{
	static const char *const run_keys[] = {"path", "note"};
	static const char *const fail_keys[] = {"seen", "expected"};
	const char *k;
	json_t *v, *e;
	size_t i, j;

	json_object_foreach(json_object_get(rep, "hosts"), k, v) {
		for (j = 0; j < sizeof(run_keys) / sizeof(run_keys[0]); j++)
			if (json_object_get(v, run_keys[j]))
				json_object_set_new(v, run_keys[j], json_null());
		json_array_foreach(json_object_get(v, "failures"), i, e)
			for (j = 0; j < sizeof(fail_keys) / sizeof(fail_keys[0]); j++)
				json_object_set_new(e, fail_keys[j], json_null());
	}
	json_object_foreach(json_object_get(rep, "verified"), k, v)
		json_object_set_new(v, "detail", json_null());
	json_array_foreach(json_object_get(rep, "items"), i, e)
		if (json_object_get(e, "verification"))
			json_object_set_new(json_object_get(e, "verification"), "detail",
					    json_null());
	json_object_set_new(rep, "withheld", json_pack("{s:s}", "until", "nda"));
}

int h_acceptance(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_acceptance_show(&out, rq->st, rq->params[0])) < 0)
		return error;
	if (!json_is_true(json_object_get(rq->member, "discloses")))
		http_acceptance_withhold(out);
	return http_json(rs, 200, out);
}

int h_change_show(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_change_show(&out, rq->st, rq->params[0], rq->params[1])) < 0)
		return error;
	return http_json(rs, 200, out);
}

int h_rules(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_project_rules(&out, rq->st, rq->params[0])) < 0)
		return error;
	return http_json(rs, 200, out);
}

/* An attachment of one of the project's minutes: a hash this project's
 * minutes do not carry answers like one that does not exist, so that a
 * member of one project cannot probe another's files. */
int h_attachment(http_req *rq, http_resp *rs)
{
	json_t *minutes = NULL, *m, *a;
	const char *name = NULL;
	char ascii[201], pct[604];
	bool found = false;
	size_t i, k, na = 0, np = 0;
	int error;

	if ((error = ss_minutes_list(&minutes, rq->st, rq->params[0])) < 0)
		return error;
	/* each record of the list is {id, seq, body}: the minutes are its body */
	json_array_foreach(minutes, i, m) {
		json_array_foreach(json_object_get(json_object_get(m, "body"), "attachments"), k,
				   a) {
			const char *sha = json_string_value(json_object_get(a, "sha256"));

			if (sha && strcmp(sha, rq->params[1]) == 0 && !found) {
				found = true;
				name = json_string_value(json_object_get(a, "name"));
			}
		}
	}
	/* saved under the name the minutes give it (RFC 6266: an ASCII
	 * fallback, and the UTF-8 name percent-encoded), else its hash */
	for (k = 0; name && name[k] && na < sizeof(ascii) - 1; k++) {
		unsigned char ch = (unsigned char)name[k];

		if (ch >= 0x80 && ch < 0xC0)
			continue; /* one _ per character, not per byte */
		ascii[na++] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
					      (ch >= '0' && ch <= '9') || strchr("-._ ()", ch)
				      ? (char)ch
				      : '_';
	}
	ascii[na] = '\0';
	for (k = 0; name && name[k] && np + 3 < sizeof(pct); k++) {
		unsigned char ch = (unsigned char)name[k];

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch))
			pct[np++] = (char)ch;
		else
			np += (size_t)snprintf(pct + np, sizeof(pct) - np, "%%%02X", ch);
	}
	pct[np] = '\0';
	if (!found) {
		json_decref(minutes);
		return http_not_found(rs);
	}
	ss_buf_clear(&rs->body);
	if ((error = ss_attachment_get(&rs->body, rq->st, rq->params[1])) < 0) {
		json_decref(minutes);
		return error;
	}
	rs->status = 200;
	rs->ctype = "application/octet-stream";
	if (na && name && !name[k])
		http_header(rs, "Content-Disposition",
			    "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, pct);
	else
		http_header(rs, "Content-Disposition", "attachment; filename=\"%.64s\"",
			    rq->params[1]);
	json_decref(minutes);
	return 0;
}

/* A file for minutes to attach, stored for the project before the signed
 * minutes name it: no event, the same permission as recording minutes. */
int h_attachment_put(http_req *rq, http_resp *rs)
{
	char sha[65];
	int error;

	if ((error = ss_attachment_put(sha, rq->st, rq->params[0], http_login(rq), rq->raw,
				       rq->raw_len)) < 0)
		return error;
	return http_json(rs, 201,
			 json_pack("{s:s, s:I}", "sha256", sha, "size", (json_int_t)rq->raw_len));
}
