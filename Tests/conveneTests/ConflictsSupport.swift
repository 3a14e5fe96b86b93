import Foundation

/// Paths and tools shared by the `convene conflicts` tests.
enum ConflictsSupport {
    /// A calendar of the fixture corpus, `Fixtures/ics/NAME`.
    static func fixture(_ name: String) -> String {
        CLIRunner.fixtures.appendingPathComponent("ics").appendingPathComponent(name).path
    }

    /// The built `convene-bench` (the project's workload generator), beside `convene`.
    static var bench: URL { CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("convene-bench") }

    /// `Tests/differential/peer_conflicts.py`.
    static var peer: String {
        CLIRunner.repositoryRoot.appendingPathComponent("Tests/differential/peer_conflicts.py").path
    }

    /// Whether python3 can import icalendar and recurring-ical-events (the differential test's peer).
    static let pythonPeerAvailable: Bool = {
        (try? run("/usr/bin/env", ["python3", "-c", "import icalendar, recurring_ical_events"]).status) == 0
    }()

    /// Writes a generated workload with real-world quirks (`convene-bench generate ... --quirks`)
    /// into `folder` and returns its path and the generator's result.
    static func generateWorkload(events: Int, people: Int, seed: Int, in folder: URL) throws -> (file: String, result: CLIRunner.Result) {
        let file = folder.appendingPathComponent("workload-\(seed).ics").path
        let result = try run(bench.path, ["generate", "\(events)", "\(people)", file, "--seed", "\(seed)", "--quirks"])
        return (file, result)
    }

    /// Runs a program and waits for it.
    static func run(_ program: String, _ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.execute(URL(fileURLWithPath: program), arguments)
    }
}
