/// Walk-ins: people not in the plan, recorded as guests with what the sheet says about them.
extension AttendanceImporter {
    /// A walk-in from the row's organisation, level or sector and country.
    static func guest(row: SignInSheet.Row, layout: SheetLayout, name: String, email: String?, event: Event, index: PlanIndex,
                      fail: (SheetColumn?, String, String) -> Void) -> Guest? {
        var guest = Guest(name: name, email: email)
        var ok = true
        if let written = layout.value(.organisation, in: row) {
            guest.organisation = written
            let key = NameKey.key(written)
            if let org = index.organisations[written] ?? index.plan.organisations.first(where: { NameKey.key($0.name) == key }) {
                guest.organisationID = org.id
                switch org.constituency {
                case .level(let level): guest.level = level
                case .sector(let sector): guest.sector = sector
                }
                guest.country = org.country
            }
        }
        // The sheet's level or sector overrides the organisation's; a level wins when both are given.
        // A level may be written in the country's own names (`levels:` in the plan).
        let country = layout.value(.country, in: row)?.uppercased() ?? guest.country ?? index.country(of: event)
        var level: GovernmentLevel?, sector: Sector?, explicit = false
        for column in [SheetColumn.level, .sector] {
            guard let written = layout.value(column, in: row) else { continue }
            explicit = true
            if let value = index.plan.level(named: written, in: country) {
                level = level ?? value
            } else if let value = Sector(name: written) {
                sector = sector ?? value
            } else {
                let national = country.flatMap { index.plan.levelNames[$0] }.map { $0.values.map(Vocabulary.normalise) } ?? []
                let names = Array(GovernmentLevel.aliases.keys) + Array(Sector.aliases.keys) + national
                let guess = Spelling.closest(to: Vocabulary.normalise(written), in: names)
                fail(column, "unknown \(column.rawValue) '\(written)'",
                     (guess.map { "did you mean '\($0)'? " } ?? "") + "levels: \(GovernmentLevel.allCases.map(\.rawValue).joined(separator: ", ")); sectors: \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
                ok = false
            }
        }
        if explicit {
            guest.level = level
            guest.sector = level == nil ? sector : nil
        }
        if let country = layout.value(.country, in: row) {
            let code = country.uppercased()
            if code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) {
                guest.country = code
            } else {
                fail(.country, "country '\(country)' is not a two-letter ISO 3166 code", "write e.g. UG, MW, IQ, FI, CA, US")
                ok = false
            }
        }
        if guest.country == nil { guest.country = index.country(of: event) }
        return ok ? guest : nil
    }
}
