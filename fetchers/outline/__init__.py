"""YAML outlines: an article's topics and claims, each with its PubMed query. No HTTP, no
database.

- ``load``            load and validate outline YAML, with line and column in every error
- ``query_check``     the query lint: structure, tags, the rules of ``lint_rules``
- ``lint_rules``      the lint's rules and word lists, as data
- ``query_eval``      a claim's query evaluated locally on one record: why it matched
- ``id_limits``       how long an outline id may be
- ``article_import``  an article's plain text to a draft outline
"""
