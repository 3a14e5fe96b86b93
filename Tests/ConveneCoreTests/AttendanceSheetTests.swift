import Foundation
import Testing
@testable import ConveneCore

/// Reading CSV sign-in sheets: encodings, separators, quoting, and located errors.
@Suite("Attendance: reading sign-in sheets")
struct AttendanceSheetTests {
    func parse(_ text: String) throws -> SignInSheet { try SignInSheet.parse(Data(text.utf8), file: "sheet.csv") }

    func diagnostics(_ body: () throws -> Void) -> [Diagnostic] {
        do { try body() } catch let error as InputError { return error.diagnostics } catch { return [] }
        return []
    }

    @Test func readsABOMCRLFAndQuotedSeparators() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("Name,Organisation\r\nJosé Okello,\"Peace Network, Kampala\"\r\n\r\n".utf8)
        let sheet = try SignInSheet.parse(data, file: "sheet.csv")
        #expect(sheet.separator == ",")
        #expect(sheet.header == ["Name", "Organisation"])
        #expect(sheet.rows == [SignInSheet.Row(line: 2, fields: ["José Okello", "Peace Network, Kampala"])])
    }

    @Test func detectsSemicolonsFromTheHeader() throws {
        let sheet = try parse("name;organisation;status\nMoses Kato;\"NCTC; Kampala\";present\n")
        #expect(sheet.separator == ";")
        #expect(sheet.rows[0].fields == ["Moses Kato", "NCTC; Kampala", "present"])
    }

    @Test func quotedFieldsKeepQuotesAndLineBreaksAndLinesStayTrue() throws {
        let sheet = try parse("name,note\n\"Brian \"\"BJ\"\" Mukasa\",\"two\nlines\"\nDorothy Namutebi,x\n")
        #expect(sheet.rows.map(\.line) == [2, 4])
        #expect(sheet.rows[0].fields == ["Brian \"BJ\" Mukasa", "two\nlines"])
    }

    @Test func trailingEmptySeparatorsAreTolerated() throws {
        let sheet = try parse("name,email\nMoses Kato,moses@x.example,,\n")
        #expect(sheet.rows[0].fields == ["Moses Kato", "moses@x.example"])
    }

    @Test func aRowWithTooManyFieldsNamesItsLineAndTheFix() {
        let found = diagnostics { _ = try parse("name,organisation\nRegina Bakitte,Nansana\nMoses Kato,NCTC, Kampala\n") }
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: "sheet.csv", line: 3))
        #expect(found.first?.message.contains("3 fields but the header has 2") == true)
        #expect(found.first?.hint.contains("double quotes") == true)
    }

    @Test func latin1IsRejectedAtTheByteThatIsNotUTF8() {
        var data = Data("name,organisation\nRegina Bakitte,Nansana\nJos".utf8)
        data.append(0xE9)  // é in Latin-1
        data.append(contentsOf: Array(" Okello,Peace\n".utf8))
        let found = diagnostics { _ = try SignInSheet.parse(data, file: "sheet.csv") }
        #expect(found.first?.location == SourceLocation(file: "sheet.csv", line: 3, column: 4))
        #expect(found.first?.message.contains("not UTF-8") == true)
        #expect(found.first?.hint.contains("UTF-8") == true)
    }

    @Test func anUnclosedQuoteNamesTheLineItOpensOn() {
        let found = diagnostics { _ = try parse("name,organisation\nRegina Bakitte,\"Nansana\nMoses Kato,NCTC\n") }
        #expect(found.first?.location.line == 2)
        #expect(found.first?.message.contains("never closed") == true)
    }

    @Test func aSheetWithoutNameOrEmailColumnIsRefused() throws {
        let sheet = try parse("organisation,status\nNansana,present\n")
        let found = diagnostics { _ = try SheetLayout(sheet) }
        #expect(found.first?.location.line == 1)
        #expect(found.first?.message.contains("no name or email column") == true)
    }

    @Test func headersAreRecognisedInAnyCaseAndSpelling() throws {
        let sheet = try parse("Full Name;E-Mail;ORGANIZATION;On behalf of;Signature\nA;b@c.example;D;;x\n")
        let layout = try SheetLayout(sheet)
        #expect(layout.index == [.name: 0, .email: 1, .organisation: 2, .onBehalfOf: 3])
    }
}
