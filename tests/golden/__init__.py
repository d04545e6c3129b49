"""Golden HTML cases for tests/test_exercise_golden.py (a package so its conftest does not shadow tests/conftest.py)."""
