import Foundation
import Testing

/// End-to-end: the smaller faults of a new user's trial, each fixed: a misspelt section reported
/// once, empty CSV cells left empty, attendance refused for an event not yet placed, a deputy's
/// line that says who they stood in for, an unexpected stand-in noted, counts that agree in number,
/// and levels invited only at events still to come not shown as "nobody came".
@Suite("Smaller faults")
struct SmallFaultsTests {
    func golden() throws -> URL { try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden")) }

    func edit(_ workspace: URL, _ change: (String) -> String) throws {
        let plan = workspace.appendingPathComponent("plan.yaml")
        try change(try String(contentsOf: plan, encoding: .utf8)).write(to: plan, atomically: true, encoding: .utf8)
    }

    @Test func aMisspeltSectionIsReportedOnceNotOncePerReference() throws {
        let workspace = try golden()
        try edit(workspace) { $0.replacingOccurrences(of: "\norganisations:", with: "\norganizations:") }
        let result = try CLIRunner.run(["validate", "--workspace", workspace.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown key 'organizations' in the plan") && result.stderr.contains("did you mean 'organisations'?"))
        #expect(result.stderr.contains("1 problem found"), "\(result.stderr)")
    }

    @Test func csvCellsWithNothingAreEmpty() throws {
        let result = try CLIRunner.run(["events", "--workspace", try golden().path, "--format", "csv"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("'-"), "\(result.stdout)")
    }

    @Test func attendanceNeedsAPlacedEventAndDeputiesAreNamed() throws {
        let workspace = try golden()
        try edit(workspace) {
            $0 + """
                  - id: later-meeting
                    kind: workshop
                    title: Later
                    venue: helsinki-hall
                    duration: 3h
                    window: [2027-01-01, 2027-01-31]
                    invite:
                      - {person: leena-korhonen, role: required}

                """
        }
        let unplaced = try CLIRunner.run(["attend", "later-meeting", "--person", "leena-korhonen", "--workspace", workspace.path])
        #expect(unplaced.status == 2 && unplaced.stderr.contains("has no date yet"), "\(unplaced.stderr)")

        let deputy = try CLIRunner.run(["attend", "cooperation-group-2024", "--person", "mikko-laine", "--for", "aino-virtanen",
                                        "--workspace", workspace.path])
        #expect(deputy.status == 0, "\(deputy.stderr)")
        #expect(deputy.stdout.contains("deputy   Mikko Laine (mikko-laine) for Aino Virtanen (aino-virtanen)"), "\(deputy.stdout)")
        #expect(!deputy.stdout.contains("line command line"))

        // Mikko is neither Leena's deputy nor her stand-in: recorded as written, with a note.
        let odd = try CLIRunner.run(["attend", "cooperation-group-2024", "--person", "mikko-laine", "--for", "leena-korhonen",
                                     "--workspace", workspace.path])
        #expect(odd.status == 0)
        #expect(odd.stdout.contains("is neither Leena Korhonen's `deputy:` nor their `stand-in:`"), "\(odd.stdout)")
    }

    @Test func numbersAgreeWithTheirNouns() throws {
        let folder = try CLIRunner.temporaryDirectory().appendingPathComponent("one")
        #expect(try CLIRunner.run(["init", folder.path, "--country", "FI"]).status == 0)
        let result = try CLIRunner.run(["validate", "--workspace", folder.path])
        #expect(result.stdout.contains("2 events, 1 country, 1 series, 7 people, 6 organisations, 1 venue."), "\(result.stdout)")
    }

    @Test func levelsInvitedOnlyToEventsToComeAreNotNobodyCame() throws {
        // The golden plan's monthly call has no attendance: its levels are dotted, not dashed.
        let result = try CLIRunner.run(["report", "levels", "--workspace", try golden().path, "--format", "html"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("class=\"chip upcoming\""))
        #expect(!result.stdout.contains("class=\"chip off\""))
    }
}
