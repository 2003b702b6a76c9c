import Foundation
import OversightDomain
import OversightRuntime
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

/// The administrator's `:org …` lines and the new-matter field confirmation, through the reducer, the runtime's
/// interpreter and a real database (issue 20).
@Suite struct OrgWorkbenchTests {
    struct Bench {
        var state: AppState
        let store: Store
        let screen: Screen

        mutating func key(_ k: String) {
            let effects = reduce(&state, .key(k))
            EffectInterpreter(store: store, words: screen.presenter).perform(effects, on: &state) { reduce(&$0, $1) }
        }

        /// Types `:` and the line (pasted), then Enter.
        mutating func line(_ text: String) {
            key(":")
            let effects = reduce(&state, .paste(text))
            EffectInterpreter(store: store, words: screen.presenter).perform(effects, on: &state) { reduce(&$0, $1) }
            key("<Enter>")
        }

        var text: String { screen.render(state, size: Size(width: 100, height: 24)).text }
    }

    func bench(_ user: String, _ store: Store) throws -> Bench {
        var state = try Fixtures.state(store, user: user)
        _ = reduce(&state, .resized(width: 100, height: 24))
        return Bench(state: state, store: store, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())))
    }

    /// The texts of the system events `action`, read by the sqlite3 shell (another program than ours).
    func systemEvents(_ store: Store, _ action: String) throws -> [String] {
        let r = try Subprocess.run(["sqlite3", store.path, "SELECT text FROM event WHERE action = '\(action)' ORDER BY id"])
        return r.out.split(separator: "\n").map(String.init)
    }

    @Test func theAdministratorAddsRenamesAndDisablesAnOrganisationFromTheCommandLine() throws {
        let store = try Fixtures.demoStore()
        var b = try bench("admin", store)
        b.line("org add lvliang-eco --name 吕梁市生态环境局 --party 外部机关")
        #expect(b.state.status == nil, "\(String(describing: b.state.status))")
        let added = try #require(try store.organisations().first { $0.id == "lvliang-eco" })
        #expect(added.party == .external && added.name == "吕梁市生态环境局" && added.active)
        #expect(b.text.contains("已添加单位 lvliang-eco"), "\(b.text)")
        #expect(b.state.admin?.organisations.contains { $0.id == "lvliang-eco" } == true, "the overview was read again")

        b.line("org add lyj --name 文水县林业局 --party department --domains 生态环境,国土资源 --code 文林")
        #expect(try store.organisations().first { $0.id == "lyj" }?.domains == [.ecology, .land])

        b.line("org rename 吕梁市生态环境局 --name 吕梁市生态环境局（市局）")
        #expect(try store.organisations().first { $0.id == "lvliang-eco" }?.name == "吕梁市生态环境局（市局）")
        b.line("org disable lvliang-eco")
        #expect(try store.organisations().first { $0.id == "lvliang-eco" }?.active == false)
        #expect(b.text.contains("已停用单位 lvliang-eco"), "\(b.text)")
        // The list marks it.
        b.key("G")
        #expect(b.text.contains("已停用"), "\(b.text)")

        // Refusals are said on the hint line; nothing written.
        b.line("org disable xt")
        #expect(b.text.contains("不能停用"), "\(b.text)")
        b.line("org add x1 --name 某局 --party justice")
        #expect(b.text.contains("已有司法局"), "\(b.text)")
        b.line("org add x1 --name 某局 --party ministry")
        #expect(b.text.contains("--party 须为"), "\(b.text)")
        #expect(try store.organisations().first { $0.id == "x1" } == nil)
        #expect(try systemEvents(store, "org-add").count == 2)
        #expect(try systemEvents(store, "org-rename") == ["lvliang-eco: 吕梁市生态环境局 → 吕梁市生态环境局（市局）"])
        #expect(try systemEvents(store, "org-disable") == ["lvliang-eco"])
    }

    @Test func onlyTheAdministratorChangesOrganisations() throws {
        let store = try Fixtures.demoStore()
        var b = try bench("wangjian", store)
        b.line("org add x1 --name 某局 --party department")
        #expect(b.text.contains("只有管理员"), "\(b.text)")
        #expect(try store.organisations().first { $0.id == "x1" } == nil)
    }

    @Test func aNewMatterInAFieldOutsideTheDepartmentsIsAskedAbout() throws {
        let store = try Fixtures.demoStore()
        var b = try bench("wangjian", store)
        let before = try store.matters(for: b.state.viewer, includeClosed: true).count
        // hbj works in ecology: land asks first.
        b.line("new suggestion --to hbj --title 关于土地的建议 --domain land")
        guard case .confirm(let pending) = b.state.mode else { Issue.record("no confirmation: \(b.state.mode)"); return }
        #expect(pending.field?.org == "hbj" && pending.field?.domain == .land)
        #expect(b.text.contains("国土资源不在吕梁市生态环境局文水分局的领域（生态环境）之内"), "\(b.text)")
        // Anything but yes: nothing made.
        b.key("n")
        #expect(try store.matters(for: b.state.viewer, includeClosed: true).count == before)
        // Again, yes: made in that field.
        b.line("new suggestion --to hbj --title 关于土地的建议 --domain land")
        b.key("y")
        #expect(b.state.message == .created("关于土地的建议"), "\(String(describing: b.state.message)) \(String(describing: b.state.status))")
        let made = try store.matters(for: b.state.viewer, includeClosed: true).first { $0.title == "关于土地的建议" }
        #expect(made?.domain == .land)
        // Its own field goes without asking; `--confirm-domain` on the line too.
        b.line("new suggestion --to hbj --title 关于排污口的建议 --domain ecology")
        #expect(b.state.message == .created("关于排污口的建议"))
        b.line("new suggestion --to hbj --title 关于交通的建议 --domain transport --confirm-domain")
        #expect(b.state.message == .created("关于交通的建议"))
    }

    @Test func aFormAskedAboutItsFieldComesBackWhenTheAnswerIsNo() throws {
        let store = try Fixtures.demoStore()
        var b = try bench("wangjian", store)
        // The title missing: the form opens with what was given.
        b.line("new suggestion --to hbj --domain land")
        guard case .form = b.state.mode else { Issue.record("no form: \(b.state.mode)"); return }
        for _ in 0..<8 {
            guard case .form(let f) = b.state.mode, f.focused.option != "title" else { break }
            b.key("<Tab>")
        }
        _ = reduce(&b.state, .paste("关于土地的建议"))
        b.key("<Enter>")
        guard case .confirm(let pending) = b.state.mode else { Issue.record("no confirmation: \(b.state.mode)"); return }
        #expect(pending.form != nil)
        b.key("n")
        guard case .form(let form) = b.state.mode else { Issue.record("not back in the form: \(b.state.mode)"); return }
        #expect(form.newOptions.title == "关于土地的建议", "what was typed stays")
    }
}
