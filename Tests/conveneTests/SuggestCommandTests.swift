import Foundation
import Testing

/// End-to-end: `convene suggest` on the sample workspace, and every slot it suggests written into a
/// copy of the plan and checked with `convene check`.
@Suite("convene suggest")
struct SuggestCommandTests {
    static let sample = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities")

    /// A throwaway copy of the sample workspace.
    static func copyOfSample() throws -> URL {
        let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("strong-cities")
        try FileManager.default.copyItem(at: sample, to: folder)
        return folder
    }

    /// The plan text with the event's `duration:`/`window:` replaced by `start:`/`end:`, and a
    /// `stand-in:` invitation for every deputy the slot needs: what a person pastes into plan.yaml.
    static func write(start: String, end: String, standIns: [(person: String, onBehalfOf: String)], event: String, into text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard let first = lines.firstIndex(of: "  - id: \(event)") else { return text }
        var i = first + 1
        while i < lines.count, lines[i].hasPrefix("    ") || lines[i].hasPrefix("      ") {
            if lines[i].hasPrefix("    duration:") { lines[i] = "    start: \(start)\n    end: \(end)" }
            if lines[i].hasPrefix("    window:") { lines[i] = "" }
            if lines[i] == "    invite:" {
                for standIn in standIns { lines[i] += "\n      - {person: \(standIn.onBehalfOf), role: required, stand-in: \(standIn.person)}" }
            }
            i += 1
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theSampleWorkingGroupGetsSlotsOffItsBlackouts() throws {
        let result = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path, "--format", "json", "--count", "60"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.json(result.stdout)
        let slots = try #require(report["slots"] as? [[String: Any]])
        #expect(slots.count >= 40)
        let days = slots.compactMap { ($0["start"] as? String)?.prefix(10) }.map(String.init)
        for holiday in ["2027-01-26", "2027-02-16", "2027-03-08"] { #expect(!days.contains(holiday), "\(holiday)") }
        #expect(days.allSatisfy { $0 >= "2027-01-11" && $0 <= "2027-03-31" })
        #expect(Set(days).count == days.count)  // one per day
        // Hybrid: within everyone's working hours in Kampala (Regina from 08:00, the others 09:00-17:00).
        for slot in slots {
            let start = try #require(slot["start"] as? String), end = try #require(slot["end"] as? String)
            #expect(start.suffix(5) >= "09:00" && end.suffix(5) <= "17:00", "\(start)-\(end)")
        }
        let table = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path])
        #expect(table.stdout.contains("rank  start (Africa/Kampala)"))
        let first = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("1 ") })
        #expect(first.split(separator: " ", omittingEmptySubsequences: true).prefix(6) == ["1", "Mon", "2027-01-11", "09:00", "13:00", "2027-01-11T06:00:00Z"])
        #expect(table.stdout.contains("Score: +10 per optional invitee"))
    }

    @Test func everySuggestedSlotPassesCheckOnceWrittenIntoThePlan() throws {
        let folder = try Self.copyOfSample()
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let planFile = folder.appendingPathComponent("plan.yaml")
        let original = try String(contentsOf: planFile, encoding: .utf8)
        for event in ["uganda-working-group-2027", "malawi-followup-dialogue-2027"] {
            let suggested = try CLIRunner.run(["suggest", event, "--workspace", folder.path, "--format", "json", "--count", "8", "--prefer", "2027-02-20"])
            #expect(suggested.status == 0, "\(suggested.stderr)")
            let slots = try #require(try Self.json(suggested.stdout)["slots"] as? [[String: Any]])
            #expect(slots.count == 8)
            for slot in slots {
                let standIns = (slot["standIns"] as? [[String: String]] ?? []).map { ($0["personID"]!, $0["onBehalfOf"]!) }
                let text = Self.write(start: slot["start"] as! String, end: slot["end"] as! String, standIns: standIns, event: event, into: original)
                #expect(text != original)
                try text.write(to: planFile, atomically: true, encoding: .utf8)
                let check = try CLIRunner.run(["check", "--workspace", folder.path, "--today", "2026-11-27", "--format", "json"])
                #expect(check.status == 0, "\(event) at \(slot["start"] ?? ""): \(check.stdout)\(check.stderr)")
                #expect(try Self.json(check.stdout)["errors"] as? Int == 0)
            }
        }
        // The same check catches a slot that breaks a rule: the working group on top of another event.
        let clash = Self.write(start: "2026-06-17T10:00", end: "2026-06-17T14:00", standIns: [], event: "uganda-working-group-2027", into: original)
        try clash.write(to: planFile, atomically: true, encoding: .utf8)
        let check = try CLIRunner.run(["check", "--workspace", folder.path, "--today", "2026-11-27", "--format", "json"])
        #expect(check.status == 1)
    }

    @Test func aDayWithNoRoomExplainsWhy() throws {
        // 26 January 2027 is Uganda's Liberation Day, declared a blackout in the sample.
        let result = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path, "--between", "2027-01-26", "2027-01-26"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("No slot fits."))
        #expect(result.stdout.contains("blackout-date"))
        #expect(result.stdout.contains("blackout 'Uganda NRM Liberation Day' (2027-01-26)"))
        #expect(result.stdout.contains("Days that come closest:\n  Tue 2027-01-26 09:00: blackout 'Uganda NRM Liberation Day'"))
        let json = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path, "--between", "2027-01-26", "2027-01-26", "--format", "json"])
        #expect(json.status == 1)
        let blocking = try #require(try Self.json(json.stdout)["blocking"] as? [String: Any])
        #expect((blocking["rules"] as? [[String: Any]])?.first?["rule"] as? String == "blackout-date")
    }

    @Test func badRequestsAreBadInput() throws {
        let unknown = try CLIRunner.run(["suggest", "uganda-working-group-2072", "--workspace", Self.sample.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no event 'uganda-working-group-2072' in the plan"))
        #expect(unknown.stderr.contains("did you mean 'uganda-working-group-2027'?"))
        let scheduled = try CLIRunner.run(["suggest", "uganda-esa-roundtable-2024", "--workspace", Self.sample.path])
        #expect(scheduled.status == 2)
        #expect(scheduled.stderr.contains("already has a time (2024-10-15T09:00+03:00)"))
        #expect(scheduled.stderr.contains("`duration:` and `window:"))
        let badDate = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path, "--prefer", "15/02/2027"])
        #expect(badDate.status == 2)
        #expect(badDate.stderr.contains("--prefer '15/02/2027' is not a date"))
        let oneDate = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path, "--between", "2027-02-01"])
        #expect(oneDate.status == 2)
        #expect(oneDate.stderr.contains("--between takes two dates"))
        let backwards = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path, "--between", "2027-03-01", "2027-02-01"])
        #expect(backwards.status == 2)
        let count = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", Self.sample.path, "--count", "0"])
        #expect(count.status == 2)
        let missing = try CLIRunner.run(["suggest", "uganda-working-group-2027", "--workspace", "/nonexistent/convene"])
        #expect(missing.status == 2)
    }
}
