/* Live updates of a project's log head, as Server-Sent Events (events.c). */
#ifndef SS_HTTP_EVENTS_H
#define SS_HTTP_EVENTS_H

#include "http.h"

/* The watcher thread, with its own connection to the store db. */
int http_events_start(const char *db);
/* End every stream and the watcher (before the daemon stops)... */
void http_events_stop(void);
/* ...and free what is left (after it stopped). */
void http_events_free(void);
/* A change was made: look at the heads now rather than within a second. */
void http_events_poke(void);
/* GET /api/projects/{p}/events */
int h_events(http_req *rq, http_resp *rs);

#endif
