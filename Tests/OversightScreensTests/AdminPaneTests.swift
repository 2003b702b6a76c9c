import Foundation
import OversightDomain
import OversightRuntime
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightScreens

/// The administrator's screen at 80×24: every person and organisation can be reached and is shown in the detail.
@Suite struct AdminPaneTests {
    static let store = Result { try Fixtures.demoStore(name: "AdminPaneTests") }

    func admin() throws -> AppState {
        var state = try Fixtures.state(try Self.store.get(), user: "admin")
        _ = reduce(&state, .resized(width: 80, height: 24))
        return state
    }

    func render(_ state: AppState, lang: Language = .zh) throws -> CellGrid {
        let screen = Screen(presenter: Presenter(strings: try Fixtures.strings(lang)), glyphs: .unicode)
        return screen.render(state, size: Size(width: 80, height: 24))
    }

    func press(_ keys: [String], _ state: inout AppState) {
        for k in keys { _ = reduce(&state, .key(k)) }
    }

    @Test func theAdministratorsScreenMatchesItsGolden() throws {
        var state = try admin()
        // The file's place and size differ from run to run.
        state.admin?.health.path = "/srv/oversight/wenshui.sqlite"
        state.admin?.health.bytes = 2048 * 1024
        try expectGolden(try render(state).text, "admin-zh-80x24")
    }

    @Test func everyPersonIsReachableAt80x24() throws {
        var state = try admin()
        let users = try #require(state.admin?.users)
        #expect(users.count >= 25, "the demo county has \(users.count) people")
        let last = users[users.count - 1]
        #expect(!(try render(state).text.contains(last.name)), "the last person is not on the first page")
        // j, one at a time, down to the last person: on screen and in the detail pane.
        press(Array(repeating: "j", count: users.count - 1), &state)
        #expect(state.adminSelected == .user(last))
        var screen = try render(state)
        #expect(screen.text.contains("> " + last.name), "\(screen.text)")
        #expect(screen.lines[1].contains("详情 " + last.displayName), "\(screen.lines[1])")
        #expect(!screen.text.contains("未选择事项"))
        // G goes to the last row (an organisation), g back to the first person.
        press(["G"], &state)
        let orgs = try #require(state.admin?.organisations)
        #expect(state.adminSelected == .organisation(orgs[orgs.count - 1]))
        screen = try render(state)
        #expect(screen.text.contains(orgs[orgs.count - 1].name))
        press(["g"], &state)
        #expect(state.adminSelected == .user(users[0]))
        // PgDn pages forward; arrows move too.
        press(["<PgDn>"], &state)
        #expect(state.adminSelection > 1)
        let paged = state.adminSelection
        press(["<Down>", "<Up>", "<Up>"], &state)
        #expect(state.adminSelection == paged - 1)
        press(["<PgUp>", "<PgUp>"], &state)
        #expect(state.adminSelection == 0)
    }

    @Test func slashFiltersByLoginDisplayNameAndOrganisation() throws {
        var state = try admin()
        func typeFilter(_ text: String) {
            press(["/"] + text.map(String.init), &state)
        }
        typeFilter("李明")
        #expect(state.adminRows.count == 1 && state.adminSelected.map { if case .user(let u) = $0 { u.name } else { "" } } == "hbj.li")
        var screen = try render(state)
        #expect(screen.lines[1].contains("筛选：李明 · 1/46"), "\(screen.lines[1])")
        #expect(screen.lines[1].contains("详情 李明"))
        press(["<Esc>"], &state)
        #expect(state.adminRows.count == 46 && state.adminSelected.map { if case .user(let u) = $0 { u.name } else { "" } } == "hbj.li",
                "the selection stays on its row when the filter goes")
        // By the organisation's name: its people and itself; by its id too.
        typeFilter("司法局")
        let names = state.adminRows.map { row -> String in
            switch row { case .user(let u): return u.name; case .organisation(let o): return o.id }
        }
        #expect(names.contains("zhaomin") && names.contains("sfj") && !names.contains("wangjian"), "\(names)")
        press(["<Enter>"], &state)
        press(["/", "<C-u>"] + "HBJ.G".map(String.init) + ["<Enter>"], &state)
        #expect(state.adminRows.count == 1, "\(state.adminRows)")
        // Hostile or unmatched text: nothing listed, said so, no crash.
        for entry in HostileCorpus.entries {
            press(["<Esc>", "<Esc>", "/"], &state)
            _ = reduce(&state, .paste(entry.text))
            screen = try render(state)
            #expect(screen.lines.allSatisfy { DisplayWidth.of($0) == 80 })
        }
        press(["<Esc>", "<Esc>"], &state)
        typeFilter("zzzz-none")
        #expect(try render(state).text.contains("没有符合筛选的人员或单位"))
    }

    @Test func aReloadKeepsTheSelectedPerson() throws {
        var state = try admin()
        press(["j", "j", "j"], &state)
        let chosen = state.adminSelected
        var overview = try #require(state.admin)
        overview.users.insert(User(name: "aaa", displayName: "新人", org: "jcy", role: .handler), at: 0)
        _ = reduce(&state, .adminLoaded(overview))
        #expect(state.adminSelected == chosen && state.adminSelection == 4)
    }

    /// A fresh county (the tests below write) with the administrator's workbench on it, at 80×24.
    func writable(_ name: String = #function) throws -> (Store, AppState, EffectInterpreter) {
        let store = try Fixtures.demoStore(name: "AdminPaneTests-" + name)
        var state = try Fixtures.state(store, user: "admin")
        _ = reduce(&state, .resized(width: 80, height: 24))
        // With the words of the screen, as the runtime makes it: refusals said in the interface language.
        return (store, state, EffectInterpreter(store: store, words: Presenter(strings: try Fixtures.strings())))
    }

    /// Keys typed, each one's effects run by the runtime's interpreter, as the workbench runs them.
    func type(_ keys: [String], _ state: inout AppState, _ interpreter: EffectInterpreter) {
        for k in keys { interpreter.perform(reduce(&state, .key(k)), on: &state) { reduce(&$0, $1) } }
    }

    func line(_ text: String, _ state: inout AppState, _ interpreter: EffectInterpreter) {
        type([":"] + text.map(String.init) + ["<Enter>"], &state, interpreter)
    }

    func select(_ login: String, _ state: inout AppState, _ interpreter: EffectInterpreter) throws {
        let i = try #require(state.admin?.users.firstIndex { $0.name == login })
        type(["g"] + Array(repeating: "j", count: i), &state, interpreter)
    }

    @Test func enterOnAPersonDisablesAndThenEnablesThem() throws {
        let (store, state0, interpreter) = try writable()
        var state = state0
        let last = try #require(state.admin?.users.last)
        try select(last.name, &state, interpreter)
        type(["<Enter>"], &state, interpreter)
        guard case .adminMenu(let menu) = state.mode else { Issue.record("no menu: \(state.mode)"); return }
        #expect(menu.entries == [.disable])
        #expect(try render(state).text.contains("停用此人"))
        type(["<Enter>"], &state, interpreter)
        #expect(state.mode == .normal)
        #expect(throws: Store.Failure.disabledUser(last.name)) { try store.viewer(last.name) }
        #expect(state.admin?.users.last?.active == false, "the overview is read again")
        #expect(state.adminSelected.map { if case .user(let u) = $0 { u.name } else { "" } } == last.name)
        #expect(try render(state).lines[23].contains("已停用用户 \(last.name)"))
        // The same menu now enables.
        type(["<Enter>"], &state, interpreter)
        guard case .adminMenu(let again) = state.mode else { Issue.record("no menu: \(state.mode)"); return }
        #expect(again.entries == [.enable])
        type(["<Enter>"], &state, interpreter)
        #expect(try store.viewer(last.name).user.active)
        #expect(state.admin?.users.last?.active == true)
    }

    @Test func aKeyIsRemovedFromTheMenuAfterAYes() throws {
        let (store, state0, interpreter) = try writable()
        var state = state0
        let admin = try store.viewer("admin")
        try store.addKey(try SSHPublicKey(line: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOm6oaDn2CJSCZ/mKLbdgt6VrOL5SpgCrzNwtxdAupwb li@office"),
                         to: "hbj.li", by: admin, on: Fixtures.today)
        interpreter.perform([.loadInbox], on: &state) { reduce(&$0, $1) }
        try select("hbj.li", &state, interpreter)
        type(["<Enter>", "j", "<Enter>"], &state, interpreter)
        guard case .adminMenu(let menu) = state.mode, let key = menu.confirming else { Issue.record("no question: \(state.mode)"); return }
        #expect(key.number == 1)
        #expect(try render(state).text.contains("删除李明的密钥 #1 SHA256:"))
        // n cancels: the key stays.
        type(["n"], &state, interpreter)
        #expect(try store.keys().count == 1)
        // y removes it, with its event.
        type(["<Enter>", "y"], &state, interpreter)
        #expect(try store.keys().isEmpty)
        #expect(state.admin?.keys.isEmpty == true && state.mode == .normal)
        #expect(try render(state).lines[23].contains("已删除 hbj.li 的密钥"))
    }

    @Test func theCommandLineTakesTheCLIsPeopleCommands() throws {
        let (store, state0, interpreter) = try writable()
        var state = state0
        line("user add zhang.san --org 文水县司法局 --role handler --display-name 张三", &state, interpreter)
        #expect(state.status == nil, "\(String(describing: state.status))")
        #expect(try store.viewer("zhang.san").user.displayName == "张三")
        #expect(state.admin?.users.contains { $0.name == "zhang.san" } == true)
        line("user disable zhang.san", &state, interpreter)
        #expect(throws: Store.Failure.disabledUser("zhang.san")) { try store.viewer("zhang.san") }
        line("user enable zhang.san", &state, interpreter)
        #expect(try store.viewer("zhang.san").user.active)
        // The store's refusals and the options' mistakes are said on the hint line; nothing is written.
        line("user enable zhang.san", &state, interpreter)
        let enabled = try render(state).lines[23]
        #expect(enabled.contains("用户“zhang.san”已在用"), "\(enabled)")
        line("user add x1 --org jcy --role boss", &state, interpreter)
        #expect(try render(state).lines[23].contains("--role"))
        line("key remove zhang.san 1", &state, interpreter)
        let noKey = try render(state).lines[23]
        #expect(noKey.contains("zhang.san 没有密钥"), "\(noKey)")
        // A key file on the line, then removed by number.
        let dir = try Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("li.pub").path
        try "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOm6oaDn2CJSCZ/mKLbdgt6VrOL5SpgCrzNwtxdAupwb li@office\n".write(toFile: file, atomically: true, encoding: .utf8)
        line("key add zhang.san \(file)", &state, interpreter)
        #expect(try store.keys().map(\.user) == ["zhang.san"])
        line("key remove zhang.san 1", &state, interpreter)
        #expect(try store.keys().isEmpty)
        // Not on a clerk's workbench.
        var clerk = try Fixtures.state(store, user: "wangjian")
        line("user disable liuyang", &clerk, interpreter)
        #expect(try store.viewer("liuyang").user.active)
    }
}
