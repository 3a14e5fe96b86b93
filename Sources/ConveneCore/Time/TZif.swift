/// One zone of the system's time-zone database, read from its TZif file (RFC 8536): every
/// change of UTC offset the file lists, then the yearly rule of its footer (a POSIX TZ string)
/// for the years after them. Immutable once read, so shared between threads.
public final class ZoneRules: Sendable {
    /// A change of UTC offset.
    public struct Transition: Sendable, Hashable {
        /// When it happens.
        public var instant: UnixSeconds
        /// The offset from UTC, in seconds, before and from `instant`.
        public var offsetBefore: Int
        public var offsetAfter: Int
        /// Whether the tz database calls the new offset daylight-saving time. Zones with negative
        /// daylight saving (Europe/Dublin's winter, Africa/Casablanca's Ramadan) set it on the
        /// smaller offset.
        public var isDaylight: Bool
    }

    /// The IANA name, e.g. `Europe/Helsinki`.
    public let identifier: String
    /// The offset before the first transition.
    let initialOffset: Int
    let initialIsDaylight: Bool
    /// The file's transitions, then the footer's up to `ruleTableEnd`, in order.
    let transitions: [Transition]
    /// The footer's yearly rule, for instants after the last listed transition.
    let rule: PosixZoneRule?
    /// The first year whose transitions come from `rule` and are not in `transitions`.
    let firstUntabledYear: Int

    /// Years of footer transitions worked out when the file is read; later years are computed
    /// when asked for.
    static let tabledYears = 2100

    init(identifier: String, initialOffset: Int, initialIsDaylight: Bool, listed: [Transition], rule: PosixZoneRule?) {
        self.identifier = identifier
        self.initialOffset = initialOffset
        self.initialIsDaylight = initialIsDaylight
        self.rule = rule
        var all = listed
        var firstRuleYear = 1970
        if let last = listed.last {
            firstRuleYear = CivilDateTime(secondsAsIfUTC: last.instant).date.year
        }
        if let rule, rule.hasDaylightSaving {
            for year in firstRuleYear...Self.tabledYears {
                for transition in rule.transitions(in: year) where transition.instant > (all.last?.instant ?? Int64.min) {
                    all.append(transition)
                }
            }
        }
        transitions = all
        firstUntabledYear = Self.tabledYears + 1
    }

    /// The offset from UTC, in seconds, in force at `instant`.
    public func offset(at instant: UnixSeconds) -> Int { state(at: instant).offset }

    /// Whether the tz database calls the offset in force at `instant` daylight-saving time.
    public func isDaylight(at instant: UnixSeconds) -> Bool { state(at: instant).isDaylight }

    private func state(at instant: UnixSeconds) -> (offset: Int, isDaylight: Bool) {
        // The index of the first transition after `instant`.
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].instant <= instant { low = middle + 1 } else { high = middle }
        }
        if low == transitions.count, let rule, rule.hasDaylightSaving,
           CivilDateTime(secondsAsIfUTC: instant).date.year >= firstUntabledYear {
            return rule.state(at: instant)
        }
        if low == 0 { return (initialOffset, initialIsDaylight) }
        let last = transitions[low - 1]
        return (last.offsetAfter, last.isDaylight)
    }

    /// Every transition with `range.lowerBound <= instant < range.upperBound`, in order.
    public func transitions(in range: Range<UnixSeconds>) -> [Transition] {
        var result: [Transition] = []
        var low = 0, high = transitions.count
        while low < high {
            let middle = (low + high) / 2
            if transitions[middle].instant < range.lowerBound { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < transitions.count, transitions[index].instant < range.upperBound {
            result.append(transitions[index])
            index += 1
        }
        if let rule, rule.hasDaylightSaving {
            let first = max(firstUntabledYear, CivilDateTime(secondsAsIfUTC: range.lowerBound).date.year)
            let last = CivilDateTime(secondsAsIfUTC: range.upperBound).date.year
            if first <= last {
                for year in first...last {
                    result += rule.transitions(in: year).filter { range.contains($0.instant) }
                }
            }
        }
        return result
    }

    /// The UTC instant of a wall time here, by RFC 5545 §3.3.5: a wall time that happens twice
    /// (clocks going back) is the first of the two; one that never happens (clocks going forward)
    /// is read with the offset in force before the gap.
    public func instant(_ wall: CivilDateTime) -> UnixSeconds {
        let asUTC = wall.secondsAsIfUTC
        // Transitions near the wall time: any offset that could apply is in force around them.
        let nearby = transitions(in: (asUTC - 2 * 86_400)..<(asUTC + 2 * 86_400))
        let before = offset(at: asUTC - 2 * 86_400)
        var candidates = [before] + nearby.map(\.offsetAfter)
        // The largest offset gives the earliest instant: try it first (the first of a repeat).
        candidates.sort(by: >)
        for candidate in candidates where offset(at: asUTC - Int64(candidate)) == candidate {
            return asUTC - Int64(candidate)
        }
        // A gap: the offset before the transition whose skipped wall times hold `wall`.
        for transition in nearby.reversed() where transition.offsetAfter > transition.offsetBefore
            && transition.instant + Int64(transition.offsetBefore) <= asUTC {
            return asUTC - Int64(transition.offsetBefore)
        }
        return asUTC - Int64(before)
    }
}

/// Reads TZif files (RFC 8536, versions 1 to 4): the 64-bit data block and footer of version 2
/// and later, or the 32-bit block of a version 1 file.
enum TZifReader {
    enum Failure: Error { case malformed(String) }

    static func read(_ bytes: [UInt8], identifier: String) throws -> ZoneRules {
        var reader = ByteReader(bytes: bytes)
        let first = try Header(&reader)
        var header = first
        var timeSize = 4
        if first.version >= 2 {
            try reader.skip(first.dataLength(timeSize: 4))
            header = try Header(&reader)
            timeSize = 8
        }
        var times: [Int64] = []
        times.reserveCapacity(header.timeCount)
        for _ in 0..<header.timeCount { times.append(timeSize == 8 ? try reader.int64() : Int64(try reader.int32())) }
        var indices: [Int] = []
        for _ in 0..<header.timeCount { indices.append(Int(try reader.byte())) }
        var types: [(offset: Int, isDaylight: Bool)] = []
        for _ in 0..<header.typeCount {
            let offset = Int(try reader.int32())
            let isDaylight = try reader.byte() != 0
            _ = try reader.byte()  // designation index
            types.append((offset, isDaylight))
        }
        guard !types.isEmpty, indices.allSatisfy({ $0 < types.count }) else { throw Failure.malformed("time types") }
        try reader.skip(header.characterCount + header.leapCount * (timeSize + 4) + header.standardCount + header.utcCount)
        var rule: PosixZoneRule?
        if first.version >= 2, let footer = reader.footer() {
            rule = PosixZoneRule(footer)
        }
        var listed: [ZoneRules.Transition] = []
        listed.reserveCapacity(times.count)
        var previous = types[0].offset
        for (time, index) in zip(times, indices) {
            let type = types[index]
            listed.append(ZoneRules.Transition(instant: time, offsetBefore: previous, offsetAfter: type.offset, isDaylight: type.isDaylight))
            previous = type.offset
        }
        return ZoneRules(identifier: identifier, initialOffset: types[0].offset, initialIsDaylight: types[0].isDaylight,
                         listed: listed, rule: rule)
    }

    private struct Header {
        var version: Int
        var utcCount: Int, standardCount: Int, leapCount: Int, timeCount: Int, typeCount: Int, characterCount: Int

        init(_ reader: inout ByteReader) throws {
            guard try reader.byte() == 0x54, try reader.byte() == 0x5A, try reader.byte() == 0x69, try reader.byte() == 0x66 else {
                throw Failure.malformed("not a TZif file")
            }
            let version = try reader.byte()
            self.version = version == 0 ? 1 : Int(version) - 0x30
            try reader.skip(15)
            utcCount = Int(try reader.int32())
            standardCount = Int(try reader.int32())
            leapCount = Int(try reader.int32())
            timeCount = Int(try reader.int32())
            typeCount = Int(try reader.int32())
            characterCount = Int(try reader.int32())
            guard [utcCount, standardCount, leapCount, timeCount, typeCount, characterCount].allSatisfy({ $0 >= 0 && $0 < 1 << 20 }) else {
                throw Failure.malformed("counts")
            }
        }

        func dataLength(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + characterCount + leapCount * (timeSize + 4) + standardCount + utcCount
        }
    }

    private struct ByteReader {
        let bytes: [UInt8]
        var position = 0

        mutating func byte() throws -> UInt8 {
            guard position < bytes.count else { throw Failure.malformed("truncated") }
            position += 1
            return bytes[position - 1]
        }

        mutating func skip(_ count: Int) throws {
            guard count >= 0, position + count <= bytes.count else { throw Failure.malformed("truncated") }
            position += count
        }

        mutating func int32() throws -> Int32 {
            var value: UInt32 = 0
            for _ in 0..<4 { value = value << 8 | UInt32(try byte()) }
            return Int32(bitPattern: value)
        }

        mutating func int64() throws -> Int64 {
            var value: UInt64 = 0
            for _ in 0..<8 { value = value << 8 | UInt64(try byte()) }
            return Int64(bitPattern: value)
        }

        /// The text between the newlines that end a version 2+ file.
        func footer() -> String? {
            guard position < bytes.count, bytes[position] == 0x0A,
                  let end = bytes[(position + 1)...].firstIndex(of: 0x0A) else { return nil }
            return String(decoding: bytes[(position + 1)..<end], as: UTF8.self)
        }
    }
}
