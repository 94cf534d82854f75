/* Package URLs, CPE names and SPDX licence expressions (src/formats/purl.c,
 * cpe.c, license.c): exact canonical forms, exact errors and positions, the
 * length caps, and the real CPE criteria of the NVD and JVN samples. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include "helpers.h"
#include "formats/cpe.h"
#include "formats/license.h"
#include "formats/purl.h"
#include "util/util.h"

#define SHARED SECSPEC_SOURCE_DIR "/../shared/data"

/* ---- purl ---------------------------------------------------------------- */

static void purl_ok(const char *in, const char *canon, const char *ident)
{
	ss_purl p = {0};
	ss_buf b = SS_BUF_INIT(0);

	if (ss_purl_parse(&p, in) < 0)
		fail_msg("%s: %s", in, ss_error_last());
	assert_ok(ss_purl_format(&b, &p, true));
	if (strcmp(b.ptr, canon))
		fail_msg("%s: got %s, want %s", in, b.ptr, canon);
	ss_buf_clear(&b);
	assert_ok(ss_purl_format(&b, &p, false));
	if (strcmp(b.ptr, ident))
		fail_msg("%s: identity %s, want %s", in, b.ptr, ident);
	ss_purl_free(&p);
	/* the canonical form is a fixed point */
	assert_ok(ss_purl_parse(&p, canon));
	ss_buf_clear(&b);
	assert_ok(ss_purl_format(&b, &p, true));
	assert_string_equal(b.ptr, canon);
	ss_purl_free(&p);
	ss_buf_release(&b);
}

static void purl_bad(const char *in, int code, const char *msg)
{
	ss_purl p = {0};
	int rc = ss_purl_parse(&p, in);

	if (rc != code)
		fail_msg("%s: rc %d (%s), want %d", in, rc, rc ? ss_error_last() : "", code);
	if (!strstr(ss_error_last(), msg))
		fail_msg("%s: message '%s' lacks '%s'", in, ss_error_last(), msg);
	assert_null(p.type);
}

static void purl_fields(void **state)
{
	ss_purl p = {0};

	(void)state;
	assert_ok(ss_purl_parse(&p, "pkg:npm/%40babel/core@7.0.0?b=2&A=x%26y#/lib/./x/../y/"));
	assert_string_equal(p.type, "npm");
	assert_string_equal(p.ns, "@babel");
	assert_string_equal(p.name, "core");
	assert_string_equal(p.version, "7.0.0");
	assert_string_equal(p.qualifiers, "a=x%26y&b=2");
	assert_string_equal(p.subpath, "lib/x/y");
	ss_purl_free(&p);
	assert_null(p.type);
	ss_purl_free(NULL);

	assert_ok(ss_purl_parse(&p, "pkg:generic/x?k="));
	assert_null(p.qualifiers); /* an empty value is no qualifier */
	assert_null(p.version);
	assert_null(p.ns);
	assert_null(p.subpath);
	ss_purl_free(&p);

	assert_ok(ss_purl_parse(&p, "pkg:maven/mygroup/myartifact@1.0.0%20Final?mykey=my%20value"));
	assert_string_equal(p.version, "1.0.0 Final");
	assert_string_equal(p.qualifiers, "mykey=my%20value");
	ss_purl_free(&p);

	assert_ok(ss_purl_parse(
		&p, "pkg:golang/github.com/gorilla/context@234fd47e07d1004f0aed9c#api"));
	assert_string_equal(p.ns, "github.com/gorilla");
	assert_string_equal(p.subpath, "api");
	ss_purl_free(&p);
}

static void purl_canonical(void **state)
{
	(void)state;
	/* from the purl-spec test suite */
	purl_ok("pkg:npm/%40angular/animation@12.3.1", "pkg:npm/%40angular/animation@12.3.1",
		"pkg:npm/%40angular/animation");
	purl_ok("pkg:npm/@babel/core#/googleapis/api/annotations/",
		"pkg:npm/%40babel/core#googleapis/api/annotations", "pkg:npm/%40babel/core");
	purl_ok("pkg:npm/mypackage@12.4.5?vcs_url=git://host.com/path/to/repo.git%404345abcd34343",
		"pkg:npm/"
		"mypackage@12.4.5?vcs_url=git:%2F%2Fhost.com%2Fpath%2Fto%2Frepo.git%"
		"404345abcd34343",
		"pkg:npm/mypackage");
	purl_ok("pkg:PYPI/Django_package@1.11.1.dev1", "pkg:pypi/django-package@1.11.1.dev1",
		"pkg:pypi/django-package");
	purl_ok("pkg:GOLANG/google.golang.org/genproto@abcdedf#/googleapis/api/annotations/",
		"pkg:golang/google.golang.org/genproto@abcdedf#googleapis/api/annotations",
		"pkg:golang/google.golang.org/genproto");
	purl_ok("pkg:Maven/org.apache.xmlgraphics/"
		"batik-anim@1.9.1?classifier=sources&repositorY_url=https://repo.spring.io/release",
		"pkg:maven/org.apache.xmlgraphics/"
		"batik-anim@1.9.1?classifier=sources&repository_url=https:%2F%2Frepo.spring.io%"
		"2Frelease",
		"pkg:maven/org.apache.xmlgraphics/batik-anim");
	purl_ok("pkg:///maven/org.apache.commons/io", "pkg:maven/org.apache.commons/io",
		"pkg:maven/org.apache.commons/io");
	purl_ok("pkg:maven/HTTPClient/HTTPClient@0.3-3", "pkg:maven/HTTPClient/HTTPClient@0.3-3",
		"pkg:maven/HTTPClient/HTTPClient");
	purl_ok("pkg:Nuget/EnterpriseLibrary.Common@6.0.1304",
		"pkg:nuget/EnterpriseLibrary.Common@6.0.1304",
		"pkg:nuget/EnterpriseLibrary.Common");
	purl_ok("pkg:github/Package-url/purl-Spec@244fd47e07d1004f0aed9c",
		"pkg:github/package-url/purl-spec@244fd47e07d1004f0aed9c",
		"pkg:github/package-url/purl-spec");
	purl_ok("pkg:bitbucket/Birkenfeld/Pygments-Main@244fd47",
		"pkg:bitbucket/birkenfeld/pygments-main@244fd47",
		"pkg:bitbucket/birkenfeld/pygments-main");
	purl_ok("pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64",
		"pkg:deb/debian/attr@1:2.4.47-2%2Bb1?arch=amd64", "pkg:deb/debian/attr");
	purl_ok("pkg:deb/Debian/Curl@7.50.3-1?distro=jessie&arch=i386",
		"pkg:deb/debian/curl@7.50.3-1?arch=i386&distro=jessie", "pkg:deb/debian/curl");
	purl_ok("pkg:rpm/Fedora/CenterIM@4.22.10-1.el6?arch=i686&epoch=1&distro=fedora-25",
		"pkg:rpm/fedora/CenterIM@4.22.10-1.el6?arch=i686&distro=fedora-25&epoch=1",
		"pkg:rpm/fedora/CenterIM");
	purl_ok("pkg:docker/customer/dockerimage@sha256:244fd47e07d10?repository_url=gcr.io",
		"pkg:docker/customer/dockerimage@sha256:244fd47e07d10?repository_url=gcr.io",
		"pkg:docker/customer/dockerimage");
	purl_ok("pkg:oci/Debian@sha256%3A244fd47e07d10?repository_url=docker.io/library/"
		"debian&arch=amd64&tag=latest",
		"pkg:oci/"
		"debian@sha256:244fd47e07d10?arch=amd64&repository_url=docker.io%2Flibrary%"
		"2Fdebian&tag=latest",
		"pkg:oci/debian");
	purl_ok("pkg:cargo/rand@0.7.2", "pkg:cargo/rand@0.7.2", "pkg:cargo/rand");
	purl_ok("pkg:gem/jruby-launcher@1.1.2?Platform=java",
		"pkg:gem/jruby-launcher@1.1.2?platform=java", "pkg:gem/jruby-launcher");
	purl_ok("pkg:composer/Laravel/Laravel@5.5.0", "pkg:composer/laravel/laravel@5.5.0",
		"pkg:composer/laravel/laravel");
	purl_ok("pkg:generic/openssl@1.1.10g?download_url=https://openssl.org/source/"
		"openssl-1.1.0g.tar.gz&checksum=sha256:de4d501267da",
		"pkg:generic/"
		"openssl@1.1.10g?checksum=sha256:de4d501267da&download_url=https:%2F%2Fopenssl.org%"
		"2Fsource%2Fopenssl-1.1.0g.tar.gz",
		"pkg:generic/openssl");
	purl_ok("pkg:generic/bitwarderl?vcs_url=git%2Bhttps://git.fsfe.org/dxtr/"
		"bitwarderl%40cc55108da32",
		"pkg:generic/"
		"bitwarderl?vcs_url=git%2Bhttps:%2F%2Fgit.fsfe.org%2Fdxtr%2Fbitwarderl%"
		"40cc55108da32",
		"pkg:generic/bitwarderl");
	/* ours: UTF-8, spaces, an empty version, trailing slashes */
	purl_ok("pkg:generic/caf%C3%A9%20x@1.0+b", "pkg:generic/caf%C3%A9%20x@1.0%2Bb",
		"pkg:generic/caf%C3%A9%20x");
	purl_ok("pkg:npm/left-pad@", "pkg:npm/left-pad", "pkg:npm/left-pad");
	purl_ok("pkg:golang/golang.org//x/net//", "pkg:golang/golang.org/x/net",
		"pkg:golang/golang.org/x/net");
	purl_ok("pkg:npm/foo#.././", "pkg:npm/foo", "pkg:npm/foo");
}

static void purl_errors(void **state)
{
	char big[SS_PURL_MAX + 2];

	(void)state;
	purl_bad("EnterpriseLibrary.Common@6.0.1304", SS_EPARSE, "scheme must be 'pkg:' (byte 1)");
	purl_bad("pkg%3Amaven/org.apache.commons/io", SS_EPARSE, "scheme");
	purl_bad("pkg:EnterpriseLibrary.Common@6.0.1304", SS_EPARSE,
		 "the type must be a letter then letters, digits, '.', '+' or '-' (byte 29)");
	purl_bad("pkg:npm", SS_EPARSE, "no '/' and name after the type (byte 8)");
	purl_bad("pkg:3nginx/nginx@0.8.9", SS_EPARSE, "or '-' (byte 5)");
	purl_bad("pkg:nginx:a/nginx@0.8.9", SS_EPARSE, "(byte 10)");
	purl_bad("pkg:/", SS_EPARSE, "no type at byte 6");
	purl_bad("pkg:npm/myartifact@1.0.0?in%20production=true", SS_EPARSE,
		 "qualifier key must be a letter");
	purl_bad("pkg:npm/a?1x=2", SS_EPARSE, "(byte 11)");
	purl_bad("pkg:npm/a?x", SS_EPARSE, "a qualifier without '=' at byte 11");
	purl_bad("pkg:npm/a?x=1&X=2", SS_EPARSE, "the qualifier 'x' a second time at byte 15");
	purl_bad("pkg:maven/@1.3.4", SS_EPARSE, "no name at byte 11");
	purl_bad("pkg:npm/", SS_EPARSE, "no name");
	purl_bad("pkg:maven/io@1", SS_EPARSE, "a maven purl needs a namespace");
	purl_bad("pkg:github/purl-spec", SS_EPARSE, "a github purl needs a namespace");
	/* a Go module path of one segment: the standard library, as SBOM tools write it */
	purl_ok("pkg:golang/stdlib@v1.21.3", "pkg:golang/stdlib@v1.21.3", "pkg:golang/stdlib");
	purl_bad("pkg:pypi/x/django", SS_EPARSE, "a pypi purl has no namespace");
	purl_bad("pkg:npm/a%2", SS_EPARSE,
		 "a '%' not followed by two hex digits in the name at byte 10");
	purl_bad("pkg:npm/a%zz", SS_EPARSE, "in the name at byte 10");
	purl_bad("pkg:npm/a%00b", SS_EPARSE, "%00 in the name at byte 10");
	purl_bad("pkg:npm/a%FF", SS_EPARSE, "is not UTF-8");
	purl_bad("pkg:npm/a\tb", SS_EPARSE, "control character 0x09 in the name at byte 10");
	purl_bad("pkg:npm/a%2Fb/c", SS_EPARSE,
		 "a namespace segment holds an encoded '/' at byte 9");
	purl_bad("pkg:npm/a#x%2Fy", SS_EPARSE, "a subpath segment holds an encoded '/'");
	memset(big, 'a', sizeof(big) - 1);
	memcpy(big, "pkg:npm/", 8);
	big[sizeof(big) - 1] = '\0';
	purl_bad(big, SS_ELIMIT, "longer than 4096 bytes");
	big[SS_PURL_MAX] = '\0';
	{
		ss_purl p = {0};
		assert_ok(ss_purl_parse(&p, big)); /* exactly the cap */
		ss_purl_free(&p);
	}
	{
		ss_buf b = SS_BUF_INIT(0);
		ss_purl p = {0};
		char q[2048];
		size_t n = 0;
		n += (size_t)snprintf(q + n, sizeof(q) - n, "pkg:npm/a?");
		for (int i = 0; i < 65; i++)
			n += (size_t)snprintf(q + n, sizeof(q) - n, "k%d=v&", i);
		purl_bad(q, SS_ELIMIT, "more than 64 qualifiers");
		assert_int_equal(ss_purl_parse(NULL, "pkg:npm/a"), SS_EINVAL);
		assert_int_equal(ss_purl_format(&b, &p, true), SS_EINVAL);
	}
}

/* ---- CPE ----------------------------------------------------------------- */

static void cpe_ok(const char *in, const char *fs)
{
	ss_cpe c = {{0}};
	ss_buf b = SS_BUF_INIT(0);

	if (ss_cpe_parse(&c, in) < 0)
		fail_msg("%s: %s", in, ss_error_last());
	assert_ok(ss_cpe_format(&b, &c));
	if (strcmp(b.ptr, fs))
		fail_msg("%s: got %s, want %s", in, b.ptr, fs);
	ss_cpe_free(&c);
	ss_buf_release(&b);
}

static void cpe_bad(const char *in, int code, const char *msg)
{
	ss_cpe c = {{0}};
	int rc = ss_cpe_parse(&c, in);

	if (rc != code)
		fail_msg("%s: rc %d, want %d", in, rc, code);
	if (!strstr(ss_error_last(), msg))
		fail_msg("%s: message '%s' lacks '%s'", in, ss_error_last(), msg);
	assert_null(c.a[0]);
}

static bool match(const char *criteria, const char *target, bool ignore_version)
{
	ss_cpe a = {{0}}, b = {{0}};
	bool r;

	if (ss_cpe_parse(&a, criteria) < 0 || ss_cpe_parse(&b, target) < 0)
		fail_msg("%s / %s: %s", criteria, target, ss_error_last());
	r = ss_cpe_matches(&a, &b, ignore_version);
	ss_cpe_free(&a);
	ss_cpe_free(&b);
	return r;
}

static void cpe_parse_format(void **state)
{
	ss_cpe c = {{0}};

	(void)state;
	assert_ok(ss_cpe_parse(&c, "cpe:2.3:a:dolibarr:dolibarr_erp\\/crm:*:*:*:*:*:*:*:*"));
	assert_string_equal(c.a[SS_CPE_PART], "a");
	assert_string_equal(c.a[SS_CPE_VENDOR], "dolibarr");
	assert_string_equal(c.a[SS_CPE_PRODUCT], "dolibarr_erp\\/crm");
	assert_string_equal(c.a[SS_CPE_VERSION], "*");
	assert_string_equal(c.a[SS_CPE_OTHER], "*");
	ss_cpe_free(&c);
	assert_null(c.a[0]);
	ss_cpe_free(NULL);

	/* NVD criteria as they are */
	cpe_ok("cpe:2.3:o:cisco:ios:10.3\\(3.4\\):*:*:*:*:*:*:*",
	       "cpe:2.3:o:cisco:ios:10.3\\(3.4\\):*:*:*:*:*:*:*");
	cpe_ok("cpe:2.3:a:visztpeter:integration_for_szamlazz.hu_\\&_woocommerce:*:*:*:*:*:"
	       "wordpress:*:*",
	       "cpe:2.3:a:visztpeter:integration_for_szamlazz.hu_\\&_woocommerce:*:*:*:*:*:"
	       "wordpress:*:*");
	/* case folded; needless quoting of . - _ dropped; "\-" alone kept */
	cpe_ok("CPE:2.3:A:Microsoft:Internet_Explorer:8\\.0\\.6001:beta:*:*:*:*:*:*",
	       "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
	cpe_ok("cpe:2.3:a:x:y:\\-:-:*:*:*:*:*:*", "cpe:2.3:a:x:y:\\-:-:*:*:*:*:*:*");
	/* wildcards at the ends */
	cpe_ok("cpe:2.3:a:foo:bar*:??1.0:*:*:*:*:*:*:*", "cpe:2.3:a:foo:bar*:??1.0:*:*:*:*:*:*:*");
	cpe_ok("cpe:2.3:a:foo:*bar:1.0??:*:*:*:*:*:*:*", "cpe:2.3:a:foo:*bar:1.0??:*:*:*:*:*:*:*");
	/* CPE 2.2 URIs (JVN) */
	cpe_ok("cpe:/a:fortinet:fortiweb", "cpe:2.3:a:fortinet:fortiweb:*:*:*:*:*:*:*:*");
	cpe_ok("cpe:/o:NEC:aterm_wg2600hp4_firmware",
	       "cpe:2.3:o:nec:aterm_wg2600hp4_firmware:*:*:*:*:*:*:*:*");
	cpe_ok("cpe:/o:planex:mzk-dp300n", "cpe:2.3:o:planex:mzk-dp300n:*:*:*:*:*:*:*:*");
	cpe_ok("cpe:/a:microsoft:internet_explorer:8.0.6001:beta",
	       "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*");
	cpe_ok("cpe:/a:microsoft:internet_explorer:8.%02:sp%01",
	       "cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*");
	cpe_ok("cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
	       "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*");
	cpe_ok("cpe:/a:hp:openview_network_manager:7.51:-:~~~linux~~",
	       "cpe:2.3:a:hp:openview_network_manager:7.51:-:*:*:*:linux:*:*");
	cpe_ok("cpe:/a:foo%5cbar:big%24money_2010::::en-us",
	       "cpe:2.3:a:foo\\\\bar:big\\$money_2010:*:*:*:en-us:*:*:*:*");
	cpe_ok("cpe:/a:x:y:1:u:ed~x", "cpe:2.3:a:x:y:1:u:ed\\~x:*:*:*:*:*");
	cpe_ok("cpe:/", "cpe:2.3:*:*:*:*:*:*:*:*:*:*:*");
}

static void cpe_errors(void **state)
{
	char big[SS_CPE_MAX + 2];

	(void)state;
	cpe_bad("cpe:2.3:a:x:y", SS_EPARSE,
		"3 attributes after 'cpe:2.3:', 11 expected (the version");
	cpe_bad("cpe:2.3:a:x:y:1:*:*:*:*:*:*:*:*", SS_EPARSE, "more than 11 attributes");
	cpe_bad("cpe:2.3:q:x:y:*:*:*:*:*:*:*:*", SS_EPARSE, "the part must be a, o, h or *");
	cpe_bad("cpe:2.3:a:x::*:*:*:*:*:*:*:*", SS_EPARSE, "the product is empty (byte 13)");
	cpe_bad("cpe:2.3:a:x:y/z:*:*:*:*:*:*:*:*", SS_EPARSE,
		"an unquoted '/' in the product (byte 14)");
	cpe_bad("cpe:2.3:a:x:y\\z:*:*:*:*:*:*:*:*", SS_EPARSE,
		"'\\' must quote a punctuation character in the product (byte 14)");
	cpe_bad("cpe:2.3:a:x:y:1\\", SS_EPARSE, "'\\' must quote");
	cpe_bad("cpe:2.3:a:x:a*b:*:*:*:*:*:*:*:*", SS_EPARSE,
		"the wildcard '*' inside the product value (byte 14)");
	cpe_bad("cpe:2.3:a:x:a?b:*:*:*:*:*:*:*:*", SS_EPARSE, "the wildcard '?' inside");
	cpe_bad("cpe:2.3:a:x:**:*:*:*:*:*:*:*:*", SS_EPARSE, "'**' in the product");
	cpe_bad("cpe:2.3:a:x:caf\xc3\xa9:*:*:*:*:*:*:*:*", SS_EPARSE,
		"byte 0xc3 in the product (byte 16)");
	cpe_bad("cpe:/a:x:y:1:2:3:en:9", SS_EPARSE, "more than 7 components");
	cpe_bad("cpe:/a:x:y:1:2:~a~b", SS_EPARSE,
		"a packed edition needs five '~' fields, it has 2");
	cpe_bad("cpe:/a:x:y:1:2:~a~b~c~d~e~f", SS_EPARSE, "more than five '~' fields");
	cpe_bad("cpe:/a:x:y%0", SS_EPARSE, "a '%' not followed by two hex digits in the product");
	cpe_bad("cpe:/a:x:y%0a", SS_EPARSE, "%0A in the product");
	cpe_bad("cpe:/a:x:a%02b", SS_EPARSE, "the wildcard '*' inside the product");
	cpe_bad("cpe:/x:x:y", SS_EPARSE, "the part must be");
	cpe_bad("cpe:2.2:a:x", SS_EPARSE, "neither 'cpe:2.3:' nor 'cpe:/'");
	cpe_bad("", SS_EPARSE, "neither");
	memset(big, 'a', sizeof(big) - 1);
	memcpy(big, "cpe:/a:", 7);
	big[sizeof(big) - 1] = '\0';
	cpe_bad(big, SS_ELIMIT, "longer than 4096 bytes");
	assert_int_equal(ss_cpe_parse(NULL, "cpe:/a"), SS_EINVAL);
}

static void cpe_matching(void **state)
{
	(void)state;
	/* ANY in the criteria matches anything */
	assert_true(match("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
			  "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*", false));
	assert_true(match("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*",
			  "cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*", false));
	/* a value only itself, ignoring case */
	assert_true(match("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
			  "cpe:/a:Apache:Log4j:2.14.1", false));
	assert_false(match("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
			   "cpe:2.3:a:apache:log4j:2.14.2:*:*:*:*:*:*:*", false));
	assert_true(match("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
			  "cpe:2.3:a:apache:log4j:2.14.2:*:*:*:*:*:*:*", true));
	assert_false(match("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
			   "cpe:2.3:a:apache:log4net:2.14.1:*:*:*:*:*:*:*", true));
	/* a criteria value against an ANY target is a subset: no match */
	assert_false(match("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*",
			   "cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", false));
	/* NA matches only NA */
	assert_true(match("cpe:2.3:o:cisco:ios:12.0:-:*:*:*:*:*:*",
			  "cpe:2.3:o:cisco:ios:12.0:-:*:*:*:*:*:*", false));
	assert_false(match("cpe:2.3:o:cisco:ios:12.0:-:*:*:*:*:*:*",
			   "cpe:2.3:o:cisco:ios:12.0:sp1:*:*:*:*:*:*", false));
	assert_false(match("cpe:2.3:o:cisco:ios:12.0:-:*:*:*:*:*:*",
			   "cpe:2.3:o:cisco:ios:12.0:*:*:*:*:*:*:*", false));
	assert_false(match("cpe:2.3:o:cisco:ios:12.0:sp1:*:*:*:*:*:*",
			   "cpe:2.3:o:cisco:ios:12.0:-:*:*:*:*:*:*", false));
	/* the part */
	assert_false(match("cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*",
			   "cpe:2.3:a:cisco:ios:*:*:*:*:*:*:*:*", false));
	/* wildcards of the criteria */
	assert_true(match("cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*",
			  "cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:*:*:*:*:*",
			  false));
	assert_false(match("cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*",
			   "cpe:2.3:a:microsoft:internet_explorer:9.0:*:*:*:*:*:*:*", false));
	assert_true(match("cpe:2.3:a:x:*sql:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:mysql:*:*:*:*:*:*:*:*",
			  false));
	assert_true(match("cpe:2.3:a:x:*sq*:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:mysql:*:*:*:*:*:*:*:*",
			  false));
	assert_true(
		match("cpe:2.3:a:x:sp?:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:sp1:*:*:*:*:*:*:*:*", false));
	/* a leading or trailing '?' allows one character or none (NISTIR 7696) */
	assert_true(
		match("cpe:2.3:a:x:sp?:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:sp:*:*:*:*:*:*:*:*", false));
	assert_false(match("cpe:2.3:a:x:sp?:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:sp12:*:*:*:*:*:*:*:*",
			   false));
	assert_true(match("cpe:2.3:a:x:??sql:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:mysql:*:*:*:*:*:*:*:*",
			  false));
	assert_false(match("cpe:2.3:a:x:?sql:*:*:*:*:*:*:*:*",
			   "cpe:2.3:a:x:postgresql:*:*:*:*:*:*:*:*", false));
	/* a quoted character counts once; a quoted '*' is no wildcard */
	assert_true(match("cpe:2.3:a:x:?\\+\\+:*:*:*:*:*:*:*:*",
			  "cpe:2.3:a:x:c\\+\\+:*:*:*:*:*:*:*:*", false));
	assert_true(
		match("cpe:2.3:a:x:c?:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:c\\#:*:*:*:*:*:*:*:*", false));
	assert_false(
		match("cpe:2.3:a:x:a\\*:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:ab:*:*:*:*:*:*:*:*", false));
	/* a target with wildcards is undefined: no match, even for ANY */
	assert_false(
		match("cpe:2.3:a:x:*:*:*:*:*:*:*:*:*", "cpe:2.3:a:x:my*:*:*:*:*:*:*:*:*", false));
	assert_false(ss_cpe_matches(NULL, NULL, false));
}

/* Every criteria string of the NVD sample parses and formats back as it is. */
static void walk_criteria(json_t *v, int *n, int *bad)
{
	size_t i;
	const char *k;
	json_t *m;

	if (json_is_object(v)) {
		json_object_foreach(v, k, m) {
			if (!strcmp(k, "criteria") && json_is_string(m)) {
				ss_cpe c = {{0}};
				ss_buf b = SS_BUF_INIT(0);
				(*n)++;
				if (ss_cpe_parse(&c, json_string_value(m)) < 0 ||
				    ss_cpe_format(&b, &c) < 0 ||
				    strcmp(b.ptr, json_string_value(m))) {
					print_message("%s: %s\n", json_string_value(m), b.ptr);
					(*bad)++;
				}
				ss_cpe_free(&c);
				ss_buf_release(&b);
			} else {
				walk_criteria(m, n, bad);
			}
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, m)
			walk_criteria(m, n, bad);
	}
}

static void cpe_nvd_criteria(void **state)
{
	static const char *const files[] = {SHARED "/vuln/nvd/cves-2023.json.gz",
					    SHARED "/vuln/nvd/cves-1999.json.gz"};
	int total = 0;

	(void)state;
	for (size_t f = 0; f < 2; f++) {
		gzFile gz = gzopen(files[f], "rb");
		ss_buf b = SS_BUF_INIT(0);
		char chunk[65536];
		int r, n = 0, bad = 0;
		json_t *doc;

		if (!gz)
			skip();
		while ((r = gzread(gz, chunk, sizeof(chunk))) > 0)
			assert_ok(ss_buf_put(&b, chunk, (size_t)r));
		gzclose(gz);
		assert_non_null(doc = json_loadb(b.ptr, b.len, 0, NULL));
		walk_criteria(doc, &n, &bad);
		json_decref(doc);
		ss_buf_release(&b);
		assert_int_equal(bad, 0);
		assert_true(n > 100);
		total += n;
	}
	print_message("%d NVD criteria round-tripped\n", total);
}

static void cpe_jvn(void **state)
{
	ss_buf b = SS_BUF_INIT(0);
	int n = 0;

	(void)state;
	if (ss_file_read(&b, SHARED "/vuln/jvn/dataFeed_jvndb_detail_hnd.xml", 64 << 20) < 0)
		skip();
	for (const char *p = b.ptr; (p = strstr(p, "cpe:/")); n++) {
		char one[512];
		size_t len = strcspn(p, "<\" \n");
		ss_cpe c = {{0}};
		if (len >= sizeof(one))
			fail_msg("a CPE of %zu bytes", len);
		memcpy(one, p, len);
		one[len] = '\0';
		if (ss_cpe_parse(&c, one) < 0)
			fail_msg("%s: %s", one, ss_error_last());
		assert_string_not_equal(c.a[SS_CPE_VENDOR], "*");
		ss_cpe_free(&c);
		p += len;
	}
	assert_true(n > 10);
	ss_buf_release(&b);
}

/* ---- licences ------------------------------------------------------------ */

static void lic_ok(const char *in, const char *norm, const char *ids, const char *unknown)
{
	ss_license l = {0};
	ss_buf b = SS_BUF_INIT(0);

	if (ss_license_parse(&l, in) < 0)
		fail_msg("%s: %s", in, ss_error_last());
	if (strcmp(l.expr, norm))
		fail_msg("%s: got '%s', want '%s'", in, l.expr, norm);
	for (size_t i = 0; i < l.n_ids; i++)
		ss_buf_printf(&b, "%s%s", i ? "," : "", l.ids[i]);
	if (l.n_exceptions)
		ss_buf_puts(&b, "|");
	for (size_t i = 0; i < l.n_exceptions; i++)
		ss_buf_printf(&b, "%s%s", i ? "," : "", l.exceptions[i]);
	if (strcmp(b.ptr, ids))
		fail_msg("%s: ids '%s', want '%s'", in, b.ptr, ids);
	ss_buf_clear(&b);
	for (size_t i = 0; i < l.n_unknown; i++)
		ss_buf_printf(&b, "%s%s", i ? "," : "", l.unknown[i]);
	if (strcmp(b.ptr, unknown))
		fail_msg("%s: unknown '%s', want '%s'", in, b.ptr, unknown);
	ss_license_free(&l);
	/* normalising is idempotent */
	assert_ok(ss_license_parse(&l, norm));
	assert_string_equal(l.expr, norm);
	ss_license_free(&l);
	ss_buf_release(&b);
}

static void lic_bad(const char *in, int code, const char *msg)
{
	ss_license l = {0};
	int rc = ss_license_parse(&l, in);

	if (rc != code)
		fail_msg("%s: rc %d, want %d", in, rc, code);
	if (!strstr(ss_error_last(), msg))
		fail_msg("%s: message '%s' lacks '%s'", in, ss_error_last(), msg);
	assert_null(l.expr);
}

static void license_expressions(void **state)
{
	ss_license l = {0};

	(void)state;
	lic_ok("MIT", "MIT", "MIT", "");
	lic_ok("mit", "MIT", "MIT", "");
	lic_ok("apache-2.0 OR mit", "Apache-2.0 OR MIT", "Apache-2.0,MIT", "");
	lic_ok("  MIT\tAND\n(BSD-3-Clause  OR  ISC) ", "MIT AND (BSD-3-Clause OR ISC)",
	       "BSD-3-Clause,ISC,MIT", "");
	lic_ok("MIT AND BSD-3-Clause OR ISC", "MIT AND BSD-3-Clause OR ISC", "BSD-3-Clause,ISC,MIT",
	       "");
	lic_ok("(MIT AND BSD-3-Clause) OR ISC", "MIT AND BSD-3-Clause OR ISC",
	       "BSD-3-Clause,ISC,MIT", "");
	lic_ok("MIT AND (BSD-3-Clause OR ISC) AND (Zlib)", "MIT AND (BSD-3-Clause OR ISC) AND Zlib",
	       "BSD-3-Clause,ISC,MIT,Zlib", "");
	lic_ok("((MIT OR ISC) OR (Zlib OR MIT))", "MIT OR ISC OR Zlib OR MIT", "ISC,MIT,Zlib", "");
	lic_ok("(MIT OR ISC) AND (Zlib AND 0bsd)", "(MIT OR ISC) AND Zlib AND 0BSD",
	       "0BSD,ISC,MIT,Zlib", "");
	lic_ok("GPL-2.0-or-later WITH classpath-exception-2.0",
	       "GPL-2.0-or-later WITH Classpath-exception-2.0",
	       "GPL-2.0-or-later|Classpath-exception-2.0", "");
	lic_ok("Apache-2.0+ OR GPL-2.0+", "Apache-2.0+ OR GPL-2.0+", "Apache-2.0+,GPL-2.0+", "");
	lic_ok("LicenseRef-acme-1.0 AND DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
	       "LicenseRef-acme-1.0 AND DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
	       "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2,LicenseRef-acme-1.0", "");
	lic_ok("MIT WITH AdditionRef-foo", "MIT WITH AdditionRef-foo", "MIT|AdditionRef-foo", "");
	lic_ok("Acme-Proprietary OR MIT", "Acme-Proprietary OR MIT", "Acme-Proprietary,MIT",
	       "Acme-Proprietary");
	/* an exception as a licence, a licence as an exception: unknown */
	lic_ok("LLVM-exception", "LLVM-exception", "LLVM-exception", "LLVM-exception");
	lic_ok("Apache-2.0 WITH MIT", "Apache-2.0 WITH MIT", "Apache-2.0|MIT", "MIT");
	lic_ok("NOASSERTION", "NOASSERTION", "", "");
	lic_ok("NONE", "NONE", "", "");
	lic_ok("\t\tNONE\t", "NONE", "", "");
	lic_ok("NONE OR MIT", "NONE OR MIT", "MIT,NONE", "NONE");

	assert_ok(ss_license_parse(&l, "mit and (gpl-2.0 or isc)"));
	assert_string_equal(l.expr, "MIT AND (GPL-2.0 OR ISC)");
	assert_true(l.lowercase_ops);
	assert_true(l.deprecated);
	ss_license_free(&l);
	assert_ok(ss_license_parse(&l, "MIT OR GPL-2.0-only"));
	assert_false(l.lowercase_ops);
	assert_false(l.deprecated);
	ss_license_free(&l);
	assert_ok(ss_license_parse(&l, "GPL-2.0-only WITH Nokia-Qt-exception-1.1"));
	assert_true(l.deprecated);
	ss_license_free(&l);
	ss_license_free(NULL);
}

static void license_errors(void **state)
{
	char deep[200], big[SS_LICENSE_MAX + 2];

	(void)state;
	lic_bad("", SS_EPARSE, "empty");
	lic_bad("   ", SS_EPARSE, "empty");
	lic_bad("MIT OR", SS_EPARSE, "a licence id or '(' expected at the end (byte 7)");
	lic_bad("MIT ISC", SS_EPARSE, "AND, OR, WITH or the end expected at byte 5");
	lic_bad("MIT And ISC", SS_EPARSE, "expected at byte 5");
	lic_bad("(MIT OR ISC", SS_EPARSE, "the '(' at byte 1 is not closed (byte 12)");
	lic_bad("MIT)", SS_EPARSE, "')' without its '(' at byte 4");
	lic_bad("()", SS_EPARSE, "a licence id or '(' expected at byte 2");
	lic_bad("MIT WITH", SS_EPARSE, "an exception id after WITH expected at the end");
	lic_bad("MIT WITH (X)", SS_EPARSE, "an exception id after WITH expected at byte 10");
	lic_bad("(MIT OR ISC) WITH LLVM-exception", SS_EPARSE,
		"AND, OR, WITH or the end expected at byte 14");
	lic_bad("MIT, ISC", SS_EPARSE, "unexpected character 0x2c at byte 4");
	lic_bad("MIT/ISC", SS_EPARSE, "0x2f at byte 4");
	lic_bad("LicenseRef-", SS_EPARSE, "a malformed licence reference at byte 1");
	lic_bad("DocumentRef-x:MIT", SS_EPARSE, "a malformed licence reference");
	lic_bad("LicenseRef-x+", SS_EPARSE, "'+' after a licence reference at byte 13");
	lic_bad("MIT WITH LLVM-exception+", SS_EPARSE, "'+' after an exception id");
	lic_bad("MIT WITH AdditionRef-", SS_EPARSE, "a malformed exception reference at byte 10");
	lic_bad("MIT++", SS_EPARSE, "unexpected character 0x2b at byte 5");
	memset(deep, '(', 40);
	memcpy(deep + 40, "MIT", 4);
	lic_bad(deep, SS_ELIMIT, "parentheses nested deeper than 32 at byte 33");
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	lic_bad(big, SS_ELIMIT, "longer than 4096 bytes");
	big[300] = '\0';
	lic_bad(big, SS_ELIMIT, "an id longer than 256 bytes at byte 1");
	assert_int_equal(ss_license_parse(NULL, "MIT"), SS_EINVAL);
}

static void license_lookup(void **state)
{
	bool dep = true, exc = true;

	(void)state;
	assert_string_equal(ss_license_canonical_id("apache-2.0", &dep, &exc), "Apache-2.0");
	assert_false(dep);
	assert_false(exc);
	assert_string_equal(ss_license_canonical_id("GPL-2.0", &dep, &exc), "GPL-2.0");
	assert_true(dep);
	assert_false(exc);
	assert_string_equal(ss_license_canonical_id("LLVM-EXCEPTION", &dep, &exc),
			    "LLVM-exception");
	assert_false(dep);
	assert_true(exc);
	assert_string_equal(ss_license_canonical_id("0bsd", NULL, NULL), "0BSD");
	assert_string_equal(ss_license_canonical_id("zpl-2.1", NULL, NULL), "ZPL-2.1");
	assert_string_equal(ss_license_canonical_id("x11vnc-openssl-exception", NULL, NULL),
			    "x11vnc-openssl-exception");
	assert_null(ss_license_canonical_id("MIT ", &dep, &exc));
	assert_false(dep);
	assert_null(ss_license_canonical_id("MI", NULL, NULL));
	assert_null(ss_license_canonical_id("", NULL, NULL));
	assert_null(ss_license_canonical_id(NULL, NULL, NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(purl_fields),         cmocka_unit_test(purl_canonical),
		cmocka_unit_test(purl_errors),         cmocka_unit_test(cpe_parse_format),
		cmocka_unit_test(cpe_errors),          cmocka_unit_test(cpe_matching),
		cmocka_unit_test(cpe_nvd_criteria),    cmocka_unit_test(cpe_jvn),
		cmocka_unit_test(license_expressions), cmocka_unit_test(license_errors),
		cmocka_unit_test(license_lookup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
