/*
 * The message catalogs: GNU .mo files (made by msgfmt from po/ja.po at build
 * time) compiled into the library as bytes, looked up by binary search.
 *
 * Why not gettext(3) from the C library: it takes the language from the
 * process's locale, so it needs the ja_JP locale generated on the machine
 * (a C.UTF-8 server would answer in English whatever --lang says), it
 * cannot give two threads of one server two languages without uselocale()
 * and generated locales, and it reads catalogs from a directory at run time.
 * A translated message is a printf format here; a catalog loaded from a
 * writable path would be a format-string injection point. Carried inside
 * the library, the catalog is as trusted as the code, msgfmt --check has
 * compared every translated format with its English one, and the lookup is
 * the same on every machine and in every thread.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/banned.h"

/* po/ja.po compiled (the generated ja_mo.c) */
extern const unsigned char ss__mo_ja[];
extern const size_t ss__mo_ja_len;

enum { LANG_EN, LANG_JA };

static _Thread_local int thread_lang = LANG_EN;

typedef struct {
	const unsigned char *data;
	size_t len;
	uint32_t n;          /* number of strings */
	uint32_t orig, tran; /* offsets of the two descriptor tables */
	int big_endian;
	long count; /* translated messages (the header entry excluded); -1 damaged */
} mo_file;

static mo_file mo_ja;
static pthread_once_t mo_once = PTHREAD_ONCE_INIT;

static uint32_t word(const mo_file *m, size_t off)
{
	const unsigned char *p = m->data + off;

	if (m->big_endian)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

/* String i of the table at off: NULL when it lies outside the file or is
 * not NUL-terminated where its length says. */
static const char *string_at(const mo_file *m, uint32_t table, uint32_t i, uint32_t *len)
{
	size_t d = (size_t)table + (size_t)i * 8;
	uint32_t l, o;

	if (d + 8 > m->len)
		return NULL;
	l = word(m, d);
	o = word(m, d + 4);
	if ((size_t)o > m->len || (size_t)l >= m->len - o || m->data[(size_t)o + l] != '\0')
		return NULL;
	if (len)
		*len = l;
	return (const char *)m->data + o;
}

/* Check the whole file once: the header, every string in bounds, the
 * originals in strictly increasing order (msgfmt sorts them; the binary
 * search depends on it). A damaged catalog translates nothing. */
static void mo_open(mo_file *m, const unsigned char *data, size_t len)
{
	uint32_t i, magic;
	const char *prev = NULL;

	memset(m, 0, sizeof(*m));
	m->count = -1;
	if (len < 28)
		return;
	m->data = data;
	m->len = len;
	magic = word(m, 0);
	if (magic == 0xde120495u)
		m->big_endian = 1;
	else if (magic != 0x950412deu)
		goto damaged;
	if (word(m, 4) >> 16 != 0) /* major revision 0 only */
		goto damaged;
	m->n = word(m, 8);
	m->orig = word(m, 12);
	m->tran = word(m, 16);
	for (i = 0; i < m->n; i++) {
		const char *o = string_at(m, m->orig, i, NULL), *t = string_at(m, m->tran, i, NULL);

		if (!o || !t || (prev && strcmp(prev, o) >= 0))
			goto damaged;
		prev = o;
	}
	/* the first entry is the header (msgid ""), which translates nothing */
	m->count = m->n > 0 && prev && *string_at(m, m->orig, 0, NULL) == '\0' ? m->n - 1 : m->n;
	return;
damaged:
	m->n = 0;
	m->count = -1;
}

static void load(void)
{
	mo_open(&mo_ja, ss__mo_ja, ss__mo_ja_len);
}

/* The translation of msgid (its plural form "many" when plural is set and
 * the entry has one), or NULL. */
static const char *lookup(const mo_file *m, const char *msgid, int plural)
{
	uint32_t lo = 0, hi = m->n;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2, tlen;
		const char *o = string_at(m, m->orig, mid, NULL), *t;
		int c = strcmp(msgid, o);

		if (c < 0) {
			hi = mid;
		} else if (c > 0) {
			lo = mid + 1;
		} else {
			if (!(t = string_at(m, m->tran, mid, &tlen)) || !*t)
				return NULL;
			/* Japanese has one form (nplurals=1): a plural entry's
			 * first translation serves every n */
			(void)plural;
			return t;
		}
	}
	return NULL;
}

const char *ss_gettext(const char *msgid)
{
	const char *t;

	if (!msgid || thread_lang == LANG_EN || !*msgid)
		return msgid;
	pthread_once(&mo_once, load);
	t = lookup(&mo_ja, msgid, 0);
	return t ? t : msgid;
}

const char *ss_ngettext(const char *one, const char *many, unsigned long n)
{
	const char *t;

	if (thread_lang == LANG_JA) {
		pthread_once(&mo_once, load);
		if ((t = lookup(&mo_ja, one, 1)) != NULL)
			return t;
	}
	return n == 1 ? one : many;
}

long ss__i18n_check(const unsigned char *data, size_t len)
{
	mo_file m;
	uint32_t i;

	mo_open(&m, data, len);
	if (m.count < 0)
		return -1;
	for (i = 0; i < m.n; i++) {
		const char *o = string_at(&m, m.orig, i, NULL);

		if (!o || (*o && !lookup(&m, o, 0) && *string_at(&m, m.tran, i, NULL)))
			return -1;
	}
	return m.count;
}

long ss_i18n_count(const char *lang)
{
	if (lang && strcmp(lang, "en") == 0)
		return 0;
	if (!lang || strcmp(lang, "ja") != 0)
		return -1;
	pthread_once(&mo_once, load);
	return mo_ja.count;
}

int ss_messages_lang_set(const char *lang)
{
	if (lang && strcmp(lang, "ja") == 0)
		thread_lang = LANG_JA;
	else if (lang && strcmp(lang, "en") == 0)
		thread_lang = LANG_EN;
	else
		return SS_EINVAL; /* no message: it would be in the language being set */
	return 0;
}

const char *ss_messages_lang(void)
{
	return thread_lang == LANG_JA ? "ja" : "en";
}

const char *ss_messages_lang_env(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);

		if (!v || !*v)
			continue;
		/* LANGUAGE is a list (ja:en); its first entry decides */
		if (strncmp(v, "ja", 2) == 0 && (v[2] == '\0' || strchr("_.@:", v[2])))
			return "ja";
		if (strcmp(v, "C") == 0 || strcmp(v, "POSIX") == 0 || strncmp(v, "C.", 2) == 0)
			return "ja";
		return "en";
	}
	return "ja";
}
