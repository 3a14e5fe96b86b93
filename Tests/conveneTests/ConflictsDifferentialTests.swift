import Foundation
import Testing

/// `convene conflicts --count` against an independent implementation on Python's icalendar and
/// recurring-ical-events (`Tests/differential/peer_conflicts.py`), on generated workloads full of
/// real-world quirks (overrides, EXDATE, RDATE, all-day, floating and UTC times, DURATION, DST edges,
/// attendee case). Skipped only when python3 lacks those modules; CI installs them.
@Suite(.enabled(if: ConflictsSupport.pythonPeerAvailable, "python3 lacks icalendar or recurring-ical-events"))
struct ConflictsDifferentialTests {
    @Test(arguments: [
        (events: 200, people: 40, seed: 1, window: [String]()),
        (events: 600, people: 150, seed: 2, window: []),
        (events: 1_200, people: 300, seed: 3, window: ["--from", "2025-03-01", "--to", "2025-09-01"]),
        (events: 2_000, people: 500, seed: 4, window: []),
    ])
    func generatedWorkloadsAgree(events: Int, people: Int, seed: Int, window: [String]) throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, generated) = try ConflictsSupport.generateWorkload(events: events, people: people, seed: seed, in: folder)
        #expect(generated.status == 0, "\(generated.stderr)")

        let ours = try CLIRunner.run(["conflicts", "--count"] + window + [file])
        let peer = try ConflictsSupport.run("/usr/bin/env", ["python3", ConflictsSupport.peer] + window + [file])
        #expect(peer.status == 0, "\(peer.stderr)")
        #expect(ours.stderr.isEmpty)
        #expect(ours.stdout == peer.stdout)
        // Not vacuous: the workload has conflicts to count.
        #expect(ours.status == 1)
        #expect(!ours.stdout.hasSuffix(" 0 conflicting pairs\n"))
    }

    /// Occurrence by occurrence, not totals: every occurrence's UID, UTC start and end, from
    /// `convene-bench occurrences` (the library's `CalendarOccurrences`) and the peer's `--dump`.
    @Test(arguments: [(events: 300, people: 60, seed: 11), (events: 1_500, people: 300, seed: 12)])
    func generatedWorkloadsAgreeOccurrenceByOccurrence(events: Int, people: Int, seed: Int) throws {
        let folder = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (file, generated) = try ConflictsSupport.generateWorkload(events: events, people: people, seed: seed, in: folder)
        #expect(generated.status == 0, "\(generated.stderr)")
        let ours = try ConflictsSupport.run(ConflictsSupport.bench.path, ["occurrences", file])
        let peer = try ConflictsSupport.run("/usr/bin/env", ["python3", ConflictsSupport.peer, "--dump", file])
        #expect(peer.status == 0, "\(peer.stderr)")
        let ourLines = ours.stdout.split(separator: "\n"), peerLines = peer.stdout.split(separator: "\n")
        #expect(ourLines.count > events / 2)
        #expect(ourLines == peerLines, "first difference: \(zip(ourLines, peerLines).first { $0 != $1 }.map { "\($0) / \($1)" } ?? "in length")")
    }

    @Test func olderFixturesAgreeOccurrenceByOccurrence() throws {
        for name in ["google-recurring-with-override.ics", "outlook-crlf-folded.ics", "apple-all-day.ics",
                     "thunderbird-floating-time.ics", "evolution-builtin-tzid.ics", "handwritten-rdate-exdate-dst.ics"] {
            let file = ConflictsSupport.fixture(name)
            let ours = try ConflictsSupport.run(ConflictsSupport.bench.path, ["occurrences", file])
            let peer = try ConflictsSupport.run("/usr/bin/env", ["python3", ConflictsSupport.peer, "--dump", file])
            #expect(!ours.stdout.isEmpty)
            #expect(ours.stdout == peer.stdout, "\(name)")
        }
    }

    @Test func fixtureCorpusAgrees() throws {
        for name in ["google-recurring-with-override.ics", "outlook-crlf-folded.ics", "apple-all-day.ics",
                     "thunderbird-floating-time.ics", "evolution-builtin-tzid.ics", "handwritten-rdate-exdate-dst.ics"] {
            let file = ConflictsSupport.fixture(name)
            let ours = try CLIRunner.run(["conflicts", "--count", file])
            let peer = try ConflictsSupport.run("/usr/bin/env", ["python3", ConflictsSupport.peer, file])
            #expect(ours.stdout == peer.stdout, "\(name)")
        }
    }
}
