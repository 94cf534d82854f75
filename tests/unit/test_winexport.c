/* Windows settings exported with the built-in tools (src/formats/winexport.h):
 * the fixtures of tests/data/windows/ (UTF-16LE .reg, secedit INF and
 * auditpol CSV as the tools write them), the lookups the catalog's
 * registry checks make, and the messages for broken files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "formats/winexport.h"
#include "util/util.h"

#define DATA SECSPEC_SOURCE_DIR "/tests/data/windows/"

static char *slurp(const char *name, size_t *len)
{
	ss_buf b = SS_BUF_INIT(0);

	if (ss_file_read(&b, name, 1 << 24) < 0)
		fail_msg("%s: %s", name, ss_error_last());
	*len = b.len;
	return ss_buf_detach(&b);
}

static ss_winreg *load_reg(const char *name)
{
	size_t len;
	char *d = slurp(name, &len);
	ss_winreg *r = NULL;
	assert_ok(ss_winreg_parse(&r, d, len, name));
	free(d);
	return r;
}

/* The text of key/name, or fail. */
static const char *reg(const ss_winreg *r, const char *key, const char *name, int type)
{
	const ss_winreg_entry *e = NULL;
	if (ss_winreg_get(r, key, name, &e) < 0)
		fail_msg("%s\\%s: %s", key, name ? name : "@", ss_error_last());
	if (type >= 0 && e->type != type)
		fail_msg("%s\\%s: type %d, expected %d", key, name, e->type, type);
	return e->text;
}

static void reg_absent(const ss_winreg *r, const char *key, const char *name, const char *msg)
{
	const ss_winreg_entry *e = NULL;
	assert_int_equal(ss_winreg_get(r, key, name, &e), SS_ENOTFOUND);
	assert_null(e);
	if (msg && !strstr(ss_error_last(), msg))
		fail_msg("%s\\%s: message '%s' lacks '%s'", key, name, ss_error_last(), msg);
}

#define ASR                                                                                        \
	"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Windows Defender Exploit "         \
	"Guard\\ASR\\Rules"

static void reg_policies(void **state)
{
	ss_winreg *r = load_reg(DATA "policies.reg");
	const ss_winreg_entry *e;

	assert_string_equal(ss_winreg_version(r), "Windows Registry Editor Version 5.00");
	/* the catalog's checks: set right, set wrong, absent */
	assert_string_equal(reg(r, ASR, "9e6c4e1f-7d60-472f-ba1a-a39ef669e4b2", SS_REG_SZ), "1");
	assert_string_equal(reg(r, ASR, "d4f940ab-401b-4efc-aadc-ad5f3c50688a", SS_REG_SZ), "2");
	reg_absent(r, ASR, "d1e49aac-8f56-4280-b9ba-993a6d77406c", "not in the export");
	assert_string_equal(reg(r, "HKLM\\SOFTWARE\\Policies\\Microsoft\\FVE",
				"EncryptionMethodWithXtsOs", SS_REG_DWORD),
			    "7");
	assert_string_equal(reg(r, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\System",
				"ShellSmartScreenLevel", SS_REG_SZ),
			    "Warn");
	assert_string_equal(reg(r, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Spynet",
				"SpynetReporting", SS_REG_DWORD),
			    "1");
	assert_string_equal(reg(r,
				"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\RemovableStorageDevi"
				"ces\\{53f5630d-b6bf-11d0-94f2-00a0c91efb8b}",
				"Deny_Write", SS_REG_DWORD),
			    "1");
	assert_string_equal(
		reg(r, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services",
		    "UserAuthentication", -1),
		"0");
	/* long root, any case, trailing backslash */
	assert_string_equal(reg(r, "hkey_local_machine\\software\\policies\\microsoft\\fve\\",
				"encryptionmethodwithxtsos", -1),
			    "7");
	assert_string_equal(
		reg(r, "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate",
		    "WUServer", SS_REG_SZ),
		"https://wsus.contoso.example:8531");
	/* escapes in names */
	assert_string_equal(
		reg(r, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Exclusions\\Paths",
		    "C:\\Program Files\\Contoso\\Agent", SS_REG_DWORD),
		"0");
	assert_string_equal(
		reg(r, "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Exclusions\\Paths",
		    "D:\\Build\\\"quoted\"", SS_REG_DWORD),
		"0");
	/* what reg export covered */
	assert_string_equal(ss_winreg_root(r), "HKLM\\SOFTWARE\\Policies\\Microsoft");
	assert_true(ss_winreg_covers(r, "HKEY_LOCAL_MACHINE\\Software\\Policies\\Microsoft"));
	assert_true(ss_winreg_covers(r, ASR));
	assert_false(ss_winreg_covers(r, "HKLM\\SOFTWARE\\Policies"));
	assert_false(ss_winreg_covers(r, "HKLM\\SOFTWARE\\Policies\\MicrosoftX"));
	assert_false(ss_winreg_covers(r, "HKCU\\SOFTWARE\\Policies\\Microsoft"));
	assert_false(ss_winreg_covers(r, "nowhere"));
	/* a key the file holds without that value; a key it does not hold */
	reg_absent(r, "HKLM\\SOFTWARE\\Policies\\Microsoft", "x", NULL);
	reg_absent(
		r,
		"HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows Defender\\Real-Time Protection\\Sub",
		"DisableRealtimeMonitoring", NULL);
	/* a lookup without a root is an error, not "absent" */
	assert_int_equal(ss_winreg_get(r, "SOFTWARE\\Policies", "x", &e), SS_EINVAL);
	assert_int_equal(ss_winreg_get(r, "HKLM\\SOFTWARE\\\\Policies", "x", &e), SS_EINVAL);
	/* entries in file order, with lines */
	e = ss_winreg_at(r, 0);
	assert_non_null(e);
	assert_int_equal(e->op, SS_WINREG_VALUE);
	assert_string_equal(e->key, "HKLM\\SOFTWARE\\Policies\\Microsoft\\FVE");
	assert_string_equal(e->name, "EncryptionMethodWithXtsOs");
	assert_int_equal(e->line, 6);
	assert_int_equal(ss_winreg_count(r), 38);
	assert_null(ss_winreg_at(r, 38));
	ss_winreg_free(r);
}

#define LSA "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa"
#define LANMAN "HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters"

static void reg_system(void **state)
{
	ss_winreg *r = load_reg(DATA "system.reg");
	const ss_winreg_entry *e;

	assert_string_equal(reg(r, LSA, "LmCompatibilityLevel", SS_REG_DWORD), "3");
	assert_string_equal(reg(r, LSA, "RestrictAnonymous", SS_REG_DWORD), "1");
	assert_string_equal(reg(r, LSA, "LsaPid", SS_REG_DWORD), "712");
	/* REG_MULTI_SZ across continuation lines */
	assert_string_equal(reg(r, LSA, "Security Packages", SS_REG_MULTI_SZ),
			    "kerberos\nmsv1_0\nschannel\nwdigest\ntspkg\npku2u");
	assert_string_equal(reg(r, LSA, "Authentication Packages", SS_REG_MULTI_SZ), "msv1_0");
	assert_string_equal(reg(r, LANMAN, "NullSessionPipes", SS_REG_MULTI_SZ), "");
	/* REG_BINARY, REG_QWORD, REG_EXPAND_SZ */
	assert_string_equal(reg(r, LSA, "Bounds", SS_REG_BINARY), "0030000000200000");
	assert_string_equal(reg(r, LSA, "fullprivilegeauditing", SS_REG_BINARY), "00");
	assert_string_equal(reg(r, LSA, "LastLogonTimestamp", SS_REG_QWORD), "133787945622256730");
	assert_string_equal(
		reg(r, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\WDigest",
		    "DigestSecurityProvider", SS_REG_EXPAND_SZ),
		"%SystemRoot%\\system32\\wdigest.dll");
	assert_string_equal(reg(r, LANMAN, "ServiceDll", SS_REG_EXPAND_SZ),
			    "%SystemRoot%\\system32\\srvsvc.dll");
	assert_string_equal(reg(r, LANMAN, "SMB1", -1), "0");
	assert_string_equal(reg(r, LANMAN, "RequireSecuritySignature", -1), "0");
	assert_string_equal(reg(r, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\LDAP",
				"LDAPClientIntegrity", -1),
			    "2");
	assert_string_equal(reg(r,
				"HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHAN"
				"NEL\\Protocols\\TLS 1.0\\Server",
				"Enabled", -1),
			    "0");
	reg_absent(r, "HKLM\\SYSTEM\\CurrentControlSet\\Services\\Sysmon64", "Start", NULL);
	/* the line of a value written over several lines is its first */
	assert_ok(ss_winreg_get(r, LSA, "Security Packages", &e));
	assert_int_equal(e->line, 19);
	assert_false(e->raw);
	ss_winreg_free(r);
}

static void reg_software_user(void **state)
{
	ss_winreg *r = load_reg(DATA "software.reg");
	const char *sys = "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System";

	assert_string_equal(reg(r,
				"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Syst"
				"em\\Kerberos\\Parameters",
				"SupportedEncryptionTypes", SS_REG_DWORD),
			    "2147483640");
	assert_string_equal(reg(r, sys, "InactivityTimeoutSecs", -1), "900");
	assert_string_equal(reg(r, sys, "EnableLUA", -1), "1");
	reg_absent(r, sys, "LocalAccountTokenFilterPolicy", NULL);
	/* surrogate pair (U+20BB7) and Japanese in UTF-16LE, out as UTF-8 */
	assert_string_equal(reg(r, sys, "LegalNoticeCaption", SS_REG_SZ),
			    "社内端末の利用規程 \xf0\xa0\xae\xb7");
	assert_string_equal(reg(r, sys, "legalnoticetext", SS_REG_SZ), "");
	/* the default value: NULL and "" name it */
	assert_string_equal(
		reg(r, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\UIPI",
		    NULL, SS_REG_SZ),
		"");
	assert_string_equal(
		reg(r, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\UIPI",
		    "", SS_REG_SZ),
		"");
	assert_string_equal(
		reg(r, "HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer",
		    "NoDriveTypeAutoRun", -1),
		"145");
	assert_string_equal(
		reg(r, "HKLM\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection\\Status",
		    "OnboardingState", -1),
		"1");
	reg_absent(r, "HKLM\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings", "Enabled", NULL);
	ss_winreg_free(r);

	r = load_reg(DATA "user.reg");
	assert_string_equal(
		reg(r, "HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\excel\\security",
		    "vbawarnings", -1),
		"2");
	assert_string_equal(reg(r,
				"HKEY_CURRENT_USER\\Software\\Policies\\Microsoft\\Office\\16."
				"0\\word\\security",
				"blockcontentexecutionfrominternet", -1),
			    "1");
	reg_absent(
		r,
		"HKCU\\Software\\Policies\\Microsoft\\Office\\16.0\\word\\security\\protectedview",
		"disableinternetfilesinpv", NULL);
	/* HKLM is not HKCU */
	reg_absent(r, "HKLM\\Software\\Policies\\Microsoft\\Office\\16.0\\excel\\security",
		   "vbawarnings", NULL);
	ss_winreg_free(r);
}

static void reg_regedit4(void **state)
{
	ss_winreg *r = load_reg(DATA "regedit4.reg");
	const char *wsh = "HKLM\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings";
	size_t dels = 0;

	assert_string_equal(ss_winreg_version(r), "REGEDIT4");
	assert_string_equal(reg(r, wsh, "Enabled", SS_REG_SZ), "0");
	/* 8-bit strings in REGEDIT4 */
	assert_string_equal(reg(r, wsh, "TrustPolicy", SS_REG_EXPAND_SZ), "%SystemRoot%");
	assert_string_equal(reg(r, wsh, "Paths", SS_REG_MULTI_SZ), "a\nb");
	reg_absent(r, wsh, "Legacy", "deleted at line 9");
	/* deleted, then written again below */
	assert_string_equal(reg(r, "HKLM\\SOFTWARE\\Microsoft\\Windows Script Host\\Settings\\Old",
				NULL, SS_REG_SZ),
			    "restored");
	/* written twice, then the key deleted */
	reg_absent(r, "HKCU\\Software\\Contoso", "Enabled", "deleted at line 20");
	for (size_t i = 0; i < ss_winreg_count(r); i++) {
		const ss_winreg_entry *e = ss_winreg_at(r, i);
		if (e->op == SS_WINREG_DEL_KEY) {
			assert_null(e->name);
			assert_null(e->text);
			dels++;
		}
	}
	assert_int_equal(dels, 2);
	ss_winreg_free(r);
}

/* UTF-16LE with a mark, CRLF, from UTF-8 text (ASCII only). */
static char *u16(const char *s, size_t *len)
{
	size_t n = strlen(s);
	char *b = malloc(2 + 2 * n);
	b[0] = (char)0xFF;
	b[1] = (char)0xFE;
	for (size_t i = 0; i < n; i++) {
		b[2 + 2 * i] = s[i];
		b[3 + 2 * i] = 0;
	}
	*len = 2 + 2 * n;
	return b;
}

static void reg_expect_error(const void *data, size_t len, int code, const char *msg)
{
	ss_winreg *r = (ss_winreg *)0x1;
	int rc = ss_winreg_parse(&r, data, len, "t.reg");
	if (rc != code)
		fail_msg("expected %d, got %d (%s) for '%.60s'", code, rc, ss_error_last(),
			 (const char *)data);
	assert_ptr_equal(r, (ss_winreg *)0x1);
	if (!strstr(ss_error_last(), msg))
		fail_msg("message '%s' lacks '%s'", ss_error_last(), msg);
}

#define HEAD "Windows Registry Editor Version 5.00\r\n\r\n"
#define VER "[Version]\r\nsignature=\"$CHICAGO$\"\r\n"

static void reg_errors(void **state)
{
	static const struct {
		const char *text;
		int code;
		const char *msg;
	} cases[] = {
		{"hello\r\n", SS_EPARSE, "t.reg: line 1, column 1: the first line must be"},
		{"", SS_EPARSE, "the file is empty"},
		{HEAD "[HKLM\\a]\r\n\"name=dword:1\r\n", SS_EPARSE,
		 "line 4, column 1: the value name is not terminated"},
		{HEAD "[HKLM\\a]\r\n\"x\"=\"abc\r\n", SS_EPARSE,
		 "line 4, column 5: the string is not terminated"},
		{HEAD "[HKLM\\a]\r\n\"x\"=hex:01,0g\r\n", SS_EPARSE, "line 4, column 13: hex data"},
		{HEAD "[HKLM\\a]\r\n\"x\"=hex:zz\r\n", SS_EPARSE,
		 "line 4, column 9: hex data: expected two hex digits"},
		{HEAD "[HKLM\\a]\r\n\"x\"=hex(7:00\r\n", SS_EPARSE, "line 4, column 10: hex(TYPE)"},
		{HEAD "[HKLM\\a]\r\n\"x\"=hex:01,\\\r\n", SS_EPARSE,
		 "line 4: the file ends after a '\\'"},
		{HEAD "[HKLM\\a]\r\n\"x\"=hex:01,\\ 02\r\n", SS_EPARSE,
		 "line 4, column 12: a '\\' in hex data"},
		{HEAD "[HKLM\\a]\r\n\"x\"=dword:123456789\r\n", SS_EPARSE,
		 "line 4, column 19: dword"},
		{HEAD "[HKLM\\a]\r\n\"x\"=dword:\r\n", SS_EPARSE, "line 4, column 11: dword"},
		{HEAD "[HKLM\\a]\r\n\"x\"=dword:0000001g\r\n", SS_EPARSE,
		 "line 4, column 18: dword"},
		{HEAD "[HKLM\\a]\r\n\"x\\n\"=dword:1\r\n", SS_EPARSE,
		 "line 4, column 3: unknown escape '\\n'"},
		{HEAD "[HKLM\\a]\r\n\"x\"=qword:1\r\n", SS_EPARSE,
		 "line 4, column 5: unknown data"},
		{HEAD "[HKLM\\a]\r\n\"x\" dword:1\r\n", SS_EPARSE,
		 "line 4, column 5: expected '='"},
		{HEAD "[HKLM\\a]\r\n\"x\"=\"a\" b\r\n", SS_EPARSE,
		 "line 4, column 9: unexpected text"},
		{HEAD "[HKLM\\a]\r\n\"x\"=- 1\r\n", SS_EPARSE,
		 "line 4, column 7: unexpected text after '-'"},
		{HEAD "\"x\"=dword:1\r\n", SS_EPARSE, "line 3, column 1: a value before any [key]"},
		{HEAD "[-HKLM\\a]\r\n\"x\"=dword:1\r\n", SS_EPARSE,
		 "line 4, column 1: a value after a [-key]"},
		{HEAD "[HKEY_FOO\\a]\r\n", SS_EPARSE,
		 "line 3, column 2: registry key 'HKEY_FOO\\a': the root"},
		{HEAD "[HKLM\\a\\\\b]\r\n", SS_EPARSE,
		 "line 3, column 2: registry key 'HKLM\\a\\\\b': an empty part"},
		{HEAD "[HKLM\\a\r\n", SS_EPARSE,
		 "line 3, column 8: a key header must end with ']'"},
		{HEAD "[]\r\n", SS_EPARSE, "line 3, column 2: an empty key name"},
		{HEAD "[HKLM\\a\\\\]\r\n", SS_EPARSE,
		 "line 3, column 2: registry key 'HKLM\\a\\\\': an empty part"},
		{HEAD "[HKLM\\\\a]\r\n", SS_EPARSE, "an empty part"},
		{HEAD "junk\r\n", SS_EPARSE, "line 3, column 1: expected a [key] header"},
		{HEAD "  junk\r\n", SS_EPARSE, "line 3, column 3: expected a [key] header"},
		{HEAD "\t[HKLM\\a]\r\n  \"x\"=hex:01,\\\r\n  0g\r\n", SS_EPARSE,
		 "line 5, column 4: hex data"},
		{HEAD "\t[HKLM\\a]\r\n  \"x\"=hex:01,0g\r\n", SS_EPARSE,
		 "line 4, column 15: hex data"},
		{HEAD "  [HKEY_FOO\\a]\r\n", SS_EPARSE, "line 3, column 4: registry key"},
		{HEAD "  \"x\"=1\r\n", SS_EPARSE, "line 3, column 3: a value before any [key]"},
	};
	char *b;
	size_t len, i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* as UTF-16LE and as UTF-8: the same message */
		b = u16(cases[i].text, &len);
		reg_expect_error(b, len, cases[i].code, cases[i].msg);
		free(b);
		reg_expect_error(cases[i].text, strlen(cases[i].text), cases[i].code, cases[i].msg);
	}
	/* encodings */
	reg_expect_error("\xff\xfeW\x00x", 5, SS_EPARSE,
			 "t.reg: an odd number of bytes (3) of UTF-16 text");
	reg_expect_error("\xff\x00W\x00", 4, SS_EPARSE, "line 1: a byte order mark cut short");
	reg_expect_error("\xfe", 1, SS_EPARSE, "a byte order mark cut short");
	reg_expect_error("\xef\xbbW", 3, SS_EPARSE, "a byte order mark cut short");
	reg_expect_error("REGEDIT4\r\n\xe9t\xe9\r\n", 14, SS_EPARSE,
			 "line 2, column 1: byte E9 is not UTF-8");
	reg_expect_error("REGEDIT4\r\n[HKLM\\a\0]\r\n", 20, SS_EPARSE,
			 "line 2, column 8: a NUL character");
	{
		/* "R\n" then a high surrogate followed by 'A', then a lone low surrogate */
		static const char hi[] = "\xff\xfeR\x00\n\x00\x00\xd8\x41\x00";
		static const char lo[] = "\xff\xfeR\x00\n\x00\n\x00\x00\xdc";
		static const char nul[] = "\xff\xfeR\x00\x00\x00";
		reg_expect_error(
			hi, sizeof(hi) - 1, SS_EPARSE,
			"line 2: byte 6: a UTF-16 high surrogate (U+D800) without its low");
		reg_expect_error(lo, sizeof(lo) - 1, SS_EPARSE,
				 "line 3: byte 8: a UTF-16 low surrogate (U+DC00)");
		reg_expect_error(nul, sizeof(nul) - 1, SS_EPARSE,
				 "line 1: byte 4: a NUL character");
		/* UTF-16BE with its mark is read too */
		char be[2 + 2 * 8] = {(char)0xFE, (char)0xFF};
		for (size_t k = 0; k < 8; k++)
			be[3 + 2 * k] = "REGEDIT4"[k];
		ss_winreg *r = NULL;
		assert_ok(ss_winreg_parse(&r, be, sizeof(be), "be.reg"));
		assert_string_equal(ss_winreg_version(r), "REGEDIT4");
		ss_winreg_free(r);
	}
}

static void reg_limits(void **state)
{
	ss_buf t = SS_BUF_INIT(0);
	ss_winreg *r = NULL;
	size_t i;

	/* a line one byte over the limit */
	assert_ok(ss_buf_puts(&t, HEAD "[HKLM\\a]\r\n\"x\"=\""));
	for (i = strlen("\"x\"=\""); i < SS_WIN_LINE_MAX; i++)
		assert_ok(ss_buf_putc(&t, 'a'));
	assert_ok(ss_buf_puts(&t, "\"\r\n"));
	reg_expect_error(t.ptr, t.len, SS_ELIMIT,
			 "t.reg: line 4: 1048577 bytes, more than the limit");
	/* at the limit it is read */
	ss_buf_clear(&t);
	assert_ok(ss_buf_puts(&t, HEAD "[HKLM\\a]\r\n\"x\"=\""));
	for (i = strlen("\"x\"=\"") + 1; i < SS_WIN_LINE_MAX; i++)
		assert_ok(ss_buf_putc(&t, 'a'));
	assert_ok(ss_buf_puts(&t, "\"\r\n"));
	assert_ok(ss_winreg_parse(&r, t.ptr, t.len, "t.reg"));
	assert_int_equal(strlen(reg(r, "HKLM\\a", "x", SS_REG_SZ)), SS_WIN_LINE_MAX - 6);
	ss_winreg_free(r);
	/* hex data continued past the limit */
	ss_buf_clear(&t);
	assert_ok(ss_buf_puts(&t, HEAD "[HKLM\\a]\r\n\"x\"=hex:00,\\\r\n"));
	for (i = 0; i < SS_WIN_LINE_MAX / 24 + 2; i++)
		assert_ok(ss_buf_puts(&t, "  00,00,00,00,00,00,00,\\\r\n"));
	assert_ok(ss_buf_puts(&t, "  00\r\n"));
	reg_expect_error(t.ptr, t.len, SS_ELIMIT, "a value longer than 1048576 bytes");
	/* one value more than the limit */
	ss_buf_clear(&t);
	assert_ok(ss_buf_puts(&t, HEAD "[HKLM\\a]\r\n"));
	for (i = 0; i < SS_WIN_ENTRIES_MAX; i++)
		assert_ok(ss_buf_puts(&t, "\"x\"=-\n"));
	assert_ok(ss_winreg_parse(&r, t.ptr, t.len, "t.reg"));
	assert_int_equal(ss_winreg_count(r), SS_WIN_ENTRIES_MAX);
	ss_winreg_free(r);
	assert_ok(ss_buf_puts(&t, "\"x\"=-\n"));
	reg_expect_error(t.ptr, t.len, SS_ELIMIT,
			 "line 1000004: more than 1000000 keys and values");
	/* the file size */
	reg_expect_error(t.ptr, SS_WIN_FILE_MAX + 1, SS_ELIMIT, "more than the limit of 67108864");

	/* as many settings and rows, in the other two formats */
	{
		ss_secedit *s = NULL;
		ss_auditpol *a = NULL;
		ss_buf_clear(&t);
		assert_ok(ss_buf_puts(
			&t, "[Version]\nsignature=\"$CHICAGO$\"\n[Service General Setting]\n"));
		for (i = 1; i < SS_WIN_ENTRIES_MAX; i++)
			assert_ok(ss_buf_puts(&t, "s=1\n"));
		assert_ok(ss_secedit_parse(&s, t.ptr, t.len, "t.inf"));
		assert_int_equal(ss_secedit_count(s), SS_WIN_ENTRIES_MAX);
		ss_secedit_free(s);
		assert_ok(ss_buf_puts(&t, "s=1\n"));
		assert_int_equal(ss_secedit_parse(&s, t.ptr, t.len, "t.inf"), SS_ELIMIT);
		assert_non_null(
			strstr(ss_error_last(), "t.inf: line 1000003: more than 1000000 settings"));

		ss_buf_clear(&t);
		assert_ok(ss_buf_puts(&t, "Machine Name,Policy Target,Subcategory,Subcategory GUID,"
					  "Inclusion Setting,Exclusion Setting,Setting Value\n"));
		for (i = 0; i < SS_WIN_ENTRIES_MAX; i++)
			assert_ok(ss_buf_puts(&t, ",,Option:X,,,,\n"));
		assert_ok(ss_auditpol_parse(&a, t.ptr, t.len, "t.csv"));
		assert_int_equal(ss_auditpol_count(a), SS_WIN_ENTRIES_MAX);
		ss_auditpol_free(a);
		assert_ok(ss_buf_puts(&t, ",,Option:X,,,,\n"));
		assert_int_equal(ss_auditpol_parse(&a, t.ptr, t.len, "t.csv"), SS_ELIMIT);
		assert_non_null(
			strstr(ss_error_last(), "t.csv: line 1000002: more than 1000000 rows"));
	}
	ss_buf_release(&t);
}

/* File text in messages: control characters visible, long text cut. */
static void messages_visible(void **state)
{
	char buf[SS__WIN_VIS], small[8];
	ss_secedit *s = NULL;
	ss_winreg *r = NULL;
	static const char reg[] = HEAD "[HKLM\\a]\r\n\"x\\\x1b[2J\"=dword:1\r\n";
	static const char key[] = HEAD "[HKEY_\x1b]0;evil\x07\\a]\r\n";
	static const char inf[] = VER "[Registry Values]\r\nMACHINE\\A\\\xe2\x80\xae"
				      "B=4,\x1b\r\n";

	assert_string_equal(ss__win_vis(buf, sizeof(buf),
					"a\x1b[1mb\xe2\x80\xae"
					"c"),
			    "a\\u{001B}[1mb\\u{202E}c");
	assert_string_equal(ss__win_vis(small, sizeof(small), "abcdefgh"), "abcd...");
	assert_string_equal(ss__win_vis(small, sizeof(small), "abcd"), "abcd");
	assert_string_equal(ss__win_vis(small, sizeof(small), "\xff"), "\\xFF");
	assert_int_equal(ss_winreg_parse(&r, reg, sizeof(reg) - 1, "t.reg"), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "unknown escape '\\\\u{001B}' in the value name"));
	assert_null(strchr(ss_error_last(), 0x1b));
	assert_int_equal(ss_winreg_parse(&r, key, sizeof(key) - 1, "t.reg"), SS_EPARSE);
	assert_null(strchr(ss_error_last(), 0x1b));
	assert_null(strchr(ss_error_last(), 0x07));
	assert_int_equal(ss_secedit_parse(&s, inf, sizeof(inf) - 1, "t.inf"), SS_EPARSE);
	assert_non_null(strstr(ss_error_last(), "MACHINE\\A\\\\u{202E}B: type 4 (DWORD)"));
	assert_non_null(strstr(ss_error_last(), "not '\\u{001B}'"));
}

/* Odd data that the registry allows: kept as hex, marked raw. */
static void reg_raw(void **state)
{
	static const char text[] =
		HEAD "[HKLM\\a]\r\n"
		     "\"short\"=hex(4):01,02,03\r\n"
		     "\"odd\"=hex(1):41,00,42\r\n"
		     "\"lone\"=hex(2):00,d8,41,00,00,00\r\n"
		     "\"be\"=hex(5):00,00,01,00\r\n"
		     "\"none\"=hex(0):\r\n"
		     "\"big\"=hex(ffffffff):0A\r\n"
		     "\"sz\"=hex(1):41,00,42,00,00,00,43,00\r\n"
		     "\"ms\"=hex(7):41,00,00,00,42,00,00,00,00,00,43,00,00,00\r\n";
	ss_winreg *r = NULL;
	const ss_winreg_entry *e;

	assert_ok(ss_winreg_parse(&r, text, sizeof(text) - 1, NULL));
	assert_ok(ss_winreg_get(r, "HKLM\\a", "short", &e));
	assert_true(e->raw);
	assert_int_equal(e->type, SS_REG_DWORD);
	assert_string_equal(e->text, "010203");
	assert_ok(ss_winreg_get(r, "HKLM\\a", "odd", &e));
	assert_true(e->raw);
	assert_string_equal(e->text, "410042");
	assert_ok(ss_winreg_get(r, "HKLM\\a", "lone", &e));
	assert_true(e->raw);
	assert_string_equal(reg(r, "HKLM\\a", "be", SS_REG_DWORD_BE), "256");
	assert_string_equal(reg(r, "HKLM\\a", "none", SS_REG_NONE), "");
	assert_string_equal(reg(r, "HKLM\\a", "big", 0x7fffffff), "0a");
	assert_string_equal(reg(r, "HKLM\\a", "sz", SS_REG_SZ), "AB");
	assert_string_equal(reg(r, "HKLM\\a", "ms", SS_REG_MULTI_SZ), "A\nB");
	ss_winreg_free(r);
}

/* ------------------------------------------------------------- secedit */

static ss_secedit *load_inf(const char *name)
{
	size_t len;
	char *d = slurp(name, &len);
	ss_secedit *s = NULL;
	assert_ok(ss_secedit_parse(&s, d, len, name));
	free(d);
	return s;
}

static void inf_secpol(void **state)
{
	ss_secedit *s = load_inf(DATA "secpol.inf");
	const char *v, *const *items;
	int64_t n;
	size_t k;
	int type;

	assert_ok(ss_secedit_get_int(s, "System Access", "MinimumPasswordLength", &n));
	assert_int_equal(n, 8);
	assert_ok(ss_secedit_get_int(s, "system access", "lockoutbadcount", &n));
	assert_int_equal(n, 0);
	assert_ok(ss_secedit_get_int(s, "System Access", "PasswordHistorySize", &n));
	assert_int_equal(n, 24);
	assert_ok(ss_secedit_get(s, "System Access", "NewAdministratorName", &v));
	assert_string_equal(v, "Administrator");
	assert_int_equal(ss_secedit_get_int(s, "System Access", "NewGuestName", &n), SS_EPARSE);
	assert_int_equal(ss_secedit_get(s, "System Access", "LockoutDuration", &v), SS_ENOTFOUND);
	assert_ok(ss_secedit_get_int(s, "Event Audit", "AuditLogonEvents", &n));
	assert_int_equal(n, 3);
	assert_ok(ss_secedit_get(s, "Version", "signature", &v));
	assert_string_equal(v, "$CHICAGO$");
	assert_ok(ss_secedit_get(s, "Unicode", "Unicode", &v));
	assert_string_equal(v, "yes");

	/* registry values by the key the registry checks use */
	assert_ok(ss_secedit_regval(s, "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa",
				    "LmCompatibilityLevel", &type, &v));
	assert_int_equal(type, SS_REG_DWORD);
	assert_string_equal(v, "3");
	assert_ok(ss_secedit_regval(s,
				    "HKEY_LOCAL_"
				    "MACHINE\\software\\microsoft\\windows\\currentversion\\policie"
				    "s\\system\\kerberos\\parameters",
				    "supportedencryptiontypes", &type, &v));
	assert_string_equal(v, "2147483640");
	assert_ok(ss_secedit_regval(
		s, "HKLM\\Software\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon",
		"CachedLogonsCount", &type, &v));
	assert_int_equal(type, SS_REG_SZ);
	assert_string_equal(v, "10");
	assert_ok(ss_secedit_regval(
		s, "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System",
		"LegalNoticeCaption", &type, &v));
	assert_string_equal(v, "");
	assert_ok(ss_secedit_regval(
		s, "HKLM\\Software\\Microsoft\\Windows\\CurrentVersion\\Policies\\System",
		"LegalNoticeText", &type, &v));
	assert_int_equal(type, SS_REG_MULTI_SZ);
	assert_string_equal(v, "");
	assert_ok(ss_secedit_regval(s,
				    "HKLM\\System\\CurrentControlSet\\Control\\SecurePipeServers\\W"
				    "inreg\\AllowedExactPaths",
				    "Machine", &type, &v));
	assert_string_equal(v, "System\\CurrentControlSet\\Control\\ProductOptions\n"
			       "System\\CurrentControlSet\\Control\\Server Applications\n"
			       "Software\\Microsoft\\Windows NT\\CurrentVersion");
	assert_int_equal(ss_secedit_regval(s, "HKLM\\System\\CurrentControlSet\\Control\\Lsa",
					   "LsaCfgFlags", &type, &v),
			 SS_ENOTFOUND);
	assert_int_equal(ss_secedit_regval(s, "HKCU\\System\\CurrentControlSet\\Control\\Lsa",
					   "LmCompatibilityLevel", &type, &v),
			 SS_ENOTFOUND);
	assert_int_equal(ss_secedit_regval(s, "Lsa", "x", &type, &v), SS_EINVAL);

	/* user rights */
	assert_ok(ss_secedit_privilege(s, "SeDenyNetworkLogonRight", &items, &k));
	assert_int_equal(k, 1);
	assert_string_equal(items[0], "Guest");
	assert_ok(ss_secedit_privilege(s, "seinteractivelogonright", &items, &k));
	assert_int_equal(k, 4);
	assert_string_equal(items[0], "Guest");
	assert_string_equal(items[1], "S-1-5-32-544");
	assert_string_equal(items[3], "S-1-5-32-551");
	assert_ok(ss_secedit_privilege(s, "SeSecurityPrivilege", &items, &k));
	assert_int_equal(k, 1);
	assert_string_equal(items[0], "S-1-5-32-544");
	assert_int_equal(ss_secedit_privilege(s, "SeTcbPrivilege", &items, &k), SS_ENOTFOUND);
	assert_non_null(strstr(ss_error_last(), "SeTcbPrivilege"));

	assert_int_equal(ss_secedit_count(s), 1 + 14 + 9 + 28 + 23 + 2);
	assert_string_equal(ss_secedit_at(s, 0)->section, "Unicode");
	assert_int_equal(ss_secedit_at(s, 1)->line, 4);
	ss_secedit_free(s);
}

static void inf_expect_error(const char *text, int code, const char *msg)
{
	ss_secedit *s = (ss_secedit *)0x1;
	size_t len;
	char *b = u16(text, &len);
	int rc = ss_secedit_parse(&s, b, len, "t.inf");
	free(b);
	if (rc != code)
		fail_msg("expected %d, got %d (%s) for '%.60s'", code, rc, ss_error_last(), text);
	assert_ptr_equal(s, (ss_secedit *)0x1);
	if (!strstr(ss_error_last(), msg))
		fail_msg("message '%s' lacks '%s'", ss_error_last(), msg);
}

static void inf_errors(void **state)
{
	ss_secedit *s = NULL;
	const char *v;

	inf_expect_error("[System Access]\r\nMinimumPasswordLength = 8\r\n", SS_EPARSE,
			 "t.inf: no [Version] section");
	inf_expect_error("[Version]\r\nsignature=\"$NOTHING$\"\r\n", SS_EPARSE,
			 "no [Version] section");
	inf_expect_error("MinimumPasswordLength = 8\r\n" VER, SS_EPARSE,
			 "t.inf: line 1: a setting before any [section]");
	inf_expect_error(VER "[System Access]\r\nA = 1\r\n; c\r\na = 2\r\n", SS_EPARSE,
			 "t.inf: line 6: [System Access] a is already set at line 4");
	inf_expect_error(VER "[System Access]\r\nMinimumPasswordLength\r\n", SS_EPARSE,
			 "line 4, column 1: [System Access]: expected name = value");
	inf_expect_error(VER "[System Access]\r\n = 3\r\n", SS_EPARSE,
			 "line 4, column 2: [System Access]: a setting without a name");
	inf_expect_error(VER "[System Access\r\n", SS_EPARSE,
			 "line 3, column 15: a section header must end with ']'");
	inf_expect_error(VER "[ ]\r\n", SS_EPARSE, "line 3: an empty section name");
	inf_expect_error(VER "[Registry Values]\r\nMACHINE\\System\\X\\Y=9,1\r\n", SS_EPARSE,
			 "line 4: [Registry Values] MACHINE\\System\\X\\Y: expected TYPE,DATA");
	inf_expect_error(VER "[Registry Values]\r\nMACHINE\\System\\X\\Y=4\r\n", SS_EPARSE,
			 "expected TYPE,DATA");
	inf_expect_error(
		VER "[Registry Values]\r\nMACHINE\\System\\X\\Y=4,abc\r\n", SS_EPARSE,
		"line 4: [Registry Values] MACHINE\\System\\X\\Y: type 4 (DWORD) needs a decimal");
	inf_expect_error(VER "[Registry Values]\r\nMACHINE\\System\\X\\Y=4,4294967296\r\n",
			 SS_EPARSE, "type 4 (DWORD)");
	inf_expect_error(VER "[Registry Values]\r\nSOFTWARE\\X\\Y=4,1\r\n", SS_EPARSE,
			 "line 4: [Registry Values] 'SOFTWARE\\X\\Y': the path must start");
	inf_expect_error(VER "[Registry Values]\r\nMACHINE=4,1\r\n", SS_EPARSE,
			 "expected MACHINE\\key\\value name");
	inf_expect_error(VER "[Registry Values]\r\nMACHINE\\A\\B=4,1\r\nmachine\\a\\b=4,2\r\n",
			 SS_EPARSE,
			 "line 5: [Registry Values] machine\\a\\b is already set at line 4");
	inf_expect_error(
		VER "[Privilege Rights]\r\nSeDebugPrivilege = *S-1-5-32-544,,Guest\r\n", SS_EPARSE,
		"line 4: [Privilege Rights] SeDebugPrivilege: account 2 of the list is empty");
	{
		ss_buf t = SS_BUF_INIT(0);
		assert_ok(ss_buf_puts(&t, VER "[System Access]\r\nX = "));
		for (size_t i = 5; i <= SS_WIN_LINE_MAX; i++)
			assert_ok(ss_buf_putc(&t, '1'));
		assert_ok(ss_secedit_parse(&s, t.ptr, t.len, "t.inf"));
		ss_secedit_free(s);
		assert_ok(ss_buf_puts(&t, "1\r\n"));
		assert_int_equal(ss_secedit_parse(&s, t.ptr, t.len, "t.inf"), SS_ELIMIT);
		assert_non_null(strstr(ss_error_last(), "t.inf: line 4: 1048577 bytes"));
		ss_buf_release(&t);
	}
	/* other sections keep lines without '=' as they are */
	{
		static const char text[] =
			VER "[File Security]\r\n\"%SystemRoot%\\x\",2,\"D:PAR\"\r\n"
			    "[Privilege Rights]\r\nSeTcbPrivilege =\r\n";
		const char *const *items;
		size_t n = 9;
		assert_ok(ss_secedit_parse(&s, text, sizeof(text) - 1, NULL));
		assert_null(ss_secedit_at(s, 1)->value);
		assert_string_equal(ss_secedit_at(s, 1)->name, "\"%SystemRoot%\\x\",2,\"D:PAR\"");
		assert_ok(ss_secedit_privilege(s, "SeTcbPrivilege", &items, &n));
		assert_int_equal(n, 0);
		assert_int_equal(ss_secedit_get(s, "File Security", "x", &v), SS_ENOTFOUND);
		ss_secedit_free(s);
	}
}

/* ------------------------------------------------------------ auditpol */

static ss_auditpol *load_csv(const char *name)
{
	size_t len;
	char *d = slurp(name, &len);
	ss_auditpol *a = NULL;
	assert_ok(ss_auditpol_parse(&a, d, len, name));
	free(d);
	return a;
}

static int setting(const ss_auditpol *a, const char *sub)
{
	const ss_auditpol_row *row = NULL;
	if (ss_auditpol_get(a, sub, &row) < 0)
		fail_msg("%s: %s", sub, ss_error_last());
	return row->setting;
}

static void csv_audit(void **state)
{
	ss_auditpol *a = load_csv(DATA "audit.csv");
	const ss_auditpol_row *row;

	assert_int_equal(ss_auditpol_count(a), 29);
	assert_int_equal(setting(a, "Credential Validation"), 3);
	assert_int_equal(setting(a, "Audit Logon"), 3);
	assert_int_equal(setting(a, "audit account lockout"), 2);
	assert_int_equal(setting(a, "{0cce9240-69ae-11d9-bed3-505054503030}"), 0);
	assert_int_equal(setting(a, "0CCE9227-69AE-11D9-BED3-505054503030"), 1);
	assert_int_equal(setting(a, "Process Creation"), 1);
	assert_int_equal(setting(a, "Other Logon/Logoff Events"), 0);
	assert_int_equal(ss_auditpol_get(a, "Detailed File Share", &row), SS_ENOTFOUND);
	assert_non_null(strstr(ss_error_last(), "0cce9244-69ae-11d9-bed3-505054503030"));
	assert_int_equal(ss_auditpol_get(a, "No Such Thing", &row), SS_ENOTFOUND);
	assert_ok(ss_auditpol_get(a, "Option:CrashOnAuditFail", &row));
	assert_int_equal(row->setting, -1);
	assert_string_equal(row->inclusion, "Disabled");
	assert_string_equal(row->guid, "");
	assert_ok(ss_auditpol_get(a, "Audit Logon", &row));
	assert_string_equal(row->machine, "PC-042");
	assert_string_equal(row->subcategory, "Audit Logon");
	assert_string_equal(row->guid, "0cce9215-69ae-11d9-bed3-505054503030");
	assert_string_equal(row->inclusion, "Success and Failure");
	assert_string_equal(row->value, "3");
	assert_int_equal(row->line, 7);
	assert_string_equal(ss_auditpol_guid("Group Membership"),
			    "0cce9249-69ae-11d9-bed3-505054503030");
	assert_string_equal(ss_auditpol_guid("Audit Token Right Adjusted Events"),
			    "0cce924a-69ae-11d9-bed3-505054503030");
	assert_null(ss_auditpol_guid("Logons"));
	ss_auditpol_free(a);

	/* UTF-16LE, names in Japanese: found by GUID through the English name */
	a = load_csv(DATA "audit-ja.csv");
	assert_int_equal(setting(a, "Logon"), 3);
	assert_int_equal(setting(a, "Credential Validation"), 1);
	assert_int_equal(setting(a, "Process Creation"), 0);
	assert_ok(ss_auditpol_get(a, "Process Creation", &row));
	assert_string_equal(row->subcategory, "プロセス作成の監査, \"詳細\"");
	assert_string_equal(row->inclusion, "監査なし");
	assert_int_equal(setting(a, "資格情報の確認の監査"), 1);
	ss_auditpol_free(a);
}

#define HDR                                                                                        \
	"Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion "     \
	"Setting,Setting Value\r\n"
#define G "{0CCE9215-69AE-11D9-BED3-505054503030}"

static void csv_expect_error(const char *text, int code, const char *msg)
{
	ss_auditpol *a = (ss_auditpol *)0x1;
	int rc = ss_auditpol_parse(&a, text, strlen(text), "t.csv");
	if (rc != code)
		fail_msg("expected %d, got %d (%s) for '%.60s'", code, rc, ss_error_last(), text);
	assert_ptr_equal(a, (ss_auditpol *)0x1);
	if (!strstr(ss_error_last(), msg))
		fail_msg("message '%s' lacks '%s'", ss_error_last(), msg);
}

static void csv_errors(void **state)
{
	ss_auditpol *a = NULL;

	csv_expect_error("", SS_EPARSE, "t.csv: the file is empty");
	csv_expect_error("Machine Name,Policy Target,Category,Subcategory GUID,Inclusion Setting,"
			 "Exclusion Setting,Setting Value\r\n",
			 SS_EPARSE, "t.csv: line 1: column 3 of the header is 'Category'");
	csv_expect_error(HDR "PC,System,Audit Logon," G ",Success,3\r\n", SS_EPARSE,
			 "t.csv: line 2: 6 fields, expected 7");
	csv_expect_error(HDR "PC,System,Audit Logon," G ",Success,,3,x\r\n", SS_EPARSE,
			 "t.csv: line 2: more than 7 fields");
	csv_expect_error(HDR "PC,System,Audit Logon,{0CCE9215},Success,,1\r\n", SS_EPARSE,
			 "t.csv: line 2: field 4 (Subcategory GUID): '{0CCE9215}' is not a GUID");
	csv_expect_error(HDR "PC,System,Audit Logon," G ",Success,,4\r\n", SS_EPARSE,
			 "t.csv: line 2: field 7 (Setting Value): '4' is not 0, 1, 2 or 3");
	csv_expect_error(HDR "PC,System,Audit Logon," G ",Success,,\r\n", SS_EPARSE,
			 "field 7 (Setting Value): '' is not");
	csv_expect_error(HDR "PC,System,Audit Logon," G ",Success,,1\r\n\r\n"
			     "PC,System,Logon,{0cce9215-69ae-11d9-bed3-505054503030},None,,0\r\n",
			 SS_EPARSE,
			 "t.csv: line 4: subcategory {0cce9215-69ae-11d9-bed3-505054503030} for "
			 "'System' is already set at line 2");
	csv_expect_error(HDR "PC,System,\"Audit Logon," G ",Success,,1\r\n", SS_EPARSE,
			 "t.csv: line 2: field 3 (Subcategory): a quoted field is not closed");
	csv_expect_error(
		HDR "PC,System,\"Audit\" Logon," G ",Success,,1\r\n", SS_EPARSE,
		"t.csv: line 2, column 18: field 3 (Subcategory): text after the closing quote");
	csv_expect_error(HDR "PC,System,Audit \"Logon\"," G ",Success,,1\r\n", SS_EPARSE,
			 "t.csv: line 2, column 17: field 3 (Subcategory): a '\"' inside a field");
	/* a quoted line break: the record keeps its first line, the next one counts on */
	{
		static const char text[] = HDR "\"P\r\nC\",System,Audit Logon," G ",Success,,1\r\n"
					       "PC,System,Audit Logoff,"
					       "{0cce9216-69ae-11d9-bed3-505054503030},Success,,1";
		assert_ok(ss_auditpol_parse(&a, text, sizeof(text) - 1, NULL));
	}
	assert_int_equal(ss_auditpol_at(a, 0)->line, 2);
	assert_string_equal(ss_auditpol_at(a, 0)->machine, "P\r\nC");
	assert_int_equal(ss_auditpol_at(a, 1)->line, 4);
	assert_int_equal(ss_auditpol_at(a, 1)->setting, 1);
	ss_auditpol_free(a);
	{
		ss_buf t = SS_BUF_INIT(0);
		assert_ok(ss_buf_puts(&t, HDR "\""));
		for (size_t i = 0; i < SS_WIN_LINE_MAX; i++)
			assert_ok(ss_buf_putc(&t, 'x'));
		assert_ok(ss_buf_puts(&t, "\",,,,,,\r\n"));
		csv_expect_error(t.ptr, SS_ELIMIT,
				 "t.csv: line 2: a record longer than 1048576 bytes");
		ss_buf_release(&t);
	}
}

/* Every prefix of every fixture: parsed or refused with a message, never a crash. */
static void prefixes(void **state)
{
	static const char *const files[] = {"policies.reg", "system.reg",   "software.reg",
					    "user.reg",     "regedit4.reg", "secpol.inf",
					    "audit.csv",    "audit-ja.csv"};
	for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); f++) {
		char path[512];
		size_t len;
		snprintf(path, sizeof(path), DATA "%s", files[f]);
		char *d = slurp(path, &len);
		for (size_t n = 0; n <= len; n++) {
			ss_winreg *r = NULL;
			ss_secedit *s = NULL;
			ss_auditpol *a = NULL;
			int rc;
			if (strstr(files[f], ".reg")) {
				rc = ss_winreg_parse(&r, d, n, files[f]);
				ss_winreg_free(r);
			} else if (strstr(files[f], ".inf")) {
				rc = ss_secedit_parse(&s, d, n, files[f]);
				ss_secedit_free(s);
			} else {
				rc = ss_auditpol_parse(&a, d, n, files[f]);
				ss_auditpol_free(a);
			}
			if (rc < 0 && (rc != SS_EPARSE || !strstr(ss_error_last(), files[f])))
				fail_msg("%s cut at %zu: %d %s", files[f], n, rc, ss_error_last());
			if (n == len && rc < 0)
				fail_msg("%s: %s", files[f], ss_error_last());
		}
		free(d);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reg_policies),      cmocka_unit_test(reg_system),
		cmocka_unit_test(reg_software_user), cmocka_unit_test(reg_regedit4),
		cmocka_unit_test(reg_errors),        cmocka_unit_test(reg_limits),
		cmocka_unit_test(reg_raw),           cmocka_unit_test(messages_visible),
		cmocka_unit_test(inf_secpol),        cmocka_unit_test(inf_errors),
		cmocka_unit_test(csv_audit),         cmocka_unit_test(csv_errors),
		cmocka_unit_test(prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
