#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

const cli_optspec cli_globals[] = {
	{"db", 1, "the database (default $SECSPEC_DB, else ./secspec.db)",
	 "データベース (既定は $SECSPEC_DB、なければ ./secspec.db)"},
	{"json", 0, "print results and errors as JSON", "結果とエラーを JSON で出力する"},
	{"lang", 1, "language of documents, catalog text and labels: ja (default) or en",
	 "文書・カタログ本文・見出しの言語: ja (既定) または en"},
	{"key", 1, "the private key that signs the changes (default $SECSPEC_KEY)",
	 "変更に署名する秘密鍵 (既定は $SECSPEC_KEY)"},
	{"quiet", 0, "no progress line on a terminal", "端末に進捗を表示しない"},
	{"propose", 1,
	 "check the change and write the events to sign to FILE instead of making it (for a key "
	 "kept elsewhere: 'secspec key sign')",
	 "変更を検査し、行う代わりに署名するイベントを FILE に書き出す (別の場所にある鍵で "
	 "'secspec key sign' を使って署名する)"},
	{"signed", 1, "make the change with the events signed in FILE (see --propose)",
	 "FILE で署名されたイベントで変更を行う (--propose を参照)"},
	{"signer", 1, "with --propose: the fingerprint of the key that will sign",
	 "--propose のとき: 署名する鍵のフィンガープリント"},
	CLI_OPT_END};

static cli_help_mode help_mode = {CLI_HELP_TEXT, NULL, NULL, NULL, 0, NULL};

void cli_help_setup(const cli_help_mode *m)
{
	help_mode = *m;
}

static const cli_optspec *find_spec(const cli_optspec *spec, const char *name, size_t len)
{
	for (; spec && spec->name; spec++)
		if (strlen(spec->name) == len && strncmp(spec->name, name, len) == 0)
			return spec;
	return NULL;
}

static cli_opt *slot(cli_args *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i].name, name) == 0)
			return &a->opts[i];
	if (a->nopts == CLI_MAX_OPTS)
		return NULL;
	a->opts[a->nopts].name = name;
	return &a->opts[a->nopts++];
}

/* --json was given: usage errors are printed as JSON error objects. */
static bool json_errors;

/* Print a mistake in the command line: text with the usage, or under --json
 * the error object of cli_fail. Returns code. */
static int usage_report(const char *cmd, const char *usage, int code, const char *msg)
{
	if (json_errors) {
		cli_args j;

		memset(&j, 0, sizeof(j));
		j.cmd = cmd;
		j.json = true;
		if (usage)
			ss_error_set(code, "%s; usage: %s", msg, _(usage));
		else
			ss_error_set(code, "%s", msg);
		cli_fail(&j, code);
	} else if (usage) {
		fprintf(stderr, "secspec%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "", msg);
		fprintf(stderr, _("usage: %s\n"), _(usage));
	} else {
		fprintf(stderr, "secspec%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "", msg);
	}
	return code;
}

__attribute__((format(printf, 4, 5))) static int parse_error(const char *cmd, const char *usage,
							     int code, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	return usage_report(cmd, usage, code, msg);
}

void cli_messages_lang(int argc, char **argv)
{
	const char *lang = NULL;
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++) {
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			lang = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			lang = argv[i] + 7;
	}
	/* a wrong --lang is reported by cli_parse, in the environment's language */
	if (!lang || ss_messages_lang_set(lang) < 0)
		ss_messages_lang_set(ss_messages_lang_env());
}

void cli_json_errors(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--json") == 0)
			json_errors = true;
}

int cli_usage_fail(const char *cmd, const char *msg, const char *usage)
{
	return ss_error_exit_status(usage_report(cmd, usage, SS_EINVAL, msg));
}

int cli_parse(cli_args *a, const char *cmd, int argc, char **argv, const cli_optspec *spec,
	      size_t min_pos, size_t max_pos, const char *usage)
{
	const char *env_db = getenv("SECSPEC_DB"), *env_key = getenv("SECSPEC_KEY");
	bool no_more_opts = false;
	int i;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	/* --json anywhere before "--" makes the usage errors below JSON too */
	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--json") == 0)
			json_errors = true;
	a->db = env_db && *env_db ? env_db : "secspec.db";
	a->lang = "ja";
	a->key = env_key && *env_key ? env_key : NULL;
	for (i = 0; i < argc; i++) {
		const char *arg = argv[i], *name, *eq, *val = NULL;
		const cli_optspec *sp;
		size_t len;
		cli_opt *o;
		/* a one-letter option may also be written with one dash: -o FILE */
		bool short_opt = !no_more_opts && arg[0] == '-' && arg[1] && arg[1] != '-' &&
				 arg[2] == '\0' && (find_spec(spec, arg + 1, 1) || arg[1] == 'h');

		if (!short_opt && (no_more_opts || strncmp(arg, "--", 2) != 0 || arg[2] == '\0')) {
			if (!no_more_opts && strcmp(arg, "--") == 0) {
				no_more_opts = true;
				continue;
			}
			if (a->npos == CLI_MAX_POS || a->npos == max_pos) {
				return parse_error(cmd, usage, SS_EINVAL,
						   "unexpected argument '%s'", arg);
			}
			a->pos[a->npos++] = arg;
			continue;
		}
		name = arg + (short_opt ? 1 : 2);
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if ((len == 4 && strncmp(name, "help", 4) == 0) || strcmp(arg, "-h") == 0)
			cli_help(cmd, usage, (const cli_optspec *const[]){spec, NULL});
		sp = find_spec(cli_globals, name, len);
		if (!sp)
			sp = find_spec(spec, name, len);
		if (!sp) {
			return parse_error(cmd, usage, SS_EINVAL, "unknown option --%.*s", (int)len,
					   name);
		}
		if (sp->has_arg) {
			if (eq) {
				val = eq + 1;
			} else if (i + 1 < argc) {
				val = argv[++i];
			} else {
				return parse_error(cmd, NULL, SS_EINVAL, "--%s needs a value",
						   sp->name);
			}
		} else if (eq) {
			return parse_error(cmd, NULL, SS_EINVAL, "--%s takes no value", sp->name);
		}
		if (strcmp(sp->name, "db") == 0) {
			a->db = val;
			continue;
		}
		if (strcmp(sp->name, "key") == 0) {
			a->key = val;
			continue;
		}
		if (strcmp(sp->name, "json") == 0) {
			a->json = true;
			continue;
		}
		if (strcmp(sp->name, "quiet") == 0) {
			a->quiet = true;
			continue;
		}
		if (strcmp(sp->name, "propose") == 0 || strcmp(sp->name, "signed") == 0 ||
		    strcmp(sp->name, "signer") == 0) {
			*(strcmp(sp->name, "propose") == 0  ? &a->propose
			  : strcmp(sp->name, "signed") == 0 ? &a->signed_file
							    : &a->signer) = val;
			continue;
		}
		if (strcmp(sp->name, "lang") == 0) {
			if (strcmp(val, "ja") != 0 && strcmp(val, "en") != 0) {
				return parse_error(cmd, NULL, SS_EINVAL, "--lang must be ja or en");
			}
			a->lang = val;
			ss_messages_lang_set(val);
			continue;
		}
		if (!(o = slot(a, sp->name)))
			return SS_EINVAL;
		if (o->set && sp->has_arg != 2) {
			return parse_error(cmd, NULL, SS_EINVAL, "--%s given twice", sp->name);
		}
		o->set = true;
		if (val) {
			if (o->n == CLI_MAX_VALUES) {
				return parse_error(cmd, NULL, SS_ELIMIT,
						   "--%s given too many times", sp->name);
			}
			o->values[o->n++] = val;
		}
	}
	if (a->npos < min_pos) {
		return parse_error(cmd, usage, SS_EINVAL, "missing argument");
	}
	cli_progress_start(a);
	return 0;
}

const cli_opt *cli_opt_all(const cli_args *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nopts; i++)
		if (strcmp(a->opts[i].name, name) == 0)
			return &a->opts[i];
	return NULL;
}

const char *cli_opt_get(const cli_args *a, const char *name)
{
	const cli_opt *o = cli_opt_all(a, name);

	return o && o->n ? o->values[o->n - 1] : NULL;
}

bool cli_flag(const cli_args *a, const char *name)
{
	const cli_opt *o = cli_opt_all(a, name);

	return o && o->set;
}

int cli_passphrase(char **out)
{
	const char *file = getenv("SECSPEC_KEY_PASSPHRASE_FILE");

	*out = NULL;
	if (!file || !*file)
		return 0;
	return ss_key_passphrase_read(out, file);
}

int cli_fail(const cli_args *a, int code)
{
	ss_buf msg = SS_BUF_INIT(4 * SS_ERROR_MAX);

	cli_progress_done();
	/* messages quote input files and bundles: nothing reaches the terminal
	 * (or json_pack) that is not printable UTF-8 */
	if (ss_text_escape(&msg, ss_error_last() ? ss_error_last() : "", false) < 0)
		ss_buf_clear(&msg);

	if (a && a->json) {
		json_t *err = json_pack("{s:{s:s, s:s, s:i}}", "error", "code", ss_error_name(code),
					"message", msg.len ? msg.ptr : ss_error_text(code), "exit",
					ss_error_exit_status(code));

		json_dumpf(err, stderr, JSON_INDENT(2) | JSON_SORT_KEYS);
		fputc('\n', stderr);
		json_decref(err);
	} else {
		fprintf(stderr, _("secspec %s: error: %s\n"), a ? a->cmd : "",
			msg.len ? msg.ptr : ss_error_text(code));
	}
	ss_buf_release(&msg);
	return ss_error_exit_status(code);
}

void cli_print_loaded(const json_t *res)
{
	const json_t *v;
	size_t i;

	json_array_foreach(json_object_get(res, "versions"), i, v) {
		cli_out(json_is_true(json_object_get(v, "loaded"))
				? _("catalog %s: %lld items loaded")
				: _("catalog %s: %lld items already loaded, unchanged"),
			json_string_value(json_object_get(v, "version")),
			(long long)json_integer_value(json_object_get(v, "items")));
	}
}

/* While a change is only proposed, nothing it would print is true yet. */
static bool (*muted)(void);

void cli_mute_while(bool (*fn)(void))
{
	muted = fn;
}

void cli_print_json(const json_t *v)
{
	if (muted && muted())
		return;
	cli_progress_done();
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', stdout);
}

void cli_out(const char *fmt, ...)
{
	ss_buf line = SS_BUF_INIT(0), shown = SS_BUF_INIT(0);
	va_list ap;

	if (muted && muted())
		return;
	cli_progress_done();
	/* output quotes bundles, imported files and the log: control and
	 * bidirectional formatting characters, which could drive the terminal
	 * or reorder what is shown, and broken UTF-8 are shown escaped */
	va_start(ap, fmt);
	if (ss_buf_vprintf(&line, fmt, ap) == 0 && line.ptr &&
	    ss_text_escape(&shown, line.ptr, true) == 0)
		fputs(shown.ptr, stdout);
	va_end(ap);
	fputc('\n', stdout);
	ss_buf_release(&line);
	ss_buf_release(&shown);
}

const char *cli_pick(const cli_args *a, const json_t *v)
{
	const char *s = json_string_value(json_object_get(v, a->lang));

	return s ? s : "";
}

const char *cli_sub(int argc, char **argv)
{
	return argc > 0 && argv[0][0] != '-' ? argv[0] : "";
}

int cli_rest_of(int argc, char **argv)
{
	return argc > 0 && argv[0][0] != '-' ? argc - 1 : argc;
}

int cli_parse_sub(cli_args *a, const char *cmd, int argc, char **argv, const cli_optspec *spec,
		  size_t min_pos, size_t max_pos, const char *usage)
{
	int rest = cli_rest_of(argc, argv);

	return cli_parse(a, cmd, rest, argv + (argc - rest), spec, min_pos, max_pos, usage);
}

int cli_usage_error(const char *usage, ss_store *st)
{
	if (json_errors) {
		usage_report(NULL, usage, SS_EINVAL, _("the arguments do not match the usage"));
	} else {
		fprintf(stderr, _("usage: %s\n"), _(usage));
	}
	ss_store_free(st);
	return 64;
}

/* --- "-": standard input and output -------------------------------------------- */

/* The private directory and file that hold standard input once read. */
static char stdin_dir[PATH_MAX];
static char stdin_file[PATH_MAX + 16];
static char spool_file[PATH_MAX + 16];
static bool stdin_taken;

static void stdin_cleanup(void)
{
	if (stdin_file[0])
		unlink(stdin_file);
	if (spool_file[0])
		unlink(spool_file);
	if (stdin_dir[0])
		rmdir(stdin_dir);
}

/* A private directory for this process's temporary files (made once). */
static int private_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	int n;

	if (stdin_dir[0])
		return 0;
	n = snprintf(stdin_dir, sizeof(stdin_dir), "%s/secspec-XXXXXX",
		     tmp && *tmp == '/' ? tmp : "/tmp");
	if (n < 0 || (size_t)n >= sizeof(stdin_dir) || !mkdtemp(stdin_dir)) {
		stdin_dir[0] = '\0';
		return ss_error_set(SS_EIO,
				    "cannot make a temporary directory in %s: %s; set TMPDIR",
				    tmp && *tmp == '/' ? tmp : "/tmp", strerror(errno));
	}
	atexit(stdin_cleanup);
	return 0;
}

int cli_input(const char **path, uint64_t max, const char *what)
{
	char chunk[65536];
	uint64_t total = 0;
	int fd = -1, error = 0;

	if (!*path || strcmp(*path, "-") != 0)
		return 0;
	if (stdin_taken)
		return ss_error_set(SS_EINVAL, "standard input (-) is read once; give %s as a file",
				    _(what));
	stdin_taken = true;
	if ((error = private_dir()) < 0)
		return error;
	/* named "stdin": a document read from it is recorded under that name */
	snprintf(stdin_file, sizeof(stdin_file), "%s/stdin", stdin_dir);
	if ((fd = open(stdin_file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		error = ss_error_set(SS_EIO, "%s: %s", stdin_file, strerror(errno));
		stdin_file[0] = '\0';
		goto out;
	}
	for (;;) {
		ssize_t n = read(STDIN_FILENO, chunk, sizeof(chunk)), w;
		const char *p = chunk;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = ss_error_set(SS_EIO, "standard input (%s): read: %s", _(what),
					     strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		if ((uint64_t)n > max - total) {
			error = ss_error_set(
				SS_ELIMIT, "standard input (%s): more than the limit of %llu bytes",
				_(what), (unsigned long long)max);
			goto out;
		}
		total += (uint64_t)n;
		while (n > 0) {
			if ((w = write(fd, p, (size_t)n)) < 0) {
				if (errno == EINTR)
					continue;
				error = ss_error_set(SS_EIO, "%s: write: %s", stdin_file,
						     strerror(errno));
				goto out;
			}
			p += w;
			n -= w;
		}
	}
	if (close(fd) < 0) {
		fd = -1;
		error = ss_error_set(SS_EIO, "%s: %s", stdin_file, strerror(errno));
		goto out;
	}
	fd = -1;
	*path = stdin_file;
out:
	if (fd >= 0)
		close(fd);
	if (error < 0 && stdin_file[0]) {
		unlink(stdin_file);
		stdin_file[0] = '\0';
	}
	return error;
}

static int write_stdout(const void *data, size_t len)
{
	if ((len && fwrite(data, 1, len, stdout) != len) || fflush(stdout) != 0)
		return ss_error_set(SS_EIO, "standard output: %s", strerror(errno));
	return 0;
}

int cli_output(const char *path, const void *data, size_t len)
{
	if (path && strcmp(path, "-") == 0)
		return write_stdout(data, len);
	return ss_file_write_atomic(path, data, len);
}

int cli_spool_path(const char **path)
{
	int error;

	if (!*path || strcmp(*path, "-") != 0)
		return 0;
	if ((error = private_dir()) < 0)
		return error;
	snprintf(spool_file, sizeof(spool_file), "%s/out", stdin_dir);
	*path = spool_file;
	return 0;
}

int cli_spool_flush(void)
{
	char chunk[65536];
	int fd, error = 0;

	if ((fd = open(spool_file, O_RDONLY | O_CLOEXEC)) < 0)
		return ss_error_set(SS_EIO, "%s: %s", spool_file, strerror(errno));
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			error = ss_error_set(SS_EIO, "%s: read: %s", spool_file, strerror(errno));
			break;
		}
		if (n == 0 || (error = write_stdout(chunk, (size_t)n)) < 0)
			break;
	}
	close(fd);
	return error;
}

int cli_secret_path(const char *path, const char *what)
{
	if (path && strcmp(path, "-") == 0)
		return ss_error_set(SS_EINVAL,
				    "%s is never read from standard input or written to standard "
				    "output: give a file (./- for a file named -)",
				    _(what));
	return 0;
}

/* --- help, manual pages and completion --------------------------------------- */

#define HELP_MAX_OPTS 96

bool cli_wants_help(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

/* The options of specs, each name once, in the order of the tables. */
static size_t merge_specs(const cli_optspec **out, const cli_optspec *const *specs)
{
	const cli_optspec *sp;
	size_t n = 0, i;

	for (; *specs; specs++)
		for (sp = *specs; sp->name; sp++) {
			for (i = 0; i < n && strcmp(out[i]->name, sp->name) != 0; i++)
				;
			if (i == n && n < HELP_MAX_OPTS)
				out[n++] = sp;
		}
	return n;
}

/* The name of an option's value as the usage writes it ("--by PERSON"):
 * copied into buf; "VALUE" when the usage does not show one. */
static const char *metavar(char *buf, size_t size, const char *usage, const cli_optspec *sp)
{
	size_t len = strlen(sp->name), k;
	const char *p = usage;

	if (strcmp(sp->name, "db") == 0)
		return "PATH";
	if (strcmp(sp->name, "lang") == 0)
		return "ja|en";
	if (strcmp(sp->name, "key") == 0)
		return "FILE";
	while (usage && (p = strstr(p, "-")) != NULL) {
		const char *q = p + 1 + (p[1] == '-' && len > 1);

		if ((p == usage || p[-1] == ' ' || p[-1] == '[' || p[-1] == '|') &&
		    (len > 1) == (p[1] == '-') && strncmp(q, sp->name, len) == 0 &&
		    (q[len] == ' ' || q[len] == '=') && q[len + 1] && q[len + 1] != '-' &&
		    q[len + 1] != '[') {
			q += len + 1;
			for (k = 0; q[k] && q[k] != ' ' && q[k] != ']' && q[k] != '\n' &&
				    q[k] != ')' && k + 1 < size;
			     k++)
				buf[k] = q[k];
			buf[k] = '\0';
			return buf;
		}
		p++;
	}
	return "VALUE";
}

static const char *describe(const cli_optspec *sp, bool ja)
{
	const char *d = ja && sp->ja ? sp->ja : sp->en;

	return d ? d : "";
}

static void option_label(char *buf, size_t size, const char *usage, const cli_optspec *sp)
{
	char meta[64];

	snprintf(buf, size, "%s%s%s%s", strlen(sp->name) == 1 ? "-" : "--", sp->name,
		 sp->has_arg ? " " : "", sp->has_arg ? metavar(meta, sizeof(meta), usage, sp) : "");
}

static void print_options(const char *usage, const cli_optspec **opts, size_t n, bool ja)
{
	char label[96];
	size_t i;

	for (i = 0; i < n; i++) {
		option_label(label, sizeof(label), usage, opts[i]);
		printf("  %-26s%s %s%s\n", label, strlen(label) >= 26 ? " " : "",
		       describe(opts[i], ja),
		       opts[i]->has_arg == 2 ? (ja ? " (複数指定可)" : " (repeatable)") : "");
	}
}

/* Characters that may not start a line of Japanese text. */
static bool no_line_start(const char *p)
{
	static const char *const marks[] = {"、", "。", "）", "」", "・", ")", ",", "."};
	size_t i;

	for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (strncmp(p, marks[i], strlen(marks[i])) == 0)
			return true;
	return false;
}

void cli_roff(FILE *f, const char *text)
{
	bool bol = true;

	for (; *text; text++) {
		if (bol && (*text == '.' || *text == '\''))
			fputs("\\&", f);
		if (*text == '\\')
			fputs("\\e", f);
		else if (*text == '-')
			fputs("\\-", f);
		else
			fputc(*text, f);
		/* Japanese has no spaces: allow a break after each character but
		 * before the punctuation that may not start a line */
		if ((unsigned char)*text >= 0x80 && ((unsigned char)text[1] & 0xc0) != 0x80 &&
		    !no_line_start(text + 1))
			fputs("\\:", f);
		bol = *text == '\n';
	}
}

static void man_options(const char *usage, const cli_optspec **opts, size_t n, bool ja)
{
	char meta[64];
	size_t i;

	for (i = 0; i < n; i++) {
		printf(".TP\n\\fB%s", strlen(opts[i]->name) == 1 ? "\\-" : "\\-\\-");
		cli_roff(stdout, opts[i]->name);
		printf("\\fR");
		if (opts[i]->has_arg) {
			printf(" \\fI");
			cli_roff(stdout, metavar(meta, sizeof(meta), usage, opts[i]));
			printf("\\fR");
		}
		printf("\n");
		cli_roff(stdout, describe(opts[i], ja));
		if (opts[i]->has_arg == 2)
			printf("%s", ja ? " (複数指定可)" : " (repeatable)");
		printf("\n");
	}
}

void cli_man_globals(bool ja)
{
	const cli_optspec *opts[64];
	size_t n;

	printf(".SH %s\n", ja ? "共通オプション" : "GLOBAL OPTIONS");
	for (n = 0; cli_globals[n].name && n < 64; n++)
		opts[n] = &cli_globals[n];
	man_options(NULL, opts, n, ja);
}

static void man_page(const char *cmd, const char *usage, const cli_optspec **opts, size_t n)
{
	bool ja = help_mode.lang && strcmp(help_mode.lang, "ja") == 0;
	const char *name = help_mode.name ? help_mode.name : cmd;
	const char *p;

	printf(".TH \"SECSPEC\\-");
	for (p = name; *p; p++)
		printf("%c", *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	printf("\" 1 \"\" \"secspec %s\" \"secspec\"\n", SECSPEC_VERSION);
	if (ja)
		printf(".ad l\n");
	printf(".SH %s\nsecspec\\-", ja ? "名前" : "NAME");
	cli_roff(stdout, name);
	printf(" \\- ");
	cli_roff(stdout, help_mode.summary ? help_mode.summary : "");
	printf("\n.SH %s\n.nf\n", ja ? "書式" : "SYNOPSIS");
	/* a usage with notes in words has them translated (syntax unchanged) */
	for (p = _(usage); *p;) {
		size_t len = strcspn(p, "\n");
		char line[1024];

		while (*p == ' ' && len) {
			p++;
			len--;
		}
		snprintf(line, sizeof(line), "%s%.*s\n", strncmp(p, "secspec", 7) ? "    " : "",
			 (int)(len < 1000 ? len : 1000), p);
		cli_roff(stdout, line);
		p += len + (p[len] == '\n');
	}
	printf(".fi\n");
	if (n) {
		printf(".SH %s\n", ja ? "オプション" : "OPTIONS");
		man_options(usage, opts, n, ja);
	}
	cli_man_globals(ja);
	printf(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n%s\n",
	       ja ? "このヘルプを表示する" : "show this help");
	printf(".SH %s\n.BR secspec (1)\n", ja ? "関連項目" : "SEE ALSO");
}

/* --- completion --- */

static bool complete_is_word(const char *t)
{
	for (; *t; t++)
		if (!((*t >= 'a' && *t <= 'z') || *t == '-' || *t == '|'))
			return false;
	return true;
}

/* Split the usage into lines of words (brackets, "..." and "(alias ...)"
 * dropped), call fn on each "secspec CMD ..." line. */
typedef struct {
	char word[24][48];
	int n;
} usage_line;

static int usage_lines(usage_line *out, int max, const char *usage)
{
	int n = 0;

	while (usage && *usage && n < max) {
		const char *end = strchr(usage, '\n');
		size_t len = end ? (size_t)(end - usage) : strlen(usage);
		char line[512], *tok, *save = NULL;
		usage_line *u = &out[n];

		snprintf(line, sizeof(line), "%.*s", (int)(len < 511 ? len : 511), usage);
		usage = end ? end + 1 : usage + len;
		u->n = 0;
		for (tok = strtok_r(line, " ", &save); tok && u->n < 24;
		     tok = strtok_r(NULL, " ", &save)) {
			size_t k;

			while (*tok == '[')
				tok++;
			k = strlen(tok);
			while (k && (tok[k - 1] == ']' || tok[k - 1] == '.'))
				tok[--k] = '\0';
			if (*tok == '(')
				break;
			if (*tok)
				snprintf(u->word[u->n++], sizeof(u->word[0]), "%s", tok);
		}
		if (u->n >= 2 && strcmp(u->word[0], "secspec") == 0)
			n++;
		else if (n > 0 && u->n > 0 && u->word[0][0] == '-' && out[n - 1].n + u->n < 24) {
			/* a continued line: its options belong to the line before */
			int k;

			for (k = 0; k < u->n; k++)
				memcpy(out[n - 1].word[out[n - 1].n++], u->word[k],
				       sizeof(u->word[0]));
		}
	}
	return n;
}

/* The positional words of a usage line after "secspec CMD" (and SUB). */
static int positionals(const usage_line *u, int from, const char **out, int max)
{
	int i, n = 0;

	for (i = from; i < u->n && n < max; i++) {
		if (u->word[i][0] == '-') {
			if (i + 1 < u->n && u->word[i + 1][0] != '-' && u->word[i + 1][0] != '|')
				i++; /* the option's value */
			continue;
		}
		if (u->word[i][0] != '|')
			out[n++] = u->word[i];
	}
	return n;
}

static void complete_store_words(const char *db, bool items)
{
	ss_store *st = NULL;
	json_t *res = NULL;
	const json_t *e;
	size_t i;

	if (ss_store_open(&st, db, 0) < 0)
		return;
	if (items ? ss_catalog_list(&res, st, NULL, NULL) == 0 : ss_project_list(&res, st) == 0) {
		json_array_foreach(items ? json_object_get(res, "items") : res, i, e) {
			const char *s =
				json_string_value(json_object_get(e, items ? "id" : "name"));

			if (s)
				printf("%s\n", s);
		}
	}
	json_decref(res);
	ss_store_free(st);
}

static void print_alternatives(const char *word)
{
	char buf[128], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", word);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
		printf("%s\n", tok);
}

static bool is_alternative(const char *word, const char *w)
{
	char buf[128], *tok, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", word);
	for (tok = strtok_r(buf, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
		if (strcmp(tok, w) == 0)
			return true;
	return false;
}

/* Candidates for the value of an option or a positional named word. */
static void complete_value(const char *word, const char *db)
{
	if (strcmp(word, "PROJECT") == 0 || strcmp(word, "NAME") == 0)
		complete_store_words(db, false);
	else if (strncmp(word, "ITEM", 4) == 0)
		complete_store_words(db, true);
	else if (strchr(word, '|') && complete_is_word(word))
		print_alternatives(word);
	else if (strstr(word, "FILE") || strstr(word, "DIR") || strstr(word, "PATH") ||
		 strstr(word, "BUNDLE"))
		printf(":files\n");
}

static const cli_optspec *complete_find(const cli_optspec **opts, size_t n, const char *w)
{
	size_t i, len;

	if (w[0] != '-' || !w[1])
		return NULL;
	w += w[1] == '-' ? 2 : 1;
	len = strcspn(w, "=");
	for (i = 0; i < n; i++)
		if (strlen(opts[i]->name) == len && strncmp(opts[i]->name, w, len) == 0)
			return opts[i];
	return NULL;
}

static void complete(const char *usage, const cli_optspec **opts, size_t n)
{
	static usage_line lines[16];
	int nl = usage_lines(lines, 16, usage), i, npos = 0;
	const char *pos[CLI_MAX_POS], *cur, *want[16], *env = getenv("SECSPEC_DB");
	const char *db = env && *env ? env : "secspec.db";
	char meta[64];
	bool subs = false, dashdash = false;

	size_t g;

	for (g = 0; cli_globals[g].name && n < HELP_MAX_OPTS; g++)
		opts[n++] = &cli_globals[g];
	if (help_mode.nwords < 1)
		return;
	cur = help_mode.words[help_mode.nwords - 1];
	for (i = 0; i + 1 < help_mode.nwords; i++) {
		const char *w = help_mode.words[i];
		const cli_optspec *sp = dashdash ? NULL : complete_find(opts, n, w);

		if (!dashdash && strcmp(w, "--") == 0) {
			dashdash = true;
		} else if (sp) {
			if (sp->has_arg && !strchr(w, '=')) {
				if (i + 2 == help_mode.nwords) { /* the cursor is on its value */
					if (strcmp(sp->name, "lang") == 0)
						printf("ja\nen\n");
					else
						complete_value(
							metavar(meta, sizeof(meta), usage, sp), db);
					return;
				}
				if (strcmp(sp->name, "db") == 0)
					db = help_mode.words[i + 1];
				i++;
			} else if (strncmp(w, "--db=", 5) == 0) {
				db = w + 5;
			}
		} else if (w[0] != '-' || dashdash) {
			if (npos < CLI_MAX_POS)
				pos[npos++] = w;
		}
	}
	if (cur[0] == '-' && !dashdash) {
		for (g = 0; g < n; g++)
			printf("%s%s\n", strlen(opts[g]->name) == 1 ? "-" : "--", opts[g]->name);
		printf("--help\n");
		return;
	}
	/* a command with subcommands names them in the second word of its lines */
	for (i = 0; i < nl; i++)
		if (lines[i].n > 2 && complete_is_word(lines[i].word[2]))
			subs = true;
	if (subs && npos == 0) {
		for (i = 0; i < nl; i++)
			if (lines[i].n > 2 && complete_is_word(lines[i].word[2]))
				print_alternatives(lines[i].word[2]);
		return;
	}
	for (i = 0; i < nl; i++) {
		int m, at = subs ? npos - 1 : npos;

		if (subs && !is_alternative(lines[i].n > 2 ? lines[i].word[2] : "", pos[0]))
			continue;
		m = positionals(&lines[i], subs ? 3 : 2, want, 16);
		if (at < m)
			complete_value(want[at], db);
		else if (m > 0 && strncmp(want[m - 1], "ITEM", 4) == 0)
			complete_value(want[m - 1], db); /* ITEM... */
		return;
	}
}

void cli_help(const char *cmd, const char *usage, const cli_optspec *const *specs)
{
	const cli_optspec *opts[HELP_MAX_OPTS];
	size_t n = merge_specs(opts, specs);
	bool ja = strcmp(help_mode.lang ? help_mode.lang : ss_messages_lang(), "ja") == 0;

	if (help_mode.mode == CLI_HELP_MAN) {
		man_page(cmd, usage, opts, n);
	} else if (help_mode.mode == CLI_HELP_COMPLETE) {
		complete(usage, opts, n);
	} else {
		/* the labels are messages; the descriptions follow ja */
		printf(_("usage: %s\n"), _(usage));
		if (n) {
			printf("\n%s\n", _("options:"));
			print_options(usage, opts, n, ja);
		}
		printf("\n%s\n", _("global options:"));
		for (n = 0; cli_globals[n].name; n++)
			opts[n] = &cli_globals[n];
		print_options(NULL, opts, n, ja);
		printf("  %-26s %s\n", "-h, --help",
		       ja ? "このヘルプを表示する" : "show this help");
	}
	fflush(stdout);
	exit(0);
}
