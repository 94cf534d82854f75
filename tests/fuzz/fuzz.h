/* Shared declarations of the libFuzzer targets and their helpers. */
#ifndef SS_FUZZ_H
#define SS_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry point every target defines. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private scratch directory for this process, created on first use and
 * removed (with the files named through fuzz_path) at exit. Aborts when it
 * cannot be made: a target without it would test nothing. */
const char *fuzz_dir(void);

/* DIR/name in the scratch directory; the string lives until exit. At most
 * four distinct names. */
const char *fuzz_path(const char *name);

/* Replace the file at path with exactly size bytes of data; aborts on failure. */
void fuzz_write_file(const char *path, const void *data, size_t size);

/* A row's text s (field what) of a sink, checked: aborts, naming who, when
 * it is NULL and required, or not valid UTF-8. */
void fuzz_row_text(const char *who, const char *what, const char *s, bool required);

#endif
