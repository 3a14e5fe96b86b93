import ArgumentParser
import ConveneCore
import ConveneDAV
import Foundation

/// How to reach a CalDAV server, shared by `publish`, `pull` and `import --from-caldav`.
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The user on the server (or write it in the URL, https://USER@host/...). The password is read from $\(ServerAccount.passwordVariable), else ~/.netrc.",
                               valueName: "USER"))
    var user: String?

    @Flag(name: .customLong("allow-insecure-http"), help: "Allow plain http:// to a host other than this machine (the password and the plan travel unencrypted).")
    var allowInsecureHTTP = false

    @Option(help: ArgumentHelp("Seconds to wait for each answer before retrying (3 retries, with back-off).", valueName: "SECONDS"))
    var timeout: Double = 30

    func validate() throws {
        guard timeout > 0 && timeout <= 3600 else { throw ValidationError("--timeout must be between 0 and 3600 seconds") }
    }

    /// The account for `url`; a bad URL or an HTTP policy refusal is a ``DAVError`` (bad input,
    /// reported by ``Failure`` as every error the library explains).
    func account(_ url: String) throws -> ServerAccount {
        try ServerAccount(url: url, user: user, allowInsecureHTTP: allowInsecureHTTP)
    }
}

/// A progress line on standard error, only when it is a terminal.
struct ProgressLine: Sendable {
    let watching = isatty(STDERR_FILENO) == 1

    func show(_ text: String) {
        if watching { FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8)) }
    }

    func clear() { show("") }
}
