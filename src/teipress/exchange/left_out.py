"""Sources an export cannot carry as they are, and an edition without them.

Every format needs files that can be read as TEI. `tei` and `teicorpus` promise files valid
against tei_all, which they cannot keep for a source that is not valid itself (a `choice` with one
child, a `p` inside a `p`): those are found by checking the sources, with the line in the source
an encoder must correct, before anything is written. Without `--skip-invalid` the export then
refuses; with it, the others are exported and the left-out files are named (export.py).
"""

from __future__ import annotations

from dataclasses import replace

from ..findings import Finding
from ..relaxng.engines import make_grammar
from .checks import schema_file
from .edition import Edition

# The formats whose every file must be valid against tei_all, and which sources they carry.
TEI_ALL_FORMATS = {"tei": ("documents", "pages"), "teicorpus": ("documents", "pages", "registers")}


def source_problems(edition: Edition, fmt: str) -> list[Finding]:
    """Why source files cannot go into this format: unusable files, and grammar errors against
    tei_all for the formats that carry the TEI itself."""
    problems = list(edition.unusable)
    kinds = TEI_ALL_FORMATS.get(fmt, ())
    members = [d for kind in kinds for d in getattr(edition, kind)]
    if members:
        grammar = make_grammar("lxml", schema_file("tei_all.rng"), members)
        for findings in grammar.check_many(members).values():
            problems += [f for f in findings if f.severity == "error"]
    return problems


def without(edition: Edition, problems: list[Finding]) -> Edition:
    """The edition without the files the problems are in."""
    shown = {f.path for f in problems}
    return replace(edition, left_out=sorted(shown),
                   documents=[d for d in edition.documents if d.display not in shown],
                   pages=[d for d in edition.pages if d.display not in shown],
                   registers=[d for d in edition.registers if d.display not in shown])


def left_out_text(problems: list[Finding]) -> str:
    """`left-out.txt`: the files the export left out, and every reason, with file and line."""
    files = sorted({f.path for f in problems})
    lines = [f"# {len(files)} source file(s) left out of this export (teipress export --skip-invalid):"]
    lines += [f"# {name}" for name in files]
    lines += [f.format() for f in problems]
    return "\n".join(lines) + "\n"
