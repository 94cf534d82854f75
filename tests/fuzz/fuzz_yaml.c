/*
 * Fuzz target: ss_yaml_load (src/util/yaml.c).
 *
 * The loader reads a path, so each input is written to a per-process scratch
 * file first. Beyond memory safety (ASan/UBSan), an accepted document is
 * checked against libyaml's own event stream: it must hold no anchor, alias,
 * tag or NUL character, exactly one document, and nest no deeper than the
 * cap. A rejected one must fail with a parse or limit error and leave *out
 * alone.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/util.h"
#include "fuzz.h"

#define MAX_BYTES ((size_t)4 * 1024 * 1024)
#define MAX_DEPTH 16

static void fail(const char *what, const char *msg)
{
	fprintf(stderr, "fuzz_yaml: %s: %s\n", what, msg);
	abort();
}

/* Replays the input through libyaml alone; aborts when the loader accepted
 * something it promises to refuse. */
static void check_events(const uint8_t *data, size_t size)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, maxdepth = -1, docs = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		abort();
	yaml_parser_set_input_string(&p, data, size);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev))
			fail("accepted", "input libyaml cannot parse");
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			docs++;
			break;
		case YAML_ALIAS_EVENT:
			fail("accepted", "an alias");
			break;
		case YAML_SCALAR_EVENT:
			if (ev.data.scalar.anchor || ev.data.scalar.tag)
				fail("accepted", "an anchored or tagged scalar");
			/* values and keys alike: a NUL would cut the text short */
			if (memchr(ev.data.scalar.value, '\0', ev.data.scalar.length))
				fail("accepted", "a scalar with a NUL character");
			if (depth > maxdepth)
				maxdepth = depth;
			break;
		case YAML_SEQUENCE_START_EVENT:
			if (ev.data.sequence_start.anchor || ev.data.sequence_start.tag)
				fail("accepted", "an anchored or tagged sequence");
			if (depth++ > maxdepth)
				maxdepth = depth - 1;
			break;
		case YAML_MAPPING_START_EVENT:
			if (ev.data.mapping_start.anchor || ev.data.mapping_start.tag)
				fail("accepted", "an anchored or tagged mapping");
			if (depth++ > maxdepth)
				maxdepth = depth - 1;
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (docs != 1)
		fail("accepted", "a stream without exactly one document");
	if (maxdepth > MAX_DEPTH)
		fail("accepted", "nesting deeper than the cap");
}

/* Every value is a string, list or mapping; every mapping carries its
 * source positions and no other "_" key. */
static void check_tree(const json_t *v)
{
	const char *key;
	json_t *val;
	size_t i;

	switch (json_typeof(v)) {
	case JSON_STRING:
		return;
	case JSON_ARRAY:
		json_array_foreach(v, i, val)
			check_tree(val);
		return;
	case JSON_OBJECT:
		if (json_integer_value(json_object_get(v, "__line")) < 1)
			fail("result", "mapping without __line");
		json_object_foreach((json_t *)v, key, val) {
			if (strcmp(key, "__line") == 0)
				continue;
			if (strncmp(key, "__L", 3) == 0) { /* the line of key + 3 */
				if (!json_object_get(v, key + 3) || json_integer_value(val) < 1)
					fail("result", "a line for a key that is not there");
				continue;
			}
			if (key[0] == '_' || key[0] == '\0')
				fail("result", "key that the loader must refuse");
			check_tree(val);
		}
		return;
	default:
		fail("result", "value that is not a string, list or mapping");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_path("input.yaml");
	json_t *doc = NULL;
	int error;

	fuzz_write_file(path, data, size);
	error = ss_yaml_load(&doc, path, MAX_BYTES, MAX_DEPTH);
	if (error == 0) {
		if (!doc)
			fail("success", "*out is NULL");
		check_tree(doc);
		check_events(data, size);
	} else {
		if (doc)
			fail("failure", "*out was written");
		if (error != SS_EPARSE && error != SS_ELIMIT && error != SS_ENOMEM)
			fail(ss_error_name(error), ss_error_last());
		if (!*ss_error_last())
			fail("failure", "no error message");
	}
	json_decref(doc);
	return 0;
}
