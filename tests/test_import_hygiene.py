"""The domain never imports Textual: ingest, engine and store must work without a UI."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["newsreader", "newsreader.core.model", "newsreader.cli"],
)
def test_domain_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"
