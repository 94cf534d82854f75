/*
 * The fast paths of the checker against the plain ones: the flat view of an
 * event's data (read straight from its canonical bytes) against jansson's,
 * and the checker on a second thread (signatures on further threads)
 * against the checker on one, over a log with forged and damaged events.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "ledger/check.h"
#include "ledger/merkle.h"
#include "rules/rules.h"
#include "util/util.h"

/* Each flat data object is read as jansson reads it. */
static void test_flat_matches_json(void **state)
{
	static const char *const flat[] = {
		"{}",
		"{\"item\":\"LNX-AT-002\",\"item_hash\":\"99b1\",\"note\":\"n4\"}",
		"{\"a\":-9223372036854775808,\"b\":9223372036854775807,\"c\":0,\"d\":-1}",
		"{\"f\":false,\"n\":null,\"s\":\"\",\"t\":true}",
		"{\"e\":\"\\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f x\"}",
		"{\"j\":\"日本語のメモ\",\"k\":\"a\\nb\"}",
		"{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,"
		"\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16}",
	};
	static const char *const nested[] = {
		"{\"items\":[[\"X\",\"h\"]]}",
		"{\"answers\":{}}",
		"{\"s\":\"\\u0000\"}",
		"{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,\"g\":7,\"h\":8,\"i\":9,\"j\":10,"
		"\"k\":11,\"l\":12,\"m\":13,\"n\":14,\"o\":15,\"p\":16,\"q\":17}",
	};
	ss_json_member mem[64];
	char scratch[4096];
	size_t i, k;

	(void)state;
	for (i = 0; i < sizeof(flat) / sizeof(flat[0]); i++) {
		ss_json_members ms = {mem, 64, 0, false, false};
		json_t *j = json_loads(flat[i], 0, NULL);
		ss_rules_data d;

		assert_non_null(j);
		assert_true(ss_json_canonical_scan(flat[i], strlen(flat[i]), NULL, &ms));
		assert_int_equal(ss_rules_data_flat(&d, mem, ms.n, -1, scratch, sizeof(scratch)),
				 0);
		assert_int_equal(d.n, json_object_size(j));
		for (k = 0; k < d.n; k++) {
			char key[64];
			const json_t *v;

			memcpy(key, d.f[k].key, d.f[k].key_len);
			key[d.f[k].key_len] = '\0';
			v = json_object_get(j, key);
			assert_non_null(v);
			switch (d.f[k].kind) {
			case 's':
				assert_true(json_is_string(v));
				assert_int_equal(d.f[k].len, json_string_length(v));
				assert_memory_equal(d.f[k].s, json_string_value(v), d.f[k].len);
				assert_int_equal(d.f[k].s[d.f[k].len], '\0');
				break;
			case 'i':
				assert_true(json_is_integer(v));
				assert_true(d.f[k].i == json_integer_value(v));
				break;
			case 't':
				assert_true(json_is_true(v));
				break;
			case 'f':
				assert_true(json_is_false(v));
				break;
			case 'n':
				assert_true(json_is_null(v));
				break;
			default:
				fail_msg("kind %c", d.f[k].kind);
			}
		}
		json_decref(j);
	}
	for (i = 0; i < sizeof(nested) / sizeof(nested[0]); i++) {
		ss_json_members ms = {mem, 64, 0, false, false};
		ss_rules_data d;

		assert_true(ss_json_canonical_scan(nested[i], strlen(nested[i]), NULL, &ms));
		assert_int_equal(ss_rules_data_flat(&d, mem, ms.n, -1, scratch, sizeof(scratch)),
				 -1);
	}
}

/* --- the shapes of the rules 3 types --------------------------------------- */

#define H0 "0000000000000000000000000000000000000000000000000000000000000000"

/* Text with single quotes for double ones. */
static json_t *loadq(const char *text)
{
	char buf[4096];
	json_t *j;
	size_t i;

	snprintf(buf, sizeof(buf), "%s", text);
	for (i = 0; buf[i]; i++)
		if (buf[i] == '\'')
			buf[i] = '"';
	if (!(j = json_loads(buf, 0, NULL)))
		fail_msg("bad test data: %s", buf);
	return j;
}

/* A rules 3 project, created (by alice, user lead), with vendor V: shapes
 * are checked before anything else, so this is all a shape needs. */
static ss_rules *project3(void)
{
	json_t *d = loadq("{'name':'p','user_org':'U','vendor_org':'V','catalog_version':'1',"
			  "'rules':3}");
	ss_rules *r = ss_rules_new("p", NULL, NULL);
	ss_rules_data data;
	ss_rules_event e = {.seq = 1,
			    .project = "p",
			    .time = "2026-11-26T10:00:00Z",
			    .actor = "alice",
			    .side = "user",
			    .role = "lead",
			    .type = "project.create",
			    .body = "",
			    .data = &data,
			    .root = ""};
	ss_rule_hit h;

	assert_non_null(r);
	ss_rules_data_json(&data, d);
	assert_int_equal(ss_rules_check(&h, r, &e), 0);
	ss_rules_fold(r, &e);
	json_decref(d);
	return r;
}

/* The rule the next event of type with data d breaks (SS_RULE_NONE: none),
 * read through jansson and, when the data is all scalars, through the flat
 * view of its canonical bytes: both must say the same, word for word. */
static ss_rule judge(ss_rules *r, const char *type, const json_t *d)
{
	ss_buf canon = SS_BUF_INIT(0);
	ss_json_member mem[64];
	ss_json_members ms = {mem, 64, 0, false, false};
	char scratch[4096];
	ss_rules_data data;
	ss_rules_event e = {.seq = 2,
			    .project = "p",
			    .time = "2026-11-26T10:00:00Z",
			    .actor = "alice",
			    .side = "user",
			    .role = "lead",
			    .type = type,
			    .body = "",
			    .data = &data,
			    .tree_size = 1,
			    .root = ""};
	ss_rule_hit hj, hf;

	ss_rules_data_json(&data, d);
	ss_rules_check(&hj, r, &e);
	assert_int_equal(ss_json_canonical(&canon, d), 0);
	assert_true(ss_json_canonical_scan(canon.ptr, canon.len, NULL, &ms));
	if (ss_rules_data_flat(&data, mem, ms.n, -1, scratch, sizeof(scratch)) == 0) {
		ss_rules_check(&hf, r, &e);
		if (hf.rule != hj.rule || strcmp(hf.msg, hj.msg) != 0)
			fail_msg("%s %s: jansson says [%s] %s, the flat view [%s] %s", type,
				 canon.ptr, ss_rule_id(hj.rule), hj.msg, ss_rule_id(hf.rule),
				 hf.msg);
	}
	ss_buf_release(&canon);
	return hj.rule;
}

static void shape_ok(ss_rules *r, const char *type, const json_t *d, const char *why)
{
	ss_rule got = judge(r, type, d);

	if (got == SS_RULE_EVENT_DATA) {
		char *t = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);

		fail_msg("%s %s (%s): refused as event-data", type, t, why);
	}
}

static void shape_bad(ss_rules *r, const char *type, const json_t *d, const char *why)
{
	ss_rule got = judge(r, type, d);

	if (got != SS_RULE_EVENT_DATA) {
		char *t = json_dumps(d, JSON_COMPACT | JSON_SORT_KEYS);

		fail_msg("%s %s (%s): expected event-data, got '%s'", type, t, why,
			 ss_rule_id(got));
	}
}

/* A value of another kind than kind ('t' text, 'n' name, 'h' hash, 'd'
 * date, 'i' integer, 'b' boolean, 'a' array). */
static json_t *wrong_kind(char kind, int which)
{
	switch (kind) {
	case 'i':
		return which ? json_true() : json_string("7");
	case 'b':
		return which ? json_integer(1) : json_string("true");
	case 'a':
		return which ? json_object() : json_string("a1");
	case 'n':
		return which ? json_string("two words") : json_integer(7);
	case 'h':
		return which ? json_string("ABCDEF") : json_string(H0 "00");
	case 'd':
		return which ? json_string("2026-02-30") : json_string("2026-11-26T10:00:00Z");
	default:
		return which ? json_string("bell\a") : json_integer(7);
	}
}

/* Each new type: data with every field, and the kind of each field, with
 * '*' after an optional one. Every required field is needed, every field
 * refuses another kind, null and unknown fields are refused, and the
 * required fields alone are a valid shape. */
static void test_shapes_v3(void **state)
{
	static const struct {
		const char *type, *full, *fields;
	} types[] = {
		{"proposal.add",
		 "{'id':'P-0001','kind':'foss','title':'t','text':'x','item':'X','component':'c',"
		 "'version':'1','licence':'MIT','defects':'none known'}",
		 "id:n kind:n title:t text:t item:n* component:t* version:t* licence:t* "
		 "defects:t*"},
		{"proposal.answer",
		 "{'id':'P-0001','answer':'decline','reason':'r','supersedes':4}",
		 "id:n answer:n reason:t* supersedes:i*"},
		{"cost.set",
		 "{'on':'item','ref':'X','bearer':'shared','amount':10,'currency':'JPY','basis':'b'"
		 ","
		 "'share':'half','supersedes':3}",
		 "on:n ref:n bearer:n amount:i* currency:n* basis:t share:t* supersedes:i*"},
		{"cost.approve",
		 "{'on':'item','ref':'X','cost_seq':3,'verdict':'rejected','note':'n'}",
		 "on:n ref:n cost_seq:i verdict:n note:t*"},
		{"candidate.add", "{'id':'c1','org':'W'}", "id:n org:t"},
		{"candidate.document",
		 "{'candidate':'c1','kind':'rfp','name':'rfp.pdf','sha256':'" H0 "','size':1}",
		 "candidate:n kind:n name:t sha256:h size:i"},
		{"nda.record",
		 "{'party':'c1','date':'2026-11-01','document':'" H0
		 "','title':'t','expires':'2030-01-01'}",
		 "party:n date:d document:h title:t* expires:d*"},
		{"vendor.select", "{'candidate':'c1','org':'W','reason':'r'}",
		 "candidate:n org:t reason:t"},
		{"law.set",
		 "{'id':'L1','title':'t','kind':'regulation','authority':'a','duties':'d',"
		 "'assets':['a1'],'review_by':'2027-01-01','supersedes':3}",
		 "id:n title:t kind:n authority:t* duties:t* assets:a review_by:d supersedes:i*"},
		{"asset.retention",
		 "{'asset':'a1','keep':true,'period':'1y','method':'m','reason':'r','supersedes':"
		 "3}",
		 "asset:n keep:b period:t* method:t reason:t* supersedes:i*"},
		{"contract.set",
		 "{'id':'C1','kind':'maintenance-development','title':'t','sla':'s','diagnosis':'d'"
		 ","
		 "'incident':'i','document':'" H0 "','supersedes':3}",
		 "id:n kind:n title:t sla:t diagnosis:t incident:t document:h* supersedes:i*"},
		{"contract.agree", "{'id':'C1','contract_seq':3}", "id:n contract_seq:i"},
		{"terms.acknowledge", "{'text':'t'}", "text:t"},
		{"standard.set",
		 "{'standard':'asvs','version':'4.0.3','level':3,'note':'n',"
		 "'supersedes':3}",
		 "standard:n version:t level:i note:t* supersedes:i*"},
		{"diagnosis.add",
		 "{'id':'D-0001','kind':'review','standard':'s','date':'2026-11-01','result':'r',"
		 "'report':'" H0 "','contract':'C1'}",
		 "id:n kind:n standard:t date:d result:t report:h* contract:n*"},
		{"rules.propose", "{'to':3}", "to:i"},
		{"rules.accept", "{'to':3,'proposal':3}", "to:i proposal:i"},
	};
	ss_rules *r = project3();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		json_t *full = loadq(types[i].full), *min = json_deep_copy(full), *d;
		char fields[512], *tok, *save = NULL;
		size_t nfields = 0;

		shape_ok(r, types[i].type, full, "every field");
		snprintf(fields, sizeof(fields), "%s", types[i].fields);
		for (tok = strtok_r(fields, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			char *colon = strchr(tok, ':');
			bool opt = colon[2] == '*';
			int w;

			*colon = '\0';
			nfields++;
			assert_non_null(json_object_get(full, tok));
			d = json_deep_copy(full);
			json_object_del(d, tok);
			if (!opt)
				shape_bad(r, types[i].type, d, "a required field left out");
			else
				json_object_del(min, tok);
			json_decref(d);
			for (w = 0; w < 2; w++) {
				d = json_deep_copy(full);
				json_object_set_new(d, tok, wrong_kind(colon[1], w));
				shape_bad(r, types[i].type, d, tok);
				json_decref(d);
			}
			d = json_deep_copy(full);
			json_object_set_new(d, tok, json_null());
			shape_bad(r, types[i].type, d, "null");
			json_decref(d);
		}
		assert_int_equal(nfields, json_object_size(full));
		d = json_deep_copy(full);
		json_object_set_new(d, "approved", json_true());
		shape_bad(r, types[i].type, d, "an unknown field");
		json_decref(d);
		/* cost.set with bearer shared wants its share */
		if (strcmp(types[i].type, "cost.set") == 0)
			json_object_set_new(min, "bearer", json_string("user"));
		shape_ok(r, types[i].type, min, "the required fields alone");
		json_decref(min);
		json_decref(full);
	}
	ss_rules_free(r);
}

/* The enumerations, one value at a time, and the fields that go together. */
static void test_enumerations_v3(void **state)
{
	static const struct {
		const char *type, *data;
		bool ok;
	} cases[] = {
		/* proposals */
		{"proposal.add", "{'id':'P-0001','kind':'advice','title':'t','text':'x'}", true},
		{"proposal.add", "{'id':'P-0001','kind':'warning','title':'t','text':'x'}", true},
		{"proposal.add", "{'id':'P-0001','kind':'improvement','title':'t','text':'x'}",
		 true},
		{"proposal.add", "{'id':'P-0001','kind':'idea','title':'t','text':'x'}", false},
		{"proposal.add", "{'id':'P-0001','kind':'Advice','title':'t','text':'x'}", false},
		{"proposal.answer", "{'id':'P-0001','answer':'adopt'}", true},
		{"proposal.answer", "{'id':'P-0001','answer':'defer','reason':'r'}", true},
		{"proposal.answer", "{'id':'P-0001','answer':'reject','reason':'r'}", false},
		/* costs: subjects, bearers, amounts, shares */
		{"cost.set", "{'on':'proposal','ref':'P-0001','bearer':'vendor','basis':'b'}",
		 true},
		{"cost.set", "{'on':'change','ref':'CR-0001','bearer':'user','basis':'b'}", true},
		{"cost.set", "{'on':'asset','ref':'a1','bearer':'user','basis':'b'}", false},
		{"cost.set", "{'on':'item','ref':'X','bearer':'both','basis':'b'}", false},
		{"cost.set",
		 "{'on':'item','ref':'X','bearer':'user','basis':'b','amount':0,"
		 "'currency':'JPY'}",
		 true},
		{"cost.set",
		 "{'on':'item','ref':'X','bearer':'user','basis':'b','amount':-1,"
		 "'currency':'JPY'}",
		 false},
		{"cost.set", "{'on':'item','ref':'X','bearer':'user','basis':'b','amount':10}",
		 false},
		{"cost.set", "{'on':'item','ref':'X','bearer':'user','basis':'b','currency':'JPY'}",
		 false},
		{"cost.set", "{'on':'item','ref':'X','bearer':'shared','basis':'b'}", false},
		{"cost.set",
		 "{'on':'item','ref':'X','bearer':'shared','basis':'b','share':'60/40'}", true},
		{"cost.set",
		 "{'on':'item','ref':'X','bearer':'vendor','basis':'b','share':'60/40'}", false},
		{"cost.approve", "{'on':'proposal','ref':'P-1','cost_seq':3,'verdict':'approved'}",
		 true},
		{"cost.approve", "{'on':'item','ref':'X','cost_seq':3,'verdict':'accepted'}",
		 false},
		{"cost.approve", "{'on':'law','ref':'X','cost_seq':3,'verdict':'approved'}", false},
		/* documents, laws, contracts, standards, diagnoses */
		{"candidate.document",
		 "{'candidate':'c1','kind':'answer','name':'n','sha256':'" H0 "','size':0}", true},
		{"candidate.document",
		 "{'candidate':'c1','kind':'other','name':'n','sha256':'" H0 "','size':1}", true},
		{"candidate.document",
		 "{'candidate':'c1','kind':'rfq','name':'n','sha256':'" H0 "','size':1}", false},
		{"candidate.document",
		 "{'candidate':'c1','kind':'rfi','name':'n','sha256':'" H0 "','size':-1}", false},
		{"law.set",
		 "{'id':'L1','title':'t','kind':'guideline','assets':[],"
		 "'review_by':'2027-01-01'}",
		 true},
		{"law.set",
		 "{'id':'L1','title':'t','kind':'law','assets':['a1','a2'],"
		 "'review_by':'2027-01-01'}",
		 true},
		{"law.set",
		 "{'id':'L1','title':'t','kind':'policy','assets':[],"
		 "'review_by':'2027-01-01'}",
		 false},
		{"law.set",
		 "{'id':'L1','title':'t','kind':'law','assets':['a 1'],"
		 "'review_by':'2027-01-01'}",
		 false},
		{"law.set",
		 "{'id':'L1','title':'t','kind':'law','assets':[1],"
		 "'review_by':'2027-01-01'}",
		 false},
		{"contract.set",
		 "{'id':'C1','kind':'operation','title':'t','sla':'s','diagnosis':'d',"
		 "'incident':'i'}",
		 true},
		{"contract.set",
		 "{'id':'C1','kind':'maintenance','title':'t','sla':'s',"
		 "'diagnosis':'d','incident':'i'}",
		 true},
		{"contract.set",
		 "{'id':'C1','kind':'support','title':'t','sla':'s','diagnosis':'d',"
		 "'incident':'i'}",
		 false},
		{"standard.set", "{'standard':'asvs','version':'4','level':0}", true},
		{"standard.set", "{'standard':'asvs','version':'4','level':4}", false},
		{"standard.set", "{'standard':'asvs','version':'4','level':-1}", false},
		{"diagnosis.add",
		 "{'id':'D-0001','kind':'diagnosis','standard':'s','date':"
		 "'2026-11-01','result':'r'}",
		 true},
		{"diagnosis.add",
		 "{'id':'D-0001','kind':'audit','standard':'s','date':'2026-11-01',"
		 "'result':'r'}",
		 false},
		{"rules.propose", "{'to':2}", true},
		{"rules.propose", "{'to':1}", false},
		{"rules.accept", "{'to':0,'proposal':3}", false},
		/* rules 3 fields of older types */
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'existing','level':0,"
		 "'evidence':'e'}",
		 true},
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'implement','level':0,"
		 "'evidence':'e'}",
		 false},
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'accept','level':0,"
		 "'reason':'r','scenario':'s'}",
		 true},
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'na','level':0,"
		 "'reason':'r','scenario':'s'}",
		 false},
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'implement','level':0,"
		 "'owner':'both','duty':'d'}",
		 true},
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'implement','level':0,"
		 "'owner':'vendor','duty':'d'}",
		 false},
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'implement','level':0,"
		 "'duty':'d'}",
		 false},
		{"decision.set",
		 "{'item':'X','item_hash':'" H0 "','policy':'implement','level':0,"
		 "'owner':'third-party'}",
		 false},
		{"system.set",
		 "{'name':'S','devices':[],'measures':[],'legacy':'l',"
		 "'compensating':'c'}",
		 true},
		{"system.set", "{'name':'S','devices':[],'measures':[],'legacy':'l'}", false},
		{"system.set", "{'name':'S','devices':[],'measures':[],'compensating':'c'}", false},
		{"milestone.open",
		 "{'name':'v1','catalog_version':'1','tree_size':1,'root':'" H0 "','spec_hash':'" H0
		 "','needs_management':false,'parties':'user'}",
		 true},
		{"milestone.open",
		 "{'name':'v1','catalog_version':'1','tree_size':1,'root':'" H0 "','spec_hash':'" H0
		 "','needs_management':false,'parties':'vendor'}",
		 false},
		{"member.add", "{'person':'o','side':'user','role':'operations'}", true},
		{"member.add", "{'person':'o','side':'vendor','role':'provider'}", true},
		{"member.add", "{'person':'o','side':'user','role':'expert'}", true},
		{"member.add", "{'person':'o','side':'user','role':'csirt'}", false},
		{"change.open",
		 "{'id':'CR-0001','kind':'asset-changed','item':'a1','from':'a',"
		 "'to':'b','fields':[]}",
		 true},
		{"change.open",
		 "{'id':'CR-0001','kind':'system-changed','item':'S','from':'a',"
		 "'to':'b','fields':[]}",
		 true},
		{"change.open",
		 "{'id':'CR-0001','kind':'law-changed','item':'L1','from':'a','to':'b',"
		 "'fields':[]}",
		 false},
		/* a rules 3 project may be created with no vendor yet */
		{"project.create",
		 "{'name':'p','user_org':'U','vendor_org':'','catalog_version':'1',"
		 "'rules':3}",
		 true},
		{"project.create",
		 "{'name':'p','user_org':'U','vendor_org':'','catalog_version':'1',"
		 "'rules':2}",
		 false},
		{"project.create",
		 "{'name':'p','user_org':'','vendor_org':'V','catalog_version':'1',"
		 "'rules':3}",
		 false},
	};
	ss_rules *r = project3();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *d = loadq(cases[i].data);

		if (cases[i].ok)
			shape_ok(r, cases[i].type, d, "an allowed value");
		else
			shape_bad(r, cases[i].type, d, "a value outside the enumeration or a pair");
		json_decref(d);
	}
	ss_rules_free(r);
}

/* Beyond the shape, the flat view and jansson agree on every rule of the
 * new flat types: the same state, the same event, the same words. */
static void test_flat_matches_json_v3(void **state)
{
	static const struct {
		const char *type, *data;
		ss_rule rule;
	} cases[] = {
		{"proposal.add", "{'id':'P-0002','kind':'advice','title':'t','text':'x'}",
		 SS_RULE_PERMISSION},
		{"proposal.answer", "{'id':'P-0001','answer':'decline'}", SS_RULE_RECORD_UNKNOWN},
		{"cost.set", "{'on':'proposal','ref':'P-0001','bearer':'user','basis':'b'}",
		 SS_RULE_RECORD_UNKNOWN},
		{"cost.approve", "{'on':'item','ref':'X','cost_seq':3,'verdict':'approved'}",
		 SS_RULE_PERMISSION},
		{"candidate.add", "{'id':'c1','org':'W'}", SS_RULE_VENDOR_SELECTED},
		{"candidate.document",
		 "{'candidate':'c1','kind':'rfp','name':'n','sha256':'" H0 "','size':1}",
		 SS_RULE_RECORD_UNKNOWN},
		{"nda.record", "{'party':'c1','date':'2026-11-01','document':'" H0 "'}",
		 SS_RULE_RECORD_UNKNOWN},
		{"nda.record", "{'party':'vendor','date':'2026-11-01','document':'" H0 "'}",
		 SS_RULE_NONE},
		{"vendor.select", "{'candidate':'c1','org':'W','reason':'r'}",
		 SS_RULE_RECORD_UNKNOWN},
		{"asset.retention", "{'asset':'a1','keep':false,'method':'m'}",
		 SS_RULE_RECORD_UNKNOWN},
		{"contract.set",
		 "{'id':'C1','kind':'operation','title':'t','sla':'s','diagnosis':'d',"
		 "'incident':'i','supersedes':2}",
		 SS_RULE_RECORD_SUPERSEDES},
		{"contract.set",
		 "{'id':'C1','kind':'operation','title':'t','sla':'s','diagnosis':'d',"
		 "'incident':'i'}",
		 SS_RULE_NONE},
		{"contract.agree", "{'id':'C1','contract_seq':3}", SS_RULE_RECORD_UNKNOWN},
		{"terms.acknowledge", "{'text':'t'}", SS_RULE_NONE},
		{"standard.set", "{'standard':'asvs','version':'4','level':1,'supersedes':1}",
		 SS_RULE_RECORD_SUPERSEDES},
		{"diagnosis.add",
		 "{'id':'D-0003','kind':'review','standard':'s','date':"
		 "'2026-11-01','result':'r'}",
		 SS_RULE_RECORD_ID},
		{"rules.propose", "{'to':3}", SS_RULE_RULES_UPGRADE},
		{"rules.accept", "{'to':3,'proposal':1}", SS_RULE_RECORD_TARGET},
		{"decision.set", "{'item':'X','item_hash':'" H0 "','policy':'existing','level':0}",
		 SS_RULE_ITEM_UNKNOWN},
	};
	ss_rules *r = project3();
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *d = loadq(cases[i].data);
		ss_rule got = judge(r, cases[i].type, d);

		if (got != cases[i].rule)
			fail_msg("%s %s: expected '%s', got '%s'", cases[i].type, cases[i].data,
				 ss_rule_id(cases[i].rule), ss_rule_id(got));
		json_decref(d);
	}
	ss_rules_free(r);
}

#define SS_TEST_H "99b15cd76e8f0a20191006e80e536a76f711eeaa1ec3ed939af65158d1bfd541"

static ss_key *key_a, *key_b;

typedef struct {
	int64_t seq;
	char *body, *hash, *sig, *cols[5];
	size_t len;
} row;

typedef struct {
	row *r;
	size_t n, cap;
	char prev[2 * SS_HASH_LEN + 1];
} log_t;

static void push(log_t *l, const char *actor, const char *side, const char *role, const char *type,
		 const char *data, ss_key *k)
{
	json_t *ev = json_pack("{s:i, s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "v", 1,
			       "project", "p", "seq", (json_int_t)(l->n + 1), "prev", l->prev,
			       "time", "2026-11-26T10:00:00Z", "actor", actor, "side", side, "role",
			       role, "type", type, "data", json_loads(data, 0, NULL));
	ss_buf body = SS_BUF_INIT(0);
	char sig[129], hex[2 * SS_HASH_LEN + 1];
	ss_hash leaf;
	row *r;

	assert_non_null(ev);
	if (k)
		json_object_set_new(ev, "key", json_string(ss_key_fingerprint(k)));
	assert_int_equal(ss_json_canonical(&body, ev), 0);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 64;
		assert_non_null(l->r = realloc(l->r, l->cap * sizeof(*l->r)));
	}
	r = &l->r[l->n++];
	memset(r, 0, sizeof(*r));
	r->seq = (int64_t)l->n;
	r->body = strdup(body.ptr);
	r->len = body.len;
	ss_merkle_leaf(leaf, body.ptr, body.len);
	ss_hash_hex(hex, leaf);
	r->hash = strdup(hex);
	memcpy(l->prev, hex, sizeof(hex));
	if (k) {
		assert_int_equal(ss_key_sign(k, body.ptr, body.len, sig), 0);
		r->sig = strdup(sig);
	}
	r->cols[0] = strdup("2026-11-26T10:00:00Z");
	r->cols[1] = strdup(actor);
	r->cols[2] = strdup(side);
	r->cols[3] = strdup(role);
	r->cols[4] = strdup(type);
	ss_buf_release(&body);
	json_decref(ev);
}

static json_t *run(const log_t *l, bool async)
{
	ss_checker *c = ss_checker_new("p");
	json_t *rep;
	size_t i;

	assert_non_null(c);
	if (async)
		assert_int_equal(ss_checker_async(c), 0);
	for (i = 0; i < l->n; i++) {
		const row *r = &l->r[i];

		ss_checker_add(c, r->seq, r->body, r->len, r->hash, r->sig,
			       (const char *const *)r->cols);
	}
	rep = ss_checker_report(c);
	ss_checker_free(c);
	return rep;
}

/* The same log, damaged at random, gives the same report either way. */
static void test_async_matches_sync(void **state)
{
	char buf[1024];
	log_t l;
	int round, i;

	(void)state;
	srand(7);
	for (round = 0; round < 6; round++) {
		json_t *a, *b;
		size_t k;

		memset(&l, 0, sizeof(l));
		memset(l.prev, '0', 2 * SS_HASH_LEN);
		push(&l, "alice", "user", "lead", "project.create",
		     "{\"name\":\"p\",\"user_org\":\"U\",\"vendor_org\":\"V\",\"catalog_version\":"
		     "\"1\"}",
		     NULL);
		push(&l, "alice", "user", "lead", "member.add",
		     "{\"person\":\"bob\",\"side\":\"vendor\",\"role\":\"lead\"}", NULL);
		push(&l, "alice", "user", "lead", "spec.draft",
		     "{\"catalog_version\":\"1\",\"items\":[[\"X\",\"" SS_TEST_H
		     "\"],[\"Y\",\"" SS_TEST_H "\"]]}",
		     NULL);
		snprintf(buf, sizeof(buf),
			 "{\"person\":\"bob\",\"algorithm\":\"ed25519\",\"public_key\":\"%s\","
			 "\"fingerprint\":\"%s\"}",
			 ss_key_public_hex(key_b), ss_key_fingerprint(key_b));
		push(&l, "bob", "vendor", "lead", "key.register", buf, key_b);
		for (i = 0; i < 3000; i++) {
			const char *item = i % 7 == 0 ? "Z" : i % 2 ? "X" : "Y";
			char note[256];

			snprintf(note, sizeof(note),
				 "{\"item\":\"%s\",\"item_hash\":\"" SS_TEST_H
				 "\",\"note\":\"n%d\\n\\u0001\"}",
				 item, i);
			if (i % 3)
				push(&l, "bob", "vendor", "lead", "advice.add", note, key_b);
			else
				push(&l, "bob", "vendor", "lead", "advice.add", note,
				     i % 5 ? NULL : key_a);
		}
		/* damage: bytes of bodies, signatures, columns */
		for (i = 0; i < 40; i++) {
			row *r = &l.r[4 + (size_t)rand() % (l.n - 4)];

			switch (rand() % 3) {
			case 0:
				r->body[(size_t)rand() % r->len] ^= (char)(1 + rand() % 3);
				break;
			case 1:
				if (r->sig)
					r->sig[rand() % 128] = r->sig[0] == 'a' ? 'b' : 'a';
				break;
			default:
				r->cols[1][0] = 'x';
			}
		}
		a = run(&l, false);
		b = run(&l, true);
		assert_true(json_array_size(json_object_get(a, "problems")) > 0);
		if (!json_equal(a, b)) {
			char *sa = json_dumps(a, JSON_COMPACT), *sb = json_dumps(b, JSON_COMPACT);

			fail_msg("sync %s\nasync %s", sa, sb);
		}
		json_decref(a);
		json_decref(b);
		for (k = 0; k < l.n; k++) {
			int c;

			free(l.r[k].body);
			free(l.r[k].hash);
			free(l.r[k].sig);
			for (c = 0; c < 5; c++)
				free(l.r[k].cols[c]);
		}
		free(l.r);
	}
}

static int setup(void **state)
{
	ss_key **k[2] = {&key_a, &key_b};
	char path[96];
	int i;

	(void)state;
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "/tmp/secspec-rd-%d-%d", (int)getpid(), i);
		if (ss_key_generate(path, NULL) < 0 || ss_key_load_private(k[i], path, NULL) < 0)
			return -1;
		unlink(path);
		strncat(path, ".pub", sizeof(path) - strlen(path) - 1);
		unlink(path);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	ss_key_free(key_a);
	ss_key_free(key_b);
	return 0;
}

/* Texts that end inside an object: the scanner that records members stops
 * at the end of the bytes it was given (found by fuzzing: a member whose
 * value was cut off read one byte past the end). Each text is copied to
 * the heap without a terminating NUL, so that ASan sees any overread. */
static void test_scan_truncated(void **state)
{
	static const char *const cut[] = {"{\"a\":", "{\"a\":1,\"b\":", "{\"data\":{\"x\":",
					  "{\"a\"",  "{\"a\":\"x",      "{\"a\":[1,"};
	ss_json_member mem[8];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cut) / sizeof(cut[0]); i++) {
		size_t n = strlen(cut[i]);
		char *copy = malloc(n);
		ss_json_members ms = {mem, 8, 0, false, false};

		assert_non_null(copy);
		memcpy(copy, cut[i], n);
		assert_false(ss_json_canonical_scan(copy, n, NULL, &ms));
		assert_false(ss_json_is_canonical(copy, n, NULL));
		free(copy);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flat_matches_json),
		cmocka_unit_test(test_scan_truncated),
		cmocka_unit_test(test_shapes_v3),
		cmocka_unit_test(test_enumerations_v3),
		cmocka_unit_test(test_flat_matches_json_v3),
		cmocka_unit_test(test_async_matches_sync),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
