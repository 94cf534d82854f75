/*
 * CVSS vectors: strict parsing and the base score, for versions 2.0, 3.0,
 * 3.1 and 4.0 (CVSS-B). Temporal, threat, environmental and supplemental
 * metrics are checked (known metric, known value, once, in order where the
 * version requires it) but do not change the score returned: it is always
 * the base score. docs/internals/cvss.md says what is accepted.
 */
#ifndef SS_FORMATS_CVSS_H
#define SS_FORMATS_CVSS_H

/* The longest vector accepted (a v4.0 vector with every metric is ~200). */
#define SS_CVSS_MAX 512

typedef struct {
	int major, minor; /* 2.0, 3.0, 3.1, 4.0 */
	double base;      /* 0.0 .. 10.0, one decimal */
	/* "NONE", "LOW", "MEDIUM", "HIGH", "CRITICAL" (static strings); version
	   2 has only LOW (< 4.0), MEDIUM (< 7.0) and HIGH */
	const char *severity;
} ss_cvss;

/*
 * Parse vector and compute its base score into *out (written only on
 * success). Version 2 vectors have no prefix ("AV:N/AC:L/Au:N/C:P/I:P/A:P");
 * the others start with "CVSS:3.0/", "CVSS:3.1/" or "CVSS:4.0/". SS_EPARSE
 * with a message naming the metric and its byte offset (1-based) in the
 * vector; SS_EINVAL for NULL arguments.
 */
int ss_cvss_parse(ss_cvss *out, const char *vector);

/* The qualitative rating of a base score of that major version (static). */
const char *ss_cvss_severity(int major, double score);

#endif
