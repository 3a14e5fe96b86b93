import Foundation
import Testing
import Yams
@testable import ConveneCore

/// The fast plan reader must give exactly the tree (texts, nesting, lines and columns) that Yams
/// gives, or give up so that Yams reads the file. Yams is the reference here: a reader we did not write.
@Suite("YAML subset reader against Yams")
struct YAMLSubsetParserTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func yams(_ text: String) throws -> YAMLNode? {
        try Yams.compose(yaml: text, .basic).map(YAMLNode.init)
    }

    /// Every plan in the repository takes the fast path and reads as Yams reads it.
    @Test(arguments: [
        "Calendars/strong-cities/plan.yaml",
        "Calendars/clashes/plan.yaml",
        "Tests/conveneTests/Fixtures/plans/golden/plan.yaml",
        "Tests/conveneTests/Fixtures/plans/five-mistakes/plan.yaml",
        "Tests/ConveneCoreTests/Fixtures/attendance/workspace/plan.yaml",
    ])
    func repositoryPlans(path: String) throws {
        let text = try String(contentsOf: Self.repository.appendingPathComponent(path), encoding: .utf8)
        let fast = try #require(YAMLSubsetParser.parse(text), "\(path) left the subset")
        #expect(fast == (try Self.yams(text)))
    }

    /// The ways people write plans: each must take the fast path and agree with Yams.
    @Test(arguments: [
        "a: 1\nb: two words\n",
        "a: 1\r\nb: [x, y]\r\nc:\r\n  - d\r\n",
        "# comment first\n\nkey: value # trailing comment\nother: 'it''s'\n",
        "k: \"quoted: \\\"escapes\\\" \\u00e9 \\x41 \\t tab \\\\ \\/\"\n",
        "k: \"Arabic: مدينة, Bengali: শহর, Tagalog: Lungsod\"\nname: Ñandú — ok\n",
        "list:\n- a\n- b\nnext: c\n",
        "list:\n  - a\n  -  b\n  - {x: 1, y: [2, 3], z: {w: \"4\"}}\n",
        "events:\n  - id: e1\n    title: One\n    invite:\n      - {person: p, role: chair}\n  - id: e2\n    title: Two\n",
        "times: {start: 09:00, end: \"17:00\", url: https://meet.example/x?a=b}\n",
        "empty:\nafter: 1\n",
        "empty-in-list:\n  -\n  - x\n",
        "nested:\n  deeper:\n    deepest: value\n  back: here\n",
        "agenda: |\n  line one\n  line two\n\n  after a blank\nnext: 1\n",
        "agenda: |-\n  stripped\n\nnext: 1\n",
        "agenda: |+\n  kept\n\n\nnext: 1\n",
        "notes: >\n  folded\n  into one\n\n  paragraph two\nnext: 1\n",
        "notes: >-\n  folded\n  stripped\n",
        "list:\n  - |\n    text in a list\n  - plain\n",
        "- a\n- - nested\n  - list\n",
        "---\nkey: value\n",
        "k: -1\nj: a:b\ni: [a-b, c d]\n",
        "k: {}\nl: []\n",
        "\"quoted key\": 1\n'single key': 2\n",
        "k: value with # inside\n",
        "k: x   \nl: 'y'   # c\n",
        "last: no newline at end",
        "agenda: |\n  no newline at end",
        "  indented: root\n  second: key\n",
    ])
    func fastPathAgreesWithYams(text: String) throws {
        let fast = try #require(YAMLSubsetParser.parse(text), "left the subset: \(text.debugDescription)")
        #expect(fast == (try Self.yams(text)), "\(text.debugDescription)")
    }

    /// YAML outside the subset, and broken YAML, is left to Yams (which reads it or words the error).
    @Test(arguments: [
        "a: &anchor 1\nb: *anchor\n",
        "a: !tag x\n",
        "%YAML 1.1\n---\na: 1\n",
        "a: 1\n---\nb: 2\n",
        "a:\tx\n",
        "\u{FEFF}a: 1\n",
        "a: plain text\n  continued on the next line\n",
        "a: \"quoted text\n  continued\"\n",
        "a: [x,\n  y]\n",
        "a: 1\na: 2\n",
        "m: {a: 1, a: 2}\n",
        "a: b: c\n",
        "a:\n  - x\n  y: z\n",
        "a: |2\n   explicit\n",
        "a: |\n\n  blank first line\n",
        "? complex\n: key\n",
        "a: [x, ]\n",
        "a: \"\\N\"\n",
        "a: 1\n  b: 2\n",
        "a: 'unclosed\n",
        "a: \"x\"y\n",
        "a: {b}\n",
        "- a\nb: 1\n",
    ])
    func leftToYams(text: String) {
        #expect(YAMLSubsetParser.parse(text) == nil, "\(text.debugDescription)")
    }

    /// Where the fast reader gives up on valid YAML, the loader still reads the plan (through Yams).
    @Test func planOutsideTheSubsetStillLoads() throws {
        let text = PlanFixtures.plan(events: """
              - id: roundtable
                kind: roundtable
                title: &title Roundtable
                notes: a note written
                  over two lines
                start: 2026-03-02T09:00
                end: 2026-03-02T12:00
                venue: kampala
                invite:
                  - {person: regina, role: chair}

            """)
        #expect(YAMLSubsetParser.parse(text) == nil)
        let plan = try PlanFixtures.load(text)
        #expect(plan.events.first?.title == "Roundtable")
        #expect(plan.events.first?.notes == "a note written over two lines")
    }

    /// A generated plan with every shape the benchmarks use agrees with Yams node for node; the
    /// large one is read in pieces on several threads (lists of over a megabyte).
    @Test(arguments: [200, 6000])
    func generatedPlanAgrees(events: Int) throws {
        var text = "workspace: generated\n# people and organisations\norganisations:\n"
        for i in 0..<50 {
            text += "  - {id: org-\(i), name: \"Org \(i): \\\"quoted\\\"\", country: UG, level: local}\n"
        }
        text += "events:\n"
        for i in 0..<events {
            if i % 1000 == 0 { text += "\n  # a comment between items\n" }
            text += "  - id: event-\(i)\n    title: 'Event \(i) — ''\(i)'''\n    start: 2026-01-\(String(format: "%02d", i % 28 + 1))T09:00\n"
            text += "    requires: {levels: [national, local], minimum: {local: \(i % 3)}}\n"
            text += "    invite:\n" + (0..<5).map { "      - {person: p-\($0), role: required}\n" }.joined()
            if i % 7 == 0 { text += "    agenda: |\n      Line \(i)\n      second\n" }
        }
        text += "blackouts:\n- {from: 2026-01-01, reason: indentless list after the long one}\n"
        #expect((text.utf8.count >= YAMLSubsetParser.parallelThreshold) == (events > 1000))
        let fast = try #require(YAMLSubsetParser.parse(text))
        #expect(fast == (try Self.yams(text)))
    }
}
