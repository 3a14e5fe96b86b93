#!/usr/bin/env python3
"""Independent check of exported calendars with Python icalendar (not our parser).

usage: ical_instants.py FILE.ics...
Parses every file, fails on any parse error or on a VEVENT that icalendar flags, and prints JSON:
{"files": N, "events": {UID: {"start": UTC ISO, "end": UTC ISO, "sequence": N, "method": M, "all_day": bool}}}
"""
import json, sys
from datetime import date, datetime, time, timezone
import icalendar

def utc(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise SystemExit(f"floating time {value} in an export")
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()

def main():
    events = {}
    for path in sys.argv[1:]:
        with open(path, "rb") as handle:
            cal = icalendar.Calendar.from_ical(handle.read())
        method = str(cal.get("method", ""))
        for component in cal.walk():
            if component.errors:
                raise SystemExit(f"{path}: {component.name}: {component.errors}")
        for event in cal.walk("VEVENT"):
            start = event.decoded("dtstart")
            end = event.decoded("dtend") if "dtend" in event else None
            events[str(event["uid"])] = {
                "start": utc(start), "end": utc(end) if end is not None else None,
                "sequence": int(event.get("sequence", 0)), "method": method,
                "all_day": not isinstance(start, datetime),
                "attendees": len(event.get("attendee", []) if isinstance(event.get("attendee"), list) else ([event["attendee"]] if "attendee" in event else [])),
            }
    print(json.dumps({"files": len(sys.argv) - 1, "events": events}, sort_keys=True))

if __name__ == "__main__":
    main()
