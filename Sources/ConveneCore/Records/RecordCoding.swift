import Foundation

/// A value stored in a tool-owned record file, read and written by hand (no Codable on this
/// path: `JSONDecoder` is several times slower on files of tens of megabytes). Reading accepts
/// exactly what the type's Codable conformance accepts: the same keys, required or optional
/// (`null` or left out), unknown keys ignored. Writing gives one compact object, keys sorted.
protocol JSONRecord {
    init(json reader: inout JSONReader) throws
    func write(json writer: inout JSONWriter)
}

/// A whole record file: the document's layout keeps one record a line.
protocol JSONRecordFile {
    init(json reader: inout JSONReader) throws
    /// The file's bytes, ending in a newline; the same value always gives the same bytes.
    var jsonDocument: Data { get }
}

/// The enums records name by their raw values.
private enum Names {
    static let attendance = JSONNames(AttendanceStatus.self)
    static let reply = JSONNames(ReplyStatus.self)
    static let level = JSONNames(GovernmentLevel.self)
    static let sector = JSONNames(Sector.self)
}

extension JSONReader {
    mutating func readRecord<Record: JSONRecord>(_: Record.Type = Record.self) throws -> Record { try Record(json: &self) }

    mutating func readOptionalString() throws -> String? { try readNullable { try $0.readString() } }

    /// A file's array of records. Room is reserved for as many as a file of this size may hold
    /// (no record takes much less than 80 bytes): that spares copying a large array as it grows,
    /// and the part never filled is never touched, so it costs address space, not memory.
    mutating func readRecords<Record: JSONRecord>(_: Record.Type = Record.self) throws -> [Record] {
        var records: [Record] = []
        records.reserveCapacity(bytes.count / 80)
        try readArray { records.append(try $0.readRecord()) }
        return records
    }

    /// An object with one required member, the one of `keys` (others are ignored, as JSONDecoder
    /// does): its value, as `read` reads it.
    mutating func readOnlyMember<Key, Value>(_ keys: JSONNames<Key>, of what: String,
                                             _ read: (inout JSONReader) throws -> Value) throws -> Value {
        var value: Value?
        let start = try readObject(keys) { _, reader in value = try read(&reader) }
        guard let value else { throw missing(keys.names[0], in: what, at: start) }
        return value
    }
}

// MARK: Attendance

extension AttendanceBook: JSONRecordFile {
    private enum Key: String, CaseIterable, Sendable { case version, records }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        var version: Int?, records: [AttendanceRecord]?
        let start = try reader.readObject(Self.keys) { key, reader in
            switch key {
            case .version: version = try reader.readInt()
            case .records: records = try reader.readRecords()
            }
        }
        guard let version else { throw reader.missing("version", in: "the attendance book", at: start) }
        guard let records else { throw reader.missing("records", in: "the attendance book", at: start) }
        self.init()
        self.version = version
        self.records = records  // as stored: JSONDecoder does not sort them either
    }

    var jsonDocument: Data {
        JSONWriter.document(["records", "version"]) { writer, member in
            if member == 0 {
                writer.linedArray(records, indent: 2) { $1.write(json: &$0) }
            } else {
                writer.int(version)
            }
        }
    }
}

extension AttendanceRecord: JSONRecord {
    private enum Key: String, CaseIterable, Sendable { case eventID, personID, guest, status, onBehalfOf, source, occurrence }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        var eventID: String?, personID: String?, guest: Guest?, status: AttendanceStatus?, onBehalfOf: String?, source: String?
        var occurrence: String?
        let start = try reader.readObject(Self.keys) { key, reader in
            switch key {
            case .eventID: eventID = try reader.readString()
            case .personID: personID = try reader.readOptionalString()
            case .guest: guest = try reader.readNullable { try $0.readRecord() }
            case .status: status = try reader.readName(Names.attendance)
            case .onBehalfOf: onBehalfOf = try reader.readOptionalString()
            case .source: source = try reader.readOptionalString()
            case .occurrence: occurrence = try reader.readOptionalString()
            }
        }
        guard let eventID else { throw reader.missing("eventID", in: "an attendance record", at: start) }
        guard let status else { throw reader.missing("status", in: "an attendance record", at: start) }
        self.init(eventID: eventID, personID: personID, guest: guest, status: status, onBehalfOf: onBehalfOf, source: source,
                  occurrence: occurrence)
    }

    func write(json writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("eventID", eventID)
        if let guest {
            writer.key("guest")
            guest.write(json: &writer)
        }
        writer.member("occurrence", occurrence)
        writer.member("onBehalfOf", onBehalfOf)
        writer.member("personID", personID)
        writer.member("source", source)
        writer.member("status", status.rawValue)
        writer.endObject()
    }
}

extension Guest: JSONRecord {
    private enum Key: String, CaseIterable, Sendable { case name, email, organisation, organisationID, level, sector, country }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        var name: String?, email: String?, organisation: String?, organisationID: String?
        var level: GovernmentLevel?, sector: Sector?, country: String?
        let start = try reader.readObject(Self.keys) { key, reader in
            switch key {
            case .name: name = try reader.readString()
            case .email: email = try reader.readOptionalString()
            case .organisation: organisation = try reader.readOptionalString()
            case .organisationID: organisationID = try reader.readOptionalString()
            case .level: level = try reader.readNullable { try $0.readName(Names.level) }
            case .sector: sector = try reader.readNullable { try $0.readName(Names.sector) }
            case .country: country = try reader.readOptionalString()
            }
        }
        guard let name else { throw reader.missing("name", in: "a guest", at: start) }
        self.init(name: name, email: email, organisation: organisation, organisationID: organisationID,
                  level: level, sector: sector, country: country)
    }

    func write(json writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("country", country)
        writer.member("email", email)
        writer.member("level", level?.rawValue)
        writer.member("name", name)
        writer.member("organisation", organisation)
        writer.member("organisationID", organisationID)
        writer.member("sector", sector?.rawValue)
        writer.endObject()
    }
}

// MARK: Replies

extension ReplyBook: JSONRecordFile {
    private enum Key: String, CaseIterable, Sendable { case replies }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        self.init(replies: try reader.readOnlyMember(Self.keys, of: "the reply book") { try $0.readRecords() })
    }

    var jsonDocument: Data {
        JSONWriter.document(["replies"]) { writer, _ in
            writer.linedArray(replies, indent: 2) { $1.write(json: &$0) }
        }
    }
}

extension Reply: JSONRecord {
    private enum Key: String, CaseIterable, Sendable { case eventID, personID, status, delegatedTo, sequence, occurrence, comment }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        var eventID: String?, personID: String?, status: ReplyStatus?, delegatedTo: String?, sequence: Int?
        var occurrence: String?, comment: String?
        let start = try reader.readObject(Self.keys) { key, reader in
            switch key {
            case .eventID: eventID = try reader.readString()
            case .personID: personID = try reader.readString()
            case .status: status = try reader.readName(Names.reply)
            case .delegatedTo: delegatedTo = try reader.readOptionalString()
            case .sequence: sequence = try reader.readInt()
            case .occurrence: occurrence = try reader.readOptionalString()
            case .comment: comment = try reader.readOptionalString()
            }
        }
        guard let eventID else { throw reader.missing("eventID", in: "a reply", at: start) }
        guard let personID else { throw reader.missing("personID", in: "a reply", at: start) }
        guard let status else { throw reader.missing("status", in: "a reply", at: start) }
        guard let sequence else { throw reader.missing("sequence", in: "a reply", at: start) }
        self.init(eventID: eventID, personID: personID, status: status, delegatedTo: delegatedTo, sequence: sequence,
                  occurrence: occurrence, comment: comment)
    }

    func write(json writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("comment", comment)
        writer.member("delegatedTo", delegatedTo)
        writer.member("eventID", eventID)
        writer.member("occurrence", occurrence)
        writer.member("personID", personID)
        writer.member("sequence", sequence)
        writer.member("status", status.rawValue)
        writer.endObject()
    }
}

// MARK: Busy time

extension [BusyInterval]: JSONRecordFile {
    init(json reader: inout JSONReader) throws {
        self = try reader.readRecords()
    }

    var jsonDocument: Data {
        JSONWriter.document(lines: self) { $1.write(json: &$0) }
    }
}

extension BusyInterval: JSONRecord {
    private enum Key: String, CaseIterable, Sendable { case personID, span, source }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        var personID: String?, span: TimeSpan?, source: String?
        let start = try reader.readObject(Self.keys) { key, reader in
            switch key {
            case .personID: personID = try reader.readString()
            case .span: span = try reader.readRecord()
            case .source: source = try reader.readString()
            }
        }
        guard let personID else { throw reader.missing("personID", in: "a busy interval", at: start) }
        guard let span else { throw reader.missing("span", in: "a busy interval", at: start) }
        guard let source else { throw reader.missing("source", in: "a busy interval", at: start) }
        self.init(personID: personID, span: span, source: source)
    }

    func write(json writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("personID", personID)
        writer.member("source", source)
        writer.key("span")
        span.write(json: &writer)
        writer.endObject()
    }
}

extension TimeSpan: JSONRecord {
    private enum Key: String, CaseIterable, Sendable { case start, end }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        var start: UnixSeconds?, end: UnixSeconds?
        let at = try reader.readObject(Self.keys) { key, reader in
            switch key {
            case .start: start = try reader.readInt64()
            case .end: end = try reader.readInt64()
            }
        }
        guard let start else { throw reader.missing("start", in: "a time span", at: at) }
        guard let end else { throw reader.missing("end", in: "a time span", at: at) }
        self.init(start: start, end: end)
    }

    func write(json writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("end", end)
        writer.member("start", start)
        writer.endObject()
    }
}

// MARK: Export history

extension ExportLedger: JSONRecordFile {
    private enum Key: String, CaseIterable, Sendable { case entries }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        self.init(entries: try reader.readOnlyMember(Self.keys, of: "the export ledger") { reader in
            var entries: [String: Entry] = [:]
            try reader.readDictionary { id, reader in
                // An event written twice: the first counts, the second is not read (as with JSONDecoder).
                if entries[id] == nil { entries[id] = try reader.readRecord() } else { try reader.skipValue() }
            }
            return entries
        })
    }

    var jsonDocument: Data {
        JSONWriter.document(["entries"]) { writer, _ in
            writer.linedObjectConcurrently(entries, indent: 2) { $1.write(json: &$0) }
        }
    }
}

extension ExportLedger.Entry: JSONRecord {
    private enum Key: String, CaseIterable, Sendable { case uid, sequence, fingerprint, contentHash, dtstamp, removed, cancellationLines }
    private static let keys = JSONNames(Key.self)

    init(json reader: inout JSONReader) throws {
        var uid: String?, sequence: Int?, fingerprint: String?, contentHash: String?, dtstamp: String?
        var removed: Bool?, cancellationLines: [String]?
        let start = try reader.readObject(Self.keys) { key, reader in
            switch key {
            case .uid: uid = try reader.readString()
            case .sequence: sequence = try reader.readInt()
            case .fingerprint: fingerprint = try reader.readString()
            case .contentHash: contentHash = try reader.readString()
            case .dtstamp: dtstamp = try reader.readString()
            case .removed: removed = try reader.readBool()
            case .cancellationLines:
                var lines: [String] = []
                try reader.readArray { lines.append(try $0.readString()) }
                cancellationLines = lines
            }
        }
        let what = "the export entry"
        guard let uid else { throw reader.missing("uid", in: what, at: start) }
        guard let sequence else { throw reader.missing("sequence", in: what, at: start) }
        guard let fingerprint else { throw reader.missing("fingerprint", in: what, at: start) }
        guard let contentHash else { throw reader.missing("contentHash", in: what, at: start) }
        guard let dtstamp else { throw reader.missing("dtstamp", in: what, at: start) }
        guard let removed else { throw reader.missing("removed", in: what, at: start) }
        guard let cancellationLines else { throw reader.missing("cancellationLines", in: what, at: start) }
        self.init(uid: uid, sequence: sequence, fingerprint: fingerprint, contentHash: contentHash, dtstamp: dtstamp,
                  removed: removed, cancellationLines: cancellationLines)
    }

    func write(json writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("cancellationLines")
        writer.beginArray()
        for line in cancellationLines { writer.string(line) }
        writer.endArray()
        writer.member("contentHash", contentHash)
        writer.member("dtstamp", dtstamp)
        writer.member("fingerprint", fingerprint)
        writer.member("removed", removed)
        writer.member("sequence", sequence)
        writer.member("uid", uid)
        writer.endObject()
    }
}
