"""Text every reader shares (no database library).

- ``links``     PubMed and DOI URLs, built in one place
- ``markdown``  the Markdown escaper
- ``text``      plain-text helpers
"""
