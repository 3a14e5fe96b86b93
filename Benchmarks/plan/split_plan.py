#!/usr/bin/env python3
"""split_plan.py PLAN_DIR OUT_DIR N: the multi-file workspace layout of a one-file plan.

Writes OUT_DIR/plan.yaml (everything but the events: workspace, organizer, settings and the other
lists) and OUT_DIR/plan/events-KK.yaml, the `events:` list cut into N files at item boundaries."""
import os
import sys

source, out, pieces = sys.argv[1], sys.argv[2], int(sys.argv[3])
text = open(os.path.join(source, "plan.yaml"), encoding="utf-8").read()
head, events = text.split("\nevents:\n", 1)
items, current = [], []
for line in events.splitlines(keepends=True):
    if line.startswith("  - ") and current:
        items.append("".join(current))
        current = []
    current.append(line)
if current:
    items.append("".join(current))
os.makedirs(os.path.join(out, "plan"), exist_ok=True)
with open(os.path.join(out, "plan.yaml"), "w", encoding="utf-8") as f:
    f.write(head + "\n")
size = (len(items) + pieces - 1) // pieces
for k in range(pieces):
    with open(os.path.join(out, "plan", f"events-{k:02d}.yaml"), "w", encoding="utf-8") as f:
        f.write("events:\n" + "".join(items[k * size:(k + 1) * size]))
print(f"{len(items)} events in {pieces} files")
