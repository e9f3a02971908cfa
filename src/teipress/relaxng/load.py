"""A schema file as one self-contained RELAX NG tree.

Schemas are untrusted input like documents: they are parsed without network, DTD or external
entities, and `include`/`externalRef` are resolved here, from local files only, into one tree.
Neither engine ever reads a schema file itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from .. import XML_NS
from ..findings import display_path
from ..parse import make_parser
from .names import RNG, RNG_NS
from .source import SchemaError, local_href, read_schema_file

XML_BASE = f"{{{XML_NS}}}base"


def load_schema(path: Path) -> etree._ElementTree:
    """The schema at `path` as one self-contained RELAX NG tree.

    `include` and `externalRef` are replaced by the files they name (relative to the file that
    names them; local files only), following RELAX NG's simplification rules 4.5-4.7, so the
    pruned copy covers every element pattern and no engine opens another file. A `.rnc` file is
    converted to the XML syntax first.
    """
    root = _resolve_hrefs(_load_file(Path(path), None), Path(path), (Path(path).resolve(),))
    return etree.ElementTree(root)


def _load_file(path: Path, referrer: Path | None) -> etree._Element:
    data = read_schema_file(path, referrer)
    if path.suffix.lower() != ".rnc":
        return _parse(data, path)
    from .compact import in_xml_syntax  # trang or rnc2rng: only for the compact syntax

    with in_xml_syntax(path, data) as (xml, base):
        if base == path:
            return _parse(xml, path)
        # trang wrote one .rng per included .rnc: inline them now, while they exist.
        return _resolve_hrefs(_parse(xml, base), base, (base.resolve(),))


def _parse(data: bytes, path: Path) -> etree._Element:
    shown = display_path(path)
    try:
        # The hardened document parser; comments are dropped, they only slow compiling.
        root = etree.fromstring(data, make_parser(remove_comments=True), base_url=str(path))
    except etree.XMLSyntaxError as exc:
        raw = " ".join((exc.msg or str(exc)).split())
        hint = ""
        if "encoding" in raw or "UTF-8" in raw or "Invalid bytes" in raw:
            hint = " (the file is not valid UTF-8, or its encoding declaration is wrong)"
        where = f"{shown}:{exc.lineno}" if exc.lineno else shown
        raise SchemaError(f"schema {where} is not well-formed XML: {raw}{hint}") from None
    if etree.QName(root).namespace != RNG_NS:
        raise SchemaError(
            f"schema {shown} is not a RELAX NG schema: its root element is <{root.tag}>, "
            f"expected an element in {RNG_NS}"
        )
    return root


def _resolve_hrefs(root: etree._Element, path: Path, stack: tuple[Path, ...]) -> etree._Element:
    """Replace every include/externalRef of this file (not of the files it pulls in: those are
    resolved recursively, each relative to itself) by the referenced content."""
    where = display_path(path)
    refs = [el for el in root.iter(f"{RNG}include", f"{RNG}externalRef")]
    for ref in refs:
        target = local_href(ref.get("href"), path, where)
        if target.resolve() in stack:
            raise SchemaError(f"schema {where}: {ref.get('href')} includes itself (a loop)")
        sub = _resolve_hrefs(_load_file(target, path), target, (*stack, target.resolve()))
        # Its file, for messages that name a line (`source.place_in_schema`).
        sub.set(XML_BASE, str(target.resolve()))
        # datatypeLibrary is resolved per file (rule 4.3) and must not be inherited from here.
        if sub.get("datatypeLibrary") is None:
            sub.set("datatypeLibrary", "")
        if ref.get("ns") is not None and sub.get("ns") is None:
            sub.set("ns", ref.get("ns"))
        if ref.tag == f"{RNG}externalRef":
            sub.tail = ref.tail
            if ref is root:
                root = sub
            else:
                ref.getparent().replace(ref, sub)
            continue
        if sub.tag != f"{RNG}grammar":
            raise SchemaError(
                f"schema {where}: {ref.get('href')} is included but its root is not <grammar>"
            )
        _apply_overrides(ref, sub, where)
        sub.tag = f"{RNG}div"
        ref.tag = f"{RNG}div"
        del ref.attrib["href"]
        ref.insert(0, sub)
    return root


def _components(container: etree._Element) -> Iterable[etree._Element]:
    """start/define components of a grammar, looking into div but not into nested grammars."""
    for child in container:
        if child.tag == f"{RNG}div":
            yield from _components(child)
        elif child.tag in (f"{RNG}start", f"{RNG}define"):
            yield child


def _apply_overrides(include: etree._Element, grammar: etree._Element, where: str) -> None:
    """Rule 4.7: a start or define inside <include> replaces the included grammar's own."""
    overrides = list(_components(include))
    replaces_start = any(c.tag == f"{RNG}start" for c in overrides)
    names = {c.get("name") for c in overrides if c.tag == f"{RNG}define"}
    found: set[str] = set()
    for component in list(_components(grammar)):
        if component.tag == f"{RNG}start" and replaces_start:
            component.getparent().remove(component)
        elif component.tag == f"{RNG}define" and component.get("name") in names:
            found.add(component.get("name"))
            component.getparent().remove(component)
    missing = names - found
    if missing:
        raise SchemaError(
            f"schema {where}: <include href=\"{include.get('href')}\"> overrides "
            f"{', '.join(sorted(missing))}, which the included grammar does not define"
        )
