/*
 * The system's components and their vulnerabilities (rules 5): the SBOM
 * versions the vendor disclosed, the user side's licence policy, the
 * findings of the advisories held and the vulnerability register, and the
 * signed steps of a vulnerability's record. SBOM data is the vendor's own
 * disclosure: every member reads it, with or without an NDA. An SBOM is
 * imported with the command line (a file import), not over the web.
 */
#include <stdlib.h>
#include <string.h>

#include "api_sbom.h"

/* An SBOM version of the path: "latest" (0) or a positive number. */
static int sbom_number(int64_t *n, const char *s)
{
	char *end = NULL;
	long long v;

	if (s && strcmp(s, "latest") == 0) {
		*n = 0;
		return 0;
	}
	v = s && *s >= '0' && *s <= '9' ? strtoll(s, &end, 10) : 0;
	if (!end || *end || v <= 0)
		return ss_error_set(SS_EINVAL, _("the SBOM version is a number or \"latest\""));
	*n = v;
	return 0;
}

int h_sbom_versions(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_sbom_versions(&out, rq->st, rq->params[0])) < 0)
		return error;
	return http_json(rs, 200, out);
}

int h_sbom_show(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int64_t n = 0;
	int error;

	if ((error = sbom_number(&n, rq->params[1])) < 0 ||
	    (error = ss_sbom_show(&out, rq->st, rq->params[0], n)) < 0)
		return error;
	return http_json(rs, 200, out);
}

int h_sbom_diff(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_sbom_diff(&out, rq->st, rq->params[0], http_int(rq, "from", 0),
				  http_int(rq, "to", 0))) < 0)
		return error;
	return http_json(rs, 200, out);
}

int h_vuln_register(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_vuln_register(&out, rq->st, rq->params[0])) < 0)
		return error;
	return http_json(rs, 200, out);
}

int h_vuln_match(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_vuln_match(&out, rq->st, rq->params[0])) < 0)
		return error;
	return http_json(rs, 200, out);
}

/* ---- signed changes ---- */

/* An array field of the body as a NULL-terminated array of strings
 * borrowed from the body (*v NULL when absent or empty). */
static int strings_of(const char ***v, const http_req *rq, const char *name)
{
	const json_t *a = rq->body ? json_object_get(rq->body, name) : NULL, *s;
	size_t i;

	*v = NULL;
	if (!a || json_array_size(a) == 0)
		return 0;
	if (!(*v = calloc(json_array_size(a) + 1, sizeof(**v))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	json_array_foreach(a, i, s)
		(*v)[i] = json_string_value(s);
	return 0;
}

static int c_policy(json_t **out, http_req *rq, void *ctx)
{
	static const char *const none[] = {NULL};
	const char **allowed = NULL, **review = NULL, **denied = NULL;
	ss_sbom_policy_req req = {
		.project = rq->params[0],
		.by = http_login(rq),
		.fallback = http_str(rq, "default") ? http_str(rq, "default") : "review",
		.reason = http_str(rq, "reason"),
		.supersedes = http_int(rq, "supersedes", 0),
	};
	int error;

	(void)ctx;
	(void)out;
	if ((error = strings_of(&allowed, rq, "allowed")) < 0 ||
	    (error = strings_of(&review, rq, "review")) < 0 ||
	    (error = strings_of(&denied, rq, "denied")) < 0)
		goto out;
	req.allowed = allowed ? allowed : none;
	req.review = review ? review : none;
	req.denied = denied ? denied : none;
	error = ss_sbom_policy(rq->st, &req);
out:
	free(allowed);
	free(review);
	free(denied);
	return error;
}

static int c_vuln(json_t **out, http_req *rq, void *ctx)
{
	const char *step = ctx, **response = NULL;
	ss_vuln_req req = {
		.project = rq->params[0],
		.by = http_login(rq),
		.vuln = http_str(rq, "vuln"),
		.component = http_str(rq, "component"),
	};
	int error;

	if (strcmp(step, "notice") == 0)
		return ss_vuln_notice(out, rq->st, &req);
	if (strcmp(step, "analysis") == 0) {
		req.state = http_str(rq, "state");
		req.justification = http_str(rq, "justification");
		req.detail = http_str(rq, "detail");
		req.target = http_int(rq, "supersedes", 0);
		if ((error = strings_of(&response, rq, "response")) < 0)
			return error;
		req.response = response;
		error = ss_vuln_analyse(rq->st, &req);
		free(response);
	} else if (strcmp(step, "decision") == 0) {
		req.verdict = http_str(rq, "verdict");
		req.reason = http_str(rq, "reason");
		req.target = http_int(rq, "analysis", 0);
		error = ss_vuln_decide(rq->st, &req);
	} else {
		req.verdict = http_str(rq, "verdict");
		req.reason = http_str(rq, "note");
		req.target = http_int(rq, "decision", 0);
		error = ss_vuln_approve(rq->st, &req);
	}
	if (error == 0 &&
	    !(*out = json_pack("{s:s, s:s}", "vuln", req.vuln, "component", req.component)))
		error = ss_error_set(SS_ENOMEM, "out of memory");
	return error;
}

#define SIGNED(fn, change, ctx)                                                                    \
	int fn(http_req *rq, http_resp *rs)                                                        \
	{                                                                                          \
		return http_with_proposal(rq, rs, change, ctx);                                    \
	}

SIGNED(h_sbom_policy, c_policy, NULL)
SIGNED(h_vuln_notice, c_vuln, "notice")
SIGNED(h_vuln_analysis, c_vuln, "analysis")
SIGNED(h_vuln_decision, c_vuln, "decision")
SIGNED(h_vuln_approval, c_vuln, "approval")
