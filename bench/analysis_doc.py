"""Re-run every command pasted in docs/analysis.md and paste its real output back.

Usage: .venv/bin/python bench/analysis_doc.py [--check] [--only TEXT]

Each fenced ``text`` block of docs/analysis.md whose first line is ``$ resilience ...`` (with
``\\`` continuation lines) is a command and its output. The script runs each command in a
scratch folder holding a copy of docs/examples/minerals-club.toml, in a terminal 100 columns
wide, and replaces the output under it. The walk-through's first steps ran on the file's first
draft, before the instructor set its victory thresholds: a block preceded by the line
``<!-- run on: draft -->`` runs on a copy without the ``decisive``, ``marginal`` and
``stalemate`` lines.

The prose around the blocks quotes some figures: read the diff after a run and bring the prose
in line. ``--check`` exits with status 1 if any output differs (nothing is written);
``--only TEXT`` re-runs only the commands containing TEXT.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "analysis.md"
EXAMPLE = ROOT / "docs" / "examples" / "minerals-club.toml"
DRAFT_MARK = "<!-- run on: draft -->"
BLOCK = re.compile(r"^```text\n(?P<body>.*?)^```\n", re.S | re.M)
THRESHOLD_LINE = re.compile(r"^(decisive|marginal|stalemate)\s*=.*\n", re.M)


def _command(body: str) -> tuple[str, int] | None:
    """The command a block starts with (without ``$ ``) and how many lines it spans."""
    lines = body.splitlines()
    if not lines or not lines[0].startswith("$ resilience "):
        return None
    used = 1
    text = lines[0][2:]
    while text.endswith("\\") and used < len(lines):
        text = text[:-1] + " " + lines[used].strip()
        used += 1
    return text, used


def _run(command: str, folder: Path) -> str:
    argv = shlex.split(command)
    argv[0] = str(Path(sys.executable).with_name("resilience"))
    env = dict(os.environ, COLUMNS="100", LINES="40", NO_COLOR="1", TERM="dumb")
    done = subprocess.run(argv, cwd=folder, env=env, capture_output=True, text=True, check=False)
    return done.stderr + done.stdout


def regenerate(doc: str, work: Path, only: str | None) -> str:
    final, draft = work / "final", work / "draft"
    final.mkdir()
    draft.mkdir()
    source = EXAMPLE.read_text(encoding="utf-8")
    (final / EXAMPLE.name).write_text(source, encoding="utf-8")
    (draft / EXAMPLE.name).write_text(THRESHOLD_LINE.sub("", source), encoding="utf-8")
    out: list[str] = []
    at = 0
    for match in BLOCK.finditer(doc):
        out.append(doc[at : match.start()])
        at = match.end()
        body = match.group("body")
        found = _command(body)
        if found is None or (only is not None and only not in found[0]):
            out.append(match.group(0))
            continue
        command, used = found
        on_draft = doc[: match.start()].rstrip("\n").endswith(DRAFT_MARK)
        print(f"running: {command}{'  (draft)' if on_draft else ''}", file=sys.stderr)
        output = _run(command, draft if on_draft else final)
        output = "\n".join(line.rstrip() for line in output.splitlines())
        head = "\n".join(body.splitlines()[:used])
        out.append(f"```text\n{head}\n{output.rstrip()}\n```\n")
    out.append(doc[at:])
    return "".join(out)


def main() -> int:
    args = sys.argv[1:]
    check = "--check" in args
    only = args[args.index("--only") + 1] if "--only" in args else None
    doc = DOC.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        new = regenerate(doc, Path(scratch), only)
    if new == doc:
        print("docs/analysis.md: every output is as pasted", file=sys.stderr)
        return 0
    if check:
        print("docs/analysis.md: some outputs differ (run without --check)", file=sys.stderr)
        return 1
    DOC.write_text(new, encoding="utf-8")
    print("docs/analysis.md: outputs replaced; read the diff and fix the prose", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
