import Foundation

extension KeyedDecodingContainer {
    /// A value of a string-valued enum (a status, a level), read as `JSONDecoder` reads any string
    /// and then looked up: the same value and the same error as `decode(T.self, forKey:)`, without
    /// the nested decoder that one sets up for every value. Record files hold hundreds of thousands
    /// of these, and the nested decoders were a sixth of the time of reading them.
    func decodeCase<T: RawRepresentable>(_: T.Type, forKey key: Key) throws -> T where T.RawValue == String {
        try enumCase(T.self, try decode(String.self, forKey: key), forKey: key)
    }

    /// ``decodeCase(_:forKey:)`` for an optional value: nil when the key is absent or null.
    func decodeCaseIfPresent<T: RawRepresentable>(_: T.Type, forKey key: Key) throws -> T? where T.RawValue == String {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        return try enumCase(T.self, text, forKey: key)
    }

    /// The case named `text`, or the error `RawRepresentable`'s own decoding throws.
    private func enumCase<T: RawRepresentable>(_: T.Type, _ text: String, forKey key: Key) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "Cannot initialize \(T.self) from invalid String value \(text)")
        }
        return value
    }
}
