import ConveneCore
import Testing
@testable import ConveneICal

/// An event's text made from its own libical component plus libical's text of the properties it
/// shares with other events (made once, `PropertyTexts`) must be byte for byte libical's text of
/// the component holding every property.
@Suite struct SharedPropertyTextTests {
    /// Properties in order, each marked shared (its text reused) or not; the X- property with a
    /// comma is one libical 3.0.16 writes wrong, which the component writes itself after the others.
    static let properties: [(BuiltProperty, shared: Bool)] = [
        (.uid("ev-1@test.convene"), false),
        (.location("Hall of the Central Committee of a Very Long Named Organisation, Main Street 1, Accra, GH"), true),
        (.geo(latitude: 5.6037, longitude: -0.187), true),
        (.dtstamp("20241127T093320Z"), false),
        (.sequence(3), false),
        (.start(.date(CivilDate(year: 2025, month: 3, day: 14))), false),
        (.categories(["summit", "health", "education"]), true),
        (.status(.confirmed), true),
        (.transparent(false), true),
        (.summary("Budget hearing; with commas, and a long title that libical must fold at seventy-five octets"), false),
        (.extensionText(name: "X-CONVENE-NOTE", value: "one, two; three"), false),
        (.organizer(address: "mailto:office@example.org", name: "Office ^ of the Mayor"), true),
        (.extensionText(name: "X-CONVENE-KIND", value: "summit"), true),
    ]

    func whole() throws -> [UInt8] {
        let component = try BuiltComponent(.event, Self.properties.map(\.0))
        try component.addChild(.alarm, [.displayAction, .trigger("-P1D"), .description("Tomorrow")])
        return component.serialized()
    }

    @Test func reusedTextsGiveLibicalsTextOfTheWholeComponent() throws {
        var texts = PropertyTexts()
        let component = BuiltComponent(.event)
        var inserts: [(beforeProperty: Int, bytes: [UInt8])] = []
        for (property, shared) in Self.properties {
            if shared && PropertyTexts.canShare(property) {
                inserts.append((component.propertyCount, try texts.text(of: property)))
            } else {
                try component.add(property)
            }
        }
        try component.addChild(.alarm, [.displayAction, .trigger("-P1D"), .description("Tomorrow")])
        let expected = try whole()
        let made = component.serialized(inserting: inserts)
        #expect(String(decoding: made, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        // The first property shared and the last one too: both ends of the property list are used.
        #expect(inserts.first?.beforeProperty == 1 && inserts.last?.beforeProperty == component.propertyCount)
        // A second time, from the table (no new libical text), the same bytes.
        #expect(try texts.text(of: Self.properties[1].0) == BuiltComponent.text(of: Self.properties[1].0))
    }

    @Test func insertsBeforeTheFirstPropertyAndWithoutAny() throws {
        let component = try BuiltComponent(.event, [.uid("a@b"), .summary("x")])
        let status = try BuiltComponent.text(of: .status(.tentative))
        let expected = try BuiltComponent(.event, [.status(.tentative), .uid("a@b"), .summary("x")]).serialized()
        #expect(component.serialized(inserting: [(0, status)]) == expected)
        #expect(component.serialized(inserting: []) == component.serialized())
        #expect(String(decoding: component.serialized(), as: UTF8.self) == "BEGIN:VEVENT\r\nUID:a@b\r\nSUMMARY:x\r\nEND:VEVENT\r\n")
    }

    /// X- TEXT with a comma is not shared on libical 3.0.16 (its text would be libical's wrong one).
    @Test func extensionTextWithCommasIsNotShared() {
        #expect(PropertyTexts.canShare(.extensionText(name: "X-A", value: "plain")))
        #expect(PropertyTexts.canShare(.extensionText(name: "X-A", value: "a, b")) == LibicalVersion.escapesExtensionText)
        #expect(PropertyTexts.canShare(.status(.cancelled)))
    }
}
