import ConveneCore
import ConveneICal
import Foundation

/// Carries out one action with conditional requests, and decides what a 412 means by reading the
/// server's copy. Never overwrites a copy changed by someone else unless `force`.
struct PublishStep: Sendable {
    let client: DAVClient
    let collection: CalendarCollection
    let force: Bool
    /// `@WORKSPACE.convene`: what UIDs end with, to name events by their plan id.
    let suffix: String

    func perform(_ action: Action) throws(DAVError) -> Outcome {
        switch action {
        case .create(let resource, let record): try create(resource, record)
        case .update(let resource, let record): try update(resource, record)
        case .delete(let record): try delete(record)
        }
    }

    // MARK: Actions

    private func create(_ resource: PlanSnapshot.Resource, _ record: ServerRecords.Resource) throws(DAVError) -> Outcome {
        let url = collection.member(resource.name)
        let put = try client.send(putRequest(resource, url: url, condition: ["If-None-Match": "*"]))
        if put.isSuccess { return .created(try stored(resource, record, url: url, etag: put.etag), event: resource.eventID) }
        guard put.status == 412 else { return failure(resource, record, put, method: "PUT") }
        // Something is there already: ours from a stopped run, the same event, or someone else's.
        return try reconcile(resource, record, url: url, deletedMeansCreate: true)
    }

    private func update(_ resource: PlanSnapshot.Resource, _ record: ServerRecords.Resource) throws(DAVError) -> Outcome {
        guard let etag = record.etag else { return try create(resource, record) }
        let url = collection.member(resource.name)
        let put = try client.send(putRequest(resource, url: url, condition: ["If-Match": etag]))
        if put.isSuccess { return .updated(try stored(resource, record, url: url, etag: put.etag), event: resource.eventID) }
        guard put.status == 412 || put.status == 404 else { return failure(resource, record, put, method: "PUT") }
        return try reconcile(resource, record, url: url, deletedMeansCreate: false)
    }

    private func delete(_ record: ServerRecords.Resource) throws(DAVError) -> Outcome {
        let url = collection.member(record.name)
        let event = eventID(record.uid)
        var etag = record.etag
        if etag == nil || force {
            // Not confirmed (a stopped run) or forced: look at what is there first.
            let get = try client.send(DAVRequest(method: "GET", url: url))
            if get.status == 404 { return .deleted(event: event) }
            guard get.isSuccess else { return failure(record, get, method: "GET") }
            let copy = try? StoredEvent.read(get.body, name: client.shown(url))
            if !force && copy?.shape != record.pending && copy?.shape != record.shape {
                return refusedDeletion(record, copy: copy)
            }
            etag = get.etag
        }
        var headers: [String: String] = [:]
        if let etag { headers["If-Match"] = etag }
        let response = try client.send(DAVRequest(method: "DELETE", url: url, headers: headers))
        if response.isSuccess || response.status == 404 { return .deleted(event: event) }
        if response.status == 412 {
            let get = try client.send(DAVRequest(method: "GET", url: url))
            return refusedDeletion(record, copy: get.isSuccess ? try? StoredEvent.read(get.body, name: client.shown(url)) : nil)
        }
        return failure(record, response, method: "DELETE")
    }

    /// After a 412 (or 404) on a PUT: reads the server's copy and decides.
    private func reconcile(_ resource: PlanSnapshot.Resource, _ record: ServerRecords.Resource, url: URL,
                           deletedMeansCreate: Bool) throws(DAVError) -> Outcome {
        let get = try client.send(DAVRequest(method: "GET", url: url))
        if get.status == 404 {
            guard deletedMeansCreate || force else {
                var keep = record
                keep.pending = nil
                return .refused(Publisher.Refusal(event: resource.eventID, resource: resource.name,
                                                  reason: "deleted on the server since it was published; not put back (--force puts it back)",
                                                  differences: []), keep: keep)
            }
            let put = try client.send(putRequest(resource, url: url, condition: ["If-None-Match": "*"]))
            if put.isSuccess { return .created(try stored(resource, record, url: url, etag: put.etag), event: resource.eventID) }
            return failure(resource, record, put, method: "PUT")
        }
        guard get.isSuccess else { return failure(resource, record, get, method: "GET") }
        let copy = try? StoredEvent.read(get.body, name: client.shown(url))
        if let copy, copy.shape == resource.event.shape {
            // The server holds this very event (what a stopped run put there, or the same edit).
            var adopted = record
            adopted.etag = get.etag
            adopted.contentHash = resource.hash
            adopted.shape = copy.shape
            adopted.pending = nil
            return .adopted(adopted)
        }
        let ours = copy != nil && (copy?.shape == record.pending || copy?.shape == record.shape)
        if ours || force, let etag = get.etag {
            let put = try client.send(putRequest(resource, url: url, condition: ["If-Match": etag]))
            if put.isSuccess { return .updated(try stored(resource, record, url: url, etag: put.etag), event: resource.eventID) }
            if put.status != 412 { return failure(resource, record, put, method: "PUT") }
        }
        var keep = record
        keep.pending = nil
        let reason = record.etag == nil
            ? "the server already holds a different event under this name; kept (--force overwrites it)"
            : "changed on the server since it was published; the server's copy is kept (--force overwrites it)"
        return .refused(Publisher.Refusal(event: resource.eventID, resource: resource.name, reason: reason,
                                          differences: copy.map { resource.event.differences(from: $0) } ?? ["the server's copy cannot be read as an event"]),
                        keep: keep)
    }

    // MARK: Helpers

    private func putRequest(_ resource: PlanSnapshot.Resource, url: URL, condition: [String: String]) -> DAVRequest {
        DAVRequest(method: "PUT", url: url, headers: condition.merging(["Content-Type": "text/calendar; charset=utf-8"]) { a, _ in a },
                   body: resource.bytes)
    }

    /// The record after a successful PUT; asks for the ETag when the server did not give one
    /// (it may have changed what we sent).
    private func stored(_ resource: PlanSnapshot.Resource, _ record: ServerRecords.Resource, url: URL,
                        etag: String?) throws(DAVError) -> ServerRecords.Resource {
        var stored = record
        stored.etag = etag
        if etag == nil {
            let head = try client.send(DAVRequest(method: "HEAD", url: url))
            stored.etag = head.etag
        }
        stored.contentHash = resource.hash
        stored.shape = resource.event.shape
        stored.pending = nil
        stored.uid = resource.event.uid
        return stored
    }

    private func refusedDeletion(_ record: ServerRecords.Resource, copy: StoredEvent?) -> Outcome {
        var keep = record
        keep.pending = nil
        return .refused(Publisher.Refusal(event: eventID(record.uid), resource: record.name,
                                          reason: "removed from the plan, but changed on the server since it was published; not deleted (--force deletes it)",
                                          differences: copy.map { ["server copy: \($0.summary ?? "(no summary)")"] } ?? []), keep: keep)
    }

    private func failure(_ resource: PlanSnapshot.Resource, _ record: ServerRecords.Resource, _ response: DAVResponse, method: String) -> Outcome {
        var keep = record
        keep.pending = nil
        return .failed(Publisher.Failure(event: resource.eventID, resource: resource.name,
                                         message: describe(response, method: method)), keep: keep)
    }

    private func failure(_ record: ServerRecords.Resource, _ response: DAVResponse, method: String) -> Outcome {
        .failed(Publisher.Failure(event: eventID(record.uid), resource: record.name, message: describe(response, method: method)), keep: record)
    }

    /// "PUT answered 403 Forbidden: <first line of the server's explanation>".
    private func describe(_ response: DAVResponse, method: String) -> String {
        let explanation = String(decoding: response.body.prefix(300), as: UTF8.self)
            .split(whereSeparator: \.isNewline).first.map { ": " + $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let reason = HTTPURLResponseStatus.text(response.status)
        return "\(method) answered \(response.status)\(reason.isEmpty ? "" : " " + reason)\(explanation)"
    }

    private func eventID(_ uid: String) -> String {
        uid.hasSuffix(suffix) ? String(uid.dropLast(suffix.count)) : uid
    }
}
