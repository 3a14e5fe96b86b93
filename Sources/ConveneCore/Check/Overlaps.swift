/// Overlapping pairs among items with time spans, found by sorting and sweeping (no all-pairs scan).
enum Overlaps {
    /// Every pair `(a, b)` whose spans overlap, `a` starting no later than `b`.
    static func pairs<T>(_ items: [T], span: (T) -> TimeSpan) -> [(T, T)] {
        let sorted = items.sorted { span($0) < span($1) }
        var open: [T] = []
        var result: [(T, T)] = []
        for item in sorted {
            let current = span(item)
            open.removeAll { span($0).end <= current.start }
            for earlier in open where span(earlier).overlaps(current) { result.append((earlier, item)) }
            open.append(item)
        }
        return result
    }
}
