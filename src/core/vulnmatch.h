/* The pieces matching is made of (vulnmatch.c over the formats' parsers):
 * ranges compiled once, package keys, purl and CPE to packages, CVSS. */
#ifndef SS_CORE_VULNMATCH_H
#define SS_CORE_VULNMATCH_H

#include <jansson.h>
#include <stdbool.h>

#include "formats/sbom.h"
#include "formats/version.h"
#include "store/store.h"

typedef struct ss__vrange ss__vrange;

/* The affected versions of one affected row (OSV ranges and versions, or a
 * CPE range) in ecosystem eco (OSV's name, or "cpe"); *note: what cannot
 * be evaluated (a GIT range), or NULL. NULL on no memory. */
ss__vrange *ss__vrange_compile(const char *eco, const json_t *ranges, const json_t *versions,
			       char **note);
/* Whether version is affected; *note names why it could not be told (a
 * version invalid in the ecosystem, a GIT range), in which case *affected
 * is false. */
int ss__vrange_affects(const ss__vrange *r, const char *version, bool *affected, const char **note);
/* The same for one version against many ranges (formats/version.h). */
int ss__vrange_affects_keys(const ss__vrange *r, struct ss_vkeys *k, bool *affected,
			    const char **note);
void ss__vrange_free(ss__vrange *r);
/* "eco\npackage" with the package normalised as the ecosystem compares
 * names (PyPI: lower case, runs of -_. as -). */
void ss__package_key(char *out, size_t n, const char *eco, const char *package);
/* The OSV ecosystem and package a purl names: 0, or -1 when there is no
 * purl or its type has no OSV ecosystem. */
int ss__purl_package(char *eco, size_t ne, char *pkg, size_t np, const char *purl);
/* "vendor:product" of a CPE (2.3 or 2.2): 0, or -1. */
int ss__cpe_package(char *pkg, size_t np, const char *cpe);
/* Whether a CPE criteria's other attributes (part, target software, ...)
 * admit the component's CPE, its version aside. */
bool ss__cpe_applies(const char *criteria, const char *cpe);
/* The base score of a CVSS vector (2.0, 3.x, 4.0): 0, or -1. */
int ss__cvss_score(const char *vector, double *score);
/* Sort an array of text in place. */
void ss__sort_texts(json_t *a);
bool ss__json_has_string(const json_t *a, const char *s);
/* Run parse(sink, arg) in a second thread and hand the rows it gives, in
 * their order, to out's callbacks in this one (relay.c). The first error on
 * either side is the result, its message set in this thread. */
int ss__vuln_relay(ss_vuln_sink *out, int (*parse)(ss_vuln_sink *, void *), void *arg);
/* Match the newest SBOM of project pid; ms: load and match times (may be
 * NULL). */
int ss__vuln_match(json_t **out, ss_store *st, int64_t pid, const char *project, double *ms);

#endif
