"""The two RELAX NG engines behind one interface (`check_many`), chosen with `--engine`:

- `LxmlGrammar` runs in-process on a pruned schema (`prune.py`), compiled under a time limit.
- `JingGrammar` runs one jing process for a whole batch, on the full schema.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal, Protocol

from lxml import etree

from ..findings import Finding
from ..parse import ParsedDocument
from .lxml_engine import DEFAULT_TIMEOUT, LxmlGrammar


class Grammar(Protocol):
    """What the CLI needs from an engine: findings (rule "relaxng") for a batch of documents."""

    name: str
    schema: etree._ElementTree  # the schema as loaded (includes resolved), for the rules stage

    def check_many(self, documents: list[ParsedDocument]) -> dict[Path, list[Finding]]: ...

    def parse_and_check(self, tasks: list, parse: Callable[..., tuple], expected_bytes: int = 0
                        ) -> tuple[list, dict[Path, list[Finding]]]: ...


def make_grammar(
    engine: Literal["lxml", "jing"],
    schema_path: Path,
    documents: list[ParsedDocument],
    timeout: float = DEFAULT_TIMEOUT,
    local_names: frozenset[str] | None = None,
) -> Grammar:
    """The engine named by `--engine` (click allows only these two), ready for
    `check_many(documents)`; `timeout` limits lxml's compile; `local_names`, when known, are
    the element names of every document to come (lxml prunes for them at once)."""
    if engine == "jing":
        from .jing_engine import JingGrammar  # not imported by lxml runs (subprocess, shutil)

        return JingGrammar(schema_path)
    return LxmlGrammar(schema_path, documents, timeout=timeout, local_names=local_names)


def check_schema(engine: Literal["lxml", "jing"], schema_path: Path, timeout: float = DEFAULT_TIMEOUT,
                 local_names: frozenset[str] | None = None) -> None:
    """Raise the SchemaError a grammar for documents with these element names would raise,
    when no document is there to check: the schema is loaded and compiled as for them (lxml)
    or checked by jing on its own."""
    grammar = make_grammar(engine, schema_path, [], timeout=timeout, local_names=local_names)
    if isinstance(grammar, LxmlGrammar):
        grammar.compile_all()
    else:
        grammar.check_schema()  # type: ignore[attr-defined]  # JingGrammar
