import ArgumentParser
import ConveneCore
import Foundation

/// `convene init DIR`: a new workspace with a commented plan that validates and checks clean.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Start a workspace: a commented plan.yaml to edit.",
        discussion: """
            Writes DIR/plan.yaml (DIR is created if needed; an existing plan.yaml is never overwritten): \
            settings, the five tiers of government with the country's names for them, one organisation \
            and one person per tier and one from civil society, a venue in the capital, a series, a \
            roundtable and its two-day follow-up still to be placed. It validates and checks clean as \
            written. Then: `convene validate`, `convene check`, `convene suggest CC-follow-up`.
            Known countries: \(WorkspaceSkeleton.knownCountries.joined(separator: ", ")); for another, \
            give --timezone (and --city).
            Exit 0 when written, 2 when DIR already has a plan.yaml or the options are unusable.
            """)

    @Argument(help: ArgumentHelp("The folder of the new workspace.", valueName: "DIR"))
    var directory: String

    @Option(help: ArgumentHelp("ISO 3166 alpha-2 code of the country the convenings are in.", valueName: "CC"))
    var country: String = "UG"

    @Option(help: ArgumentHelp("IANA time zone of the venue (default: the capital's).", valueName: "ZONE"))
    var timezone: String?

    @Option(help: ArgumentHelp("City of the venue (default: the capital).", valueName: "CITY"))
    var city: String?

    @Option(help: ArgumentHelp("The workspace's name (default: from DIR).", valueName: "NAME"))
    var name: String?

    func run() throws {
        let folder = URL(fileURLWithPath: directory)
        let plan = folder.appendingPathComponent(PlanLoader.planFileName)
        guard country.count == 2, country.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            printError("error: '\(country)' is not an ISO 3166 two-letter country code\n    fix: e.g. --country KE")
            throw ExitStatus.badInput
        }
        let workspaceName = WorkspaceSkeleton.workspaceName(from: name ?? folder.standardizedFileURL.lastPathComponent)
        guard let skeleton = WorkspaceSkeleton(name: workspaceName, country: country, timeZone: timezone, city: city,
                                               today: CivilDate.today()) else {
            printError(timezone == nil
                ? "error: no capital and time zone known for \(country.uppercased())\n    fix: give --timezone Area/City (an IANA zone) and --city"
                : "error: unknown time zone '\(timezone!)'\n    fix: use an IANA name such as Africa/Nairobi")
            throw ExitStatus.badInput
        }
        guard !FileManager.default.fileExists(atPath: plan.path) else {
            printError("error: \(plan.path) already exists; nothing written\n    fix: choose a new folder, or edit that plan")
            throw ExitStatus.badInput
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try AtomicFile.write(Data(skeleton.text.utf8), to: plan)
        } catch {
            printError("error: cannot write \(plan.path): \(error.localizedDescription)\n    fix: check the folder is writable")
            throw ExitStatus.badInput
        }
        let cc = skeleton.country.lowercased()
        print("""
            Wrote \(plan.path): a \(skeleton.country) workspace (\(skeleton.capital), \(skeleton.timeZone)).
            Next: edit it, then
              convene validate --workspace \(directory)
              convene check --workspace \(directory)
              convene suggest \(cc)-follow-up --workspace \(directory)
            """)
    }
}
