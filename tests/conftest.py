"""Shared test setup.

Hypothesis is imported at collection time rather than left to its pytest plugin, which imports
it lazily while printing the session summary. On CPython 3.11.7 that late import, made from deep
inside pytest's hooks after the feed tests, trips an interpreter bug ("AST constructor recursion
depth mismatch") and turns a green run of a test subset into exit code 1.
"""

import hypothesis  # noqa: F401
