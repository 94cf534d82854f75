/* /proc/net/tcp, tcp6, udp, udp6 (formats/sockets.h).
 *
 * The rules, from proc(5) and the kernel's tcp4_seq_show, tcp6_seq_show
 * and udp4/6 seq_show (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c,
 * net/ipv4/udp.c), in our words:
 * - The first line is a header ("sl local_address ..."); each other line
 *   is "N: LOCAL REMOTE ST TX:RX TR:WHEN RETRNSMT UID TIMEOUT INODE ...",
 *   fields separated by blanks.
 * - An address is ADDR:PORT in hexadecimal. The port is the number
 *   itself. An IPv4 ADDR is the 32-bit word of the address as the CPU
 *   holds it (8 digits): on a little-endian machine (x86-64, arm64)
 *   "0100007F" is 127.0.0.1. An IPv6 ADDR is four such words (32 digits),
 *   each printed the same way: "00000000000000000000000001000000" is ::1.
 *   We read them as a little-endian machine writes them.
 * - ST is the TCP state in hexadecimal: 0A is LISTEN; a UDP socket that
 *   is bound but not connected shows 07 (CLOSE). */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "formats/hostfacts_int.h"
#include "formats/sockets.h"

static const char *const paths[] = {"/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp",
				    "/proc/net/udp6"};

void ss_sockets_release(ss_sockets *s)
{
	free(s->s);
	memset(s, 0, sizeof(*s));
}

/* Exactly n hex digits of s into *out. */
static bool hex(const char *s, size_t n, uint32_t *out)
{
	uint32_t v = 0;

	for (size_t i = 0; i < n; i++) {
		int d = ss_hex_digit(s[i]);

		if (d < 0)
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*out = v;
	return true;
}

/* "ADDR:PORT" (f, n bytes) into the bytes, the text and the port. */
static int address(const char *f, size_t n, bool v6, unsigned char *bytes, char *text,
		   unsigned *port, const char *file, unsigned line, unsigned field)
{
	size_t alen = v6 ? 32 : 8;
	uint32_t p;

	if (n != alen + 5 || f[alen] != ':' || !hex(f + alen + 1, 4, &p))
		goto bad;
	for (size_t w = 0; w < alen / 8; w++) {
		uint32_t v;

		if (!hex(f + w * 8, 8, &v))
			goto bad;
		/* the word as a little-endian CPU stores it */
		bytes[w * 4 + 0] = (unsigned char)(v & 0xff);
		bytes[w * 4 + 1] = (unsigned char)(v >> 8 & 0xff);
		bytes[w * 4 + 2] = (unsigned char)(v >> 16 & 0xff);
		bytes[w * 4 + 3] = (unsigned char)(v >> 24 & 0xff);
	}
	if (!inet_ntop(v6 ? AF_INET6 : AF_INET, bytes, text, 46))
		goto bad;
	*port = p;
	return 0;
bad:
	return ss_error_set(SS_EPARSE,
			    "%s line %u field %u: \"%.60s\" is not an address ADDR:PORT of %zu and "
			    "4 hexadecimal digits",
			    file, line, field, f, alen);
}

static int parse_impl(ss_sockets *s, ss_sock_proto proto, const char *file, const char *text,
		      size_t len)
{
	hf_lines l = {text, len, 0, 0};
	bool v6 = proto == SS_SOCK_TCP6 || proto == SS_SOCK_UDP6, header = true;
	const char *p;
	size_t n;
	int rc;

	if (len > SS_SOCK_FILE_MAX)
		return ss_error_set(SS_ELIMIT, "%s: larger than %zu bytes", file, SS_SOCK_FILE_MAX);
	while ((rc = hf_next(&l, file, SS_SOCK_LINE_MAX, &p, &n)) > 0) {
		const char *f[SS_SOCK_FIELDS_MAX];
		size_t fl[SS_SOCK_FIELDS_MAX], i = 0;
		unsigned nf = 0;
		ss_socket k = {0};
		unsigned long long v;
		uint32_t st;
		char line_copy[SS_SOCK_LINE_MAX + 1];

		for (;;) {
			while (i < n && (p[i] == ' ' || p[i] == '\t'))
				i++;
			if (i == n)
				break;
			if (nf == SS_SOCK_FIELDS_MAX)
				return ss_error_set(SS_ELIMIT, "%s line %u: more than %d fields",
						    file, l.line, SS_SOCK_FIELDS_MAX);
			f[nf] = p + i;
			while (i < n && p[i] != ' ' && p[i] != '\t')
				i++;
			fl[nf] = (size_t)(p + i - f[nf]);
			nf++;
		}
		if (nf == 0)
			continue;
		if (header) {
			header = false;
			if (fl[0] == 2 && !memcmp(f[0], "sl", 2))
				continue;
		}
		if (nf < 10)
			return ss_error_set(SS_EPARSE,
					    "%s line %u: %u fields, expected at least 10 (sl, "
					    "local_address, rem_address, st, ..., inode)",
					    file, l.line, nf);
		if (fl[0] < 2 || f[0][fl[0] - 1] != ':' ||
		    hf_decimal(f[0], fl[0] - 1, ~0ull, &v) < 0)
			return ss_error_set(SS_EPARSE,
					    "%s line %u field 1 (sl): \"%.*s\" is not a number and "
					    "\":\"",
					    file, l.line, (int)(fl[0] > 40 ? 40 : fl[0]), f[0]);
		/* the fields quoted in messages are NUL-terminated in a copy */
		memcpy(line_copy, p, n);
		line_copy[n] = '\0';
		for (unsigned j = 0; j < nf; j++) {
			char *c = line_copy + (f[j] - p);

			c[fl[j]] = '\0';
			f[j] = c;
		}
		if ((rc = address(f[1], fl[1], v6, k.local, k.local_text, &k.local_port, file,
				  l.line, 2)) < 0 ||
		    (rc = address(f[2], fl[2], v6, k.remote, k.remote_text, &k.remote_port, file,
				  l.line, 3)) < 0)
			return rc;
		if (fl[3] != 2 || !hex(f[3], 2, &st))
			return ss_error_set(
				SS_EPARSE,
				"%s line %u field 4 (st): \"%.40s\" is not a state of 2 "
				"hexadecimal digits",
				file, l.line, f[3]);
		if (hf_decimal(f[7], fl[7], 4294967295u, &v) < 0)
			return ss_error_set(SS_EPARSE,
					    "%s line %u field 8 (uid): \"%.40s\" is not a number",
					    file, l.line, f[7]);
		k.uid = (uint32_t)v;
		if (hf_decimal(f[9], fl[9], ~0ull, &v) < 0)
			return ss_error_set(
				SS_EPARSE, "%s line %u field 10 (inode): \"%.40s\" is not a number",
				file, l.line, f[9]);
		k.inode = v;
		k.proto = proto;
		k.v6 = v6;
		k.state = st;
		k.line = l.line;
		if (s->n == SS_SOCK_ENTRIES_MAX)
			return ss_error_set(SS_ELIMIT, "%s line %u: more than %d entries", file,
					    l.line, SS_SOCK_ENTRIES_MAX);
		if ((rc = hf_room((void **)&s->s, &s->cap, s->n, sizeof(*s->s))) < 0)
			return rc;
		s->s[s->n++] = k;
	}
	return rc;
}

int ss_sockets_parse(ss_sockets *s, ss_sock_proto proto, const char *file, const char *text,
		     size_t len)
{
	return ss_tree_error_clean(parse_impl(s, proto, file, text, len));
}

int ss_sockets_load(ss_sockets *s, const ss_tree *t)
{
	int rc = 0;
	unsigned found = 0;

	memset(s, 0, sizeof(*s));
	for (int i = 0; i < 4 && rc == 0; i++) {
		char *buf = NULL;
		size_t len = 0;

		rc = t->read(t->ctx, paths[i], SS_SOCK_FILE_MAX, &buf, &len);
		if (rc == SS_ENOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc < 0)
			break;
		found++;
		rc = parse_impl(s, (ss_sock_proto)i, paths[i], buf, len);
		free(buf);
	}
	if (rc == 0 && !found)
		rc = ss_error_set(SS_ENOTFOUND, "/proc/net/tcp: no such file (not a running host)");
	else if (rc == 0)
		ss_error_clear();
	return ss_tree_error_clean(rc);
}

bool ss_socket_listening(const ss_socket *k)
{
	if (k->proto == SS_SOCK_TCP || k->proto == SS_SOCK_TCP6)
		return k->state == SS_TCP_LISTEN;
	return k->state == SS_TCP_CLOSE;
}

bool ss_socket_loopback(const ss_socket *k)
{
	static const unsigned char one[16] = {[15] = 1};
	static const unsigned char mapped[12] = {[10] = 0xff, [11] = 0xff};

	if (!k->v6)
		return k->local[0] == 127;
	if (!memcmp(k->local, one, 16))
		return true;
	return !memcmp(k->local, mapped, 12) && k->local[12] == 127;
}

const ss_socket *ss_sockets_find(const ss_sockets *s, unsigned protos, unsigned port,
				 bool non_loopback)
{
	for (size_t i = 0; i < s->n; i++) {
		const ss_socket *k = &s->s[i];

		if ((protos & SS_SOCK_MASK(k->proto)) && k->local_port == port &&
		    ss_socket_listening(k) && !(non_loopback && ss_socket_loopback(k)))
			return k;
	}
	return NULL;
}
