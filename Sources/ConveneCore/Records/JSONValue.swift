/// A JSON document as a light tree: what ``JSONReader/readValue()`` builds when no hand-written
/// decoder reads the document. Numbers keep their text, so nothing is rounded; object members
/// keep their order (and any key written twice).
enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// The number as written, e.g. `-1.5e3`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([Member])

    struct Member: Sendable, Hashable {
        var key: String
        var value: JSONValue
    }

    /// The first member named `key`, as `JSONDecoder` would take it.
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }
}
