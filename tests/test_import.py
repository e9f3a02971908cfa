"""`teipress import`: the encoding assistant on the seed transcription and on made-up texts."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from conftest import SEED_DOCUMENT, TEI_ALL, shared, tool
from teipress.assist.dates import find_dates
from teipress.assist.evaluate import compare, mentions, plain_text, readable
from teipress.assist.names import load_gazetteer
from teipress.cli import main

TEI = "{http://www.tei-c.org/ns/1.0}"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
DRAFT = Path("drafts") / "dobrynin-1962-11-05.xml"


def run_import(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> Result:
    monkeypatch.chdir(project)
    return CliRunner().invoke(main, ["import", *args], catch_exceptions=False)


@pytest.fixture
def seed_text() -> Path:
    return shared("seed", "dobrynin-1962-11-05.txt")


@pytest.fixture
def drafted(project_copy: Path, monkeypatch: pytest.MonkeyPatch, seed_text: Path) -> Path:
    result = run_import(project_copy, monkeypatch, str(seed_text), "--out", str(DRAFT))
    assert result.exit_code == 0, result.output
    return project_copy / DRAFT


def test_seed_draft_is_valid_for_the_project_and_tei_all(drafted: Path, project_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project_copy)
    result = CliRunner().invoke(main, ["validate", str(drafted), "--registers", "tei/registers"])
    assert result.exit_code == 0, result.output
    jing = subprocess.run([tool("jing"), str(TEI_ALL), str(drafted)], capture_output=True, text=True)
    assert jing.returncode == 0, jing.stdout


def test_seed_draft_has_header_body_and_notes(drafted: Path) -> None:
    root = etree.parse(str(drafted)).getroot()
    x = lambda path: root.xpath(path, namespaces=NS)  # noqa: E731
    assert x("string(//tei:sourceDesc/tei:bibl/tei:date/@when)") == "1962-11-05"
    assert x("string(//tei:sourceDesc//tei:idno[@type='URL'])").endswith("/document/110432")
    assert "misunderstanding" in x("string(//tei:abstract)")
    assert x("//tei:langUsage/tei:language/@ident") == ["en", "ru"]
    assert x("string(//tei:titleStmt/tei:respStmt/tei:persName/@ref)") == "#pers-henriksen"
    assert x("string(//tei:correspAction[@type='sent']/tei:persName/@ref)") == "#pers-dobrynin"
    assert x("string(//tei:correspAction[@type='received']/tei:orgName/@ref)") == "#org-ussr-mfa"
    assert len(x("//tei:body//tei:p")) == 4 and len(x("//tei:body//tei:list/tei:item")) == 5
    note = x("//tei:body//tei:note")[0]
    assert note.getparent().tag == f"{TEI}p" and note.get("n") == "1"
    called = note.getprevious()
    assert (called.text, called.tail) == ("N.S. Khrushchev", "'s confidential letter,")
    assert x("string(//tei:closer/tei:dateline/tei:date/@when)") == "1962-11-05"
    assert x("string(//tei:closer/tei:signed/tei:persName/@ref)") == "#pers-dobrynin"
    assert x("//tei:rs[. = 'the USA government']/tei:placeName/@ref") == ["#place-usa"]


def test_seed_tags_agree_with_the_hand_encoding(drafted: Path) -> None:
    gazetteer = load_gazetteer([drafted.parents[1] / "tei" / "registers"])
    scores = compare(etree.parse(str(drafted)).getroot(), etree.parse(str(SEED_DOCUMENT)).getroot(),
                     gazetteer)
    for score in scores:
        assert score.precision >= 0.9 and score.recall >= 0.8, score


def test_dry_run_prints_and_writes_nothing(project_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                           seed_text: Path) -> None:
    result = run_import(project_copy, monkeypatch, str(seed_text), "--out", "x.xml", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith("<?xml") and "<persName ref=\"#pers-dobrynin\">" in result.stdout
    assert "tagged" in result.stderr and not (project_copy / "x.xml").exists()


def test_existing_file_is_kept_unless_forced(project_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                             seed_text: Path) -> None:
    hand = project_copy / "tei" / "documents" / "dobrynin-1962-11-05.xml"
    before = hand.read_bytes()
    result = run_import(project_copy, monkeypatch, str(seed_text))  # default: tei/documents/<name>.xml
    assert result.exit_code == 2 and "exists; not overwritten" in result.output
    assert hand.read_bytes() == before
    result = run_import(project_copy, monkeypatch, str(seed_text), "--force")
    assert result.exit_code == 0 and hand.read_bytes() != before
    assert not list(hand.parent.glob(".*"))  # no temporary file left behind


def test_ambiguous_names_are_marked_and_unknown_names_reported(
        project_copy: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    registers = project_copy / "tei" / "registers" / "persons.xml"
    text = registers.read_text(encoding="utf-8")
    # A second entry listing the variant "Stevenson" makes that name ambiguous.
    registers.write_text(text.replace(
        '<persName type="variant">McCloy</persName>',
        '<persName type="variant">McCloy</persName>\n<persName type="variant">Stevenson</persName>'),
        encoding="utf-8")
    source = tmp_path / "letter.md"
    source.write_text("# 3 March 1963 Letter from Dobrynin to Kennedy\n\n#### Contents:\n\n"
                      "Stevenson met Gromyko and Cuba's envoy on 2.III.63 and again on 4 March 1963.\n",
                      encoding="utf-8")
    result = run_import(project_copy, monkeypatch, str(source), "--out", "letter.xml")
    draft = etree.parse(str(project_copy / "letter.xml")).getroot()
    ambiguous = draft.xpath("//tei:body//tei:persName[@cert='low']", namespaces=NS)
    assert [a.text for a in ambiguous] == ["Stevenson"]
    comment = ambiguous[0].getprevious()
    assert isinstance(comment, etree._Comment) and "#pers-mccloy" in comment.text
    assert "#pers-stevenson" in comment.text
    assert "ambiguous 'Stevenson'" in result.stderr and "Gromyko" in result.stderr
    assert draft.xpath("//tei:body//tei:date/@when", namespaces=NS) == ["1963-03-02", "1963-03-04"]
    assert draft.xpath("string(//tei:correspAction[@type='received']/tei:persName/@ref)", namespaces=NS) \
        == "#pers-kennedy-john"


def test_unreadable_text_is_one_line_and_exit_2(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_import(project_copy, monkeypatch, "missing.txt")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "missing.txt" in result.output


@pytest.mark.parametrize(("written", "when"), [
    ("November 5, 1962", "1962-11-05"), ("5 November 1962", "1962-11-05"), ("1962-11-05", "1962-11-05"),
    ("5.XI.62", "1962-11-05"), ("5. November 1962", "1962-11-05"), ("3. März 1821", "1821-03-03"),
    ("1er décembre 1820", "1820-12-01"), ("20 Juillet 1818", "1818-07-20"), ("Sept. 3, 1900", "1900-09-03"),
    ("November 1962", "1962-11"), ("5.11.1962", "1962-11-05"),
])
def test_dates_are_recognised(written: str, when: str) -> None:
    found = find_dates(f"On {written} it rained.", 1962)
    assert [(f"On {written} it rained."[d.start:d.end], d.when) for d in found] == [(written, when)]


def test_impossible_dates_are_not_tagged() -> None:
    assert find_dates("31 June 1962, 5.XIII.62 and 1962-02-30", 1962) == []


def test_a_strangers_registers() -> None:
    """The congress indices as registers: names in French text found by their index entries."""
    indices = shared("corpora", "maechtekongresse", "indices")
    gazetteer = load_gazetteer([indices])
    from teipress.assist import make_import

    text = ("# Protocole\n\n#### Contents:\n\nLe Duc de Richelieu et le Prince de Metternich, réunis à "
            "Aix-la-Chapelle le 29 Septembre 1818, ont écrit à Vienne.\n")
    draft, _, _ = make_import(text, gazetteer, "protocole", publisher=None, licence=None,
                                    source_name="protocole.txt")
    root = etree.fromstring(draft)
    refs = {(e.tag.removeprefix(TEI), "".join(e.itertext()), e.get("ref"))
            for e in root.xpath("//tei:body//*[@ref]", namespaces=NS)}
    assert refs == {("persName", "Duc de Richelieu", "#p_1"), ("persName", "Prince de Metternich", "#p_8"),
                    ("placeName", "Aix-la-Chapelle", "#loc_1"), ("placeName", "Vienne", "#loc_7")}
    assert root.xpath("string(//tei:body//tei:date/@when)", namespaces=NS) == "1818-09-29"


def test_a_strangers_protocol_names_persons_with_their_titles() -> None:
    """A maechtekongresse protocol turned into plain text and imported with the corpus's indices:
    the persons its encoders tagged with their title ("Prince de Metternich", "Duc de Richelieu")
    are tagged with the same words and entry, and the draft's person tags agree with theirs."""
    from teipress.assist import make_import

    corpus = shared("corpora", "maechtekongresse")
    gazetteer = load_gazetteer([corpus / "indices"])
    hand = readable(etree.parse(str(corpus / "editions" / "Aachen_Prot_10.xml")).getroot())
    draft, _, _ = make_import(plain_text(hand), gazetteer, "Aachen_Prot_10", publisher=None, licence=None,
                              source_name="Aachen_Prot_10.txt")
    body = ("tei:text/tei:body",)
    ours, theirs = mentions(etree.fromstring(draft), gazetteer, body), mentions(hand, gazetteer, body)
    titled = {m for m in theirs if m[0] == "person" and m[2].split()[0] in ("Prince", "Duc", "Lord")
              and len(m[2].split()) > 1}  # "Duc" alone is a description, not a name
    assert ("person", ("p_8",), "Prince de Metternich") in titled
    assert titled <= set(ours)
    persons = [m for m in ours.elements() if m[0] == "person"]
    agreed = sum(1 for m in persons if m in theirs)
    assert agreed / len(persons) >= 0.9  # what the draft tags as a person, the encoders did too
