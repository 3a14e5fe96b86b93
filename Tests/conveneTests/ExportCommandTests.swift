import Foundation
import Testing

/// End-to-end: `convene export` writes invitations, a vdir and feeds that clients we did not write
/// accept, and remembers enough to keep SEQUENCE honest.
@Suite("convene export")
struct ExportCommandTests {
    static let stamp = ["SOURCE_DATE_EPOCH": "1732700000"]
    static let golden = CLIRunner.fixtures.appendingPathComponent("golden")
    static let sample = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities")

    /// A copy of a fixture workspace with nothing exported yet.
    func freshWorkspace(_ name: String = "golden") throws -> URL {
        let copy = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/\(name)"))
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("export"))
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("records"))
        return copy
    }

    func export(_ workspace: URL, stamp: [String: String] = ExportCommandTests.stamp) throws {
        let result = try CLIRunner.run(["export", "--workspace", workspace.path], environment: stamp)
        #expect(result.status == 0, "\(result.stderr)")
    }

    func files(under folder: URL) throws -> [String: Data] {
        var found: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if let data = FileManager.default.contents(atPath: url.path), !url.hasDirectoryPath {
                found[String(url.path.dropFirst(folder.path.count))] = data
            }
        }
        return found
    }

    /// `SEQUENCE` of every invitation by file name.
    func sequences(_ workspace: URL) throws -> [String: Int] {
        var result: [String: Int] = [:]
        let folder = workspace.appendingPathComponent("export/invitations")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            let line = text.split(separator: "\r\n").first { $0.hasPrefix("SEQUENCE:") }
            result[name] = line.flatMap { Int($0.dropFirst(9)) }
        }
        return result
    }

    @Test func goldenInvitationsCancellationAndFeed() throws {
        let workspace = try freshWorkspace()
        try export(workspace)
        for name in ["invitations/cooperation-group-2024.ics", "invitations/monthly-call.ics",
                     "invitations/anchor-teams-training.ics", "feeds/all.ics"] {
            let produced = try #require(FileManager.default.contents(atPath: workspace.appendingPathComponent("export/\(name)").path))
            if ProcessInfo.processInfo.environment["CONVENE_UPDATE_GOLDEN"] == "1" {
                try produced.write(to: Self.golden.appendingPathComponent(name))
            }
            let expected = try #require(FileManager.default.contents(atPath: Self.golden.appendingPathComponent(name).path))
            #expect(produced == expected, "\(name) differs from its golden file (CONVENE_UPDATE_GOLDEN=1 to accept)")
        }
        let cancellation = try String(contentsOf: workspace.appendingPathComponent("export/invitations/anchor-teams-training.ics"), encoding: .utf8)
        #expect(cancellation.contains("METHOD:CANCEL\r\n") && cancellation.contains("STATUS:CANCELLED\r\n"))
    }

    @Test func exportingAnUnchangedPlanChangesNoByte() throws {
        let workspace = try freshWorkspace()
        try export(workspace)
        let first = try files(under: workspace)
        try export(workspace, stamp: ["SOURCE_DATE_EPOCH": "1800000000"])  // a later day: nothing may change
        let second = try files(under: workspace)
        #expect(first == second)
        #expect(first.keys.contains("/records/exports.json"))
    }

    @Test func changingATimeRaisesOnlyThatSequence() throws {
        let workspace = try freshWorkspace()
        try export(workspace)
        let before = try sequences(workspace)
        let plan = workspace.appendingPathComponent("plan.yaml")
        let text = try String(contentsOf: plan, encoding: .utf8)
        try text.replacingOccurrences(of: "start: 2024-03-28T10:00", with: "start: 2024-03-28T11:00")
            .write(to: plan, atomically: true, encoding: .utf8)
        try export(workspace, stamp: ["SOURCE_DATE_EPOCH": "1732800000"])
        let after = try sequences(workspace)
        #expect(after["cooperation-group-2024.ics"] == (before["cooperation-group-2024.ics"] ?? -1) + 1)
        for (name, sequence) in before where name != "cooperation-group-2024.ics" { #expect(after[name] == sequence, "\(name)") }
        // A change attendees need not act on (the agenda) keeps SEQUENCE.
        try (try String(contentsOf: plan, encoding: .utf8)).replacingOccurrences(of: "1. The updated", with: "1. The revised")
            .write(to: plan, atomically: true, encoding: .utf8)
        try export(workspace, stamp: ["SOURCE_DATE_EPOCH": "1732900000"])
        #expect(try sequences(workspace) == after)
    }

    @Test func cancellingAndRemovingEmitCancel() throws {
        let workspace = try freshWorkspace()
        try export(workspace)
        let plan = workspace.appendingPathComponent("plan.yaml")
        var text = try String(contentsOf: plan, encoding: .utf8)
        // Cancel the first event; remove the monthly call from the plan.
        text = text.replacingOccurrences(of: "    status: held\n", with: "    status: cancelled\n")
        let start = try #require(text.range(of: "  - id: monthly-call"))
        let end = try #require(text.range(of: "  - id: anchor-teams-training"))
        text.removeSubrange(start.lowerBound..<end.lowerBound)
        try text.write(to: plan, atomically: true, encoding: .utf8)
        try export(workspace, stamp: ["SOURCE_DATE_EPOCH": "1732800000"])
        let folder = workspace.appendingPathComponent("export/invitations")
        let cancelled = try String(contentsOf: folder.appendingPathComponent("cooperation-group-2024.ics"), encoding: .utf8)
        #expect(cancelled.contains("METHOD:CANCEL\r\n") && cancelled.contains("SEQUENCE:1\r\n"))
        let removed = try String(contentsOf: folder.appendingPathComponent("monthly-call.ics"), encoding: .utf8)
        #expect(removed.contains("METHOD:CANCEL\r\n") && removed.contains("SEQUENCE:1\r\n") && removed.contains("UID:monthly-call@golden-nlc.convene"))
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("export/vdir/monthly-call@golden-nlc.convene.ics").path))
        // Exporting again does not cancel twice.
        try export(workspace, stamp: ["SOURCE_DATE_EPOCH": "1732900000"])
        #expect(try String(contentsOf: folder.appendingPathComponent("monthly-call.ics"), encoding: .utf8) == removed)
    }

    @Test(.enabled(if: CLIRunner.pythonHas("icalendar")))
    func pythonIcalendarReadsEveryFileWithOurInstants() throws {
        let workspace = try CLIRunner.copyOf(Self.sample)
        try? FileManager.default.removeItem(at: workspace.appendingPathComponent("export"))
        try? FileManager.default.removeItem(at: workspace.appendingPathComponent("records/exports.json"))
        try export(workspace)
        let all = try files(under: workspace.appendingPathComponent("export")).keys.filter { $0.hasSuffix(".ics") }
            .map { workspace.appendingPathComponent("export").path + $0 }
        let checker = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/ical_instants.py").path
        let parsed = try CLIRunner.runTool("python3", [checker] + all)
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        #expect(json["files"] as? Int == all.count)
        let theirs = try #require(json["events"] as? [String: [String: Any]])
        let ours = try CLIRunner.run(["events", "--workspace", workspace.path, "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(ours.stdout.utf8)) as? [[String: Any]])
        var compared = 0
        for event in events {
            guard let id = event["id"] as? String, let utc = event["utcStart"] as? String, event["allDay"] as? Bool == false else { continue }
            let parsedEvent = try #require(theirs["\(id)@strong-cities-nlc.convene"], "\(id) missing from the export")
            #expect(parsedEvent["start"] as? String == utc, "\(id)")
            #expect(parsedEvent["end"] as? String == event["utcEnd"] as? String, "\(id)")
            compared += 1
        }
        #expect(compared >= 20)
    }

    /// Python icalendar reading the export with every TZID renamed to a name no library knows
    /// (so only our VTIMEZONEs can tell it the offsets) finds the same UTC instants, occurrence by
    /// occurrence, as when it resolves the IANA names itself from the system tzdata: on the sample,
    /// the golden workspace, and events at the DST edges of six zones.
    @Test(.enabled(if: CLIRunner.pythonHas("icalendar") && CLIRunner.pythonHas("recurring_ical_events")),
          arguments: ["sample", "golden", "dst-edges"])
    func ourVTimezonesGiveTheSameInstantsAsTheZonesThemselves(workspaceName: String) throws {
        let workspace = workspaceName == "sample" ? try CLIRunner.copyOf(Self.sample) : try freshWorkspace(workspaceName)
        try? FileManager.default.removeItem(at: workspace.appendingPathComponent("export"))
        try? FileManager.default.removeItem(at: workspace.appendingPathComponent("records/exports.json"))
        try export(workspace)
        let all = try files(under: workspace.appendingPathComponent("export")).keys.filter { $0.hasSuffix(".ics") }.sorted()
            .map { workspace.appendingPathComponent("export").path + $0 }
        let checker = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/ical_instants.py").path
        func read(_ options: [String]) throws -> [String: [String: Any]] {
            let parsed = try CLIRunner.runTool("python3", [checker, "--occurrences"] + options + all)
            #expect(parsed.status == 0, "\(parsed.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
            return try #require(json["events"] as? [String: [String: Any]])
        }
        let named = try read([]), renamed = try read(["--rename-tzids"])
        #expect(named.count == renamed.count && named.count >= 3)
        // Wall times in a gap (clocks going forward): zoneinfo and we read them with the offset
        // before the gap (RFC 5545 §3.3.5); icalendar's tzinfo built from a VTIMEZONE takes the
        // offset after it. Those starts are left out; their ends are compared.
        let gapStarts: Set<String> = ["helsinki-gap#0", "dublin-gap#0", "toronto-daily-gap#1", "casablanca-weekly-gap#1", "sydney-weekly-gap#1"]
        var compared = 0
        for (uid, event) in named {
            let ours = try #require(event["occurrences"] as? [[String]], "\(uid)")
            let theirs = try #require(renamed[uid]?["occurrences"] as? [[String]], "\(uid)")
            #expect(ours.count == theirs.count, "\(uid)")
            for (number, (a, b)) in zip(ours, theirs).enumerated() {
                let id = String(uid.prefix { $0 != "@" })
                if gapStarts.contains("\(id)#\(number)") {
                    #expect(a[1] == b[1], "\(uid) #\(number)")
                } else {
                    #expect(a == b, "\(uid) #\(number)")
                }
                compared += 1
            }
        }
        #expect(compared >= named.count)
        // And the first occurrence is where Convene puts it.
        let ours = try CLIRunner.run(["events", "--workspace", workspace.path, "--format", "json"])
        let events = try #require(try JSONSerialization.jsonObject(with: Data(ours.stdout.utf8)) as? [[String: Any]])
        for event in events {
            guard let id = event["id"] as? String, let utc = event["utcStart"] as? String, event["allDay"] as? Bool == false,
                  let parsed = named.first(where: { $0.key.hasPrefix(id + "@") })?.value else { continue }
            #expect(parsed["start"] as? String == utc, "\(id)")
            #expect(parsed["end"] as? String == event["utcEnd"] as? String, "\(id)")
        }
    }

    /// The DST-edge workspace's recurrences, as `recurring-ical-events` expands our file with the
    /// zones it knows, at the instants RFC 5545 §3.3.5 gives (Python's zoneinfo, fold=0).
    @Test(.enabled(if: CLIRunner.pythonHas("icalendar") && CLIRunner.pythonHas("recurring_ical_events")))
    func dstEdgeRecurrencesLandWhereRFC5545Says() throws {
        let workspace = try freshWorkspace("dst-edges")
        try export(workspace)
        let checker = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/ical_instants.py").path
        let parsed = try CLIRunner.runTool("python3", [checker, "--occurrences", workspace.appendingPathComponent("export/feeds/all.ics").path])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(parsed.stdout.utf8)) as? [String: Any])
        let events = try #require(json["events"] as? [String: [String: Any]])
        func starts(_ id: String) -> [String] {
            ((events[id + "@dst-edges.convene"]?["occurrences"] as? [[String]]) ?? []).map { $0[0] }
        }
        // A repeated 03:30 in Helsinki on 26 October is its first instant (EEST).
        #expect(starts("helsinki-weekly-repeat") == ["2025-10-19T00:30:00Z", "2025-10-26T00:30:00Z", "2025-11-02T01:30:00Z"])
        // Dublin's winter is negative daylight saving in tzdata; the repeated 01:30 is still the first.
        #expect(starts("dublin-weekly-repeat") == ["2025-10-19T00:30:00Z", "2025-10-26T00:30:00Z", "2025-11-02T01:30:00Z"])
        // Casablanca's Ramadan ends on 6 April: 02:30 is skipped and read with +00, the offset before.
        #expect(starts("casablanca-weekly-gap") == ["2025-03-30T02:30:00Z", "2025-04-06T02:30:00Z", "2025-04-13T01:30:00Z"])
        // tzdata 2026f moves Casablanca to +00 for good on 20 September 2026.
        #expect(starts("casablanca-rule-change") == ["2026-09-13T00:30:00Z", "2026-09-20T00:30:00Z", "2026-09-27T01:30:00Z"])
        #expect(starts("sydney-weekly-gap") == ["2025-09-27T16:30:00Z", "2025-10-04T16:30:00Z", "2025-10-11T15:30:00Z"])
        #expect(starts("toronto-daily-gap") == ["2025-03-08T07:30:00Z", "2025-03-09T07:30:00Z", "2025-03-10T06:30:00Z"])
        #expect(starts("kampala-weekly") == ["2025-03-27T06:00:00Z", "2025-04-03T06:00:00Z", "2025-04-10T06:00:00Z"])
    }

    @Test(.enabled(if: CLIRunner.hasTool("khal")))
    func khalListsTheVdirAtLocalTimes() throws {
        let workspace = try freshWorkspace()
        try export(workspace)
        func config(_ zone: String) throws -> String {
            let file = workspace.appendingPathComponent("khal-\(zone.replacingOccurrences(of: "/", with: "-")).conf")
            try """
                [calendars]
                [[golden]]
                path = \(workspace.appendingPathComponent("export/vdir").path)
                type = calendar
                [locale]
                timeformat = %H:%M
                dateformat = %Y-%m-%d
                longdateformat = %Y-%m-%d
                datetimeformat = %Y-%m-%d %H:%M
                longdatetimeformat = %Y-%m-%d %H:%M
                default_timezone = \(zone)
                local_timezone = \(zone)

                """.write(to: file, atomically: true, encoding: .utf8)
            return file.path
        }
        let helsinki = try config("Europe/Helsinki"), toronto = try config("America/Toronto")
        let xdg = ["XDG_DATA_HOME": workspace.appendingPathComponent("khal-data").path, "XDG_CONFIG_HOME": workspace.path]
        let march = try CLIRunner.runTool("khal", ["-c", helsinki, "list", "2024-03-28", "1d"], environment: xdg)
        #expect(march.status == 0, "\(march.stderr)")
        #expect(march.stdout.contains("10:00-15:00 Cooperation group"), "\(march.stdout)")
        // The monthly call: first Thursday, 09:00 Helsinki time in summer and in winter; July is excepted.
        let june = try CLIRunner.runTool("khal", ["-c", helsinki, "list", "2024-06-06", "1d"], environment: xdg)
        #expect(june.stdout.contains("09:00-10:00 Monthly coordination call"), "\(june.stdout)")
        let july = try CLIRunner.runTool("khal", ["-c", helsinki, "list", "2024-07-04", "1d"], environment: xdg)
        #expect(!july.stdout.contains("Monthly coordination call"), "\(july.stdout)")
        let november = try CLIRunner.runTool("khal", ["-c", helsinki, "list", "2024-11-07", "1d"], environment: xdg)
        #expect(november.stdout.contains("09:00-10:00 Monthly coordination call"), "\(november.stdout)")
        // Seen from Toronto: 09:00 EEST is 02:00 EDT in June, 09:00 EET is 02:00 EST in November.
        let fromToronto = try CLIRunner.runTool("khal", ["-c", toronto, "list", "2024-06-06", "1d"], environment: xdg)
        #expect(fromToronto.stdout.contains("02:00-03:00 Monthly coordination call"), "\(fromToronto.stdout)")
        let marchToronto = try CLIRunner.runTool("khal", ["-c", toronto, "list", "2024-03-28", "1d"], environment: xdg)
        #expect(marchToronto.stdout.contains("04:00-09:00 Cooperation group"), "\(marchToronto.stdout)")
    }
}
