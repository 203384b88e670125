"""PubMed XML bytes to records: streaming, checked against Bio.Entrez.read. No HTTP, no
database.

- ``records``          efetch answers and baseline files to PubmedRecord / DeletedCitation
- ``books``            PubmedBookArticle (Bookshelf documents) to PubmedRecord
- ``elements``         readers for the elements articles and books share
- ``dates``            PubMed's date shapes to (year, month, day) and ISO text
- ``design``           a record's design, flags and species by store.evidence.design_rules
- ``limits``           bounds on a PMID and on text sizes
- ``skip_references``  a byte stream without the reference lists littrack does not store
- ``errors``           what the parsers report
"""
