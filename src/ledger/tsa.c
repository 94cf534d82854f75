#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include "ledger/tsa.h"
#include "ledger/merkle.h"
#include "secspec/common.h"
#include "util/i18n.h"
#include "util/banned.h"

int ss_tsa_request(ss_buf *out, const char *digest_hex)
{
	TS_MSG_IMPRINT *imprint = NULL;
	X509_ALGOR *algo = NULL;
	ASN1_INTEGER *nonce = NULL;
	TS_REQ *req = NULL;
	unsigned char *der = NULL, rnd[8];
	ss_hash digest;
	int len, error = 0;

	if (ss_hash_unhex(digest, digest_hex) < 0)
		return ss_error_set(SS_EINVAL, "not a SHA-256 digest");
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return ss_error_set(SS_ERROR, "no random bytes for the timestamp nonce");
	/* The nonce is a DER INTEGER, which has no leading zero byte: with the
	 * top bit always set it is a 64-bit number whose encoding is minimal (a
	 * zero first byte made one request in 256 unparseable to a strict TSA). */
	rnd[0] |= 0x80;
	if (!(req = TS_REQ_new()) || !TS_REQ_set_version(req, 1) ||
	    !(imprint = TS_MSG_IMPRINT_new()) || !(algo = X509_ALGOR_new()) ||
	    !X509_ALGOR_set0(algo, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, NULL) ||
	    !TS_MSG_IMPRINT_set_algo(imprint, algo) ||
	    !TS_MSG_IMPRINT_set_msg(imprint, digest, SS_HASH_LEN) ||
	    !TS_REQ_set_msg_imprint(req, imprint) || !(nonce = ASN1_INTEGER_new()) ||
	    !ASN1_STRING_set(nonce, rnd, sizeof(rnd)) || !TS_REQ_set_nonce(req, nonce) ||
	    !TS_REQ_set_cert_req(req, 1) || (len = i2d_TS_REQ(req, &der)) <= 0) {
		error = ss_error_set(SS_ERROR, "building the timestamp request failed");
		goto out;
	}
	error = ss_buf_put(out, der, (size_t)len);
out:
	OPENSSL_free(der);
	ASN1_INTEGER_free(nonce);
	X509_ALGOR_free(algo);
	TS_MSG_IMPRINT_free(imprint);
	TS_REQ_free(req);
	return error;
}

static void time_text(const ASN1_GENERALIZEDTIME *t, char *out)
{
	struct tm tm;

	out[0] = '\0';
	if (t && ASN1_TIME_to_tm(t, &tm))
		strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int ss_tsa_check(const void *der, size_t len, const char *digest_hex, const char *ca_file,
		 char *gen_time, int *signature_checked)
{
	const unsigned char *p = der;
	TS_RESP *resp = NULL;
	PKCS7 *token = NULL;
	TS_TST_INFO *info = NULL;
	TS_VERIFY_CTX *ctx = NULL;
	X509_STORE *store = NULL;
	const ASN1_OCTET_STRING *msg;
	ss_hash digest;
	int error = 0;

	*signature_checked = 0;
	gen_time[0] = '\0';
	if (ss_hash_unhex(digest, digest_hex) < 0)
		return ss_error_set(SS_EINVAL, "not a SHA-256 digest");
	/* a full response, or the bare token (what is kept as evidence) */
	if ((resp = d2i_TS_RESP(NULL, &p, (long)len)) != NULL) {
		if (ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp))) >
		    1) {
			error = ss_error_set(SS_ERULE,
					     "the timestamp authority refused the request");
			goto out;
		}
		token = PKCS7_dup(TS_RESP_get_token(resp));
	} else {
		p = der;
		token = d2i_PKCS7(NULL, &p, (long)len);
	}
	if (!token || !(info = PKCS7_to_TS_TST_INFO(token))) {
		error = ss_error_set(SS_EPARSE, "not an RFC 3161 timestamp response or token");
		goto out;
	}
	msg = TS_MSG_IMPRINT_get_msg(TS_TST_INFO_get_msg_imprint(info));
	if (OBJ_obj2nid(TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info))->algorithm) !=
		    NID_sha256 ||
	    ASN1_STRING_length(msg) != SS_HASH_LEN ||
	    memcmp(ASN1_STRING_get0_data(msg), digest, SS_HASH_LEN) != 0) {
		error = ss_error_set(SS_ECORRUPT, "the timestamp is for other content");
		goto out;
	}
	time_text(TS_TST_INFO_get_time(info), gen_time);
	if (ca_file) {
		if (!(store = X509_STORE_new()) || !X509_STORE_load_file(store, ca_file)) {
			error = ss_error_set(SS_EIO, "%s: cannot load the TSA's CA certificate",
					     ca_file);
			goto out;
		}
		if (!(ctx = TS_VERIFY_CTX_new())) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		TS_VERIFY_CTX_set_flags(ctx, TS_VFY_SIGNATURE | TS_VFY_SIGNER);
		TS_VERIFY_CTX_set_store(ctx, store);
		store = NULL; /* owned by ctx now */
		if (TS_RESP_verify_token(ctx, token) != 1) {
			unsigned long e = ERR_get_error();

			error = ss_error_set(
				SS_ECORRUPT,
				"the timestamp's signature does not verify up to %s (%s)", ca_file,
				e ? ERR_reason_error_string(e) : _("no reason given"));
			ERR_clear_error();
			goto out;
		}
		*signature_checked = 1;
	}
out:
	X509_STORE_free(store);
	TS_VERIFY_CTX_free(ctx);
	TS_TST_INFO_free(info);
	PKCS7_free(token);
	TS_RESP_free(resp);
	return error;
}
