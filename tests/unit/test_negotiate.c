/* The negotiation's records through the public API: the vendor chosen among
 * candidates in a project created without one, and the records' reports. */
#include <string.h>

#include "helpers.h"
#include "core/core.h"

#define assert_rule(expr, code, id)                                                                \
	do {                                                                                       \
		int rc_ = (expr);                                                                  \
		if (rc_ != (code) || !strstr(ss_error_last(), "(rule " id ")"))                    \
			fail_msg("%s: %d %s, expected %d and rule %s", #expr, rc_,                 \
				 ss_error_last(), (code), id);                                     \
	} while (0)

/* A rules-3 project whose vendor is not chosen yet (vendor_org ""),
 * created through the write path as 'project create' without --vendor
 * will. */
static void project_without_vendor(ss_store *st)
{
	json_t *version = NULL;
	ss_write w;

	assert_ok(ss_cstore_latest(&version, st));
	assert_ok(ss_write__begin_create(&w, st, "q", "suzuki", "user"));
	assert_ok(ss_write__event(&w, "project.create",
				  json_pack("{s:s, s:s, s:s, s:s, s:i}", "name", "q", "user_org",
					    "User Co", "vendor_org", "", "catalog_version",
					    ss_js(version, "version"), "rules", SS_RULES_VERSION)));
	assert_ok(ss_write__commit(&w));
	ss_write__release(&w);
	json_decref(version);
	assert_ok(ss_member_add(st, "q", "yamada", "user", "management", NULL, "suzuki"));
}

static void drop(json_t *res)
{
	json_decref(res);
}

static void selection(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_document doc, rfp;
	json_t *res = NULL, *all = NULL;
	const json_t *vendor, *cands;

	ss_document_of(&doc, "nda.pdf", "non-disclosure agreement", 24);
	project_without_vendor(st);
	/* nobody of the vendor's side before there is a vendor */
	assert_rule(ss_member_add(st, "q", "sato", "vendor", "lead", NULL, "suzuki"), SS_ECONFLICT,
		    "vendor-unselected");
	assert_rule(ss_nda_record(&res, st, "q", "vendor", "2026-10-01", &doc, NULL, NULL, false,
				  "suzuki"),
		    SS_ENOTFOUND, "record-unknown");

	assert_ok(
		ss_candidate_add(&res, st, "q", "sample", "サンプルシステムズ株式会社", "suzuki"));
	drop(res);
	assert_ok(ss_candidate_add(&res, st, "q", "example", "例示テック株式会社", "suzuki"));
	drop(res);
	assert_rule(ss_candidate_add(&res, st, "q", "sample", "again", "suzuki"), SS_ECONFLICT,
		    "record-id");
	/* candidates are the user lead's to record */
	assert_rule(ss_candidate_add(&res, st, "q", "third", "Third", "yamada"), SS_EPERM,
		    "permission");

	ss_document_of(&rfp, "rfp.pdf", "request for proposal", 20);
	assert_ok(ss_candidate_document(&res, st, "q", "sample", "rfp", &rfp, "suzuki"));
	assert_int_equal(json_integer_value(json_object_get(res, "size")), 20);
	drop(res);
	assert_ok(ss_candidate_document(&res, st, "q", "example", "rfp", &rfp, "suzuki"));
	drop(res);

	/* no selection without an NDA, nor without a reason */
	assert_rule(ss_vendor_select(&res, st, "q", "sample", "the best proposal", "suzuki"),
		    SS_ERULE, "vendor-nda");
	assert_ok(ss_nda_record(&res, st, "q", "sample", "2026-10-01", &doc, "NDA", "2029-09-30",
				false, "suzuki"));
	drop(res);
	assert_rule(ss_vendor_select(&res, st, "q", "sample", NULL, "suzuki"), SS_ERULE,
		    "vendor-reason");
	assert_rule(ss_vendor_select(&res, st, "q", "nobody", "x", "suzuki"), SS_ENOTFOUND,
		    "record-unknown");
	assert_ok(ss_vendor_select(&res, st, "q", "sample", "the best proposal, and under NDA",
				   "suzuki"));
	assert_string_equal(json_string_value(json_object_get(res, "org")),
			    "サンプルシステムズ株式会社");
	drop(res);

	/* after the selection: no more candidates, no second selection */
	assert_rule(ss_candidate_add(&res, st, "q", "late", "Late", "suzuki"), SS_ECONFLICT,
		    "vendor-selected");
	assert_rule(ss_vendor_select(&res, st, "q", "example", "x", "suzuki"), SS_ECONFLICT,
		    "vendor-selected");
	/* and now the vendor's people */
	assert_ok(ss_member_add(st, "q", "sato", "vendor", "lead", NULL, "suzuki"));

	assert_ok(ss_negotiation_show(&all, st, "q"));
	vendor = json_object_get(all, "vendor");
	assert_true(json_is_true(json_object_get(vendor, "named")));
	assert_string_equal(json_string_value(json_object_get(vendor, "org")),
			    "サンプルシステムズ株式会社");
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(vendor, "nda"), "document")),
		doc.sha256);
	cands = json_object_get(all, "candidates");
	assert_int_equal(json_array_size(cands), 2);
	assert_int_equal(json_array_size(json_object_get(json_array_get(cands, 0), "documents")),
			 1);
	json_decref(all);

	assert_ok(ss_log_verify(&res, st, "q"));
	assert_true(json_is_true(json_object_get(res, "ok")));
	drop(res);
}

/* The writers fill what the user does not type: numbers, the record a
 * correction supersedes, the allocation an approval concerns. */
static void filled_by_core(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_proposal_input p = {
		"advice", "Use TLS 1.3", "Only TLS 1.3 on the CRM.", NULL, NULL, NULL, NULL, NULL};
	ss_cost_input c = {.on = "proposal",
			   .ref = "P-0002",
			   .bearer = "vendor",
			   .basis = "part of the delivery"};
	ss_standard_input s = {"asvs", "4.0.3", 2, NULL, false};
	json_t *res = NULL, *list = NULL;

	fx_project(st);
	assert_ok(ss_proposal_add(&res, st, "p", &p, "sato"));
	assert_string_equal(json_string_value(json_object_get(res, "id")), "P-0001");
	drop(res);
	assert_ok(ss_proposal_add(&res, st, "p", &p, "sato"));
	assert_string_equal(json_string_value(json_object_get(res, "id")), "P-0002");
	drop(res);
	assert_ok(ss_cost_set(&res, st, "p", &c, "sato"));
	drop(res);
	c.supersede = true;
	c.basis = "part of the delivery, as estimated";
	assert_ok(ss_cost_set(&res, st, "p", &c, "sato"));
	assert_int_equal(json_integer_value(json_object_get(res, "supersedes")),
			 json_integer_value(json_object_get(res, "seq")) - 1);
	drop(res);
	assert_ok(ss_cost_approve(&res, st, "p", "proposal", "P-0002", true, NULL, "yamada"));
	assert_int_equal(json_integer_value(json_object_get(res, "cost_seq")),
			 json_integer_value(json_object_get(res, "seq")) - 1);
	drop(res);
	/* a correction without a record to correct is refused before writing */
	s.supersede = true;
	assert_int_equal(ss_standard_set(&res, st, "p", &s, "suzuki"), SS_ENOTFOUND);
	s.supersede = false;
	assert_ok(ss_standard_set(&res, st, "p", &s, "suzuki"));
	drop(res);

	assert_ok(ss_proposal_list(&list, st, "p", true));
	assert_int_equal(json_array_size(list), 2);
	json_decref(list);
	assert_ok(ss_negotiation_list(&list, st, "p", "costs"));
	assert_int_equal(json_array_size(list), 1);
	assert_string_equal(
		json_string_value(json_object_get(
			json_object_get(json_array_get(list, 0), "approval"), "verdict")),
		"approved");
	json_decref(list);
	assert_int_equal(ss_negotiation_list(&list, st, "p", "gossip"), SS_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(selection, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(filled_by_core, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
