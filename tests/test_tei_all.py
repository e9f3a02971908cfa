"""Every file of the edition is valid against the TEI Consortium's tei_all, as jing sees it."""

from __future__ import annotations

import subprocess

from conftest import TEI_ALL, TEI_DIR, shared, tool


def test_project_files_are_valid_against_tei_all() -> None:
    shared("reference", "tei_all.rng")
    jing = tool("jing")
    files = sorted(str(p) for p in TEI_DIR.rglob("*.xml"))
    assert len(files) >= 4
    result = subprocess.run([jing, str(TEI_ALL), *files], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
