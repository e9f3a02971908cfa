"""`teipress export`: each format from the seed edition and from the maechtekongresse corpus,
checked by the format's own validator (jing + tei_all, jing + CMIF RNG + CMIF Schematron, bagit,
the OAI static repository's structure), determinism, refusal, and the round trip through `build`."""

from __future__ import annotations

import filecmp
import shutil
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


def run_export(fmt: str, source: Path, out: Path, config: Path, monkeypatch: pytest.MonkeyPatch) -> Result:
    for name, value in EPOCH.items():
        monkeypatch.setenv(name, value)
    return CliRunner().invoke(main, ["export", fmt, "--source", str(source), "--out", str(out),
                                     "--config", str(config)], catch_exceptions=False)


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


@pytest.fixture(scope="module")
def congresses(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The maechtekongresse editions that are valid against tei_all (the 15 invalid ones cannot
    be exported valid; test_invalid_sources_export_nothing covers them), with indices/ as registers."""
    corpus = shared("corpora", "maechtekongresse")
    folder = tmp_path_factory.mktemp("congresses")
    editions = sorted((corpus / "editions").glob("*.xml"))
    report = subprocess.run([tool("jing"), str(TEI_ALL), *map(str, editions)], capture_output=True, text=True)
    invalid = {Path(line.split(":", 1)[0]).name for line in report.stdout.splitlines() if ": error:" in line}
    assert len(invalid) == 15
    (folder / "editions").mkdir()
    for path in editions:
        if path.name not in invalid:
            shutil.copy(path, folder / "editions" / path.name)
    config = write_settings(folder, corpus / "indices", "Congresses 1818-1822", "ÖAW")
    return folder / "editions", config


SOURCES = ["seed", "congresses"]


@pytest.mark.parametrize("which", SOURCES)
def test_tei_files_are_valid_and_self_contained(which: str, request: pytest.FixtureRequest,
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = request.getfixturevalue(which)
    result = run_export("tei", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    files = sorted((tmp_path / "out").rglob("*.xml"))
    assert len(files) == len([p for p in source.rglob("*.xml") if "registers" not in p.parts])
    jing(TEI_ALL, files)
    for path in files:
        root = etree.parse(str(path)).getroot()
        ids = set(root.xpath("//@xml:id"))
        original = etree.parse(str(source / path.relative_to(tmp_path / "out"))).getroot()
        known_before = set(original.xpath("//@xml:id")) | _register_ids(config)
        for ref in root.xpath("//tei:text//@ref | //tei:teiHeader//@ref", namespaces=NS):
            for token in ref.split():
                # every pointer that resolved with the registers resolves inside the file alone
                if token.startswith("#") and token[1:] in known_before:
                    assert token[1:] in ids, (path.name, token)
        change = root.xpath("string(//tei:revisionDesc//tei:change[last()])", namespaces=NS)
        assert "Exported by teipress" in change


def _register_ids(config: Path) -> set[str]:
    folder = Path(config.read_text(encoding="utf-8").split('registers = ["')[1].split('"')[0])
    return {i for p in folder.glob("*.xml") for i in etree.parse(str(p)).getroot().xpath("//@xml:id")}


@pytest.mark.parametrize("which", SOURCES)
def test_teicorpus_is_valid_and_holds_everything(which: str, request: pytest.FixtureRequest,
                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = request.getfixturevalue(which)
    result = run_export("teicorpus", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "teicorpus.xml"
    jing(TEI_ALL, [path])
    root = etree.parse(str(path)).getroot()
    documents = [p for p in source.rglob("*.xml") if "registers" not in p.parts]
    members = root.findall("tei:TEI", NS)
    registers = root.xpath("tei:teiHeader//tei:listBibl[tei:head='Registers']/tei:bibl", namespaces=NS)
    assert len(members) == len(documents) + len(registers)
    assert root.xpath("string(tei:teiHeader//tei:titleStmt/tei:editor)", namespaces=NS) == "Jane Editor"
    assert len(root.xpath("tei:teiHeader//tei:listBibl[tei:head='Documents']/tei:bibl", namespaces=NS)) \
        == len(documents)
    text = "".join(root.itertext())
    for document in documents[:5]:  # every word of the documents' text is kept
        body = etree.parse(str(document)).getroot().find("tei:text", NS)
        assert " ".join("".join(body.itertext()).split())[:200] in " ".join(text.split())


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


def test_cmif_congresses_lists_the_documents_without_letters(
        congresses: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = congresses
    result = run_export("cmif", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "cmif.xml"
    jing(checks.schema_file("cmif", "cmi-customization.rng"), [path])
    assert checks.schematron_problems(path, checks.schema_file("cmif", "cmif.sch")) == []
    count = len(list(source.glob("*.xml")))
    assert f"{count} documents without letter metadata were skipped" in result.stderr
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


@pytest.mark.parametrize("which", SOURCES)
def test_dc_static_repository_and_beacon(which: str, request: pytest.FixtureRequest, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = request.getfixturevalue(which)
    result = run_export("dc", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "oai-pmh.xml"
    assert checks.oai_static_problems(path) == []
    root = etree.parse(str(path)).getroot()
    records = root.findall(f"{{{checks.OAI_STATIC}}}ListRecords/{{{checks.OAI}}}record")
    documents = [p for p in source.rglob("*.xml") if "registers" not in p.parts]
    assert len(records) == len(documents)
    titles = [r.findtext(f".//{{{checks.DC}}}title") for r in records]
    assert all(titles) and all(r.findtext(f".//{{{checks.DC}}}identifier", "").startswith("https://")
                               for r in records)
    beacon = (tmp_path / "out" / "beacon-gnd.txt").read_text(encoding="utf-8").splitlines()
    assert beacon[0] == "#FORMAT: BEACON"
    links = [line for line in beacon if not line.startswith("#")]
    gnd_ids = {line.split("|")[0] for line in links}
    if which == "congresses":
        listed = (shared("corpora", "maechtekongresse", "indices") / "listperson.xml").read_text()
        assert len(links) > 100 and all(f"gnd/{number}" in listed for number in gnd_ids)
    else:
        assert links == []  # the project's registers have no GND numbers


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


def test_bagit_congresses(congresses: tuple[Path, Path], tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = congresses
    result = run_export("bagit", source, tmp_path / "out", config, monkeypatch)
    assert result.exit_code == 0, result.output
    bag = tmp_path / "out" / "bag"
    assert checks.bag_problems(bag) == []
    count = len(list(source.glob("*.xml")))
    assert f"Document-Count: {count}" in (bag / "bag-info.txt").read_text(encoding="utf-8")
    texts = [p for p in (bag / "data" / "edition" / "text").glob("*.txt") if ".diplomatic." not in p.name]
    assert len(texts) == count
    assert (bag / "data" / "tei" / "indices" / "listperson.xml").exists()


def test_invalid_sources_export_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The full congress corpus has 15 editions invalid against tei_all: the export refuses,
    names them, and leaves the previous export as it was."""
    corpus = shared("corpora", "maechtekongresse")
    config = write_settings(tmp_path, corpus / "indices", "Congresses", "ÖAW")
    out = tmp_path / "out"
    first = run_export("dc", corpus / "editions", out, config, monkeypatch)  # dc needs no tei_all
    assert first.exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    for fmt in ("tei", "teicorpus"):
        result = run_export(fmt, corpus / "editions", out, config, monkeypatch)
        assert result.exit_code == 1 and "nothing was written" in result.output
        assert "Aachen_Prot_5.xml" in result.output or "teicorpus.xml:" in result.output
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


@pytest.mark.parametrize("which", SOURCES)
def test_round_trip_gives_the_same_text_edition(which: str, request: pytest.FixtureRequest,
                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, config = request.getfixturevalue(which)
    assert run_export("tei", source, tmp_path / "exported", config, monkeypatch).exit_code == 0
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--source", str(source), "--config", str(config),
                                 "--out", str(tmp_path / "from-sources")])
    # The exported files stand alone: built without the registers.
    again = runner.invoke(main, ["build", "--source", str(tmp_path / "exported"),
                                 "--out", str(tmp_path / "from-export")])
    assert built.exit_code in (0, 1) and again.exit_code in (0, 1), built.output + again.output
    texts = sorted(p.name for p in (tmp_path / "from-sources" / "text").glob("*.txt"))
    assert texts and texts == sorted(p.name for p in (tmp_path / "from-export" / "text").glob("*.txt"))
    comparison = filecmp.dircmp(tmp_path / "from-sources" / "text", tmp_path / "from-export" / "text")
    assert _identical(comparison)
