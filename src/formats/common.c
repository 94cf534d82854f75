#include "formats/import.h"

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
