/* secspec serve: the web application and its JSON API (src/http). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "serve.h"

static void ready(const char *url, void *ctx)
{
	const cli_args *a = ctx;

	if (a->json)
		printf("{\"url\":\"%s\"}\n", url);
	else
		printf(_("secspec serve: listening on %s (Ctrl-C stops)\n"), url);
	fflush(stdout);
}

/* The front end's files: web/ beside the built-in catalog (share/secspec/web
 * when installed, the source tree's web/ in the build tree). */
static const char *web_dir(char *buf, size_t n)
{
	const char *cat = ss_catalog_builtin_dir();
	const char *slash = cat ? strrchr(cat, '/') : NULL;
	struct stat sb;

	if (!slash || (size_t)snprintf(buf, n, "%.*s/web", (int)(slash - cat), cat) >= n ||
	    stat(buf, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return NULL;
	return buf;
}

static int parse_uint(unsigned *out, const char *opt, const char *s, unsigned lo, unsigned hi)
{
	char *end;
	unsigned long v;

	if (!s)
		return 0;
	v = strtoul(s, &end, 10);
	if (!*s || *end || v < lo || v > hi)
		return ss_error_set(SS_EINVAL, _("--%s: a number from %u to %u is expected"), opt,
				    lo, hi);
	*out = (unsigned)v;
	return 0;
}

int cmd_serve(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"listen", 1, "the address to listen on (default 127.0.0.1)",
		 "待ち受けるアドレス (既定は 127.0.0.1)"},
		{"port", 1, "the TCP port (default 8080; 0: any free port)",
		 "TCP ポート (既定は 8080、0 は空いている任意のポート)"},
		{"threads", 1, "worker threads (default 4)", "処理スレッドの数 (既定は 4)"},
		{"origin", 1, "the address browsers use, as scheme://host[:port] (behind a proxy)",
		 "ブラウザーが使うアドレス (scheme://host[:port]、プロキシーの後ろで使う場合)"},
		{"secure", 0, "browsers reach the server over HTTPS (Secure cookies, HSTS)",
		 "ブラウザーは HTTPS で接続する (Secure 属性の Cookie と HSTS)"},
		{"durability", 1,
		 "each (default): every change flushed to disk by itself; group: changes made at "
		 "once share a flush (for slow disks); either way a change is on disk before it is "
		 "acknowledged",
		 "each (既定): 変更ごとにディスクへ書き出す。group: 同時の変更はまとめて書き出す "
		 "(遅いディスク向け)。どちらも応答の前に変更はディスク上にあります"},
		{"web", 1, "the directory of the front end's files",
		 "フロントエンドのファイルのディレクトリ"},
		{"head-key", 1,
		 "the server's private key (secspec key gen) that signs tree heads for sync",
		 "sync 用にツリーヘッドへ署名するサーバーの秘密鍵 (secspec key gen で作成)"},
		CLI_OPT_END};
	http_options o = {0};
	char webbuf[PATH_MAX], *pass = NULL;
	ss_store *st = NULL;
	ss_key *head_key = NULL;
	cli_args a;
	int error;

	if ((error = cli_parse(&a, "serve", argc, argv, spec, 0, 0,
			       "secspec serve [--listen ADDR] [--port N] [--origin URL] "
			       "[--secure] [--head-key FILE]")) < 0)
		return ss_error_exit_status(error);
	o.port = 8080;
	o.each_commit = true;
	if ((error = parse_uint(&o.port, "port", cli_opt_get(&a, "port"), 0, 65535)) < 0 ||
	    (error = parse_uint(&o.threads, "threads", cli_opt_get(&a, "threads"), 1, 64)) < 0)
		return cli_fail(&a, error);
	/* the store must exist and be current before the threads open it */
	if ((error = cli_open(&st, &a, 0)) < 0)
		return cli_fail(&a, error);
	ss_store_free(st);
	/* without a head key the server runs, but signs no heads (sync refused) */
	if (cli_opt_get(&a, "head-key")) {
		error = cli_passphrase(&pass);
		if (error == 0)
			error = ss_key_load_private(&head_key, cli_opt_get(&a, "head-key"), pass);
		ss_account_secret_free(pass);
		if (error < 0)
			return cli_fail(&a, ss_error_prefix(error, "--head-key: "));
	}
	o.head_key = head_key;
	o.db = a.db;
	o.listen = cli_opt_get(&a, "listen");
	o.origin = cli_opt_get(&a, "origin");
	o.secure = cli_flag(&a, "secure");
	if (cli_opt_get(&a, "durability")) {
		const char *d = cli_opt_get(&a, "durability");

		if (strcmp(d, "each") != 0 && strcmp(d, "group") != 0)
			return cli_fail(&a,
					ss_error_set(SS_EINVAL, _("--durability: each or group")));
		o.each_commit = strcmp(d, "each") == 0;
	}
	o.web = cli_opt_get(&a, "web") ? cli_opt_get(&a, "web") : web_dir(webbuf, sizeof(webbuf));
	o.ready = ready;
	o.ready_ctx = &a;
	error = http_serve(&o);
	ss_key_free(head_key);
	if (error < 0)
		return cli_fail(&a, error);
	return 0;
}
