#!/usr/bin/env python3
"""Answers an invitation as an attendee's calendar client would, with Python icalendar.

usage: make_reply.py INVITATION.ics ATTENDEE-EMAIL PARTSTAT OUT.ics [DELEGATED-TO-EMAIL]
                     [--recurrence-id YYYY-MM-DDTHH:MM] [--comment TEXT]
Writes an iTIP METHOD:REPLY with the same UID and SEQUENCE and exactly one ATTENDEE. With
--recurrence-id the reply answers one occurrence of a recurring invitation (RFC 5546 3.2.3): its
RECURRENCE-ID is that wall-clock start in the invitation's DTSTART zone. --comment adds a COMMENT
(a reason for declining, say).
"""
import argparse
from datetime import datetime, timezone
import icalendar

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("source")
    parser.add_argument("email")
    parser.add_argument("partstat")
    parser.add_argument("out")
    parser.add_argument("delegate", nargs="?")
    parser.add_argument("--recurrence-id")
    parser.add_argument("--comment")
    args = parser.parse_args()
    invitation = icalendar.Calendar.from_ical(open(args.source, "rb").read())
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
    if args.recurrence_id:
        zone = event["dtstart"].dt.tzinfo
        answer.add("recurrence-id", datetime.strptime(args.recurrence_id, "%Y-%m-%dT%H:%M").replace(tzinfo=zone))
    if args.comment:
        answer.add("comment", args.comment)
    attendee = icalendar.vCalAddress(f"mailto:{args.email}")
    attendee.params["partstat"] = args.partstat
    if args.delegate:
        attendee.params["delegated-to"] = f"mailto:{args.delegate}"
    answer.add("attendee", attendee, encode=0)
    reply.add_component(answer)
    for tz in invitation.walk("VTIMEZONE"):
        reply.add_component(tz)
    with open(args.out, "wb") as handle:
        handle.write(reply.to_ical())

if __name__ == "__main__":
    main()
