"""Docs as tests: the README names every command-line option and every project rule."""

from __future__ import annotations

import re

from lxml import etree

from conftest import ROOT
from teipress.cli import main

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands() -> None:
    block = README.split("```", 2)[1]
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == [
        "make edition", "make test"]


def test_every_option_is_documented() -> None:
    for name, command in main.commands.items():
        for parameter in command.params:
            for option in parameter.opts:
                if option.startswith("--"):
                    pattern = rf"(?<![\w-]){re.escape(option)}(?![\w-])"
                    assert re.search(pattern, README), f"teipress {name} {option} is not in the README"


def test_every_project_rule_is_documented() -> None:
    schema = etree.parse(str(ROOT / "schemas" / "teipress.sch"))
    ids = {el.get("id") for el in schema.iter("{http://purl.oclc.org/dsdl/schematron}assert",
                                              "{http://purl.oclc.org/dsdl/schematron}report")}
    assert len(ids) >= 9
    documented = set(re.findall(r"^\| `([a-z-]+)` \|", README, flags=re.MULTILINE))
    assert ids <= documented, ids - documented
