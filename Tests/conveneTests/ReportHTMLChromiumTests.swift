import Foundation
import Testing

/// Renders the sample's HTML report in headless Chromium (Debian `chromium`): a screenshot is
/// produced and the heat map has one cell per event and level or sector. Skipped only when
/// Chromium is not installed.
@Suite("convene report levels --format html in Chromium")
struct ReportHTMLChromiumTests {
    /// `chromium` (or `chromium-browser`) on PATH, if any.
    static let chromium: String? = {
        let names = ["chromium", "chromium-browser"]
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            for name in names {
                let path = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }()

    @Test(.enabled(if: chromium != nil, "chromium is not installed (apt-get install -y chromium)"))
    func theSampleReportRendersWithOneCellPerEventAndColumn() throws {
        let sample = CLIRunner.repositoryRoot.appendingPathComponent("Calendars/strong-cities").path
        let dir = try CLIRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        let written = try CLIRunner.run(["report", "levels", "--workspace", sample, "--format", "html", "--out", page.path])
        #expect(written.status == 0, "\(written.stderr)")

        let json = try CLIRunner.run(["report", "levels", "--workspace", sample, "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let events = try #require(report["events"] as? [Any]).count
        let columns = try #require(report["columns"] as? [Any]).count

        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.components(separatedBy: "<rect class=\"cell").count - 1 == events * columns)
        // Self-contained: no scripts, no style sheets or images fetched from anywhere.
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("src=\"http"))
        #expect(html.contains("@media print"))

        let shot = dir.appendingPathComponent("report.png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.chromium!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                             "--screenshot=\(shot.path)", "--window-size=1400,2000", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let png = try #require(FileManager.default.contents(atPath: shot.path), "chromium wrote no screenshot")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 50_000, "the screenshot is only \(png.count) bytes: a blank page?")
    }
}
