/*
 * secspec sync URL PROJECT: keep this database's own verified copy of a
 * project whose log a server holds (docs/server-model.md). The command only
 * talks HTTP (libcurl); what it fetched is checked and stored by the
 * library (ss_sync_apply), which writes nothing unless the whole log
 * verifies and the server's signed head extends the last one kept here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "cli.h"

static const char usage[] = "secspec sync URL PROJECT --login NAME [--report FILE] "
			    "[--server-key FINGERPRINT]\n"
			    "       secspec sync --list PROJECT";

/* secspec sync --list PROJECT: the signed heads this copy was verified
 * against, newest first. */
static int list_checkpoints(cli_args *a)
{
	ss_store *st = NULL;
	json_t *rows = NULL, *r;
	size_t i;
	int error;

	if ((error = cli_open(&st, a, 0)) < 0 ||
	    (error = ss_sync_checkpoints(&rows, st, a->pos[0])) < 0)
		goto out;
	if (a->json) {
		cli_print_json(rows);
	} else {
		json_array_foreach(rows, i, r) {
			cli_out("%lld  %s  %.16s…  %s",
				(long long)json_integer_value(json_object_get(r, "tree_size")),
				json_string_value(json_object_get(r, "time")),
				json_string_value(json_object_get(r, "root")),
				json_string_value(json_object_get(r, "recorded")));
		}
	}
out:
	json_decref(rows);
	ss_store_free(st);
	return error < 0 ? cli_fail(a, error) : 0;
}

/* Longest answer read from the server: a page of events is at most 1000
 * events of at most a few hundred kilobytes each. */
#define SYNC_ANSWER_MAX ((size_t)256 * 1024 * 1024)

typedef struct {
	CURL *curl;
	const char *base; /* the server's URL, without a trailing slash */
	size_t base_len;
	char csrf[128];
} client;

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	ss_buf *b = ctx;

	if (ss_buf_put(b, p, size * n) < 0)
		return 0; /* too large: curl stops with an error */
	return size * n;
}

/* One request: method, path (after the base URL), body (JSON or NULL).
 * *out: the parsed JSON answer of a 2xx status; any other status is an
 * error carrying the server's message. */
static int request(json_t **out, client *c, const char *method, const char *path,
		   const json_t *body)
{
	ss_buf url = SS_BUF_INIT(8192), answer = SS_BUF_INIT(SYNC_ANSWER_MAX);
	struct curl_slist *h = NULL;
	char *text = NULL, hdr[200];
	long status = 0;
	json_t *j = NULL;
	CURLcode rc;
	int error;

	if ((error = ss_buf_printf(&url, "%.*s%s", (int)c->base_len, c->base, path)) < 0)
		goto out;
	/* (the handle's fixed options are set once: see client_setup) */
	curl_easy_setopt(c->curl, CURLOPT_URL, url.ptr);
	curl_easy_setopt(c->curl, CURLOPT_WRITEDATA, &answer);
	curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, NULL); /* the last request's body is gone */
	curl_easy_setopt(c->curl, CURLOPT_HTTPGET, 1L);
	curl_easy_setopt(c->curl, CURLOPT_CUSTOMREQUEST, method);
	h = curl_slist_append(h, "Accept: application/json");
	if (c->csrf[0]) {
		snprintf(hdr, sizeof(hdr), "X-CSRF-Token: %s", c->csrf);
		h = curl_slist_append(h, hdr);
	}
	if (body) {
		if (!(text = json_dumps(body, JSON_COMPACT))) {
			error = ss_error_set(SS_ENOMEM, "out of memory");
			goto out;
		}
		h = curl_slist_append(h, "Content-Type: application/json");
		curl_easy_setopt(c->curl, CURLOPT_POSTFIELDS, text);
	}
	curl_easy_setopt(c->curl, CURLOPT_HTTPHEADER, h);
	if ((rc = curl_easy_perform(c->curl)) != CURLE_OK) {
		error = ss_error_set(rc == CURLE_WRITE_ERROR ? SS_ELIMIT : SS_EIO, "%s %s: %s",
				     method, url.ptr, curl_easy_strerror(rc));
		goto out;
	}
	curl_easy_getinfo(c->curl, CURLINFO_RESPONSE_CODE, &status);
	j = json_loadb(answer.ptr, answer.len, JSON_REJECT_DUPLICATES, NULL);
	if (status < 200 || status > 299) {
		const char *msg = json_string_value(json_object_get(j, "error"));

		error = ss_error_set(status == 401 || status == 403 ? SS_EPERM
				     : status == 404                ? SS_ENOTFOUND
				     : status == 409                ? SS_ECONFLICT
				     : status == 400                ? SS_EINVAL
								    : SS_EIO,
				     "%s %s: the server answered %ld: %s", method, path, status,
				     msg ? msg : "");
		goto out;
	}
	if (!j) {
		error = ss_error_set(SS_EPARSE, "%s %s: the server's answer is not JSON", method,
				     path);
		goto out;
	}
	*out = j;
	j = NULL;
out:
	json_decref(j);
	free(text);
	curl_slist_free_all(h);
	ss_buf_release(&url);
	ss_buf_release(&answer);
	return error;
}

/* The options every request shares; the session cookie stays in memory. */
static void client_setup(client *c)
{
	curl_easy_setopt(c->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c->curl, CURLOPT_COOKIEFILE, "");
	curl_easy_setopt(c->curl, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c->curl, CURLOPT_TIMEOUT, 600L);
	curl_easy_setopt(c->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c->curl, CURLOPT_WRITEFUNCTION, on_data);
}

static int login(client *c, const char *name, const char *password)
{
	json_t *body = json_pack("{s:s, s:s}", "login", name, "password", password), *r = NULL;
	int error;

	if (!body)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if ((error = request(&r, c, "POST", "/api/session", body)) == 0) {
		const char *csrf = json_string_value(json_object_get(r, "csrf"));

		if (!csrf || strlen(csrf) >= sizeof(c->csrf))
			error = ss_error_set(SS_EPARSE,
					     "the server's login answer has no CSRF token");
		else
			snprintf(c->csrf, sizeof(c->csrf), "%s", csrf);
	}
	json_decref(body);
	json_decref(r);
	return error;
}

/* Events after..n into *out, a page at a time. */
static int fetch_events(json_t **out, client *c, const char *pp, int64_t after, int64_t n)
{
	json_t *all = json_array(), *page = NULL;
	char path[512];
	int error = 0;

	if (!all)
		return ss_error_set(SS_ENOMEM, "out of memory");
	while ((int64_t)json_array_size(all) < n - after) {
		const json_t *events, *e;
		int64_t from = after + 1 + (int64_t)json_array_size(all);
		size_t i;

		snprintf(path, sizeof(path), "/api/projects/%s/log/events?from=%lld&limit=%d", pp,
			 (long long)from, SS_LOG_EVENTS_MAX);
		if ((error = request(&page, c, "GET", path, NULL)) < 0)
			break;
		events = json_object_get(page, "events");
		if (json_array_size(events) == 0) {
			/* fewer than the signed head counts: the library says what it proves */
			json_decref(page);
			page = NULL;
			break;
		}
		json_array_foreach(events, i, e) {
			if ((int64_t)json_array_size(all) < n - after)
				json_array_append(all, (json_t *)e);
		}
		json_decref(page);
		page = NULL;
	}
	if (error == 0) {
		*out = all;
		all = NULL;
	}
	json_decref(all);
	return error;
}

/* The time now, YYYY-MM-DDTHH:MM:SSZ (SECSPEC_NOW in tests). */
static void utc_now(char *out, size_t n)
{
	int64_t secs = 0;
	time_t t;
	struct tm tm;

	if (ss_account_now(&secs) < 0)
		secs = (int64_t)time(NULL);
	t = (time_t)secs;
	if (!gmtime_r(&t, &tm) || strftime(out, n, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, n, "1970-01-01T00:00:00Z");
}

/* sync-conflict-PROJECT-YYYYMMDDTHHMMSSZ.json */
static void report_name(char *out, size_t n, const char *project, const char *time)
{
	char t[32];
	size_t i, j = 0;

	for (i = 0; time[i] && j + 1 < sizeof(t); i++)
		if (time[i] != '-' && time[i] != ':')
			t[j++] = time[i];
	t[j] = '\0';
	snprintf(out, n, "sync-conflict-%s-%s.json", project, t);
}

static int write_report(const char *path, json_t *res, const char *url, const char *time)
{
	char *text;
	int error;

	json_object_set_new(res, "server", json_string(url));
	json_object_set_new(res, "time", json_string(time));
	if (!(text = json_dumps(res, JSON_INDENT(2) | JSON_SORT_KEYS)))
		return ss_error_set(SS_ENOMEM, "out of memory");
	error = ss_file_write_atomic(path, text, strlen(text));
	free(text);
	return error;
}

/* The witness: the server records that this copy agrees with its head. */
static int witness(client *c, const char *pp, const json_t *head)
{
	json_t *body = json_pack(
		       "{s:O, s:O, s:O, s:O}", "tree_size", json_object_get(head, "tree_size"),
		       "root", json_object_get(head, "root"), "time", json_object_get(head, "time"),
		       "head_signature", json_object_get(head, "signature")),
	       *r = NULL;
	char path[512];
	int error;

	if (!body)
		return ss_error_set(SS_ENOMEM, "out of memory");
	snprintf(path, sizeof(path), "/api/projects/%s/log/witness", pp);
	error = request(&r, c, "POST", path, body);
	json_decref(body);
	json_decref(r);
	return error;
}

int cmd_sync(int argc, char **argv)
{
	static const cli_optspec spec[] = {
		{"login", 1,
		 "the account to log in to the server with (password: $SECSPEC_PASSWORD_FILE)",
		 "サーバーにログインするアカウント (パスワードは $SECSPEC_PASSWORD_FILE)"},
		{"report", 1,
		 "where to write the evidence when the server contradicts itself (default "
		 "sync-conflict-PROJECT-TIME.json)",
		 "サーバーの矛盾を示す証拠の書き出し先 (既定は "
		 "sync-conflict-PROJECT-TIME.json)"},
		{"server-key", 1,
		 "the fingerprint of the key the server must sign with (default: the one it "
		 "signed with before)",
		 "サーバーが署名に使うべき鍵のフィンガープリント (既定は前回の鍵)"},
		{"list", 0, "list the signed heads this copy was verified against, newest first",
		 "この写しを照合した署名付きヘッドを新しい順に一覧表示する"},
		CLI_OPT_END};
	client c = {NULL, NULL, 0, ""};
	json_t *local = NULL, *head = NULL, *events = NULL, *proof = NULL, *res = NULL;
	const char *url, *project, *file = getenv("SECSPEC_PASSWORD_FILE");
	char *password = NULL, *pp = NULL, path[512], now[32], report[300];
	ss_store *st = NULL;
	ss_sync_input in = {0};
	int64_t have, mine, n;
	cli_args a;
	int error;

	if ((error = cli_parse(&a, "sync", argc, argv, spec, 1, 2, usage)) < 0)
		return ss_error_exit_status(error);
	if (cli_flag(&a, "list")) {
		if (a.npos != 1)
			return cli_usage_fail("sync", _("--list takes the project only"), usage);
		return list_checkpoints(&a);
	}
	if (a.npos != 2)
		return cli_usage_fail("sync", _("the server's URL and the project are required"),
				      usage);
	url = a.pos[0];
	project = a.pos[1];
	if (!cli_opt_get(&a, "login"))
		return cli_usage_fail("sync", _("--login NAME is required"), usage);
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)
		return cli_fail(&a, ss_error_set(SS_EINVAL,
						 "%s: the server's URL starts with http:// or "
						 "https://",
						 url));
	if (!file || !*file)
		return cli_fail(&a,
				ss_error_set(SS_EINVAL,
					     "the password is read from the file "
					     "$SECSPEC_PASSWORD_FILE names (mode 0600); it is not "
					     "set"));
	if ((error = ss_account_password_read(&password, file, "SECSPEC_PASSWORD_FILE")) < 0 ||
	    (error = cli_open(&st, &a, 0)) < 0 || (error = ss_store_check(st)) < 0)
		goto out;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(c.curl = curl_easy_init())) {
		error = ss_error_set(SS_ERROR, "libcurl could not start");
		goto out;
	}
	client_setup(&c);
	c.base = url;
	c.base_len = strlen(url);
	while (c.base_len > 0 && url[c.base_len - 1] == '/')
		c.base_len--;
	if (!(pp = curl_easy_escape(c.curl, project, 0))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	if ((error = ss_sync_local(&local, st, project)) < 0 ||
	    (error = login(&c, cli_opt_get(&a, "login"), password)) < 0)
		goto out;
	snprintf(path, sizeof(path), "/api/projects/%s/log/signed-head", pp);
	if ((error = request(&head, &c, "GET", path, NULL)) < 0)
		goto out;
	n = json_integer_value(json_object_get(head, "tree_size"));
	mine = json_integer_value(json_object_get(local, "tree_size"));
	have = json_integer_value(
		json_object_get(json_object_get(local, "checkpoint"), "tree_size"));
	/* (a head beyond the limit, or behind this copy, is the library's to judge) */
	if (n > mine && n - mine <= SS_SYNC_EVENTS_MAX &&
	    (error = fetch_events(&events, &c, pp, mine, n)) < 0)
		goto out;
	if (have > 0 && n > have) {
		snprintf(path, sizeof(path), "/api/projects/%s/log/consistency?from=%lld&to=%lld",
			 pp, (long long)have, (long long)n);
		if ((error = request(&proof, &c, "GET", path, NULL)) < 0)
			goto out;
	}
	in.head = head;
	in.events = events ? events : json_array();
	in.proof = proof;
	in.server_key = cli_opt_get(&a, "server-key");
	error = ss_sync_apply(&res, st, project, &in);
	if (!events)
		json_decref((json_t *)in.events);
	if (error == SS_ECORRUPT && res) {
		char why[SS_ERROR_MAX];
		int werror;

		snprintf(why, sizeof(why), "%s", ss_error_last());
		utc_now(now, sizeof(now));
		if (cli_opt_get(&a, "report"))
			snprintf(report, sizeof(report), "%s", cli_opt_get(&a, "report"));
		else
			report_name(report, sizeof(report), project, now);
		if ((werror = write_report(report, res, url, now)) < 0)
			error = ss_error_prefix(SS_ECORRUPT,
						"%s; the report could not be written: ", why);
		else
			error = ss_error_set(SS_ECORRUPT,
					     "%s; nothing was stored; the evidence (the signed "
					     "heads and the proof) is in %s",
					     why, report);
		goto out;
	}
	if (error < 0)
		goto out;
	/* the server learns that this party's copy agrees; the copy is good either way */
	if (witness(&c, pp, head) < 0)
		fprintf(stderr,
			_("secspec sync: warning: the server did not record the agreement: %s\n"),
			ss_error_last());
	if (a.json)
		cli_print_json(res);
	else
		cli_out(_("synced %s from %s: %lld new events, %lld in all; root %.16s… signed by "
			  "key %.16s…\n"),
			project, url, (long long)json_integer_value(json_object_get(res, "added")),
			(long long)n, json_string_value(json_object_get(head, "root")),
			json_string_value(json_object_get(head, "key")));
out:
	if (c.csrf[0]) {
		json_t *r = NULL;

		if (request(&r, &c, "DELETE", "/api/session", NULL) == 0)
			json_decref(r);
	}
	if (pp)
		curl_free(pp);
	if (c.curl)
		curl_easy_cleanup(c.curl);
	curl_global_cleanup();
	ss_account_secret_free(password);
	json_decref(local);
	json_decref(head);
	json_decref(events);
	json_decref(proof);
	json_decref(res);
	ss_store_free(st);
	if (error < 0)
		return cli_fail(&a, error);
	return 0;
}
