"""Texts the build keeps on disk rather than in memory, read back by position.

A build needs each document's bytes and serialised TEI three times (for its catalogue record,
its pages and its copy in html/tei/), hours apart on a large corpus. Held in the parent they
were 17 KB a document, 170 MB at 10,000 documents; in an unnamed temporary file beside the
output they cost nothing, and the operating system's page cache keeps them as fast as memory
while there is memory to spare.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType


@dataclass(frozen=True)
class Spooled:
    """Where one text stands in its spool."""

    offset: int
    length: int


class TextSpool:
    """An append-only temporary file: `put` returns where the bytes went, `get` reads them back.
    The file has no name (it vanishes when closed, or when the process ends, however it ends)."""

    def __init__(self, folder: Path) -> None:
        self._file = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (closed by close())
        self._end = 0
        self._unflushed = False

    def put(self, data: bytes) -> Spooled:
        self._file.write(data)
        self._unflushed = True
        where = Spooled(self._end, len(data))
        self._end += len(data)
        return where

    def get(self, where: Spooled) -> bytes:
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        data = os.pread(self._file.fileno(), where.length, where.offset)
        if len(data) != where.length:  # the file was cut short under us: never hand on half a text
            raise OSError(f"the build's text spool lost {where.length - len(data)} bytes")
        return data

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> TextSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
