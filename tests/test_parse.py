"""The hardened parser: every kind of unusable file becomes one finding with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import tei
from teipress import XML_ID
from teipress.parse import parse_file


def parsed(tmp_path: Path, name: str, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return parse_file(path)


def test_valid_tei_parses_without_findings(tmp_path: Path) -> None:
    result = parsed(tmp_path, "ok.xml", tei().encode())
    assert result.document is not None
    assert result.findings == []
    assert result.document.root.get(XML_ID) == "fixture"


def test_malformed_xml_reports_line_and_column(tmp_path: Path) -> None:
    content = tei(body="      <p>Unclosed <hi>text</p>").encode()
    result = parsed(tmp_path, "bad.xml", content)
    assert result.document is None
    [finding] = result.findings
    assert (finding.line, finding.rule, finding.severity) == (12, "well-formed", "error")
    assert finding.column > 1
    assert "mismatch" in finding.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b'<TEI><text/></TEI>', "has no namespace"),
        (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', "not a TEI document"),
        (b'<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>\xff</p></TEI>', "not valid UTF-8"),
    ],
)
def test_unusable_files_are_explained(tmp_path: Path, content: bytes, expected: str) -> None:
    result = parsed(tmp_path, "x.xml", content)
    assert result.document is None
    assert len(result.findings) == 1
    assert expected in result.findings[0].message


def test_duplicate_xml_id_in_one_file_is_a_finding_not_a_crash(tmp_path: Path) -> None:
    body = '      <p xml:id="p1">One.</p>\n      <p xml:id="p1">Two.</p>'
    result = parsed(tmp_path, "dup.xml", tei(body=body).encode())
    assert result.document is not None  # the tree is still usable
    [finding] = result.findings
    assert finding.rule == "xml-id-unique"
    assert finding.line == 13
    assert '"p1"' in finding.message


def test_missing_file_and_folder_are_file_level_findings(tmp_path: Path) -> None:
    missing = parse_file(tmp_path / "nothere.xml")
    folder = parse_file(tmp_path)
    assert [f.rule for f in missing.findings + folder.findings] == ["file", "file"]
    assert missing.findings[0].format().endswith(": error: no such file")


def test_element_columns_are_exact(tmp_path: Path) -> None:
    body = '      <p>One <hi>two</hi> <term\n  type="x">three</term></p>'
    result = parsed(tmp_path, "cols.xml", tei(body=body).encode())
    document = result.document
    assert document is not None
    term = document.root.find(".//{*}term")
    hi = document.root.find(".//{*}hi")
    assert document.locator.locate(hi) == (12, 14)
    assert document.locator.locate(term) == (12, 27)
