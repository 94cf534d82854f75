/* Opening the store for a command, with what signs its changes: the key
 * of --key, or a proposal (--propose, --signed) for a key kept elsewhere. */
#include <stdlib.h>

#include "cli.h"

/* The signing key of this process, loaded once; freed at exit. */
static ss_key *loaded_key;

static void free_signer(void)
{
	ss_key_free(loaded_key);
	loaded_key = NULL;
}

const ss_key *cli_signer(void)
{
	return loaded_key;
}

int cli_open(ss_store **out, const cli_args *a, int flags)
{
	char *pass = NULL;
	int error;

	if ((flags & CLI_SIGN) &&
	    (error = cli_secret_path(a->key, N_("the private key of --key"))) < 0)
		return error;
	if (!(flags & CLI_SIGN) && (a->propose || a->signed_file))
		return ss_error_set(SS_EINVAL,
				    "--propose and --signed are for changes signed by a key; this "
				    "command signs nothing");
	if ((error = ss_store_open(out, a->db, flags & CLI_CREATE)) < 0)
		return error;
	if ((flags & CLI_SIGN) && (a->propose || a->signed_file)) {
		if ((error = cli_proposal_open(*out, a)) < 0) {
			ss_store_free(*out);
			*out = NULL;
		}
		return error;
	}
	if ((flags & CLI_SIGN) && a->key && !loaded_key) {
		if ((error = cli_passphrase(&pass)) < 0 ||
		    (error = ss_key_load_private(&loaded_key, a->key, pass)) < 0) {
			ss_account_secret_free(pass);
			ss_store_free(*out);
			*out = NULL;
			return error;
		}
		ss_account_secret_free(pass);
		atexit(free_signer);
	}
	ss_store_set_signer(*out, (flags & CLI_SIGN) ? loaded_key : NULL);
	return 0;
}
