import Foundation

/// Reads `~/.netrc` (the file curl, ftp and git read): `machine HOST login USER password SECRET`,
/// tokens separated by white space, a `default` entry for any host, `macdef` blocks skipped.
enum Netrc {
    struct Entry: Sendable, Hashable {
        var login: String?
        var password: String?
    }

    /// The entry for `host` (and `user`, when given), else the `default` entry; nil when the file
    /// is missing or names neither.
    static func entry(in file: URL, host: String, user: String?) -> Entry? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return entry(in: String(decoding: data, as: UTF8.self), host: host, user: user)
    }

    static func entry(in text: String, host: String, user: String?) -> Entry? {
        var entries: [(machine: String?, entry: Entry)] = []
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var tokens: [Substring] = []
        var inMacro = false
        for line in lines {
            if inMacro {
                if line.allSatisfy(\.isWhitespace) { inMacro = false }
                continue
            }
            let words = line.split(whereSeparator: \.isWhitespace)
            if let index = words.firstIndex(of: "macdef") {
                tokens += words[..<index]
                inMacro = true
                continue
            }
            tokens += words
        }
        var index = 0
        func next() -> String? {
            guard index < tokens.count else { return nil }
            defer { index += 1 }
            return String(tokens[index])
        }
        while let token = next() {
            switch token {
            case "machine": entries.append((next(), Entry()))
            case "default": entries.append((nil, Entry()))
            case "login": if let value = next(), !entries.isEmpty { entries[entries.count - 1].entry.login = value }
            case "password": if let value = next(), !entries.isEmpty { entries[entries.count - 1].entry.password = value }
            case "account": _ = next()
            default: break
            }
        }
        let host = host.lowercased()
        func fits(_ entry: Entry) -> Bool { user == nil || entry.login == nil || entry.login == user }
        return entries.first(where: { $0.machine?.lowercased() == host && fits($0.entry) })?.entry
            ?? entries.first(where: { $0.machine == nil && fits($0.entry) })?.entry
    }
}
