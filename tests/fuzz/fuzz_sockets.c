/* Fuzz target: ss_sockets_parse (src/formats/sockets.c), the input read
 * as each of /proc/net/tcp, tcp6, udp and udp6. A refusal is SS_EPARSE or
 * SS_ELIMIT and names the file; every socket's address text reads back
 * (inet_pton) as its bytes, its ports fit 16 bits, and a listening one is
 * found by ss_sockets_find on its port. */
#include <arpa/inet.h>

#include "formats/sockets.h"
#include "fuzz_tree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp",
					    "/proc/net/udp6"};

	for (int p = 0; p < 4; p++) {
		ss_sockets s = SS_SOCKETS_INIT;
		int rc = ss_sockets_parse(&s, (ss_sock_proto)p, names[p], (const char *)data, size);

		if (rc < 0) {
			if (rc != SS_EPARSE && rc != SS_ELIMIT)
				fuzz_tree_fail("fuzz_sockets", "refused with another code",
					       ss_error_last());
			if (strncmp(ss_error_last(), names[p], strlen(names[p])))
				fuzz_tree_fail("fuzz_sockets", "a message without the file",
					       ss_error_last());
			ss_sockets_release(&s);
			continue;
		}
		for (size_t i = 0; i < s.n; i++) {
			const ss_socket *k = &s.s[i];
			unsigned char back[16];

			if (inet_pton(k->v6 ? AF_INET6 : AF_INET, k->local_text, back) != 1 ||
			    memcmp(back, k->local, k->v6 ? 16 : 4))
				fuzz_tree_fail("fuzz_sockets",
					       "an address text that is not its bytes",
					       k->local_text);
			if (k->local_port > 0xffff || k->remote_port > 0xffff || k->state > 0xff ||
			    (int)k->proto != p)
				fuzz_tree_fail("fuzz_sockets", "a field out of range",
					       k->local_text);
			if (ss_socket_listening(k) &&
			    !ss_sockets_find(&s, SS_SOCK_MASK(p), k->local_port,
					     ss_socket_loopback(k) ? false : true))
				fuzz_tree_fail("fuzz_sockets", "a listening socket not found",
					       k->local_text);
		}
		ss_sockets_release(&s);
	}
	return 0;
}
