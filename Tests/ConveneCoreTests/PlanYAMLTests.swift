import Foundation
import Testing
import Yams
@testable import ConveneCore

/// Plans are read by libyaml, the parser inside Yams: what Yams refuses is refused, at the line and column Yams gives;
/// what Yams reads is read as Yams reads it. A plan may span `plan.yaml` and `plan/*.yaml`.
@Suite("Plan YAML, read as Yams reads it, in one file or several")
struct PlanYAMLTests {
    static func problems(_ files: [(name: String, text: String)]) -> [Diagnostic] { PlanFixtures.problems(files) }
    static func problems(_ text: String) -> [Diagnostic] { problems([("plan.yaml", text)]) }

    static let event = "  - {id: roundtable, kind: roundtable, title: Roundtable, venue: kampala, start: 2024-10-15T09:00, end: 2024-10-15T16:00}\n"

    @Test(arguments: [("\u{80}", "U+0080"), ("\u{9F}", "U+009F"), ("\u{FFFE}", "U+FFFE"), ("\u{1}", "U+0001")])
    func controlCharactersAreRefusedWhereTheyStand(character: String, code: String) throws {
        let text = PlanFixtures.plan(events: Self.event + "  - {id: second, kind: roundtable, title: A\(character)B, venue: kampala, start: 2024-10-16T09:00, end: 2024-10-16T16:00}\n")
        let found = Self.problems(text)
        #expect(found.count == 1)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(character) }! + 1
        let column = text.split(separator: "\n", omittingEmptySubsequences: false)[line - 1].prefix { String($0) != character }.count + 1
        #expect(found.first?.location == SourceLocation(file: "plan.yaml", line: line, column: column), "\(found)")
        #expect(found.first?.message.contains(code) == true, "\(found)")
    }

    /// NEL (U+0085) and the line separator U+2028 are line breaks to Yams (YAML 1.1), not errors:
    /// inside a one-line mapping they fold into a space, as Yams reads them.
    @Test func lineBreaksYAMLKnowsReadAsYamsReadsThem() throws {
        for character in ["\u{85}", "\u{2028}"] {
            let plan = try PlanFixtures.load(PlanFixtures.plan(events: "  - {id: a, kind: roundtable, title: A\(character)B, venue: kampala, start: 2024-10-15T09:00, end: 2024-10-15T16:00}\n"))
            let yams = try #require(try Yams.compose(yaml: "{title: A\(character)B}")?["title"]?.string)
            #expect(plan.events.first?.title == yams)
        }
    }

    @Test func tabsInIndentationAreRefusedAtYamsPosition() {
        let found = Self.problems("workspace: x\nevents:\n  - id: a\n\tkind: roundtable\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("YAML syntax:") == true, "\(found)")
        #expect(found.first?.location.line == 4 && found.first?.location.column == 1, "\(found)")
        #expect(found.first?.hint == "indent with spaces, not tabs")
    }

    @Test func aSyntaxErrorCarriesYamsLineAndColumn() {
        let found = Self.problems("workspace: x\nevents:\n  - id: a\n    kind: [roundtable\n    title: T\n")
        #expect(found.count == 1)
        #expect(found.first?.message.hasPrefix("YAML syntax:") == true)
        #expect(found.first.map { ($0.location.line, $0.location.column) } ?? (0, 0) > (1, 1), "\(found)")
        #expect(found.first?.location.line == 5, "\(found)")
    }

    @Test func duplicateKeysAreRefused() {
        let found = Self.problems(PlanFixtures.plan(events: "  - id: a\n    kind: roundtable\n    kind: workshop\n"))
        #expect(found.count == 1)
        #expect(found.first?.message == "the same key is written twice in one mapping: kind", "\(found)")
        #expect(found.first?.location.line ?? 0 > 1)
    }

    /// Anchors and aliases are YAML: an alias reads as the node it names.
    @Test func anchorsAndAliasesReadAsWhatTheyName() throws {
        let plan = try PlanFixtures.load(PlanFixtures.plan(events: """
              - id: first
                kind: roundtable
                title: First
                venue: kampala
                start: 2024-10-15T09:00
                end: 2024-10-15T16:00
                invite: &core
                  - {person: regina, role: chair}
                  - {organisation: ug-nctc, role: required}
              - id: second
                kind: roundtable
                title: Second
                venue: kampala
                start: 2024-10-16T09:00
                end: 2024-10-16T16:00
                invite: *core

            """))
        #expect(plan.events.map(\.invitations.count) == [2, 2])
        #expect(plan.events[1].invitations == plan.events[0].invitations)
        let undefined = Self.problems(PlanFixtures.plan(events: "  - id: a\n    invite: *nowhere\n"))
        #expect(undefined.count == 1 && undefined.first?.message.contains("undefined alias") == true, "\(undefined)")
    }

    /// Yams reads `yes`, `on` and `NO` as text where text is asked for (YAML 1.2); a flag takes
    /// what Yams takes as a `Bool`.
    @Test func yesOnOffStayWordsAsYamsReadsThem() throws {
        let plan = try PlanFixtures.load(PlanFixtures.header.replacingOccurrences(of: "series:\n", with: """
            blackouts:
              - {id: no-day, name: on, from: 2024-12-25, country: NO}
            series:

            """) + "events:\n  - {id: a, kind: roundtable, title: yes, venue: kampala, start: 2024-10-15T09:00, end: 2024-10-15T16:00, transparent: on}\n"
            + "  - {id: b, kind: roundtable, title: off, venue: kampala, start: 2024-10-16T09:00, end: 2024-10-16T16:00, transparent: false}\n")
        #expect(plan.events.map(\.title) == ["yes", "off"])
        #expect(plan.events.map(\.isTransparent) == [true, false])
        #expect(plan.blackouts.first?.name == "on" && plan.blackouts.first?.country == "NO")
        let quoted = Self.problems(PlanFixtures.plan(events: "  - {id: a, kind: roundtable, title: A, venue: kampala, start: 2024-10-15T09:00, end: 2024-10-15T16:00, transparent: \"yes\"}\n"))
        #expect(quoted.map(\.message) == ["'transparent' should be true or false, not 'yes'"])
    }

    /// A name-like value may hold no white space wherever it stands: directly under its key, as an
    /// item of a list under it, or repeated there by an alias of text written under another key.
    @Test func identifiersWithWhiteSpaceAreRefusedDirectlyInListsAndThroughAliases() {
        let found = Self.problems(PlanFixtures.header.replacingOccurrences(of: "series:\n", with: """
            blackouts:
              - {id: no-day, name: &words "two words", from: 2024-12-25}
            series:

            """) + "events:\n  - {id: a, kind: roundtable, title: A, venue: *words, start: 2024-10-15T09:00, end: 2024-10-15T16:00,\n"
            + "     invite: [{person: \"regina bakitte\"}]}\n")
        let said = found.map { "\($0.location.line):\($0.message)" }
        #expect(said.contains { $0.contains("'venue' holds white space") }, "\(said)")
        #expect(said.contains { $0.contains("'person' holds white space") }, "\(said)")
        #expect(!said.contains { $0.contains("'name'") }, "a blackout's name may hold spaces: \(said)")
    }

    /// The classic "billion laughs": nine levels of lists of ten aliases. The tree shares the
    /// aliased nodes (nothing is copied), and the composer refuses it by counting the expansion against a budget.
    @Test func anAliasBombIsRefused() {
        var text = "workspace: x\nlol0: &l0 [lol]\n"
        for level in 1...9 { text += "lol\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "events: *l9\n"
        let found = Self.problems(text)
        // Refused while it is composed: the expansion is counted against a budget.
        #expect(found.contains { $0.message.contains("aliases") && $0.message.contains("expand") })
        #expect(found.count <= 20, "\(found.count) problems")
    }

    // MARK: Several files

    static let main = PlanFixtures.header

    @Test func aPlanSpreadOverFilesReadsAsOne() throws {
        let plan = try PlanLoader().parse(files: [
            ("plan.yaml", Self.main),
            ("plan/events-ug.yaml", "events:\n" + Self.event),
            ("plan/people-fi.yaml", "people:\n  - {id: eero, name: Eero, email: eero@intermin.example, organisation: fi-interior}\nevents:\n"
                + "  - {id: helsinki-talk, kind: roundtable, title: Talk, venue: helsinki, start: 2024-11-01T09:00, end: 2024-11-01T12:00, invite: [{person: eero}, {person: regina}]}\n"),
        ])
        #expect(plan.events.map(\.id) == ["roundtable", "helsinki-talk"])
        #expect(plan.people.last?.id == "eero")
        #expect(plan.locations[.event("helsinki-talk")]?.file == "plan/people-fi.yaml")
        #expect(plan.locations[.event("helsinki-talk")]?.line == 4)
    }

    @Test func anIdDeclaredInTwoFilesNamesBothPlaces() {
        let found = Self.problems([
            ("plan.yaml", Self.main),
            ("plan/a.yaml", "events:\n" + Self.event),
            ("plan/b.yaml", "# the same event again\nevents:\n" + Self.event),
        ])
        #expect(found.map(\.description) == ["""
            plan/b.yaml:3:10: error: duplicate id 'roundtable' (first declared at plan/a.yaml:2:10)
                fix: ids must be unique across the plan; rename one of them
            """], "\(found)")
    }

    @Test func everyFileIsCheckedAndProblemsComeInFileOrder() {
        let found = Self.problems([
            ("plan.yaml", Self.main + "events:\n  - {id: a, kind: roundtable, title: A, venue: kampalla, start: 2024-10-15T09:00, end: 2024-10-15T16:00}\n"),
            ("plan/a.yaml", "workspace: elsewhere\nevents:\n  - {id: b, kind: roundtable, title: B, venue: nowhere, start: 2024-10-15T09:00, end: 2024-10-15T16:00}\n"),
            ("plan/b.yaml", "events:\n  - {id: c, kind: roundtable, title: C, venue: kampala, start: 2024-10-15T09:00, end: 2024-10-15T16:00, follows: b}\n"),
        ])
        #expect(found.map(\.location.file) == ["plan.yaml", "plan/a.yaml", "plan/a.yaml"], "\(found)")
        #expect(found[1].message == "unknown key 'workspace' in a plan file")
        #expect(found[2].message.contains("unknown venue 'nowhere'"))
        // A reference keeps only its line and column; its file comes with the references of the
        // file (or piece) that made it: each unknown one is named where it stands, in its own file.
        let column = "  - {id: b, kind: roundtable, title: B, venue: ".count + 1
        #expect(found[2].location == SourceLocation(file: "plan/a.yaml", line: 3, column: column), "\(found)")
        #expect(found[0].location == SourceLocation(file: "plan.yaml", line: Self.main.split(separator: "\n", omittingEmptySubsequences: false).count + 1,
                                                    column: column), "\(found)")
    }

    @Test func syntaxErrorsOfEveryFileAreReportedWithTheirOwnPositions() {
        let found = Self.problems([
            ("plan.yaml", Self.main),
            ("plan/a.yaml", "events:\n  - id: a\n   kind: x\n"),
            ("plan/b.yaml", "events:\n  - {id: b, kind: [x}\n"),
        ])
        #expect(found.map(\.location.file) == ["plan/a.yaml", "plan/b.yaml"], "\(found)")
        #expect(found.allSatisfy { $0.location.line > 1 && $0.message.hasPrefix("YAML syntax") }, "\(found)")
    }

    /// On disk: `plan.yaml`, then `plan/**/*.yaml` in path order; hidden files and other
    /// extensions are left out.
    @Test func theFilesOfAWorkspaceAreFoundInPathOrder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("convene-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in [("plan.yaml", Self.main), ("plan/ug/b.yaml", "events:\n" + Self.event), ("plan/a.yaml", "venues: []\n"),
                             ("plan/.draft.yaml", "nonsense: ["), ("plan/notes.txt", "not yaml"), ("plan/Z.yaml", "")] {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        let files = try PlanLoader.files(in: folder).map { String($0.path.dropFirst(folder.path.count + 1)) }
        #expect(files == ["plan.yaml", "plan/Z.yaml", "plan/a.yaml", "plan/ug/b.yaml"])
        let plan = try PlanLoader().load(workspace: folder)
        #expect(plan.events.map(\.id) == ["roundtable"])
    }
}
