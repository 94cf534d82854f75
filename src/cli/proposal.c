/*
 * Changes signed where the key is (--propose FILE, --signed FILE, key sign):
 * the command line's side of secspec/proposal.h. A person whose key is on
 * another machine runs a command with --propose FILE: every rule is
 * checked, nothing is written, and FILE holds the exact events to sign;
 * 'secspec key sign FILE --key KEY' (where the key is) signs them; the same
 * command with --signed FILE appends them. When the log moved in between,
 * FILE gets the new events and the command exits 3 (conflict).
 *
 * The file: {"format": "secspec-proposal", "version": 1, "fingerprint",
 * "time", "bodies": [canonical event JSON as strings], "signatures": [hex]}.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

#define PROPOSAL_FILE_MAX ((uint64_t)16 * 1024 * 1024)
#define PROPOSAL_BODIES_MAX 1000 /* as the library's own bound */

static struct {
	ss_proposal *p;
	const char *path; /* the file written (propose) or read and answered (signed) */
	bool propose;
	cli_args args; /* of the command, for its messages */
} cur;

/* Nothing is done while proposing, nor when signed events no longer fit. */
static bool cli_proposing(void)
{
	return cur.p && (cur.propose || ss_proposal_pending(cur.p));
}

static void drop(void)
{
	ss_proposal_free(cur.p);
	cur.p = NULL;
}

/* Read a proposal file: its JSON, checked. */
static int read_file(json_t **out, const char *path)
{
	json_error_t jerr;
	json_t *j;
	const json_t *v;
	size_t i;

	FILE *f;
	struct stat sb;

	*out = NULL;
	if (!(f = fopen(path, "rb")))
		return ss_error_set(errno == ENOENT ? SS_ENOTFOUND : SS_EIO, "%s: %s", path,
				    strerror(errno));
	if (fstat(fileno(f), &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    (uint64_t)sb.st_size > PROPOSAL_FILE_MAX) {
		fclose(f);
		return ss_error_set(SS_ELIMIT, "%s: not a regular file of at most %llu bytes", path,
				    (unsigned long long)PROPOSAL_FILE_MAX);
	}
	j = json_loadf(f, JSON_REJECT_DUPLICATES, &jerr);
	fclose(f);
	if (!j)
		return ss_error_set(SS_EPARSE, "%s: line %d: %s", path, jerr.line, jerr.text);
	if (!json_is_object(j) || !json_is_string(json_object_get(j, "format")) ||
	    strcmp(json_string_value(json_object_get(j, "format")), "secspec-proposal") != 0 ||
	    json_integer_value(json_object_get(j, "version")) != 1 ||
	    !json_is_string(json_object_get(j, "fingerprint")) ||
	    !json_is_string(json_object_get(j, "time")) ||
	    !json_is_array(json_object_get(j, "bodies"))) {
		json_decref(j);
		return ss_error_set(SS_EPARSE,
				    "%s: not a secspec proposal (format, version, fingerprint, "
				    "time and bodies are required)",
				    path);
	}
	json_array_foreach(json_object_get(j, "bodies"), i, v) {
		if (!json_is_string(v)) {
			json_decref(j);
			return ss_error_set(SS_EPARSE, "%s: bodies[%zu] is not a string", path, i);
		}
	}
	*out = j;
	return 0;
}

static int write_file(const char *path, const ss_proposal *p, const json_t *sigs)
{
	json_t *j = json_pack("{s:s, s:i, s:s, s:s, s:[], s:O?}", "format", "secspec-proposal",
			      "version", 1, "fingerprint", ss_proposal_fingerprint(p), "time",
			      ss_proposal_time(p), "bodies", "signatures", sigs);
	char *text;
	size_t i;
	int error;

	if (!j)
		return ss_error_set(SS_ENOMEM, "out of memory");
	for (i = 0; i < ss_proposal_count(p); i++) {
		size_t len;
		const char *b = ss_proposal_body(p, i, &len);

		json_array_append_new(json_object_get(j, "bodies"), json_stringn(b, len));
	}
	text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(j);
	if (!text)
		return ss_error_set(SS_ENOMEM, "out of memory");
	error = cli_output(path, text, strlen(text));
	free(text);
	return error;
}

int cli_proposal_open(ss_store *st, const cli_args *a)
{
	json_t *j = NULL;
	const json_t *v;
	size_t i;
	int error;

	if (!a->propose && !a->signed_file)
		return 0;
	if (a->propose && a->signed_file)
		return ss_error_set(SS_EINVAL, "give --propose or --signed, not both");
	if (a->key && getenv("SECSPEC_KEY") != a->key)
		return ss_error_set(SS_EINVAL,
				    "--key signs here; --propose and --signed are for a key kept "
				    "elsewhere: give one or the other");
	if (cur.p)
		return 0; /* one proposal per command */
	cur.args = *a;
	if (a->propose) {
		if ((error = ss_proposal_new(&cur.p, a->signer, NULL)) < 0)
			return error;
		cur.path = a->propose;
		cur.propose = true;
	} else {
		if ((error = read_file(&j, a->signed_file)) < 0)
			return error;
		if ((error = ss_proposal_new(&cur.p,
					     json_string_value(json_object_get(j, "fingerprint")),
					     json_string_value(json_object_get(j, "time")))) < 0) {
			json_decref(j);
			return ss_error_prefix(error, "%s: ", a->signed_file);
		}
		json_array_foreach(json_object_get(j, "signatures"), i, v) {
			if ((error = ss_proposal_add_signature(
				     cur.p, json_is_string(v) ? json_string_value(v) : "")) < 0) {
				json_decref(j);
				drop();
				return ss_error_prefix(error,
						       "%s: signatures[%zu]: ", a->signed_file, i);
			}
		}
		if (i == 0) {
			json_decref(j);
			drop();
			return ss_error_set(
				SS_EINVAL,
				"%s is not signed yet: sign it with 'secspec key sign %s "
				"--key KEY'",
				a->signed_file, a->signed_file);
		}
		json_decref(j);
		cur.path = a->signed_file;
	}
	atexit(drop);
	cli_mute_while(cli_proposing);
	ss_store_set_proposal(st, cur.p);
	return 0;
}

int cli_proposal_finish(int status)
{
	int error;

	if (!cur.p || status != 0)
		return status;
	if (cur.propose) {
		if (!ss_proposal_pending(cur.p)) {
			fprintf(stderr, "secspec %s: %s\n", cur.args.cmd,
				_("the command changed nothing: nothing to sign"));
			return 0;
		}
		if ((error = write_file(cur.path, cur.p, NULL)) < 0)
			return cli_fail(&cur.args, error);
		fprintf(stderr,
			_("secspec %s: %zu event(s) proposed for key %.16s…, dated %s, in %s: sign "
			  "them with 'secspec key sign %s --key KEY' where the key is, then run "
			  "the "
			  "same command with --signed %s\n"),
			cur.args.cmd, ss_proposal_count(cur.p), ss_proposal_fingerprint(cur.p),
			ss_proposal_time(cur.p), cur.path, cur.path, cur.path);
		return 0;
	}
	if (!ss_proposal_conflict(cur.p))
		return 0;
	/* the log moved (or a signature is not the key's): the new events */
	if ((error = write_file(cur.path, cur.p, NULL)) < 0)
		return cli_fail(&cur.args, error);
	return cli_fail(NULL,
			ss_error_set(SS_ECONFLICT,
				     "the signatures of %s no longer fit: the log moved since "
				     "it was proposed, or a signature is not the key's; %s now "
				     "holds the new events: sign them again",
				     cur.path, cur.path));
}

/* Whether ev is an event this key may sign as body i of proposal j: the
 * fields every event has, the key's fingerprint, the proposal's time, the
 * project and consecutive seq of body 0. */
static bool event_for(const json_t *ev, const char *fingerprint, const json_t *j, size_t i)
{
	static const char *const texts[] = {"project", "prev", "time", "actor", "side",
					    "role",    "type", "key",  NULL};
	const json_t *first, *seq = json_object_get(ev, "seq");
	json_t *f = NULL;
	bool ok;
	size_t k;

	if (!json_is_object(ev) || json_integer_value(json_object_get(ev, "v")) != 1 ||
	    !json_is_integer(seq) || json_integer_value(seq) < 1 ||
	    !json_is_object(json_object_get(ev, "data")))
		return false;
	for (k = 0; texts[k]; k++)
		if (!json_is_string(json_object_get(ev, texts[k])))
			return false;
	if (strcmp(json_string_value(json_object_get(ev, "key")), fingerprint) != 0 ||
	    strcmp(json_string_value(json_object_get(ev, "time")),
		   json_string_value(json_object_get(j, "time"))) != 0)
		return false;
	if (i == 0)
		return true;
	first = json_array_get(json_object_get(j, "bodies"), 0);
	f = json_loads(json_string_value(first), JSON_REJECT_DUPLICATES, NULL);
	ok = f && json_is_string(json_object_get(f, "project")) &&
	     strcmp(json_string_value(json_object_get(f, "project")),
		    json_string_value(json_object_get(ev, "project"))) == 0 &&
	     json_integer_value(json_object_get(f, "seq")) + (json_int_t)i ==
		     json_integer_value(seq);
	json_decref(f);
	return ok;
}

/* What an event says, a field a line, before its exact bytes. */
static void print_data(const json_t *data)
{
	const char *key;
	const json_t *val;

	json_object_foreach((json_t *)data, key, val) {
		char *text = json_is_string(val) ? NULL
						 : json_dumps(val, JSON_COMPACT | JSON_ENCODE_ANY);

		cli_out("  %s: %.400s", key,
			json_is_string(val) ? json_string_value(val)
			: text              ? text
					    : "?");
		free(text);
	}
}

int cli_key_sign(cli_args *a)
{
	const char *path = a->pos[0], *out = cli_opt_get(a, "o");
	ss_key *k = NULL;
	ss_proposal *p = NULL;
	json_t *j = NULL, *sigs = json_array();
	const json_t *v;
	char *pass = NULL, sig[129];
	size_t i;
	int error;

	if (!sigs)
		return ss_error_set(SS_ENOMEM, "out of memory");
	if (!a->key) {
		error = ss_error_set(SS_EINVAL, "give the private key that signs with --key FILE");
		goto out;
	}
	if ((error = cli_secret_path(a->key, N_("the private key of --key"))) < 0 ||
	    (error = read_file(&j, path)) < 0 || (error = cli_passphrase(&pass)) < 0 ||
	    (error = ss_key_load_private(&k, a->key, pass)) < 0)
		goto out;
	if (strcmp(ss_key_fingerprint(k), json_string_value(json_object_get(j, "fingerprint"))) !=
	    0) {
		error = ss_error_set(
			SS_EPERM,
			"%s is for key %.16s…, and %s is key %.16s…: sign with the key "
			"it names",
			path, json_string_value(json_object_get(j, "fingerprint")), a->key,
			ss_key_fingerprint(k));
		goto out;
	}
	if ((error = ss_proposal_new(&p, ss_key_fingerprint(k),
				     json_string_value(json_object_get(j, "time")))) < 0)
		goto out;
	if (json_array_size(json_object_get(j, "bodies")) > PROPOSAL_BODIES_MAX) {
		error = ss_error_set(SS_ELIMIT, "%s: more than %d events in one proposal", path,
				     PROPOSAL_BODIES_MAX);
		goto out;
	}
	/* what is signed, in full, before it is signed: only events of this key,
	 * of one project, dated the proposal's time, one after the other */
	json_array_foreach(json_object_get(j, "bodies"), i, v) {
		json_t *ev = json_loads(json_string_value(v), JSON_REJECT_DUPLICATES, NULL);

		if (!event_for(ev, ss_key_fingerprint(k), j, i)) {
			json_decref(ev);
			error = ss_error_set(
				SS_EPARSE,
				"%s: bodies[%zu] is not an event of this key, project and "
				"time following the one before",
				path, i);
			goto out;
		}
		cli_out(_("event %lld of %s by %s: %s"),
			(long long)json_integer_value(json_object_get(ev, "seq")),
			json_string_value(json_object_get(ev, "project")),
			json_string_value(json_object_get(ev, "actor")),
			json_string_value(json_object_get(ev, "type")));
		print_data(json_object_get(ev, "data"));
		/* TRANSLATORS: followed by the exact bytes that are signed */
		cli_out(_("  signed bytes: %s"), json_string_value(v));
		json_decref(ev);
		if ((error = ss_key_sign(k, json_string_value(v), json_string_length(v), sig)) < 0)
			goto out;
		json_array_append_new(sigs, json_string(sig));
	}
	json_object_set(j, "signatures", sigs);
	{
		char *text = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);

		error = text ? cli_output(out ? out : path, text, strlen(text))
			     : ss_error_set(SS_ENOMEM, "out of memory");
		free(text);
	}
	if (error == 0)
		cli_out(_("signed %zu event(s): %s"), json_array_size(sigs), out ? out : path);
out:
	ss_account_secret_free(pass);
	ss_key_free(k);
	ss_proposal_free(p);
	json_decref(j);
	json_decref(sigs);
	return error;
}
