/*
 * secspec: propose, sign, append — changes signed away from the writer.
 *
 * A person whose key is not on the writing machine (a key on another
 * computer, a browser's WebCrypto key for the web server) signs the exact
 * bytes of each event; the writer never holds the private key and so cannot
 * sign for them. Any change a function of this library makes can be done
 * in two passes:
 *
 *   1. propose: set a proposal on the store (ss_store_set_proposal) and call
 *      the function (ss_decide, ss_agree …) as usual. Every rule is checked,
 *      then nothing is written: the proposal holds the canonical body of each
 *      event the change would append, and its time.
 *   2. the person signs each body with their Ed25519 key;
 *   3. append: a proposal made with the same fingerprint and time, given the
 *      signatures (ss_proposal_add_signature), and the same call. When the
 *      log has not moved the bodies come out byte for byte the same, the
 *      rule book verifies each signature and the change is appended. When it
 *      moved (another person's change came first) the signatures no longer
 *      fit: nothing is written and the proposal holds the new bodies to sign
 *      (ss_proposal_pending, ss_proposal_conflict).
 */
#ifndef SECSPEC_PROPOSAL_H
#define SECSPEC_PROPOSAL_H

#include <stdbool.h>
#include <stddef.h>

#include "secspec/store.h"

typedef struct ss_proposal ss_proposal;

/** A proposal for the key with this fingerprint (hex SHA-256 of the public
 * key; NULL: the person's only active key), its events dated time
 * ("YYYY-MM-DDTHH:MM:SSZ" from an earlier proposal; NULL: now). */
int ss_proposal_new(ss_proposal **out, const char *fingerprint, const char *time);
/** The signature (hex) of the next body, in the order of the bodies. */
int ss_proposal_add_signature(ss_proposal *p, const char *sig_hex);
/** Changes through st are proposed (or appended with p's signatures) until
 * set to NULL. p is borrowed. */
void ss_store_set_proposal(ss_store *st, ss_proposal *p);

/** After the call: true when bodies wait for signatures and nothing was
 * written; ss_proposal_conflict: signatures were given but the change came
 * out different (the log moved, or a signature is not the key's). */
bool ss_proposal_pending(const ss_proposal *p);
bool ss_proposal_conflict(const ss_proposal *p);
size_t ss_proposal_count(const ss_proposal *p);
/** Body i (canonical JSON, NUL-terminated; its length in *len). */
const char *ss_proposal_body(const ss_proposal *p, size_t i, size_t *len);
const char *ss_proposal_time(const ss_proposal *p);
const char *ss_proposal_fingerprint(const ss_proposal *p);
void ss_proposal_free(ss_proposal *p);

#endif
