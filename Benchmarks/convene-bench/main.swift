import ConveneCore
import ConveneICal
import Foundation

/// `convene-bench`: the project's own benchmark tools (they need nothing from `../shared`).
///
///     convene-bench generate N_EVENTS N_PEOPLE OUT.ics [--seed S] [--quirks]
///     convene-bench conflicts FILE.ics [--runs R] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--workers N] [--chunk-bytes B]
///     convene-bench occurrences FILE.ics...
///
/// `generate` writes a deterministic workload (see `WorkloadGenerator`). `conflicts` times
/// `AttendeeConflicts.scan` in this process R times and prints the counts, the median and fastest
/// wall time, and the peak resident memory; `Benchmarks/run-conflicts.sh` times the `convene`
/// command itself against the yardsticks.
enum Bench {
    static func main() -> Int32 {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let command = arguments.first else { return usage() }
        arguments.removeFirst()
        do {
            switch command {
            case "generate": return try generate(arguments)
            case "conflicts": return try conflicts(arguments)
            case "occurrences": return occurrences(arguments)
            default: return usage()
            }
        } catch {
            FileHandle.standardError.write(Data("convene-bench: \(error)\n".utf8))
            return 2
        }
    }

    static func generate(_ arguments: [String]) throws -> Int32 {
        let options = Options(arguments)
        guard options.positional.count == 3, let events = Int(options.positional[0]),
              let people = Int(options.positional[1]), events >= 0, people > 0 else { return usage() }
        var generator = WorkloadGenerator(events: events, people: people)
        generator.seed = UInt64(options.value("--seed") ?? "7") ?? 7
        generator.quirks = options.flag("--quirks")
        let bytes = generator.generate()
        try Data(bytes).write(to: URL(fileURLWithPath: options.positional[2]))
        return 0
    }

    static func conflicts(_ arguments: [String]) throws -> Int32 {
        let options = Options(arguments)
        guard !options.positional.isEmpty else { return usage() }
        let runs = Int(options.value("--runs") ?? "5") ?? 5
        var window = ConflictScanOptions.defaultWindow
        if let from = options.value("--from"), let date = CivilDate(iso: from) {
            window.start = CivilDateTime(date: date, minuteOfDay: 0).secondsAsIfUTC
        }
        if let to = options.value("--to"), let date = CivilDate(iso: to) {
            window.end = CivilDateTime(date: date, minuteOfDay: 0).secondsAsIfUTC
        }
        var times: [Double] = []
        var last = ConflictScan()
        for _ in 0..<max(1, runs) {
            let clock = ContinuousClock.now
            let settings = ConflictScanOptions(window: window, workers: Int(options.value("--workers") ?? "0") ?? 0,
                                               chunkBytes: Int(options.value("--chunk-bytes") ?? "0") ?? 0)
            last = AttendeeConflicts.scan(paths: options.positional, options: settings)
            let elapsed = ContinuousClock.now - clock
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        times.sort()
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("\(last.occurrenceCount) occurrences, \(last.conflictingPairCount) conflicting pairs")
        print(String(format: "runs=%d median=%.3fs fastest=%.3fs peak_rss=%.0fMiB", times.count,
                     times[times.count / 2], times[0], Double(usage.ru_maxrss) / 1024))
        for problem in last.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        return last.problems.isEmpty ? 0 : 2
    }

    /// Prints `UID START END` (UTC seconds) for every occurrence, sorted: to compare with
    /// `Tests/differential/peer_conflicts.py --dump` when counts differ.
    static func occurrences(_ arguments: [String]) -> Int32 {
        let listing = CalendarOccurrences.list(paths: Options(arguments).positional)
        let lines = listing.occurrences.map { "\($0.uid) \($0.span.start) \($0.span.end)" }.sorted()
        print(lines.joined(separator: "\n"))
        for problem in listing.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        return listing.problems.isEmpty ? 0 : 2
    }

    static func usage() -> Int32 {
        FileHandle.standardError.write(Data("""
            usage: convene-bench generate N_EVENTS N_PEOPLE OUT.ics [--seed S] [--quirks]
                   convene-bench conflicts FILE.ics... [--runs R] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--workers N] [--chunk-bytes B]
                   convene-bench occurrences FILE.ics...

            """.utf8))
        return 2
    }
}

/// Positional arguments, `--name value` options and `--flag`s.
struct Options {
    var positional: [String] = []
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument.hasPrefix("--") {
                if ["--quirks"].contains(argument) {
                    flags.insert(argument)
                } else if i + 1 < arguments.count {
                    values[argument] = arguments[i + 1]
                    i += 1
                }
            } else {
                positional.append(argument)
            }
            i += 1
        }
    }

    func value(_ name: String) -> String? { values[name] }
    func flag(_ name: String) -> Bool { flags.contains(name) }
}

exit(Bench.main())
