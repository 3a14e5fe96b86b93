#!/usr/bin/env python3
"""Independent checker for `convene conflicts --count`, on Python icalendar + recurring-ical-events.

usage: peer_conflicts.py [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--dump] FILE.ics...
prints: N occurrences, K conflicting pairs
(with --dump: `UID START END` in UTC seconds for every occurrence, sorted, as
`convene-bench occurrences` prints them)

The same job as ../shared/bench/peer_python_conflicts.py (which the project must not need), with the
definition `convene conflicts` documents:
- every VEVENT is expanded (RRULE, RDATE, EXDATE, RECURRENCE-ID overrides) and an occurrence counts
  when it STARTS in [from, to) (default 1970-01-01 to 2100-01-01, UTC);
- an occurrence lasts DTEND - DTSTART, else DURATION, else zero (one day for a DATE);
- DATE values and floating times count in the calendar's X-WR-TIMEZONE, else in UTC;
- a STATUS:CANCELLED event or occurrence does not count;
- attendees are calendar addresses compared case-insensitively, each once per event;
- for each attendee, every pair of occurrences with a.start < b.end and b.start < a.end counts.
Exit status 3 when icalendar or recurring-ical-events is missing.
"""
import sys
from collections import defaultdict
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

try:
    import icalendar
    import recurring_ical_events
except ImportError as missing:  # the Swift test skips when this happens
    print(f"missing module: {missing}", file=sys.stderr)
    sys.exit(3)


def utc(t, zone=timezone.utc):
    """An instant in UTC; a DATE counts from midnight, a floating time as wall time, in `zone`."""
    if not isinstance(t, datetime):
        t = datetime.combine(t, time())
    if t.tzinfo is None:
        t = t.replace(tzinfo=zone)
    return t.astimezone(timezone.utc)


def calendar_zone(cal):
    name = cal.get("X-WR-TIMEZONE")
    if name:
        try:
            return ZoneInfo(str(name).strip())
        except Exception:
            pass
    return timezone.utc


def span(ev, zone=timezone.utc):
    start = ev.decoded("dtstart")
    if "dtend" in ev:
        end = ev.decoded("dtend")
    elif "duration" in ev:
        end = start + ev.decoded("duration")
    elif isinstance(start, datetime):
        end = start
    else:
        end = start + timedelta(days=1)
    s, e = utc(start, zone), utc(end, zone)
    return s, max(s, e)


def count_pairs(spans):
    spans.sort()
    pairs, active = 0, []
    for s, e in spans:
        active = [x for x in active if x > s]
        pairs += len(active)
        active.append(e)
    return pairs


def main(argv):
    window = [datetime(1970, 1, 1, tzinfo=timezone.utc), datetime(2100, 1, 1, tzinfo=timezone.utc)]
    files = []
    dump = []
    i = 0
    while i < len(argv):
        if argv[i] in ("--from", "--to"):
            window[0 if argv[i] == "--from" else 1] = datetime.fromisoformat(argv[i + 1]).replace(tzinfo=timezone.utc)
            i += 2
        elif argv[i] == "--dump":
            dump.append(True)
            i += 1
        else:
            files.append(argv[i])
            i += 1
    low, high = window
    by_person = defaultdict(list)
    occurrences = 0
    for path in files:
        cal = icalendar.Calendar.from_ical(open(path, "rb").read())
        # Ask for a wider window, then keep what starts in [low, high).
        margin = timedelta(days=2)
        zone = calendar_zone(cal)
        for ev in recurring_ical_events.of(cal).between(low - margin, high + margin):
            if str(ev.get("status", "")).upper() == "CANCELLED":
                continue
            s, e = span(ev, zone)
            if not (low <= s < high):
                continue
            occurrences += 1
            if dump:
                dump.append(f"{ev['uid']} {int(s.timestamp())} {int(e.timestamp())}")
            att = ev.get("attendee", [])
            if not isinstance(att, list):
                att = [att]
            for who in {str(a).lower() for a in att}:
                by_person[who].append((s, e))
    if dump:
        print("\n".join(sorted(dump[1:])))
        return
    conflicts = sum(count_pairs(spans) for spans in by_person.values())
    print(f"{occurrences} occurrences, {conflicts} conflicting pairs")


if __name__ == "__main__":
    main(sys.argv[1:])
