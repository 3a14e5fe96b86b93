import Foundation
import Testing

/// End-to-end: `convene report levels` on the hand-checked attendance workspace and the sample.
@Suite("convene report levels")
struct ReportCommandTests {
    /// A copy of the attendance workspace with its three sheets recorded; `edit` may rewrite the plan first.
    static func recorded(edit: ((String) -> String)? = nil) throws -> URL {
        let ws = try AttendCommandTests.copy()
        if let edit {
            let plan = ws.appendingPathComponent("plan.yaml")
            try edit(try String(contentsOf: plan, encoding: .utf8)).write(to: plan, atomically: true, encoding: .utf8)
        }
        for event in ["ug-roundtable", "ug-follow-up", "mw-dialogue"] {
            let result = try AttendCommandTests.attend([event, "--csv", ws.appendingPathComponent("attendance/\(event).csv").path], in: ws)
            #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        }
        return ws
    }

    static func report(_ arguments: [String], in ws: URL) throws -> CLIRunner.Result {
        try CLIRunner.run(["report", "levels", "--workspace", ws.path] + arguments)
    }

    @Test func jsonCarriesTheHandCheckedNumbers() throws {
        let ws = try Self.recorded()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let result = try Self.report(["--format", "json"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Int])
        #expect(summary["attended"] == 10 && summary["withAttendance"] == 3 && summary["nationalAndLocal"] == 2)
        let events = try #require(report["events"] as? [[String: Any]])
        let roundtable = try #require(events.first { $0["id"] as? String == "ug-roundtable" })
        let tallies = try #require(roundtable["tallies"] as? [[String: Any]])
        let district = try #require(tallies.first { $0["constituency"] as? String == "district" })
        #expect(district["invited"] as? Int == 1 && district["attended"] as? Int == 0 && district["gap"] as? String == "absent")
        let series = try #require((report["series"] as? [[String: Any]])?.first)
        let steps = try #require(series["steps"] as? [[String: Any]])
        #expect(steps.first?["returned"] as? Int == 3 && steps.first?["before"] as? Int == 6)
    }

    @Test func theTableFlagsMissingLevelsAndCadenceGaps() throws {
        let ws = try Self.recorded()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let result = try Self.report(["--series", "ug-nlc"], in: ws)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nobody came: district"))
        #expect(result.stdout.contains("not invited: neighbourhood"))
        #expect(result.stdout.contains("Gap ug-follow-up -> ug-working-group: 8 months  ! longer than the cadence allows"))
        #expect(result.stdout.contains("Retention by level: national 1/1 (100%), local 1/2 (50%), civil-society 0/2 (0%), youth 1/1 (100%)."))
        #expect(!result.stdout.contains("mw-dialogue"))
    }

    @Test func csvAndMarkdownAreSpreadsheetSafeAndHTMLIsEscaped() throws {
        let ws = try Self.recorded { plan in
            plan.replacingOccurrences(of: "title: National and local officials on the strategy",
                                      with: "title: \"=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\") <script>alert(1)</script>\"")
                .replacingOccurrences(of: "title: Localising Uganda's strategy", with: "title: \"@SUM(1) | Uganda <b>NLC</b>\"")
        }
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let csv = try Self.report(["--format", "csv"], in: ws)
        #expect(csv.status == 0, "\(csv.stderr)")
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "section,id,title,date,country,constituency,invited,accepted,attended,counted,returned,required,note")
        #expect(rows.contains { $0.hasPrefix("event,ug-roundtable,\"'=HYPERLINK(") }, "\(csv.stdout)")
        #expect(!rows.contains { $0.contains(",=") || $0.contains(",\"=") })

        let md = try Self.report(["--format", "md"], in: ws)
        #expect(md.status == 0)
        #expect(md.stdout.contains("## Series ug-nlc: @SUM(1) \\| Uganda &lt;b&gt;NLC&lt;/b&gt;"), "\(md.stdout)")
        for line in md.stdout.split(separator: "\n") where line.hasPrefix("| ") {
            #expect(!line.contains("| =") && !line.contains("| @") && !line.contains("| +"))
        }

        let html = try Self.report(["--format", "html"], in: ws)
        #expect(html.status == 0)
        #expect(!html.stdout.contains("<script"))
        #expect(!html.stdout.contains("<b>NLC"))
        #expect(html.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.stdout.contains("@SUM(1) | Uganda &lt;b&gt;NLC&lt;/b&gt;"))
        #expect(html.stdout.contains("&quot;http://evil.example&quot;"))
    }

    @Test func outWritesTheFileAndBadScopesAreBadInput() throws {
        let ws = try Self.recorded()
        defer { try? FileManager.default.removeItem(at: ws.deletingLastPathComponent()) }
        let file = ws.appendingPathComponent("report.md")
        let written = try Self.report(["--format", "md", "--out", file.path], in: ws)
        #expect(written.status == 0)
        #expect(written.stdout.hasPrefix("Wrote \(file.path): 4 events, 3 with attendance"), "\(written.stdout)")
        #expect((try String(contentsOf: file, encoding: .utf8)).hasPrefix("# Representation by level: attendance-fixture"))

        let series = try Self.report(["--series", "ug-nlcc"], in: ws)
        #expect(series.status == 2)
        #expect(series.stderr.contains("fix: did you mean 'ug-nlc'?"), "\(series.stderr)")
        let country = try Self.report(["--country", "KE"], in: ws)
        #expect(country.status == 2)
        #expect(country.stderr.contains("MW, UG"))
        let two = try Self.report(["--event", "ug-roundtable", "--country", "UG"], in: ws)
        #expect(two.status == 2)
    }

    @Test func theSampleTellsTheStoryOfTheNote() throws {
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities")
        let result = try CLIRunner.run(["report", "levels", "--workspace", sample.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Int])
        #expect((summary["withAttendance"] ?? 0) >= 30)
        #expect((summary["nationalAndLocal"] ?? 0) >= 20)
        #expect((summary["deputies"] ?? 0) >= 2 && (summary["guests"] ?? 0) >= 2)
        let series = try #require(report["series"] as? [[String: Any]])
        let uganda = try #require(series.first { $0["id"] as? String == "uganda-nlc" })
        #expect(((uganda["steps"] as? [Any])?.count ?? 0) >= 4)
        // The note's head counts are counts, not names; the Ward Sabhas are reported sitting by sitting.
        let events = try #require(report["events"] as? [[String: Any]])
        func row(_ id: String) -> [String: Any]? { events.first { $0["id"] as? String == id } }
        #expect(row("canada-safety-of-our-cities-2024")?["counted"] as? Int == 500)
        #expect(row("us-jacksonville-training-2024")?["counted"] as? Int == 50)
        let barangay = (row("philippines-barangay-training-2023")?["tallies"] as? [[String: Any]])?
            .first { $0["constituency"] as? String == "neighbourhood" }
        #expect(barangay?["counted"] as? Int == 100)
        #expect(row("india-shimla-ward-sabhas@2023-11-25")?["attendanceRecorded"] as? Bool == true)
        let sabhas = try #require(series.first { $0["id"] as? String == "india-shimla-ward-sabhas" })
        #expect(((sabhas["steps"] as? [Any])?.count ?? 0) >= 3)
    }

    @Test func oneCountrysReportUsesItsNamesForLevels() throws {
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities")
        let philippines = try CLIRunner.run(["report", "levels", "--workspace", sample.path, "--country", "PH"])
        #expect(philippines.status == 0, "\(philippines.stderr)")
        #expect(philippines.stdout.contains("barangay = neighbourhood") && philippines.stdout.contains("region = regional"))
        let all = try CLIRunner.run(["report", "levels", "--workspace", sample.path])
        #expect(!all.stdout.contains("barangay = neighbourhood"))
        let events = try CLIRunner.run(["events", "--workspace", sample.path])
        let line = events.stdout.split(separator: "\n").first { $0.hasPrefix("philippines-barangay-training-2023") }
        #expect(line?.contains("national, region, city, barangay") == true, "\(line ?? "")")
    }
}
