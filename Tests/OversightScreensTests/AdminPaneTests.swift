import Foundation
import OversightDomain
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

    @Test func aReloadKeepsTheSelectedPerson() throws {
        var state = try admin()
        press(["j", "j", "j"], &state)
        let chosen = state.adminSelected
        var overview = try #require(state.admin)
        overview.users.insert(User(name: "aaa", displayName: "新人", org: "jcy", role: .handler), at: 0)
        _ = reduce(&state, .adminLoaded(overview))
        #expect(state.adminSelected == chosen && state.adminSelection == 4)
    }
}
