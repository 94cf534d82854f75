/* Group commit of the server's changes (durable.c). */
#ifndef SS_HTTP_DURABLE_H
#define SS_HTTP_DURABLE_H

#include "http.h"

/* Wait until every commit made before the call is on disk. */
int http_durable_wait(ss_store *st);

#endif
