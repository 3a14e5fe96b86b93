/// A level written in a country's own name for a tier (`levels: {GH: {district: District Assembly}}`
/// then `level: district-assembly` for a Ghanaian organisation, or `attended-count: {unit-committee:
/// 60}` and `requires: {levels: [district-assembly]}` for an event in Ghana), which only the whole plan
/// can resolve: the names live in `plan.yaml`, the rest in any file, a person's country is their
/// organisation's and an event's its venue's unless it says otherwise.
struct NationalLevelSpelling {
    enum Owner {
        case organisation(String), person(String)
        /// `attended-count`, of the whole event (`sitting` nil) or of one sitting.
        case eventCount(String, sitting: String?, count: Int)
        /// `requires: {levels: [...]}` and `requires: {minimum: {LEVEL: N}}`.
        case eventRequirement(String)
        case eventMinimum(String, count: Int)
    }
    var owner: Owner
    /// As written in the plan.
    var spelling: String
    /// The entity's own `country:`, when it gives one.
    var country: String?
    /// For a person: the organisation whose country names the tiers.
    var organisationID: String? = nil
    /// For an event without `country:`: the venue whose country counts.
    var venueID: String? = nil
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
        let organisationIndex = plan.organisations.positions(by: \.id)
        let personIndex = plan.people.positions(by: \.id)
        let eventIndex = plan.events.positions(by: \.id)
        let venueCountry = Dictionary(plan.venues.map { ($0.id, $0.country) }, uniquingKeysWith: { a, _ in a })
        var problems: [Diagnostic] = []
        for item in pending {
            let country = (item.country ?? item.organisationID.flatMap { organisationIndex[$0] }.flatMap { plan.organisations[$0].country }
                ?? item.venueID.flatMap { venueCountry[$0] ?? nil })?.uppercased()
            let names = country.flatMap { plan.levelNames[$0] } ?? [:]
            if let level = plan.countryLevel(named: item.spelling, in: country) {
                switch item.owner {
                case .organisation(let id): if let i = organisationIndex[id] { plan.organisations[i].constituency = .level(level) }
                case .person(let id): if let i = personIndex[id] { plan.people[i].constituency = .level(level) }
                case .eventCount(let id, let sitting, let count):
                    guard let i = eventIndex[id] else { break }
                    var counted = plan.events[i].headCount ?? HeadCount()
                    if let sitting {
                        counted.bySitting[sitting, default: HeadCount()].byConstituency[.level(level), default: 0] += count
                    } else {
                        counted.byConstituency[.level(level), default: 0] += count
                    }
                    plan.events[i].headCount = counted
                case .eventRequirement(let id):
                    if let i = eventIndex[id], !plan.events[i].requirements.levels.contains(level) { plan.events[i].requirements.levels.append(level) }
                case .eventMinimum(let id, let count):
                    if let i = eventIndex[id] { plan.events[i].requirements.minimumPerLevel[level] = count }
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
            hint += "; a country's own names need its country: give the \(item.organisationID != nil ? "person's organisation" : item.venueID != nil ? "event's venue" : "entry") a `country:`"
        }
        guard case .eventCount = item.owner else {
            return Diagnostic(location: item.location, message: "unknown level '\(item.spelling)' in \(item.what)", hint: hint)
        }
        return Diagnostic(location: item.location, message: "unknown level or sector '\(item.spelling)' in \(item.what)",
                          hint: hint + "; or total, or a sector: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
    }
}

extension Plan {
    /// The tier `name` means in `country`: a canonical tier or common name (`county`, `ward`), else
    /// one of the country's own names (`levels:`), in any case and with spaces or hyphens alike.
    public func level(named name: String, in country: String?) -> GovernmentLevel? {
        GovernmentLevel(name: name) ?? countryLevel(named: name, in: country)
    }

    /// The tier the country's `levels:` give the name `name`, if any.
    func countryLevel(named name: String, in country: String?) -> GovernmentLevel? {
        guard let country, let names = levelNames[country.uppercased()] else { return nil }
        let written = Vocabulary.normalise(name)
        return names.first { Vocabulary.normalise($0.value) == written }?.key
    }
}
