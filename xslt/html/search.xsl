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
      <xsl:with-param name="title" select="tp:word('search')"/>
      <xsl:with-param name="site-title" select="tp:site-title(root(.))"/>
      <xsl:with-param name="scripts" select="'search.js'"/>
      <xsl:with-param name="content" as="node()*">
        <h1>{tp:word('search')}</h1>
        <form class="search-form" id="tp-search-form" action="search.html" method="get"
              aria-label="{tp:word('search-documents')}">
          <p>
            <label for="tp-search-q">{tp:word('words-or-names')}</label>
            <input type="search" id="tp-search-q" name="q" autocomplete="off"/>
            <button type="submit">{tp:word('search-button')}</button>
          </p>
          <!-- Filled by search.js from the index: year, person, place, organisation, type,
               labelled with the words of data-*. -->
          <fieldset class="search-filters" id="tp-search-filters" hidden=""
                    data-year="{tp:word('year')}" data-person="{tp:word('person')}"
                    data-place="{tp:word('place')}" data-organisation="{tp:word('organisation')}"
                    data-type="{tp:word('document-type')}" data-any="{tp:word('any')}">
            <legend>{tp:word('only-documents-with')}</legend>
          </fieldset>
        </form>
        <!-- What search.js says here, in the page's language ({n} and {shown} are numbers it
             fills in; found-one or found-many by the language's plural rule). -->
        <p class="search-status" id="tp-search-status" role="status" aria-live="polite"
           data-prompt="{tp:word('search-prompt')}" data-searching="{tp:word('searching')}"
           data-found-one="{tp:word('found-one')}" data-found-many="{tp:word('found-many')}"
           data-found-first="{tp:word('found-first')}"
           data-unreadable="{replace(tp:word('search-unreadable'), '{help}', tp:word('how-to-search'), 'q')}"></p>
        <ol class="search-results" id="tp-search-results"></ol>
        <section class="search-help" id="tp-search-help" aria-labelledby="tp-search-help-heading">
          <h2 id="tp-search-help-heading">{tp:word('how-to-search')}</h2>
          <p>{tp:word('search-help')} <code>teipress serve</code> {tp:word('search-help-serve')}</p>
          <p>{tp:word('search-without')} <a href="index.html">{tp:word('index')}</a>{tp:word('search-registers')}
            <a href="persons.html">{tp:word('persons')}</a>, <a href="places.html">{tp:word('places')}</a>,
            <a href="organisations.html">{tp:word('organisations')}</a>.</p>
        </section>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
