"""`teipress validate` on the real edition and on broken copies of it."""

from __future__ import annotations

import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from conftest import ROOT, shared, tei, tool
from teipress.cli import main
from teipress.errors import EXIT_STATUSES

DOCUMENT = Path("tei/documents/dobrynin-1962-11-05.xml")


def validate(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, ["validate", *args], catch_exceptions=False)


def replace_once(path: Path, old: str, new: str) -> int:
    """Edit a copied source; returns the line number where the change landed."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    position = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, position) + 1


def error_lines(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if ": error: " in line]


def test_the_edition_is_valid(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = validate(project_copy, monkeypatch)
    assert result.exit_code == 0, result.output
    assert "all valid: 0 errors" in result.output.splitlines()[-1]


def test_unknown_element_is_reported_at_its_line(project_copy, monkeypatch) -> None:
    line = replace_once(project_copy / DOCUMENT, "<closer", "<foo>inserted</foo><closer")
    result = validate(project_copy, monkeypatch)
    assert result.exit_code == 1
    [error] = [e for e in error_lines(result) if e.startswith(f"{DOCUMENT}:{line}:")]
    assert "foo" in error


def test_dangling_ref_is_reported(project_copy, monkeypatch) -> None:
    line = replace_once(project_copy / DOCUMENT, 'ref="#pers-kennedy-robert"', 'ref="#pers-nobody"')
    result = validate(project_copy, monkeypatch)
    assert result.exit_code == 1
    assert any(e.startswith(f"{DOCUMENT}:{line}:") and "#pers-nobody" in e for e in error_lines(result))


def test_duplicate_id_across_files_is_reported(project_copy, monkeypatch) -> None:
    places = project_copy / "tei/registers/places.xml"
    replace_once(places, 'xml:id="place-cuba"', 'xml:id="pers-kennedy-robert"')
    result = validate(project_copy, monkeypatch)
    assert result.exit_code == 1
    assert any('"pers-kennedy-robert"' in e and "also used in" in e for e in error_lines(result))


def test_malformed_file_does_not_stop_the_others(project_copy, monkeypatch) -> None:
    replace_once(project_copy / DOCUMENT, "</closer>", "</closr>")
    replace_once(project_copy / "tei/registers/persons.xml", "<listPerson>", "<listPerson><blink/>")
    result = validate(project_copy, monkeypatch, "--format", "json")
    report = json.loads(result.output)
    by_path = {f["path"]: f for f in report["files"]}
    assert by_path[str(DOCUMENT)]["findings"][0]["rule"] == "well-formed"
    persons = by_path["tei/registers/persons.xml"]
    assert not persons["valid"] and persons["findings"][0]["rule"] == "relaxng"
    assert by_path["tei/registers/places.xml"]["valid"]
    assert result.exit_code == 1


def test_missing_path_is_an_io_error(project_copy, monkeypatch) -> None:
    result = validate(project_copy, monkeypatch, "tei", "nothere.xml")
    assert result.exit_code == 2
    assert "nothere.xml: error: no such file or folder" in result.output


def test_json_report_has_the_documented_shape(project_copy, monkeypatch) -> None:
    result = validate(project_copy, monkeypatch, "--format", "json")
    report = json.loads(result.output)
    assert set(report) == {"files", "summary"}
    assert set(report["summary"]) == {"files", "valid", "errors", "warnings"}
    assert report["summary"]["files"] == len(report["files"]) == 4
    assert all(set(f) == {"path", "valid", "findings"} for f in report["files"])


def test_a_single_document_resolves_into_the_registers(project_copy, monkeypatch) -> None:
    result = validate(project_copy, monkeypatch, str(DOCUMENT))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 file checked")


def test_junit_report_has_a_test_case_per_file(project_copy, monkeypatch) -> None:
    replace_once(project_copy / DOCUMENT, "<closer", "<foo/><closer")
    result = validate(project_copy, monkeypatch, "--format", "junit")
    suites = etree.fromstring(result.output.encode())
    cases = {case.get("name"): case for case in suites.iter("testcase")}
    assert set(cases) == {str(DOCUMENT), "tei/registers/organisations.xml",
                          "tei/registers/persons.xml", "tei/registers/places.xml"}
    failure = cases[str(DOCUMENT)].find("failure")
    assert failure is not None and "foo" in failure.text
    assert cases["tei/registers/places.xml"].find("failure") is None
    assert result.exit_code == 1


def test_grammar_only_skips_the_rules(project_copy, monkeypatch) -> None:
    replace_once(project_copy / DOCUMENT, 'ref="#pers-kennedy-robert"', 'ref="#pers-nobody"')
    full = validate(project_copy, monkeypatch, "--format", "json")
    grammar = validate(project_copy, monkeypatch, "--format", "json", "--grammar-only")
    rules = {f["rule"] for f in json.loads(full.output)["files"][0]["findings"]}
    assert "ref-resolves" in rules
    assert json.loads(grammar.output)["summary"]["errors"] == 0
    assert grammar.exit_code == 0


def test_jing_engine_reports_in_the_same_format(project_copy, monkeypatch) -> None:
    tool("jing")
    line = replace_once(project_copy / DOCUMENT, "<closer", "<foo/><closer")
    result = validate(project_copy, monkeypatch, "--engine", "jing", "--grammar-only", str(DOCUMENT))
    assert result.exit_code == 1
    [error] = error_lines(result)
    assert error.startswith(f"{DOCUMENT}:{line}:") and "foo" in error


def test_bad_date_message_says_what_is_expected(project_copy, monkeypatch) -> None:
    line = replace_once(project_copy / DOCUMENT, 'when="1962-11-04"', 'when="4.XI.62"')
    result = validate(project_copy, monkeypatch)
    errors = [e for e in error_lines(result) if e.startswith(f"{DOCUMENT}:{line - 1}:")]
    assert len(errors) == 2  # the schema's datatype and the date-iso rule
    assert all('"4.XI.62"' in e and "1962-11-05" in e for e in errors)


def test_unusable_schema_is_a_usage_error(project_copy, monkeypatch) -> None:
    (project_copy / "bad.rng").write_text("<grammar")
    result = validate(project_copy, monkeypatch, "--schema", "bad.rng")
    assert result.exit_code == 2
    assert "bad.rng" in result.output and "Traceback" not in result.output


EMBEDDED_SCHEMATRON = """<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    xmlns:sch="http://purl.oclc.org/dsdl/schematron" ns="http://www.tei-c.org/ns/1.0">
  {pattern}
  <start><element><anyName/><ref name="any"/></element></start>
  <define name="any"><zeroOrMore><choice><text/><attribute><anyName/></attribute>
    <element><anyName/><ref name="any"/></element></choice></zeroOrMore></define>
</grammar>"""


@pytest.mark.parametrize(("pattern", "reason"), [
    ('<sch:pattern abstract="true" id="p"><sch:rule context="$c"><sch:assert test="$t">x</sch:assert>'
     "</sch:rule></sch:pattern>", "pattern/@abstract (line 3) is not supported"),
    ('<sch:pattern><sch:rule context="tei:p"><sch:assert test="(((">x</sch:assert></sch:rule>'
     "</sch:pattern>", "XPST0003"),
])
def test_uncompilable_embedded_schematron_is_one_line_and_exit_2(project_copy, monkeypatch, pattern: str,
                                                                  reason: str) -> None:
    (project_copy / "rules.rng").write_text(EMBEDDED_SCHEMATRON.format(pattern=pattern))
    monkeypatch.chdir(project_copy)
    result = CliRunner().invoke(main, ["validate", "--schema", "rules.rng"])  # no traceback passes
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    [line] = result.output.splitlines()
    assert line.startswith("Error: rules.rng: embedded Schematron: ") and reason in line, line


def test_the_readme_documents_every_exit_status() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    paragraph = readme[readme.index("Exit status:"):].split("\n\n")[0]
    assert {int(n) for n in re.findall(r"\*\*(\d+)\*\*", paragraph)} == EXIT_STATUSES


def test_watch_revalidates_a_saved_file(project_copy: Path) -> None:
    command = [sys.executable, "-m", "teipress", "validate", "--watch", "tei"]
    watcher = subprocess.Popen(command, cwd=project_copy, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        assert "all valid" in read_until(watcher, "watching for changes")
        replace_once(project_copy / DOCUMENT, "<closer", "<foo/><closer")
        changed = read_until(watcher, "files checked")
        assert f"{DOCUMENT}:" in changed and "foo" in changed
    finally:
        watcher.send_signal(signal.SIGINT)
        watcher.wait(timeout=30)
    assert watcher.returncode == 0


def read_until(process: subprocess.Popen, marker: str, timeout: float = 60) -> str:
    """Output of a running process up to the first line containing `marker` (read by a thread,
    as a pipe read would otherwise block the test forever)."""
    if not hasattr(process, "lines"):
        process.lines = queue.Queue()  # type: ignore[attr-defined]
        threading.Thread(target=lambda: [process.lines.put(line) for line in process.stdout],
                         daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = process.lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if marker in line:
            return "".join(seen)
    raise AssertionError(f"no {marker!r} within {timeout} s; got {''.join(seen)!r}")


def test_tei_all_runs_its_embedded_schematron_too(tmp_path: Path, monkeypatch) -> None:
    """--schema tei_all.rng: the grammar and tei_all's own rules, as Oxygen checks them."""
    schema = shared("reference", "tei_all.rng")
    body = '      <p><date calendar="#julian"/></p>'  # grammatical; a tei_all rule rejects it
    (tmp_path / "t.xml").write_text(tei("t", body), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--schema", str(schema), "--format", "json",
                                       "t.xml"], catch_exceptions=False)
    [finding] = json.loads(result.output)["files"][0]["findings"]
    assert (finding["line"], finding["column"], finding["severity"]) == (12, 10, "error")
    assert "@calendar" in finding["message"] and finding["rule"] != "relaxng"
    grammar_only = CliRunner().invoke(main, ["validate", "--schema", str(schema), "--grammar-only",
                                             "t.xml"], catch_exceptions=False)
    assert grammar_only.exit_code == 0, grammar_only.output
