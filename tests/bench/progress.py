"""Progress on stderr while the bench runs: stdout carries only the table."""

import sys
from datetime import datetime


def say(text: str) -> None:
    sys.stderr.write(f"[bench {datetime.now():%H:%M:%S}] {text}\n")
