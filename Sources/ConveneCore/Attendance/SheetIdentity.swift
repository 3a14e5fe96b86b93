import Foundation

/// What names a sign-in sheet in the records it makes (each record's `source` is
/// `IDENTITY:LINE`): its path relative to the workspace when it lies inside it (the same on every
/// clone of the workspace, whatever folder the command runs in), else its absolute path. Two
/// sheets of one event with the same file name in different folders (`day-1/signin.csv`,
/// `day-2/signin.csv`) are two sheets; recording a corrected sheet at the same path replaces
/// what it recorded before.
public enum SheetIdentity {
    public static func of(_ sheet: URL, workspace: URL) -> String {
        let path = sheet.standardizedFileURL.resolvingSymlinksInPath().path
        let base = workspace.standardizedFileURL.resolvingSymlinksInPath().path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The name earlier releases gave this sheet in their records: its file name alone
    /// (`signin.csv:LINE`). Recording the sheet again replaces those records too, so a
    /// workspace written by an earlier release is not left with rows the sheet no longer has.
    /// Nil when the file name is already the sheet's identity (a sheet at the workspace root), or
    /// when a sheet of that name lies at the workspace root: the bare name is then that sheet's.
    public static func formerName(of sheet: URL, workspace: URL) -> String? {
        let identity = of(sheet, workspace: workspace)
        let name = sheet.lastPathComponent
        guard identity != name, !FileManager.default.fileExists(atPath: workspace.appendingPathComponent(name).path) else { return nil }
        return name
    }

    /// Whether a record's `source` is a line of the sheet named `name` (`NAME:LINE`).
    public static func isLine(_ source: String?, of name: String) -> Bool {
        guard let source, source.hasPrefix(name + ":") else { return false }
        let line = source.utf8.dropFirst(name.utf8.count + 1)
        return !line.isEmpty && line.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
