/* The process end to end through the public API: permissions, evidence
 * rules, bulk atomicity, lint, replay. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/core.h"
#include "helpers.h"

static int count_findings(const json_t *lint, const char *rule)
{
	const json_t *f;
	size_t i;
	int n = 0;

	json_array_foreach(json_object_get(lint, "findings"), i, f) {
		if (strcmp(json_string_value(json_object_get(f, "rule")), rule) == 0)
			n++;
	}
	return n;
}

/* An attack a mitigation given up would have stopped, as the user records it. */
static const char *const SCENARIO =
	"an intruder on one workstation moves to the others over SMB (T1021.002) unseen, and "
	"copies the customer list out";

static int decide(ss_store *st, const char *item, const char *policy, const char *reason,
		  const char *by)
{
	ss_decision_input in = {.policy = policy,
				.reason = reason,
				.scenario = strcmp(policy, "accept") == 0 ? SCENARIO : NULL};
	json_t *res = NULL;
	int error = ss_decide(&res, st, "p", item, NULL, false, &in, by);

	json_decref(res);
	return error;
}

static void permissions(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	json_t *res = NULL;

	fx_project(st);
	/* decisions are the user side's */
	assert_int_equal(decide(st, "LNX-DM-001", "implement", NULL, "sato"), SS_EPERM);
	assert_non_null(strstr(ss_error_last(), "may not decide"));
	/* auditors change nothing */
	assert_int_equal(decide(st, "LNX-DM-001", "implement", NULL, "kobayashi"), SS_EPERM);
	/* management approves but does not decide */
	assert_int_equal(decide(st, "LNX-DM-001", "implement", NULL, "yamada"), SS_EPERM);
	/* strangers */
	assert_int_equal(decide(st, "LNX-DM-001", "implement", NULL, "mallory"), SS_ENOTFOUND);
	/* advice is the vendor's */
	assert_int_equal(ss_advise(&res, st, "p", "APP-SC-001", NULL, "x", "suzuki"), SS_EPERM);
	assert_ok(ss_advise(&res, st, "p", "APP-SC-001", NULL, "use bound parameters", "sato"));
	json_decref(res);
	/* a vendor lead cannot add user-side people, nor a second vendor lead by the user */
	assert_int_equal(ss_member_add(st, "p", "x", "user", "member", NULL, "sato"), SS_EPERM);
	assert_int_equal(ss_member_add(st, "p", "y", "vendor", "lead", NULL, "suzuki"), SS_EPERM);
	assert_int_equal(ss_member_add(st, "p", "z", "vendor", "management", NULL, "sato"),
			 SS_EINVAL);
	/* members cannot manage members */
	assert_int_equal(ss_member_add(st, "p", "w", "user", "member", NULL, "tanaka"), SS_EPERM);
	/* nobody approves their own request */
	assert_ok(ss_member_add(st, "p", "mori", "user", "management", NULL, "suzuki"));
	assert_ok(decide(st, "WIN-DM-010", "accept", "budget", "suzuki"));
	assert_int_equal(ss_approve(&res, st, "p", "WIN-DM-010", NULL, true, NULL, "suzuki"),
			 SS_EPERM);
	assert_ok(ss_approve(&res, st, "p", "WIN-DM-010", NULL, true, NULL, "yamada"));
	json_decref(res);
	/* approving twice is a conflict */
	assert_int_equal(ss_approve(&res, st, "p", "WIN-DM-010", NULL, true, NULL, "mori"),
			 SS_ECONFLICT);
	/* a removed member can no longer act */
	assert_ok(ss_member_remove(st, "p", "tanaka", "suzuki"));
	assert_int_equal(decide(st, "LNX-DM-002", "implement", NULL, "tanaka"), SS_EPERM);
}

static void evidence_rules_at_input(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_decision_input alt = {.policy = "alternative", .reason = "cost"};
	json_t *res = NULL;

	fx_project(st);
	assert_int_equal(decide(st, "LNX-DM-001", "accept", NULL, "suzuki"), SS_ERULE);
	assert_int_equal(decide(st, "LNX-DM-001", "na", "", "suzuki"), SS_ERULE);
	assert_int_equal(ss_decide(&res, st, "p", "LNX-DM-001", NULL, false, &alt, "suzuki"),
			 SS_ERULE);
	assert_int_equal(decide(st, "LNX-DM-001", "maybe", NULL, "suzuki"), SS_EINVAL);
	assert_int_equal(decide(st, "NOPE-001", "implement", NULL, "suzuki"), SS_ENOTFOUND);
	assert_int_equal(ss_approve(&res, st, "p", "LNX-DM-001", NULL, false, NULL, "yamada"),
			 SS_ERULE); /* a rejection needs a note */
}

static int decide_in(ss_store *st, const char *item, const ss_decision_input *in)
{
	json_t *res = NULL;
	int error = ss_decide(&res, st, "p", item, NULL, false, in, "suzuki");

	json_decref(res);
	return error;
}

/* Rules 3: the attack scenario of what is given up, who carries a measure
 * out, and the evidence of a control the user already has. */
static void rules3_decisions(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_decision_input in = {.policy = "accept", .reason = "the EDR rollout comes next year"};
	json_t *res = NULL, *log = NULL, *e;
	size_t i;
	int owners = 0;

	fx_project(st);
	assert_int_equal(decide_in(st, "WIN-DM-010", &in), SS_ERULE);
	assert_non_null(strstr(ss_error_last(), "decision-scenario"));
	in = (ss_decision_input){.policy = "alternative",
				 .reason = "no budget for a jump host",
				 .alternative = "RDP only from two admin PCs, NLA required",
				 .scenario = "stolen admin credentials used over RDP (T1021.001)"};
	assert_int_equal(decide_in(st, "WIN-DS-009", &in), SS_ERULE);
	assert_non_null(strstr(ss_error_last(), "decision-owner"));
	in.owner = "both";
	assert_int_equal(decide_in(st, "WIN-DS-009", &in), SS_ERULE);
	assert_non_null(strstr(ss_error_last(), "--duty"));
	in.duty = "the operations team keeps the admin PCs to two and reviews logon type 10";
	assert_ok(decide_in(st, "WIN-DS-009", &in));
	in = (ss_decision_input){.policy = "existing"};
	assert_int_equal(decide_in(st, "LNX-DM-022", &in), SS_ERULE);
	assert_non_null(strstr(ss_error_last(), "decision-evidence"));
	in.evidence = "the group's EDR agent is on every server (asset register 2026-10)";
	assert_ok(decide_in(st, "LNX-DM-022", &in));
	/* options that do not belong together, or bad values, name the option */
	in = (ss_decision_input){.policy = "implement", .owner = "someone"};
	assert_int_equal(decide_in(st, "LNX-DM-001", &in), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "--owner"));
	in = (ss_decision_input){.policy = "implement", .scenario = "x"};
	assert_int_equal(decide_in(st, "LNX-DM-001", &in), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "--scenario"));
	in = (ss_decision_input){.policy = "implement", .owner = "vendor", .duty = "x"};
	assert_int_equal(decide_in(st, "LNX-DM-001", &in), SS_EINVAL);
	assert_non_null(strstr(ss_error_last(), "--duty"));
	/* implement without an owner is the delivered system's */
	in = (ss_decision_input){.policy = "implement"};
	assert_ok(decide_in(st, "LNX-DM-001", &in));
	assert_int_equal(decide_in(st, "LNX-DM-001", &in), SS_ECONFLICT);
	/* the same policy with another owner is a new decision */
	in = (ss_decision_input){.policy = "implement", .owner = "user", .duty = "patch monthly"};
	assert_ok(decide_in(st, "LNX-DM-001", &in));
	assert_ok(ss_log_list(&log, st, "p"));
	json_array_foreach(json_object_get(log, "events"), i, e) {
		const json_t *d = json_object_get(e, "data");
		const char *id = json_string_value(json_object_get(d, "item"));

		if (id && strcmp(id, "LNX-DM-001") == 0 && json_object_get(d, "owner"))
			owners = owners * 10 +
				 (strcmp(json_string_value(json_object_get(d, "owner")), "vendor")
					  ? 2
					  : 1);
	}
	assert_int_equal(owners, 12);
	json_decref(log);
	/* a minimum default mitigation given up carries a note on negligence */
	in = (ss_decision_input){.policy = "accept",
				 .reason = "the EDR rollout comes next year",
				 .scenario = SCENARIO};
	assert_ok(ss_decide(&res, st, "p", "WIN-DM-010", NULL, false, &in, "suzuki"));
	e = json_array_get(json_object_get(res, "notes"), 0);
	assert_non_null(e);
	assert_string_equal(json_string_value(json_array_get(json_object_get(e, "items"), 0)),
			    "WIN-DM-010");
	assert_non_null(strstr(json_string_value(json_object_get(e, "en")), "gross negligence"));
	assert_non_null(strstr(json_string_value(json_object_get(e, "ja")), "重過失"));
	json_decref(res);
	/* an item outside the defaults: no note */
	in = (ss_decision_input){.policy = "na", .reason = "no uploads in this system"};
	assert_ok(ss_decide(&res, st, "p", "APP-SC-008", NULL, false, &in, "suzuki"));
	assert_null(json_object_get(res, "notes"));
	json_decref(res);
	assert_ok(ss_log_verify(&res, st, "p"));
	json_decref(res);
}

/* One event through the write path, as the negotiation's commands append it. */
static void append(ss_store *st, const char *by, ss_action a, const char *type, json_t *data)
{
	ss_write w;

	assert_ok(ss_write__begin(&w, st, "p", by, a));
	assert_ok(ss_write__event(&w, type, data));
	assert_ok(ss_write__commit(&w));
	ss_write__release(&w);
}

/* A milestone over a specification that declines a proposal of the vendor
 * needs the user side's management, as one that accepts a risk does. */
static void declined_proposal_needs_management(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_decision_input in = {.policy = "implement"};
	ss_filter f = {"default", NULL, NULL, NULL};
	json_t *res = NULL;
	ss_key *k = NULL;
	char path[400];

	fx_project(st);
	assert_ok(ss_decide(&res, st, "p", NULL, &f, false, &in, "suzuki"));
	json_decref(res);
	append(st, "sato", SS_ACT_PROPOSE, "proposal.add",
	       json_pack("{s:s, s:s, s:s, s:s}", "id", "P-0001", "kind", "improvement", "title",
			 "WAF", "text", "a web application firewall in front of the CRM"));
	append(st, "suzuki", SS_ACT_DECIDE, "proposal.answer",
	       json_pack("{s:s, s:s, s:s}", "id", "P-0001", "answer", "decline", "reason",
			 "the CRM is reachable from the office network only"));
	snprintf(path, sizeof(path), "%s/suzuki.key", fx->dir);
	assert_ok(ss_key_generate(path, NULL));
	assert_ok(ss_key_load_private(&k, path, NULL));
	ss_store_set_signer(st, k);
	assert_ok(ss_key_register(st, "p", "suzuki", k));
	assert_ok(ss_agree(&res, st, "p", "spec-v1", "suzuki"));
	assert_true(json_is_true(json_object_get(res, "needs_management")));
	assert_string_equal(json_string_value(json_array_get(json_object_get(res, "missing"), 1)),
			    "user management");
	json_decref(res);
	assert_ok(ss_log_verify(&res, st, "p"));
	json_decref(res);
	ss_store_set_signer(st, NULL);
	ss_key_free(k);
	unlink(path);
	strncat(path, ".pub", sizeof(path) - strlen(path) - 1);
	unlink(path);
}

static void bulk_is_all_or_nothing(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	ss_filter f = {"default", "linux", NULL, NULL};
	ss_decision_input in = {.policy = "implement"};
	json_t *res = NULL, *key = NULL, *list = NULL;
	int64_t before, after;

	fx_project(st);
	assert_ok(ss_project_show(&key, st, "p"));
	before = json_integer_value(json_object_get(key, "head_seq"));
	json_decref(key);
	assert_ok(ss_decide(&res, st, "p", NULL, &f, false, &in, "suzuki"));
	assert_int_equal(json_integer_value(json_object_get(res, "changed")), 25);
	json_decref(res);
	assert_ok(ss_project_show(&key, st, "p"));
	after = json_integer_value(json_object_get(key, "head_seq"));
	json_decref(key);
	assert_int_equal(after - before, 25); /* one event per item */
	/* a filter and an item together are refused, and nothing changes */
	assert_int_equal(ss_decide(&res, st, "p", "LNX-DM-001", &f, false, &in, "suzuki"),
			 SS_EINVAL);
	assert_ok(ss_requirement_list(&list, st, "p", &f, "open"));
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
}

static void lint_and_replay(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	json_t *lint = NULL, *res = NULL;
	static const char *const sections[] = {"secure-coding", "default", "detailed", "attack"};
	size_t i;

	fx_project(st);
	assert_ok(ss_lint(&lint, st, "p"));
	assert_int_equal(count_findings(lint, "default-undecided"), 50);
	assert_int_equal(count_findings(lint, "advice-missing"), 80);
	assert_int_equal(count_findings(lint, "no-assets"), 1);
	json_decref(lint);

	for (i = 0; i < 4; i++) {
		ss_filter f = {sections[i], NULL, NULL, NULL};
		ss_decision_input in = {.policy = "implement"};

		if (strcmp(sections[i], "default") != 0) {
			assert_ok(ss_advise(&res, st, "p", NULL, &f, "recommended", "sato"));
			json_decref(res);
		}
		assert_ok(ss_decide(&res, st, "p", NULL, &f, false, &in, "tanaka"));
		json_decref(res);
	}
	assert_ok(decide(st, "LNX-DM-022", "accept", "no inbound files", "suzuki"));
	assert_ok(ss_lint(&lint, st, "p"));
	assert_int_equal(count_findings(lint, "accept-approval"), 1);
	json_decref(lint);
	assert_ok(ss_approve(&res, st, "p", "LNX-DM-022", NULL, false, "not convinced", "yamada"));
	json_decref(res);
	assert_ok(ss_lint(&lint, st, "p"));
	assert_int_equal(count_findings(lint, "accept-approval"), 0);
	assert_int_equal(count_findings(lint, "accept-rejected"), 1);
	json_decref(lint);
	/* a new decision supersedes; the rejection stays in the log */
	assert_ok(decide(st, "LNX-DM-022", "implement", NULL, "suzuki"));
	assert_ok(ss_lint(&lint, st, "p"));
	assert_int_equal(json_integer_value(json_object_get(lint, "errors")), 0);
	json_decref(lint);

	assert_ok(ss_log_replay_check(&res, st, "p"));
	assert_true(json_is_true(json_object_get(res, "ok")));
	json_decref(res);
	assert_ok(ss_log_verify(&res, st, "p"));
	json_decref(res);
}

static void l3_rule(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	const char *pol[] = {"authentication"}, *impl[] = {"MFA"};
	ss_system_input sys = {
		.name = "CRM", .policies = pol, .implementations = impl, .nmeasures = 1};
	ss_asset_input a = {.id = "c",
			    .kind = "personal-data",
			    .name = "customers",
			    .system = "CRM",
			    .impact = {1, 3, 1, 1}};
	json_t *lint = NULL;

	fx_project(st);
	assert_ok(ss_system_add(st, "p", &sys, "suzuki"));
	assert_int_equal(ss_asset_add(st, "p", &a, "sato"), SS_EPERM);
	a.system = "nope";
	assert_int_equal(ss_asset_add(st, "p", &a, "tanaka"), SS_ENOTFOUND);
	a.system = "CRM";
	a.impact.trust = 0;
	assert_int_equal(ss_asset_add(st, "p", &a, "tanaka"), SS_EINVAL);
	a.impact.trust = 1;
	assert_ok(ss_asset_add(st, "p", &a, "tanaka"));
	assert_int_equal(ss_asset_add(st, "p", &a, "tanaka"), SS_ECONFLICT);
	assert_ok(ss_lint(&lint, st, "p"));
	/* important threats and authentication items outside the defaults */
	assert_true(count_findings(lint, "l3-open") > 0);
	assert_int_equal(count_findings(lint, "asset-unanswered"), 2);
	json_decref(lint);
}

/* Files stored for a project before the minutes attach them: only members
 * who may record minutes store them, and minutes attach only what their own
 * project holds (a hash alone opens no other project's file). */
static void attachments_by_reference(void **state)
{
	fixture *fx = *state;
	ss_store *st = fx->st;
	static const char bytes[] = "minutes\0with a NUL";
	char sha[65], other[65];
	const char *attendees[] = {"suzuki"};
	ss_attachment_ref ref = {"notes.txt", sha};
	ss_minutes_input in = {.date = "2026-12-01",
			       .attendees = attendees,
			       .nattendees = 1,
			       .attached = &ref,
			       .nattached = 1};
	json_t *res = NULL, *list = NULL;
	ss_buf got = SS_BUF_INIT(0);

	fx_project(st);
	assert_ok(ss_project_create(st, "q", "Q Co", "V", NULL, "mallory", "user", NULL));
	/* an auditor records no minutes, nor stores their files; nor a stranger */
	assert_int_equal(ss_attachment_put(sha, st, "p", "kobayashi", bytes, sizeof(bytes)),
			 SS_EPERM);
	assert_int_equal(ss_attachment_put(sha, st, "p", "mallory", bytes, sizeof(bytes)),
			 SS_ENOTFOUND);
	assert_int_equal(ss_attachment_put(sha, st, "p", "suzuki", bytes, SS_ATTACHMENT_MAX + 1),
			 SS_ELIMIT);
	assert_ok(ss_attachment_put(sha, st, "p", "tanaka", bytes, sizeof(bytes)));
	assert_int_equal(strlen(sha), 64);
	/* project q does not hold p's file: refused, naming the hash */
	ref.sha256 = sha;
	attendees[0] = "mallory";
	assert_int_equal(ss_minutes_add(&res, st, "q", &in, "mallory"), SS_ENOTFOUND);
	assert_non_null(strstr(ss_error_last(), sha));
	assert_ok(ss_minutes_list(&list, st, "q"));
	assert_int_equal(json_array_size(list), 0);
	json_decref(list);
	/* q's own upload of other bytes is q's, not p's */
	assert_ok(ss_attachment_put(other, st, "q", "mallory", "q's", 3));
	attendees[0] = "suzuki";
	ref.sha256 = other;
	assert_int_equal(ss_minutes_add(&res, st, "p", &in, "suzuki"), SS_ENOTFOUND);
	/* malformed references */
	ref.sha256 = "ABC";
	assert_int_equal(ss_minutes_add(&res, st, "p", &in, "suzuki"), SS_EINVAL);
	ref.sha256 = sha;
	ref.name = "../x";
	assert_int_equal(ss_minutes_add(&res, st, "p", &in, "suzuki"), SS_EINVAL);
	ref.name = "notes.txt";
	/* p attaches its own: the size is the stored file's */
	assert_ok(ss_minutes_add(&res, st, "p", &in, "suzuki"));
	assert_int_equal(json_integer_value(json_object_get(
				 json_array_get(json_object_get(res, "attachments"), 0), "size")),
			 sizeof(bytes));
	json_decref(res);
	assert_ok(ss_attachment_get(&got, st, sha));
	assert_int_equal(got.len, sizeof(bytes));
	assert_memory_equal(got.ptr, bytes, sizeof(bytes));
	ss_buf_release(&got);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(permissions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(evidence_rules_at_input, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(rules3_decisions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(declined_proposal_needs_management, fx_setup,
						fx_teardown),
		cmocka_unit_test_setup_teardown(bulk_is_all_or_nothing, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(lint_and_replay, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(l3_rule, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(attachments_by_reference, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
