import Foundation
import OversightDomain
import OversightRuntime
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

/// Tagged batches say what they do (issue 18): the menu and the confirmation name how many and which; a step some
/// tagged matter does not allow names it; every tagged matter is tried and each refusal named; the tags go after.
@Suite struct BatchTests {
    struct Bench {
        var state: AppState
        let store: Store
        let screen: Screen

        mutating func key(_ k: String) {
            let effects = reduce(&state, .key(k))
            EffectInterpreter(store: store).perform(effects, on: &state) { reduce(&$0, $1) }
        }

        mutating func type(_ text: String) { for ch in text { key(ch == " " ? "<Space>" : String(ch)) } }

        var text: String { screen.render(state, size: Size(width: 80, height: 24)).text }
    }

    /// wangjian (the procuratorate) with two replied suggestions and one served one tagged, in the inbox's order.
    func tagged() throws -> (Bench, replied: [Matter], served: Matter) {
        let store = try Fixtures.demoStore()
        var b = Bench(state: try Fixtures.state(store, user: "wangjian"), store: store,
                      screen: Screen(presenter: Presenter(strings: try Fixtures.strings())))
        let replied = Array(b.state.inbox.filter { $0.kind == .suggestion && $0.state == .replied }.prefix(2))
        let served = try #require(b.state.inbox.first { $0.kind == .suggestion && $0.state == .served })
        #expect(replied.count == 2)
        for m in replied + [served] {
            b.state.selection = b.state.inboxStart + b.state.inbox.firstIndex(of: m)!
            b.key("t")
        }
        #expect(b.state.tagged == Set((replied + [served]).map(\.id)))
        return (b, replied, served)
    }

    @Test func theMenuOffersOnlyWhatEveryTaggedMatterAllowsAndNamesTheOneThatDoesNot() throws {
        var (b, replied, served) = try tagged()
        b.key("<Enter>")
        guard case .menu = b.state.mode else { Issue.record("no menu: \(b.state.mode)"); return }
        let close = try #require(b.state.menuEntries.first { $0.action == .close })
        #expect(close.reason != nil, "the served suggestion cannot be closed")
        #expect(b.state.menuRefusers[.close] == served.label)
        let note = try #require(b.state.menuEntries.first { $0.action == .note })
        #expect(note.reason == nil)
        let text = b.text
        #expect(text.contains("已标记 3 件"), "\(text)")
        #expect(text.contains(String(replied[0].label.prefix(4))), "\(text)")
        // Menu labels are the steps' verbs.
        #expect(text.contains("添加备注"), "\(text)")
    }

    @Test func everyTaggedMatterIsTriedEachRefusalNamedAndTheTagsGo() throws {
        var (b, replied, served) = try tagged()
        b.key(":")
        b.type("close adopted")
        b.key("<Enter>")
        guard case .confirm(let pending) = b.state.mode else { Issue.record("not asked: \(b.state.mode) \(String(describing: b.state.status))"); return }
        #expect(pending.count == 3 && pending.names.count == 3)
        let question = b.text
        #expect(question.contains("确认办结 3 件"), "\(question)")
        b.key("y")
        guard case .batchDone(let outcome)? = b.state.message else { Issue.record("no outcome: \(String(describing: b.state.message)) \(String(describing: b.state.status))"); return }
        #expect(Set(outcome.done.map(\.id)) == Set(replied.map(\.id)), "the served one did not stop the others")
        #expect(outcome.refused.map(\.id) == [served.id])
        #expect(b.state.tagged.isEmpty, "the tags go after the step")
        for m in replied { #expect(try b.store.matter(m.id, for: b.state.viewer)?.state == .closed) }
        #expect(try b.store.matter(served.id, for: b.state.viewer)?.state == .served)
        let hint = b.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(hint.contains("已办结 2 件") && hint.contains("1 件未办"), "\(hint)")
        // The next step goes to the selected matter alone.
        b.key(":")
        b.type("note 备注")
        b.key("<Enter>")
        if case .confirm = b.state.mode { Issue.record("a note to no tagged matter asks nothing") }
    }

    @Test func aTaggedSelectedRowShowsBothMarks() throws {
        var (b, _, served) = try tagged()
        b.state.selection = b.state.inboxStart + b.state.inbox.firstIndex(of: served)!
        let rows = b.text.split(separator: "\n").filter { $0.hasPrefix("│") }.map { String($0.dropFirst().prefix(2)) }
        #expect(rows.contains(">+"), "\(rows)")
        #expect(rows.filter { $0 == " +" }.count == 2, "\(rows)")
    }
}
