import Foundation

/// Workspaces and helpers for the safety tests: fresh copies of the sample workspaces, commands
/// run at the same time, and the records as another program (Foundation's JSON) reads them.
enum SafetyWorkspace {
    static let strongCities = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities")
    static let attendance = CLIRunner.repositoryRoot.appendingPathComponent("Tests/ConveneCoreTests/Fixtures/attendance/workspace")

    /// A copy of the strong-cities workspace without replies or attendance recorded (its export
    /// history kept, so replies can be imported). Remove `.deletingLastPathComponent()` after.
    static func strongCitiesCopy() throws -> URL {
        let copy = try CLIRunner.copyOf(strongCities)
        for file in ["records/replies.json", "records/attendance.json"] {
            try? FileManager.default.removeItem(at: copy.appendingPathComponent(file))
        }
        return copy
    }

    /// Runs every command at once (each `convene ARGS`), returning their results in order.
    static func together(_ commands: [[String]], environment: [String: String] = [:]) -> [CLIRunner.Result] {
        let results = Results(count: commands.count)
        DispatchQueue.concurrentPerform(iterations: commands.count) { index in
            let result = (try? CLIRunner.run(commands[index], environment: environment))
                ?? CLIRunner.Result(status: -1, stdout: "", stderr: "could not start")
            results.set(index, result)
        }
        return results.all
    }

    /// A JSON record file as Foundation reads it (nil when missing).
    static func json(_ workspace: URL, _ file: String) throws -> Any? {
        guard let data = FileManager.default.contents(atPath: workspace.appendingPathComponent(file).path) else { return nil }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// `eventID/personID` (or guest name) of every attendance record.
    static func attendanceKeys(_ workspace: URL) throws -> Set<String> {
        let book = try json(workspace, "records/attendance.json") as? [String: Any]
        let records = book?["records"] as? [[String: Any]] ?? []
        return Set(records.map { "\($0["eventID"] ?? "")/\($0["personID"] ?? ($0["guest"] as? [String: Any])?["name"] ?? "")" })
    }

    /// `eventID/personID` of every recorded reply.
    static func replyKeys(_ workspace: URL) throws -> Set<String> {
        let book = try json(workspace, "records/replies.json") as? [String: Any]
        let replies = book?["replies"] as? [[String: Any]] ?? []
        return Set(replies.map { "\($0["eventID"] ?? "")/\($0["personID"] ?? "")" })
    }

    /// Every file below `folder` with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    /// Files whose name marks them as temporary, anywhere below `folder`.
    static func temporaryFiles(below folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(atPath: folder.path)
        var found: [String] = []
        while let path = walker?.nextObject() as? String {
            if (path as NSString).lastPathComponent.hasSuffix(".tmp") { found.append(path) }
        }
        return found
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [CLIRunner.Result?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: CLIRunner.Result) { lock.lock(); values[index] = value; lock.unlock() }
        var all: [CLIRunner.Result] { lock.lock(); defer { lock.unlock() }; return values.map { $0! } }
    }
}
