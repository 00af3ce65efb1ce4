"""Helpers shared by the tests: functions, classes and constants that several test modules use.

Tests import them from here (`from tests.helpers.scene import item`), never from a
conftest.py (which holds only fixtures and hooks) nor from another test module, so moving or
renaming a test file breaks nothing else; tests/unit/test_tests_layout.py keeps it so.
The programs the tests start as child processes live here too (fake_exhibit.py, swap_child.py).
"""
