import Yams

/// One node of a plan's YAML: a text, a list or a mapping, with where it starts in the file.
/// Lighter than Yams' own node (no tag, style or anchors), which matters for plans with
/// hundreds of thousands of nodes; built by ``YAMLSubsetParser`` or converted from Yams.
struct YAMLNode: Sendable, Hashable {
    enum Content: Sendable, Hashable {
        case scalar(String)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var content: Content
    /// 1-based line and column (in characters) of the node's first character.
    var line: Int32
    var column: Int32

    init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = Int32(truncatingIfNeeded: line)
        self.column = Int32(truncatingIfNeeded: column)
    }

    /// The text of a scalar node; nil for lists and mappings.
    var text: String? {
        if case .scalar(let text) = content { return text }
        return nil
    }
}

/// A key and its value in a YAML mapping.
struct YAMLPair: Sendable, Hashable {
    var key: YAMLNode
    var value: YAMLNode
}

extension YAMLNode {
    /// Converts a node composed by Yams (the reader for YAML outside the subset).
    init(_ node: Node) {
        let line = node.mark?.line ?? 1, column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            self.init(.scalar(scalar.string), line: line, column: column)
        case .sequence(let sequence):
            self.init(.sequence(sequence.map(YAMLNode.init)), line: line, column: column)
        case .mapping(let mapping):
            self.init(.mapping(mapping.map { YAMLPair(key: YAMLNode($0.key), value: YAMLNode($0.value)) }),
                      line: line, column: column)
        case .alias:
            // compose resolves aliases; an unresolved one reads as empty text.
            self.init(.scalar(""), line: line, column: column)
        }
    }
}
