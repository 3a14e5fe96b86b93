import Foundation

/// A reference from one entity to another, checked once the whole plan is read. A plan of
/// 20 000 events makes 400 000 of them, nearly all to people it declares: each is kept small (its
/// place as a line and column, the file given by its ``Group``; 48 bytes, not 88).
struct PlanReference: Sendable {
    enum Target: String, Sendable, CaseIterable { case organisation, person, venue, series, event }
    var id: String
    /// What refers, e.g. "person 'regina-bakitte'", and by which key, e.g. "deputy".
    var owner: String
    var key: String
    var line: Int32
    var column: Int32
    var target: Target
    /// For the message: "person 'regina-bakitte' (deputy)".
    var from: String { "\(owner) (\(key))" }

    func location(in file: String) -> SourceLocation { SourceLocation(file: file, line: Int(line), column: Int(column)) }

    /// The references one decoder made, all in one file.
    struct Group: Sendable {
        var file: String
        var references: [PlanReference]
    }
}

extension PlanReference.Target {
    init?(_ subject: Subject) {
        switch subject {
        case .organisation: self = .organisation
        case .person: self = .person
        case .venue: self = .venue
        case .series: self = .series
        case .event: self = .event
        }
    }
}

/// What one plan file holds, decoded on its own (files are read in parallel): its entities, the
/// ids it declares and the references it makes to ids it does not declare, which are checked
/// once every file is read.
struct PlanPart {
    /// `workspace`, `organizer` and `settings`, from `plan.yaml` only.
    var name: String?
    var organizer: Organizer?
    var settings: PlanSettings?
    /// `levels`: what each country calls the canonical tiers (from `plan.yaml` only).
    var levelNames: [String: [GovernmentLevel: String]] = [:]
    var organisations: [Organisation] = []
    var people: [Person] = []
    var venues: [Venue] = []
    var series: [Series] = []
    var blackouts: [Blackout] = []
    var events: [Event] = []
}

/// Turns the YAML tree of one plan file into a ``PlanPart``, recording every problem it meets.
struct PlanDecoder {
    var reader: YAMLReader
    /// References to ids this decoder has not seen declared (checked once the plan is read).
    var references: [PlanReference] = []
    /// The references of the decoders merged into this one (other files, pieces of long lists),
    /// each checked where it is.
    var mergedReferences: [PlanReference.Group] = []
    /// For a decoder reading a piece of a long list on its own core: the ids its file declared
    /// before the list (a reference to one of them needs no check at the end).
    var declaredBefore: [PlanReference.Target: Set<String>] = [:]
    /// Every id, with where it was declared, to catch duplicates across the whole file.
    var declared: [String: SourceLocation] = [:]
    /// Ids in the order they were declared (to find duplicates across files).
    var declaredInOrder: [(id: String, location: SourceLocation)] = []
    var locations: [Subject: SourceLocation] = [:]
    /// Ids declared for each kind of entity, even those whose entry had mistakes (so that
    /// references to them are not reported a second time).
    var declaredByTarget: [PlanReference.Target: Set<String>] = [:]
    /// RRULEs to check with the full (libical) parser once the plan is read.
    var ruleLocations: [(rule: String, location: SourceLocation, what: String)] = []
    /// `level:` values that may be a country's own name for a tier, resolved once the plan is read.
    var nationalLevels: [NationalLevelSpelling] = []

    init(file: String) { reader = YAMLReader(file: file) }

    /// The list sections, which any plan file may hold.
    static let listKeys = ["blackouts", "organisations", "people", "venues", "series", "events"]
    /// What only `plan.yaml` holds: the workspace as a whole.
    static let workspaceKeys = ["workspace", "organizer", "settings", "levels"]

    /// Decodes one file's tree; `main` is true for `plan.yaml`, false for a file under `plan/`.
    /// `spareCores`: the plan has cores to spare for this file (it is large and few are), so its
    /// long lists are decoded in pieces on every core.
    /// `early`: the events already decoded while the file was composed, if any.
    mutating func decode(_ root: YAMLNode, main: Bool, spareCores: Bool = false, early: EarlyEvents? = nil) -> PlanPart? {
        guard let top = reader.mapping(root, what: main ? "the plan" : "a plan file",
                                       allowed: main ? Self.workspaceKeys + Self.listKeys : Self.listKeys) else { return nil }
        var part = PlanPart()
        if main {
            let name = reader.string(top, "workspace", in: "the plan", parent: root)
            part.name = name
            if let node = top["organizer"],
               let fields = reader.mapping(node, what: "organizer", allowed: ["name", "email"]) {
                let fallback = name ?? "workspace"
                part.organizer = Organizer(
                    name: reader.string(fields, "name", in: "organizer", parent: node, required: true) ?? fallback,
                    email: reader.string(fields, "email", in: "organizer", parent: node, required: true) ?? "convenings@\(fallback).example")
            }
            part.settings = top["settings"].map { decodeSettings($0) }
            part.levelNames = decodeLevelNames(top["levels"])
        }
        let known = main ? Self.workspaceKeys + Self.listKeys : Self.listKeys
        func section(_ name: String) -> YAMLNode? { Self.section(top, name, known: known) }
        part.organisations = list(section("organisations"), what: "organisations", spareCores) { $0.decodeOrganisation($1) }
        part.people = list(section("people"), what: "people", spareCores) { $0.decodePerson($1) }
        part.venues = list(section("venues"), what: "venues", spareCores) { $0.decodeVenue($1) }
        part.series = list(section("series"), what: "series", spareCores) { $0.decodeSeries($1) }
        part.blackouts = list(section("blackouts"), what: "blackouts", spareCores) { $0.decodeBlackout($1) }
        let events = section("events")
        let decodedEarly = events.flatMap { node in early?.decoded(list: node.index) } ?? (0, [])
        part.events = list(events, what: "events", spareCores, decodedEarly: decodedEarly) { $0.decodeEvent($1) }
        return part
    }

    /// Lists shorter than this are decoded on one core.
    static let parallelMinimum = 4096

    /// The items of a list section. With `spareCores`, a long list is cut into pieces, each
    /// decoded by a decoder of its own on every core and merged back in order, as the files of a
    /// plan are (the same entities, problems and duplicate ids as one decoder finds).
    /// `decodedEarly`: the pieces of its first items decoded already (``EarlyEvents``), and how
    /// many items they hold; the rest follow them.
    private mutating func list<Item: Sendable>(_ node: YAMLNode?, what: String, _ spareCores: Bool,
                                               decodedEarly: (count: Int, pieces: [(decoder: PlanDecoder, items: [Item])]) = (0, []),
                                               _ decodeItem: @Sendable (inout PlanDecoder, YAMLNode) -> Item?) -> [Item] {
        let items = reader.sequence(node, what: what)
        let early = decodedEarly.count <= items.count ? decodedEarly : (count: 0, pieces: [])
        let rest = early.count..<items.count
        let ranges = (spareCores ? Parallel.ranges(rest.count, minimum: Self.parallelMinimum) : [0..<rest.count])
            .map { ($0.lowerBound + early.count)..<($0.upperBound + early.count) }
        guard ranges.count > 1 || !early.pieces.isEmpty else { return items.compactMap { decodeItem(&self, $0) } }
        var before = declaredByTarget  // shared, not copied, unless this decoder is itself a piece's
        for (target, ids) in declaredBefore { before[target, default: []].formUnion(ids) }
        let (file, known) = (reader.file, before)
        let pieces = early.pieces + Parallel.map(ranges) { range -> (decoder: PlanDecoder, items: [Item]) in
            var piece = PlanDecoder(file: file)
            piece.declaredBefore = known
            let decoded = items[range].compactMap { decodeItem(&piece, $0) }
            return (piece, decoded)
        }
        // Room for the pieces' ids and places at once, not grown (and rehashed) piece by piece.
        declared.reserveCapacity(declared.count + items.count)
        declaredInOrder.reserveCapacity(declaredInOrder.count + items.count)
        locations.reserveCapacity(locations.count + items.count)
        // The pieces' items are put together on another core while their decoders are merged
        // here, in order (20 000 events copied beside 25 000 ids merged).
        let itemPieces = pieces.map(\.items), count = items.count
        let joined = Parallel.together(making: { Self.joined(itemPieces, count: count) }) {
            for piece in pieces { merge(piece.decoder) }
        }
        if let joined { return joined }
        for piece in pieces { merge(piece.decoder) }
        return Self.joined(itemPieces, count: count)
    }

    private static func joined<Item>(_ pieces: [[Item]], count: Int) -> [Item] {
        var items: [Item] = []
        items.reserveCapacity(count)
        for piece in pieces { items += piece }
        return items
    }

    static func duplicate(_ id: String, at location: SourceLocation, first: SourceLocation) -> Diagnostic {
        Diagnostic(location: location, message: "duplicate id '\(id)' (first declared at \(first))",
                   hint: "ids must be unique across the plan; rename one of them")
    }

    /// Reads and registers an entity's id.
    private mutating func declare(_ fields: Fields, in what: String, parent: YAMLNode,
                                  subject: (String) -> Subject) -> String? {
        guard let id = reader.string(fields, "id", in: what, parent: parent, required: true) else { return nil }
        let location = reader.location(of: fields["id"])
        if !Self.isWellFormedID(id) {
            reader.fail(fields["id"], "id '\(id)' should be lower-case letters, digits and hyphens",
                        hint: "rename it, e.g. '\(id.lowercased().replacingOccurrences(of: " ", with: "-"))'")
        }
        if let first = declared[id] {
            // Reported, then read on so that the entity's own mistakes are reported too.
            reader.diagnostics.append(Self.duplicate(id, at: location, first: first))
            return id
        }
        declared[id] = location
        declaredInOrder.append((id, location))
        if let target = PlanReference.Target(subject(id)) { declaredByTarget[target, default: []].insert(id) }
        locations[subject(id)] = reader.location(of: parent)
        return id
    }

    private mutating func refer(_ fields: Fields, _ key: String, to target: PlanReference.Target,
                                from: String, parent: YAMLNode) -> String? {
        guard let id = reader.string(fields, key, in: from, parent: parent) else { return nil }
        // An id declared already resolves whatever comes later: only the rest are checked at the end.
        // A piece of a long list finds most ids among those declared before it (its events invite
        // people of the plan): looked up there first.
        if !declaredBefore.isEmpty && declaredBefore[target]?.contains(id) == true || declaredByTarget[target]?.contains(id) == true { return id }
        let node = fields[key]
        references.append(PlanReference(id: id, owner: from, key: key, line: Int32(clamping: node?.line ?? 1),
                                        column: Int32(clamping: node?.column ?? 1), target: target))
        return id
    }

    private mutating func zone(_ fields: Fields, in what: String, parent: YAMLNode, required: Bool) -> String? {
        guard let zone = reader.string(fields, "timezone", in: what, parent: parent, required: required) else { return nil }
        guard ZoneClock.isKnownZone(zone) else {
            let guess = Spelling.closest(to: zone, in: KnownZones.all)
            reader.fail(fields["timezone"], "unknown time zone '\(zone)'",
                        hint: (guess.map { "did you mean '\($0)'? " } ?? "") + "use an IANA name such as Africa/Kampala or America/Toronto")
            return nil
        }
        return zone
    }

    private mutating func country(_ fields: Fields, in what: String, parent: YAMLNode) -> String? {
        guard let code = reader.string(fields, "country", in: what, parent: parent) else { return nil }
        guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            reader.fail(fields["country"], "country '\(code)' is not an ISO 3166 two-letter code",
                        hint: "write e.g. UG, MW, IQ, FI, CA, US, BD, ID, PH, IN")
            return nil
        }
        return code.uppercased()
    }

    /// `level: X` or `sector: Y` (exactly one when `required`).
    private mutating func constituency(_ fields: Fields, in what: String, parent: YAMLNode, required: Bool,
                                       owner: (owner: NationalLevelSpelling.Owner, country: String?, organisationID: String?)? = nil) -> Constituency? {
        let level = reader.string(fields, "level", in: what, parent: parent)
        let sector = reader.string(fields, "sector", in: what, parent: parent)
        switch (level, sector) {
        case (nil, nil):
            if required { reader.fail(parent, "\(what) has neither 'level' nor 'sector'", hint: "add `level: national` (or regional, district, local, neighbourhood) or `sector: civil-society` (or youth, research, faith, law-enforcement, ...)") }
            return nil
        case (let l?, nil):
            if let value = GovernmentLevel(name: l) { return .level(value) }
            if let owner, Sector(name: l) == nil {
                // Perhaps the country's own name for a tier (`levels:`): a stand-in until the plan is read.
                nationalLevels.append(NationalLevelSpelling(owner: owner.owner, spelling: l, country: owner.country,
                                                            organisationID: owner.organisationID,
                                                            location: reader.location(of: fields["level"]), what: what))
                return .level(.local)
            }
            reader.fail(fields["level"], "unknown level '\(l)' in \(what)",
                        hint: Sector(name: l) != nil ? "'\(l)' is a sector: write `sector: \(l)`" : "use national, regional, district, local or neighbourhood (or a local name such as state, provincial, municipal, ward, barangay)")
            return nil
        case (nil, let s?):
            if let value = Sector(name: s) { return .sector(value) }
            reader.fail(fields["sector"], "unknown sector '\(s)' in \(what)",
                        hint: GovernmentLevel(name: s) != nil ? "'\(s)' is a government level: write `level: \(s)`" : "use one of: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        case (_?, _?):
            reader.fail(fields["sector"], "\(what) has both 'level' and 'sector'", hint: "keep one of them")
            return nil
        }
    }

    /// Lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit.
    static func isWellFormedID(_ id: String) -> Bool {
        guard let first = id.utf8.first, (0x61...0x7A).contains(first) || (0x30...0x39).contains(first) else { return false }
        return id.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    /// `local@domain.tld`, with no spaces and one `@`.
    static func isEmailAddress(_ text: String) -> Bool {
        // One `@`, something before it, no white space, and a domain of two or more labels, none
        // empty. An ASCII address (nearly every one) is read byte by byte: split into Substrings
        // and walked as Characters, 5 000 people's addresses cost a plan's reading more than its
        // venues. Any other is read by Characters (an `@` or `.` with a combining mark is not one).
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
            let domain = parts[1].split(separator: ".", omittingEmptySubsequences: false)
            return domain.count >= 2 && domain.allSatisfy { !$0.isEmpty }
        }
        let at = UInt8(ascii: "@"), dot = UInt8(ascii: ".")
        guard let split = bytes.firstIndex(of: at), split != bytes.startIndex else { return false }
        let domain = bytes[bytes.index(after: split)...]
        guard !domain.contains(at), !bytes.contains(where: { $0 == 0x20 || (0x09...0x0D).contains($0) }),
              let first = domain.first, let last = domain.last else { return false }
        return first != dot && last != dot && domain.contains(dot) && !zip(domain, domain.dropFirst()).contains { $0 == dot && $1 == dot }
    }

    // MARK: Sections

    private mutating func decodeSettings(_ node: YAMLNode) -> PlanSettings {
        var settings = PlanSettings()
        guard let fields = reader.mapping(node, what: "settings", allowed: ["travel", "working-hours", "mail"]) else { return settings }
        if let mail = fields["mail"] { settings.sendmail = decodeMailSettings(mail) }
        if let travelNode = fields["travel"],
           let travel = reader.mapping(travelNode, what: "settings.travel", allowed: ["speed-kmh", "overhead-minutes", "slack-minutes"]) {
            if let v = reader.int(travel, "speed-kmh", in: "settings.travel", parent: travelNode, range: 1...5000) { settings.travelSpeedKmh = Double(v) }
            if let v = reader.int(travel, "overhead-minutes", in: "settings.travel", parent: travelNode) { settings.travelOverheadMinutes = v }
            if let v = reader.int(travel, "slack-minutes", in: "settings.travel", parent: travelNode) { settings.travelSlackMinutes = v }
        }
        if let hours = fields["working-hours"], let value = decodeWorkingHours(hours, what: "settings.working-hours") {
            settings.defaultWorkingHours = value
        }
        return settings
    }

    /// `settings.mail: {sendmail: "msmtp -t --account=work"}`: the command `convene send` pipes
    /// each message to, when no `--sendmail` or `--out` is given.
    private mutating func decodeMailSettings(_ node: YAMLNode) -> String? {
        guard let fields = reader.mapping(node, what: "settings.mail", allowed: ["sendmail"]) else { return nil }
        return reader.string(fields, "sendmail", in: "settings.mail", parent: node)
    }

    private mutating func decodeWorkingHours(_ node: YAMLNode, what: String) -> WorkingHours? {
        guard let fields = reader.mapping(node, what: what, allowed: ["start", "end", "days"]) else { return nil }
        guard let startNode = fields["start"], let endNode = fields["end"] else {
            reader.fail(node, "\(what) needs both 'start' and 'end'", hint: "write `{start: \"09:00\", end: \"17:00\"}`")
            return nil
        }
        guard let start = reader.clock(startNode, what: "\(what) start"),
              let end = reader.clock(endNode, what: "\(what) end") else { return nil }
        guard end > start else {
            reader.fail(endNode, "\(what) ends before it starts", hint: "make 'end' later than 'start'")
            return nil
        }
        var days: Set<Int> = [1, 2, 3, 4, 5]
        if fields["days"] != nil {
            days = []
            let names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            for dayNode in reader.sequence(fields["days"], what: "\(what) days") {
                let name = String((dayNode.text ?? "").lowercased().prefix(3))
                if let index = names.firstIndex(of: name) { days.insert(index + 1) } else {
                    reader.fail(dayNode, "'\(dayNode.text ?? "")' is not a day of the week", hint: "use mon, tue, wed, thu, fri, sat, sun")
                }
            }
        }
        return WorkingHours(startMinute: start, endMinute: end, weekdays: days)
    }

    private mutating func decodeOrganisation(_ node: YAMLNode) -> Organisation? {
        guard let f = reader.mapping(node, what: "an organisation", allowed: ["id", "name", "country", "level", "sector", "notes"]),
              let id = declare(f, in: "an organisation", parent: node, subject: Subject.organisation) else { return nil }
        let what = "organisation '\(id)'"
        let name = reader.string(f, "name", in: what, parent: node, required: true) ?? id
        let country = country(f, in: what, parent: node)
        guard let constituency = constituency(f, in: what, parent: node, required: true,
                                              owner: (.organisation(id), country, nil)) else { return nil }
        return Organisation(id: id, name: name, country: country, constituency: constituency)
    }

    private mutating func decodePerson(_ node: YAMLNode) -> Person? {
        guard let f = reader.mapping(node, what: "a person", allowed: ["id", "name", "email", "phone", "organisation", "title", "timezone", "working-hours", "deputy", "level", "sector", "notes"]),
              let id = declare(f, in: "a person", parent: node, subject: Subject.person) else { return nil }
        let what = "person '\(id)'"
        let email = reader.string(f, "email", in: what, parent: node)
        let phone = reader.string(f, "phone", in: what, parent: node)
        if email == nil && phone == nil {
            reader.fail(node, "\(what) has no way to be contacted", hint: "add `email: name@organisation.example` (or `phone:`)")
        }
        if let email, !Self.isEmailAddress(email) {
            reader.fail(f["email"], "'\(email)' is not an email address", hint: "write it as name@domain.example")
        }
        var hours: WorkingHours?
        if let node = f["working-hours"] { hours = decodeWorkingHours(node, what: "\(what) working-hours") }
        return Person(
            id: id, name: reader.string(f, "name", in: what, parent: node, required: true) ?? id,
            email: email, phone: phone,
            organisationID: refer(f, "organisation", to: .organisation, from: what, parent: node),
            title: reader.string(f, "title", in: what, parent: node),
            timeZone: zone(f, in: what, parent: node, required: false),
            workingHours: hours,
            deputyID: refer(f, "deputy", to: .person, from: what, parent: node),
            constituency: constituency(f, in: what, parent: node, required: false,
                                       owner: (.person(id), nil, f["organisation"]?.text)))
    }

    private mutating func decodeVenue(_ node: YAMLNode) -> Venue? {
        guard let f = reader.mapping(node, what: "a venue", allowed: ["id", "name", "city", "country", "timezone", "geo", "capacity", "mode", "url", "address", "notes"]),
              let id = declare(f, in: "a venue", parent: node, subject: Subject.venue) else { return nil }
        let what = "venue '\(id)'"
        var latitude: Double?, longitude: Double?
        if let geo = f["geo"] {
            let parts = reader.sequence(geo, what: "\(what) geo")
            if parts.count == 2, let lat = reader.double(parts[0], what: "latitude"), let lon = reader.double(parts[1], what: "longitude") {
                if abs(lat) <= 90 && abs(lon) <= 180 { latitude = lat; longitude = lon } else {
                    reader.fail(geo, "\(what) geo [\(lat), \(lon)] is off the globe", hint: "write [latitude, longitude] with latitude within ±90 and longitude within ±180")
                }
            } else if parts.count != 2 {
                reader.fail(geo, "\(what) geo should be [latitude, longitude]", hint: "e.g. geo: [0.3476, 32.5825]")
            }
        }
        var mode = AttendanceMode.inPerson
        if let text = reader.string(f, "mode", in: what, parent: node) {
            if let value = AttendanceMode(rawValue: text.lowercased()) { mode = value } else {
                reader.fail(f["mode"], "unknown mode '\(text)' for \(what)", hint: "use in-person, virtual or hybrid")
            }
        }
        let url = reader.string(f, "url", in: what, parent: node)
        if mode != .inPerson && url == nil {
            reader.fail(node, "\(what) is \(mode.rawValue) but has no conference link", hint: "add `url: https://...`")
        }
        guard let zone = zone(f, in: what, parent: node, required: true) else { return nil }
        return Venue(id: id, name: reader.string(f, "name", in: what, parent: node) ?? reader.string(f, "city", in: what, parent: node) ?? id,
                     city: reader.string(f, "city", in: what, parent: node),
                     country: country(f, in: what, parent: node), timeZone: zone,
                     latitude: latitude, longitude: longitude,
                     capacity: reader.int(f, "capacity", in: what, parent: node, range: 1...Int.max),
                     mode: mode, conferenceURL: url, address: reader.string(f, "address", in: what, parent: node))
    }

    private mutating func decodeSeries(_ node: YAMLNode) -> Series? {
        guard let f = reader.mapping(node, what: "a series", allowed: ["id", "title", "country", "cadence", "notes"]),
              let id = declare(f, in: "a series", parent: node, subject: Subject.series) else { return nil }
        let what = "series '\(id)'"
        var cadence: Cadence?
        if let c = f["cadence"], let cf = reader.mapping(c, what: "\(what) cadence", allowed: ["max-gap-months", "min-gap-months"]) {
            cadence = Cadence(maxGapMonths: reader.int(cf, "max-gap-months", in: "\(what) cadence", parent: c, range: 1...600),
                              minGapMonths: reader.int(cf, "min-gap-months", in: "\(what) cadence", parent: c, range: 0...600))
        }
        return Series(id: id, title: reader.string(f, "title", in: what, parent: node, required: true) ?? id,
                      country: country(f, in: what, parent: node), cadence: cadence,
                      notes: reader.string(f, "notes", in: what, parent: node))
    }

    private mutating func decodeBlackout(_ node: YAMLNode) -> Blackout? {
        guard let f = reader.mapping(node, what: "a blackout", allowed: ["id", "name", "from", "to", "country"]),
              let id = declare(f, in: "a blackout", parent: node, subject: Subject.event) else { return nil }
        declaredByTarget[.event]?.remove(id)
        let what = "blackout '\(id)'"
        guard let fromNode = f["from"] else {
            reader.fail(node, "\(what) has no 'from'", hint: "add `from: YYYY-MM-DD`")
            return nil
        }
        guard let from = reader.date(fromNode, what: "\(what) from") else { return nil }
        let through = f["to"].flatMap { reader.date($0, what: "\(what) to") } ?? from
        if through < from {
            reader.fail(f["to"], "\(what) ends (\(through)) before it starts (\(from))", hint: "swap 'from' and 'to'")
        }
        locations.removeValue(forKey: .event(id))
        return Blackout(id: id, name: reader.string(f, "name", in: what, parent: node) ?? id,
                        from: from, through: through, country: country(f, in: what, parent: node))
    }

    static let eventKeys = ["id", "kind", "title", "agenda", "notes", "start", "end", "date", "end-date",
                            "duration", "window", "timezone", "venue", "country", "series", "follows",
                            "pillars", "requires", "status", "transparent", "date-assumed", "recurrence", "invite",
                            "attended-count"]

    mutating func decodeEvent(_ node: YAMLNode) -> Event? {
        guard let f = reader.mapping(node, what: "an event", allowed: Self.eventKeys),
              let id = declare(f, in: "an event", parent: node, subject: Subject.event) else { return nil }
        let what = "event '\(id)'"
        let kindText = reader.string(f, "kind", in: what, parent: node, required: true)
        var kind = EventKind.roundtable
        if let kindText {
            if let value = EventKind(name: kindText) { kind = value } else {
                reader.fail(f["kind"], "unknown kind '\(kindText)' for \(what)",
                            hint: "use one of: \(EventKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let venueID = refer(f, "venue", to: .venue, from: what, parent: node)
        let explicitZone = zone(f, in: what, parent: node, required: false)
        // The venue's zone is filled in by the validator once venues are known.
        // An unknown zone is already reported: fall back to UTC so it is not reported twice.
        let zoneID = explicitZone ?? (f["timezone"] != nil ? "UTC" : "")
        guard let timing = decodeTiming(f, zone: zoneID, what: what, parent: node) else { return nil }
        var status = EventStatus.planned
        if let text = reader.string(f, "status", in: what, parent: node) {
            if let value = EventStatus(rawValue: text.lowercased()) { status = value } else {
                reader.fail(f["status"], "unknown status '\(text)' for \(what)", hint: "use planned, confirmed, held or cancelled")
            }
        }
        var pillars: [Pillar] = []
        for p in reader.sequence(f["pillars"], what: "\(what) pillars") {
            let text = p.text ?? ""
            if let pillar = Pillar(rawValue: text.lowercased()) { pillars.append(pillar) } else {
                reader.fail(p, "unknown NLC pillar '\(text)'", hint: "use trust, inclusivity, coordination, communication, capacity or sustainability")
            }
        }
        var recurrence: Recurrence?
        if let r = f["recurrence"], let rf = reader.mapping(r, what: "\(what) recurrence", allowed: ["rule", "except"]) {
            if let rule = reader.string(rf, "rule", in: "\(what) recurrence", parent: r, required: true) {
                if let problem = RecurrenceRuleSyntax.problem(in: rule) {
                    reader.fail(rf["rule"], "malformed recurrence rule '\(rule)' in \(what): \(problem)",
                                hint: "write an RFC 5545 RRULE such as FREQ=MONTHLY;INTERVAL=6;COUNT=4")
                }
                let exceptions = reader.sequence(rf["except"], what: "\(what) recurrence except").compactMap { node -> CivilDateTime? in
                    if let date = CivilDate(iso: node.text ?? "") { return CivilDateTime(date: date, minuteOfDay: 0) }
                    return reader.dateTime(node, what: "recurrence exception")
                }
                recurrence = Recurrence(rule: rule, exceptions: exceptions)
                ruleLocations.append((rule, reader.location(of: rf["rule"]), what))
            }
        }
        // Where the event is, for a level written in its country's own names (resolved later).
        let place = EventPlace(id: id, country: f["country"]?.text?.uppercased(), venueID: f["venue"]?.text)
        return Event(
            id: id, kind: kind, title: reader.string(f, "title", in: what, parent: node, required: true) ?? id,
            agenda: reader.string(f, "agenda", in: what, parent: node),
            notes: reader.string(f, "notes", in: what, parent: node),
            timing: timing, recurrence: recurrence, venueID: venueID,
            country: country(f, in: what, parent: node),
            seriesID: refer(f, "series", to: .series, from: what, parent: node),
            followsID: refer(f, "follows", to: .event, from: what, parent: node),
            pillars: pillars, requirements: decodeRequirements(f["requires"], what: what, place: place),
            status: status,
            isTransparent: reader.bool(f, "transparent", in: what, parent: node),
            dateIsAssumed: reader.bool(f, "date-assumed", in: what, parent: node),
            invitations: decodeInvitations(f["invite"], what: what),
            headCount: decodeHeadCount(f["attended-count"], what: what, place: place))
    }

    private mutating func decodeTiming(_ f: Fields, zone: String, what: String, parent: YAMLNode) -> EventTiming? {
        if let startNode = f["start"] {
            guard let endNode = f["end"] else {
                reader.fail(parent, "\(what) has a start but no end", hint: "add `end: YYYY-MM-DDTHH:MM`")
                return nil
            }
            guard let start = reader.dateTime(startNode, what: "\(what) start"),
                  let end = reader.dateTime(endNode, what: "\(what) end") else { return nil }
            if end <= start {
                reader.fail(endNode, "\(what) ends (\(end)) before or when it starts (\(start))",
                            hint: "make 'end' later than 'start' (both are venue-local times)")
                return nil
            }
            return .timed(start: start, end: end, timeZone: zone)
        }
        if let dateNode = f["date"] {
            guard let first = reader.date(dateNode, what: "\(what) date") else { return nil }
            let last = f["end-date"].flatMap { reader.date($0, what: "\(what) end-date") } ?? first
            if last < first {
                reader.fail(f["end-date"], "\(what) ends (\(last)) before it starts (\(first))",
                            hint: "make 'end-date' the same as or later than 'date'")
                return nil
            }
            return .allDay(first: first, last: last, timeZone: zone)
        }
        if let durationNode = f["duration"] {
            guard let minutes = reader.duration(durationNode, what: "\(what) duration") else { return nil }
            var earliest: CivilDate?, latest: CivilDate?
            if let window = f["window"] {
                let bounds = reader.sequence(window, what: "\(what) window")
                if bounds.count == 2 {
                    earliest = reader.date(bounds[0], what: "\(what) window start")
                    latest = reader.date(bounds[1], what: "\(what) window end")
                    if let e = earliest, let l = latest, l < e {
                        reader.fail(window, "\(what) window ends before it starts", hint: "write [first-day, last-day]")
                    }
                } else {
                    reader.fail(window, "\(what) window should be [first-day, last-day]", hint: "e.g. window: [2027-01-11, 2027-03-26]")
                }
            }
            return .unscheduled(durationMinutes: minutes, earliest: earliest, latest: latest, timeZone: zone)
        }
        reader.fail(parent, "\(what) has no time", hint: "add `start:` and `end:`, or `date:` (all-day), or `duration:` and `window:` for an event still to be scheduled")
        return nil
    }

    private mutating func decodeRequirements(_ node: YAMLNode?, what: String, place: EventPlace) -> Requirements {
        var result = Requirements()
        guard let node, let f = reader.mapping(node, what: "\(what) requires", allowed: ["levels", "sectors", "minimum"]) else { return result }
        for n in reader.sequence(f["levels"], what: "\(what) required levels") {
            let text = n.text ?? ""
            if let level = GovernmentLevel(name: text) { result.levels.append(level) } else if Sector(name: text) == nil {
                awaitCountryLevel(text, at: n, in: "\(what) requires", place: place, owner: .eventRequirement(place.id))
            } else {
                reader.fail(n, "unknown level '\(text)' in \(what) requires", hint: Sector(name: text) != nil ? "'\(text)' is a sector: list it under `sectors:`" : "use national, regional, district, local or neighbourhood")
            }
        }
        for n in reader.sequence(f["sectors"], what: "\(what) required sectors") {
            let text = n.text ?? ""
            if let sector = Sector(name: text) { result.sectors.append(sector) } else {
                reader.fail(n, "unknown sector '\(text)' in \(what) requires", hint: GovernmentLevel(name: text) != nil ? "'\(text)' is a government level: list it under `levels:`" : "use one of: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        if let m = f["minimum"], let mapping = m.pairs {
            for (key, value) in mapping {
                let text = key.text ?? ""
                guard let count = Int(value.text ?? ""), count >= 0 else {
                    reader.fail(value, "minimum for \(text) should be a whole number", hint: "e.g. `minimum: {national: 1, local: 2}`")
                    continue
                }
                guard let level = GovernmentLevel(name: text) else {
                    awaitCountryLevel(text, at: key, in: "\(what) minimum", place: place, owner: .eventMinimum(place.id, count: count))
                    continue
                }
                result.minimumPerLevel[level] = count
            }
        } else if let m = f["minimum"] {
            reader.fail(m, "\(what) minimum should map levels to numbers", hint: "e.g. `minimum: {national: 1, local: 2}`")
        }
        return result
    }

    static let invitationKeys = ["person", "organisation", "role", "stand-in"]

    private mutating func decodeInvitations(_ node: YAMLNode?, what: String) -> [Invitation] {
        let owner = "\(what) invitation"
        return reader.sequence(node, what: "\(what) invite").compactMap { item -> Invitation? in
            guard let f = reader.mapping(item, what: "an invitation of \(what)", allowed: Self.invitationKeys) else { return nil }
            var role = InvitationRole.required
            if let text = reader.string(f, "role", in: "an invitation", parent: item) {
                if let value = InvitationRole(rawValue: text.lowercased()) { role = value } else {
                    reader.fail(f["role"], "unknown role '\(text)'", hint: "use one of: \(InvitationRole.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            let standIn = refer(f, "stand-in", to: .person, from: owner, parent: item)
            if let person = refer(f, "person", to: .person, from: owner, parent: item) {
                return Invitation(invitee: .person(person), role: role, standInID: standIn)
            }
            if let org = refer(f, "organisation", to: .organisation, from: owner, parent: item) {
                return Invitation(invitee: .organisation(org), role: role)
            }
            reader.fail(item, "an invitation of \(what) names nobody", hint: "write `{person: ID, role: ...}` or `{organisation: ID, role: ...}`")
            return nil
        }
    }
}
