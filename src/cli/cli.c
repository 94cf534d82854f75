#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const cli_optspec globals[] = {{"db", 1}, {"json", 0}, {"lang", 1}, {"key", 1}, {NULL, 0}};

/* The signing key of this process, loaded once; freed at exit. */
static ss_key *signer;

static void free_signer(void)
{
	ss_key_free(signer);
	signer = NULL;
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

int cli_parse(cli_args *a, const char *cmd, int argc, char **argv, const cli_optspec *spec,
	      size_t min_pos, size_t max_pos, const char *usage)
{
	const char *env_db = getenv("SECSPEC_DB"), *env_key = getenv("SECSPEC_KEY");
	bool no_more_opts = false;
	int i;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
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
				 arg[2] == '\0' && find_spec(spec, arg + 1, 1);

		if (!short_opt && (no_more_opts || strncmp(arg, "--", 2) != 0 || arg[2] == '\0')) {
			if (!no_more_opts && strcmp(arg, "--") == 0) {
				no_more_opts = true;
				continue;
			}
			if (a->npos == CLI_MAX_POS || a->npos == max_pos) {
				fprintf(stderr, "secspec %s: unexpected argument '%s'\nusage: %s\n",
					cmd, arg, usage);
				return SS_EINVAL;
			}
			a->pos[a->npos++] = arg;
			continue;
		}
		name = arg + (short_opt ? 1 : 2);
		eq = strchr(name, '=');
		len = eq ? (size_t)(eq - name) : strlen(name);
		if (len == 4 && strncmp(name, "help", 4) == 0) {
			printf("usage: %s\n", usage);
			exit(0);
		}
		sp = find_spec(globals, name, len);
		if (!sp)
			sp = find_spec(spec, name, len);
		if (!sp) {
			fprintf(stderr, "secspec %s: unknown option --%.*s\nusage: %s\n", cmd,
				(int)len, name, usage);
			return SS_EINVAL;
		}
		if (sp->has_arg) {
			if (eq) {
				val = eq + 1;
			} else if (i + 1 < argc) {
				val = argv[++i];
			} else {
				fprintf(stderr, "secspec %s: --%s needs a value\n", cmd, sp->name);
				return SS_EINVAL;
			}
		} else if (eq) {
			fprintf(stderr, "secspec %s: --%s takes no value\n", cmd, sp->name);
			return SS_EINVAL;
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
		if (strcmp(sp->name, "lang") == 0) {
			if (strcmp(val, "ja") != 0 && strcmp(val, "en") != 0) {
				fprintf(stderr, "secspec %s: --lang must be ja or en\n", cmd);
				return SS_EINVAL;
			}
			a->lang = val;
			continue;
		}
		if (!(o = slot(a, sp->name)))
			return SS_EINVAL;
		if (o->set && sp->has_arg != 2) {
			fprintf(stderr, "secspec %s: --%s given twice\n", cmd, sp->name);
			return SS_EINVAL;
		}
		o->set = true;
		if (val) {
			if (o->n == CLI_MAX_VALUES) {
				fprintf(stderr, "secspec %s: --%s given too many times\n", cmd,
					sp->name);
				return SS_ELIMIT;
			}
			o->values[o->n++] = val;
		}
	}
	if (a->npos < min_pos) {
		fprintf(stderr, "secspec %s: missing argument\nusage: %s\n", cmd, usage);
		return SS_EINVAL;
	}
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

const ss_key *cli_signer(void)
{
	return signer;
}

int cli_passphrase(char **out)
{
	const char *file = getenv("SECSPEC_KEY_PASSPHRASE_FILE");

	*out = NULL;
	if (!file || !*file)
		return 0;
	return ss_key_passphrase_read(out, file);
}

int cli_open(ss_store **out, const cli_args *a, int flags)
{
	char *pass = NULL;
	int error;

	if ((error = ss_store_open(out, a->db, flags & CLI_CREATE)) < 0)
		return error;
	if ((flags & CLI_SIGN) && a->key && !signer) {
		if ((error = cli_passphrase(&pass)) < 0 ||
		    (error = ss_key_load_private(&signer, a->key, pass)) < 0) {
			free(pass);
			ss_store_free(*out);
			*out = NULL;
			return error;
		}
		free(pass);
		atexit(free_signer);
	}
	ss_store_set_signer(*out, (flags & CLI_SIGN) ? signer : NULL);
	return 0;
}

int cli_fail(const cli_args *a, int code)
{
	ss_buf msg = SS_BUF_INIT(4 * SS_ERROR_MAX);

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
		fprintf(stderr, "secspec %s: error: %s\n", a ? a->cmd : "",
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
		cli_out("catalog %s: %lld items %s",
			json_string_value(json_object_get(v, "version")),
			(long long)json_integer_value(json_object_get(v, "items")),
			json_is_true(json_object_get(v, "loaded")) ? "loaded"
								   : "already loaded, unchanged");
	}
}

void cli_print_json(const json_t *v)
{
	json_dumpf(v, stdout, JSON_INDENT(2) | JSON_SORT_KEYS);
	fputc('\n', stdout);
}

void cli_out(const char *fmt, ...)
{
	ss_buf line = SS_BUF_INIT(0), shown = SS_BUF_INIT(0);
	va_list ap;

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
	fprintf(stderr, "usage: %s\n", usage);
	ss_store_free(st);
	return 64;
}
