"""The C library, for the few Linux calls Python does not wrap (syncfs, renameat2, malloc_trim)."""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache


@cache
def libc() -> ctypes.CDLL | None:
    """The C library, found once per process (finding it runs ldconfig); None where there is none."""
    name = ctypes.util.find_library("c")
    return ctypes.CDLL(name, use_errno=True) if name else None
