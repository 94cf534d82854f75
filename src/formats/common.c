#include <string.h>

#include "formats/import.h"
#include "util/banned.h"

#define MiB ((size_t)1 << 20)

/* ATT&CK Enterprise 18.1 with every object: 33 MB, 24,771 objects, the
 * largest 33 KB and 986 values, the longest string 4,680 bytes. */
const ss_import_limits ss_attack_limits = {
	.bytes = (uint64_t)512 * MiB,
	.string = 1 * MiB,
	.values = 50000000,
	.depth = 32,
	.records = 2000000,
	.record_bytes = 8 * MiB,
	.record_values = 200000,
};

/* ASVS 5.0.0 flat: 163 KB, 345 requirements. */
const ss_import_limits ss_asvs_limits = {
	.bytes = (uint64_t)64 * MiB,
	.string = 1 * MiB,
	.values = 10000000,
	.depth = 16,
	.records = 200000,
	.record_bytes = 1 * MiB,
	.record_values = 10000,
};

/* CWE 4.15: 15 MB unpacked, 1,427 entries, depth 9. */
const ss_import_limits ss_cwe_limits = {
	.bytes = (uint64_t)1024 * MiB,
	.string = 4 * MiB,
	.name = 1000,
	.values = 100000000,
	.depth = 128,
	.records = 2000000,
	.record_values = 10000,
};

/* SCAP data streams and STIGs: the SSG content for a distribution is tens of
 * MB unpacked with up to a few thousand rules. */
const ss_import_limits ss_xccdf_limits = {
	.bytes = (uint64_t)1024 * MiB,
	.string = 4 * MiB,
	.name = 1000,
	.values = 100000000,
	.depth = 128,
	.records = 5000000,
	.record_values = 10000,
};

static const ss_format formats[] = {
	{"attack", ss_format_attack, &ss_attack_limits},
	{"cwe", ss_format_cwe, &ss_cwe_limits},
	{"asvs", ss_format_asvs, &ss_asvs_limits},
	{"xccdf", ss_format_xccdf, &ss_xccdf_limits},
};

const ss_format *ss_format_find(const char *kind)
{
	size_t i;

	for (i = 0; kind && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(formats[i].kind, kind) == 0)
			return &formats[i];
	return NULL;
}

void ss_format_count(json_t *info, const char *what)
{
	json_t *counts = json_object_get(info, "counts");

	if (!counts) {
		counts = json_object();
		json_object_set_new(info, "counts", counts);
	}
	json_object_set_new(counts, what,
			    json_integer(json_integer_value(json_object_get(counts, what)) + 1));
}
