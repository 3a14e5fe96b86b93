import Foundation
import Testing

/// End-to-end: a sign-in sheet with ranks, styles and post-nominals records the invited people,
/// and a name with unknown words besides is shown as a near miss (exit 1), not recorded as a guest.
@Suite("convene attend: titled names")
struct TitledNamesCommandTests {
    @Test func ranksAndStylesMatchAndNearMissesAreOffered() throws {
        let workspace = try CLIRunner.copyOf(CLIRunner.fixtures.appendingPathComponent("plans/golden"))
        let sheet = workspace.appendingPathComponent("sheet.csv")
        try "Nom,Organisation\nS.E. Mme Aino Virtanen,Ministère\n\"Leena Korhonen (Cllr)\",Ville\nCmsr Mikko Laine,Ministry\n"
            .write(to: sheet, atomically: true, encoding: .utf8)
        let result = try CLIRunner.run(["attend", "cooperation-group-2024", "--csv", sheet.path, "--workspace", workspace.path])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("2 attended"), "\(result.stdout)")
        #expect(!result.stdout.contains("  guest "))
        #expect(result.stdout.contains("NOT RECORDED line 4: 'Cmsr Mikko Laine' is not in the plan; did you mean mikko-laine"), "\(result.stdout)")
    }
}
