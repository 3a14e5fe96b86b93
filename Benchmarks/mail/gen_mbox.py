"""Writes an mbox of N messages: one in five an Outlook- or Gmail-shaped reply (Tests/checkers/mail_replies.py) to the
sample's invitations, the others ordinary mail (one in seven with a 20 kB attachment).

usage: gen_mbox.py N INVITATIONS_DIR OUT.mbox
"""
import glob, mailbox, os, random, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../Tests/checkers"))
import mail_replies, icalendar
n, inv, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
random.seed(7)
files = sorted(glob.glob(inv + "/*.ics"))
cals = {os.path.basename(f)[:-4]: icalendar.Calendar.from_ical(open(f, "rb").read()) for f in files}
box = mailbox.mbox(out, create=True)
for i in range(n):
    if i % 5 == 0:
        ev = random.choice(list(cals))
        e = next(iter(cals[ev].walk("VEVENT")))
        att = e.get("attendee"); att = att if isinstance(att, list) else [att]
        who = str(random.choice(att)).removeprefix("mailto:")
        spec = f"{ev},{who},{random.choice(['ACCEPTED','DECLINED','TENTATIVE'])},{random.choice(['outlook','gmail'])},mbox"
        box.add(mail_replies.build(inv, spec))
    else:
        m = mail_replies.message("someone@else.example", "convenings@strongcities.example", f"Note {i}")
        m.set_content("Some ordinary mail, with a few lines of text.\n" * 20)
        if i % 7 == 0:
            m.add_attachment(os.urandom(20000), maintype="application", subtype="pdf", filename="agenda.pdf")
        box.add(m)
box.flush()
