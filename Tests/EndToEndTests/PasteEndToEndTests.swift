import Foundation
import OversightTestSupport
import Testing

extension WorkbenchEndToEndTests {
    /// The real binary in tmux: tmux frames a `paste-buffer -p` only when the program turned bracketed paste on, and
    /// tmux 3.3 passes an end marker inside the buffer through, so the hostile paste here ends tmux's frame early.
    @Test func aPasteIsTextInAFormIgnoredElsewhereAndBracketedPasteIsOffAfterwards() throws {
        let db = try demoDatabase()
        let t = Tmux()
        try t.start(command(db), width: 100, height: 30)
        try dismissEntrySummary(t)

        // A new matter's form, on its title (kind, addressee, title).
        try t.keys("n")
        #expect(try t.waitFor("Esc 取消").found)
        try t.keys("Tab", "Tab")
        // ESC n would have cancelled the form and opened a new one; q quit; the fake end marker ended the paste early.
        try t.tmux("set-buffer", "-b", "hostile", "粘贴abc\u{1B}[201~n:quit\nq\u{1B}x")
        try t.tmux("paste-buffer", "-p", "-b", "hostile", "-t", t.session)
        let pasted = try t.waitFor("粘贴abcn:quit qx")
        #expect(pasted.found, "\(pasted.screen)")
        #expect(pasted.screen.contains("Esc 取消"), "the form is still open:\n\(pasted.screen)")
        // Typing goes on in the same field: the paste left no key half read.
        try t.keys("-l", "！")
        #expect(try t.waitFor("粘贴abcn:quit qx！").found)

        // In normal mode a paste does nothing but say where it goes.
        try t.keys("Escape")
        #expect(try waitUntil { !(try t.screen()).contains("Esc 取消") })
        try t.tmux("set-buffer", "-b", "keys", "n?q")
        try t.tmux("paste-buffer", "-p", "-b", "keys", "-t", t.session)
        let ignored = try t.waitFor("粘贴的文字只能放进输入框")
        #expect(ignored.found, "\(ignored.screen)")
        #expect(!ignored.screen.contains("Esc 取消"), "no form opened:\n\(ignored.screen)")
        #expect(!(try t.history()).contains("[exit "))

        // After quitting, the shell's pastes are not framed: the program turned bracketed paste off.
        try t.keys("q")
        #expect(try t.waitForExit() == 0)
        try t.tmux("set-buffer", "-b", "after", "pasted-after-exit")
        try t.tmux("paste-buffer", "-p", "-b", "after", "-t", t.session)
        let shell = try t.waitFor("pasted-after-exit")
        #expect(shell.found, "\(shell.screen)")
        #expect(!shell.screen.contains("200~"), "\(shell.screen)")
    }
}
