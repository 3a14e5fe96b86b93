#!/usr/bin/env python3
"""Independent check of exported calendars with Python icalendar (not our parser).

usage: ical_instants.py [--rename-tzids] [--occurrences] FILE.ics...
Parses every file, fails on any parse error or on a VEVENT that icalendar flags, and prints JSON:
{"files": N, "events": {UID: {"start": UTC ISO, "end": UTC ISO, "sequence": N, "method": M, "all_day": bool,
 "occurrences": [[start, end], ...] with --occurrences}}}

--rename-tzids renames every TZID (in VTIMEZONE and in TZID= parameters) to a name no library
knows, so that icalendar can only use the calendar's own VTIMEZONE, not its own copy of the zone.
--occurrences lists every occurrence (recurring-ical-events), as UTC instants.
"""
import hashlib, json, re, sys
from datetime import date, datetime, time, timezone
import icalendar

def utc(value):
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise SystemExit(f"floating time {value} in an export")
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()

def rename_tzids(text):
    names = sorted(set(re.findall(r"^TZID:(.+?)\r?$", text, flags=re.M)))
    for name in names:
        # One unknown name per zone, the same in every file (icalendar caches zones by TZID).
        unknown = "Convene-Unknown-Zone-" + hashlib.sha1(name.encode()).hexdigest()[:12]
        text = re.sub(r"^TZID:" + re.escape(name) + r"(\r?)$", "TZID:" + unknown + r"\1", text, flags=re.M)
        text = text.replace(f"TZID={name}:", f"TZID={unknown}:").replace(f"TZID={name};", f"TZID={unknown};")
    if re.search(r"TZID=(?!Convene-Unknown-Zone-)", text):
        raise SystemExit("a TZID parameter was left with its original name")
    return text

def main():
    args = sys.argv[1:]
    rename = "--rename-tzids" in args
    occurrences = "--occurrences" in args
    paths = [a for a in args if not a.startswith("--")]
    events = {}
    for path in paths:
        with open(path, "rb") as handle:
            text = handle.read().decode("utf-8")
        if rename:
            text = rename_tzids(text)
        cal = icalendar.Calendar.from_ical(text)
        method = str(cal.get("method", ""))
        for component in cal.walk():
            if component.errors:
                raise SystemExit(f"{path}: {component.name}: {component.errors}")
        for event in cal.walk("VEVENT"):
            start = event.decoded("dtstart")
            end = event.decoded("dtend") if "dtend" in event else None
            if rename and isinstance(start, datetime) and "Convene-Unknown-Zone" not in str(event["dtstart"].params.get("TZID", "Convene-Unknown-Zone")):
                raise SystemExit(f"{path}: DTSTART kept a known TZID")
            entry = {
                "start": utc(start), "end": utc(end) if end is not None else None,
                "sequence": int(event.get("sequence", 0)), "method": method,
                "all_day": not isinstance(start, datetime),
                "attendees": len(event.get("attendee", []) if isinstance(event.get("attendee"), list) else ([event["attendee"]] if "attendee" in event else [])),
            }
            events[str(event["uid"])] = entry
        if occurrences:
            import recurring_ical_events
            for occurrence in recurring_ical_events.of(cal).between(datetime(2000, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc)):
                events[str(occurrence["uid"])].setdefault("occurrences", []).append(
                    [utc(occurrence.decoded("dtstart")), utc(occurrence.decoded("dtend"))])
    for entry in events.values():
        if "occurrences" in entry:
            entry["occurrences"].sort()
    print(json.dumps({"files": len(paths), "events": events}, sort_keys=True))

if __name__ == "__main__":
    main()
