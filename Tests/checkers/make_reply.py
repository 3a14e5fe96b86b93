#!/usr/bin/env python3
"""Answers an invitation as an attendee's calendar client would, with Python icalendar.

usage: make_reply.py INVITATION.ics ATTENDEE-EMAIL PARTSTAT OUT.ics [DELEGATED-TO-EMAIL]
Writes an iTIP METHOD:REPLY with the same UID and SEQUENCE and exactly one ATTENDEE.
"""
import sys
from datetime import datetime, timezone
import icalendar

def main():
    source, email, partstat, out = sys.argv[1:5]
    delegate = sys.argv[5] if len(sys.argv) > 5 else None
    invitation = icalendar.Calendar.from_ical(open(source, "rb").read())
    event = next(iter(invitation.walk("VEVENT")))
    reply = icalendar.Calendar()
    reply.add("prodid", "-//Test client//reply//EN")
    reply.add("version", "2.0")
    reply.add("method", "REPLY")
    answer = icalendar.Event()
    for key in ("uid", "sequence", "dtstart", "dtend", "summary", "organizer"):
        if key in event:
            answer[key] = event[key]
    answer.add("dtstamp", datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc))
    attendee = icalendar.vCalAddress(f"mailto:{email}")
    attendee.params["partstat"] = partstat
    if delegate:
        attendee.params["delegated-to"] = f"mailto:{delegate}"
    answer.add("attendee", attendee, encode=0)
    reply.add_component(answer)
    for tz in invitation.walk("VTIMEZONE"):
        reply.add_component(tz)
    with open(out, "wb") as handle:
        handle.write(reply.to_ical())

if __name__ == "__main__":
    main()
