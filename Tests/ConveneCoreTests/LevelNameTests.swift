import Foundation
import Testing
@testable import ConveneCore

/// National names for the canonical tiers (`levels:`): shown when one country's events are read,
/// canonical across countries.
@Suite("National names for levels")
struct LevelNameTests {
    static let text = PlanFixtures.plan(events: """
          - id: nairobi-roundtable
            kind: roundtable
            title: County and ward governments
            start: 2024-10-15T09:00
            end: 2024-10-15T16:00
            venue: nairobi
            invite:
              - {organisation: nairobi-county, role: required}
          - id: kampala-roundtable
            kind: roundtable
            title: Kampala
            start: 2024-10-16T09:00
            end: 2024-10-16T16:00
            venue: kampala
            invite:
              - {person: regina, role: required}
        """)
        .replacingOccurrences(of: "organisations:\n", with: "levels: {KE: {district: county government, neighbourhood: ward}, ug: {local: municipal council}}\norganisations:\n  - {id: nairobi-county, name: Nairobi City County, country: KE, level: county}\n")
        .replacingOccurrences(of: "venues:\n", with: "venues:\n  - {id: nairobi, name: KICC, city: Nairobi, country: KE, timezone: Africa/Nairobi, capacity: 50}\n")

    @Test func aCountryReadsItsOwnNamesAndTablesAcrossCountriesStayCanonical() throws {
        let index = PlanIndex(try PlanFixtures.load(Self.text))
        #expect(index.plan.levelNames["KE"]?[.district] == "county government")
        #expect(index.levelName(.local, in: "UG") == "municipal council")
        #expect(index.levelName(.regional, in: "CA") == "provincial/territorial")   // common name, no `levels:` entry
        #expect(index.levelName(.national, in: "KE") == "national")

        let kenya = RepresentationReport.compute(index: index, scope: .country("KE"))
        #expect(kenya.levelNames?["district"] == "county government")
        #expect(kenya.events.first?.tally("district") != nil)   // canonical keys in the data
        let all = RepresentationReport.compute(index: index)
        #expect(all.levelNames == nil)

        let summary = EventSummary.list(index).first { $0.id == "nairobi-roundtable" }
        #expect(summary?.invitedLevels == ["district"] && summary?.invitedLevelNames == ["county government"])
    }

    @Test func badLevelNamesAreLocated() {
        var messages: [String] = []
        do {
            _ = try PlanFixtures.load(Self.text.replacingOccurrences(of: "{KE: {district: county government", with: "{KEN: {district: x}, KE: {county: county government"))
        } catch let error as InputError { messages = error.diagnostics.map(\.message) } catch {}
        #expect(messages.contains { $0.contains("'KEN' in levels is not an ISO 3166 two-letter code") })
        #expect(messages.contains { $0.contains("'county' in levels.KE is not a canonical tier") })
    }
}
