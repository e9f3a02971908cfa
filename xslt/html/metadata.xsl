<?xml version="1.0" encoding="UTF-8"?>
<!--
  The document's metadata, read from its teiHeader and shown as one <dl>:
  Date, From, To, Summary, Source, Repository, Provenance, Translator, Licence.
  A field is left out when the header has nothing for it; there are no empty <dd>s.
  Names and pointers inside fields go through mode tp:text, so they link to the registers
  exactly as in the text. Which date, sender and recipient: common/header.xsl, shared with
  the text edition and the catalogue.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <!-- dt + dd, or nothing when $content has no text. $label is the English word, its lower case
       the key of the interface word shown (words.xsl) and the class of the value. -->
  <xsl:template name="tp:field" as="element()*">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="content" as="node()*"/>
    <xsl:param name="class" as="xs:string" select="lower-case($label)"/>
    <xsl:if test="normalize-space(string-join($content ! string(.))) ne ''">
      <dt>{tp:word($class)}</dt>
      <dd class="{$class}">
        <xsl:sequence select="$content"/>
      </dd>
    </xsl:if>
  </xsl:template>

  <!-- "Name, Name (Place)" for a correspAction. -->
  <xsl:template name="tp:correspondent" as="node()*">
    <xsl:param name="action" as="element(tei:correspAction)?"/>
    <xsl:variable name="names" as="element()*" select="tp:party-names($action)"/>
    <xsl:variable name="places" as="element()*" select="tp:party-places($action)"/>
    <xsl:for-each select="$names">
      <xsl:if test="position() gt 1">; </xsl:if>
      <xsl:apply-templates select="." mode="tp:text"/>
    </xsl:for-each>
    <xsl:if test="exists($places)">
      <xsl:if test="exists($names)">
        <xsl:text> (</xsl:text>
      </xsl:if>
      <xsl:for-each select="$places">
        <xsl:if test="position() gt 1">, </xsl:if>
        <xsl:apply-templates select="." mode="tp:text"/>
      </xsl:for-each>
      <xsl:if test="exists($names)">)</xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- A source description as one citation. Prose (sourceDesc/p, a bibl with its own
       punctuation) is shown as encoded. A structured bibl prefers its note type="citation",
       followed by its URLs; otherwise its parts are joined with commas and its notes follow. -->
  <xsl:template name="tp:citation" as="node()*">
    <xsl:variable name="citation" as="element(tei:note)?" select="tei:note[@type = ('citation', 'cite')][1]"/>
    <xsl:variable name="urls" as="element()*"
      select="(.//tei:idno[tp:is-web-url(.)] | .//tei:ptr | .//tei:ref[@target])[not(ancestor::tei:note)]"/>
    <xsl:choose>
      <xsl:when test="self::tei:p or text()[normalize-space()]">
        <xsl:apply-templates mode="tp:text"/>
      </xsl:when>
      <xsl:when test="exists($citation)">
        <xsl:apply-templates select="$citation/node()" mode="tp:text"/>
        <xsl:for-each select="$urls">
          <xsl:text>. </xsl:text>
          <xsl:apply-templates select="." mode="tp:text"/>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="*[not(self::tei:note)][normalize-space() or self::tei:ptr]">
          <xsl:if test="position() gt 1">, </xsl:if>
          <xsl:choose>
            <xsl:when test="self::tei:respStmt">
              <xsl:value-of select="tp:plain(tei:resp)"/>
              <xsl:text>: </xsl:text>
              <xsl:for-each select="* except tei:resp">
                <xsl:if test="position() gt 1">, </xsl:if>
                <xsl:apply-templates select="." mode="tp:text"/>
              </xsl:for-each>
            </xsl:when>
            <xsl:otherwise>
              <xsl:apply-templates select="." mode="tp:text"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:for-each select="tei:note">
          <xsl:text> </xsl:text>
          <xsl:apply-templates select="." mode="tp:text"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Wien, ÖStA, HHStA, Staatskanzlei, Kongressakten, Kart. 17, I/2–3" -->
  <xsl:function name="tp:ms-identifier" as="xs:string">
    <xsl:param name="ms" as="element(tei:msDesc)"/>
    <xsl:variable name="id" as="element()?" select="$ms/tei:msIdentifier"/>
    <xsl:variable name="parts" as="element()*" select="$id/(tei:country | tei:region | tei:settlement
      | tei:institution | tei:repository | tei:collection | tei:idno[not(tei:idno)] | tei:idno/tei:idno | tei:msName)"/>
    <xsl:sequence select="string-join($parts ! tp:plain(.)[. ne ''], ', ')"/>
  </xsl:function>

  <xsl:template name="tp:metadata" as="element(dl)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="record" as="element(s:document)?"/>
    <xsl:variable name="header" as="element(tei:teiHeader)?" select="$tei/tei:teiHeader"/>
    <xsl:variable name="file" as="element(tei:fileDesc)?" select="$header/tei:fileDesc"/>
    <xsl:variable name="manuscripts" as="element(tei:msDesc)*" select="$file/tei:sourceDesc//tei:msDesc"/>
    <xsl:variable name="fields" as="element()*">

      <xsl:call-template name="tp:field">
        <xsl:with-param name="label" select="'Date'"/>
        <xsl:with-param name="content" select="tp:date-element($tei) ! tp:time(.)"/>
      </xsl:call-template>

      <xsl:call-template name="tp:field">
        <xsl:with-param name="label" select="'From'"/>
        <xsl:with-param name="content" as="node()*">
          <xsl:call-template name="tp:correspondent">
            <xsl:with-param name="action" select="tp:correspondent($tei, 'sent')"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>

      <xsl:call-template name="tp:field">
        <xsl:with-param name="label" select="'To'"/>
        <xsl:with-param name="content" as="node()*">
          <xsl:call-template name="tp:correspondent">
            <xsl:with-param name="action" select="tp:correspondent($tei, 'received')"/>
          </xsl:call-template>
        </xsl:with-param>
      </xsl:call-template>

      <xsl:call-template name="tp:field">
        <xsl:with-param name="label" select="'Summary'"/>
        <xsl:with-param name="content" as="node()*">
          <xsl:choose>
            <xsl:when test="normalize-space(string-join($header/tei:profileDesc/tei:abstract))">
              <xsl:apply-templates select="$header/tei:profileDesc/tei:abstract/node()" mode="tp:text"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="normalize-space($record/s:summary)"/>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>

      <xsl:for-each select="$file/tei:sourceDesc/(tei:bibl | tei:biblStruct | tei:biblFull | tei:listBibl/tei:bibl | tei:p)">
        <xsl:call-template name="tp:field">
          <xsl:with-param name="label" select="'Source'"/>
          <xsl:with-param name="content" as="node()*">
            <xsl:call-template name="tp:citation"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>

      <!-- Manuscripts: repository and shelfmark; with several, each one names its item. -->
      <xsl:for-each select="$manuscripts">
        <xsl:variable name="item" as="xs:string?" select="(tei:msContents/tei:msItem/tei:title ! tp:plain(.))[. ne ''][1]"/>
        <xsl:call-template name="tp:field">
          <xsl:with-param name="label" select="'Repository'"/>
          <xsl:with-param name="content" as="node()*">
            <xsl:if test="count($manuscripts) gt 1 and exists($item) and tp:ms-identifier(.) ne ''">
              <span class="ms-item">{$item}: </span>
            </xsl:if>
            <xsl:value-of select="tp:ms-identifier(.)"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>

      <xsl:for-each select="$manuscripts/tei:history/tei:provenance">
        <xsl:call-template name="tp:field">
          <xsl:with-param name="label" select="'Provenance'"/>
          <xsl:with-param name="content" as="node()*">
            <xsl:apply-templates select="node()" mode="tp:text"/>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>

      <!-- Translators, once each (the same respStmt often recurs in titleStmt and bibl). -->
      <xsl:call-template name="tp:field">
        <xsl:with-param name="label" select="'Translator'"/>
        <xsl:with-param name="content" as="node()*">
          <xsl:for-each-group select="$file//tei:respStmt[tei:resp[contains(lower-case(.), 'ransl')]]/(tei:persName | tei:name | tei:orgName)"
            group-by="tp:plain(.)">
            <xsl:if test="position() gt 1">, </xsl:if>
            <xsl:apply-templates select="." mode="tp:text"/>
          </xsl:for-each-group>
        </xsl:with-param>
      </xsl:call-template>

      <xsl:for-each select="$file/tei:publicationStmt/tei:availability">
        <xsl:variable name="licences" as="element(tei:licence)*" select="tei:licence"/>
        <xsl:call-template name="tp:field">
          <xsl:with-param name="label" select="'Licence'"/>
          <xsl:with-param name="content" as="node()*">
            <xsl:for-each select="$licences">
              <xsl:variable name="text" as="xs:string" select="tp:plain(.)"/>
              <xsl:variable name="href" as="xs:string?" select="tp:safe-href(@target)"/>
              <xsl:if test="position() gt 1"><br/></xsl:if>
              <xsl:if test="$text ne '' and $text ne normalize-space(@target)">
                <xsl:apply-templates mode="tp:text"/>
                <xsl:text> </xsl:text>
              </xsl:if>
              <xsl:choose>
                <xsl:when test="exists($href)">
                  <a class="url" href="{$href}" rel="license">{$href}</a>
                </xsl:when>
                <xsl:when test="$text eq normalize-space(@target)">{$text}</xsl:when>
              </xsl:choose>
            </xsl:for-each>
            <xsl:if test="empty($licences)">
              <xsl:apply-templates select="tei:p/node()" mode="tp:text"/>
            </xsl:if>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:variable>

    <xsl:if test="exists($fields)">
      <dl class="metadata">
        <xsl:sequence select="$fields"/>
      </dl>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
