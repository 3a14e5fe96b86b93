import Foundation
import Testing
@testable import ConveneCore

/// `trimmed` skips Foundation when both ends are visible ASCII: it must give what Foundation's
/// `trimmingCharacters(in:)` gives for every text, whatever its ends.
@Suite("Trimmed text, as Foundation trims it")
struct TrimmedTextTests {
    static let ends = ["", "a", "~", "é", " ", "\t", "\n", "\r\n", "\u{A0}", "\u{2003}", "\u{2028}", "\u{85}", "\u{3000}", "\u{200B}", "🌍"]

    @Test(arguments: [CharacterSet.whitespaces, .whitespacesAndNewlines])
    func everyEndIsTrimmedAsFoundationTrimsIt(set: CharacterSet) {
        for head in Self.ends {
            for tail in Self.ends {
                for middle in ["", "x", "FREQ=DAILY;COUNT=2", "two words", " "] {
                    let text = head + middle + tail
                    #expect(text.trimmed(set) == text.trimmingCharacters(in: set), "\(text.debugDescription)")
                    #expect(text[...].trimmed(set) == text.trimmingCharacters(in: set), "substring \(text.debugDescription)")
                }
            }
        }
    }
}
