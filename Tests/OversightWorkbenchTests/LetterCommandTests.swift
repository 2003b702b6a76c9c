import Foundation
import OversightDomain
import OversightRuntime
import OversightStore
import OversightTestSupport
import OversightWorkbench
import Testing

/// `d` and `:doc TEMPLATE` in the workbench: the letter for the selected matter, recorded and saved.
@Suite struct LetterCommandTests {
    @Test func docRecordsTheLetterAsANoteSavesItAndSaysWhere() throws {
        let store = try Fixtures.demoStore()
        var s = try Fixtures.state(store, user: "wangjian")
        let folder = try Fixtures.temporaryDirectory().appendingPathComponent("letters").path
        let interpreter = EffectInterpreter(store: store, letters: try Fixtures.letters(folder: folder))
        func key(_ k: String) { interpreter.perform(reduce(&s, .key(k)), on: &s) { reduce(&$0, $1) } }
        // An overdue matter his procuratorate sent.
        let row = try #require(s.inbox.firstIndex {
            if case .overdue = Urgency($0, today: s.today) { return $0.fromOrg == s.viewer.org.id } else { return false }
        })
        s.selection = s.inboxStart + row
        let m = try #require(s.selectedMatter)
        #expect(m.id == s.inbox[row].id)
        key("d")
        guard case .commandLine(let field) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(field.text == "doc ")
        for ch in "reminder" { key(String(ch)) }
        key("<Enter>")
        guard case .letterSaved(let path) = s.message else { Issue.record("\(String(describing: s.message)) \(String(describing: s.status))"); return }
        #expect(path.hasPrefix(folder + "/"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("催告函"))
        #expect(text.contains(m.number) && text.contains(m.title))
        let attributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        let events = try store.events(of: m.id, for: s.viewer)
        #expect(events.last?.action == .step(.note) && events.last?.text == "制作文书：催告函（reminder）")
    }

    @Test func aLetterThatDoesNotFitRecordsNothingAndSaysWhy() throws {
        let store = try Fixtures.demoStore()
        var s = try Fixtures.state(store, user: "wangjian")
        let folder = try Fixtures.temporaryDirectory().appendingPathComponent("letters").path
        let interpreter = EffectInterpreter(store: store, letters: try Fixtures.letters(folder: folder))
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
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(throws: OptionError.self) { try CommandText.parse("doc bogus") }
    }
}
