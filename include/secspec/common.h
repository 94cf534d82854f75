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

/** Parse a whole decimal number from min to max; SS_EINVAL with a message otherwise. */
int ss_parse_int(int64_t *out, const char *s, int64_t min, int64_t max);

#endif
