/*
 * secspec serve: the HTTP front end, internal interfaces.
 *
 * Like the command line, the server only parses input, calls the library
 * (the public API of include/secspec) and writes the answer. One table
 * (routes.c) describes every route: its method and path, its handler, who
 * may call it, the fields of its body and query, and its answers. The
 * dispatcher (server.c) enforces what the table says before a handler runs;
 * the OpenAPI document (openapi.c) is generated from the same table, so the
 * description cannot drift from what the server accepts.
 */
#ifndef SS_HTTP_H
#define SS_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "secspec/secspec.h"
#include "serve.h"

#define _(s) ss_gettext(s)
#define N_(s) s

/* Longest request body, in bytes (attachments and imports use their own). */
#define HTTP_BODY_MAX ((size_t)1024 * 1024)
/* Longest raw body (HTTP_RAW: an attachment), and how many may be held in
 * memory at once, server-wide (more are refused with 503 before their
 * bodies are read). */
#define HTTP_RAW_MAX SS_ATTACHMENT_MAX
#define HTTP_RAW_SLOTS 4
/* Path parameters per route. */
#define HTTP_MAX_PARAMS 4
/* Extra response headers per answer. */
#define HTTP_MAX_HEADERS 6

/* Who may call a route. */
enum {
	HTTP_PUBLIC = 1 << 0,  /* no session needed */
	HTTP_PROJECT = 1 << 1, /* {p} is a project the caller is an active member of */
	HTTP_ADMIN = 1 << 2,   /* the caller is an administrator of the deployment */
	HTTP_SIGNED = 1 << 3,  /* a change signed in the caller's browser (proposal) */
	HTTP_NOCSRF = 1 << 4,  /* a POST that needs no CSRF token (login: no session yet) */
	HTTP_HTML = 1 << 5,    /* a page: answers text/html, not in the OpenAPI document */
	HTTP_CACHE = 1 << 6,   /* the answer is a projection of the project's log alone:
				  cached by its head (cache.c) */
	HTTP_VIEWER = 1 << 7,  /* with HTTP_CACHE: the answer also depends on who asks */
	HTTP_NDA = 1 << 8,     /* details disclosed only under an NDA: refused to a member
				  of the vendor side until one is in force */
	HTTP_RAW = 1 << 9,     /* the body is raw bytes (application/octet-stream, at most
				  HTTP_RAW_MAX), not JSON: rq->raw */
};

/* The type of a body or query field. */
typedef enum {
	HF_STRING,
	HF_INT,
	HF_BOOL,
	HF_STRINGS, /* an array of strings */
	HF_FILES,   /* an array of {name, sha256}: files stored before (attachments) */
} http_ftype;

typedef struct {
	const char *name;
	http_ftype type;
	bool required;
	size_t max;        /* longest string (bytes) or array (entries); 0: the default */
	const char *enumv; /* "a|b|c": the allowed values of a string */
	const char *desc;
} http_field;

#define HTTP_FIELDS_END                                                                            \
	{                                                                                          \
		NULL, 0, false, 0, NULL, NULL                                                      \
	}

typedef struct http_req http_req;
typedef struct http_resp http_resp;
typedef int (*http_handler)(http_req *rq, http_resp *rs);

typedef struct {
	const char *method;  /* GET, POST, DELETE */
	const char *pattern; /* /api/projects/{p}/decisions */
	http_handler fn;
	unsigned flags;
	const char *summary;
	const http_field *query; /* NULL: none */
	const http_field *body;  /* NULL: no body */
	const char *ok;          /* the success statuses, "200" or "201 202 409" */
	const char *tag;         /* OpenAPI tag */
} http_route;

/* One request, as the handlers see it. */
struct http_req {
	const char *method;
	const char *path;
	const http_route *route;
	const char *params[HTTP_MAX_PARAMS]; /* the {…} of the pattern, in order */
	size_t nparams;
	json_t *body;    /* the parsed body, checked against route->body (or NULL) */
	const void *raw; /* HTTP_RAW: the body's bytes (raw_len of them) */
	size_t raw_len;
	json_t *query;     /* the query fields the route knows, checked (never NULL) */
	json_t *account;   /* {login, name, admin} of the session, or NULL */
	json_t *member;    /* HTTP_PROJECT: the caller's membership {person, side, role} */
	const char *token; /* the session token (cookie), or NULL */
	ss_store *st;
	int64_t now;
	const char *lang; /* "ja" or "en": messages and pages */
	const http_options *opt;
	void *conn; /* struct MHD_Connection */
};

struct http_resp {
	int status;
	const char *ctype;
	ss_buf body;
	const char *hname[HTTP_MAX_HEADERS];
	char *hvalue[HTTP_MAX_HEADERS];
	size_t nheaders;
	char *file;           /* send this file instead of body (malloc'd: the server frees it;
			       * removed after sending when unlink) */
	char head[96];        /* HTTP_CACHE: the project's head the answer was made at */
	char cache_key[1024]; /* HTTP_CACHE: keep the answer under this key ("" none) */
	bool sent;            /* already queued (from the cache) */
	void *stream;         /* a struct MHD_Response made by the handler (events.c) */
	bool unlink;
};

/* The route table and its size (routes.c). */
extern const http_route http_routes[];
extern const size_t http_nroutes;

/* Answers. Each returns 0 (the handler's result). */
int http_json(http_resp *rs, int status, json_t *v); /* steals v */
int http_error(http_resp *rs, int code);             /* from an ss error code + its message */
int http_fail(http_resp *rs, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The same answer as for a project that does not exist. */
int http_not_found(http_resp *rs);
int http_header(http_resp *rs, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The logged-in person's login name (their person id in projects), or NULL. */
const char *http_login(const http_req *rq);

/* The active member whose person id is login in a member list, or NULL (borrowed). */
json_t *http_active_member(const json_t *members, const char *login);

/* Field access on the checked body / query (NULL or the default when absent). */
const char *http_str(const http_req *rq, const char *name);
const char *http_qstr(const http_req *rq, const char *name);
int64_t http_int(const http_req *rq, const char *name, int64_t dflt);
bool http_bool(const http_req *rq, const char *name, bool dflt);

/* Check a JSON value against fields: unknown fields refused, types, required,
 * lengths, enumerations. where names the part ("body", "query") in errors. */
int http_fields_check(const json_t *v, const http_field *fields, const char *where);

/*
 * A change signed in the browser (DESIGN rule 9). call makes the change
 * through rq->st as the caller; with_proposal wraps it in a proposal: with
 * no signatures in the body the change is only checked and the answer is
 * 202 {sign: {time, fingerprint, bodies[]}}; with signatures it is appended
 * (201 and call's *out) or, when the log moved meanwhile, 409 with fresh
 * bodies to sign.
 */
typedef int (*http_change)(json_t **out, http_req *rq, void *ctx);
int http_with_proposal(http_req *rq, http_resp *rs, http_change call, void *ctx);

/* Login throttling per client address (server.c). */
bool http_login_throttled(const http_req *rq);
void http_login_failed(const http_req *rq);

/* The OpenAPI 3.1 document of the table (openapi.c). */
int http_openapi(json_t **out);

/* Where a page carries the session's CSRF token: 64 characters the server
 * overwrites as the page leaves (server.c), never sent as they are. */
#define HTTP_CSRF_SLOT "----------------------------------------------------------------"
#define HTTP_CSRF_META "<meta name=\"csrf-token\" content=\""

/* Pages (pages.c). */
int http_page(http_req *rq, http_resp *rs, const char *title, const char *body_html,
	      const char *script);
int http_html_escape(ss_buf *b, const char *s);

/* Static files of the front end (server.c). */
int http_static(http_req *rq, http_resp *rs);

#endif
