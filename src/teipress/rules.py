"""The rules beyond the grammar: the project's Schematron and the one embedded in the schema.

Both are compiled once per run by teipress's own Schematron compiler and run on a Saxon
processor that is locked down like the one that renders the edition. The project's rules see
the whole corpus through one index (ids, pointers), so cross-file checks need no file access.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from saxonche import PySaxonProcessor

from .errors import SchematronError
from .findings import Finding
from .parse import ParsedDocument
from .schematron import (
    CompiledSchematron,
    build_corpus_index,
    compile_project_rules,
    project_params,
    schematron_from_rng,
)
from .transform import lock_down


class Rules:
    """Compiled rule sets; `check` runs them over a corpus of parsed documents."""

    def __init__(self, *, project: bool, embedded_from: etree._ElementTree | None,
                 schema_name: str = "the schema") -> None:
        """`embedded_from` is the RELAX NG schema whose sch:patterns run too; `schema_name`
        names it in the one-line error when they cannot be compiled."""
        self._processor = PySaxonProcessor(license=False)
        self._project = compile_project_rules(self._processor) if project else None
        try:
            embedded = schematron_from_rng(embedded_from) if embedded_from is not None else None
            self._embedded = CompiledSchematron(self._processor, embedded) if embedded is not None else None
        except SchematronError as exc:
            raise SchematronError(f"{schema_name}: embedded Schematron: {exc.message}") from None
        lock_down(self._processor)

    def check(self, subjects: list[ParsedDocument], everything: list[ParsedDocument]
              ) -> dict[Path, list[Finding]]:
        """Findings per subject; `everything` (subjects plus registers) is what pointers may name."""
        corpus = build_corpus_index(everything) if self._project else None
        findings: dict[Path, list[Finding]] = {}
        for document in subjects:
            found: list[Finding] = []
            if self._project is not None and corpus is not None:
                found += self._project.check(document, project_params(document, corpus))
            if self._embedded is not None:
                found += self._embedded.check(document)
            findings[document.path] = found
        return findings
