"""Schema files as untrusted input: read from local files only, every problem one SchemaError."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

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
