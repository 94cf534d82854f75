/*
 * secspec: progress of long work (imports, bundle export and verification),
 * for a front end to show.
 *
 * The library reports to the calling thread's callback, when one is set:
 * what is a message id (English; ss_gettext gives it in the message
 * language), done and total count the same unit (bytes of an input, events
 * of a log); total is 0 when unknown. The last report of a piece of work has
 * done == total. The callback must not call back into the library.
 */
#ifndef SECSPEC_PROGRESS_H
#define SECSPEC_PROGRESS_H

#include <stdint.h>

typedef enum { SS_PROGRESS_BYTES, SS_PROGRESS_EVENTS, SS_PROGRESS_ITEMS } ss_progress_unit;

typedef void (*ss_progress_fn)(void *ctx, const char *what, ss_progress_unit unit, uint64_t done,
			       uint64_t total);

/** Set (fn) or clear (NULL) this thread's progress callback. */
void ss_progress_set(ss_progress_fn fn, void *ctx);

#endif
