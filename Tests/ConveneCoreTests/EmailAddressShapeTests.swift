import Testing
@testable import ConveneCore

/// What the plan reader takes for an email address: one `@` with something before it, no white
/// space anywhere (ASCII or Unicode), and a domain of two or more labels, none of them empty.
@Suite("Plan: the shape of an email address")
struct EmailAddressShapeTests {
    @Test(arguments: [
        ("regina@nansana.go.ug", true), ("a@b.c", true), ("é@bücher.de", true), ("a@b.c.d", true),
        ("", false), ("@b.c", false), ("a@b", false), ("a@.b", false), ("a@b.", false), ("a@b..c", false),
        ("a@@b.c", false), ("a@b.c@d.e", false), ("a b@c.d", false), ("a@ b.c", false), ("a@b.c\t", false),
        ("a@b.c\r\n", false), ("a\u{00A0}@b.c", false), ("a@b\u{2003}.c", false), ("a@b.c\u{3000}", false), ("ab.c", false),
        ("a@\u{301}b.c", false), ("a@b.\u{301}c", false), ("a\u{301}@b.c", true), ("a@b\u{2028}.c", false),
    ])
    func anAddressIsTakenOnlyInItsShape(text: String, expected: Bool) {
        #expect(PlanDecoder.isEmailAddress(text) == expected, "\(text.debugDescription)")
    }
}
