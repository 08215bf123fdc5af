"""Publishing syllabi to a Zotero group library through the Zotero Web API v3."""
