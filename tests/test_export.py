"""`teipress export`: each format from the seed edition and from the maechtekongresse corpus,
checked by the format's own validator (jing + tei_all, jing + CMIF RNG + CMIF Schematron, bagit,
the OAI static repository's structure), determinism, refusal, and the round trip through `build`."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from lxml import etree

from conftest import ROOT, TEI_ALL, TEI_DIR, shared, tei, tool
from teipress.cli import main
from teipress.exchange import checks

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
EPOCH = {"SOURCE_DATE_EPOCH": "1767225600"}  # 2026-01-01
SETTINGS = """[edition]
title = "{title}"
publisher = "{publisher}"
licence = "https://creativecommons.org/licenses/by/4.0/"
base_url = "https://example.org/edition/"
editors = ["Jane Editor"]
[sources]
registers = ["{registers}"]
[export]
admin_email = "edition@example.org"
"""


def write_settings(folder: Path, registers: Path, title: str, publisher: str, extra: str = "") -> Path:
    config = folder / "teipress.toml"
    config.write_text(SETTINGS.format(title=title, publisher=publisher, registers=registers) + extra,
                      encoding="utf-8")
    return config


def run_export(fmt: str, source: Path, out: Path, config: Path | None, monkeypatch: pytest.MonkeyPatch,
               *options: str) -> Result:
    for name, value in EPOCH.items():
        monkeypatch.setenv(name, value)
    settings = ["--config", str(config)] if config else []
    return CliRunner().invoke(main, ["export", fmt, "--source", str(source), "--out", str(out), *settings,
                                     *options], catch_exceptions=False)


def jing(schema: Path, files: list[Path]) -> str:
    result = subprocess.run([tool("jing"), str(schema), *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[:3000]
    return result.stdout


@pytest.fixture
def seed(tmp_path: Path) -> tuple[Path, Path]:
    """The project's tei/ folder (read in place) and settings as the project's own: its registers,
    schema and rules."""
    validation = f'[validation]\nschema = "{ROOT / "schemas" / "teipress.rng"}"\nproject_rules = true\n'
    config = write_settings(tmp_path, TEI_DIR / "registers", "Cuban Missile Crisis", "teipress project",
                            validation)
    return TEI_DIR, config


CORPUS_URL = "https://example.org/congresses/"


@pytest.fixture(scope="module")
def corpus_export(tmp_path_factory: pytest.TempPathFactory):
    """`corpus_export(fmt)`: the maechtekongresse corpus exported as a whole, as an archivist
    would (no settings file; --skip-invalid, the base URL and contact an OAI repository needs);
    each format once per module."""
    corpus = shared("corpora", "maechtekongresse")
    done: dict[str, tuple[Result, Path]] = {}

    def run(fmt: str) -> tuple[Result, Path]:
        if fmt not in done:
            out = tmp_path_factory.mktemp(f"corpus-{fmt}") / "out"
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("SOURCE_DATE_EPOCH", EPOCH["SOURCE_DATE_EPOCH"])
                result = CliRunner().invoke(main, ["export", fmt, "--source", str(corpus), "--out", str(out),
                                                   "--skip-invalid", "--base-url", CORPUS_URL,
                                                   "--admin-email", "archive@example.org"],
                                            catch_exceptions=False)
            done[fmt] = (result, out)
        return done[fmt]

    return run


@pytest.fixture(scope="module")
def unexportable() -> dict[str, set[str]]:
    """What jing says cannot be exported valid: the editions invalid against tei_all (the corpus
    README counts 15) and indices/listevent.xml, whose TEI root has no namespace."""
    editions = sorted(shared("corpora", "maechtekongresse", "editions").glob("*.xml"))
    report = subprocess.run([tool("jing"), str(TEI_ALL), *map(str, editions)], capture_output=True, text=True)
    invalid = {f"editions/{Path(line.split(':', 1)[0]).name}" for line in report.stdout.splitlines()
               if ": error:" in line}
    assert len(invalid) == 15
    return {"tei": invalid | {"indices/listevent.xml"}, "other": {"indices/listevent.xml"}}


def left_out(out: Path) -> set[str]:
    lines = (out / "left-out.txt").read_text(encoding="utf-8").splitlines()
    corpus = shared("corpora", "maechtekongresse")
    return {Path(line[2:]).relative_to(corpus).as_posix() for line in lines[1:] if line.startswith("# ")}


def test_tei_files_of_the_seed_are_valid_and_self_contained(seed: tuple[Path, Path], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = seed
    result = run_export("tei", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "out").rglob("*.xml"))
    assert [f.relative_to(tmp_path / "out").as_posix() for f in files] == \
        ["documents/dobrynin-1962-11-05.xml"]
    assert not (tmp_path / "out" / "left-out.txt").exists()
    assert_self_contained(files, tmp_path / "out", source, TEI_DIR / "registers")


def test_tei_files_of_the_whole_corpus(corpus_export, unexportable: dict[str, set[str]]) -> None:
    """Every edition and page that is valid against tei_all, self-contained; the others named,
    with their reasons, and the exit status says the sources have errors."""
    result, out = corpus_export("tei")
    assert result.exit_code == 1, result.output[-2000:]
    assert left_out(out) == unexportable["tei"]
    assert "Aachen_Prot_5.xml:507:" in (out / "left-out.txt").read_text(encoding="utf-8")
    corpus = shared("corpora", "maechtekongresse")
    expected = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*.xml") if "indices" not in p.parts}
    files = sorted(out.rglob("*.xml"))
    assert {f.relative_to(out).as_posix() for f in files} == expected - unexportable["tei"]
    assert len(files) == 113 - 15 + 10
    assert_self_contained(files, out, corpus, corpus / "indices")


def assert_self_contained(files: list[Path], out: Path, source: Path, registers: Path) -> None:
    jing(TEI_ALL, files)
    register_ids = {i for p in registers.glob("*.xml")
                    for i in etree.parse(str(p)).getroot().xpath("//@xml:id")}
    for path in files:
        root = etree.parse(str(path)).getroot()
        assert not root.xpath("//*[local-name()='include']"), path  # XIncludes expanded
        ids = set(root.xpath("//@xml:id"))
        original = etree.parse(str(source / path.relative_to(out))).getroot()
        known_before = set(original.xpath("//@xml:id")) | register_ids
        for ref in root.xpath("//tei:text//@ref | //tei:teiHeader//@ref", namespaces=NS):
            for token in ref.split():
                # every pointer that resolved with the registers resolves inside the file alone
                if token.startswith("#") and token[1:] in known_before:
                    assert token[1:] in ids, (path.name, token)
        change = root.xpath("string(//tei:revisionDesc//tei:change[last()])", namespaces=NS)
        assert "Exported by teipress" in change


def test_teicorpus_of_the_seed(seed: tuple[Path, Path], tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = seed
    result = run_export("teicorpus", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    root = valid_corpus(tmp_path / "out", documents=1, pages=0, registers=3)
    assert root.xpath("string(tei:teiHeader//tei:titleStmt/tei:editor)", namespaces=NS) == "Jane Editor"
    assert_text_kept(root, [TEI_DIR / "documents" / "dobrynin-1962-11-05.xml"])


def test_teicorpus_of_the_whole_corpus(corpus_export, unexportable: dict[str, set[str]]) -> None:
    result, out = corpus_export("teicorpus")
    assert result.exit_code == 1, result.output[-2000:]
    assert left_out(out) == unexportable["tei"]
    root = valid_corpus(out, documents=113 - 15, pages=10, registers=5)
    editors = root.xpath("tei:teiHeader//tei:titleStmt/tei:editor/text()", namespaces=NS)
    assert editors == ["Karin Schneider", "Stephan Kurz"]  # from the documents' own headers
    change = root.xpath("string(tei:teiHeader/tei:revisionDesc/tei:change)", namespaces=NS)
    assert "Left out" in change and "Aachen_Prot_5.xml" in change
    corpus = shared("corpora", "maechtekongresse", "editions")
    assert_text_kept(root, [corpus / "Aachen_Prot_1.xml", corpus / "Verona_I_2.xml"])


def valid_corpus(out: Path, documents: int, pages: int, registers: int) -> etree._Element:
    path = out / "teicorpus.xml"
    jing(TEI_ALL, [path])
    root = etree.parse(str(path)).getroot()
    listed = {head: len(root.xpath(f"tei:teiHeader//tei:listBibl[tei:head='{head}']/tei:bibl", namespaces=NS))
              for head in ("Documents", "Pages", "Registers")}
    assert listed == {"Documents": documents, "Pages": pages, "Registers": registers}
    assert len(root.findall("tei:TEI", NS)) == documents + pages + registers
    return root


def assert_text_kept(root: etree._Element, documents: list[Path]) -> None:
    text = " ".join("".join(root.itertext()).split())
    for document in documents:  # every word of the documents' text is kept
        body = etree.parse(str(document)).getroot().find("tei:text", NS)
        assert " ".join("".join(body.itertext()).split()) in text, document.name


def test_teicorpus_renames_repeated_ids_and_their_pointers(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "letters"
    source.mkdir()
    body = '<p>See<note xml:id="n1">a note</note> and <ref target="#n1">the note</ref>.</p>'
    for name in ("1962-a", "1962-b"):  # file names that start with a digit, as FRUS's do
        (source / f"{name}.xml").write_text(tei(name.replace("1962-", "letter-"), body), encoding="utf-8")
    config = tmp_path / "teipress.toml"
    config.write_text('[edition]\ntitle = "Letters"\n', encoding="utf-8")
    result = run_export("teicorpus", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "teicorpus.xml"
    jing(TEI_ALL, [path])
    second = etree.parse(str(path)).getroot().findall("tei:TEI", NS)[1]
    assert second.xpath("string(.//tei:note/@xml:id)", namespaces=NS) == "d1962-b.n1"
    assert second.xpath("string(.//tei:ref/@target)", namespaces=NS) == "#d1962-b.n1"


def test_cmif_seed_letter(seed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = seed
    result = run_export("cmif", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "cmif.xml"
    jing(checks.schema_file("cmif", "cmi-customization.rng"), [path])
    assert checks.schematron_problems(path, checks.schema_file("cmif", "cmif.sch")) == []
    desc = etree.parse(str(path)).getroot().find(".//tei:correspDesc", NS)
    assert desc.get("ref") == "https://example.org/edition/dobrynin-1962-11-05.html"
    sent, received = desc.findall("tei:correspAction", NS)
    assert sent.findtext("tei:persName", namespaces=NS) == "Anatoly F. Dobrynin"
    assert sent.find("tei:placeName", NS).get("ref") == "https://www.geonames.org/4140963"
    assert sent.find("tei:date", NS).get("when") == "1962-11-05"
    assert received.findtext("tei:orgName", namespaces=NS) == "USSR Foreign Ministry"


def test_cmif_of_the_whole_corpus_lists_the_documents_without_letters(corpus_export) -> None:
    result, out = corpus_export("cmif")
    assert result.exit_code == 1, result.output[-2000:]  # listevent.xml cannot be read as TEI
    assert left_out(out) == {"indices/listevent.xml"}
    path = out / "cmif.xml"
    jing(checks.schema_file("cmif", "cmi-customization.rng"), [path])
    assert checks.schematron_problems(path, checks.schema_file("cmif", "cmif.sch")) == []
    assert "113 documents without letter metadata were skipped" in result.stderr
    assert "Aachen_Prot_1.xml: no correspDesc in its header" in result.stderr


def test_cmif_of_a_cmif_file_keeps_every_letter(seed: tuple[Path, Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A document with several correspDesc (the CMIF example) gives one letter each, authority
    URIs written on the names kept."""
    source = shared("corpora", "cmif-example")
    result = run_export("cmif", source, tmp_path / "out", seed[1], monkeypatch)
    assert result.exit_code == 0, result.output
    root = etree.parse(str(tmp_path / "out" / "cmif.xml")).getroot()
    assert len(root.findall(".//tei:correspDesc", NS)) == 3
    senders = root.xpath(".//tei:correspAction[@type='sent']/tei:persName/@ref", namespaces=NS)
    assert senders == ["http://d-nb.info/gnd/118805193", "http://d-nb.info/gnd/11855073X",
                       "http://d-nb.info/gnd/11855073X"]


def test_cmif_needs_editors_and_a_licence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Documents whose headers name no editor and no licence, and settings that name neither."""
    source = tmp_path / "letters"
    source.mkdir()
    (source / "letter.xml").write_text(tei("letter"), encoding="utf-8")
    config = tmp_path / "teipress.toml"
    config.write_text('[edition]\ntitle = "x"\n', encoding="utf-8")
    result = run_export("cmif", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 2 and "needs [edition] editors, licence" in result.output
    assert not (tmp_path / "out").exists()


def as_a_user(args: list[str], monkeypatch: pytest.MonkeyPatch) -> Result:
    """`teipress ARGS` run in the project's folder: its teipress.toml, its tei/, no other settings."""
    monkeypatch.chdir(ROOT)
    for name, value in EPOCH.items():
        monkeypatch.setenv(name, value)
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_cmif_of_the_project_as_a_user_runs_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`teipress export cmif` with the project's own settings, which name no editor and no base
    URL: the editor comes from the document's respStmt for the encoding, the letter's address
    from its source; with --base-url, the letter's page in the edition."""
    result = as_a_user(["export", "cmif", "--out", str(tmp_path / "cmif")], monkeypatch)
    assert result.exit_code == 0, result.output
    assert "editors from the documents' headers: teipress project" in result.stderr
    path = tmp_path / "cmif" / "cmif.xml"
    jing(checks.schema_file("cmif", "cmi-customization.rng"), [path])
    assert checks.schematron_problems(path, checks.schema_file("cmif", "cmif.sch")) == []
    root = etree.parse(str(path)).getroot()
    assert root.xpath("string(//tei:titleStmt/tei:editor)", namespaces=NS) == "teipress project"
    assert root.xpath("string(//tei:publicationStmt/tei:idno)", namespaces=NS) == "cmif.xml"
    source_url = etree.parse(str(TEI_DIR / "documents" / "dobrynin-1962-11-05.xml")).xpath(
        "string(//tei:sourceDesc/tei:bibl/tei:idno[@type='URL'])", namespaces=NS)
    assert root.find(".//tei:correspDesc", NS).get("ref") == source_url
    published = as_a_user(["export", "cmif", "--out", str(tmp_path / "published"),
                           "--base-url", "https://example.org/crisis"], monkeypatch)
    assert published.exit_code == 0, published.output
    root = etree.parse(str(tmp_path / "published" / "cmif.xml")).getroot()
    assert root.find(".//tei:correspDesc", NS).get("ref") == \
        "https://example.org/crisis/dobrynin-1962-11-05.html"
    assert root.xpath("string(//tei:publicationStmt/tei:idno)", namespaces=NS) == \
        "https://example.org/crisis/cmif.xml"


def test_dc_of_the_project_as_a_user_runs_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The OAI-PMH Identify must name the repository's address and a contact, which no TEI header
    gives and this project's settings do not invent: the export says so, then runs with both."""
    refused = as_a_user(["export", "dc", "--out", str(tmp_path / "dc")], monkeypatch)
    assert refused.exit_code == 2 and "needs its base URL and admin e-mail" in refused.output
    assert not (tmp_path / "dc").exists()
    result = as_a_user(["export", "dc", "--out", str(tmp_path / "dc"), "--base-url", "https://example.org/crisis/",
                        "--admin-email", "archive@example.org"], monkeypatch)
    assert result.exit_code == 0, result.output
    path = tmp_path / "dc" / "oai-pmh.xml"
    assert checks.oai_static_problems(path) == []
    root = etree.parse(str(path)).getroot()
    assert root.findtext(f".//{{{checks.OAI}}}adminEmail") == "archive@example.org"
    record = root.find(f".//{{{checks.OAI}}}record")
    assert record.findtext(f".//{{{checks.DC}}}identifier") == "https://example.org/crisis/dobrynin-1962-11-05.html"
    assert record.findtext(f".//{{{checks.DC}}}publisher") == "teipress project"


def test_admin_email_is_a_setting(tmp_path: Path) -> None:
    from teipress.config import load_settings
    from teipress.errors import TeipressError

    config = tmp_path / "teipress.toml"
    config.write_text('[export]\nadmin_email = "archive@example.org"\n', encoding="utf-8")
    assert load_settings(tmp_path).admin_email == "archive@example.org"
    config.write_text('[export]\nadmin_email = "the archive"\n', encoding="utf-8")
    with pytest.raises(TeipressError, match="admin_email must be an e-mail address"):
        load_settings(tmp_path)


def test_dc_of_the_seed(seed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = seed
    result = run_export("dc", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    assert valid_dc(tmp_path / "out", 1) == []  # the project's registers have no GND numbers


def test_dc_of_the_whole_corpus(corpus_export) -> None:
    result, out = corpus_export("dc")
    assert result.exit_code == 1, result.output[-2000:]
    assert left_out(out) == {"indices/listevent.xml"}
    links = valid_dc(out, 113)
    listed = (shared("corpora", "maechtekongresse", "indices") / "listperson.xml").read_text()
    assert len(links) > 100 and all(f"gnd/{line.split('|')[0]}" in listed for line in links)


def valid_dc(out: Path, documents: int) -> list[str]:
    path = out / "oai-pmh.xml"
    assert checks.oai_static_problems(path) == []
    root = etree.parse(str(path)).getroot()
    records = root.findall(f"{{{checks.OAI_STATIC}}}ListRecords/{{{checks.OAI}}}record")
    assert len(records) == documents
    titles = [r.findtext(f".//{{{checks.DC}}}title") for r in records]
    assert all(titles) and all(r.findtext(f".//{{{checks.DC}}}identifier", "").startswith("https://")
                               for r in records)
    beacon = (out / "beacon-gnd.txt").read_text(encoding="utf-8").splitlines()
    assert beacon[0] == "#FORMAT: BEACON"
    return [line for line in beacon if not line.startswith("#")]


def test_bagit_seed(seed: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = seed
    result = run_export("bagit", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    bag = tmp_path / "out" / "bag"
    # bagit's own command line (what `bagit.py --validate` runs)
    validated = subprocess.run([sys.executable, "-m", "bagit", "--validate", str(bag)], capture_output=True,
                               text=True)
    assert validated.returncode == 0, validated.stderr[-2000:]
    info = (bag / "bag-info.txt").read_text(encoding="utf-8")
    for field in ("Source-Organization: teipress project", "Bagging-Date: 2026-01-01", "Payload-Oxum: ",
                  "Document-Count: 1", "External-Description: "):
        assert field in info
    assert (bag / "manifest-sha256.txt").exists() and (bag / "manifest-sha512.txt").exists()
    payload = {p.relative_to(bag / "data").as_posix() for p in (bag / "data").rglob("*") if p.is_file()}
    assert {"tei/documents/dobrynin-1962-11-05.xml", "tei/registers/persons.xml", "schema/teipress.rng",
            "schema/teipress.sch", "edition/html/dobrynin-1962-11-05.html",
            "edition/text/dobrynin-1962-11-05.txt", "edition/html/validation.html",
            "validation/validation.json"} <= payload


def test_bagit_of_the_whole_corpus(corpus_export) -> None:
    result, out = corpus_export("bagit")
    assert result.exit_code == 1, result.output[-2000:]
    assert left_out(out) == {"indices/listevent.xml"}
    bag = out / "bag"
    assert checks.bag_problems(bag) == []
    assert "Document-Count: 113" in (bag / "bag-info.txt").read_text(encoding="utf-8")
    texts = {p.stem for p in (bag / "data" / "edition" / "text").glob("*.txt")}
    editions = {p.stem for p in shared("corpora", "maechtekongresse", "editions").glob("*.xml")}
    assert len(editions) == 113 and editions <= texts  # invalid ones too: the bag holds the sources
    for kept in ("indices/listperson.xml", "meta/Einleitung.xml", "editions/Aachen_Prot_5.xml"):
        assert (bag / "data" / "tei" / kept).exists()


def test_invalid_sources_export_nothing_without_skip_invalid(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --skip-invalid, the corpus with invalid sources is refused: every reason with the
    source's file and line, the previous export left as it was."""
    corpus = shared("corpora", "maechtekongresse")
    out = tmp_path / "out"
    options = ["--base-url", CORPUS_URL, "--admin-email", "archive@example.org"]
    first = run_export("dc", corpus, out, None, monkeypatch, "--skip-invalid", *options)
    assert first.exit_code == 1 and (out / "oai-pmh.xml").exists()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for fmt in ("tei", "teicorpus", "dc"):
        result = run_export(fmt, corpus, out, None, monkeypatch, *options)
        assert result.exit_code == 1 and "nothing was written" in result.output
        assert "--skip-invalid" in result.output and "listevent.xml:2:1: error:" in result.output
        if fmt != "dc":
            assert "editions/Aachen_Prot_5.xml:507:" in result.output
        assert "Traceback" not in result.output
        assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
        assert not list(tmp_path.glob(".out.staging-*"))


@pytest.mark.parametrize("fmt", ["tei", "teicorpus", "cmif", "dc", "bagit"])
def test_exports_are_deterministic(fmt: str, seed: tuple[Path, Path], tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = seed
    for out in ("one", "two"):
        assert run_export(fmt, source, tmp_path / out, config, monkeypatch).exit_code == 0
    comparison = filecmp.dircmp(tmp_path / "one", tmp_path / "two")
    assert _identical(comparison), fmt


def _identical(comparison: filecmp.dircmp) -> bool:
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files,
                                           shallow=False)
    return (not mismatch and not errors and not comparison.left_only and not comparison.right_only
            and all(_identical(sub) for sub in comparison.subdirs.values()))


@pytest.fixture(scope="module")
def corpus_texts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The text edition of the maechtekongresse corpus built from its sources, with --xinclude
    (what the exported pages hold)."""
    out = tmp_path_factory.mktemp("corpus-build") / "out"
    built = CliRunner().invoke(main, ["build", "--source", str(shared("corpora", "maechtekongresse")),
                                      "--out", str(out), "--xinclude"])
    assert built.exit_code == 1, built.output[-2000:]  # listevent.xml cannot be read as TEI
    return out / "text"


def test_round_trip_of_the_seed(seed: tuple[Path, Path], tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = seed
    assert run_export("tei", source, tmp_path / "exported", config, monkeypatch).exit_code == 0
    built = CliRunner().invoke(main, ["build", "--source", str(source), "--config", str(config),
                                      "--out", str(tmp_path / "from-sources")])
    assert built.exit_code == 0, built.output
    names = assert_same_texts(tmp_path / "from-sources" / "text",
                              build_alone(tmp_path / "exported", tmp_path))
    assert names == ["dobrynin-1962-11-05.diplomatic.txt", "dobrynin-1962-11-05.txt"]


def test_round_trip_of_the_whole_corpus(corpus_export, corpus_texts: Path, tmp_path: Path) -> None:
    """The exported files, built without the indices, give the same text of every document and
    page the export holds (the left-out files are not there to compare)."""
    _, exported = corpus_export("tei")
    names = assert_same_texts(corpus_texts, build_alone(exported, tmp_path))
    assert len(names) == 2 * (113 - 15 + 10)


def test_round_trip_through_teicorpus_of_the_seed(seed: tuple[Path, Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Built from the one teiCorpus file: the registers in it are registers again, the document
    is a document with the same text; the corpus itself adds its contents page."""
    source, config = seed
    assert run_export("teicorpus", source, tmp_path / "exported", config, monkeypatch).exit_code == 0
    built = CliRunner().invoke(main, ["build", "--source", str(source), "--config", str(config),
                                      "--out", str(tmp_path / "from-sources")])
    assert built.exit_code == 0, built.output
    texts = build_alone(tmp_path / "exported", tmp_path)
    assert sorted(p.name for p in texts.glob("*.txt")) == [
        "dobrynin-1962-11-05.diplomatic.txt", "dobrynin-1962-11-05.txt",
        "teicorpus.diplomatic.txt", "teicorpus.txt"]  # the contents page
    assert_same_texts(tmp_path / "from-sources" / "text", texts, ["dobrynin-1962-11-05.txt",
                                                                  "dobrynin-1962-11-05.diplomatic.txt"])
    persons = (texts.parent / "html" / "persons.html").read_text(encoding="utf-8")
    assert "Dobrynin" in persons  # the register members are the edition's registers


def test_round_trip_through_teicorpus_of_the_whole_corpus(corpus_export, corpus_texts: Path,
                                                          tmp_path: Path) -> None:
    """Every document in the teiCorpus file gives the text its source gives; a page is named by
    the document's xml:id (maechtekongresse's end in .xml)."""
    _, exported = corpus_export("teicorpus")
    texts = build_alone(exported, tmp_path)
    editions = shared("corpora", "maechtekongresse", "editions")
    kept = sorted(p for p in editions.glob("*.xml") if p.relative_to(editions.parent).as_posix()
                  not in left_out(exported))
    assert len(kept) == 113 - 15
    for path in kept:
        ident = etree.parse(str(path)).getroot().get(XML_ID)
        expected = (corpus_texts / f"{path.stem}.txt").read_bytes()
        assert (texts / f"{ident}.txt").read_bytes() == expected, ident


def build_alone(folder: Path, tmp_path: Path) -> Path:
    """The text edition built from exported files alone: no settings, no registers beside them."""
    again = CliRunner().invoke(main, ["build", "--source", str(folder),
                                      "--out", str(tmp_path / "from-export")])
    assert again.exit_code == 0, again.output[-2000:]
    return tmp_path / "from-export" / "text"


def assert_same_texts(sources: Path, exported: Path, names: list[str] | None = None) -> list[str]:
    """The texts of the exported build are byte-identical to those of the sources' build."""
    names = names or sorted(p.name for p in exported.glob("*.txt"))
    assert names
    _, mismatch, errors = filecmp.cmpfiles(sources, exported, names, shallow=False)
    assert not mismatch and not errors, (mismatch[:5], errors[:5])
    return names
