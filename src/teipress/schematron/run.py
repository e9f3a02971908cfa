"""Running a compiled schema on documents, and turning its results into Findings at the
line:column of the element each one concerns."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import islice, takewhile

from lxml import etree
from saxonche import PySaxonApiError, PySaxonProcessor, PyXdmValue, PyXsltExecutable

from .. import saxon
from ..errors import SchematronError
from ..findings import Finding, sorted_findings
from ..parse import ParsedDocument
from .emit import build_stylesheet, serialise
from .schema import RESULT, XSL, local

WARNING_ROLES = {"warning", "warn", "info", "information"}
_SAXON_LINE = re.compile(r"on line (\d+)")
_GENERATED_BASE = re.compile(r" of file:\S*?/:")


@dataclass(frozen=True)
class SchematronResult:
    """One entry of the compiled stylesheet's output: a failed assert, a fired report, or a
    dynamic error in a rule (kind "error"; `code` is the XPath error code)."""

    kind: str
    location: str
    message: str
    id: str | None = None
    role: str | None = None
    flag: str | None = None
    pattern: str | None = None
    context: str | None = None
    code: str | None = None

    @property
    def severity(self) -> str:
        return "warning" if (self.role or "").lower() in WARNING_ROLES else "error"

    @property
    def rule(self) -> str:
        if self.kind == "error":
            return "schematron-error"
        return self.id or self.pattern or "schematron"


class CompiledSchematron:
    """A schema compiled once with one Saxon processor and run on many documents.

    Not thread-safe (one Saxon executable); use one instance per worker process. Pass the same
    object for a node-valued parameter (e.g. the corpus index) on every call: it is converted to
    a Saxon tree once, so Saxon's xsl:key indexes over it are built once, not per document
    (so build a new element rather than changing that one in place).
    """

    def __init__(
        self,
        processor: PySaxonProcessor,
        schema: etree._Element,
        *,
        phase: str | None = None,
        external_params: Iterable[str] = (),
    ) -> None:
        self._processor = processor
        self.params = tuple(external_params)
        stylesheet, origins = build_stylesheet(schema, phase, self.params)
        self.stylesheet = serialise(stylesheet)
        self._executable = _compile(processor, self.stylesheet, stylesheet, origins)
        self._converted: dict[str, tuple[object, PyXdmValue]] = {}

    def check(self, document: ParsedDocument, params: Mapping[str, object] | None = None) -> list[Finding]:
        """The document's findings, at the line:column of the element each one concerns (an
        attribute or text context: its element). A rule that hits a dynamic error becomes one
        "schematron-error" finding; if Saxon cannot run at all, one for the whole file."""
        try:
            results = self.run(document, params)
        except PySaxonApiError as exc:
            message = f"the Schematron rules could not run on this file: {saxon.first_line(exc)}"
            return [document.finding(None, "error", "schematron-error", message)]
        return sorted_findings(_to_findings(document, results))

    def run(
        self, document: ParsedDocument, params: Mapping[str, object] | None = None
    ) -> list[SchematronResult]:
        """The raw results (with flags and locations) in document order per pattern.
        Raises PySaxonApiError when Saxon cannot run at all (e.g. a global let fails)."""
        values = self._parameter_values(params or {})
        # Serialised by lxml and parsed from text, never by file name: Saxon's own parser would
        # resolve external entities.
        source = saxon.to_node(self._processor, document.root)
        # set_parameter persists on the executable between runs: start from none every time.
        self._executable.clear_parameters()
        for name, value in values.items():
            self._executable.set_parameter(name, value)
        output = self._executable.transform_to_string(xdm_node=source)
        return parse_results(saxon.from_xml_result(output))

    def _parameter_values(self, params: Mapping[str, object]) -> dict[str, PyXdmValue]:
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            raise ValueError(f"unknown Schematron parameter(s) {unknown}; declared: {list(self.params)}")
        return {name: self._xdm(name, value) for name, value in params.items() if value is not None}

    def _xdm(self, name: str, value: object) -> PyXdmValue:
        cached = self._converted.get(name)
        if cached is not None and cached[0] is value:
            return cached[1]
        converted = saxon.to_xdm(self._processor, value)
        if isinstance(value, (etree._Element, etree._ElementTree)):
            self._converted[name] = (value, converted)
        return converted


def _compile(
    processor: PySaxonProcessor,
    text: str,
    stylesheet: etree._Element,
    origins: dict[etree._Element, etree._Element],
) -> PyXsltExecutable:
    try:  # not lazily: a bad XPath must fail here, not on the first document a rule matches
        return saxon.compile_xslt(processor, text=text, lazy=False)
    except PySaxonApiError as exc:
        raise SchematronError(_explain_compile_error(str(exc), text, stylesheet, origins)) from None


def _explain_compile_error(
    message: str, text: str, stylesheet: etree._Element, origins: dict[etree._Element, etree._Element]
) -> str:
    """Saxon names lines of the generated stylesheet; add the Schematron line they come from."""
    generated_lines = {}
    for original, reparsed in zip(stylesheet.iter(), etree.fromstring(text).iter(), strict=False):
        if original in origins:
            generated_lines[reparsed.sourceline] = origins[original]
    hints = []
    for line in dict.fromkeys(int(n) for n in _SAXON_LINE.findall(message)):
        before = [n for n in generated_lines if n <= line]
        if before:
            source = generated_lines[max(before)]
            hints.append(
                f"generated line {line} comes from <{_prefixed(source)}> at schema line {source.sourceline}"
            )
    suffix = f" ({'; '.join(hints)})" if hints else ""
    # The generated stylesheet has no file: Saxon names the working folder instead.
    message = _GENERATED_BASE.sub(":", message.strip())
    return f"the Schematron schema does not compile to XSLT: {message}{suffix}"


def _prefixed(element: etree._Element) -> str:
    prefix = "xsl:" if element.tag.startswith(XSL) else "sch:"
    return prefix + local(element)


def parse_results(report: etree._Element) -> list[SchematronResult]:
    """The compiled stylesheet's output as SchematronResult objects."""
    results = []
    for entry in report:
        if entry.tag == RESULT + "finding":
            results.append(_finding_result(entry))
        elif entry.tag == RESULT + "error":
            results.append(
                SchematronResult(
                    kind="error",
                    location=entry.get("location", ""),
                    message=_normalise(entry.text or ""),
                    pattern=entry.get("pattern"),
                    context=entry.get("context"),
                    code=entry.get("code"),
                )
            )
    return results


def _finding_result(entry: etree._Element) -> SchematronResult:
    text = _normalise(entry.findtext(RESULT + "text") or "")
    diagnostics = [_normalise(d.text or "") for d in entry.findall(RESULT + "diagnostic")]
    return SchematronResult(
        kind=entry.get("kind", "assert"),
        location=entry.get("location", ""),
        message=" ".join(filter(None, [text, *diagnostics])),
        id=entry.get("id"),
        role=entry.get("role"),
        flag=entry.get("flag"),
        pattern=entry.get("pattern"),
    )


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _to_findings(document: ParsedDocument, results: list[SchematronResult]) -> list[Finding]:
    findings = [
        document.finding(element_at(document.root, r.location), r.severity, r.rule, r.message)
        for r in results
        if r.kind != "error"
    ]
    return findings + _error_findings(document, [r for r in results if r.kind == "error"])


def _error_findings(document: ParsedDocument, errors: list[SchematronResult]) -> list[Finding]:
    """One finding per failing rule and error code, at the first node it failed on: a rule that
    breaks on every element should not bury the real findings."""
    groups: dict[tuple, list[SchematronResult]] = {}
    for error in errors:
        groups.setdefault((error.pattern, error.context, error.code), []).append(error)
    findings = []
    for (pattern, context, code), group in groups.items():
        where = f' in pattern "{pattern}"' if pattern else ""
        more = f" (and on {len(group) - 1} more node(s))" if len(group) > 1 else ""
        message = (
            f'the Schematron rule for context "{context}"{where} failed with {code}: '
            f"{group[0].message}{more}; the rule cannot check this node"
        )
        findings.append(
            document.finding(
                element_at(document.root, group[0].location), "error", "schematron-error", message
            )
        )
    return findings


def element_at(root: etree._Element, location: str) -> etree._Element:
    """The element a location like `/1/3/2/@ref` names (child-element positions from the root);
    the root itself for the document node, and the nearest element for text and attributes."""
    steps = takewhile(str.isdigit, location.split("/")[2:])
    element = root
    for step in steps:
        child = next(islice(element.iterchildren(etree.Element), int(step) - 1, None), None)
        if child is None:
            break
        element = child
    return element
