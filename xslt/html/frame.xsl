<?xml version="1.0" encoding="UTF-8"?>
<!--
  The page frame shared by every page: head (charset, viewport, Content-Security-Policy,
  title, edition.css), site header with the main navigation, <main>, footer.
  No script, no inline style, no external resource: the CSP below forbids them anyway.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:variable name="tp:csp" as="xs:string"
    select="&quot;default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'&quot;"/>

  <!-- Main navigation: key (used for aria-current), href, label. -->
  <xsl:variable name="tp:nav" as="array(xs:string)+" select="
    ['documents', 'index.html', 'Documents'],
    ['person', 'persons.html', 'Persons'],
    ['place', 'places.html', 'Places'],
    ['org', 'organisations.html', 'Organisations'],
    ['validation', 'validation.html', 'Validation']"/>

  <!-- A complete page.
       $title      page title (the <title> is "$title – $site-title" unless they are equal)
       $site-title the edition's title, shown in the banner
       $lang       language of the page (html/@lang)
       $current    which nav entry is this page: 'documents' | 'person' | 'place' | 'org' | ''
       $content    what goes into <main>
       $head       extra elements for <head> (citation meta tags, canonical link) -->
  <xsl:template name="tp:page" as="element(html)">
    <xsl:param name="title" as="xs:string"/>
    <xsl:param name="site-title" as="xs:string"/>
    <xsl:param name="lang" as="xs:string" select="'en'"/>
    <xsl:param name="current" as="xs:string" select="''"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="head" as="element()*" select="()"/>
    <html lang="{if (matches($lang, '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$')) then $lang else 'en'}">
      <head>
        <meta charset="utf-8"/>
        <meta http-equiv="Content-Security-Policy" content="{$tp:csp}"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="referrer" content="no-referrer"/>
        <title>{if ($title eq $site-title) then $title else $title || ' – ' || $site-title}</title>
        <link rel="stylesheet" href="edition.css"/>
        <link rel="stylesheet" href="readers.css"/>
        <xsl:sequence select="$head"/>
      </head>
      <body>
        <a class="skip-link" href="#tp-main">Skip to content</a>
        <header class="site-header">
          <p class="site-title"><a href="index.html">{$site-title}</a></p>
          <nav class="site-nav" aria-label="Edition">
            <ul>
              <xsl:for-each select="$tp:nav">
                <li>
                  <a href="{?2}">
                    <xsl:if test="?1 eq $current">
                      <xsl:attribute name="aria-current" select="'page'"/>
                    </xsl:if>
                    <xsl:value-of select="?3"/>
                  </a>
                </li>
              </xsl:for-each>
            </ul>
          </nav>
        </header>
        <main id="tp-main">
          <xsl:sequence select="$content"/>
        </main>
        <footer class="site-footer">
          <p>{$site-title}</p>
        </footer>
      </body>
    </html>
  </xsl:template>

</xsl:stylesheet>
