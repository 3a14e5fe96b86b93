import Foundation

/// Finds overlapping pairs among time spans by sorting and sweeping, never by comparing all pairs.
///
/// Two spans overlap when `a.start < b.end && b.start < a.end` (the rule of `TimeSpan.overlaps`):
/// spans that only touch do not overlap, a zero-length span overlaps a span that strictly contains
/// its instant, and two identical spans of positive length overlap. A span whose end lies before its
/// start is treated as zero length.
///
/// Spans are sorted by `(start, end)` and swept in that order with a min-heap of the ends of the
/// spans still open: counting costs O(n log n); listing costs O(n log n + pairs). Grouped counts of
/// 100 000 spans or more sweep half of the groups on a second thread.
///
/// The grouped forms count or list only pairs whose members share a group (for example the same
/// attendee): pass dense non-negative group numbers (0, 1, 2, ...), such as interned identifiers.
public enum OverlapSweep {
    // MARK: One group

    /// The number of overlapping pairs among `spans`.
    public static func countPairs(_ spans: [TimeSpan]) -> Int {
        countPairs(spans, groups: [Int](repeating: 0, count: spans.count))
    }

    /// Every overlapping pair among `spans`, by position, in sweep order of the later member.
    public static func pairIndices(_ spans: [TimeSpan]) -> [OverlapPair] {
        pairIndices(spans, groups: [Int](repeating: 0, count: spans.count))
    }

    /// Every pair of `items` whose spans overlap; in each pair the first item starts no later.
    public static func pairs<T>(_ items: [T], span: (T) -> TimeSpan) -> [(T, T)] {
        pairIndices(items.map(span)).map { (items[$0.first], items[$0.second]) }
    }

    // MARK: Groups

    /// The number of overlapping pairs among `spans` whose members have the same group.
    ///
    /// - Parameters:
    ///   - spans: the spans, in any order.
    ///   - groups: the group of each span (same count as `spans`), non-negative; dense numbers
    ///     are fastest.
    public static func countPairs(_ spans: [TimeSpan], groups: [Int]) -> Int {
        var sorted = SortedGroups(spans: spans, groups: groups)
        // Large inputs: two halves of the groups, sorted and swept on two threads.
        let halves = spans.count >= 100_000 ? sorted.split(into: 2) : [sorted.ranges]
        return sorted.entries.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedEntries(buffer: buffer)
            return Parallel.map(halves) { ranges -> Int in
                var open = MinHeap<UnixSeconds>()
                var total = 0
                for range in ranges {
                    shared.sort(range)
                    open.removeAll()
                    for i in range {
                        let entry = shared.buffer[i]
                        while let end = open.first, end <= entry.start { open.popFirst() }
                        total += open.count
                        open.push(entry.end)
                    }
                }
                return total
            }.reduce(0, +)
        }
    }

    /// Every overlapping pair among `spans` whose members have the same group, by position.
    ///
    /// Pairs come group by group (in increasing group number), ordered by the later member's
    /// place in the sweep; `first` starts no later than `second`.
    public static func pairIndices(_ spans: [TimeSpan], groups: [Int]) -> [OverlapPair] {
        var sorted = SortedGroups(spans: spans, groups: groups)
        var open = MinHeap<OpenSpan>()
        var result: [OverlapPair] = []
        for range in sorted.ranges {
            sorted.sort(range)
            open.removeAll()
            for i in range {
                let entry = sorted.entries[i]
                while let earliest = open.first, earliest.end <= entry.start { open.popFirst() }
                for earlier in open.storage {
                    result.append(OverlapPair(first: earlier.index, second: entry.index))
                }
                open.push(OpenSpan(end: entry.end, index: entry.index))
            }
        }
        return result
    }

    /// Every pair of `items` in the same group whose spans overlap; in each pair the first item
    /// starts no later.
    public static func pairs<T, Group: Hashable>(
        _ items: [T], groupedBy group: (T) -> Group, span: (T) -> TimeSpan
    ) -> [(T, T)] {
        var numbers: [Group: Int] = [:]
        let groups = items.map { item -> Int in
            let key = group(item)
            if let number = numbers[key] { return number }
            let number = numbers.count
            numbers[key] = number
            return number
        }
        return pairIndices(items.map(span), groups: groups).map { (items[$0.first], items[$0.second]) }
    }
}

/// A span still open during the sweep, ordered by its end.
private struct OpenSpan: Comparable {
    var end: UnixSeconds
    var index: Int

    static func < (a: Self, b: Self) -> Bool { a.end < b.end }
}

/// One span ready for the sweep: its end clamped to be no earlier than its start.
private struct SweepEntry {
    var start: UnixSeconds
    var end: UnixSeconds
    var index: Int
}

/// The sweep's entries, shared by threads that each sort and read their own buckets only.
private final class SharedEntries: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<SweepEntry>
    init(buffer: UnsafeMutableBufferPointer<SweepEntry>) { self.buffer = buffer }
    func sort(_ range: Range<Int>) { SortedGroups.sort(buffer, range) }
}

/// Spans bucketed by group (a counting sort); each bucket is sorted by `(start, end)` when swept.
private struct SortedGroups {
    var entries: [SweepEntry]
    /// The entries of each non-empty group, as ranges into `entries`.
    var ranges: [Range<Int>]

    init(spans: [TimeSpan], groups rawGroups: [Int]) {
        precondition(spans.count == rawGroups.count, "one group per span")
        let n = spans.count
        let groups = SortedGroups.dense(rawGroups)
        let groupCount = (groups.max() ?? -1) + 1

        // Counting sort by group: offsets[g] is where group g begins.
        var offsets = [Int](repeating: 0, count: groupCount + 1)
        for g in groups { offsets[g + 1] += 1 }
        for g in 0..<groupCount { offsets[g + 1] += offsets[g] }
        var next = offsets
        var entries = [SweepEntry](repeating: SweepEntry(start: 0, end: 0, index: 0), count: n)
        for i in 0..<n {
            let g = groups[i]
            let span = spans[i]
            entries[next[g]] = SweepEntry(start: span.start, end: max(span.start, span.end), index: i)
            next[g] += 1
        }

        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(groupCount)
        for g in 0..<groupCount where offsets[g] < offsets[g + 1] { ranges.append(offsets[g]..<offsets[g + 1]) }
        self.entries = entries
        self.ranges = ranges
    }

    /// Sorts one bucket by `(start, end)`; equal spans may come in either order (both orders give
    /// the same pairs).
    mutating func sort(_ range: Range<Int>) {
        entries.withUnsafeMutableBufferPointer { SortedGroups.sort($0, range) }
    }

    static func sort(_ buffer: UnsafeMutableBufferPointer<SweepEntry>, _ range: Range<Int>) {
        buffer[range].sort { $0.start != $1.start ? $0.start < $1.start : $0.end < $1.end }
    }

    /// The buckets cut into `parts` runs of about the same number of entries.
    func split(into parts: Int) -> [[Range<Int>]] {
        var result = [[Range<Int>]](repeating: [], count: parts)
        let share = max(1, entries.count / parts)
        for range in ranges { result[min(parts - 1, range.lowerBound / share)].append(range) }
        return result
    }

    /// The groups renumbered densely when they are too sparse to bucket directly.
    private static func dense(_ groups: [Int]) -> [Int] {
        guard let highest = groups.max() else { return groups }
        precondition(groups.allSatisfy { $0 >= 0 }, "groups must be non-negative")
        if highest < 2 * groups.count + 1024 { return groups }
        var numbers: [Int: Int] = [:]
        return groups.map { g in
            if let number = numbers[g] { return number }
            let number = numbers.count
            numbers[g] = number
            return number
        }
    }
}
