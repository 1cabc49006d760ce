"""Helpers the tests share. Test modules import from here, never from each other or from
conftest.py (which holds the fixtures and imports its helpers from here too)."""
from pathlib import Path

#: The test courses and other input files.
FIXTURES = Path(__file__).parent.parent / "fixtures"
