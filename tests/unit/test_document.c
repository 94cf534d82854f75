/* The document model and its renderings: documents signed under earlier
 * rules re-render byte for byte; the negotiation of rules 3 in the model;
 * the view of one reader (ss_spec_model_redact). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "core/core.h"

/* Put the events of an exported log (one canonical event a line) into a new
 * project of the store, as the log's own writer had appended them. */
static void import_log(ss_store *st, const char *path, const char *project)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, hash[SS_SHA256_HEX] = "";
	size_t cap = 0;
	ssize_t n;
	int64_t pid = 0, seq = 0;

	assert_non_null(f);
	assert_ok(ss_store__begin(st));
	assert_ok(ss_lstore_project_key_new(&pid, st, project));
	while ((n = getline(&line, &cap, f)) > 0) {
		json_t *ev;

		if (line[n - 1] == '\n')
			line[--n] = '\0';
		assert_non_null(ev = json_loads(line, 0, NULL));
		assert_ok(ss_lstore_append(st, pid, ev, line, (size_t)n, NULL, hash));
		json_decref(ev);
		seq++;
	}
	assert_ok(ss_lstore_set_head_cas(st, pid, 0, seq, hash));
	assert_ok(ss_store__commit(st));
	free(line);
	fclose(f);
}

/* The SHA-256 a list "HASH  documents/NAME/FILE" gives for NAME/FILE. */
static void expected_hash(char out[SS_SHA256_HEX], const char *list, const char *doc)
{
	FILE *f = fopen(list, "r");
	char line[512], want[300];

	assert_non_null(f);
	snprintf(want, sizeof(want), "documents/%s", doc);
	out[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strlen(line) > 66 && strcmp(line + 66, want) == 0) {
			memcpy(out, line, 64);
			out[64] = '\0';
		}
	}
	fclose(f);
	assert_int_equal(strlen(out), 64);
}

static void assert_renders(const json_t *model, const char *format, const char *lang,
			   const char *want)
{
	ss_buf doc = SS_BUF_INIT(0);
	char got[SS_SHA256_HEX];

	assert_ok(ss_render(&doc, model, format, lang));
	ss_sha256_hex(got, doc.ptr, doc.len);
	if (strcmp(got, want) != 0)
		fail_msg("the %s %s rendering changed: %s, signed as %s", lang, format, got, want);
	ss_buf_release(&doc);
}

/* A project of rules 2 (the demo, two signed milestones, made by the version
 * before rules 3): each milestone's document, rebuilt from the log today,
 * has the hash its parties signed, and its renderings the bytes exported. */
static void earlier_rules_rerender(void **state)
{
	static const char *const docs[][2] = {
		{"json", "en"}, {"md", "ja"}, {"md", "en"}, {"html", "ja"}, {"html", "en"}};
	static const char *const ms[] = {"spec-v1", "spec-v2"};
	fixture *fx = *state;
	const char *dir = SECSPEC_SOURCE_DIR "/tests/data/docs-v2";
	char path[512], list[512], name[128], want[SS_SHA256_HEX];
	json_t *model = NULL;
	size_t i, j;

	snprintf(path, sizeof(path), "%s/events.jsonl", dir);
	snprintf(list, sizeof(list), "%s/documents.sha256", dir);
	import_log(fx->st, path, "demo");
	for (i = 0; i < 2; i++) {
		assert_ok(ss_spec_model_as_of(&model, fx->st, "demo", ms[i]));
		assert_null(json_object_get(model, "negotiation"));
		assert_string_equal(ss_js(model, "format"), "secspec-spec/1");
		for (j = 0; j < 5; j++) {
			if (strcmp(docs[j][0], "json") == 0)
				snprintf(name, sizeof(name), "%s/spec.json", ms[i]);
			else
				snprintf(name, sizeof(name), "%s/spec.%s.%s", ms[i], docs[j][1],
					 docs[j][0]);
			expected_hash(want, list, name);
			assert_renders(model, docs[j][0], docs[j][1], want);
		}
		json_decref(model);
		model = NULL;
	}
	/* and the state as it stands has nothing of rules 3 either */
	assert_ok(ss_spec_model(&model, fx->st, "demo"));
	assert_null(json_object_get(model, "negotiation"));
	assert_null(json_object_get(json_array_get(json_object_get(model, "agreements"), 0),
				    "parties"));
	json_decref(model);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(earlier_rules_rerender, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
