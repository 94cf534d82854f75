/*
 * help, completion and the hidden complete helper. The help of a command,
 * its manual page and its completion all come from the command's own usage
 * and option tables: `secspec help --man CMD` and `secspec complete -- WORDS`
 * run the command with --help in another mode (see cli_help).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char synopsis[] = "secspec [--db PATH] [--json] [--lang ja|en] [--key FILE] "
			       "COMMAND [ARGS]";

/* The environment the command reads, for the manual page. */
static const struct {
	const char *name, *en, *ja;
} environment[] = {
	{"SECSPEC_DB", "the database when --db is not given (default ./secspec.db)",
	 "--db がないときのデータベース (既定は ./secspec.db)"},
	{"SECSPEC_KEY", "the private key that signs changes when --key is not given",
	 "--key がないときに変更に署名する秘密鍵"},
	{"SECSPEC_KEY_PASSPHRASE_FILE", "a file holding the passphrase of the private key",
	 "秘密鍵のパスフレーズを収めたファイル"},
	{"SECSPEC_CATALOG_DIR", "the directory of the built-in catalog",
	 "組み込みカタログのディレクトリ"},
	{"SECSPEC_NOW", "a fixed current time (RFC 3339), for reproducible tests",
	 "固定の現在時刻 (RFC 3339)。再現できるテストのため"},
};

/* The settled exit statuses (docs/cli.md "Exit status"). */
static const struct {
	int status;
	const char *en, *ja;
} statuses[] = {
	{0, "success", "成功"},
	{3, "conflict with the recorded state", "記録済みの状態と矛盾する"},
	{4, "a rule of the process refuses the change, or lint found errors",
	 "手順の規則が変更を拒否した、または lint がエラーを検出した"},
	{5, "the log or a bundle is corrupt or forged",
	 "ログまたはバンドルが破損・改ざんされている"},
	{64, "usage error: unknown command or option, bad value",
	 "使い方の誤り: 不明なコマンドやオプション、不正な値"},
	{65, "input cannot be parsed, or a limit is exceeded",
	 "入力を解析できない、または上限を超えた"},
	{66, "not found: database, project, person, item, file ...",
	 "見つからない: データベース、プロジェクト、人、項目、ファイルなど"},
	{70, "internal error", "内部エラー"},
	{71, "out of memory", "メモリ不足"},
	{74, "database or input/output error", "データベースまたは入出力のエラー"},
	{75, "the database is busy", "データベースが使用中"},
	{77, "permission denied: the actor may not do this",
	 "権限がない: その行為者には許されない操作"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

void cli_usage(FILE *f, bool ja)
{
	size_t i;

	fprintf(f, _("usage: %s\n"), synopsis);
	fputc('\n', f);
	for (i = 0; cli_commands[i].name; i++)
		fprintf(f, "  %-10s %s\n", cli_commands[i].name,
			ja ? cli_commands[i].ja : cli_commands[i].en);
	if (ja)
		fprintf(f, "\nデータベースは --db PATH、なければ $SECSPEC_DB、なければ "
			   "./secspec.db。\n"
			   "'secspec COMMAND --help' でコマンドのオプションを表示します。man "
			   "secspec-COMMAND も参照。\n");
	else
		fprintf(f, "\nThe database is --db PATH, else $SECSPEC_DB, else ./secspec.db.\n"
			   "'secspec COMMAND --help' shows a command's options; docs/cli.md has "
			   "them all.\n");
}

static const cli_command *find_command(const char *name)
{
	size_t i;

	for (i = 0; cli_commands[i].name; i++)
		if (strcmp(cli_commands[i].name, name) == 0)
			return &cli_commands[i];
	return NULL;
}

static void man_main(bool ja)
{
	size_t i;

	printf(".TH SECSPEC 1 \"\" \"secspec %s\" \"secspec\"\n", SECSPEC_VERSION);
	if (ja)
		printf(".ad l\n");
	printf(".SH %s\nsecspec \\- ", ja ? "名前" : "NAME");
	cli_roff(stdout,
		 ja ? "ユーザー企業とベンダーが合意したセキュリティ仕様を署名付きのログとして"
		      "記録する"
		    : "record the security specification agreed between a user company and "
		      "its vendor as a signed log");
	printf("\n");
	printf(".SH %s\n.nf\n", ja ? "書式" : "SYNOPSIS");
	cli_roff(stdout, synopsis);
	printf("\n.fi\n.SH %s\n", ja ? "説明" : "DESCRIPTION");
	cli_roff(stdout,
		 ja ? "secspec は、ユーザー企業とベンダーが合意したセキュリティ仕様を、署名と"
		      "ハッシュ連鎖のあるイベントログとして記録し、第三者がオフラインで検証できる"
		      "証跡バンドルを書き出す。各コマンドの詳細は secspec-COMMAND(1) にある。"
		    : "secspec records the security specification agreed between a user company "
		      "and its vendor as a signed, hash-chained event log, and exports evidence "
		      "bundles that a third party verifies offline. Each command is described "
		      "in secspec-COMMAND(1).");
	printf("\n.SH %s\n", ja ? "コマンド" : "COMMANDS");
	for (i = 0; cli_commands[i].name; i++) {
		printf(".TP\n.BR \"secspec\\-");
		cli_roff(stdout, cli_commands[i].name);
		printf("\" (1)\n");
		cli_roff(stdout, ja ? cli_commands[i].ja : cli_commands[i].en);
		printf("\n");
	}
	cli_man_globals(ja);
	printf(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n%s\n",
	       ja ? "ヘルプを表示する" : "show the help");
	printf(".TP\n\\fB\\-\\-version\\fR\n%s\n", ja ? "版を表示する" : "show the version");
	printf(".SH %s\n", ja ? "環境変数" : "ENVIRONMENT");
	for (i = 0; i < NELEM(environment); i++) {
		printf(".TP\n.B ");
		cli_roff(stdout, environment[i].name);
		printf("\n");
		cli_roff(stdout, ja ? environment[i].ja : environment[i].en);
		printf("\n");
	}
	printf(".SH %s\n", ja ? "終了ステータス" : "EXIT STATUS");
	for (i = 0; i < NELEM(statuses); i++) {
		printf(".TP\n.B %d\n", statuses[i].status);
		cli_roff(stdout, ja ? statuses[i].ja : statuses[i].en);
		printf("\n");
	}
	printf(".SH %s\n", ja ? "関連項目" : "SEE ALSO");
	for (i = 0; cli_commands[i].name; i++) {
		printf(".BR \"secspec\\-");
		cli_roff(stdout, cli_commands[i].name);
		printf("\" (1)%s\n", cli_commands[i + 1].name ? "," : "");
	}
}

/* secspec help [--man] [--commands] [COMMAND] [--lang ja|en] */
int cli_main_help(int argc, char **argv)
{
	const char *name = NULL, *lang = NULL;
	bool man = false, list = false;
	const cli_command *c;
	int i;

	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--man") == 0)
			man = true;
		else if (strcmp(argv[i], "--commands") == 0)
			list = true;
		else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
		else if (argv[i][0] != '-' && !name)
			name = argv[i];
	}
	if (lang && strcmp(lang, "ja") != 0 && strcmp(lang, "en") != 0) {
		fprintf(stderr, "secspec help: %s\n", _("--lang must be ja or en"));
		return 64;
	}
	if (!lang)
		lang = ss_messages_lang();
	if (list) {
		for (i = 0; cli_commands[i].name; i++)
			printf("%s\n", cli_commands[i].name);
		return 0;
	}
	if (!name) {
		if (man)
			man_main(lang && strcmp(lang, "ja") == 0);
		else
			cli_usage(stdout, lang && strcmp(lang, "ja") == 0);
		return 0;
	}
	if (!(c = find_command(name))) {
		fprintf(stderr, _("secspec help: unknown command '%s'\n"), name);
		return 64;
	}
	{
		bool ja = lang && strcmp(lang, "ja") == 0;
		cli_help_mode m = {man ? CLI_HELP_MAN : CLI_HELP_TEXT,
				   ja ? "ja" : "en",
				   c->name,
				   ja ? c->ja : c->en,
				   0,
				   NULL};
		char *args[] = {"--help", NULL};

		cli_help_setup(&m);
		return c->fn(1, args);
	}
}

/* secspec complete -- WORDS: the candidates for the last of WORDS (the words
 * after "secspec", the one under the cursor last, maybe empty), one a line;
 * ":files" asks the shell for file names. */
int cli_main_complete(int argc, char **argv)
{
	const cli_command *c = NULL;
	int i, n;

	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argc--;
		argv++;
	}
	if (argc < 1)
		return 0;
	for (i = 0; i + 1 < argc; i++) {
		const cli_optspec *g;
		const char *w = argv[i];

		if (w[0] != '-') {
			c = find_command(w);
			break;
		}
		for (g = cli_globals; g->name; g++)
			if (strncmp(w, "--", 2) == 0 && strcmp(w + 2, g->name) == 0)
				break;
		if (g->name && g->has_arg) {
			if (i + 2 == argc) { /* the cursor is on the value */
				printf("%s",
				       strcmp(g->name, "lang") == 0 ? "ja\nen\n" : ":files\n");
				return 0;
			}
			if (strcmp(g->name, "db") == 0)
				setenv("SECSPEC_DB", argv[i + 1], 1);
			i++;
		} else if (strncmp(w, "--db=", 5) == 0) {
			setenv("SECSPEC_DB", w + 5, 1);
		}
	}
	if (i + 1 >= argc) {
		if (argv[argc - 1][0] == '-') {
			for (n = 0; cli_globals[n].name; n++)
				printf("--%s\n", cli_globals[n].name);
			printf("--help\n--version\n");
		} else {
			for (n = 0; cli_commands[n].name; n++)
				printf("%s\n", cli_commands[n].name);
		}
		return 0;
	}
	if (!c)
		return 0;
	{
		cli_help_mode m = {CLI_HELP_COMPLETE, "en",        c->name, c->en,
				   argc - i - 1,      argv + i + 1};
		char *args[] = {"--help", NULL};

		cli_help_setup(&m);
		return c->fn(1, args);
	}
}

static void put_sq(const char *s)
{
	for (; *s; s++)
		if (*s == '\'')
			fputs("'\\''", stdout);
		else
			putchar(*s);
}

static void bash_script(void)
{
	size_t i;

	printf("# bash completion for secspec; generated by 'secspec completion bash'.\n"
	       "# Commands come from this list, everything else from 'secspec complete'.\n"
	       "_secspec()\n{\n"
	       "\tlocal cur cword words out\n"
	       "\tCOMPREPLY=()\n"
	       "\tif declare -F _init_completion >/dev/null 2>&1; then\n"
	       "\t\t_init_completion -n = || return\n"
	       "\telse\n"
	       "\t\tcur=${COMP_WORDS[COMP_CWORD]}\n"
	       "\t\twords=(\"${COMP_WORDS[@]}\")\n"
	       "\t\tcword=$COMP_CWORD\n"
	       "\tfi\n"
	       "\tif [[ $cword -eq 1 && $cur != -* ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W '");
	for (i = 0; cli_commands[i].name; i++)
		printf("%s%s", i ? " " : "", cli_commands[i].name);
	printf("' -- \"$cur\"))\n"
	       "\t\treturn 0\n"
	       "\tfi\n"
	       "\tlocal IFS=$'\\n'\n"
	       "\tout=$(\"${words[0]}\" complete -- \"${words[@]:1:cword-1}\" \"$cur\" "
	       "2>/dev/null)\n"
	       "\tif [[ $out == :files ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	       "\telse\n"
	       "\t\tCOMPREPLY=($(compgen -W \"$out\" -- \"$cur\"))\n"
	       "\tfi\n"
	       "\treturn 0\n"
	       "}\n"
	       "complete -F _secspec secspec\n");
}

static void zsh_script(void)
{
	size_t i;

	printf("#compdef secspec\n"
	       "# zsh completion for secspec; generated by 'secspec completion zsh'.\n"
	       "# Commands come from this list, everything else from 'secspec complete'.\n"
	       "_secspec() {\n"
	       "\tlocal -a commands cands\n"
	       "\tcommands=(\n");
	for (i = 0; cli_commands[i].name; i++) {
		printf("\t\t'%s:", cli_commands[i].name);
		put_sq(cli_commands[i].en);
		printf("'\n");
	}
	printf("\t)\n"
	       "\tif (( CURRENT == 2 )) && [[ $PREFIX != -* ]]; then\n"
	       "\t\t_describe -t commands 'secspec command' commands\n"
	       "\t\treturn\n"
	       "\tfi\n"
	       "\tcands=(\"${(@f)$(${words[1]} complete -- \"${(@)words[2,CURRENT]}\" "
	       "2>/dev/null)}\")\n"
	       "\tif [[ ${cands[1]} == :files ]]; then\n"
	       "\t\t_files\n"
	       "\telse\n"
	       "\t\tcompadd -a cands\n"
	       "\tfi\n"
	       "}\n"
	       "if [[ ${funcstack[1]} == _secspec ]]; then\n"
	       "\t_secspec \"$@\"\n"
	       "else\n"
	       "\tcompdef _secspec secspec\n"
	       "fi\n");
}

int cmd_completion(int argc, char **argv)
{
	static const char usage[] = "secspec completion bash|zsh";
	static const cli_optspec spec[] = {CLI_OPT_END};
	cli_args a;
	int error;

	if ((error = cli_parse(&a, "completion", argc, argv, spec, 1, 1, usage)) < 0)
		return ss_error_exit_status(error);
	if (strcmp(a.pos[0], "bash") == 0)
		bash_script();
	else if (strcmp(a.pos[0], "zsh") == 0)
		zsh_script();
	else
		return cli_usage_error(usage, NULL);
	return 0;
}
