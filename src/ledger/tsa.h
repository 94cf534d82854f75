/* RFC 3161 trusted time for milestone checkpoints, with OpenSSL's TS API. */
#ifndef SS_LEDGER_TSA_H
#define SS_LEDGER_TSA_H

#include <stddef.h>

#include "secspec/buf.h"

/* A DER TimeStampReq for the SHA-256 digest (hex), asking for the TSA's
 * certificate and carrying a random nonce. */
int ss_tsa_request(ss_buf *out, const char *digest_hex);
/* Check a DER TimeStampResp (or bare token) against the digest and, when
 * ca_file is given, the TSA's signature up to that CA. gen_time (>= 32
 * bytes) receives the token's time as YYYY-MM-DDTHH:MM:SSZ. Without a CA
 * only the imprint is checked and *signature_checked is 0. */
int ss_tsa_check(const void *der, size_t len, const char *digest_hex, const char *ca_file,
		 char *gen_time, int *signature_checked);

#endif
