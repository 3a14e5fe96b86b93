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
}
