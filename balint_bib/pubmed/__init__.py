"""PubMed: PMIDs and PMCIDs from NCBI E-utilities (ECitMatch, ESearch, ESummary) and the
PMC ID converter, every hit verified field by field with the Crossref matcher's rules."""
