"""Schematron: an in-house ISO Schematron → XSLT 3.0 compiler, run on saxonche.

TEI's embedded rules need XPath 3 and XSLT's `current()`, which neither lxml's XSLT 1 skeleton nor
pure-Python engines handle (see shared notes, section 2), so schemas are compiled to XSLT 3.0 and
run on Saxon. The compiled stylesheet writes a small result document (not SVRL):

    <tpsch:findings xmlns:tpsch="urn:teipress:schematron">
      <tpsch:finding kind="assert|report" id="…" role="…" flag="…" pattern="…" location="/1/2/5">
        <tpsch:text>message</tpsch:text><tpsch:diagnostic id="…">text</tpsch:diagnostic>
      </tpsch:finding>
      <tpsch:error pattern="…" context="…" code="…" location="/1/2">description</tpsch:error>
    </tpsch:findings>

`location` lists 1-based child-element positions from the root element down (`/@{uri}name` is
appended for an attribute), which maps straight back to the lxml tree and so to line:column.

Supported: schema/pattern/rule/assert/report; `let` at schema, phase, pattern level (global
variables, so their names must be unique) and at rule level (local variables); `ns`; `value-of`;
`name` (with @path); `diagnostics`/`diagnostic` (text appended to the message); `phase`/`active`,
"#ALL" and "#DEFAULT" (schema/@defaultPhase); `title` and `p` (ignored); rule/@context as an XSLT 3
pattern, attribute contexts included; @id/@role/@flag/@subject on assert and report (@role and
@subject also on rule); `emph`/`dir`/`span` (their text); top-level `xsl:key` and `xsl:function`
(allowed by the xslt query bindings). Standard semantics: every pattern sees every node, and
within a pattern a node is handled by the first rule (document order) whose context matches it.

Refused with a SchematronError: queryBinding other than xslt2/xslt3; abstract patterns and rules
(`@abstract`, `@is-a`, `extends`, `param`); `include`; pattern/@documents; other XSLT declarations.

The package: `schema` reads and checks a schema, `emit` writes the stylesheet, `run` compiles it
on Saxon and turns its results into Findings, `embedded` gathers the rules a RELAX NG schema
carries. It knows nothing of any project: the project's own rules and their corpus index are in
teipress.rules and teipress.references.
"""

from ..errors import SchematronError
from .embedded import schematron_from_rng
from .run import CompiledSchematron, SchematronResult, element_at, parse_results

__all__ = [
    "CompiledSchematron",
    "SchematronError",
    "SchematronResult",
    "element_at",
    "parse_results",
    "schematron_from_rng",
]
