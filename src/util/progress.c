#include <stddef.h>

#include "util/progress.h"
#include "util/banned.h"

static _Thread_local struct {
	ss_progress_fn fn;
	void *ctx;
	const char *what; /* the work last reported, and where it was */
	uint64_t last;
} cb;

void ss_progress_set(ss_progress_fn fn, void *ctx)
{
	cb.fn = fn;
	cb.ctx = ctx;
	cb.what = NULL;
	cb.last = 0;
}

bool ss_progress_wanted(void)
{
	return cb.fn != NULL;
}

void ss_progress(const char *what, ss_progress_unit unit, uint64_t done, uint64_t total)
{
	uint64_t step;

	if (!cb.fn)
		return;
	if (cb.what != what) { /* new work (message ids are literals) */
		cb.what = what;
		cb.last = 0;
	} else if (done != total || total == 0) {
		step = total ? (total >> 10) + 1 : unit == SS_PROGRESS_BYTES ? 65536 : 4096;
		if (done >= cb.last && done - cb.last < step)
			return;
	}
	cb.last = done;
	cb.fn(cb.ctx, what, unit, done, total);
}
