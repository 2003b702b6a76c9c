import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// A paste is text: it goes into the focused field and is never keys (issue 17: an ESC in a pasted text cancelled the
/// form, and the `n` after it opened the new-suggestion form).
@Suite struct PasteTests {
    static let hostile = "abc\u{1B}n:quit\nq"

    func session() throws -> (Runtime, ScriptedTerminal) {
        let store = try Fixtures.demoStore()
        let terminal = ScriptedTerminal(size: Size(width: 100, height: 30), events: [])
        let rt = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                         state: try Fixtures.state(store, user: "wangjian"))
        try rt.start()
        return (rt, terminal)
    }

    /// `n`, then Tab to the field `option`.
    func newForm(_ rt: Runtime, focus option: String) throws -> Form {
        #expect(rt.handle(.key(.character("n"))) == nil)
        for _ in 0..<8 {
            guard case .form(let form) = rt.state.mode else { break }
            if form.focused.option == option { return form }
            #expect(rt.handle(.key(.tab)) == nil)
        }
        throw FixtureError("no form with a \(option) field open: \(rt.state.mode)")
    }

    func form(_ rt: Runtime) throws -> Form {
        guard case .form(let form) = rt.state.mode else { throw FixtureError("no form open: \(rt.state.mode)") }
        return form
    }

    @Test func aPasteIntoAFormsTitleIsTextOnly() throws {
        let (rt, terminal) = try session()
        let before = try newForm(rt, focus: "title")
        #expect(rt.handle(.paste(Self.hostile)) == nil, "the q in the paste does not quit")
        rt.draw()
        let after = try form(rt)
        #expect(after.target == before.target && after.focus == before.focus, "the same form, the same field")
        // The line break is a space in a one-line field; the ESC (with the byte it would introduce) is gone.
        #expect(after.focused.value == "abc:quit q")
        #expect(!rt.state.quitting)
        #expect(terminal.screen.contains("abc:quit q"), "\(terminal.screen)")
        // Typed on, the text goes on at the cursor.
        #expect(rt.handle(.key(.character("!"))) == nil)
        #expect(try form(rt).focused.value == "abc:quit q!")
    }

    @Test func aPasteLongerThanItsFieldIsCutAtTheLimitAndSaysSo() throws {
        let (rt, terminal) = try session()
        _ = try newForm(rt, focus: "title")
        #expect(rt.handle(.paste(String(repeating: "排", count: TextRule.lineLimit + 500))) == nil)
        rt.draw()
        #expect(try form(rt).focused.value == String(repeating: "排", count: TextRule.lineLimit))
        #expect(terminal.screen.contains("只放进了前 \(TextRule.lineLimit) 字"), "\(terminal.screen)")
        // A long text takes up to its own limit.
        _ = rt.handle(.key(.escape))
        _ = try newForm(rt, focus: "summary")
        #expect(rt.handle(.paste(String(repeating: "a\n", count: TextRule.longLimit))) == nil)
        #expect(try form(rt).focused.value.unicodeScalars.count == TextRule.longLimit)
    }

    @Test func invisibleCharactersInAPasteAreLeftOutAndNamed() throws {
        let (rt, terminal) = try session()
        _ = try newForm(rt, focus: "title")
        #expect(rt.handle(.paste("文检行建〔2025〕\u{200B}9\u{202E}9号")) == nil)
        rt.draw()
        #expect(try form(rt).focused.value == "文检行建〔2025〕99号")
        #expect(terminal.screen.contains("含 2 个控制字符或不可见字符（第一个是 U+200B ZERO WIDTH SPACE）"), "\(terminal.screen)")
    }

    @Test func aPasteIntoALongTextKeepsItsLineBreaks() throws {
        let (rt, _) = try session()
        let before = try newForm(rt, focus: "summary")
        #expect(rt.handle(.paste(Self.hostile + "\r\n第二行\t完")) == nil)
        let after = try form(rt)
        #expect(after.target == before.target && after.focused.option == "summary")
        #expect(after.focused.value == "abc:quit\nq\n第二行 完")
        #expect(!rt.state.quitting)
    }

    @Test func aPasteInNormalModeDoesNothingButSaySo() throws {
        let (rt, terminal) = try session()
        let selection = rt.state.selection, filter = rt.state.filter
        #expect(rt.handle(.paste(Self.hostile + "jjj/x")) == nil)
        rt.draw()
        #expect(rt.state.mode == .normal, "no form opened")
        #expect(!rt.state.quitting)
        #expect(rt.state.selection == selection && rt.state.filter == filter)
        #expect(terminal.frames.last?.lines.last?.contains("粘贴的文字只能放进输入框") == true, "\(terminal.screen)")
        // The notice goes with the next key, as every message does.
        #expect(rt.handle(.key(.character("j"))) == nil)
        #expect(rt.state.message == nil)
    }

    @Test func aPasteNeitherAnswersAConfirmationNorPicksFromAMenu() throws {
        let (rt, _) = try session()
        #expect(rt.handle(.key(.enter)) == nil)
        guard case .menu = rt.state.mode else { Issue.record("no menu: \(rt.state.mode)"); return }
        #expect(rt.handle(.paste("\r")) == nil)
        guard case .menu = rt.state.mode else { Issue.record("the paste chose from the menu: \(rt.state.mode)"); return }
        #expect(rt.state.message == .pasteOutsideField)
        #expect(rt.handle(.key(.escape)) == nil)

        // Two matters tagged, one note for both: asked first.
        for key: KeyEvent in [.character("t"), .character("j"), .character("t")] { #expect(rt.handle(.key(key)) == nil) }
        for c in ":note --text 备注" { #expect(rt.handle(.key(.character(c))) == nil) }
        #expect(rt.handle(.key(.enter)) == nil)
        guard case .confirm = rt.state.mode else { Issue.record("no confirmation: \(rt.state.mode) \(String(describing: rt.state.status))"); return }
        let events = try rt.store.changes(after: 0, for: rt.state.viewer).lastEventID
        #expect(rt.handle(.paste("y")) == nil)
        guard case .confirm = rt.state.mode else { Issue.record("the paste answered: \(rt.state.mode)"); return }
        #expect(rt.state.message == .pasteOutsideField)
        #expect(try rt.store.changes(after: 0, for: rt.state.viewer).lastEventID == events, "nothing written")
        #expect(rt.handle(.key(.escape)) == nil)
        #expect(rt.state.mode == .normal)
    }

    @Test func aPasteIntoTheCommandLineAndTheFilterIsOneLineOfText() throws {
        let (rt, _) = try session()
        #expect(rt.handle(.key(.character(":"))) == nil)
        #expect(rt.handle(.paste("filter\t超期\r\nq\u{1B}")) == nil)
        guard case .commandLine(let line, _, _) = rt.state.mode else { Issue.record("the : line closed: \(rt.state.mode)"); return }
        #expect(line.text == "filter 超期 q")
        #expect(rt.handle(.key(.escape)) == nil)

        #expect(rt.handle(.key(.character("/"))) == nil)
        let title = try #require(rt.state.inbox.first?.title)
        #expect(rt.handle(.paste(title + "\n")) == nil)
        guard case .filter(let field) = rt.state.mode else { Issue.record("the filter closed: \(rt.state.mode)"); return }
        #expect(field.text == title + " ")
        #expect(rt.state.filter == title + " ", "the inbox narrows as the paste goes in")
        #expect(rt.state.inboxCount >= 1)
    }
}
