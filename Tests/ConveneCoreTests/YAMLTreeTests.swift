import Foundation
import Testing
import Yams
@testable import ConveneCore

/// The plan reader composes libyaml's events itself (``YAMLTree``) instead of building Yams'
/// `Node`s: these tests hold it to Yams, node by node and error by error, on the repository's
/// plans and on malformed texts, so that the two cannot drift apart.
@Suite("YAML tree, composed as Yams composes")
struct YAMLTreeTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every `.yaml` plan in the repository (samples, fixtures, benchmarks' inputs).
    static func planFiles() throws -> [URL] {
        var found: [URL] = []
        for folder in ["Calendars", "Tests/conveneTests/Fixtures/plans", "docs"] {
            let root = repository.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where url.pathExtension == "yaml" { found.append(url) }
        }
        return found
    }

    static func compose(_ text: String, pipelined: Bool = false) throws -> YAMLNode? {
        try YAMLTree.compose(text, aliasBudget: 1_000_000, pipelined: pipelined).root
    }

    /// Walks both trees together; returns the first difference (kind, text, line, column, tag).
    static func difference(_ ours: YAMLNode, _ yams: Node, path: String = "") -> String? {
        guard let mark = yams.mark, (ours.line, ours.column) == (mark.line, mark.column) else {
            return "\(path): at \(ours.line):\(ours.column), Yams at \(yams.mark.map(\.description) ?? "?")"
        }
        switch yams {
        case .scalar(let scalar):
            guard let text = ours.text, text == scalar.string else { return "\(path): '\(ours.text ?? "not a scalar")' vs '\(scalar.string)'" }
            guard ours.yamsScalar == scalar else { return "\(path): tag differs for '\(text)'" }
            return nil
        case .sequence(let items):
            guard let mine = ours.items, mine.count == items.count else { return "\(path): sequence of \(ours.items?.count ?? -1) vs \(items.count)" }
            for (index, pair) in zip(mine, items).enumerated() {
                if let found = difference(pair.0, pair.1, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case .mapping(let pairs):
            guard let mine = ours.pairs, mine.count == pairs.count else { return "\(path): mapping of \(ours.pairs?.count ?? -1) vs \(pairs.count)" }
            for (index, (a, b)) in zip(mine, Array(pairs)).enumerated() {
                if let found = difference(a.key, b.key, path: "\(path).key\(index)") ?? difference(a.value, b.value, path: "\(path).\(b.key.string ?? "?")") {
                    return found
                }
            }
            return nil
        case .alias:
            return "\(path): Yams kept an alias"
        }
    }

    @Test func everyPlanInTheRepositoryComposesAsYamsComposesIt() throws {
        let files = try Self.planFiles()
        #expect(files.count >= 5, "\(files)")
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let yams = try Yams.compose(yaml: text, .basic)
            for pipelined in [false, true] {
                let ours = try Self.compose(text, pipelined: pipelined)
                #expect((yams == nil) == (ours == nil), "\(file.path)")
                if let yams, let ours {
                    let found = Self.difference(ours, yams)
                    #expect(found == nil, "\(file.lastPathComponent), pipelined \(pipelined): \(found ?? "")")
                }
            }
        }
    }

    /// Scalars of every style, tags, anchors and aliases, flow and block collections, complex
    /// keys, NEL and line separators, escapes, comments, a document marker.
    @Test func tricksOfTheSyntaxComposeAsYamsComposesThem() throws {
        let text = """
            %YAML 1.1
            ---
            plain: yes
            "quoted": 'single ''quoted'''
            tagged: !!str 12
            int: !!int "7"
            folded: >-
              one
              two
            literal: |
              line 1
               line 2
            escapes: "tab\\there\\u00e9\\x41 \\N"
            flow: {a: [1, 2, {b: c}], d: ~}
            anchors: &base {x: 1, y: [&y 2, 3]}
            uses: [*base, *y, *base]
            ? [complex, key]
            : value
            nel: "a\u{85}b"
            sep: "a\u{2028}b"
            empty:
            multi word key: ünïcödé 🌍 text # a comment
            """
        let yams = try #require(try Yams.compose(yaml: text, .basic))
        let ours = try #require(try Self.compose(text))
        let found = Self.difference(ours, yams)
        #expect(found == nil, "\(found ?? "")")
        #expect(ours.pairs?.first { $0.key.text == "plain" }?.value.flag == true)
        #expect(ours.pairs?.first { $0.key.text == "quoted" }?.value.flag == nil)
    }

    /// What Yams refuses is refused with the same message, line and column.
    @Test(arguments: [
        "a: 1\n\tb: 2\n",                       // a tab where indentation is
        "a: [1, 2\nb: 3\n",                      // an unclosed flow sequence
        "a: 1\n  b: 2\n",                        // a mapping where a value was
        "a: 1\nb: 2\na: 3\n",                    // a key written twice
        "x: {k: 1, j: 2, k: 3, j: 4}\n",         // two keys written twice
        "a: *nowhere\n",                         // an undefined alias
        "a: 1\n---\nb: 2\n",                     // a second document
        "a: \"open\n",                           // an unclosed quote
        "a: b: c\n",                             // a mapping value in a plain scalar
        "a: 1\nb: x\u{1}y\n",                    // a control character
        "- a\n- b\nc: d\n",                      // a key after a sequence
        "a: &x 1\nb: *x\nc: &y [*x\n",           // an unclosed sequence after anchors
        "\u{FEFF}a: 1\n\u{FFFE}\n",              // a non-character after a byte-order mark
        "[1, 2]]\n",                             // one bracket too many
        // A mapping large enough to be indexed, three of its keys written twice.
        "x: {" + (0..<40).map { "k\($0): 1" }.joined(separator: ", ") + ", k7: 2, k30: 2, k12: 2, \"k7\": 3}\n",
    ])
    func aTextYamsRefusesIsRefusedAtYamsPlace(text: String) throws {
        var yamsError: YamlError?
        do { _ = try Yams.compose(yaml: text, .basic) } catch let error as YamlError { yamsError = error }
        let expected = try #require(yamsError, "Yams reads \(text.debugDescription)")
        let theirs = Diagnostic(yaml: expected, file: "plan.yaml", text: text)
        for pipelined in [false, true] {
            var ourProblem: YAMLProblem?
            do { _ = try YAMLTree.compose(text, aliasBudget: 1_000, pipelined: pipelined) } catch { ourProblem = error }
            let found = try #require(ourProblem, "composed \(text.debugDescription), pipelined \(pipelined)")
            let ours = Diagnostic(yaml: found, file: "plan.yaml")
            #expect(ours == theirs, "pipelined \(pipelined): ours \(ours)\nYams \(theirs)")
        }
    }

    /// A large file is parsed by libyaml on a thread of its own while it is composed: the tree and
    /// every problem are the same as on one thread, wherever in the stream the problem is (the
    /// parser runs batches ahead of the composer, and must stop and let go of them).
    @Test func aLargeTextComposesAlikeWhenParsedOnAThreadOfItsOwn() throws {
        let items = (0..<12_000).map { "  - {id: event-\($0), title: \"Dialogue \($0)\", invite: [{person: p\($0 % 97)}, {organisation: o\($0 % 13)}]}" }
        let text = "events:\n" + items.joined(separator: "\n") + "\n"
        let inline = try YAMLTree.compose(text, aliasBudget: 10_000_000)
        let pipelined = try YAMLTree.compose(text, aliasBudget: 10_000_000, pipelined: true)
        #expect(inline.entries.count > 10 * 1024 * 8, "more events than the batches that may wait")
        #expect(inline.entries == pipelined.entries)
        #expect(inline.texts == pipelined.texts)
        #expect(inline.children == pipelined.children)
        #expect(inline.rootIndex == pipelined.rootIndex)

        // A key written twice, found by the composer early on; a control character, refused by
        // libyaml's reader; a flow sequence left open at the end (libyaml finds out on the line after).
        let cases = [(3, "  - {id: a, id: b}", 5), (9_000, "  - {id: x\u{1}y}", 9_002), (11_999, "  - [unclosed", 12_002)]
        for (index, line, expectedLine) in cases {
            var lines = items
            lines[index] = line
            let text = "events:\n" + lines.joined(separator: "\n") + "\n"
            var problems: [String] = []
            for pipelined in [false, true] {
                do { _ = try YAMLTree.compose(text, aliasBudget: 10_000_000, pipelined: pipelined); Issue.record("accepted line \(index + 2)") } catch {
                    problems.append("\(error.stage) \(error.problem) \(error.line):\(error.column)")
                    #expect(error.line == expectedLine, "\(error)")
                }
            }
            #expect(problems.count == 2 && problems[0] == problems[1], "\(problems)")
        }
    }

    @Test func nestingAndAliasExpansionAreRefusedWhereTheyRunOver() throws {
        // Lists in lists, one `- ` each: refused by the composer at the first list too deep.
        let deep = "a:\n  " + String(repeating: "- ", count: 100_000) + "x\n"
        do { _ = try YAMLTree.compose(deep, aliasBudget: 1_000_000); Issue.record("accepted") } catch {
            guard case .tooDeep = error.stage else { Issue.record("\(error)"); return }
            #expect((error.line, error.column) == (2, 3 + 2 * (YAMLTree.maximumDepth - 1)), "\(error)")
        }
        // 100 000 `[` on one line: libyaml's own limit (1000) comes first, said the same way.
        let flow = "a: " + String(repeating: "[", count: 100_000) + "\n"
        do { _ = try YAMLTree.compose(flow, aliasBudget: 1_000_000); Issue.record("accepted") } catch {
            guard case .tooDeep = error.stage else { Issue.record("\(error)"); return }
            #expect(error.line == 1, "\(error)")
        }
        let bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: &c [*b, *b, *b, *b]\nd: [*c, *c, *c, *c]\n"
        #expect(try YAMLTree.compose(bomb, aliasBudget: 457).root != nil, "the document expands to 457 values (d alone to 341)")
        do { _ = try YAMLTree.compose(bomb, aliasBudget: 300) } catch {
            guard case .aliasBudget(300) = error.stage else { Issue.record("\(error)"); return }
            #expect((error.line, error.column) == (4, 4), "\(error)")
        }
    }
}
