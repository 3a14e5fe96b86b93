/// A stable 64-bit FNV-1a hash, for fingerprints that must not change between runs.
public enum StableHash {
    /// The hash of bytes in memory: one concrete loop, fast from any module.
    public static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        digits(fold(seed, bytes))
    }

    /// The hash of pieces of bytes taken one after another: that of their concatenation, without
    /// making it.
    public static func hex(joining pieces: [UnsafeBufferPointer<UInt8>]) -> String {
        var hash = seed
        for bytes in pieces { hash = fold(hash, bytes) }
        return digits(hash)
    }

    /// `inputs.map { hex(joining: $0) }`, the hashes worked out four at a time: each byte of a
    /// hash waits on the multiplication before it, so four independent hashes side by side keep
    /// the core busy where one leaves it waiting (a 20 000-event export hashes 90 MB).
    public static func hexes(joining inputs: [[UnsafeBufferPointer<UInt8>]]) -> [String] {
        var hashes = [UInt64](repeating: seed, count: inputs.count)
        // Inputs of about the same length side by side, so that the four run out together.
        let order = inputs.indices.sorted { length(inputs[$0]) < length(inputs[$1]) }
        var first = 0
        while first + 4 <= order.count {
            var lanes = (0..<4).map { Lane(pieces: inputs[order[first + $0]]) }
            var (h0, h1, h2, h3) = (seed, seed, seed, seed)
            // Side by side while every lane has bytes left, as many as the shortest piece at hand.
            while lanes.allSatisfy({ !$0.isDone }) {
                let count = lanes.lazy.map(\.available).min()!
                let p0 = lanes[0].next, p1 = lanes[1].next, p2 = lanes[2].next, p3 = lanes[3].next
                for at in 0..<count {
                    h0 = (h0 ^ UInt64(p0[at])) &* prime
                    h1 = (h1 ^ UInt64(p1[at])) &* prime
                    h2 = (h2 ^ UInt64(p2[at])) &* prime
                    h3 = (h3 ^ UInt64(p3[at])) &* prime
                }
                for lane in 0..<4 { lanes[lane].advance(count) }
            }
            for (lane, hash) in [h0, h1, h2, h3].enumerated() { hashes[order[first + lane]] = lanes[lane].rest(from: hash) }
            first += 4
        }
        for index in order[first...] { hashes[index] = inputs[index].reduce(seed, fold) }
        return hashes.map(digits)
    }

    private static func length(_ pieces: [UnsafeBufferPointer<UInt8>]) -> Int { pieces.reduce(0) { $0 + $1.count } }

    /// Where one input of ``hexes(joining:)`` stands: its pieces, and the next byte's place.
    private struct Lane {
        let pieces: [UnsafeBufferPointer<UInt8>]
        var piece = 0, offset = 0

        init(pieces: [UnsafeBufferPointer<UInt8>]) {
            self.pieces = pieces
            skipEmpty()
        }

        var isDone: Bool { piece == pieces.count }
        var available: Int { pieces[piece].count - offset }
        var next: UnsafePointer<UInt8> { pieces[piece].baseAddress! + offset }

        mutating func advance(_ count: Int) {
            offset += count
            skipEmpty()
        }

        private mutating func skipEmpty() {
            while piece < pieces.count && offset == pieces[piece].count { piece += 1; offset = 0 }
        }

        /// `hash` carried on through the bytes left.
        func rest(from hash: UInt64) -> UInt64 {
            guard !isDone else { return hash }
            var hash = StableHash.fold(hash, UnsafeBufferPointer(rebasing: pieces[piece][offset...]))
            for later in pieces[(piece + 1)...] { hash = StableHash.fold(hash, later) }
            return hash
        }
    }

    private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    private static let prime: UInt64 = 0x0000_0100_0000_01B3

    private static func fold(_ start: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= prime
        }
        return hash
    }

    private static func digits(_ hash: UInt64) -> String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    public static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        if let hash = bytes.withContiguousStorageIfAvailable({ hex($0) }) { return hash }
        return Array(bytes).withUnsafeBufferPointer { hex($0) }
    }

    public static func hex(_ text: String) -> String { hex(text.utf8) }
}
