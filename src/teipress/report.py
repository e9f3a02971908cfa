"""Printing validation results: one line per finding for people, JSON for tools."""

from __future__ import annotations

from .findings import FileReport, reports_to_json


def summary_line(reports: list[FileReport]) -> str:
    files = len(reports)
    valid = sum(1 for r in reports if r.valid)
    errors = sum(1 for r in reports for f in r.findings if f.severity == "error")
    warnings = sum(1 for r in reports for f in r.findings if f.severity == "warning")
    verdict = "all valid" if valid == files else f"{files - valid} invalid"
    return (
        f"{files} file{'s' if files != 1 else ''} checked, {verdict}: "
        f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
    )


def human(reports: list[FileReport]) -> str:
    lines = [f.format() for r in reports for f in r.findings]
    lines.append(summary_line(reports))
    return "\n".join(lines) + "\n"


def as_json(reports: list[FileReport]) -> str:
    return reports_to_json(reports)


FORMATS = {"human": human, "json": as_json}
