"""Running the XSLT 3.0 stylesheets: compiled once per build on one locked-down Saxon processor
(see teipress.saxon for what that means), reused for every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmNode, PyXsltExecutable

from . import TEI_NS, saxon
from .errors import TeipressError, TransformError
from .resources import stylesheet

# The entry stylesheets, by the name the build uses.
STYLESHEETS = {
    "catalogue": "catalogue.xsl",
    "html-document": "html/document.xsl",
    "html-index": "html/index.xsl",
    "html-register": "html/register.xsl",
    "html-validation": "html/validation.xsl",
    "html-pictures": "html/pictures.xsl",
    "html-search": "html/search.xsl",
    "html-about": "html/about.xsl",
    "reading-order": "html/order.xsl",
    "text-document": "text/document.xsl",
}


@dataclass
class Transformer:
    """One Saxon processor with every entry stylesheet compiled."""

    processor: PySaxonProcessor
    executables: dict[str, PyXsltExecutable]

    def node(self, xml: etree._Element | str) -> PyXdmNode:
        """An lxml tree (or XML text we generated) as a Saxon node, parsed from text only."""
        try:
            return saxon.to_node(self.processor, xml)
        except PySaxonApiError as exc:
            raise TransformError(f"Saxon could not read the document: {exc}") from exc

    def has_readings(self, source: PyXdmNode) -> bool:
        """Does the document hold what the $reading parameter chooses between (choice, and the
        am/ex of abbreviations, common/readings.xsl)? Without, both readings are the same text."""
        xpath = self.processor.new_xpath_processor()
        xpath.declare_namespace("tei", TEI_NS)
        xpath.set_context(xdm_item=source)
        return xpath.effective_boolean_value("exists(//(tei:choice | tei:am | tei:ex))")

    def run(self, name: str, source: PyXdmNode, **params: Any) -> str:
        executable = self.executables[name]
        executable.clear_parameters()
        for key, value in params.items():
            executable.set_parameter(key, saxon.to_xdm(self.processor, value))
        try:
            result = executable.transform_to_string(xdm_node=source)
        except PySaxonApiError as exc:
            raise TransformError(f"{STYLESHEETS[name]}: {exc}") from exc
        if result is None:
            raise TransformError(f"{STYLESHEETS[name]} produced no output")
        return result


def load_transformer() -> Transformer:
    """Compile every entry stylesheet, then forbid all URI access for the rest of the run."""
    processor = saxon.new_processor()
    executables = {name: compile_entry(processor, stylesheet(relative))
                   for name, relative in STYLESHEETS.items()}
    saxon.lock_down(processor)
    return Transformer(processor, executables)


def compile_entry(processor: PySaxonProcessor, path: Path) -> PyXsltExecutable:
    """One entry stylesheet, compiled so that it can only return its output."""
    try:
        executable = saxon.compile_xslt(processor, file=str(path))
    except PySaxonApiError as exc:
        raise TeipressError(f"{path}: the stylesheet does not compile: {exc}") from exc
    # Pages are returned as strings; xsl:result-document must never write files itself (locking
    # the processor down does not stop it: only capture does).
    executable.set_capture_result_documents(True)
    return executable
