"""Pagefind's index made byte-identical from build to build.

Pagefind (1.5) writes its filters from hash maps whose order is random per run: the values
inside each `filter/*.pf_filter` file and the list of filters in `pagefind.*.pf_meta` come out
in a different order each time, and since the file names are hashes of the contents, the names
and `pagefind-entry.json` change too. The search results are the same. `normalise_index`
rewrites those files in a sorted order and renames them by a hash of the new contents; the
word index and the fragments are already deterministic and stay as Pagefind wrote them.

The files are gzip-compressed CBOR after the signature `pagefind_dcd`. CBOR is read and
written here for the few types Pagefind uses (integers, strings, arrays, maps); a file that
holds anything else is left as it is.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


class Unsupported(ValueError):
    """CBOR that this module does not rewrite (floats, tags, indefinite lengths)."""


def _head(data: bytes, pos: int) -> tuple[int, int, int]:
    """(major type, argument, position after the head) of the CBOR item at `pos`."""
    major, info = data[pos] >> 5, data[pos] & 0x1F
    if info < 24:
        return major, info, pos + 1
    if info > 27:
        raise Unsupported(f"CBOR additional information {info}")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[pos + 1:pos + 1 + size], "big"), pos + 1 + size


def decode(data: bytes, pos: int = 0) -> tuple[object, int]:
    """The CBOR item at `pos` and the position after it."""
    major, argument, pos = _head(data, pos)
    if major == 0:
        return argument, pos
    if major == 1:
        return -1 - argument, pos
    if major in (2, 3):
        raw = data[pos:pos + argument]
        return (raw if major == 2 else raw.decode("utf-8")), pos + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            item, pos = decode(data, pos)
            items.append(item)
        if major == 4:
            return items, pos
        return dict(zip(items[::2], items[1::2], strict=True)), pos
    raise Unsupported(f"CBOR major type {major}")


def _encode_head(major: int, argument: int) -> bytes:
    if argument < 24:
        return bytes([major << 5 | argument])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if argument < 1 << (8 * size):
            return bytes([major << 5 | info]) + argument.to_bytes(size, "big")
    raise Unsupported("integer too large")


def encode(item: object) -> bytes:
    if isinstance(item, bool) or item is None:
        raise Unsupported(repr(item))
    if isinstance(item, int):
        return _encode_head(0, item) if item >= 0 else _encode_head(1, -1 - item)
    if isinstance(item, bytes):
        return _encode_head(2, len(item)) + item
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _encode_head(3, len(raw)) + raw
    if isinstance(item, list):
        return _encode_head(4, len(item)) + b"".join(encode(i) for i in item)
    if isinstance(item, dict):
        return _encode_head(5, len(item)) + b"".join(encode(k) + encode(v) for k, v in item.items())
    raise Unsupported(type(item).__name__)


def read(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise Unsupported(f"{path.name}: no Pagefind signature")
    item, end = decode(data, len(SIGNATURE))
    if end != len(data) or SIGNATURE + encode(item) != data:
        raise Unsupported(f"{path.name}: not in the canonical form this module writes")
    return item


def write(folder: Path, prefix: str, suffix: str, item: object, digits: int) -> str:
    """Write `item` to `{prefix}{hash}{suffix}` in `folder`, gzip-compressed without a time
    stamp, the hash being of the contents (as Pagefind names its files); returns the name
    without the suffix."""
    data = SIGNATURE + encode(item)
    name = prefix + hashlib.sha256(data).hexdigest()[:digits]
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def normalise_index(index: Path) -> None:
    """Rewrite html/pagefind/ (`index`) so that it depends only on the pages it indexed."""
    entry_path = index / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        try:
            language["hash"] = _normalise_language(index, language["hash"])
        except (Unsupported, KeyError, OSError, gzip.BadGzipFile):
            continue  # an unknown layout: left as Pagefind wrote it (correct, not reproducible)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _normalise_language(index: Path, meta_hash: str) -> str:
    """Sort one language's filters and its meta file; returns the meta file's new hash.
    Everything is read (and may be refused) before anything is written."""
    meta_path = index / f"pagefind.{meta_hash}.pf_meta"
    meta = read(meta_path)
    language = meta_hash.rsplit("_", 1)[0] + "_"
    filters = {path: read(path) for path in sorted((index / "filter").glob(f"{language}*.pf_filter"))}
    if not isinstance(meta, list) or not all(
            isinstance(f, list) and len(f) == 2 and isinstance(f[1], list) for f in filters.values()):
        raise Unsupported("an unknown pf_meta or pf_filter layout")
    for path in [*filters, meta_path]:
        path.unlink()
    renamed: dict[str, str] = {}
    for path, (name, values) in filters.items():
        renamed[path.stem] = write(index / "filter", language, ".pf_filter",
                                   [name, sorted(values, key=encode)], 7)
    for position, part in enumerate(meta):
        if isinstance(part, list) and part and all(
                isinstance(p, list) and len(p) == 2 and p[1] in renamed for p in part):
            meta[position] = sorted([[name, renamed[old]] for name, old in part], key=encode)
    return write(index, f"pagefind.{language}", ".pf_meta", meta, 10).removeprefix("pagefind.")
