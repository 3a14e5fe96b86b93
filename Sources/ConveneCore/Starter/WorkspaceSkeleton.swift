import Foundation

/// A commented starting `plan.yaml` for a new workspace (`convene init`): settings, the five tiers
/// with the country's names for them, one organisation and one person per tier and one from civil
/// society, a venue in the capital, a series, a roundtable and its two-day follow-up still to be
/// placed. It validates and checks clean as written; every line is there to be edited.
public struct WorkspaceSkeleton: Sendable, Hashable {
    /// Capital city, time zone and rough position of the countries the skeleton knows.
    struct Capital: Sendable, Hashable {
        var city: String
        var zone: String
        var latitude: Double
        var longitude: Double
    }

    static let capitals: [String: Capital] = [
        "BD": Capital(city: "Dhaka", zone: "Asia/Dhaka", latitude: 23.81, longitude: 90.41),
        "CA": Capital(city: "Ottawa", zone: "America/Toronto", latitude: 45.42, longitude: -75.70),
        "FI": Capital(city: "Helsinki", zone: "Europe/Helsinki", latitude: 60.17, longitude: 24.94),
        "FR": Capital(city: "Paris", zone: "Europe/Paris", latitude: 48.86, longitude: 2.35),
        "GB": Capital(city: "London", zone: "Europe/London", latitude: 51.51, longitude: -0.13),
        "ID": Capital(city: "Jakarta", zone: "Asia/Jakarta", latitude: -6.21, longitude: 106.85),
        "IN": Capital(city: "New Delhi", zone: "Asia/Kolkata", latitude: 28.61, longitude: 77.21),
        "IQ": Capital(city: "Baghdad", zone: "Asia/Baghdad", latitude: 33.31, longitude: 44.36),
        "KE": Capital(city: "Nairobi", zone: "Africa/Nairobi", latitude: -1.29, longitude: 36.82),
        "MW": Capital(city: "Lilongwe", zone: "Africa/Blantyre", latitude: -13.96, longitude: 33.77),
        "NG": Capital(city: "Abuja", zone: "Africa/Lagos", latitude: 9.08, longitude: 7.40),
        "PH": Capital(city: "Manila", zone: "Asia/Manila", latitude: 14.60, longitude: 120.98),
        "SN": Capital(city: "Dakar", zone: "Africa/Dakar", latitude: 14.72, longitude: -17.47),
        "UG": Capital(city: "Kampala", zone: "Africa/Kampala", latitude: 0.35, longitude: 32.58),
        "US": Capital(city: "Washington", zone: "America/New_York", latitude: 38.91, longitude: -77.04),
        "ZA": Capital(city: "Pretoria", zone: "Africa/Johannesburg", latitude: -25.75, longitude: 28.19),
    ]

    /// The countries the skeleton knows a capital and zone for.
    public static var knownCountries: [String] { capitals.keys.sorted() }

    public var name: String
    public var country: String
    public var capital: String
    public var timeZone: String
    let latitude: Double
    let longitude: Double
    /// The day the skeleton's dates are counted from.
    public var today: CivilDate

    /// Nil when the country is not known and no zone is given (the caller asks for `--timezone`).
    /// - Parameters:
    ///   - name: the workspace's name (lower-case words joined by hyphens).
    ///   - timeZone: overrides the capital's zone; needed for a country not in ``knownCountries``.
    public init?(name: String, country: String, timeZone: String? = nil, city: String? = nil, today: CivilDate) {
        let code = country.uppercased()
        let known = Self.capitals[code]
        guard let zone = timeZone ?? known?.zone, ZoneClock.isKnownZone(zone) else { return nil }
        self.name = name
        self.country = code
        self.timeZone = zone
        capital = city ?? known?.city ?? "Capital"
        latitude = known?.latitude ?? 0
        longitude = known?.longitude ?? 0
        self.today = today
    }

    /// An id-shaped version of a folder name: "My Workspace" -> "my-workspace".
    public static func workspaceName(from folder: String) -> String {
        let words = folder.lowercased().split { !($0.isLetter || $0.isNumber) }
        let name = words.joined(separator: "-").filter { $0.isASCII }
        return name.isEmpty ? "convenings" : name
    }

    /// The first Tuesday at least `weeks` weeks from `day`.
    static func tuesday(after day: CivilDate, weeks: Int) -> CivilDate {
        var date = day.adding(days: weeks * 7)
        while date.isoWeekday != 2 { date = date.adding(days: 1) }
        return date
    }

    /// The plan text.
    public var text: String {
        let cc = country.lowercased()
        func level(_ tier: GovernmentLevel) -> String { tier.localName(in: country) }
        let roundtable = Self.tuesday(after: today, weeks: 8)
        let windowStart = roundtable.adding(months: 6), windowEnd = roundtable.adding(months: 8)
        let place = capital.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: "-").filter(\.isASCII)
        let venue = "\(place.isEmpty ? cc : place)-venue"
        return """
            # Convene plan for \(name): edit every line to match your convenings.
            # Format: docs/plan-format.md. Check it with `convene validate` and `convene check`.
            workspace: \(name)
            organizer: {name: Convening team, email: convenings@\(name).example}   # who sends the invitations

            settings:
              # The working day at in-person venues (and, in person or not, each day of a multi-day event).
              working-hours: {start: "09:00", end: "17:00", days: [mon, tue, wed, thu, fri]}
              travel: {speed-kmh: 700, overhead-minutes: 180, slack-minutes: 120}

            # What \(country) calls the five canonical tiers; shown wherever \(country)'s events are read.
            levels:
              \(country): {national: \(level(.national)), regional: \(level(.regional)), district: \(level(.district)), local: \(level(.local)), neighbourhood: \(level(.neighbourhood))}

            # Public holidays and other days not to convene (`convene import holidays.ics --blackouts` writes these lines).
            blackouts: []

            # One organisation per tier of government, and one from civil society: rename, add more.
            organisations:
              - {id: \(cc)-national, name: National coordination centre, country: \(country), level: national}
              - {id: \(cc)-regional, name: Regional government, country: \(country), level: regional}
              - {id: \(cc)-district, name: District government, country: \(country), level: district}
              - {id: \(cc)-local, name: City council, country: \(country), level: local}
              - {id: \(cc)-neighbourhood, name: Ward committee, country: \(country), level: neighbourhood}
              - {id: \(cc)-civil-society, name: Community peace network, country: \(country), sector: civil-society}

            # People are invited by id; email (or phone) is how invitations reach them.
            people:
              - {id: national-focal-point, name: National Focal Point, email: focal.point@national.example, organisation: \(cc)-national, timezone: \(timeZone), deputy: national-deputy}
              - {id: national-deputy, name: National Deputy, email: deputy@national.example, organisation: \(cc)-national, timezone: \(timeZone)}
              - {id: regional-officer, name: Regional Officer, email: officer@regional.example, organisation: \(cc)-regional, timezone: \(timeZone)}
              - {id: district-officer, name: District Officer, email: officer@district.example, organisation: \(cc)-district, timezone: \(timeZone)}
              - {id: mayor, name: City Mayor, email: mayor@city.example, organisation: \(cc)-local, timezone: \(timeZone)}
              - {id: ward-chair, name: Ward Chair, email: chair@ward.example, organisation: \(cc)-neighbourhood, timezone: \(timeZone)}
              - {id: network-lead, name: Network Lead, email: lead@peace-network.example, organisation: \(cc)-civil-society, timezone: \(timeZone)}

            venues:
              - {id: \(venue), name: Conference centre, city: \(capital), country: \(country), timezone: \(timeZone), geo: [\(latitude), \(longitude)], capacity: 60}

            series:
              - id: \(cc)-nlc
                title: National-local cooperation in \(country)
                country: \(country)
                cadence: {max-gap-months: 12, min-gap-months: 3}   # follow-ups between 3 and 12 months apart

            events:
              - id: \(cc)-roundtable
                kind: roundtable
                title: National-local roundtable
                series: \(cc)-nlc
                start: \(roundtable)T09:00        # venue-local time
                end: \(roundtable)T16:00
                venue: \(venue)
                pillars: [coordination, inclusivity]
                requires: {levels: [national, local], sectors: [civil-society]}
                invite:
                  - {person: national-focal-point, role: chair}
                  - {person: mayor, role: co-chair}
                  - {organisation: \(cc)-regional, role: required}
                  - {organisation: \(cc)-district, role: required}
                  - {organisation: \(cc)-neighbourhood, role: required}
                  - {organisation: \(cc)-civil-society, role: required}

              # Still to be placed: `convene suggest \(cc)-follow-up` or `convene schedule \(cc)-nlc` proposes times.
              - id: \(cc)-follow-up
                kind: follow-up-dialogue
                title: Follow-up on the roundtable's action points
                series: \(cc)-nlc
                follows: \(cc)-roundtable
                duration: 2d                         # two working days in a row at the venue
                window: [\(windowStart), \(windowEnd)]
                venue: \(venue)
                requires: {levels: [national, local]}
                invite:
                  - {person: national-focal-point, role: chair}
                  - {person: mayor, role: required}
                  - {organisation: \(cc)-neighbourhood, role: required}
                  - {organisation: \(cc)-civil-society, role: optional}

            """
    }
}
