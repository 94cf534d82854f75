#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "secspec/common.h"
#include "util/i18n.h"
#include "util/banned.h"

static _Thread_local char last[SS_ERROR_MAX];

int ss_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last, sizeof(last), ss_gettext(fmt), ap);
	va_end(ap);
	return code;
}

int ss_error_prefix(int code, const char *fmt, ...)
{
	char old[SS_ERROR_MAX];
	va_list ap;
	int n;

	memcpy(old, last, sizeof(old));
	va_start(ap, fmt);
	n = vsnprintf(last, sizeof(last), ss_gettext(fmt), ap);
	va_end(ap);
	if (n >= 0 && (size_t)n < sizeof(last) - 1) {
		size_t room = sizeof(last) - (size_t)n - 1, len = strnlen(old, room);

		memcpy(last + n, old, len);
		last[(size_t)n + len] = '\0';
	}
	return code;
}

const char *ss_error_last(void)
{
	return last;
}

void ss_error_clear(void)
{
	last[0] = '\0';
}

const char *ss_error_name(int code)
{
	switch (code) {
#define WHAT_NAME(name, c, h, e, t)                                                                \
	case SS_##name:                                                                            \
		return #name;
		SS_ERRORS(WHAT_NAME)
#undef WHAT_NAME
	}
	return code == 0 ? "OK" : "ERROR";
}

const char *ss_error_text(int code)
{
	switch (code) {
#define WHAT_TEXT(name, c, h, e, t)                                                                \
	case SS_##name:                                                                            \
		return ss_gettext(t);
		SS_ERRORS(WHAT_TEXT)
#undef WHAT_TEXT
	}
	return code == 0 ? "ok" : "internal error";
}

int ss_error_http_status(int code)
{
	switch (code) {
#define WHAT_HTTP(name, c, h, e, t)                                                                \
	case SS_##name:                                                                            \
		return h;
		SS_ERRORS(WHAT_HTTP)
#undef WHAT_HTTP
	}
	return code == 0 ? 200 : 500;
}

int ss_error_exit_status(int code)
{
	switch (code) {
#define WHAT_EXIT(name, c, h, e, t)                                                                \
	case SS_##name:                                                                            \
		return e;
		SS_ERRORS(WHAT_EXIT)
#undef WHAT_EXIT
	}
	return code == 0 ? 0 : 1;
}
