/* What a host check saw, in words (check_int.h): shared by the kinds over
 * files (check.c) and over host facts (check_facts.c). */
#include <stdarg.h>
#include <stdio.h>

#include "core/check_int.h"
#include "util/util.h"
#include "util/banned.h"

void ss__check_textf(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, n, fmt, ap);
	va_end(ap);
}

void ss__check_seen(result *r, const char *verdict, const char *fmt, ...)
{
	va_list ap;

	r->verdict = verdict;
	va_start(ap, fmt);
	vsnprintf(r->seen, sizeof(r->seen), ss_gettext(fmt), ap);
	va_end(ap);
}

void ss__check_tree_error(result *r, int error)
{
	ss__check_seen(r, error == SS_ENOTFOUND ? "fail" : "error", "%s", ss_error_last());
}
