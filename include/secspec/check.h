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

#include "secspec/buf.h"
#include "secspec/negotiate.h"
#include "secspec/store.h"

/** What to evaluate against: exactly one of root, windows and peer. */
typedef struct {
	const char *project;
	const char *root;    /**< a Linux root directory, "/" for this host */
	const char *windows; /**< a directory of Windows exports (*.reg) */
	/** a peer's results: OpenSCAP XCCDF results or ARF, STIG Viewer CKL or
	 * CKLB, mapped to the implemented items by their STIG ids (the answer
	 * adds tool "openscap" or "stig-viewer", tool_name, host_name and
	 * rules, the number of rule results read) */
	const char *peer;
	const char *peer_format; /**< xccdf, ckl or cklb; NULL: by the file name */
	/** with root "/" only: cross-check the sshd items with what this sshd
	 * (an absolute path, /usr/sbin/sshd) prints for `sshd -T -C user=root,
	 * host=localhost,addr=127.0.0.1,...`; NULL: no cross-check */
	const char *sshd_t;
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

/**
 * A check's answer (ss_check_run's) as a DISA STIG Viewer 3 checklist
 * (CKLB), for auditors who read checklists: one rule per STIG id of each
 * item (its rule_version the STIG id, its group the item), the verdict as
 * the status, what was seen as the finding details. The same answer gives
 * the same bytes. Appended to out.
 */
int ss_check_cklb(ss_buf *out, ss_store *st, const json_t *result, const char *host);

/** What a recorded check run says of itself. */
typedef struct {
	const char *host;  /**< the host's name as the parties know it (required) */
	const char *stage; /**< acceptance (default), switchover or operation */
	const char *note;  /**< optional */
} ss_check_record_input;

/**
 * Run the check as ss_check_run does and record its results as evidence
 * (check.run, rules version 6) by person by: every result names its item's
 * content hash, and the rule book refuses a result for an item not decided
 * implement. *out: ss_check_run's answer with recorded (the event's seq),
 * host and stage. A run with failures is recorded as any other.
 */
int ss_check_record(json_t **out, ss_store *st, const ss_check_req *req,
		    const ss_check_record_input *in, const char *by);

/** A named verification (verify.record). */
typedef struct {
	const char *subject;         /**< an implemented item's id, or a switchover entry SWO-… */
	const char *method;          /**< attestation, review or test */
	const char *result;          /**< pass, fail, or na (switchover entries only) */
	const char *detail;          /**< what was verified, how, and what was seen */
	const char *host;            /**< optional */
	const ss_document *evidence; /**< optional: a report or record, by its hash */
	bool supersede;              /**< correct the verification that stands */
} ss_verify_input;

/** Record a verification; *out is the event's data with project and seq. */
int ss_verify_record(json_t **out, ss_store *st, const char *project, const ss_verify_input *in,
		     const char *by);

/**
 * Where acceptance stands, from the log: {project, events (the log's size
 * it was read at),
 * hosts {host: newest run {seq, by, side, role, time, host, stage, target,
 * catalog_version, counts, verdicts {item: verdict}, unchecked, path?,
 * note?, failures [{item, verdict (fail|error), seen, expected, title_ja,
 * title_en}]}},
 * verified {subject: newest verification {seq, by, side, role, time,
 * method, result, detail, host?, evidence?, supersedes?}},
 * items [{item, status, host?, title_ja, title_en, passed_on [host],
 * verification?}] (status pass, fail, error or open; by id),
 * switchover [{entry, when, title_ja, title_en, record?}],
 * switchover_runs,
 * risks [{item, policy (accept|alternative), title_ja, title_en, reason?,
 * alternative?, scenario?, decided_by?, decided_at?, review_by?, approval?,
 * approved_by?, approved_at?, approval_note?}] in the specification's order,
 * milestones [the milestones opened with a stage, as ss_milestone_list
 * gives them, with stage]}.
 */
int ss_acceptance_show(json_t **out, ss_store *st, const char *project);

/** Certificates a host serves, checked at switchover (SWO-CERTIFICATES). */
typedef struct {
	const char *root;         /**< the Linux root the files are in ("/": this host) */
	const char *const *certs; /**< certificate files (PEM or DER), inside root */
	size_t ncerts;
	const char *const *names; /**< DNS names the service is reached by */
	size_t nnames;
	int days; /**< at least this many days left (0: 30) */
} ss_cert_req;

/**
 * Read every certificate of the files (through the root: no link leads out
 * of it) and say whether each is valid now with at least days left, and
 * whether every name is covered by a certificate that is not a CA's (its
 * DNS names, a wildcard standing for one label). *out: {root, now, days,
 * certificates [{path, index, subject_cn, dns, not_before, not_after,
 * sha256, ca, days_left}], names [{name, path}], problems [{path,
 * problem}], verdict pass|fail}. A file that cannot be read is a problem,
 * not an error. Reads only.
 */
int ss_cert_check(json_t **out, const ss_cert_req *req);

/**
 * ss_cert_check, recorded as the switchover checklist's SWO-CERTIFICATES
 * (a verification by test: pass or fail, what was seen as its detail, and
 * the SHA-256 of the canonical JSON of the certificates read as its
 * evidence). *out: ss_cert_check's answer with recorded (the event's seq).
 */
int ss_cert_record(json_t **out, ss_store *st, const char *project, const ss_cert_req *req,
		   const char *host, bool supersede, const char *by);

/** Development accounts at switchover (SWO-DEV-ACCOUNTS). */
typedef struct {
	const char *root;          /**< the Linux root ("/": this host) */
	const char *const *remove; /**< development accounts that must be gone */
	size_t nremove;
	const char *const *allow; /**< the accounts that may log in */
	size_t nallow;
} ss_swo_accounts_req;

/**
 * Read the root's accounts (passwd, shadow, login.defs, shells) and fail
 * when a development account named in remove is still there (locked or
 * not), when an account other than root has UID 0 or any has an empty
 * password, or when an account not in allow can log in: a login shell
 * (not nologin or false) and a password, an empty one, or a non-empty
 * ~/.ssh/authorized_keys or authorized_keys2. *out: {root, accounts
 * [{name, uid, shell, how, allowed}] (those that can log in), present
 * [{name, line}], problems [text], verdict pass|fail, detail}. Reads only.
 */
int ss_swo_accounts(json_t **out, const ss_swo_accounts_req *req);
/** ss_swo_accounts recorded as SWO-DEV-ACCOUNTS, as ss_cert_record does
 * (the evidence: the SHA-256 of the canonical JSON of the whole answer). */
int ss_swo_accounts_record(json_t **out, ss_store *st, const char *project,
			   const ss_swo_accounts_req *req, const char *host, bool supersede,
			   const char *by);

/** Ports left open at switchover (SWO-TEST-PORTS). */
typedef struct {
	const char *root;         /**< "/" (the sockets of this host's network namespace) */
	const char *const *allow; /**< ports that may listen: "443", "443/tcp", "53/udp" */
	size_t nallow;
} ss_swo_ports_req;

/**
 * Read the kernel's socket tables under root (proc/net/tcp, tcp6, udp,
 * udp6) and fail when a socket listens on a port not in allow on an
 * address other than a loopback one (0.0.0.0 and :: are every address).
 * *out: {root, listening [{proto, address, port, uid, loopback, allowed}],
 * problems [text], verdict pass|fail, detail}. SS_ENOTFOUND when the root
 * has no socket table (a mounted image: run it on the host); SS_EINVAL
 * for a port that is not one. Reads only.
 */
int ss_swo_ports(json_t **out, const ss_swo_ports_req *req);
/** ss_swo_ports recorded as SWO-TEST-PORTS. */
int ss_swo_ports_record(json_t **out, ss_store *st, const char *project,
			const ss_swo_ports_req *req, const char *host, bool supersede,
			const char *by);

#endif
