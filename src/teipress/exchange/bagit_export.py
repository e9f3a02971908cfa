"""`export bagit`: a BagIt 1.0 deposit package (RFC 8493), made with the Library of Congress's
`bagit` library, for archives that ingest bags.

Payload (`data/`): the TEI sources (`tei/…`, as in the source folder, registers included), the
schema and rules they are validated with (`schema/`), the editions built from them (`edition/html/`,
`edition/text/`, built through the build API into a temporary folder) and the validation report
(`validation/validation.json`, and `edition/html/validation.html`). SHA-256 and SHA-512
manifests; bag-info.txt from the settings and the corpus.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
from pathlib import Path

from ..build import build
from ..errors import TeipressError
from ..rules import project_rules_path
from .edition import Edition

BAG = "bag"


def write_bag(edition: Edition, folder: Path, when: datetime.date) -> list[str]:
    """The bag in `folder/bag`; returns notes for the summary."""
    import bagit  # only this export needs it

    bag = folder / BAG
    _copy_sources(edition, bag / "tei")
    _copy_schema(edition, bag / "schema")
    _build_editions(edition, bag / "edition")
    (bag / "validation").mkdir()
    shutil.copyfile(bag / "edition" / "html" / "validation.json", bag / "validation" / "validation.json")
    settings = edition.settings
    info = {
        "Source-Organization": settings.publisher or settings.title,
        "External-Description": (
            f"{settings.title}: TEI P5 sources ({len(edition.documents)} documents, "
            f"{len(edition.registers)} registers), schema and rules, HTML and plain-text editions "
            "and validation report, exported by teipress."),
        "Bagging-Date": when.isoformat(),
        "Document-Count": str(len(edition.documents)),
    }
    if settings.base_url:
        info["External-Identifier"] = settings.base_url
    if settings.editors:
        info["Contact-Name"] = "; ".join(settings.editors)
    bagit.make_bag(str(bag), bag_info=info, checksums=["sha256", "sha512"])
    return [f"{len(edition.documents)} documents, {len(edition.registers)} registers, editions built"]


def _copy_sources(edition: Edition, target: Path) -> None:
    """Documents under their path in the source folder; registers likewise when they lie inside
    it, else under their folder's name."""
    source = edition.source.resolve()
    for document in [*edition.documents, *edition.pages]:
        _copy(document.path, target / _below(document.path, source))
    for register in edition.registers:
        resolved = register.path.resolve()
        base = next((p for p in edition.register_paths if resolved.is_relative_to(p.resolve())),
                    register.path.parent)
        place = _below(register.path, source) if resolved.is_relative_to(source) else \
            Path(base.resolve().name if base.is_dir() else "registers") / _below(register.path, base)
        _copy(register.path, target / place)


def _copy_schema(edition: Edition, target: Path) -> None:
    target.mkdir(parents=True)
    schema = edition.project.checks.schema_path
    _copy(schema, target / schema.name)
    rules = project_rules_path()
    if edition.settings.project_rules and rules.is_file():
        _copy(rules, target / rules.name)


def _build_editions(edition: Edition, target: Path) -> None:
    with tempfile.TemporaryDirectory(prefix="teipress-bag-") as scratch:
        built = Path(scratch) / "edition"
        result = build(edition.source, built, project=edition.project, strict=False, xinclude=False)
        failed = [r for r in result.failed if r.path not in edition.left_out]  # those are listed
        if failed:
            reasons = "; ".join(f.format() for r in failed for f in r.findings[:1])
            raise TeipressError(f"the editions could not be built for the bag: {reasons}")
        # The search index (Pagefind) is left out: it needs a web server to be of use, and its
        # file names are hashes that differ between two builds of the same sources, which would
        # make two bags of one edition differ.
        shutil.copytree(built, target, ignore=shutil.ignore_patterns(".teipress-output", "pagefind"))


def _below(path: Path, base: Path) -> Path:
    base = base.resolve() if base.is_dir() else base.resolve().parent
    resolved = path.resolve()
    return resolved.relative_to(base) if resolved.is_relative_to(base) else Path(path.name)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
