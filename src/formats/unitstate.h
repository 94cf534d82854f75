/* Whether a systemd unit is enabled, from the unit files and the links
 * of a tree (what `systemctl is-enabled` answers, without systemd), read
 * through an ss_tree. */
#ifndef SS_FORMATS_UNITSTATE_H
#define SS_FORMATS_UNITSTATE_H

#include "formats/tree.h"

/* Bytes of a unit file, of one line; wants directories scanned. */
#define SS_UNIT_FILE_MAX ((size_t)1 << 20)
#define SS_UNIT_LINE_MAX 16384
#define SS_UNIT_DIRS_MAX 4096

typedef enum {
	SS_UNIT_NOT_FOUND,
	SS_UNIT_MASKED,
	SS_UNIT_MASKED_RUNTIME,
	SS_UNIT_ENABLED,
	SS_UNIT_ENABLED_RUNTIME,
	SS_UNIT_STATIC,
	SS_UNIT_INDIRECT,
	SS_UNIT_DISABLED
} ss_unit_state;

/* The state of unit ("ssh.service", "getty@tty1.service") in t; *where
 * (malloc'd, may be NULL) the file or link that decided it. Errors of the
 * tree other than absent, and a unit file that cannot be parsed, are
 * returned (naming the file and line). */
int ss_unit_state_get(const ss_tree *t, const char *unit, ss_unit_state *state, char **where);
/* The word systemctl is-enabled prints ("enabled", "masked-runtime", ...). */
const char *ss_unit_state_name(ss_unit_state s);

#endif
