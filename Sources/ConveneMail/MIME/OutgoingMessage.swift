/// A whole message to send (RFC 5322 §3.6 header fields over a MIME body).
public struct OutgoingMessage: Sendable, Hashable {
    /// Message header fields (From, To, Subject, Date, Message-ID...), in order.
    public var headers: [HeaderField]
    public var body: OutgoingPart

    public init(headers: [HeaderField], body: OutgoingPart) {
        self.headers = headers
        self.body = body
    }

    /// The message as it goes on the wire: CRLF line breaks (RFC 5322 §2.1), `MIME-Version`
    /// (RFC 2045 §4) before the body's own content fields.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        for field in headers { HeaderWriter.write(field, into: &out) }
        HeaderWriter.write(HeaderField(name: "MIME-Version", value: "1.0"), into: &out)
        body.write(into: &out)
        return out
    }

    /// The message with LF line breaks, as a local `sendmail` program expects its input (it
    /// restores CRLF on the wire).
    public var localBytes: [UInt8] {
        var out: [UInt8] = []
        let wire = bytes
        out.reserveCapacity(wire.count)
        for (index, byte) in wire.enumerated() where !(byte == 13 && index + 1 < wire.count && wire[index + 1] == 10) {
            out.append(byte)
        }
        return out
    }
}
