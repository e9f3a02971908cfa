<?xml version="1.0" encoding="UTF-8"?>
<!--
  The pictures of the corpus (timeline, correspondence, map) as the index and the picture pages
  name them: a small navigation, and the index's timeline (s:site/s:timeline, an SVG that Python
  drew) with it.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:variable name="tp:pictures" as="array(xs:string)+" select="
    ['timeline', 'corpus-timeline.html', 'timeline'],
    ['network', 'corpus-network.html', 'correspondence'],
    ['map', 'corpus-map.html', 'map']"/>

  <xsl:template name="tp:picture-nav" as="element(nav)">
    <xsl:param name="current" as="xs:string" select="''"/>
    <nav class="picture-nav" aria-label="{tp:word('pictures')}">
      <ul>
        <xsl:for-each select="$tp:pictures">
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
  </xsl:template>

  <!-- On the index: the documents per year, then the way to the other pictures. -->
  <xsl:template name="tp:index-pictures" as="element(section)?">
    <xsl:param name="site" as="element(s:site)"/>
    <xsl:if test="exists($site/s:timeline/*)">
      <section class="corpus-pictures" aria-labelledby="tp-pictures-heading">
        <h2 id="tp-pictures-heading">{tp:word('at-a-glance')}</h2>
        <xsl:copy-of select="$site/s:timeline/*" copy-namespaces="no"/>
        <xsl:call-template name="tp:picture-nav"/>
      </section>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
