/* The sync_checkpoint and witness tables (schema 7): signed heads a synced
 * copy was verified against, and on a server the heads each member's copy
 * agreed with. src/core/sync.c decides; this file only reads and writes rows. */
#ifndef SS_SYNC_STORE_H
#define SS_SYNC_STORE_H

#include <jansson.h>
#include <stdint.h>

#include "store/store.h"

/* Record (or renew, for the same size) a checkpoint; head is the signed
 * head's JSON text. */
int ss_ystore_checkpoint_put(ss_store *st, int64_t pid, int64_t tree_size, const char *root,
			     const char *head, const char *recorded);
/* The newest checkpoint {tree_size, root, head, recorded}; SS_ENOTFOUND
 * without a message when there is none. */
int ss_ystore_checkpoint_last(json_t **out, ss_store *st, int64_t pid);
/* Every checkpoint, newest first. */
int ss_ystore_checkpoints(json_t **out, ss_store *st, int64_t pid);
int ss_ystore_witness_put(ss_store *st, int64_t pid, const char *login, int64_t tree_size,
			  const char *root, const char *head_time, const char *signature,
			  const char *agreed);
/* {login, side, role, tree_size, root, head_time, agreed} by login. */
int ss_ystore_witnesses(json_t **out, ss_store *st, int64_t pid);

#endif
