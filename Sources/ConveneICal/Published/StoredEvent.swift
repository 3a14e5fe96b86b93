import ConveneCore
import Foundation

/// What an event says, read by libical from a calendar object as a server (or our export) holds
/// it: the fields that matter when comparing two copies of one event, whatever their line folding,
/// parameter order or serialiser.
public struct StoredEvent: Sendable, Hashable, Codable {
    /// One ATTENDEE: the address (lower case) and the answer it carries.
    public struct Attendee: Sendable, Hashable, Codable {
        public var address: String
        /// PARTSTAT in upper case; nil when absent.
        public var participation: String?
        /// DELEGATED-TO addresses.
        public var delegatedTo: [String]
    }

    public var uid: String
    public var sequence: Int
    public var summary: String?
    /// DTSTART as a UTC instant.
    public var start: UnixSeconds?
    /// DTEND (or DTSTART + DURATION) as a UTC instant.
    public var end: UnixSeconds?
    public var isAllDay: Bool
    public var location: String?
    /// STATUS (`CONFIRMED`, `CANCELLED`, `TENTATIVE`); nil when absent.
    public var status: String?
    /// The RRULE, as text.
    public var recurrence: String?
    /// Sorted by address.
    public var attendees: [Attendee]

    /// Reads the master event (the one without RECURRENCE-ID) of one calendar object.
    /// - Throws: `InputError` naming `name` when libical cannot read it or it holds no event with a UID.
    public static func read(_ bytes: some Collection<UInt8>, name: String) throws -> StoredEvent {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let tree = ICalTree.parse(text) else {
            throw InputError([ICalError(.unparsable, file: name, line: 1, message: "libical could not read this calendar object",
                                        hint: "Check what the server holds at this address.").diagnostic])
        }
        let events = tree.events()
        guard let master = events.first(where: { $0.recurrenceIdentity() == nil }) ?? events.first, let uid = master.uid else {
            throw InputError([ICalError(.unparsable, file: name, line: 1, message: "the calendar object holds no VEVENT with a UID",
                                        hint: "Only events are read here.").diagnostic])
        }
        let timing = master.timing()
        let attendees = master.attendeeReplies().map {
            Attendee(address: $0.address.lowercased(), participation: $0.participation, delegatedTo: $0.delegatedTo.map { $0.lowercased() })
        }
        return StoredEvent(uid: uid, sequence: master.sequence, summary: master.summary, start: timing?.start,
                           end: timing.map { $0.start + $0.duration }, isAllDay: timing?.isAllDay ?? false,
                           location: master.location, status: master.statusName, recurrence: master.ruleText,
                           attendees: attendees.sorted { $0.address < $1.address })
    }

    /// Everything but the attendees' answers (PARTSTAT), as one stable key: two copies with the
    /// same shape differ at most in who replied what.
    public var shape: String {
        var fields = [uid, summary ?? "", start.map(String.init) ?? "", end.map(String.init) ?? "", isAllDay ? "date" : "time",
                      location ?? "", status ?? "", recurrence ?? ""]
        fields += attendees.map(\.address)
        return StableHash.hex(fields.joined(separator: "\u{1F}"))
    }

    /// What `other` (a copy elsewhere) says differently from this event, one line per field,
    /// worded "field: there X, here Y" with the labels given.
    public func differences(from other: StoredEvent, here: String = "plan", there: String = "server") -> [String] {
        var lines: [String] = []
        func compare(_ field: String, _ mine: String?, _ theirs: String?) {
            if mine != theirs { lines.append("\(field): \(there) \(theirs.map { "'\($0)'" } ?? "(none)"), \(here) \(mine.map { "'\($0)'" } ?? "(none)")") }
        }
        compare("start", start.map(Self.utcText), other.start.map(Self.utcText))
        compare("end", end.map(Self.utcText), other.end.map(Self.utcText))
        compare("summary", summary, other.summary)
        compare("location", location, other.location)
        compare("status", status, other.status)
        compare("recurrence", recurrence, other.recurrence)
        let mine = Dictionary(attendees.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        let theirs = Dictionary(other.attendees.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        for address in Set(mine.keys).union(theirs.keys).sorted() {
            switch (mine[address], theirs[address]) {
            case (nil, _?): lines.append("attendee \(address): only on the \(there)")
            case (_?, nil): lines.append("attendee \(address): only in the \(here)")
            case let (a?, b?) where a.participation != b.participation:
                lines.append("attendee \(address): \(there) \(b.participation ?? "(no PARTSTAT)"), \(here) \(a.participation ?? "(no PARTSTAT)")")
            default: break
            }
        }
        return lines
    }

    /// `2024-10-15T06:00:00Z`.
    static func utcText(_ instant: UnixSeconds) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(instant)))
    }
}
