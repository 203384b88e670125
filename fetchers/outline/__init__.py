"""YAML outlines: an article's topics and claims, each with its PubMed query. No HTTP, no
database.

- ``load``            load and validate outline YAML, with line and column in every error
- ``walker``          the validator's walk over PyYAML's node tree
- ``fields``          the outline's fields as tables (which keys each level takes)
- ``report``          an outline check's results; a claim's full query from subject and block
- ``query_syntax``    the query scanner and its structural checks (tags, parentheses, depth)
- ``query_blocks``    a query's terms, blocks and MeSH headings; its canonical form
- ``query_check``     the query lint: runs the rules of ``lint_rules``
- ``lint_rules``      the lint's rules, as a table
- ``lint_words``      the word lists and MeSH tables the rules read
- ``query_eval``      a claim's query evaluated locally on one record: why it matched
- ``query_record``    the record side of that: its fields, folded and split into words once
- ``id_limits``       how long an outline id may be
- ``article_import``  an article's plain text to a draft outline
"""
