import Foundation

/// Why a record file could not be read, in words, with the line and column (1-based) where the
/// problem is: `JSONDecoder`'s error, placed on the record's line; for broken JSON syntax, which
/// `JSONDecoder` does not place, where `JSONSerialization` (Foundation's other reader) stops.
struct RecordError: Error, Sendable {
    var line: Int
    var column: Int
    var message: String

    /// Describes `error`, thrown by `JSONDecoder` over `data`: a whole file, or (`at`) a piece of
    /// one line, which starts at column `indent + 1` of that line; `bracketed` when the piece was
    /// put in brackets (a lone record line read as a list of one).
    init(_ error: any Error, data: Data, at place: (line: Int, indent: Int)? = nil, bracketed wrapped: Bool = false) {
        line = place?.line ?? 1
        column = (place?.indent ?? 0) + 1
        guard let decoding = error as? DecodingError else {
            message = "\(error)"
            return
        }
        switch decoding {
        case .keyNotFound(let key, let context):
            message = Self.path(context, wrapped: wrapped) + "a record has no \"\(key.stringValue)\""
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            message = Self.path(context, wrapped: wrapped) + "expected \(Self.name(of: type)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            guard let (problem, offset) = Self.syntax(data) else {
                // Well-formed JSON that the type refuses (an unknown status, 1.5 for a whole number,
                // which JSONDecoder words as invalid JSON and places nowhere).
                message = Self.path(context, wrapped: wrapped)
                    + (context.codingPath.isEmpty ? "a value of the wrong kind (JSONDecoder: \(context.debugDescription))" : context.debugDescription)
                return
            }
            message = "not valid JSON: \(problem)"
            if let offset {
                if let place {
                    column = place.indent + 1 + max(0, offset - (wrapped ? 1 : 0))
                } else {
                    (self.line, column) = Self.position(of: offset, in: data)
                }
            }
        @unknown default:
            message = "\(decoding)"
        }
    }

    /// `records[2].status: ` (the bracket added around a lone line left out).
    private static func path(_ context: DecodingError.Context, wrapped: Bool) -> String {
        var keys = context.codingPath
        if wrapped, !keys.isEmpty { keys.removeFirst() }
        guard !keys.isEmpty else { return "" }
        let text = keys.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return String(text.hasPrefix(".") ? text.dropFirst() : Substring(text)) + ": "
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "a whole number"
        case is Bool.Type: "true or false"
        default: "\(type)"
        }
    }

    /// What `JSONSerialization` says is wrong with the bytes, and at which byte offset; nil when
    /// they are well-formed JSON.
    private static func syntax(_ data: Data) -> (String, Int?)? {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let text = ((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String) ?? "\(error)"
            if text.contains("end of file") { return ("the file ends too early", data.count) }
            let digits = text.split(separator: " ").last.map { $0.filter(\.isNumber) }
            let problem = text.replacingOccurrences(of: #" around character \d+\."#, with: "", options: .regularExpression)
            return (problem.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")), digits.flatMap { Int($0) })
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    private static func position(of offset: Int, in data: Data) -> (Int, Int) {
        let before = data.prefix(offset)
        let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let start = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? data.startIndex
        return (line, String(decoding: data[start..<(data.startIndex + min(offset, data.count))], as: UTF8.self).count + 1)
    }
}
