import ConveneCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where built messages go: piped to a sendmail-compatible program (the system's mail transport:
/// Postfix, Exim, msmtp, nullmailer...), or written as `.eml` files that any mail program opens.
/// Convene speaks no SMTP itself.
public enum MailTransport: Sendable, Hashable {
    /// The program and its arguments; it reads one message on standard input and takes the
    /// recipients from its header fields (`-t`).
    case sendmail([String])
    /// A folder to write `NAME.eml` files into.
    case folder(String)

    /// `sendmail -t -oi`: recipients from the header, a line holding only a dot is not the end.
    public static let defaultCommand = ["sendmail", "-t", "-oi"]

    /// Short name recorded in `records/sent.json`.
    var kind: String {
        switch self {
        case .sendmail: "sendmail"
        case .folder: "file"
        }
    }

    /// Hands one message over. Returns the file written, for a folder. A message the transport
    /// refuses is a ``DeliveryFailure``; a folder that cannot be written (read-only, full, a
    /// symbolic link) is a ``WriteError``, which stops the run: no other message would fare better.
    func deliver(_ message: OutgoingMessage, fileName: String) throws -> String? {
        switch self {
        case .folder(let path):
            let url = URL(fileURLWithPath: path).appendingPathComponent(fileName + ".eml")
            try AtomicFile.write(Data(message.bytes), to: url)
            return url.path
        case .sendmail(let words):
            try Self.pipe(Data(message.localBytes), to: words)
            return nil
        }
    }

    /// Runs the program with the message on its standard input; a non-zero exit is a failure
    /// carrying what it printed on standard error.
    private static func pipe(_ input: Data, to words: [String]) throws(DeliveryFailure) {
        guard let program = words.first, let executable = locate(program) else {
            throw DeliveryFailure(message: "no mail program '\(words.first ?? "")' found on the PATH or in /usr/sbin and /usr/lib",
                                  hint: "Install a mail transport (msmtp-mta, postfix, nullmailer), pass --sendmail \"msmtp -t\", or write files with --out DIR.")
        }
        // A program that exits before reading its input must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(words.dropFirst())
        let stdin = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardError = stderr
        process.standardOutput = stderr
        do { try process.run() } catch {
            throw DeliveryFailure(message: "cannot start \(executable): \(error.localizedDescription)")
        }
        let errors = ErrorText()
        let reading = Thread { errors.set(stderr.fileHandleForReading.readDataToEndOfFile()) }
        reading.start()
        var writeFailure: String?
        do {
            try stdin.fileHandleForWriting.write(contentsOf: input)
        } catch {
            writeFailure = "it stopped reading the message (\(error.localizedDescription))"
        }
        try? stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        let said = errors.wait().trimmingCharacters(in: .whitespacesAndNewlines)
        if process.terminationReason != .exit || process.terminationStatus != 0 || writeFailure != nil {
            let how = process.terminationReason == .exit ? "exited with status \(process.terminationStatus)" : "was killed by signal \(process.terminationStatus)"
            throw DeliveryFailure(message: "\(words.joined(separator: " ")) \(how)\(said.isEmpty ? "" : ": " + said)"
                                  + (writeFailure.map { "; \($0)" } ?? ""))
        }
    }

    /// The program's path: as given when it holds a `/`, else the first match on PATH, then in
    /// /usr/sbin and /usr/lib, where sendmail lives on most systems.
    static func locate(_ program: String) -> String? {
        if program.contains("/") { return FileManager.default.isExecutableFile(atPath: program) ? program : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/lib"] {
            let candidate = folder + "/" + program
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Why a message could not be handed over.
public struct DeliveryFailure: Error, Sendable, Hashable, Codable {
    public var message: String
    public var hint: String = "Check the mail transport's configuration and run `convene send` again: only what was not sent is sent."
}

/// Standard error of the mail program, read on another thread while we write its input.
private final class ErrorText: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    func set(_ value: Data) {
        data = value
        done.signal()
    }

    func wait() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
