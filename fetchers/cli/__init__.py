"""The `littrack` command: thin (parse options, call the library, print), one module per
command group, commands defined at module level.

- ``__main__``  ``python -m fetchers.cli``
- ``main``      the group, the commands it holds, user errors as one ``Error: ...`` line
- ``options``   options shared by several commands (--db, --outline, --json, --at, ...)
- ``outline``   ``outline check``, ``outline import``, ``outline history``
- ``explain``   ``outline explain``: why each of a claim's records matched
- ``fetch``     ``fetch``
- ``export``    ``export publications|summary|ris|screening``
- ``screening`` ``import screening``: the reviewers' sheet back into the store
- ``schedule``  ``schedule install|show|remove`` and the foreground ``scheduler``
- ``status``    ``status``
- ``digest``    ``digest``
- ``up``        ``up`` and ``dashboard``
- ``db``        ``db upgrade``, ``db version`` (the schema revision)
- ``screen``    ``screen simulate``: replay a labelled set through the priority order
- ``report``    ``report prisma|search-strategy|changes`` (PRISMA 2020 flow, PRISMA-S, changes)

Heavy libraries (SQLAlchemy, pandas, streamlit) are imported inside command callbacks only,
so ``littrack --help`` stays fast; tests/test_cli.py checks it. ``python -m fetchers.cli``
(the form crontabs installed by 0.1.0 run) goes through ``__main__``.
"""

from fetchers.cli.main import cli, main

__all__ = ["cli", "main"]
