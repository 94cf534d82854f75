/* Answers and memberships cached by the project's log head (cache.c). */
#ifndef SS_HTTP_CACHE_H
#define SS_HTTP_CACHE_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

#define HTTP_CACHE_KEY_MAX 1024

/* "SEQ:HASH" of the head of the project rq->params[0] names. */
int http_cache_head(char out[96], http_req *rq);
/* The caller's membership as of head (a copy, or NULL), and its record. */
json_t *http_cache_member(const char *project, const char *login, const char *head);
void http_cache_member_put(const char *project, const char *login, const char *head,
			   const json_t *member);
/* The key of rq's answer; -1 when it does not fit. */
int http_cache_key(char out[HTTP_CACHE_KEY_MAX], const http_req *rq);
/* Queue the cached answer of key as of head on conn (struct MHD_Connection):
 * 1 sent, 0 not cached, -1 the queueing failed. */
int http_cache_send(void *conn, const char *key, const char *head);
/* Keep resp (struct MHD_Response; the cache takes the caller's reference)
 * as the answer of key as of head; false when not kept (too large): the
 * caller keeps its reference. */
bool http_cache_put(const char *key, const char *head, void *resp, size_t size);
/* Pages: the bytes (with the CSRF slot unfilled) of key as of head. */
bool http_cache_page_get(const char *key, const char *head, ss_buf *out);
void http_cache_page_put(const char *key, const char *head, const ss_buf *page);
/* Drop every entry (the server stops). */
void http_cache_clear(void);

#endif
