/// What to expand: an event's first occurrence, how long each lasts, and its recurrence.
public struct RecurrenceRequest: Sendable, Hashable {
    /// Wall-clock start of the first occurrence in `timeZone` (for all-day events, midnight).
    public var start: CivilDateTime
    /// Wall-clock length of each occurrence in seconds (end minus start as the clock reads them):
    /// each occurrence ends at its wall-clock start plus this, read in `timeZone`, as the first
    /// occurrence's end is.
    public var durationSeconds: Int64
    /// IANA zone the times are written in.
    public var timeZone: String
    /// Whole days (DATE values) rather than times.
    public var isAllDay: Bool
    /// RFC 5545 RRULE text, e.g. `FREQ=MONTHLY;INTERVAL=6;COUNT=4`.
    public var rule: String
    /// Wall-clock starts of occurrences that do not happen.
    public var exceptions: [CivilDateTime]

    public init(start: CivilDateTime, durationSeconds: Int64, timeZone: String, isAllDay: Bool,
                rule: String, exceptions: [CivilDateTime] = []) {
        self.start = start
        self.durationSeconds = durationSeconds
        self.timeZone = timeZone
        self.isAllDay = isAllDay
        self.rule = rule
        self.exceptions = exceptions
    }
}

/// Expands recurring events into UTC occurrences. ConveneCore has no C; the libical-backed
/// implementation lives in ConveneICal and is handed in by the caller.
public protocol RecurrenceExpanding: Sendable {
    /// Nil when `rule` is a valid RRULE, else what is wrong with it.
    func problem(inRule rule: String) -> String?

    /// Every occurrence whose start lies in `window`, in order, as UTC spans.
    func occurrences(of request: RecurrenceRequest, startingIn window: TimeSpan) throws -> [TimeSpan]
}
