import Foundation

/// A real SMTP server for the mail tests: Python `aiosmtpd` (PyPI) on a free loopback port,
/// delivering into a Maildir in a temporary folder; stopped by `stop()`.
final class LoopbackSMTPServer {
    let port: Int
    let maildir: URL
    private let process: Process

    /// Whether the programs these tests drive are installed.
    static var available: Bool {
        CLIRunner.hasTool("msmtp") && CLIRunner.pythonHas("aiosmtpd", "icalendar")
    }

    init(in folder: URL) throws {
        maildir = folder.appendingPathComponent("delivered")
        for sub in ["tmp", "new", "cur"] {
            try FileManager.default.createDirectory(at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        // The kernel picks a free port; the server binds it a moment later (a clash is retried).
        var started: (Int, Process)?
        for _ in 0..<5 where started == nil {
            let free = try CLIRunner.runTool("python3", ["-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
            guard let port = Int(free.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else { continue }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            if Self.waitUntilListening(port) && process.isRunning {
                started = (port, process)
            } else {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
        }
        guard let (port, process) = started else { throw CocoaError(.featureUnsupported) }
        self.port = port
        self.process = process
    }

    private static func waitUntilListening(_ port: Int) -> Bool {
        let probe = "import socket, time\nfor _ in range(100):\n    try:\n        socket.create_connection(('127.0.0.1', \(port)), 0.2).close(); break\n    except OSError: time.sleep(0.1)\nelse: raise SystemExit(1)"
        return (try? CLIRunner.runTool("python3", ["-c", probe]).status) == 0
    }

    /// The `--sendmail` command that hands a message to this server.
    func msmtp(from sender: String) -> String {
        "msmtp --host=127.0.0.1 --port=\(port) --from=\(sender) --auth=off --tls=off -t"
    }

    /// Every delivered message as Python's `email` and `icalendar` read it.
    func delivered() throws -> [[String: Any]] {
        let script = CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/mail_delivered.py").path
        let result = try CLIRunner.runTool("python3", [script, maildir.path])
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// Stops the server with SIGKILL: a child of the test process inherits its blocked signals,
    /// SIGTERM among them. Each message was written to the Maildir before the client was told.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { stop() } }
}
