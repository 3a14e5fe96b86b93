import Foundation
import Testing
@testable import ConveneCore

/// The tool-owned record files (`records/*.json`), one record a line, each line read and written by
/// Foundation: a file must read line by line exactly as `JSONDecoder` reads it whole, and what we
/// write must be JSON that others (Python's json module) read back to the same values.
@Suite("Records: reading and writing the record files")
struct RecordFileTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every record file kept in the repository, and the fixtures'.
    static let committed = [
        "Calendars/strong-cities/records/attendance.json",
        "Calendars/strong-cities/records/replies.json",
        "Calendars/strong-cities/records/exports.json",
        "Calendars/clashes/records/busy.json",
        "Tests/ConveneCoreTests/Fixtures/attendance/workspace/records/replies.json",
        // One of each file as the previous release (hand-written JSON) wrote them.
        "Tests/ConveneCoreTests/Fixtures/records/previous-release/attendance.json",
        "Tests/ConveneCoreTests/Fixtures/records/previous-release/replies.json",
        "Tests/ConveneCoreTests/Fixtures/records/previous-release/exports.json",
        "Tests/ConveneCoreTests/Fixtures/records/previous-release/busy.json",
    ]

    static func ours<T: RecordFile>(_: T.Type, _ data: Data) throws -> T { try T.decode(data) }

    /// Foundation's reading and ours of the same bytes, which must agree; the number of records.
    static func differential(_ file: String, _ data: Data) throws -> Int {
        switch URL(fileURLWithPath: file).lastPathComponent {
        case "attendance.json": return try agree(AttendanceBook.self, data) { $0.records.count }
        case "replies.json": return try agree(ReplyBook.self, data) { $0.replies.count }
        case "exports.json": return try agree(ExportLedger.self, data) { $0.entries.count }
        case "busy.json": return try agree([BusyInterval].self, data) { $0.count }
        default: throw CocoaError(.fileReadUnknown)
        }
    }

    static func agree<T: RecordFile & Equatable>(_: T.Type, _ data: Data, count: (T) -> Int) throws -> Int {
        let foundation = try JSONDecoder().decode(T.self, from: data)
        let mine = try ours(T.self, data)
        #expect(mine == foundation)
        // Foundation reads what we write, whole, to the same value, and so do we, line by line.
        let written = try mine.recordLines()
        #expect(RecordLines.frame(written) != nil, "what we write is in the lined layout")
        #expect(try JSONDecoder().decode(T.self, from: written) == foundation)
        #expect(try ours(T.self, written) == foundation)
        return count(foundation)
    }

    /// The format `JSONEncoder` wrote before: old files must keep loading.
    static func foundationEncoded<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }

    @Test(arguments: committed)
    func committedFilesReadAsJSONDecoderReadsThem(file: String) throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent(file))
        #expect(try Self.differential(file, data) > 0)
        // The same records as JSONEncoder laid them out before this reader.
        let old: Data
        switch URL(fileURLWithPath: file).lastPathComponent {
        case "attendance.json": old = try Self.foundationEncoded(try JSONDecoder().decode(AttendanceBook.self, from: data))
        case "replies.json": old = try Self.foundationEncoded(try JSONDecoder().decode(ReplyBook.self, from: data))
        case "exports.json": old = try Self.foundationEncoded(try JSONDecoder().decode(ExportLedger.self, from: data))
        default: old = try Self.foundationEncoded(try JSONDecoder().decode([BusyInterval].self, from: data))
        }
        #expect(try Self.differential(file, old) > 0)
    }

    /// The sample workspaces' records are as the tool writes them today: loading and saving them
    /// changes no byte. `CONVENE_UPDATE_RECORDS=1` re-saves them through the tool's own save path.
    @Test(arguments: ["Calendars/strong-cities", "Calendars/clashes"])
    func committedRecordsAreAsTheToolWritesThem(workspace: String) throws {
        let folder = Self.root.appendingPathComponent(workspace)
        let records = try WorkspaceRecords.load(workspace: folder)
        let book = try AttendanceBook.load(workspace: folder)
        if ProcessInfo.processInfo.environment["CONVENE_UPDATE_RECORDS"] == "1" {
            try records.save(workspace: folder)
            if !book.records.isEmpty { try book.save(workspace: folder) }
        }
        let files: [(String, Data, Bool)] = [
            (WorkspaceRecords.repliesFile, try records.replies.recordLines(), records.replies.replies.isEmpty),
            (WorkspaceRecords.busyFile, try records.busy.recordLines(), records.busy.isEmpty),
            (WorkspaceRecords.exportsFile, try records.exports.recordLines(), records.exports.entries.isEmpty),
            (AttendanceBook.fileName, try book.encoded(), book.records.isEmpty),
        ]
        for (name, written, empty) in files where !empty {
            let stored = try Data(contentsOf: folder.appendingPathComponent("records/\(name)"))
            #expect(Self.firstDifference(stored, written) == nil,
                    "\(workspace)/records/\(name) is not as the tool writes it (CONVENE_UPDATE_RECORDS=1 to re-save)")
        }
    }

    /// `line N: stored ≠ written`, for the first line that differs.
    static func firstDifference(_ stored: Data, _ written: Data) -> String? {
        let a = String(decoding: stored, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard let line = (0..<max(a.count, b.count)).first(where: { $0 >= a.count || $0 >= b.count || a[$0] != b[$0] }) else { return nil }
        return "line \(line + 1): \(line < a.count ? String(a[line]) : "(end)") ≠ \(line < b.count ? String(b[line]) : "(end)")"
    }

    // MARK: Awkward values

    /// Text that JSON must escape or carry as it is: quotes, controls, scripts, emoji, line and
    /// paragraph separators, a byte order mark, combining marks, the last code point.
    static let awkward = ["", "plain", "quote \" backslash \\ slash / done", "tab\tnewline\nreturn\r", "\u{0}\u{1}\u{8}\u{C}\u{1B}\u{1F}\u{7F}",
                          "اجتماع المجلس البلدي", "জাতীয় স্থানীয় সরকার সভা", "emoji 😀 👩‍👩‍👧 🇺🇬", "\u{2028}\u{2029}\u{FEFF}", "e\u{301} é", "\u{10FFFF}"]

    static func book() -> AttendanceBook {
        var records: [AttendanceRecord] = []
        for (i, text) in awkward.enumerated() {
            records.append(AttendanceRecord(eventID: "event-\(i % 3)", personID: "person-\(text)", status: .attended, source: text))
            records.append(AttendanceRecord(
                eventID: "event-\(i % 3)",
                guest: Guest(name: "Guest \(text)", email: i % 2 == 0 ? nil : "g\(i)@example.org", organisation: text, organisationID: "org-\(i)",
                             level: GovernmentLevel.allCases[i % 5], sector: Sector.allCases[i % 9], country: "BD"),
                status: AttendanceStatus.allCases[i % 3], onBehalfOf: i % 2 == 0 ? text : nil, source: nil))
        }
        var book = AttendanceBook(records: records)
        book.version = 7  // kept as stored, whatever it is
        return book
    }

    static func replies() -> ReplyBook {
        ReplyBook(replies: awkward.enumerated().map { i, text in
            Reply(eventID: "e-\(text)", personID: "p\(i)", status: ReplyStatus.allCases[i % 5],
                  delegatedTo: i % 2 == 0 ? "mailto:\(text)@example.org" : nil, sequence: i * 1_000_000_007)
        })
    }

    static func busy() -> [BusyInterval] {
        [BusyInterval(personID: "aino", span: TimeSpan(start: .min, end: .max), source: "a \"quoted\" file.ics"),
         BusyInterval(personID: "regina", span: TimeSpan(start: -86_400, end: 0), source: "calendar/régina 😀.ics")]
            + awkward.map { BusyInterval(personID: $0, span: TimeSpan(start: 1_788_332_400, end: 1_788_339_600), source: $0) }
    }

    static func ledger() -> ExportLedger {
        var entries: [String: ExportLedger.Entry] = [:]
        for (i, text) in awkward.enumerated() {
            entries["event-\(text)"] = ExportLedger.Entry(uid: "\(i)@x.convene", sequence: i, fingerprint: StableHash.hex(text),
                                                          contentHash: StableHash.hex("c" + text), dtstamp: "20241015T060000Z",
                                                          removed: i % 2 == 1, cancellationLines: i % 3 == 0 ? [] : ["SUMMARY:\(text)", "ATTENDEE:mailto:a@b"])
        }
        return ExportLedger(entries: entries)
    }

    @Test func awkwardValuesRoundTripThroughBothParsers() throws {
        #expect(try Self.differential("attendance.json", Self.book().recordLines()) == 2 * Self.awkward.count)
        #expect(try Self.differential("replies.json", Self.replies().recordLines()) == Self.awkward.count)
        #expect(try Self.differential("busy.json", Self.busy().recordLines()) == Self.awkward.count + 2)
        #expect(try Self.differential("exports.json", Self.ledger().recordLines()) == Self.awkward.count)
        // And what JSONEncoder writes of them, we read.
        #expect(try Self.ours(AttendanceBook.self, try Self.foundationEncoded(Self.book())) == Self.book())
        #expect(try Self.ours(ExportLedger.self, try Self.foundationEncoded(Self.ledger())) == Self.ledger())
    }

    /// Every object's keys in sorted order, one record a line, the same bytes every time.
    @Test func theLayoutIsOneSortedRecordALine() throws {
        for document in [try Self.book().recordLines(), try Self.replies().recordLines(), try Self.busy().recordLines(), try Self.ledger().recordLines()] {
            #expect(document.last == UInt8(ascii: "\n"))
            let frame = try #require(RecordLines.frame(document))
            #expect(!frame.lined.isEmpty)
            for (_, lines) in frame.lined {
                // Each line is one JSON value on its own (a dictionary's lines are `"key" : value`).
                for (_, text) in lines {
                    let record = String(decoding: text, as: UTF8.self)
                    #expect((try? JSONSerialization.jsonObject(with: Data((record.hasPrefix("{") ? record : "{" + record + "}").utf8))) != nil, "\(record)")
                }
            }
            #expect((try? JSONSerialization.jsonObject(with: document)) != nil)
        }
        #expect(try Self.book().recordLines() == Self.book().recordLines())
        #expect(try Self.ledger().recordLines() == Self.ledger().recordLines())
    }

    @Test func smallFilesLookExactlyLikeThis() throws {
        var book = AttendanceBook()
        book.record([AttendanceRecord(eventID: "e1", personID: "a", status: .absent, source: "s.csv:2"),
                     AttendanceRecord(eventID: "e1", guest: Guest(name: "Walk In", sector: .youth), status: .attended)])
        #expect(String(decoding: try book.encoded(), as: UTF8.self) == """
            {
              "records" : [
                {"eventID":"e1","guest":{"name":"Walk In","sector":"youth"},"status":"attended"},
                {"eventID":"e1","personID":"a","source":"s.csv:2","status":"absent"}
              ],
              "version" : 1
            }

            """)
        #expect(String(decoding: try AttendanceBook().encoded(), as: UTF8.self) == "{\n  \"records\" : [],\n  \"version\" : 1\n}\n")
        let ledger = ExportLedger(entries: ["b": .init(uid: "b@x", sequence: 2, fingerprint: "f", contentHash: "h", dtstamp: "d", removed: true),
                                            "a": .init(uid: "a@x", sequence: 0, fingerprint: "f", contentHash: "h", dtstamp: "d",
                                                       cancellationLines: ["DTSTART:20240513", "SUMMARY:A\\, B"])])
        #expect(String(decoding: try ledger.recordLines(), as: UTF8.self) == #"""
            {
              "entries" : {
                "a" : {"cancellationLines":"DTSTART:20240513\nSUMMARY:A\\, B","contentHash":"h","dtstamp":"d","fingerprint":"f","removed":false,"sequence":0,"uid":"a@x"},
                "b" : {"cancellationLines":"","contentHash":"h","dtstamp":"d","fingerprint":"f","removed":true,"sequence":2,"uid":"b@x"}
              }
            }

            """#)
        let busy = [BusyInterval(personID: "p", span: TimeSpan(start: 1, end: 2), source: "s.ics")]
        #expect(String(decoding: try busy.recordLines(), as: UTF8.self) == "[\n  {\"personID\":\"p\",\"source\":\"s.ics\",\"span\":{\"end\":2,\"start\":1}}\n]\n")
        #expect(String(decoding: try ReplyBook(replies: [Reply(eventID: "e", personID: "p", status: .delegated, delegatedTo: "mailto:d@x")]).recordLines(),
                       as: UTF8.self) == """
            {
              "replies" : [
                {"delegatedTo":"mailto:d@x","eventID":"e","personID":"p","sequence":0,"status":"delegated"}
              ]
            }

            """)
    }

    /// What Codable accepts beyond our own output: other layouts, optional keys as null, unknown
    /// keys, escaped keys, a key twice (the first counts), 1.0 for a whole number.
    @Test func whatJSONDecoderAcceptsWeAcceptToo() throws {
        let attendance = #"""
            {"version": 1.0, "extra": {"ignored": [1, {"deep": null}]}, "records": [
              {"eventID": "e1", "personID": null, "guest": {"name": "G", "level": null, "sector": "media", "x": 1},
               "status": "excused", "source": null, "onBehalfOf": "p9"},
              {"\u0065ventID": "e2", "personID": "p1", "status": "absent", "personID": "p2", "status": "attended"}
            ]}
            """#
        #expect(try Self.differential("attendance.json", Data(attendance.utf8)) == 2)
        let records = try Self.ours(AttendanceBook.self, Data(attendance.utf8)).records
        #expect(records.map(\.personID) == [nil, "p1"])
        #expect(records.map(\.status) == [.excused, .absent])
        let ledger = #"{"entries": {"a": {"uid": "u", "sequence": 1e0, "fingerprint": "f", "contentHash": "h", "dtstamp": "d", "removed": false, "cancellationLines": []}, "a": {"uid": "second"}}}"#
        #expect(try Self.differential("exports.json", Data(ledger.utf8)) == 1)
    }

    /// A key written twice on one record's line, and an event written on two lines of the ledger:
    /// read as `JSONDecoder` reads the whole file (the first counts, here).
    @Test func duplicateKeysReadAsJSONDecoderReadsThem() throws {
        let attendance = "{\n  \"records\" : [\n    {\"eventID\":\"e\",\"status\":\"absent\",\"status\":\"attended\"}\n  ],\n  \"version\" : 1\n}\n"
        #expect(RecordLines.frame(Data(attendance.utf8)) != nil)
        #expect(try Self.differential("attendance.json", Data(attendance.utf8)) == 1)
        let entry = #"{"cancellationLines":[],"contentHash":"h","dtstamp":"d","fingerprint":"f","removed":false,"sequence":SEQ,"uid":"u"}"#
        let ledger = "{\n  \"entries\" : {\n    \"a\" : \(entry.replacingOccurrences(of: "SEQ", with: "1")),\n    \"a\" : \(entry.replacingOccurrences(of: "SEQ", with: "2"))\n  }\n}\n"
        #expect(RecordLines.frame(Data(ledger.utf8)) != nil)
        #expect(try Self.differential("exports.json", Data(ledger.utf8)) == 1)
        #expect(try Self.ours(ExportLedger.self, Data(ledger.utf8)).entries["a"]?.sequence == JSONDecoder().decode(ExportLedger.self, from: Data(ledger.utf8)).entries["a"]?.sequence)
    }

    /// What Codable refuses we refuse, whether the file is in our layout or not, saying what is wrong.
    @Test(arguments: [
        (#"{"records": []}"#, "a record has no \"version\""),
        (#"{"version": 1, "records": [{"eventID": "e", "status": "maybe"}]}"#, "maybe"),
        (#"{"version": 1, "records": [{"eventID": "e"}]}"#, "records[0]: a record has no \"status\""),
        (#"{"version": 1, "records": [{"eventID": 5, "status": "absent"}]}"#, "records[0].eventID: expected a string"),
        (#"{"version": 1.5, "records": []}"#, "a value of the wrong kind"),
        (#"{"version": 1, "records": {}}"#, "records: expected"),
        ("{\n  \"records\" : [\n    {\"eventID\":\"e\",\"status\":\"maybe\"}\n  ],\n  \"version\" : 1\n}\n", "maybe"),
        ("{\n  \"records\" : [\n    {\"eventID\":\"e\"}\n  ],\n  \"version\" : 1\n}\n", "a record has no \"status\""),
        ("{\n  \"records\" : [],\n  \"version\" : 1.5\n}\n", "version: "),
    ])
    func whatJSONDecoderRefusesWeRefuse(text: String, message: String) throws {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(AttendanceBook.self, from: Data(text.utf8)) }
        let error = #expect(throws: RecordError.self) { try Self.ours(AttendanceBook.self, Data(text.utf8)) }
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    // MARK: Damaged files

    static func workspace(_ file: String, _ text: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-records-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("records"), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: folder.appendingPathComponent("records/\(file)"))
        return folder
    }

    /// The one diagnostic of loading a damaged file.
    static func diagnostic(_ file: String, _ text: String) throws -> Diagnostic {
        let folder = try workspace(file, text)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = #expect(throws: InputError.self) {
            if file == AttendanceBook.fileName { _ = try AttendanceBook.load(workspace: folder) } else { _ = try WorkspaceRecords.load(workspace: folder) }
        }
        let diagnostics = try #require(error?.diagnostics)
        #expect(diagnostics.count == 1)
        let diagnostic = try #require(diagnostics.first)
        #expect(diagnostic.location.file.hasSuffix("records/\(file)"))
        return diagnostic
    }

    static let threeRecords = String(decoding: try! AttendanceBook(records: [
        AttendanceRecord(eventID: "e1", personID: "a", status: .attended, source: "s.csv:2"),
        AttendanceRecord(eventID: "e1", personID: "b", status: .absent, source: "s.csv:3"),
        AttendanceRecord(eventID: "e1", personID: "c", status: .excused, source: "s.csv:4"),
    ]).recordLines(), as: UTF8.self)

    @Test func aTruncatedFileIsReportedWhereItEnds() throws {
        let cut = String(Self.threeRecords.prefix(while: { $0 != "b" }))  // line 4 ends inside "personID":"
        let diagnostic = try Self.diagnostic(AttendanceBook.fileName, cut)
        #expect((diagnostic.location.line, diagnostic.location.column) == (4, 33), "\(diagnostic)")
        #expect(diagnostic.message == "tool-owned attendance file is damaged: not valid JSON: the file ends too early")
        #expect(diagnostic.hint.contains("convene attend"))
    }

    @Test func anEmptyFileIsDamagedToo() throws {
        let diagnostic = try Self.diagnostic(AttendanceBook.fileName, "")
        #expect((diagnostic.location.line, diagnostic.location.column) == (1, 1))
        #expect(diagnostic.message == "tool-owned attendance file is damaged: not valid JSON: the file ends too early")
    }

    @Test func trailingGarbageIsReportedWhereItStands() throws {
        let diagnostic = try Self.diagnostic(AttendanceBook.fileName, Self.threeRecords + "  ]\n}\n")
        #expect((diagnostic.location.line, diagnostic.location.column) == (9, 3), "\(diagnostic)")
        #expect(diagnostic.message.contains("not valid JSON"))
    }

    @Test func aBadEscapeIsReportedOnItsLine() throws {
        let broken = Self.threeRecords.replacingOccurrences(of: "s.csv:3", with: #"s.csv\:3"#)
        let diagnostic = try Self.diagnostic(AttendanceBook.fileName, broken)
        #expect((diagnostic.location.line, diagnostic.location.column) == (4, 51), "\(diagnostic)")
        #expect(diagnostic.message.contains("escape"))
    }

    @Test func aWrongValueNamesTheRecordAndItsLine() throws {
        let broken = Self.threeRecords.replacingOccurrences(of: "\"excused\"", with: "\"late\"")
        let diagnostic = try Self.diagnostic(AttendanceBook.fileName, broken)
        #expect((diagnostic.location.line, diagnostic.location.column) == (5, 5), "\(diagnostic)")
        #expect(diagnostic.message.contains("status") && diagnostic.message.contains("late"), "\(diagnostic)")
    }

    @Test func damagedWorkspaceRecordsNameTheirFile() throws {
        let replies = String(decoding: try Self.replies().recordLines(), as: UTF8.self)
        let missing = try Self.diagnostic(WorkspaceRecords.repliesFile, replies.replacingOccurrences(of: "\"sequence\":0,", with: ""))
        #expect((missing.location.line, missing.location.column) == (3, 5), "\(missing)")
        #expect(missing.message == "tool-owned record file is damaged: a record has no \"sequence\"")
        #expect(missing.hint.contains("git"))
        let busy = try Self.diagnostic(WorkspaceRecords.busyFile, "[\n  {\"personID\":\"p\",\"source\":\"s\",\"span\":{\"end\":2,\"start\":1}},\n")
        #expect((busy.location.line, busy.location.column) == (3, 1), "\(busy)")
        let ledger = try Self.diagnostic(WorkspaceRecords.exportsFile, "{\n  \"entries\" : {\n    \"e\" : {\"removed\": \"no\"}\n  }\n}\n")
        #expect((ledger.location.line, ledger.location.column) == (3, 5), "\(ledger)")
        #expect(ledger.message.contains("e: a record has no"), "\(ledger)")
    }

    /// The look-up of replies is built when first asked for, from the replies as loaded: the last
    /// reply of a person to an event counts, and recording one to a new SEQUENCE keeps the earlier
    /// one as history.
    @Test func loadedRepliesAnswerWithTheLatestStatus() throws {
        let folder = try Self.workspace(WorkspaceRecords.repliesFile, """
            {"replies": [{"eventID": "e", "personID": "dorothy", "sequence": 0, "status": "declined"},
                         {"eventID": "e", "personID": "moses", "sequence": 0, "status": "tentative"},
                         {"eventID": "e", "personID": "dorothy", "sequence": 1, "status": "accepted"}]}
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let book = try WorkspaceRecords.load(workspace: folder).replies
        #expect(book.status(of: "dorothy", at: "e") == .accepted)
        #expect(book.status(of: "moses", at: "e") == .tentative)
        #expect(book.status(of: "moses", at: "other") == nil)
        var changed = book
        changed.record(Reply(eventID: "e", personID: "moses", status: .declined, sequence: 1))
        #expect(changed.hasDeclined("moses", "e") && !book.hasDeclined("moses", "e"))
        #expect(changed != book && changed.replies.count == 4)
        #expect(try JSONDecoder().decode(ReplyBook.self, from: changed.recordLines()) == changed)
    }

    // MARK: Someone else's parser

    static let python: Bool = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")

    /// Every kind of record file we write, with awkward text, and the sample workspaces' record
    /// files as the tool writes them.
    static func everyFileWeWrite() throws -> [(name: String, data: Data)] {
        var files: [(String, Data)] = [("attendance.json", try book().recordLines()), ("replies.json", try replies().recordLines()),
                                       ("busy.json", try busy().recordLines()), ("exports.json", try ledger().recordLines())]
        for workspace in ["Calendars/strong-cities", "Calendars/clashes"] {
            let folder = root.appendingPathComponent(workspace)
            let records = try WorkspaceRecords.load(workspace: folder)
            let book = try AttendanceBook.load(workspace: folder)
            if !records.replies.replies.isEmpty { files.append(("replies.json", try records.replies.recordLines())) }
            if !records.busy.isEmpty { files.append(("busy.json", try records.busy.recordLines())) }
            if !records.exports.entries.isEmpty { files.append(("exports.json", try records.exports.recordLines())) }
            if !book.records.isEmpty { files.append(("attendance.json", try book.recordLines())) }
        }
        return files
    }

    /// Python's json module reads each file we write, whole, and writes it back (escaping all
    /// non-ASCII text as \u escapes, emoji as surrogate pairs, keys sorted): that text decodes to
    /// the same records as ours.
    @Test(.enabled(if: python))
    func pythonReadsWhatWeWriteToTheSameValues() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try Self.everyFileWeWrite()
        #expect(files.count >= 8)
        for (index, (name, document)) in files.enumerated() {
            let file = folder.appendingPathComponent("\(index)-\(name)")
            try document.write(to: file)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-c", "import json, sys; print(json.dumps(json.load(open(sys.argv[1], encoding='utf-8')), sort_keys=True))", file.path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let rewritten = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "python3 could not read \(name)")
            #expect(RecordLines.frame(rewritten) == nil, "python's text is not in our layout, so it is read whole")
            switch name {
            case "attendance.json": #expect(try Self.ours(AttendanceBook.self, rewritten) == Self.ours(AttendanceBook.self, document), "\(name)")
            case "replies.json": #expect(try Self.ours(ReplyBook.self, rewritten) == Self.ours(ReplyBook.self, document), "\(name)")
            case "busy.json": #expect(try Self.ours([BusyInterval].self, rewritten) == Self.ours([BusyInterval].self, document), "\(name)")
            default: #expect(try Self.ours(ExportLedger.self, rewritten) == Self.ours(ExportLedger.self, document), "\(name)")
            }
        }
        #expect(String(decoding: try Data(contentsOf: folder.appendingPathComponent("0-attendance.json")), as: UTF8.self).isEmpty == false)
    }

    /// A large ledger and book are written and read in pieces on several threads: the same values
    /// as Foundation reading the whole file, and the same bytes every time.
    @Test func largeFilesWrittenAndReadInPiecesAreTheSame() throws {
        var entries: [String: ExportLedger.Entry] = [:]
        var records: [AttendanceRecord] = []
        for i in 0..<(3 * RecordLines.parallelMinimum) {
            entries["event-\(i)"] = ExportLedger.Entry(uid: "event-\(i)@test", sequence: i % 3, fingerprint: "f\(i)", contentHash: "c\(i)",
                                                       dtstamp: "20261127T120000Z", removed: i % 7 == 0,
                                                       cancellationLines: ["SUMMARY:Événement \(i) \"quoted\"", "ATTENDEE:mailto:p\(i)@test.example"])
            records.append(AttendanceRecord(eventID: "event-\(i / 10)", personID: "p\(i)", status: .attended, source: "s.csv:\(i)"))
        }
        let ledger = ExportLedger(entries: entries)
        let written = try ledger.recordLines()
        #expect(written == (try ledger.recordLines()))
        #expect(try JSONDecoder().decode(ExportLedger.self, from: written) == ledger)
        #expect(try Self.ours(ExportLedger.self, written) == ledger)
        let book = AttendanceBook(records: records)
        #expect(try JSONDecoder().decode(AttendanceBook.self, from: book.recordLines()) == book)
        #expect(try Self.ours(AttendanceBook.self, book.recordLines()) == book)
    }
}
