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

/* A model with what the NDA gate concerns: two members, one asset, a legacy
 * system, a FOSS proposal, two candidates (one under NDA). */
static json_t *gated_model(bool vendor_nda)
{
	json_t *m = json_loads(
		"{\"format\": \"secspec-spec/1\","
		" \"members\": [{\"person\": \"u\", \"side\": \"user\", \"role\": \"lead\"},"
		"  {\"person\": \"v\", \"side\": \"vendor\", \"role\": \"member\"}],"
		" \"assets\": [{\"id\": \"a1\", \"name\": \"Customer records\", \"system\": "
		"\"CRM\","
		"  \"devices\": [\"db01\"], \"answers\": [{\"id\": \"q\", \"answer\": \"120k\"}]}],"
		" \"systems\": [{\"name\": \"CRM\", \"devices\": [\"db01\"], \"measures\": [],"
		"  \"legacy\": \"no vendor support\", \"compensating\": \"isolated VLAN\"},"
		"  {\"name\": \"WEB\", \"devices\": [\"web01\"], \"measures\": []}],"
		" \"negotiation\": {\"vendor\": {\"named\": true, \"org\": \"V\", \"selected\": "
		"null,"
		"  \"nda\": null}, \"candidates\": [{\"id\": \"c1\", \"org\": \"A\", \"nda\": "
		"{\"date\":"
		"  \"2026-11-01\"}}, {\"id\": \"c2\", \"org\": \"B\"}],"
		"  \"proposals\": [{\"id\": \"P-0001\", \"kind\": \"foss\", \"component\": "
		"\"openssl\","
		"  \"version\": \"3.0.2\", \"licence\": \"Apache-2.0\"}]}}",
		0, NULL);

	assert_non_null(m);
	if (vendor_nda)
		json_object_set_new(json_object_get(json_object_get(m, "negotiation"), "vendor"),
				    "nda", json_pack("{s:s}", "date", "2026-11-20"));
	return m;
}

static void assert_withheld(const json_t *m, const char *viewer)
{
	const json_t *a = json_array_get(json_object_get(m, "assets"), 0);
	const json_t *s = json_array_get(json_object_get(m, "systems"), 0);
	const json_t *w = json_array_get(json_object_get(m, "systems"), 1);
	const json_t *p =
		json_array_get(json_object_get(json_object_get(m, "negotiation"), "proposals"), 0);

	assert_string_equal(ss_js(json_object_get(m, "withheld"), "for"), viewer);
	assert_true(json_is_null(json_object_get(a, "name")));
	assert_true(json_is_null(json_object_get(a, "devices")));
	assert_true(json_is_null(json_object_get(a, "answers")));
	assert_string_equal(ss_js(a, "id"), "a1");
	assert_string_equal(ss_js(a, "system"), "CRM");
	assert_true(json_is_null(json_object_get(s, "devices")));
	assert_true(json_is_null(json_object_get(s, "measures")));
	assert_true(json_is_null(json_object_get(s, "legacy")));
	assert_true(json_is_null(json_object_get(s, "compensating")));
	/* a system that is not legacy gains no legacy field */
	assert_null(json_object_get(w, "legacy"));
	assert_true(json_is_null(json_object_get(p, "component")));
	assert_true(json_is_null(json_object_get(p, "version")));
	assert_string_equal(ss_js(p, "licence"), "Apache-2.0");
}

static void redact_views(void **state)
{
	json_t *m, *full = gated_model(false);
	ss_buf a = SS_BUF_INIT(0), b = SS_BUF_INIT(0);

	(void)state;
	/* the user side sees everything: the model is left as it was */
	m = gated_model(false);
	assert_ok(ss_spec_model_redact(m, "u"));
	assert_true(json_equal(m, full));
	json_decref(m);
	/* the vendor side before an NDA */
	m = gated_model(false);
	assert_ok(ss_spec_model_redact(m, "v"));
	assert_withheld(m, "v");
	/* every format renders the view, the same bytes each time */
	assert_ok(ss_render(&a, m, "json", "en"));
	assert_ok(ss_render(&b, m, "json", "en"));
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	assert_null(strstr(a.ptr, "Customer records"));
	assert_null(strstr(a.ptr, "openssl"));
	json_decref(m);
	/* after the NDA with the vendor */
	m = gated_model(true);
	assert_ok(ss_spec_model_redact(m, "v"));
	assert_null(json_object_get(m, "withheld"));
	assert_string_equal(ss_js(json_array_get(json_object_get(m, "assets"), 0), "name"),
			    "Customer records");
	json_decref(m);
	/* a candidate under NDA sees the details, and only its own record */
	m = gated_model(false);
	assert_ok(ss_spec_model_redact(m, "candidate:c1"));
	assert_null(json_object_get(m, "withheld"));
	assert_int_equal(
		json_array_size(json_object_get(json_object_get(m, "negotiation"), "candidates")),
		1);
	json_decref(m);
	/* a candidate without one sees neither */
	m = gated_model(false);
	assert_ok(ss_spec_model_redact(m, "candidate:c2"));
	assert_withheld(m, "candidate:c2");
	assert_string_equal(
		ss_js(json_array_get(
			      json_object_get(json_object_get(m, "negotiation"), "candidates"), 0),
		      "id"),
		"c2");
	json_decref(m);
	/* nobody else, and no NULLs */
	m = gated_model(false);
	assert_int_equal(ss_spec_model_redact(m, "mallory"), SS_ENOTFOUND);
	assert_int_equal(ss_spec_model_redact(m, "candidate:c9"), SS_ENOTFOUND);
	assert_int_equal(ss_spec_model_redact(m, NULL), SS_EINVAL);
	assert_int_equal(ss_spec_model_redact(NULL, "u"), SS_EINVAL);
	/* a document without the negotiation (rules 1-2): no NDA can be recorded, so the
	 * vendor's people get the view without the details */
	json_object_del(m, "negotiation");
	assert_ok(ss_spec_model_redact(m, "v"));
	assert_true(json_is_null(
		json_object_get(json_array_get(json_object_get(m, "assets"), 0), "name")));
	json_decref(m);
	json_decref(full);
	ss_buf_release(&a);
	ss_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(earlier_rules_rerender, fx_setup, fx_teardown),
		cmocka_unit_test(redact_views),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
