import Foundation
import Testing

/// A writing command killed (SIGKILL) at a random moment leaves every file whole, old or new: the
/// records still read (by Foundation's JSON reader and by Convene), the next run of the same
/// command works, and it removes the temporary files the killed run left.
@Suite("Safety: killed writers leave nothing half-written", .serialized)
struct KilledWritersTests {
    static let kills = 8
    static let uganda = "uganda-esa-roundtable-2024"

    /// Starts `convene ARGS`, kills it after `delay` seconds (if it is still running).
    func killed(_ arguments: [String], after delay: Double) throws {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.environment = ProcessInfo.processInfo.environment.merging(["SOURCE_DATE_EPOCH": "1900000000"]) { $1 }
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Every JSON record file reads, and `convene validate`... then the command itself works again.
    func checkWhole(_ ws: URL, rerun: [String], context: String) throws {
        for file in ["records/attendance.json", "records/replies.json", "records/exports.json", "records/busy.json", "records/sent.json"] {
            if FileManager.default.fileExists(atPath: ws.appendingPathComponent(file).path) {
                #expect(throws: Never.self, "\(context): \(file)") { _ = try SafetyWorkspace.json(ws, file) }
            }
        }
        let again = try CLIRunner.run(rerun, environment: ["SOURCE_DATE_EPOCH": "1900000000"])
        #expect(again.status == 0, "\(context): \(again.stderr)")
        #expect(SafetyWorkspace.temporaryFiles(below: ws.appendingPathComponent("records")).isEmpty, "\(context)")
        let report = try CLIRunner.run(["report", "levels", "--workspace", ws.path])
        #expect(report.status == 0, "\(context): \(report.stderr)")
    }

    @Test(arguments: ["attend", "import", "export", "schedule", "send"])
    func aKilledWriterLeavesEveryFileWhole(command: String) throws {
        var generator = SystemRandomNumberGenerator()
        for attempt in 1...Self.kills {
            let ws = try SafetyWorkspace.strongCitiesCopy()
            defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
            let arguments: [String] = switch command {
            case "attend": ["attend", Self.uganda, "--csv", ws.appendingPathComponent("attendance/\(Self.uganda).csv").path]
            case "import": ["import", ws.appendingPathComponent("replies/\(Self.uganda)-regina-bakitte.ics").path]
            case "export": ["export"]
            case "send": ["send", "--out", ws.deletingLastPathComponent().appendingPathComponent("outbox").path]
            default: ["schedule", "malawi-nlc", "--write"]
            }
            let delay = Double.random(in: 0.0...0.6, using: &generator)
            try killed(arguments + ["--workspace", ws.path], after: delay)
            let exported = ws.appendingPathComponent("export/feeds/all.ics")
            if let bytes = FileManager.default.contents(atPath: exported.path) {
                #expect(String(decoding: bytes.suffix(15), as: UTF8.self).contains("END:VCALENDAR"), "attempt \(attempt)")
            }
            try checkWhole(ws, rerun: arguments + ["--workspace", ws.path], context: "\(command) killed after \(delay) s")
            if command == "export" {
                #expect(SafetyWorkspace.temporaryFiles(below: ws.appendingPathComponent("export")).isEmpty)
            }
        }
    }
}
