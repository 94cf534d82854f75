/* secspec serve: what the command line needs of the HTTP front end. */
#ifndef SS_HTTP_SERVE_H
#define SS_HTTP_SERVE_H

#include <stdbool.h>

struct ss_key;

/* The server's settings (cmd_serve.c fills them from options). */
typedef struct {
	const char *db;     /* the store URL */
	const char *listen; /* address to bind: 127.0.0.1 (default), ::1, 0.0.0.0 */
	unsigned port;      /* 0: a free port (the one chosen is given to ready) */
	unsigned threads;   /* worker threads (default 4) */
	const char *origin; /* the origin browsers use (default http://LISTEN:PORT) */
	bool secure;        /* reached over TLS (behind a proxy): Secure cookies, HSTS */
	const char *web;    /* directory of the static front end (web/) */
	unsigned max_conns; /* connections at once (default 256) */
	unsigned per_ip;    /* connections per client address (default 64) */
	unsigned timeout;   /* seconds a connection may idle (default 15) */
	bool each_commit;   /* every commit flushed by itself (else group commit) */
	/* the key that signs tree heads (api_log.c), or NULL: none */
	const struct ss_key *head_key;
	void (*ready)(const char *url, void *ctx); /* called once listening */
	void *ready_ctx;
} http_options;

/* Serve until SIGINT or SIGTERM. */
int http_serve(const http_options *o);

#endif
