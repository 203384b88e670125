"""The one HTTP client for NCBI E-utilities: the only room that imports requests.

- ``client``      ``EutilsClient``: tool/email/api_key on every call, retries with backoff,
  esearch/efetch/esummary, the history server, answers checked before they are trusted
- ``rate_limit``  one process-wide request spacing: 3 requests/s without a key, 10 with one
"""
