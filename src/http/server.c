/*
 * secspec serve: libmicrohttpd underneath, the route table on top.
 *
 * Every request goes the same way (dispatch): find the route, set the
 * security headers, read the session cookie, check the origin and the CSRF
 * token of a change, check that the caller is a member of the project the
 * path names (else the same 404 as for a project that does not exist), check
 * the body and the query against the route's fields, then call the handler.
 * A handler never sees a request the table would refuse.
 *
 * Threads: a fixed pool (MHD_OPTION_THREAD_POOL_SIZE), each with its own
 * store connection (the store is not thread-safe), opened on first use and
 * closed when the thread ends.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "durable.h"
#include "events.h"
#include "http.h"

/* What a request keeps between the calls of the access handler. */
typedef struct {
	ss_buf body;
	size_t limit;  /* the longest body: HTTP_BODY_MAX, or HTTP_RAW_MAX for HTTP_RAW */
	bool started;  /* the first call (the headers are in) has been made */
	bool too_big;  /* the body went past limit */
	bool answered; /* an answer was queued before the body was read */
	bool nul;      /* the address holds an encoded NUL byte */
	bool slot;     /* holds one of the HTTP_RAW_SLOTS */
} conn_state;

/* The raw bodies held in memory now (at most HTTP_RAW_SLOTS). */
static unsigned g_raw_used;
static pthread_mutex_t g_raw_lock = PTHREAD_MUTEX_INITIALIZER;

static bool raw_slot_take(void)
{
	bool yes;

	pthread_mutex_lock(&g_raw_lock);
	yes = g_raw_used < HTTP_RAW_SLOTS;
	if (yes)
		g_raw_used++;
	pthread_mutex_unlock(&g_raw_lock);
	return yes;
}

static void raw_slot_give(void)
{
	pthread_mutex_lock(&g_raw_lock);
	if (g_raw_used)
		g_raw_used--;
	pthread_mutex_unlock(&g_raw_lock);
}

static const http_options *g_opt;
static pthread_key_t g_store_key;
static pthread_once_t g_store_once = PTHREAD_ONCE_INIT;

static void store_close(void *p)
{
	ss_store_free(p);
}

static void store_key_make(void)
{
	(void)pthread_key_create(&g_store_key, store_close);
}

/* This thread's store connection. */
static int thread_store(ss_store **out)
{
	ss_store *st;
	int error;

	pthread_once(&g_store_once, store_key_make);
	st = pthread_getspecific(g_store_key);
	if (!st) {
		if ((error = ss_store_open(&st, g_opt->db, 0)) < 0)
			return error;
		if ((error = ss_store_check(st)) < 0 ||
		    (error = ss_store_set_durability(st, g_opt->each_commit)) < 0) {
			ss_store_free(st);
			return error;
		}
		pthread_setspecific(g_store_key, st);
	}
	*out = st;
	return 0;
}

/* ---- routing ---- */

/* Match path against pattern; the {…} segments go to params. */
static bool route_match(const char *pattern, const char *path, const char **params, size_t *nparams,
			char *scratch, size_t scratch_len)
{
	const char *p = pattern, *q = path;
	size_t used = 0, n = 0;

	while (*p && *q) {
		if (*p == '{') {
			const char *pe = strchr(p, '}');
			size_t len = strcspn(q, "/");

			if (!pe || len == 0 || n >= HTTP_MAX_PARAMS || used + len + 1 > scratch_len)
				return false;
			memcpy(scratch + used, q, len);
			scratch[used + len] = '\0';
			params[n++] = scratch + used;
			used += len + 1;
			p = pe + 1;
			q += len;
			continue;
		}
		if (*p != *q)
			return false;
		p++;
		q++;
	}
	if (*p || *q)
		return false;
	*nparams = n;
	return true;
}

/* The query string: only the route's fields (and lang), each once. */
typedef struct {
	json_t *obj;
	const http_field *fields;
	int error;
} query_walk;

static enum MHD_Result query_one(void *cls, enum MHD_ValueKind kind, const char *key,
				 const char *value)
{
	query_walk *w = cls;
	const http_field *f;
	json_t *v;

	(void)kind;
	if (w->error < 0)
		return MHD_NO;
	if (strcmp(key, "lang") == 0)
		return MHD_YES;
	for (f = w->fields; f && f->name; f++)
		if (strcmp(f->name, key) == 0)
			break;
	if (!f || !f->name) {
		w->error = ss_error_set(SS_EINVAL, _("query: unknown parameter '%.64s'"), key);
		return MHD_NO;
	}
	if (json_object_get(w->obj, key)) {
		w->error = ss_error_set(SS_EINVAL, _("query: parameter '%.64s' given twice"), key);
		return MHD_NO;
	}
	value = value ? value : "";
	if (f->type == HF_INT) {
		char *end;
		long long n;

		errno = 0;
		n = strtoll(value, &end, 10);
		if (!*value || *end || errno) {
			w->error = ss_error_set(
				SS_EINVAL, _("query: parameter '%s' must be an integer"), f->name);
			return MHD_NO;
		}
		v = json_integer(n);
	} else if (f->type == HF_BOOL) {
		if (strcmp(value, "true") != 0 && strcmp(value, "false") != 0) {
			w->error = ss_error_set(SS_EINVAL,
						_("query: parameter '%s' must be true or false"),
						f->name);
			return MHD_NO;
		}
		v = json_boolean(strcmp(value, "true") == 0);
	} else {
		v = json_string(value);
		if (!v) {
			w->error = ss_error_set(
				SS_EINVAL, _("query: parameter '%s' is not valid UTF-8"), f->name);
			return MHD_NO;
		}
	}
	json_object_set_new(w->obj, key, v);
	return MHD_YES;
}

/* ---- security headers ---- */

static void security_headers(struct MHD_Response *r, const http_resp *rs)
{
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'none'; script-src 'self'; style-src 'self'; "
				"img-src 'self' data:; connect-src 'self'; form-action 'self'; "
				"frame-ancestors 'none'; base-uri 'none'");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	/* the old XSS filter off, as OWASP advises: the CSP does its work */
	MHD_add_response_header(r, "X-XSS-Protection", "0");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(r, "Cross-Origin-Resource-Policy", "same-origin");
	MHD_add_response_header(r, "Permissions-Policy",
				"camera=(), microphone=(), geolocation=(), payment=()");
	if (g_opt->secure)
		MHD_add_response_header(r, "Strict-Transport-Security",
					"max-age=31536000; includeSubDomains");
	if (!rs->file)
		MHD_add_response_header(r, "Cache-Control", "no-store");
}

static enum MHD_Result send_resp(struct MHD_Connection *c, http_resp *rs)
{
	struct MHD_Response *r = NULL;
	enum MHD_Result ret;
	size_t i;

	if (rs->file) {
		int fd = open(rs->file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		struct stat sb;

		if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
			r = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
			if (!r)
				close(fd);
		} else if (fd >= 0) {
			close(fd);
		}
		if (rs->unlink)
			unlink(rs->file);
		if (!r) {
			free(rs->file);
			rs->file = NULL;
			rs->nheaders = 0;
			http_fail(rs, 500, "%s", _("internal error"));
		}
	}
	if (!r && rs->stream)
		r = rs->stream;
	if (!r)
		r = MHD_create_response_from_buffer(rs->body.len, rs->body.ptr,
						    MHD_RESPMEM_MUST_COPY);
	if (!r)
		return MHD_NO;
	security_headers(r, rs);
	MHD_add_response_header(r, "Content-Type", rs->ctype ? rs->ctype : "application/json");
	for (i = 0; i < rs->nheaders; i++)
		MHD_add_response_header(r, rs->hname[i], rs->hvalue[i]);
	ret = MHD_queue_response(c, (unsigned)rs->status, r);
	/* a cacheable answer: the cache keeps the reference this function made */
	if (ret == MHD_YES && rs->status == 200 && rs->cache_key[0] && !rs->file &&
	    http_cache_put(rs->cache_key, rs->head, r, rs->body.len))
		return ret;
	MHD_destroy_response(r);
	return ret;
}

static void resp_release(http_resp *rs)
{
	size_t i;

	for (i = 0; i < rs->nheaders; i++)
		free(rs->hvalue[i]);
	free(rs->file);
	ss_buf_release(&rs->body);
}

/* ---- the language of an answer ---- */

static const char *request_lang(struct MHD_Connection *c)
{
	const char *q = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
	const char *k = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "secspec_lang");
	const char *a = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language");

	if (q && (strcmp(q, "ja") == 0 || strcmp(q, "en") == 0))
		return strcmp(q, "ja") == 0 ? "ja" : "en";
	if (k && (strcmp(k, "ja") == 0 || strcmp(k, "en") == 0))
		return strcmp(k, "ja") == 0 ? "ja" : "en";
	/* the first language the browser names; Japanese unless it is English */
	if (a && strncasecmp(a, "en", 2) == 0)
		return "en";
	return "ja";
}

/* ---- the origin of a change ---- */

static bool same_origin(struct MHD_Connection *c)
{
	const char *o = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
	const char *ref = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Referer");
	size_t n = strlen(g_opt->origin);

	if (o)
		return strcmp(o, g_opt->origin) == 0;
	if (ref)
		return strncmp(ref, g_opt->origin, n) == 0 && (ref[n] == '/' || !ref[n]);
	/* no browser sent this (browsers send Origin on every POST): the CSRF
	 * token, which only the page has, is the check */
	return true;
}

static bool changes_state(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

/* ---- login throttling per client address ----
 *
 * The library locks an account after failed logins (secspec/account.h);
 * this slows one address that sprays passwords over many names: after
 * THROTTLE_FAILS failures within THROTTLE_WINDOW seconds, its logins are
 * refused (429) until the window has passed. The table is bounded: when
 * full, the entry seen longest ago is reused. */
#define THROTTLE_SLOTS 4096
#define THROTTLE_FAILS 20
#define THROTTLE_WINDOW 900

static struct {
	char addr[INET6_ADDRSTRLEN];
	int64_t first;
	unsigned fails;
} g_throttle[THROTTLE_SLOTS];
static pthread_mutex_t g_throttle_lock = PTHREAD_MUTEX_INITIALIZER;

static void client_addr(const http_req *rq, char out[INET6_ADDRSTRLEN])
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(rq->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	strcpy(out, "?");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
			  INET6_ADDRSTRLEN);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
			  INET6_ADDRSTRLEN);
}

static size_t throttle_slot(const char *addr, int64_t now)
{
	size_t i, oldest = 0;

	for (i = 0; i < THROTTLE_SLOTS; i++) {
		if (strcmp(g_throttle[i].addr, addr) == 0) {
			if (now - g_throttle[i].first > THROTTLE_WINDOW) {
				g_throttle[i].first = now;
				g_throttle[i].fails = 0;
			}
			return i;
		}
		if (g_throttle[i].first < g_throttle[oldest].first)
			oldest = i;
	}
	snprintf(g_throttle[oldest].addr, sizeof(g_throttle[oldest].addr), "%s", addr);
	g_throttle[oldest].first = now;
	g_throttle[oldest].fails = 0;
	return oldest;
}

bool http_login_throttled(const http_req *rq)
{
	char addr[INET6_ADDRSTRLEN];
	bool yes;

	client_addr(rq, addr);
	pthread_mutex_lock(&g_throttle_lock);
	yes = g_throttle[throttle_slot(addr, rq->now)].fails >= THROTTLE_FAILS;
	pthread_mutex_unlock(&g_throttle_lock);
	return yes;
}

void http_login_failed(const http_req *rq)
{
	char addr[INET6_ADDRSTRLEN];

	client_addr(rq, addr);
	pthread_mutex_lock(&g_throttle_lock);
	g_throttle[throttle_slot(addr, rq->now)].fails++;
	pthread_mutex_unlock(&g_throttle_lock);
}

/* ---- dispatch ---- */

/* The route of rq, or SS_ENOTFOUND; allow gets the methods the path has
 * ("GET, HEAD, POST"), empty when no route has the path. */
static int find_route(http_req *rq, char *scratch, size_t scratch_len, char *allow,
		      size_t allow_len)
{
	size_t i, used = 0;

	allow[0] = '\0';
	for (i = 0; i < http_nroutes; i++) {
		const http_route *r = &http_routes[i];
		const char *params[HTTP_MAX_PARAMS];
		size_t n = 0;

		if (!route_match(r->pattern, rq->path, params, &n, scratch, scratch_len))
			continue;
		if (strcmp(r->method, rq->method) != 0 &&
		    !(strcmp(rq->method, "HEAD") == 0 && strcmp(r->method, "GET") == 0)) {
			if (!strstr(allow, r->method))
				used += (size_t)snprintf(
					allow + used, allow_len - used, "%s%s%s", used ? ", " : "",
					r->method, strcmp(r->method, "GET") == 0 ? ", HEAD" : "");
			if (used >= allow_len)
				used = allow_len - 1;
			continue;
		}
		rq->route = r;
		memcpy(rq->params, params, sizeof(params));
		rq->nparams = n;
		return 0;
	}
	return SS_ENOTFOUND;
}

/* The caller's membership of the project params[0], or the 404 of a
 * project that does not exist. */
static int project_member(http_req *rq, http_resp *rs)
{
	json_t *members = NULL;
	const char *login = http_login(rq);
	int error;

	if ((error = http_cache_head(rs->head, rq)) < 0) {
		if (error == SS_ENOTFOUND || error == SS_EINVAL)
			return http_not_found(rs), 1;
		return http_error(rs, error), 1;
	}
	if (login && (rq->member = http_cache_member(rq->params[0], login, rs->head)))
		return 0;
	if ((error = ss_member_list(&members, rq->st, rq->params[0])) < 0) {
		if (error == SS_ENOTFOUND || error == SS_EINVAL)
			return http_not_found(rs), 1;
		return http_error(rs, error), 1;
	}
	rq->member = json_incref(http_active_member(members, login));
	json_decref(members);
	if (!rq->member)
		return http_not_found(rs), 1;
	{
		bool discloses = false;

		if ((error = ss_project_discloses(&discloses, rq->st, rq->params[0], login)) < 0)
			return http_error(rs, error), 1;
		json_object_set_new(rq->member, "discloses", json_boolean(discloses));
	}
	http_cache_member_put(rq->params[0], login, rs->head, rq->member);
	return 0;
}

static const char *nda_withheld(void)
{
	return _("withheld: these details reach the vendor side only under an NDA in force (the "
		 "user lead records it)");
}

/* The session, the origin and the CSRF token of rq (its route found): 0,
 * or 1 with the refusal in rs. */
static int session_checks(http_req *rq, http_resp *rs, struct MHD_Connection *c)
{
	const http_route *r = rq->route;
	int error;

	if ((error = thread_store(&rq->st)) < 0)
		return http_error(rs, error), 1;
	if ((error = ss_account_now(&rq->now)) < 0)
		return http_error(rs, error), 1;
	rq->token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "secspec_session");
	json_decref(rq->account);
	rq->account = NULL;
	if (rq->token && ss_session_check(&rq->account, rq->st, rq->token, rq->now) < 0)
		rq->account = NULL;
	if (!(r->flags & HTTP_PUBLIC) && !rq->account) {
		if (r->flags & HTTP_HTML) {
			rs->status = 303;
			http_header(rs, "Location", "/login");
			return 1;
		}
		return http_fail(rs, 401, "%s", _("log in first")), 1;
	}
	if (changes_state(rq->method)) {
		if (!same_origin(c))
			return http_fail(rs, 403, "%s", _("the request comes from another site")),
			       1;
		if (!(r->flags & HTTP_NOCSRF)) {
			const char *csrf =
				MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");

			if (!csrf || !rq->token ||
			    ss_session_csrf_check(rq->st, rq->token, csrf, rq->now) < 0)
				return http_fail(rs, 403, "%s",
						 _("the CSRF token is missing or wrong: reload the "
						   "page")),
				       1;
		}
	}
	return 0;
}

static void dispatch(http_req *rq, http_resp *rs, struct MHD_Connection *c, const conn_state *cs)
{
	const http_route *r;
	const char *ctype;
	char scratch[1024], allow[64];
	int error;

	/* libmicrohttpd decodes %00 into a NUL that would cut the path or a
	 * query value short ("demo%00x" read as "demo"): refused */
	if (cs->nul) {
		http_fail(rs, 400, "%s", _("the address contains an encoded NUL byte"));
		return;
	}
	if (find_route(rq, scratch, sizeof(scratch), allow, sizeof(allow)) < 0) {
		if (allow[0]) {
			http_header(rs, "Allow", "%s", allow);
			http_fail(rs, 405, _("method %s is not allowed here"), rq->method);
			return;
		}
		if (strncmp(rq->path, "/static/", 8) == 0 && strcmp(rq->method, "GET") == 0) {
			http_static(rq, rs);
			return;
		}
		http_not_found(rs);
		return;
	}
	r = rq->route;
	if (session_checks(rq, rs, c))
		return;
	if ((r->flags & HTTP_ADMIN) && !json_is_true(json_object_get(rq->account, "admin"))) {
		http_fail(rs, 403, "%s", _("only an administrator may do this"));
		return;
	}
	if ((r->flags & HTTP_PROJECT) && project_member(rq, rs))
		return;
	if ((r->flags & HTTP_NDA) && !json_is_true(json_object_get(rq->member, "discloses"))) {
		http_fail(rs, 403, "%s", nda_withheld());
		return;
	}
	/* the query, then the body */
	{
		query_walk w = {json_object(), r->query, 0};

		rq->query = w.obj;
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, query_one, &w);
		if (w.error < 0) {
			http_error(rs, w.error);
			return;
		}
		if (r->query && (error = http_fields_check(rq->query, r->query, "query")) < 0) {
			http_error(rs, error);
			return;
		}
	}
	if (r->flags & HTTP_RAW) {
		ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
		if (!ctype || strncasecmp(ctype, "application/octet-stream", 24) != 0 ||
		    (ctype[24] && ctype[24] != ';')) {
			http_fail(rs, 415, "%s", _("the body must be application/octet-stream"));
			return;
		}
		rq->raw = cs->body.len ? cs->body.ptr : "";
		rq->raw_len = cs->body.len;
	} else if (r->body) {
		json_error_t je;

		ctype = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type");
		if (!ctype || strncasecmp(ctype, "application/json", 16) != 0 ||
		    (ctype[16] && ctype[16] != ';')) {
			http_fail(rs, 415, "%s", _("the body must be application/json"));
			return;
		}
		rq->body = json_loadb(cs->body.len ? cs->body.ptr : "", cs->body.len,
				      JSON_REJECT_DUPLICATES, &je);
		if (!rq->body) {
			http_fail(rs, 400, _("body: malformed JSON at line %d, column %d: %s"),
				  je.line, je.column, je.text);
			return;
		}
		if ((error = http_fields_check(rq->body, r->body, "body")) < 0) {
			http_error(rs, error);
			return;
		}
	} else if (cs->body.len) {
		http_fail(rs, 400, "%s", _("this request takes no body"));
		return;
	}
	if ((r->flags & HTTP_CACHE) && rs->head[0] && http_cache_key(rs->cache_key, rq) == 0) {
		if (r->flags & HTTP_HTML) {
			if (http_cache_page_get(rs->cache_key, rs->head, &rs->body)) {
				rs->status = 200;
				rs->ctype = "text/html; charset=utf-8";
				rs->cache_key[0] = '\0';
				return;
			}
		} else {
			int sent = http_cache_send(c, rs->cache_key, rs->head);

			if (sent) {
				rs->sent = sent > 0;
				return;
			}
		}
	}
	ss_error_clear();
	if ((error = r->fn(rq, rs)) < 0) {
		rs->cache_key[0] = '\0';
		http_error(rs, error);
		return;
	}
	/* a page is kept as bytes, its CSRF slot unfilled (html_finish) */
	if (r->flags & HTTP_HTML) {
		if (rs->cache_key[0] && rs->status == 200)
			http_cache_page_put(rs->cache_key, rs->head, &rs->body);
		rs->cache_key[0] = '\0';
	}
	/* a change is acknowledged once it is on disk (group commit) */
	if (changes_state(rq->method) && rs->status < 300 && !g_opt->each_commit &&
	    (error = http_durable_wait(rq->st)) < 0)
		http_error(rs, error);
}

/* A page as it leaves: the session's CSRF token in its slot, the language
 * chosen kept in a cookie; an error on a page's address as a page. */
static void html_finish(http_req *rq, http_resp *rs)
{
	bool page = strncmp(rq->path, "/api/", 5) != 0 && strncmp(rq->path, "/static/", 8) != 0;
	char *slot;

	if (page && rs->status >= 400 && rs->ctype && strcmp(rs->ctype, "application/json") == 0) {
		json_t *err = json_loadb(rs->body.ptr, rs->body.len, 0, NULL);
		int status = rs->status;
		ss_buf msg = SS_BUF_INIT(4096);

		ss_buf_puts(&msg, "<p role=\"alert\">");
		http_html_escape(&msg, json_string_value(json_object_get(err, "error")));
		ss_buf_puts(&msg, "</p>\n<p><a href=\"/\">");
		http_html_escape(&msg, _("My projects"));
		ss_buf_puts(&msg, "</a></p>");
		json_decref(err);
		if (http_page(rq, rs, status == 404 ? _("Not found") : _("Not possible"), msg.ptr,
			      NULL) == 0)
			rs->status = status;
		ss_buf_release(&msg);
	}
	if (!rs->ctype || strncmp(rs->ctype, "text/html", 9) != 0)
		return;
	http_header(rs, "Set-Cookie", "secspec_lang=%s; Path=/; HttpOnly; SameSite=Strict%s",
		    rq->lang, rq->opt->secure ? "; Secure" : "");
	slot = strstr(rs->body.ptr, HTTP_CSRF_META HTTP_CSRF_SLOT);
	if (slot) {
		char csrf[SS_SESSION_CSRF_LEN + 1];

		slot += strlen(HTTP_CSRF_META);
		if (rq->account && rq->token &&
		    ss_session_csrf(csrf, rq->st, rq->token, rq->now) == 0)
			memcpy(slot, csrf, SS_SESSION_CSRF_LEN);
		else
			memset(slot, '0', SS_SESSION_CSRF_LEN); /* no session: no token */
	}
}

/* 413 at once, without reading the rest of the body; libmicrohttpd closes
 * the connection after the answer. */
static enum MHD_Result too_big(struct MHD_Connection *c, conn_state *cs)
{
	http_resp rs = {0};
	enum MHD_Result ret;

	cs->answered = true;
	ss_buf_release(&cs->body);
	(void)ss_messages_lang_set(request_lang(c));
	ss_buf_init(&rs.body, SS_BUF_DOC_MAX);
	http_fail(&rs, 413, _("the request body is larger than %zu bytes"), cs->limit);
	ret = send_resp(c, &rs);
	resp_release(&rs);
	return ret;
}

/* The headers of a request to a route of raw bodies (an upload, up to
 * HTTP_RAW_MAX): before a byte of it is held, the caller must be logged in
 * and send the CSRF token from this site, and one of the HTTP_RAW_SLOTS
 * must be free; what announces more than HTTP_RAW_MAX is refused. MHD_YES
 * with nothing queued: read the body; else the refusal is queued and the
 * connection closes after it. */
static enum MHD_Result raw_start(struct MHD_Connection *c, conn_state *cs, const char *url,
				 const char *method, const char *len)
{
	http_req rq = {0};
	http_resp rs = {0};
	char scratch[1024], allow[64];
	enum MHD_Result ret = MHD_YES;

	rq.method = method;
	rq.path = url;
	rq.opt = g_opt;
	rq.conn = c;
	rq.lang = request_lang(c);
	if (cs->nul || find_route(&rq, scratch, sizeof(scratch), allow, sizeof(allow)) < 0 ||
	    !(rq.route->flags & HTTP_RAW))
		return MHD_YES; /* the dispatcher answers */
	cs->limit = HTTP_RAW_MAX;
	(void)ss_messages_lang_set(rq.lang);
	ss_buf_init(&rs.body, SS_BUF_DOC_MAX);
	rs.status = 200;
	if (session_checks(&rq, &rs, c) ||
	    ((rq.route->flags & HTTP_PROJECT) && project_member(&rq, &rs))) {
		/* refused as the dispatcher would */
	} else if ((rq.route->flags & HTTP_NDA) &&
		   !json_is_true(json_object_get(rq.member, "discloses"))) {
		http_fail(&rs, 403, "%s", nda_withheld());
	} else if (len && strtoull(len, NULL, 10) > HTTP_RAW_MAX) {
		ss_buf_release(&rs.body);
		json_decref(rq.account);
		json_decref(rq.member);
		return too_big(c, cs);
	} else if (!(cs->slot = raw_slot_take())) {
		http_header(&rs, "Retry-After", "5");
		http_fail(&rs, 503, "%s",
			  _("the server is receiving as many uploads as it can hold: try again "
			    "in a moment"));
	} else {
		ss_buf_release(&cs->body);
		ss_buf_init(&cs->body, HTTP_RAW_MAX);
		rs.status = 0;
	}
	if (rs.status) {
		cs->answered = true;
		ss_buf_release(&cs->body);
		ret = send_resp(c, &rs);
	}
	resp_release(&rs);
	json_decref(rq.account);
	json_decref(rq.member);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_len, void **con_cls)
{
	conn_state *cs = *con_cls;
	http_req rq = {0};
	http_resp rs = {0};
	enum MHD_Result ret;

	(void)cls;
	(void)version;
	if (!cs)
		return MHD_NO; /* on_uri could not allocate */
	if (!cs->started) {
		const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");

		cs->started = true;
		if (strcmp(method, "POST") == 0 && raw_start(c, cs, url, method, len) != MHD_YES)
			return MHD_NO;
		if (cs->answered)
			return MHD_YES; /* refused: the rest of the body is not read */
		/* what announces too much is refused before a byte of it is read */
		if (len && strtoull(len, NULL, 10) > cs->limit)
			return too_big(c, cs);
		return MHD_YES;
	}
	if (cs->answered)
		return MHD_NO; /* the refusal is out: the connection closes */
	if (*upload_len) {
		/* a body without a length (chunked) is read to its end, and what
		 * goes past the limit is dropped: MHD cannot answer mid-upload */
		if (!cs->too_big && ss_buf_put(&cs->body, upload, *upload_len) < 0) {
			cs->too_big = true;
			ss_buf_release(&cs->body);
		}
		*upload_len = 0;
		return MHD_YES;
	}
	if (cs->too_big)
		return too_big(c, cs);
	rq.method = method;
	rq.path = url;
	rq.opt = g_opt;
	rq.conn = c;
	rq.lang = request_lang(c);
	(void)ss_messages_lang_set(rq.lang);
	ss_buf_init(&rs.body, SS_BUF_DOC_MAX);
	rs.status = 200;
	dispatch(&rq, &rs, c, cs);
	if (!rs.sent)
		html_finish(&rq, &rs);
	ret = rs.sent ? MHD_YES : send_resp(c, &rs);
	resp_release(&rs);
	json_decref(rq.body);
	json_decref(rq.query);
	json_decref(rq.account);
	json_decref(rq.member);
	return ret;
}

/* The first sight of a request: its address as the client sent it, before
 * any decoding. What this returns is the request's state (*con_cls). */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
	conn_state *cs = calloc(1, sizeof(*cs));

	(void)cls;
	(void)c;
	if (cs) {
		ss_buf_init(&cs->body, HTTP_BODY_MAX);
		cs->limit = HTTP_BODY_MAX;
		cs->nul = uri && strstr(uri, "%00");
	}
	return cs;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	conn_state *cs = *con_cls;

	(void)cls;
	(void)c;
	(void)toe;
	if (cs) {
		if (cs->slot)
			raw_slot_give();
		ss_buf_release(&cs->body);
		free(cs);
		*con_cls = NULL;
	}
}

static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("secspec serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

int http_serve(const http_options *o)
{
	struct MHD_Daemon *d;
	struct sockaddr_storage ss = {0};
	const union MHD_DaemonInfo *info;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG |
			 MHD_ALLOW_SUSPEND_RESUME;
	char url[300], origin[300];
	http_options opt = *o;
	sigset_t set;
	int sig = 0;

	if (!opt.listen)
		opt.listen = "127.0.0.1";
	if (!opt.threads)
		opt.threads = 4;
	if (!opt.max_conns)
		opt.max_conns = 256;
	if (!opt.per_ip)
		opt.per_ip = 64;
	if (!opt.timeout)
		opt.timeout = 15;
	if (strchr(opt.listen, ':')) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;

		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)opt.port);
		if (inet_pton(AF_INET6, opt.listen, &a->sin6_addr) != 1)
			return ss_error_set(SS_EINVAL, _("--listen: '%.64s' is not an IP address"),
					    opt.listen);
		flags |= MHD_USE_IPv6;
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&ss;

		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)opt.port);
		if (inet_pton(AF_INET, opt.listen, &a->sin_addr) != 1)
			return ss_error_set(SS_EINVAL, _("--listen: '%.64s' is not an IP address"),
					    opt.listen);
	}
	/* the signals that stop the server wait for sigwait below, in this
	 * thread; the pool threads inherit the mask */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
#ifdef __GLIBC__
	/* each request frees what it built; glibc would hand the top of a
	 * thread's heap back to the kernel every time (madvise, then a page
	 * fault and a TLB flush on every core for the next request's
	 * allocation): keep up to 64 MiB of it */
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
#endif
	g_opt = &opt;
	d = MHD_start_daemon(
		flags, (uint16_t)opt.port, NULL, NULL, on_request, NULL, MHD_OPTION_EXTERNAL_LOGGER,
		log_mhd, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, opt.threads, MHD_OPTION_CONNECTION_LIMIT,
		opt.max_conns, MHD_OPTION_PER_IP_CONNECTION_LIMIT, opt.per_ip,
		MHD_OPTION_CONNECTION_TIMEOUT, opt.timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
		(size_t)64 * 1024, MHD_OPTION_URI_LOG_CALLBACK, on_uri, NULL,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
	if (!d) {
		g_opt = NULL;
		return ss_error_set(SS_EIO,
				    _("cannot listen on %.64s port %u (in use, or not allowed)"),
				    opt.listen, opt.port);
	}
	info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	if (info)
		opt.port = info->port;
	snprintf(url, sizeof(url), strchr(opt.listen, ':') ? "http://[%s]:%u" : "http://%s:%u",
		 opt.listen, opt.port);
	if (!opt.origin) {
		snprintf(origin, sizeof(origin), "%s", url);
		opt.origin = origin;
	}
	if (http_events_start(opt.db) < 0) {
		MHD_stop_daemon(d);
		g_opt = NULL;
		return SS_ERROR;
	}
	if (opt.ready)
		opt.ready(url, opt.ready_ctx);
	while (sigwait(&set, &sig) == 0 && sig != SIGINT && sig != SIGTERM)
		; /* SIGHUP: nothing to reload yet */
	http_events_stop();
	MHD_stop_daemon(d);
	http_events_free();
	http_cache_clear();
	g_opt = NULL;
	return 0;
}
