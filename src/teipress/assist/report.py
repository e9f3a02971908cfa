"""The import report: what was tagged, and what a person must look at before the draft is used."""

from __future__ import annotations

import re

from lxml import etree

from . import ImportResult

_KINDS = {"person": "persons", "place": "places", "org": "organisations"}


def import_report(result: ImportResult) -> str:
    tagging = result.tagging
    lines = [f"teipress import: draft {result.out}" + ("" if result.written else " (not written)")]
    for kind, label in _KINDS.items():
        counts = {ref: n for (k, ref), n in tagging.mentions.items() if k == kind}
        if counts:
            listed = ", ".join(f"#{ref} ×{n}" for ref, n in sorted(counts.items()))
            lines.append(f"  tagged {sum(counts.values())} {label}: {listed}")
    if tagging.dates:
        lines.append(f"  tagged {len(tagging.dates)} dates: "
                     + ", ".join(f"{written} = {when}" for written, when in tagging.dates))
    review = _review(result)
    lines.append(f"needs a look ({len(review)}):" if review else "needs a look: nothing")
    lines.extend(f"  {item}" for item in review)
    return "\n".join(lines) + "\n"


def _review(result: ImportResult) -> list[str]:
    tagging = result.tagging
    items = [f"{line_of(result, comment)}: ambiguous {written!r}: tagged cert=\"low\" as "
             f"#{candidates[0]}; candidates {', '.join('#' + c for c in candidates)}"
             for (written, candidates), comment in zip(tagging.ambiguous, _comments(result), strict=False)]
    items += [f"date {written!r} read as {when}: the century was inferred"
              for written, when in tagging.inferred_dates]
    if tagging.candidates:
        items.append("names in no register (candidates for new entries): "
                     + ", ".join(f"{name} ×{n}" if n > 1 else name
                                 for name, n in sorted(tagging.candidates.items())))
    items += result.gaps
    items += [finding.format() for finding in result.findings]
    return items


def _comments(result: ImportResult) -> list[int]:
    root = etree.fromstring(result.draft)
    return [c.sourceline or 0 for c in root.iter(etree.Comment) if "which one?" in (c.text or "")]


def line_of(result: ImportResult, line: int) -> str:
    return f"{result.out}:{line}" if line else str(result.out)


def count_tags(draft: bytes) -> dict[str, int]:
    """Element counts of the draft by name (for the CLI summary and the benchmark)."""
    counts: dict[str, int] = {}
    for element in etree.fromstring(draft).iter(etree.Element):
        name = re.sub(r"^\{[^}]*\}", "", element.tag)
        counts[name] = counts.get(name, 0) + 1
    return counts
