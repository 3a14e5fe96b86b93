import Foundation
import Yams

extension Diagnostic {
    /// What libyaml (the parser inside Yams) or the composing of its events refused, at its line
    /// and column.
    init(yaml problem: YAMLProblem, file: String) {
        let location = SourceLocation(file: file, line: problem.line, column: problem.column)
        switch problem.stage {
        case .reader(_, let value):
            if value >= 0, let scalar = Unicode.Scalar(UInt32(value)), PlanTextLimits.isForbiddenControl(scalar, allowingLineBreaks: true) {
                self.init(location: location,
                          message: "control character \(TerminalText.escaped(String(scalar))) (\(String(format: "U+%04X", value))) in the plan",
                          hint: "remove it: plans hold text, and a control character would end up in invitations")
            } else {
                self.init(location: location,
                          message: "YAML cannot read this file: \(problem.problem)" + (value >= 0 ? String(format: " U+%04X", value) : ""),
                          hint: "remove the character or write it as an escape inside double quotes, e.g. \"\\u0085\"")
            }
        case .scanner, .parser, .composer:
            self.init(location: location,
                      message: "YAML syntax: \(problem.problem)" + (problem.context.map { " (\($0.text) at line \($0.line), column \($0.column))" } ?? ""),
                      hint: problem.problem.contains("tab") ? "indent with spaces, not tabs"
                          : "check indentation, colons and quotes on this line; quote values that contain ': ' or start with '@', '*' or '&'")
        case .duplicateKeys(let keys):
            let shown = keys.prefix(10).joined(separator: ", ") + (keys.count > 10 ? " and \(keys.count - 10) more" : "")
            self.init(location: location, message: "the same key is written twice in one mapping: \(shown)",
                      hint: "keep one of them")
        case .tooDeep:
            self.init(location: location, message: problem.problem, hint: "a plan needs a few levels: check for unclosed '[' or '{'")
        case .aliasBudget:
            self.init(location: location, message: problem.problem,
                      hint: "use anchors and aliases only to repeat small pieces, or write the values out")
        }
    }

    /// What Yams refused in a YAML file it read itself (a tool-written file decoded by
    /// `YAMLDecoder`), said as a problem of the plan's reader is.
    init(yaml error: YamlError, file: String, text: String) {
        func problem(_ stage: YAMLProblem.Stage, _ text: String, _ mark: Mark, _ context: YamlError.Context?) -> YAMLProblem {
            YAMLProblem(stage: stage, problem: text, line: mark.line, column: mark.column,
                        context: context.map { ($0.text, $0.mark.line, $0.mark.column) })
        }
        switch error {
        case .scanner(let context, let found, let mark, _): self.init(yaml: problem(.scanner, found, mark, context), file: file)
        case .parser(let context, let found, let mark, _): self.init(yaml: problem(.parser, found, mark, context), file: file)
        case .composer(let context, let found, let mark, _): self.init(yaml: problem(.composer, found, mark, context), file: file)
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(yaml: problem(.duplicateKeys(duplicates), "duplicated keys", context.mark, nil), file: file)
        case .reader(let found, let offset, let value, _):
            let place = Self.location(ofCharacter: offset ?? 0, in: text, file: file)
            self.init(yaml: YAMLProblem(stage: .reader(offset: offset ?? 0, value: value), problem: found, line: place.line, column: place.column),
                      file: file)
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
