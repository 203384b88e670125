"""Session fixtures with a database filled by the real fetch path (owned by the fetch job)."""
