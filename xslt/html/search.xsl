<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the site manifest → search.html. The form works as a plain GET form; the
  edition's own search.js (the only script of the edition) reads the Pagefind index and shows
  results and filters. Without script, or opened from disk where browsers refuse to fetch the
  index, the page says how to search instead.

  Initial match selection: the manifest (s:site document). No parameters.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:output method="html" html-version="5" encoding="UTF-8" indent="no" include-content-type="no"/>

  <xsl:include href="html-attributes.xsl"/>
  <xsl:include href="manifest.xsl"/>
  <xsl:include href="frame.xsl"/>

  <xsl:mode on-no-match="fail" on-multiple-match="fail"/>

  <!-- The frame reads the manifest as $site; here it is the initial match selection itself. -->
  <xsl:global-context-item as="document-node()" use="required"/>
  <xsl:variable name="site" as="document-node()" select="."/>

  <xsl:template match="document-node()">
    <xsl:apply-templates select="s:site"/>
  </xsl:template>

  <xsl:template match="s:site">
    <xsl:call-template name="tp:page">
      <xsl:with-param name="title" select="'Search'"/>
      <xsl:with-param name="site-title" select="tp:site-title(root(.))"/>
      <xsl:with-param name="scripts" select="'search.js'"/>
      <xsl:with-param name="content" as="node()*">
        <h1>Search</h1>
        <form class="search-form" id="tp-search-form" action="search.html" method="get"
              aria-label="Search the documents">
          <p>
            <label for="tp-search-q">Words or names</label>
            <input type="search" id="tp-search-q" name="q" autocomplete="off"/>
            <button type="submit">Search</button>
          </p>
          <!-- Filled by search.js from the index: year, person, place, organisation, type. -->
          <fieldset class="search-filters" id="tp-search-filters" hidden="">
            <legend>Only documents with</legend>
          </fieldset>
        </form>
        <p class="search-status" id="tp-search-status" role="status" aria-live="polite"></p>
        <ol class="search-results" id="tp-search-results"></ol>
        <section class="search-help" id="tp-search-help" aria-labelledby="tp-search-help-heading">
          <h2 id="tp-search-help-heading">How to search</h2>
          <p>The search runs in your browser and needs JavaScript and the edition served over
            HTTP: browsers do not let a page opened from disk read the search index. Run
            <code>teipress serve</code> in the edition's folder and open the address it prints,
            or publish the output folder on a web server.</p>
          <p>Without search, every document is listed by date on the <a
            href="index.html">index</a>, and the registers of <a href="persons.html">persons</a>,
            <a href="places.html">places</a> and <a href="organisations.html">organisations</a>
            link each name to the documents that mention it.</p>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
