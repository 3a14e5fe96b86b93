import ConveneCore
import Foundation

/// One message handed to the mail transport (or written as a file): which invitation, at which
/// SEQUENCE, to whom.
public struct SentRecord: Sendable, Hashable, Codable, ListedRecord {
    public var eventID: String
    public var uid: String
    public var sequence: Int
    /// `REQUEST` or `CANCEL`.
    public var method: String
    public var messageID: String
    /// Addresses, lower case.
    public var recipients: [String]
    /// `2024-10-01T08:00:00Z`.
    public var sentAt: String
    /// `sendmail` (piped to the transport) or `file` (written as an .eml file).
    public var transport: String

    public init(eventID: String, uid: String, sequence: Int, method: String, messageID: String, recipients: [String],
                sentAt: String, transport: String) {
        self.eventID = eventID
        self.uid = uid
        self.sequence = sequence
        self.method = method
        self.messageID = messageID
        self.recipients = recipients
        self.sentAt = sentAt
        self.transport = transport
    }
}

/// The tool-owned `records/sent.json`: every message sent, one record a line (a JSON array whose
/// elements each take one line, so git diffs stay line by line), read and written as every record
/// file is (``WorkspaceRecords/readList(_:named:workspace:what:)``), so a damaged record is
/// reported with its line, and changed only under the records lock.
public struct SentLog: Sendable, Hashable {
    public static let fileName = "sent.json"
    static let what = "sent-mail log"
    public var records: [SentRecord]

    public init(records: [SentRecord] = []) { self.records = records }

    /// The addresses already sent this invitation at this SEQUENCE.
    func recipients(uid: String, sequence: Int, method: String) -> Set<String> {
        Set(records.filter { $0.uid == uid && $0.sequence == sequence && $0.method == method }.flatMap(\.recipients))
    }

    public static func load(workspace: URL) throws -> SentLog {
        SentLog(records: try WorkspaceRecords.readList(SentRecord.self, named: fileName, workspace: workspace, what: what))
    }

    /// Reads the log under the records lock, lets `change` modify it, and writes it back before
    /// the lock is released: a `send` run at the same time keeps its records, and sees this one's.
    public static func update<T>(workspace: URL, _ change: (inout SentLog) throws -> T) throws -> T {
        try WorkspaceRecords.updateList(SentRecord.self, named: fileName, workspace: workspace, what: what) { records in
            var log = SentLog(records: records)
            defer { records = log.records }
            return try change(&log)
        }
    }

    /// Replaces the whole log (under the records lock; a temporary file renamed into place).
    public func save(workspace: URL) throws {
        try Self.update(workspace: workspace) { $0 = self }
    }
}
