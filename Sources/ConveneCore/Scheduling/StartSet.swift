/// A set of candidate start positions on a ``SlotGrid``, one bit per quarter-hour.
///
/// Every constraint of the scheduler (a person's bookings, the venue's, a blackout, working hours)
/// becomes one of these; a slot is feasible where all of them are set. Setting a range costs one
/// word per 64 starts, so building a set from `n` busy intervals is linear in `n`.
public struct StartSet: Sendable, Hashable {
    /// How many starts the set ranges over (positions `0..<count`).
    public let count: Int
    private(set) var words: [UInt64]

    /// An empty set, or a full one with `filled`.
    public init(count: Int, filled: Bool = false) {
        self.count = max(0, count)
        words = Array(repeating: filled ? ~0 : 0, count: (self.count + 63) / 64)
        if filled { clearTail() }
    }

    /// Whether position `i` is in the set.
    public func contains(_ i: Int) -> Bool {
        guard i >= 0, i < count else { return false }
        return words[i >> 6] & (1 << UInt64(i & 63)) != 0
    }

    /// Adds every position of `range` (clamped to the set).
    public mutating func insert(_ range: Range<Int>) { update(range, set: true) }

    /// Removes every position of `range` (clamped to the set).
    public mutating func remove(_ range: Range<Int>) { update(range, set: false) }

    private mutating func update(_ range: Range<Int>, set: Bool) {
        let lower = max(0, range.lowerBound), upper = min(count, range.upperBound)
        guard lower < upper else { return }
        let first = lower >> 6, last = (upper - 1) >> 6
        for w in first...last {
            var mask: UInt64 = ~0
            if w == first { mask &= ~0 << UInt64(lower & 63) }
            if w == last, upper & 63 != 0 { mask &= (1 << UInt64(upper & 63)) - 1 }
            if set { words[w] |= mask } else { words[w] &= ~mask }
        }
    }

    /// How many positions are in the set.
    public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether no position is in the set.
    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    /// How many positions of `range` are in the set.
    public func cardinality(in range: Range<Int>) -> Int {
        let lower = max(0, range.lowerBound), upper = min(count, range.upperBound)
        guard lower < upper else { return 0 }
        let first = lower >> 6, last = (upper - 1) >> 6
        var total = 0
        for w in first...last {
            var mask: UInt64 = ~0
            if w == first { mask &= ~0 << UInt64(lower & 63) }
            if w == last, upper & 63 != 0 { mask &= (1 << UInt64(upper & 63)) - 1 }
            total += (words[w] & mask).nonzeroBitCount
        }
        return total
    }

    /// The positions in the set, in increasing order.
    public var positions: [Int] {
        var result: [Int] = []
        result.reserveCapacity(cardinality)
        forEach { result.append($0) }
        return result
    }

    /// Calls `body` with each position in the set, in increasing order.
    public func forEach(_ body: (Int) -> Void) {
        for (w, word) in words.enumerated() {
            var bits = word
            while bits != 0 {
                body(w << 6 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// Positions in both sets.
    public static func & (a: StartSet, b: StartSet) -> StartSet {
        var result = a
        result.formIntersection(b)
        return result
    }

    /// Positions in either set.
    public static func | (a: StartSet, b: StartSet) -> StartSet {
        var result = a
        result.formUnion(b)
        return result
    }

    /// Positions not in the set.
    public static prefix func ~ (a: StartSet) -> StartSet {
        var result = a
        for w in result.words.indices { result.words[w] = ~result.words[w] }
        result.clearTail()
        return result
    }

    /// Keeps only the positions also in `other` (a set over the same grid).
    public mutating func formIntersection(_ other: StartSet) {
        precondition(count == other.count, "start sets of different grids")
        for w in words.indices { words[w] &= other.words[w] }
    }

    /// Adds the positions of `other` (a set over the same grid).
    public mutating func formUnion(_ other: StartSet) {
        precondition(count == other.count, "start sets of different grids")
        for w in words.indices { words[w] |= other.words[w] }
    }

    /// Removes the positions that are in `other`.
    public mutating func subtract(_ other: StartSet) {
        precondition(count == other.count, "start sets of different grids")
        for w in words.indices { words[w] &= ~other.words[w] }
    }

    private mutating func clearTail() {
        if count & 63 != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(count & 63)) - 1 }
    }
}
