import ConveneCore

/// The one path from calendar files to occurrences, behind `conflicts`, busy import and reply
/// import: each file's structure is checked (`CalendarLayout`), its events parsed by libical in
/// parts on all cores (`ChunkReader`), then put together as series in the file
/// (`SeriesAssembly`). The rules it follows are listed in `OccurrenceRules`.
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
    /// Faults read past, with their lines (in files read and in files left out alike).
    private(set) var warnings: [ICalError] = []

    /// Reads `inputs`: checks each file's structure, loads the built-in zones they need (on this
    /// thread), parses their parts on `workers` threads (0: one per core) and keeps the events whose
    /// occurrences start in `window`. A file with any problem is left out whole.
    ///
    /// Floating times and DATEs are read in each calendar's X-WR-TIMEZONE, else in `floatingZone`
    /// (UTC when nil).
    init(_ inputs: [CalendarInput], window: TimeSpan, workers requested: Int, chunkBytes: Int,
         floatingZone: String? = nil) {
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
        // Windows and prefixed names stand for IANA zones, loaded here too.
        _ = BuiltinZones.preload(zones.sorted())
        _ = BuiltinZones.preload(zones.compactMap { TimeZoneNames.resolve($0) }.sorted() + (floatingZone.map { [$0] } ?? []))
        // Occurrences are expanded two days either side, so that floating times and DATEs placed
        // in a zone, and occurrences moved by RANGE=THISANDFUTURE, are kept or dropped rightly.
        let margin: Int64 = 2 * 86_400
        let wide = TimeSpan(start: window.start - margin, end: window.end + margin)

        // 3. Parts of every file, parsed on all cores; each part's tree is freed once read.
        let totalBytes = inputs.reduce(0) { $0 + $1.bytes.count }
        let target = chunkBytes > 0 ? chunkBytes : min(2 << 20, max(64 << 10, totalBytes / (workers * 8)))
        let sizing = ChunkPlan.Sizing(target: target, workers: workers)
        var remaining = layouts.reduce(0) { total, layout in
            guard case .success(let layout) = layout else { return total }
            return total + layout.eventBytes
        }
        let plans = layouts.enumerated().flatMap { i, layout -> [ChunkPlan] in
            guard case .success(let layout) = layout else { return [] }
            return ChunkPlan.plans(file: i, layout: layout, sizing: sizing, remaining: &remaining)
        }
        let results: [ChunkResult] = Parallel.map(count: plans.count, workers: workers) { p in
            let plan = plans[p]
            guard case .success(let layout) = layouts[plan.file] else { return ChunkResult() }
            return ChunkReader.read(plan, of: inputs[plan.file], layout: layout, window: wide)
        }

        // 4. Per file: its problems, or its parts.
        var partsByFile = [[Int]](repeating: [], count: inputs.count)
        for (p, plan) in plans.enumerated() { partsByFile[plan.file].append(p) }
        for (i, input) in inputs.enumerated() {
            var fileProblems: [ICalError] = []
            var fileWarnings: [ICalError] = []
            switch layouts[i] {
            case .failure(let error): fileProblems.append(error)
            case .success(let layout): fileWarnings += layout.warnings
            }
            for p in partsByFile[i] {
                fileProblems += results[p].problems
                fileWarnings += results[p].warnings
            }
            warnings += fileWarnings.sorted { ($0.line ?? 0, $0.column ?? 0) < ($1.line ?? 0, $1.column ?? 0) }
            if fileProblems.isEmpty {
                filesRead.append(input.name)
                var fileParts = partsByFile[i].map { results[$0] }
                SeriesAssembly.assemble(&fileParts, window: window, defaultZone: floatingZone)
                parts += zip(partsByFile[i], fileParts).map { Part(number: $0, file: i, fileName: input.name, result: $1) }
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

    /// Calls `body` with each event of the files read and its occurrences, series put together
    /// (`SeriesAssembly`). `part` and `event` locate the event in `parts`.
    func forEachEvent(_ body: (_ part: Int, _ event: Int, _ spans: ArraySlice<TimeSpan>) -> Void) {
        for (p, part) in parts.enumerated() {
            for (e, event) in part.result.events.enumerated() { body(p, e, part.result.spans[event.spans]) }
        }
    }

    /// Reads `paths` (files or folders of `.ics` files) and then the calendars in them.
    static func reading(paths: [String], window: TimeSpan, workers: Int, chunkBytes: Int,
                        floatingZone: String? = nil) -> CalendarReader {
        var inputs: [CalendarInput] = []
        var problems: [ICalError] = []
        var unreadable: [String] = []
        for path in paths {
            do { inputs += try CalendarInput.read(path) } catch {
                problems.append(error)
                unreadable.append(path)
            }
        }
        var reader = CalendarReader(inputs, window: window, workers: workers, chunkBytes: chunkBytes,
                                    floatingZone: floatingZone)
        reader.prepend(problems: problems, rejected: unreadable)
        return reader
    }
}
