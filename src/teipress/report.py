"""Printing validation results: lines for people (grouped by file, coloured on a terminal),
JSON for tools, JUnit XML for CI systems."""

from __future__ import annotations

import click
from lxml import etree

from .findings import FileReport, counts, reports_to_json

_COLOURS = {"error": "red", "warning": "yellow"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(reports: list[FileReport]) -> str:
    files, valid, errors, warnings = counts(reports)
    verdict = "all valid" if valid == files else f"{files - valid} invalid"
    return (f"{_plural(files, 'file')} checked, {verdict}: {_plural(errors, 'error')}, "
            f"{_plural(warnings, 'warning')}")


def human(reports: list[FileReport], colour: bool = False) -> str:
    """One `file:line:col: severity: message` line per finding, a blank line between files."""
    blocks = []
    for report in reports:
        if report.findings:
            lines = [_coloured(f.format(), f.severity, colour) for f in report.findings]
            blocks.append("\n".join(lines))
    blocks.append(click.style(summary_line(reports), bold=True) if colour else summary_line(reports))
    return "\n\n".join(blocks) + "\n"


def _coloured(line: str, severity: str, colour: bool) -> str:
    if not colour:
        return line
    marker = f": {severity}: "
    head, _, message = line.partition(marker)
    return f"{head}: {click.style(severity, fg=_COLOURS[severity], bold=True)}: {message}"


def as_json(reports: list[FileReport], colour: bool = False) -> str:
    return reports_to_json(reports)


def as_junit(reports: list[FileReport], colour: bool = False) -> str:
    """JUnit XML: a test case per file; its errors as a <failure>, its warnings as system-out."""
    files, valid, _, _ = counts(reports)
    suites = etree.Element("testsuites", name="teipress validate", tests=str(files),
                           failures=str(files - valid))
    suite = etree.SubElement(suites, "testsuite", name="teipress validate", tests=str(files),
                             failures=str(files - valid), errors="0", skipped="0")
    for report in reports:
        case = etree.SubElement(suite, "testcase", classname="teipress.validate", name=report.path)
        failed = [f for f in report.findings if f.severity == "error"]
        warned = [f for f in report.findings if f.severity == "warning"]
        if failed:
            failure = etree.SubElement(case, "failure", type="invalid",
                                       message=f"{_plural(len(failed), 'error')}: {failed[0].message}")
            failure.text = "\n".join(f.format() for f in failed)
        if warned:
            etree.SubElement(case, "system-out").text = "\n".join(f.format() for f in warned)
    return etree.tostring(suites, pretty_print=True, xml_declaration=True, encoding="UTF-8").decode()


FORMATS = {"human": human, "json": as_json, "junit": as_junit}


VALIDATION_NS = "urn:teipress:validation"


def as_xml(reports: list[FileReport], *, schema: str, rules: bool,
           pages: dict[str, str]) -> etree._Element:
    """The report as the `v:validation` tree that validation.xsl publishes; `pages` maps a
    report path to the page of the published document."""
    v = f"{{{VALIDATION_NS}}}"
    files, valid, errors, warnings = counts(reports)
    root = etree.Element(v + "validation", nsmap={"v": VALIDATION_NS}, schema=schema,
                         rules="true" if rules else "false")
    etree.SubElement(root, v + "summary", files=str(files), valid=str(valid), errors=str(errors),
                     warnings=str(warnings))
    for report in reports:
        element = etree.SubElement(root, v + "file", path=report.path,
                                   valid="true" if report.valid else "false")
        if report.path in pages:
            element.set("page", pages[report.path])
        for finding in report.findings:
            etree.SubElement(element, v + "finding", line=str(finding.line),
                             column=str(finding.column), severity=finding.severity,
                             rule=finding.rule).text = finding.message
    return root
