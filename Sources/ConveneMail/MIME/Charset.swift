import Foundation

/// Text in the character sets mail declares (RFC 2046 §4.1.2 `charset`, RFC 2047 encoded words).
enum Charset {
    /// Decodes bytes in `name` (an IANA charset name, any case). UTF-8 and US-ASCII are read as
    /// UTF-8; the ISO-8859 and Windows sets Foundation knows are mapped; anything else, or bytes
    /// that are not valid in the declared set, are read as UTF-8 and then Latin-1, so that a
    /// mislabelled part is still read rather than dropped.
    static func decode(_ bytes: some Collection<UInt8>, charset name: String?) -> String {
        let data = Data(bytes)
        if let encoding = encoding(named: name), let text = String(data: data, encoding: encoding) { return text }
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: .isoLatin1) ?? String(decoding: data, as: UTF8.self)
    }

    private static func encoding(named name: String?) -> String.Encoding? {
        switch name?.lowercased().trimmingCharacters(in: .whitespaces) {
        case nil, "", "utf-8", "utf8", "us-ascii", "ascii": .utf8
        case "iso-8859-1", "latin1", "iso_8859-1", "l1": .isoLatin1
        case "iso-8859-2", "latin2": .isoLatin2
        case "windows-1252", "cp1252": .windowsCP1252
        case "windows-1250", "cp1250": .windowsCP1250
        case "windows-1251", "cp1251": .windowsCP1251
        case "utf-16": .utf16
        case "utf-16le": .utf16LittleEndian
        case "utf-16be": .utf16BigEndian
        default: nil
        }
    }
}
