<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the validation report → validation.html, the state of the encoding as
  editors and archives see it (linked from the footer, not the readers' navigation): a summary,
  a table of the files with their counts (files with errors first), then the first findings of
  each file; every finding is in validation.json.

  Initial match selection: the report (v:validation document, built by teipress.report).
  Parameter: $site, the manifest, for the edition's title and the links to document pages.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:v="urn:teipress:validation"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:include href="html-attributes.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="../common/rules.xsl"/>
  <xsl:include href="manifest.xsl"/>
  <xsl:include href="frame.xsl"/>

  <xsl:param name="site" as="document-node()" required="yes"/>

  <!-- Findings shown per file; the page stays small whatever their number (a foreign corpus
       checked against a strict schema can have tens of thousands): the JSON keeps them all. -->
  <xsl:variable name="shown" as="xs:integer" select="5"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="tp:file-number"/>
  <xsl:mode name="tp:finding-row" on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="tp:file-row" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node()">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="v:validation">
    <xsl:variable name="site-title" as="xs:string" select="tp:site-title($site)"/>
    <xsl:variable name="files" as="element(v:file)*"
      select="v:file[@valid = 'false'], v:file[@valid = 'true'][v:finding], v:file[@valid = 'true'][empty(v:finding)]"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="tp:word('validation')"/>
      <xsl:with-param name="site-title" select="$site-title"/>
      <xsl:with-param name="current" select="'validation'"/>
      <xsl:with-param name="content" as="node()*">
        <h1>{tp:word('validation')}</h1>
        <xsl:apply-templates select="v:summary"/>
        <div class="table-scroll">
          <table class="validation-files">
            <thead>
              <tr>
                <th scope="col">{tp:word('file')}</th>
                <th scope="col">{tp:word('errors')}</th>
                <th scope="col">{tp:word('warnings')}</th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="$files" mode="tp:file-row"/>
            </tbody>
          </table>
        </div>
        <xsl:if test="$files/v:finding">
          <h2>{tp:word('first-findings')}</h2>
          <xsl:apply-templates select="$files[v:finding]"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="v:summary">
    <p class="validation-summary">
      {@files} {tp:word('files-checked')}
      <code>{../@schema}</code>{if (../@rules = 'true') then ' ' || tp:word('project-rules') else ''}:
      <strong>{@valid} {tp:word('valid')}</strong>, {@errors} {tp:word('errors')},
      {@warnings} {tp:word('warnings')}.
      {tp:word('all-findings')}: <a href="validation.json">validation.json</a>.
    </p>
  </xsl:template>

  <xsl:template match="v:file" mode="tp:file-row">
    <xsl:variable name="page" as="xs:string?" select="tp:safe-href(@page)"/>
    <tr class="{if (@valid = 'true') then 'valid' else 'invalid'}">
      <td>
        <xsl:choose>
          <xsl:when test="v:finding"><a href="#{tp:file-anchor(.)}"><code>{@path}</code></a></xsl:when>
          <xsl:otherwise><code>{@path}</code></xsl:otherwise>
        </xsl:choose>
        <xsl:text> </xsl:text>
        <span class="{if (@valid = 'true') then 'verdict valid' else 'verdict invalid'}">{tp:word(if (@valid = 'true') then 'valid' else 'invalid')}</span>
        <xsl:if test="exists($page)">
          <xsl:text> </xsl:text><a href="{$page}">{tp:word('read')}</a>
        </xsl:if>
      </td>
      <td>{count(v:finding[@severity = 'error'])}</td>
      <td>{count(v:finding[@severity = 'warning'])}</td>
    </tr>
  </xsl:template>

  <!-- A file's place in the report, counted once in one pass (counting the files before each
       one made the page quadratic in the number of files). -->
  <xsl:accumulator name="tp:file-number" as="xs:integer" initial-value="0">
    <xsl:accumulator-rule match="v:file" select="$value + 1"/>
  </xsl:accumulator>

  <xsl:function name="tp:file-anchor" as="xs:string">
    <xsl:param name="file" as="element(v:file)"/>
    <xsl:sequence select="'file-' || $file ! accumulator-before('tp:file-number')"/>
  </xsl:function>

  <xsl:template match="v:file">
    <section class="validation-file" id="{tp:file-anchor(.)}">
      <h3><code>{@path}</code></h3>
      <ul class="findings">
        <xsl:apply-templates select="v:finding[position() le $shown]" mode="tp:finding-row"/>
      </ul>
      <xsl:if test="count(v:finding) gt $shown">
        <p class="more">… {count(v:finding) - $shown} {tp:word('more-findings')}
          <a href="validation.json">validation.json</a>.</p>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template match="v:finding" mode="tp:finding-row">
    <li class="{@severity}">
      <span class="position">{if (@line = '0') then '' else @line || ':' || @column || ' '}</span>
      <span class="severity">{@severity}</span>
      <xsl:text> </xsl:text>
      <code class="rule">{@rule}</code>
      <xsl:text> </xsl:text>
      <span class="message">{substring(., 1, 600)}{if (string-length(.) gt 600) then '…' else ''}</span>
    </li>
  </xsl:template>

</xsl:stylesheet>
