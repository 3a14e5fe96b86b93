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

    /// A country's own names are `level:` spellings for its organisations and people, in any plan
    /// file; a person's country is their organisation's.
    static let ghana: [(name: String, text: String)] = [
        ("plan.yaml", """
            workspace: ghana
            organizer: {name: Desk, email: desk@example.org}
            levels: {GH: {district: Metropolitan Assembly, neighbourhood: unit-committee}}
            organisations:
              - {id: ama, name: Accra Metropolitan Assembly, country: GH, level: metropolitan-assembly}
              - {id: uc-desk, name: Unit committees, country: GH, level: unit-committee}
              - {id: ke-county, name: Nairobi City County, country: KE, level: county}
            """),
        ("plan/people.yaml", """
            people:
              - {id: ama-chief, name: Chief Executive, email: ce@ama.example, organisation: ama}
              - {id: uc-member, name: Unit Member, email: m@uc.example, organisation: ama, level: Unit-Committee}
            """),
    ]

    @Test func aCountrysOwnNamesAreLevelSpellingsForItsOrganisationsAndPeople() throws {
        let plan = try PlanLoader().parse(files: Self.ghana)
        let index = PlanIndex(plan)
        #expect(index.organisations["ama"]?.constituency == .level(.district))
        #expect(index.organisations["uc-desk"]?.constituency == .level(.neighbourhood))
        #expect(index.organisations["ke-county"]?.constituency == .level(.district))   // a common name, no `levels:` needed
        #expect(index.people["uc-member"]?.constituency == .level(.neighbourhood))
        #expect(index.constituency(of: index.people["ama-chief"]!) == .level(.district))
    }

    @Test func anUnknownSpellingListsTheCanonicalTiersAndTheCountrysNames() {
        var files = Self.ghana
        files[0].text = files[0].text.replacingOccurrences(of: "level: unit-committee}", with: "level: unit-comittee}")
        files[1].text = files[1].text.replacingOccurrences(of: "level: Unit-Committee", with: "level: zonal-council")
        files[0].text += "\n  - {id: nowhere, name: No country, level: metropolitan-assembly}"
        let found = PlanFixtures.problems(files)
        #expect(found.count == 3, "\(found)")
        let typo = found.first { $0.message == "unknown level 'unit-comittee' in organisation 'uc-desk'" }
        #expect(typo?.location.file == "plan.yaml" && typo?.location.line == 6)
        #expect(typo?.hint.hasPrefix("did you mean 'unit-committee'?") == true)
        #expect(typo?.hint.contains("national, regional, district, local, neighbourhood") == true)
        #expect(typo?.hint.contains("GH's names (levels.GH): Metropolitan Assembly (district), unit-committee (neighbourhood)") == true)
        let person = found.first { $0.message == "unknown level 'zonal-council' in person 'uc-member'" }
        #expect(person?.location.file == "plan/people.yaml" && person?.location.line == 3)
        let stateless = found.first { $0.message.contains("organisation 'nowhere'") }
        #expect(stateless?.hint.contains("need its country: give the entry a `country:`") == true)
    }
}
