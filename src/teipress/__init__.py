"""teipress: validate TEI P5 sources and publish them as HTML and plain-text editions."""

__version__ = "0.1.0"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
# teipress's own vocabulary: the corpus index, the merged registers.
TP_NS = "urn:teipress"
