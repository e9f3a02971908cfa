"""Register pages of real editions: "Mentioned in" (text mentions with their place and context,
header roles apart), the bibliography, the network link; prev/next in a volume; pointers to
files the edition does not publish."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise
from pathlib import Path

from lxml import etree, html

from conftest import TEI_DIR, shared
from teipress.mentions import (
    DocumentMentions,
    Mention,
    mentions_json,
    mentions_value,
    named_in,
    packed,
    summarised,
    unpacked,
)
from teipress.site import mentions_texts


def known_only(mentions: DocumentMentions, known: set[str]) -> DocumentMentions:
    """What the register pages keep of a document's mentions (site.mention_counts and
    mentions_texts skip every id not in `known`)."""
    return DocumentMentions([m for m in mentions.text if m.ident in known],
                            [(ident, role) for ident, role in mentions.roles if ident in known])

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


# What a page shows besides the reading (as in test_fidelity): the other side of a choice, page
# breaks, note calls, small print after a name; deleted words are not in the snippets either.
NOT_THE_READING = (".//*[contains(concat(' ', @class, ' '), ' reading-diplomatic ')]"
                   " | .//sup[@class='noteref-wrap'] | .//small[@class='more-links']"
                   " | .//span[@class='pb' or @class='cb' or @class='milestone'] | .//del")


def page(out: Path, name: str) -> html.HtmlElement:
    return html.parse(str(out / "html" / name)).getroot()


def words(element: html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def field(entry: html.HtmlElement, label: str) -> html.HtmlElement | None:
    """The dd after the dt with this label, in a register entry."""
    found = entry.xpath(f".//dt[normalize-space() = '{label}']/following-sibling::dd[1]")
    return found[0] if found else None


def test_every_mention_links_to_its_very_occurrence(corpus_builds) -> None:
    """Each snippet on the register pages links to an anchor on the document page whose words
    are the name it shows (so mentions.py and the page count names alike)."""
    out = corpus_builds("maechtekongresse")
    pages: dict[str, html.HtmlElement] = {}
    checked = 0
    for register in ("persons.html", "places.html"):
        for snippet in page(out, register).xpath("//a[@class='snippet']"):
            target, anchor = snippet.get("href").split("#")
            document = pages.setdefault(target, page(out, target))
            (named,) = document.xpath(f"//*[@id='{anchor}']")
            for hidden in named.xpath(NOT_THE_READING):
                hidden.drop_tree()
            assert words(named) == words(snippet.find("mark")), snippet.get("href")
            checked += 1
    assert checked > 1000


def test_mentions_are_counted_in_the_text_only_with_context(corpus_builds) -> None:
    """Richelieu (p_1): the counts are the names in the documents' text, each document listed once
    with its first mention in context and how many more there are."""
    out = corpus_builds("maechtekongresse")
    source = shared("corpora", "maechtekongresse", "editions")
    entry = page(out, "persons.html").get_element_by_id("p_1")
    mentions = field(entry, "Mentioned in")
    expected = {}
    for path in sorted(source.glob("*.xml")):
        count = sum(1 for m in named_in(etree.parse(str(path)).getroot(), {"p_1"}).text)
        if count:
            expected[path.stem + ".html"] = count
    listed = {li.xpath("a")[0].get("href").split("#")[0]: li for li in mentions.xpath("ul/li")}
    assert set(listed) == set(expected)
    assert f"{sum(expected.values())} mentions, {len(expected)} documents" in words(mentions)
    for n, (href, item) in enumerate(listed.items()):
        count = expected[href]
        assert (f"×{count}" in words(item)) == (count > 1)
        snippets = item.xpath(".//a[@class='snippet']")
        if n >= 12:  # the page stays small: the first documents in context, the others counted
            assert not snippets and item.xpath("a")[0].get("href").startswith(href + "#tp-m")
            continue
        assert len(snippets) == 1 and snippets[0].get("href").startswith(href + "#")
        assert len(words(snippets[0]).split()) > len(words(snippets[0].find("mark")).split())
        assert (f"+{count - 1} more" in words(item)) == (count > 1)


def test_header_roles_are_shown_apart_from_text_mentions(corpus_builds) -> None:
    """The seed's translator is named only in its header: "Translator of", not "Mentioned in"."""
    out = corpus_builds("seed")
    persons = page(out, "persons.html")
    translator = persons.get_element_by_id("pers-henriksen")
    assert field(translator, "Mentioned in") is None
    assert words(field(translator, "Translator of")).startswith("Telegram from Soviet Ambassador")
    author = persons.get_element_by_id("pers-dobrynin")  # in the text and the author
    assert field(author, "Mentioned in") is not None and field(author, "Author of") is not None


def test_register_pages_stay_small(corpus_builds) -> None:
    out = corpus_builds("maechtekongresse")
    for name in ("persons.html", "places.html", "bibliography.html"):
        assert (out / "html" / name).stat().st_size < 800_000, name


def test_the_bibliography_keeps_every_word_and_rs_pointers_link_to_it(corpus_builds) -> None:
    out = corpus_builds("maechtekongresse")
    bibliography = page(out, "bibliography.html")
    source = etree.parse(str(shared("corpora", "maechtekongresse", "indices", "listtreaties.xml")))
    works = source.findall(f".//{TEI}listBibl/{TEI}bibl")
    assert len(works) == 51
    for work in works:
        shown = bibliography.get_element_by_id(work.get(XML_ID)).find("p")
        assert words(shown) == " ".join("".join(work.itertext()).split())
    assert "bibliography.html" in page(out, "index.html").xpath("//nav[@class='site-nav']//a/@href")
    protocol = page(out, "Aachen_Prot_1.html")
    cited = protocol.xpath("//section[@class='text']//a[starts-with(@href, 'bibliography.html#t_')]")
    assert cited and {a.get("href").split("#")[1] for a in cited} <= {w.get(XML_ID) for w in works}


def test_a_correspondent_links_to_their_network_section(corpus_builds) -> None:
    out = corpus_builds("seed")
    entry = page(out, "persons.html").get_element_by_id("pers-dobrynin")
    (link,) = entry.xpath(".//a[@class='network']")
    target, anchor = link.get("href").split("#")
    assert target == "corpus-network.html"
    section = page(out, target).get_element_by_id(anchor)
    assert "Dobrynin" in words(section.find("h3"))


def test_prev_next_follow_the_volume_order(corpus_builds) -> None:
    """FRUS: the volume's documents in its own order, although some are dated out of order."""
    out = corpus_builds("frus")
    volume = etree.parse(str(shared("corpora", "frus", "frus1894Nicaragua.xml")))
    order = [d.get(XML_ID) for d in volume.iter(f"{TEI}div") if d.get("type") == "document"]
    dates = [page(out, f"{d}.html").xpath("//dl[@class='metadata']//time/@datetime") for d in order]
    known = [d[0] for d in dates if d]
    assert known != sorted(known), "the volume is not out of date order: the test shows nothing"
    for before, after in pairwise(order):
        (link,) = page(out, f"{before}.html").xpath("//nav[@class='prev-next']//a[@rel='next']")
        assert link.get("href") == f"{after}.html"


def test_standalone_documents_keep_the_chronological_order(corpus_builds) -> None:
    out = corpus_builds("maechtekongresse")
    rows = page(out, "index.html").xpath("//table[@class='documents']//a[@class='document-title']/@href")
    for before, after in pairwise(rows[:41]):
        (link,) = page(out, before).xpath("//nav[@class='prev-next']//a[@rel='next']")
        assert link.get("href") == after


def test_a_pointer_to_an_unpublished_file_says_why_it_links_nowhere(corpus_builds) -> None:
    """maechtekongresse points to files it does not contain (misspelt: Achen_Prot_32.xml …)."""
    out = corpus_builds("maechtekongresse")
    published = {p.name for p in (out / "html").glob("*.html")}
    noted: set[str] = set()
    corpus = shared("corpora", "maechtekongresse")
    for path in sorted([*corpus.glob("editions/*.xml"), *corpus.glob("meta/*.xml")]):
        text = path.read_text(encoding="utf-8").split("<text", 1)[-1]  # the header is not shown
        targets = re.findall(r'<(?:ref|ptr)\b[^>]*\starget="([^"]+)"', text)
        first = [v.split()[0].split("#")[0] for v in targets]
        missing = {t for t in first if re.fullmatch(r"[^:]+\.xml", t)
                   and Path(t).name.replace(".xml", ".html") not in published}
        if not missing or not (out / "html" / f"{path.stem}.html").exists():
            continue
        shown = page(out, f"{path.stem}.html")
        notes = [words(n) for n in shown.xpath("//small[@class='more-links']")]
        for target in missing:
            assert f"(not published in this edition: {target})" in notes, (path.name, target)
            assert not shown.xpath(f"//a[contains(@href, '{Path(target).stem}.html')]")
        noted |= missing
    assert {"Achen_Prot_32.xml", "Aachen_Doc_50.xml", "Verna_V_1.xml"} <= noted


def test_the_seed_text_names_carry_anchors() -> None:
    """mentions.py gives the seed's names the anchors in document order (tp-m1 …)."""
    root = etree.parse(str(TEI_DIR / "documents" / "dobrynin-1962-11-05.xml")).getroot()
    named = named_in(root, {"pers-dobrynin", "pers-henriksen", "place-usa"})
    anchors = [m.anchor for m in named.text]
    assert anchors == sorted(anchors, key=lambda a: int(a[4:])) and anchors[0].startswith("tp-m")
    assert ("pers-henriksen", "translator") in named.roles


def test_mentions_read_before_the_registers_narrow_to_the_same() -> None:
    """The build reads every document's mentions in its catalogue worker, before the registers
    are merged, and narrows them to the registers' ids in the parent; that must be what reading
    with the ids gives (anchors count every name either way), also after the build cache."""
    folder = shared("corpora", "maechtekongresse")
    registers = [etree.parse(str(p)).getroot() for p in sorted(folder.rglob("*.xml"))
                 if p.parent.name == "indices"]
    known = {e.get(XML_ID) for r in registers for e in r.iter() if e.get(XML_ID)}
    compared = repeated = 0
    for path in sorted((folder / "editions").glob("*.xml"))[:40]:
        root = etree.parse(str(path)).getroot()
        every = named_in(root)
        narrowed = named_in(root, known)
        assert known_only(every, known) == narrowed, path.name
        assert mentions_value(mentions_json(every)) == every
        # what the build keeps: the first mention of each entry standing for all of them
        kept = unpacked(packed(summarised(every)))
        assert known_only(kept, known) == summarised(narrowed), path.name
        assert [m.ident for m in kept.text] == list(dict.fromkeys(m.ident for m in every.text))
        assert {m.ident: m.count for m in kept.text} == Counter(m.ident for m in every.text)
        assert {m.ident: m.anchor for m in kept.text} == \
            {m.ident: m.anchor for m in reversed(every.text)}  # the first one's anchor
        repeated += any(m.count > 1 for m in kept.text)
        compared += bool(narrowed.text)
    assert compared > 10  # documents whose text names register entries
    assert repeated > 5  # and that name an entry more than once


def _with_prefixes(root: etree._Element) -> None:
    """The same pointers in `prefix:id` form, with the listPrefixDef that expands them back."""
    header = root.find(f"{TEI}teiHeader")
    encoding = header.find(f"{TEI}encodingDesc")
    if encoding is None:
        encoding = etree.Element(f"{TEI}encodingDesc")
        header.find(f"{TEI}fileDesc").addnext(encoding)
    prefixes = etree.SubElement(encoding, f"{TEI}listPrefixDef")
    etree.SubElement(prefixes, f"{TEI}prefixDef", ident="psn", matchPattern=r"(p_\d+)",
                     replacementPattern="#$1")
    etree.SubElement(prefixes, f"{TEI}prefixDef", ident="plc", matchPattern=r"(loc_\d+)",
                     replacementPattern="../indices/listplace.xml#$1")
    for element in root.iter(etree.Element):
        if element.get("ref"):
            places = re.sub(r"#(loc_\d+)", r"plc:\1", element.get("ref"))
            element.set("ref", re.sub(r"#(p_\d+)", r"psn:\1", places))


def test_prefixed_pointers_resolve_like_the_pointers_they_expand_to(tmp_path: Path) -> None:
    """Two maechtekongresse protocols with their persons and places pointed to as `psn:p_1`,
    `plc:loc_1` through a listPrefixDef: the same links, anchors and mentions as the originals."""
    from click.testing import CliRunner

    from teipress.cli import main

    corpus = shared("corpora", "maechtekongresse")
    builds = {}
    for variant in ("plain", "prefixed"):
        source = tmp_path / variant
        (source / "editions").mkdir(parents=True)
        (source / "indices").mkdir()
        for name in ("listperson.xml", "listplace.xml"):
            (source / "indices" / name).write_bytes((corpus / "indices" / name).read_bytes())
        for name in ("Aachen_Prot_1.xml", "Aachen_Prot_2.xml"):
            tree = etree.parse(str(corpus / "editions" / name))
            if variant == "prefixed":
                _with_prefixes(tree.getroot())
            tree.write(str(source / "editions" / name), encoding="UTF-8", xml_declaration=True)
        out = tmp_path / f"out-{variant}"
        result = CliRunner().invoke(main, ["build", "--source", str(source), "--out", str(out)])
        assert result.exit_code == 0, result.output
        builds[variant] = out
    assert "psn:p_1" in (tmp_path / "prefixed" / "editions" / "Aachen_Prot_1.xml").read_text(encoding="utf-8")

    def links(out: Path, name: str) -> list[tuple[str, str | None]]:
        return [(a.get("href"), a.get("id")) for a in page(out, name).xpath("//section[@class='text']//a")]

    for name in ("Aachen_Prot_1.html", "Aachen_Prot_2.html"):
        plain = links(builds["plain"], name)
        assert sum(1 for href, _ in plain if href.startswith("persons.html#p_")) > 5
        assert links(builds["prefixed"], name) == plain
    for register in ("persons.html", "places.html"):
        assert words(page(builds["prefixed"], register).find(".//main")) == \
            words(page(builds["plain"], register).find(".//main"))


def test_mentions_written_as_text_keep_every_character() -> None:
    """The register pages' s:mentions is written as text, not through a tree: quotes, ampersands
    and angle brackets in a name or its context come back as they were, and only the entries of
    the page's kind are in it."""
    words = DocumentMentions([Mention("p1", "tp-m1", '… "Tom & Jerry" <sic> ', "O'Brien", " & co.", 2),
                              Mention("pl1", "tp-m2", "in ", "Wien", "")], [("p1", "resp:Übers. <a>")])
    [text] = mentions_texts({Path("a.xml"): packed(words)}, {Path("a.xml"): "a&b"}, [{"p1"}])
    root = etree.fromstring(text.encode())
    [named] = root.iter("{urn:teipress:site}named")
    [at] = named
    assert (named.get("id"), named.get("document"), named.get("count")) == ("p1", "a&b", "2")
    assert (at.get("before"), at.text, at.get("after")) == ('… "Tom & Jerry" <sic> ', "O'Brien", " & co.")
    [role] = root.iter("{urn:teipress:site}role")
    assert role.get("role") == "resp:Übers. <a>"


def test_a_large_register_lists_where_its_entries_are_named_on_pages_of_their_own(
        corpus_builds, tmp_path: Path, monkeypatch) -> None:
    """Beyond LISTED_HERE documents in all, a register's "mentioned in" lists move to pages of
    their own: each entry on the register page links to its list, and the lists are the ones
    the single page shows, entry by entry."""
    from click.testing import CliRunner

    import teipress.build.edition as edition
    from teipress.cli import main

    whole = corpus_builds("maechtekongresse") / "html"
    monkeypatch.setattr(edition, "LISTED_HERE", 300)
    out = tmp_path / "split"
    CliRunner().invoke(main, ["build", "--source", str(shared("corpora", "maechtekongresse")),
                              "--out", str(out), "--quiet"], catch_exceptions=False)
    split = out / "html"
    parts = sorted(split.glob("persons-mentions-*.html"))
    assert len(parts) >= 3 and not (whole / parts[0].name).exists()

    def lists(page: Path) -> dict[str, bytes]:
        tree = html.parse(str(page))
        where = ".//dd[@class='mentions' or @class='roles']"
        return {article.get("id"): b"".join(etree.tostring(dd.getprevious()) + etree.tostring(dd)
                                            for dd in article.xpath(where))
                for article in tree.iter("article") if article.xpath(where)}

    single = {ident: shown for ident, shown in lists(whole / "persons.html").items()}
    moved: dict[str, bytes] = {}
    for part in parts:
        found = lists(part)
        assert not set(found) & set(moved), part.name  # each entry on one page
        moved.update(found)
    # the same documents in the same words, only on other pages; roles stay with them
    assert moved == {ident: shown for ident, shown in single.items() if ident in moved}
    assert set(moved) == set(single)
    register = html.parse(str(split / "persons.html"))
    links = register.xpath("//dd[@class='mentions']//a/@href")
    assert len(links) == len(moved)
    for link in links:
        page, ident = link.split("#")
        assert ident in lists(split / page), link
