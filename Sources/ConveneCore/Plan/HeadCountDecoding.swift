extension PlanDecoder {
    /// `attended-count: {local: 80, neighbourhood: 20, civil-society: 30, total: 150}`: people counted
    /// rather than named, by level or sector (any name `level:` or `sector:` accepts), and a total.
    mutating func decodeHeadCount(_ node: YAMLNode?, what: String) -> HeadCount? {
        guard let node else { return nil }
        let hint = "write e.g. `attended-count: {local: 80, neighbourhood: 20}` or `{total: 500}`"
        guard case .mapping(let pairs) = node.content else {
            reader.fail(node, "\(what) attended-count should map levels or sectors to numbers", hint: hint)
            return nil
        }
        var count = HeadCount()
        for pair in pairs {
            let name = pair.key.text ?? ""
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
                reader.fail(pair.key, "unknown level or sector '\(name)' in \(what) attended-count",
                            hint: "use total, a level (national, regional, district, local, neighbourhood) or a sector (\(Sector.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
        }
        return count
    }
}
