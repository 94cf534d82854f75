/* Fuzz target: ss_x509_parse (src/formats/x509.c). A refusal is SS_EPARSE
 * or SS_ELIMIT and names the file; an accepted file has 1 to
 * SS_X509_CERTS_MAX certificates, each with a well-formed validity period,
 * a 64-digit fingerprint and DNS names of printable characters. */
#include "formats/x509.h"
#include "fuzz_tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ss_x509_cert *c = NULL;
	size_t n = 0, i, k;
	int rc = ss_x509_parse(&c, &n, "cert.pem", data, size);

	if (rc < 0) {
		if (rc != SS_EPARSE && rc != SS_ELIMIT)
			fuzz_tree_fail("fuzz_x509", "refused with another code", ss_error_last());
		if (strncmp(ss_error_last(), "cert.pem: ", 10))
			fuzz_tree_fail("fuzz_x509", "an error that does not name the file",
				       ss_error_last());
		return 0;
	}
	if (n == 0 || n > SS_X509_CERTS_MAX)
		fuzz_tree_fail("fuzz_x509", "a count out of range", "");
	for (i = 0; i < n; i++) {
		if (strlen(c[i].sha256) != 64 || strlen(c[i].not_after) != 20 ||
		    strlen(c[i].not_before) != 20)
			fuzz_tree_fail("fuzz_x509", "a malformed fingerprint or time", c[i].sha256);
		for (k = 0; k < c[i].ndns; k++) {
			const char *s = c[i].dns[k];

			for (; *s; s++)
				if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e)
					fuzz_tree_fail("fuzz_x509",
						       "a DNS name with a control byte",
						       c[i].dns[k]);
			(void)ss_x509_covers(&c[i], "www.example.jp");
		}
	}
	ss_x509_free(c, n);
	return 0;
}
