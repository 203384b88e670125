"""The pages, one file each (Streamlit runs them as scripts; dashboard/navigation.py lists them).

- ``overview``      the article, topic cards, the evidence map
- ``claim``         one topic or claim: trends, designs, the query, the newest records
- ``new``           records new this week (or since a date) across every claim
- ``publications``  every stored record, filtered, sorted, downloadable
- ``screen``        one claim's records, one at a time, for a named reviewer
- ``fetch_status``  run history and per-claim fetch state
- ``empty``         shown while the store has no data or needs an upgrade
"""
