"""Line and column of elements, which libxml2 does not record.

lxml gives an element's `sourceline` (the line where its start tag *ends*) but no column. Start
tags appear in the text in document order, so the n-th start tag found by a light scan of the
source is the n-th element of the tree; that gives the exact line and column of its `<`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from lxml import etree

# Markup that can contain '<' without being a start tag is skipped as a whole.
_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|<(?=[^/!?])",
    re.DOTALL,
)


class Locator:
    """Maps the elements of one parsed tree to (line, column), both 1-based."""

    def __init__(self, text: str, root: etree._Element) -> None:
        self._text = text
        self._root = root

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer(r"\r\n|\n|\r", self._text)]

    @cached_property
    def _start_tags(self) -> list[int]:
        return [m.start() for m in _MARKUP.finditer(self._text) if m.group() == "<"]

    @cached_property
    def _element_index(self) -> dict[etree._Element, int]:
        return {el: i for i, el in enumerate(self._root.iter(etree.Element))}

    @cached_property
    def _newlines_only(self) -> bool:
        return "\r" not in self._text

    def position(self, offset: int) -> tuple[int, int]:
        if self._newlines_only:  # counted in C: the line index is a Python loop over every line
            return self._text.count("\n", 0, offset) + 1, offset - self._text.rfind("\n", 0, offset)
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def prime(self) -> None:
        """Fix the element order now, before the tree is changed (XInclude splices in elements
        from other files; those are then located at their nearest ancestor from this file)."""
        _ = self._element_index

    def locate(self, element: etree._Element) -> tuple[int, int]:
        """(line, column) of the element's start tag; falls back to (sourceline, 1)."""
        while element not in self._element_index and element.getparent() is not None:
            element = element.getparent()
        fallback = (element.sourceline or 0, 1 if element.sourceline else 0)
        index = self._element_index.get(element)
        if index is None or index >= len(self._start_tags):
            return fallback
        line, column = self.position(self._start_tags[index])
        # Entity expansion or a scan mismatch would break the correspondence: trust lxml then.
        if element.sourceline is not None and not line <= element.sourceline:
            return fallback
        return line, column

    def column_on_line(self, line: int) -> int:
        """Column of the first non-blank character of a line (for messages that give a line only)."""
        if line < 1 or line > len(self._line_starts):
            return 0
        start = self._line_starts[line - 1]
        end = self._line_starts[line] if line < len(self._line_starts) else len(self._text)
        stripped = self._text[start:end].lstrip(" \t")
        return (end - start) - len(stripped) + 1 if stripped.strip() else 1
