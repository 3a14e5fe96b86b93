import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `records/caldav.json` under stress, against a real Radicale: two publishes writing it at once,
/// and a publish killed (SIGKILL, no chance to save) in the middle, then run again.
struct CalDAVRecordsTests {
    /// One line of `records/caldav.json`: a collection's state, or a resource (which has a name).
    struct RecordLine: Decodable {
        var collection: String?
        var url: String?
        var name: String?
        var etag: String?
        var pending: String?
    }

    static func recordLines(_ workspace: URL) throws -> [RecordLine] {
        let data = try Data(contentsOf: workspace.appendingPathComponent("records/caldav.json"))
        return try JSONDecoder().decode([RecordLine].self, from: data)
    }

    /// The names of the resources stored by Radicale in one calendar (its files, read directly).
    static func storedNames(_ server: DAVServer, calendar: String) -> [String] {
        let folder = server.folder.appendingPathComponent("collections/collection-root/\(DAVServer.user)/\(calendar)")
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".ics") }
    }

    @Test(.enabled(if: DAVServer.available(.radicale)))
    func twoPublishesAtOnceKeepEachOthersETags() throws {
        let server = try DAVServer(.radicale)
        let workspace = try CLIRunner.copyOf(CalDAVCommandTests.sample)
        let calendars = ["first", "second"]
        let accountURL = server.accountURL
        nonisolated(unsafe) var results: [CLIRunner.Result?] = [nil, nil]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let result = try? CLIRunner.run(["publish", "--to", accountURL, "--calendar", calendars[index], "--create",
                                             "--workspace", workspace.path, "--format", "json"], environment: CalDAVCommandTests.environment)
            lock.lock()
            results[index] = result
            lock.unlock()
        }
        for result in results { #expect(result?.status == 0, "\(result?.stdout ?? "")\(result?.stderr ?? "")") }
        let planCount = try CalDAVCommandTests.planEvents(workspace).count
        #expect(planCount > 20)
        let lines = try Self.recordLines(workspace)
        for calendar in calendars {
            let url = "http://127.0.0.1:\(server.port)/\(DAVServer.user)/\(calendar)/"
            #expect(lines.contains { $0.url == url && $0.name == nil }, "the collection \(url) is recorded")
            let resources = lines.filter { $0.collection == url }
            #expect(resources.count == planCount, "\(calendar): \(resources.count) resources recorded of \(planCount)")
            #expect(resources.allSatisfy { $0.etag != nil && $0.pending == nil }, "\(calendar): every ETag is recorded")
            #expect(Set(resources.compactMap(\.name)) == Set(Self.storedNames(server, calendar: calendar)))
            // With every ETag known, publishing again sends no PUT.
            let again = try CLIRunner.run(["publish", "--to", server.accountURL, "--calendar", calendar, "--workspace", workspace.path,
                                           "--format", "json"], environment: CalDAVCommandTests.environment)
            let summary = try CalDAVCommandTests.summaryJSON(again)
            #expect(summary["unchanged"] as? Int == planCount)
            #expect((summary["created"] as? [String])?.isEmpty == true && (summary["updated"] as? [String])?.isEmpty == true)
        }
    }

    @Test(.enabled(if: CalDAVCommandTests.pythonReady && DAVServer.available(.radicale)))
    func publishKilledMidwayThenRunAgainLeavesNoDuplicateAndNothingMissing() throws {
        let server = try DAVServer(.radicale)
        let workspace = try CLIRunner.copyOf(CalDAVCommandTests.sample)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["publish", "--to", server.accountURL, "--create", "--jobs", "1", "--workspace", workspace.path]
        process.environment = ProcessInfo.processInfo.environment.merging(CalDAVCommandTests.environment) { _, new in new }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Kill it (no chance to save anything) once the server holds a few of its events.
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Self.storedNames(server, calendar: "strong-cities-nlc").count < 6 && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        let killedMidway = process.isRunning
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let plan = try CalDAVCommandTests.planEvents(workspace)
        #expect(killedMidway, "the publish was still running when killed")
        #expect(Self.storedNames(server, calendar: "strong-cities-nlc").count < plan.count, "killed before the end")

        let resumed = try CalDAVCommandTests.publish(workspace, server, ["--format", "json"])
        #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
        let stored = try CalDAVCommandTests.serverEvents(server)
        #expect(stored.count == plan.count)
        #expect(Set(stored.map(\.uid)) == Set(plan.map { CalDAVCommandTests.uid($0.id) }))
        #expect(Set(stored.map(\.href)).count == stored.count)
        let resources = try Self.recordLines(workspace).filter { $0.name != nil }
        #expect(resources.count == plan.count && resources.allSatisfy { $0.etag != nil && $0.pending == nil })
        let again = try CalDAVCommandTests.publish(workspace, server, ["--format", "json"])
        #expect(try CalDAVCommandTests.summaryJSON(again)["unchanged"] as? Int == plan.count)
    }
}
