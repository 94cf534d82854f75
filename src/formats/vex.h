/* VEX documents out of and into a project's vulnerability register:
 * CycloneDX 1.6 (a BOM with vulnerabilities[].analysis), OpenVEX 0.2.0 and
 * CSAF 2.0 csaf_vex (src/formats/vex.c; docs/internals/vex.md has the
 * mappings between the three). */
#ifndef SS_FORMATS_VEX_H
#define SS_FORMATS_VEX_H

#include <jansson.h>

#include "formats/import.h"
#include "formats/input.h"
#include "util/util.h"

/* The caps of ss_vex_parse (64 MiB whole, values, depth, strings, rows). */
extern const ss_import_limits ss_vex_limits;

/** Write the VEX document of doc to out (appended), in format "cyclonedx",
 * "openvex" or "csaf". doc: {project, document_id, author, time (the newest
 * record time; the document's timestamp), records: [register records as
 * ss_vuln_register gives them, each with an optional "purl"], version?
 * (integer from 1, default 1), namespace? (CSAF publisher namespace, a URI),
 * include_undecided? (boolean)}. Only records with an analysis whose
 * component is current are exported; without include_undecided only those
 * whose decision accepts the analysis (and, when the decision needs it, with
 * management's approval); with it the others too, each marked as not
 * accepted. Deterministic: the same doc gives the same bytes (no clock, no
 * randomness). 0, SS_EINVAL (an unknown format, a doc or record of the
 * wrong shape, naming the member), SS_ENOMEM or SS_ELIMIT (out's max). */
int ss_vex_export(ss_buf *out, const char *format, const json_t *doc);

/** Read one VEX document (CycloneDX JSON, OpenVEX 0.0.1 / 0.2.0 or CSAF 2.0,
 * told apart by the content) into *statements (caller frees): an array of
 * {vuln, product (purl, bom-ref, CPE or product id as the document gives
 * it), state (affected, not_affected, fixed or under_investigation),
 * justification?, response?: [...], detail?, timestamp?, name? (CSAF: the
 * product's name), within? (OpenVEX: the product a subcomponent is in)}.
 * lim NULL means ss_vex_limits. 0, SS_EPARSE (naming the file, the JSON
 * pointer of the field, or the line and byte of a syntax error), SS_ELIMIT,
 * SS_ENOMEM or the input's error; *statements is written only on success. */
int ss_vex_parse(json_t **statements, ss_input *in, const ss_import_limits *lim);

#endif
