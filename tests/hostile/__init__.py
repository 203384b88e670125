"""A small hostile E-utilities server: each test scripts what it answers (see server.py)."""
