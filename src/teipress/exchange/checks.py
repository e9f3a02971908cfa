"""The validators the exports check their own output with, before anything is published:
RELAX NG (tei_all for TEI and teiCorpus, the CMIF customisation for CMIF) with teipress's own
engine, teipress's Schematron compiler for cmif.sch, the OAI static repository's structure, and
bagit's own validation. Each returns problems as `file:line: message` lines (empty: valid).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from .. import saxon
from ..errors import TeipressError
from ..parse import make_parser, parse_file
from ..relaxng.engines import make_grammar
from ..resources import data_dir
from ..schematron import CompiledSchematron

OAI_STATIC = "http://www.openarchives.org/OAI/2.0/static-repository"
OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
DC_ELEMENTS = {"title", "creator", "subject", "description", "publisher", "contributor", "date",
               "type", "format", "identifier", "source", "language", "relation", "coverage", "rights"}
_IDENTIFY = ("repositoryName", "baseURL", "protocolVersion", "adminEmail", "earliestDatestamp",
             "deletedRecord", "granularity")


def schema_file(*parts: str) -> Path:
    """A schema teipress ships (tei_all, the CMIF customisation and its Schematron)."""
    path = data_dir("schemas").joinpath(*parts)
    if not path.is_file():
        raise TeipressError(f"{path} is missing from this installation of teipress; "
                            "the export cannot check what it writes")
    return path


def relaxng_problems(files: list[Path], schema: Path) -> list[str]:
    """Grammar findings for the files, with the engine `teipress validate` uses."""
    documents, problems = [], []
    for path in files:
        result = parse_file(path)
        problems += [f.format() for f in result.findings if f.severity == "error"]
        if result.document is not None:
            documents.append(result.document)
    if documents:
        grammar = make_grammar("lxml", schema, documents)
        for findings in grammar.check_many(documents).values():
            problems += [f.format() for f in findings if f.severity == "error"]
    return problems


def schematron_problems(path: Path, schema: Path) -> list[str]:
    """Errors (not warnings) of an ISO Schematron schema, compiled by teipress's compiler."""
    result = parse_file(path)
    if result.document is None:
        return [f.format() for f in result.findings]
    processor = saxon.new_processor()
    compiled = CompiledSchematron(processor, etree.parse(str(schema), make_parser()).getroot())
    saxon.lock_down(processor)
    return [f.format() for f in compiled.check(result.document) if f.severity == "error"]


def oai_static_problems(path: Path) -> list[str]:
    """The structure of an OAI-PMH static repository (Identify, ListMetadataFormats with oai_dc,
    ListRecords of records with header and an oai_dc:dc of Dublin Core elements only)."""
    root = etree.parse(str(path)).getroot()
    problems: list[str] = []

    def need(condition: bool, element: etree._Element, message: str) -> None:
        if not condition:
            problems.append(f"{path}:{element.sourceline}: {message}")

    need(root.tag == f"{{{OAI_STATIC}}}Repository", root, "the root must be sr:Repository")
    identify = root.find(f"{{{OAI_STATIC}}}Identify")
    need(identify is not None, root, "sr:Identify is missing")
    if identify is not None:
        names = [etree.QName(c).localname for c in identify if c.tag.startswith(f"{{{OAI}}}")]
        need(all(n in names for n in _IDENTIFY), identify, f"Identify needs {', '.join(_IDENTIFY)}")
        need(identify.findtext(f"{{{OAI}}}protocolVersion") == "2.0", identify, "protocolVersion 2.0")
    formats = root.findall(f"{{{OAI_STATIC}}}ListMetadataFormats/{{{OAI}}}metadataFormat")
    need(any(f.findtext(f"{{{OAI}}}metadataPrefix") == "oai_dc" for f in formats), root,
         "ListMetadataFormats must declare oai_dc")
    lists = root.findall(f"{{{OAI_STATIC}}}ListRecords")
    need(all(lst.get("metadataPrefix") == "oai_dc" for lst in lists) and lists, root,
         "one sr:ListRecords metadataPrefix=\"oai_dc\" is required")
    identifiers: set[str] = set()
    for record in root.iterfind(f"{{{OAI_STATIC}}}ListRecords/{{{OAI}}}record"):
        identifier = record.findtext(f"{{{OAI}}}header/{{{OAI}}}identifier") or ""
        need(identifier.startswith("oai:") and identifier not in identifiers, record,
             f"record identifier {identifier!r} must be a unique oai: identifier")
        identifiers.add(identifier)
        need(bool(record.findtext(f"{{{OAI}}}header/{{{OAI}}}datestamp")), record, "datestamp missing")
        dc = record.find(f"{{{OAI}}}metadata/{{{OAI_DC}}}dc")
        need(dc is not None, record, "metadata/oai_dc:dc missing")
        for element in dc if dc is not None else []:
            need(element.tag in {f"{{{DC}}}{n}" for n in DC_ELEMENTS}, element,
                 f"{element.tag} is not a Dublin Core element")
    return problems


def bag_problems(folder: Path) -> list[str]:
    """bagit's own validation (manifests, Payload-Oxum, every checksum)."""
    import bagit

    try:
        bagit.Bag(str(folder)).validate(completeness_only=False)
    except bagit.BagError as exc:
        details = getattr(exc, "details", None) or []
        return [f"{folder}: {exc}"] + [f"{folder}: {d}" for d in details]
    return []
