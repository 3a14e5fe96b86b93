import ConveneCore
import Foundation

/// One iMIP message (RFC 6047) for an invitation or cancellation:
///
///     multipart/mixed
///       multipart/alternative
///         text/plain                                    what a person reads
///         text/calendar; method=REQUEST|CANCEL          what a calendar client acts on (§2.4)
///       application/ics; name=invite.ics (attachment)   the same calendar, for clients that look there
///
/// The calendar is the exported invitation, unchanged; its METHOD matches the `method`
/// parameter (RFC 6047 §2.4). Recipients are the attendees not yet sent this SEQUENCE, in `To`
/// or, with `bcc`, in `Bcc` (the message then goes `To` the organiser).
enum InvitationMail {
    static func message(_ due: DueInvitation, organizer: MailAddress, bcc: Bool, now: UnixSeconds, index: PlanIndex) -> OutgoingMessage {
        let calendarText = String(decoding: due.calendar, as: UTF8.self)
        let alternative = OutgoingPart.multipart("alternative", [
            .text(InvitationText.body(due, organizer: organizer, index: index), subtype: "plain"),
            .text(calendarText, subtype: "calendar", parameters: [("method", due.method)]),
        ])
        let body = OutgoingPart.multipart("mixed", [
            alternative,
            .attachment(due.calendar, type: "application/ics", fileName: "invite.ics"),
        ])
        let domain = organizer.email.split(separator: "@").last.map(String.init) ?? "convene.invalid"
        var headers = [
            HeaderField(name: "From", value: organizer.header),
            HeaderField(name: bcc ? "Bcc" : "To", value: MailAddress.list(due.recipients)),
            HeaderField(name: "Subject", value: EncodedWord.encode(InvitationText.subject(due, index: index))),
            HeaderField(name: "Date", value: rfc5322Date(now)),
            HeaderField(name: "Message-ID", value: due.messageID(domain: domain)),
        ]
        if bcc { headers.insert(HeaderField(name: "To", value: organizer.header), at: 1) }
        headers.append(HeaderField(name: "X-Convene-Event", value: "\(due.eventID); sequence=\(due.sequence); method=\(due.method)"))
        return OutgoingMessage(headers: headers, body: body)
    }

    /// `Tue, 01 Oct 2024 08:00:00 +0000` (RFC 5322 §3.3), in UTC.
    static func rfc5322Date(_ instant: UnixSeconds) -> String {
        let wall = CivilDateTime(secondsAsIfUTC: instant)
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let seconds = String(format: "%02d", Int(instant - wall.secondsAsIfUTC))
        return "\(days[wall.date.isoWeekday - 1]), \(String(format: "%02d", wall.date.day)) \(months[wall.date.month - 1]) \(wall.date.year) \(wall.clock):\(seconds) +0000"
    }
}
