/// A tier of government, canonical across countries.
///
/// Countries name their tiers differently (Canada: federal/provincial/territorial/municipal;
/// the Philippines: national/region/city/barangay; India: union/state/municipal/ward). The plan
/// may use any of those names; they all resolve to one of these five tiers so that reports
/// compare like with like: a Canadian "provincial" and a US "state" are both ``regional``.
public enum GovernmentLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case national
    case regional
    case district
    case local
    case neighbourhood

    /// Every name accepted in a plan, with the tier it means.
    public static let aliases: [String: GovernmentLevel] = [
        "national": .national, "federal": .national, "union": .national, "central": .national,
        "regional": .regional, "region": .regional, "state": .regional, "provincial": .regional,
        "province": .regional, "territorial": .regional, "territory": .regional,
        "district": .district, "county": .district,
        "local": .local, "municipal": .local, "municipality": .local, "city": .local, "town": .local,
        "neighbourhood": .neighbourhood, "neighborhood": .neighbourhood, "ward": .neighbourhood,
        "barangay": .neighbourhood, "mohalla": .neighbourhood, "resident-association": .neighbourhood,
    ]

    /// Resolves a plan's spelling of a level (case-insensitive, spaces or underscores as hyphens).
    public init?(name: String) {
        guard let level = Self.aliases[Vocabulary.normalise(name)] else { return nil }
        self = level
    }

    /// What the tier is commonly called in a country (ISO 3166 alpha-2), for reports read locally;
    /// a plan's `levels:` names take precedence (`PlanIndex.levelName(_:in:)`).
    public func localName(in country: String?) -> String {
        switch (country?.uppercased(), self) {
        case ("CA", .national), ("US", .national): return "federal"
        case ("IN", .national): return "union"
        case ("CA", .regional): return "provincial/territorial"
        case ("US", .regional), ("IN", .regional): return "state"
        case ("CA", .local), ("IN", .local): return "municipal"
        case ("PH", .regional): return "region"
        case ("PH", .local): return "city"
        case ("KE", .district): return "county"
        case ("KE", .neighbourhood): return "ward"
        case ("PH", .neighbourhood): return "barangay"
        case ("IN", .neighbourhood): return "ward"
        default: return rawValue
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// National first, neighbourhood last.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// A part of society outside government that takes a seat at the table.
public enum Sector: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case civilSociety = "civil-society"
    case youth
    case research
    case faith
    case lawEnforcement = "law-enforcement"
    case internationalOrganisation = "international-organisation"
    case network
    case privateSector = "private-sector"
    case media

    /// Every name accepted in a plan, with the sector it means.
    public static let aliases: [String: Sector] = {
        var names: [String: Sector] = [:]
        for sector in Sector.allCases { names[sector.rawValue] = sector }
        names["community"] = .civilSociety
        names["community-organisation"] = .civilSociety
        names["ngo"] = .civilSociety
        names["youth-leaders"] = .youth
        names["researchers"] = .research
        names["academia"] = .research
        names["faith-leaders"] = .faith
        names["religious"] = .faith
        names["police"] = .lawEnforcement
        names["international"] = .internationalOrganisation
        names["international-organization"] = .internationalOrganisation
        names["alliance"] = .network
        names["private"] = .privateSector
        names["business"] = .privateSector
        return names
    }()

    /// Resolves a plan's spelling of a sector (case-insensitive, spaces or underscores as hyphens).
    public init?(name: String) {
        guard let sector = Self.aliases[Vocabulary.normalise(name)] else { return nil }
        self = sector
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// In declaration order.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Where a participant sits: a tier of government or a sector outside it.
public enum Constituency: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    case level(GovernmentLevel)
    case sector(Sector)

    /// The canonical name, e.g. `national` or `civil-society`.
    public var description: String {
        switch self {
        case .level(let level): level.rawValue
        case .sector(let sector): sector.rawValue
        }
    }

    /// Government levels first, then sectors, each in their declared order.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        switch (lhs, rhs) {
        case (.level(let a), .level(let b)): a < b
        case (.sector(let a), .sector(let b)): a < b
        case (.level, .sector): true
        case (.sector, .level): false
        }
    }
}

/// Helpers for the plan's controlled vocabularies.
enum Vocabulary {
    /// Lower-cases and turns spaces and underscores into hyphens: "Civil Society" -> "civil-society".
    static func normalise(_ name: String) -> String {
        // Already a canonical word (the usual case): nothing to change.
        if name.utf8.allSatisfy({ (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }) { return name }
        return String(name.lowercased().map { $0 == " " || $0 == "_" ? "-" : $0 })
            .trimmingCharacters(in: .whitespaces)
    }
}
