/// A command-line request the plan cannot act on: it names an event, person or series the plan
/// does not have, or one in the wrong state. Says what is wrong and how to fix it; the CLI exits 2.
public struct ReferenceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. "no event 'uganda-roundtable-2042' in the plan".
    public var message: String
    /// How to fix it, with the closest spelling when there is one.
    public var hint: String

    public init(message: String, hint: String) {
        self.message = message
        self.hint = hint
    }

    /// `error: MESSAGE` and `fix: HINT` on two lines, as every bad-input message is printed.
    public var description: String { "error: \(message)\n    fix: \(hint)" }

    /// "no WHAT 'ID' in the plan", suggesting the closest candidate or where to look.
    static func unknown(_ what: String, _ id: String, among candidates: [String], listing: String) -> ReferenceError {
        let guess = Spelling.closest(to: id, in: candidates)
        return ReferenceError(message: "no \(what) '\(id)' in the plan",
                              hint: guess.map { "did you mean '\($0)'? (\(listing))" } ?? listing)
    }
}
extension ReferenceError: ExplainedError {}
