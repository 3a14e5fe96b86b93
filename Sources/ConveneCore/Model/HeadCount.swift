/// How many people were in the room, as counted rather than named: "about 500 participants",
/// "100 barangay representatives". Written in the plan as `attended-count: {neighbourhood: 100}`
/// or `{total: 500, federal: 3}`.
///
/// A count is of the whole room, the named attendees included: a level or sector is reported as
/// the larger of its count and its named attendees, never their sum, and `total` as the larger
/// of the total and what the levels and sectors add up to.
public struct HeadCount: Sendable, Hashable, Codable {
    /// Counted people by level of government or sector.
    public var byConstituency: [Constituency: Int]
    /// Everyone counted, when a total is given (it may exceed the sum of the parts: the rest is not
    /// placed in any level or sector).
    public var total: Int?
    /// For a recurring event, the count of each sitting by its venue-local date (`YYYY-MM-DD`):
    /// `attended-count: {2027-03-02: {local: 12}, 2027-04-06: {total: 9}}`.
    public var bySitting: [String: HeadCount] = [:]

    public init(byConstituency: [Constituency: Int] = [:], total: Int? = nil) {
        self.byConstituency = byConstituency
        self.total = total
    }

    /// The count of one sitting (`occurrence`, a date), or of the event as a whole (nil); nil when not counted.
    public func sitting(_ occurrence: String?) -> HeadCount? {
        guard let occurrence else { return byConstituency.isEmpty && total == nil ? nil : self }
        return bySitting[occurrence]
    }

    /// The counted head count: the total, or the parts added up.
    public var people: Int { max(total ?? 0, byConstituency.values.reduce(0, +)) }
}
