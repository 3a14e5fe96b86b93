"""The Python a user would script today: read the mbox with the standard library, find each text/calendar part, read it with icalendar, keep the REPLY attendees' PARTSTAT."""
import mailbox, sys
from email import policy
from email.parser import BytesParser
import icalendar
replies = {}
for message in mailbox.mbox(sys.argv[1], factory=lambda f: BytesParser(policy=policy.default).parse(f)):
    for part in message.walk():
        if part.get_content_type() == "text/calendar" or (part.get_filename() or "").endswith(".ics"):
            cal = icalendar.Calendar.from_ical(part.get_payload(decode=True))
            if str(cal.get("method")) != "REPLY":
                continue
            for e in cal.walk("VEVENT"):
                a = e.get("attendee")
                replies[(str(e["uid"]), str(a))] = a.params.get("PARTSTAT")
print(len(replies), "replies")
