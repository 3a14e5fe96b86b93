#!/usr/bin/env python3
"""Reads every message in a Maildir with Python's standard `email` package and every calendar
part in it with Python `icalendar`, and prints what they say as JSON (one object per message).

usage: mail_delivered.py MAILDIR
For each message: the decoded header fields, the envelope recipients the SMTP server recorded
(X-RcptTo), the MIME structure, any parsing defects Python found, the plain-text body, and for
each text/calendar part or .ics attachment: its Content-Type method parameter, METHOD, UID,
SEQUENCE, STATUS, the attendees' addresses and DTSTART in UTC as icalendar computes it.
"""
import json
import mailbox
import sys
from datetime import date, datetime, timezone
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, parsedate_to_datetime

import icalendar


def structure(part):
    if part.is_multipart():
        return {part.get_content_type(): [structure(p) for p in part.iter_parts()]}
    return part.get_content_type()


def calendar_facts(part):
    payload = part.get_payload(decode=True)
    calendar = icalendar.Calendar.from_ical(payload)
    events = []
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart") if "dtstart" in event else None
        if isinstance(start, datetime):
            start_utc = start.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M")
        elif isinstance(start, date):
            start_utc = start.isoformat()
        else:
            start_utc = None
        attendees = event.get("attendee", [])
        if not isinstance(attendees, list):
            attendees = [attendees]
        events.append({
            "uid": str(event.get("uid")),
            "sequence": int(event.get("sequence", 0)),
            "status": str(event.get("status", "")),
            "attendees": sorted(str(a).lower().removeprefix("mailto:") for a in attendees),
            "startUTC": start_utc,
            "allDay": not isinstance(start, datetime),
        })
    return {
        "contentType": part.get_content_type(),
        "methodParameter": part.get_param("method"),
        "charset": part.get_content_charset(),
        "transferEncoding": part.get("Content-Transfer-Encoding", "7bit").lower(),
        "filename": part.get_filename(),
        "disposition": part.get_content_disposition(),
        "method": str(calendar.get("method", "")),
        "events": events,
        "bytes": payload.decode("utf-8"),
    }


def main():
    box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
    messages = []
    for key in sorted(box.keys()):
        with box.get_file(key) as handle:
            message = BytesParser(policy=policy.default).parse(handle)
        defects = [type(d).__name__ for part in message.walk() for d in part.defects]
        calendars = []
        text = None
        for part in message.walk():
            if part.is_multipart():
                continue
            name = (part.get_filename() or "").lower()
            if part.get_content_type() == "text/calendar" or name.endswith(".ics"):
                calendars.append(calendar_facts(part))
            elif part.get_content_type() == "text/plain" and text is None:
                text = part.get_content()
        messages.append({
            "from": str(message["From"]),
            "fromAddress": getaddresses([str(message["From"])])[0][1].lower(),
            "to": [addr.lower() for _, addr in getaddresses([str(v) for v in message.get_all("To", [])])],
            "toNames": [name for name, _ in getaddresses([str(v) for v in message.get_all("To", [])])],
            "bcc": message.get_all("Bcc", []),
            "rcptTo": sorted(a.strip().lower() for v in message.get_all("X-RcptTo", []) for a in str(v).split(",")),
            "subject": str(message["Subject"]),
            "messageID": str(message["Message-ID"]),
            "date": parsedate_to_datetime(str(message["Date"])).isoformat(),
            "structure": structure(message),
            "defects": defects,
            "text": text,
            "calendars": calendars,
        })
    json.dump(messages, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
