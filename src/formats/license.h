/*
 * SPDX licence expressions (SPDX 2.3 annex D) checked against the SPDX
 * licence list compiled in (spdx_licenses.inc, scripts/gen-spdx-licenses).
 * See docs/internals/ids.md.
 */
#ifndef SS_FORMATS_LICENSE_H
#define SS_FORMATS_LICENSE_H

#include <stdbool.h>
#include <stddef.h>

/* Longest expression accepted (bytes); longer is SS_ELIMIT. */
#define SS_LICENSE_MAX 4096
/* Deepest nesting of parentheses; deeper is SS_ELIMIT. */
#define SS_LICENSE_DEPTH 32

/* A parsed expression; caller-owned, released with ss_license_free. */
typedef struct {
	char *expr; /* normalised: list case, single spaces, AND/OR/WITH
		       upper case, only the parentheses AND-over-OR needs */
	char **ids; /* distinct licence ids (list case; "+" kept as "X+";
		       LicenseRef-/DocumentRef- as written), byte order */
	size_t n_ids;
	char **exceptions; /* distinct exception ids after WITH, byte order */
	size_t n_exceptions;
	char **unknown; /* distinct ids (licences or exceptions) not in the
			   list, as written, byte order: not an error */
	size_t n_unknown;
	bool deprecated;    /* some id is a deprecated one */
	bool lowercase_ops; /* "and"/"or"/"with" were accepted in lower case */
} ss_license;

/* Parse expr into *out (written only on success). A syntax error is
 * SS_EPARSE naming the byte; "NONE" and "NOASSERTION" alone give an empty
 * id list. */
int ss_license_parse(ss_license *out, const char *expr);
/* Release the members of l (NULL-safe) and zero it. */
void ss_license_free(ss_license *l);

/* The list's spelling of id (matched ignoring ASCII case), NULL when it is
 * not on the list. deprecated and exception may be NULL. Borrowed, static. */
const char *ss_license_canonical_id(const char *id, bool *deprecated, bool *exception);

#endif
