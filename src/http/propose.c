/*
 * A change signed in the browser, over two requests (DESIGN rule 9).
 *
 *   1. POST the change without signatures: the library checks every rule
 *      and writes nothing; the answer is 202 with the canonical bytes of
 *      each event, the time they carry and the key that must sign them.
 *   2. POST the same change with {time, fingerprint, signatures}: the
 *      library makes the same events again; when the log has not moved they
 *      are the same bytes, the rule book verifies each signature and the
 *      change is appended (201). When another change came first, the bytes
 *      differ, the signatures no longer fit and nothing is written: 409
 *      with the fresh bytes to sign.
 *
 * The server holds no private key of anyone: it can only append what the
 * person's key has signed.
 */
#include <string.h>

#include "events.h"
#include "http.h"

static json_t *sign_request(const ss_proposal *p)
{
	json_t *bodies = json_array();
	size_t i, len;

	for (i = 0; i < ss_proposal_count(p); i++) {
		const char *body = ss_proposal_body(p, i, &len);

		json_array_append_new(bodies, json_stringn(body, len));
	}
	return json_pack("{s:s, s:s, s:o}", "time", ss_proposal_time(p), "fingerprint",
			 ss_proposal_fingerprint(p), "bodies", bodies);
}

int http_with_proposal(http_req *rq, http_resp *rs, http_change call, void *ctx)
{
	const json_t *sigs = rq->body ? json_object_get(rq->body, "signatures") : NULL;
	const char *time = http_str(rq, "time"), *fpr = http_str(rq, "fingerprint");
	ss_proposal *p = NULL;
	json_t *out = NULL, *sig;
	size_t i;
	int error;

	if (sigs && (!time || !fpr))
		return http_fail(rs, 400, "%s",
				 _("body: signatures need the time and fingerprint of the "
				   "proposal they sign"));
	if (sigs && json_array_size(sigs) == 0)
		return http_fail(rs, 400, "%s", _("body: signatures is empty"));
	if ((error = ss_proposal_new(&p, fpr, sigs ? time : NULL)) < 0)
		return error;
	json_array_foreach(sigs, i, sig) {
		if ((error = ss_proposal_add_signature(p, json_string_value(sig))) < 0) {
			ss_error_prefix(error, "body: signatures[%zu]: ", i);
			goto out;
		}
	}
	ss_store_set_proposal(rq->st, p);
	error = call(&out, rq, ctx);
	ss_store_set_proposal(rq->st, NULL);
	if (error < 0)
		goto out;
	if (ss_proposal_conflict(p)) {
		http_json(rs, 409,
			  json_pack("{s:s, s:s, s:i, s:o}", "error",
				    _("the log moved since this was proposed (another change "
				      "came first), or a signature is not the key's: sign the new "
				      "events"),
				    "code", "ECONFLICT", "status", 409, "sign", sign_request(p)));
		goto out;
	}
	if (ss_proposal_pending(p)) {
		http_json(rs, 202, json_pack("{s:o}", "sign", sign_request(p)));
		goto out;
	}
	http_json(rs, 201, out ? json_incref(out) : json_object());
	http_events_poke(); /* the other people's pages learn of it now */
out:
	json_decref(out);
	ss_proposal_free(p);
	return error;
}
