"""What `make install` leaves behind: dependencies that resolve without a warning."""

from __future__ import annotations

import subprocess
import sys


def test_install_resolves_every_dependency_without_a_warning() -> None:
    # jusText asks for `lxml[html_clean]`; lxml declares the extra as `html-clean`. A pip
    # older than 23.3 does not normalise extra names and warns on every install
    # ("lxml ... does not provide the extra 'html_clean'"); `make install` upgrades pip.
    found = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--dry-run", "--no-index", "watchfloor[test]"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert "does not provide the extra" not in found.stderr, found.stderr
