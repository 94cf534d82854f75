/*
 * Windows settings exported with the system's own tools, read offline:
 *
 *   ss_winreg    `reg export` / regedit .reg files ("Windows Registry Editor
 *                Version 5.00" in UTF-16LE, or "REGEDIT4")
 *   ss_secedit   `secedit /export /cfg FILE` security templates (INF)
 *   ss_auditpol  `auditpol /backup /file:FILE` CSV
 *
 * Pure parsers: bytes in, parsed data out, no file system, no store. Every
 * parser takes the whole file in memory and a label for messages (the file
 * name; NULL gives a generic one), makes one pass, and holds memory bounded
 * by a small multiple of the input. The text is decoded first:
 *
 *   - a UTF-16LE byte order mark (FF FE): UTF-16LE, surrogate pairs joined;
 *     an odd byte count or an unpaired surrogate is SS_EPARSE naming the
 *     byte offset and line;
 *   - a UTF-16BE mark (FE FF): UTF-16BE, the same way;
 *   - a UTF-8 mark (EF BB BF), or no mark: UTF-8, which must be valid; a
 *     file without a mark whose second byte is 0 is taken as UTF-16LE (some
 *     tools drop the mark);
 *   - a mark cut short (FF or FE alone, EF BB without BF) is SS_EPARSE.
 *
 * A NUL character anywhere in the text is SS_EPARSE. Lines end at LF; a CR
 * before it is dropped. Errors are SS_EPARSE (malformed), SS_ELIMIT (a limit
 * below) or SS_ENOMEM, with a message "LABEL: line N[, column C]: ..." where
 * the column counts characters from 1.
 *
 * Keys, value names, section names and setting names compare without
 * regard to ASCII case, as Windows compares them (letters outside ASCII
 * compare exactly: Windows folds them too, this code does not).
 */
#ifndef SS_FORMATS_WINEXPORT_H
#define SS_FORMATS_WINEXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest file accepted, in bytes as stored (SS_ELIMIT beyond). */
#define SS_WIN_FILE_MAX ((size_t)64 * 1024 * 1024)
/* Longest line in bytes of UTF-8 after decoding; for a .reg value, its
 * lines joined by the continuations ('\' at the end) count as one. */
#define SS_WIN_LINE_MAX ((size_t)1024 * 1024)
/* Most entries in one file: registry keys plus values plus deletions, INF
 * settings, CSV rows. */
#define SS_WIN_ENTRIES_MAX 1000000
/* What joins the strings of a REG_MULTI_SZ (and of a secedit type-7
 * registry value) in its text. */
#define SS_WIN_MULTI_SEP '\n'

/* ---------------------------------------------------------------- .reg */

/* Registry value types (winnt.h REG_*). */
enum {
	SS_REG_NONE = 0,
	SS_REG_SZ = 1,
	SS_REG_EXPAND_SZ = 2,
	SS_REG_BINARY = 3,
	SS_REG_DWORD = 4,
	SS_REG_DWORD_BE = 5,
	SS_REG_LINK = 6,
	SS_REG_MULTI_SZ = 7,
	SS_REG_QWORD = 11,
};

typedef enum {
	SS_WINREG_VALUE,     /* "name"=data */
	SS_WINREG_DEL_VALUE, /* "name"=- */
	SS_WINREG_DEL_KEY,   /* [-key]: the key and all below it */
} ss_winreg_op;

/*
 * One line of meaning of a .reg file, in file order. key is normalised:
 * the root as its short name (HKLM, HKCU, HKCR, HKU, HKCC), then the rest
 * as written ("HKLM\SOFTWARE\Policies\Microsoft\FVE"). name is "" for the
 * default value (@), NULL for DEL_KEY. text, for a VALUE, renders the data
 * as the catalog's `expect` is written:
 *
 *   REG_DWORD, REG_DWORD_BE, REG_QWORD   unsigned decimal ("7", "2147483640")
 *   REG_SZ, REG_EXPAND_SZ, REG_LINK      the string in UTF-8, up to its first
 *                                        NUL (REG_EXPAND_SZ unexpanded)
 *   REG_MULTI_SZ                         the strings joined by SS_WIN_MULTI_SEP
 *                                        ("a\nb"; "" for none)
 *   REG_BINARY, REG_NONE, other types    lowercase hex, no separators ("01ff")
 *
 * The text holds any character but NUL, control characters included:
 * escape it before showing it.
 *
 * Data that does not fit its type (a DWORD of 3 bytes, a UTF-16 string of
 * an odd length or with an unpaired surrogate, as the registry allows) is
 * rendered as hex with raw set, and the type kept. In a REGEDIT4 file the
 * hex(2)/hex(7)/hex(1) data is 8-bit text and must be UTF-8 (else raw).
 */
typedef struct {
	ss_winreg_op op;
	int type; /* SS_REG_*, or -1 unless a VALUE */
	bool raw;
	uint32_t line;
	const char *key;
	const char *name;
	const char *text;
} ss_winreg_entry;

typedef struct ss_winreg ss_winreg;

/* Parse a .reg file of len bytes (at most SS_WIN_FILE_MAX) into *out
 * (written only on success; free with ss_winreg_free). The first line that
 * is not empty must be the version line. label names the file in messages. */
int ss_winreg_parse(ss_winreg **out, const void *data, size_t len, const char *label);
void ss_winreg_free(ss_winreg *r);
/* "Windows Registry Editor Version 5.00" or "REGEDIT4". */
const char *ss_winreg_version(const ss_winreg *r);
/* The entries in file order. */
size_t ss_winreg_count(const ss_winreg *r);
const ss_winreg_entry *ss_winreg_at(const ss_winreg *r, size_t i);
/*
 * The value name (NULL or "" for the default value) of key (long or short
 * root name, any ASCII case, a trailing '\' ignored) as the file leaves it
 * when read from top to bottom, as regedit would import it: the last
 * "name"=data wins, and a later "name"=- or [-key] (of the key or a key
 * above it) removes it. 0 with *out set (a VALUE), SS_ENOTFOUND (with a
 * message) when the file does not hold it, SS_EINVAL for a key without a
 * known root.
 */
int ss_winreg_get(const ss_winreg *r, const char *key, const char *name,
		  const ss_winreg_entry **out);
/*
 * Whether the file covers key: key is the first [key] header of the file or
 * lies below it. `reg export KEY` writes KEY first and everything below it,
 * so in such a file a covered value that ss_winreg_get does not find is
 * absent from the machine, while one outside it was not exported at all.
 * false for a key without a known root, or a file without a header.
 */
bool ss_winreg_covers(const ss_winreg *r, const char *key);
/* The first [key] header of the file (normalised), or NULL. */
const char *ss_winreg_root(const ss_winreg *r);
/* key normalised as in ss_winreg_entry into out (size at least
 * strlen(key) + 1): SS_EINVAL without a known root or with an empty part. */
int ss_winreg_key_normalise(char *out, const char *key);

/* ------------------------------------------------------------- secedit */

/* One "name = value" line of a section, in file order. value is the text
 * after '=' with blanks around it removed and, when it is wholly one
 * "quoted" string, without the quotes. A line without '=' outside the
 * sections below (e.g. [File Security]) is kept with the whole line as
 * name and value NULL. */
typedef struct {
	const char *section; /* as written in its header, without [] */
	const char *name;
	const char *value;
	uint32_t line;
} ss_secedit_entry;

typedef struct ss_secedit ss_secedit;

/*
 * Parse a security template (secedit /export). It must have a [Version]
 * section with signature="$CHICAGO$" or "$Windows NT$". In [System Access],
 * [Event Audit], [Kerberos Policy], [Registry Values], [Privilege Rights],
 * [Version] and [Unicode] every line is "name = value"; a name twice in a
 * section is SS_EPARSE naming both lines. [Registry Values] values are
 * "TYPE,DATA" with TYPE 1-4 or 7 and a MACHINE\ or USER\ path as the name.
 */
int ss_secedit_parse(ss_secedit **out, const void *data, size_t len, const char *label);
void ss_secedit_free(ss_secedit *s);
size_t ss_secedit_count(const ss_secedit *s);
const ss_secedit_entry *ss_secedit_at(const ss_secedit *s, size_t i);
/* The value of name in section (no brackets: "System Access",
 * "MinimumPasswordLength"): 0 with *value (borrowed, never NULL),
 * SS_ENOTFOUND otherwise. */
int ss_secedit_get(const ss_secedit *s, const char *section, const char *name, const char **value);
/* The same, a whole decimal number from INT64_MIN to INT64_MAX; SS_EPARSE
 * when the value is not one. */
int ss_secedit_get_int(const ss_secedit *s, const char *section, const char *name, int64_t *value);
/*
 * A [Registry Values] entry by registry key and value name, as
 * ss_winreg_get names them ("HKLM\System\CurrentControlSet\Control\Lsa",
 * "LmCompatibilityLevel"; MACHINE\ in the file is HKLM, USER\ is HKU):
 * *type the SS_REG_* type, *text rendered as for ss_winreg_entry (type 4 in
 * decimal, 7 joined by SS_WIN_MULTI_SEP; a string without its quotes).
 * *text is valid until ss_secedit_free. SS_ENOTFOUND when absent.
 */
int ss_secedit_regval(const ss_secedit *s, const char *key, const char *name, int *type,
		      const char **text);
/*
 * The accounts of a user right ("SeDenyNetworkLogonRight") in file order:
 * *items a borrowed array of *n strings, a SID without its leading '*'
 * ("S-1-5-32-546"), an account name as written ("Guest"). A right listed
 * with nothing after '=' has n = 0. SS_ENOTFOUND when the right is not in
 * [Privilege Rights] (Windows writes no line for a right nobody holds).
 */
int ss_secedit_privilege(const ss_secedit *s, const char *right, const char *const **items,
			 size_t *n);

/* ------------------------------------------------------------ auditpol */

typedef struct {
	const char *machine;     /* Machine Name */
	const char *target;      /* Policy Target: "System", a user, or "" */
	const char *subcategory; /* "Audit Logon", "Option:CrashOnAuditFail", ... */
	const char *guid;        /* lowercase, without braces; "" when none */
	const char *inclusion;   /* "Success and Failure", ... */
	const char *exclusion;
	const char *value; /* Setting Value as written */
	int setting;       /* 0 none, 1 success, 2 failure, 3 both; -1 not a subcategory */
	uint32_t line;
} ss_auditpol_row;

typedef struct ss_auditpol ss_auditpol;

/*
 * Parse an auditpol /backup CSV (RFC 4180: quoted fields may hold commas,
 * "" and line breaks). The first record must be the header of seven columns
 * named as above (any ASCII case). A row with a GUID must have a Setting
 * Value from 0 to 3. The same GUID twice for the same Policy Target is
 * SS_EPARSE naming both lines.
 */
int ss_auditpol_parse(ss_auditpol **out, const void *data, size_t len, const char *label);
void ss_auditpol_free(ss_auditpol *a);
size_t ss_auditpol_count(const ss_auditpol *a);
const ss_auditpol_row *ss_auditpol_at(const ss_auditpol *a, size_t i);
/*
 * The system-wide (Policy Target "System" or empty) row of a subcategory,
 * named by its GUID (braces and case optional) or by its English name with
 * or without "Audit " ("Credential Validation", "Audit Logon"): English
 * names are resolved to their GUIDs first, so a CSV written by a Windows in
 * another language is found too; a name that is not one of them is compared
 * with the Subcategory column. Also "Option:CrashOnAuditFail" and the like.
 * 0 with *row set, SS_ENOTFOUND otherwise.
 */
int ss_auditpol_get(const ss_auditpol *a, const char *subcategory, const ss_auditpol_row **row);
/* The GUID (lowercase, no braces) of an English subcategory name, or NULL. */
const char *ss_auditpol_guid(const char *name);

/* ---------------------------------------------------- shared internals */

/* The decoded text of a file (see above): UTF-8, NUL-terminated, malloc'ed. */
typedef struct {
	char *text;
	size_t len;
	int utf16; /* 0 UTF-8, 1 UTF-16LE, 2 UTF-16BE */
} ss__wintext;
int ss__win_decode(ss__wintext *out, const void *data, size_t len, const char *label);
/* Characters in line[0, off) plus one: the column of line[off]. */
size_t ss__win_col(const char *line, size_t off);
/* s for an error message: control and bidirectional formatting characters
 * in their visible form (\u{001B}), cut to fit cap bytes (with "..." when
 * cut) on a character boundary. Returns buf. */
#define SS__WIN_VIS 128
const char *ss__win_vis(char *buf, size_t cap, const char *s);
/* Compare without regard to ASCII case. */
int ss__win_casecmp(const char *a, const char *b);
/* A bump allocator for the strings of a parse result. */
typedef struct ss__winblk ss__winblk;
typedef struct {
	ss__winblk *head;
} ss__winarena;
char *ss__win_strndup(ss__winarena *a, const char *s, size_t n);
void ss__win_arena_free(ss__winarena *a);

#endif
