"""RELAX NG: load a schema, prune it, validate with lxml or jing, explain libxml2's errors.

Modules, lowest layer first (each imports only from its own layer or lower ones;
tests/test_architecture.py checks this):

- `names`: the RELAX NG namespace, name classes and the (namespace, localname) pairs.
- `lexical`, `regexes`, `known_regexes`: the XML Schema types TEI uses most, decided without
  elementpath, and the `pattern` facets' regexes translated by elementpath (tei_all's come
  with teipress, others are kept across runs).
- `wording`: how names, lists and XML Schema types are written in messages.
- `datatypes`: XML Schema datatypes and facets (elementpath where `lexical` cannot decide).
- `source`, `compact`, `load`: a schema file (XML or compact syntax, local files only) as
  one self-contained tree; `SchemaError` when it cannot be used.
- `prune`: tei_all cut down to the element names a corpus uses, for libxml2.
- `index`, `derivative`, `values`, `attributes`, `recheck`, `explain`: the re-check of a
  rejected document against the schema that says what is wrong (libxml2's verdict stands).
- `lxml_engine`, `jing_engine`, `engines`: the two validators behind `--engine`.
"""
