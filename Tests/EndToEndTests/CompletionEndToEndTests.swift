import Foundation
import OversightTestSupport
import Testing

/// Tab on the workbench's `:` line, in the built binary in tmux at 80×24 (issue 18: on an empty line Tab listed
/// nothing, although the error says to press it).
@Suite(.serialized) struct CompletionEndToEndTests {
    let workbench = WorkbenchEndToEndTests()

    @Test func tabListsTheCommandsAboveTheLineAndCompletesAnOrganisation() throws {
        let db = try workbench.demoDatabase()
        let t = Tmux()
        try t.start(workbench.command(db), width: 80, height: 24)
        #expect(try t.waitFor("收件箱").found)
        try workbench.dismissEntrySummary(t)

        // An empty line: every command, listed above the line.
        try t.keys(":")
        try t.keys("Tab")
        let listed = try t.waitFor("补全 46 项")
        #expect(listed.found, "\(listed.screen)")
        let rows = listed.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let line = try #require(rows.lastIndex { $0.hasPrefix(":") }, "\(listed.screen)")
        #expect(rows[line - 3].contains("issue") && rows[line - 4].contains("补全"), "\(listed.screen)")
        #expect(rows[line - 1].contains("另有"), "\(listed.screen)")

        // Typing clears it; an organisation is found by its name and completed to its id.
        try t.keys("-l", "new suggestion --to 司法")
        #expect(try waitUntil { !(try t.screen()).contains("补全 41 项") })
        try t.keys("Tab")
        let completed = try t.waitFor(":new suggestion --to sfj")
        #expect(completed.found, "\(completed.screen)")

        // Esc: the line closes, nothing ran.
        try t.keys("Escape")
        #expect(try waitUntil { !(try t.screen()).contains(":new suggestion") })
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
    }
}
