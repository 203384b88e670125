"""Page parts the pages share; pages themselves are in ``dashboard/views/``.

- ``widgets``           numbers, chart-with-table, the guarded CSV download, the freshness banner
- ``filters``           the sidebar filters (topic, claim, design, years) and download file names
- ``highlight``         a record's title and abstract with the query terms it matched marked
- ``identity``          who is screening: the OIDC user or a name kept for the session
- ``screening_panels``  the screening counts, direction chart and retraction alert panels
- ``query_history``     a claim's query versions with what each edit gained and lost
- ``prisma``            the PRISMA 2020 flow diagram with its SVG, PNG and CSV downloads
- ``priority``          the Screen page's "what is left" panel and stopping message; estimated
                        relevant records on the claim and overview pages
- ``decide``            the Screen page's decision panel: one key per choice, nothing preselected
- ``evidence_map``      the evidence map as a table: claims × designs, one scale, verdict marks
- ``claim_panels``      the claim page's panels, each from one cached read
- ``first_screen``      the overview's first screen drawn before the rest of the page
"""
