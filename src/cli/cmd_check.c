/* secspec check: the catalog's machine checks against a host; secspec
 * acceptance: what verifies the implemented items and the switchover
 * checklist. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "secspec/check.h"

static const char *verdict_word(const char *v)
{
	return strcmp(v, "pass") == 0   ? _("pass")
	       : strcmp(v, "fail") == 0 ? _("FAIL")
	       : strcmp(v, "na") == 0   ? _("n/a")
	       : strcmp(v, "open") == 0 ? _("open")
					: _("ERROR");
}

static const char *js(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

static long long ji(const json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

int cmd_check(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"root", 1, "a Linux root tree to read (/ for this host); read only",
		 "読み取る Linux のルートツリー (このホストは /)。読み取りのみ"},
		{"windows", 1, "a directory of settings a Windows host exported (reg export *.reg)",
		 "Windows ホストが書き出した設定のディレクトリ (reg export の *.reg)"},
		{"import", 1,
		 "a peer's results instead: OpenSCAP XCCDF/ARF, STIG Viewer CKL or CKLB",
		 "代わりに他のツールの結果を読む: OpenSCAP の XCCDF/ARF、STIG Viewer の CKL または "
		 "CKLB"},
		{"format", 1, "the peer's format: xccdf, ckl or cklb (default: by the file name)",
		 "他のツールの結果の形式: xccdf、ckl、cklb (既定: ファイル名から)"},
		{"cklb", 1, "also write the results as a STIG Viewer checklist (CKLB) to FILE",
		 "結果を STIG Viewer のチェックリスト (CKLB) としても FILE に書く"},
		{"record", 0, "record the results as evidence (rules 6)",
		 "結果を証跡として記録する (規則 6)"},
		{"host", 1, "the host's name as the parties know it (with --record)",
		 "両者が呼ぶホストの名前 (--record とともに)"},
		{"stage", 1, "acceptance (default), switchover or operation (with --record)",
		 "受入 (acceptance、既定)、切替 (switchover)、運用 (operation) (--record "
		 "とともに)"},
		{"note", 1, "a note recorded with the results", "結果とともに記録する注記"},
		{"sshd-t", 0,
		 "with --root /: cross-check the sshd items with what this host's sshd -T prints "
		 "($SECSPEC_SSHD, or /usr/sbin/sshd)",
		 "--root / のとき: sshd の項目を、このホストの sshd -T の出力と照合する "
		 "($SECSPEC_SSHD、なければ /usr/sbin/sshd)"},
		CLI_OPT_BY,
		CLI_OPT_END};
	static const char usage[] = N_(
		"secspec check PROJECT --root DIR | --windows DIR | --import FILE [--format "
		"xccdf|ckl|cklb] [--record --host NAME [--stage acceptance|switchover|operation] "
		"[--note TEXT] --by PERSON] [--cklb FILE] [--sshd-t]");
	ss_check_req req = {0};
	ss_check_record_input rec = {0};
	ss_store *st = NULL;
	json_t *res = NULL, *it, *c;
	bool record;
	cli_args a;
	size_t i;
	int error, status = 0;

	if ((error = cli_parse(&a, "check", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	req.project = a.pos[0];
	req.root = cli_opt_get(&a, "root");
	req.windows = cli_opt_get(&a, "windows");
	req.peer = cli_opt_get(&a, "import");
	req.peer_format = cli_opt_get(&a, "format");
	record = cli_flag(&a, "record");
	if (cli_flag(&a, "sshd-t"))
		req.sshd_t = getenv("SECSPEC_SSHD") && *getenv("SECSPEC_SSHD")
				     ? getenv("SECSPEC_SSHD")
				     : "/usr/sbin/sshd";
	if ((req.root != NULL) + (req.windows != NULL) + (req.peer != NULL) != 1 ||
	    (req.peer_format && !req.peer) ||
	    (!record &&
	     ((cli_opt_get(&a, "host") && !cli_opt_get(&a, "cklb")) || cli_opt_get(&a, "stage") ||
	      cli_opt_get(&a, "note") || cli_opt_get(&a, "by")))) {
		fprintf(stderr, _("usage: %s\n"), _(usage));
		return 64;
	}
	rec.host = cli_opt_get(&a, "host");
	rec.stage = cli_opt_get(&a, "stage");
	rec.note = cli_opt_get(&a, "note");
	if ((error = cli_open(&st, &a, record ? CLI_SIGN : 0)) < 0 ||
	    (error = record ? ss_check_record(&res, st, &req, &rec, cli_opt_get(&a, "by"))
			    : ss_check_run(&res, st, &req)) < 0)
		goto out;
	if (cli_opt_get(&a, "cklb")) {
		ss_buf b = SS_BUF_INIT(0);

		if ((error = ss_check_cklb(&b, st, res, rec.host)) == 0)
			error = cli_output(cli_opt_get(&a, "cklb"), b.ptr, b.len);
		ss_buf_release(&b);
		if (error < 0)
			goto out;
	}
	c = json_object_get(res, "counts");
	if (a.json) {
		cli_print_json(res);
	} else {
		json_array_foreach(json_object_get(res, "items"), i, it) {
			cli_out("%-12s %-5s %s", js(it, "id"), verdict_word(js(it, "verdict")),
				js(it, "seen"));
		}
		if (json_object_get(res, "tool"))
			cli_out(_("%s from %s (%s, %lld rule results): %lld passed, %lld failed, "
				  "%lld "
				  "not applicable, %lld errors; no rule of the file speaks for "
				  "%lld "
				  "implemented items"),
				a.pos[0], js(json_object_get(res, "target"), "path"),
				js(res, "tool"), ji(res, "rules"), ji(c, "pass"), ji(c, "fail"),
				ji(c, "na"), ji(c, "error"), ji(c, "unchecked"));
		else
			cli_out(_("%s against %s: %lld passed, %lld failed, %lld not applicable, "
				  "%lld errors; %lld implemented items have no machine check"),
				a.pos[0], js(json_object_get(res, "target"), "path"), ji(c, "pass"),
				ji(c, "fail"), ji(c, "na"), ji(c, "error"), ji(c, "unchecked"));
		if (record)
			cli_out(_("recorded as event %lld (host %s, %s)"), ji(res, "recorded"),
				js(res, "host"), js(res, "stage"));
	}
	if (ji(c, "fail") > 0 || ji(c, "error") > 0)
		status = ss_error_exit_status(SS_ERULE);
out:
	json_decref(res);
	ss_store_free(st);
	return error < 0 ? cli_fail(&a, error) : status;
}

static const char *title(const cli_args *a, const json_t *e)
{
	return js(e, strcmp(a->lang, "ja") == 0 ? "title_ja" : "title_en");
}

static void print_acceptance(const cli_args *a, const json_t *res)
{
	const json_t *e, *hosts = json_object_get(res, "hosts"), *h, *rec;
	const char *host;
	long long open = 0, bad = 0;
	size_t i;

	json_object_foreach((json_t *)hosts, host, h) {
		const json_t *c = json_object_get(h, "counts");

		cli_out(_("host %s: checked %s by %s (%s, event %lld): %lld passed, %lld failed, "
			  "%lld not applicable, %lld errors"),
			host, js(h, "time"), js(h, "by"), js(h, "stage"), ji(h, "seq"),
			ji(c, "pass"), ji(c, "fail"), ji(c, "na"), ji(c, "error"));
	}
	json_array_foreach(json_object_get(res, "items"), i, e) {
		const char *s = js(e, "status");

		open += strcmp(s, "open") == 0;
		bad += strcmp(s, "fail") == 0 || strcmp(s, "error") == 0;
		if (strcmp(s, "pass") == 0)
			continue;
		cli_out("%-12s %-5s %s%s%s", js(e, "item"), verdict_word(s), title(a, e),
			*js(e, "host") ? " @" : "", js(e, "host"));
	}
	cli_out(_("%zu implemented items: %lld verified, %lld failing, %lld not verified yet"),
		json_array_size(json_object_get(res, "items")),
		(long long)json_array_size(json_object_get(res, "items")) - open - bad, bad, open);
	cli_out(_("switchover checklist (%lld check runs recorded during switchover):"),
		ji(res, "switchover_runs"));
	json_array_foreach(json_object_get(res, "switchover"), i, e) {
		rec = json_object_get(e, "record");
		cli_out("  %-18s %-8s %s", js(e, "entry"), rec ? js(rec, "result") : _("open"),
			title(a, e));
	}
}

/* a switchover check found a problem: exit 4, as a failing host check does */
#define CERTS_FAILED (-1000)

static bool cli_args_have(int argc, char **argv, const char *opt)
{
	int i;

	for (i = 0; i < argc; i++)
		if (strcmp(argv[i], opt) == 0)
			return true;
	return false;
}

/* A switchover check's answer (taken): what was seen, the verdict, the
 * event that records it; CERTS_FAILED when it did not pass. */
static int print_switchover(const cli_args *a, json_t *res, const char *entry, const char *what)
{
	int error = 0;

	if (a->json) {
		cli_print_json(res);
	} else {
		fputs(js(res, "detail"), stdout);
		/* TRANSLATORS: "certificates (SWO-CERTIFICATES): pass" */
		cli_out(_("%s (%s): %s"), what, entry,
			strcmp(js(res, "verdict"), "pass") == 0 ? _("pass") : _("FAIL"));
		if (json_object_get(res, "recorded"))
			cli_out(_("recorded the verification of %s as event %lld"), entry,
				ji(res, "recorded"));
	}
	if (strcmp(js(res, "verdict"), "pass") != 0)
		error = CERTS_FAILED;
	json_decref(res);
	return error;
}

/* The certificates' check (SWO-CERTIFICATES), recorded as a test when asked. */
static int certs(const cli_args *a, ss_store *st)
{
	const cli_opt *c = cli_opt_all(a, "cert"), *n = cli_opt_all(a, "name");
	ss_cert_req req = {0};
	json_t *res = NULL;
	int error;

	req.root = cli_opt_get(a, "root");
	req.certs = c ? c->values : NULL;
	req.ncerts = c ? c->n : 0;
	req.names = n ? n->values : NULL;
	req.nnames = n ? n->n : 0;
	req.days = cli_opt_get(a, "days") ? atoi(cli_opt_get(a, "days")) : 0;
	if (!req.root || !req.ncerts)
		return ss_error_set(SS_EINVAL, "certs needs --root and at least one --cert");
	if ((error = cli_flag(a, "record")
			     ? ss_cert_record(&res, st, a->pos[0], &req, cli_opt_get(a, "host"),
					      cli_flag(a, "supersede"), cli_opt_get(a, "by"))
			     : ss_cert_check(&res, &req)) < 0)
		return error;
	return print_switchover(a, res, "SWO-CERTIFICATES", _("certificates"));
}

/* The development accounts (SWO-DEV-ACCOUNTS) or the listening ports
 * (SWO-TEST-PORTS), recorded as a test when asked. */
static int switchover_check(const cli_args *a, ss_store *st, bool ports)
{
	const cli_opt *allow = cli_opt_all(a, "allow"), *rm = cli_opt_all(a, "remove");
	const char *root = cli_opt_get(a, "root"), *host = cli_opt_get(a, "host"),
		   *by = cli_opt_get(a, "by");
	bool record = cli_flag(a, "record"), supersede = cli_flag(a, "supersede");
	json_t *res = NULL;
	int error;

	if (!root)
		return ss_error_set(SS_EINVAL, "%s needs --root (/ for this host)",
				    ports ? "ports" : "accounts");
	if (ports) {
		ss_swo_ports_req req = {root, allow ? allow->values : NULL, allow ? allow->n : 0};

		error = record ? ss_swo_ports_record(&res, st, a->pos[0], &req, host, supersede, by)
			       : ss_swo_ports(&res, &req);
	} else {
		ss_swo_accounts_req req = {root, rm ? rm->values : NULL, rm ? rm->n : 0,
					   allow ? allow->values : NULL, allow ? allow->n : 0};

		error = record ? ss_swo_accounts_record(&res, st, a->pos[0], &req, host, supersede,
							by)
			       : ss_swo_accounts(&res, &req);
	}
	if (error < 0)
		return error;
	return ports ? print_switchover(a, res, "SWO-TEST-PORTS", _("listening ports"))
		     : print_switchover(a, res, "SWO-DEV-ACCOUNTS", _("development accounts"));
}

int cmd_acceptance(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"method", 1, "attestation, review or test",
		 "証明 (attestation)、レビュー (review)、テスト (test)"},
		{"result", 1, "pass, fail, or na (switchover checklist entries only)",
		 "合格 (pass)、不合格 (fail)、対象外 (na、切替チェックリストのみ)"},
		{"detail", 1, "what was verified, how, and what was seen",
		 "何を、どのように検証し、何を確認したか"},
		{"evidence", 1, "a report or record of the verification, recorded by its hash",
		 "検証の報告書・記録 (ハッシュで記録する)"},
		{"host", 1, "the host verified, if one", "検証したホスト (あれば)"},
		{"supersede", 0, "correct the verification that stands",
		 "現在の検証記録を訂正する"},
		{"root", 1, "certs, accounts, ports: the Linux root to read (/ for this host)",
		 "certs, accounts, ports: 読み取る Linux のルートツリー (このホストは /)"},
		{"remove", 2, "accounts: a development account that must be gone (repeatable)",
		 "accounts: 削除されているべき開発用アカウント (繰り返し可)"},
		{"allow", 2,
		 "accounts: an account that may log in; ports: a port that may listen, as 443, "
		 "443/tcp or 53/udp (repeatable)",
		 "accounts: ログインしてよいアカウント、ports: 待ち受けてよいポート (443、443/tcp、"
		 "53/udp の形、繰り返し可)"},
		{"cert", 2, "certs: a certificate file (PEM or DER) inside the root (repeatable)",
		 "certs: ルート内の証明書ファイル (PEM または DER、繰り返し可)"},
		{"name", 2, "certs: a DNS name the service is reached by (repeatable)",
		 "certs: サービスに到達する DNS 名 (繰り返し可)"},
		{"days", 1, "certs: days of validity left at least (default 30)",
		 "certs: 残りの有効期間の下限 (日数、既定 30)"},
		{"record", 0,
		 "certs, accounts, ports: record the result as the checklist entry "
		 "SWO-CERTIFICATES, SWO-DEV-ACCOUNTS or SWO-TEST-PORTS",
		 "certs, accounts, ports: 結果を切替チェックリストの SWO-CERTIFICATES、"
		 "SWO-DEV-ACCOUNTS、SWO-TEST-PORTS として記録する"},
		CLI_OPT_BY,
		CLI_OPT_END};
	/* TRANSLATORS: keep the syntax lines as they are */
	static const char usage[] = N_(
		"secspec acceptance show PROJECT\n"
		"       secspec acceptance record PROJECT ITEM|SWO-ENTRY --method "
		"attestation|review|test --result pass|fail|na --detail TEXT [--evidence FILE] "
		"[--host NAME] [--supersede] --by PERSON\n"
		"       secspec acceptance certs PROJECT --root DIR --cert PATH... [--name DNS]... "
		"[--days N] [--record [--host NAME] [--supersede] --by PERSON]\n"
		"       secspec acceptance accounts PROJECT --root DIR [--remove NAME]... "
		"[--allow NAME]... [--record [--host NAME] [--supersede] --by PERSON]\n"
		"       secspec acceptance ports PROJECT --root DIR [--allow PORT[/tcp|/udp]]... "
		"[--record [--host NAME] [--supersede] --by PERSON]");
	const char *sub = cli_sub(argc, argv);
	bool checks = strcmp(sub, "certs") == 0 || strcmp(sub, "accounts") == 0 ||
		      strcmp(sub, "ports") == 0;
	bool writes =
		strcmp(sub, "record") == 0 || (checks && cli_args_have(argc, argv, "--record"));
	ss_verify_input in = {0};
	ss_document doc;
	ss_store *st = NULL;
	json_t *res = NULL;
	cli_args a;
	int error;

	if (cli_wants_help(argc, argv))
		cli_help("acceptance", usage, (const cli_optspec *const[]){spec, NULL});
	if ((error = cli_parse_sub(&a, "acceptance", argc, argv, spec, 0, CLI_MAX_POS, usage)) < 0)
		return ss_error_exit_status(error);
	if ((error = cli_open(&st, &a, writes ? CLI_SIGN : 0)) < 0)
		goto out;
	if (strcmp(sub, "show") == 0 && a.npos == 1) {
		if ((error = ss_acceptance_show(&res, st, a.pos[0])) == 0) {
			if (a.json)
				cli_print_json(res);
			else
				print_acceptance(&a, res);
		}
	} else if (strcmp(sub, "certs") == 0 && a.npos == 1) {
		error = certs(&a, st);
	} else if ((strcmp(sub, "accounts") == 0 || strcmp(sub, "ports") == 0) && a.npos == 1) {
		error = switchover_check(&a, st, strcmp(sub, "ports") == 0);
	} else if (strcmp(sub, "record") == 0 && a.npos == 2) {
		in.subject = a.pos[1];
		in.method = cli_opt_get(&a, "method");
		in.result = cli_opt_get(&a, "result");
		in.detail = cli_opt_get(&a, "detail");
		in.host = cli_opt_get(&a, "host");
		in.supersede = cli_flag(&a, "supersede");
		if (cli_opt_get(&a, "evidence")) {
			const char *path = cli_opt_get(&a, "evidence");

			if ((error = cli_input(&path, (uint64_t)SS_DOCUMENT_MAX,
					       N_("the evidence"))) < 0 ||
			    (error = ss_document_read(&doc, path)) < 0)
				goto out;
			in.evidence = &doc;
		}
		if ((error = ss_verify_record(&res, st, a.pos[0], &in, cli_opt_get(&a, "by"))) ==
		    0) {
			if (a.json)
				cli_print_json(res);
			else
				cli_out(_("recorded the verification of %s as event %lld"),
					js(res, "subject"), ji(res, "seq"));
		}
	} else {
		json_decref(res);
		return cli_usage_error(_(usage), st);
	}
out:
	json_decref(res);
	ss_store_free(st);
	if (error == CERTS_FAILED)
		return ss_error_exit_status(SS_ERULE);
	return error < 0 ? cli_fail(&a, error) : 0;
}
