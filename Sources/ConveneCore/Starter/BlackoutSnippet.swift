/// Blackouts as plan lines to paste under `blackouts:` (the tool never rewrites plan.yaml).
public enum BlackoutSnippet {
    public static func yaml(_ blackouts: [Blackout]) -> String {
        var lines = ["blackouts:"]
        for blackout in blackouts {
            let country = blackout.country.map { ", country: \($0)" } ?? ""
            lines.append("  - {id: \(blackout.id), name: \(quoted(blackout.name)), from: \(blackout.from), to: \(blackout.through)\(country)}")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A double-quoted YAML scalar: backslashes and quotes escaped, line breaks as `\n`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r", "\t": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
