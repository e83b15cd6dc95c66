"""The hostile-input and fault suite (see conftest.py)."""
