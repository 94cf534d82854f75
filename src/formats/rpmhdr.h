/* An RPM package header, as rpm stores it in its database (the `blob` of
 * the Packages table of /var/lib/rpm/rpmdb.sqlite) or after the 8-byte
 * header magic in a package file: the package's name, epoch, version,
 * release and architecture. Pure: bytes in, fields out. */
#ifndef SS_FORMATS_RPMHDR_H
#define SS_FORMATS_RPMHDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* rpm's own bounds (lib/header.c: HEADER_TAGS_MAX, HEADER_DATA_MAX). */
#define SS_RPMHDR_TAGS_MAX 0xffff
#define SS_RPMHDR_DATA_MAX 0x0fffffff

#define SS_RPMTAG_NAME 1000
#define SS_RPMTAG_VERSION 1001
#define SS_RPMTAG_RELEASE 1002
#define SS_RPMTAG_EPOCH 1003
#define SS_RPMTAG_ARCH 1022

/* The strings point into the bytes parsed (NUL-terminated there), valid as
 * long as they are. arch is "" when the header has none (gpg-pubkey). */
typedef struct {
	const char *name, *version, *release, *arch;
	bool has_epoch;
	uint32_t epoch;
} ss_rpmhdr;

/* Parse one header of len bytes. Every count, offset and string end is
 * checked against the data: 0, or SS_EPARSE with a message naming what
 * ("rpmdb.sqlite Packages row 12"). name, version and release are
 * required; the other tags are not looked at. */
int ss_rpmhdr_parse(ss_rpmhdr *h, const void *blob, size_t len, const char *what);

#endif
