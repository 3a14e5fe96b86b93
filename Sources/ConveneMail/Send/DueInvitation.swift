import ConveneCore
import ConveneICal

/// An invitation or cancellation from the last export that someone has not been sent yet.
public struct DueInvitation: Sendable {
    public var eventID: String
    public var uid: String
    public var sequence: Int
    /// `REQUEST` or `CANCEL`.
    public var method: String
    /// The exported `invitations/EVENT.ics`, byte for byte.
    public var calendar: [UInt8]
    /// What libical read in it.
    public var exported: ITIPCalendar.Event
    /// Everyone the invitation names (for "who else is invited").
    public var attendees: [MailAddress]
    /// Those of them not sent this SEQUENCE yet.
    public var recipients: [MailAddress]
    /// The event in the plan; nil when it was removed from the plan (a cancellation).
    public var event: Event?
    /// The zone the event's times are written in, when known.
    public var timeZone: String?

    /// `<convene.EVENT.SEQUENCE.METHOD.HASH@DOMAIN>`: the same invitation to the same people always
    /// gets the same Message-ID (a retry is recognisable as such); new recipients at the same
    /// SEQUENCE get a message of their own.
    public func messageID(domain: String) -> String {
        let safeID = String(eventID.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") ? $0 : "_" })
        let who = StableHash.hex(recipients.map { $0.email.lowercased() }.sorted().joined(separator: ","))
        return "<convene.\(safeID).\(sequence).\(method.lowercased()).\(who.prefix(8))@\(domain)>"
    }

    /// A file name for the `.eml` of this message.
    public var fileName: String {
        let safeID = String(eventID.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
        let who = StableHash.hex(recipients.map { $0.email.lowercased() }.sorted().joined(separator: ","))
        return "\(safeID.hasPrefix(".") ? "_" + safeID : safeID)-\(sequence)-\(method.lowercased())-\(who.prefix(8))"
    }
}
