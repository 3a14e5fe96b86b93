import Foundation

/// A tool-owned record file (`records/*.json`). The type's `Codable` conformance defines its
/// records; ``RecordLines`` lays them out one a line. A file in the layout is read line by line
/// (pieces on every core), any other file whole by `JSONDecoder`: the same values either way.
protocol RecordFile: Codable, Sendable {
    /// The file's bytes, ending in a newline; the same value always gives the same bytes.
    func recordLines() throws -> Data
    /// ``recordLines()`` in pieces that follow one another in the file (written as they are,
    /// not joined first).
    func recordPieces() throws -> [Data]
    /// The value of a file in the lined layout; nil when the file holds other members than the
    /// type's own (then `JSONDecoder` reads it whole and decides).
    init?(lines frame: RecordLines.Frame) throws
}

extension RecordFile {
    func recordPieces() throws -> [Data] { [try recordLines()] }

    /// Reads a record file's bytes.
    static func decode(_ data: Data) throws -> Self {
        if let frame = RecordLines.frame(data), let value = try Self(lines: frame) { return value }
        do {
            return try JSONDecoder().decode(Self.self, from: data)
        } catch {
            throw RecordError(error, data: data)
        }
    }
}

extension RecordLines.Frame {
    /// Whether the document's members are exactly `keys`.
    func holds(_ keys: Set<String>) -> Bool {
        Set(inline.keys).union(lined.keys) == keys && inline.count + lined.count == keys.count
    }

    /// A member written on one line, decoded by `JSONDecoder`.
    func value<Value: Decodable>(_: Value.Type, _ key: String) throws -> Value {
        let (data, line) = inline[key]!
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch {
            var problem = RecordError(error, data: data, at: (line, key.utf8.count + 7))
            problem.message = "\(key): " + problem.message
            throw problem
        }
    }

    /// A list member: its records, one a line.
    func list<Record: Decodable & Sendable>(_: Record.Type, _ key: String) throws -> [Record] {
        if let lines = lined[key] { return try RecordLines.decodeArray(lines, in: document, indent: key.isEmpty ? 2 : 4) }
        return try value([Record].self, key)
    }
}

// MARK: The files

extension AttendanceBook: RecordFile {
    func recordLines() throws -> Data {
        RecordLines.document([("records", try RecordLines.array(records, indent: 2)),
                              ("version", try RecordLines.encoder().encode(version))])
    }

    init?(lines frame: RecordLines.Frame) throws {
        guard frame.holds(["records", "version"]) else { return nil }
        self.init()
        version = try frame.value(Int.self, "version")
        records = try frame.list(AttendanceRecord.self, "records")  // as stored, as JSONDecoder reads them
    }
}

extension ReplyBook: RecordFile {
    func recordLines() throws -> Data {
        RecordLines.document([("replies", try RecordLines.array(replies, indent: 2))])
    }

    init?(lines frame: RecordLines.Frame) throws {
        guard frame.holds(["replies"]) else { return nil }
        self.init(replies: try frame.list(Reply.self, "replies"))
    }
}

/// A record that tool-owned files hold as a list, one a line (`records/busy.json`, and other
/// modules' record files such as `records/sent.json`).
public protocol ListedRecord: Codable, Sendable {}

extension BusyInterval: ListedRecord {}

extension Array: RecordFile where Element: ListedRecord {
    func recordLines() throws -> Data {
        try RecordLines.array(self, indent: 0) + Data("\n".utf8)
    }

    init?(lines frame: RecordLines.Frame) throws {
        guard frame.holds([""]) else { return nil }
        self = try frame.list(Element.self, "")
    }
}

extension ExportLedger: RecordFile {
    func recordLines() throws -> Data {
        RecordLines.joined(try recordPieces())
    }

    /// The export history of 20 000 events is 19 MB: written in the pieces it is made in.
    func recordPieces() throws -> [Data] {
        try RecordLines.documentPieces("entries", dictionary: entries)
    }

    init?(lines frame: RecordLines.Frame) throws {
        guard frame.holds(["entries"]) else { return nil }
        if let lines = frame.lined["entries"] {
            // An event written twice: JSONDecoder, reading the whole file, decides which counts.
            guard let entries: [String: Entry] = try RecordLines.decodeDictionary(lines, in: frame.document, indent: 4) else { return nil }
            self.init(entries: entries)
        } else {
            self.init(entries: try frame.value([String: Entry].self, "entries"))
        }
    }
}

extension WorkspaceRecords {
    /// Reads a tool-owned file that is a list of records, one a line (none when there is no file),
    /// as every record file is read: for the record files of other modules (`records/sent.json`).
    /// `hint` says how to recover from a damaged file (default: restore it from git).
    public static func readList<Record: ListedRecord>(_: Record.Type, _ file: URL, what: String, hint: String? = nil) throws -> [Record] {
        if let hint { return try read([Record].self, file, what: what, hint: hint) ?? [] }
        return try read([Record].self, file, what: what) ?? []
    }

    /// Writes `records/NAME`, a list of records one a line, atomically, through the one safe path
    /// below the workspace (`records` entered without following a symbolic link, see
    /// ``AtomicFile/writeIfChanged(_:to:in:skipEmpty:)``); an unchanged file is left alone, and
    /// with `skipEmpty` an empty list whose file does not exist yet is not written. Hold the
    /// records lock (``updateList(_:named:workspace:what:_:)`` does).
    public static func writeList<Record: ListedRecord>(_ records: [Record], named name: String, workspace: URL,
                                                       skipEmpty: Bool = false) throws {
        try AtomicFile.writeIfChanged(try records.recordLines(), to: folderName + "/" + name, in: workspace,
                                      skipEmpty: skipEmpty && records.isEmpty)
    }

    /// Reads `records/NAME`, a tool-owned file that is a list of records one a line (none when
    /// there is no file), as every record file is read: for the record files of other modules
    /// (`records/sent.json`). To change it, use ``updateList(_:named:workspace:what:_:)``.
    public static func readList<Record: ListedRecord>(_: Record.Type, named name: String, workspace: URL, what: String) throws -> [Record] {
        try readList(Record.self, workspace.appendingPathComponent(folderName).appendingPathComponent(name), what: what)
    }

    /// Reads a tool-owned record file; nil when there is none. A damaged file is bad input that
    /// names the file, line and column.
    static func read<T: RecordFile>(_ type: T.Type, _ file: URL, what: String = "record file",
                                    hint: String = "restore it from git (the workspace is meant to be kept in git)") throws -> T? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let shown = PlanLoader.displayPath(file)
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw InputError([Diagnostic(location: SourceLocation(file: shown, line: 1), message: "cannot read tool-owned \(what): \(error.localizedDescription)",
                                         hint: "check that it is a file you may read")])
        }
        do {
            return try T.decode(data)
        } catch let error as RecordError {
            throw InputError([Diagnostic(location: SourceLocation(file: shown, line: error.line, column: error.column),
                                         message: "tool-owned \(what) is damaged: \(error.message)", hint: hint)])
        }
    }
}
