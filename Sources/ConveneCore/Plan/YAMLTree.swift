import CYaml
import Foundation
import Yams

/// One YAML document as libyaml reads it (the parser inside Yams, its `CYaml` module), composed
/// straight from the parser's events into flat arrays instead of Yams' tree of `Node`s.
///
/// Why not `Yams.compose`: on a 20 000-event plan, building Yams' nodes took half of `validate`
/// (a class instance per event and per tag, Foundation string conversion per scalar, a dictionary
/// per mapping to find duplicate keys) and libyaml itself a tenth (BENCHMARKS.md, "Reading
/// plans"). Yams has no option to skip that, and its event parser is internal. The syntax is still
/// libyaml's alone: every token, escape, line break, anchor and error comes from the same C parser
/// at the same line and column; what is composed here is what Yams composes (duplicate keys and
/// undefined aliases are refused as Yams refuses them, a second document is refused as
/// `Parser.singleRoot` does), and a flag is read by Yams' own `Bool` constructor
/// (``YAMLNode/flag``). `YAMLTreeTests` compares both, node by node and error by error.
///
/// Composing also enforces the plan's limits while the events arrive, so that no plan can hang
/// or exhaust the reader: nesting deeper than ``maximumDepth`` and aliases expanding to more
/// values than a budget are refused at their place.
final class YAMLTree: Sendable {
    /// What a node is.
    enum Kind: UInt8, Sendable { case scalar, sequence, mapping }

    /// How a scalar was written, which is all Yams' resolver needs besides its text.
    enum ScalarTag: UInt8, Sendable {
        /// Plain (unquoted) and untagged: its type is resolved from its text (`yes` may be a flag).
        case implicit
        /// Quoted, or tagged `!!str`: always text.
        case text
        /// Any other explicit tag (kept in ``YAMLTree/explicitTags``).
        case explicit
    }

    struct Entry: Sendable, Equatable {
        var kind: Kind
        var tag: ScalarTag
        var line: Int32
        var column: Int32
        /// A scalar's index in ``YAMLTree/texts``; a collection's first child in ``YAMLTree/children``.
        var first: Int32
        /// A collection's children (a mapping's keys and values alternate).
        var count: Int32
    }

    let entries: [Entry]
    let texts: [String]
    let children: [Int32]
    let explicitTags: [Int32: String]
    /// The document's root; nil for an empty document.
    let rootIndex: Int32?
    /// Scalars holding white space, a control character or anything outside ASCII (the only
    /// ones a check of values for such characters needs to look at), each with the key it is
    /// the value of (directly or as an item of a list under it; -1 for none), in document order;
    /// and the nodes an alias repeats under a key, to be looked at again under that key.
    let unusualScalars: [(scalar: Int32, key: Int32)]
    let aliasedUnderKeys: [(node: Int32, key: Int32)]

    /// Deeper nesting than any plan needs (plans use about 6 levels).
    static let maximumDepth = 64
    static let tooDeep = "the plan nests lists and mappings more than \(maximumDepth) levels deep here"

    fileprivate init(entries: [Entry], texts: [String], children: [Int32], explicitTags: [Int32: String], rootIndex: Int32?,
                     unusualScalars: [(scalar: Int32, key: Int32)] = [], aliasedUnderKeys: [(node: Int32, key: Int32)] = []) {
        (self.entries, self.texts, self.children, self.explicitTags, self.rootIndex) = (entries, texts, children, explicitTags, rootIndex)
        (self.unusualScalars, self.aliasedUnderKeys) = (unusualScalars, aliasedUnderKeys)
    }

    /// A scalar as Yams models it: its text and its tag, resolved by Yams' basic resolver.
    static func yamsScalar(_ text: String, _ tag: ScalarTag, explicit: String?) -> Node.Scalar {
        let name: Tag.Name = switch tag {
        case .implicit: .implicit
        case .text: .str
        case .explicit: Tag.Name(rawValue: explicit ?? "")
        }
        return Node.Scalar(text, Tag(name, .basic, .default))
    }

    /// A node of this tree by index (from ``unusualScalars`` and ``aliasedUnderKeys``).
    func node(_ index: Int32) -> YAMLNode? { index >= 0 ? YAMLNode(tree: self, index: index) : nil }

    /// The root node, if the document has one.
    var root: YAMLNode? { rootIndex.map { YAMLNode(tree: self, index: $0) } }

    /// Reads `text` (one document). `aliasBudget` bounds how many values the document may hold
    /// once its aliases are expanded (an "alias bomb" of a few hundred bytes expands to a billion).
    /// `pipelined`: libyaml parses on a thread of its own while its events are composed on this
    /// one (for a large file with a core to spare: libyaml is about a third of reading a plan).
    /// The tree and every problem are the same either way.
    /// `listPieces`: with `pipelined`, the items of the lists it names are handed over in pieces
    /// as soon as they are composed (see ``YAMLListPieces``); the tree is the same.
    static func compose(_ text: String, aliasBudget: Int, pipelined: Bool = false,
                        listPieces: YAMLListPieces? = nil) throws(YAMLProblem) -> YAMLTree {
        var text = text
        let composed = text.withUTF8 { bytes -> Result<YAMLTree, YAMLProblem> in
            var composer = Composer(budget: aliasBudget)
            composer.listPieces = pipelined ? listPieces : nil
            if pipelined, let composed = composer.composePipelined(bytes) { return composed }
            composer.listPieces = nil
            do throws(YAMLProblem) { return .success(try composer.compose(bytes)) } catch { return .failure(error) }
        }
        return try composed.get()
    }
}

/// A node of a ``YAMLTree``.
struct YAMLNode: Sendable {
    let tree: YAMLTree
    let index: Int32

    private var entry: YAMLTree.Entry { tree.entries[Int(index)] }

    var kind: YAMLTree.Kind { entry.kind }
    /// Line and column (from 1, in characters), as libyaml and Yams count them.
    var line: Int { Int(entry.line) }
    var column: Int { Int(entry.column) }

    /// The text of a scalar, exactly as libyaml read it (every scalar is text to the plan: `yes`,
    /// `on` and `NO` stay words); nil for lists and mappings.
    var text: String? {
        let entry = entry
        return entry.kind == .scalar ? tree.texts[Int(entry.first)] : nil
    }

    /// The items of a sequence; nil for anything else.
    var items: [YAMLNode]? {
        let entry = entry
        guard entry.kind == .sequence else { return nil }
        return tree.children[Int(entry.first)..<Int(entry.first + entry.count)].map { YAMLNode(tree: tree, index: $0) }
    }

    /// Where a mapping's keys are among its children (each key's value follows it); empty for
    /// anything else. With ``child(_:)``, a mapping is read in place.
    var pairRange: StrideTo<Int> {
        let entry = entry
        return stride(from: 0, to: entry.kind == .mapping ? Int(entry.count) : 0, by: 2)
    }

    /// How many children a collection has (a mapping: twice its entries); 0 for a scalar.
    var childCount: Int { Int(entry.count) }

    /// The `offset`th child of a collection (a mapping's keys and values alternate).
    func child(_ offset: Int) -> YAMLNode {
        YAMLNode(tree: tree, index: tree.children[Int(entry.first) + offset])
    }

    /// The text of the `offset`th child when it is a scalar (a mapping's key), read in place.
    func childText(_ offset: Int) -> String? {
        let child = tree.entries[Int(tree.children[Int(entry.first) + offset])]
        return child.kind == .scalar ? tree.texts[Int(child.first)] : nil
    }

    /// A mapping's value for the scalar key `key` (nil when it has none, or is not a mapping).
    func value(forKey key: String) -> YAMLNode? {
        let tree = tree
        let found = tree.entries.withUnsafeBufferPointer { entries in
            tree.children.withUnsafeBufferPointer { children in
                tree.texts.withUnsafeBufferPointer { texts -> Int32? in
                    let entry = entries[Int(index)]
                    guard entry.kind == .mapping else { return nil }
                    let first = Int(entry.first)
                    for at in stride(from: first, to: first + Int(entry.count), by: 2) {
                        let keyEntry = entries[Int(children[at])]
                        if keyEntry.kind == .scalar && texts[Int(keyEntry.first)] == key { return children[at + 1] }
                    }
                    return nil
                }
            }
        }
        return found.map { YAMLNode(tree: tree, index: $0) }
    }

    /// The entries of a mapping in order; nil for anything else.
    var pairs: [(key: YAMLNode, value: YAMLNode)]? {
        let entry = entry
        guard entry.kind == .mapping else { return nil }
        return stride(from: Int(entry.first), to: Int(entry.first + entry.count), by: 2).map {
            (YAMLNode(tree: tree, index: tree.children[$0]), YAMLNode(tree: tree, index: tree.children[$0 + 1]))
        }
    }

    /// The scalar as Yams models it (its text and tag), for Yams' constructors.
    var yamsScalar: Node.Scalar? {
        let entry = entry
        guard entry.kind == .scalar else { return nil }
        return YAMLTree.yamsScalar(tree.texts[Int(entry.first)], entry.tag, explicit: tree.explicitTags[index])
    }

    /// The flag this scalar is, as Yams reads a `Bool` (`true`, `false` and YAML 1.1's `yes`,
    /// `no`, `on`, `off`, unquoted; a quoted "yes" is text, not a flag).
    var flag: Bool? { yamsScalar.flatMap(Bool.construct) }
}

/// Items of a long list under a key of the document's root mapping (the events of a one-file
/// plan) in a tree of their own, handed over as soon as they are composed, while libyaml and the
/// composer go on reading the rest of the document.
struct YAMLListPiece: Sendable {
    /// The list's node in the whole document's tree.
    var list: Int32
    /// Where the piece's first item is in the list.
    var firstItem: Int
    /// The items: nodes of a tree that holds only them (at the lines and columns of the document).
    var items: [YAMLNode]
}

/// Which lists are handed over in pieces while the document is composed, how many items a
/// piece holds, and what takes each piece (on the composer's thread: it should return at once).
struct YAMLListPieces: Sendable {
    /// Keys of the root mapping whose list values are cut into pieces.
    var keys: Set<String>
    var size: Int
    var take: @Sendable (YAMLListPiece) -> Void
}

/// Why a YAML text could not be read, at libyaml's (and Yams') line and column.
struct YAMLProblem: Error, Sendable {
    enum Stage: Sendable {
        /// A byte or character libyaml's reader refuses (a control character), at `offset`.
        case reader(offset: Int, value: Int32)
        case scanner, parser, composer
        /// Keys written twice in one mapping, sorted.
        case duplicateKeys([String])
        /// Nesting deeper than ``YAMLTree/maximumDepth``.
        case tooDeep
        /// Aliases expanding to more values than the budget.
        case aliasBudget(Int)
    }

    var stage: Stage
    var problem: String
    /// Where the problem is (from 1); for a reader problem, worked out from its offset.
    var line: Int
    var column: Int
    /// What libyaml was reading when it met the problem, and where that began.
    var context: (text: String, line: Int, column: Int)?
}

/// Builds a ``YAMLTree`` from libyaml's events, without recursion (an explicit stack of open
/// collections), so that nesting depth costs heap, not stack.
private struct Composer {
    let budget: Int
    var entries: [YAMLTree.Entry] = []
    var texts: [String] = []
    var children: [Int32] = []
    var explicitTags: [Int32: String] = [:]
    /// How many values each node stands for with aliases expanded (capped past the budget).
    var sizes: [Int] = []
    var anchors: [String: Int32] = [:]
    /// The open collections: their entry, where their children start in `pending`, their anchor,
    /// the key they are the value of (-1 for none).
    var open: [(entry: Int32, start: Int, anchor: String?, key: Int32)] = []
    var unusualScalars: [(scalar: Int32, key: Int32)] = []
    var aliasedUnderKeys: [(node: Int32, key: Int32)] = []
    /// The children of the open collections, innermost last.
    var pending: [Int32] = []
    /// Where lists under keys of the root mapping go in pieces, if anywhere.
    var listPieces: YAMLListPieces?
    /// The list under a key of the root mapping being cut into pieces: its entry, the items handed
    /// over so far, where the next piece's entries, texts and children begin, and whether it is
    /// cut at all (not when its key is not asked for, or an item repeats a node from before its piece).
    var cutting: (list: Int32, handed: Int, entry: Int, text: Int, child: Int, cut: Bool)?
    /// Where the texts and children of the collection last opened under the root begin.
    var secondLevelStart = (text: 0, child: 0)

    init(budget: Int) { self.budget = budget }

    /// The document's root, once composed.
    var root: Int32?
    /// Documents begun so far (a second one is refused).
    var documents = 0

    /// Composes the document libyaml parses from `bytes`, both on this thread.
    mutating func compose(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLProblem) -> YAMLTree {
        try Self.withParser(bytes) { parser throws(YAMLProblem) -> YAMLTree in
            reserve(forBytes: bytes.count)
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { throw Self.problem(parser, bytes) }
                defer { yaml_event_delete(&event) }
                if let tree = try take(event) { return tree }
            }
        }
    }

    /// Composes on this thread while libyaml parses `bytes` on another, its events handed over
    /// in batches (``EventQueue``); nil, having read nothing, when no thread could be started.
    mutating func composePipelined(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<YAMLTree, YAMLProblem>? {
        let queue = EventQueue(), input = EventQueue.Input(bytes: bytes)
        reserve(forBytes: bytes.count)
        var composed: Result<YAMLTree, YAMLProblem>?
        let started = Parallel.together({ queue.parse(input) }) { composed = consume(queue) }
        queue.discardWaiting()  // the last batches, and any the parser handed over after a problem
        return started ? composed : nil
    }

    /// Composes the events of `queue` until the stream ends or a problem stops it. Each batch
    /// goes back to the parser's thread to be filled again there: its memory is never freed on
    /// this thread (the two threads would contend for the allocator).
    private mutating func consume(_ queue: EventQueue) -> Result<YAMLTree, YAMLProblem> {
        while true {
            let (batch, problem) = queue.take()
            var outcome: Result<YAMLTree, YAMLProblem>?
            for event in batch?.events ?? [] {
                do throws(YAMLProblem) {
                    guard let tree = try take(event) else { continue }
                    outcome = .success(tree)
                } catch {
                    queue.stop()
                    outcome = .failure(error)
                }
                break
            }
            if let batch { queue.giveBack(batch) }
            if let outcome { return outcome }
            if let problem { return .failure(problem) }
        }
    }

    /// Room for the nodes of `count` bytes of YAML, on the generous side: a plan written in flow
    /// style (`{person: p1}`) has a scalar every 9 bytes and a node every 6, and an array grown
    /// past its room is copied whole (a copy of 20 MB for the benchmark plan's nodes). Room never
    /// used is never touched, so it costs address space, not memory.
    private mutating func reserve(forBytes count: Int) {
        entries.reserveCapacity(count / 6)
        sizes.reserveCapacity(count / 6)
        texts.reserveCapacity(count / 8)
        children.reserveCapacity(count / 6)
    }

    /// A libyaml parser reading `bytes` (UTF-8), for the time of `body`.
    static func withParser<Result>(_ bytes: UnsafeBufferPointer<UInt8>,
                                   _ body: (inout yaml_parser_t) throws(YAMLProblem) -> Result) throws(YAMLProblem) -> Result {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw YAMLProblem(stage: .composer, problem: "out of memory", line: 1, column: 1)
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
        return try body(&parser)
    }

    /// Composes one event; the tree when it ends the stream.
    private mutating func take(_ event: yaml_event_t) throws(YAMLProblem) -> YAMLTree? {
        let mark = event.start_mark
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return YAMLTree(entries: entries, texts: texts, children: children, explicitTags: explicitTags, rootIndex: root,
                            unusualScalars: unusualScalars, aliasedUnderKeys: aliasedUnderKeys)
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {  // as Yams' `Parser.singleRoot`
                throw YAMLProblem(stage: .composer, problem: "but found another document", line: Int(mark.line) + 1, column: Int(mark.column) + 1,
                                  context: ("expected a single document in the stream", 1, 1))
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let tag: YAMLTree.ScalarTag
            if scalar.quoted_implicit == 1 {
                tag = .text
            } else if let name = scalar.tag {
                let name = String(cString: name)
                tag = name == Tag.Name.str.rawValue ? .text : .explicit
                if tag == .explicit { explicitTags[Int32(entries.count)] = name }
            } else {
                tag = .implicit
            }
            let value = UnsafeBufferPointer(start: scalar.value, count: scalar.length)
            texts.append(String(decoding: value, as: UTF8.self))
            let index = add(YAMLTree.Entry(kind: .scalar, tag: tag, line: Int32(mark.line + 1), column: Int32(mark.column + 1),
                                           first: Int32(texts.count - 1), count: 0), size: 1)
            name(index, scalar.anchor)
            if value.contains(where: { $0 <= 0x20 || $0 >= 0x7F }) { unusualScalars.append((index, currentKey)) }
            root = attach(index) ?? root
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            if open.count >= YAMLTree.maximumDepth {
                throw YAMLProblem(stage: .tooDeep, problem: YAMLTree.tooDeep,
                                  line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            }
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            if open.count == 1 { secondLevelStart = (texts.count, children.count) }
            let index = add(YAMLTree.Entry(kind: isMapping ? .mapping : .sequence, tag: .implicit, line: Int32(mark.line + 1),
                                           column: Int32(mark.column + 1), first: 0, count: 0), size: 1)
            open.append((index, pending.count, anchor.map { String(cString: $0) }, currentKey))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            let (index, start, anchor, _) = open.removeLast()
            // By index: a slice of `pending` kept alive across its `removeLast` would make the
            // array copy itself (quadratic in a list of 20 000 events).
            let count = pending.count - start
            var size = 1
            for position in start..<pending.count { size = min(size + sizes[Int(pending[position])], budget + 1) }
            sizes[Int(index)] = size
            if size > budget {
                let entry = entries[Int(index)]
                throw YAMLProblem(stage: .aliasBudget(budget), problem: "the plan's aliases (*name) expand to more than \(budget) values",
                                  line: Int(entry.line), column: Int(entry.column))
            }
            entries[Int(index)].first = Int32(children.count)
            entries[Int(index)].count = Int32(count)
            children.append(contentsOf: pending[start...])
            pending.removeLast(count)
            if event.type == YAML_MAPPING_END_EVENT { try checkKeys(of: index) }
            if let anchor { anchors[anchor] = index }
            root = attach(index) ?? root
        case YAML_ALIAS_EVENT:
            let name = String(cString: event.data.alias.anchor)
            guard let target = anchors[name] else {
                throw YAMLProblem(stage: .composer, problem: "found undefined alias", line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            }
            if currentKey >= 0 { aliasedUnderKeys.append((target, currentKey)) }
            root = attach(target) ?? root
        default:
            break
        }
        return nil
    }

    private mutating func add(_ entry: YAMLTree.Entry, size: Int) -> Int32 {
        entries.append(entry)
        sizes.append(size)
        return Int32(entries.count - 1)
    }

    private mutating func name(_ index: Int32, _ anchor: UnsafeMutablePointer<yaml_char_t>?) {
        if let anchor { anchors[String(cString: anchor)] = index }
    }

    /// The key the next node is the value of: the last key of the innermost mapping when a value
    /// comes next, the key of the innermost list, else none (-1).
    private var currentKey: Int32 {
        guard let innermost = open.last else { return -1 }
        guard entries[Int(innermost.entry)].kind == .mapping else { return innermost.key }
        return (pending.count - innermost.start) % 2 == 1 ? pending[pending.count - 1] : -1
    }

    /// Adds a finished node to the innermost open collection; returns it when it is the root.
    private mutating func attach(_ index: Int32) -> Int32? {
        if open.isEmpty { return index }
        pending.append(index)
        if open.count == 2 && listPieces != nil { handOverPiece() }
        return nil
    }

    /// Hands the items of a list under a key of the root mapping over in pieces, each a tree of
    /// its own: the entries, texts and children made since the last piece, which belong to its
    /// items alone (nothing else is open but the root and the list), renumbered from 0.
    private mutating func handOverPiece() {
        guard let pieces = listPieces else { return }
        let list = open[1]
        if cutting?.list != list.entry {
            let key = list.key >= 0 ? entries[Int(list.key)] : nil
            let asked = entries[Int(list.entry)].kind == .sequence && entries[Int(open[0].entry)].kind == .mapping
                && key?.kind == .scalar && pieces.keys.contains(texts[Int(key!.first)])
            cutting = (list.entry, 0, Int(list.entry) + 1, secondLevelStart.text, secondLevelStart.child, asked)
        }
        guard var cut = cutting, cut.cut, pending.count - list.start - cut.handed >= pieces.size else { return }
        let items = pending[(list.start + cut.handed)...]
        let base = Int32(cut.entry)
        // An alias may repeat a node from before the piece, which its tree would not hold: such a
        // list is read only from the whole tree.
        guard !items.contains(where: { $0 < base }), !children[cut.child...].contains(where: { $0 < base }) else {
            cutting?.cut = false
            return
        }
        var pieceEntries = Array(entries[cut.entry...])
        for index in pieceEntries.indices {
            pieceEntries[index].first -= Int32(pieceEntries[index].kind == .scalar ? cut.text : cut.child)
        }
        var tags: [Int32: String] = [:]
        for (index, tag) in explicitTags where index >= base { tags[index - base] = tag }
        let tree = YAMLTree(entries: pieceEntries, texts: Array(texts[cut.text...]), children: children[cut.child...].map { $0 - base },
                            explicitTags: tags, rootIndex: nil)
        pieces.take(YAMLListPiece(list: list.entry, firstItem: cut.handed, items: items.map { YAMLNode(tree: tree, index: $0 - base) }))
        cut.handed += items.count
        (cut.entry, cut.text, cut.child) = (entries.count, texts.count, children.count)
        cutting = cut
    }

    /// Refuses a key written twice in one mapping, as Yams does (equal text and resolved tag),
    /// naming the sorted duplicate keys at the first one's first place.
    private func checkKeys(of mapping: Int32) throws(YAMLProblem) {
        let entry = entries[Int(mapping)]
        let keys = stride(from: Int(entry.first), to: Int(entry.first + entry.count), by: 2).map { Int(children[$0]) }
        guard keys.count > 1 else { return }
        var duplicates: [(text: String, first: Int)] = []
        var reported = Set<String>()
        // Plans' mappings hold a handful of keys: comparing with the earlier ones beats hashing;
        // a large mapping is indexed (a hostile plan must not make this quadratic).
        var firstByText: [String: Int] = [:]
        if keys.count > 16 {
            for key in keys.reversed() where entries[key].kind == .scalar { firstByText[texts[Int(entries[key].first)]] = key }
        }
        func yams(_ key: Int) -> Node.Scalar {
            YAMLTree.yamsScalar(texts[Int(entries[key].first)], entries[key].tag, explicit: explicitTags[Int32(key)])
        }
        for (position, key) in keys.enumerated() where entries[key].kind == .scalar {
            let text = texts[Int(entries[key].first)]
            let first = keys.count > 16 ? firstByText[text].flatMap { $0 == key ? nil : $0 }
                : keys[..<position].first { entries[$0].kind == .scalar && texts[Int(entries[$0].first)] == text }
            guard let first, !reported.contains(text), yams(first) == yams(key) else { continue }
            reported.insert(text)
            duplicates.append((text, first))
        }
        guard let firstDuplicate = duplicates.min(by: { $0.text < $1.text }) else { return }
        let place = entries[firstDuplicate.first]
        throw YAMLProblem(stage: .duplicateKeys(duplicates.map(\.text).sorted()), problem: "duplicated keys",
                          line: Int(place.line), column: Int(place.column))
    }

    /// libyaml's error, at its line and column (a reader error at its byte offset).
    static func problem(_ parser: yaml_parser_t, _ bytes: UnsafeBufferPointer<UInt8>) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot read the text"
        let context = parser.context.map { (String(cString: $0), Int(parser.context_mark.line) + 1, Int(parser.context_mark.column) + 1) }
        let mark = parser.problem_mark
        switch parser.error {
        case YAML_READER_ERROR:
            let (line, column) = Self.lineAndColumn(ofByte: min(parser.problem_offset, bytes.count), in: bytes)
            return YAMLProblem(stage: .reader(offset: parser.problem_offset, value: parser.problem_value), problem: problem, line: line, column: column)
        case YAML_SCANNER_ERROR:
            return YAMLProblem(stage: .scanner, problem: problem, line: Int(mark.line) + 1, column: Int(mark.column) + 1, context: context)
        case YAML_PARSER_ERROR where problem.hasPrefix("Maximum nesting level"):
            // libyaml's own limit (1000 levels), met first when flow collections open on one line.
            return YAMLProblem(stage: .tooDeep, problem: YAMLTree.tooDeep, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        case YAML_PARSER_ERROR:
            return YAMLProblem(stage: .parser, problem: problem, line: Int(mark.line) + 1, column: Int(mark.column) + 1, context: context)
        default:
            return YAMLProblem(stage: .composer, problem: problem, line: Int(mark.line) + 1, column: Int(mark.column) + 1, context: context)
        }
    }

    /// The line and column (from 1, the column in Unicode scalars) of the byte at `offset`.
    static func lineAndColumn(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1, column = 1
        for byte in bytes[..<offset] {
            if byte == 0x0A { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }
}

/// The hand-over between libyaml parsing on one thread and the composer on another: batches of
/// events (copied out of libyaml as they are parsed, ``YAMLEventBatch``), a few waiting at most
/// (so that memory stays small), then the problem that ended the stream, if any. The composer
/// gives each batch back, and the parser's thread fills it again.
private final class EventQueue: @unchecked Sendable {
    /// The text the parser reads; it outlives the queue's use (``Composer/composePipelined(_:)``
    /// returns only when the parser's thread has ended).
    struct Input: @unchecked Sendable { let bytes: UnsafeBufferPointer<UInt8> }

    static let batchSize = 4096
    static let waitingBatches = 3

    private let condition = NSCondition()
    private var batches: [YAMLEventBatch] = []
    private var givenBack: [YAMLEventBatch] = []
    private var ended = false
    private var problem: YAMLProblem?
    private var stopped = false
    /// Batches given back and emptied, for the parser's next ones (its thread's alone).
    private var emptied: [YAMLEventBatch] = []

    /// The parser's side: parses `input` to its end, or until the composer stops.
    func parse(_ input: Input) {
        do throws(YAMLProblem) {
            try Composer.withParser(input.bytes) { parser throws(YAMLProblem) in
                var batch = YAMLEventBatch(capacity: Self.batchSize)
                while true {
                    var event = yaml_event_t()
                    guard yaml_parser_parse(&parser, &event) == 1 else {
                        hand(batch, ending: Composer.problem(parser, input.bytes))
                        return
                    }
                    let end = event.type == YAML_STREAM_END_EVENT
                    batch.take(&event)
                    guard end || batch.count == Self.batchSize else { continue }
                    guard hand(batch, ends: end), !end else { return }
                    batch = emptied.popLast() ?? YAMLEventBatch(capacity: Self.batchSize)
                }
            }
        } catch {
            hand(YAMLEventBatch(capacity: 0), ending: error)
        }
    }

    /// Hands a batch over (waiting while enough wait) and empties the batches given back; false
    /// when the composer has stopped.
    @discardableResult
    private func hand(_ batch: YAMLEventBatch, ends: Bool = false, ending problem: YAMLProblem? = nil) -> Bool {
        condition.lock()
        while batches.count >= Self.waitingBatches && !stopped { condition.wait() }
        var done = givenBack
        givenBack = []
        let handed = !stopped
        if handed {
            batches.append(batch)
            if ends || problem != nil { (ended, self.problem) = (true, problem) }
            condition.broadcast()
        } else {
            done.append(batch)
        }
        condition.unlock()
        for batch in done { batch.reset() }
        emptied += done
        return handed
    }

    /// The composer's side: the next batch (waiting for it), with the problem that ended the
    /// stream when it is the last.
    func take() -> (batch: YAMLEventBatch?, problem: YAMLProblem?) {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !ended { condition.wait() }
        guard !batches.isEmpty else {
            return (nil, problem ?? YAMLProblem(stage: .composer, problem: "the parser stopped before the end of the text", line: 1, column: 1))
        }
        let batch = batches.removeFirst()
        condition.broadcast()
        return (batch, batches.isEmpty && ended ? problem : nil)
    }

    /// A batch the composer is done with, to be filled again by the parser's thread.
    func giveBack(_ batch: YAMLEventBatch) {
        condition.lock()
        givenBack.append(batch)
        condition.unlock()
    }

    /// The composer met a problem: the parser stops at its next batch.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Lets go of every batch still held (call once both sides have ended).
    func discardWaiting() {
        condition.lock()
        defer { condition.unlock() }
        (batches, givenBack) = ([], [])
    }
}
