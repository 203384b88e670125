"""Every file littrack writes for a reviewer.

- ``run``       one export end to end: options, the safe atomic writer, the notes sidecar
- ``csv_file``  CSV with a BOM and the formula guard
- ``ris_file``  RIS entries for reference managers
- ``notes``     the notes sidecar with NCBI's disclaimer
- ``prisma_svg`` the PRISMA 2020 flow diagram as SVG
- ``reports``   `littrack report`: the flow (SVG, PNG, CSV), search strategy and changes files
"""
