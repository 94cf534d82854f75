/* A safe streaming XML reader (libxml2's xmlTextReader) over an ss_input:
 * no network, no DTD (a document type declaration is refused, which rules
 * out entity bombs and external entities), the caps of an import's limits
 * (nodes, depth, name, attribute and text length), errors with file, line
 * and byte. */
#ifndef SS_FORMATS_XML_H
#define SS_FORMATS_XML_H

#include <stdbool.h>

#include <libxml/xmlreader.h>

#include "formats/import.h"

typedef struct {
	xmlTextReaderPtr r;
	ss_input *in;
	const ss_import_limits *lim;
	const char *path;
	char error[400];
	int error_line;
	uint64_t nodes;
	/* the prolog (before the root element) is scanned before libxml2 sees
	 * it, so that a DTD never reaches the parser */
	int prolog, prolog_err; /* a state of the scan; SS_EPARSE once refused */
	int prolog_line, prolog_dtd;
	uint64_t prolog_at;
	int type;         /* node type of the current node, read once per node */
	const char *name; /* its local name (interned by libxml2) */
	int empty;        /* an empty element (<x/>) */
} ss_xml;

/* in and lim are borrowed and must outlive x. */
int ss_xml_open(ss_xml *x, ss_input *in, const ss_import_limits *lim);
/* 1 at a node, 0 at the end, < 0 on an error (message set). */
int ss_xml_next(ss_xml *x);
void ss_xml_close(ss_xml *x);

bool ss_xml_is_start(const ss_xml *x, const char *localname);
bool ss_xml_is_end(const ss_xml *x, const char *localname);
const char *ss_xml_ns(const ss_xml *x);
int ss_xml_depth(const ss_xml *x);
int ss_xml_line(const ss_xml *x);
/* An attribute (malloc'd; free with xmlFree; NULL when absent). */
char *ss_xml_attr(const ss_xml *x, const char *name);
/* The text of the current element and its descendants, at most the string
 * limit; reads up to the element's end, which is the current node after.
 * *out is malloc'd (free with free), "" for an empty element. */
int ss_xml_text(char **out, ss_xml *x);
/* SS_ELIMIT at the current node: "FILE:LINE: byte B: " and the message of
 * fmt, which names the limit ("over the text length limit: a text is longer
 * than %llu"). fmt is English and translated here (an xgettext keyword). */
int ss_xml_limit(const ss_xml *x, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
