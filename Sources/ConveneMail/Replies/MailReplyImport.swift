import ConveneCore
import ConveneICal
import Foundation

/// `convene import` for mail: reads messages from `.eml` files, mbox files and Maildirs, finds
/// the iTIP REPLY in each (RFC 6047) and records it through the same reply import as a `.ics`
/// file. A COUNTER (a proposed new time) is reported, never recorded; mail without a reply is
/// skipped and counted. Each message is read once: its Message-ID (or, without one, a hash of
/// its bytes) is remembered in `records/mail-read.json`, so importing a mailbox again records
/// nothing twice, and a later reply still wins over an earlier one.
public enum MailReplyImport {
    /// A reply that proposes another time instead of answering (METHOD:COUNTER).
    public struct Proposal: Sendable, Hashable, Codable {
        public var message: String
        public var uid: String
        /// The plan's event with this UID, if any.
        public var eventID: String?
        public var attendee: String
        /// The proposed start in UTC, when the COUNTER carries one.
        public var proposedStart: String?
        /// The same in the event's own zone, with its offset.
        public var proposedLocalStart: String?
    }

    public struct Summary: Sendable, Codable {
        /// Messages looked at.
        public var messages = 0
        /// Messages read by an earlier import (skipped).
        public var alreadyRead = 0
        /// Messages that held no reply (no calendar, or an invitation, a cancellation...).
        public var withoutReply = 0
        public var recorded: [Reply] = []
        public var ignored: [ReplyImport.Ignored] = []
        public var proposals: [Proposal] = []
        /// Messages whose calendar could not be read; they are not marked as read.
        public var problems: [Diagnostic] = []
    }

    /// Where messages come from.
    public enum Source: Sendable, Hashable {
        /// A `.eml` file, or an mbox file (it starts with a `From ` line).
        case file(String)
        case maildir(String)
    }

    public static func run(_ sources: [Source], workspace path: String) throws -> Summary {
        let workspace = URL(fileURLWithPath: path)
        let plan = try PlanLoader(expander: LibicalRecurrenceExpander()).load(workspace: workspace)
        var messages: [MailMessage] = []
        var summary = Summary()
        for source in sources {
            do {
                switch source {
                case .file(let file): messages += try MailSource.messages(inFile: file)
                case .maildir(let folder): messages += try MailSource.maildir(folder)
                }
            } catch let error as InputError {
                summary.problems += error.diagnostics
            }
        }
        // The records and the read log are read, changed and written under the records lock: an
        // import (or attend, export...) run at the same time keeps its records, and a message
        // another import recorded meanwhile is not recorded twice.
        return try RecordsLock.hold(workspace: workspace) {
            try record(messages, plan: plan, workspace: workspace, summary: summary)
        }
    }

    private static func record(_ messages: [MailMessage], plan: Plan, workspace: URL, summary start: Summary) throws -> Summary {
        var summary = start
        var records = try WorkspaceRecords.load(workspace: workspace)
        var readLog = try MailReadLog.load(workspace: workspace)
        var readNow: Set<String> = []
        for message in messages {
            summary.messages += 1
            let entity = MIMEEntity.parse(message.bytes[...])
            let identity = MailReadLog.identity(of: entity, bytes: message.bytes)
            if readLog.contains(identity) || !readNow.insert(identity).inserted {
                summary.alreadyRead += 1
                continue
            }
            var recorded: [Reply] = [], ignored: [ReplyImport.Ignored] = [], proposals: [Proposal] = []
            var failed = false
            for part in CalendarParts.find(in: entity) {
                let name = "\(message.source) (part \(part.number))"
                switch ITIPCalendar.read(part.text)?.method {
                case "REPLY":
                    do {
                        let replies = try ReplyImport.read(CalendarInput(name: name, text: part.text), plan: plan, ledger: records.exports)
                        for reply in replies.accepted where !recorded.contains(reply) { recorded.append(reply) }
                        ignored += replies.ignored
                    } catch let error as InputError {
                        summary.problems += error.diagnostics
                        failed = true
                    }
                case "COUNTER":
                    for event in ITIPCalendar.read(part.text)?.events ?? [] {
                        let planned = plan.events.first { "\($0.id)@\(plan.name).convene" == event.uid }
                        proposals.append(Proposal(message: name, uid: event.uid ?? "(no UID)", eventID: planned?.id,
                                                  attendee: event.attendees.first?.address ?? "(no attendee)",
                                                  proposedStart: event.start.map(ZoneClock.formatUTC),
                                                  proposedLocalStart: planned.flatMap { planned in
                                                      event.start.map { ZoneClock.formatLocal($0, in: planned.timing.timeZone) }
                                                  }))
                    }
                default:
                    continue
                }
            }
            // All or nothing per message: one with an unreadable reply changes nothing.
            if failed { continue }
            if recorded.isEmpty && ignored.isEmpty && proposals.isEmpty { summary.withoutReply += 1 }
            for reply in recorded { records.replies.record(reply) }
            summary.recorded += recorded
            summary.ignored += ignored
            summary.proposals += proposals
            readLog.records.append(MailReadRecord(messageID: identity, source: message.source, replies: recorded.count))
        }
        try records.save(workspace: workspace)
        try readLog.save(workspace: workspace)
        return summary
    }
}

/// One message an import has read.
public struct MailReadRecord: Sendable, Hashable, Codable, ListedRecord {
    /// The Message-ID, or `sha:` and a hash of the message when it has none.
    public var messageID: String
    /// Where it was read the first time.
    public var source: String
    /// Replies recorded from it.
    public var replies: Int
}

/// The tool-owned `records/mail-read.json`: messages already imported, one a line.
struct MailReadLog {
    static let fileName = "mail-read.json"
    var records: [MailReadRecord]
    private var known: Set<String>

    init(records: [MailReadRecord]) {
        self.records = records
        known = Set(records.map(\.messageID))
    }

    func contains(_ identity: String) -> Bool { known.contains(identity) }

    static func identity(of message: MIMEEntity, bytes: [UInt8]) -> String {
        if let id = message.header("Message-ID")?.trimmingCharacters(in: .whitespaces), !id.isEmpty { return id }
        return "sha:" + StableHash.hex(bytes)
    }

    static func load(workspace: URL) throws -> MailReadLog {
        MailReadLog(records: try WorkspaceRecords.readList(MailReadRecord.self, named: fileName, workspace: workspace, what: what))
    }

    /// Writes the log under the records lock (where ``MailReplyImport`` read it).
    func save(workspace: URL) throws {
        try WorkspaceRecords.updateList(MailReadRecord.self, named: Self.fileName, workspace: workspace, what: Self.what) { $0 = records }
    }

    private static let what = "mail-read log"
}
