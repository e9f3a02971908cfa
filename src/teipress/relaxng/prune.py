"""tei_all cut down to what a corpus uses, so that libxml2 compiles it quickly.

libxml2 takes seconds to compile tei_all and never finishes on some older TEI schemas. An
<element> pattern for a name no document uses can only fail to match in these documents, so it
becomes <notAllowed/>; RELAX NG simplification then removes what that made dead. Neither step
changes a verdict. benchmarks/bench_tei_all.py measures the result against jing.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..parse import make_parser
from ..resources import keep_checked, read_checked, user_cache, write_atomically
from .names import RNG, Name, pattern_name, split_tag


def used_names(trees: Iterable[etree._ElementTree | etree._Element]) -> set[Name]:
    """Every (namespace, localname) of an element in the documents ("" for no namespace)."""
    tags: set[str] = set()
    for tree in trees:
        root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
        tags.update(element.tag for element in root.iter(etree.Element))
    return {split_tag(tag) for tag in tags}


# A start tag's name as it stands in the source: everything up to white space, "/" or ">".
_START_TAG = re.compile(rb"<([^\s/>!?]++)")  # possessive: twice as fast
_PLAIN_ENCODINGS = frozenset({"utf-8", "utf8", "us-ascii", "ascii"})


def source_local_names(source: bytes, encoding: str | None) -> frozenset[str] | None:
    """The local names of the start tags in a document's source: a superset of the local
    names of its elements (comments and CDATA may add some), found without walking the tree.
    None when elements may come from elsewhere than a `<name` in these bytes: another
    encoding (UTF-16 has NUL bytes, and lxml then still says UTF-8), entities declared in the
    document, or an xi:include, which --xinclude may have expanded."""
    if (encoding or "utf-8").lower() not in _PLAIN_ENCODINGS or b"\0" in source or b"<!ENTITY" in source:
        return None
    locals_ = {qname.rpartition(b":")[2] for qname in set(_START_TAG.findall(source))}
    if b"include" in locals_:
        return None
    return frozenset(name.decode("utf-8") for name in locals_)


def schema_element_names(rng: etree._ElementTree) -> set[Name]:
    """The single names of the schema's <element> patterns."""
    names = (pattern_name(node) for node in rng.getroot().iter(f"{RNG}element"))
    return {name for name in names if name is not None}


def prune_schema(
    rng: etree._ElementTree, used: set[Name], *, stubs: bool = False
) -> etree._ElementTree:
    """A copy where every <element> pattern whose single name is not in `used` is <notAllowed/>
    (with `stubs`: keeps its name but loses its content, see `_stub`).

    Such a pattern can only ever fail to match in these documents, so the verdict for them is
    unchanged, and libxml2 no longer compiles the content of hundreds of unused TEI elements.
    Patterns with name classes are kept as they are.
    """
    pruned = copy.deepcopy(rng)
    stack = [pruned.getroot()]
    while stack:
        node = stack.pop()
        if node.tag == f"{RNG}element":
            name = pattern_name(node)
            if name is not None and name not in used:
                replacement = _stub(node, name) if stubs else node.makeelement(f"{RNG}notAllowed")
                replacement.tail = node.tail
                if node.getparent() is None:
                    return etree.ElementTree(replacement)
                node.getparent().replace(node, replacement)
                continue
        stack.extend(child for child in node if isinstance(child.tag, str))
    return pruned


# RELAX NG patterns (everything but name classes, annotations and the grammar's plumbing).
_PATTERNS = frozenset(
    f"{RNG}{tag}" for tag in (
        "element", "attribute", "group", "interleave", "choice", "optional", "zeroOrMore",
        "oneOrMore", "list", "mixed", "ref", "parentRef", "empty", "text", "value", "data",
        "notAllowed", "externalRef", "grammar")
)
_NOT_ALLOWED = f"{RNG}notAllowed"
# Patterns that match nothing as soon as one of their parts matches nothing.
_ALL_REQUIRED = frozenset(f"{RNG}{tag}" for tag in (
    "group", "interleave", "oneOrMore", "element", "attribute", "list", "mixed"))


def simplify_pruned(rng: etree._ElementTree) -> etree._ElementTree:
    """Remove the `notAllowed` that pruning left, as RELAX NG simplification does (spec 4.19):
    a choice loses its dead branches, a group with a dead part is dead, an optional or repeated
    dead part is dropped, and a define that became dead kills its references.

    Why: libxml2 validates a choice by trying every branch, dead ones included, so the pruned
    tei_all validated several times slower than the full schema; without them it is as fast.
    The language of every pattern is unchanged, so no verdict changes.
    """
    root = rng.getroot()
    defines: dict[str, list[etree._Element]] = {}
    for define in root.iter(f"{RNG}define"):
        defines.setdefault(define.get("name"), []).append(define)
    refs: dict[str, list[etree._Element]] = {}
    for ref in root.iter(f"{RNG}ref", f"{RNG}parentRef"):
        refs.setdefault(ref.get("name"), []).append(ref)
    dead: set[str] = set()
    # Children before parents; a change puts the parent back on the stack, a define that died
    # its references, so each node is looked at about once.
    pending = list(root.iter(*_PATTERNS, f"{RNG}define"))
    while pending:
        node = pending.pop()
        parent = node.getparent()
        if parent is None or not _simplify_node(node, dead):
            continue
        pending.append(parent)
        if node.tag == f"{RNG}define":
            pending.extend(refs.get(node.get("name"), []))
    for name in dead:
        for define in defines[name]:
            if define.getparent() is not None:
                define.getparent().remove(define)
    return rng


def _simplify_node(node: etree._Element, dead: set[str]) -> bool:
    """One simplification step at `node`; True when it changed something."""
    if node.tag in (f"{RNG}ref", f"{RNG}parentRef"):
        if node.get("name") in dead:
            _become(node, _NOT_ALLOWED)
            return True
        return False
    if node.find(_NOT_ALLOWED) is None:  # most patterns: no dead part (a quick test, in C)
        return False
    parts = _parts(node)
    if node.tag == f"{RNG}define":
        if node.get("name") in dead:
            return False
        dead.add(node.get("name"))
        return True
    if node.tag == f"{RNG}choice":
        if all(part.tag == _NOT_ALLOWED for part in parts):
            _become(node, _NOT_ALLOWED)
        else:
            for part in parts:
                if part.tag == _NOT_ALLOWED:
                    node.remove(part)
        return True
    if node.tag in _ALL_REQUIRED:
        _become(node, _NOT_ALLOWED)
        return True
    if node.tag in (f"{RNG}optional", f"{RNG}zeroOrMore"):
        siblings = _parts(node.getparent())
        if len(siblings) > 1 and node.getparent().tag != f"{RNG}choice":
            node.getparent().remove(node)  # in a sequence, "nothing, optionally" is absent
        else:
            _become(node, f"{RNG}empty")
        return True
    return False


def _parts(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str) and child.tag in _PATTERNS]


def _become(node: etree._Element, tag: str) -> None:
    replacement = node.makeelement(tag)
    replacement.tail = node.tail
    node.getparent().replace(node, replacement)


def without_automata(rng: etree._ElementTree) -> etree._ElementTree:
    """Keep libxml2 from compiling content models into automata: each element's content gets a
    `choice` with a `notAllowed` branch (same language), which libxml2 does not compile.

    Why: once simplified, some TEI content models (msItem's, for one) make libxml2's automaton
    construction run for minutes, and validating without automata is no slower."""
    for element in rng.getroot().iter(f"{RNG}element"):
        content = next((part for part in _parts(element) if part.tag != f"{RNG}attribute"), None)
        if content is None or content.tag in (f"{RNG}empty", f"{RNG}text"):
            continue
        guard = content.makeelement(f"{RNG}choice")
        guard.tail, content.tail = content.tail, None
        content.addprevious(guard)
        etree.SubElement(guard, _NOT_ALLOWED)
        guard.append(content)
    return rng


def _stub(pattern: etree._Element, name: Name) -> etree._Element:
    """The same name with empty content: matches nothing in these documents either.

    The fallback for <notAllowed/>: libxml2 rejects some schemas with notAllowed in a group
    ("Element history attributes have a content type error", a libxml2 quirk; the spec allows
    it). Stubs make libxml2 compile much more than notAllowed does, so they are only the
    fallback.
    """
    stub = pattern.makeelement(f"{RNG}element", {"name": name[1], "ns": name[0]})
    etree.SubElement(stub, f"{RNG}empty")
    stub.tail = pattern.tail
    return stub


# Pruned schemas kept across runs: pruning and simplifying tei_all takes longer than compiling
# the result, and a schema that compiled once needs no guarded probe the next time.

def schema_digest(schema: etree._ElementTree) -> str:
    """The schema's content and this module's code: what every pruned copy depends on besides
    the names (computed once per schema, not once per compile)."""
    hasher = hashlib.sha256(Path(__file__).read_bytes())
    hasher.update(etree.tostring(schema))
    return hasher.hexdigest()


def pruned_key(digest: str, names: set[Name]) -> str:
    """`schema_digest` and the names the schema is pruned for."""
    return hashlib.sha256(digest.encode() + json.dumps(sorted(names)).encode()).hexdigest()


@dataclass(frozen=True)
class SchemaFacts:
    """What pruning needs of a schema: its digest (`schema_digest`) and element names."""

    digest: str
    names: frozenset[Name]


def load_schema_facts(schema_path: Path) -> SchemaFacts | None:
    """A schema's facts as a run stored them after loading it, while the file is unchanged
    (None: not stored, or damaged). A warm run then loads the schema only to word the findings
    of a rejected document: parsing, resolving and serialising tei_all came before every
    validation."""
    if schema_path.suffix.lower() == ".rnc":  # converted by trang or rnc2rng, whose output may differ
        return None
    try:
        value = json.loads((user_cache("schemas") / f"{_facts_key(schema_path)}.json").read_bytes())
        names = frozenset((str(namespace), str(local)) for namespace, local in value["names"])
        return SchemaFacts(str(value["digest"]), names)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_schema_facts(schema_path: Path, schema: etree._ElementTree, facts: SchemaFacts) -> None:
    """Store `facts` for a schema read from one file. One that includes others (load.py marks
    them with xml:base) is loaded on every run: an included file, or a folder link on its way,
    may change while the including file stays the same."""
    if schema.xpath("//@xml:base"):
        return
    value = {"digest": facts.digest, "names": sorted(facts.names)}
    with contextlib.suppress(OSError):
        write_atomically(user_cache("schemas") / f"{_facts_key(schema_path)}.json",
                          json.dumps(value).encode())


def _facts_key(schema_path: Path) -> str:
    """The schema file (path and bytes) and the code that reads it into facts."""
    hasher = hashlib.sha256(str(schema_path.resolve()).encode() + b"\0" + schema_path.read_bytes())
    for module in ("load", "names", "prune", "source"):
        hasher.update((Path(__file__).parent / f"{module}.py").read_bytes())
    return hasher.hexdigest()


def load_pruned(key: str) -> etree._ElementTree | None:
    """A pruned schema stored under `key` after it compiled, or None (absent, damaged)."""
    data = read_checked(user_cache("schemas") / f"{key}.rng")
    if data is None:
        return None
    try:
        return etree.ElementTree(etree.fromstring(data, make_parser()))
    except etree.XMLSyntaxError:
        return None


def store_pruned(key: str, pruned: etree._ElementTree) -> None:
    keep_checked(user_cache("schemas") / f"{key}.rng", etree.tostring(pruned))  # else the next run prunes
