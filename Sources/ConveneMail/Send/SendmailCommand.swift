import ConveneCore
import Foundation

/// Splits a command line the way a shell would for simple cases: words separated by white
/// space, `'single'` and `"double"` quotes, and backslash escapes (no variables, no globbing).
/// This is how `--sendmail "msmtp -t --account=work"` is read.
public enum CommandWords {
    public static func split(_ line: String, source: String = "--sendmail") throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                current.append(character)
                escaped = false
                inWord = true
            } else if character == "\\" && quote != "'" {
                escaped = true
            } else if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
                inWord = true
            } else if character == " " || character == "\t" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil, !escaped else {
            throw InputError([Diagnostic(location: SourceLocation(file: source, line: 1),
                                         message: "the mail command '\(line)' has an unclosed quote",
                                         hint: "Close the quote, e.g. --sendmail \"msmtp -t --account=work\".")])
        }
        if inWord { words.append(current) }
        guard !words.isEmpty else {
            throw InputError([Diagnostic(location: SourceLocation(file: source, line: 1), message: "the mail command is empty",
                                         hint: "Name a sendmail-compatible program, e.g. \"msmtp -t\".")])
        }
        return words
    }
}
