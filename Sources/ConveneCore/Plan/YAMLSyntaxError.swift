import Foundation
import Yams

extension Diagnostic {
    /// What Yams refused in a YAML file, at the line and column Yams gives (for a character Yams'
    /// reader refuses, the place of its offset in `text`).
    init(yaml error: YamlError, file: String, text: String) {
        let hint = "check indentation, colons and quotes on this line; quote values that contain ': ' or start with '@', '*' or '&'"
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            self.init(location: at(mark),
                      message: "YAML syntax: \(problem)" + (context.map { " (\($0.text) at line \($0.mark.line), column \($0.mark.column))" } ?? ""),
                      hint: problem.contains("tab") ? "indent with spaces, not tabs" : hint)
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(location: at(context.mark),
                      message: "the same key is written twice in one mapping: \(duplicates.joined(separator: ", "))",
                      hint: "keep one of them")
        case .reader(let problem, let offset, let value, _):
            let character = value >= 0 ? String(format: " U+%04X", value) : ""
            self.init(location: Self.location(ofCharacter: offset ?? 0, in: text, file: file),
                      message: "YAML cannot read this file: \(problem)\(character)",
                      hint: "remove the character or write it as an escape inside double quotes, e.g. \"\\u0085\"")
        default:
            self.init(location: SourceLocation(file: file, line: 1), message: "YAML: \(error)", hint: "check the file is valid YAML")
        }
    }

    /// What Yams' `YAMLDecoder` refused in a YAML file (a missing key, a value of the wrong type),
    /// at the line and column of the value it was reading in `root`, the file's composed tree.
    init(yamlDecoding error: DecodingError, root: Node, file: String) {
        let context: DecodingError.Context, problem: String
        switch error {
        case .typeMismatch(_, let found), .valueNotFound(_, let found), .dataCorrupted(let found):
            (context, problem) = (found, found.debugDescription)
        case .keyNotFound(let key, let found):
            (context, problem) = (found, "no '\(key.stringValue)'")
        @unknown default:
            self.init(location: SourceLocation(file: file, line: 1), message: "\(error)", hint: "check the file against its documented layout")
            return
        }
        // The deepest node the coding path reaches: the value itself, or the mapping that lacks a key.
        var node = root
        for key in context.codingPath {
            if let index = key.intValue, case .sequence(let items) = node, items.indices.contains(index) {
                node = items[index]
            } else if let value = node[key.stringValue] {
                node = value
            } else {
                break
            }
        }
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        let mark = node.mark
        self.init(location: SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1),
                  message: (path.isEmpty ? "" : "\(path.dropFirst(path.hasPrefix(".") ? 1 : 0)): ") + problem,
                  hint: "check the file against its documented layout")
    }

    /// The line and column (1-based, in characters) of the character at `offset`.
    static func location(ofCharacter offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character.isNewline { line += 1; column = 1 } else { column += 1 }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
