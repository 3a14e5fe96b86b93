/// The level quorum: every government level the event requires has at least one participant who
/// can come, and every per-level `minimum:` is met. Required seats count for their level wherever
/// a slot is feasible (they must be filled); optional invitees count where they are free. A level
/// the required seats already fill costs nothing; otherwise the optional invitees of that level
/// are counted per start, which is linear in their number times the grid.
enum QuorumCheck {
    /// How many participants each level needs: 1 for a required level, more with `minimum:`.
    static func needs(_ requirements: Requirements) -> [GovernmentLevel: Int] {
        var needs: [GovernmentLevel: Int] = [:]
        for level in requirements.levels { needs[level] = max(needs[level] ?? 0, 1) }
        for (level, minimum) in requirements.minimumPerLevel where minimum > 0 { needs[level] = max(needs[level] ?? 0, minimum) }
        return needs
    }

    static func constraints(_ requirements: Requirements, seats: [RequiredSeat],
                            optional: [(availability: PersonAvailability, constituency: Constituency?)],
                            startCount: Int) -> [Constraint] {
        var result: [Constraint] = []
        for (level, need) in needs(requirements).sorted(by: { $0.key < $1.key }) {
            let filled = seats.filter { $0.constituency == .level(level) }.count
            guard filled < need else { continue }
            let missing = need - filled
            let candidates = optional.filter { $0.constituency == .level(level) }.map(\.availability.free)
            var allowed = StartSet(count: startCount)
            if candidates.count >= missing {
                if missing == 1 {
                    for free in candidates { allowed.formUnion(free) }
                } else {
                    var counts = [Int32](repeating: 0, count: startCount)
                    for free in candidates { free.forEach { counts[$0] += 1 } }
                    for (i, count) in counts.enumerated() where count >= missing { allowed.insert(i..<(i + 1)) }
                }
            }
            result.append(Constraint(obstacle: .quorum(level), allowed: allowed))
        }
        return result
    }
}
