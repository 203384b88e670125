"""The Streamlit dashboard: the only package that imports streamlit. It reads the store and
never calls NCBI; it writes only screening decisions (the Screen page).

- ``app``         the app: opens the store, builds the navigation
- ``navigation``  the page list
- ``views/``      the pages, one file each
- ``parts/``      page parts the pages share (widgets, filters, panels)
- ``data``        the only cache decorators, over the store's read side
- ``live``        the Screen page's uncached live reads and its one write
- ``charts``      DataFrame → Plotly figure, pure
- ``urlstate``    a page's filters in the URL, so views can be shared
"""
