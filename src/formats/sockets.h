/* The kernel's socket tables /proc/net/tcp, tcp6, udp and udp6 (proc(5)):
 * which sockets listen, on which address and port. Pure: bytes in (load
 * reads through an ss_tree, meaningful only over the running host).
 * docs/host-checks-linux.md ("Host facts read") lists the rules. */
#ifndef SS_FORMATS_SOCKETS_H
#define SS_FORMATS_SOCKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "formats/tree.h"

/* Bytes of a table, of a line; sockets; fields of a line. */
#define SS_SOCK_FILE_MAX ((size_t)64 << 20)
#define SS_SOCK_LINE_MAX 4096
#define SS_SOCK_ENTRIES_MAX 500000
#define SS_SOCK_FIELDS_MAX 32

typedef enum { SS_SOCK_TCP, SS_SOCK_TCP6, SS_SOCK_UDP, SS_SOCK_UDP6 } ss_sock_proto;
/* Masks of protocols for ss_sockets_find. */
#define SS_SOCK_MASK(p) (1u << (p))
#define SS_SOCK_ANY_TCP (SS_SOCK_MASK(SS_SOCK_TCP) | SS_SOCK_MASK(SS_SOCK_TCP6))
#define SS_SOCK_ANY_UDP (SS_SOCK_MASK(SS_SOCK_UDP) | SS_SOCK_MASK(SS_SOCK_UDP6))

/* TCP states (include/net/tcp_states.h) that matter here. */
#define SS_TCP_ESTABLISHED 0x01
#define SS_TCP_CLOSE 0x07
#define SS_TCP_LISTEN 0x0A

/* One line: the local and remote address (as text, and the 4 or 16 bytes
 * in network order), the ports, the state, the owner's UID and the inode. */
typedef struct {
	ss_sock_proto proto;
	bool v6;
	unsigned char local[16], remote[16];
	char local_text[46], remote_text[46];
	unsigned local_port, remote_port;
	unsigned state;
	uint32_t uid;
	unsigned long long inode;
	unsigned line;
} ss_socket;

typedef struct {
	ss_socket *s;
	size_t n, cap;
} ss_sockets;

#define SS_SOCKETS_INIT                                                                            \
	{                                                                                          \
		0                                                                                  \
	}

/* Parse one table's text named file (proto: which table it is); the
 * header line is skipped. Errors (SS_EPARSE, SS_ELIMIT) name the file,
 * line and field. Release s in every case. */
int ss_sockets_parse(ss_sockets *s, ss_sock_proto proto, const char *file, const char *text,
		     size_t len);
/* /proc/net/tcp, tcp6, udp and udp6 of t; a table that is absent (a
 * kernel without IPv6) is skipped, SS_ENOTFOUND when all are. */
int ss_sockets_load(ss_sockets *s, const ss_tree *t);
void ss_sockets_release(ss_sockets *s);

/* Listening: TCP in state LISTEN (0A); UDP not connected (state 07, a
 * bound socket receiving from anyone). */
bool ss_socket_listening(const ss_socket *k);
/* The local address is a loopback one: 127.0.0.0/8, ::1, ::ffff:127.x.y.z.
 * The wildcards 0.0.0.0 and :: are not: they listen on every address. */
bool ss_socket_loopback(const ss_socket *k);
/* The first listening socket of a protocol in protos (SS_SOCK_MASK...) on
 * port, on a non-loopback address when non_loopback; NULL when none. */
const ss_socket *ss_sockets_find(const ss_sockets *s, unsigned protos, unsigned port,
				 bool non_loopback);

#endif
