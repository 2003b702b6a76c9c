import Foundation
import OversightDomain
import OversightRuntime
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

/// `d` and `:doc TEMPLATE` in the workbench: the letter for the selected matter, read in the full-text pager, then
/// recorded (`s` or Enter), with the command that fetches it as a document.
@Suite struct LetterCommandTests {
    @Test func docShowsTheLetterInThePagerThenRecordsItAndSaysHowToFetchIt() throws {
        let store = try Fixtures.demoStore()
        var s = try Fixtures.state(store, user: "wangjian")
        s.sshAddress = "oversight@10.0.0.5"
        let interpreter = EffectInterpreter(store: store, letters: try Fixtures.letters())
        func key(_ k: String) { interpreter.perform(reduce(&s, .key(k)), on: &s) { reduce(&$0, $1) } }
        // An overdue matter his procuratorate sent.
        let row = try #require(s.inbox.firstIndex {
            if case .overdue = Urgency($0, today: s.today) { return $0.fromOrg == s.viewer.org.id } else { return false }
        })
        s.selection = s.inboxStart + row
        let m = try #require(s.selectedMatter)
        #expect(m.id == s.inbox[row].id)
        let before = try store.events(of: m.id, for: s.viewer).count
        key("d")
        guard case .commandLine(let field, _, _) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(field.text == "doc ")
        for ch in "reminder" { key(String(ch)) }
        key("<Enter>")
        // The pager shows the letter; nothing is recorded yet.
        guard case .text(let view) = s.mode else { Issue.record("\(s.mode) \(String(describing: s.status))"); return }
        #expect(view.letter?.kind == .reminder && view.matter == m.id)
        let text = view.pieces.compactMap { if case .text(let t) = $0 { return t } else { return nil } }.joined(separator: "\n")
        #expect(text.hasPrefix("催告函") && text.contains(m.number) && text.contains(m.title))
        #expect(try store.events(of: m.id, for: s.viewer).count == before)
        key("j")
        guard case .text(let scrolled) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(scrolled.scroll == 1)
        // Recorded: a note in the history, and the command that fetches it, short enough for 80 columns.
        key("s")
        #expect(s.mode == .normal)
        let events = try store.events(of: m.id, for: s.viewer)
        #expect(events.count == before + 1)
        #expect(events.last?.action == .step(.note) && events.last?.text == "制作文书：催告函（reminder）")
        guard case .letterRecorded(let fetch) = s.message else { Issue.record("\(String(describing: s.message))"); return }
        #expect(fetch == "ssh oversight@10.0.0.5 doc reminder \(m.id) > 催告函.docx")
        let shown = try Fixtures.strings()("letter.fetch", ["command": fetch])
        #expect(shown == "已记录。取件：ssh oversight@10.0.0.5 doc reminder \(m.id) > 催告函.docx")
        #expect(DisplayWidth.of(shown) <= 80, "\(shown)")
        // Without SSH the command is the local one; Esc closes a letter unrecorded.
        s.sshAddress = nil
        #expect(s.fetchCommand(try #require(view.letter.map { _ in
            try LetterTemplate(.reminder, text: "催告函\n").letter(for: m, by: s.viewer, organisations: s.organisations, today: s.today)
        })) == "oversight doc reminder \(m.id) --out 催告函.docx")
        key("d")
        for ch in "reminder" { key(String(ch)) }
        key("<Enter>")
        guard case .text = s.mode else { Issue.record("\(s.mode)"); return }
        key("<Esc>")
        #expect(s.mode == .normal)
        #expect(try store.events(of: m.id, for: s.viewer).count == before + 1)
    }

    @Test func aLetterThatDoesNotFitRecordsNothingAndSaysWhy() throws {
        let store = try Fixtures.demoStore()
        var s = try Fixtures.state(store, user: "wangjian")
        let interpreter = EffectInterpreter(store: store, letters: try Fixtures.letters())
        let m = try #require(s.selectedMatter)
        let before = try store.events(of: m.id, for: s.viewer).count
        // A transfer letter on a matter that is not a transfer.
        #expect(m.kind != .transfer)
        let effects = reduce(&s, .key(":"))
        interpreter.perform(effects, on: &s) { reduce(&$0, $1) }
        for ch in "doc transfer" { interpreter.perform(reduce(&s, .key(ch == " " ? "<Space>" : String(ch))), on: &s) { reduce(&$0, $1) } }
        interpreter.perform(reduce(&s, .key("<Enter>")), on: &s) { reduce(&$0, $1) }
        #expect(s.status == .letter(.wrongKind(.transfer, .transfer)))
        #expect(try store.events(of: m.id, for: s.viewer).count == before)
        #expect(throws: OptionError.self) { try CommandText.parse("doc bogus") }
    }
}
