import Foundation

/// A calendar date with no time zone, e.g. 2024-10-15.
public struct CivilDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; nil when malformed or not a real date.
    public init?(iso text: String) {
        var text = text
        guard let date = text.withUTF8({ bytes in bytes.count == 10 ? ISODigits.date(bytes) : nil }) else { return nil }
        self = date
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Written digit by digit into the string's own ten bytes (an export describes every
        // event's dates for its fingerprint); other years the long way.
        guard (0...9999).contains(year), (0..<100).contains(month), (0..<100).contains(day) else {
            let y = String(year)
            return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + Self.twoDigits(month) + "-" + Self.twoDigits(day)
        }
        return String(unsafeUninitializedCapacity: 10) { bytes in
            let zero = UInt8(ascii: "0"), dash = UInt8(ascii: "-")
            (bytes[0], bytes[1], bytes[2], bytes[3]) = (zero + UInt8(year / 1000), zero + UInt8(year / 100 % 10),
                                                        zero + UInt8(year / 10 % 10), zero + UInt8(year % 10))
            (bytes[4], bytes[5], bytes[6]) = (dash, zero + UInt8(month / 10), zero + UInt8(month % 10))
            (bytes[7], bytes[8], bytes[9]) = (dash, zero + UInt8(day / 10), zero + UInt8(day % 10))
            return 10
        }
    }

    /// `7` -> `07` (faster than `String(format:)` in hot loops).
    static func twoDigits(_ value: Int) -> String { value < 10 ? "0" + String(value) : String(value) }

    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `daysSinceEpoch` days after 1970-01-01.
    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// This date moved by `days`.
    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// This date moved by whole months, clamping the day to the month's length.
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CivilDate(year: y, month: m, day: min(day, CivilDate.daysIn(month: m, year: y)))
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var isoWeekday: Int {
        let w = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday (index 3 from Monday)
        return (w < 0 ? w + 7 : w) + 1
    }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

/// A wall-clock date and time with no time zone, e.g. 2024-10-15T09:00.
public struct CivilDateTime: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var date: CivilDate
    /// Minutes after midnight.
    public var minuteOfDay: Int

    public init(date: CivilDate, minuteOfDay: Int) {
        self.date = date
        self.minuteOfDay = minuteOfDay
    }

    /// Parses `YYYY-MM-DDTHH:MM` (a space may replace the `T`; `:SS` of zero is allowed).
    public init?(iso text: String) {
        var text = text
        guard let value = text.withUTF8({ ISODigits.dateTime($0) }) else { return nil }
        self = value
    }

    /// `YYYY-MM-DDTHH:MM`.
    public var description: String { "\(date)T" + clock }

    /// `HH:MM`.
    public var clock: String { CivilDate.twoDigits(minuteOfDay / 60) + ":" + CivilDate.twoDigits(minuteOfDay % 60) }

    public static func < (a: Self, b: Self) -> Bool {
        (a.date, a.minuteOfDay) < (b.date, b.minuteOfDay)
    }

    /// Seconds since the epoch if this wall time were UTC.
    public var secondsAsIfUTC: Int64 { Int64(date.daysSinceEpoch) * 86_400 + Int64(minuteOfDay) * 60 }

    /// The wall time `seconds` after the epoch, read as UTC.
    public init(secondsAsIfUTC seconds: Int64) {
        let days = Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        self.init(date: CivilDate(daysSinceEpoch: days), minuteOfDay: rest / 60)
    }
}

/// Reads ISO 8601 dates and times from UTF-8 bytes without building substrings (plans hold
/// tens of thousands of them).
enum ISODigits {
    /// The number written by `count` ASCII digits from `start`, or nil.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for index in start..<(start + count) {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// `YYYY-MM-DD` in the first ten bytes; nil unless a real date.
    static func date(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              (1...12).contains(month), (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// `YYYY-MM-DDTHH:MM`, with a space for the `T` and `:00` seconds allowed.
    static func dateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> CivilDateTime? {
        guard bytes.count == 16 || (bytes.count == 19 && bytes[16] == UInt8(ascii: ":") && bytes[17] == UInt8(ascii: "0") && bytes[18] == UInt8(ascii: "0")),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
              let date = date(bytes), let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2),
              hour <= 23, minute <= 59
        else { return nil }
        return CivilDateTime(date: date, minuteOfDay: hour * 60 + minute)
    }
}
