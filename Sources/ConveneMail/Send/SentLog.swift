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
/// file is (``WorkspaceRecords/readList(_:_:what:)``), so a damaged record is reported with its line.
public struct SentLog: Sendable, Hashable {
    public static let fileName = "sent.json"
    public var records: [SentRecord]

    public init(records: [SentRecord] = []) { self.records = records }

    static func url(workspace: URL) -> URL {
        workspace.appendingPathComponent(WorkspaceRecords.folderName).appendingPathComponent(fileName)
    }

    /// The addresses already sent this invitation at this SEQUENCE.
    func recipients(uid: String, sequence: Int, method: String) -> Set<String> {
        Set(records.filter { $0.uid == uid && $0.sequence == sequence && $0.method == method }.flatMap(\.recipients))
    }

    public static func load(workspace: URL) throws -> SentLog {
        SentLog(records: try WorkspaceRecords.readList(SentRecord.self, url(workspace: workspace), what: "sent-mail log"))
    }

    /// Writes the whole log to a temporary file and renames it into place.
    public func save(workspace: URL) throws {
        try WorkspaceRecords.writeList(records, to: Self.url(workspace: workspace))
    }
}
