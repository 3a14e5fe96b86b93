import Foundation

/// Runs the built `convene` executable, as a user would, and captures what it prints.
struct CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `convene` binary beside the test bundle in the build folder.
    static var executable: URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("convene")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("convene")
    }

    /// The repository root (for the sample workspace and fixtures).
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The fixtures folder of this test target.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    /// Runs `convene ARGS` in `directory` and waits for it.
    static func run(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        try execute(executable, arguments, in: directory, environment: environment)
    }

    /// Runs a program other than `convene` (python3, khal), found on the PATH, and waits for it.
    static func runTool(_ tool: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        try execute(URL(fileURLWithPath: "/usr/bin/env"), [tool] + arguments, environment: environment)
    }

    /// Runs a program, reading both pipes fully before waiting so a large output cannot block it.
    static func execute(_ program: URL, _ arguments: [String], in directory: URL? = nil,
                        environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = program
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Whether `python3 -c "import MODULES"` works.
    static func pythonHas(_ modules: String...) -> Bool {
        (try? runTool("python3", ["-c", "import " + modules.joined(separator: ", ")]).status) == 0
    }

    /// Whether a program is on the PATH.
    static func hasTool(_ name: String) -> Bool {
        (try? runTool("sh", ["-c", "command -v \(name)"]).status) == 0
    }

    /// Copies a folder into a fresh temporary folder and returns the copy.
    static func copyOf(_ folder: URL) throws -> URL {
        let target = try temporaryDirectory().appendingPathComponent(folder.lastPathComponent)
        try FileManager.default.copyItem(at: folder, to: target)
        return target
    }

    /// A fresh temporary folder, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("convene-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
