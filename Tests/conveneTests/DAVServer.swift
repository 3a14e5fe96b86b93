import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A CalDAV server (Debian's Radicale or Xandikos) or a test helper started by a test on a free
/// loopback port in a temporary folder, and stopped by it.
final class DAVServer {
    enum Kind: String, CustomStringConvertible, CaseIterable {
        case radicale, xandikos
        var description: String { rawValue }
    }

    static let user = "alice"
    static let password = "correct horse battery"

    let kind: Kind
    let folder: URL
    let port: Int
    private var process: Process?

    /// The account's address (where `publish --create` makes the workspace's calendar).
    var accountURL: String {
        switch kind {
        case .radicale: "http://\(Self.user)@127.0.0.1:\(port)/"
        case .xandikos: "http://127.0.0.1:\(port)/user/calendars/"
        }
    }

    /// The address of the calendar `publish --create` makes for the sample workspace.
    var sampleCalendarURL: String {
        switch kind {
        case .radicale: "http://127.0.0.1:\(port)/\(Self.user)/strong-cities-nlc/"
        case .xandikos: "http://127.0.0.1:\(port)/user/calendars/strong-cities-nlc/"
        }
    }

    /// Whether the server's program is installed.
    static func available(_ kind: Kind) -> Bool {
        CLIRunner.hasTool(kind.rawValue) && (kind != .radicale || CLIRunner.hasTool("htpasswd"))
    }

    /// Starts a server in a fresh temporary folder (or `folder`, to restart one) on a free port
    /// (or `port`), and waits until it answers.
    init(_ kind: Kind, folder: URL? = nil, port: Int? = nil) throws {
        self.kind = kind
        self.folder = try folder ?? CLIRunner.temporaryDirectory()
        self.port = try port ?? Self.freePort()
        try start()
    }

    deinit { stop() }

    private func start() throws {
        let process = Process()
        let log = folder.appendingPathComponent("server.log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        switch kind {
        case .radicale:
            let users = folder.appendingPathComponent("users")
            if !FileManager.default.fileExists(atPath: users.path) {
                let made = try CLIRunner.runTool("htpasswd", ["-B", "-b", "-c", users.path, Self.user, Self.password])
                guard made.status == 0 else { throw ServerError("htpasswd failed: \(made.stderr)") }
            }
            let config = folder.appendingPathComponent("radicale.conf")
            try """
                [server]
                hosts = 127.0.0.1:\(port)
                [auth]
                type = htpasswd
                htpasswd_filename = \(users.path)
                htpasswd_encryption = bcrypt
                delay = 0
                [storage]
                filesystem_folder = \(folder.appendingPathComponent("collections").path)
                [rights]
                type = owner_only
                [logging]
                level = warning
                """.write(to: config, atomically: true, encoding: .utf8)
            process.arguments = ["radicale", "--config", config.path]
        case .xandikos:
            process.arguments = ["xandikos", "-d", folder.appendingPathComponent("data").path, "--defaults",
                                 "-l", "127.0.0.1", "-p", String(port)]
        }
        try process.run()
        self.process = process
        try Self.waitUntilListening(port, process: process, log: log)
    }

    /// Starts the server again on the same port and folder (after `kill` or `stop`).
    func restart() throws {
        stop()
        try start()
    }

    /// Stops the server: SIGTERM, and SIGKILL when it has not ended within 3 s (Radicale may
    /// wait for idle connections).
    func stop() {
        guard let process else { return }
        Self.end(process)
        self.process = nil
    }

    static func end(_ process: Process) {
        if process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(3)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    var pid: Int32 { process?.processIdentifier ?? 0 }

    /// A port nothing listens on now.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw ServerError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits (up to 20 s) until something accepts connections on the port.
    static func waitUntilListening(_ port: Int, process: Process?, log: URL?) throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return }
            if let process, !process.isRunning {
                throw ServerError("the server stopped: \(log.flatMap { try? String(contentsOf: $0, encoding: .utf8) } ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw ServerError("nothing listens on port \(port) after 20 s")
    }
}

/// A helper program (a Python script from Tests/checkers) running beside a test.
final class HelperProcess {
    private let process = Process()

    init(_ script: String, _ arguments: [String], port: Int) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLIRunner.repositoryRoot.appendingPathComponent("Tests/checkers/\(script)").path] + arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        try DAVServer.waitUntilListening(port, process: process, log: nil)
    }

    deinit { stop() }

    func stop() { DAVServer.end(process) }

    func waitUntilExit() { process.waitUntilExit() }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
