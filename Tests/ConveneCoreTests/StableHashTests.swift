import Testing
@testable import ConveneCore

/// `StableHash.hexes(joining:)` works out many hashes four at a time: each must be the hash of
/// its own pieces, whatever their lengths and however many inputs there are.
@Suite struct StableHashTests {
    /// FNV-1a of "a" and of "foobar" (the published 64-bit test vectors).
    @Test func knownValues() {
        #expect(StableHash.hex("a") == "af63dc4c8601ec8c")
        #expect(StableHash.hex("foobar") == "85944171f73967e8")
        #expect(StableHash.hex("") == "cbf29ce484222325")
    }

    @Test(arguments: [0, 1, 3, 4, 5, 8, 9, 13])
    func sideBySideEqualsOneByOne(count: Int) {
        // Inputs of uneven lengths, in one to three pieces (some empty), so that lanes run out
        // of a piece, and of bytes, at different times.
        var generator = SplitMix(seed: UInt64(count) + 7)
        let inputs: [[[UInt8]]] = (0..<count).map { number in
            (0..<(1 + number % 3)).map { piece in
                let length = piece == 1 && number % 4 == 0 ? 0 : Int(generator.next() % 300)
                return (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            }
        }
        let pointers = inputs.map { pieces in pieces.map { UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(1, $0.count)) } }
        defer { for pieces in pointers { for piece in pieces { piece.deallocate() } } }
        var views: [[UnsafeBufferPointer<UInt8>]] = []
        for (pieces, buffers) in zip(inputs, pointers) {
            views.append(zip(pieces, buffers).map { bytes, buffer in
                _ = buffer.initialize(from: bytes)
                return UnsafeBufferPointer(rebasing: buffer[..<bytes.count])
            })
        }
        let together = StableHash.hexes(joining: views)
        #expect(together.count == count)
        for (index, pieces) in inputs.enumerated() {
            #expect(together[index] == StableHash.hex(pieces.flatMap { $0 }), "input \(index)")
        }
    }
}

/// A small deterministic generator, so that a failure can be replayed.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
