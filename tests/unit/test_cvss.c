/* CVSS vectors: base scores against published scores (NVD, CSAF, the FIRST
 * v4.0 reference calculator), severities, strict parsing and its messages;
 * and every v2 / v3.x vector of the NVD sample files against NVD's score. */
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zlib.h>

#include "helpers.h"
#include "formats/cvss.h"
#include "util/util.h"

#define SHARED SECSPEC_SOURCE_DIR "/../shared/data/vuln"

/*
 * Vector and base score. v2 and v3.x: every distinct vector of the NVD
 * sample files (shared/data/vuln/nvd) with NVD's baseScore. v4.0: the
 * distinct v4.0 vectors of the OSV samples, then every 1009th base vector
 * of the 104,976 in the order AV AC AT PR UI VC VI VA SC SI SA, N..., each
 * with the score of the FIRST reference calculator (cvss_score.js) for its
 * base metrics (CVSS-B).
 */
static const struct {
	const char *vector;
	double score;
} known[] = {
	{"AV:L/AC:H/Au:N/C:C/I:C/A:C", 6.2},
	{"AV:L/AC:H/Au:N/C:P/I:P/A:P", 3.7},
	{"AV:L/AC:L/Au:N/C:C/I:C/A:C", 7.2},
	{"AV:L/AC:L/Au:N/C:N/I:N/A:P", 2.1},
	{"AV:L/AC:L/Au:N/C:N/I:P/A:N", 2.1},
	{"AV:L/AC:L/Au:N/C:P/I:N/A:N", 2.1},
	{"AV:L/AC:L/Au:N/C:P/I:P/A:P", 4.6},
	{"AV:L/AC:M/Au:N/C:P/I:N/A:N", 1.9},
	{"AV:N/AC:H/Au:N/C:C/I:C/A:C", 7.6},
	{"AV:N/AC:L/Au:N/C:C/I:C/A:C", 10},
	{"AV:N/AC:L/Au:N/C:N/I:N/A:N", 0},
	{"AV:N/AC:L/Au:N/C:N/I:N/A:P", 5},
	{"AV:N/AC:L/Au:N/C:N/I:P/A:N", 5},
	{"AV:N/AC:L/Au:N/C:N/I:P/A:P", 6.4},
	{"AV:N/AC:L/Au:N/C:P/I:N/A:N", 5},
	{"AV:N/AC:L/Au:N/C:P/I:P/A:N", 6.4},
	{"AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5},
	{"AV:N/AC:L/Au:S/C:P/I:P/A:P", 6.5},
	{"AV:N/AC:M/Au:N/C:P/I:P/A:P", 6.8},
	{"CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H", 9},
	{"CVSS:3.0/AV:N/AC:L/PR:H/UI:R/S:U/C:L/I:L/A:H", 5.7},
	{"CVSS:3.0/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L", 5.5},
	{"CVSS:3.1/AV:A/AC:H/PR:L/UI:N/S:C/C:L/I:L/A:L", 5.5},
	{"CVSS:3.1/AV:A/AC:H/PR:L/UI:N/S:U/C:L/I:L/A:L", 4.6},
	{"CVSS:3.1/AV:A/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N", 3.1},
	{"CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:U/C:L/I:H/A:N", 6.3},
	{"CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", 5.7},
	{"CVSS:3.1/AV:A/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:L", 3.5},
	{"CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L", 4.9},
	{"CVSS:3.1/AV:A/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:N", 4.1},
	{"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 6.5},
	{"CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:U/C:H/I:N/A:N", 4.7},
	{"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 6.7},
	{"CVSS:3.1/AV:L/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:H", 6},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 8.8},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:C/C:N/I:N/A:H", 6.5},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:H", 7.1},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 5.5},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:H", 6.1},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 3.3},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", 5.5},
	{"CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:H", 7.3},
	{"CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:H", 7.1},
	{"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 7.8},
	{"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:L", 4.4},
	{"CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 5.5},
	{"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:C/C:N/I:N/A:L", 3.5},
	{"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.5},
	{"CVSS:3.1/AV:N/AC:H/PR:L/UI:N/S:U/C:N/I:L/A:N", 3.1},
	{"CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:H/I:H/A:H", 7.1},
	{"CVSS:3.1/AV:N/AC:H/PR:L/UI:R/S:U/C:N/I:N/A:H", 4.8},
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", 8.1},
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N", 3.7},
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N", 3.7},
	{"CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N", 6.1},
	{"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:H/A:H", 7.2},
	{"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:H/I:N/A:N", 4.9},
	{"CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:L", 4.7},
	{"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:L/I:L/A:N", 4.8},
	{"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:C/C:N/I:L/A:N", 3.4},
	{"CVSS:3.1/AV:N/AC:L/PR:H/UI:R/S:U/C:N/I:L/A:N", 2.4},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H", 9.9},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N", 6.5},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:L", 6.3},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N", 4.3},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:H/A:N", 6.5},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:L", 5.4},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:L/A:N", 4.3},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H", 6.5},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:H/I:H/A:H", 9},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:L", 6.5},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N", 5.4},
	{"CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:H", 6.8},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:H", 9.1},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:L", 8.2},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:L", 6.5},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", 5.3},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H", 9.1},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N", 7.5},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:H", 8.2},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:L", 6.5},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:L/A:N", 5.3},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:N/A:N", 7.4},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:N/I:H/A:N", 7.4},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:L", 6.3},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:L/I:L/A:N", 5.4},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:H", 7.1},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:L", 5.4},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:L/A:N", 4.3},
	{"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H", 6.5},
	{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:C/C:H/I:N/A:N", 5.3},
	{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 6.8},
	{"CVSS:3.1/AV:P/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 4.6},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 8.2},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 8.7},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", 6.3},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N", 8.2},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 5.9},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H", 6.9},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 9.0},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:N", 6.9},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:H/SI:H/SA:N", 9.3},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:A/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 4.1},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 1.0},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N", 8.2},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:N/SC:L/SI:L/SA:N", 9.1},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:N/VI:N/VA:H/SC:N/SI:N/SA:L", 5.9},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:N/VI:N/VA:L/SC:N/SI:N/SA:L", 2.3},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:N/VA:N/SC:L/SI:N/SA:N", 2.3},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 2.3},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:L/VA:H/SC:N/SI:N/SA:N", 6.1},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:N/VI:H/VA:N/SC:H/SI:H/SA:N", 8.4},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/E:P", 6.9},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:H/VA:N/SC:N/SI:N/SA:N", 8.7},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N", 9.3},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", 5.1},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", 5.1},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 6.9},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N/E:U", 6.3},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:P/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H", 6.9},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:N/VC:L/VI:N/VA:N/SC:L/SI:N/SA:N", 2.3},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:N/VC:L/VI:L/VA:H/SC:N/SI:N/SA:N", 6.1},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:P/VC:N/VI:L/VA:L/SC:N/SI:N/SA:N", 2.0},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N", 5.6},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N", 1.8},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:H/SI:N/SA:N", 8.9},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:N/VC:L/VI:H/VA:N/SC:H/SI:H/SA:H", 7.3},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:N/VI:N/VA:H/SC:N/SI:N/SA:H", 6.8},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 7.3},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 9.4},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:N/VI:H/VA:L/SC:H/SI:H/SA:H", 8.3},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:P/VC:L/VI:H/VA:L/SC:L/SI:H/SA:L", 8.5},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:H/VA:N/SC:N/SI:H/SA:N", 8.2},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:L/SC:H/SI:L/SA:H", 8.4},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:A/VC:L/VI:L/VA:N/SC:L/SI:L/SA:L", 4.8},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:N/SI:L/SA:N", 6.9},
	{"CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:A/VC:H/VI:N/VA:N/SC:H/SI:N/SA:H", 8.2},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:N/VI:H/VA:H/SC:L/SI:N/SA:L", 8.3},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:A/VC:H/VI:H/VA:L/SC:N/SI:N/SA:N", 7.5},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:N/VC:L/VI:L/VA:H/SC:L/SI:H/SA:H", 7.3},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:N/SI:H/SA:L", 4.8},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:N/VC:H/VI:N/VA:H/SC:H/SI:H/SA:N", 7.1},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:P/VC:L/VI:N/VA:L/SC:L/SI:L/SA:H", 4.8},
	{"CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:L/SA:L", 1.8},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:P/VC:L/VI:H/VA:L/SC:H/SI:L/SA:N", 7.2},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:N/UI:A/VC:N/VI:H/VA:N/SC:L/SI:N/SA:H", 7.0},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:P/VC:H/VI:L/VA:H/SC:N/SI:N/SA:L", 6.0},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:L/UI:A/VC:L/VI:L/VA:N/SC:H/SI:N/SA:N", 4.3},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:N/SI:H/SA:H", 7.0},
	{"CVSS:4.0/AV:N/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:N/SC:H/SI:H/SA:L", 7.0},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:N/VI:H/VA:H/SC:L/SI:H/SA:N", 9.0},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:A/VC:H/VI:H/VA:L/SC:N/SI:L/SA:H", 8.7},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:N/VC:L/VI:L/VA:H/SC:H/SI:L/SA:L", 7.2},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:L/SI:L/SA:N", 2.1},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:H", 7.0},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:P/VC:L/VI:N/VA:L/SC:H/SI:N/SA:L", 4.5},
	{"CVSS:4.0/AV:N/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:L/SI:N/SA:N", 1.8},
	{"CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:P/VC:L/VI:H/VA:L/SC:H/SI:H/SA:H", 8.5},
	{"CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:A/VC:N/VI:H/VA:N/SC:L/SI:H/SA:L", 8.3},
	{"CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:H/SC:N/SI:H/SA:N", 6.8},
	{"CVSS:4.0/AV:A/AC:L/AT:N/PR:L/UI:A/VC:L/VI:L/VA:N/SC:H/SI:L/SA:H", 4.5},
	{"CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:L/SI:L/SA:L", 6.8},
	{"CVSS:4.0/AV:A/AC:L/AT:N/PR:H/UI:A/VC:H/VI:N/VA:L/SC:N/SI:L/SA:N", 5.2},
	{"CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:N/VC:N/VI:H/VA:H/SC:H/SI:N/SA:H", 7.2},
	{"CVSS:4.0/AV:A/AC:L/AT:P/PR:N/UI:A/VC:H/VI:H/VA:L/SC:L/SI:N/SA:L", 7.3},
	{"CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:N/VC:L/VI:H/VA:N/SC:N/SI:N/SA:N", 5.9},
	{"CVSS:4.0/AV:A/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:L/SI:H/SA:H", 2.3},
	{"CVSS:4.0/AV:A/AC:L/AT:P/PR:H/UI:N/VC:H/VI:L/VA:N/SC:N/SI:H/SA:L", 6.9},
	{"CVSS:4.0/AV:A/AC:L/AT:P/PR:H/UI:P/VC:L/VI:N/VA:L/SC:H/SI:H/SA:N", 2.1},
	{"CVSS:4.0/AV:A/AC:L/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:H", 2.1},
	{"CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:P/VC:L/VI:H/VA:H/SC:N/SI:L/SA:L", 6.0},
	{"CVSS:4.0/AV:A/AC:H/AT:N/PR:N/UI:A/VC:N/VI:H/VA:N/SC:H/SI:L/SA:N", 6.9},
	{"CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:P/VC:H/VI:L/VA:H/SC:L/SI:N/SA:H", 5.8},
	{"CVSS:4.0/AV:A/AC:H/AT:N/PR:L/UI:A/VC:L/VI:L/VA:L/SC:N/SI:N/SA:L", 1.0},
	{"CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:H/SI:N/SA:N", 6.8},
	{"CVSS:4.0/AV:A/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:L/SC:N/SI:H/SA:H", 5.8},
	{"CVSS:4.0/AV:A/AC:H/AT:P/PR:N/UI:N/VC:N/VI:H/VA:H/SC:H/SI:H/SA:L", 7.3},
	{"CVSS:4.0/AV:A/AC:H/AT:P/PR:N/UI:A/VC:H/VI:H/VA:L/SC:L/SI:H/SA:N", 8.5},
	{"CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:N/VC:L/VI:H/VA:N/SC:N/SI:L/SA:H", 7.0},
	{"CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:N/VI:L/VA:L/SC:H/SI:L/SA:L", 2.1},
	{"CVSS:4.0/AV:A/AC:H/AT:P/PR:H/UI:N/VC:H/VI:L/VA:N/SC:L/SI:L/SA:N", 5.8},
	{"CVSS:4.0/AV:A/AC:H/AT:P/PR:H/UI:P/VC:L/VI:N/VA:H/SC:N/SI:N/SA:H", 5.6},
	{"CVSS:4.0/AV:A/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:H/SI:N/SA:L", 2.0},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:P/VC:L/VI:H/VA:H/SC:L/SI:N/SA:N", 7.0},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:N/VI:H/VA:N/SC:H/SI:H/SA:H", 8.3},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:H/SC:L/SI:H/SA:L", 7.0},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:A/VC:L/VI:L/VA:L/SC:N/SI:H/SA:N", 4.1},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:H/SC:H/SI:L/SA:H", 8.3},
	{"CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:A/VC:H/VI:N/VA:L/SC:L/SI:L/SA:L", 5.2},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:L/SA:N", 2.1},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:H/VI:H/VA:L/SC:H/SI:N/SA:H", 8.5},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:L/VI:H/VA:N/SC:L/SI:N/SA:L", 5.8},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:H/SC:N/SI:N/SA:N", 4.3},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:H/VI:L/VA:N/SC:L/SI:H/SA:H", 7.0},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:P/VC:L/VI:N/VA:H/SC:N/SI:H/SA:L", 5.7},
	{"CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:H/SI:H/SA:N", 2.1},
	{"CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:P/VC:L/VI:H/VA:H/SC:L/SI:L/SA:H", 7.1},
	{"CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:H/VA:L/SC:N/SI:L/SA:L", 5.6},
	{"CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:P/VC:H/VI:L/VA:H/SC:H/SI:L/SA:N", 5.8},
	{"CVSS:4.0/AV:L/AC:H/AT:N/PR:L/UI:A/VC:L/VI:L/VA:L/SC:L/SI:N/SA:H", 2.0},
	{"CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:L", 1.8},
	{"CVSS:4.0/AV:L/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:L/SC:H/SI:N/SA:N", 5.6},
	{"CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:H/SA:H", 5.1},
	{"CVSS:4.0/AV:L/AC:H/AT:P/PR:N/UI:A/VC:H/VI:H/VA:L/SC:H/SI:H/SA:L", 8.6},
	{"CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:N/VC:L/VI:H/VA:N/SC:L/SI:H/SA:N", 6.9},
	{"CVSS:4.0/AV:L/AC:H/AT:P/PR:L/UI:P/VC:N/VI:L/VA:H/SC:N/SI:L/SA:H", 5.7},
	{"CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:N/VC:H/VI:L/VA:N/SC:H/SI:L/SA:L", 6.9},
	{"CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:P/VC:L/VI:N/VA:H/SC:L/SI:L/SA:N", 4.3},
	{"CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:N/SA:H", 1.8},
	{"CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:P/VC:L/VI:H/VA:H/SC:H/SI:N/SA:L", 6.9},
	{"CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:A/VC:N/VI:H/VA:L/SC:L/SI:N/SA:N", 5.2},
	{"CVSS:4.0/AV:P/AC:L/AT:N/PR:L/UI:P/VC:H/VI:L/VA:H/SC:H/SI:H/SA:H", 7.2},
	{"CVSS:4.0/AV:P/AC:L/AT:N/PR:L/UI:A/VC:L/VI:L/VA:L/SC:L/SI:H/SA:L", 4.4},
	{"CVSS:4.0/AV:P/AC:L/AT:N/PR:H/UI:N/VC:N/VI:L/VA:N/SC:N/SI:H/SA:N", 4.1},
	{"CVSS:4.0/AV:P/AC:L/AT:N/PR:H/UI:A/VC:H/VI:N/VA:L/SC:H/SI:L/SA:H", 7.0},
	{"CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:N/VC:L/VI:N/VA:N/SC:L/SI:L/SA:L", 1.0},
	{"CVSS:4.0/AV:P/AC:L/AT:P/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:L/SA:N", 5.4},
	{"CVSS:4.0/AV:P/AC:L/AT:P/PR:L/UI:N/VC:L/VI:H/VA:N/SC:H/SI:N/SA:H", 5.8},
	{"CVSS:4.0/AV:P/AC:L/AT:P/PR:L/UI:P/VC:N/VI:L/VA:H/SC:L/SI:N/SA:L", 4.3},
	{"CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", 4.4},
	{"CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:P/VC:L/VI:N/VA:H/SC:L/SI:H/SA:H", 5.9},
	{"CVSS:4.0/AV:P/AC:L/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:N/SI:H/SA:L", 2.0},
	{"CVSS:4.0/AV:P/AC:H/AT:N/PR:N/UI:P/VC:L/VI:H/VA:H/SC:H/SI:H/SA:N", 5.9},
	{"CVSS:4.0/AV:P/AC:H/AT:N/PR:N/UI:A/VC:N/VI:H/VA:L/SC:L/SI:L/SA:H", 5.8},
	{"CVSS:4.0/AV:P/AC:H/AT:N/PR:L/UI:P/VC:H/VI:H/VA:N/SC:N/SI:L/SA:L", 5.3},
	{"CVSS:4.0/AV:P/AC:H/AT:N/PR:L/UI:A/VC:L/VI:L/VA:L/SC:H/SI:L/SA:N", 2.0},
	{"CVSS:4.0/AV:P/AC:H/AT:N/PR:H/UI:N/VC:N/VI:L/VA:N/SC:L/SI:N/SA:H", 2.0},
	{"CVSS:4.0/AV:P/AC:H/AT:N/PR:H/UI:A/VC:H/VI:N/VA:H/SC:N/SI:N/SA:L", 4.4},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:N/VC:L/VI:N/VA:N/SC:H/SI:N/SA:N", 1.8},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:N/UI:A/VC:H/VI:H/VA:H/SC:N/SI:H/SA:H", 7.0},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:N/VC:L/VI:H/VA:N/SC:H/SI:H/SA:L", 5.9},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:N/VI:L/VA:H/SC:L/SI:H/SA:N", 5.7},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:N/VC:H/VI:L/VA:L/SC:N/SI:L/SA:H", 5.8},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:P/VC:L/VI:N/VA:H/SC:H/SI:L/SA:L", 5.8},
	{"CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:L/SC:L/SI:L/SA:N", 1.0},
};

static void known_scores(void **state)
{
	size_t i;
	ss_cvss c;

	(void)state;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (ss_cvss_parse(&c, known[i].vector) < 0)
			fail_msg("%s: %s", known[i].vector, ss_error_last());
		if (fabs(c.base - known[i].score) > 1e-9)
			fail_msg("%s: %.1f, not %.1f", known[i].vector, c.base, known[i].score);
	}
}

static void expect(const char *vector, int major, int minor, double base, const char *sev)
{
	ss_cvss c;

	if (ss_cvss_parse(&c, vector) < 0)
		fail_msg("%s: %s", vector, ss_error_last());
	assert_int_equal(c.major, major);
	assert_int_equal(c.minor, minor);
	if (fabs(c.base - base) > 1e-9)
		fail_msg("%s: %.1f, not %.1f", vector, c.base, base);
	assert_string_equal(c.severity, sev);
}

static void versions_and_severities(void **state)
{
	(void)state;
	expect("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 3, 1, 9.8, "CRITICAL");
	expect("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 3, 0, 9.8, "CRITICAL");
	expect("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 3, 1, 10.0, "CRITICAL");
	/* scope changed: PR:L weighs 0.68, PR:H 0.5 */
	expect("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 3, 1, 6.4, "MEDIUM");
	expect("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:C/C:L/I:L/A:N", 3, 1, 5.5, "MEDIUM");
	expect("CVSS:3.1/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N", 3, 1, 3.8, "LOW");
	expect("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 3, 1, 0.0, "NONE");
	expect("CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:H/I:H/A:H", 3, 1, 7.5, "HIGH");
	/* temporal and environmental metrics do not change the base score */
	expect("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:R/CR:L/IR:L/AR:L/"
	       "MAV:P/MAC:H/MPR:H/MUI:R/MS:U/MC:N/MI:N/MA:N",
	       3, 1, 9.8, "CRITICAL");
	/* any order in version 3 */
	expect("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N", 3, 1, 9.8, "CRITICAL");
	expect("AV:N/AC:L/Au:N/C:C/I:C/A:C", 2, 0, 10.0, "HIGH");
	expect("AV:N/AC:L/Au:N/C:P/I:P/A:P", 2, 0, 7.5, "HIGH");
	expect("AV:N/AC:M/Au:N/C:N/I:P/A:N", 2, 0, 4.3, "MEDIUM");
	expect("AV:L/AC:H/Au:M/C:N/I:N/A:P", 2, 0, 0.8, "LOW");
	expect("AV:N/AC:L/Au:N/C:N/I:N/A:N", 2, 0, 0.0, "LOW");
	expect("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:H/CR:M/IR:M/AR:H", 2, 0, 7.5,
	       "HIGH");
	expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 4, 0, 9.3,
	       "CRITICAL");
	expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 4, 0, 10.0,
	       "CRITICAL");
	expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 4, 0, 6.9,
	       "MEDIUM");
	expect("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 4, 0, 8.5,
	       "HIGH");
	expect("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", 4, 0, 1.0, "LOW");
	expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 4, 0, 0.0,
	       "NONE");
	/* threat, environmental and supplemental metrics: CVSS-B unchanged */
	expect("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/CR:L/IR:X/"
	       "AR:M/MAV:P/MAC:H/MAT:P/MPR:H/MUI:A/MVC:N/MVI:N/MVA:N/MSC:H/MSI:S/MSA:S/S:P/"
	       "AU:Y/R:I/V:C/RE:H/U:Amber",
	       4, 0, 9.3, "CRITICAL");
	assert_string_equal(ss_cvss_severity(3, 3.9), "LOW");
	assert_string_equal(ss_cvss_severity(3, 4.0), "MEDIUM");
	assert_string_equal(ss_cvss_severity(3, 6.9), "MEDIUM");
	assert_string_equal(ss_cvss_severity(3, 8.9), "HIGH");
	assert_string_equal(ss_cvss_severity(4, 9.0), "CRITICAL");
	assert_string_equal(ss_cvss_severity(4, 0.1), "LOW");
	assert_string_equal(ss_cvss_severity(2, 3.9), "LOW");
	assert_string_equal(ss_cvss_severity(2, 4.0), "MEDIUM");
	assert_string_equal(ss_cvss_severity(2, 7.0), "HIGH");
	assert_string_equal(ss_cvss_severity(2, 10.0), "HIGH");
}

/* Version 3.0 rounds up with ceil(x * 10) / 10, 3.1 with the integer
 * Roundup of its appendix A; no base vector scores differently. */
static void v30_and_v31_base_agree(void **state)
{
	static const char av[] = "NALP", ac[] = "LH", pr[] = "NLH", ui[] = "NR", s[] = "UC",
			  cia[] = "HLN";
	char v[96];
	ss_cvss a, b;
	int i, n = 0;

	(void)state;
	for (i = 0; i < 4 * 2 * 3 * 2 * 2 * 27; i++) {
		int k = i;

		snprintf(v, sizeof(v), "CVSS:3.0/AV:%c/AC:%c/PR:%c/UI:%c/S:%c/C:%c/I:%c/A:%c",
			 av[k % 4], ac[k / 4 % 2], pr[k / 8 % 3], ui[k / 24 % 2], s[k / 48 % 2],
			 cia[k / 96 % 3], cia[k / 288 % 3], cia[k / 864 % 3]);
		assert_ok(ss_cvss_parse(&a, v));
		v[7] = '1';
		assert_ok(ss_cvss_parse(&b, v));
		assert_true(a.base == b.base);
		assert_true(a.base >= 0 && a.base <= 10);
		n++;
	}
	assert_int_equal(n, 2592);
}

static void refused(const char *vector, const char *want)
{
	ss_cvss c = {.major = 99};

	assert_int_equal(ss_cvss_parse(&c, vector), SS_EPARSE);
	if (!strstr(ss_error_last(), want))
		fail_msg("%s: '%s' does not say '%s'", vector, ss_error_last(), want);
	assert_int_equal(c.major, 99); /* out untouched */
}

static void strict_parsing(void **state)
{
	char big[SS_CVSS_MAX + 8];

	(void)state;
	refused("", "empty CVSS vector");
	refused("CVSS:3.2/AV:N", "unknown version 'CVSS:3.2'");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "the base metric A is missing");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AV:L",
		"byte 46: metric AV given twice");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q",
		"byte 44: 'Q' is not a value of metric A");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/", "byte 46: an empty metric");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:Y",
		"byte 46: unknown metric 'XX'");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/AH", "byte 42: 'AH' is not METRIC:VALUE");
	refused("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
		"byte 13: 'n' is not a value of metric AV");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/E:X", "metric E given twice");
	refused("CVSS:3.1/AV:N /AC:L", "byte 14: not a printable ASCII character");
	refused("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:\xc3\xa9", "not a printable ASCII");
	/* v2 and v4: the order of the specification */
	refused("AC:L/AV:N/Au:N/C:C/I:C/A:C", "byte 6: metric AV must come before AC");
	refused("AV:N/AC:L/Au:N/C:C/I:C/A:C/RL:OF/E:F", "metric E must come before RL");
	refused("AV:N/AC:L/Au:N/C:C/I:C", "the base metric A is missing");
	refused("AV:N/AC:L/Au:N/C:C/I:C/A:C/E:X", "'X' is not a value of metric E");
	refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SI:N/SC:N/SA:N",
		"metric SC must come before SI");
	refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:N/E:A",
		"metric E must come before S");
	refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N",
		"the base metric SA is missing");
	refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
		"'S' is not a value of metric SI");
	refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red",
		"'red' is not a value of metric U");
	refused("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MS:U",
		"unknown metric 'MS'");
	/* a v3 metric in a v2 vector, a v2 vector with a prefix */
	refused("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "unknown metric 'PR'");
	refused("CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C", "unknown version 'CVSS:2.0'");
	memset(big, 'A', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	refused(big, "longer than 512 bytes");
	assert_int_equal(ss_cvss_parse(NULL, "AV:N"), SS_EINVAL);
}

/* ---- every vector of the NVD and CSAF samples ------------------------- */

static json_t *load_gz(const char *path)
{
	gzFile f = gzopen(path, "rb");
	ss_buf b = SS_BUF_INIT((size_t)256 << 20);
	char chunk[65536];
	json_t *v = NULL;
	int n;

	if (!f)
		return NULL;
	while ((n = gzread(f, chunk, sizeof(chunk))) > 0)
		if (ss_buf_put(&b, chunk, (size_t)n) < 0)
			break;
	gzclose(f);
	v = json_loadb(b.ptr, b.len, 0, NULL);
	ss_buf_release(&b);
	return v;
}

/* One metric object of NVD (cvssData + baseSeverity) or CSAF (cvss_v3 /
 * cvss_v2). */
static void check_one(const char *file, const json_t *data, const char *severity, int *count)
{
	const char *vector = json_string_value(json_object_get(data, "vectorString"));
	json_t *score = json_object_get(data, "baseScore");
	ss_cvss c;

	if (!vector || !json_is_number(score))
		fail_msg("%s: a metric without vectorString or baseScore", file);
	if (ss_cvss_parse(&c, vector) < 0)
		fail_msg("%s: %s: %s", file, vector, ss_error_last());
	if (fabs(c.base - json_number_value(score)) > 1e-9)
		fail_msg("%s: %s: %.1f, the file says %.1f", file, vector, c.base,
			 json_number_value(score));
	if (severity && strcmp(c.severity, severity) != 0)
		fail_msg("%s: %s: %s, the file says %s", file, vector, c.severity, severity);
	(*count)++;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void nvd_samples(void **state)
{
	static const char *const kinds[] = {"cvssMetricV2", "cvssMetricV30", "cvssMetricV31",
					    "cvssMetricV40"};
	struct dirent **names = NULL;
	int n, i, count = 0, files = 0;

	(void)state;
	n = scandir(SHARED "/nvd", &names, NULL, by_name);
	if (n < 0) {
		print_message("no " SHARED "/nvd: skipped\n");
		skip();
	}
	for (i = 0; i < n; i++) {
		char path[4096];
		json_t *doc, *v, *metrics, *m;
		size_t j, k, x;

		if (!strstr(names[i]->d_name, ".json.gz")) {
			free(names[i]);
			continue;
		}
		snprintf(path, sizeof(path), SHARED "/nvd/%s", names[i]->d_name);
		free(names[i]);
		if (!(doc = load_gz(path)))
			fail_msg("%s: not JSON", path);
		files++;
		json_array_foreach(json_object_get(doc, "vulnerabilities"), j, v) {
			metrics = json_object_get(json_object_get(v, "cve"), "metrics");
			for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
				json_array_foreach(json_object_get(metrics, kinds[k]), x, m) {
					json_t *data = json_object_get(m, "cvssData");
					const char *sev = json_string_value(
						json_object_get(k == 0 ? m : data, "baseSeverity"));

					check_one(path, data, sev, &count);
				}
		}
		json_decref(doc);
	}
	free(names);
	print_message("NVD samples: %d vectors of %d files checked against NVD's scores\n", count,
		      files);
	/* 198 v2, 3 v3.0 and 328 v3.1 (1999, 2023 and CVE-2023-0001) */
	assert_true(files == 0 || count >= 529);
}

static void csaf_samples(void **state)
{
	static const char *const files[] = {"bsi-2022-0001.json",  "cisco-sa-20180328-smi2.json",
					    "rhsa-2019_1862.json", "rhsa-2021_5186.json",
					    "rhsa-2021_5217.json", "rhsa-2022_0011.json"};
	int count = 0, found = 0;
	size_t i, j, k;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[4096];
		json_t *doc, *vuln, *score;

		snprintf(path, sizeof(path), SHARED "/csaf/%s", files[i]);
		if (!(doc = json_load_file(path, 0, NULL)))
			continue;
		found++;
		json_array_foreach(json_object_get(doc, "vulnerabilities"), j, vuln)
			json_array_foreach(json_object_get(vuln, "scores"), k, score) {
				json_t *d;

				if ((d = json_object_get(score, "cvss_v3")))
					check_one(path, d,
						  json_string_value(
							  json_object_get(d, "baseSeverity")),
						  &count);
				if ((d = json_object_get(score, "cvss_v2")))
					check_one(path, d, NULL, &count);
			}
		json_decref(doc);
	}
	if (!found) {
		print_message("no " SHARED "/csaf: skipped\n");
		skip();
	}
	print_message("CSAF samples: %d scores checked\n", count);
	assert_true(count > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(known_scores),
		cmocka_unit_test(versions_and_severities),
		cmocka_unit_test(v30_and_v31_base_agree),
		cmocka_unit_test(strict_parsing),
		cmocka_unit_test(nvd_samples),
		cmocka_unit_test(csaf_samples),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
