/// A `level:` written in a country's own name for a tier (`levels: {GH: {local: metropolitan-assembly}}`
/// then `level: metropolitan-assembly` for a Ghanaian organisation), which only the whole plan can
/// resolve: the names live in `plan.yaml`, the organisation or person in any file, and a person's
/// country is their organisation's.
struct NationalLevelSpelling {
    enum Owner { case organisation(String), person(String) }
    var owner: Owner
    /// As written in the plan.
    var spelling: String
    /// The organisation's own `country:`; for a person, nil (their organisation's country counts).
    var country: String?
    /// For a person: the organisation whose country names the tiers.
    var organisationID: String?
    var location: SourceLocation
    /// "organisation 'gh-ama'", for messages.
    var what: String
}

extension NationalLevelSpelling {
    /// Gives each organisation and person written with a national level name its canonical tier,
    /// or returns, located, what is wrong: the spelling is neither a canonical tier nor a name the
    /// country gives one (the message lists both, and the closest spelling).
    static func resolve(_ pending: [NationalLevelSpelling], in plan: inout Plan) -> [Diagnostic] {
        guard !pending.isEmpty else { return [] }
        let organisationIndex = Dictionary(plan.organisations.indices.map { (plan.organisations[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        let personIndex = Dictionary(plan.people.indices.map { (plan.people[$0].id, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [Diagnostic] = []
        for item in pending {
            let country = (item.country ?? item.organisationID.flatMap { organisationIndex[$0] }.flatMap { plan.organisations[$0].country })?.uppercased()
            let names = country.flatMap { plan.levelNames[$0] } ?? [:]
            let written = Vocabulary.normalise(item.spelling)
            if let level = names.first(where: { Vocabulary.normalise($0.value) == written })?.key {
                switch item.owner {
                case .organisation(let id): if let i = organisationIndex[id] { plan.organisations[i].constituency = .level(level) }
                case .person(let id): if let i = personIndex[id] { plan.people[i].constituency = .level(level) }
                }
                continue
            }
            problems.append(diagnostic(for: item, country: country, names: names))
        }
        return problems
    }

    private static func diagnostic(for item: NationalLevelSpelling, country: String?, names: [GovernmentLevel: String]) -> Diagnostic {
        let canonical = GovernmentLevel.allCases.map(\.rawValue)
        let national = GovernmentLevel.allCases.compactMap { level in names[level].map { "\($0) (\(level.rawValue))" } }
        let candidates = canonical + GovernmentLevel.aliases.keys.sorted() + names.values.map(Vocabulary.normalise)
        let guess = Spelling.closest(to: Vocabulary.normalise(item.spelling), in: candidates)
        var hint = (guess.map { "did you mean '\($0)'? " } ?? "") + "use a canonical tier: \(canonical.joined(separator: ", "))"
        if let country {
            hint += national.isEmpty
                ? "; or name \(country)'s tiers in plan.yaml, e.g. `levels: {\(country): {local: \(item.spelling)}}`"
                : "; or one of \(country)'s names (levels.\(country)): \(national.joined(separator: ", "))"
        } else {
            hint += "; a national name needs the country: give the \(item.organisationID == nil ? "organisation `country:`" : "organisation a `country:`")"
        }
        return Diagnostic(location: item.location, message: "unknown level '\(item.spelling)' in \(item.what)", hint: hint)
    }
}
