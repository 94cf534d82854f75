/*
 * What the peer result readers and the CKLB writer share: the one status
 * enumeration and its spellings, the limits, UUIDv5, checks of a target's
 * addresses and names.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/peer_int.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/* oscap's results for an SSG profile are a few MB unpacked (the Debian 12
 * benchmark with its TestResult: 6.7 MB, 591 rules); an ARF adds the OVAL
 * definitions and results, tens of MB for the larger profiles. A STIG
 * Viewer checklist holds one or a few STIGs of up to a thousand rules. */
const ss_import_limits ss_peer_xml_limits = {
	.bytes = (uint64_t)1024 * MiB,
	.string = 4 * MiB,
	.name = 1000,
	.values = 100000000,
	.depth = 128,
	.records = 1000000,
	.record_values = 10000,
};

/* STIG Viewer 3 writes a STIG of 400 rules in about 2 MB. */
const ss_import_limits ss_cklb_limits = {
	.bytes = (uint64_t)256 * MiB,
	.string = 4 * MiB,
	.values = 20000000,
	.depth = 32,
	.records = 1000000,
	.record_bytes = 256 * MiB,
	.record_values = 10000,
};

static const char *const names[SS_PEER_STATUS_COUNT] = {
	"pass",       "fail",        "error",         "unknown", "notapplicable",
	"notchecked", "notselected", "informational", "fixed",
};

const char *ss_peer_status_name(ss_peer_status st)
{
	return (unsigned)st < SS_PEER_STATUS_COUNT ? names[st] : NULL;
}

int ss_peer_status_parse(ss_peer_status *out, const char *name)
{
	for (unsigned i = 0; name && i < SS_PEER_STATUS_COUNT; i++)
		if (strcmp(names[i], name) == 0) {
			*out = (ss_peer_status)i;
			return 0;
		}
	return SS_EINVAL;
}

static const struct {
	const char *ckl, *cklb;
	ss_peer_status st;
} checklist[] = {
	{"NotAFinding", "not_a_finding", SS_PEER_PASS},
	{"Open", "open", SS_PEER_FAIL},
	{"Not_Applicable", "not_applicable", SS_PEER_NOTAPPLICABLE},
	{"Not_Reviewed", "not_reviewed", SS_PEER_NOTCHECKED},
};

int ss_peer_status_ckl(ss_peer_status *out, const char *text)
{
	for (size_t i = 0; text && i < sizeof(checklist) / sizeof(checklist[0]); i++)
		if (strcmp(checklist[i].ckl, text) == 0 || strcmp(checklist[i].cklb, text) == 0) {
			*out = checklist[i].st;
			return 0;
		}
	return SS_EINVAL;
}

const char *ss_peer_status_cklb(ss_peer_status st)
{
	switch (st) {
	case SS_PEER_PASS:
	case SS_PEER_FIXED:
		return "not_a_finding";
	case SS_PEER_FAIL:
		return "open";
	case SS_PEER_NOTAPPLICABLE:
		return "not_applicable";
	default:
		return "not_reviewed";
	}
}

int ss_peer__add_unique(json_t *set, const char *s)
{
	char *key;
	size_t n;
	int rc;

	if (!s)
		return 0;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	if (!n)
		return 0;
	if (!(key = strndup(s, n)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	rc = json_object_get(set, key)                        ? 0
	     : json_object_set_new(set, key, json_true()) < 0 ? -1
							      : 1;
	free(key);
	return rc < 0 ? ss_error_set(SS_ENOMEM, "out of memory") : rc;
}

int ss_peer__canon(ss_buf *out, const json_t *v)
{
	json_t *arr, *e;
	const char *key;
	int error;

	if (!json_is_object(v))
		return ss_json_canonical(out, v);
	if (!(arr = json_array()))
		return ss_error_set(SS_ENOMEM, "out of memory");
	json_object_foreach((json_t *)v, key, e) {
		if (json_array_append_new(arr, json_string(key)) < 0) {
			json_decref(arr);
			return ss_error_set(SS_ENOMEM, "out of memory");
		}
	}
	error = ss_json_canonical(out, arr);
	json_decref(arr);
	return error;
}

bool ss_peer__ip_valid(const char *s)
{
	unsigned char b[16];

	return s && (inet_pton(AF_INET, s, b) == 1 || inet_pton(AF_INET6, s, b) == 1);
}

bool ss_peer__mac_valid(const char *s)
{
	size_t i;

	if (!s || strlen(s) != 17)
		return false;
	for (i = 0; i < 17; i++) {
		if (i % 3 == 2 ? (s[i] != ':' && s[i] != '-') || s[i] != s[2]
			       : ss_hex_digit((unsigned char)s[i]) < 0)
			return false;
	}
	return true;
}

bool ss_peer__fqdn_valid(const char *s)
{
	size_t len = s ? strlen(s) : 0, label = 0, labels = 0;

	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i <= len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.' || c == '\0') {
			if (label == 0 || s[i - 1] == '-')
				return false;
			labels++;
			label = 0;
			continue;
		}
		if (!(isalnum(c) || (c == '-' && label > 0)) || ++label > 63)
			return false;
	}
	return labels >= 2;
}

void ss_peer__warn(json_t *info, const char *fmt, ...)
{
	json_t *w = json_object_get(info, "warnings");
	char msg[SS_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), ss_gettext(fmt), ap);
	va_end(ap);
	if (!w) {
		w = json_array();
		json_object_set_new(info, "warnings", w);
	}
	if (json_array_size(w) < 100)
		json_array_append_new(w, json_string(msg));
}

int ss_peer__checklist_run(ss_peer_sink *out, json_t *info, ss_sink_peer_run *row,
			   const ss_peer_target *t, const json_t *stigs)
{
	json_t *addresses = json_object(), *macs = json_object(), *empty = json_array();
	ss_buf a = SS_BUF_INIT(0), m = SS_BUF_INIT(0), s = SS_BUF_INIT(0), f = SS_BUF_INIT(0);
	int error = 0;

	if (!addresses || !macs || !empty) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if (t->ip && *t->ip) {
		char *copy = strdup(t->ip), *save = NULL, *tok;

		if (!copy) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		for (tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
			if (ss_peer__ip_valid(tok))
				ss_peer__add_unique(addresses, tok);
			else
				ss_peer__warn(info, "%s '%.60s' is not an IP address: left out",
					      t->where_ip, tok);
		free(copy);
	}
	if (t->mac && *t->mac) {
		if (ss_peer__mac_valid(t->mac))
			ss_peer__add_unique(macs, t->mac);
		else
			ss_peer__warn(info, "%s '%.60s' is not a MAC address: left out",
				      t->where_mac, t->mac);
	}
	if (t->fqdn && *t->fqdn) {
		if (ss_peer__fqdn_valid(t->fqdn))
			row->fqdn = t->fqdn;
		else
			ss_peer__warn(info,
				      "%s '%.60s' is not a fully qualified domain name: left out",
				      t->where_fqdn, t->fqdn);
	}
	if (ss_peer__canon(&a, addresses) < 0 || ss_peer__canon(&m, macs) < 0 ||
	    ss_json_canonical(&s, stigs) < 0 || ss_json_canonical(&f, empty) < 0) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	row->addresses = a.ptr;
	row->macs = m.ptr;
	row->stigs = s.ptr;
	row->facts = row->scores = f.ptr;
	if ((error = SS_SINK_PUT(out, run, row)) == 0)
		ss_format_count(info, N_("run"));
out:
	json_decref(addresses);
	json_decref(macs);
	json_decref(empty);
	ss_buf_release(&a);
	ss_buf_release(&m);
	ss_buf_release(&s);
	ss_buf_release(&f);
	return error;
}
