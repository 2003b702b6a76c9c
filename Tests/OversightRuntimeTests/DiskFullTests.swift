import Foundation
import GRDB
import OversightDomain
import OversightScreens
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime
@testable import OversightStore

/// A step sent from a form on a full disk: the form stays open with its text, the failure is said in the interface's
/// language at the form and on the hint line, nothing is saved, and the session goes on reading.
@Suite struct DiskFullTests {
    static let text = String(repeating: "已按建议整改，排污口已封堵。", count: 500)

    @Test(arguments: [Language.zh, .en])
    func aReplyOnAFullDiskKeepsItsFormAndText(_ language: Language) throws {
        let store = try Fixtures.demoStore(name: "diskFull-\(language)")
        let viewer = try store.viewer("hbj.li")
        var state = try Fixtures.state(store, user: "hbj.li")
        let i = try #require(state.inbox.firstIndex { $0.kind == .suggestion && $0.state == .served })
        state.selection = i
        let m = state.inbox[i]
        // The long text comes back from a draft when the form opens (typing it key by key would take long).
        try store.save([Draft(target: .act(.reply, m.id), field: "text", text: Self.text)], for: viewer)
        let terminal = ScriptedTerminal(size: Size(width: 120, height: 30), events: [])
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings(language))),
                         state: state)
        try rt.start()
        // The database may not grow any more, as on a full disk.
        try store.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        for c in ":reply adopted" { _ = rt.handle(.key(.character(c))) }
        _ = rt.handle(.key(.enter))
        guard case .form(let opened) = rt.state.mode else {
            Issue.record("no form: \(rt.state.mode)")
            return
        }
        #expect(opened.fields.first { $0.option == "text" }?.value == Self.text)
        _ = rt.handle(.key(.control("d")))
        rt.draw()

        let said = language == .zh ? "磁盘已满，这一步没有保存；请联系管理员腾出空间后再试"
                                   : "the disk is full: this step was not saved; ask the administrator to free space, then try again"
        guard case .form(let form) = rt.state.mode else {
            Issue.record("the form closed: \(rt.state.mode)")
            return
        }
        #expect(form.fields.first { $0.option == "text" }?.value == Self.text, "the text stays")
        #expect(form.fields.first { $0.option == "outcome" }?.value == "adopted")
        #expect(form.error?.problem == .failed(said))
        let screen = terminal.screen
        #expect(screen.contains(String(said.prefix(12))), "\(screen)")
        #expect(!screen.contains("SQLite") && !screen.contains("COMMIT"), "\(screen)")
        // Nothing was saved; reading goes on.
        #expect(try store.matter(m.id, for: viewer)?.state == .served)
        _ = rt.handle(.key(.escape))
        _ = rt.handle(.key(.character("j")))
        #expect(rt.state.status == nil)
        // No key follows: the detail is read.
        _ = rt.handle(nil)
        #expect(rt.state.detail != nil)
    }
}
