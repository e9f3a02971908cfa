"""What a command works on besides its paths: the settings, the checks and the registers.

Options on the command line win over the settings file, which wins over what teipress finds in
the source tree by itself. The schema, in that order: --schema, the settings' schema, a local
schema named by the documents' `xml-model` (inside the source tree, never fetched), and else the
TEI Consortium's tei_all shipped with teipress (the TEI default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from lxml import etree

from .config import Settings, load_settings
from .discover import default_registers, discover
from .resources import data_dir
from .validate import Checks
from .xinclude import has_scheme

RELAX_NG_NS = "http://relaxng.org/ns/structure/1.0"
_BOMS_16 = (b"\xff\xfe", b"\xfe\xff")  # UTF-16 (and UTF-32 LE) byte order marks
_PSEUDO_ATTRIBUTE = re.compile(r'(\w+)\s*=\s*(["\'])(.*?)\2', re.S)


def tei_all() -> Path:
    return data_dir("schemas") / "tei_all.rng"


@dataclass(frozen=True)
class Project:
    settings: Settings
    checks: Checks
    registers: tuple[Path, ...]  # register files or folders

    @classmethod
    def find(cls, paths: list[Path], config: Path | None, registers: tuple[Path, ...],
             checks: Checks) -> Project:
        settings = load_settings(paths[0] if paths else Path("."), config)
        if checks.schema is None:
            checks = replace(checks, schema=settings.schema or local_xml_model(paths) or tei_all())
        # The project's own rules (document ids = file names, its id prefixes) only where the
        # settings ask for them: foreign corpora follow their own conventions.
        checks = replace(checks, project_rules=settings.project_rules)
        if not registers:
            registers = settings.registers
        if not registers and paths:
            found = default_registers(paths[0] if paths[0].is_dir() else paths[0].parent)
            registers = (found,) if found else ()
        return cls(settings, checks, tuple(registers))


def local_xml_model(paths: list[Path]) -> Path | None:
    """The first RELAX NG schema that a document's `<?xml-model?>` names as a file inside the
    folder being checked (a URL, or a path leading outside, is never followed)."""
    for given in paths:
        tree = (given if given.is_dir() else given.parent).resolve()
        for file in discover([given]).files:
            for href in _xml_model_hrefs(file):
                if has_scheme(href):
                    continue
                target = (file.resolve().parent / href).resolve()
                if target.is_file() and target.is_relative_to(tree):
                    return target
    return None


def _names_xml_model(file: Path) -> bool:
    """Whether the bytes "xml-model" occur in the file at all (read in pieces, overlapping by
    the length of the name so that one cut in two is still found). A file in UTF-16 or UTF-32
    (a byte order mark or NUL bytes) spells it otherwise: the parser reads those."""
    tail = b""
    with file.open("rb") as opened:
        while piece := opened.read(1 << 16):
            if b"xml-model" in tail + piece or (not tail and (b"\0" in piece[:4] or piece[:2] in _BOMS_16)):
                return True
            tail = piece[-8:]
    return False


def _xml_model_hrefs(file: Path) -> list[str]:
    """RELAX NG hrefs of the processing instructions before the root element (read no further)."""
    hrefs: list[str] = []
    try:
        if not _names_xml_model(file):  # most documents name no schema: no parser for them
            return hrefs
        for event, node in etree.iterparse(str(file), events=("start", "pi"), resolve_entities=False,
                                           no_network=True, load_dtd=False):
            if event == "start":
                break
            if node.target == "xml-model":
                fields = {m.group(1): m.group(3) for m in _PSEUDO_ATTRIBUTE.finditer(node.text or "")}
                kind = fields.get("schematypens", "")
                href = fields.get("href", "")
                if href and (kind == RELAX_NG_NS or (not kind and href.endswith((".rng", ".rnc")))):
                    hrefs.append(href)
    except (etree.XMLSyntaxError, OSError):
        pass  # reported when the file is parsed for validation
    return hrefs
