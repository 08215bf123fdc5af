"""BibTeX: reading .bib text into records, splitting names, decoding LaTeX, and editing
files in place. The only part of the package that imports bibtexparser."""
