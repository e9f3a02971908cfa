"""Pointers in `prefix:value` form (TEI "private URI schemes"), expanded through the document's
`listPrefixDef`: a `prefixDef` names the prefix (`@ident`), a regular expression the rest must
match (`@matchPattern`) and what it becomes (`@replacementPattern`, `$1`… for its groups), e.g.
`psn:P12` → `persons.xml#P12`. The stylesheets expand them the same way from the document's own
`listPrefixDef` (tp:expand-pointer in xslt/common/pointers.xsl; a test keeps the two in step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from . import TEI_NS

_PREFIX_DEF = f".//{{{TEI_NS}}}listPrefixDef/{{{TEI_NS}}}prefixDef"
_POINTER = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):(.*)$", re.DOTALL)


@dataclass(frozen=True)
class PrefixDef:
    ident: str
    match: re.Pattern[str]
    replacement: str  # in Python's syntax (\g<1>)


def prefix_defs(root: etree._Element) -> tuple[PrefixDef, ...]:
    """The usable prefixDefs of a document, in document order; one whose pattern is not a
    regular expression is left out (the pointer then stays as written)."""
    found = []
    for element in root.iterfind(_PREFIX_DEF):
        ident, pattern = element.get("ident"), element.get("matchPattern")
        replacement = element.get("replacementPattern")
        if not ident or pattern is None or replacement is None:
            continue
        try:
            match = re.compile(pattern)
        except re.error:
            continue
        escaped = replacement.replace("\\", "\\\\")
        found.append(PrefixDef(ident, match, re.sub(r"\$(\d)", r"\\g<\1>", escaped)))
    return tuple(found)


def expand(pointer: str, defs: tuple[PrefixDef, ...]) -> str:
    """The pointer with its prefix replaced by the first prefixDef whose ident it names and whose
    pattern the rest matches in full; any other pointer unchanged."""
    if not defs:
        return pointer
    parts = _POINTER.match(pointer)
    if parts is None:
        return pointer
    prefix, rest = parts.groups()
    for definition in defs:
        found = definition.match.fullmatch(rest) if definition.ident == prefix else None
        if found:
            return found.expand(definition.replacement)
    return pointer


def target_id(pointer: str) -> str | None:
    """The id a pointer into the edition names: `#id` or `file.xml#id` (the id of a register or
    document of the edition); None for a web address or a pointer without fragment."""
    if "#" not in pointer or re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*://", pointer):
        return None
    ident = pointer.split("#", 1)[1]
    return ident or None
