/* Fuzz target: ss_rpmhdr_parse (src/formats/rpmhdr.c). The input is copied
 * to a buffer of exactly its size, so that a read past the header is seen
 * by ASan. A refusal is SS_EPARSE and names the header; an accepted header
 * has a non-empty name and version, release and arch strings that lie
 * inside the input. */
#include "formats/rpmhdr.h"
#include "fuzz_tree.h"

static void inside(const char *s, const uint8_t *b, size_t n, const char *field)
{
	if (!s || (const uint8_t *)s < b || (const uint8_t *)s >= b + n ||
	    !memchr(s, '\0', (size_t)(b + n - (const uint8_t *)s)))
		fuzz_tree_fail("fuzz_rpmhdr", "a field outside the header", field);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *copy = malloc(size ? size : 1);
	ss_rpmhdr h;
	int rc;

	if (!copy)
		abort();
	if (size)
		memcpy(copy, data, size);
	rc = ss_rpmhdr_parse(&h, copy, size, "hdr");
	if (rc < 0) {
		if (rc != SS_EPARSE)
			fuzz_tree_fail("fuzz_rpmhdr", "refused with another code", ss_error_last());
		if (strncmp(ss_error_last(), "hdr: ", 5))
			fuzz_tree_fail("fuzz_rpmhdr", "a message without the header",
				       ss_error_last());
		if (h.name || h.version)
			fuzz_tree_fail("fuzz_rpmhdr", "fields left after a refusal", "");
	} else {
		if (!*h.name)
			fuzz_tree_fail("fuzz_rpmhdr", "an empty name", "");
		inside(h.name, copy, size, "name");
		inside(h.version, copy, size, "version");
		inside(h.release, copy, size, "release");
		if (*h.arch)
			inside(h.arch, copy, size, "arch");
	}
	free(copy);
	return 0;
}
