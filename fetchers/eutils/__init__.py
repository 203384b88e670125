"""The one HTTP client for NCBI E-utilities: the only room that imports requests.

- ``client``      ``EutilsClient``: tool/email/api_key on every call, retries with backoff,
  esearch/efetch/esummary, the history server, a dead host given up on
- ``transport``   one HTTP exchange bounded in time and size (a dripping server is cut off)
- ``answers``     what an answer may be (retry, unreadable bytes, refusal); efetch XML checked
- ``esearch``     esearch JSON: a shape check, then the fields read
- ``secrets``     the API key and e-mail scrubbed from whatever a server echoes
- ``reach``       is the host there at all: connection failures counted across claims; the probe
- ``rate_limit``  one process-wide request spacing: 3 requests/s without a key, 10 with one
"""
