/// How a feasible slot ranks: a sum of points that the output lists term by term.
///
/// - **+10** for each optional invitee or observer who is free (more of the table is there);
/// - **−5** for each deputy who must stand in (the invitee in person is better);
/// - **−1** for each quarter-hour of the slot outside an attendee's working hours in their own
///   zone (virtual and hybrid events: early mornings and late evenings across time zones);
/// - **−1** for each day between the slot and the preferred date, when one is given.
///
/// Ties go to the earlier slot.
struct SlotScorer {
    static let optionalPoints = 10
    static let standInPoints = -5
    static let quarterHourOutsidePoints = -1
    static let dayFromPreferredPoints = -1

    /// What one start is worth, and why.
    struct Evaluation {
        var score: Int
        var standIns: [StandIn]
        var optionalCanCome: [String]
        /// Person-minutes outside working hours, with whose.
        var minutesOutside: [(personID: String, minutes: Int)]
        var daysFromPreferred: Int?
    }

    let constraints: SlotConstraints
    let prefer: CivilDate?

    func evaluate(_ i: Int) -> Evaluation {
        var standIns: [StandIn] = []
        var outside: [(String, Int)] = []
        func countHours(_ personID: String) {
            if let minutes = constraints.remoteHours[personID]?.minutesOutside(at: i), minutes > 0 { outside.append((personID, minutes)) }
        }
        for seat in constraints.seats {
            if seat.attendee.free.contains(i) {
                countHours(seat.attendee.personID)
            } else if let deputy = seat.deputy {
                standIns.append(StandIn(personID: deputy.personID, onBehalfOf: seat.inviteeID))
                countHours(deputy.personID)
            }
        }
        let coming = constraints.optional.filter { $0.free.contains(i) }.map(\.personID)
        coming.forEach(countHours)
        let days = prefer.map { abs(constraints.grid.day(of: i).daysSinceEpoch - $0.daysSinceEpoch) }
        let quarters = outside.reduce(0) { $0 + ($1.1 + 14) / 15 }
        let score = Self.optionalPoints * coming.count + Self.standInPoints * standIns.count
            + Self.quarterHourOutsidePoints * quarters + Self.dayFromPreferredPoints * (days ?? 0)
        return Evaluation(score: score, standIns: standIns, optionalCanCome: coming, minutesOutside: outside, daysFromPreferred: days)
    }

    /// The evaluation as terms a person can read.
    func terms(_ evaluation: Evaluation, names: (String) -> String) -> [ScoreTerm] {
        var terms: [ScoreTerm] = []
        let invited = constraints.optional.count
        if invited > 0 {
            let coming = evaluation.optionalCanCome.count
            terms.append(ScoreTerm(kind: "optional-invitees", points: Self.optionalPoints * coming,
                                   detail: "\(coming) of \(invited) optional invitee\(invited == 1 ? "" : "s") can come"))
        }
        if !evaluation.standIns.isEmpty {
            let who = evaluation.standIns.map { "\(names($0.personID)) for \(names($0.onBehalfOf))" }.joined(separator: ", ")
            terms.append(ScoreTerm(kind: "stand-ins", points: Self.standInPoints * evaluation.standIns.count,
                                   detail: "deput\(evaluation.standIns.count == 1 ? "y" : "ies") standing in: \(who)"))
        }
        if !evaluation.minutesOutside.isEmpty {
            let total = evaluation.minutesOutside.reduce(0) { $0 + $1.minutes }
            let quarters = evaluation.minutesOutside.reduce(0) { $0 + ($1.minutes + 14) / 15 }
            let who = evaluation.minutesOutside.map { "\(names($0.personID)) \(Self.hours($0.minutes))" }.joined(separator: ", ")
            terms.append(ScoreTerm(kind: "early-late", points: Self.quarterHourOutsidePoints * quarters,
                                   detail: "\(Self.hours(total)) outside working hours (\(who))"))
        }
        if let days = evaluation.daysFromPreferred, let prefer {
            terms.append(ScoreTerm(kind: "preferred-date", points: Self.dayFromPreferredPoints * days,
                                   detail: days == 0 ? "on the preferred date \(prefer)" : "\(days) day\(days == 1 ? "" : "s") from the preferred date \(prefer)"))
        }
        return terms
    }

    /// `1 h 30 min`.
    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? "\(minutes / 60) h" : minutes < 60 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }

    /// The legend printed with a table of slots.
    static let legend = "Score: +\(optionalPoints) per optional invitee who can come, \(standInPoints) per deputy standing in, \(quarterHourOutsidePoints) per quarter-hour outside someone's working hours (virtual and hybrid), \(dayFromPreferredPoints) per day from the preferred date; ties go to the earlier slot."
}
