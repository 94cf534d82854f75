/*
 * Version order per package ecosystem, and the affected ranges of OSV
 * records and of CPE matches (docs/internals/versions.md).
 *
 * A version is parsed once into a key; keys of one ecosystem compare with
 * cheap byte compares (Maven: a walk of its item tree). A version that the
 * ecosystem does not accept is SS_EPARSE, with a message that names it:
 * never a silent order.
 */
#ifndef SS_FORMATS_VERSION_H
#define SS_FORMATS_VERSION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
	SS_ECO_GENERIC, /* numeric and non-numeric runs; the fallback */
	SS_ECO_SEMVER,  /* SemVer 2.0.0, strict */
	SS_ECO_NPM,     /* SemVer, node-semver's loose forms */
	SS_ECO_GO,      /* Go modules: SemVer with "v", vX and vX.Y shorthands */
	SS_ECO_PYPI,    /* PEP 440 */
	SS_ECO_MAVEN,   /* ComparableVersion */
	SS_ECO_DEBIAN,  /* dpkg */
	SS_ECO_RPM,     /* rpmvercmp, epoch:version-release */
	SS_ECO_CRATES,  /* SemVer, strict */
	SS_ECO_NUGET,   /* SemVer 2 with 1 to 4 numeric parts, case-insensitive labels */
	SS_ECO_COUNT
} ss_ecosystem;

/* Longest version accepted (bytes); a longer one is SS_ELIMIT. */
#define SS_VERSION_MAX 256

/* The ecosystem of an OSV ecosystem name ("Go", "crates.io", "Debian:12",
 * "Rocky Linux:9", ...; what follows ':' is ignored) or of a purl type
 * ("golang", "cargo", "deb", ...). Unknown names, and NULL, give
 * SS_ECO_GENERIC. */
ss_ecosystem ss_ecosystem_from_osv(const char *osv_ecosystem);
ss_ecosystem ss_ecosystem_from_purl_type(const char *purl_type);
/* A short English name ("semver", "pypi", ...); static. */
const char *ss_ecosystem_name(ss_ecosystem eco);

/* *cmp = -1, 0 or 1 as a is before, the same as or after b in eco. Both
 * must be valid in eco: SS_EPARSE naming the one that is not, SS_ELIMIT
 * for one longer than SS_VERSION_MAX, SS_EINVAL for NULL. *cmp is written
 * only on success. */
int ss_version_cmp(ss_ecosystem eco, const char *a, const char *b, int *cmp);
/* Whether v is a version eco accepts (no error message is set). */
bool ss_version_valid(ss_ecosystem eco, const char *v);

/*
 * The affected versions of one OSV affected[] entry or of one CPE match,
 * compiled once: every event version parsed into a key, events sorted.
 * Owned by the caller, freed with ss_vrange_free (NULL-safe).
 */
typedef struct ss_vrange ss_vrange;

/*
 * Compile ranges (a JSON array: OSV ranges[] objects {type: SEMVER |
 * ECOSYSTEM | GIT, events: [...]}, or CPE objects {type: "CPE", criteria,
 * start_including | start_excluding, end_including | end_excluding}) and
 * versions (a JSON array of text, OSV versions[]; NULL or [] for none) in
 * the order of eco. GIT ranges are not evaluated: *note (when note is not
 * NULL) gets a malloc'ed English sentence naming them, freed by the caller,
 * NULL when every range is evaluated. SS_EPARSE names the field (a JSON
 * pointer such as /ranges/0/events/2/fixed) of a malformed range or of an
 * event version that is not valid in eco; SS_ELIMIT names the cap
 * exceeded. *out is written only on success.
 */
int ss_vrange_compile(ss_vrange **out, ss_ecosystem eco, const json_t *ranges,
		      const json_t *versions, char **note);
/*
 * *affected = whether version is affected: listed in versions (the same
 * version in eco, or the same text) or inside one of the evaluated ranges
 * (the OSV schema's evaluation). SS_EPARSE (message naming the version and
 * the ecosystem) when version is not valid in the order a range needs and
 * is not listed: the caller reports it, the answer is neither yes nor no.
 * *affected is written only on success. Thread-safe for one ss_vrange.
 */
int ss_vrange_affects(const ss_vrange *r, const char *version, bool *affected);
struct ss_vkeys;
/*
 * One version tested against many ranges (a component against every
 * advisory of its package): its key in each order parsed once, not once per
 * range. ss_vkeys_init, then ss_vrange_affects_keys with each range; the
 * answer is ss_vrange_affects's. The version is borrowed.
 */
void ss_vkeys_init(struct ss_vkeys *k, const char *version);
int ss_vrange_affects_keys(const ss_vrange *r, struct ss_vkeys *k, bool *affected);
/* How many ranges ss_vrange_compile left unevaluated (GIT ranges). */
size_t ss_vrange_unevaluated(const ss_vrange *r);
void ss_vrange_free(ss_vrange *r);

/* For version_range.c: a parsed version. */
#define SS_VKEY_MAX 1200
typedef struct {
	size_t len;
	unsigned char b[SS_VKEY_MAX];
} ss_vkey;
/* The keys of ss_vkeys_init: two orders at most (ranges of more than two
 * orders reuse the second). */
struct ss_vkeys {
	const char *version;
	ss_ecosystem eco[2];
	ss_vkey key[2];
	int n;
};
/* Parse v into *out; SS_EPARSE / SS_ELIMIT with a message that names v. */
int ss_version__key(ss_vkey *out, ss_ecosystem eco, const char *v);
/* Order of two keys of eco: <0, 0, >0. */
int ss_version__keycmp(ss_ecosystem eco, const unsigned char *a, size_t alen,
		       const unsigned char *b, size_t blen);

#endif
