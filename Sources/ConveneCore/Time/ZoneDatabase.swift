import Foundation

/// The system's time-zone database: the TZif files of the `tzdata` package, the files libical
/// reads. Zones are read once each, on first use, and kept.
public enum ZoneDatabase {
    /// The folder holding the TZif files: `$TZDIR` when set, else the first of the usual folders
    /// with a `zone.tab` (the search libical makes).
    public static let directory: String = {
        var folders = ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/etc/zoneinfo", "/usr/share/lib/zoneinfo"]
        if let custom = ProcessInfo.processInfo.environment["TZDIR"], !custom.isEmpty { folders.insert(custom, at: 0) }
        return folders.first { FileManager.default.fileExists(atPath: $0 + "/zone.tab") } ?? folders[0]
    }()

    /// The database's release, e.g. `2026f`, from `tzdata.zi` (or `+VERSION`); nil when neither says.
    public static let version: String? = {
        if let text = try? String(contentsOfFile: directory + "/tzdata.zi", encoding: .utf8),
           let line = text.prefix(200).split(separator: "\n").first(where: { $0.hasPrefix("# version ") }) {
            return String(line.dropFirst("# version ".count)).trimmingCharacters(in: .whitespaces)
        }
        if let text = try? String(contentsOfFile: directory + "/+VERSION", encoding: .utf8) {
            return text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return nil
    }()

    /// Every zone and link name the database defines (from `tzdata.zi`, else `zone1970.tab`), sorted.
    public static let identifiers: [String] = {
        var names: Set<String> = ["UTC"]
        if let text = try? String(contentsOfFile: directory + "/tzdata.zi", encoding: .utf8) {
            for line in text.split(separator: "\n") {
                let fields = line.split(separator: " ")
                if fields.count >= 2 && fields[0] == "Z" { names.insert(String(fields[1])) }
                if fields.count >= 3 && fields[0] == "L" { names.insert(String(fields[2])) }
            }
        } else if let text = try? String(contentsOfFile: directory + "/zone1970.tab", encoding: .utf8) {
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                let fields = line.split(separator: "\t")
                if fields.count >= 3 { names.insert(String(fields[2])) }
            }
        }
        return names.filter(isPlausibleName).sorted()
    }()

    /// The zone called `identifier`, or nil when the database has no such zone. Only IANA names
    /// (`Area/City`, or `UTC`) are accepted: not abbreviations such as `EST`, and nothing that
    /// could leave the database's folder.
    public static func zone(_ identifier: String) -> ZoneRules? { cache.zone(identifier) }

    static func isPlausibleName(_ identifier: String) -> Bool {
        guard identifier == "UTC" || identifier.contains("/"), !identifier.hasPrefix("/"), identifier.utf8.count < 100 else { return false }
        return identifier.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part != "." && part != ".."
                && part.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || "_-+".utf8.contains($0) }
        }
    }

    private static let cache = ZoneCache()
}

/// Zones read so far, by name (a miss is remembered too).
private final class ZoneCache: @unchecked Sendable {
    private let lock = NSLock()
    private var zones: [String: ZoneRules?] = [:]

    func zone(_ identifier: String) -> ZoneRules? {
        lock.lock()
        if let known = zones[identifier] {
            lock.unlock()
            return known
        }
        lock.unlock()
        var zone: ZoneRules?
        if ZoneDatabase.isPlausibleName(identifier),
           let data = FileManager.default.contents(atPath: ZoneDatabase.directory + "/" + identifier) {
            zone = try? TZifReader.read(Array(data), identifier: identifier)
        }
        lock.lock()
        defer { lock.unlock() }
        if let known = zones[identifier] { return known }
        zones[identifier] = zone
        return zone
    }
}
