<?xml version="1.0" encoding="UTF-8"?>
<!--
  The entries of registers (person, place, org …, and the entries of a document's own
  registers in back: bibl, event …): how an entry is named and what is said about it. Both
  editions show a document's registers as a register section of their own, never as text
  (tp:is-register in readings.xsl), and the HTML register pages use the same names.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- All name elements of an entry, preferred first: @type='preferred', else document order. -->
  <xsl:function name="tp:entity-names" as="element()*">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="names" as="element()*" select="$entity/(tei:persName | tei:placeName | tei:orgName | tei:name)"/>
    <xsl:variable name="preferred" as="element()?" select="($names[@type = 'preferred'], $names)[1]"/>
    <xsl:sequence select="$preferred, $names except $preferred"/>
  </xsl:function>

  <!-- A name as it reads ("Robert F. Kennedy"); parts are kept in their encoded order. -->
  <xsl:function name="tp:name-string" as="xs:string">
    <xsl:param name="name" as="element()?"/>
    <xsl:sequence select="if (empty($name)) then '' else tp:plain($name)"/>
  </xsl:function>

  <!-- The heading of a register entry. Structured person names read surname first:
       "Dobrynin, Anatoly Fyodorovich", "du Plessis, Armand Emmanuel, duc de Richelieu"
       (forenames, add/gen names and name links in encoded order; role names after a comma).
       Other names as written; the xml:id when the entry has no name at all. -->
  <xsl:function name="tp:entity-label" as="xs:string" cache="yes">
    <xsl:param name="entity" as="element()"/>
    <xsl:variable name="name" as="element()?" select="tp:entity-names($entity)[1]"/>
    <xsl:variable name="surname" as="xs:string" select="string-join($name/tei:surname ! tp:plain(.), ' ')"/>
    <xsl:variable name="given" as="xs:string"
      select="string-join($name/(tei:forename | tei:addName | tei:genName | tei:nameLink) ! tp:plain(.), ' ')"/>
    <xsl:variable name="roles" as="xs:string*" select="$name/tei:roleName ! tp:plain(.)"/>
    <xsl:sequence select="
      if ($entity/(self::tei:bibl | self::tei:biblStruct)) then tp:work-label($entity)
      else if (empty($name)) then string($entity/@xml:id)
      else if ($surname ne '') then string-join(($surname, $given, $roles)[. ne ''], ', ')
      else (tp:name-string($name)[. ne ''], string($entity/@xml:id))[1]"/>
  </xsl:function>

  <!-- A work of a bibliography named short: its first title, else its first words. -->
  <xsl:function name="tp:work-label" as="xs:string">
    <xsl:param name="work" as="element()"/>
    <xsl:variable name="words" as="xs:string*"
      select="tokenize((tp:plain(($work//tei:title)[1])[.], tp:plain($work), string($work/@xml:id))[1], '\s+')"/>
    <xsl:sequence select="string-join(subsequence($words, 1, 8), ' ') || (if (count($words) gt 8) then ' …' else '')"/>
  </xsl:function>

  <!-- The label of any register entry: a person, place or organisation by its name
       (tp:entity-label), any other entry (bibl, event, object …) by its words. -->
  <xsl:function name="tp:entry-label" as="xs:string">
    <xsl:param name="entry" as="element()"/>
    <xsl:sequence select="if ($entry/(self::tei:person | self::tei:personGrp | self::tei:place | self::tei:org))
                          then tp:entity-label($entry)
                          else (tp:plain($entry/(tei:label, tei:head)[1]), tp:plain($entry))[.][1]"/>
  </xsl:function>

  <!-- The entries of a register: its element children other than its head (a nested list is
       a group of entries). -->
  <xsl:function name="tp:register-entries" as="element()*">
    <xsl:param name="register" as="element()"/>
    <xsl:sequence select="$register/*[not(self::tei:head)]
                          ! (if (tp:is-list-like(.)) then tp:register-entries(.) else .)"/>
  </xsl:function>

  <!-- "Persons", "Places" …: the register's own head, else its kind. -->
  <xsl:function name="tp:register-title" as="xs:string">
    <xsl:param name="register" as="element()"/>
    <xsl:sequence select="(tp:plain($register/tei:head[1])[.],
        map { 'listPerson': 'Persons', 'listPlace': 'Places', 'listOrg': 'Organisations',
              'listBibl': 'Bibliography', 'listEvent': 'Events', 'listNym': 'Names',
              'listRelation': 'Relations', 'listObject': 'Objects' }(local-name($register)),
        'Register')[1]"/>
  </xsl:function>

</xsl:stylesheet>
