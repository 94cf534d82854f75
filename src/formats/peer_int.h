/* Shared by the peer result readers (xccdf_results.c, ckl.c, cklb.c). */
#ifndef SS_FORMATS_PEER_INT_H
#define SS_FORMATS_PEER_INT_H

#include <stdbool.h>

#include "formats/peer.h"

/* Append s (trimmed of blanks) to the array of text unless empty or there
 * already: 1 when added, 0 when not, SS_ENOMEM. */
int ss_peer__add_unique(json_t *arr, const char *s);
/* An IPv4 or IPv6 address; a MAC address (six pairs of hex digits joined by
 * ':' or '-'); a DNS name (labels of letters, digits and '-', at least two). */
bool ss_peer__ip_valid(const char *s);
bool ss_peer__mac_valid(const char *s);
bool ss_peer__fqdn_valid(const char *s);
/* A warning in info.warnings (the text is English and stays so, like the
 * count names: a display may translate the fixed part). */
void ss_peer__warn(json_t *info, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
