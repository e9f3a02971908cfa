"""Exchanging TEI with archives and other projects: the exports (`teipress export FORMAT`)."""
