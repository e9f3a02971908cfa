<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page frame shared by every page: head (charset, viewport, Content-Security-Policy,
  title, edition.css), site header with the readers' navigation, <main>, footer with the
  edition's editors, publisher, licence and (for editors) the validation report.
  No script, no inline style, no external resource: the CSP below forbids them anyway.
  Needs a global $site (the manifest) in the including stylesheet, for the interface words.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:include href="../common/words.xsl"/>

  <xsl:variable name="tp:csp" as="xs:string"
    select="&quot;default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'&quot;"/>

  <xsl:include href="search-box.xsl"/>

  <!-- Readers' navigation: key (used for aria-current), href, word. Registers without entries
       and the edition's pages (introduction…) only when there are any. The validation report is
       for editors: linked from the footer only. -->
  <xsl:variable name="tp:nav" as="array(xs:string)*" select="
    ['documents', 'index.html', 'documents'],
    $site/s:site/s:page[@kind = 'page'][1] ! ['pages', string(@href), 'pages'],
    ['person', 'persons.html', 'persons'][$site/s:site/s:entity/@kind = 'person'],
    ['place', 'places.html', 'places'][$site/s:site/s:entity/@kind = 'place'],
    ['org', 'organisations.html', 'organisations'][$site/s:site/s:entity/@kind = 'org'],
    ['bibl', 'bibliography.html', 'bibliography'][$site/s:site/s:entity/@kind = 'bibl']"/>

  <!-- A complete page.
       $title      page title (the <title> is "$title – $site-title" unless they are equal)
       $site-title the edition's title, shown in the banner
       $lang       language of the page (html/@lang)
       $current    which nav entry is this page: 'documents' | 'person' | 'place' | 'org' | ''
       $content    what goes into <main>
       $head       extra elements for <head> (citation meta tags, canonical link)
       $scripts    the edition's own script files the page runs (only the search page has any)
       $address    the page's address, printed in the footer (print only): its canonical URL when
                   the edition has a base URL, else the page's file name as the caller gives it -->
  <xsl:template name="tp:page" as="element(html)">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="site-title" as="xs:string"/>
    <xsl:param name="lang" as="xs:string" select="$tp:ui-language"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="head" as="element()*" select="()"/>
    <xsl:param name="scripts" as="xs:string*" select="()"/>
    <xsl:param name="address" as="xs:string?" select="$head/self::link[@rel = 'canonical']/@href"/>
    <html lang="{if (matches($lang, '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')) then $lang else 'en'}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$tp:csp}{if (exists($scripts)) then $tp:csp-scripts else ''}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="no-referrer"/>
        <title>{if ($title eq $site-title) then $title else $title || ' – ' || $site-title}</title>
        <link rel="stylesheet" href="edition.css"/>
        <link rel="stylesheet" href="readers.css"/>
        <xsl:sequence select="$head"/>
        <xsl:for-each select="$scripts">
          <script type="module" src="{.}"></script>
        </xsl:for-each>
      </head>
      <body>
        <a class="skip-link" href="#tp-main">{tp:word('skip')}</a>
        <header class="site-header" lang="{$tp:ui-language}">
          <p class="site-title"><a href="index.html">{$site-title}</a></p>
          <nav class="site-nav" aria-label="{tp:word('nav')}">
            <ul>
              <xsl:for-each select="$tp:nav">
                <li>
                  <a href="{?2}">
                    <xsl:if test="?1 eq $current">
                      <xsl:attribute name="aria-current" select="'page'"/>
                    </xsl:if>
                    <xsl:value-of select="tp:word(?3)"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
          <xsl:call-template name="tp:search-box"/>
        </header>
        <main id="tp-main">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site-footer" lang="{$tp:ui-language}">
          <xsl:variable name="edition" as="element(s:site)?" select="$site/s:site"/>
          <p>{string-join(($site-title, $edition/@subtitle[normalize-space()]), ': ')}</p>
          <xsl:if test="$edition/s:editor">
            <p>{tp:word('edited-by')} {string-join($edition/s:editor, ', ')}</p>
          </xsl:if>
          <xsl:for-each select="$edition/@publisher[normalize-space()]">
            <p>{.}</p>
          </xsl:for-each>
          <xsl:for-each select="$edition/@licence[normalize-space()]">
            <p>{tp:word('licence')}:
              <xsl:choose>
                <xsl:when test="tp:is-web-url(.) and exists(tp:safe-href(.))"><a href="{tp:safe-href(.)}">{.}</a></xsl:when>
                <xsl:otherwise>{.}</xsl:otherwise>
              </xsl:choose>
            </p>
          </xsl:for-each>
          <xsl:for-each select="$address[normalize-space()]">
            <p class="page-address">{tp:word('page-address')}: <span class="url">{.}</span></p>
          </xsl:for-each>
          <p class="about-link"><a href="about.html">About this edition</a></p>
          <p class="validation-link"><a href="validation.html">
            <xsl:if test="$current eq 'validation'">
              <xsl:attribute name="aria-current" select="'page'"/>
            </xsl:if>{tp:word('validation')}</a></p>
        </footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
