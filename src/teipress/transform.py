"""Running the XSLT 3.0 stylesheets on saxonche: compiled once per build, locked down, reused.

Saxon's defaults let a stylesheet read any file, fetch URLs and write anywhere, and its parser
resolves external entities. So: sources reach Saxon only as text already parsed by the hardened
lxml parser (never as file names), DOCTYPEs are refused, and once the stylesheets are compiled
every URI scheme is forbidden, so doc(), unparsed-text() and collection() cannot reach anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode, PyXsltExecutable

from .errors import TeipressError, TransformError
from .resources import stylesheet

_FEATURE = "http://saxon.sf.net/feature/"
_PARSER_FEATURE = _FEATURE + "parserFeature?uri="
_PARSER_PROPERTY = _FEATURE + "parserProperty?uri="

# The entry stylesheets, by the name the build uses.
STYLESHEETS = {
    "catalogue": "catalogue.xsl",
    "html-document": "html/document.xsl",
    "html-index": "html/index.xsl",
    "html-register": "html/register.xsl",
    "html-validation": "html/validation.xsl",
    "html-pictures": "html/pictures.xsl",
    "text-document": "text/document.xsl",
}


@dataclass
class Transformer:
    """One Saxon processor with every entry stylesheet compiled."""

    processor: PySaxonProcessor
    executables: dict[str, PyXsltExecutable]

    def node(self, xml: etree._Element | str) -> PyXdmNode:
        """An lxml tree (or XML text we generated) as a Saxon node, parsed from text only."""
        text = xml if isinstance(xml, str) else etree.tostring(xml, encoding="unicode")
        try:
            return self.processor.parse_xml(xml_text=text)
        except PySaxonApiError as exc:
            raise TransformError(f"Saxon could not read the document: {exc}") from exc

    def run(self, name: str, source: PyXdmNode, **params: Any) -> str:
        executable = self.executables[name]
        executable.clear_parameters()
        for key, value in params.items():
            executable.set_parameter(key, self._value(value))
        try:
            result = executable.transform_to_string(xdm_node=source)
        except PySaxonApiError as exc:
            raise TransformError(f"{STYLESHEETS[name]}: {exc}") from exc
        if result is None:
            raise TransformError(f"{STYLESHEETS[name]} produced no output")
        return result

    def _value(self, value: Any):
        if isinstance(value, str):
            return self.processor.make_string_value(value)
        if isinstance(value, bool):
            return self.processor.make_boolean_value(value)
        return value


def load_transformer() -> Transformer:
    """Compile every entry stylesheet, then forbid all URI access for the rest of the run."""
    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    executables = {}
    for name, relative in STYLESHEETS.items():
        path = stylesheet(relative)
        try:
            executable = compiler.compile_stylesheet(stylesheet_file=str(path))
        except PySaxonApiError as exc:
            raise TeipressError(f"{path}: the stylesheet does not compile: {exc}") from exc
        # Pages are returned as strings; xsl:result-document must never write files itself.
        executable.set_capture_result_documents(True)
        executables[name] = executable
    lock_down(processor)
    return Transformer(processor, executables)


def lock_down(processor: PySaxonProcessor) -> None:
    """No URI access, no DOCTYPE, for everything this processor runs from now on."""
    # Must come after compiling: it also blocks reading the stylesheet files themselves.
    processor.set_configuration_property(_FEATURE + "allowedProtocols", "")
    processor.set_configuration_property(
        _PARSER_FEATURE + "http://apache.org/xml/features/disallow-doctype-decl", "true"
    )
    # The hardened lxml parser already caps depth at 256; Saxon's own default of 100 would
    # reject real TEI that lxml accepted.
    # Saxon only ever parses text that lxml parsed and serialised already (no DOCTYPE, no
    # entities), so the JDK's size limits would only reject large but sound documents.
    for limit, value in (("maxElementDepth", "1000"), ("maxGeneralEntitySizeLimit", "0"),
                         ("totalEntitySizeLimit", "0")):
        processor.set_configuration_property(
            _PARSER_PROPERTY + f"http://www.oracle.com/xml/jaxp/properties/{limit}", value
        )


