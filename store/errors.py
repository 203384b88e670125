"""Errors a user can act on. The CLI prints them as one `Error: ...` line and exits non-zero;
anything else is a bug and keeps its traceback."""

from __future__ import annotations


class LittrackError(Exception):
    """Base for every error with a message meant for the user."""


class StoreError(LittrackError):
    """The database could not be opened, read or written."""


class FetchLockedError(StoreError):
    """Another fetch holds the database's fetch lock."""


class FetchLockLostError(StoreError):
    """The run's fetch lock was taken over (or released at its deadline): it must not write."""
