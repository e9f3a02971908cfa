<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the edition's header → about.html. The header is the corpus's own
  (teiCorpus) or, failing that, the first document's that describes the encoding; Python
  chooses it. The page: the project description, the editorial principles, who is responsible,
  the licence, how to cite the edition, and (for editors) where the validation report is.

  Initial match selection: the TEI document whose header describes the edition.
  Parameters: $site (the manifest), $registers (where names link to).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:include href="html-attributes.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="../common/rules.xsl"/>
  <xsl:include href="manifest.xsl"/>
  <xsl:include href="entities.xsl"/>
  <xsl:include href="frame.xsl"/>
  <xsl:include href="text.xsl"/>
  <xsl:include href="citation.xsl"/>

  <xsl:param name="site" as="document-node()" required="yes"/>
  <xsl:param name="registers" as="document-node()" required="yes"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail" use-accumulators="#all"/>

  <xsl:template match="document-node()">
    <xsl:apply-templates select="*"/>
  </xsl:template>

  <xsl:template match="*">
    <xsl:variable name="header" as="element()?" select="tei:teiHeader"/>
    <xsl:variable name="edition" as="element(s:site)" select="$site/s:site"/>
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="tp:word('about')"/>
      <xsl:with-param name="site-title" select="tp:site-title($site)"/>
      <xsl:with-param name="head" as="element()*">
        <xsl:call-template name="tp:citation-head">
          <xsl:with-param name="citation" select="$edition/s:citation"/>
        </xsl:call-template>
      </xsl:with-param>
      <xsl:with-param name="content" as="node()*">
        <h1>{tp:word('about')}</h1>
        <xsl:for-each select="$header/tei:encodingDesc/tei:projectDesc[normalize-space()]">
          <section class="about-project" aria-labelledby="tp-about-project">
            <h2 id="tp-about-project">{tp:word('the-project')}</h2>
            <xsl:apply-templates select="node()" mode="tp:text"/>
          </section>
        </xsl:for-each>
        <xsl:for-each select="$header/tei:encodingDesc/tei:editorialDecl[normalize-space()]">
          <section class="about-principles" aria-labelledby="tp-about-principles">
            <h2 id="tp-about-principles">{tp:word('principles')}</h2>
            <xsl:apply-templates select="node()" mode="tp:text"/>
          </section>
        </xsl:for-each>
        <xsl:variable name="responsible" as="element()*"
          select="$header/tei:fileDesc/tei:titleStmt/tei:respStmt[tei:resp][normalize-space()]"/>
        <xsl:if test="exists($edition/s:editor) or exists($edition/@publisher) or exists($responsible)">
          <section class="about-responsibility" aria-labelledby="tp-about-responsibility">
            <h2 id="tp-about-responsibility">{tp:word('responsibility')}</h2>
            <dl class="metadata">
              <xsl:if test="exists($edition/s:editor)">
                <dt>{tp:word('edited-by')}</dt><dd>{string-join($edition/s:editor, ', ')}</dd>
              </xsl:if>
              <xsl:for-each select="$edition/@publisher[normalize-space()]">
                <dt>{tp:word('publisher')}</dt><dd>{.}</dd>
              </xsl:for-each>
              <xsl:for-each select="$responsible">
                <dt>{tp:plain(tei:resp)}</dt>
                <dd>{string-join((* except tei:resp) ! tp:plain(.)[. ne ''], ', ')}</dd>
              </xsl:for-each>
            </dl>
          </section>
        </xsl:if>
        <xsl:variable name="licence" as="element()*"
          select="$header/tei:fileDesc/tei:publicationStmt/tei:availability/tei:licence"/>
        <xsl:if test="exists($licence) or exists($edition/@licence)">
          <section class="about-licence" aria-labelledby="tp-about-licence">
            <h2 id="tp-about-licence">{tp:word('licence')}</h2>
            <xsl:for-each select="$edition/@licence[normalize-space()]">
              <p>
                <xsl:choose>
                  <xsl:when test="tp:is-web-url(.) and exists(tp:safe-href(.))"><a href="{tp:safe-href(.)}">{.}</a></xsl:when>
                  <xsl:otherwise>{.}</xsl:otherwise>
                </xsl:choose>
              </p>
            </xsl:for-each>
            <xsl:for-each select="$licence">
              <p>{tp:plain(.)}
                <xsl:for-each select="@target[tp:is-web-url(.)][exists(tp:safe-href(.))]">
                  (<a href="{tp:safe-href(.)}">{.}</a>)
                </xsl:for-each>
              </p>
            </xsl:for-each>
          </section>
        </xsl:if>
        <xsl:call-template name="tp:cite">
          <xsl:with-param name="citation" select="$edition/s:citation"/>
          <xsl:with-param name="heading" select="tp:word('how-to-cite')"/>
        </xsl:call-template>
        <section class="about-validation" aria-labelledby="tp-about-validation">
          <h2 id="tp-about-validation">{tp:word('for-editors')}</h2>
          <p>{tp:word('encoding-state')} <a href="validation.html">{tp:word('validation')}</a>
            (<a href="validation.json" type="application/json">{tp:word('as-json')}</a>).</p>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
