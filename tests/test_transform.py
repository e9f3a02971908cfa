"""The locked-down Saxon: once the edition's stylesheets are compiled, no URI can be opened."""

from __future__ import annotations

import http.server
import re
import threading
from pathlib import Path

import pytest
from saxonche import PySaxonApiError

from teipress import saxon
from teipress.errors import TransformError
from teipress.resources import data_dir
from teipress.transform import compile_entry, load_transformer

PROBE = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:template match="/">{body}</xsl:template>
</xsl:stylesheet>"""


@pytest.fixture(scope="module")
def transformer():
    return load_transformer()


@pytest.fixture
def loopback():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<r>FETCHED</r>")

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/x.xml", hits
    server.shutdown()


@pytest.mark.parametrize("call", [
    "unparsed-text('file:///etc/passwd')",
    "unparsed-text('/etc/passwd')",
    "string(doc('file:///etc/passwd'))",
    "count(collection('file:///etc/'))",
    "unparsed-text('URL')",
    "string(doc('URL'))",
])
@pytest.mark.parametrize("group", ["document", "site"])
def test_stylesheets_cannot_read_files_or_the_network(transformer, loopback, call: str, group: str) -> None:
    url, hits = loopback
    body = f'<xsl:value-of select="{call.replace("URL", url)}"/>'
    session = transformer.session(group)
    compiled = session.processor.new_xslt30_processor().compile_stylesheet(
        stylesheet_text=PROBE.format(body=body))
    with pytest.raises(PySaxonApiError, match=r"prohibited|disallowed") as refused:
        compiled.transform_to_string(xdm_node=transformer.node("<r/>").in_session(session))
    assert "root:" not in str(refused.value) and "FETCHED" not in str(refused.value)
    assert hits == []


def test_entry_stylesheets_capture_result_documents(tmp_path: Path) -> None:
    """Every entry stylesheet is compiled by compile_entry; an xsl:result-document in one must
    not write a file, even after the processor is locked down (that does not stop writes)."""
    target = tmp_path / "written.txt"
    probe = tmp_path / "probe.xsl"
    probe.write_text(PROBE.format(body=f'<xsl:result-document href="{target.as_uri()}">x'
                                       "</xsl:result-document>done"))
    processor = saxon.new_processor()
    compiled = compile_entry(processor, probe)
    saxon.lock_down(processor)
    assert compiled.transform_to_string(xdm_node=saxon.to_node(processor, "<r/>")) == "done"
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [probe]


def test_a_doctype_never_reaches_saxon(transformer) -> None:
    with pytest.raises(TransformError, match="DOCTYPE"):
        transformer.run("catalogue", transformer.node('<!DOCTYPE r SYSTEM "file:///etc/passwd"><r/>'))


def test_a_process_compiles_only_the_stylesheets_it_runs() -> None:
    """A worker that renders never compiles the listing pages; the build's parent compiles the
    document stylesheets only when it renders a document itself."""
    transformer = load_transformer()
    assert transformer.compiled == []
    tree = transformer.node('<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p>x</p></body></text></TEI>')
    assert "record" in transformer.run("catalogue", tree)
    assert transformer.compiled == ["document"]
    transformer.run("reading-order", transformer.node('<s:site xmlns:s="urn:teipress:site"/>'))
    assert transformer.compiled == ["document", "site"]


def test_the_edition_stylesheets_open_nothing() -> None:
    forbidden = ("doc(", "document(", "unparsed-text", "collection(", "result-document",
                 "environment-variable", "disable-output-escaping")
    for stylesheet in data_dir("xslt").rglob("*.xsl"):
        text = re.sub(r"<!--.*?-->", "", stylesheet.read_text(encoding="utf-8"), flags=re.DOTALL)
        assert not [f for f in forbidden if f in text], stylesheet
