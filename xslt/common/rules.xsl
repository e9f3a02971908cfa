<?xml version="1.0" encoding="UTF-8"?>
<!--
  The TEI rules both editions and the catalogue share, one module each. Entry stylesheets
  include this module (and nothing else from common/).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:include href="readings.xsl"/>
  <xsl:include href="notes.xsl"/>
  <xsl:include href="plain.xsl"/>
  <xsl:include href="strings.xsl"/>
  <xsl:include href="dates.xsl"/>
  <xsl:include href="header.xsl"/>
  <xsl:include href="registers.xsl"/>
  <xsl:include href="pointers.xsl"/>

</xsl:stylesheet>
