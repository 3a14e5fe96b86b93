import Foundation
import Testing

/// End-to-end: `convene init DIR --country CC` writes a commented plan that validates, checks clean,
/// shows the country's names for its levels and has a two-day follow-up `suggest` and `schedule` place
/// on the same days; it never overwrites a plan.
@Suite("convene init")
struct InitCommandTests {
    @Test(arguments: [["--country", "KE"], ["--country", "CA"], ["--country", "ph"], ["--country", "CL", "--timezone", "America/Santiago", "--city", "Santiago"]])
    func aNewWorkspaceValidatesAndChecksClean(options: [String]) throws {
        let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("new-nlc")
        let made = try CLIRunner.run(["init", folder.path] + options)
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("plan.yaml"), encoding: .utf8)
        #expect(text.hasPrefix("# Convene plan for new-nlc"))
        #expect(try CLIRunner.run(["validate", "--workspace", folder.path]).status == 0)
        let check = try CLIRunner.run(["check", "--workspace", folder.path])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("no conflicts found"), "\(check.stdout)")

        let cc = options[1].lowercased()
        let suggest = try CLIRunner.run(["suggest", "\(cc)-follow-up", "--workspace", folder.path, "--format", "json", "--count", "1"])
        #expect(suggest.status == 0, "\(suggest.stdout)\(suggest.stderr)")
        let slots = (try JSONSerialization.jsonObject(with: Data(suggest.stdout.utf8)) as? [String: Any])?["slots"] as? [[String: Any]]
        let start = try #require(slots?.first?["start"] as? String)
        let schedule = try CLIRunner.run(["schedule", "\(cc)-nlc", "--workspace", folder.path])
        #expect(schedule.status == 0)
        #expect(schedule.stdout.contains("start: \(start)"), "\(schedule.stdout)")
    }

    @Test func theCountrysNamesForLevelsAreShownAndAPlanIsNeverOverwritten() throws {
        let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("kenya")
        #expect(try CLIRunner.run(["init", folder.path, "--country", "KE"]).status == 0)
        let events = try CLIRunner.run(["events", "--workspace", folder.path])
        #expect(events.stdout.contains("national, regional, county, local, ward"), "\(events.stdout)")
        let before = try Data(contentsOf: folder.appendingPathComponent("plan.yaml"))
        let again = try CLIRunner.run(["init", folder.path, "--country", "UG"])
        #expect(again.status == 2 && again.stderr.contains("already exists"))
        #expect(try Data(contentsOf: folder.appendingPathComponent("plan.yaml")) == before)
        let unknown = try CLIRunner.run(["init", folder.path + "-zz", "--country", "ZZ"])
        #expect(unknown.status == 2 && unknown.stderr.contains("--timezone"))
    }
}
