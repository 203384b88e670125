"""pytest fixtures for the E-utilities emulator (filled in by tests/emulator/server.py)."""
