"""The XML Schema types decided without elementpath (`relaxng.lexical`) give elementpath's
verdicts: on every attribute value of the shared corpora and of the project's sources, and on
the edge cases of each type, for every type tei_all uses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import elementpath
import elementpath.regex
import pytest
from lxml import etree

from conftest import ROOT, TEI_DIR, shared
from teipress.relaxng.lexical import UNDECIDED, native_number, native_verdict
from teipress.relaxng.names import RNG_NS as RNG

KINDS = ["token", "anyURI", "nonNegativeInteger", "positiveInteger", "integer", "boolean", "Name",
         "double", "string", "decimal", "NCName", "ID", "IDREF", "NMTOKEN", "language", "date",
         "gYear", "gYearMonth", "dateTime", "time", "gMonth", "gDay", "gMonthDay", "duration"]
EDGES = ["", "0", "-0", "+0", "+1", "-1", "007", "1.", ".5", "-.5", "5.0e3", "1E-2", "1e400", "e3",
         "INF", "-INF", "+INF", "NaN", "nan", "true", "false", "TRUE", "01", "a", "_a", ":a", "a:b",
         "a:", "1a", "-a", ".a", "a.b-c_d", "é", "été", "a\u0301", "x\u00b7y", "\u0663", "a b",
         "a  b", "a\u2003b", "\xa0", "#x", "a#b#c", "doc.xml#p1", "http://example.org/a?b=c#d",
         "http://example.org:80/x", "http://x:port/", "mailto:a@b.org", ":x", "%20", "%zz",
         "a%2Fb", "urn:isbn:123", "[x]", "en", "en-GB", "de-1901", "x-private-tag", "toolonglang",
         "en_GB", "0000", "0001", "1900", "-0044", "12345", "1900-02-29", "2000-02-29",
         "1962-11-05", "1962-13-05", "1962-11-31", "1962-11-05Z", "1962-11-05+01:00",
         "1962-11-05+14:30", "1962-11-5", "0000-01-01", "1962-11", "1962-00", "1962-11Z",
         "-1962-11", "1962Z", "1962+05:00", "\u0661\u0669\u0666\u0662", "--11", "--11--", "---05",
         "--11-05", "12:30:00", "24:00:00", "12:30", "12:30:00.5Z", "T12:30:00", "1962-11-05T14:30:00",
         "1962-11-05T14:30", "1962-11-05 14:30:00", "P1Y", "PT", "P", "-P1Y2M", "PT1.5S", "P1D2H", "p1y"]


def corpus_values() -> set[str]:
    """Every attribute value of the corpora and the project's sources, whitespace collapsed."""
    files = [*shared("corpora").rglob("*.xml"), *TEI_DIR.rglob("*.xml")]
    values: set[str] = set()
    for path in files:
        for element in etree.parse(str(path)).iter(etree.Element):
            for value in element.attrib.values():
                for item in {value, *value.split()}:
                    values.add(re.sub(r"[ \t\n\r]+", " ", item).strip(" "))
    return values


def elementpath_value(kind: str, text: str) -> object | None:
    atomic = elementpath.datatypes.builtin_atomic_types[f"xs:{kind}"]
    try:
        return atomic.make(text, xsd_version="1.0")
    except (ValueError, TypeError, ArithmeticError, elementpath.ElementPathError):
        return None


@pytest.fixture(scope="module")
def values() -> list[str]:
    found = corpus_values()
    assert len(found) > 3000  # the corpora are there, not just the edge cases
    return sorted(found | set(EDGES))


@pytest.mark.parametrize("kind", KINDS)
def test_native_verdicts_are_elementpaths(kind: str, values: list[str]) -> None:
    decided = 0
    for text in values:
        verdict = native_verdict(kind, text)
        if verdict is UNDECIDED:
            continue
        decided += 1
        assert verdict == (elementpath_value(kind, text) is not None), (kind, text)
    assert decided > len(values) / 2 or kind in ("anyURI", "token"), decided  # the point of it
    assert decided > len(values) / 10, decided


@pytest.mark.parametrize("kind", ["nonNegativeInteger", "positiveInteger", "integer", "decimal", "double"])
def test_native_numbers_compare_like_elementpaths(kind: str, values: list[str]) -> None:
    numbers = [(text, native_number(kind, text)) for text in values]
    decided = [(text, number) for text, number in numbers if number is not UNDECIDED and number is not None]
    assert len(decided) > 50
    for text, number in decided:
        theirs = elementpath_value(kind, text)
        assert theirs is not None, (kind, text)
        assert number == theirs or (number != number and theirs != theirs), (kind, text)  # NaN


def test_a_warm_run_that_explains_values_does_not_import_elementpath(tmp_path: Path) -> None:
    """The second run finds the regex translations stored, and the types of the values it
    explains (a count, a date) are decided without elementpath."""
    document = tmp_path / "d.xml"
    document.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
                        "<title>t</title></titleStmt><publicationStmt><p>p</p></publicationStmt>"
                        "<sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader><text><body>"
                        '<p><gap quantity="x3"/></p><table cols="-2"><row><cell>c</cell></row></table>'
                        '<p><date when="1962-11-31"/></p></body></text></TEI>',
                        encoding="utf-8")
    code = ("import sys; from teipress.cli import main\n"
            "try: main(['validate', '--grammar-only', '--jobs', '1', '--schema', sys.argv[1], sys.argv[2]])\n"
            "except SystemExit: pass\n"
            "print('elementpath' in sys.modules)")
    environment = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin",
                   "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-c", code, str(shared("reference", "tei_all.rng")), str(document)],
                         capture_output=True, text=True, check=False, cwd=tmp_path,
                         env=environment)
    run = subprocess.run(run.args, capture_output=True, text=True, check=False, cwd=tmp_path,
                         env=environment)
    lines = run.stdout.splitlines()
    for value in ('quantity="x3"', 'cols="-2"', 'when="1962-11-31"'):
        assert any(value in line and re.match(r"d\.xml:1:\d+: error: ", line) for line in lines), run.stdout
    assert lines[-1] == "False", run.stdout


KNOWN_MODULE = ROOT / "src" / "teipress" / "relaxng" / "known_regexes.py"


def test_the_known_regex_translations_are_elementpaths() -> None:
    """known_regexes.py holds elementpath's translation of every `pattern` facet of tei_all and
    of the project schema. After a schema or elementpath update:
    TEIPRESS_UPDATE_KNOWN_REGEXES=1 pytest tests/test_datatypes.py, and review the diff."""
    patterns: set[str] = set()
    for schema in (shared("reference", "tei_all.rng"), ROOT / "schemas" / "teipress.rng"):
        patterns |= {p.text or "" for p in etree.parse(str(schema)).iter(f"{{{RNG}}}param")
                     if p.get("name") == "pattern"}
    expected = {p: elementpath.regex.translate_pattern(p, xsd_version="1.0", back_references=False,
                                                       lazy_quantifiers=False, anchors=False)
                for p in sorted(patterns)}
    if os.environ.get("TEIPRESS_UPDATE_KNOWN_REGEXES") == "1":
        KNOWN_MODULE.write_text(known_module(expected), encoding="utf-8")
    from teipress.relaxng.known_regexes import KNOWN

    assert expected == KNOWN


def known_module(translations: dict[str, str]) -> str:
    entries = "".join(f"    {pattern!r}:\n        {translated!r},\n"
                      for pattern, translated in translations.items())
    return ("# ruff: noqa: E501\n"
            f'"""elementpath {elementpath.__version__}\'s translations of the XML Schema regexes in '
            "tei_all's and the project\n"
            "schema's `pattern` facets (see regexes.py), so that a first run need not import elementpath.\n"
            'Written by tests/test_datatypes.py with TEIPRESS_UPDATE_KNOWN_REGEXES=1; do not edit."""\n\n'
            f"KNOWN: dict[str, str] = {{\n{entries}}}\n")
