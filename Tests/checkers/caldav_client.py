#!/usr/bin/env python3
"""An independent CalDAV client for the tests: Python `caldav` (PyPI) talks to the server and
Python `icalendar` reads what it holds; neither is Convene's code.

  caldav_client.py read URL USER            every event: uid, UTC start/end, attendees (JSON)
  caldav_client.py partstat URL USER UID ADDRESS PARTSTAT
                                            changes one attendee's PARTSTAT on the server
  caldav_client.py retitle URL USER UID TITLE
                                            changes an event's SUMMARY on the server
  caldav_client.py add URL USER UID START END
                                            adds a busy event (UTC, YYYYmmddTHHMMSSZ)

The password is read from CONVENE_CALDAV_PASSWORD. URL is the calendar collection.
"""
import datetime
import json
import os
import sys

import caldav
from icalendar import Calendar


def utc(value):
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise SystemExit("floating time in a published event")
        return value.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def calendar(url, user):
    client = caldav.DAVClient(url=url, username=user, password=os.environ["CONVENE_CALDAV_PASSWORD"])
    return client, client.calendar(url=url)


def master(obj):
    if not obj.data:
        obj.load()
    parsed = Calendar.from_ical(obj.data)
    events = [e for e in parsed.walk("VEVENT") if "RECURRENCE-ID" not in e]
    return parsed, events[0]


def read(url, user):
    client, cal = calendar(url, user)
    out = []
    for obj in cal.get_objects():
        _, event = master(obj)
        attendees = event.get("ATTENDEE", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        out.append({
            "href": str(obj.url),
            "uid": str(event["UID"]),
            "start": utc(event.decoded("DTSTART")),
            "end": utc(event.decoded("DTEND")) if "DTEND" in event else None,
            "summary": str(event.get("SUMMARY", "")),
            "attendees": sorted(str(a).lower() for a in attendees),
            "partstat": {str(a).lower(): str(a.params.get("PARTSTAT", "")) for a in attendees},
        })
    print(json.dumps(sorted(out, key=lambda e: e["uid"]), indent=1))


def change(url, user, uid, edit):
    client, cal = calendar(url, user)
    obj = cal.get_event_by_uid(uid)
    parsed, event = master(obj)
    edit(event)
    obj.data = parsed.to_ical().decode()
    obj.save()


def main(argv):
    command, url, user = argv[1], argv[2], argv[3]
    if command == "read":
        read(url, user)
    elif command == "partstat":
        uid, address, partstat = argv[4], argv[5].lower(), argv[6]

        def edit(event):
            attendees = event.get("ATTENDEE", [])
            if not isinstance(attendees, list):
                attendees = [attendees]
            for attendee in attendees:
                if str(attendee).lower() == address:
                    attendee.params["PARTSTAT"] = partstat
                    return
            raise SystemExit("no attendee " + address)
        change(url, user, uid, edit)
    elif command == "retitle":
        uid, title = argv[4], argv[5]

        def edit(event):
            event["SUMMARY"] = title
        change(url, user, uid, edit)
    elif command == "add":
        uid, start, end = argv[4], argv[5], argv[6]
        _, cal = calendar(url, user)
        cal.save_event("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\n"
                       f"UID:{uid}\r\nDTSTAMP:20240101T000000Z\r\nDTSTART:{start}\r\nDTEND:{end}\r\n"
                       "SUMMARY:Dentist\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv)
