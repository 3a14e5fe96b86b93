import ConveneCore
import ConveneICal
import Foundation

/// A person's calendar read from a CalDAV server as the calendar file busy-time import reads:
/// every event object overlapping the window (a `calendar-query` with a time range, RFC 4791
/// §9.9), from the calendar at the address, or from every calendar under the account's home.
public enum ServerBusyCalendar {
    /// The calendar objects, one after another, as one input named after the address (the
    /// source the imported busy time is recorded under, so importing again replaces it); nil
    /// when the calendar holds no event in the window.
    public static func fetch(account: ServerAccount, window: TimeSpan, timeout: Double = 30, retries: Int = 3) throws -> CalendarInput? {
        let client = DAVClient(account: account, timeout: timeout, retries: retries)
        let collections = try CalendarCollection.all(client)
        guard !collections.isEmpty else {
            throw DAVError.notFound(client.shown(account.url), hint: "no calendar there or under the account's calendar home: give the calendar's address")
        }
        var bytes: [UInt8] = []
        for collection in collections {
            let reader = CollectionReader(client: client, collection: collection)
            let found = try reader.query(start: utc(window.start), end: utc(window.end))
            for (_, object) in found.sorted(by: { $0.key < $1.key }) {
                bytes += object.body
                if bytes.last != UInt8(ascii: "\n") { bytes += Array("\r\n".utf8) }
            }
        }
        return bytes.isEmpty ? nil : CalendarInput(name: sourceName(account.url), bytes: bytes)
    }

    /// `caldav-HOST-PATH.ics`, a name that says where the busy time came from.
    static func sourceName(_ url: URL) -> String {
        let path = url.path.split(separator: "/").joined(separator: "-")
        return "caldav-\(url.host ?? "server")\(url.port.map { "-\($0)" } ?? "")\(path.isEmpty ? "" : "-" + path).ics"
    }

    private static func utc(_ instant: UnixSeconds) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(instant)))
    }
}
