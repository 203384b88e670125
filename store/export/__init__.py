"""Every file littrack writes for a reviewer, through one path.

- ``options``          one export's options as one value (``ExportOptions``) and the kinds
- ``run``              one export end to end, for the CLI and the dashboard alike: check the
  options, write the rows, the notes file beside them
- ``files``            the one safe file writer: atomic, through symlinks, refusing FIFOs and
  devices
- ``csv_file``         CSV with a BOM and the formula guard; the publications and summary columns
- ``ris_file``         RIS entries for reference managers, as field tables
- ``screening_sheet``  the sheet reviewers fill in Excel (read back by store.screening.sheet)
- ``notes``            the notes sidecar with NCBI's disclaimer
- ``prisma_svg``       the PRISMA 2020 flow diagram as SVG
- ``reports``          ``littrack report``: the flow (SVG, PNG, CSV), search strategy, changes
"""
