#!/usr/bin/env python3
"""Split Candor's held-out candor-check set into a tuning half and a test half.

Reads tests/candor_heldout/all.tsv and writes tests/candor_heldout/tuning.tsv and
tests/candor_heldout/test.tsv. The split is fixed: random.Random(20261203) shuffles the
honest rows and the evasive rows separately (in that order); the first half of each
shuffled group goes to tuning, the rest to test. Rows keep their order from all.tsv
inside each half, and each half keeps all.tsv's header plus a line naming the half.

    scripts/split-heldout.py           write both halves
    scripts/split-heldout.py --check   only compare: exit 1 if either half on disk
                                       differs from what the split gives

Standard library only.
"""

import random
import sys
from pathlib import Path

SEED = 20261203
ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "tests" / "candor_heldout"
NOTES = {
    "tuning": "# TUNING half (scripts/split-heldout.py, seed 20261203): rules may be tuned on these rows.",
    "test": "# TEST half (scripts/split-heldout.py, seed 20261203): score it as it is; it must never"
    " be edited to fit a rule, and no rule may be tuned to it.",
}


def read(path):
    header, rows = [], []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            header.append(line)
        elif line.strip():
            fields = line.split("\t")
            if len(fields) not in (3, 4) or not fields[0] or not fields[1]:
                sys.exit(f"{path}:{number}: expected sentence, expected, source[, context]")
            rows.append(line)
    return header, rows


def split(rows):
    rng = random.Random(SEED)
    tuning = set()
    for honest in (True, False):
        group = [i for i, row in enumerate(rows) if (row.split("\t")[1] == "honest") == honest]
        rng.shuffle(group)
        tuning.update(group[: len(group) // 2])
    return (
        [row for i, row in enumerate(rows) if i in tuning],
        [row for i, row in enumerate(rows) if i not in tuning],
    )


def main():
    header, rows = read(DIR / "all.tsv")
    halves = dict(zip(("tuning", "test"), split(rows)))
    stale = []
    for name, part in halves.items():
        text = "\n".join(header + [NOTES[name]] + part) + "\n"
        path = DIR / f"{name}.tsv"
        if "--check" in sys.argv[1:]:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
            honest = sum(1 for row in part if row.split("\t")[1] == "honest")
            print(f"{path.relative_to(ROOT)}: {len(part)} rows, {honest} honest, {len(part) - honest} evasive")
    if stale:
        sys.exit("differs from the fixed split: " + ", ".join(stale))


if __name__ == "__main__":
    main()
