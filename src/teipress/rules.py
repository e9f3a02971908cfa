"""The rules beyond the grammar: the project's Schematron and the one embedded in the schema.

Both are compiled once per run by teipress's generic Schematron compiler (teipress.schematron)
and run on a locked-down Saxon processor (teipress.saxon). The project's rules,
schemas/teipress.sch, see the whole corpus through the one corpus index (teipress.references),
so cross-file checks need no file access.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from . import saxon
from .errors import SchematronError
from .findings import Finding
from .parse import ParsedDocument, make_parser
from .references import CorpusIndex
from .resources import data_dir
from .schematron import CompiledSchematron, schematron_from_rng

# The two parameters schemas/teipress.sch declares; see `project_params`.
PROJECT_PARAMS = ("corpus", "file-name")


def project_rules_path() -> Path:
    return data_dir("schemas") / "teipress.sch"


def compile_project_rules(processor) -> CompiledSchematron:
    """schemas/teipress.sch, compiled with its two parameters (see `project_params`)."""
    schema = etree.parse(str(project_rules_path()), make_parser()).getroot()
    return CompiledSchematron(processor, schema, external_params=PROJECT_PARAMS)


def project_params(document: ParsedDocument, index: CorpusIndex) -> dict[str, object]:
    """teipress.sch's parameters for one document: the corpus index (the same tree for every
    document, so Saxon converts it and builds its keys once) and the file's name without folder
    and without ".xml"."""
    return {"corpus": index.element, "file-name": document.path.stem}


class Rules:
    """Compiled rule sets; `check` runs them over a corpus of parsed documents."""

    def __init__(self, *, project: bool, embedded_from: etree._ElementTree | None,
                 schema_name: str = "the schema") -> None:
        """`embedded_from` is the RELAX NG schema whose sch:patterns run too; `schema_name`
        names it in the one-line error when they cannot be compiled."""
        self._processor = saxon.new_processor()
        self._project = compile_project_rules(self._processor) if project else None
        try:
            embedded = schematron_from_rng(embedded_from) if embedded_from is not None else None
            self._embedded = CompiledSchematron(self._processor, embedded) if embedded is not None else None
        except SchematronError as exc:
            raise SchematronError(f"{schema_name}: embedded Schematron: {exc.message}") from None
        saxon.lock_down(self._processor)

    def check(self, subjects: list[ParsedDocument], index: CorpusIndex) -> dict[Path, list[Finding]]:
        """Findings per subject; `index` covers every file pointers may name (subjects and registers)."""
        return {document.path: [*self.check_project(document, index.element),
                                *self.check_embedded(document)] for document in subjects}

    def check_project(self, document: ParsedDocument, corpus: etree._Element) -> list[Finding]:
        """The project's rules; `corpus` is the index's tree, or the part of it that the
        document's ids and pointers name (`CorpusIndex.element_for`: the same findings)."""
        if self._project is None:
            return []
        return self._project.check(document, {"corpus": corpus, "file-name": document.path.stem})

    def check_embedded(self, document: ParsedDocument) -> list[Finding]:
        """The schema's embedded rules (they need nothing beyond the document)."""
        return self._embedded.check(document) if self._embedded is not None else []
