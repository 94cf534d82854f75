/*
 * Package URLs (purl-spec / ECMA-427): parse into components, with the
 * type-specific normalisation of the common types, and format the
 * canonical text. See docs/internals/ids.md.
 */
#ifndef SS_FORMATS_PURL_H
#define SS_FORMATS_PURL_H

#include <stdbool.h>

#include "secspec/buf.h"

/* Longest purl accepted (bytes); longer is SS_ELIMIT. */
#define SS_PURL_MAX 4096

/*
 * A parsed purl; caller-owned, released with ss_purl_free. Every member is
 * malloc'ed text, percent-decoded (UTF-8, no NUL), NULL when absent, except
 * qualifiers: "key=value&key=value" with the keys lower case and sorted and
 * each value percent-encoded as in the canonical form (so that '&' and '='
 * in a value stay unambiguous). ns and subpath join their decoded segments
 * with '/'.
 */
typedef struct {
	char *type, *ns, *name, *version, *qualifiers, *subpath;
} ss_purl;

/* Parse text into *out (written only on success). Errors (SS_EPARSE) name
 * the component and the byte (1-based); SS_ELIMIT past SS_PURL_MAX. */
int ss_purl_parse(ss_purl *out, const char *text);
/* Release the members of p (NULL-safe) and zero it. */
void ss_purl_free(ss_purl *p);
/* Append the canonical form of p to out. with_version false gives the
 * package identity used for matching: "pkg:type/namespace/name", without
 * version, qualifiers and subpath. */
int ss_purl_format(ss_buf *out, const ss_purl *p, bool with_version);

#endif
