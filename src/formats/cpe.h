/*
 * CPE names (NISTIR 7695 naming, NISTIR 7696 name matching): CPE 2.3
 * formatted strings and CPE 2.2 URIs, parsed into the same well-formed name.
 * See docs/internals/ids.md.
 */
#ifndef SS_FORMATS_CPE_H
#define SS_FORMATS_CPE_H

#include <stdbool.h>

#include "secspec/buf.h"

/* Longest CPE accepted (bytes); longer is SS_ELIMIT. */
#define SS_CPE_MAX 4096

enum {
	SS_CPE_PART,
	SS_CPE_VENDOR,
	SS_CPE_PRODUCT,
	SS_CPE_VERSION,
	SS_CPE_UPDATE,
	SS_CPE_EDITION,
	SS_CPE_LANGUAGE,
	SS_CPE_SW_EDITION,
	SS_CPE_TARGET_SW,
	SS_CPE_TARGET_HW,
	SS_CPE_OTHER,
	SS_CPE_NATTR
};

/*
 * A well-formed name; caller-owned, released with ss_cpe_free. Each
 * attribute is malloc'ed text, never NULL: "*" for ANY, "-" for NA, else
 * the value as a 2.3 formatted string writes it, in lower case: letters,
 * digits, '_', '.' and '-' as they are, other printable ASCII quoted with a
 * backslash, and unquoted '*' / '?' wildcards at the start or the end.
 */
typedef struct {
	char *a[SS_CPE_NATTR];
} ss_cpe;

/* Parse "cpe:2.3:..." (exactly 13 ':'-separated parts) or "cpe:/..."
 * (CPE 2.2 URI, up to 7 parts, a packed "~" edition unpacked) into *out
 * (written only on success). SS_EPARSE names the attribute and the byte
 * (1-based); SS_ELIMIT past SS_CPE_MAX. */
int ss_cpe_parse(ss_cpe *out, const char *text);
/* Release the attributes of c (NULL-safe) and zero it. */
void ss_cpe_free(ss_cpe *c);
/* Append c as a CPE 2.3 formatted string to out. */
int ss_cpe_format(ss_buf *out, const ss_cpe *c);
/* NISTIR 7696 name matching: whether criteria is a superset of or equal
 * to target in every attribute. ANY in the criteria matches anything; NA
 * only NA; a target attribute that is ANY only a criteria ANY; the
 * criteria's wildcards apply; a target value with wildcards is undefined
 * (no match). ignore_version skips the version attribute (for criteria
 * with version ranges). NULL arguments do not match. */
bool ss_cpe_matches(const ss_cpe *criteria, const ss_cpe *target, bool ignore_version);

#endif
