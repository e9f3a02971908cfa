"""`teipress validate` on the real edition and on broken copies of it."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from conftest import ROOT, shared, tei, tool
from teipress.checking import StoredDocument
from teipress.cli import main
from teipress.errors import EXIT_STATUSES
from teipress.validate import Checks, check_sources, find_sources, load_corpus, validate_corpus
from teipress.workers import runner

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


# ---------------------------------------------------------------------------------------------
# Issue 9: project rules only where they belong; duplicate ids; XInclude fallbacks and fragments


def rules_fired(result: Result) -> set[str]:
    return {f["rule"] for file in json.loads(result.output)["files"] for f in file["findings"]}


def foreign_corpus(folder: Path) -> Path:
    """Two valid TEI files of another project: root ids that are not file names, one id in both."""
    folder.mkdir()
    for name in ("a", "b"):
        (folder / f"{name}.xml").write_text(tei(f"doc-{name}", '      <p xml:id="shared">x</p>'),
                                           encoding="utf-8")
    return folder


def test_project_rules_do_not_run_with_another_schema(tmp_path: Path, monkeypatch) -> None:
    schema = shared("reference", "tei_all.rng")
    corpus = foreign_corpus(tmp_path / "foreign")
    monkeypatch.chdir(tmp_path)
    with_tei_all = CliRunner().invoke(main, ["validate", "--schema", str(schema), "--format", "json",
                                             "foreign"], catch_exceptions=False)
    assert with_tei_all.exit_code == 0, with_tei_all.output
    assert rules_fired(with_tei_all) == set()
    # Settings that ask for the project's rules get them with tei_all too.
    (corpus / "teipress.toml").write_text(f'[validation]\nschema = "{schema}"\nproject_rules = true\n')
    asked = CliRunner().invoke(main, ["validate", "--format", "json", "foreign"], catch_exceptions=False)
    assert {"document-id", "id-unique"} <= rules_fired(asked)


def test_id_unique_names_three_other_files_and_counts_the_rest(tmp_path: Path, monkeypatch) -> None:
    for n in range(1, 8):
        (tmp_path / f"f{n}.xml").write_text(tei(f"f{n}", '      <p xml:id="GD-PPA">x</p>'), encoding="utf-8")
    (tmp_path / "teipress.toml").write_text("[validation]\nproject_rules = true\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--format", "json", "."], catch_exceptions=False)
    messages = [f["message"] for file in json.loads(result.output)["files"] for f in file["findings"]
                if f["rule"] == "id-unique"]
    assert len(messages) == 7
    assert messages[0].startswith('xml:id "GD-PPA" on <p> is also used in f2.xml, f3.xml, f4.xml and 3 '
                                  "other file(s);"), messages[0]


@pytest.mark.parametrize("engine", ["lxml", "jing"])
def test_a_duplicate_id_is_not_called_an_invalid_name(tmp_path: Path, monkeypatch, engine: str) -> None:
    schema = shared("reference", "tei_all.rng")
    if engine == "jing":
        tool("jing")
    (tmp_path / "d.xml").write_text(tei("d", '      <p xml:id="GD-PPA">a</p><p xml:id="GD-PPA">b</p>'),
                                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--schema", str(schema), "--engine", engine, "d.xml"],
                                catch_exceptions=False)
    assert result.exit_code == 1
    errors = error_lines(result)
    assert errors and not [e for e in errors if "XML name" in e or "not starting with a digit" in e], errors
    assert any('"GD-PPA" is used twice' in e for e in errors)


XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
INCLUDES = {  # file -> what its listBibl includes
    "remote-fallback.xml": f'<xi:include {XI} href="http://127.0.0.1:9/bibliography.xml">'
                           "<xi:fallback><bibl>Local copy of the bibliography.</bibl></xi:fallback>"
                           "</xi:include>",
    "missing-fallback.xml": f'<xi:include {XI} href="nowhere.xml"><xi:fallback><bibl>Lost.</bibl>'
                            "</xi:fallback></xi:include>",
    "missing-no-fallback.xml": f'<xi:include {XI} href="nowhere.xml"/>',
    "invalid-fallback.xml": f'<xi:include {XI} href="nowhere.xml"><xi:fallback><foo/></xi:fallback>'
                            "</xi:include>",
    "includes-fragment.xml": f'<xi:include {XI} href="fragments/bibl.xml"/>',
}


def inscriptions_with_includes(folder: Path) -> Path:
    """The shared EpiDoc inscription, its bibliography included in each way INCLUDES lists,
    plus the fragment one of them includes (a <bibl>, not a TEI document)."""
    inscription = shared("corpora", "epidoc-isicily", "ISic000001.xml").read_text(encoding="utf-8")
    (folder / "fragments").mkdir(parents=True)
    (folder / "fragments" / "bibl.xml").write_text(
        '<bibl xmlns="http://www.tei-c.org/ns/1.0"><author>Kaibel</author><date>1890</date></bibl>\n')
    for name, include in INCLUDES.items():
        (folder / name).write_text(inscription.replace("<listBibl>", "<listBibl>" + include, 1),
                                   encoding="utf-8")
    return folder


def test_xinclude_verdicts_equal_jings(tmp_path: Path, monkeypatch) -> None:
    """jing (Debian's wrapper expands XInclude with Xerces, which uses xi:fallback when the
    network or the file is not there) and teipress --xinclude agree file by file."""
    schema = shared("reference", "tei_all.rng")
    folder = inscriptions_with_includes(tmp_path / "inscriptions")
    # One file per run: jing stops at the first file with a fatal error (a failed include).
    jing_invalid = {name for name in INCLUDES
                    if subprocess.run([tool("jing"), str(schema), str(folder / name)], capture_output=True,
                                      check=False).returncode != 0}
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate", "--xinclude", "--schema", str(schema), "--format", "json",
                                       "inscriptions"], catch_exceptions=False)
    files = json.loads(result.output)["files"]
    assert {Path(f["path"]).name for f in files} == set(INCLUDES)  # the fragment is no document
    assert {Path(f["path"]).name for f in files if not f["valid"]} == jing_invalid
    assert jing_invalid == {"missing-no-fallback.xml", "invalid-fallback.xml"}


def test_an_included_fragment_does_not_fail_the_build(tmp_path: Path, monkeypatch) -> None:
    folder = inscriptions_with_includes(tmp_path / "inscriptions")
    for name in ("missing-no-fallback.xml", "invalid-fallback.xml"):
        (folder / name).unlink()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--xinclude", "--source", "inscriptions", "--out", "out"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "not a TEI document" not in result.output
    page = (tmp_path / "out" / "html" / "remote-fallback.html").read_text(encoding="utf-8")
    assert "Local copy of the bibliography." in page
    assert not list((tmp_path / "out").rglob("bibl.*"))


def test_worker_processes_find_what_one_check_of_the_whole_corpus_finds() -> None:
    """The map over documents (two worker processes; the project's rules on each document's slice
    of the index, `CorpusIndex.element_for`) reports exactly what one check over the whole parsed
    corpus reports, on a real edition whose pointers into its registers give corpus-wide findings."""
    source = shared("corpora", "maechtekongresse", "editions")
    registers = [shared("corpora", "maechtekongresse", "indices")]
    expected = validate_corpus(load_corpus([source], registers), Checks())
    found = find_sources([source])
    with runner(None, 2, len(found.files)) as pool:
        assert pool.workers == 2
        corpus = check_sources(found, registers, Checks(), pool)
    assert list(corpus.reports.values()) == expected
    rules = Counter(f.rule for report in expected for f in report.findings)
    assert rules["ref-resolves"] and rules["relaxng"], rules  # corpus-wide and per-document findings
    assert all(f.line > 0 and f.column > 0 for r in expected for f in r.findings if f.rule == "ref-resolves")
    assert all(isinstance(d, StoredDocument) for d in corpus.subjects)  # the parent keeps no trees


def test_the_pruned_schema_is_kept_for_the_next_run(tmp_path: Path) -> None:
    """tei_all pruned to a corpus's names is stored after it compiled and loaded by the next run
    (not pruned or stored again); a damaged entry is ignored and replaced. Findings never change."""
    files = [str(p) for p in sorted(shared("corpora", "maechtekongresse", "editions").glob("*.xml"))[:6]]
    schema = ROOT / "schemas" / "tei_all.rng"
    command = [sys.executable, "-m", "teipress", "validate", "--schema", str(schema), "--grammar-only",
               *files]
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}

    def run() -> str:
        return subprocess.run(command, capture_output=True, text=True, env=environment, check=False).stdout

    first = run()
    assert "6 files checked, 1 invalid" in first
    [entry] = (tmp_path / "teipress" / "schemas").glob("*.rng")
    stored = entry.stat().st_mtime_ns
    assert run() == first and entry.stat().st_mtime_ns == stored  # loaded, not made again
    entry.write_bytes(entry.read_bytes().replace(b"<", b">", 3))
    assert run() == first
    check, _, data = entry.read_bytes().partition(b"\n")
    assert check.decode() == hashlib.sha256(data).hexdigest()  # replaced by a sound one


def test_translated_regexes_are_kept_and_a_damaged_store_is_ignored(tmp_path: Path) -> None:
    """A value against a `pattern` facet teipress does not know the translation of (tei_all's
    come with it) is explained with elementpath's translation of the XSD regex, stored for the
    next run; the messages never depend on the store's state."""
    document = tmp_path / "d.xml"
    document.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0" code="abc"/>', encoding="utf-8")
    schema = tmp_path / "codes.rng"
    schema.write_text('<element name="TEI" ns="http://www.tei-c.org/ns/1.0" '
                      'xmlns="http://relaxng.org/ns/structure/1.0" '
                      'datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes"><attribute name="code">'
                      '<data type="token"><param name="pattern">\\p{Lu}+</param></data></attribute>'
                      "</element>", encoding="utf-8")
    command = [sys.executable, "-m", "teipress", "validate", "--schema", str(schema), "--grammar-only",
               str(document)]
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def run() -> str:
        return subprocess.run(command, capture_output=True, text=True, env=environment, check=False).stdout

    first = run()
    assert "d.xml:1:" in first and 'code="abc"' in first and "\\p{Lu}+" in first, first
    [store] = (tmp_path / "cache" / "teipress" / "regexes").glob("*.json")
    assert "\\\\p{Lu}" in store.read_text(encoding="utf-8")
    assert run() == first
    store.write_text(store.read_text(encoding="utf-8").replace("\\\\p{Lu}", "x"), encoding="utf-8")
    assert run() == first
