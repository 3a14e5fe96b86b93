import ConveneCore

/// The events of many calendar files, read in parts on all cores; the shared first half of every
/// command that expands iCalendar files.
struct CalendarReader {
    /// One part's events, and where the part came from.
    struct Part {
        var number: Int
        var file: Int
        var fileName: String
        var result: ChunkResult
    }

    /// Parts of the files that were read cleanly, in file order.
    private(set) var parts: [Part] = []
    private(set) var problems: [ICalError] = []
    private(set) var filesRead: [String] = []
    private(set) var filesRejected: [String] = []

    /// Reads `inputs`: checks each file's structure, loads the built-in zones they need (on this
    /// thread), parses their parts on `workers` threads (0: one per core) and keeps the events whose
    /// occurrences start in `window`. A file with any problem is left out whole.
    init(_ inputs: [CalendarInput], window: TimeSpan, workers requested: Int, chunkBytes: Int) {
        LibicalRuntime.prepare()
        let workers = requested == 0 ? Parallel.cores : requested

        // 1. The shape of each file; files that are not well-formed stop here.
        let layouts: [Result<CalendarLayout, ICalError>] = Parallel.map(count: inputs.count, workers: workers) { i in
            Result { () throws(ICalError) -> CalendarLayout in
                try ICalInputLimits.check(inputs[i].bytes, file: inputs[i].name)
                return try CalendarLayout(scanning: inputs[i].bytes, file: inputs[i].name)
            }
        }

        // 2. Built-in zones the files name without defining, loaded here, on one thread.
        var zones: Set<String> = []
        for (i, layout) in layouts.enumerated() {
            if case .success(let layout) = layout { zones.formUnion(layout.undefinedZoneReferences(in: inputs[i].bytes)) }
        }
        _ = BuiltinZones.preload(zones.sorted())

        // 3. Parts of every file, parsed on all cores; each part's tree is freed once read.
        let totalBytes = inputs.reduce(0) { $0 + $1.bytes.count }
        let target = chunkBytes > 0 ? chunkBytes : min(2 << 20, max(64 << 10, totalBytes / (workers * 8)))
        let plans = layouts.enumerated().flatMap { i, layout -> [ChunkPlan] in
            guard case .success(let layout) = layout else { return [] }
            return ChunkPlan.plans(file: i, layout: layout, targetBytes: target)
        }
        let results: [ChunkResult] = Parallel.map(count: plans.count, workers: workers) { p in
            let plan = plans[p]
            guard case .success(let layout) = layouts[plan.file] else { return ChunkResult() }
            return ChunkReader.read(plan, of: inputs[plan.file], layout: layout, window: window)
        }

        // 4. Per file: its problems, or its parts.
        var partsByFile = [[Int]](repeating: [], count: inputs.count)
        for (p, plan) in plans.enumerated() { partsByFile[plan.file].append(p) }
        for (i, input) in inputs.enumerated() {
            var fileProblems: [ICalError] = []
            if case .failure(let error) = layouts[i] { fileProblems.append(error) }
            for p in partsByFile[i] { fileProblems += results[p].problems }
            if fileProblems.isEmpty {
                filesRead.append(input.name)
                parts += partsByFile[i].map { Part(number: $0, file: i, fileName: input.name, result: results[$0]) }
            } else {
                problems += fileProblems.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
                filesRejected.append(input.name)
            }
        }
    }

    /// Adds problems found before reading (files that could not be opened).
    mutating func prepend(problems earlier: [ICalError], rejected: [String]) {
        problems = earlier + problems
        filesRejected = rejected + filesRejected
    }

    /// Calls `body` with each event of the files read and its occurrences, overrides applied: an
    /// event with a RECURRENCE-ID replaces the occurrence of the same file's series with the same
    /// UID that starts at that instant. `part` and `event` locate the event in `parts`.
    func forEachEvent(_ body: (_ part: Int, _ event: Int, _ spans: ArraySlice<TimeSpan>) -> Void) {
        var start = 0
        while start < parts.count {
            var end = start
            while end < parts.count, parts[end].file == parts[start].file { end += 1 }
            var replaced: [String: Set<UnixSeconds>] = [:]
            for part in parts[start..<end] {
                for event in part.result.events {
                    if let instant = event.recurrenceID { replaced[part.result.uid(of: event), default: []].insert(instant) }
                }
            }
            for p in start..<end {
                let result = parts[p].result
                for (e, event) in result.events.enumerated() {
                    let spans = result.spans[event.spans]
                    if !replaced.isEmpty, event.recurrenceID == nil, let instants = replaced[result.uid(of: event)] {
                        body(p, e, ArraySlice(spans.filter { !instants.contains($0.start) }))
                    } else {
                        body(p, e, spans)
                    }
                }
            }
            start = end
        }
    }

    /// Reads `paths` (files or folders of `.ics` files) and then the calendars in them.
    static func reading(paths: [String], window: TimeSpan, workers: Int, chunkBytes: Int) -> CalendarReader {
        var inputs: [CalendarInput] = []
        var problems: [ICalError] = []
        var unreadable: [String] = []
        for path in paths {
            do { inputs += try CalendarInput.read(path) } catch {
                problems.append(error)
                unreadable.append(path)
            }
        }
        var reader = CalendarReader(inputs, window: window, workers: workers, chunkBytes: chunkBytes)
        reader.prepend(problems: problems, rejected: unreadable)
        return reader
    }
}
