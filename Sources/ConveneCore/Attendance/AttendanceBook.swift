import Foundation

/// Everything recorded about who attended which event: the tool-owned `records/attendance.json`.
///
/// Records are kept one per attendee and event, sorted by event then attendee, so that recording
/// the same sheet twice leaves the file byte-for-byte the same.
public struct AttendanceBook: Sendable, Hashable, Codable {
    /// The file name inside the workspace's `records/` folder.
    public static let fileName = "attendance.json"

    /// Format version of the file.
    public var version: Int
    public var records: [AttendanceRecord]

    public init(records: [AttendanceRecord] = []) {
        version = 1
        self.records = Self.sorted(records)
    }

    /// How recording changed the book.
    public struct Change: Sendable, Hashable, Codable {
        public var added: Int
        public var changed: Int
        public var unchanged: Int
        /// Records of an earlier version of the same sheet whose rows are gone.
        public var removed: Int
    }

    /// Adds or replaces records (one per attendee and event); the rest of the book is kept.
    /// With `sheet` (a sheet's identity, ``SheetIdentity``) and `eventID` (a sitting key, `EVENT` or `EVENT@DATE`), records that an earlier version of that
    /// sheet made for the event and that the new one no longer has are removed: recording a
    /// corrected sheet replaces what it recorded before, and leaves other sheets' records alone.
    /// `formerName` is the name an earlier release gave the same sheet
    /// (``SheetIdentity/formerName(of:workspace:)``): its records are the sheet's too.
    @discardableResult
    public mutating func record(_ new: [AttendanceRecord], replacingSheet sheet: String? = nil, formerName: String? = nil,
                                eventID: String? = nil) -> Change {
        var change = Change(added: 0, changed: 0, unchanged: 0, removed: 0)
        // Each record's identity is worked out once (a guest's folds their name).
        let newKeys = new.map(Self.identity)
        var book = records.map { (key: Self.identity($0), record: $0) }
        if let sheet, let eventID {
            let kept = Set(newKeys)
            let before = book.count
            book.removeAll { entry in
                entry.record.sittingKey == eventID && !kept.contains(entry.key)
                    && (SheetIdentity.isLine(entry.record.source, of: sheet)
                        || formerName.map { SheetIdentity.isLine(entry.record.source, of: $0) } == true)
            }
            change.removed = before - book.count
        }
        var position: [String: Int] = Dictionary(minimumCapacity: book.count + new.count)
        for (i, entry) in book.enumerated() { position[entry.key] = i }
        for (record, key) in zip(new, newKeys) {
            if let i = position[key] {
                if book[i].record == record { change.unchanged += 1 } else { book[i].record = record; change.changed += 1 }
            } else {
                position[key] = book.count
                book.append((key, record))
                change.added += 1
            }
        }
        records = book.sorted { $0.key < $1.key }.map(\.record)
        return change
    }

    /// The records of one event (every sitting of a recurring one).
    public func records(for eventID: String) -> [AttendanceRecord] { records.filter { $0.eventID == eventID } }

    /// The records of one sitting (`EVENT` or `EVENT@DATE`).
    public func records(forSitting key: String) -> [AttendanceRecord] { records.filter { $0.sittingKey == key } }

    /// Each sitting's records (by ``AttendanceRecord/sittingKey``) as a slice of `records` (which are
    /// kept sorted by sitting), built in one pass without copying records; a book whose records are
    /// out of order is grouped instead.
    public func slicesByEvent() -> [String: ArraySlice<AttendanceRecord>] {
        var slices: [String: ArraySlice<AttendanceRecord>] = [:]
        var start = records.startIndex
        for i in records.indices where i + 1 == records.endIndex || records[i + 1].eventID != records[i].eventID
            || records[i + 1].occurrence != records[i].occurrence {
            guard slices.updateValue(records[start...i], forKey: records[i].sittingKey) == nil else {
                return Dictionary(grouping: records, by: \.sittingKey).mapValues { ArraySlice($0) }
            }
            start = i + 1
        }
        return slices
    }

    private static func identity(_ record: AttendanceRecord) -> String { record.sittingKey + "\u{1F}" + record.attendeeKey }

    /// By event, then attendee; each key computed once (a guest's key folds their name).
    private static func sorted(_ records: [AttendanceRecord]) -> [AttendanceRecord] {
        records.map { (key: identity($0), record: $0) }.sorted { $0.key < $1.key }.map(\.record)
    }

    /// `WORKSPACE/records/attendance.json`.
    public static func url(workspace: URL) -> URL {
        workspace.appendingPathComponent(WorkspaceRecords.folderName).appendingPathComponent(fileName)
    }

    /// Reads the book; a workspace without one has an empty book.
    public static func load(workspace: URL) throws -> AttendanceBook {
        try WorkspaceRecords.read(AttendanceBook.self, url(workspace: workspace), what: "attendance file",
                                  hint: "restore it from git, or delete it and record the sign-in sheets again with `convene attend`")
            ?? AttendanceBook()
    }

    /// The file's bytes: key-sorted JSON, one record a line, ending in a newline.
    public func encoded() throws -> Data { try recordLines() }

    /// Writes the book atomically; an unchanged book leaves the file untouched.
    public func save(workspace: URL) throws {
        _ = try RecordsLock.hold(workspace: workspace) {
            try AtomicFile.writeIfChanged(try encoded(), to: WorkspaceRecords.folderName + "/" + Self.fileName, in: workspace)
        }
    }
}
