#!/usr/bin/env python3
"""Deterministic synthetic plan for the export benchmark: N events, P people, about 20 invitees each.

usage: gen_plan.py N_EVENTS N_PEOPLE OUT_DIR [SEED]
Writes OUT_DIR/plan.yaml: the shape of ../../shared/bench/gen_workload.py (events over 2025 in eleven
real time zones, 10% recurring weekly or monthly with COUNT 4-12, skewed attendance), as a Convene plan.
Uses only the standard library.
"""
import os, random, sys

ZONES = [("Africa/Kampala", "UG", 0.35, 32.58), ("Africa/Blantyre", "MW", -15.79, 35.01), ("Asia/Baghdad", "IQ", 33.31, 44.36),
         ("Europe/Helsinki", "FI", 60.17, 24.94), ("America/Toronto", "CA", 43.65, -79.38), ("America/Vancouver", "CA", 49.28, -123.12),
         ("America/New_York", "US", 40.71, -74.01), ("Asia/Dhaka", "BD", 23.81, 90.41), ("Asia/Jakarta", "ID", -6.21, 106.85),
         ("Asia/Manila", "PH", 14.60, 120.98), ("Asia/Kolkata", "IN", 28.61, 77.21)]
LEVELS = ["national", "regional", "state", "local", "civil-society", "youth", "research", "faith"]
KINDS = ["roundtable", "conference", "follow-up-dialogue", "working-group-meeting", "training", "summit"]

def main():
    n, people, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 7)
    os.makedirs(out, exist_ok=True)
    lines = ["workspace: bench", "organizer: {name: Bench Network, email: convenings@bench.example}", "organisations:"]
    for i, level in enumerate(LEVELS):
        key = "sector" if level in ("civil-society", "youth", "research", "faith") else "level"
        lines.append(f"  - {{id: org-{i}, name: Organisation {i}, country: UG, {key}: {level}}}")
    lines.append("people:")
    for p in range(people):
        zone = ZONES[p % len(ZONES)][0]
        lines.append(f"  - {{id: p{p}, name: Person {p}, email: p{p}@bench.example, organisation: org-{p % len(LEVELS)}, timezone: {zone}}}")
    venues = n // 20 + 1
    lines.append("venues:")
    for v in range(venues):
        zone, country, lat, lon = ZONES[v % len(ZONES)]
        lines.append(f"  - {{id: v{v}, name: Venue {v}, city: City {v}, country: {country}, timezone: {zone}, geo: [{lat}, {lon}], capacity: 60}}")
    weights = [1.0 / (i + 1) ** 0.8 for i in range(people)]
    lines.append("events:")
    for i in range(n):
        v = rnd.randrange(venues)
        day = rnd.randrange(365)
        minute = 8 * 60 + 15 * rnd.randrange(40)
        length = 30 * rnd.randrange(2, 17)
        month, dom = divmod(day, 28)
        start = f"2025-{month % 12 + 1:02d}-{dom + 1:02d}T{minute // 60:02d}:{minute % 60:02d}"
        end_minute = min(minute + length, 23 * 60 + 59)
        end = f"2025-{month % 12 + 1:02d}-{dom + 1:02d}T{end_minute // 60:02d}:{end_minute % 60:02d}"
        lines += [f"  - id: ev-{i}", f"    kind: {rnd.choice(KINDS)}", f"    title: Event {i}", f"    venue: v{v}",
                  f"    start: {start}", f"    end: {end}"]
        if rnd.random() < 0.10:
            lines.append(f"    recurrence: {{rule: \"FREQ={rnd.choice(['WEEKLY', 'MONTHLY'])};COUNT={rnd.randrange(4, 13)}\"}}")
        invited = sorted(set(rnd.choices(range(people), weights=weights, k=rnd.randrange(10, 31))))
        lines.append("    invite: [" + ", ".join(f"{{person: p{p}}}" for p in invited) + "]")
    with open(os.path.join(out, "plan.yaml"), "w") as handle:
        handle.write("\n".join(lines) + "\n")

if __name__ == "__main__":
    main()
