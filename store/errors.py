"""Every error a user can act on, in one tree. The CLI prints each as one `Error: ...` line
and exits non-zero; any other exception is a bug and keeps its traceback.

The classes live here, at the bottom layer, so that the store, every fetchers room and the
CLI share one tree without importing each other; each module that raises one imports it from
here (and so still exposes it under its old name, e.g. ``fetchers.ops.digest.DigestError``).

::

    LittrackError                   anything with a message meant for the user
    ├── StoreError                  the database could not be opened, read or written
    │   ├── FetchLockedError        another fetch holds the fetch lock (store.db.lock)
    │   └── SchemaTooNewError       a newer littrack upgraded the database (store.db.migrations)
    ├── ExportError                 export options that do not match the database (store.export.run)
    ├── ScreeningError              a decision that cannot be recorded (store.screening.decisions)
    ├── SheetError                  a sheet that cannot be imported (store.screening.sheet)
    ├── OutlineError                an outline that cannot be read or does not validate
    ├── OutlineImportError          an article that cannot become a draft outline
    ├── PubmedXMLError              truncated, malformed or non-PubMed XML
    ├── EutilsError                 E-utilities kept failing, or refused the request
    │   └── UnreadableAnswerError   the same unreadable (or too large) answer: split the batch
    ├── UnknownClaimError           --claim names an id the outline does not have
    ├── ExplainError                a claim or its records cannot be explained (`outline explain`)
    ├── FetchLockLostError          another fetch took this run's lock over (or its deadline passed)
    ├── ScheduleError               the schedule could not be installed, read or removed
    └── DigestError                 a bad --since, or the digest could not be sent
"""

from __future__ import annotations


class LittrackError(Exception):
    """Base for every error with a message meant for the user."""


class StoreError(LittrackError):
    """The database could not be opened, read or written."""


class FetchLockedError(StoreError):
    """Another fetch holds the database's fetch lock."""


class SchemaTooNewError(StoreError):
    """The database was upgraded by a newer littrack than this one."""


class ExportError(LittrackError):
    """An export's options do not match the database."""


class ScreeningError(LittrackError):
    """A screening decision that cannot be recorded as given."""


class SheetError(LittrackError):
    """A screening sheet that cannot be imported; `problems` lists every bad row."""

    def __init__(self, message: str, problems: list[str] | tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


class OutlineError(LittrackError):
    """An outline file that cannot be read or does not validate."""


class OutlineImportError(LittrackError):
    """The article could not be turned into a draft outline."""


class PubmedXMLError(LittrackError):
    """The XML is truncated, malformed, or not a PubMed article set."""


class EutilsError(LittrackError):
    """E-utilities kept failing after all retries, or refused the request outright."""


class UnreadableAnswerError(EutilsError):
    """The same ids got the same unreadable answer twice (bad bytes, not a bad network), or
    an answer too large to read: asking again is pointless, asking for fewer ids may help."""


class UnknownClaimError(LittrackError):
    """--claim named an id the outline does not have."""


class FetchLockLostError(LittrackError):
    """Another fetch took this run's lock over (it judged the run dead), or the run passed
    its deadline and released the lock: the run must not write again."""


class ScheduleError(LittrackError):
    """The schedule could not be installed, read or removed."""


class DigestError(LittrackError):
    """Bad --since, or the digest could not be sent."""


class ExplainError(LittrackError):
    """The claim or its records cannot be explained (`littrack outline explain`)."""


class EutilsUnreachableError(EutilsError):
    """The E-utilities host gave no HTTP answer at all (refused, name not resolved, timed
    out) so many times in a row that retrying claim after claim would only burn the night."""
