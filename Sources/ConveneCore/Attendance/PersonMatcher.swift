/// How a sheet row was tied to a plan person.
public enum MatchMethod: String, Sendable, Hashable, Codable {
    /// The sheet's email is the person's (case-insensitive).
    case email
    /// The sheet's name is the person's, ignoring case, accents, spacing and titles.
    case name
    /// The sheet's person column gives the id.
    case id
    /// A near miss recorded as its suggestion because `--accept-suggestions` was given.
    case suggestion
}

/// A row that looks like a plan person but does not match exactly: shown, not recorded silently.
public struct NearMiss: Sendable, Hashable, Codable {
    public var line: Int
    /// The name or email as written on the sheet.
    public var written: String
    /// The plan person it probably means.
    public var suggestedPersonID: String
    public var suggestedName: String
    /// Why it looks like them, e.g. "one letter off" or "given and family names swapped".
    public var reason: String

    public init(line: Int, written: String, suggestedPersonID: String, suggestedName: String, reason: String) {
        self.line = line
        self.written = written
        self.suggestedPersonID = suggestedPersonID
        self.suggestedName = suggestedName
        self.reason = reason
    }
}

/// Finds the plan person a sign-in row means: by email, then by name; otherwise the closest
/// near miss, if any is close enough to be a typo, a swapped name or a mistyped address.
struct PersonMatcher {
    enum Match: Equatable {
        case person(String, MatchMethod)
        /// Close to someone; the reason, the person.
        case nearMiss(String, reason: String)
        /// Several people share the name: the candidates.
        case ambiguous([String])
        case noMatch
    }

    let people: [Person]
    let invited: Set<String>
    private let byEmail: [String: [String]]
    private let byName: [String: [String]]
    private let keys: [(key: String, id: String)]

    init(index: PlanIndex, event: Event) {
        people = index.plan.people
        invited = Set(index.invitees(of: event).map(\.person.id))
        var byEmail: [String: [String]] = [:], byName: [String: [String]] = [:]
        var keys: [(String, String)] = []
        for person in people {
            if let email = person.email { byEmail[EmailKey.key(email), default: []].append(person.id) }
            let key = NameKey.key(person.name)
            byName[key, default: []].append(person.id)
            keys.append((key, person.id))
        }
        self.byEmail = byEmail
        self.byName = byName
        self.keys = keys
    }

    func match(name: String?, email: String?) -> Match {
        if let email, let ids = byEmail[EmailKey.key(email)], let id = pick(ids) { return .person(id, .email) }
        if let name {
            let key = NameKey.key(name)
            if let ids = byName[key], !ids.isEmpty {
                if let id = pick(ids) { return .person(id, .name) }
                return .ambiguous(ids)
            }
        }
        return nearest(name: name, email: email)
    }

    /// One id, or the only invited one among several.
    private func pick(_ ids: [String]) -> String? {
        if ids.count == 1 { return ids[0] }
        let invitedOnes = ids.filter(invited.contains)
        return invitedOnes.count == 1 ? invitedOnes[0] : nil
    }

    /// The most plausible near miss: swapped names first, then the fewest edits, invitees before others.
    private func nearest(name: String?, email: String?) -> Match {
        var best: (score: Int, invited: Bool, id: String, reason: String)?
        func consider(_ score: Int, _ id: String, _ reason: String) {
            let candidate = (score, invited.contains(id), id, reason)
            guard let current = best else { best = candidate; return }
            if (candidate.0, candidate.1 ? 0 : 1, candidate.2) < (current.score, current.invited ? 0 : 1, current.id) {
                best = candidate
            }
        }
        if let name {
            let key = NameKey.key(name)
            let tolerance = NameKey.tolerance(for: key)
            for (known, id) in keys {
                if NameKey.isReordering(key, known) {
                    consider(0, id, "given and family names swapped")
                } else if tolerance > 0, abs(known.count - key.count) <= tolerance {
                    let distance = Spelling.distance(key, known)
                    if distance <= tolerance {
                        consider(distance, id, distance == 1 ? "one letter off" : "\(distance) letters off")
                    }
                }
            }
        }
        if let name {
            // Every word of a plan name, with words around it that are not known titles ("Cmdt
            // Grace Wambui", "Grace Wambui Njoroge" for "Grace Wambui"): offered, never a guest.
            let written = NameKey.words(name)
            if written.count >= 2 {
                let writtenSet = Set(written)
                for (known, id) in keys {
                    let words = known.split(separator: " ").map(String.init)
                    guard words.count >= 2, words.count != written.count else { continue }
                    if Set(words).isSubset(of: writtenSet) {
                        let extra = written.filter { !words.contains($0) }.joined(separator: " ")
                        consider(2, id, "the name with '\(extra)' besides (a title or rank?)")
                    } else if writtenSet.isSubset(of: Set(words)) {
                        consider(2, id, "part of the name")
                    }
                }
            }
        }
        if let email {
            let written = EmailKey.key(email)
            for person in people {
                guard let known = person.email.map(EmailKey.key), EmailKey.isNearMiss(written, of: known) else { continue }
                consider(1, person.id, "email '\(email)' is close to \(known)")
            }
        }
        guard let best else { return .noMatch }
        return .nearMiss(best.id, reason: best.reason)
    }
}
