/**
 * @file check.h
 * The machine checks of the catalog evaluated against a host: a Linux root
 * tree (a mounted image, or "/" for this host, read only) or the settings a
 * Windows host exported with its own tools (reg export, secedit /export,
 * auditpol /backup). docs/host-checks-linux.md and
 * docs/host-checks-windows.md say what is read and how.
 */
#ifndef SECSPEC_CHECK_H
#define SECSPEC_CHECK_H

#include <jansson.h>

#include "secspec/store.h"

/** What to evaluate against: exactly one of root and windows. */
typedef struct {
	const char *project;
	const char *root;    /**< a Linux root directory, "/" for this host */
	const char *windows; /**< a directory of Windows exports (*.reg) */
} ss_check_req;

/**
 * Evaluate the check of every item the project decided to implement. *out:
 * {project, catalog_version, target {kind: "linux"|"windows", path},
 * counts {pass, fail, na, error, unchecked}, items [{id, title_ja,
 * title_en, platform, kind, verdict, seen, expected}]}, in the order of the
 * specification.
 * verdict: "pass", "fail", "na" (the item is for the other platform, or
 * what it checks is absent from the target), "error" (the target could
 * not be read: an unreadable or hostile file, a link out of the root, a
 * value not exported); seen says what was found, expected what the check
 * asks. unchecked: implemented items with no machine check. Reads only;
 * records nothing.
 */
int ss_check_run(json_t **out, ss_store *st, const ss_check_req *req);

#endif
