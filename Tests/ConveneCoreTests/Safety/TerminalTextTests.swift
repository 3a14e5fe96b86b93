import Testing
@testable import ConveneCore

/// Messages that quote a huge value back (a 10 MB unknown key) stay short.
@Suite("Safety: long words in messages")
struct TerminalTextTests {
    @Test func aHugeWordIsShownByItsEndsAndLength() {
        let huge = "'" + String(repeating: "k", count: 10_000_000) + "z'"
        let message = "plan.yaml:21:3: error: unknown key \(huge)\n    fix: allowed keys: workspace, people"
        let shown = TerminalText.shortenedWords(message)
        #expect(shown == "plan.yaml:21:3: error: unknown key '" + String(repeating: "k", count: 59) + "…(10000003 bytes)…"
                + String(repeating: "k", count: 10) + "z'\n    fix: allowed keys: workspace, people")
    }

    @Test func ordinaryMessagesAreUnchanged() {
        let message = "plan.yaml:3:1: error: unknown person 'grace-hoper'\n    fix: did you mean 'grace-hopper'? " + String(repeating: "é", count: 100)
        #expect(TerminalText.shortenedWords(message) == message)
        let word = String(repeating: "é", count: 100)  // 200 bytes: still whole
        #expect(TerminalText.shortenedWords(word + " " + word) == word + " " + word)
    }
}
