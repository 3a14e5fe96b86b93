import Foundation

/// Reads a workspace's hand-written plan into a validated ``Plan``: `plan.yaml` and any `*.yaml`
/// under `plan/` (one file per desk, country or series), each read by libyaml (the parser inside
/// Yams, see ``YAMLTree``) on its own core.
public struct PlanLoader: Sendable {
    /// The file name of the hand-written plan inside a workspace.
    public static let planFileName = "plan.yaml"
    /// The folder, inside a workspace, of further plan files.
    public static let folderName = "plan"

    /// Checks RRULEs with the full parser when given (libical, from ConveneICal).
    public var expander: (any RecurrenceExpanding)?

    /// Files this large have cores of their own, when fewer files are this large than there are
    /// cores (a one-file plan of a large network): libyaml parses on one while the events are
    /// composed on another, and long lists are decoded in pieces on every core. The plan and its
    /// problems are the same either way.
    public var largeFile = 1 << 20
    /// In such a file, events are decoded in pieces of this many while the rest is still read.
    public var earlyPiece = 1024

    public init(expander: (any RecurrenceExpanding)? = nil) { self.expander = expander }

    /// One plan file: the name used in messages and where its text comes from.
    struct Source: Sendable {
        var name: String
        var url: URL?
        var text: String?

        /// The file's text, or why it cannot be read.
        func read() -> Result<String, InputError> {
            if let text { return .success(text) }
            guard let url, let data = FileManager.default.contents(atPath: url.path) else {
                return .failure(InputError([Diagnostic(location: SourceLocation(file: name, line: 1), message: "cannot read the plan file",
                                                       hint: "check that it is a file you may read")]))
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                return .failure(InputError([PlanTextLimits.utf8Problem([UInt8](data), file: name)
                    ?? Diagnostic(location: SourceLocation(file: name, line: 1), message: "the plan file is not UTF-8 text", hint: "save it as UTF-8")]))
            }
            return .success(text)
        }

        /// The file's size in bytes (0 when it cannot be told).
        var byteCount: Int {
            if let text { return text.utf8.count }
            return url.flatMap { try? FileManager.default.attributesOfItem(atPath: $0.path)[.size] as? Int } ?? 0
        }
    }

    /// Loads `DIR/plan.yaml` and `DIR/plan/**/*.yaml`. Throws ``InputError`` listing every problem found.
    public func load(workspace directory: URL) throws -> Plan {
        let files = try Self.files(in: directory)
        return try load(files.map { Source(name: Self.displayPath($0), url: $0) })
    }

    /// Parses plan text; `file` is the name used in messages.
    public func parse(_ text: String, file: String) throws -> Plan {
        try load([Source(name: file, text: text)])
    }

    /// Parses several plan files given as text, the first being `plan.yaml`.
    public func parse(files: [(name: String, text: String)]) throws -> Plan {
        try load(files.map { Source(name: $0.name, text: $0.text) })
    }

    /// The plan files of a workspace: `plan.yaml` first, then every `*.yaml` under `plan/` (at any
    /// depth, hidden files left out) in the order of their paths, so that every run reads them alike.
    public static func files(in directory: URL) throws -> [URL] {
        let main = directory.appendingPathComponent(planFileName)
        guard FileManager.default.fileExists(atPath: main.path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory)
            throw InputError([Diagnostic(
                location: SourceLocation(file: displayPath(main), line: 1),
                message: exists && isDirectory.boolValue ? "no \(planFileName) in this workspace" : "workspace folder '\(directory.path)' does not exist",
                hint: "pass --workspace DIR pointing at a folder with a \(planFileName) (see docs/plan-format.md)")])
        }
        let folder = directory.appendingPathComponent(folderName)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                          options: [.skipsHiddenFiles]) else { return [main] }
        var more: [(path: String, url: URL)] = []
        for case let url as URL in walker where url.pathExtension == "yaml" {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))
            more.append((relative, url))
        }
        return [main] + more.sorted { $0.path.precedesInUTF8($1.path) }.map(\.url)
    }

    /// What reading one file gave: its decoded part, or the syntax error that stopped it.
    private enum FileResult: Sendable {
        case decoded(PlanPart?, PlanDecoder)
        case unreadable([Diagnostic])
        case empty
    }

    /// Reads every file in parallel (each file's tree is composed and walked on the thread that
    /// read it), then puts the parts together in file order and checks the whole.
    func load(_ sources: [Source]) throws -> Plan {
        let largeFile = self.largeFile, earlyPiece = self.earlyPiece
        let spareCores = sources.filter { $0.byteCount >= largeFile }.count < Parallel.cores
        var results = Parallel.map(sources) { source -> FileResult in
            let text: String
            switch source.read() {
            case .success(let read): text = read
            case .failure(let error): return .unreadable(error.diagnostics)
            }
            // libyaml reads the text (refusing control characters); the composer refuses runaway
            // nesting and alias expansion as the events arrive; bad values are refused before the
            // decoder walks the tree.
            do throws(YAMLProblem) {
                let spare = spareCores && text.utf8.count >= largeFile
                // Its events are decoded while the rest of it is read.
                let early = spare ? EarlyEvents(file: source.name, pieceSize: earlyPiece) : nil
                defer { early?.finish() }
                let tree = try YAMLTree.compose(text, aliasBudget: PlanTextLimits.expansionBudget(forBytes: text.utf8.count),
                                                pipelined: spare, listPieces: early?.listPieces)
                guard let root = tree.root else { return .empty }
                let treeProblems = PlanTextLimits.treeProblems(tree, file: source.name)
                if !treeProblems.isEmpty { return .unreadable(treeProblems) }
                var decoder = PlanDecoder(file: source.name)
                let part = decoder.decode(root, main: source.name == sources[0].name, spareCores: spare, early: early)
                // A large file's tree (a million nodes for 20 000 events) is freed on another
                // core while the plan is put together and checked.
                _ = consume root
                if spare { Leftover(consume tree).letGo() }
                return .decoded(part, decoder)
            } catch {
                return .unreadable([Diagnostic(yaml: error, file: source.name)])
            }
        }
        let rank = Dictionary(sources.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
            diagnostics.sorted {
                (rank[$0.location.file] ?? Int.max, $0.location.line, $0.location.column)
                    < (rank[$1.location.file] ?? Int.max, $1.location.line, $1.location.column)
            }
        }
        let unreadable = results.flatMap { result -> [Diagnostic] in if case .unreadable(let found) = result { found } else { [] } }
        if !unreadable.isEmpty { throw InputError(sorted(unreadable)) }
        guard case .decoded(let main, _) = results[0] else {
            throw InputError([Diagnostic(location: SourceLocation(file: sources[0].name, line: 1), message: "the plan is empty",
                                         hint: "start from docs/plan-format.md or Calendars/strong-cities/plan.yaml")])
        }
        var whole = PlanDecoder(file: sources[0].name)
        var plan = Plan(name: main?.name ?? "workspace", organizer: Organizer(name: "", email: ""), settings: main?.settings ?? PlanSettings())
        plan.organizer = main?.organizer ?? Organizer(name: plan.name, email: "convenings@\(plan.name).example")
        plan.levelNames = main?.levelNames ?? [:]
        // Room for every file's entities, ids and places at once, not grown (and copied or
        // rehashed) file by file.
        var totals = PlanPart.Counts()
        for case .decoded(let part, _) in results { totals.add(part) }
        var merged = 0
        for case .decoded(let part, let decoder) in results {
            whole.merge(decoder)
            merged += 1
            if merged == 1 && results.count > 1 {
                whole.reserveCapacity(forMerging: results.dropFirst().compactMap { if case .decoded(_, let other) = $0 { other } else { nil } })
            }
            guard let part else { continue }
            // A list one file holds whole is taken as it is, not copied (20 000 events are).
            func join<Item>(_ list: inout [Item], _ more: [Item], total: Int) {
                if list.isEmpty && more.count == total { list = more; return }
                if list.isEmpty { list.reserveCapacity(total) }
                list += more
            }
            join(&plan.organisations, part.organisations, total: totals.organisations)
            join(&plan.people, part.people, total: totals.people)
            join(&plan.venues, part.venues, total: totals.venues)
            join(&plan.series, part.series, total: totals.series)
            join(&plan.blackouts, part.blackouts, total: totals.blackouts)
            join(&plan.events, part.events, total: totals.events)
        }
        results = []  // the plan's lists are now its own: the validator fills in zones without copying them
        plan.locations = whole.locations
        let levelProblems = NationalLevelSpelling.resolve(whole.nationalLevels, in: &plan)
        var validator = PlanValidator(expander: expander)
        // Each file's (and each piece's) references are checked where they are (on every core), not copied together.
        validator.validate(&plan, references: whole.mergedReferences, declared: whole.declaredByTarget, rules: whole.ruleLocations)
        let diagnostics = whole.reader.diagnostics + levelProblems + validator.diagnostics
        guard diagnostics.isEmpty else { throw InputError(sorted(diagnostics)) }
        // The ids, places and references of a large plan (400 000 references when a file's
        // events are decoded before its people) are freed on another core.
        Leftover(consume whole).letGo()
        return plan
    }

    /// A path relative to the current folder when it lies below it: how files are named in messages.
    public static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }
}

extension PlanDecoder {
    /// Takes in what a decoder of another file (or of a piece of a long list) found: its
    /// problems, ids (an id the plan already has is a duplicate, named with both places),
    /// locations and references (kept as they are, to be checked where they are).
    mutating func merge(_ other: PlanDecoder) {
        if isEmpty && other.reader.file == reader.file {
            // Into a decoder that holds nothing yet (the plan's, before its first file): the
            // other is taken as it is, the same as merging it, without inserting its ids (25 000
            // for a plan of 20 000 events) a second time.
            self = other
            mergedReferences = [PlanReference.Group(file: other.reader.file, references: other.references)] + other.mergedReferences
            references = []
            return
        }
        reader.diagnostics += other.reader.diagnostics
        mergedReferences += [PlanReference.Group(file: other.reader.file, references: other.references)] + other.mergedReferences
        for (id, location) in other.declaredInOrder {
            // One look-up for the new id (nearly all are), two for a duplicate.
            if let first = declared.updateValue(location, forKey: id) {
                declared[id] = first
                reader.diagnostics.append(Self.duplicate(id, at: location, first: first))
            } else {
                declaredInOrder.append((id, location))
            }
        }
        for (target, ids) in other.declaredByTarget { declaredByTarget[target, default: []].formUnion(ids) }
        ruleLocations += other.ruleLocations
        nationalLevels += other.nationalLevels
        locations.merge(other.locations) { earlier, _ in earlier }
    }

    /// Room for the ids, places and kinds of the decoders still to be merged into this one.
    mutating func reserveCapacity(forMerging others: [PlanDecoder]) {
        var ids = 0, places = 0
        var byTarget: [PlanReference.Target: Int] = [:]
        for other in others {
            ids += other.declaredInOrder.count
            places += other.locations.count
            for (target, set) in other.declaredByTarget { byTarget[target, default: 0] += set.count }
        }
        declared.reserveCapacity(declared.count + ids)
        declaredInOrder.reserveCapacity(declaredInOrder.count + ids)
        locations.reserveCapacity(locations.count + places)
        for (target, count) in byTarget { declaredByTarget[target, default: []].reserveCapacity((declaredByTarget[target]?.count ?? 0) + count) }
    }

    /// Nothing decoded or merged yet.
    private var isEmpty: Bool {
        reader.diagnostics.isEmpty && references.isEmpty && mergedReferences.isEmpty && declaredBefore.isEmpty && declared.isEmpty
            && declaredInOrder.isEmpty && locations.isEmpty && declaredByTarget.isEmpty && ruleLocations.isEmpty && nationalLevels.isEmpty
    }
}

extension PlanPart {
    /// How many entities of each kind the parts of a plan hold together.
    struct Counts {
        var organisations = 0, people = 0, venues = 0, series = 0, blackouts = 0, events = 0

        mutating func add(_ part: PlanPart?) {
            guard let part else { return }
            organisations += part.organisations.count
            people += part.people.count
            venues += part.venues.count
            series += part.series.count
            blackouts += part.blackouts.count
            events += part.events.count
        }
    }
}
