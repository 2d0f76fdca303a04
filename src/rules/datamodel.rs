//! The BibTeX and BibLaTeX data models (entry types, required and known fields).
