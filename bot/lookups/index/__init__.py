"""The Alphabetic Indexes as a coder works them: main term, subterms, cross-references, tables."""
