/* A safe streaming XML reader (libxml2's xmlTextReader): no network, no DTD
 * (a document type declaration is refused, which rules out entity bombs and
 * external entities), errors with file and line. */
#ifndef SS_FORMATS_XML_H
#define SS_FORMATS_XML_H

#include <stdbool.h>

#include <libxml/xmlreader.h>

typedef struct {
	xmlTextReaderPtr r;
	const char *path;
	char error[400];
	int error_line;
	int type;         /* node type of the current node, read once per node */
	const char *name; /* its local name (interned by libxml2) */
	int empty;        /* an empty element (<x/>) */
} ss_xml;

int ss_xml_open(ss_xml *x, const char *path);
/* 1 at a node, 0 at the end, < 0 on an error (message set). */
int ss_xml_next(ss_xml *x);
void ss_xml_close(ss_xml *x);

bool ss_xml_is_start(const ss_xml *x, const char *localname);
bool ss_xml_is_end(const ss_xml *x, const char *localname);
const char *ss_xml_ns(const ss_xml *x);
int ss_xml_depth(const ss_xml *x);
int ss_xml_line(const ss_xml *x);
/* An attribute, or the element's text (malloc'd; free with xmlFree). */
char *ss_xml_attr(const ss_xml *x, const char *name);
char *ss_xml_text(ss_xml *x);

#endif
