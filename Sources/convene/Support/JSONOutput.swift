import Foundation

/// The one JSON output path of the command line: Foundation's `JSONEncoder`, keys sorted and `/`
/// left alone, for every `--format json`; pretty-printed unless `compact` (a one-line answer).
func jsonText<T: Encodable>(_ value: T, compact: Bool = false) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = compact ? [.sortedKeys, .withoutEscapingSlashes] : [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
