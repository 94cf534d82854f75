/* Helpers shared by the NVD, JVN and CSAF importers (nvd.c, jvn.c,
 * csaf.c): CPE names, the severity list, lists of distinct strings. */
#ifndef SS_FORMATS_ADVIS_H
#define SS_FORMATS_ADVIS_H

#include <jansson.h>
#include <stdbool.h>

#include "util/util.h"

#define SS_ADVIS_REFS_MAX 64    /* references of one advisory (sbom.h) */
#define SS_ADVIS_ALIASES_MAX 64 /* aliases and CWEs of one advisory */

/* Append s to list (a JSON array of text) unless list holds it already or
 * has max elements: 1 when appended, 0 when not. */
int ss_advis__list_add(json_t *list, const char *s, size_t max);

/* The canonical JSON text of v in out (cleared first). */
int ss_advis__canon(ss_buf *out, const json_t *v);

/* The severity list of sbom.h in out (cleared first) from entries, a JSON
 * array of {"type", "vector", "score"?}: a score (a number from 0 to 10) is
 * written as the shortest decimal that reads back as the same double
 * (RFC 8785's number form for these values), which ss_json_canonical, made
 * for integers, does not write. Keys in canonical order. */
int ss_advis__severity(ss_buf *out, const json_t *entries);

/*
 * A CPE name as the 11 attributes of the CPE 2.3 formatted string (part,
 * vendor, product, version, update, edition, language, sw_edition,
 * target_sw, target_hw, other), each in the formatted-string form: escapes
 * ("\:", "\(") kept, "*" for ANY and "-" for NA. Parsed from a 2.3
 * formatted string (':' escaped with a backslash does not separate) or from
 * a CPE 2.2 URI ("cpe:/a:vendor:product:version...", percent-encoding
 * decoded, the packed "~" edition unpacked, a missing attribute ANY).
 */
#define SS_CPE_ATTRS 11
typedef struct {
	char *buf;
	const char *attr[SS_CPE_ATTRS];
	bool uri; /* parsed from a 2.2 URI */
} ss_advis_cpe;

/* SS_EPARSE with a message saying what is wrong (without a file name:
 * callers prefix it). */
int ss_advis__cpe_parse(ss_advis_cpe *out, const char *s);
void ss_advis__cpe_release(ss_advis_cpe *c);
/* "cpe:2.3:..." in out (cleared first); version replaces the version
 * attribute when not NULL (it is escaped). */
int ss_advis__cpe_format(ss_buf *out, const ss_advis_cpe *c, const char *version);
/* "vendor:product" in out (cleared first), both in the formatted-string
 * form, so that a ':' in either stays escaped and the pair splits back. */
int ss_advis__cpe_package(ss_buf *out, const ss_advis_cpe *c);
/* A version as it stands in a formatted string: the attribute with its
 * escapes removed into out (cleared first). */
int ss_advis__cpe_unescape(ss_buf *out, const char *attr);

#endif
