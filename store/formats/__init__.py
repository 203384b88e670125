"""Text every reader shares (no database library).

- ``links``     PubMed and DOI URLs, built in one place
- ``markdown``  the Markdown escaper
- ``text``      plain-text helpers (one line, no control characters)
- ``cells``     the spreadsheet formula guard, and its undoing when a sheet comes back
"""
