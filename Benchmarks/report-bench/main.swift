import ConveneCore
import Foundation

// convene-report-bench: times `convene report levels` over a large synthetic workspace.
//
//   swift build -c release          # builds convene and convene-report-bench
//   .build/release/convene-report-bench [--events 20000] [--records 200000] [--runs 7] [--convene PATH]
//                                       [--compute-only] [--keep DIR [--write-only]]
//
// 1. compute: RepresentationReport.compute over the in-memory plan and records (index included);
// 2. the records alone, saved (attendance.json and replies.json, to a scratch folder) and loaded;
//    then load + compute: reading records/attendance.json and replies.json, then computing;
// 3. end to end: the release `convene report levels` on the workspace written to a temporary
//    folder (process start, plan.yaml, records, compute, render), per format, beside
//    `convene validate` on the same workspace (the plan-loading floor every command pays).
// Each figure is the median of --runs runs (end to end: of max(3, runs / 2)). Processor time
// is shown beside the wall time of the computation: on a busy machine the two differ.

func option(_ name: String, _ fallback: Int) -> Int {
    guard let i = CommandLine.arguments.firstIndex(of: name), i + 1 < CommandLine.arguments.count,
          let value = Int(CommandLine.arguments[i + 1]) else { return fallback }
    return value
}

/// Processor time used by this process so far (user + system), in seconds.
func processorSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Wall-clock seconds, and processor seconds summed over all threads.
func measure(_ body: () throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let cpu = processorSeconds()
    let wall = try seconds(body)
    return (wall, processorSeconds() - cpu)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func show(_ label: String, _ times: [Double]) {
    let ms = times.map { $0 * 1000 }
    print(label.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "median %8.1f ms   (min %.1f, max %.1f, %d runs)", median(ms), ms.min()!, ms.max()!, ms.count))
}

let eventCount = option("--events", 20_000)
let recordCount = option("--records", 200_000)
let runs = max(1, option("--runs", 7))

var generated: Workload!
let generation = seconds { generated = Workload(events: eventCount, records: recordCount) }
let workload = generated!
print("workload: \(workload.plan.events.count) events, \(workload.attendance.records.count) attendance records, "
    + "\(workload.replies.replies.count) replies, \(workload.plan.people.count) people, "
    + "\(workload.plan.organisations.count) organisations, \(workload.plan.series.count) series "
    + String(format: "(generated in %.1f s)", generation))

var report: RepresentationReport!
let computed = (0..<runs).map { _ in
    measure { report = RepresentationReport.compute(index: PlanIndex(workload.plan), replies: workload.replies, attendance: workload.attendance) }
}
show("compute (index + report)", computed.map(\.wall))
show("  processor time, all threads", computed.map(\.cpu))
print("  -> \(report.summary.events) events, \(report.summary.attended) attended, \(report.series.count) series, "
    + "\(report.series.reduce(0) { $0 + $1.steps.count }) retention steps, national+local at \(report.summary.nationalAndLocal)")

if CommandLine.arguments.contains("--compute-only") { exit(0) }  // for profiling the computation alone

// --keep DIR writes the workspace there and leaves it for runs by hand.
let kept = CommandLine.arguments.firstIndex(of: "--keep").flatMap { $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil }
let folder = kept.map { URL(fileURLWithPath: $0) }
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("convene-report-bench-\(ProcessInfo.processInfo.processIdentifier)")
defer { if kept == nil { try? FileManager.default.removeItem(at: folder) } }
try workload.write(to: folder)
let sizes = ["plan.yaml", "records/attendance.json", "records/replies.json"].map { name -> String in
    let bytes = (try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path)[.size] as? Int) ?? 0
    return "\(name) \(bytes / 1_000_000) MB"
}
print("workspace: \(folder.path) (\(sizes.joined(separator: ", ")))")
if CommandLine.arguments.contains("--write-only") { exit(0) }  // with --keep: the workspace for Benchmarks/plan/run-plan.sh

let written = folder.appendingPathExtension("written")
let saved = try (0..<runs).map { _ in
    try? FileManager.default.removeItem(at: written)
    return try measure {
        try workload.attendance.save(workspace: written)
        try WorkspaceRecords(replies: workload.replies).save(workspace: written)
    }
}
try? FileManager.default.removeItem(at: written)
show("save records (JSON): attendance + replies", saved.map(\.wall))
show("  processor time", saved.map(\.cpu))
let loaded = try (0..<runs).map { _ in
    try measure {
        _ = try AttendanceBook.load(workspace: folder)
        _ = try WorkspaceRecords.load(workspace: folder)
    }
}
show("load records (JSON): attendance + replies", loaded.map(\.wall))
show("  processor time", loaded.map(\.cpu))
let index = PlanIndex(workload.plan)
show("load records (JSON) + compute", try (0..<runs).map { _ in
    try seconds {
        let attendance = try AttendanceBook.load(workspace: folder)
        let replies = try WorkspaceRecords.load(workspace: folder).replies
        _ = RepresentationReport.compute(index: index, replies: replies, attendance: attendance)
    }
})

// End to end through the release binary beside this one (or --convene PATH).
let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
let convene: String = {
    if let i = CommandLine.arguments.firstIndex(of: "--convene"), i + 1 < CommandLine.arguments.count { return CommandLine.arguments[i + 1] }
    return here.appendingPathComponent("convene").path
}()
guard FileManager.default.isExecutableFile(atPath: convene) else {
    print("end to end: skipped (no convene binary at \(convene); build it with `swift build -c release --product convene`)")
    exit(0)
}

func run(_ arguments: [String], binary convene: String = convene) throws -> Double {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: convene)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    let errors = Pipe()
    process.standardError = errors
    let time = try seconds {
        try process.run()
        process.waitUntilExit()
    }
    if process.terminationStatus != 0 {
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        print("convene \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text.prefix(800))")
        exit(1)
    }
    return time
}

let endToEndRuns = max(3, runs / 2)
show("e2e: convene validate (plan load floor)", try (0..<endToEndRuns).map { _ in try run(["validate", "--workspace", folder.path]) })
for format in ["table", "json", "csv", "md", "html"] {
    show("e2e: convene report levels --format \(format)", try (0..<endToEndRuns).map { _ in
        try run(["report", "levels", "--workspace", folder.path, "--format", format])
    })
}
show("e2e: report levels --series (one series)", try (0..<endToEndRuns).map { _ in
    try run(["report", "levels", "--workspace", folder.path, "--series", "series-7", "--format", "html"])
})
