/* UUIDv5 (RFC 9562): SHA-1 of a namespace UUID and a name (util.h). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <nettle/sha1.h>

#include "util/util.h"
#include "util/banned.h"

int ss_uuid5(char out[37], const char *ns, const char *name, size_t len)
{
	uint8_t b[16], d[SHA1_DIGEST_SIZE];
	struct sha1_ctx c;
	size_t i, k = 0;
	char *p = out;

	if (!ns || strlen(ns) != 36)
		return SS_EINVAL;
	for (i = 0; i < 36; i++) {
		int hi, lo;

		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (ns[i] != '-')
				return SS_EINVAL;
			continue;
		}
		if ((hi = ss_hex_digit((unsigned char)ns[i])) < 0 ||
		    (lo = ss_hex_digit((unsigned char)ns[i + 1])) < 0)
			return SS_EINVAL;
		b[k++] = (uint8_t)(hi << 4 | lo);
		i++;
	}
	sha1_init(&c);
	sha1_update(&c, sizeof(b), b);
	sha1_update(&c, len, (const uint8_t *)name);
	sha1_digest(&c, sizeof(d), d);
	d[6] = (uint8_t)((d[6] & 0x0f) | 0x50);
	d[8] = (uint8_t)((d[8] & 0x3f) | 0x80);
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		snprintf(p, 3, "%02x", d[i]);
		p += 2;
	}
	*p = '\0';
	return 0;
}
