<?xml version="1.0" encoding="UTF-8"?>
<!--
  Search on every page: a plain GET form to search.html (works without script, also from disk),
  and the Content-Security-Policy of a page that runs the edition's own search script.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="urn:teipress"
  xmlns:s="urn:teipress:site"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- Pages with scripts (only the search page): scripts from the edition's own files only, no
       inline script; 'wasm-unsafe-eval' because Pagefind's index reader is WebAssembly, and
       connect-src 'self' for it to fetch the index. Nothing else is relaxed. -->
  <xsl:variable name="tp:csp-scripts" as="xs:string"
    select="&quot;; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'&quot;"/>

  <xsl:template name="tp:search-box" as="element(form)">
    <form class="site-search" role="search" action="search.html" method="get">
      <label for="tp-site-search">{tp:word('search')}</label>
      <input type="search" id="tp-site-search" name="q" autocomplete="off"/>
      <button type="submit">{tp:word('search-button')}</button>
    </form>
  </xsl:template>

  <!-- On a document page: what Pagefind records besides the text (s:search of the manifest,
       from src/teipress/search.py): the date shown in results, and the filters (year, type,
       person, place, organisation). Empty elements, so nothing here is indexed as text. -->
  <xsl:template name="tp:search-data" as="element(div)?">
    <xsl:param name="record" as="element()?"/>
    <xsl:variable name="search" as="element(s:search)?" select="$record/s:search"/>
    <xsl:if test="exists($search)">
      <div class="search-data" hidden="">
        <xsl:for-each select="$search/@date">
          <span data-pagefind-meta="date:{.}"></span>
        </xsl:for-each>
        <xsl:for-each select="$search/s:filter">
          <span data-pagefind-filter="{@name}:{@value}"></span>
        </xsl:for-each>
      </div>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
