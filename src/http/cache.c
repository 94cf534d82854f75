/*
 * Answers cached by the project's log head.
 *
 * Everything a project's reads answer is a projection of its log (DESIGN
 * rule 2), so an answer stays right for as long as the log's head (last seq
 * and hash) is the same. Two caches, both keyed with the head:
 *
 *  - memberships: (project, login) -> the caller's membership, so that the
 *    check every project route makes is one query (the head) instead of a
 *    read of every member;
 *  - answers: (route, path, query, language[, login]) -> the finished
 *    libmicrohttpd response, queued again as it is (libmicrohttpd counts
 *    its users; the cache holds one reference until it replaces the entry).
 *
 * A changed head makes every entry of the project stale at once; nothing
 * has to be told. Both are fixed-size tables (a slot per hash, the newer
 * entry wins), so memory is bounded: CACHE_SLOTS answers of at most
 * CACHE_MAX_BODY bytes each.
 */
#include <microhttpd.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cache.h"

#define CACHE_SLOTS 512
#define MEMBER_SLOTS 1024
#define CACHE_MAX_BODY ((size_t)4 * 1024 * 1024)

typedef struct {
	char key[HTTP_CACHE_KEY_MAX];
	char head[96];
	struct MHD_Response *resp;
	size_t size;
} answer_slot;

typedef struct {
	char key[256];
	char head[96];
	json_t *member;
} member_slot;

typedef struct {
	char key[HTTP_CACHE_KEY_MAX];
	char head[96];
	char *bytes;
	size_t len;
} page_slot;

#define PAGE_SLOTS 128

static answer_slot g_answers[CACHE_SLOTS];
static page_slot g_pages[PAGE_SLOTS];
static member_slot g_members[MEMBER_SLOTS];
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The UTC day: an NDA's term is counted in days, so what a member may see
 * can change at midnight without the log moving. */
static const char *today(void)
{
	static __thread char day[11];
	time_t t = time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm))
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	return day;
}

int http_cache_head(char out[96], http_req *rq)
{
	char hash[65];
	int64_t seq;
	int error;

	if ((error = ss_project_head(&seq, hash, rq->st, rq->params[0])) < 0)
		return error;
	snprintf(out, 96, "%lld:%s", (long long)seq, hash);
	return 0;
}

json_t *http_cache_member(const char *project, const char *login, const char *head)
{
	char key[256];
	member_slot *s;
	json_t *m = NULL;

	if ((size_t)snprintf(key, sizeof(key), "%s\n%s\n%s", project, login, today()) >=
	    sizeof(key))
		return NULL;
	s = &g_members[fnv1a(key) % MEMBER_SLOTS];
	pthread_mutex_lock(&g_lock);
	if (s->member && strcmp(s->key, key) == 0 && strcmp(s->head, head) == 0)
		m = json_deep_copy(s->member);
	pthread_mutex_unlock(&g_lock);
	return m;
}

void http_cache_member_put(const char *project, const char *login, const char *head,
			   const json_t *member)
{
	char key[256];
	member_slot *s;
	json_t *copy, *old;

	if ((size_t)snprintf(key, sizeof(key), "%s\n%s\n%s", project, login, today()) >=
		    sizeof(key) ||
	    !(copy = json_deep_copy(member)))
		return;
	s = &g_members[fnv1a(key) % MEMBER_SLOTS];
	pthread_mutex_lock(&g_lock);
	old = s->member;
	snprintf(s->key, sizeof(s->key), "%s", key);
	snprintf(s->head, sizeof(s->head), "%s", head);
	s->member = copy;
	pthread_mutex_unlock(&g_lock);
	json_decref(old);
}

/* The answer's key: the route, the path as asked, the checked query (sorted
 * keys), the language, and who asks when the answer depends on it. */
int http_cache_key(char out[HTTP_CACHE_KEY_MAX], const http_req *rq)
{
	char *q = json_dumps(rq->query, JSON_COMPACT | JSON_SORT_KEYS);
	const char *login = json_string_value(json_object_get(rq->account, "login"));
	int n;

	if (!q)
		return -1;
	n = snprintf(out, HTTP_CACHE_KEY_MAX, "%s %s\n%s\n%s\n%s\n%s", rq->method, rq->path, q,
		     rq->lang, today(), (rq->route->flags & HTTP_VIEWER) && login ? login : "");
	free(q);
	return n > 0 && n < HTTP_CACHE_KEY_MAX ? 0 : -1;
}

int http_cache_send(void *conn, const char *key, const char *head)
{
	answer_slot *s = &g_answers[fnv1a(key) % CACHE_SLOTS];
	int sent = 0;

	/* queued under the lock: libmicrohttpd takes its own reference before
	 * the entry can be replaced (and the cache's reference dropped) */
	pthread_mutex_lock(&g_lock);
	if (s->resp && strcmp(s->key, key) == 0 && strcmp(s->head, head) == 0)
		sent = MHD_queue_response(conn, MHD_HTTP_OK, s->resp) == MHD_YES ? 1 : -1;
	pthread_mutex_unlock(&g_lock);
	return sent;
}

bool http_cache_put(const char *key, const char *head, void *resp, size_t size)
{
	answer_slot *s = &g_answers[fnv1a(key) % CACHE_SLOTS];
	struct MHD_Response *old;

	if (size > CACHE_MAX_BODY || strlen(key) >= HTTP_CACHE_KEY_MAX)
		return false;
	pthread_mutex_lock(&g_lock);
	old = s->resp;
	snprintf(s->key, sizeof(s->key), "%s", key);
	snprintf(s->head, sizeof(s->head), "%s", head);
	s->resp = resp;
	s->size = size;
	pthread_mutex_unlock(&g_lock);
	/* the connections still sending it hold their own reference */
	if (old)
		MHD_destroy_response(old);
	return true;
}

bool http_cache_page_get(const char *key, const char *head, ss_buf *out)
{
	page_slot *s = &g_pages[fnv1a(key) % PAGE_SLOTS];
	bool hit = false;

	pthread_mutex_lock(&g_lock);
	if (s->bytes && strcmp(s->key, key) == 0 && strcmp(s->head, head) == 0) {
		ss_buf_clear(out);
		hit = ss_buf_put(out, s->bytes, s->len) == 0;
	}
	pthread_mutex_unlock(&g_lock);
	return hit;
}

void http_cache_page_put(const char *key, const char *head, const ss_buf *page)
{
	page_slot *s = &g_pages[fnv1a(key) % PAGE_SLOTS];
	char *copy, *old;

	if (page->len > CACHE_MAX_BODY || strlen(key) >= HTTP_CACHE_KEY_MAX ||
	    !(copy = malloc(page->len ? page->len : 1)))
		return;
	memcpy(copy, page->ptr, page->len);
	pthread_mutex_lock(&g_lock);
	old = s->bytes;
	snprintf(s->key, sizeof(s->key), "%s", key);
	snprintf(s->head, sizeof(s->head), "%s", head);
	s->bytes = copy;
	s->len = page->len;
	pthread_mutex_unlock(&g_lock);
	free(old);
}

void http_cache_clear(void)
{
	size_t i;

	pthread_mutex_lock(&g_lock);
	for (i = 0; i < CACHE_SLOTS; i++) {
		if (g_answers[i].resp)
			MHD_destroy_response(g_answers[i].resp);
		g_answers[i].resp = NULL;
	}
	for (i = 0; i < PAGE_SLOTS; i++) {
		free(g_pages[i].bytes);
		g_pages[i].bytes = NULL;
	}
	for (i = 0; i < MEMBER_SLOTS; i++) {
		json_decref(g_members[i].member);
		g_members[i].member = NULL;
	}
	pthread_mutex_unlock(&g_lock);
}
