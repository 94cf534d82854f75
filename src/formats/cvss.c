/* CVSS 2.0, 3.0, 3.1 and 4.0 vectors: strict parsing and the base score
 * (docs/internals/cvss.md). */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "formats/cvss.h"
#include "util/util.h"
#include "util/banned.h"

/* One metric of a version: its abbreviation, its values (NULL-terminated),
 * whether the vector must hold it. */
typedef struct {
	const char *name;
	const char *values[8];
	bool required;
} metric;

#define NMAX 32 /* v4 has the most metrics: 32 */

/* CVSS v2.0 guide, table 13: base, temporal, environmental, in this order. */
static const metric v2[] = {
	{"AV", {"L", "A", "N"}, true},
	{"AC", {"H", "M", "L"}, true},
	{"Au", {"M", "S", "N"}, true},
	{"C", {"N", "P", "C"}, true},
	{"I", {"N", "P", "C"}, true},
	{"A", {"N", "P", "C"}, true},
	{"E", {"U", "POC", "F", "H", "ND"}, false},
	{"RL", {"OF", "TF", "W", "U", "ND"}, false},
	{"RC", {"UC", "UR", "C", "ND"}, false},
	{"CDP", {"N", "L", "LM", "MH", "H", "ND"}, false},
	{"TD", {"N", "L", "M", "H", "ND"}, false},
	{"CR", {"L", "M", "H", "ND"}, false},
	{"IR", {"L", "M", "H", "ND"}, false},
	{"AR", {"L", "M", "H", "ND"}, false},
};
enum { V2_AV, V2_AC, V2_AU, V2_C, V2_I, V2_A };

/* CVSS v3.0 and v3.1, table 15 (any order is accepted). */
static const metric v3[] = {
	{"AV", {"N", "A", "L", "P"}, true},
	{"AC", {"L", "H"}, true},
	{"PR", {"N", "L", "H"}, true},
	{"UI", {"N", "R"}, true},
	{"S", {"U", "C"}, true},
	{"C", {"H", "L", "N"}, true},
	{"I", {"H", "L", "N"}, true},
	{"A", {"H", "L", "N"}, true},
	{"E", {"X", "U", "P", "F", "H"}, false},
	{"RL", {"X", "O", "T", "W", "U"}, false},
	{"RC", {"X", "U", "R", "C"}, false},
	{"CR", {"X", "L", "M", "H"}, false},
	{"IR", {"X", "L", "M", "H"}, false},
	{"AR", {"X", "L", "M", "H"}, false},
	{"MAV", {"X", "N", "A", "L", "P"}, false},
	{"MAC", {"X", "L", "H"}, false},
	{"MPR", {"X", "N", "L", "H"}, false},
	{"MUI", {"X", "N", "R"}, false},
	{"MS", {"X", "U", "C"}, false},
	{"MC", {"X", "N", "L", "H"}, false},
	{"MI", {"X", "N", "L", "H"}, false},
	{"MA", {"X", "N", "L", "H"}, false},
};
enum { V3_AV, V3_AC, V3_PR, V3_UI, V3_S, V3_C, V3_I, V3_A };

/* CVSS v4.0, table 23: base, threat, environmental, supplemental, in this
 * order. */
static const metric v4[] = {
	{"AV", {"N", "A", "L", "P"}, true},
	{"AC", {"L", "H"}, true},
	{"AT", {"N", "P"}, true},
	{"PR", {"N", "L", "H"}, true},
	{"UI", {"N", "P", "A"}, true},
	{"VC", {"H", "L", "N"}, true},
	{"VI", {"H", "L", "N"}, true},
	{"VA", {"H", "L", "N"}, true},
	{"SC", {"H", "L", "N"}, true},
	{"SI", {"H", "L", "N"}, true},
	{"SA", {"H", "L", "N"}, true},
	{"E", {"X", "A", "P", "U"}, false},
	{"CR", {"X", "H", "M", "L"}, false},
	{"IR", {"X", "H", "M", "L"}, false},
	{"AR", {"X", "H", "M", "L"}, false},
	{"MAV", {"X", "N", "A", "L", "P"}, false},
	{"MAC", {"X", "L", "H"}, false},
	{"MAT", {"X", "N", "P"}, false},
	{"MPR", {"X", "N", "L", "H"}, false},
	{"MUI", {"X", "N", "P", "A"}, false},
	{"MVC", {"X", "H", "L", "N"}, false},
	{"MVI", {"X", "H", "L", "N"}, false},
	{"MVA", {"X", "H", "L", "N"}, false},
	{"MSC", {"X", "H", "L", "N"}, false},
	{"MSI", {"X", "S", "H", "L", "N"}, false},
	{"MSA", {"X", "S", "H", "L", "N"}, false},
	{"S", {"X", "N", "P"}, false},
	{"AU", {"X", "N", "Y"}, false},
	{"R", {"X", "A", "U", "I"}, false},
	{"V", {"X", "D", "C"}, false},
	{"RE", {"X", "L", "M", "H"}, false},
	{"U", {"X", "Clear", "Green", "Amber", "Red"}, false},
};
enum { V4_AV, V4_AC, V4_AT, V4_PR, V4_UI, V4_VC, V4_VI, V4_VA, V4_SC, V4_SI, V4_SA };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* floor, ceil and integer powers without libm (the library does not link
 * it); x is within +-2^52 here. */
static double floor_(double x)
{
	double t = (double)(long long)x;

	return t > x ? t - 1 : t;
}

static double ceil_(double x)
{
	double t = (double)(long long)x;

	return t < x ? t + 1 : t;
}

static double pow15(double y)
{
	double y2 = y * y, y4 = y2 * y2, y8 = y4 * y4;

	return y * y2 * y4 * y8;
}

static bool same(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && memcmp(s, word, n) == 0;
}

/*
 * The metrics of vector from byte off on, into val[i] (index of the value
 * in defs[i].values, -1 when absent). ordered: each metric must come after
 * the one before in defs.
 */
static int parse_metrics(int *val, const metric *defs, size_t ndefs, bool ordered,
			 const char *vector, size_t off)
{
	const char *s = vector + off;
	size_t i, k;
	int last = -1;

	for (i = 0; i < ndefs; i++)
		val[i] = -1;
	for (;;) {
		const char *end = strchr(s, '/'), *colon;
		size_t len = end ? (size_t)(end - s) : strlen(s), at = (size_t)(s - vector) + 1;
		size_t nlen, vlen;

		if (len == 0)
			return ss_error_set(SS_EPARSE, "CVSS vector, byte %zu: an empty metric",
					    at);
		colon = memchr(s, ':', len);
		if (!colon)
			return ss_error_set(SS_EPARSE,
					    "CVSS vector, byte %zu: '%.*s' is not METRIC:VALUE", at,
					    (int)(len > 16 ? 16 : len), s);
		nlen = (size_t)(colon - s);
		vlen = len - nlen - 1;
		for (i = 0; i < ndefs && !same(s, nlen, defs[i].name); i++)
			;
		if (i == ndefs)
			return ss_error_set(SS_EPARSE,
					    "CVSS vector, byte %zu: unknown metric '%.*s'", at,
					    (int)(nlen > 16 ? 16 : nlen), s);
		if (val[i] >= 0)
			return ss_error_set(SS_EPARSE,
					    "CVSS vector, byte %zu: metric %s given twice", at,
					    defs[i].name);
		if (ordered && (int)i < last)
			return ss_error_set(SS_EPARSE,
					    "CVSS vector, byte %zu: metric %s must come before %s",
					    at, defs[i].name, defs[last].name);
		for (k = 0; defs[i].values[k] && !same(colon + 1, vlen, defs[i].values[k]); k++)
			;
		if (!defs[i].values[k])
			return ss_error_set(
				SS_EPARSE,
				"CVSS vector, byte %zu: '%.*s' is not a value of metric %s",
				at + nlen + 1, (int)(vlen > 16 ? 16 : vlen), colon + 1,
				defs[i].name);
		val[i] = (int)k;
		last = (int)i;
		if (!end)
			break;
		s = end + 1;
	}
	for (i = 0; i < ndefs; i++)
		if (defs[i].required && val[i] < 0)
			return ss_error_set(SS_EPARSE, "CVSS vector: the base metric %s is missing",
					    defs[i].name);
	return 0;
}

/* ---- v2 -------------------------------------------------------------- */

/* Round half up to one decimal; the small slack absorbs the binary error
 * of a product that is exactly on .x5 in decimal. */
static double round1(double x)
{
	return floor_(x * 10.0 + 0.5 + 1e-9) / 10.0;
}

static double score_v2(const int *val)
{
	static const double av[] = {0.395, 0.646, 1.0}, ac[] = {0.35, 0.61, 0.71},
			    au[] = {0.45, 0.56, 0.704}, cia[] = {0.0, 0.275, 0.660};
	double impact =
		10.41 * (1 - (1 - cia[val[V2_C]]) * (1 - cia[val[V2_I]]) * (1 - cia[val[V2_A]]));
	double expl = 20 * av[val[V2_AV]] * ac[val[V2_AC]] * au[val[V2_AU]];

	if (impact == 0)
		return 0.0;
	return round1((0.6 * impact + 0.4 * expl - 1.5) * 1.176);
}

/* ---- v3 -------------------------------------------------------------- */

/* CVSS v3.1 appendix A: the smallest one-decimal number >= x, computed on
 * integers so that 4.000000001 is not 4.1. */
static double roundup31(double x)
{
	long long i = (long long)floor_(x * 100000.0 + 0.5);

	if (i % 10000 == 0)
		return (double)i / 100000.0;
	return (double)(i / 10000 + 1) / 10.0;
}

/* CVSS v3.0 section 7.4 as its calculator computes it. */
static double roundup30(double x)
{
	return ceil_(x * 10.0) / 10.0;
}

static double score_v3(const int *val, int minor)
{
	static const double av[] = {0.85, 0.62, 0.55, 0.2}, ac[] = {0.77, 0.44},
			    ui[] = {0.85, 0.62}, cia[] = {0.56, 0.22, 0.0};
	static const double pr_u[] = {0.85, 0.62, 0.27}, pr_c[] = {0.85, 0.68, 0.5};
	bool changed = val[V3_S] == 1;
	double iss = 1 - (1 - cia[val[V3_C]]) * (1 - cia[val[V3_I]]) * (1 - cia[val[V3_A]]);
	double impact, expl, sum;

	impact = changed ? 7.52 * (iss - 0.029) - 3.25 * pow15(iss - 0.02) : 6.42 * iss;
	expl = 8.22 * av[val[V3_AV]] * ac[val[V3_AC]] * (changed ? pr_c : pr_u)[val[V3_PR]] *
	       ui[val[V3_UI]];
	if (impact <= 0)
		return 0.0;
	sum = changed ? 1.08 * (impact + expl) : impact + expl;
	if (sum > 10)
		sum = 10;
	return minor == 0 ? roundup30(sum) : roundup31(sum);
}

/* ---- v4 -------------------------------------------------------------- */

/*
 * The score of each macro vector in tenths, -1 where the macro vector does
 * not exist: the values of the FIRST reference calculator (cvss_lookup.js),
 * indexed eq1*108 + eq2*54 + eq3*18 + eq4*6 + eq5*2 + eq6.
 */
static const short macro_score[324] = {
	100, 99, 98, 95, 95, 92, 100, 96, 93, 87, 91, 81, 93, 90, 89, 80, 81, 68, 98, 95, 95, 92,
	90,  84, 93, 92, 89, 81, 81,  65, 88, 80, 78, 70, 69, 48, -1, 92, -1, 82, -1, 72, -1, 79,
	-1,  69, -1, 50, -1, 69, -1,  55, -1, 27, 99, 97, 95, 92, 92, 85, 95, 91, 90, 83, 84, 71,
	92,  81, 82, 71, 72, 53, 95,  93, 92, 85, 85, 73, 92, 82, 80, 72, 70, 59, 84, 70, 71, 52,
	50,  30, -1, 86, -1, 75, -1,  52, -1, 71, -1, 52, -1, 29, -1, 63, -1, 29, -1, 17, 98, 95,
	94,  87, 91, 81, 94, 89, 86,  74, 77, 64, 87, 75, 74, 63, 63, 49, 94, 89, 88, 77, 76, 67,
	86,  76, 74, 58, 59, 50, 72,  57, 57, 52, 52, 25, -1, 83, -1, 70, -1, 54, -1, 65, -1, 58,
	-1,  26, -1, 53, -1, 21, -1,  13, 95, 90, 88, 76, 76, 70, 90, 77, 75, 62, 61, 53, 77, 66,
	68,  59, 52, 30, 89, 78, 76,  67, 62, 58, 74, 59, 57, 57, 47, 23, 61, 52, 57, 29, 24, 16,
	-1,  71, -1, 59, -1, 30, -1,  58, -1, 26, -1, 15, -1, 23, -1, 13, -1, 6,  93, 87, 86, 72,
	75,  58, 86, 74, 74, 61, 56,  34, 70, 54, 52, 40, 40, 22, 85, 75, 74, 55, 62, 51, 72, 57,
	55,  41, 46, 19, 53, 36, 34,  19, 19, 8,  -1, 64, -1, 51, -1, 20, -1, 47, -1, 21, -1, 11,
	-1,  24, -1, 9,  -1, 4,  88,  75, 73, 53, 60, 50, 73, 55, 59, 40, 41, 20, 54, 43, 45, 22,
	20,  11, 75, 55, 58, 45, 40,  21, 61, 51, 48, 18, 20, 9,  46, 18, 17, 7,  8,  2,  -1, 53,
	-1,  24, -1, 14, -1, 24, -1,  12, -1, 5,  -1, 10, -1, 3,  -1, 1,
};

static int macro_at(int e1, int e2, int e3, int e4, int e5, int e6)
{
	if (e1 > 2 || e2 > 1 || e3 > 2 || e4 > 2 || e5 > 2 || e6 > 1)
		return -1;
	return macro_score[e1 * 108 + e2 * 54 + e3 * 18 + e4 * 6 + e5 * 2 + e6];
}

/* The severity levels of the reference calculator, in the metric order
 * AV PR UI AC AT VC VI VA SC SI SA CR IR AR, as tenths of a step. */
enum { L_AV, L_PR, L_UI, L_AC, L_AT, L_VC, L_VI, L_VA, L_SC, L_SI, L_SA, L_CR, L_IR, L_AR, L_N };

static double level(int m, char v)
{
	switch (m) {
	case L_AV:
		return v == 'N' ? 0.0 : v == 'A' ? 0.1 : v == 'L' ? 0.2 : 0.3;
	case L_PR:
		return v == 'N' ? 0.0 : v == 'L' ? 0.1 : 0.2;
	case L_UI:
		return v == 'N' ? 0.0 : v == 'P' ? 0.1 : 0.2;
	case L_AC:
		return v == 'L' ? 0.0 : 0.1;
	case L_AT:
		return v == 'N' ? 0.0 : 0.1;
	case L_VC:
	case L_VI:
	case L_VA:
		return v == 'H' ? 0.0 : v == 'L' ? 0.1 : 0.2;
	case L_SC:
		return v == 'H' ? 0.1 : v == 'L' ? 0.2 : 0.3;
	case L_SI:
	case L_SA:
		return v == 'S' ? 0.0 : v == 'H' ? 0.1 : v == 'L' ? 0.2 : 0.3;
	default: /* CR IR AR */
		return v == 'H' ? 0.0 : v == 'M' ? 0.1 : 0.2;
	}
}

/* The highest-severity vectors of each macro vector's equivalence classes
 * (the reference calculator's max_composed.js), as the letters of their
 * metrics: EQ1 AV PR UI; EQ2 AC AT; EQ3+EQ6 VC VI VA CR IR AR; EQ4 SC SI SA. */
static const char *const max_eq1[3][4] = {{"NNN"}, {"ANN", "NLN", "NNP"}, {"PNN", "ALP"}};
static const char *const max_eq2[2][3] = {{"LN"}, {"HN", "LP"}};
static const char *const max_eq36[3][2][6] = {
	{{"HHHHHH"}, {"HHLMMH", "HHHMMM"}},
	{{"LHHHHH", "HLHHHH"}, {"LHLHMH", "LHHHMM", "HLHMHM", "HLLMHH", "LLHHHM"}},
	{{NULL}, {"LLLHHH"}}};
static const char *const max_eq4[3][2] = {{"HSS"}, {"HHH"}, {"LLL"}};
/* the max severity distance of each class (max_severity.js) */
static const int sev_eq1[3] = {1, 4, 5}, sev_eq2[2] = {1, 2}, sev_eq4[3] = {6, 5, 4};
static const int sev_eq36[3][2] = {{7, 6}, {8, 8}, {0, 10}};

/* Math.round of the reference (JavaScript): half up, exactly. */
static double js_round(double x)
{
	double r = floor_(x);

	return x - r >= 0.5 ? r + 1 : r;
}

/*
 * CVSS-B: the base metrics only, the threat metric E taken as A and the
 * security requirements CR, IR, AR as H, as the specification says for
 * absent (X) values; the modified metrics play no part.
 */
static double score_v4(const int *val)
{
	char sel[L_N];
	const char *m1, *m2, *m36, *m4;
	double d[L_N] = {0}, value, lower, msd, mean = 0;
	double cur1, cur2, cur36, cur4, step = 0.1;
	int e1, e2, e3, e4, e5 = 0, e6, n = 0, s, a, b, c, k, i;
	bool found = false;

	/* letters in the level order */
	sel[L_AV] = v4[V4_AV].values[val[V4_AV]][0];
	sel[L_PR] = v4[V4_PR].values[val[V4_PR]][0];
	sel[L_UI] = v4[V4_UI].values[val[V4_UI]][0];
	sel[L_AC] = v4[V4_AC].values[val[V4_AC]][0];
	sel[L_AT] = v4[V4_AT].values[val[V4_AT]][0];
	sel[L_VC] = v4[V4_VC].values[val[V4_VC]][0];
	sel[L_VI] = v4[V4_VI].values[val[V4_VI]][0];
	sel[L_VA] = v4[V4_VA].values[val[V4_VA]][0];
	sel[L_SC] = v4[V4_SC].values[val[V4_SC]][0];
	sel[L_SI] = v4[V4_SI].values[val[V4_SI]][0];
	sel[L_SA] = v4[V4_SA].values[val[V4_SA]][0];
	sel[L_CR] = sel[L_IR] = sel[L_AR] = 'H';

	if (sel[L_VC] == 'N' && sel[L_VI] == 'N' && sel[L_VA] == 'N' && sel[L_SC] == 'N' &&
	    sel[L_SI] == 'N' && sel[L_SA] == 'N')
		return 0.0;

	/* the macro vector */
	if (sel[L_AV] == 'N' && sel[L_PR] == 'N' && sel[L_UI] == 'N')
		e1 = 0;
	else if ((sel[L_AV] == 'N' || sel[L_PR] == 'N' || sel[L_UI] == 'N') && sel[L_AV] != 'P')
		e1 = 1;
	else
		e1 = 2;
	e2 = sel[L_AC] == 'L' && sel[L_AT] == 'N' ? 0 : 1;
	if (sel[L_VC] == 'H' && sel[L_VI] == 'H')
		e3 = 0;
	else if (sel[L_VC] == 'H' || sel[L_VI] == 'H' || sel[L_VA] == 'H')
		e3 = 1;
	else
		e3 = 2;
	/* EQ4 0 needs MSI:S or MSA:S, which are environmental */
	e4 = sel[L_SC] == 'H' || sel[L_SI] == 'H' || sel[L_SA] == 'H' ? 1 : 2;
	e6 = (sel[L_CR] == 'H' && sel[L_VC] == 'H') || (sel[L_IR] == 'H' && sel[L_VI] == 'H') ||
			     (sel[L_AR] == 'H' && sel[L_VA] == 'H')
		     ? 0
		     : 1;
	s = macro_at(e1, e2, e3, e4, e5, e6);
	if (s < 0)
		return 0.0; /* not reached: every base vector has a macro vector */
	value = s / 10.0;

	/* the first highest-severity vector that is at least as severe in
	   every metric; if none, the distances to the last one tried */
	for (a = 0; !found && a < 4 && (m1 = max_eq1[e1][a]); a++)
		for (b = 0; !found && b < 3 && (m2 = max_eq2[e2][b]); b++)
			for (c = 0; !found && c < 6 && (m36 = max_eq36[e3][e6][c]); c++) {
				m4 = max_eq4[e4][0];
				for (k = 0; k < 3; k++)
					d[L_AV + k] = level(L_AV + k, sel[L_AV + k]) -
						      level(L_AV + k, m1[k]);
				for (k = 0; k < 2; k++)
					d[L_AC + k] = level(L_AC + k, sel[L_AC + k]) -
						      level(L_AC + k, m2[k]);
				for (k = 0; k < 6; k++)
					d[L_VC + k] = level(L_VC + k, sel[L_VC + k]) -
						      level(L_VC + k, m36[k]);
				for (k = 0; k < 3; k++)
					d[L_SC + k] = level(L_SC + k, sel[L_SC + k]) -
						      level(L_SC + k, m4[k]);
				found = true;
				for (i = 0; i < L_N; i++)
					if (d[i] < 0)
						found = false;
			}

	cur1 = d[L_AV] + d[L_PR] + d[L_UI];
	cur2 = d[L_AC] + d[L_AT];
	cur36 = d[L_VC] + d[L_VI] + d[L_VA] + d[L_CR] + d[L_IR] + d[L_AR];
	cur4 = d[L_SC] + d[L_SI] + d[L_SA];

	/* each class: the score difference to the next lower macro vector,
	   times the proportion of the class's depth the vector is down */
	if ((s = macro_at(e1 + 1, e2, e3, e4, e5, e6)) >= 0) {
		msd = value - s / 10.0;
		mean += msd * (cur1 / (sev_eq1[e1] * step));
		n++;
	}
	if ((s = macro_at(e1, e2 + 1, e3, e4, e5, e6)) >= 0) {
		msd = value - s / 10.0;
		mean += msd * (cur2 / (sev_eq2[e2] * step));
		n++;
	}
	if (e3 == 0 && e6 == 0) {
		int l = macro_at(e1, e2, e3, e4, e5, e6 + 1),
		    r = macro_at(e1, e2, e3 + 1, e4, e5, e6);

		s = l > r ? l : r;
	} else if (e3 == 1 && e6 == 0) {
		s = macro_at(e1, e2, e3, e4, e5, e6 + 1);
	} else if (e6 == 1 && e3 < 2) {
		s = macro_at(e1, e2, e3 + 1, e4, e5, e6);
	} else {
		s = -1;
	}
	if (s >= 0) {
		msd = value - s / 10.0;
		mean += msd * (cur36 / (sev_eq36[e3][e6] * step));
		n++;
	}
	if ((s = macro_at(e1, e2, e3, e4 + 1, e5, e6)) >= 0) {
		msd = value - s / 10.0;
		mean += msd * (cur4 / (sev_eq4[e4] * step));
		n++;
	}
	if ((s = macro_at(e1, e2, e3, e4, e5 + 1, e6)) >= 0)
		n++; /* EQ5's proportion is always 0 */
	lower = n ? mean / n : 0;
	value -= lower;
	if (value < 0)
		value = 0;
	if (value > 10)
		value = 10;
	return js_round(value * 10) / 10;
}

/* ---- entry points ------------------------------------------------------ */

const char *ss_cvss_severity(int major, double score)
{
	if (major == 2)
		return score < 3.95 ? "LOW" : score < 6.95 ? "MEDIUM" : "HIGH";
	if (score < 0.05)
		return "NONE";
	return score < 3.95 ? "LOW" : score < 6.95 ? "MEDIUM" : score < 8.95 ? "HIGH" : "CRITICAL";
}

int ss_cvss_parse(ss_cvss *out, const char *vector)
{
	int val[NMAX];
	ss_cvss r = {0};
	size_t i, len;
	int error;

	if (!out || !vector)
		return ss_error_set(SS_EINVAL, "ss_cvss_parse: NULL argument");
	len = strnlen(vector, SS_CVSS_MAX + 1);
	if (len > SS_CVSS_MAX)
		return ss_error_set(SS_EPARSE, "CVSS vector longer than %d bytes", SS_CVSS_MAX);
	if (len == 0)
		return ss_error_set(SS_EPARSE, "empty CVSS vector");
	for (i = 0; i < len; i++)
		if ((unsigned char)vector[i] <= ' ' || (unsigned char)vector[i] >= 0x7f)
			return ss_error_set(
				SS_EPARSE, "CVSS vector, byte %zu: not a printable ASCII character",
				i + 1);
	if (strncmp(vector, "CVSS:", 5) != 0) {
		r.major = 2;
		if ((error = parse_metrics(val, v2, COUNT(v2), true, vector, 0)) < 0)
			return error;
		r.base = score_v2(val);
	} else if (strncmp(vector, "CVSS:3.0/", 9) == 0 || strncmp(vector, "CVSS:3.1/", 9) == 0) {
		r.major = 3;
		r.minor = vector[7] - '0';
		if ((error = parse_metrics(val, v3, COUNT(v3), false, vector, 9)) < 0)
			return error;
		r.base = score_v3(val, r.minor);
	} else if (strncmp(vector, "CVSS:4.0/", 9) == 0) {
		r.major = 4;
		if ((error = parse_metrics(val, v4, COUNT(v4), true, vector, 9)) < 0)
			return error;
		r.base = score_v4(val);
	} else {
		return ss_error_set(SS_EPARSE,
				    "CVSS vector: unknown version '%.*s' (CVSS:3.0/, CVSS:3.1/, "
				    "CVSS:4.0/, or a version 2 vector without a prefix)",
				    (int)(strcspn(vector, "/") > 16 ? 16 : strcspn(vector, "/")),
				    vector);
	}
	r.severity = ss_cvss_severity(r.major, r.base);
	*out = r;
	return 0;
}
