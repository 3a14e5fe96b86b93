import Foundation
import Testing
@testable import ConveneCore

/// Matching sheet rows to plan people: email, then name; near misses; deputies; walk-ins.
@Suite("Attendance: matching rows to people")
struct AttendanceMatchingTests {
    static let plan = PlanFixtures.plan(events: """
          - id: kampala-roundtable
            kind: roundtable
            title: Kampala roundtable
            start: 2024-10-15T09:00
            end: 2024-10-15T16:00
            venue: nansana-hall
            status: held
            invite:
              - {person: regina, role: chair}
              - {person: nctc-director, role: required}
              - {organisation: youth-forum, role: optional}
        """, extra: "")

    static func importing(_ sheet: String, accept: Bool = false) throws -> AttendanceImport {
        let index = PlanIndex(try PlanFixtures.load(plan))
        let event = try AttendanceImporter.event("kampala-roundtable", in: index)
        return try AttendanceImporter.read(try SignInSheet.parse(Data(sheet.utf8), file: "sheet.csv"),
                                           event: event, index: index, acceptSuggestions: accept)
    }

    static func diagnostics(_ sheet: String) -> [Diagnostic] {
        do { _ = try importing(sheet) } catch let error as InputError { return error.diagnostics } catch { return [] }
        return []
    }

    @Test func emailMatchesWhateverItsCase() throws {
        let result = try Self.importing("name,email\nSomeone Else,DIRECTOR@NCTC.EXAMPLE\n")
        #expect(result.records.map(\.personID) == ["nctc-director"])
        #expect(result.nearMisses.isEmpty)
    }

    @Test func namesMatchIgnoringCaseAccentsSpacingAndTitles() throws {
        let result = try Self.importing("name\n  regina   BAKITTE \nDr. Régina Bakitte\nNCTC Director\n")
        #expect(result.records.compactMap(\.personID) == ["regina", "nctc-director"])
        #expect(result.notes.contains { $0.line == 3 && $0.message.contains("also on line 2") })
        #expect(NameKey.key("José  Mäkinen") == NameKey.key("jose makinen"))
        #expect(NameKey.key("Rev. Canon Peter Wasswa") == "peter wasswa")
    }

    @Test func nearMissesAreShownWithASuggestionAndNotRecorded() throws {
        let result = try Self.importing("name,email\nRegina Bakite,\nBakitte Regina,\nSomeone,director@nctc.exmple\n")
        #expect(result.records.isEmpty)
        #expect(result.nearMisses.map(\.line) == [2, 3, 4])
        #expect(result.nearMisses.map(\.suggestedPersonID) == ["regina", "regina", "nctc-director"])
        #expect(result.nearMisses[0].reason == "one letter off")
        #expect(result.nearMisses[1].reason == "given and family names swapped")
        #expect(result.nearMisses[2].reason.contains("close to director@nctc.example"))
    }

    @Test func acceptedSuggestionsAreRecordedAsThePersonSuggested() throws {
        let result = try Self.importing("name\nRegina Bakite\n", accept: true)
        #expect(result.records.map(\.personID) == ["regina"])
        #expect(result.accepted.map(\.written) == ["Regina Bakite"])
        #expect(result.nearMisses.isEmpty)
    }

    @Test func aDeputyNamedInTheForColumnAttendsForTheInvitee() throws {
        let result = try Self.importing("name;for\nDeputy Mayor;Regina Bakitte\n")
        #expect(result.records.first?.personID == "deputy-mayor")
        #expect(result.records.first?.onBehalfOf == "regina")
        #expect(result.deputies == 1)
    }

    @Test func aPlanDeputyWhoIsNotInvitedIsInferredToStandIn() throws {
        let result = try Self.importing("email\ndeputy@nansana.example\n")
        #expect(result.records.first?.onBehalfOf == "regina")
        #expect(result.notes.contains { $0.message.contains("stands in for Regina Bakitte") })
        // When the principal came too, the deputy attends in their own right.
        let both = try Self.importing("email\ndeputy@nansana.example\nregina@nansana.example\n")
        #expect(both.records.allSatisfy { $0.onBehalfOf == nil })
    }

    @Test func standingInForSomeoneNotInvitedIsRefused() {
        let found = Self.diagnostics("name,for\nDeputy Mayor,Aino Virtanen\n")
        #expect(found.first?.location == SourceLocation(file: "sheet.csv", line: 2, column: 2))
        #expect(found.first?.message.contains("'aino' is not invited") == true)
    }

    @Test func walkInsAreGuestsWithTheirOrganisationAndLevelOrSector() throws {
        let result = try Self.importing("""
            name,organisation,level,sector,country
            Sarah Nambi,Wakiso Women's Forum,,civil society,
            Peter Okot,Wakiso District,district,,
            Aino Guest,Kampala Youth Forum,,,
            """)
        let guests = result.records.compactMap(\.guest)
        #expect(guests.count == 3)
        #expect(guests.map(\.name) == ["Sarah Nambi", "Peter Okot", "Aino Guest"])
        #expect(guests[0].constituency == .sector(.civilSociety))
        #expect(guests[1].constituency == .level(.district))
        #expect(guests[2].organisationID == "youth-forum")
        #expect(guests[2].constituency == .sector(.youth))
        #expect(guests.allSatisfy { $0.country == "UG" })
    }

    @Test func aPersonColumnCanForceAGuestOrAnId() throws {
        let result = try Self.importing("name,person\nRegina Bakite,guest\nSomebody,nctc-director\n")
        #expect(result.records.count == 2)
        #expect(result.records[0].guest?.name == "Regina Bakite")
        #expect(result.records[1].personID == "nctc-director")
        #expect(result.nearMisses.isEmpty)
    }

    @Test func badValuesAreErrorsWithTheLineAndAFix() {
        let found = Self.diagnostics("""
            name,status,level
            Regina Bakitte,maybe,
            Walk In,,distrct
            ,present,
            """)
        #expect(found.map(\.location.line) == [2, 3, 4])
        #expect(found[0].message == "unknown status 'maybe'")
        #expect(found[0].hint.contains("attended, absent or excused"))
        #expect(found[1].message == "unknown level 'distrct'")
        #expect(found[1].hint.hasPrefix("did you mean 'district'?"))
        #expect(found[2].message.contains("neither a name nor an email"))
    }

    @Test func statusesAcceptWhatSheetsSay() throws {
        let result = try Self.importing("name,status\nRegina Bakitte,Apologies\nNCTC Director,no-show\nDeputy Mayor,x\n")
        #expect(result.records.map(\.status) == [.excused, .absent, .attended])
    }

    @Test func anUnknownEventSuggestsTheClosest() throws {
        let index = PlanIndex(try PlanFixtures.load(Self.plan))
        #expect(throws: ReferenceError.self) { try AttendanceImporter.event("kampala-roundtabel", in: index) }
        do {
            _ = try AttendanceImporter.event("kampala-roundtabel", in: index)
        } catch let error as ReferenceError {
            #expect(error.hint.hasPrefix("did you mean 'kampala-roundtable'?"))
        }
    }

    @Test func oneEntryFromTheCommandLine() throws {
        let index = PlanIndex(try PlanFixtures.load(Self.plan))
        let event = try AttendanceImporter.event("kampala-roundtable", in: index)
        let entry = try AttendanceImporter.single(person: "deputy-mayor", status: .attended, onBehalfOf: "regina", event: event, index: index)
        #expect(entry.records == [AttendanceRecord(eventID: "kampala-roundtable", personID: "deputy-mayor", status: .attended,
                                                   onBehalfOf: "regina", source: "command line")])
        #expect(throws: ReferenceError.self) {
            try AttendanceImporter.single(person: "deputy-mayor", status: .absent, onBehalfOf: "regina", event: event, index: index)
        }
        #expect(throws: ReferenceError.self) {
            try AttendanceImporter.single(person: "regna", status: .attended, onBehalfOf: nil, event: event, index: index)
        }
    }
}
