import Foundation
import Testing
@testable import ConveneCore

/// A large file with cores to spare is read on several threads: libyaml parses on one while the
/// events are composed on another, and its long lists are decoded in pieces on every core, merged
/// back as the files of a plan are. These tests hold that way to the one-thread way: the same plan,
/// the same problems at the same places, whichever piece a duplicate id or a reference falls in.
@Suite("Plan: a large file read on every core")
struct PlanLargeFileTests {
    static let people = 4_200, events = 4_600

    /// PlanFixtures' header, 4 200 more people and 4 600 events (both lists longer than a piece),
    /// with `change` applied to the lines of the events (by index) before they are joined.
    static func text(events change: (inout [String]) -> Void = { _ in }, people changePeople: (inout [String]) -> Void = { _ in }) -> String {
        var people = (0..<Self.people).map {
            "  - {id: p\($0), name: Person \($0), email: p\($0)@test.example, organisation: nansana, timezone: Africa/Kampala}"
        }
        changePeople(&people)
        var events = (0..<Self.events).map {
            "  - {id: e\($0), kind: roundtable, title: Dialogue \($0), venue: kampala, start: 2027-01-05T09:00, end: 2027-01-05T12:00, "
                + "invite: [{person: p\($0 % Self.people)}, {person: regina}, {organisation: ug-nctc}]}"
        }
        change(&events)
        // The extra people join the header's `people:` list (a second `people:` key is a duplicate).
        let header = PlanFixtures.header.replacingOccurrences(of: "venues:\n", with: people.joined(separator: "\n") + "\nvenues:\n")
        return header + "events:\n" + events.joined(separator: "\n") + "\n"
    }

    /// The loader's verdict on `text` read in one piece on one thread, and read on every core
    /// (its events decoded while the rest is composed, in pieces of the default size and of 97).
    static func bothWays(_ text: String) -> [Result<Plan, InputError>] {
        [(Int.max, PlanLoader().earlyPiece), (1, PlanLoader().earlyPiece), (1, 97)].map { largeFile, earlyPiece in
            var loader = PlanLoader()
            loader.largeFile = largeFile
            loader.earlyPiece = earlyPiece
            do { return .success(try loader.parse(text, file: "plan.yaml")) } catch let error as InputError { return .failure(error) } catch {
                Issue.record("unexpected \(error)")
                return .failure(InputError([]))
            }
        }
    }

    @Test func aLargePlanReadOnEveryCoreIsThePlanReadOnOneThread() throws {
        // A follow-up that names an event of a later piece, and an invitation of a person declared
        // far above: both resolve, wherever the pieces are cut.
        let text = Self.text(events: { $0[50] = $0[50].replacingOccurrences(of: "venue: kampala", with: "venue: kampala, follows: e4500") })
        let plans = try Self.bothWays(text).map { try $0.get() }
        #expect(plans[0].events.count == Self.events && plans[0].people.count == Self.people + 6)
        #expect(plans[0] == plans[1])
        #expect(plans[0] == plans[2])
        #expect(plans[1].events[50].followsID == "e4500")
        #expect(plans[0].locations == plans[1].locations)

        // The decoder itself: in pieces when there are cores to spare, each piece's references kept.
        let tree = try YAMLTree.compose(text, aliasBudget: 100_000_000)
        var one = PlanDecoder(file: "plan.yaml"), pieces = PlanDecoder(file: "plan.yaml")
        #expect(one.decode(try #require(tree.root), main: true)?.events == pieces.decode(try #require(tree.root), main: true, spareCores: true)?.events)
        if Parallel.cores > 1 { #expect(pieces.mergedReferences.count > 1, "decoded in pieces") }
    }

    @Test func problemsInAnyPieceAreFoundAndNamedAsOnOneThread() throws {
        let text = Self.text(events: { events in
            events[4_400] = events[4_400].replacingOccurrences(of: "id: e4400,", with: "id: e100,")       // an id of an earlier piece
            events[4_500] = events[4_500].replacingOccurrences(of: "{person: regina}", with: "{person: nobody}")
            events[4_599] = events[4_599].replacingOccurrences(of: "venue: kampala", with: "venue: kampala, follows: e9999")
        }, people: { people in
            people[4_100] = people[4_100].replacingOccurrences(of: "id: p4100,", with: "id: p3,")         // a person twice
        })
        let verdicts = Self.bothWays(text)
        var problems: [[String]] = []
        for verdict in verdicts {
            guard case .failure(let error) = verdict else { Issue.record("the plan was accepted"); return }
            problems.append(error.diagnostics.map(\.description))
        }
        #expect(problems[0] == problems[1])
        #expect(problems[0] == problems[2])
        let all = problems[0].joined(separator: "\n")
        #expect(all.contains("duplicate id 'e100' (first declared at plan.yaml:"), "\(all)")
        #expect(all.contains("duplicate id 'p3' (first declared at plan.yaml:"), "\(all)")
        #expect(all.contains("'nobody'"), "\(all)")
        #expect(all.contains("'e9999'"), "\(all)")
        #expect(all.contains("names unknown person 'p4100'"), "\(all)")  // the invitation of the person renamed
        #expect(problems[0].count == 5, "\(all)")
    }

    @Test func aPieceTheWorkerIsStillDecodingWhenTheEventsAreAskedForIsFinishedElsewhere() throws {
        // One piece of 4 000 events (a tenth of a second of decoding at the lowest priority) and
        // 600 more: the events are asked for as soon as the last 600 are composed, most likely
        // with the worker inside its piece, whose rest is then decoded on every core.
        let text = Self.text(events: { $0[3_999] = $0[3_999].replacingOccurrences(of: "{person: regina}", with: "{person: nobody}") })
        var loader = PlanLoader()
        (loader.largeFile, loader.earlyPiece) = (1, 4_000)
        var oneThread = PlanLoader()
        oneThread.largeFile = Int.max
        for _ in 0..<3 {
            let problems = [loader, oneThread].map { loader -> [String] in
                do {
                    _ = try loader.parse(text, file: "plan.yaml")
                    return []
                } catch let error as InputError {
                    return error.diagnostics.map(\.description)
                } catch {
                    return ["\(error)"]
                }
            }
            #expect(problems[0] == problems[1])
            #expect(problems[0].count == 1 && problems[0].first?.contains("'nobody'") == true, "\(problems[0])")
        }
        let plan = try loader.parse(Self.text(), file: "plan.yaml")
        #expect(plan == (try oneThread.parse(Self.text(), file: "plan.yaml")))
    }

    @Test func eventsAreHandedOverInPiecesWhileTheFileIsComposedAndTheTreeIsTheSame() throws {
        let text = Self.text()
        let handed = HandedPieces()
        let pieces = YAMLListPieces(keys: ["events"], size: 1000) { handed.add($0) }
        let pipelined = try YAMLTree.compose(text, aliasBudget: 100_000_000, pipelined: true, listPieces: pieces)
        let whole = try YAMLTree.compose(text, aliasBudget: 100_000_000)
        #expect(pipelined.entries == whole.entries && pipelined.texts == whole.texts && pipelined.children == whole.children)
        // Four full pieces of the 4 600 events (the last 600 are read from the whole tree), each
        // item the same mapping, at the same place, as in the whole tree.
        let list = try #require(whole.root?.value(forKey: "events")?.items)
        #expect(handed.pieces.map(\.firstItem) == [0, 1000, 2000, 3000])
        for piece in handed.pieces {
            #expect(piece.list == whole.root?.value(forKey: "events")?.index)
            for (offset, item) in piece.items.enumerated() {
                let original = list[piece.firstItem + offset]
                #expect(item.line == original.line && item.column == original.column)
                #expect(item.value(forKey: "id")?.text == original.value(forKey: "id")?.text)
                #expect(item.value(forKey: "invite")?.items?.count == 3)
            }
        }
    }

    @Test func anAliasToANodeBeforeItsPieceStopsTheHandingOverAndThePlanIsTheSame() throws {
        // An anchored invitation list in an early event, repeated by an event of a later piece
        // (and one in the same piece): that piece's tree would not hold it.
        let text = Self.text(events: { events in
            events[10] = events[10].replacingOccurrences(of: "invite: [", with: "invite: &core [")
            events[20] = events[20].replacingOccurrences(of: #"invite: \[.*\]\}$"#, with: "invite: *core}", options: .regularExpression)
            events[3_000] = events[3_000].replacingOccurrences(of: #"invite: \[.*\]\}$"#, with: "invite: *core}", options: .regularExpression)
        })
        let handed = HandedPieces()
        _ = try YAMLTree.compose(text, aliasBudget: 100_000_000, pipelined: true,
                                 listPieces: YAMLListPieces(keys: ["events"], size: 1000) { handed.add($0) })
        #expect(handed.pieces.map(\.firstItem) == [0, 1000, 2000], "the piece holding event 3000 is not handed over")
        let plans = try Self.bothWays(text).map { try $0.get() }
        #expect(plans[0] == plans[1] && plans[0] == plans[2])
        #expect(plans[2].events[3_000].invitations == plans[2].events[10].invitations)
    }
}

/// The pieces a composer handed over, in order.
private final class HandedPieces: @unchecked Sendable {
    private let lock = NSLock()
    private var handed: [YAMLListPiece] = []
    func add(_ piece: YAMLListPiece) { lock.withLock { handed.append(piece) } }
    var pieces: [YAMLListPiece] { lock.withLock { handed } }
}
