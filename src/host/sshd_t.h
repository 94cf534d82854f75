/* What the running host's sshd makes of its configuration: `sshd -T -C
 * CONNECTION`, the cross-check of a live host's sshd items (never of a
 * root tree: its sshd binary and libraries are not this host's). */
#ifndef SS_HOST_SSHD_T_H
#define SS_HOST_SSHD_T_H

#include <stddef.h>

/* Bytes of output kept; seconds allowed by default. */
#define SS_SSHD_T_OUT_MAX ((size_t)1 << 20)
#define SS_SSHD_T_SECONDS 10
/* The connection sshd evaluates Match blocks for: root from this host. */
#define SS_SSHD_T_CONNECTION "user=root,host=localhost,addr=127.0.0.1,laddr=127.0.0.1,lport=22"

/* Run sshd (an absolute path) as `sshd -T -C SS_SSHD_T_CONNECTION`, with
 * no shell, stdin from /dev/null, a clean environment, and read what it
 * prints: *out NUL-terminated (free() it). SS_EIO when it cannot start,
 * exits non-zero (the first line it wrote to stderr in the message), is
 * killed after seconds or writes more than SS_SSHD_T_OUT_MAX. */
int ss_sshd_t_run(char **out, const char *sshd, int seconds);

/* The value sshd -T printed for keyword (any case), as "keyword value" in
 * *line (n bytes); 0 when printed, SS_ENOTFOUND when not. */
int ss_sshd_t_line(const char *out, const char *keyword, char *line, size_t n);

#endif
