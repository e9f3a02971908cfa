"""RELAX NG compact syntax (.rnc) to XML syntax: trang when installed (complete), else rnc2rng."""

from __future__ import annotations

import contextlib
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..findings import display_path
from .source import SchemaError, local_href

_RNC_HREF = re.compile(r"\b(?:include|external)\s+\"([^\"]*)\"|\b(?:include|external)\s+'([^']*)'")


@contextlib.contextmanager
def in_xml_syntax(path: Path, data: bytes) -> Iterator[tuple[bytes, Path]]:
    """The schema `data` read from `path`, in XML syntax, and the file its hrefs are relative to:
    trang writes one .rng per included .rnc into a temporary folder (kept while the context is
    open); rnc2rng converts one file, leaving its hrefs relative to `path`.

    Hrefs are checked before either tool sees the file, since both would follow them."""
    text = data.decode("utf-8-sig", errors="replace")
    for match in _RNC_HREF.finditer(text):
        local_href(match.group(1) or match.group(2), path, display_path(path))
    trang = shutil.which("trang")
    if trang is None:
        yield _rnc2rng(path, text), path
        return
    with tempfile.TemporaryDirectory(prefix="teipress-rnc-") as tmp:
        out = Path(tmp) / (path.stem + ".rng")
        result = subprocess.run(
            [trang, "-I", "rnc", "-O", "rng", str(path), str(out)],
            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        )
        if result.returncode != 0 or not out.exists():
            problem = (result.stderr or result.stdout).strip().splitlines()
            raise SchemaError(
                f"schema {display_path(path)}: not valid RELAX NG compact syntax: "
                f"{problem[0] if problem else 'trang failed'}"
            )
        yield out.read_bytes(), out


def _rnc2rng(path: Path, text: str) -> bytes:
    try:
        import rnc2rng
    except ImportError:
        raise SchemaError(
            f"schema {display_path(path)} is RELAX NG compact syntax: install trang or the "
            "rnc2rng package to read it, or convert it to .rng"
        ) from None
    # rnc2rng does not expand \x{...} escapes (RNC spec 5.2); characters that would end a
    # literal or a line are put back as character references after conversion.
    held: dict[str, str] = {}

    def unescape(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        if char in "\n\r\"'":
            marker = chr(0xF0000 + len(held))
            held[marker] = f"&#{ord(char)};"
            return marker
        return char

    text = re.sub(r"\\x\{([0-9A-Fa-f]+)\}", unescape, text)
    try:
        xml = rnc2rng.dumps(rnc2rng.loads(text))
    except Exception as exc:  # rnc2rng/rply raise plain exceptions with a source position
        raise SchemaError(
            f"schema {display_path(path)}: rnc2rng cannot convert it ({_describe(exc)}); "
            "install trang, convert it to .rng, or use --engine jing"
        ) from None
    for marker, reference in held.items():
        xml = xml.replace(marker, reference)
    return xml.encode("utf-8")


def _describe(exc: Exception) -> str:
    position = getattr(exc, "source_pos", None) or getattr(exc, "getsourcepos", lambda: None)()
    if position is not None and getattr(position, "lineno", None):
        return f"unsupported syntax at line {position.lineno}, column {position.colno}"
    return f"{type(exc).__name__}: {exc}"
