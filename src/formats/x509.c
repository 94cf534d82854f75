/* X.509 certificates (formats/x509.h). OpenSSL decodes them; this file
 * bounds what it is given, and keeps the names, validity and fingerprint
 * in plain strings. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "formats/x509.h"
#include "util/util.h"
#include "util/banned.h"

/* A file holding certificates, at most (a chain with its keys is far less). */
#define X509_FILE_MAX ((size_t)1 << 20)

static int asn1_time(char out[21], const ASN1_TIME *t)
{
	struct tm tm;

	if (!t || ASN1_TIME_to_tm(t, &tm) != 1 || tm.tm_year < -1900 || tm.tm_year > 8099 ||
	    tm.tm_mon < 0 || tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour < 0 || tm.tm_hour > 23 || tm.tm_min < 0 || tm.tm_min > 59 || tm.tm_sec < 0 ||
	    tm.tm_sec > 60)
		return -1;
	snprintf(out, 21, "%04u-%02u-%02uT%02u:%02u:%02uZ", (unsigned)(tm.tm_year + 1900) % 10000,
		 (unsigned)(tm.tm_mon + 1) % 100, (unsigned)tm.tm_mday % 100,
		 (unsigned)tm.tm_hour % 100, (unsigned)tm.tm_min % 100, (unsigned)tm.tm_sec % 100);
	return 0;
}

/* A DNS name as a certificate may carry it: letters, digits, '-', '.', and
 * '*' (a wildcard); anything else (a NUL, a space) is refused. */
static bool dns_ok(const unsigned char *s, int n)
{
	int i;

	if (n <= 0 || n > 253)
		return false;
	for (i = 0; i < n; i++)
		if (!(isalnum(s[i]) || s[i] == '-' || s[i] == '.' || s[i] == '*' || s[i] == '_'))
			return false;
	return true;
}

static int keep(ss_x509_cert *c, const char *name, X509 *x)
{
	unsigned char *der = NULL, md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	GENERAL_NAMES *gens;
	X509_NAME *subj;
	int len, i, idx;

	memset(c, 0, sizeof(*c));
	if ((len = i2d_X509(x, &der)) <= 0 ||
	    !EVP_Digest(der, (size_t)len, md, &mdlen, EVP_sha256(), NULL)) {
		OPENSSL_free(der);
		return ss_error_set(SS_EPARSE, "%s: a certificate cannot be encoded", name);
	}
	OPENSSL_free(der);
	for (i = 0; i < (int)mdlen && i < 32; i++)
		snprintf(c->sha256 + 2 * i, 3, "%02x", md[i]);
	if (asn1_time(c->not_before, X509_get0_notBefore(x)) < 0 ||
	    asn1_time(c->not_after, X509_get0_notAfter(x)) < 0)
		return ss_error_set(SS_EPARSE,
				    "%s: certificate %.16s… has no valid validity period", name,
				    c->sha256);
	c->ca = X509_check_ca(x) != 0;
	subj = X509_get_subject_name(x);
	if (subj && (idx = X509_NAME_get_index_by_NID(subj, NID_commonName, -1)) >= 0) {
		unsigned char *utf8 = NULL;
		int n = ASN1_STRING_to_UTF8(
			&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subj, idx)));

		if (n > 0 && memchr(utf8, '\0', (size_t)n) == NULL)
			snprintf(c->subject_cn, sizeof(c->subject_cn), "%.*s", n, (char *)utf8);
		OPENSSL_free(utf8);
	}
	gens = X509_get_ext_d2i(x, NID_subject_alt_name, NULL, NULL);
	for (i = 0; gens && i < sk_GENERAL_NAME_num(gens); i++) {
		const GENERAL_NAME *g = sk_GENERAL_NAME_value(gens, i);
		const unsigned char *s;
		char *d;
		int n, k;

		if (g->type != GEN_DNS)
			continue;
		s = ASN1_STRING_get0_data(g->d.dNSName);
		n = ASN1_STRING_length(g->d.dNSName);
		if (!dns_ok(s, n))
			continue; /* a name no client would match */
		if (c->ndns >= SS_X509_NAMES_MAX) {
			GENERAL_NAMES_free(gens);
			return ss_error_set(SS_ELIMIT,
					    "%s: a certificate with more than %d DNS names", name,
					    SS_X509_NAMES_MAX);
		}
		if (!c->dns && !(c->dns = calloc(SS_X509_NAMES_MAX, sizeof(*c->dns)))) {
			GENERAL_NAMES_free(gens);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
		if (!(d = malloc((size_t)n + 1))) {
			GENERAL_NAMES_free(gens);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
		for (k = 0; k < n; k++)
			d[k] = (char)tolower(s[k]);
		d[n] = '\0';
		c->dns[c->ndns++] = d;
	}
	GENERAL_NAMES_free(gens);
	return 0;
}

static void cert_release(ss_x509_cert *c)
{
	size_t i;

	for (i = 0; i < c->ndns; i++)
		free(c->dns[i]);
	free(c->dns);
}

void ss_x509_free(ss_x509_cert *c, size_t n)
{
	size_t i;

	for (i = 0; c && i < n; i++)
		cert_release(&c[i]);
	free(c);
}

int ss_x509_parse(ss_x509_cert **out, size_t *n, const char *name, const void *buf, size_t len)
{
	ss_x509_cert *certs;
	size_t count = 0;
	BIO *bio = NULL;
	X509 *x = NULL;
	int error = 0;

	*out = NULL;
	*n = 0;
	if (len > X509_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: %zu bytes; a certificate file has at most %zu",
				    name, len, X509_FILE_MAX);
	if (!(certs = calloc(SS_X509_CERTS_MAX, sizeof(*certs))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (len > 0 && ((const unsigned char *)buf)[0] == 0x30) {
		const unsigned char *p = buf;

		if (!(x = d2i_X509(NULL, &p, (long)len)) || p != (const unsigned char *)buf + len) {
			error = ss_error_set(SS_EPARSE, "%s: not a DER certificate", name);
			goto out;
		}
		if ((error = keep(&certs[0], name, x)) < 0)
			goto out;
		count = 1;
		goto out;
	}
	if (!(bio = BIO_new_mem_buf(buf, (int)len))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	for (;;) {
		char *pem_name = NULL, *header = NULL;
		unsigned char *data = NULL;
		long dlen = 0;
		const unsigned char *p;

		if (!PEM_read_bio(bio, &pem_name, &header, &data, &dlen)) {
			unsigned long e = ERR_peek_last_error();

			/* the end of the file, or a block that is not PEM */
			if (ERR_GET_REASON(e) != PEM_R_NO_START_LINE)
				error = ss_error_set(SS_EPARSE, "%s: certificate %zu: broken PEM",
						     name, count + 1);
			break;
		}
		if (strcmp(pem_name, "CERTIFICATE") == 0 ||
		    strcmp(pem_name, "TRUSTED CERTIFICATE") == 0) {
			p = data;
			if (count >= SS_X509_CERTS_MAX)
				error = ss_error_set(SS_ELIMIT, "%s: more than %d certificates",
						     name, SS_X509_CERTS_MAX);
			else if (!(x = d2i_X509(NULL, &p, dlen)))
				error = ss_error_set(SS_EPARSE,
						     "%s: certificate %zu cannot be read", name,
						     count + 1);
			else if ((error = keep(&certs[count], name, x)) == 0)
				count++;
			X509_free(x);
			x = NULL;
		}
		OPENSSL_free(pem_name);
		OPENSSL_free(header);
		OPENSSL_free(data);
		if (error < 0)
			break;
	}
	if (!error && count == 0)
		error = ss_error_set(SS_EPARSE, "%s: no certificate (PEM or DER)", name);
out:
	ERR_clear_error();
	BIO_free(bio);
	X509_free(x);
	if (error < 0) {
		ss_x509_free(certs, count < SS_X509_CERTS_MAX ? count + 1 : count);
		return error;
	}
	*out = certs;
	*n = count;
	return 0;
}

bool ss_x509_name_covers(const char *pattern, const char *host)
{
	const char *dot;

	if (!pattern || !host || !*pattern || !*host)
		return false;
	if (strncmp(pattern, "*.", 2) != 0)
		return strcasecmp(pattern, host) == 0;
	/* "*.a.b" covers "x.a.b", not "a.b" nor "y.x.a.b"; at least two labels follow */
	if (!strchr(pattern + 2, '.') || !(dot = strchr(host, '.')) || dot == host)
		return false;
	return strcasecmp(pattern + 2, dot + 1) == 0;
}

bool ss_x509_covers(const ss_x509_cert *c, const char *host)
{
	size_t i;

	if (c->ndns == 0)
		return ss_x509_name_covers(c->subject_cn, host);
	for (i = 0; i < c->ndns; i++)
		if (ss_x509_name_covers(c->dns[i], host))
			return true;
	return false;
}
