import ConveneCore
import Foundation

/// One message handed to the mail transport (or written as a file): which invitation, at which
/// SEQUENCE, to whom.
public struct SentRecord: Sendable, Hashable, Codable {
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
/// elements each take one line, so git diffs stay line by line). Read with `JSONDecoder` line by
/// line, so a damaged record is reported with its line.
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
        SentLog(records: try RecordLines.read(SentRecord.self, from: url(workspace: workspace), what: "sent-mail log"))
    }

    /// Writes the whole log to a temporary file and renames it into place.
    public func save(workspace: URL) throws {
        try RecordLines.write(records, to: Self.url(workspace: workspace))
    }
}

/// A tool-owned file of Codable records, one a line: `[`, each record with a comma after all
/// but the last, `]`.
enum RecordLines {
    static func read<Record: Decodable>(_ type: Record.Type, from url: URL, what: String) throws -> [Record] {
        guard let data = FileManager.default.contents(atPath: url.path) else { return [] }
        let shown = url.path
        var records: [Record] = []
        let decoder = JSONDecoder()
        for (number, line) in data.split(separator: 10, omittingEmptySubsequences: false).enumerated() {
            var bytes = line[...]
            while let last = bytes.last, last == 32 || last == 13 || last == UInt8(ascii: ",") { bytes = bytes.dropLast() }
            if bytes.isEmpty || bytes.elementsEqual([UInt8(ascii: "[")]) || bytes.elementsEqual([UInt8(ascii: "]")]) { continue }
            do {
                records.append(try decoder.decode(Record.self, from: Data(bytes)))
            } catch {
                throw InputError([Diagnostic(location: SourceLocation(file: shown, line: number + 1),
                                             message: "tool-owned \(what) is damaged: this line is not a record (\(error))",
                                             hint: "restore it from git (the workspace is meant to be kept in git)")])
            }
        }
        return records
    }

    static func write<Record: Encodable>(_ records: [Record], to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out = Data("[\n".utf8)
        for (index, record) in records.enumerated() {
            out += try encoder.encode(record)
            out += Data((index + 1 < records.count ? ",\n" : "\n").utf8)
        }
        out += Data("]\n".utf8)
        try AtomicFile.writeIfChanged(out, to: url)
    }
}
