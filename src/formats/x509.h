/* X.509 certificates as a switchover check reads them: the names they
 * are for, their validity and their fingerprint (OpenSSL does the
 * parsing; this keeps what the check needs, bounded). */
#ifndef SS_FORMATS_X509_H
#define SS_FORMATS_X509_H

#include <stdbool.h>
#include <stddef.h>

/* Certificates in one file, and DNS names in one certificate, at most. */
#define SS_X509_CERTS_MAX 64
#define SS_X509_NAMES_MAX 256

typedef struct {
	char subject_cn[256]; /* "" when the subject has no common name */
	char **dns;           /* the subjectAltName's DNS names, lower case */
	size_t ndns;
	char not_before[21], not_after[21]; /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char sha256[65];                    /* of the DER encoding */
	bool ca;                            /* a CA certificate (basicConstraints) */
} ss_x509_cert;

/* Every certificate of buf: PEM (one or more CERTIFICATE blocks; other
 * blocks, such as keys, are skipped) or one DER certificate. name names
 * the file in errors. SS_EPARSE when there is none or one is broken,
 * SS_ELIMIT past the limits. */
int ss_x509_parse(ss_x509_cert **out, size_t *n, const char *name, const void *buf, size_t len);
void ss_x509_free(ss_x509_cert *c, size_t n);
/* Whether a certificate name (a DNS name, or a wildcard "*.example.jp"
 * standing for exactly one leftmost label) covers host; case-insensitive. */
bool ss_x509_name_covers(const char *pattern, const char *host);
/* The names a certificate is for: its DNS names, or its common name when
 * it has none (as clients did before subjectAltName). */
bool ss_x509_covers(const ss_x509_cert *c, const char *host);

#endif
