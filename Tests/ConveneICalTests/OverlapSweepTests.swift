import ConveneBenchSupport
import ConveneCore
import Testing

/// The sort-and-sweep pair finder, against hand-made cases and a brute-force count.
@Suite struct OverlapSweepTests {
    private func span(_ start: Int64, _ end: Int64) -> TimeSpan { TimeSpan(start: start, end: end) }

    @Test func touchingEndsDoNotOverlap() {
        #expect(OverlapSweep.countPairs([span(0, 10), span(10, 20), span(20, 30)]) == 0)
        #expect(OverlapSweep.pairIndices([span(10, 20), span(0, 10)]).isEmpty)
    }

    @Test func zeroLengthSpans() {
        // Strictly inside another span: overlaps. At its start or end, or two identical instants: no.
        #expect(OverlapSweep.countPairs([span(0, 10), span(5, 5)]) == 1)
        #expect(OverlapSweep.countPairs([span(0, 10), span(0, 0)]) == 0)
        #expect(OverlapSweep.countPairs([span(0, 0), span(0, 10)]) == 0)
        #expect(OverlapSweep.countPairs([span(0, 10), span(10, 10)]) == 0)
        #expect(OverlapSweep.countPairs([span(7, 7), span(7, 7)]) == 0)
    }

    @Test func identicalSpansOverlap() {
        #expect(OverlapSweep.countPairs([span(0, 10), span(0, 10), span(0, 10)]) == 3)
        let pairs = OverlapSweep.pairIndices([span(0, 10), span(0, 10)])
        #expect(pairs.count == 1)
        #expect(Set([pairs[0].first, pairs[0].second]) == [0, 1])
    }

    @Test func manyOverlapping() {
        let n = 300
        let nested = (0..<n).map { span(Int64($0), Int64(2 * n - $0)) }
        #expect(OverlapSweep.countPairs(nested) == n * (n - 1) / 2)
        #expect(OverlapSweep.pairIndices(nested).count == n * (n - 1) / 2)
        let chain = (0..<n).map { span(Int64($0) * 10, Int64($0) * 10 + 15) }  // each meets the next
        #expect(OverlapSweep.countPairs(chain) == n - 1)
    }

    @Test func endBeforeStartCountsAsZeroLength() {
        #expect(OverlapSweep.countPairs([span(0, 10), span(5, 2)]) == 1)
        #expect(OverlapSweep.countPairs([span(0, 10), span(12, 2)]) == 0)
    }

    @Test func pairsNameTheEarlierItemFirst() {
        let items = [("late", span(50, 70)), ("early", span(40, 60)), ("apart", span(0, 10))]
        let pairs = OverlapSweep.pairs(items, span: \.1)
        #expect(pairs.count == 1)
        #expect(pairs[0].0.0 == "early")
        #expect(pairs[0].1.0 == "late")
    }

    @Test func onlyMembersOfOneGroupPairUp() {
        let spans = [span(0, 10), span(5, 15), span(0, 10), span(5, 15)]
        #expect(OverlapSweep.countPairs(spans, groups: [0, 0, 1, 1]) == 2)
        #expect(OverlapSweep.countPairs(spans, groups: [0, 1, 2, 3]) == 0)
        // Sparse group numbers are renumbered, not allocated.
        #expect(OverlapSweep.countPairs(spans, groups: [1_000_000_000, 7, 8, 9]) == 0)
        #expect(OverlapSweep.countPairs(spans, groups: [1_000_000_000, 1_000_000_000, 7, 9]) == 1)
        let people = [("ana", span(0, 10)), ("ben", span(5, 15)), ("ana", span(9, 12))]
        let pairs = OverlapSweep.pairs(people, groupedBy: \.0, span: \.1)
        #expect(pairs.count == 1)
        #expect(pairs[0].0.1 == span(0, 10))
    }

    @Test func emptyAndSingle() {
        #expect(OverlapSweep.countPairs([]) == 0)
        #expect(OverlapSweep.pairIndices([span(1, 2)]).isEmpty)
        #expect(OverlapSweep.countPairs([], groups: []) == 0)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func agreesWithBruteForce(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let count = 400
        let spans = (0..<count).map { _ -> TimeSpan in
            let start = Int64(random.below(500))
            return span(start, start + Int64(random.below(4) == 0 ? 0 : random.below(60)))
        }
        let groups = (0..<count).map { _ in random.below(7) }
        var expected: Set<Set<Int>> = []
        for i in 0..<count {
            for j in (i + 1)..<count where groups[i] == groups[j] && spans[i].overlaps(spans[j]) {
                expected.insert([i, j])
            }
        }
        #expect(OverlapSweep.countPairs(spans, groups: groups) == expected.count)
        let found = OverlapSweep.pairIndices(spans, groups: groups)
        #expect(found.count == expected.count)
        #expect(Set(found.map { Set([$0.first, $0.second]) }) == expected)
        #expect(found.allSatisfy { spans[$0.first].start <= spans[$0.second].start })
    }
}
