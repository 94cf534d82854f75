/*
 * Audit policy as `auditpol /backup /file:FILE` writes it (winexport.h):
 * CSV (RFC 4180) with the header
 *
 *   Machine Name,Policy Target,Subcategory,Subcategory GUID,
 *   Inclusion Setting,Exclusion Setting,Setting Value
 *
 * then one row per subcategory ("Audit Logon", its GUID, "Success and
 * Failure", "", "3") and rows for the options and global SACLs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/winexport.h"
#include "util/util.h"

#define LABEL(l) ((l) ? (l) : "audit policy backup")
#define NCOL 7
#define GUID_TAIL "-69ae-11d9-bed3-505054503030"

static const char *const columns[NCOL] = {
	"Machine Name",      "Policy Target",     "Subcategory",   "Subcategory GUID",
	"Inclusion Setting", "Exclusion Setting", "Setting Value",
};

/* The advanced audit policy subcategories (English names as auditpol /get
 * shows them; the backup adds "Audit ") and their GUIDs. */
static const struct {
	const char *name;
	const char *guid;
} subcats[] = {
	{"Security State Change", "0cce9210" GUID_TAIL},
	{"Security System Extension", "0cce9211" GUID_TAIL},
	{"System Integrity", "0cce9212" GUID_TAIL},
	{"IPsec Driver", "0cce9213" GUID_TAIL},
	{"Other System Events", "0cce9214" GUID_TAIL},
	{"Logon", "0cce9215" GUID_TAIL},
	{"Logoff", "0cce9216" GUID_TAIL},
	{"Account Lockout", "0cce9217" GUID_TAIL},
	{"IPsec Main Mode", "0cce9218" GUID_TAIL},
	{"IPsec Quick Mode", "0cce9219" GUID_TAIL},
	{"IPsec Extended Mode", "0cce921a" GUID_TAIL},
	{"Special Logon", "0cce921b" GUID_TAIL},
	{"Other Logon/Logoff Events", "0cce921c" GUID_TAIL},
	{"File System", "0cce921d" GUID_TAIL},
	{"Registry", "0cce921e" GUID_TAIL},
	{"Kernel Object", "0cce921f" GUID_TAIL},
	{"SAM", "0cce9220" GUID_TAIL},
	{"Certification Services", "0cce9221" GUID_TAIL},
	{"Application Generated", "0cce9222" GUID_TAIL},
	{"Handle Manipulation", "0cce9223" GUID_TAIL},
	{"File Share", "0cce9224" GUID_TAIL},
	{"Filtering Platform Packet Drop", "0cce9225" GUID_TAIL},
	{"Filtering Platform Connection", "0cce9226" GUID_TAIL},
	{"Other Object Access Events", "0cce9227" GUID_TAIL},
	{"Sensitive Privilege Use", "0cce9228" GUID_TAIL},
	{"Non Sensitive Privilege Use", "0cce9229" GUID_TAIL},
	{"Other Privilege Use Events", "0cce922a" GUID_TAIL},
	{"Process Creation", "0cce922b" GUID_TAIL},
	{"Process Termination", "0cce922c" GUID_TAIL},
	{"DPAPI Activity", "0cce922d" GUID_TAIL},
	{"RPC Events", "0cce922e" GUID_TAIL},
	{"Audit Policy Change", "0cce922f" GUID_TAIL},
	{"Authentication Policy Change", "0cce9230" GUID_TAIL},
	{"Authorization Policy Change", "0cce9231" GUID_TAIL},
	{"MPSSVC Rule-Level Policy Change", "0cce9232" GUID_TAIL},
	{"Filtering Platform Policy Change", "0cce9233" GUID_TAIL},
	{"Other Policy Change Events", "0cce9234" GUID_TAIL},
	{"User Account Management", "0cce9235" GUID_TAIL},
	{"Computer Account Management", "0cce9236" GUID_TAIL},
	{"Security Group Management", "0cce9237" GUID_TAIL},
	{"Distribution Group Management", "0cce9238" GUID_TAIL},
	{"Application Group Management", "0cce9239" GUID_TAIL},
	{"Other Account Management Events", "0cce923a" GUID_TAIL},
	{"Directory Service Access", "0cce923b" GUID_TAIL},
	{"Directory Service Changes", "0cce923c" GUID_TAIL},
	{"Directory Service Replication", "0cce923d" GUID_TAIL},
	{"Detailed Directory Service Replication", "0cce923e" GUID_TAIL},
	{"Credential Validation", "0cce923f" GUID_TAIL},
	{"Kerberos Service Ticket Operations", "0cce9240" GUID_TAIL},
	{"Other Account Logon Events", "0cce9241" GUID_TAIL},
	{"Kerberos Authentication Service", "0cce9242" GUID_TAIL},
	{"Network Policy Server", "0cce9243" GUID_TAIL},
	{"Detailed File Share", "0cce9244" GUID_TAIL},
	{"Removable Storage", "0cce9245" GUID_TAIL},
	{"Central Policy Staging", "0cce9246" GUID_TAIL},
	{"User / Device Claims", "0cce9247" GUID_TAIL},
	{"Plug and Play Events", "0cce9248" GUID_TAIL},
	{"Group Membership", "0cce9249" GUID_TAIL},
	{"Token Right Adjusted Events", "0cce924a" GUID_TAIL},
};
#define GUID_LEN 36

struct ss_auditpol {
	ss__winarena arena;
	ss_auditpol_row *rows;
	size_t n, cap;
};

/* s without a leading "Audit " (any ASCII case). */
static const char *bare(const char *s)
{
	static const char pre[] = "audit ";
	for (size_t i = 0; i < sizeof(pre) - 1; i++) {
		int c = (unsigned char)s[i];
		if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != pre[i])
			return s;
	}
	return s + sizeof(pre) - 1;
}

/* A GUID with or without braces, any case, into out (lowercase, 36 + NUL). */
static bool guid_norm(char out[GUID_LEN + 1], const char *s, size_t n)
{
	if (n == GUID_LEN + 2 && s[0] == '{' && s[n - 1] == '}') {
		s++;
		n -= 2;
	}
	if (n != GUID_LEN)
		return false;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return false;
		} else if (c >= 'A' && c <= 'F') {
			c += 32;
		} else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
			return false;
		}
		out[i] = (char)c;
	}
	out[GUID_LEN] = '\0';
	return true;
}

const char *ss_auditpol_guid(const char *name)
{
	if (!name)
		return NULL;
	/* as written first: "Audit Policy Change" is a name, not "Policy Change" */
	for (size_t i = 0; i < sizeof(subcats) / sizeof(subcats[0]); i++)
		if (!ss__win_casecmp(name, subcats[i].name))
			return subcats[i].guid;
	name = bare(name);
	for (size_t i = 0; i < sizeof(subcats) / sizeof(subcats[0]); i++)
		if (!ss__win_casecmp(name, subcats[i].name))
			return subcats[i].guid;
	return NULL;
}

typedef struct {
	const char *label;
	const char *p, *end;
	size_t line; /* of the character at p */
	ss_buf rec;  /* the fields of a record, each ended by NUL */
	size_t off[NCOL];
	size_t nf;
} reader;

/* One record into r->rec/off/nf; *start its first line. 0 at the end with nf 0. */
static int record(reader *r, size_t *start)
{
	size_t physical = 0;
	const char *linep = r->p;
	int rc;

	ss_buf_clear(&r->rec);
	r->nf = 0;
	*start = r->line;
	if (r->p >= r->end)
		return 0;
	for (;;) {
		bool quoted = false;
		size_t fstart = r->rec.len;
		if (r->nf >= NCOL)
			return ss_error_set(
				SS_EPARSE,
				"%s: line %zu: more than %d fields (expected: %s, ..., %s)",
				LABEL(r->label), *start, NCOL, columns[0], columns[NCOL - 1]);
		r->off[r->nf++] = fstart;
		if (r->p < r->end && *r->p == '"') {
			quoted = true;
			r->p++;
		}
		for (;;) {
			char c;
			if (r->p >= r->end) {
				if (quoted)
					return ss_error_set(
						SS_EPARSE,
						"%s: line %zu: field %zu (%s): a quoted "
						"field is not closed before the end of the "
						"file",
						LABEL(r->label), *start, r->nf, columns[r->nf - 1]);
				goto end_record;
			}
			c = *r->p;
			if (++physical > SS_WIN_LINE_MAX)
				return ss_error_set(SS_ELIMIT,
						    "%s: line %zu: a record longer than %zu bytes",
						    LABEL(r->label), *start, SS_WIN_LINE_MAX);
			if (quoted) {
				if (c == '"') {
					if (r->p + 1 < r->end && r->p[1] == '"') {
						r->p += 2;
						if ((rc = ss_buf_putc(&r->rec, '"')) < 0)
							return rc;
						continue;
					}
					r->p++;
					quoted = false;
					if (r->p < r->end && *r->p != ',' && *r->p != '\n' &&
					    !(*r->p == '\r' && r->p + 1 < r->end &&
					      r->p[1] == '\n'))
						return ss_error_set(
							SS_EPARSE,
							"%s: line %zu, column %zu: field %zu (%s): "
							"text "
							"after the closing quote",
							LABEL(r->label), r->line,
							ss__win_col(linep, (size_t)(r->p - linep)),
							r->nf, columns[r->nf - 1]);
					continue;
				}
				if (c == '\n') {
					r->line++;
					linep = r->p + 1;
				}
				if ((rc = ss_buf_putc(&r->rec, c)) < 0)
					return rc;
				r->p++;
				continue;
			}
			if (c == ',') {
				r->p++;
				break;
			}
			if (c == '\n' || (c == '\r' && r->p + 1 < r->end && r->p[1] == '\n')) {
				r->p += c == '\r' ? 2 : 1;
				r->line++;
				goto end_record;
			}
			if (c == '"')
				return ss_error_set(
					SS_EPARSE,
					"%s: line %zu, column %zu: field %zu (%s): a '\"' "
					"inside a field that is not quoted",
					LABEL(r->label), r->line,
					ss__win_col(linep, (size_t)(r->p - linep)), r->nf,
					columns[r->nf - 1]);
			if ((rc = ss_buf_putc(&r->rec, c)) < 0)
				return rc;
			r->p++;
		}
		if ((rc = ss_buf_putc(&r->rec, '\0')) < 0)
			return rc;
	}
end_record:
	return ss_buf_putc(&r->rec, '\0');
}

static const char *field(const reader *r, size_t i)
{
	return r->rec.ptr + r->off[i];
}

static int cmp_row(const void *x, const void *y)
{
	const ss_auditpol_row *a = *(const ss_auditpol_row *const *)x,
			      *b = *(const ss_auditpol_row *const *)y;
	int c = strcmp(a->guid, b->guid);
	if (!c)
		c = ss__win_casecmp(a->target, b->target);
	if (!c)
		c = a->line < b->line ? -1 : a->line > b->line;
	return c;
}

static int check_dups(ss_auditpol *a, const char *label)
{
	const ss_auditpol_row **v = malloc((a->n ? a->n : 1) * sizeof(*v));
	size_t n = 0, i;
	char vt[SS__WIN_VIS];
	int rc = 0;

	if (!v)
		return ss_error_set(SS_ENOMEM, "%s: indexing", LABEL(label));
	for (i = 0; i < a->n; i++)
		if (a->rows[i].guid[0])
			v[n++] = &a->rows[i];
	qsort(v, n, sizeof(*v), cmp_row);
	for (i = 1; i < n; i++)
		if (!strcmp(v[i]->guid, v[i - 1]->guid) &&
		    !ss__win_casecmp(v[i]->target, v[i - 1]->target)) {
			rc = ss_error_set(
				SS_EPARSE,
				"%s: line %lu: subcategory {%s} for '%s' is already set at "
				"line %lu",
				LABEL(label), (unsigned long)v[i]->line, v[i]->guid,
				ss__win_vis(vt, sizeof(vt), v[i]->target),
				(unsigned long)v[i - 1]->line);
			break;
		}
	free(v);
	return rc;
}

int ss_auditpol_parse(ss_auditpol **out, const void *data, size_t len, const char *label)
{
	ss__wintext t = {0};
	reader r = {0};
	ss_auditpol *a;
	bool header = false;
	size_t start;
	char v[SS__WIN_VIS];
	int rc;

	if ((rc = ss__win_decode(&t, data, len, LABEL(label))) < 0)
		return rc;
	if (!(a = calloc(1, sizeof(*a)))) {
		free(t.text);
		return ss_error_set(SS_ENOMEM, "%s: parsing", LABEL(label));
	}
	r.label = label;
	r.p = t.text;
	r.end = t.text + t.len;
	r.line = 1;
	ss_buf_init(&r.rec, SS_WIN_LINE_MAX + 2 * NCOL);
	for (;;) {
		ss_auditpol_row *row;
		char g[GUID_LEN + 1];
		const char *gf, *val;

		if ((rc = record(&r, &start)) < 0)
			break;
		if (r.nf == 0)
			break;
		if (r.nf == 1 && !field(&r, 0)[0])
			continue; /* an empty line */
		if (r.nf != NCOL) {
			rc = ss_error_set(
				SS_EPARSE, "%s: line %zu: %zu fields, expected %d (%s, ..., %s)",
				LABEL(label), start, r.nf, NCOL, columns[0], columns[NCOL - 1]);
			break;
		}
		if (!header) {
			for (size_t i = 0; i < NCOL; i++)
				if (ss__win_casecmp(field(&r, i), columns[i])) {
					rc = ss_error_set(
						SS_EPARSE,
						"%s: line %zu: column %zu of the header is "
						"'%s', expected '%s': this is not an "
						"auditpol /backup file",
						LABEL(label), start, i + 1,
						ss__win_vis(v, sizeof(v), field(&r, i)),
						columns[i]);
					break;
				}
			if (rc < 0)
				break;
			header = true;
			continue;
		}
		if (a->n >= SS_WIN_ENTRIES_MAX) {
			rc = ss_error_set(SS_ELIMIT, "%s: line %zu: more than %d rows",
					  LABEL(label), start, SS_WIN_ENTRIES_MAX);
			break;
		}
		if (a->n == a->cap) {
			size_t cap = a->cap ? a->cap * 2 : 64;
			ss_auditpol_row *nr = realloc(a->rows, cap * sizeof(*nr));
			if (!nr) {
				rc = ss_error_set(SS_ENOMEM, "%s: line %zu", LABEL(label), start);
				break;
			}
			a->rows = nr;
			a->cap = cap;
		}
		row = &a->rows[a->n];
		row->line = (uint32_t)start;
		row->setting = -1;
		gf = field(&r, 3);
		val = field(&r, 6);
		if (gf[0] && !guid_norm(g, gf, strlen(gf))) {
			rc = ss_error_set(SS_EPARSE,
					  "%s: line %zu: field 4 (Subcategory GUID): '%s' is not a "
					  "GUID ({xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx})",
					  LABEL(label), start, ss__win_vis(v, sizeof(v), gf));
			break;
		}
		if (gf[0]) {
			if (!(val[0] >= '0' && val[0] <= '3' && !val[1])) {
				rc = ss_error_set(
					SS_EPARSE,
					"%s: line %zu: field 7 (Setting Value): '%s' is not "
					"0, 1, 2 or 3",
					LABEL(label), start, ss__win_vis(v, sizeof(v), val));
				break;
			}
			row->setting = val[0] - '0';
		}
		if (!(row->machine =
			      ss__win_strndup(&a->arena, field(&r, 0), strlen(field(&r, 0)))) ||
		    !(row->target =
			      ss__win_strndup(&a->arena, field(&r, 1), strlen(field(&r, 1)))) ||
		    !(row->subcategory =
			      ss__win_strndup(&a->arena, field(&r, 2), strlen(field(&r, 2)))) ||
		    !(row->guid =
			      ss__win_strndup(&a->arena, gf[0] ? g : "", gf[0] ? GUID_LEN : 0)) ||
		    !(row->inclusion =
			      ss__win_strndup(&a->arena, field(&r, 4), strlen(field(&r, 4)))) ||
		    !(row->exclusion =
			      ss__win_strndup(&a->arena, field(&r, 5), strlen(field(&r, 5)))) ||
		    !(row->value = ss__win_strndup(&a->arena, val, strlen(val)))) {
			rc = ss_error_set(SS_ENOMEM, "%s: line %zu", LABEL(label), start);
			break;
		}
		a->n++;
	}
	if (!rc && !header)
		rc = ss_error_set(SS_EPARSE, "%s: the file is empty: no header line (%s, ..., %s)",
				  LABEL(label), columns[0], columns[NCOL - 1]);
	ss_buf_release(&r.rec);
	free(t.text);
	if (!rc)
		rc = check_dups(a, label);
	if (rc < 0) {
		if (rc == SS_ELIMIT && !strstr(ss_error_last(), LABEL(label)))
			ss_error_set(SS_ELIMIT, "%s: line %zu: a field too long", LABEL(label),
				     r.line);
		ss_auditpol_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

void ss_auditpol_free(ss_auditpol *a)
{
	if (!a)
		return;
	ss__win_arena_free(&a->arena);
	free(a->rows);
	free(a);
}

size_t ss_auditpol_count(const ss_auditpol *a)
{
	return a ? a->n : 0;
}

const ss_auditpol_row *ss_auditpol_at(const ss_auditpol *a, size_t i)
{
	return a && i < a->n ? &a->rows[i] : NULL;
}

static bool system_wide(const ss_auditpol_row *row)
{
	return !row->target[0] || !ss__win_casecmp(row->target, "System");
}

int ss_auditpol_get(const ss_auditpol *a, const char *subcategory, const ss_auditpol_row **row)
{
	char g[GUID_LEN + 1];
	const char *known;
	size_t i;

	if (!a || !subcategory)
		return ss_error_set(SS_EINVAL, "ss_auditpol_get: no backup or no subcategory");
	known = ss_auditpol_guid(subcategory);
	if (known || guid_norm(g, subcategory, strlen(subcategory))) {
		if (known)
			memcpy(g, known, GUID_LEN + 1);
		for (i = 0; i < a->n; i++)
			if (!strcmp(a->rows[i].guid, g) && system_wide(&a->rows[i])) {
				*row = &a->rows[i];
				return 0;
			}
		return ss_error_set(SS_ENOTFOUND,
				    "audit policy backup: subcategory %s {%s} is not in the file",
				    subcategory, g);
	}
	for (i = 0; i < a->n; i++)
		if ((!ss__win_casecmp(a->rows[i].subcategory, subcategory) ||
		     !ss__win_casecmp(bare(a->rows[i].subcategory), bare(subcategory))) &&
		    system_wide(&a->rows[i])) {
			*row = &a->rows[i];
			return 0;
		}
	return ss_error_set(SS_ENOTFOUND, "audit policy backup: '%s' is not in the file",
			    subcategory);
}
