/* secspec: git-style subcommands dispatched from one table. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{"init", cmd_init, "create or migrate the database and load the built-in catalog"},
	{"catalog", cmd_catalog, "list, show and validate the guideline catalog"},
	{"project", cmd_project, "create, list and show projects; move through the 12 steps"},
	{"member", cmd_member, "add, remove and list the people of a project"},
	{"asset", cmd_asset, "record information/operations and their impact (L1-L3)"},
	{"system", cmd_system, "record target systems with their policies and implementations"},
	{"spec", cmd_spec, "draft the specification and list its requirements"},
	{"decide", cmd_decide, "record the user's decision on mitigations"},
	{"advise", cmd_advise, "record the vendor's advice on mitigations"},
	{"approve", cmd_approve, "management approves risk acceptances and alternatives"},
	{"reject", cmd_reject, "management rejects risk acceptances and alternatives"},
	{"import", cmd_import, "import ATT&CK, CWE, ASVS or XCCDF reference data"},
	{"refs", cmd_refs, "list, look up and check against imported reference data"},
	{"change", cmd_change,
	 "change requests raised by a new catalog version or a change after agreement"},
	{"coverage", cmd_coverage, "ATT&CK coverage of a project (text, JSON, Navigator layer)"},
	{"threat", cmd_threat, "set a technique's threat scores for a project, with the reason"},
	{"proposal", cmd_proposal,
	 "the vendor's proposals and warnings outside the catalog, answered"},
	{"cost", cmd_cost, "who bears which cost, approved by the user side's management"},
	{"candidate", cmd_candidate, "vendor candidates and the documents exchanged with them"},
	{"nda", cmd_nda, "record an NDA with a candidate or the vendor"},
	{"vendor", cmd_vendor, "select the vendor among the candidates, with the reason"},
	{"law", cmd_law, "laws, regulations and guidelines that bind the assets"},
	{"retention", cmd_retention, "how long each asset is kept and how it is disposed of"},
	{"contract", cmd_contract,
	 "operation and maintenance contract terms, agreed by both leads"},
	{"terms", cmd_terms, "acknowledge that changes after agreement are re-estimated"},
	{"standard", cmd_standard, "the requirement standard and level (ASVS 4.0.3 level 2 ...)"},
	{"diagnosis", cmd_diagnosis, "security diagnoses, penetration tests and reviews"},
	{"lint", cmd_lint, "check completeness and the evidence the process requires"},
	{"render", cmd_render, "write the security specification (md, html, json)"},
	{"log", cmd_log, "show, verify and replay the change log"},
	{"demo", cmd_demo, "build the sample project from the guideline's example tables"},
	{"key", cmd_key, "generate, register and list Ed25519 signing keys"},
	{"agree", cmd_agree, "sign an agreement milestone (spec-v1, switchover ...)"},
	{"minutes", cmd_minutes, "record minutes of meetings with attachments"},
	{"evidence", cmd_evidence, "export the evidence bundle of a project"},
	{"timestamp", cmd_timestamp, "RFC 3161 trusted time for an agreement milestone"},
	{"verify", cmd_verify, "verify an evidence bundle offline"},
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: secspec [--db PATH] [--json] [--lang ja|en] [--key FILE] COMMAND "
		   "[ARGS]\n\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f,
		"\nThe database is --db PATH, else $SECSPEC_DB, else ./secspec.db.\n"
		"'secspec COMMAND --help' shows a command's options; docs/cli.md has them all.\n");
}

/* How many words the global option at argv[i] takes (0: not a global one). */
static int global_words(int argc, char **argv, int i)
{
	if (strcmp(argv[i], "--json") == 0 || strncmp(argv[i], "--db=", 5) == 0 ||
	    strncmp(argv[i], "--lang=", 7) == 0 || strncmp(argv[i], "--key=", 6) == 0)
		return 1;
	if ((strcmp(argv[i], "--db") == 0 || strcmp(argv[i], "--lang") == 0 ||
	     strcmp(argv[i], "--key") == 0) &&
	    i + 1 < argc)
		return 2;
	return 0;
}

/* Global options may come before the command or between the command and its
 * subcommand word; move them after everything, where every command's parser
 * reads them. */
static int hoist_globals(int argc, char **argv, char **out)
{
	char *moved[64];
	int i = 1, n = 0, m = 0, k, w, words = 0;

	out[n++] = argv[0];
	while (i < argc && words < 2) {
		if ((w = global_words(argc, argv, i)) > 0 && m + w <= 64) {
			for (k = 0; k < w; k++)
				moved[m++] = argv[i + k];
			i += w;
			continue;
		}
		out[n++] = argv[i++]; /* the command, then the subcommand word */
		words++;
	}
	while (i < argc)
		out[n++] = argv[i++];
	for (k = 0; k < m; k++)
		out[n++] = moved[k];
	out[n] = NULL;
	return n;
}

int main(int argc, char **argv)
{
	char *args[argc + 1];
	size_t i;

	argc = hoist_globals(argc, argv, args);
	argv = args;
	if (argc < 2) {
		usage(stderr);
		return 64;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("secspec %s\n", SECSPEC_VERSION);
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 2, argv + 2);
	fprintf(stderr, "secspec: unknown command '%s'\n\n", argv[1]);
	usage(stderr);
	return 64;
}
