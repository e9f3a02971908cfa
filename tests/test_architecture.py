"""Import direction and module size inside src/teipress, read from the source with `ast`.

To add rules for another package (e.g. a schematron/ or saxon split), add its layers to LAYERS and
its forbidden imports to FORBIDDEN; to hold more modules to the size limit, widen SIZE_CHECKED.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
ROOT_PACKAGE = "teipress"

# Per package, its modules from the lowest layer up: a module may import modules of its own
# layer or of a lower one, never of a higher one. Every module of the package must be listed.
LAYERS: dict[str, list[set[str]]] = {
    "teipress.relaxng": [
        {"names", "lexical", "known_regexes", "regexes"},
        {"wording", "datatypes"},
        {"source"},
        {"compact"},
        {"load", "prune", "index"},
        {"derivative", "values"},
        {"attributes"},
        {"recheck"},
        {"explain"},
        {"lxml_engine", "jing_engine"},
        {"engines"},
    ],
    "teipress.schematron": [
        {"schema"},
        {"emit", "embedded"},
        {"run"},
    ],
}

# (importer prefix, modules it must never import): the lower stages know nothing of the commands.
# A name stands for the module and, for a package, everything in it.
_COMMANDS = {"teipress.validate", "teipress.build", "teipress.commands", "teipress.cli",
             "teipress.transform", "teipress.site", "teipress.publish", "teipress.report",
             "teipress.rules", "teipress.schematron", "teipress.serve", "teipress.pictures",
             "teipress.citation", "teipress.assist", "teipress.exchange"}
# The generic Schematron compiler knows no project: not the corpus index, the site or the stages.
_PROJECT = _COMMANDS - {"teipress.schematron"} | {"teipress.references", "teipress.config",
                                                  "teipress.project", "teipress.discover"}
FORBIDDEN: list[tuple[str, set[str]]] = [
    ("teipress.relaxng", _COMMANDS),
    ("teipress.schematron", _PROJECT),
]
# Modules every stage may use and that themselves use no stage: their whole allowed imports.
LEAVES = {
    "teipress.saxon": set(),
    "teipress.errors": set(),
    "teipress.findings": set(),
    "teipress.outputs": set(),
}

MAX_LINES = 400
# Modules held to MAX_LINES, as globs relative to src/teipress: all of them.
SIZE_CHECKED = ["**/*.py"]


def _within(name: str, package: str) -> bool:
    """The module `package` itself, or one inside it."""
    return name == package or name.startswith(package + ".")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted((SRC / ROOT_PACKAGE).rglob("*.py"))}


def imported(path: Path, known: set[str]) -> set[str]:
    """The package's own modules that `path` imports (anywhere in it, function bodies included)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from pkg import mod` imports the module pkg.mod; `from mod import name` imports mod.
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]
        else:
            continue
        found.update(t for t in targets if t in known and t != name)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    found = modules()
    return {name: imported(path, set(found)) for name, path in found.items()}


def test_the_graph_is_read(graph: dict[str, set[str]]) -> None:
    """The parser resolves relative imports: a test that would pass on an empty graph is useless."""
    assert "teipress.relaxng.engines" in graph["teipress.validate"]
    assert "teipress.relaxng.names" in graph["teipress.relaxng.prune"]
    assert "teipress" in graph["teipress.relaxng.names"]  # from .. import XML_NS


def test_imports_have_no_cycle(graph: dict[str, set[str]]) -> None:
    state: dict[str, str] = {}

    def visit(name: str, path: list[str]) -> list[str] | None:
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                trail = [*path, name]
                return [*trail[trail.index(target):], target]
            if target not in state:
                cycle = visit(target, [*path, name])
                if cycle:
                    return cycle
        state[name] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start, [])
            assert cycle is None, "import cycle: " + " -> ".join(cycle)


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_layers_point_down(graph: dict[str, set[str]], package: str) -> None:
    layer_of = {f"{package}.{m}": i for i, layer in enumerate(LAYERS[package]) for m in layer}
    members = {name for name in graph if name.startswith(package + ".")}
    assert members == set(layer_of), "modules missing from LAYERS or listed but absent"
    upward = [f"{name} imports {target}"
              for name in sorted(members) for target in sorted(graph[name])
              if target in layer_of and layer_of[target] > layer_of[name]]
    assert not upward, "\n".join(upward)


@pytest.mark.parametrize(("importer", "forbidden"), FORBIDDEN)
def test_forbidden_imports(graph: dict[str, set[str]], importer: str, forbidden: set[str]) -> None:
    importers = [name for name in graph if _within(name, importer)]
    assert importers
    bad = [f"{name} imports {target}" for name in sorted(importers)
           for target in sorted(graph[name]) if any(_within(target, f) for f in forbidden)]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(("module", "allowed"), sorted(LEAVES.items()))
def test_leaf_modules_import_no_stage(graph: dict[str, set[str]], module: str, allowed: set[str]) -> None:
    assert graph[module] - {"teipress"} <= allowed


def test_modules_are_small() -> None:
    paths = sorted({p for pattern in SIZE_CHECKED for p in (SRC / ROOT_PACKAGE).glob(pattern)})
    assert paths
    too_long = {str(p.relative_to(SRC)): n for p in paths
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert too_long == {}
