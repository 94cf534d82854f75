/* Shared by the identifier targets (fuzz_purl.c, fuzz_cpe.c, fuzz_license.c):
 * the input as one NUL-terminated string of at most max + 1 bytes (so that
 * the length cap is reached too), and the abort on a broken property. */
#ifndef SS_FUZZ_IDS_H
#define SS_FUZZ_IDS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "secspec/common.h"
#include "fuzz.h"

static char *fuzz_ids_text(const uint8_t *data, size_t size, size_t max)
{
	char *s;

	if (size > max + 1)
		size = max + 1;
	if (!(s = malloc(size + 1)))
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

static void fuzz_ids_fail(const char *target, const char *what, const char *a, const char *b)
{
	fprintf(stderr, "%s: %s\n  first:  %s\n  second: %s\n", target, what, a ? a : "",
		b ? b : "");
	abort();
}

static void fuzz_ids_refusal(const char *target, int rc, const char *text)
{
	if (rc != SS_EPARSE && rc != SS_ELIMIT)
		fuzz_ids_fail(target, "a refusal that is neither SS_EPARSE nor SS_ELIMIT", text,
			      ss_error_last());
}

#endif
