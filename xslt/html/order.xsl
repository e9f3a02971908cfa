<?xml version="1.0" encoding="UTF-8"?>
<!--
  Entry stylesheet: the documents of a site manifest in reading order (tp:sorted-documents, the
  order of the index page), one id per line. Run once per build on the whole manifest, so
  that each document page is given only its neighbours instead of sorting every document
  itself (src/teipress/build/context.py).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <xsl:include href="manifest.xsl"/>

  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:template match="/">
    <!-- standalone documents by date, then each volume's documents in the volume's order (the
         manifest's), so that prev/next (tp:reading-order) finds its neighbours in the slice -->
    <xsl:value-of select="(tp:sorted-documents(s:site/s:document[not(normalize-space(@volume))]),
                           s:site/s:document[normalize-space(@volume)]) ! string(@id)" separator="&#10;"/>
  </xsl:template>

</xsl:stylesheet>
