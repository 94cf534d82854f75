/*
 * Progress on a terminal: work that goes on for more than about a second
 * (an import of a full ATT&CK release, a bundle export or the verification
 * of a long log) shows one line on standard error, redrawn in place.
 * Nothing is shown when standard error is not a terminal, under --json or
 * --quiet, or for work that ends within the first second.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static struct {
	const char *cmd;
	double start, last; /* seconds: when the command began, the last redraw */
	double after;       /* seconds before the first line (1; $SECSPEC_PROGRESS_AFTER) */
	int shown;          /* a line is on the terminal */
} bar;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 12.3 MiB, 845 KiB, 512 B */
static void amount(char *out, size_t n, ss_progress_unit unit, uint64_t v)
{
	if (unit != SS_PROGRESS_BYTES)
		snprintf(out, n, "%" PRIu64, v);
	else if (v >= (uint64_t)1 << 20)
		snprintf(out, n, "%.1f MiB", (double)v / (1 << 20));
	else if (v >= 1024)
		snprintf(out, n, "%" PRIu64 " KiB", v >> 10);
	else
		snprintf(out, n, "%" PRIu64 " B", v);
}

static void clear_line(void)
{
	if (bar.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		bar.shown = 0;
	}
}

static void draw(void *ctx, const char *what, ss_progress_unit unit, uint64_t done, uint64_t total)
{
	double t = now();
	char d[32], all[32];
	static const char *const units[] = {"", N_("events"), N_("items")};

	(void)ctx;
	if (t - bar.start < bar.after || (done != total && t - bar.last < 0.1))
		return;
	bar.last = t;
	amount(d, sizeof(d), unit, done);
	fprintf(stderr, "\r\033[Ksecspec %s: %s: ", bar.cmd, _(what));
	if (total) {
		amount(all, sizeof(all), unit, total);
		/* TRANSLATORS: progress: percentage, the amount done, the whole, the unit */
		fprintf(stderr, _("%3u%% (%s of %s%s%s)"), (unsigned)(done * 100 / total), d, all,
			unit == SS_PROGRESS_BYTES ? "" : " ",
			unit == SS_PROGRESS_BYTES ? "" : _(units[unit]));
	} else {
		fprintf(stderr, "%s%s%s", d, unit == SS_PROGRESS_BYTES ? "" : " ",
			unit == SS_PROGRESS_BYTES ? "" : _(units[unit]));
	}
	fflush(stderr);
	bar.shown = 1;
	if (total && done == total)
		clear_line();
}

void cli_progress_start(const cli_args *a)
{
	static int registered;

	if (a->quiet || a->json || !isatty(STDERR_FILENO))
		return;
	bar.cmd = a->cmd;
	bar.start = now();
	bar.after = getenv("SECSPEC_PROGRESS_AFTER") ? atof(getenv("SECSPEC_PROGRESS_AFTER")) : 1.0;
	ss_progress_set(draw, NULL);
	if (!registered++)
		atexit(clear_line);
}

void cli_progress_done(void)
{
	clear_line();
}
