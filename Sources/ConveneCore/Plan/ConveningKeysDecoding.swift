
extension PlanDecoder {
    /// `attended-count: {local: 80, neighbourhood: 20, civil-society: 30, total: 150}`: people counted
    /// rather than named, by level or sector (any name `level:` or `sector:` accepts), and a total;
    /// for a recurring event, per sitting: `{2027-03-02: {local: 12}}`.
    mutating func decodeHeadCount(_ node: YAMLNode?, what: String, place: EventPlace, sitting: String? = nil) -> HeadCount? {
        guard let node else { return nil }
        let hint = "write e.g. `attended-count: {local: 80, neighbourhood: 20}` or `{total: 500}`"
        guard let pairs = node.pairs else {
            reader.fail(node, "\(what) attended-count should map levels or sectors to numbers", hint: hint)
            return nil
        }
        var count = HeadCount()
        for pair in pairs {
            let name = pair.key.text ?? ""
            // A date: the count of that sitting of a recurring event.
            if CivilDate(iso: name) != nil, pair.value.kind == .mapping {
                if let counted = decodeHeadCount(pair.value, what: "\(what) sitting \(name)", place: place, sitting: name) { count.bySitting[name] = counted }
                continue
            }
            guard let value = Int(pair.value.text ?? ""), value >= 0 else {
                reader.fail(pair.value, "attended-count for \(name) in \(what) should be a whole number", hint: hint)
                continue
            }
            if Vocabulary.normalise(name) == "total" {
                count.total = value
            } else if let level = GovernmentLevel(name: name) {
                count.byConstituency[.level(level), default: 0] += value
            } else if let sector = Sector(name: name) {
                count.byConstituency[.sector(sector), default: 0] += value
            } else {
                // Perhaps the country's own name for a tier (`levels:`), known once the plan is read.
                awaitCountryLevel(name, at: pair.key, in: "\(what) attended-count", place: place,
                                  owner: .eventCount(place.id, sitting: sitting, count: value))
            }
        }
        return count
    }
}

extension PlanDecoder {
    /// `levels: {KE: {district: county, neighbourhood: ward}}`: what each country calls the canonical
    /// tiers, shown wherever one country's events are read.
    mutating func decodeLevelNames(_ node: YAMLNode?) -> [String: [GovernmentLevel: String]] {
        guard let node else { return [:] }
        let hint = "write e.g. `levels: {KE: {district: county, neighbourhood: ward}}`"
        guard let countries = node.pairs else {
            reader.fail(node, "levels should map country codes to the names of their tiers", hint: hint)
            return [:]
        }
        var names: [String: [GovernmentLevel: String]] = [:]
        for country in countries {
            let code = (country.key.text ?? "").uppercased()
            guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                reader.fail(country.key, "'\(country.key.text ?? "")' in levels is not an ISO 3166 two-letter code", hint: hint)
                continue
            }
            guard let tiers = country.value.pairs else {
                reader.fail(country.value, "levels.\(code) should map tiers to names", hint: hint)
                continue
            }
            for tier in tiers {
                let text = tier.key.text ?? ""
                guard let level = GovernmentLevel(rawValue: Vocabulary.normalise(text)) else {
                    reader.fail(tier.key, "'\(text)' in levels.\(code) is not a canonical tier",
                                hint: "name one of national, regional, district, local, neighbourhood, and give the national name as its value")
                    continue
                }
                guard let name = tier.value.text, !name.isEmpty else {
                    reader.fail(tier.value, "levels.\(code).\(text) needs a name", hint: hint)
                    continue
                }
                names[code, default: [:]][level] = name
            }
        }
        return names
    }
}

extension PlanDecoder {
    /// The top-level section `name`, or, when it is missing, the section written under a misspelling
    /// of it (`organizations:`): that key is reported once as unknown, with the right spelling, and
    /// its entries are still read so that every reference to them does not fail a second time.
    static func section(_ top: Fields, _ name: String, known: [String]) -> YAMLNode? {
        if let node = top[name] { return node }
        return top.keys.map(\.text).first { key in !known.contains(key) && Spelling.closest(to: key, in: known) == name }
            .flatMap { top[$0] }
    }
}

/// An event's id and where it is (its own `country:`, else its venue's), for levels written in
/// that country's own names.
struct EventPlace {
    var id: String
    var country: String?
    var venueID: String?
}

extension PlanDecoder {
    /// Notes a level that is no common name: the country's `levels:` may name it, which is known
    /// only once every plan file is read (``NationalLevelSpelling``).
    mutating func awaitCountryLevel(_ spelling: String, at node: YAMLNode, in what: String, place: EventPlace,
                                    owner: NationalLevelSpelling.Owner) {
        nationalLevels.append(NationalLevelSpelling(owner: owner, spelling: spelling, country: place.country, venueID: place.venueID,
                                                    location: reader.location(of: node), what: what))
    }
}
