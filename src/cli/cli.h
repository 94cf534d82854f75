/* The secspec command: shared option parsing and output helpers. */
#ifndef SS_CLI_H
#define SS_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "secspec/secspec.h"

/* Messages in the message language (po/ja.po; scripts/update-po). */
#define _(s) ss_gettext(s)
#define N_(s) s

#define CLI_MAX_POS 8
#define CLI_MAX_OPTS 32
#define CLI_MAX_VALUES 64

/* An option a command accepts, with its description for --help, the manual
 * pages and completion (the value's name comes from the usage text). */
typedef struct {
	const char *name; /* without the leading -- */
	int has_arg;      /* 0: flag, 1: value, 2: repeatable value */
	const char *en;   /* description in English */
	const char *ja;   /* the same in Japanese */
} cli_optspec;

/* The --by option most writing commands take, described once, and the end
 * of an option table. */
#define CLI_OPT_BY                                                                                 \
	{                                                                                          \
		"by", 1, "the member who records this (their PERSON id)",                          \
			"記録する参加者 (PERSON の ID)"                                    \
	}
/* The catalog filter options of the commands that take one. */
#define CLI_OPT_FILTER                                                                             \
	{"section", 1, "only the items of this section", "この節の項目だけ"},                      \
		{"platform", 1, "only the items of this platform",                                 \
		 "このプラットフォームの項目だけ"},                                                \
	{                                                                                          \
		"category", 1, "only the items of this category", "この分類の項目だけ"    \
	}
#define CLI_OPT_END                                                                                \
	{                                                                                          \
		NULL, 0, NULL, NULL                                                                \
	}

typedef struct {
	const char *name;
	const char *values[CLI_MAX_VALUES];
	size_t n;
	bool set;
} cli_opt;

typedef struct {
	const char *cmd; /* "decide", "catalog list" ... for messages */
	const char *pos[CLI_MAX_POS];
	size_t npos;
	cli_opt opts[CLI_MAX_OPTS];
	size_t nopts;
	/* global options */
	const char *db;
	const char *lang;
	const char *key; /* --key FILE or $SECSPEC_KEY: signs changes */
	bool json;
	bool quiet; /* --quiet: no progress line */
	/* a change signed where the key is (proposal.c) */
	const char *propose;     /* --propose FILE: write the events to sign there */
	const char *signed_file; /* --signed FILE: append the events signed there */
	const char *signer;      /* --signer FINGERPRINT: the key that will sign */
} cli_args;

/* The subcommand word of argv ("" when argv starts with an option, so that
 * "secspec catalog --help" reaches the parser), and the count after it. */
const char *cli_sub(int argc, char **argv);
int cli_rest_of(int argc, char **argv);

/* Parse argv (after the command words). spec ends with {NULL}. Prints the
 * error and returns a negative code on a bad option. */
int cli_parse(cli_args *a, const char *cmd, int argc, char **argv, const cli_optspec *spec,
	      size_t min_pos, size_t max_pos, const char *usage);
/* What --help produces: the help text (the default), a manual page or the
 * completion candidates for the words being typed. Set by the help and
 * complete commands before they run a command with --help. */
enum { CLI_HELP_TEXT, CLI_HELP_MAN, CLI_HELP_COMPLETE };
typedef struct {
	int mode;
	const char *lang;    /* "en" or "ja" (NULL: the message language) */
	const char *name;    /* the command word */
	const char *summary; /* the command's one-line summary in lang */
	int nwords;          /* CLI_HELP_COMPLETE: the words after the command, */
	char **words;        /* the last one being the word under the cursor */
} cli_help_mode;
void cli_help_setup(const cli_help_mode *m);
/* True when argv asks for help (--help or -h before any "--"). */
bool cli_wants_help(int argc, char **argv);
/* Print the help of a command: usage and every option of specs (a NULL-ended
 * list of option tables, merged), then exit 0. */
__attribute__((noreturn)) void cli_help(const char *cmd, const char *usage,
					const cli_optspec *const *specs);
/* The global options (--db, --json, --lang, --key). */
extern const cli_optspec cli_globals[];
/* Print a manual page's text with roff's special characters escaped. */
void cli_roff(FILE *f, const char *text);

/* Print the usage, close st (may be NULL) and return the usage exit status. */
int cli_usage_error(const char *usage, ss_store *st);
/* Usage errors are JSON error objects when argv has --json (cli_parse sees
 * to it; call this first where a usage error may come before cli_parse). */
void cli_json_errors(int argc, char **argv);
/* The language of messages: the last --lang of argv (before "--"), else the
 * environment's (ss_messages_lang_env). Documents keep taking --lang alone. */
void cli_messages_lang(int argc, char **argv);
/* Print a usage error msg of cmd (text with the usage, or JSON) and return 64. */
int cli_usage_fail(const char *cmd, const char *msg, const char *usage);

/* "-" as a file: standard input for a file read, standard output for a file
 * written. A file named "-" is given as ./-.
 * cli_input: when *path is "-", copy standard input once (more than max
 * bytes: SS_ELIMIT, nothing kept) to a private temporary file named "stdin"
 * and point *path at it; it is removed at exit. Standard input is read at
 * most once per command: a second "-" is refused. what names the file: an
 * English noun phrase translated here (callers mark it with N_()). */
int cli_input(const char **path, uint64_t max, const char *what);
/* Write data to path atomically, or to standard output when path is "-". */
int cli_output(const char *path, const void *data, size_t len);
/* For a library function that writes a file by path: when *path is "-",
 * point it at a private temporary file; cli_spool_flush then copies that
 * file to standard output. */
int cli_spool_path(const char **path);
int cli_spool_flush(void);
/* Refuse "-" for a file holding a secret (a private key); what as for
 * cli_input. */
int cli_secret_path(const char *path, const char *what);
/* cli_parse on what follows the subcommand word of argv (see cli_sub). */
int cli_parse_sub(cli_args *a, const char *cmd, int argc, char **argv, const cli_optspec *spec,
		  size_t min_pos, size_t max_pos, const char *usage);
const char *cli_opt_get(const cli_args *a, const char *name);
const cli_opt *cli_opt_all(const cli_args *a, const char *name);
bool cli_flag(const cli_args *a, const char *name);

/* Read a passphrase from $SECSPEC_KEY_PASSPHRASE_FILE (never from the
 * command line, where other users could see it). NULL when unset; *out
 * freed by the caller. */
int cli_passphrase(char **out);
/* Open the store named by --db / SECSPEC_DB / ./secspec.db. With CLI_CREATE
 * a missing database file is created; with CLI_SIGN (commands that change a
 * project) the key of --key or $SECSPEC_KEY is loaded and signs the
 * changes. Read commands never touch keys. */
enum { CLI_CREATE = 1, CLI_SIGN = 2 };
int cli_open(ss_store **out, const cli_args *a, int flags);

/* Progress of long work on a terminal (progress.c): started by cli_parse
 * unless --quiet or --json or standard error is not a terminal; the line
 * is cleared before an error is printed and at exit. */
void cli_progress_start(const cli_args *a);
void cli_progress_done(void);

/* --propose / --signed (proposal.c): cli_open sets the proposal on the
 * store for a command that signs; main finishes it after the command
 * (writes the proposal file, or reports a conflict). While proposing,
 * cli_out and cli_print_json print nothing: nothing was done yet. */
int cli_proposal_open(ss_store *st, const cli_args *a);
int cli_proposal_finish(int status);
/* cli_out and cli_print_json print nothing while fn() is true. */
void cli_mute_while(bool (*fn)(void));
/* secspec key sign FILE --key KEY [-o OUT] */
int cli_key_sign(cli_args *a);

/* The key loaded by cli_open, or NULL. */
const ss_key *cli_signer(void);
/* Report a library error on stderr and return its exit status. */
int cli_fail(const cli_args *a, int code);
/* Print JSON to stdout (sorted keys, 2-space indent); takes a reference. */
void cli_print_json(const json_t *v);
/* One line per catalog version that ss_catalog_load read. */
void cli_print_loaded(const json_t *res);
/* The GLOBAL OPTIONS section of a manual page. */
void cli_man_globals(bool ja);
/* Print a prompt-free line of text. */
void cli_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The {ja, en} value in the --lang language. */
const char *cli_pick(const cli_args *a, const json_t *v);
/* Commands. */
int cmd_init(int argc, char **argv);
int cmd_acceptance(int argc, char **argv);
int cmd_catalog(int argc, char **argv);
int cmd_project(int argc, char **argv);
int cmd_member(int argc, char **argv);
int cmd_asset(int argc, char **argv);
int cmd_system(int argc, char **argv);
int cmd_spec(int argc, char **argv);
int cmd_decide(int argc, char **argv);
int cmd_advise(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_reject(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_key(int argc, char **argv);
int cmd_agree(int argc, char **argv);
int cmd_minutes(int argc, char **argv);
int cmd_evidence(int argc, char **argv);
int cmd_verify(int argc, char **argv);
int cmd_timestamp(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_refs(int argc, char **argv);
int cmd_change(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_threat(int argc, char **argv);
int cmd_sbom(int argc, char **argv);
int cmd_vuln(int argc, char **argv);
/* the negotiation's records (cmd_negotiate.c) */
int cmd_proposal(int argc, char **argv);
int cmd_cost(int argc, char **argv);
int cmd_candidate(int argc, char **argv);
int cmd_nda(int argc, char **argv);
int cmd_vendor(int argc, char **argv);
int cmd_law(int argc, char **argv);
int cmd_retention(int argc, char **argv);
int cmd_contract(int argc, char **argv);
int cmd_terms(int argc, char **argv);
int cmd_standard(int argc, char **argv);
int cmd_diagnosis(int argc, char **argv);
/* rules 5: IT assets by category and the network configuration */
int cmd_itasset(int argc, char **argv);
int cmd_network(int argc, char **argv);
/* local accounts of a deployment (cmd_account.c) */
int cmd_account(int argc, char **argv);
/* the web application and its API (cmd_serve.c, src/http) */
int cmd_serve(int argc, char **argv);
/* a party's own verified copy of a server's log (cmd_sync.c) */
int cmd_sync(int argc, char **argv);
/* The command table (main.c): the commands, each with its summary. */
typedef struct {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *en, *ja;
} cli_command;
extern const cli_command cli_commands[]; /* ends with {NULL} */
/* The top-level usage: commands and global options. */
void cli_usage(FILE *f, bool ja);
/* help, completion and the hidden complete helper (cmd_help.c) */
int cmd_completion(int argc, char **argv);
int cli_main_help(int argc, char **argv);
int cli_main_complete(int argc, char **argv);

#endif
