"""Schema files as untrusted input: read from local files only, every problem one SchemaError."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from ..errors import TeipressError
from ..findings import display_path


class SchemaError(TeipressError):
    """The schema cannot be used at all: missing, unreadable, not RELAX NG, or too slow to
    compile. One line and exit status 2 (EXIT_USAGE), as every TeipressError."""


def read_schema_file(path: Path, referrer: Path | None) -> bytes:
    """The bytes of a schema file (`referrer`: the schema that includes it, for the message)."""
    shown = display_path(path)
    named = f" (named in {display_path(referrer)})" if referrer else ""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SchemaError(f"schema {shown}{named}: no such file") from None
    except IsADirectoryError:
        raise SchemaError(f"schema {shown}{named} is a folder, not a schema file") from None
    except OSError as exc:
        raise SchemaError(f"schema {shown}{named} cannot be read: {exc.strerror}") from None


def local_href(href: str | None, base: Path, where: str) -> Path:
    """The local file an include/externalRef names, relative to the schema file `base`."""
    if not href:
        raise SchemaError(f"schema {where}: <include> or <externalRef> without href")
    parsed = urlparse(href)
    if parsed.scheme not in ("", "file") or parsed.netloc not in ("", "localhost"):
        raise SchemaError(
            f"schema {where} refers to {href}: teipress only reads schemas from local files "
            "(download it and point the href at the copy)"
        )
    target = Path(unquote(parsed.path))
    return target if target.is_absolute() else base.parent / target


def place_in_schema(schema: etree._ElementTree, line: int | None) -> str | None:
    """"file:line" of the schema's elements on `line`, when that names one file for certain:
    included files are inlined (their roots carry xml:base), so a line number alone could be
    in any of them; a .rnc schema's lines are those of trang's conversion, not the user's."""
    if not line or line <= 0:
        return None
    bases = {element.base for element in schema.iter(etree.Element) if element.sourceline == line}
    if len(bases) != 1 or not (base := bases.pop()):
        return None
    path = Path(unquote(urlparse(base).path)) if base.startswith("file:") else Path(base)
    if path.suffix.lower() != ".rng" or not path.is_file():
        return None
    return f"{display_path(path)}:{line}"
