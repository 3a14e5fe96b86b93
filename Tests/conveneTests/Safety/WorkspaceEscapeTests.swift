import Foundation
import Testing

/// Nothing escapes the workspace: ids read back from records never become paths, symbolic links
/// where Convene keeps its own files are refused, and files that cannot be written are reported
/// by name with exit 2, leaving the records as they were.
@Suite("Safety: nothing escapes the workspace")
struct WorkspaceEscapeTests {
    /// Adds an entry to `records/exports.json` keyed `key` (a copy of an existing entry).
    func plantLedgerEntry(_ key: String, in workspace: URL, uid: String? = nil, extraLine: String? = nil) throws {
        let url = workspace.appendingPathComponent("records/exports.json")
        var ledger = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var entries = try #require(ledger["entries"] as? [String: Any])
        var entry = try #require(entries.values.first as? [String: Any])
        if let uid { entry["uid"] = uid }
        if let extraLine { entry["cancellationLines"] = (entry["cancellationLines"] as? [String] ?? []) + [extraLine] }
        entries[key] = entry
        ledger["entries"] = entries
        try JSONSerialization.data(withJSONObject: ledger).write(to: url)
    }

    @Test(arguments: ["../../../escaped", "a/../../escaped", "bad\u{0}name", "..", "/tmp/escaped"])
    func anExportHistoryIdThatIsNotAnIdIsRefusedAndNothingIsWrittenOutside(key: String) throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        let outside = ws.deletingLastPathComponent()
        defer { try? FileManager.default.removeItem(at: outside) }
        try plantLedgerEntry(key, in: ws)
        let before = try FileManager.default.contentsOfDirectory(atPath: outside.path)
        let result = try CLIRunner.run(["export", "--workspace", ws.path])
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("exports.json"), "\(result.stderr)")
        #expect(result.stderr.contains("is not an event id"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == before)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/escaped.ics"))
    }

    @Test func aCancellationLineWithALineBreakInTheHistoryIsRefused() throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        try plantLedgerEntry("gone-event", in: ws, extraLine: "SUMMARY:x\r\nATTENDEE:mailto:attacker@evil.example")
        let result = try CLIRunner.run(["export", "--workspace", ws.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("control character"), "\(result.stderr)")
        let invitation = ws.appendingPathComponent("export/invitations/gone-event.ics")
        #expect(!FileManager.default.fileExists(atPath: invitation.path))
    }

    @Test(arguments: ["feeds", "invitations", "vdir"])
    func aManagedFolderThatIsASymbolicLinkIsRefusedAndWhatItPointsAtIsUntouched(folder: String) throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let elsewhere = ws.deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        let precious = elsewhere.appendingPathComponent("precious.ics")
        try Data("keep me".utf8).write(to: precious)
        let managed = ws.appendingPathComponent("export/\(folder)")
        try? FileManager.default.removeItem(at: managed)
        try FileManager.default.createDirectory(at: managed.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: managed, withDestinationURL: elsewhere)

        let result = try CLIRunner.run(["export", "--workspace", ws.path])
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path) == ["precious.ics"])
        #expect(try String(contentsOf: precious, encoding: .utf8) == "keep me")
    }

    @Test func aSymbolicLinkedRecordsFolderIsRefused() throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let elsewhere = ws.deletingLastPathComponent().appendingPathComponent("elsewhere-records")
        try FileManager.default.moveItem(at: ws.appendingPathComponent("records"), to: elsewhere)
        try FileManager.default.createSymbolicLink(at: ws.appendingPathComponent("records"), withDestinationURL: elsewhere)
        let sheet = ws.appendingPathComponent("attendance/uganda-esa-roundtable-2024.csv").path
        let result = try CLIRunner.run(["attend", "uganda-esa-roundtable-2024", "--csv", sheet, "--workspace", ws.path])
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("symbolic link"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("attendance.json").path))
    }

    /// A file that cannot be written (here: larger than the process may write, `ulimit -f`) is
    /// named with the reason, exit 2, and the records already there stay as they were.
    ///
    /// `TMPDIR` names a folder that does not exist: `convene export` never uses it, but a
    /// ThreadSanitizer build's runtime does. At start-up it writes a 512 KiB file
    /// (`$TMPDIR/tsan.rodata.PID`) and maps it; under `ulimit -f 1` that write is cut short and
    /// reading the mapping kills the process with SIGBUS before `main`. When it cannot create
    /// the file it does without it, so the same limit and the same checks hold in plain,
    /// AddressSanitizer and ThreadSanitizer builds alike.
    @Test func aFileThatCannotBeWrittenIsNamedWithTheReasonAndTheRecordsStayIntact() throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let exports = ws.appendingPathComponent("records/exports.json")
        let before = try Data(contentsOf: exports)
        let noTemporaryFolder = ws.deletingLastPathComponent().appendingPathComponent("no-such-folder").path
        let script = "ulimit -f 1; trap '' XFSZ; exec \"$0\" \"$@\""
        let result = try CLIRunner.runTool("sh", ["-c", script, CLIRunner.executable.path, "export", "--workspace", ws.path],
                                           environment: ["SOURCE_DATE_EPOCH": "1900000000", "TMPDIR": noTemporaryFolder])
        #expect(result.status == 2, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("cannot write"), "\(result.stderr)")
        #expect(result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
        #expect(try Data(contentsOf: exports) == before)
        #expect(SafetyWorkspace.temporaryFiles(below: ws).isEmpty)
    }

    /// A workspace its user may not write (run as `nobody` when the tests run as root, whom
    /// permissions do not stop): every writing command names what it could not write and why,
    /// exits 2, and leaves every file as it was.
    @Test(.enabled(if: getuid() != 0 || CLIRunner.hasTool("setpriv")))
    func aReadOnlyWorkspaceIsReportedByNameWithExitTwo() throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        let folder = ws.deletingLastPathComponent()
        defer {
            _ = try? CLIRunner.runTool("chmod", ["-R", "u+w", folder.path])
            try? FileManager.default.removeItem(at: folder)
        }
        let sheet = ws.appendingPathComponent("attendance/uganda-esa-roundtable-2024.csv").path
        let reply = ws.appendingPathComponent("replies/uganda-esa-roundtable-2024-regina-bakitte.ics").path
        let outbox = folder.appendingPathComponent("outbox")
        try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true)
        _ = try CLIRunner.runTool("chmod", ["-R", "a+rX,a-w", folder.path])
        let files = try SafetyWorkspace.snapshot(folder)
        let commands: [[String]] = [
            ["attend", "uganda-esa-roundtable-2024", "--csv", sheet], ["import", reply], ["export"],
            ["schedule", "malawi-nlc", "--write"], ["send", "uganda-esa-roundtable-2024", "--out", outbox.path],
        ]
        for command in commands {
            let arguments = command + ["--workspace", ws.path]
            let result = getuid() == 0
                ? try CLIRunner.runTool("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", CLIRunner.executable.path] + arguments)
                : try CLIRunner.run(arguments)
            #expect(result.status == 2, "\(command[0]): \(result.stdout)\(result.stderr)")
            #expect(result.stderr.contains("error: cannot ") && result.stderr.contains("Permission denied"), "\(command[0]): \(result.stderr)")
            #expect(result.stderr.contains(ws.path) || result.stderr.contains(outbox.path), "\(command[0]): \(result.stderr)")
            #expect(!result.stderr.contains("NSCocoaErrorDomain") && !result.stderr.contains("WriteError"), "\(command[0]): \(result.stderr)")
            #expect(try SafetyWorkspace.snapshot(folder) == files, "\(command[0]) changed a file")
        }
    }

    @Test func aStaleTemporaryFileOfAKilledRunIsRemovedByTheNextRun() throws {
        let ws = try SafetyWorkspace.strongCitiesCopy()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        // PIDs above the kernel's limit never run: these owners are surely gone.
        let stale = [
            "records/.attendance.json.convene-4194303-abc.tmp", "records/.replies.json.4194303.tmp",
            "export/feeds/.all.ics.convene-4194303-x1.tmp", "export/invitations/.a.ics.4194303.tmp",
        ]
        for file in stale {
            let url = ws.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(count: 1 << 20).write(to: url)
        }
        let notOurs = ws.appendingPathComponent("records/notes.tmp")
        try Data("mine".utf8).write(to: notOurs)
        let sheet = ws.appendingPathComponent("attendance/uganda-esa-roundtable-2024.csv").path
        #expect(try CLIRunner.run(["attend", "uganda-esa-roundtable-2024", "--csv", sheet, "--workspace", ws.path]).status == 0)
        #expect(try CLIRunner.run(["export", "--workspace", ws.path]).status == 0)
        for file in stale { #expect(!FileManager.default.fileExists(atPath: ws.appendingPathComponent(file).path), "\(file)") }
        #expect(FileManager.default.fileExists(atPath: notOurs.path))
    }
}
