/* Version order per ecosystem (published test vectors) and the OSV / CPE
 * range evaluation, with the real OSV records of ../shared/data. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "helpers.h"
#include "formats/version.h"
#include "util/util.h"

#ifndef SECSPEC_SHARED_DATA_FOR_TESTS
#define SECSPEC_SHARED_DATA_FOR_TESTS SECSPEC_SOURCE_DIR "/../shared/data"
#endif

/* Every pair of list (ascending, NULL-terminated) compares as its places do,
 * both ways. */
static void ascending(ss_ecosystem eco, const char *const *list)
{
	for (int i = 0; list[i]; i++) {
		for (int j = 0; list[j]; j++) {
			int c = 99, want = (i > j) - (i < j);

			if (ss_version_cmp(eco, list[i], list[j], &c) != 0)
				fail_msg("%s: %s vs %s: %s", ss_ecosystem_name(eco), list[i],
					 list[j], ss_error_last());
			if (c != want)
				fail_msg("%s: %s vs %s: %d, want %d", ss_ecosystem_name(eco),
					 list[i], list[j], c, want);
		}
	}
}

/* Triples a, b, want of cmp(a, b). */
typedef struct {
	const char *a, *b;
	int want;
} vcase;

static void cases(ss_ecosystem eco, const vcase *t)
{
	for (int i = 0; t[i].a; i++) {
		int c = 99, r = 99;

		if (ss_version_cmp(eco, t[i].a, t[i].b, &c) != 0)
			fail_msg("%s: %s vs %s: %s", ss_ecosystem_name(eco), t[i].a, t[i].b,
				 ss_error_last());
		assert_int_equal(ss_version_cmp(eco, t[i].b, t[i].a, &r), 0);
		if (c != t[i].want || r != -t[i].want)
			fail_msg("%s: %s vs %s: %d / %d, want %d", ss_ecosystem_name(eco), t[i].a,
				 t[i].b, c, r, t[i].want);
	}
}

static void invalid(ss_ecosystem eco, const char *const *list)
{
	for (int i = 0; list[i]; i++) {
		int c = 99;

		if (ss_version_valid(eco, list[i]))
			fail_msg("%s: \"%s\" is taken as valid", ss_ecosystem_name(eco), list[i]);
		assert_int_equal(ss_version_cmp(eco, list[i], list[i], &c), SS_EPARSE);
		assert_int_equal(c, 99);
		assert_non_null(strstr(ss_error_last(), "is not a valid"));
	}
}

static void semver_order(void **state)
{
	/* semver.org section 11 */
	static const char *const spec[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
					   "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
					   "1.0.0-rc.1",  "1.0.0",         "2.0.0",
					   "2.1.0",       "2.1.1",         "10.0.0",
					   NULL};
	static const vcase eq[] = {
		{"1.0.0+build.1", "1.0.0", 0},
		{"1.0.0-rc.1+b", "1.0.0-rc.1+c", 0},
		{"1.0.0-a-b", "1.0.0-a", 1},
		{"1.0.0-1", "1.0.0-a", -1}, /* numeric identifiers before text */
		{"1.0.0-Z", "1.0.0-a", -1}, /* ASCII order, case-sensitive */
		{"99999999999999999999999.0.0", "99999999999999999999998.0.0", 1},
		{NULL, NULL, 0}};
	static const char *const bad[] = {"1.0",        "01.0.0",  "1.0.0-",  "1.0.0-01", "v1.0.0",
					  "1.0.0+",     "1.0.0.0", "1..0",    "",         " 1.0.0",
					  "1.0.0-a..b", "a.b.c",   "1.0.0_1", NULL};

	(void)state;
	ascending(SS_ECO_SEMVER, spec);
	ascending(SS_ECO_CRATES, spec);
	cases(SS_ECO_SEMVER, eq);
	invalid(SS_ECO_SEMVER, bad);
	invalid(SS_ECO_CRATES, bad);
}

static void npm_go_nuget_order(void **state)
{
	static const vcase npm[] = {{"v1.2.3", "1.2.3", 0},
				    {"=1.2.3", "1.2.3", 0},
				    {" =v1.2.3 ", "1.2.3", 0},
				    {"1.2.3beta", "1.2.3-beta", 0},
				    {"1.2.3-beta", "1.2.3", -1},
				    {"01.2.3", "1.2.3", 0},
				    {NULL, NULL, 0}};
	/* pseudo-versions sort as the pre-releases they are */
	static const char *const go[] = {"v0.0.0-20190101000000-abcdefabcdef",
					 "v0.0.0-20200101000000-abcdefabcdef",
					 "v0.1.0",
					 "v1.0.0-rc.1",
					 "v1.0.0-rc.1.0.20200101000000-abcdefabcdef",
					 "v1.0.0",
					 "v1.0.1-0.20200101000000-abcdefabcdef",
					 "v1.0.1",
					 "v1.2.0",
					 "v2.0.0+incompatible",
					 "v2.0.1",
					 NULL};
	static const vcase go_eq[] = {{"v1.2", "v1.2.0", 0},
				      {"v1", "v1.0.0", 0},
				      {"v2.0.0+incompatible", "v2.0.0", 0},
				      {"1.2.3", "v1.2.3", 0}, /* OSV's events carry no "v" */
				      /* the toolchain's own spelling (stdlib in SBOMs) */
				      {"go1.21.3", "v1.21.3", 0},
				      {"go1.20", "v1.20.0", 0},
				      {"go1.21rc2", "v1.21.0-rc.2", 0},
				      {"go1.19beta1", "v1.19.0-beta.1", 0},
				      {"go1.21rc2", "go1.21.0", -1},
				      {NULL, NULL, 0}};
	static const char *const go_bad[] = {"v1.2-pre",   "v1.02.0",    "vx",
					     "v1.0.0-01",  "go1",        "go1.21rc",
					     "go1.21-rc1", "go1.21.3.4", NULL};
	static const char *const nuget[] = {"1.0.0-alpha",   "1.0.0-beta", "1.0.0-beta.2",
					    "1.0.0-beta.11", "1.0.0",      "1.0.0.1",
					    "1.0.1",         "1.1",        NULL};
	static const vcase nuget_eq[] = {{"1", "1.0.0.0", 0},
					 {"1.0", "1.0.0", 0},
					 {"1.0.0-ALPHA", "1.0.0-alpha", 0},
					 {"1.01.0", "1.1.0", 0},
					 {"1.0.0+meta", "1.0.0", 0},
					 {NULL, NULL, 0}};
	static const char *const nuget_bad[] = {"1.0.0.0.0", "v1.0", "1.0-", NULL};

	(void)state;
	cases(SS_ECO_NPM, npm);
	ascending(SS_ECO_GO, go);
	cases(SS_ECO_GO, go_eq);
	invalid(SS_ECO_GO, go_bad);
	ascending(SS_ECO_NUGET, nuget);
	cases(SS_ECO_NUGET, nuget_eq);
	invalid(SS_ECO_NUGET, nuget_bad);
}

static void pep440_order(void **state)
{
	/* the order of PEP 440's summary of permitted suffixes (packaging's tests) */
	static const char *const pep[] = {"1.0.dev456",    "1.0a1",
					  "1.0a2.dev456",  "1.0a12.dev456",
					  "1.0a12",        "1.0b1.dev456",
					  "1.0b2",         "1.0b2.post345.dev456",
					  "1.0b2.post345", "1.0rc1.dev456",
					  "1.0rc1",        "1.0",
					  "1.0+abc.5",     "1.0+abc.7",
					  "1.0+5",         "1.0.post456.dev34",
					  "1.0.post456",   "1.0.15",
					  "1.1.dev1",      "2.0",
					  "1!0.1",         NULL};
	static const vcase eq[] = {{"1.0RC1", "1.0rc1", 0},
				   {"1.0-post1", "1.0.post1", 0},
				   {"1.0-1", "1.0.post1", 0},
				   {"1.0alpha1", "1.0a1", 0},
				   {"1.0-dev-1", "1.0.dev1", 0},
				   {"1.0c1", "1.0rc1", 0},
				   {"1.0.preview2", "1.0rc2", 0},
				   {"v1.0", "1.0", 0},
				   {"1.0.0", "1.0", 0},
				   {"1.0-dev", "1.0.dev0", 0},
				   {"1.0+ubuntu-1", "1.0+ubuntu.1", 0},
				   {"1.0-r4", "1.0.post4", 0},
				   {"1.0_a_1", "1.0a1", 0},
				   {"0!1.0", "1.0", 0},
				   {" 1.0 ", "1.0", 0},
				   {"1.0+abc", "1.0+5", -1},
				   {"1.0+1.a", "1.0+1", 1},
				   {"1.0.post", "1.0.post0", 0},
				   {"1.0a.", "1.0a0", 0},
				   {"1.0_post_", "1.0.post0", 0},
				   {"1.0-dev-", "1.0.dev0", 0},
				   {"1.0a", "1.0a0", 0},
				   {NULL, NULL, 0}};
	static const char *const bad[] = {"1.0+", "french toast", "1.0-",    "1.0.x", "1.0+a..b",
					  "!1.0", "1.0.dev1.2",   "1.0a1b1", NULL};

	(void)state;
	ascending(SS_ECO_PYPI, pep);
	cases(SS_ECO_PYPI, eq);
	invalid(SS_ECO_PYPI, bad);
}

static void maven_order(void **state)
{
	/* ComparableVersionTest's VERSIONS_QUALIFIER and VERSIONS_NUMBER, in the order
	 * Maven 3.8.7 gives them (checked with its ComparableVersion main) */
	static const char *const qual[] = {"1-alpha2snapshot",
					   "1-alpha2",
					   "1-alpha-123",
					   "1-beta-2",
					   "1-beta123",
					   "1-m2",
					   "1-m11",
					   "1-rc",
					   "1-cr2",
					   "1-rc123",
					   "1-SNAPSHOT",
					   "1",
					   "1-sp",
					   "1-sp2",
					   "1-sp123",
					   "1-abc",
					   "1-def",
					   "1-pom-1",
					   "1-1-snapshot",
					   "1-1",
					   "1-2",
					   "1-123",
					   NULL};
	static const char *const num[] = {"2.0",     "2.0.a",  "2-1",   "2.0.2",  "2.0.123",
					  "2.1.0",   "2.1-a",  "2.1b",  "2.1-c",  "2.1-1",
					  "2.1.0.1", "2.2",    "2.123", "11.a2",  "11.a11",
					  "11.b2",   "11.b11", "11.m2", "11.m11", "11",
					  "11.a",    "11b",    "11c",   "11m",    NULL};
	static const vcase eq[] = {{"1", "1.0", 0},
				   {"1", "1.0.0", 0},
				   {"1.0", "1.0.0", 0},
				   {"1", "1-0", 0},
				   {"1", "1.0-0", 0},
				   {"1.0", "1.0-0", 0},
				   {"1a", "1-a", 0},
				   {"1a", "1.0-a", 0},
				   {"1a", "1.0.0-a", 0},
				   {"1.0a", "1-a", 0},
				   {"1.0.0a", "1-a", 0},
				   {"1x", "1-x", 0},
				   {"1x", "1.0-x", 0},
				   {"1x", "1.0.0-x", 0},
				   {"1.0x", "1-x", 0},
				   {"1.0.0x", "1-x", 0},
				   {"1ga", "1", 0},
				   {"1release", "1", 0},
				   {"1final", "1", 0},
				   {"1cr", "1rc", 0},
				   {"1a1", "1-alpha-1", 0},
				   {"1b2", "1-beta-2", 0},
				   {"1m3", "1-milestone-3", 0},
				   {"1X", "1x", 0},
				   {"1A", "1a", 0},
				   {"1GA", "1", 0},
				   {"1RELEASE", "1", 0},
				   {"1FinaL", "1", 0},
				   {"1Cr", "1Rc", 0},
				   {"1m3", "1MILESTONE3", 0},
				   {"1.0-SNAPSHOT", "1.0", -1},
				   {"1.0-alpha-1", "1.0-beta-1", -1},
				   {"1.0.0.Final", "1.0.0", 0},
				   {"5.3.20", "5.3.3", 1},
				   {"2.0.a", "2.0.0.a", 0},
				   {"1.x1", "1-x-1", 0},
				   {"1.a.b", "1.a-b", 0},
				   {"1.x.2", "1.x-2", 1},
				   {"ga.cr", "rc", 1},
				   {"99999999999999999999999", "99999999999999999999998", 1},
				   {NULL, NULL, 0}};

	(void)state;
	ascending(SS_ECO_MAVEN, qual);
	ascending(SS_ECO_MAVEN, num);
	cases(SS_ECO_MAVEN, eq);
}

static void debian_order(void **state)
{
	/* Debian Policy 5.6.12: ~~ < ~~a < ~ < (nothing) < a */
	static const char *const policy[] = {"1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a", NULL};
	/* dpkg's t-version.c and verrevcmp behaviour */
	static const vcase t[] = {{"0", "0", 0},
				  {"0", "00", 0},
				  {"1", "2", -1},
				  {"2.0", "1:0.1", -1},
				  {"0:1.0", "1.0", 0},
				  {"1.0", "1.0-0", 0},
				  {"1.0-1", "1.0-2", -1},
				  {"1.0-2", "1.0-10", -1},
				  {"1.2.3", "1.2.3.0", -1},
				  {"1.0+dfsg", "1.0", 1},
				  {"1.0.1", "1.0+dfsg", 1},
				  {"1.0a", "1.0+", -1},
				  {"1.0", "1.0.", -1},
				  {"1.0.", "1.0.0", 0},
				  {"2:1.0-1", "10:0.1", -1},
				  {"1.0-1ubuntu1", "1.0-1", 1},
				  {"1.0-1~bpo1", "1.0-1", -1},
				  {"1:2.30-1", "1:2.30~rc1-1", 1},
				  {"7.6p2-4", "7.6-0", 1},
				  {"1.0-a-b", "1.0-a", 1},    /* upstream "1.0-a" */
				  {"1:1.0:2", "1:1.0:3", -1}, /* upstream with ':' */
				  {"0:1.0~rc1-1", "1.0-1", -1},
				  {NULL, NULL, 0}};
	static const char *const bad[] = {"a1.0",    "1.0-",  ":1.0", "1:", "1.0_1",
					  "1.0-1_2", "x:1.0", "-1",   NULL};

	(void)state;
	ascending(SS_ECO_DEBIAN, policy);
	cases(SS_ECO_DEBIAN, t);
	invalid(SS_ECO_DEBIAN, bad);
}

static void rpm_order(void **state)
{
	/* rpm's tests/rpmvercmp.at */
	static const vcase t[] = {{"1.0", "1.0", 0},
				  {"1.0", "2.0", -1},
				  {"2.0.1", "2.0.1", 0},
				  {"2.0", "2.0.1", -1},
				  {"2.0.1a", "2.0.1a", 0},
				  {"2.0.1a", "2.0.1", 1},
				  {"5.5p1", "5.5p1", 0},
				  {"5.5p1", "5.5p2", -1},
				  {"5.5p10", "5.5p10", 0},
				  {"5.5p1", "5.5p10", -1},
				  {"10xyz", "10.1xyz", -1},
				  {"xyz10", "xyz10", 0},
				  {"xyz10", "xyz10.1", -1},
				  {"xyz.4", "xyz.4", 0},
				  {"xyz.4", "8", -1},
				  {"xyz.4", "2", -1},
				  {"5.5p2", "5.6p1", -1},
				  {"5.6p1", "6.5p1", -1},
				  {"6.0.rc1", "6.0", 1},
				  {"10b2", "10a1", 1},
				  {"10a2", "10b2", -1},
				  {"1.0aa", "1.0aa", 0},
				  {"1.0a", "1.0aa", -1},
				  {"10.0001", "10.0001", 0},
				  {"10.0001", "10.1", 0},
				  {"10.0001", "10.0039", -1},
				  {"4.999.9", "5.0", -1},
				  {"20101121", "20101121", 0},
				  {"20101121", "20101122", -1},
				  {"2_0", "2_0", 0},
				  {"2.0", "2_0", 0},
				  {"a", "a", 0},
				  {"a+", "a+", 0},
				  {"a+", "a_", 0},
				  {"+a", "+a", 0},
				  {"+a", "_a", 0},
				  {"+_", "+_", 0},
				  {"_+", "+_", 0},
				  {"+", "_", 0},
				  {"1.0~rc1", "1.0~rc1", 0},
				  {"1.0~rc1", "1.0", -1},
				  {"1.0~rc1", "1.0~rc2", -1},
				  {"1.0~rc1~git123", "1.0~rc1~git123", 0},
				  {"1.0~rc1~git123", "1.0~rc1", -1},
				  {"1.0^", "1.0^", 0},
				  {"1.0^", "1.0", 1},
				  {"1.0^git1", "1.0^git1", 0},
				  {"1.0^git1", "1.0", 1},
				  {"1.0^git1", "1.0^git2", -1},
				  {"1.0^git1", "1.01", -1},
				  {"1.0^20160101", "1.0^20160101", 0},
				  {"1.0^20160101", "1.0.1", -1},
				  {"1.0^20160101^git1", "1.0^20160101^git1", 0},
				  {"1.0^20160102", "1.0^20160101^git1", 1},
				  {"1.0~rc1^git1", "1.0~rc1^git1", 0},
				  {"1.0~rc1^git1", "1.0~rc1", 1},
				  {"1.0^git1~pre", "1.0^git1~pre", 0},
				  {"1.0^git1", "1.0^git1~pre", 1},
				  /* epoch:version-release */
				  {"1:1.0-1", "2.0-1", 1},
				  {"0:1.0-1", "1.0-1", 0},
				  {"1.0-1.el9", "1.0-1.el9_2", -1},
				  {"1.0-10.el9", "1.0-9.el9", 1},
				  {"2.0-1", "1.0-9", 1},
				  /* no release sorts before any release, as rpm.vercmp has it */
				  {"1.0-1", "1.0", 1},
				  {"1-~", "1", 1},
				  {"b", "b_-~", -1},
				  {NULL, NULL, 0}};
	static const char *const bad[] = {"1.0-", ":1.0", "a:1.0", "1:2:3", "-1", NULL};

	(void)state;
	cases(SS_ECO_RPM, t);
	invalid(SS_ECO_RPM, bad);
}

static void generic_order(void **state)
{
	static const char *const asc[] = {"1.0",  "1.0a", "1.0b",  "1.0.1", "1.2",
					  "1.10", "2",    "2.0.1", NULL};
	static const vcase eq[] = {
		{"1.0", "1.0.0", 0}, {"1_2", "1.2", 0}, {"1.0A", "1.0a", 0}, {NULL, NULL, 0}};
	static const char *const bad[] = {"", "...", "1 0", NULL};

	(void)state;
	ascending(SS_ECO_GENERIC, asc);
	cases(SS_ECO_GENERIC, eq);
	invalid(SS_ECO_GENERIC, bad);
}

static void ecosystem_names(void **state)
{
	(void)state;
	assert_int_equal(ss_ecosystem_from_osv("Go"), SS_ECO_GO);
	assert_int_equal(ss_ecosystem_from_osv("crates.io"), SS_ECO_CRATES);
	assert_int_equal(ss_ecosystem_from_osv("npm"), SS_ECO_NPM);
	assert_int_equal(ss_ecosystem_from_osv("PyPI"), SS_ECO_PYPI);
	assert_int_equal(ss_ecosystem_from_osv("Maven"), SS_ECO_MAVEN);
	assert_int_equal(ss_ecosystem_from_osv("NuGet"), SS_ECO_NUGET);
	assert_int_equal(ss_ecosystem_from_osv("Debian:12"), SS_ECO_DEBIAN);
	assert_int_equal(ss_ecosystem_from_osv("Ubuntu:22.04:LTS"), SS_ECO_DEBIAN);
	assert_int_equal(ss_ecosystem_from_osv("AlmaLinux:9"), SS_ECO_RPM);
	assert_int_equal(ss_ecosystem_from_osv("Rocky Linux:9"), SS_ECO_RPM);
	assert_int_equal(ss_ecosystem_from_osv("Red Hat:enterprise_linux:9::appstream"),
			 SS_ECO_RPM);
	assert_int_equal(ss_ecosystem_from_osv("RubyGems"), SS_ECO_GENERIC);
	assert_int_equal(ss_ecosystem_from_osv("Packagist"), SS_ECO_GENERIC);
	assert_int_equal(ss_ecosystem_from_osv("go"), SS_ECO_GENERIC); /* case matters */
	assert_int_equal(ss_ecosystem_from_osv(NULL), SS_ECO_GENERIC);
	assert_int_equal(ss_ecosystem_from_purl_type("golang"), SS_ECO_GO);
	assert_int_equal(ss_ecosystem_from_purl_type("cargo"), SS_ECO_CRATES);
	assert_int_equal(ss_ecosystem_from_purl_type("deb"), SS_ECO_DEBIAN);
	assert_int_equal(ss_ecosystem_from_purl_type("rpm"), SS_ECO_RPM);
	assert_int_equal(ss_ecosystem_from_purl_type("gem"), SS_ECO_GENERIC);
	assert_int_equal(ss_ecosystem_from_purl_type("composer"), SS_ECO_GENERIC);
	assert_int_equal(ss_ecosystem_from_purl_type("pypi"), SS_ECO_PYPI);
	assert_string_equal(ss_ecosystem_name(SS_ECO_PYPI), "pypi");
}

static void limits_and_args(void **state)
{
	char big[SS_VERSION_MAX + 2];
	int c = 99;

	(void)state;
	memset(big, '1', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(ss_version_cmp(SS_ECO_GENERIC, big, "1", &c), SS_ELIMIT);
	assert_non_null(strstr(ss_error_last(), "longer than 256 bytes"));
	assert_int_equal(ss_version_cmp(SS_ECO_GENERIC, NULL, "1", &c), SS_EINVAL);
	/* 65 digits: refused rather than compared wrong */
	assert_int_equal(
		ss_version_cmp(SS_ECO_SEMVER,
			       "10000000000000000000000000000000000000000000000000000000000"
			       "000000.0.0",
			       "1.0.0", &c),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "more than 64 digits"));
	assert_int_equal(c, 99);
	/* the message shows the version, controls as '?' */
	assert_int_equal(ss_version_cmp(SS_ECO_SEMVER, "1.0\n", "1.0.0", &c), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "\"1.0?\""));
}

/* ---- ranges --------------------------------------------------------------- */

/* JSON written with ' for ". */
static json_t *sq(const char *text)
{
	char buf[4096];
	size_t i = 0;

	for (; text[i] && i + 1 < sizeof(buf); i++)
		buf[i] = text[i] == '\'' ? '"' : text[i];
	buf[i] = '\0';
	return json_loads(buf, 0, NULL);
}

static ss_vrange *compile(ss_ecosystem eco, const char *ranges, const char *versions, char **note)
{
	json_t *r = sq(ranges), *v = versions ? sq(versions) : NULL;
	ss_vrange *out = NULL;

	assert_non_null(r);
	if (ss_vrange_compile(&out, eco, r, v, note) != 0)
		fail_msg("compile %s: %s", ranges, ss_error_last());
	json_decref(r);
	json_decref(v);
	return out;
}

static int compile_err(ss_ecosystem eco, const char *ranges)
{
	json_t *r = sq(ranges);
	ss_vrange *out = (ss_vrange *)1;
	int error;

	assert_non_null(r);
	error = ss_vrange_compile(&out, eco, r, NULL, NULL);
	assert_ptr_equal(out, (ss_vrange *)1);
	json_decref(r);
	return error;
}

/* "v1 v2 ..." affected, "!v3" not. */
static void expect(const ss_vrange *r, const char *spec)
{
	char buf[1024], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", spec);
	for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		bool want = t[0] != '!', got = !want;
		const char *v = want ? t : t + 1;

		if (ss_vrange_affects(r, v, &got) != 0)
			fail_msg("%s: %s", v, ss_error_last());
		if (got != want)
			fail_msg("%s: affected %d, want %d", v, got, want);
	}
}

static void osv_schema_examples(void **state)
{
	ss_vrange *r;
	char *note = (char *)1;
	bool a = false;

	(void)state;
	/* "every possible version is affected" */
	r = compile(SS_ECO_SEMVER, "[{'type':'SEMVER','events':[{'introduced':'0'}]}]", NULL,
		    &note);
	assert_null(note);
	expect(r, "0.0.0 0.0.0-alpha 1.0.0 999.0.0");
	ss_vrange_free(r);
	/* everything before 1.0.2 */
	r = compile(SS_ECO_SEMVER,
		    "[{'type':'SEMVER','events':[{'introduced':'0'},{'fixed':'1.0.2'}]}]", NULL,
		    NULL);
	expect(r, "0.0.1 1.0.1 1.0.2-rc.1 !1.0.2 !1.0.3 !2.0.0");
	ss_vrange_free(r);
	/* [1.0.0, 1.0.2) and [3.0.0, 3.2.5) */
	r = compile(SS_ECO_SEMVER,
		    "[{'type':'SEMVER','events':[{'introduced':'1.0.0'},{'fixed':'1.0.2'},"
		    "{'introduced':'3.0.0'},{'fixed':'3.2.5'}]}]",
		    NULL, NULL);
	expect(r, "!0.9.0 !1.0.0-rc.1 1.0.0 1.0.1 !1.0.2 !2.0.0 !3.0.0-alpha 3.0.0 3.2.4 "
		  "!3.2.5 !4.0.0");
	ss_vrange_free(r);
	/* the same, events out of order: sorted by version first */
	r = compile(SS_ECO_SEMVER,
		    "[{'type':'SEMVER','events':[{'fixed':'3.2.5'},{'introduced':'1.0.0'},"
		    "{'introduced':'3.0.0'},{'fixed':'1.0.2'}]}]",
		    NULL, NULL);
	expect(r, "!0.9.0 1.0.1 !1.0.2 !2.0.0 3.2.4 !3.2.5");
	ss_vrange_free(r);
	/* last_affected is inclusive */
	r = compile(SS_ECO_MAVEN,
		    "[{'type':'ECOSYSTEM','events':[{'introduced':'0'},{'last_affected':'2.1.214'}]"
		    "}]",
		    NULL, NULL);
	expect(r, "1.0 2.1.214 2.1.214.0 2.1.214-SNAPSHOT !2.1.215 !2.1.214-sp1 !3");
	ss_vrange_free(r);
	/* limit: an upper bound; several limits: below any of them */
	r = compile(SS_ECO_SEMVER,
		    "[{'type':'SEMVER','events':[{'introduced':'1.0.0'},{'limit':'2.0.0'}]}]", NULL,
		    NULL);
	expect(r, "!0.1.0 1.0.0 1.9.9 !2.0.0 !3.0.0");
	ss_vrange_free(r);
	r = compile(SS_ECO_SEMVER,
		    "[{'type':'SEMVER','events':[{'introduced':'1.0.0'},{'limit':'*'}]}]", NULL,
		    NULL);
	expect(r, "!0.1.0 1.0.0 99.0.0");
	ss_vrange_free(r);
	r = compile(SS_ECO_SEMVER,
		    "[{'type':'SEMVER','events':[{'introduced':'1.0.0'},{'fixed':'1.5.0'},"
		    "{'limit':'1.2.0'},{'limit':'1.1.0'}]}]",
		    NULL, NULL);
	expect(r, "1.0.0 1.1.9 !1.2.0 !1.4.0 !1.5.0");
	ss_vrange_free(r);
	/* versions[]: affected whatever the ranges say; equal in the ecosystem */
	r = compile(SS_ECO_PYPI,
		    "[{'type':'ECOSYSTEM','events':[{'introduced':'0'},{'fixed':'1.0'}]}]",
		    "['5.0', '6.0.0rc1', 'not-a-version']", NULL);
	expect(r, "0.9 !1.0 5.0 5.0.0 6.0rc1 !6.0 not-a-version");
	ss_vrange_free(r);
	/* GIT ranges: not evaluated, said so */
	r = compile(SS_ECO_GO,
		    "[{'type':'GIT','repo':'https://x','events':[{'introduced':'0'},"
		    "{'fixed':'abc'}]},{'type':'SEMVER','events':[{'introduced':'0'},"
		    "{'fixed':'1.2.0'}]}]",
		    NULL, &note);
	assert_non_null(note);
	assert_non_null(strstr(note, "1 GIT range(s) not evaluated (/ranges/0)"));
	free(note);
	assert_int_equal(ss_vrange_unevaluated(r), 1);
	/* Go: components carry "v", events not */
	expect(r, "v1.1.0 1.1.0 v1.2.0-rc.1 !v1.2.0 !v2.0.0+incompatible");
	/* a component version the order refuses: an error, not an answer */
	a = true;
	assert_int_equal(ss_vrange_affects(r, "latest", &a), SS_EPARSE);
	assert_true(a);
	assert_non_null(strstr(ss_error_last(), "\"latest\" is not a valid go version"));
	ss_vrange_free(r);
	/* nothing to evaluate: not affected, whatever the version */
	r = compile(SS_ECO_GO, "[]", NULL, NULL);
	expect(r, "!v1.0.0 !latest");
	assert_int_equal(ss_vrange_unevaluated(r), 0);
	ss_vrange_free(r);
	ss_vrange_free(NULL);
}

static void osv_malformed(void **state)
{
	(void)state;
	assert_int_equal(compile_err(SS_ECO_SEMVER,
				     "[{'type':'SEMVER','events':[{'introduced':'0'},"
				     "{'fixed':'1.0'}]}]"),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/ranges/0/events/1/fixed: version \"1.0\""));
	assert_int_equal(
		compile_err(SS_ECO_SEMVER,
			    "[{'type':'SEMVER','events':[{'introduced':'0','fixed':'1.0.0'}]}]"),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/ranges/0/events/0: an event holds exactly one"));
	assert_int_equal(
		compile_err(SS_ECO_SEMVER, "[{'type':'SEMVER','events':[{'fixed':'1.0.0'}]}]"),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "no introduced event"));
	assert_int_equal(compile_err(SS_ECO_SEMVER, "[{'type':'WHATEVER','events':[]}]"),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/ranges/0/type"));
	assert_int_equal(compile_err(SS_ECO_SEMVER, "[{'type':'SEMVER','events':[]}]"), SS_EPARSE);
	assert_int_equal(compile_err(SS_ECO_SEMVER, "[{'type':'SEMVER'}]"), SS_EPARSE);
	assert_int_equal(
		compile_err(SS_ECO_SEMVER, "[{'type':'SEMVER','events':[{'introduced':1}]}]"),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/ranges/0/events/0/introduced: not a string"));
	assert_int_equal(compile_err(SS_ECO_SEMVER, "{}"), SS_EPARSE);
	assert_int_equal(compile_err(SS_ECO_SEMVER, "[1]"), SS_EPARSE);
	{
		/* more than 512 events in a range */
		json_t *ev = json_array(), *r;
		ss_vrange *out = NULL;

		for (int i = 0; i < 513; i++)
			json_array_append_new(ev, json_pack("{s:s}", "introduced", "0"));
		r = json_pack("[{s:s,s:o}]", "type", "SEMVER", "events", ev);
		assert_int_equal(ss_vrange_compile(&out, SS_ECO_SEMVER, r, NULL, NULL), SS_ELIMIT);
		assert_non_null(strstr(ss_error_last(), "more than 512 events"));
		json_decref(r);
	}
}

static void cpe_bounds(void **state)
{
	ss_vrange *r;

	(void)state;
	r = compile(SS_ECO_GENERIC,
		    "[{'type':'CPE','criteria':'cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*',"
		    "'start_including':'2.0','end_excluding':'2.15.0'}]",
		    NULL, NULL);
	expect(r, "!1.2.17 2.0 2.0.0 2.14.1 !2.15.0 !2.17.1");
	ss_vrange_free(r);
	r = compile(SS_ECO_GENERIC,
		    "[{'type':'CPE','criteria':'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*',"
		    "'start_excluding':'1.0','end_including':'1.4'}]",
		    NULL, NULL);
	expect(r, "!1.0 1.0.1 1.4 !1.4.1");
	ss_vrange_free(r);
	/* only an upper bound */
	r = compile(SS_ECO_GENERIC,
		    "[{'type':'CPE','criteria':'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*',"
		    "'end_excluding':'3'}]",
		    NULL, NULL);
	expect(r, "0.1 2.99 !3 !3.0.0 !4");
	ss_vrange_free(r);
	/* the criteria's own version, exact (with its update), or any */
	r = compile(SS_ECO_GENERIC,
		    "[{'type':'CPE','criteria':'cpe:2.3:a:openbsd:openssh:7.6:p1:*:*:*:*:*:*'}]",
		    NULL, NULL);
	expect(r, "7.6p1 7.6-p1 !7.6 !7.6p2");
	ss_vrange_free(r);
	r = compile(SS_ECO_GENERIC,
		    "[{'type':'CPE','criteria':'cpe:2.3:a:x:y:1.0\\\\:beta:*:*:*:*:*:*:*'}]", NULL,
		    NULL);
	expect(r, "1.0-beta !1.0");
	ss_vrange_free(r);
	r = compile(SS_ECO_GENERIC, "[{'type':'CPE','criteria':'cpe:2.3:o:x:y:-:*:*:*:*:*:*:*'}]",
		    NULL, NULL);
	expect(r, "1.0 anything ...");
	ss_vrange_free(r);
	assert_int_equal(
		compile_err(SS_ECO_GENERIC, "[{'type':'CPE','criteria':'cpe:/a:x:y:1.0'}]"),
		SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/ranges/0/criteria"));
	assert_int_equal(compile_err(SS_ECO_SEMVER,
				     "[{'type':'CPE','criteria':'cpe:2.3:a:x:y:*:*:*:*:*:*:*:*',"
				     "'end_excluding':'2.0'}]"),
			 SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "/ranges/0/end_excluding"));
}

/* Ranges of real records: GO-2022-0229 (stdlib, two introduced/fixed pairs,
 * a "-0" pre-release), GO-2020-0004 (pseudo-versions), RUSTSEC-2020-0069
 * (four pairs, pre-releases), RUSTSEC-2018-0003. */
static void real_records(void **state)
{
	ss_vrange *r;

	(void)state;
	r = compile(SS_ECO_GO,
		    "[{'type':'SEMVER','events':[{'introduced':'0'},{'fixed':'1.12.16'},"
		    "{'introduced':'1.13.0-0'},{'fixed':'1.13.7'}]}]",
		    NULL, NULL);
	expect(r, "v1.0.0 v1.12.15 !v1.12.16 !v1.12.17 v1.13.0-beta1 v1.13.0-rc.1 v1.13.0 "
		  "v1.13.6 !v1.13.7 !v1.14.0 go1.12.15 !go1.12.16 go1.13rc1 go1.13 !go1.13.7");
	ss_vrange_free(r);
	r = compile(
		SS_ECO_GO,
		"[{'type':'SEMVER','events':[{'introduced':'0.0.0-20160722212129-ac0cc4484ad4'},"
		"{'fixed':'0.0.0-20200131131040-063a3fb69896'}]}]",
		NULL, NULL);
	expect(r, "!v0.0.0-20160101000000-000000000000 v0.0.0-20160722212129-ac0cc4484ad4 "
		  "v0.0.0-20191231000000-ffffffffffff !v0.0.0-20200131131040-063a3fb69896 "
		  "!v0.1.0 !v1.0.0");
	ss_vrange_free(r);
	r = compile(SS_ECO_CRATES,
		    "[{'type':'SEMVER','events':[{'introduced':'0.7.0'},{'fixed':'0.7.1'},"
		    "{'introduced':'0.8.0'},{'fixed':'0.8.4'},{'introduced':'0.9.0'},"
		    "{'fixed':'0.9.5'},{'introduced':'0.10.0-alpha.1'},"
		    "{'fixed':'0.10.0-alpha.4'}]}]",
		    NULL, NULL);
	expect(r, "!0.6.9 0.7.0 !0.7.1 !0.7.9 0.8.0 0.8.3 !0.8.4 0.9.4 !0.9.5 !0.10.0-alpha.0 "
		  "0.10.0-alpha.1 0.10.0-alpha.3 !0.10.0-alpha.4 !0.10.0-beta.1 !0.10.0");
	ss_vrange_free(r);
	r = compile(SS_ECO_CRATES,
		    "[{'type':'SEMVER','events':[{'introduced':'0.3.2'},{'fixed':'0.3.4'},"
		    "{'introduced':'0.4.0-0'},{'fixed':'0.4.5'},{'introduced':'0.5.0-0'},"
		    "{'fixed':'0.5.1'},{'introduced':'0.6.0-0'},{'fixed':'0.6.3'}]}]",
		    NULL, NULL);
	expect(r, "!0.3.1 0.3.3 !0.3.4 0.4.0-rc.1 0.4.4 !0.4.5 0.5.0 !0.5.1 0.6.2 !0.6.3 !1.0.0");
	ss_vrange_free(r);
}

static bool fixed_too(const json_t *events, const char *v)
{
	size_t i;
	json_t *e;

	json_array_foreach(events, i, e)
		if (!strcmp(ss_js(e, "fixed"), v))
			return true;
	return false;
}

/* Every affected entry of the real OSV dumps compiles; each introduced
 * version is affected and each fixed one is not; and the time one test
 * takes. Skipped when the data or unzip is missing. */
static void real_dumps(void **state)
{
	static const char *const zips[] = {"Go-all.zip", "crates.io-all.zip"};
	long entries = 0, checks = 0, fails = 0;

	(void)state;
	for (int z = 0; z < 2; z++) {
		char path[1024], cmd[1200];
		FILE *f;
		json_t *rec;

		snprintf(path, sizeof(path), "%s/vuln/osv/%s", SECSPEC_SHARED_DATA_FOR_TESTS,
			 zips[z]);
		if (access(path, R_OK) != 0 || system("command -v unzip >/dev/null 2>&1") != 0) {
			skip();
			return;
		}
		snprintf(cmd, sizeof(cmd), "unzip -p '%s'", path);
		assert_non_null(f = popen(cmd, "r"));
		while ((rec = json_loadf(f, JSON_DISABLE_EOF_CHECK, NULL))) {
			size_t i;
			json_t *aff;

			json_array_foreach(json_object_get(rec, "affected"), i, aff) {
				ss_ecosystem eco = ss_ecosystem_from_osv(
					ss_js(json_object_get(aff, "package"), "ecosystem"));
				json_t *ranges = json_object_get(aff, "ranges");
				ss_vrange *r = NULL;
				size_t ri, ei;
				json_t *range, *ev;

				if (ss_vrange_compile(&r, eco, ranges,
						      json_object_get(aff, "versions"),
						      NULL) != 0) {
					print_message("%s: %s\n", ss_js(rec, "id"),
						      ss_error_last());
					fails++;
					continue;
				}
				entries++;
				json_array_foreach(ranges, ri, range) {
					json_array_foreach(json_object_get(range, "events"), ei,
							   ev) {
						const char *in = ss_js(ev, "introduced");
						const char *fx = ss_js(ev, "fixed");
						char v[300];
						bool a;

						/* "introduced X, fixed X" (an empty range,
						 * RUSTSEC-2024-0399) leaves X unaffected */
						if (*in && strcmp(in, "0") != 0 &&
						    !fixed_too(json_object_get(range, "events"),
							       in)) {
							snprintf(v, sizeof(v), "%s%s",
								 eco == SS_ECO_GO ? "v" : "", in);
							assert_int_equal(
								ss_vrange_affects(r, v, &a), 0);
							checks++;
							if (!a) {
								print_message(
									"%s: %s not affected\n",
									ss_js(rec, "id"), v);
								fails++;
							}
						}
						if (*fx) {
							snprintf(v, sizeof(v), "%s%s",
								 eco == SS_ECO_GO ? "v" : "", fx);
							assert_int_equal(
								ss_vrange_affects(r, v, &a), 0);
							checks++;
							if (a && !json_array_size(json_object_get(
									 aff, "versions"))) {
								print_message("%s: %s affected\n",
									      ss_js(rec, "id"), v);
								fails++;
							}
						}
					}
				}
				ss_vrange_free(r);
			}
			json_decref(rec);
		}
		pclose(f);
	}
	print_message("real OSV entries compiled: %ld, boundary checks: %ld\n", entries, checks);
	assert_true(entries > 5000);
	assert_int_equal(fails, 0);
	{
		/* a typical Go range: stdlib's two pairs */
		ss_vrange *r = compile(SS_ECO_GO,
				       "[{'type':'SEMVER','events':[{'introduced':'0'},"
				       "{'fixed':'1.21.11'},{'introduced':'1.22.0-0'},"
				       "{'fixed':'1.22.4'}]}]",
				       NULL, NULL);
		const char *vs[] = {"v1.20.3", "v1.22.2", "v1.22.4", "v1.23.0-rc.1"};
		struct timespec t0, t1;
		long n = 400000, hit = 0;
		bool a;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		for (long i = 0; i < n; i++) {
			assert_int_equal(ss_vrange_affects(r, vs[i & 3], &a), 0);
			hit += a;
		}
		clock_gettime(CLOCK_MONOTONIC, &t1);
		assert_int_equal(hit, n / 2);
		print_message("ss_vrange_affects on a Go range: %.0f ns per call\n",
			      ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n);
		ss_vrange_free(r);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(semver_order),    cmocka_unit_test(npm_go_nuget_order),
		cmocka_unit_test(pep440_order),    cmocka_unit_test(maven_order),
		cmocka_unit_test(debian_order),    cmocka_unit_test(rpm_order),
		cmocka_unit_test(generic_order),   cmocka_unit_test(ecosystem_names),
		cmocka_unit_test(limits_and_args), cmocka_unit_test(osv_schema_examples),
		cmocka_unit_test(osv_malformed),   cmocka_unit_test(cpe_bounds),
		cmocka_unit_test(real_records),    cmocka_unit_test(real_dumps),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
