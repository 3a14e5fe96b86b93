import Foundation

/// Cheap checks of a plan's bytes and YAML tree that run before and right after libyaml reads it,
/// so that no plan can crash or hang the reader, and no value can carry control characters into
/// what Convene writes:
/// - invalid UTF-8 is reported at its own line:column (libyaml's reader refuses control
///   characters such as NUL and ESC itself, at theirs);
/// - nesting deeper than ``YAMLTree/maximumDepth`` and aliases that expand to more than
///   ``expansionBudget(forBytes:)`` values (an "alias bomb": 9 levels of 10 aliases is a billion
///   values from a few hundred bytes) are refused while the tree is composed (``YAMLTree``);
/// - a decoded value holding a control character (a YAML escape such as `"\0"` or `"\r\n"`) is
///   refused at its line:column; values that name things (ids, the workspace, emails, URLs, time
///   zones, recurrence rules) may hold no white space or control character at all.
///
/// Refusing (not dropping) a control character in a title is the documented choice: what
/// Convene exports is then exactly what the plan says.
enum PlanTextLimits {
    /// How many values a plan's aliases may expand to: generous for merge keys (`<<: *defaults`),
    /// far below what takes noticeable time or memory.
    static func expansionBudget(forBytes count: Int) -> Int { max(200_000, 8 * count) }

    /// Keys whose values name or address something and are written into files as they are.
    /// (`level:` and `sector:` are not: they resolve to a canonical word, and a country's own name
    /// for a tier may be several words, `level: District Assembly`.)
    static let identifierKeys: Set<String> = [
        "workspace", "id", "email", "url", "timezone", "rule", "person", "organisation", "organization", "venue",
        "series", "follows", "deputy", "for", "country", "kind", "status", "mode", "role",
    ]

    /// The first invalid UTF-8 sequence, at its line and column (in characters).
    static func utf8Problem(_ bytes: [UInt8], file: String) -> Diagnostic? {
        var line = 1, column = 1, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            var valid = length > 0 && index + length <= bytes.count
            if valid && length > 1 {
                for next in bytes[(index + 1)..<(index + length)] where next & 0xC0 != 0x80 { valid = false }
                if valid {
                    let second = bytes[index + 1]
                    if (byte == 0xE0 && second < 0xA0) || (byte == 0xED && second > 0x9F)
                        || (byte == 0xF0 && second < 0x90) || (byte == 0xF4 && second > 0x8F) { valid = false }
                }
            }
            guard valid else {
                return Diagnostic(location: SourceLocation(file: file, line: line, column: column),
                                  message: String(format: "the plan is not UTF-8 text: byte 0x%02X here does not start a UTF-8 character", byte),
                                  hint: "save the file as UTF-8 (and retype the character here)")
            }
            if byte == 0x0A { line += 1; column = 1 } else { column += 1 }
            index += length
        }
        return nil
    }

    /// The values ``valueProblem(_:under:file:)`` refuses in a composed tree: the workspace name,
    /// the scalars the composer found holding anything but printable ASCII (each under its key),
    /// and what aliases repeat under a key. A node's place is only looked up for a problem.
    static func treeProblems(_ tree: YAMLTree, file: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        func check(_ scalar: YAMLNode, under key: YAMLNode?) {
            if problems.count < 50, let problem = valueProblem(scalar, under: key.map(ValueKey.init) ?? .other, file: file) { problems.append(problem) }
        }
        if let root = tree.root {  // the workspace name goes into every UID, however plain it looks
            for offset in root.pairRange where root.child(offset).text == "workspace" { check(root.child(offset + 1), under: root.child(offset)) }
        }
        for (scalar, key) in tree.unusualScalars { check(YAMLNode(tree: tree, index: scalar), under: tree.node(key)) }
        // An alias under a key (`id: *x`): its scalars, and those of lists in it, are that key's values.
        for (node, key) in tree.aliasedUnderKeys {
            var stack = [YAMLNode(tree: tree, index: node)]
            while let next = stack.popLast(), problems.count < 50 {
                switch next.kind {
                case .scalar: check(next, under: tree.node(key))
                case .sequence: stack += (0..<next.childCount).map(next.child)
                case .mapping: break  // its values are under its own keys, checked where it was written
                }
            }
        }
        var seen = Set<Diagnostic>()
        return problems.filter { seen.insert($0).inserted }
            .sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }

    /// What a value is the value of, for ``valueProblem(_:under:file:)``.
    enum ValueKey {
        /// `workspace`: the name that goes into every UID.
        case workspace
        /// One of ``identifierKeys``, named for the message.
        case identifier(String)
        case other

        init(_ key: YAMLNode) {
            guard let text = key.text else { self = .other; return }
            self = text == "workspace" ? .workspace : identifierKeys.contains(text) ? .identifier(text) : .other
        }
    }

    /// A value holding a control character, an identifier-like value holding white space, or a
    /// workspace name that cannot go into UIDs.
    static func valueProblem(_ scalar: YAMLNode, under key: ValueKey, file: String) -> Diagnostic? {
        let text = scalar.text ?? ""
        func here() -> SourceLocation { SourceLocation(file: file, line: scalar.line, column: scalar.column) }
        let name: String
        switch key {
        case .other: name = ""
        case .identifier(let key): name = key
        case .workspace:
            name = "workspace"
            guard SafeFileName.isID(text) && !text.contains("@") else {
                return Diagnostic(location: here(),
                                  message: "the workspace name '\(TerminalText.escaped(String(text.prefix(80))))' is not a name Convene can put in every event's UID",
                                  hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit, e.g. strong-cities-nlc")
            }
        }
        let strict = !name.isEmpty
        // Most values are plain text: bytes first, scalars only when something may be wrong.
        if !text.utf8.contains(where: { byte in
            strict ? (byte <= 0x20 || byte >= 0x7F) : ((byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F || byte == 0xC2)
        }) { return nil }
        guard let bad = text.unicodeScalars.first(where: { isForbiddenControl($0, allowingLineBreaks: !strict) || (strict && $0.properties.isWhitespace) })
        else { return nil }
        return Diagnostic(
            location: here(),
            message: strict ? "'\(name)' holds \(bad.properties.isWhitespace && !TerminalText.needsEscape(bad) ? "white space" : "the control character \(TerminalText.escaped(String(bad)))"): '\(TerminalText.escaped(String(text.prefix(80))))'"
                            : "this value holds the control character \(TerminalText.escaped(String(bad)))",
            hint: strict ? "ids, the workspace name, emails, URLs, time zones and rules are single words: remove it"
                         : "remove it (a line break may stay; tabs are fine)")
    }

    /// C0 controls but tab (and line breaks when allowed), DEL and C1 controls.
    static func isForbiddenControl(_ scalar: Unicode.Scalar, allowingLineBreaks: Bool) -> Bool {
        switch scalar.value {
        case 0x09: return false
        // NEL is a line break to Yams (YAML 1.1), as LF and CR are.
        case 0x0A, 0x0D, 0x85: return !allowingLineBreaks
        case 0x00...0x1F, 0x7F...0x9F: return true
        default: return false
        }
    }
}
