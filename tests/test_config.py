"""Settings: teipress.toml found from the resolved sources, --config, titles from the corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import html

from conftest import ROOT, tei
from teipress.cli import main
from teipress.config import find_config, load_settings

OUR_TITLE = "Soviet Diplomatic Documents of the Cuban Missile Crisis"


def index_title(out: Path) -> str:
    return html.parse(str(out / "html" / "index.html")).findtext(".//title")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_lookup_resolves_the_source_before_walking_up(tmp_path: Path, monkeypatch) -> None:
    """`../elsewhere` from inside a project must not find the project's settings (the bug seen with
    the README's own example)."""
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere" / "editions"
    write(project / "teipress.toml", '[edition]\ntitle = "Ours"\n')
    write(elsewhere / "a.xml", tei("a"))
    write(elsewhere / "b.xml", tei("b"))
    monkeypatch.chdir(project)
    assert find_config(Path("../elsewhere/editions")) is None
    assert load_settings(Path("../elsewhere/editions")).title == "elsewhere"
    assert load_settings(Path(".")).title == "Ours"


def test_the_shared_corpus_from_inside_this_repository_is_not_titled_as_ours(monkeypatch) -> None:
    corpus = ROOT.parent / "shared" / "corpora" / "maechtekongresse" / "editions"
    if not corpus.is_dir():
        pytest.skip("no ../shared")
    monkeypatch.chdir(ROOT)
    settings = load_settings(Path(os.path.relpath(corpus, ROOT)))
    assert settings.config_path is None
    assert settings.title == "maechtekongresse"


def test_this_projects_settings_keep_its_schema_rules_and_registers() -> None:
    settings = load_settings(ROOT / "tei")
    assert settings.title == OUR_TITLE
    assert settings.schema == ROOT / "schemas" / "teipress.rng"
    assert settings.project_rules
    assert settings.registers == (ROOT / "tei" / "registers",)


def test_title_from_a_tei_corpus_header(tmp_path: Path) -> None:
    corpus = tei("c", title="A Corpus of Letters").replace("<TEI ", "<teiCorpus ").replace(
        "</TEI>", f"{tei('d1')[tei('d1').index('<TEI'):]}</teiCorpus>")
    write(tmp_path / "letters" / "corpus.xml", corpus)
    write(tmp_path / "letters" / "other.xml", tei("o", title="Other"))
    assert load_settings(tmp_path / "letters").title == "A Corpus of Letters"


def test_title_from_the_series_all_documents_share(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / "docs" / f"{name}.xml", tei(name, title=name).replace(
            "</titleStmt>", '</titleStmt><seriesStmt><title>Papers of X</title></seriesStmt>'))
    assert load_settings(tmp_path / "docs").title == "Papers of X"
    write(tmp_path / "docs" / "c.xml", tei("c"))
    assert load_settings(tmp_path / "docs").title == "docs"  # not shared: the folder's name


def test_a_single_document_names_the_edition(tmp_path: Path) -> None:
    write(tmp_path / "letter" / "a.xml", tei("a", title="Letter to Goethe"))
    assert load_settings(tmp_path / "letter").title == "Letter to Goethe"


def test_a_generic_folder_name_gives_way_to_its_parent(tmp_path: Path) -> None:
    for name in ("a", "b"):
        write(tmp_path / "Briefe Humboldts" / "data" / "editions" / f"{name}.xml", tei(name))
    assert load_settings(tmp_path / "Briefe Humboldts" / "data" / "editions").title == "Briefe Humboldts"


def test_config_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    config = write(tmp_path / "conf" / "teipress.toml", """
[edition]
title = "T"
editors = ["A. B.", "C. D."]
language = "de"
[sources]
documents = ["../src/*.xml"]
registers = ["../regs"]
[validation]
schema = "my.rng"
project_rules = true
""")
    write(tmp_path / "src" / "one.xml", tei("one"))
    settings = load_settings(tmp_path / "src", config)
    assert settings.editors == ("A. B.", "C. D.") and settings.language == "de"
    assert settings.schema == tmp_path / "conf" / "my.rng"
    assert settings.registers == (tmp_path / "regs",)
    assert settings.matching(settings.documents) == [tmp_path / "src" / "one.xml"]


@pytest.mark.parametrize("text, message", [
    ("[edition\n", "not valid TOML"),
    ('[edition]\ntitle = 3\n', "title must be a string"),
    ('[edition]\nlanguage = "tlh"\n', "language must be one of en, de, fr"),
    ('[sources]\nregisters = "r"\ndocuments = [1]\n', "documents must be a list of strings"),
])
def test_bad_settings_are_one_line_and_exit_2(tmp_path: Path, text: str, message: str) -> None:
    config = write(tmp_path / "bad.toml", text)
    write(tmp_path / "src" / "a.xml", tei("a"))
    for command in (["validate", str(tmp_path / "src")], ["build", "--source", str(tmp_path / "src")]):
        result = CliRunner().invoke(main, [*command, "--config", str(config)])
        assert result.exit_code == 2, result.output
        assert message in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_build_takes_its_title_from_config(project_copy: Path, tmp_path: Path) -> None:
    config = write(tmp_path / "other.toml", '[edition]\ntitle = "Another Title"\n')
    out = tmp_path / "out"
    args = ["build", "--source", str(project_copy / "tei"), "--out", str(out)]
    assert CliRunner().invoke(main, args).exit_code == 0
    assert OUR_TITLE in index_title(out)
    assert CliRunner().invoke(main, [*args, "--config", str(config)]).exit_code == 0
    assert "Another Title" in index_title(out) and OUR_TITLE not in index_title(out)


def test_validate_uses_the_schema_of_the_settings(tmp_path: Path) -> None:
    """An element the project schema lacks but tei_all has: invalid with the project's settings,
    valid with settings that name tei_all."""
    tei_all = ROOT.parent / "shared" / "reference" / "tei_all.rng"
    if not tei_all.exists():
        pytest.skip("no ../shared")
    source = write(tmp_path / "src" / "a.xml", tei("a", body="<p>A <foreign>mot</foreign>.</p>"))
    ours = write(tmp_path / "ours.toml", f'[validation]\nschema = "{ROOT / "schemas/teipress.rng"}"\n')
    theirs = write(tmp_path / "theirs.toml", f'[validation]\nschema = "{tei_all}"\n')
    assert CliRunner().invoke(main, ["validate", str(source), "--grammar-only", "--config", str(ours)]
                              ).exit_code == 1
    result = CliRunner().invoke(main, ["validate", str(source), "--grammar-only", "--config", str(theirs)])
    assert result.exit_code == 0, result.output
