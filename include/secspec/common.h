/*
 * secspec: error codes and the thread-local error message.
 *
 * Every fallible function returns 0 or a negative SS_E* code and leaves a
 * message, naming the thing and the fix, readable with ss_error_last().
 */
#ifndef SECSPEC_COMMON_H
#define SECSPEC_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* name, code, HTTP status, CLI exit status, text */
#define SS_ERRORS(X)                                                                               \
	X(ERROR, -1, 500, 70, "internal error")                                                    \
	X(ENOMEM, -2, 503, 71, "out of memory")                                                    \
	X(EINVAL, -3, 400, 64, "invalid argument")                                                 \
	X(ENOTFOUND, -4, 404, 66, "not found")                                                     \
	X(ECONFLICT, -5, 409, 3, "conflict")                                                       \
	X(ELIMIT, -6, 413, 65, "input too large")                                                  \
	X(ERULE, -7, 422, 4, "rule not satisfied")                                                 \
	X(EDB, -8, 500, 74, "storage error")                                                       \
	X(EPERM, -9, 403, 77, "not permitted")                                                     \
	X(EBUSY, -10, 503, 75, "database is locked")                                               \
	X(EPARSE, -11, 400, 65, "malformed input")                                                 \
	X(ECORRUPT, -12, 500, 5, "integrity check failed")                                         \
	X(EIO, -13, 500, 74, "input/output error")

enum {
	SS_OK = 0,
#define SS__ENUM(name, code, http, exit, text) SS_##name = code,
	SS_ERRORS(SS__ENUM)
#undef SS__ENUM
};

/** Maximum length of an error message, including the terminating NUL. */
#define SS_ERROR_MAX 512

/**
 * Record an error message for the calling thread and return @code.
 * The message is truncated to SS_ERROR_MAX - 1 bytes; nothing is allocated.
 */
int ss_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Prefix the current message with more context ("file.yaml: " ...). Returns @code. */
int ss_error_prefix(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** The last message set on this thread ("" when none). Borrowed. */
const char *ss_error_last(void);

/** Symbolic name ("ENOTFOUND"), text, HTTP status and CLI exit status of a code. */
const char *ss_error_name(int code);
const char *ss_error_text(int code);
int ss_error_http_status(int code);
int ss_error_exit_status(int code);

/** Clear the message. */
void ss_error_clear(void);

/**
 * The language of this thread's messages (errors, hints, labels): "ja" or
 * "en". It changes messages only; documents take their language from their
 * own argument. The default is "en" until set; the secspec command sets it
 * from --lang, else the environment (ss_messages_lang_env).
 * Returns SS_EINVAL (without a message) for another language.
 */
int ss_messages_lang_set(const char *lang);
const char *ss_messages_lang(void);
/**
 * The message language the environment asks for: the first of LANGUAGE,
 * LC_ALL, LC_MESSAGES and LANG that is set and not empty; "en" when it names
 * another language than Japanese, "ja" when it names Japanese, the C/POSIX
 * locale, or when none is set (Japanese is the default).
 */
const char *ss_messages_lang_env(void);

/**
 * A message (an English msgid) in this thread's message language: the
 * Japanese of the catalog built into the library, else msgid itself.
 * ss_ngettext picks the form for n.
 */
const char *ss_gettext(const char *msgid) __attribute__((format_arg(1)));
const char *ss_ngettext(const char *one, const char *many, unsigned long n)
	__attribute__((format_arg(1))) __attribute__((format_arg(2)));

/** Parse a whole decimal number from min to max; SS_EINVAL with a message otherwise. */
int ss_parse_int(int64_t *out, const char *s, int64_t min, int64_t max);

#endif
