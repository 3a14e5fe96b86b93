import Foundation
import Yams

/// Reads a workspace's hand-written `plan.yaml` into a validated ``Plan``.
public struct PlanLoader: Sendable {
    /// The file name of the hand-written plan inside a workspace.
    public static let planFileName = "plan.yaml"

    /// Checks RRULEs with the full parser when given (libical, from ConveneICal).
    public var expander: (any RecurrenceExpanding)?

    public init(expander: (any RecurrenceExpanding)? = nil) { self.expander = expander }

    /// Loads `DIR/plan.yaml`. Throws ``InputError`` listing every problem found.
    public func load(workspace directory: URL) throws -> Plan {
        let file = directory.appendingPathComponent(Self.planFileName)
        let shown = Self.displayPath(file)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
            throw InputError([Diagnostic(
                location: SourceLocation(file: shown, line: 1),
                message: exists && isDirectory.boolValue ? "no \(Self.planFileName) in this workspace" : "workspace folder '\(directory.path)' does not exist",
                hint: "pass --workspace DIR pointing at a folder with a \(Self.planFileName) (see docs/plan-format.md)")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError([PlanTextLimits.utf8Problem([UInt8](data), file: shown)
                ?? Diagnostic(location: SourceLocation(file: shown, line: 1), message: "the plan is not UTF-8 text", hint: "save it as UTF-8")])
        }
        return try parse(text, file: shown)
    }

    /// Parses plan text; `file` is the name used in messages.
    public func parse(_ text: String, file: String) throws -> Plan {
        // Control characters and runaway nesting are refused before any parser reads the text.
        let textProblems = PlanTextLimits.textProblems(text, file: file)
        if !textProblems.isEmpty { throw InputError(textProblems) }
        guard let root = try Self.compose(text, file: file) else {
            throw InputError([Diagnostic(location: SourceLocation(file: file, line: 1), message: "the plan is empty",
                                         hint: "start from docs/plan-format.md or Calendars/strong-cities/plan.yaml")])
        }
        let valueProblems = PlanTextLimits.valueProblems(root, file: file)
        if !valueProblems.isEmpty { throw InputError(valueProblems) }
        var decoder = PlanDecoder(file: file)
        let decoded = decoder.decode(root)
        Self.releaseInBackground(root)
        var validator = PlanValidator(expander: expander)
        let plan = decoded.map { validator.validate($0, references: decoder.references, declared: decoder.declaredByTarget, rules: decoder.ruleLocations) }
        let diagnostics = (decoder.reader.diagnostics + validator.diagnostics).sorted {
            ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column)
        }
        guard diagnostics.isEmpty, let plan else { throw InputError(diagnostics) }
        return plan
    }

    /// Frees a large YAML tree on another thread, so that the caller goes on while hundreds of
    /// thousands of nodes are taken apart (small trees are freed here).
    private static func releaseInBackground(_ root: YAMLNode) {
        guard case .mapping(let pairs) = root.content,
              pairs.contains(where: { if case .sequence(let items) = $0.value.content { items.count >= 2048 } else { false } })
        else { return }
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(root) {} }
    }

    /// The YAML tree of the plan: read by ``YAMLSubsetParser`` when the plan keeps to the YAML that
    /// plans are written in (the fast path), otherwise by Yams, which also reports syntax errors.
    static func compose(_ text: String, file: String) throws -> YAMLNode? {
        if let root = YAMLSubsetParser.parse(text) { return root }
        do {
            // The basic resolver: every scalar is read as text by the decoder, so Yams need not
            // run its regular expressions to guess tags.
            guard let node = try Yams.compose(yaml: text, .basic) else { return nil }
            if let bomb = PlanTextLimits.expansionProblem(node, textBytes: text.utf8.count, file: file) { throw InputError([bomb]) }
            return YAMLNode(node)
        } catch let error as YamlError {
            throw InputError([Self.diagnostic(for: error, file: file)])
        }
    }

    private static func diagnostic(for error: YamlError, file: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return Diagnostic(location: SourceLocation(file: file, line: mark.line, column: mark.column),
                              message: "YAML syntax: \(problem)" + (context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""),
                              hint: "check indentation, colons and quotes on this line; quote values that contain ': ' or start with '@', '*' or '&'")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(location: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                              message: "the same key is written twice: \(duplicates.joined(separator: ", "))",
                              hint: "keep one of them")
        default:
            return Diagnostic(location: SourceLocation(file: file, line: 1), message: "YAML: \(error)", hint: "check the file is valid YAML")
        }
    }

    /// A path relative to the current folder when it lies below it.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}
