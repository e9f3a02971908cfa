<?xml version="1.0" encoding="UTF-8"?>
<!--
  Tables. When every row fits on one line, as a grid of aligned columns separated by " | ",
  with rows marked role="label" underlined:

      No. | Name                    | Date
      ====+=========================+==============   (drawn with '-' and '+')
      1   | Mr. Seat to Mr. Gresham | 1894. Jan. 25

  Otherwise each row is one paragraph of its cells separated by " | ", wrapped with a hanging
  indent, and rows are separated by a blank line. (A grid with cells wrapped inside their
  columns would be easier on the eye, but it interleaves the lines of different cells, and
  the words of the text must stay in document order.) Cells that span rows or columns also
  get the paragraph layout, since they cannot be aligned. A page break inside or between
  rows is shown as "[p. N]" on a line before the row.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tei="http://www.tei-c.org/ns/1.0"
  xmlns:tp="urn:teipress"
  xmlns:array="http://www.w3.org/2005/xpath-functions/array"
  exclude-result-prefixes="#all">

  <xsl:variable name="tp:cell-gap" as="xs:string" select="' | '"/>

  <xsl:template match="tei:table" mode="tp:block" as="xs:string*">
    <xsl:param name="tp:margin" as="xs:integer" select="0" tunnel="yes"/>
    <xsl:variable name="rows" as="element()*" select="tei:row[tp:has-words(.)]"/>
    <!-- One array of cell texts per row. Page breaks are taken out of the cells: they are
         shown on a line of their own before the row (see $pages). -->
    <xsl:variable name="cells" as="array(xs:string)*">
      <xsl:for-each select="$rows">
        <xsl:variable name="texts" as="xs:string*">
          <xsl:for-each select="tei:cell">
            <xsl:variable name="flow" as="xs:string*">
              <xsl:apply-templates mode="tp:inline"/>
            </xsl:variable>
            <xsl:sequence select="string-join(tp:flow-lines(
                replace(string-join($flow), '&#xFDD4;\[[^\]]*\]', ' ')), ' ')"/>
          </xsl:for-each>
        </xsl:variable>
        <xsl:sequence select="array{ $texts }"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="pages" as="xs:string*" select="
        for $row in $rows
        return string-join((
            $row/preceding-sibling::tei:pb[following-sibling::tei:row[1] is $row],
            $row//tei:pb[tp:is-shown(.)]) ! tp:page-marker(.)[.], ' ')"/>
    <xsl:variable name="columns" as="xs:integer" select="max(($cells ! array:size(.), 0))"/>
    <xsl:variable name="room" as="xs:integer"
      select="$tp:width - $tp:margin - string-length($tp:cell-gap) * ($columns - 1)"/>
    <xsl:variable name="natural" as="xs:integer*" select="
        for $c in 1 to $columns
        return max(($cells ! tp:cell(., $c) ! tp:columns(.), 0))"/>
    <xsl:variable name="spans" as="xs:boolean"
      select="exists($rows/tei:cell[number(@cols) gt 1 or number(@rows) gt 1])"/>
    <xsl:variable name="widths" as="xs:integer*" select="
        if ($spans) then ()
        else if (sum($natural) le $room) then $natural
        else ()"/>
    <xsl:variable name="lines" as="xs:string*" select="
        if (empty($widths))
        then $cells ! tp:wrap(string-join(array:flatten(.)[.], $tp:cell-gap), $tp:width,
                              $tp:margin, $tp:margin + 2)
        else for $i in 1 to count($cells)
             return tp:grid-row($cells[$i], $widths, $tp:margin)
                    || (if (tp:is-label-row($rows[$i]) and not(tp:is-label-row($rows[$i + 1])))
                        then $tp:NL || tp:spaces($tp:margin)
                             || string-join($widths ! tp:repeat('-', .), '-+-')
                        else '')"/>
    <xsl:variable name="tight" as="xs:boolean"
      select="every $i in 1 to count($lines)
              satisfies (not(tp:is-multiline($lines[$i])) or tp:is-label-row($rows[$i]))"/>
    <xsl:apply-templates select="tei:head" mode="tp:block"/>
    <xsl:sequence select="
        for $i in 1 to count($lines)
        return (if ($i eq 1 and exists(tei:head) or $i gt 1 and $tight) then $tp:TIGHT else '')
               || (if ($pages[$i]) then tp:spaces($tp:margin) || $pages[$i] || $tp:NL else '')
               || $lines[$i]"/>
    <!-- Anything else in the table (a page break after the last row, a stray paragraph). -->
    <xsl:call-template name="tp:blocks">
      <xsl:with-param name="nodes"
        select="*[not(self::tei:row or self::tei:head)][not(self::tei:pb[following-sibling::tei:row])]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:function name="tp:cell" as="xs:string">
    <xsl:param name="row" as="array(xs:string)"/>
    <xsl:param name="column" as="xs:integer"/>
    <xsl:sequence select="if ($column le array:size($row)) then $row($column) else ''"/>
  </xsl:function>

  <xsl:function name="tp:is-label-row" as="xs:boolean">
    <xsl:param name="row" as="element()?"/>
    <xsl:sequence select="exists($row) and ($row/@role = 'label'
                          or (exists($row/tei:cell) and (every $c in $row/tei:cell satisfies $c/@role = 'label')))"/>
  </xsl:function>

  <!-- One row of the grid: each cell wrapped to its column, the lines side by side. -->
  <xsl:function name="tp:grid-row" as="xs:string">
    <xsl:param name="row" as="array(xs:string)"/>
    <xsl:param name="widths" as="xs:integer*"/>
    <xsl:param name="margin" as="xs:integer"/>
    <xsl:variable name="wrapped" as="array(xs:string*)" select="array:join(
        for $c in 1 to count($widths)
        return [tokenize(tp:wrap(tp:cell($row, $c), $widths[$c], 0), $tp:NL)[.]])"/>
    <xsl:variable name="height" as="xs:integer"
      select="max((for $c in 1 to count($widths) return count($wrapped($c)), 1))"/>
    <xsl:sequence select="string-join(
        for $line in 1 to $height
        return replace(tp:spaces($margin) || string-join(
                 for $c in 1 to count($widths)
                 return tp:pad(($wrapped($c)[$line], '')[1], $widths[$c]),
                 $tp:cell-gap), ' +$', ''),
        $tp:NL)"/>
  </xsl:function>

</xsl:stylesheet>
