#!/usr/bin/env python3
"""Answers invitations by email, shaped as Outlook and Gmail shape their replies, with Python's
standard `email` package and Python `icalendar`, and delivers them into a Maildir and an mbox.

usage: mail_replies.py INVITATIONS_DIR MAILDIR MBOX SPEC...
Each SPEC is `EVENT,ATTENDEE,PARTSTAT,STYLE,TARGET`:
  PARTSTAT  ACCEPTED, DECLINED, TENTATIVE, or COUNTER (a proposal one hour later)
  STYLE     outlook  multipart/alternative: text/plain + text/calendar; method=REPLY, base64
            gmail    multipart/mixed: (text/plain + text/html + text/calendar; method=REPLY,
                     quoted-printable) + invite.ics attachment (application/ics, base64)
            forward  the reply as a message/rfc822 inside another message, quoted-printable
  TARGET    maildir or mbox
A SPEC `note,,,,TARGET` adds a message with no calendar at all (it must be skipped), and
`request,EVENT,,,TARGET` one carrying the invitation itself (METHOD:REQUEST, not a reply).
"""
import mailbox
import os
import sys
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage
from email.utils import formataddr, format_datetime, make_msgid

import icalendar


def reply_calendar(invitation, email, partstat):
    event = next(iter(invitation.walk("VEVENT")))
    reply = icalendar.Calendar()
    reply.add("prodid", "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN")
    reply.add("version", "2.0")
    reply.add("method", "COUNTER" if partstat == "COUNTER" else "REPLY")
    for tz in invitation.walk("VTIMEZONE"):
        reply.add_component(tz)
    answer = icalendar.Event()
    for key in ("uid", "sequence", "dtstart", "dtend", "summary", "organizer"):
        if key in event:
            answer[key] = event[key]
    if partstat == "COUNTER" and "dtstart" in event:
        start = event.decoded("dtstart")
        del answer["dtstart"]
        answer.add("dtstart", start + timedelta(hours=1))
        if "dtend" in event:
            del answer["dtend"]
            answer.add("dtend", event.decoded("dtend") + timedelta(hours=1))
    answer.add("dtstamp", datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc))
    attendee = icalendar.vCalAddress(f"mailto:{email}")
    attendee.params["partstat"] = "TENTATIVE" if partstat == "COUNTER" else partstat
    attendee.params["cn"] = "Régina Bakitté"  # a non-ASCII name, as clients write it
    answer.add("attendee", attendee, encode=0)
    reply.add_component(answer)
    return reply.to_ical(), event


def message(sender, organizer, subject):
    mail = EmailMessage()
    mail["From"] = formataddr(("Régina Bakitté", sender))  # RFC 2047 encoded by the email package
    mail["To"] = organizer
    mail["Subject"] = subject
    mail["Date"] = format_datetime(datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc))
    mail["Message-ID"] = make_msgid(domain="client.example")
    return mail


def build(invitations, spec):
    kind, attendee, partstat, style, _ = spec.split(",")
    if kind == "note":
        mail = message("someone@else.example", "convenings@strongcities.example", "Thanks, see you there")
        mail.set_content("Thanks for the invitation, I will reply from my calendar.\n")
        return mail
    if kind == "request":
        data = open(os.path.join(invitations, attendee + ".ics"), "rb").read()
        mail = message("convenings@strongcities.example", "someone@else.example", "Invitation")
        mail.set_content("An invitation, not a reply.\n")
        mail.add_alternative(data, maintype="text", subtype="calendar", params={"method": "REQUEST"})
        return mail
    invitation = icalendar.Calendar.from_ical(open(os.path.join(invitations, kind + ".ics"), "rb").read())
    data, event = reply_calendar(invitation, attendee, partstat)
    method = "COUNTER" if partstat == "COUNTER" else "REPLY"
    word = {"ACCEPTED": "Accepted", "DECLINED": "Declined", "TENTATIVE": "Tentative", "COUNTER": "New time proposed"}[partstat]
    mail = message(attendee, "convenings@strongcities.example", f"{word}: {event.get('summary')}")
    if style == "outlook":
        mail.set_content(f"{word}: {event.get('summary')}\n")
        mail.add_alternative(data, maintype="text", subtype="calendar", params={"method": method, "charset": "utf-8"}, cte="base64")
    elif style == "gmail":
        mail.set_content(f"Régina Bakitté has {word.lower()} this invitation.\n", cte="quoted-printable")
        mail.add_alternative(f"<p>Régina Bakitté has {word.lower()} this invitation.</p>", subtype="html")
        mail.add_alternative(data.decode("utf-8"), subtype="calendar", params={"method": method}, cte="quoted-printable")
        mail.add_attachment(data, maintype="application", subtype="ics", filename="invite.ics")
    elif style == "forward":
        inner = message(attendee, "convenings@strongcities.example", f"{word}: {event.get('summary')}")
        inner.set_content(f"{word}\n")
        inner.add_alternative(data.decode("utf-8"), subtype="calendar", params={"method": method}, cte="quoted-printable")
        mail.set_content("Forwarding my reply.\n")
        mail.add_attachment(inner)
    return mail


def main():
    invitations, maildir, mbox_path = sys.argv[1:4]
    for sub in ("tmp", "new", "cur"):
        os.makedirs(os.path.join(maildir, sub), exist_ok=True)
    boxes = {"maildir": mailbox.Maildir(maildir, create=True), "mbox": mailbox.mbox(mbox_path, create=True)}
    for spec in sys.argv[4:]:
        target = spec.split(",")[4]
        boxes[target].add(build(invitations, spec))
    boxes["mbox"].flush()


if __name__ == "__main__":
    main()
