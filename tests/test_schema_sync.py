"""The project schema: teipress.rng is generated from teipress.rnc, the corpus is valid against it,
and it rejects what it was written to reject.

(Validity against the TEI Consortium's tei_all is tested elsewhere.)"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import rnc2rng
from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
RNC = ROOT / "schemas" / "teipress.rnc"
RNG = ROOT / "schemas" / "teipress.rng"
TEI_FILES = sorted((ROOT / "tei").rglob("*.xml"))
DOCUMENT = ROOT / "tei" / "documents" / "dobrynin-1962-11-05.xml"
NS = {"tei": "http://www.tei-c.org/ns/1.0"}
REGENERATE = ".venv/bin/rnc2rng schemas/teipress.rnc > schemas/teipress.rng"


@pytest.fixture(scope="module")
def schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(RNG)))


def test_rng_is_generated_from_rnc() -> None:
    # The command line prints the XML with a final newline; the API returns it without.
    generated = (rnc2rng.dumps(rnc2rng.load(str(RNC))) + "\n").encode("utf-8")
    assert generated == RNG.read_bytes(), (
        f"schemas/teipress.rng is out of date with schemas/teipress.rnc; regenerate it with\n"
        f"  {REGENERATE}\nand commit both files."
    )


def test_no_attribute_has_optional_content() -> None:
    # libxml2 accepts any value for `attribute x { ("a" | "b")? }`: write `attribute x { ... }?`.
    offending = etree.parse(str(RNG)).xpath(
        "//rng:attribute[.//rng:optional or .//rng:zeroOrMore]",
        namespaces={"rng": "http://relaxng.org/ns/structure/1.0"},
    )
    assert not offending, [f"schemas/teipress.rng:{attribute.sourceline}" for attribute in offending]


def test_the_corpus_has_files() -> None:
    assert DOCUMENT in TEI_FILES
    assert len(TEI_FILES) >= 4, TEI_FILES


@pytest.mark.parametrize("path", TEI_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_file_is_valid(schema: etree.RelaxNG, path: Path) -> None:
    valid = schema.validate(etree.parse(str(path)))
    assert valid, f"{path.relative_to(ROOT)} is not valid against schemas/teipress.rng:\n{schema.error_log}"


def insert_unknown_element(tree: etree._ElementTree) -> etree._Element:
    unknown = etree.Element(f"{{{NS['tei']}}}blink")
    tree.find(".//tei:body//tei:p", NS).insert(0, unknown)
    return unknown


def script_as_ref(tree: etree._ElementTree) -> etree._Element:
    name = tree.find(".//tei:body//tei:persName", NS)
    name.set("ref", "javascript:alert(1)")
    return name


def dateline_text_as_when(tree: etree._ElementTree) -> etree._Element:
    date = tree.find(".//tei:closer/tei:dateline/tei:date", NS)
    date.set("when", "5.XI.62")
    return date


def name_without_ref(tree: etree._ElementTree) -> etree._Element:
    name = tree.find(".//tei:body//tei:placeName", NS)
    del name.attrib["ref"]
    return name


def ref_with_colon_in_id(tree: etree._ElementTree) -> etree._Element:
    reference = tree.find(".//tei:body//tei:rs", NS)
    reference.set("ref", "#org:us-government")
    return reference


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (insert_unknown_element, "Did not expect element blink there"),
        (script_as_ref, "Element persName failed to validate attributes"),
        (dateline_text_as_when, "Element date failed to validate attributes"),
        (name_without_ref, "Element placeName failed to validate attributes"),
        (ref_with_colon_in_id, "Element rs failed to validate attributes"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_invalid_variant_is_rejected(
    schema: etree.RelaxNG,
    tmp_path: Path,
    mutate: Callable[[etree._ElementTree], etree._Element],
    message: str,
) -> None:
    """A copy of the real document with one change is rejected, at the changed element."""
    tree = etree.parse(str(DOCUMENT))
    changed = tree.getpath(mutate(tree))
    variant = tmp_path / DOCUMENT.name
    tree.write(str(variant), encoding="UTF-8", xml_declaration=True)
    variant_tree = etree.parse(str(variant))

    assert not schema.validate(variant_tree), f"{mutate.__name__} was accepted"
    line = variant_tree.xpath(changed)[0].sourceline
    errors = [f"{error.line}: {error.message}" for error in schema.error_log]
    assert f"{line}: {message}" in errors, errors
