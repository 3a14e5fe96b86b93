import Foundation

/// The entries of one YAML mapping, in order, read in place in the composed tree. Plans'
/// mappings are small, so a linear search over the keys beats building a dictionary for each of
/// hundreds of thousands of invitations. Unknown keys stay in (they are reported when the mapping
/// is read, and no lookup asks for them). A key written twice was refused when the tree was composed.
struct Fields {
    let mapping: YAMLNode

    /// The keys' nodes and texts (a key that is not a scalar reads as "").
    var keys: [(node: YAMLNode, text: String)] {
        mapping.pairRange.map { mapping.child($0) }.map { ($0, $0.text ?? "") }
    }

    /// The value of `key`. The keys are compared where the tree keeps them, without making a
    /// node for each (an event's two dozen look-ups, and its invitations', add up).
    subscript(key: String) -> YAMLNode? {
        mapping.value(forKey: key)
    }
}

/// Walks the YAML tree of one plan file and collects every problem instead of stopping at the first,
/// so that `convene validate` can report them all with their line and column.
struct YAMLReader {
    let file: String
    var diagnostics: [Diagnostic] = []

    init(file: String) { self.file = file }

    func location(of node: YAMLNode?) -> SourceLocation {
        SourceLocation(file: file, line: node?.line ?? 1, column: node?.column ?? 1)
    }

    mutating func fail(_ node: YAMLNode?, _ message: String, hint: String) {
        diagnostics.append(Diagnostic(location: location(of: node), message: message, hint: hint))
    }

    /// The entries of a mapping, warning about keys outside `allowed` (likely typos).
    /// `what` is only worked out when there is something to report.
    mutating func mapping(_ node: YAMLNode, what: @autoclosure () -> String, allowed: [String]) -> Fields? {
        guard node.kind == .mapping else {
            fail(node, "\(what()) should be a mapping of key: value pairs", hint: "write it as `key: value` lines or `{key: value, ...}`")
            return nil
        }
        for index in node.pairRange {
            if let key = node.childText(index), allowed.contains(key) { continue }
            let keyNode = node.child(index), key = keyNode.text ?? ""
            let guess = Spelling.closest(to: key, in: allowed)
            fail(keyNode, "unknown key '\(key)' in \(what())",
                 hint: guess.map { "did you mean '\($0)'?" } ?? "allowed keys: \(allowed.joined(separator: ", "))")
        }
        return Fields(mapping: node)
    }

    /// The items of a sequence (a lone scalar counts as a one-item list).
    mutating func sequence(_ node: YAMLNode?, what: String) -> [YAMLNode] {
        guard let node else { return [] }
        switch node.kind {
        case .sequence: return node.items ?? []
        case .scalar: return [node]
        case .mapping:
            fail(node, "\(what) should be a list", hint: "write `[a, b]` or one `- item` per line")
            return []
        }
    }

    /// A text value; reports a missing or non-text value when `required`.
    mutating func string(_ fields: Fields, _ key: String, in what: String, parent: YAMLNode,
                         required: Bool = false) -> String? {
        guard let node = fields[key] else {
            if required { fail(parent, "\(what) has no '\(key)'", hint: "add `\(key): ...`") }
            return nil
        }
        guard let scalar = node.text else {
            fail(node, "'\(key)' in \(what) should be a single value", hint: "write `\(key): value`")
            return nil
        }
        let text = scalar.trimmed(.whitespacesAndNewlines)
        if text.isEmpty && required {
            fail(node, "'\(key)' in \(what) is empty", hint: "give it a value")
            return nil
        }
        return text.isEmpty ? nil : text
    }

    mutating func int(_ fields: Fields, _ key: String, in what: String, parent: YAMLNode,
                      range: ClosedRange<Int> = 0...Int.max) -> Int? {
        guard let text = string(fields, key, in: what, parent: parent) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            fail(fields[key], "'\(key)' in \(what) should be a whole number\(range.upperBound == Int.max ? " of at least \(range.lowerBound)" : " from \(range.lowerBound) to \(range.upperBound)"), not '\(text)'",
                 hint: "write a number such as `\(key): \(range.lowerBound == 0 ? 60 : range.lowerBound)`")
            return nil
        }
        return value
    }

    mutating func double(_ node: YAMLNode, what: String) -> Double? {
        guard let text = node.text, let value = Double(text) else {
            fail(node, "\(what) should be a number", hint: "write a decimal number such as 0.3476")
            return nil
        }
        return value
    }

    /// A flag, as Yams reads a `Bool` (`true`, `false` and YAML 1.1's `yes`, `no`, `on`, `off`,
    /// unquoted; a quoted "yes" is text, not a flag).
    mutating func bool(_ fields: Fields, _ key: String, in what: String, parent: YAMLNode) -> Bool {
        guard let node = fields[key], let text = string(fields, key, in: what, parent: parent) else { return false }
        if let value = node.flag { return value }
        fail(node, "'\(key)' should be true or false, not '\(text)'", hint: "write `\(key): true`")
        return false
    }

    mutating func date(_ node: YAMLNode, what: String) -> CivilDate? {
        let text = node.text ?? ""
        if let date = CivilDate(iso: text) { return date }
        fail(node, "\(what) '\(text)' is not a date", hint: "write it as YYYY-MM-DD, e.g. 2024-10-15")
        return nil
    }

    mutating func dateTime(_ node: YAMLNode, what: String) -> CivilDateTime? {
        let text = node.text ?? ""
        if let value = CivilDateTime(iso: text) { return value }
        fail(node, "\(what) '\(text)' is not a date and time",
             hint: "write it as YYYY-MM-DDTHH:MM in the venue's local time, e.g. 2024-10-15T09:00")
        return nil
    }

    /// Parses `HH:MM` into minutes after midnight (24:00 allowed as an end).
    mutating func clock(_ node: YAMLNode, what: String) -> Int? {
        let text = node.text ?? ""
        let parts = text.split(separator: ":")
        if parts.count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
           (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440 {
            return h * 60 + m
        }
        fail(node, "\(what) '\(text)' is not a time of day", hint: "write it as HH:MM, e.g. \"09:00\"")
        return nil
    }

    /// Parses `3h`, `90m`, `1h30m`, `2d` into minutes.
    mutating func duration(_ node: YAMLNode, what: String) -> Int? {
        let text = (node.text ?? "").lowercased().replacingOccurrences(of: " ", with: "")
        var total = 0, number = "", valid = !text.isEmpty
        for character in text {
            if character.isNumber { number.append(character); continue }
            guard let value = Int(number) else { valid = false; break }
            switch character {
            case "d": total += value * 1440
            case "h": total += value * 60
            case "m": total += value
            default: valid = false
            }
            number = ""
        }
        if valid, number.isEmpty, total > 0 { return total }
        fail(node, "\(what) '\(text)' is not a duration", hint: "write it like 3h, 90m or 1h30m")
        return nil
    }
}
