/*
 * The switchover checklist's entries a machine can tell (rules 6;
 * include/secspec/check.h): development accounts gone and no one else able
 * to log in (SWO-DEV-ACCOUNTS), no port left open for testing
 * (SWO-TEST-PORTS). Each reads the host or a mounted root through
 * ss_rootfs, answers pass or fail with what it saw, and is recorded as a
 * verification by test whose evidence is the hash of what was read.
 * docs/acceptance.md ("Switchover checks a machine makes") gives the rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "formats/accounts.h"
#include "formats/sockets.h"
#include "host/rootfs.h"
#include "secspec/check.h"
#include "util/banned.h"

static bool listed(const char *const *list, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

static void problem(json_t *problems, ss__detail *d, const char *text)
{
	json_array_append_new(problems, json_string(text));
	ss__detail_add(d, "%s", text);
}

/* How an account can log in, or NULL: a login shell and a password, an
 * empty one, or an SSH key file in its home (the default
 * AuthorizedKeysFile; sshd takes a key even where the password is "*"). */
static const char *login_how(const ss_accounts *a, const ss_passwd_ent *p, ss_rootfs *fs)
{
	static const char *const keys[] = {".ssh/authorized_keys", ".ssh/authorized_keys2"};
	char path[4200];
	ss_rootfs_st st;

	if (!ss_accounts_login_shell(a, p))
		return NULL;
	switch (ss_accounts_password(a, p, NULL, NULL)) {
	case SS_PW_HASH:
		return "password";
	case SS_PW_EMPTY:
		return "empty password";
	default:
		break;
	}
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (p->home[0] != '/')
			break;
		snprintf(path, sizeof(path), "%s%s%s", p->home,
			 p->home[strlen(p->home) - 1] == '/' ? "" : "/", keys[i]);
		if (ss_rootfs_stat(fs, path, &st) == 0 && st.type == SS_FT_REG && st.size > 0)
			return "ssh key";
	}
	ss_error_clear();
	return NULL;
}

int ss_swo_accounts(json_t **out, const ss_swo_accounts_req *req)
{
	ss_accounts a = SS_ACCOUNTS_INIT;
	json_t *logins = json_array(), *problems = json_array(), *present = json_array();
	ss_acct_issue *issues = NULL;
	ss__detail d = {.used = 0};
	ss_rootfs *fs = NULL;
	char text[600];
	size_t n = 0, i;
	int error;

	if (!out || !req || !req->root) {
		error = ss_error_set(SS_EINVAL, "ss_swo_accounts: a root is required");
		goto out;
	}
	if (!logins || !problems || !present) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss_rootfs_open(&fs, req->root)) < 0 ||
	    (error = ss_accounts_load(&a, ss_rootfs_tree(fs))) < 0 ||
	    (error = ss_accounts_issues(&a, &issues, &n)) < 0)
		goto out;
	for (i = 0; i < req->nremove; i++) {
		const ss_passwd_ent *p = ss_accounts_user(&a, req->remove[i]);

		if (!p)
			continue;
		json_array_append_new(present, json_pack("{s:s, s:I}", "name", p->name, "line",
							 (json_int_t)p->line));
		snprintf(text, sizeof(text),
			 ss_gettext(N_("the development account %s is still in %s (line %u)")),
			 p->name, a.pw_file, p->line);
		problem(problems, &d, text);
	}
	for (i = 0; i < n; i++) {
		if (issues[i].kind != SS_ACCT_UID0_NOT_ROOT &&
		    issues[i].kind != SS_ACCT_EMPTY_PASSWORD)
			continue;
		snprintf(text, sizeof(text),
			 issues[i].kind == SS_ACCT_UID0_NOT_ROOT
				 ? ss_gettext(N_("%s has UID 0 but is not root (%s line %u)"))
				 : ss_gettext(N_("%s has an empty password (%s line %u)")),
			 issues[i].name, issues[i].file, issues[i].line);
		problem(problems, &d, text);
	}
	for (i = 0; i < a.npw; i++) {
		const ss_passwd_ent *p = &a.pw[i];
		const char *how = login_how(&a, p, fs);

		if (!how)
			continue;
		json_array_append_new(logins, json_pack("{s:s, s:I, s:s, s:s, s:b}", "name",
							p->name, "uid", (json_int_t)p->uid, "shell",
							p->shell, "how", how, "allowed",
							listed(req->allow, req->nallow, p->name)));
		ss__detail_add(&d, "login: %s (uid %u, %s, %s)", p->name, (unsigned)p->uid, how,
			       p->shell);
		if (listed(req->allow, req->nallow, p->name))
			continue;
		snprintf(text, sizeof(text),
			 ss_gettext(N_("%s can log in (%s) but is not among the accounts allowed")),
			 p->name, how);
		problem(problems, &d, text);
	}
	*out = json_pack("{s:s, s:o, s:o, s:o, s:s, s:s}", "root", req->root, "accounts", logins,
			 "present", present, "problems", problems, "verdict",
			 json_array_size(problems) ? "fail" : "pass", "detail", d.text);
	logins = problems = present = NULL;
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	free(issues);
	ss_accounts_release(&a);
	ss_rootfs_close(fs);
	json_decref(logins);
	json_decref(problems);
	json_decref(present);
	return error;
}

static const char *proto_name(ss_sock_proto p)
{
	static const char *const names[] = {"tcp", "tcp6", "udp", "udp6"};

	return names[p];
}

/* "22", "22/tcp" or "53/udp": *port and the protocols' mask. */
static int parse_port(const char *spec, unsigned *port, unsigned *mask)
{
	char *end;
	unsigned long v = strtoul(spec, &end, 10);

	if (end == spec || v < 1 || v > 65535 || (spec[0] < '0' || spec[0] > '9'))
		goto bad;
	*port = (unsigned)v;
	if (*end == '\0')
		*mask = SS_SOCK_ANY_TCP | SS_SOCK_ANY_UDP;
	else if (strcmp(end, "/tcp") == 0)
		*mask = SS_SOCK_ANY_TCP;
	else if (strcmp(end, "/udp") == 0)
		*mask = SS_SOCK_ANY_UDP;
	else
		goto bad;
	return 0;
bad:
	return ss_error_set(SS_EINVAL, "--allow '%.40s' is not a port like 443, 443/tcp or 53/udp",
			    spec);
}

int ss_swo_ports(json_t **out, const ss_swo_ports_req *req)
{
	ss_sockets s = SS_SOCKETS_INIT;
	json_t *listening = json_array(), *problems = json_array();
	unsigned *ports = NULL, *masks = NULL;
	ss__detail d = {.used = 0};
	ss_rootfs *fs = NULL;
	char text[300];
	size_t i, j;
	int error = 0;

	if (!out || !req || !req->root) {
		error = ss_error_set(SS_EINVAL, "ss_swo_ports: a root is required");
		goto out;
	}
	ports = calloc(req->nallow + 1, sizeof(*ports));
	masks = calloc(req->nallow + 1, sizeof(*masks));
	if (!listening || !problems || !ports || !masks) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	for (i = 0; i < req->nallow; i++)
		if ((error = parse_port(req->allow[i], &ports[i], &masks[i])) < 0)
			goto out;
	if ((error = ss_rootfs_open(&fs, req->root)) < 0)
		goto out;
	if ((error = ss_sockets_load(&s, ss_rootfs_tree(fs))) == SS_ENOTFOUND) {
		error = ss_error_set(SS_ENOTFOUND,
				     "%.200s has no socket table (proc/net/tcp, tcp6, udp, udp6): "
				     "listening sockets are read on the running host (--root /)",
				     req->root);
		goto out;
	}
	if (error < 0)
		goto out;
	for (i = 0; i < s.n; i++) {
		const ss_socket *k = &s.s[i];
		bool loop = ss_socket_loopback(k), allowed = false;

		if (!ss_socket_listening(k))
			continue;
		for (j = 0; j < req->nallow && !allowed; j++)
			allowed = ports[j] == k->local_port && (masks[j] & SS_SOCK_MASK(k->proto));
		json_array_append_new(
			listening,
			json_pack("{s:s, s:s, s:i, s:I, s:b, s:b}", "proto", proto_name(k->proto),
				  "address", k->local_text, "port", (int)k->local_port, "uid",
				  (json_int_t)k->uid, "loopback", loop, "allowed", allowed));
		ss__detail_add(&d, "listening: %s %s:%u (uid %u)%s", proto_name(k->proto),
			       k->local_text, k->local_port, (unsigned)k->uid,
			       loop ? " loopback" : "");
		if (loop || allowed)
			continue;
		snprintf(text, sizeof(text),
			 ss_gettext(
				 N_("%s port %u listens on %s and is not among the ports allowed")),
			 proto_name(k->proto), k->local_port, k->local_text);
		problem(problems, &d, text);
	}
	*out = json_pack("{s:s, s:o, s:o, s:s, s:s}", "root", req->root, "listening", listening,
			 "problems", problems, "verdict",
			 json_array_size(problems) ? "fail" : "pass", "detail", d.text);
	listening = problems = NULL;
	if (!*out)
		error = ss_error_set(SS_ENOMEM, "out of memory");
out:
	free(ports);
	free(masks);
	ss_sockets_release(&s);
	ss_rootfs_close(fs);
	json_decref(listening);
	json_decref(problems);
	return error;
}

int ss_swo_accounts_record(json_t **out, ss_store *st, const char *project,
			   const ss_swo_accounts_req *req, const char *host, bool supersede,
			   const char *by)
{
	json_t *res = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_swo_accounts_record: NULL argument");
	if ((error = ss_swo_accounts(&res, req)) < 0)
		return error;
	return ss__switchover_test(out, st, project, "SWO-DEV-ACCOUNTS", res, NULL, host, supersede,
				   by);
}

int ss_swo_ports_record(json_t **out, ss_store *st, const char *project,
			const ss_swo_ports_req *req, const char *host, bool supersede,
			const char *by)
{
	json_t *res = NULL;
	int error;

	if (!out || !st)
		return ss_error_set(SS_EINVAL, "ss_swo_ports_record: NULL argument");
	if ((error = ss_swo_ports(&res, req)) < 0)
		return error;
	return ss__switchover_test(out, st, project, "SWO-TEST-PORTS", res, NULL, host, supersede,
				   by);
}
