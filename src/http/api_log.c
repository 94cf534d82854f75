/*
 * Signed tree heads and sync (docs/server-model.md): the head of a log
 * signed with the server's key (serve --head-key), the stored events a
 * party's `secspec sync` copies, and the witnesses: per member, the last
 * signed head their copy agreed with.
 */
#include <string.h>

#include "api_log.h"

const http_field http_q_log_events[] = {
	{"from", HF_INT, true, 0, NULL, "the first event (1 or more)"},
	{"limit", HF_INT, false, 0, NULL, "how many events, 1 to 1000 (default 1000)"},
	HTTP_FIELDS_END};

const http_field http_b_log_witness[] = {
	{"tree_size", HF_INT, true, 0, NULL, "the size of the signed head the copy verified"},
	{"root", HF_STRING, true, 64, NULL, "its root, hex"},
	{"time", HF_STRING, true, 20, NULL, "its time"},
	{"head_signature", HF_STRING, true, 128, NULL, "the server's signature of that head, hex"},
	HTTP_FIELDS_END};

static int no_key(http_resp *rs)
{
	return http_fail(rs, 503, "%s",
			 _("this server signs no tree heads: its operator starts it with "
			   "'secspec serve --head-key FILE'"));
}

int http_log_signed_head(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if (!rq->opt->head_key)
		return no_key(rs);
	if ((error = ss_log_signed_head(&out, rq->st, rq->params[0], rq->opt->head_key)) < 0)
		return error;
	return http_json(rs, 200, out);
}

int http_log_events(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_log_events(&out, rq->st, rq->params[0], http_int(rq, "from", 1),
				   http_int(rq, "limit", SS_LOG_EVENTS_MAX))) < 0)
		return error;
	return http_json(rs, 200, out);
}

int http_log_witness(http_req *rq, http_resp *rs)
{
	const ss_key *k = rq->opt->head_key;
	json_t *head, *out = NULL;
	int error;

	if (!k)
		return no_key(rs);
	/* the head as the server signed it: the copy sends back what it verified */
	if (!(head = json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "project", rq->params[0],
			       "tree_size", (json_int_t)http_int(rq, "tree_size", 0), "root",
			       http_str(rq, "root"), "time", http_str(rq, "time"), "key",
			       ss_key_fingerprint(k), "public_key", ss_key_public_hex(k),
			       "signature", http_str(rq, "head_signature"))))
		return SS_ENOMEM;
	error = ss_witness_record(&out, rq->st, rq->params[0],
				  json_string_value(json_object_get(rq->member, "person")), head,
				  ss_key_fingerprint(k));
	json_decref(head);
	if (error < 0)
		return error;
	return http_json(rs, 201, out);
}

int http_log_witnesses(http_req *rq, http_resp *rs)
{
	json_t *out = NULL;
	int error;

	if ((error = ss_witness_list(&out, rq->st, rq->params[0])) < 0)
		return error;
	return http_json(rs, 200, out);
}
