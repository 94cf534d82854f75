/* Proposals: the bodies a remote signer signs, and their signatures
 * (secspec/proposal.h; the write path uses them in write.c). */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "core/proposal.h"
#include "store/store.h"
#include "util/banned.h"

int ss_proposal_new(ss_proposal **out, const char *fingerprint, const char *time)
{
	uint8_t raw[SS_HASH_LEN];
	ss_proposal *p;

	if (!out)
		return ss_error_set(SS_EINVAL, "ss_proposal_new: NULL argument");
	*out = NULL;
	if (fingerprint && (strlen(fingerprint) != 2 * SS_HASH_LEN ||
			    ss_hex_decode(raw, sizeof(raw), fingerprint) < 0))
		return ss_error_set(
			SS_EINVAL, "the signer's fingerprint is 64 hexadecimal digits (the SHA-256 "
				   "of the public key, as 'secspec key list' shows it)");
	if (time && !ss_rules_time_valid(time))
		return ss_error_set(
			SS_EINVAL, "the proposal's time '%.40s' is not YYYY-MM-DDTHH:MM:SSZ", time);
	if (!(p = calloc(1, sizeof(*p))) || !(p->bodies = json_array()) ||
	    !(p->sigs = json_array())) {
		ss_proposal_free(p);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	if (fingerprint)
		memcpy(p->fingerprint, fingerprint, 2 * SS_HASH_LEN);
	if (time)
		memcpy(p->time, time, strlen(time) + 1);
	*out = p;
	return 0;
}

int ss_proposal_add_signature(ss_proposal *p, const char *sig_hex)
{
	uint8_t raw[64];

	if (!p || !sig_hex)
		return ss_error_set(SS_EINVAL, "ss_proposal_add_signature: NULL argument");
	if (strlen(sig_hex) != 128 || ss_hex_decode(raw, sizeof(raw), sig_hex) < 0)
		return ss_error_set(SS_EINVAL,
				    "a signature is 128 hexadecimal digits (Ed25519, 64 bytes)");
	if (json_array_size(p->sigs) >= SS_PROPOSAL_MAX)
		return ss_error_set(SS_ELIMIT, "more than %d signatures in one proposal",
				    SS_PROPOSAL_MAX);
	return json_array_append_new(p->sigs, json_string(sig_hex)) == 0
		       ? 0
		       : ss_error_set(SS_ENOMEM, "out of memory");
}

void ss_store_set_proposal(ss_store *st, ss_proposal *p)
{
	if (st)
		st->proposal = p;
}

bool ss_proposal_pending(const ss_proposal *p)
{
	return p && p->pending;
}

bool ss_proposal_conflict(const ss_proposal *p)
{
	return p && p->pending && json_array_size(p->sigs) > 0;
}

size_t ss_proposal_count(const ss_proposal *p)
{
	return p ? json_array_size(p->bodies) : 0;
}

const char *ss_proposal_body(const ss_proposal *p, size_t i, size_t *len)
{
	const json_t *b = p ? json_array_get(p->bodies, i) : NULL;

	if (len)
		*len = b ? json_string_length(b) : 0;
	return b ? json_string_value(b) : NULL;
}

const char *ss_proposal_time(const ss_proposal *p)
{
	return p ? p->time : "";
}

const char *ss_proposal_fingerprint(const ss_proposal *p)
{
	return p ? p->fingerprint : "";
}

void ss_proposal_free(ss_proposal *p)
{
	if (!p)
		return;
	json_decref(p->bodies);
	json_decref(p->sigs);
	free(p);
}

void ss__proposal_start(ss_proposal *p)
{
	json_array_clear(p->bodies);
	p->next = 0;
	p->pending = false;
}

const char *ss__proposal_sig(const ss_proposal *p, size_t i)
{
	return json_string_value(json_array_get(p->sigs, i));
}

int ss__proposal_record(ss_proposal *p, const char *body, size_t len)
{
	if (json_array_size(p->bodies) >= SS_PROPOSAL_MAX)
		return ss_error_set(SS_ELIMIT,
				    "a change of more than %d events cannot be signed remotely; "
				    "make it in smaller parts",
				    SS_PROPOSAL_MAX);
	return json_array_append_new(p->bodies, json_stringn(body, len)) == 0
		       ? 0
		       : ss_error_set(SS_ENOMEM, "out of memory");
}
