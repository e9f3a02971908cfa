<?xml version="1.0" encoding="UTF-8"?>
<!--
  Interface words in English, German and French: the one table every page takes its headings and
  labels from. The language is the edition's (teipress.toml [edition] language, carried by the
  site manifest as s:site/@language); the text of the documents keeps its own xml:lang.

  Needs a global $site (the manifest document) in the including stylesheet.
  tp:word('key') gives the word; a key missing from a language falls back to English, a key
  missing altogether is an error when the stylesheet runs (so a typo cannot go unnoticed).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:s="urn:teipress:site"
  xmlns:tp="urn:teipress"
  exclude-result-prefixes="#all"
  expand-text="yes">

  <xsl:variable name="tp:words" as="map(xs:string, map(xs:string, xs:string))" select="map {
    'skip':            map { 'en': 'Skip to content', 'de': 'Zum Inhalt springen', 'fr': 'Aller au contenu' },
    'nav':             map { 'en': 'Edition', 'de': 'Edition', 'fr': 'Édition' },
    'documents':       map { 'en': 'Documents', 'de': 'Dokumente', 'fr': 'Documents' },
    'pages':           map { 'en': 'About the edition', 'de': 'Zur Edition', 'fr': 'À propos de l’édition' },
    'persons':         map { 'en': 'Persons', 'de': 'Personen', 'fr': 'Personnes' },
    'places':          map { 'en': 'Places', 'de': 'Orte', 'fr': 'Lieux' },
    'organisations':   map { 'en': 'Organisations', 'de': 'Organisationen', 'fr': 'Organisations' },
    'bibliography':    map { 'en': 'Bibliography', 'de': 'Bibliographie', 'fr': 'Bibliographie' },
    'validation':      map { 'en': 'Validation report', 'de': 'Validierungsbericht', 'fr': 'Rapport de validation' },
    'edited-by':       map { 'en': 'Edited by', 'de': 'Herausgegeben von', 'fr': 'Édité par' },
    'licence':         map { 'en': 'Licence', 'de': 'Lizenz', 'fr': 'Licence' },
    'date':            map { 'en': 'Date', 'de': 'Datum', 'fr': 'Date' },
    'document':        map { 'en': 'Document', 'de': 'Dokument', 'fr': 'Document' },
    'download':        map { 'en': 'Download', 'de': 'Download', 'fr': 'Téléchargement' },
    'text':            map { 'en': 'Text', 'de': 'Text', 'fr': 'Texte' },
    'undated':         map { 'en': 'undated', 'de': 'undatiert', 'fr': 'non daté' },
    'not-before':      map { 'en': 'not before', 'de': 'nicht vor', 'fr': 'pas avant' },
    'not-after':       map { 'en': 'not after', 'de': 'nicht nach', 'fr': 'pas après' },
    'uncertain':       map { 'en': 'uncertain', 'de': 'unsicher', 'fr': 'incertain' },
    'from':            map { 'en': 'From', 'de': 'Von', 'fr': 'De' },
    'to':              map { 'en': 'To', 'de': 'An', 'fr': 'À' },
    'in-order':        map { 'en': 'in chronological order', 'de': 'in zeitlicher Folge', 'fr': 'par ordre chronologique' },
    'no-documents':    map { 'en': 'No documents have been published yet.', 'de': 'Noch keine Dokumente veröffentlicht.', 'fr': 'Aucun document publié.' },
    'contents':        map { 'en': 'Contents', 'de': 'Inhalt', 'fr': 'Table des matières' },
    'volume':          map { 'en': 'Volume', 'de': 'Band', 'fr': 'Volume' },
    'entries':         map { 'en': 'entries', 'de': 'Einträge', 'fr': 'entrées' },
    'entry':           map { 'en': 'entry', 'de': 'Eintrag', 'fr': 'entrée' },
    'no-entries':      map { 'en': 'No entries.', 'de': 'Keine Einträge.', 'fr': 'Aucune entrée.' },
    'initials':        map { 'en': 'Initials', 'de': 'Anfangsbuchstaben', 'fr': 'Initiales' },
    'also-known-as':   map { 'en': 'Also known as', 'de': 'Auch', 'fr': 'Aussi' },
    'life':            map { 'en': 'Life', 'de': 'Lebensdaten', 'fr': 'Vie' },
    'born':            map { 'en': 'born', 'de': 'geboren', 'fr': 'né(e)' },
    'died':            map { 'en': 'died', 'de': 'gestorben', 'fr': 'mort(e)' },
    'type':            map { 'en': 'Type', 'de': 'Art', 'fr': 'Type' },
    'coordinates':     map { 'en': 'Coordinates', 'de': 'Koordinaten', 'fr': 'Coordonnées' },
    'note':            map { 'en': 'Note', 'de': 'Anmerkung', 'fr': 'Note' },
    'authority-files': map { 'en': 'Authority files', 'de': 'Normdaten', 'fr': 'Notices d’autorité' },
    'mentioned-in':    map { 'en': 'Mentioned in', 'de': 'Erwähnt in', 'fr': 'Mentionné dans' },
    'in-metadata':     map { 'en': 'Named in the description of', 'de': 'Genannt in den Angaben zu', 'fr': 'Nommé dans la description de' },
    'mentions':        map { 'en': 'mentions', 'de': 'Erwähnungen', 'fr': 'mentions' },
    'files-checked':   map { 'en': 'files checked against', 'de': 'Dateien geprüft gegen', 'fr': 'fichiers vérifiés avec' },
    'project-rules':   map { 'en': 'and the project’s rules', 'de': 'und die Regeln des Projekts', 'fr': 'et les règles du projet' },
    'valid':           map { 'en': 'valid', 'de': 'gültig', 'fr': 'valide' },
    'invalid':         map { 'en': 'invalid', 'de': 'ungültig', 'fr': 'invalide' },
    'errors':          map { 'en': 'errors', 'de': 'Fehler', 'fr': 'erreurs' },
    'warnings':        map { 'en': 'warnings', 'de': 'Warnungen', 'fr': 'avertissements' },
    'file':            map { 'en': 'File', 'de': 'Datei', 'fr': 'Fichier' },
    'all-findings':    map { 'en': 'Every finding, for tools', 'de': 'Alle Befunde, maschinenlesbar', 'fr': 'Tous les résultats, pour les outils' },
    'first-findings':  map { 'en': 'First findings per file', 'de': 'Erste Befunde je Datei', 'fr': 'Premiers résultats par fichier' },
    'more-findings':   map { 'en': 'more in', 'de': 'weitere in', 'fr': 'autres dans' },
    'line':            map { 'en': 'Line', 'de': 'Zeile', 'fr': 'Ligne' },
    'severity':        map { 'en': 'Severity', 'de': 'Schwere', 'fr': 'Gravité' },
    'rule':            map { 'en': 'Rule', 'de': 'Regel', 'fr': 'Règle' },
    'message':         map { 'en': 'Message', 'de': 'Meldung', 'fr': 'Message' },
    'read':            map { 'en': 'Read', 'de': 'Lesen', 'fr': 'Lire' },
    'not-published':   map { 'en': 'not published in this edition', 'de': 'nicht in dieser Edition veröffentlicht', 'fr': 'non publié dans cette édition' },
    'summary':         map { 'en': 'Summary', 'de': 'Zusammenfassung', 'fr': 'Résumé' },
    'source':          map { 'en': 'Source', 'de': 'Quelle', 'fr': 'Source' },
    'repository':      map { 'en': 'Repository', 'de': 'Aufbewahrungsort', 'fr': 'Lieu de conservation' },
    'provenance':      map { 'en': 'Provenance', 'de': 'Provenienz', 'fr': 'Provenance' },
    'translator':      map { 'en': 'Translator', 'de': 'Übersetzung', 'fr': 'Traduction' },
    'notes':           map { 'en': 'Notes', 'de': 'Anmerkungen', 'fr': 'Notes' },
    'page-address':    map { 'en': 'Address of this page', 'de': 'Adresse dieser Seite', 'fr': 'Adresse de cette page' },
    'permalink':       map { 'en': 'Link to this passage', 'de': 'Link zu dieser Stelle', 'fr': 'Lien vers ce passage' },
    'register':        map { 'en': 'Register', 'de': 'Register', 'fr': 'Index' },
    'tei-source':      map { 'en': 'TEI source (XML)', 'de': 'TEI-Quelle (XML)', 'fr': 'Source TEI (XML)' },
    'plain-text':      map { 'en': 'Plain text', 'de': 'Reiner Text', 'fr': 'Texte brut' },
    'plain-text-diplomatic': map { 'en': 'Plain text, diplomatic', 'de': 'Reiner Text, diplomatisch', 'fr': 'Texte brut, diplomatique' },
    'previous':        map { 'en': 'Previous', 'de': 'Vorheriges', 'fr': 'Précédent' },
    'next':            map { 'en': 'Next', 'de': 'Nächstes', 'fr': 'Suivant' },
    'previous-next':   map { 'en': 'Previous and next document', 'de': 'Vorheriges und nächstes Dokument', 'fr': 'Document précédent et suivant' },
    'diplomatic-view': map { 'en': 'Diplomatic view', 'de': 'Diplomatische Ansicht', 'fr': 'Vue diplomatique' },
    'also':            map { 'en': 'also:', 'de': 'auch:', 'fr': 'aussi :' },
    'image':           map { 'en': 'image', 'de': 'Bild', 'fr': 'image' },
    'image-missing':   map { 'en': 'image not included', 'de': 'Bild nicht enthalten', 'fr': 'image non incluse' },
    'mention':         map { 'en': 'mention', 'de': 'Erwähnung', 'fr': 'mention' },
    'document-one':    map { 'en': 'document', 'de': 'Dokument', 'fr': 'document' },
    'document-many':   map { 'en': 'documents', 'de': 'Dokumente', 'fr': 'documents' },
    'more':            map { 'en': 'more', 'de': 'weitere', 'fr': 'de plus' },
    'role-sender':     map { 'en': 'Sender of', 'de': 'Absender von', 'fr': 'Expéditeur de' },
    'role-recipient':  map { 'en': 'Recipient of', 'de': 'Empfänger von', 'fr': 'Destinataire de' },
    'role-author':     map { 'en': 'Author of', 'de': 'Verfasser von', 'fr': 'Auteur de' },
    'role-editor':     map { 'en': 'Editor of', 'de': 'Herausgeber von', 'fr': 'Éditeur de' },
    'role-translator': map { 'en': 'Translator of', 'de': 'Übersetzer von', 'fr': 'Traducteur de' },
    'correspondence':  map { 'en': 'Correspondence', 'de': 'Korrespondenz', 'fr': 'Correspondance' },
    'in-network':      map { 'en': 'In the correspondence network', 'de': 'Im Korrespondenznetz', 'fr': 'Dans le réseau de correspondance' }
  }"/>

  <xsl:variable name="tp:ui-language" as="xs:string"
    select="(normalize-space($site/s:site/@language)[. = ('en', 'de', 'fr')], 'en')[1]"/>

  <xsl:function name="tp:word" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:variable name="entry" as="map(xs:string, xs:string)?" select="$tp:words($key)"/>
    <xsl:if test="empty($entry)">
      <xsl:message terminate="yes" error-code="tp:no-word">words.xsl: no interface word '{$key}'</xsl:message>
    </xsl:if>
    <xsl:sequence select="($entry($tp:ui-language), $entry('en'))[1]"/>
  </xsl:function>

</xsl:stylesheet>
