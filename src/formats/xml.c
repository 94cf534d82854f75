#include <stdio.h>
#include <string.h>

#include "formats/xml.h"
#include "secspec/common.h"
#include "util/banned.h"

static void on_error(void *arg, const xmlError *e)
{
	ss_xml *x = arg;

	if (x->error[0] || !e || e->level < XML_ERR_ERROR)
		return;
	x->error_line = e->line;
	snprintf(x->error, sizeof(x->error), "%s", e->message ? e->message : "malformed XML");
	x->error[strcspn(x->error, "\n")] = '\0';
}

int ss_xml_open(ss_xml *x, const char *path)
{
	FILE *f;

	memset(x, 0, sizeof(*x));
	x->path = path;
	if (!(f = fopen(path, "rb")))
		return ss_error_set(SS_ENOTFOUND, "%s: cannot open it", path);
	fclose(f);
	/* no XML_PARSE_NOENT (entities stay unexpanded), no DTD loading, no network */
	x->r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!x->r)
		return ss_error_set(SS_EPARSE, "%s: cannot read it as XML", path);
	xmlTextReaderSetStructuredErrorHandler(x->r, (xmlStructuredErrorFunc)on_error, x);
	return 0;
}

int ss_xml_next(ss_xml *x)
{
	int rc = xmlTextReaderRead(x->r);

	if (rc < 0 || x->error[0])
		return ss_error_set(SS_EPARSE, "%s:%d: %s", x->path,
				    x->error_line ? x->error_line
						  : xmlTextReaderGetParserLineNumber(x->r),
				    x->error[0] ? x->error : "malformed XML (truncated file?)");
	if (rc == 1) {
		x->type = xmlTextReaderNodeType(x->r);
		x->name =
			x->type == XML_READER_TYPE_ELEMENT || x->type == XML_READER_TYPE_END_ELEMENT
				? (const char *)xmlTextReaderConstLocalName(x->r)
				: NULL;
		x->empty = x->type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(x->r);
	}
	if (rc == 1 && x->type == XML_READER_TYPE_DOCUMENT_TYPE)
		return ss_error_set(SS_EPARSE,
				    "%s:%d: document type declarations (DTDs, entities) are not "
				    "accepted",
				    x->path, xmlTextReaderGetParserLineNumber(x->r));
	if (rc == 1 && x->type == XML_READER_TYPE_ENTITY_REFERENCE)
		return ss_error_set(SS_EPARSE, "%s:%d: entity references are not accepted", x->path,
				    xmlTextReaderGetParserLineNumber(x->r));
	return rc;
}

void ss_xml_close(ss_xml *x)
{
	if (x->r)
		xmlFreeTextReader(x->r);
	x->r = NULL;
}

static bool is(const ss_xml *x, int type, const char *name)
{
	return x->type == type && x->name && x->name[0] == name[0] && strcmp(x->name, name) == 0;
}

bool ss_xml_is_start(const ss_xml *x, const char *localname)
{
	return is(x, XML_READER_TYPE_ELEMENT, localname);
}

bool ss_xml_is_end(const ss_xml *x, const char *localname)
{
	return is(x, XML_READER_TYPE_END_ELEMENT, localname) ||
	       (x->empty && is(x, XML_READER_TYPE_ELEMENT, localname));
}

const char *ss_xml_ns(const ss_xml *x)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(x->r);

	return ns ? (const char *)ns : "";
}

int ss_xml_depth(const ss_xml *x)
{
	return xmlTextReaderDepth(x->r);
}

int ss_xml_line(const ss_xml *x)
{
	return xmlTextReaderGetParserLineNumber(x->r);
}

char *ss_xml_attr(const ss_xml *x, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
}

char *ss_xml_text(ss_xml *x)
{
	return (char *)xmlTextReaderReadString(x->r);
}
