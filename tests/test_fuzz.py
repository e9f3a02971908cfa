"""Fuzzing: real corpus files, broken at random, through `teipress validate` and `teipress build`.

Whatever the input, the command line must answer with findings or one-line errors and a
documented exit status (teipress.errors): never a traceback, never another status, never a hang.
Cases are made from the project's tei/ and the shared corpora with a fixed seed, so a failure
reproduces exactly; benchmarks/fuzz.py runs the same campaign longer, with any seed.

Each command runs on a batch of cases in one subprocess (the real entry point, with a time
limit); when a batch misbehaves, its cases are re-run one by one to name the culprits.
"""

from __future__ import annotations

import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT, TEI_ALL, TEI_DIR, shared, tool
from teipress.errors import EXIT_STATUSES, EXIT_USAGE

SEED = 20261201
# Files up to this size keep a few hundred cases within a minute on two cores.
MAX_SOURCE_BYTES = 40_000
SECONDS_PER_CASE = 5.0
SECONDS_PER_RUN = 30.0

# What a broken file may contain: markup, entities, dates and pointers that stress each stage.
TAGS = [  # well-formed fragments (they reach the schema, the rules and the stylesheets) ...
    b"<hi rend='x'>h</hi>", b"<foo:bar xmlns:foo='urn:x'/>", b"<note/>", b"<lb/>", b"<lb break='no'/>",
    b"<?pi x?>", b"<!-- c -->", b"<![CDATA[ <x> ]]>", b"<persName ref='#nowhere'>N</persName>",
    b"<anchor xml:id='1bad'/>", b"<date when='2021-02-30'/>", b"<ptr target='#a #b'/>", b"<ref/>",
    b"<note place='foot' target='#nowhere'>n</note>", b"<choice><sic>a</sic></choice>",
    b"<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='missing.xml'/>",
    b"<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='../../../etc/passwd' parse='text'/>",
    b"<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='http://127.0.0.1:9/x.xml'>"
    b"<xi:fallback><p>fallback</p></xi:fallback></xi:include>",
    b"<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='case-0000.xml' xpointer='x'/>",
    b"<xi:include xmlns:xi='http://www.w3.org/2001/XInclude' href='../registers/persons.xml'/>",
    b"<hi>" * 300 + b"deep" + b"</hi>" * 300, b"<div><div><head/></div></div>",
    b"<table><row><cell>1</cell></row></table>", b"<list><item>i</item><label>l</label></list>",
    b"<sp><speaker>A</speaker><stage>exit</stage></sp>", b"<space/>", b"<cb/>", b"<gap/>", b"<pb n='[1]'/>",
    b"<figure><graphic url='javascript:alert(1)'/></figure>", b"<binaryObject>AAAA</binaryObject>",
    b"<listPerson><person xml:id='pers-x'/></listPerson>", b"<w join='right'>a</w><pc>,</pc>",
    b"<app><lem>a</lem><rdg>b</rdg></app>", b"<subst><del>a</del><add>b</add></subst>",
    b"<rs type='person' ref='#place-cuba'>x</rs>", b"<date notBefore='1990' notAfter='1980'/>",
    # ... and a few that break it
    b"<p>", b"</div>", b"<TEI>",
]
ENTITIES = [b"&nbsp;", b"&undefined;", b"&#0;", b"&#x110000;", b"&#xD800;", b"&amp", b"&#65;", b"&lt;", b"&"]
DATES = [b"", b"2021-02-30", b"-0010", b"99999", b"1962-13", b"abc", b"1962-11-05T25:00", b"0000",
         b"1962/11/05", b" 1962 ", b"--05", "\u0661\u0669\u0666\u0662".encode()]
POINTERS = [b"", b"#", b"#nowhere", b"http://127.0.0.1:9/x", b"#a #b #c", b"file:///etc/passwd",
            b"#" + b"x" * 5000, b"%zz", "#\u00fcn\u00ef".encode(), b"#GD-PPA", b"##", b"javascript:x()"]
IDS = [b"GD-PPA", b"1bad", b"", b"a b", b"x:y", b"dup"]
_DATE_ATTRIBUTE = re.compile(rb'\b(when|notBefore|notAfter|from|to)=(["\'])(.*?)\2')
_POINTER_ATTRIBUTE = re.compile(rb'\b(ref|target|corresp|who|source)=(["\'])(.*?)\2')
_ID_ATTRIBUTE = re.compile(rb'\bxml:id=(["\'])(.*?)\1')


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    origin: str
    mutations: tuple[str, ...]

    def describe(self) -> str:
        return f"{self.name} ({self.origin}: {', '.join(self.mutations)})"


# --- Mutations: each takes the bytes and the random source and returns the changed bytes.


def _tag_position(data: bytes, rng: random.Random) -> int:
    """A position just after some `>`, so inserts land between tags or in text."""
    ends = [m.end() for m in re.finditer(rb">", data)]
    return rng.choice(ends) if ends else rng.randrange(len(data) + 1)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    changed = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if changed:
            changed[rng.randrange(len(changed))] ^= 1 << rng.randrange(8)
    return bytes(changed)


def insert_tag(data: bytes, rng: random.Random) -> bytes:
    at = _tag_position(data, rng)
    return data[:at] + rng.choice(TAGS) + data[at:]


def insert_entity(data: bytes, rng: random.Random) -> bytes:
    at = _tag_position(data, rng)
    return data[:at] + rng.choice(ENTITIES) + data[at:]


def _replace_value(name: str, pattern: re.Pattern[bytes], values: list[bytes], group: int):
    def mutate(data: bytes, rng: random.Random) -> bytes:
        matches = list(pattern.finditer(data))
        if not matches:
            return insert_tag(data, rng)
        match = rng.choice(matches)
        return data[: match.start(group)] + rng.choice(values) + data[match.end(group):]
    mutate.__name__ = name
    return mutate


corrupt_date = _replace_value("corrupt_date", _DATE_ATTRIBUTE, DATES, 3)
corrupt_pointer = _replace_value("corrupt_pointer", _POINTER_ATTRIBUTE, POINTERS, 3)
corrupt_id = _replace_value("corrupt_id", _ID_ATTRIBUTE, IDS, 2)


def duplicate_id(data: bytes, rng: random.Random) -> bytes:
    """Give one element the xml:id of another (in the same file, or one likely used elsewhere)."""
    ids = [m.group(2) for m in _ID_ATTRIBUTE.finditer(data)]
    if len(ids) < 2:
        return corrupt_id(data, rng)
    victim = rng.choice(list(_ID_ATTRIBUTE.finditer(data)))
    return data[: victim.start(2)] + rng.choice(ids) + data[victim.end(2):]


def change_namespace(data: bytes, rng: random.Random) -> bytes:
    replacement = rng.choice([b"", b"urn:not-tei", b"http://www.tei-c.org/ns/Examples"])
    return data.replace(b"http://www.tei-c.org/ns/1.0", replacement, 1)


def change_root(data: bytes, rng: random.Random) -> bytes:
    name = rng.choice([b"tei", b"teiCorpus", b"html", b"TEI:TEI"])
    return re.sub(rb"<(/?)TEI\b", lambda m: b"<" + m.group(1) + name, data)


def insert_doctype(data: bytes, rng: random.Random) -> bytes:
    doctype = rng.choice([
        b'<!DOCTYPE TEI [<!ENTITY e "entity text">]>',
        b'<!DOCTYPE TEI SYSTEM "http://127.0.0.1:9/x.dtd">',
        b'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
        b'<!DOCTYPE TEI [<!ATTLIST p id ID #IMPLIED>]>',
    ])
    declaration = re.match(rb"(\xef\xbb\xbf)?<\?xml[^>]*\?>", data)
    at = declaration.end() if declaration else 0
    return data[:at] + doctype + data[at:]


def change_encoding(data: bytes, rng: random.Random) -> bytes:
    choice = rng.choice(["latin-1", "utf-16", "bogus", "bom", "utf16-body"])
    if choice == "bom":
        return b"\xef\xbb\xbf" + data
    if choice == "utf16-body":
        return data.decode("utf-8", errors="replace").encode("utf-16")
    return re.sub(rb'encoding=["\'][^"\']*["\']', f'encoding="{choice}"'.encode(), data, count=1)


def empty(data: bytes, rng: random.Random) -> bytes:
    return rng.choice([b"", b"   \n", b"\xef\xbb\xbf", b"<", b"<?xml version='1.0'?>"])


# Mutations that keep the file well-formed (most of them, so that most cases reach the schema,
# the rules and the stylesheets) and those that break it, which the parser alone answers.
KEEP_WELL_FORMED: list[Callable[[bytes, random.Random], bytes]] = [
    insert_tag, insert_tag, insert_tag, corrupt_date, corrupt_date, corrupt_pointer, corrupt_pointer,
    corrupt_id, duplicate_id, duplicate_id, change_namespace, insert_doctype,
]
BREAK: list[Callable[[bytes, random.Random], bytes]] = [
    truncate, flip_bytes, insert_entity, change_root, change_encoding, empty,
]


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, tuple[str, ...]]:
    """One to three mutations; one case in four also gets one that may break well-formedness."""
    chosen = [rng.choice(KEEP_WELL_FORMED) for _ in range(rng.choice([1, 1, 2, 3]))]
    if rng.random() < 0.25:
        chosen.insert(rng.randrange(len(chosen) + 1), rng.choice(BREAK))
    for mutation in chosen:
        data = mutation(data, rng)
    return data, tuple(m.__name__ for m in chosen)


# --- Schemas given to --schema: the project's RELAX NG, broken, or with Schematron embedded that
# teipress cannot compile (unsupported features, XPath errors) or that fails at run time.

SCH = b"xmlns:sch='http://purl.oclc.org/dsdl/schematron'"
SCHEMATRON = [
    b"<sch:pattern " + SCH + b" abstract='true' id='p'><sch:rule context='$c'>"
    b"<sch:assert test='$t'>x</sch:assert></sch:rule></sch:pattern>",
    b"<sch:pattern " + SCH + b"><sch:rule context='tei:p'><sch:assert test='((('>x</sch:assert>"
    b"</sch:rule></sch:pattern>",
    b"<sch:pattern " + SCH + b"><sch:rule context='*[[['><sch:report test='1'>x</sch:report>"
    b"</sch:rule></sch:pattern>",
    b"<sch:pattern " + SCH + b" is-a='p'/>",
    b"<sch:include " + SCH + b" href='other.sch'/>",
    b"<sch:pattern " + SCH + b"><sch:rule context='*'><sch:assert test='xs:date(\"x\")'>d</sch:assert>"
    b"</sch:rule></sch:pattern>",
    b"<sch:pattern " + SCH + b"><sch:rule context='*'><sch:assert test='unparsed-text(\"/etc/passwd\")'>"
    b"f</sch:assert></sch:rule></sch:pattern>",
    b"<sch:pattern " + SCH + b"><sch:let name='v' value='1'/><sch:let name='v' value='2'/></sch:pattern>",
    b"<sch:pattern " + SCH + b"><sch:rule><sch:assert test='1'>no context</sch:assert></sch:rule>"
    b"</sch:pattern>",
    b"<sch:pattern " + SCH + b"><sch:rule context='*'><sch:assert test='1' diagnostics='nope'>x"
    b"</sch:assert></sch:rule></sch:pattern>",
    b"<sch:ns " + SCH + b" prefix='tei' uri='urn:other'/>",
    b"<sch:pattern " + SCH + b"><sch:rule context='*'><sch:report test='true()'><sch:value-of/>"
    b"</sch:report></sch:rule></sch:pattern>",
]


def insert_schematron(data: bytes, rng: random.Random) -> bytes:
    start = re.search(rb"<grammar\b[^>]*>", data)
    at = start.end() if start else _tag_position(data, rng)
    return data[:at] + rng.choice(SCHEMATRON) + data[at:]


def make_schema(rng: random.Random) -> tuple[bytes, tuple[str, ...]]:
    """The project schema with Schematron embedded (mostly) or otherwise broken."""
    data = (ROOT / "schemas" / "teipress.rng").read_bytes()
    chosen = [insert_schematron] if rng.random() < 0.7 else []
    chosen += [rng.choice([insert_tag, truncate, flip_bytes, insert_doctype, change_encoding, empty])
               for _ in range(0 if chosen and rng.random() < 0.7 else 1)]
    for mutation in chosen:
        data = mutation(data, rng)
    return data, tuple(m.__name__ for m in chosen)


# --- Sources and cases


def source_files(corpora: Path | None) -> list[Path]:
    """The project's files and the shared corpora's small ones, in a fixed order."""
    files = sorted(TEI_DIR.rglob("*.xml"))
    if corpora is not None:
        files += sorted(p for p in corpora.rglob("*.xml") if p.stat().st_size <= MAX_SOURCE_BYTES)
    return files


def make_cases(seed: int, count: int, sources: list[Path]) -> list[Case]:
    rng = random.Random(seed)
    cases = []
    for number in range(count):
        origin = rng.choice(sources)
        content, mutations = mutate(origin.read_bytes(), rng)
        cases.append(Case(f"case-{number:04d}.xml", content, _shown(origin), mutations))
    return cases


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT.parent)) if path.is_relative_to(ROOT.parent) else str(path)


# --- Running


@dataclass
class Outcome:
    args: list[str]
    returncode: int | None  # None: killed after the time limit
    output: str
    seconds: float

    def problems(self) -> list[str]:
        """What the run did wrong: a hang, a traceback, an undocumented exit status."""
        if self.returncode is None:
            return [f"no answer within {self.seconds:.0f} s"]
        found = []
        if "Traceback (most recent call last)" in self.output:
            found.append("traceback: " + _last_line_of_traceback(self.output))
        if self.returncode not in EXIT_STATUSES:
            found.append(f"exit status {self.returncode}")
        return found


def _last_line_of_traceback(output: str) -> str:
    lines = output[output.index("Traceback (most recent call last)"):].splitlines()
    errors = [line for line in lines if re.match(r"^[\w.]+(Error|Exception|Exit|Interrupt)\b", line)]
    return (errors or lines)[-1][:300]


def teipress(args: list[str], cwd: Path, timeout: float) -> Outcome:
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "teipress", *args], cwd=cwd, capture_output=True,
                                text=True, errors="replace", timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(args, None, "", time.perf_counter() - started)
    return Outcome(args, result.returncode, result.stdout + result.stderr, time.perf_counter() - started)


@dataclass(frozen=True)
class Command:
    """A command line over a folder: `{source}` and `{out}` are filled in per run."""

    args: tuple[str, ...]
    builds: bool = False

    def line(self, source: Path, out: Path) -> list[str]:
        return [a.format(source=source, out=out) for a in self.args]


def run_schemas(seed: int, count: int, workdir: Path,
                report: Callable[[str], None] = lambda line: None) -> list[str]:
    """`validate --schema` with broken schemas, each on the project's own files."""
    rng = random.Random(seed)
    problems = []
    for number in range(count):
        schema, mutations = make_schema(rng)
        path = workdir / f"schema-{number:03d}.rng"
        path.write_bytes(schema)
        outcome = teipress(["validate", str(TEI_DIR), "--schema", str(path)], workdir, _limit(4))
        problems += [f"--schema {path.name} ({', '.join(mutations)}): {p}" for p in outcome.problems()]
        if outcome.returncode == EXIT_USAGE and len(outcome.output.strip().splitlines()) != 1:
            problems.append(f"--schema {path.name} ({', '.join(mutations)}): an unusable schema must "
                            f"give one line, not:\n{outcome.output}")
    report(f"validate --schema: {count} schemas, {len(problems)} problem(s)")
    return problems


def write_batch(folder: Path, cases: Iterable[Case], registers: bool) -> Path:
    """A source folder laid out like the project (documents/, registers/): the cases, plus the
    project's registers (so pointers resolve and the register pages are built) when asked."""
    if folder.exists():
        shutil.rmtree(folder)
    documents = folder / "documents"
    documents.mkdir(parents=True)
    for case in cases:
        (documents / case.name).write_bytes(case.content)
    if registers:
        shutil.copytree(TEI_DIR / "registers", folder / "registers")
    return folder


def run_batch(command: Command, cases: list[Case], workdir: Path) -> list[str]:
    """Problems found, each naming the case that causes it (re-run alone) or the whole batch."""
    source = write_batch(workdir / "src", cases, registers=True)
    outcome = teipress(command.line(source, workdir / "out"), workdir, _limit(len(cases)))
    if not outcome.problems():
        return []
    found = []
    for case in cases:
        single = write_batch(workdir / "single", [case], registers=True)
        alone = teipress(command.line(single, workdir / "out-single"), workdir, _limit(1))
        found += [f"{' '.join(command.args)}: {case.describe()}: {p}" for p in alone.problems()]
    return found or [f"{' '.join(command.args)} on {len(cases)} cases: {p}" for p in outcome.problems()]


def _limit(cases: int) -> float:
    return min(SECONDS_PER_RUN + SECONDS_PER_CASE * cases, 600.0)


def campaign(cases: list[Case], commands: list[tuple[Command, int]], workdir: Path,
             report: Callable[[str], None] = lambda line: None) -> list[str]:
    """Run each command over consecutive batches of the given size; returns every problem."""
    problems: list[str] = []
    position = 0
    for command, size in commands:
        batch = cases[position: position + size] or cases[:size]
        position += size
        found = run_batch(command, batch, workdir)
        report(f"{' '.join(command.args)}: {len(batch)} cases, {len(found)} problem(s)")
        problems += found
    return problems


VALIDATE = Command(("validate", "{source}", "--registers", "{source}/registers"))
VALIDATE_XINCLUDE = Command((*VALIDATE.args, "--xinclude", "--format", "json"))
VALIDATE_TEI_ALL = Command((*VALIDATE.args, "--schema", str(TEI_ALL), "--format", "junit"))
VALIDATE_JING = Command((*VALIDATE.args, "--engine", "jing", "--grammar-only"))
BUILD = Command(("build", "--source", "{source}", "--out", "{out}"), builds=True)
BUILD_XINCLUDE = Command((*BUILD.args, "--xinclude"), builds=True)


def ci_commands() -> list[tuple[Command, int]]:
    """About 300 cases: validation on most, builds (slower) on fewer, every option family once."""
    return ([(VALIDATE, 40)] * 3 + [(VALIDATE_XINCLUDE, 40), (VALIDATE_TEI_ALL, 40),
                                    (VALIDATE_JING, 30)]
            + [(BUILD, 15)] * 2 + [(BUILD_XINCLUDE, 15)])


def test_mutations_are_deterministic_and_change_the_file() -> None:
    sources = source_files(None)
    first, again = make_cases(SEED, 30, sources), make_cases(SEED, 30, sources)
    assert first == again
    originals = {_shown(p): p.read_bytes() for p in sources}
    assert sum(c.content != originals[c.origin] for c in first) >= 28
    assert make_cases(SEED + 1, 30, sources) != first


def test_no_traceback_no_undocumented_status_no_hang(tmp_path: Path) -> None:
    shared("reference", "tei_all.rng")
    tool("jing")
    corpora = shared("corpora")
    commands = ci_commands()
    cases = make_cases(SEED, sum(size for _, size in commands), source_files(corpora))
    assert len({c.origin for c in cases}) >= 20  # the corpora, not one file over and over
    problems = campaign(cases, commands, tmp_path)
    assert not problems, "\n".join(problems)


def test_broken_schemas_give_one_line_and_a_documented_status(tmp_path: Path) -> None:
    problems = run_schemas(SEED, 12, tmp_path)
    assert not problems, "\n".join(problems)
