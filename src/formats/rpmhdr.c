/*
 * RPM package headers (rpm's lib/header.c, "headerImport"): a big-endian
 * index count il and data length dl, il entries of {tag, type, offset,
 * count}, then dl bytes of data. Only the strings and the epoch of one
 * package are read; nothing of the header is trusted: the counts are
 * bounded by rpm's own limits and by the bytes given, every entry's data
 * must lie inside the data, and every string must end inside it.
 */
#include <stdio.h>
#include <string.h>

#include "formats/rpmhdr.h"
#include "util/i18n.h"
#include "util/util.h"
#include "util/banned.h"

/* rpm's header magic, before il in a package file (not in the database) */
static const unsigned char magic[8] = {0x8e, 0xad, 0xe8, 0x01, 0, 0, 0, 0};

enum { RPM_INT32_TYPE = 4, RPM_STRING_TYPE = 6, RPM_I18NSTRING_TYPE = 9 };

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int bad(const char *what, const char *why, uint32_t tag)
{
	if (tag)
		return ss_error_set(SS_EPARSE, "%s: not an RPM header: tag %u %s", what,
				    (unsigned)tag, _(why));
	return ss_error_set(SS_EPARSE, "%s: not an RPM header: %s", what, _(why));
}

int ss_rpmhdr_parse(ss_rpmhdr *out, const void *blob, size_t len, const char *what)
{
	const unsigned char *p = blob, *index, *data;
	ss_rpmhdr r = {0}, *h = &r;
	uint32_t il, dl;

	memset(out, 0, sizeof(*out));
	if (!what)
		what = "header";
	if (!p)
		len = 0;
	if (len >= sizeof(magic) && memcmp(p, magic, sizeof(magic)) == 0) {
		p += sizeof(magic);
		len -= sizeof(magic);
	}
	if (len < 8)
		return bad(what, N_("shorter than its counts"), 0);
	il = be32(p);
	dl = be32(p + 4);
	if (il == 0 || il > SS_RPMHDR_TAGS_MAX)
		return bad(what, N_("index count out of range"), 0);
	if (dl > SS_RPMHDR_DATA_MAX)
		return bad(what, N_("data length out of range"), 0);
	/* both are bounded, so this cannot overflow */
	if ((uint64_t)8 + (uint64_t)il * 16 + dl != len)
		return bad(what, N_("its counts do not add up to its length"), 0);
	index = p + 8;
	data = index + (size_t)il * 16;
	for (uint32_t i = 0; i < il; i++) {
		const unsigned char *e = index + (size_t)i * 16;
		uint32_t tag = be32(e), type = be32(e + 4), off = be32(e + 8), count = be32(e + 12);
		const char **field = NULL;

		switch (tag) {
		case SS_RPMTAG_NAME:
			field = &h->name;
			break;
		case SS_RPMTAG_VERSION:
			field = &h->version;
			break;
		case SS_RPMTAG_RELEASE:
			field = &h->release;
			break;
		case SS_RPMTAG_ARCH:
			field = &h->arch;
			break;
		case SS_RPMTAG_EPOCH:
			if (type != RPM_INT32_TYPE || count != 1)
				return bad(what, N_("is not one 32-bit integer"), tag);
			if (off % 4 || off > dl || dl - off < 4)
				return bad(what, N_("lies outside the data"), tag);
			h->has_epoch = true;
			h->epoch = be32(data + off);
			continue;
		default:
			continue;
		}
		/* a string: one, NUL-terminated inside the data */
		if ((type != RPM_STRING_TYPE && type != RPM_I18NSTRING_TYPE) || count != 1)
			return bad(what, N_("is not one string"), tag);
		if (off >= dl || !memchr(data + off, '\0', dl - off))
			return bad(what, N_("lies outside the data"), tag);
		if (*field)
			return bad(what, N_("is given twice"), tag);
		*field = (const char *)data + off;
	}
	if (!h->name || !h->version || !h->release || !*h->name)
		return bad(what, N_("no name, version or release"), 0);
	if (!h->arch)
		h->arch = "";
	*out = r;
	return 0;
}
