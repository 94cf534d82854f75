/*
 * Live updates: Server-Sent Events of a project's log head.
 *
 * GET /api/projects/{p}/events answers text/event-stream: an event
 * "head" with {"seq", "hash"} at once and whenever the project's log moves
 * (another person's change, through this server or the command line), and a
 * comment every HEARTBEAT seconds so that proxies keep the connection. The
 * stream carries no content: the page reads what changed through the
 * ordinary routes, each checked as usual. A stream ends when its session
 * ends (checked at each heartbeat) or the server stops.
 *
 * One watcher thread polls the heads of the projects that have streams,
 * once a second or at once when a change is made through this server
 * (http_events_poke), writes the events into each stream's buffer and
 * resumes its connection; the connection's reader suspends it again when
 * the buffer is empty (libmicrohttpd's suspend/resume: no thread waits per
 * stream).
 */
#include <microhttpd.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "events.h"

#define STREAMS_MAX 512
#define HEARTBEAT 15

typedef struct stream {
	struct MHD_Connection *conn;
	char project[128];
	char token[SS_SESSION_TOKEN_LEN + 1];
	char head[96];
	ss_buf out;  /* written, not yet read by the connection */
	size_t sent; /* bytes of out already read */
	time_t last; /* last write (event or heartbeat) */
	bool suspended;
	bool ended; /* the session ended or the server stops: finish */
	bool gone;  /* the connection was closed: free at the next round */
	struct stream *next;
} stream;

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_wake = PTHREAD_COND_INITIALIZER;
static stream *g_streams;
static size_t g_count;
static bool g_stop, g_running;
static pthread_t g_thread;
static const char *g_db;

static ssize_t reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	stream *s = cls;
	ssize_t n = 0;

	(void)pos;
	pthread_mutex_lock(&g_lock);
	if (s->sent < s->out.len) {
		size_t left = s->out.len - s->sent;

		n = (ssize_t)(left < max ? left : max);
		memcpy(buf, s->out.ptr + s->sent, (size_t)n);
		s->sent += (size_t)n;
		if (s->sent == s->out.len) {
			ss_buf_clear(&s->out);
			s->sent = 0;
		}
	} else if (s->ended) {
		n = MHD_CONTENT_READER_END_OF_STREAM;
	} else {
		/* nothing to send: wait for the watcher to resume us */
		s->suspended = true;
		MHD_suspend_connection(s->conn);
	}
	pthread_mutex_unlock(&g_lock);
	return n;
}

static void reader_done(void *cls)
{
	stream *s = cls;

	pthread_mutex_lock(&g_lock);
	s->gone = true;
	pthread_mutex_unlock(&g_lock);
}

/* Under g_lock: queue text for s and wake its connection. */
static void emit(stream *s, const char *text)
{
	if (s->gone)
		return;
	(void)ss_buf_puts(&s->out, text);
	s->last = time(NULL);
	if (s->suspended) {
		s->suspended = false;
		MHD_resume_connection(s->conn);
	}
}

static void head_event(stream *s, const char *head)
{
	char text[256];
	const char *colon = strchr(head, ':');

	snprintf(s->head, sizeof(s->head), "%s", head);
	snprintf(text, sizeof(text), "event: head\ndata: {\"seq\":%.*s,\"hash\":\"%s\"}\n\n",
		 colon ? (int)(colon - head) : 0, head, colon ? colon + 1 : "");
	emit(s, text);
}

static void *watch(void *arg)
{
	ss_store *st = NULL;
	struct timespec until;

	(void)arg;
	if (ss_store_open(&st, g_db, 0) < 0)
		st = NULL;
	pthread_mutex_lock(&g_lock);
	while (!g_stop) {
		stream **pp = &g_streams, *s;
		time_t now = time(NULL);

		while ((s = *pp)) {
			char hash[65], head[96];
			int64_t seq;

			if (s->gone) {
				*pp = s->next;
				ss_buf_release(&s->out);
				free(s);
				g_count--;
				continue;
			}
			pp = &s->next;
			if (!st || s->ended)
				continue;
			if (ss_project_head(&seq, hash, st, s->project) == 0) {
				snprintf(head, sizeof(head), "%lld:%s", (long long)seq, hash);
				if (strcmp(head, s->head) != 0)
					head_event(s, head);
			}
			if (now - s->last >= HEARTBEAT) {
				json_t *acc = NULL;
				int64_t t;

				if (ss_account_now(&t) < 0 ||
				    ss_session_check(&acc, st, s->token, t) < 0) {
					s->ended = true;
					emit(s, "event: end\ndata: {}\n\n");
				} else {
					emit(s, ": still here\n\n");
				}
				json_decref(acc);
			}
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_cond_timedwait(&g_wake, &g_lock, &until);
	}
	/* the server stops: every stream ends */
	for (stream *s = g_streams; s; s = s->next) {
		s->ended = true;
		if (s->suspended) {
			s->suspended = false;
			MHD_resume_connection(s->conn);
		}
	}
	pthread_mutex_unlock(&g_lock);
	ss_store_free(st);
	return NULL;
}

int http_events_start(const char *db)
{
	g_db = db;
	g_stop = false;
	if (pthread_create(&g_thread, NULL, watch, NULL) != 0)
		return ss_error_set(SS_ERROR, "cannot start the live-update thread");
	g_running = true;
	return 0;
}

void http_events_stop(void)
{
	if (!g_running)
		return;
	pthread_mutex_lock(&g_lock);
	g_stop = true;
	pthread_cond_broadcast(&g_wake);
	pthread_mutex_unlock(&g_lock);
	pthread_join(g_thread, NULL);
	g_running = false;
}

/* After the daemon stopped: what is left. */
void http_events_free(void)
{
	pthread_mutex_lock(&g_lock);
	while (g_streams) {
		stream *s = g_streams;

		g_streams = s->next;
		ss_buf_release(&s->out);
		free(s);
	}
	g_count = 0;
	pthread_mutex_unlock(&g_lock);
}

void http_events_poke(void)
{
	pthread_mutex_lock(&g_lock);
	pthread_cond_broadcast(&g_wake);
	pthread_mutex_unlock(&g_lock);
}

int h_events(http_req *rq, http_resp *rs)
{
	struct MHD_Response *r;
	stream *s;

	if (!rq->token)
		return http_fail(rs, 401, "%s", _("log in first"));
	pthread_mutex_lock(&g_lock);
	if (!g_running || g_count >= STREAMS_MAX) {
		pthread_mutex_unlock(&g_lock);
		return http_fail(rs, 503, "%s", _("too many live-update streams: try again later"));
	}
	pthread_mutex_unlock(&g_lock);
	if (!(s = calloc(1, sizeof(*s))))
		return ss_error_set(SS_ENOMEM, "out of memory");
	s->conn = rq->conn;
	snprintf(s->project, sizeof(s->project), "%s", rq->params[0]);
	snprintf(s->token, sizeof(s->token), "%s", rq->token);
	ss_buf_init(&s->out, (size_t)64 * 1024);
	s->last = time(NULL);
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, reader, s, reader_done);
	if (!r) {
		ss_buf_release(&s->out);
		free(s);
		return ss_error_set(SS_ENOMEM, "out of memory");
	}
	pthread_mutex_lock(&g_lock);
	head_event(s, rs->head); /* the head the membership check read */
	s->next = g_streams;
	g_streams = s;
	g_count++;
	pthread_mutex_unlock(&g_lock);
	rs->stream = r;
	rs->status = 200;
	rs->ctype = "text/event-stream";
	return 0;
}
