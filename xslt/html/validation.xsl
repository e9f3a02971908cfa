<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the validation report → validation.html, the state of the encoding as
  readers and archives see it: a summary, then each file with its findings (line, column,
  severity, rule, message), files with errors first.

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

  <!-- Findings listed per file on the page; a foreign corpus checked against a strict schema can
       have thousands, and the page must stay readable (the JSON keeps them all). -->
  <xsl:variable name="shown" as="xs:integer" select="200"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>
  <xsl:mode name="tp:finding-row" on-no-match="fail" on-multiple-match="fail"/>

  <xsl:template match="document-node()">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="v:validation">
    <xsl:variable name="site-title" as="xs:string" select="tp:site-title($site)"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="'Validation report'"/>
      <xsl:with-param name="site-title" select="$site-title"/>
      <xsl:with-param name="current" select="'validation'"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Validation report</h1>
        <xsl:apply-templates select="v:summary"/>
        <xsl:apply-templates select="v:file[@valid = 'false'], v:file[@valid = 'true'][v:finding],
                                     v:file[@valid = 'true'][empty(v:finding)]"/>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="v:summary">
    <p class="validation-summary">
      {@files} {if (@files = '1') then 'file' else 'files'} checked against
      <code>{../@schema}</code>{if (../@rules = 'true') then ' and the project’s rules' else ''}:
      <strong>{@valid} valid</strong>, {@errors} {if (@errors = '1') then 'error' else 'errors'},
      {@warnings} {if (@warnings = '1') then 'warning' else 'warnings'}.
      The same report as JSON: <a href="validation.json">validation.json</a>.
    </p>
  </xsl:template>

  <xsl:template match="v:file">
    <xsl:variable name="page" as="xs:string?" select="tp:safe-href(@page)"/>
    <section class="validation-file" id="file-{count(preceding-sibling::v:file) + 1}">
      <h2>
        <code>{@path}</code>
        <xsl:text> </xsl:text>
        <span class="{if (@valid = 'true') then 'verdict valid' else 'verdict invalid'}">
          {if (@valid = 'true') then 'valid' else 'invalid'}
        </span>
      </h2>
      <xsl:if test="exists($page)">
        <p><a href="{$page}">Read the document</a></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="empty(v:finding)">
          <p class="empty">No findings.</p>
        </xsl:when>
        <xsl:otherwise>
          <table class="findings">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Column</th>
                <th scope="col">Severity</th>
                <th scope="col">Rule</th>
                <th scope="col">Message</th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="v:finding[position() le $shown]" mode="tp:finding-row"/>
            </tbody>
          </table>
          <xsl:if test="count(v:finding) gt $shown">
            <p class="more">… and {count(v:finding) - $shown} more findings for this file, all listed in
              <a href="validation.json">validation.json</a>.</p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="v:finding" mode="tp:finding-row">
    <tr class="{@severity}">
      <td>{if (@line = '0') then '–' else @line}</td>
      <td>{if (@line = '0') then '–' else @column}</td>
      <td>{@severity}</td>
      <td><code>{@rule}</code></td>
      <td>{.}</td>
    </tr>
  </xsl:template>

</xsl:stylesheet>
