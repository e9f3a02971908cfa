<?xml version="1.0" encoding="UTF-8"?>
<!--
  Layout functions of the plain-text edition: measuring, wrapping, padding, aligning and
  joining blocks. Nothing here knows about TEI.

  Inline rendering (mode tp:inline) returns a "flow": a string with ordinary whitespace plus
  the control characters below. tp:flow-lines resolves them into hard lines, tp:layout wraps
  those lines into a block, and tp:join-blocks puts blocks together. The control characters
  are Unicode noncharacters (U+FDD0..U+FDD5), which Unicode reserves for internal use, so they
  cannot clash with the text of a document; tp:finish removes any that survive.
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all">

  <!-- Removes the whitespace and line breaks before it: a note marker sits on the word it
       follows, even after a line element ("Lewis Baker.[11]"). -->
  <xsl:variable name="tp:GLUE" as="xs:string" select="'&#xFDD0;'"/>
  <!-- A hard line break inside a block (lb in verse, closers, headings, preserved space). -->
  <xsl:variable name="tp:BREAK" as="xs:string" select="'&#xFDD1;'"/>
  <!-- Removes the whitespace on both sides: lb/pb with break="no" inside a word. -->
  <xsl:variable name="tp:JOIN" as="xs:string" select="'&#xFDD2;'"/>
  <!-- At the start of a block: join it to the block before with a newline, not a blank line. -->
  <xsl:variable name="tp:TIGHT" as="xs:string" select="'&#xFDD3;'"/>

  <!-- Marks a page marker "[p. N]", so that a table can move it out of its cell. -->
  <xsl:variable name="tp:PAGE" as="xs:string" select="'&#xFDD4;'"/>

  <!-- A space that never breaks a line ("[p. 12]"); tp:wrap turns it into a space. -->
  <xsl:variable name="tp:NBSP" as="xs:string" select="'&#xFDD5;'"/>

  <xsl:variable name="tp:NL" as="xs:string" select="'&#10;'"/>

  <xsl:function name="tp:repeat" as="xs:string">
    <xsl:param name="char" as="xs:string"/>
    <xsl:param name="count" as="xs:integer"/>
    <xsl:sequence select="string-join(for $i in 1 to $count return $char)"/>
  </xsl:function>

  <xsl:function name="tp:spaces" as="xs:string">
    <xsl:param name="count" as="xs:integer"/>
    <xsl:sequence select="tp:repeat(' ', $count)"/>
  </xsl:function>

  <!-- Columns a string takes: combining marks (\p{M}) take none, so "ḗ" written as e + two
       marks is one column, as on screen. -->
  <xsl:function name="tp:columns" as="xs:integer">
    <xsl:param name="text" as="xs:string"/>
    <xsl:sequence select="string-length(replace($text, '\p{M}', ''))"/>
  </xsl:function>

  <!-- Pads on the right to $width columns (never truncates). -->
  <xsl:function name="tp:pad" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:sequence select="$text || tp:spaces($width - tp:columns($text))"/>
  </xsl:function>

  <!-- Wraps $text (whitespace is normalised) into lines of at most $width columns, every line
       starting with $indent spaces. Words are never split: a word longer than the room gets a
       line of its own. Returns the lines joined by newlines, or "" when there are no words. -->
  <xsl:function name="tp:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:param name="indent" as="xs:integer"/>
    <xsl:sequence select="tp:wrap($text, $width, $indent, $indent)"/>
  </xsl:function>

  <!-- The same with a hanging indent: the first line starts at $first, the others at $rest. -->
  <xsl:function name="tp:wrap" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:param name="first" as="xs:integer"/>
    <xsl:param name="rest" as="xs:integer"/>
    <!-- Most text has no combining marks: then a column is a character, and a line can be cut
         from the text at once instead of word by word. -->
    <xsl:variable name="lines" as="xs:string*"
      select="if (matches($text, '\p{M}')) then tp:wrapped-marked($text, $width, $first, $rest)
              else tp:wrapped(normalize-space($text), max(($width - $first, 1)), max(($width - $rest, 1)))"/>
    <xsl:sequence select="translate(string-join(
        for $i in 1 to count($lines)
        return tp:spaces(if ($i eq 1) then $first else $rest) || $lines[$i],
        $tp:NL), $tp:NBSP, ' ')"/>
  </xsl:function>

  <!-- The lines of normalised text without combining marks: the first at most $room
       characters, the others at most $rest-room; each the longest run of whole words that
       fits (the text up to the last space that fits), or one word longer than the room. -->
  <xsl:function name="tp:wrapped" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="room" as="xs:integer"/>
    <xsl:param name="rest-room" as="xs:integer"/>
    <xsl:variable name="length" as="xs:integer" select="string-length($text)"/>
    <xsl:iterate select="1 to $length">
      <xsl:param name="from" as="xs:integer" select="1"/>
      <xsl:param name="fits" as="xs:integer" select="$room"/>
      <xsl:choose>
        <xsl:when test="$from gt $length">
          <xsl:break/>
        </xsl:when>
        <xsl:when test="$length - $from lt $fits">
          <xsl:sequence select="substring($text, $from)"/>
          <xsl:break/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="chunk" as="xs:string" select="substring($text, $from, $fits + 1)"/>
          <xsl:variable name="line" as="xs:string" select="
              if (substring($chunk, $fits + 1) eq ' ') then substring($chunk, 1, $fits)
              else if (contains($chunk, ' ')) then replace($chunk, '^(.*) .*$', '$1')
              else substring-before(substring($text, $from) || ' ', ' ')"/>
          <xsl:sequence select="$line"/>
          <xsl:next-iteration>
            <xsl:with-param name="from" select="$from + string-length($line) + 1"/>
            <xsl:with-param name="fits" select="$rest-room"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- The same word by word, measuring each word's columns (tp:columns). -->
  <xsl:function name="tp:wrapped-marked" as="xs:string*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:param name="first" as="xs:integer"/>
    <xsl:param name="rest" as="xs:integer"/>
    <xsl:iterate select="tokenize($text)">
      <xsl:param name="line" as="xs:string" select="''"/>
      <xsl:param name="used" as="xs:integer" select="0"/>
      <xsl:param name="room" as="xs:integer" select="max(($width - $first, 1))"/>
      <xsl:on-completion>
        <xsl:sequence select="$line[$used gt 0]"/>
      </xsl:on-completion>
      <xsl:variable name="word" as="xs:integer"
        select="tp:columns(.)"/>
      <xsl:choose>
        <xsl:when test="$used eq 0">
          <xsl:next-iteration>
            <xsl:with-param name="line" select="string(.)"/>
            <xsl:with-param name="used" select="$word"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:when test="$used + 1 + $word le $room">
          <xsl:next-iteration>
            <xsl:with-param name="line" select="$line || ' ' || ."/>
            <xsl:with-param name="used" select="$used + 1 + $word"/>
          </xsl:next-iteration>
        </xsl:when>
        <xsl:otherwise>
          <xsl:sequence select="$line"/>
          <xsl:next-iteration>
            <xsl:with-param name="line" select="string(.)"/>
            <xsl:with-param name="used" select="$word"/>
            <xsl:with-param name="room" select="max(($width - $rest, 1))"/>
          </xsl:next-iteration>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:iterate>
  </xsl:function>

  <!-- Resolves the control characters of a flow and returns its hard lines, each with its
       whitespace normalised; empty lines are dropped. Punctuation that follows a break
       (the comma after <signed>…</signed>) stays on the line before it. -->
  <xsl:function name="tp:flow-lines" as="xs:string*">
    <xsl:param name="flow" as="xs:string"/>
    <!-- A space next to a no-break space (indentation before "&#xA0;;" in French) is one
         space, the no-break one. -->
    <xsl:variable name="spaced" select="tp:closed-up(tp:collapsed(translate($flow, $tp:PAGE, '')), '&#xA0;', '&#xA0;')"/>
    <xsl:variable name="joined" select="tp:closed-up($spaced, '&#xFDD2;', '')"/>
    <!-- A glue character takes away the spaces and breaks before it. -->
    <xsl:variable name="glued" as="xs:string" select="if (not(contains($joined, $tp:GLUE))) then $joined
        else let $parts := tokenize($joined, $tp:GLUE)
             return string-join((subsequence($parts, 1, count($parts) - 1) ! tp:trim-end(., ' ' || $tp:BREAK),
                                 $parts[last()]))"/>
    <xsl:variable name="lines" as="xs:string*" select="tokenize($glued, $tp:BREAK)"/>
    <!-- The regular expression runs only when a line after a break starts with punctuation. -->
    <xsl:variable name="attached" as="xs:string*"
      select="if (not(some $line in subsequence($lines, 2)
                      satisfies substring(normalize-space($line), 1, 1) = (',', '.', ';', ':')))
              then $lines
              else tokenize(replace($glued, '&#xFDD1;[ &#xFDD1;]*([,.;:]+)( |&#xFDD1;|$)', '$1$2'), $tp:BREAK)"/>
    <xsl:sequence select="$attached ! normalize-space(.)[.]"/>
  </xsl:function>

  <!-- Lays a flow out as a block: each hard line wrapped to $width, starting at column
       $margin (continuation lines at $margin + $hang), aligned 'left', 'center' or 'right'
       within the room between $margin and $width. Empty sequence when there is no text. -->
  <xsl:function name="tp:layout" as="xs:string?">
    <xsl:param name="flow" as="xs:string"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:param name="margin" as="xs:integer"/>
    <xsl:param name="hang" as="xs:integer"/>
    <xsl:param name="align" as="xs:string"/>
    <xsl:variable name="lines" as="xs:string*" select="tp:flow-lines($flow)"/>
    <xsl:if test="exists($lines)">
      <xsl:sequence select="string-join(
          for $line in $lines
          return if ($align eq 'left')
                 then tp:wrap($line, $width, $margin, $margin + $hang)
                 else string-join(
                        tokenize(tp:wrap($line, $width - $margin, 0), $tp:NL)
                          ! tp:align(., $align, $margin, $width),
                        $tp:NL),
          $tp:NL)"/>
    </xsl:if>
  </xsl:function>

  <!-- Places one line (no leading spaces) centred or flush right between $margin and $width. -->
  <xsl:function name="tp:align" as="xs:string">
    <xsl:param name="line" as="xs:string"/>
    <xsl:param name="align" as="xs:string"/>
    <xsl:param name="margin" as="xs:integer"/>
    <xsl:param name="width" as="xs:integer"/>
    <xsl:variable name="free" as="xs:integer" select="max(($width - $margin - tp:columns($line), 0))"/>
    <xsl:sequence select="tp:spaces($margin + (if ($align eq 'right') then $free else $free idiv 2))
                          || $line"/>
  </xsl:function>

  <!-- Puts $label (a bullet, a number, "[3]", "Date:") in front of a block whose lines start
       at $margin + $hang. If the label does not fit in the hang, it gets a line of its own. -->
  <xsl:function name="tp:label" as="xs:string">
    <xsl:param name="label" as="xs:string"/>
    <xsl:param name="block" as="xs:string?"/>
    <xsl:param name="margin" as="xs:integer"/>
    <xsl:param name="hang" as="xs:integer"/>
    <xsl:variable name="first" as="xs:string" select="substring-before(($block, '')[1] || $tp:NL, $tp:NL)"/>
    <xsl:variable name="lead" as="xs:integer"
      select="string-length($first) - string-length(replace($first, '^ +', ''))"/>
    <xsl:sequence select="
        if (not(normalize-space($block)))
        then tp:spaces($margin) || $label
        else if (tp:columns($label) lt $hang and $lead ge $margin + $hang)
        then tp:spaces($margin) || tp:pad($label, $hang) || substring($block, $margin + $hang + 1)
        else tp:spaces($margin) || $label || $tp:NL || $block"/>
  </xsl:function>

  <!-- Underlines a (possibly wrapped) heading with $char, as long as its longest line. -->
  <xsl:function name="tp:underline" as="xs:string?">
    <xsl:param name="block" as="xs:string?"/>
    <xsl:param name="char" as="xs:string"/>
    <xsl:param name="margin" as="xs:integer"/>
    <xsl:if test="normalize-space($block)">
      <xsl:variable name="longest" as="xs:integer"
        select="max(tokenize($block, $tp:NL) ! (tp:columns(.) - $margin))"/>
      <xsl:sequence select="$block || $tp:NL || tp:spaces($margin) || tp:repeat($char, $longest)"/>
    </xsl:if>
  </xsl:function>

  <!-- Joins rendered blocks with one blank line, or with a plain newline before a block that
       starts with tp:TIGHT. Empty blocks are skipped. -->
  <xsl:function name="tp:join-blocks" as="xs:string">
    <xsl:param name="blocks" as="xs:string*"/>
    <xsl:variable name="kept" as="xs:string*"
      select="$blocks[normalize-space(translate(., $tp:TIGHT, ''))]"/>
    <xsl:sequence select="string-join(
        for $i in 1 to count($kept)
        return (if ($i eq 1) then ''
                else if (starts-with($kept[$i], $tp:TIGHT)) then $tp:NL
                else $tp:NL || $tp:NL)
               || translate($kept[$i], $tp:TIGHT, ''))"/>
  </xsl:function>

  <!-- Has the block more than one line? Lists and notes use it to choose between a compact
       layout and one with blank lines between entries. -->
  <xsl:function name="tp:is-multiline" as="xs:boolean">
    <xsl:param name="block" as="xs:string?"/>
    <xsl:sequence select="contains(($block, '')[1], $tp:NL)"/>
  </xsl:function>

  <!-- Final clean-up of the whole edition: no control characters, no trailing spaces, and
       exactly one newline at the end. -->
  <xsl:function name="tp:finish" as="xs:string">
    <xsl:param name="text" as="xs:string"/>
    <xsl:variable name="clean" select="translate($text, '&#xFDD5;&#xFDD0;&#xFDD1;&#xFDD2;&#xFDD3;&#xFDD4;', ' ')"/>
    <xsl:variable name="trimmed" select="string-join(tokenize($clean, $tp:NL) ! tp:trim-end(., ' '), $tp:NL)"/>
    <xsl:sequence select="tp:trim-end($trimmed, '&#x20;&#x9;&#xA;&#xD;') || $tp:NL"/>
  </xsl:function>

</xsl:stylesheet>
