import Foundation
import Testing
@testable import ConveneCore

/// The record files list their keys in byte (code point) order of their UTF-8, whatever the keys:
/// the comparison made in place agrees with the UTF-8 views' own, pair by pair.
@Suite("Records: keys in byte order")
struct RecordKeyOrderTests {
    static let keys = ["", "a", "ab", "b", "e-1", "e-10", "e-2", "Z", "z", "é", "e\u{301}", "ü-event", "\u{1F600}",
                       "an-event-id-longer-than-fifteen-bytes", "an-event-id-longer-than-fifteen-bytez", "日本", "a\u{0}b",
                       NSString(string: "a-bridged-string-from-foundation") as String]

    @Test func everyPairIsOrderedAsTheirUTF8Is() {
        for a in Self.keys {
            for b in Self.keys {
                #expect(a.precedesInUTF8(b) == a.utf8.lexicographicallyPrecedes(b.utf8), "\(a.debugDescription) < \(b.debugDescription)")
            }
        }
    }
}
