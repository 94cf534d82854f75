/* Reporting progress to the front end's callback (secspec/progress.h). */
#ifndef SS_UTIL_PROGRESS_H
#define SS_UTIL_PROGRESS_H

#include <stdbool.h>

#include "secspec/progress.h"

/* Report; nothing happens without a callback. Calls for the same work come
 * as often as the caller likes: only a change of a 1/1024th of the total,
 * the end, or every 64 KiB / 4096 events of unknown totals reach the
 * callback. */
void ss_progress(const char *what, ss_progress_unit unit, uint64_t done, uint64_t total);
/* Whether a callback is set (work may skip counting otherwise). */
bool ss_progress_wanted(void);

#endif
