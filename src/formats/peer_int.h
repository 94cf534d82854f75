/* Shared by the peer result readers (xccdf_results.c, ckl.c, cklb.c). */
#ifndef SS_FORMATS_PEER_INT_H
#define SS_FORMATS_PEER_INT_H

#include <stdbool.h>

#include "formats/peer.h"

/* A list of texts without repeats is kept as a JSON object used as an
 * ordered set (jansson keeps the order of insertion): a lookup is a hash,
 * not a scan, however long the list. Add s, trimmed of blanks, unless empty
 * or there already: 1 when added, 0 when not, SS_ENOMEM. */
int ss_peer__add_unique(json_t *set, const char *s);
/* The canonical JSON array of a set's texts, in their order; of any other
 * value, its canonical JSON. */
int ss_peer__canon(ss_buf *out, const json_t *v);
/* An IPv4 or IPv6 address; a MAC address (six pairs of hex digits joined by
 * ':' or '-'); a DNS name (labels of letters, digits and '-', at least two). */
bool ss_peer__ip_valid(const char *s);
bool ss_peer__mac_valid(const char *s);
bool ss_peer__fqdn_valid(const char *s);
/* A warning in info.warnings (the text is English and stays so, like the
 * count names: a display may translate the fixed part). */
void ss_peer__warn(json_t *info, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * A checklist's target (CKL ASSET, CKLB target_data): the addresses of ip
 * (separated by commas or blanks), mac and fqdn, each kept in row when
 * valid and else left out with a warning naming where it was (where_ip:
 * "f.ckl:9: HOST_IP", "f.cklb: /target_data/ip_address:"). Then the run is
 * handed to out with stigs and counted in info.
 */
typedef struct {
	const char *ip, *mac, *fqdn;
	char where_ip[320], where_mac[320], where_fqdn[320];
} ss_peer_target;
int ss_peer__checklist_run(ss_peer_sink *out, json_t *info, ss_sink_peer_run *row,
			   const ss_peer_target *t, const json_t *stigs);

#endif
