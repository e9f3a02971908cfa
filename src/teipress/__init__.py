"""teipress: validate TEI P5 sources and publish them as HTML and plain-text editions."""

__version__ = "0.1.0"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_ID = f"{{{XML_NS}}}id"
# teipress's own vocabulary: the corpus index, the merged registers.
TP_NS = "urn:teipress"


def _import_lxml_without_rnc2rng() -> None:
    """Import lxml.etree with rnc2rng held back: lxml imports rnc2rng (which builds its parser)
    as soon as it loads, for RelaxNG(file=*.rnc), which teipress never calls; that cost 40 ms in
    every teipress process and worker. relaxng.compact imports rnc2rng itself when it needs it,
    so it is held back only for the moment of lxml's import, never hidden from anyone."""
    import sys

    if "lxml.etree" in sys.modules or "rnc2rng" in sys.modules:
        return
    sys.modules["rnc2rng"] = None  # type: ignore[assignment]  # "import rnc2rng" fails at once
    try:
        import lxml.etree  # noqa: F401
    finally:
        del sys.modules["rnc2rng"]


_import_lxml_without_rnc2rng()
