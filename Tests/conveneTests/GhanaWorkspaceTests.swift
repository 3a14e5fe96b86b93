import Foundation
import Testing

/// End-to-end on a second country's workspace written from the README and docs/plan-format.md
/// alone (Fixtures/plans/ghana-upper-east: Ghana's own names for its five tiers, a held roundtable,
/// a two-day follow-up to place, a monthly call, a training counted by the room, a youth forum to
/// come), driven through the built `convene` as a programme officer would, with replies written
/// by Python `icalendar` and the exported invitations read back by it.
@Suite("A Ghana workspace from the docs alone")
struct GhanaWorkspaceTests {
    static let stamp = ["SOURCE_DATE_EPOCH": "1765000000"]   // 2025-12-06

    func workspace() throws -> URL {
        try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/ghana-upper-east"))
    }

    func run(_ arguments: [String], in workspace: URL, environment: [String: String] = [:], expect status: Int32 = 0) throws -> CLIRunner.Result {
        let result = try CLIRunner.run(arguments + ["--workspace", workspace.path], environment: environment)
        #expect(result.status == status, "\(arguments): \(result.stdout)\(result.stderr)")
        return result
    }

    func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }

    /// The report's event rows by id.
    func rows(_ workspace: URL, _ scope: [String]) throws -> [String: [String: Any]] {
        let report = try json(try run(["report", "levels", "--format", "json"] + scope, in: workspace).stdout)
        let events = report["events"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: events.map { ($0["id"] as? String ?? "", $0) })
    }

    /// Attendance records as (event key, person or guest name).
    func attendance(_ workspace: URL) throws -> [[String: Any]] {
        let data = try Data(contentsOf: workspace.appendingPathComponent("records/attendance.json"))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["records"] as? [[String: Any]] ?? []
    }

    @Test func ghanasNamesForItsTiersAreSpellingsAndLabels() throws {
        let workspace = try workspace()
        let valid = try run(["validate"], in: workspace)
        #expect(valid.stdout.contains("valid. 5 events"))
        // `level: district-assembly` and `level: District Assembly` both sit at `district`; the
        // counts' `unit-committee` at `neighbourhood`.
        let events = try run(["events", "--format", "json"], in: workspace).stdout
        let list = try JSONSerialization.jsonObject(with: Data(events.utf8)) as? [[String: Any]] ?? []
        let roundtable = list.first { $0["id"] as? String == "gh-roundtable-2026" }
        let levels = roundtable?["invitedLevels"] as? [String] ?? []
        #expect(levels == ["national", "regional", "district", "local", "neighbourhood"], "\(roundtable ?? [:])")
        #expect(roundtable?["invitedLevelNames"] as? [String] == ["central government", "Regional Coordinating Council", "District Assembly", "Town Council", "Unit Committee"])
        let table = try run(["events"], in: workspace).stdout
        #expect(table.contains("central government, Regional Coordinating Council, District Assembly, Town Council, Unit Committee, civil-society"), "\(table)")
        let report = try json(try run(["report", "levels", "--country", "GH", "--format", "json"], in: workspace).stdout)
        let names = report["levelNames"] as? [String: String] ?? [:]
        #expect(names["district"] == "District Assembly" && names["neighbourhood"] == "Unit Committee")
        let reportTable = try run(["report", "levels", "--country", "GH"], in: workspace).stdout
        #expect(reportTable.contains("District Assembly = district"), "\(reportTable)")
    }

    @Test func rankedAndTitledNamesFromAMessySheetAreMatched() throws {
        let workspace = try workspace()
        let sheet = workspace.appendingPathComponent("sheets/roundtable-2026-10-13.csv").path
        // Near misses are offered, never recorded silently.
        let dry = try run(["attend", "gh-roundtable-2026", "--csv", sheet, "--dry-run"], in: workspace, expect: 1)
        #expect(dry.stdout.contains("'Darko, Akosua (MCE)' is not in the plan; did you mean akosua-darko"), "\(dry.stdout)")
        let recorded = try run(["attend", "gh-roundtable-2026", "--csv", sheet, "--accept-suggestions"], in: workspace)
        #expect(recorded.stdout.contains("12 attended, 1 excused (1 guest)"), "\(recorded.stdout)")
        let people = Set(try attendance(workspace).compactMap { $0["personID"] as? String })
        // Hon. ..., MP; Alhaji; (Supt.); ACP; Madam; Dr.; M. le Préfet; Commissaire; Lt-Col. (Rtd); Mrs; Rev. Fr.
        for id in ["kwame-mensah", "fuseini-issah", "akosua-darko", "abena-boateng", "yaw-asante", "adwoa-appiah", "kofi-agyeman",
                   "yao-agbeko", "komlan-adjo", "mohammed-sulemana", "ama-owusu", "joseph-atanga"] {
            #expect(people.contains(id), "\(id) not matched: \(people.sorted())")
        }
        let guest = try attendance(workspace).first { ($0["guest"] as? [String: Any])?["name"] as? String == "Nana Akua Serwaa II" }
        // The sheet's level in Ghana's own name: a District Assembly seat.
        #expect((guest?["guest"] as? [String: Any])?["level"] as? String == "district", "\(guest ?? [:])")
    }

    @Test func eachSittingIsRecordedAndCountsStandBesideNames() throws {
        let workspace = try workspace()
        let sheet = { (name: String) in workspace.appendingPathComponent("sheets/\(name).csv").path }
        let bare = try run(["attend", "gh-peace-call", "--csv", sheet("peace-call-2026-08-12")], in: workspace, expect: 2)
        #expect(bare.stderr.contains("event 'gh-peace-call' recurs: say which sitting"))
        _ = try run(["attend", "gh-peace-call@2026-08-12", "--csv", sheet("peace-call-2026-08-12")], in: workspace)
        _ = try run(["attend", "gh-peace-call@2026-09-09", "--csv", sheet("peace-call-2026-09-09")], in: workspace)
        _ = try run(["attend", "gh-police-community-training-2026", "--csv", sheet("police-training-2026-11-17")], in: workspace)

        let calls = try rows(workspace, ["--event", "gh-peace-call"])
        #expect(calls.count == 12)
        #expect(calls["gh-peace-call@2026-08-12"]?["attended"] as? Int == 4)
        #expect(calls["gh-peace-call@2026-08-12"]?["absent"] as? Int == 1)
        // Two by name and a head count of twenty at the September sitting: never added together.
        let september = try rows(workspace, ["--event", "gh-peace-call@2026-09-09"])
        #expect(Array(september.keys) == ["gh-peace-call@2026-09-09"])
        #expect(september["gh-peace-call@2026-09-09"]?["attended"] as? Int == 2)
        #expect(september["gh-peace-call@2026-09-09"]?["counted"] as? Int == 20)
        let training = try rows(workspace, ["--event", "gh-police-community-training-2026"])["gh-police-community-training-2026"]
        #expect(training?["attended"] as? Int == 3 && training?["counted"] as? Int == 100)
        let table = try run(["report", "levels", "--event", "gh-police-community-training-2026"], in: workspace).stdout
        #expect(table.contains("3 ~100") && table.contains("~N is a head count"), "\(table)")
    }

    /// Python icalendar answers the exported invitations; the next exports invite a delegate and,
    /// after the forum moves, ask everyone again while the history keeps the first answers.
    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func delegationAndRescheduleByTheBook() throws {
        let workspace = try workspace()
        _ = try run(["export"], in: workspace, environment: Self.stamp)
        let invitation = workspace.appendingPathComponent("export/invitations/gh-youth-forum-2027.ics").path
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/make_reply.py").path
        func reply(_ email: String, _ status: String, _ name: String, _ extra: [String] = []) throws -> String {
            let out = workspace.appendingPathComponent(name).path
            let made = try CLIRunner.runTool("python3", [script, invitation, email, status, out] + extra)
            #expect(made.status == 0, "\(made.stderr)")
            return out
        }
        let accepts = try reply("ama.owusu@ncce.example", "ACCEPTED", "ama.ics")
        let delegates = try reply("kwame.mensah@interior.gov.example", "DELEGATED", "kwame.ics", ["kojo.asamoah@interior.gov.example"])
        _ = try run(["import", accepts, delegates], in: workspace)
        _ = try run(["export"], in: workspace, environment: Self.stamp)
        let delegated = try attendees(invitation)
        #expect(delegated["mailto:kwame.mensah@interior.gov.example"]?["PARTSTAT"] == "DELEGATED")
        #expect(delegated["mailto:kwame.mensah@interior.gov.example"]?["DELEGATED-TO"] == "mailto:kojo.asamoah@interior.gov.example")
        #expect(delegated["mailto:kojo.asamoah@interior.gov.example"]?["DELEGATED-FROM"] == "mailto:kwame.mensah@interior.gov.example")
        #expect(delegated["mailto:kojo.asamoah@interior.gov.example"]?["RSVP"] == "TRUE")
        #expect(delegated["mailto:ama.owusu@ncce.example"]?["PARTSTAT"] == "ACCEPTED")

        // The forum moves a week: SEQUENCE rises, everyone is asked again, the history stays.
        let plan = workspace.appendingPathComponent("plan.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        try text.replacingOccurrences(of: "2027-02-16T", with: "2027-02-23T").write(to: plan, atomically: true, encoding: .utf8)
        let moved = try run(["export"], in: workspace, environment: ["SOURCE_DATE_EPOCH": "1765100000"])
        #expect(moved.stdout.contains("Updated (SEQUENCE raised): gh-youth-forum-2027"))
        let again = try attendees(invitation)
        #expect(again["SEQUENCE"]?["value"] == "1")
        #expect(again["mailto:ama.owusu@ncce.example"]?["PARTSTAT"] == "NEEDS-ACTION")
        #expect(again["mailto:ama.owusu@ncce.example"]?["RSVP"] == "TRUE")
        let history = try String(contentsOf: workspace.appendingPathComponent("records/replies.json"), encoding: .utf8)
        #expect(history.contains(#""eventID":"gh-youth-forum-2027","personID":"ama-owusu","sequence":0,"status":"accepted""#), "\(history)")
    }

    /// Each ATTENDEE's parameters by address, and the SEQUENCE, as Python icalendar reads the file.
    func attendees(_ file: String) throws -> [String: [String: String]] {
        let script = """
            import icalendar, json, sys
            event = next(iter(icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()).walk('VEVENT')))
            found = {str(a): {k: str(v) for k, v in a.params.items()} for a in event.get('ATTENDEE', [])}
            found['SEQUENCE'] = {'value': str(event.get('SEQUENCE'))}
            print(json.dumps(found))
            """
        let result = try CLIRunner.runTool("python3", ["-c", script, file])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: [String: String]] ?? [:]
    }

    /// The two-day follow-up: six months at least after the roundtable (2027-04-13), two working
    /// days in a row when the chair is not on the monthly call: `suggest` and `schedule` agree.
    @Test func theTwoDayFollowUpIsPlacedAlikeBySuggestAndSchedule() throws {
        let workspace = try workspace()
        let suggested = try json(try run(["suggest", "gh-follow-up-2027", "--today", "2026-12-06", "--format", "json"], in: workspace).stdout)
        let slots = suggested["slots"] as? [[String: Any]] ?? []
        #expect(suggested["from"] as? String == "2027-04-13")
        #expect(slots.first?["start"] as? String == "2027-04-15T08:30" && slots.first?["end"] as? String == "2027-04-16T16:30", "\(slots.first ?? [:])")
        #expect(slots.allSatisfy { ($0["start"] as? String ?? "") >= "2027-04-13" })
        let scheduled = try json(try run(["schedule", "gh-upper-east-nlc", "--today", "2026-12-06", "--format", "json"], in: workspace).stdout)
        let placement = (scheduled["placements"] as? [[String: Any]])?.first
        let slot = placement?["slot"] as? [String: Any]
        #expect(slot?["start"] as? String == "2027-04-15T08:30" && slot?["end"] as? String == "2027-04-16T16:30")
        let notes = placement?["notes"] as? [String] ?? []
        #expect(notes.count == Set(notes).count, "a note said twice: \(notes)")
    }
}
