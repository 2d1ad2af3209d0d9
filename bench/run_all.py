"""Run every benchmark in bench/ one after another; each prints its own side-by-side table."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCHMARKS = ["scan_aws.py", "scan_paths.py"]


def main() -> int:
    """Run the benchmarks; the exit status is the first failure's, else 0."""
    here = Path(__file__).resolve().parent
    for name in BENCHMARKS:
        print(f"== {name}", flush=True)
        status = subprocess.call([sys.executable, str(here / name)])
        if status:
            return status
    return 0


if __name__ == "__main__":
    sys.exit(main())
