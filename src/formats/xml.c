#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "formats/xml.h"
#include "secspec/common.h"
#include "util/util.h"
#include "util/banned.h"

static void on_error(void *arg, const xmlError *e)
{
	ss_xml *x = arg;

	if (x->error[0] || !e || e->level < XML_ERR_ERROR)
		return;
	x->error_line = e->line;
	snprintf(x->error, sizeof(x->error), "%s", e->message ? e->message : _("malformed XML"));
	x->error[strcspn(x->error, "\n")] = '\0';
}

/* States of the prolog scan. */
enum { P_TEXT, P_LT, P_BANG, P_COMMENT, P_COMMENT_1, P_COMMENT_2, P_PI, P_PI_Q, P_DONE };

/*
 * Scan the bytes before the root element: whitespace, a UTF-8 byte order
 * mark, the XML declaration and processing instructions, comments. A
 * document type declaration (or anything else starting with "<!") is
 * refused here, before libxml2 parses it: libxml2 would expand the entities
 * it declares inside attribute values even without XML_PARSE_NOENT. Any
 * other text there, which includes UTF-16 and EBCDIC documents, is refused
 * too: the scan could not see a declaration in them.
 */
static int prolog(ss_xml *x, const unsigned char *p, size_t n, uint64_t at)
{
	size_t i;

	for (i = 0; i < n && x->prolog != P_DONE; i++) {
		unsigned char c = p[i];

		if (c == '\n')
			x->prolog_line++;
		switch (x->prolog) {
		case P_TEXT:
			if (c == '<')
				x->prolog = P_LT;
			else if (!(c == ' ' || c == '\t' || c == '\r' || c == '\n' ||
				   (at + i < 3 && c == "\xef\xbb\xbf"[at + i])))
				goto refuse;
			break;
		case P_LT:
			x->prolog = c == '!' ? P_BANG : c == '?' ? P_PI : P_DONE;
			break;
		case P_BANG:
			if (c != '-') {
				x->prolog_dtd = 1;
				goto refuse;
			}
			x->prolog = P_COMMENT;
			break;
		case P_COMMENT: /* after "<!-": the comment runs to "-->" */
		case P_COMMENT_1:
		case P_COMMENT_2:
			x->prolog = c == '-' ? (x->prolog == P_COMMENT ? P_COMMENT_1 : P_COMMENT_2)
				    : c == '>' && x->prolog == P_COMMENT_2 ? P_TEXT
									   : P_COMMENT;
			break;
		case P_PI:
		case P_PI_Q:
			x->prolog = c == '?'                          ? P_PI_Q
				    : c == '>' && x->prolog == P_PI_Q ? P_TEXT
								      : P_PI;
			break;
		}
	}
	return 0;
refuse:
	x->prolog_at = at + i;
	x->prolog_err = SS_EPARSE;
	return -1;
}

static int on_read(void *ctx, char *buf, int len)
{
	ss_xml *x = ctx;
	long n = ss_input_read(x->in, buf, len > 0 ? (size_t)len : 0);

	if (n < 0)
		return -1;
	if (x->prolog != P_DONE &&
	    prolog(x, (const unsigned char *)buf, (size_t)n, x->in->bytes - (uint64_t)n) < 0)
		return -1;
	return (int)n;
}

/* libxml2 reports some errors (the encoder's, the I/O layer's) through its
 * generic handler, which prints to stderr; the library never prints, and the
 * reader's structured handler has every error that matters. */
static void silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

int ss_xml_open(ss_xml *x, ss_input *in, const ss_import_limits *lim)
{
	memset(x, 0, sizeof(*x));
	xmlSetGenericErrorFunc(NULL, silent);
	x->in = in;
	x->lim = lim;
	x->path = in->path;
	/* no XML_PARSE_NOENT (entities stay unexpanded), no XML_PARSE_HUGE (libxml2
	 * keeps its own caps), no DTD loading, no network */
	x->r = xmlReaderForIO(on_read, NULL, x, NULL, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
	if (!x->r)
		return ss_error_set(SS_ENOMEM, "%s: cannot set up the XML reader", x->path);
	xmlTextReaderSetStructuredErrorHandler(x->r, (xmlStructuredErrorFunc)on_error, x);
	return 0;
}

static unsigned long long byte_at(const ss_xml *x)
{
	long b = xmlTextReaderByteConsumed(x->r);

	return b > 0 ? (unsigned long long)b : 0;
}

int ss_xml_limit(const ss_xml *x, const char *fmt, ...)
{
	char msg[SS_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), ss_gettext(fmt), ap);
	va_end(ap);
	return ss_error_set(SS_ELIMIT, "%s:%d: byte %llu: %s", x->path, ss_xml_line(x), byte_at(x),
			    msg);
}

/* The caps on one node: depth, name, attributes and text. */
static int check_node(ss_xml *x)
{
	const ss_import_limits *lim = x->lim;
	const xmlChar *v;

	if (++x->nodes > lim->values)
		return ss_xml_limit(x, "over the node count limit: more nodes than %llu",
				    (unsigned long long)lim->values);
	if (x->type == XML_READER_TYPE_ELEMENT) {
		int rc;

		if (xmlTextReaderDepth(x->r) >= lim->depth)
			return ss_xml_limit(x,
					    "over the nesting depth limit: elements nested deeper "
					    "than %llu",
					    (unsigned long long)lim->depth);
		if (strlen((const char *)xmlTextReaderConstName(x->r)) > lim->name)
			return ss_xml_limit(x,
					    "over the name length limit: an element name is longer "
					    "than %llu",
					    (unsigned long long)lim->name);
		if (!xmlTextReaderHasAttributes(x->r))
			return 0;
		for (rc = xmlTextReaderMoveToFirstAttribute(x->r); rc == 1;
		     rc = xmlTextReaderMoveToNextAttribute(x->r)) {
			size_t nlen = strlen((const char *)xmlTextReaderConstName(x->r));

			v = xmlTextReaderConstValue(x->r);
			if (nlen > lim->name || (v && strlen((const char *)v) > lim->string)) {
				xmlTextReaderMoveToElement(x->r);
				return nlen > lim->name
					       ? ss_xml_limit(x,
							      "over the name length limit: an "
							      "attribute name is longer than %llu",
							      (unsigned long long)lim->name)
					       : ss_xml_limit(x,
							      "over the attribute length limit: an "
							      "attribute value is longer than %llu",
							      (unsigned long long)lim->string);
			}
		}
		xmlTextReaderMoveToElement(x->r);
	} else if (x->type == XML_READER_TYPE_TEXT || x->type == XML_READER_TYPE_CDATA) {
		v = xmlTextReaderConstValue(x->r);
		if (v && strnlen((const char *)v, lim->string + 1) > lim->string)
			return ss_xml_limit(
				x, "over the text length limit: a text is longer than %llu",
				(unsigned long long)lim->string);
	}
	return 0;
}

/* libxml2's own caps (without XML_PARSE_HUGE) are limits too. */
static bool is_limit(const char *msg)
{
	return strstr(msg, "huge") || strstr(msg, "too long") || strstr(msg, "Excessive depth") ||
	       strstr(msg, "exceeds");
}

int ss_xml_next(ss_xml *x)
{
	int rc = xmlTextReaderRead(x->r);

	if (x->in->error)
		return x->in->error; /* its message names the file and the byte */
	if (x->prolog_err && x->prolog_dtd)
		return ss_error_set(SS_EPARSE,
				    "%s:%d: byte %llu: document type declarations (DTDs, entities) "
				    "are not accepted",
				    x->path, x->prolog_line + 1, (unsigned long long)x->prolog_at);
	if (x->prolog_err)
		return ss_error_set(SS_EPARSE,
				    "%s:%d: byte %llu: not XML in UTF-8: text before the root "
				    "element",
				    x->path, x->prolog_line + 1, (unsigned long long)x->prolog_at);
	if (rc < 0 || x->error[0])
		return ss_error_set(x->error[0] && is_limit(x->error) ? SS_ELIMIT : SS_EPARSE,
				    "%s:%d: byte %llu: %s", x->path,
				    x->error_line ? x->error_line
						  : xmlTextReaderGetParserLineNumber(x->r),
				    byte_at(x),
				    x->error[0] ? x->error
						: _("malformed XML: not readable in its declared "
						    "encoding, or cut short"));
	if (rc == 1) {
		x->type = xmlTextReaderNodeType(x->r);
		x->name =
			x->type == XML_READER_TYPE_ELEMENT || x->type == XML_READER_TYPE_END_ELEMENT
				? (const char *)xmlTextReaderConstLocalName(x->r)
				: NULL;
		x->empty = x->type == XML_READER_TYPE_ELEMENT && xmlTextReaderIsEmptyElement(x->r);
		if (x->type == XML_READER_TYPE_DOCUMENT_TYPE)
			return ss_error_set(
				SS_EPARSE,
				"%s:%d: document type declarations (DTDs, entities) are "
				"not accepted",
				x->path, xmlTextReaderGetParserLineNumber(x->r));
		if (x->type == XML_READER_TYPE_ENTITY_REFERENCE)
			return ss_error_set(SS_EPARSE, "%s:%d: entity references are not accepted",
					    x->path, xmlTextReaderGetParserLineNumber(x->r));
		if ((rc = check_node(x)) < 0)
			return rc;
		return 1;
	}
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
	xmlNodePtr node = xmlTextReaderCurrentNode(x->r);
	long line = node ? xmlGetLineNo(node) : -1;

	/* the parser reads ahead of the current node */
	return line > 0 && line < INT_MAX ? (int)line : xmlTextReaderGetParserLineNumber(x->r);
}

char *ss_xml_attr(const ss_xml *x, const char *name)
{
	return (char *)xmlTextReaderGetAttribute(x->r, (const xmlChar *)name);
}

int ss_xml_text(char **out, ss_xml *x)
{
	ss_buf b = SS_BUF_INIT(0);
	int depth = ss_xml_depth(x), rc = 0, error = 0;
	char *s;

	b.max = x->lim->string;
	if (!x->empty) {
		while ((rc = ss_xml_next(x)) > 0) {
			if (x->type == XML_READER_TYPE_END_ELEMENT && ss_xml_depth(x) == depth)
				break;
			if (x->type != XML_READER_TYPE_TEXT && x->type != XML_READER_TYPE_CDATA &&
			    x->type != XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
				continue;
			if (ss_buf_puts(&b, (const char *)xmlTextReaderConstValue(x->r)) < 0) {
				error = ss_xml_limit(x,
						     "over the text length limit: a text is longer "
						     "than %llu",
						     (unsigned long long)x->lim->string);
				goto out;
			}
		}
		if (rc <= 0) {
			error = rc < 0 ? rc
				       : ss_error_set(SS_EPARSE,
						      "%s:%d: the XML ends inside an element",
						      x->path, ss_xml_line(x));
			goto out;
		}
	}
	if (!(s = ss_buf_detach(&b))) {
		error = ss_error_set(SS_ENOMEM, "out of memory");
		goto out;
	}
	*out = s;
out:
	ss_buf_release(&b);
	return error;
}
