import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightTestSupport
import OversightWorkbench
import TerminalKit
import Testing

@testable import OversightRuntime

/// One person's running workbench on the shared database file: its own connection (as another process
/// would open it), a scripted terminal and the real `Runtime`. Only keys go in.
final class FlowSession {
    let user: String
    let store: Store
    let terminal: ScriptedTerminal
    let runtime: Runtime
    /// 待办 and 全部 as the inbox's title showed them before the flow's matter existed.
    private(set) var baseTodo = 0
    private(set) var baseTotal = 0
    /// The matter this session selected (by the filter) and keeps selected while it stays in the inbox.
    var follows: MatterID?

    init(path: String, user: String, size: Size = Size(width: 120, height: 40)) throws {
        self.user = user
        store = try Store(path: path)
        terminal = ScriptedTerminal(size: size, events: [])
        runtime = Runtime(store: store, backend: terminal, screen: Screen(presenter: Presenter(strings: try Fixtures.strings())),
                          state: try Fixtures.state(store, user: user))
        try runtime.start()
        let shown = terminal.screen
        guard let todo, let total else { throw FixtureError("no 待办 or 全部 on \(user)'s screen:\n\(shown)") }
        baseTodo = todo
        baseTotal = total
    }

    var state: AppState { runtime.state }
    var viewer: Viewer { runtime.state.viewer }
    var screen: String { terminal.screen }
    /// The hint line.
    var hint: String { terminal.frames.last?.lines.last ?? "" }

    func press(_ keys: KeyEvent..., sourceLocation: SourceLocation = #_sourceLocation) {
        for k in keys { #expect(runtime.handle(.key(k)) == nil, sourceLocation: sourceLocation) }
        runtime.draw()
    }

    func type(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for c in text { #expect(runtime.handle(.key(.character(c))) == nil, sourceLocation: sourceLocation) }
        runtime.draw()
    }

    /// `:line` then Enter.
    func command(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        type(":" + line, sourceLocation: sourceLocation)
        press(.enter, sourceLocation: sourceLocation)
    }

    /// Answers the confirmation the last command asked for with `y`.
    func confirm(sourceLocation: SourceLocation = #_sourceLocation) {
        if case .confirm = state.mode {} else {
            Issue.record("\(user): no confirmation asked (mode \(state.mode)):\n\(screen)", sourceLocation: sourceLocation)
        }
        #expect(screen.contains("请确认"), "\(screen)", sourceLocation: sourceLocation)
        press(.character("y"), sourceLocation: sourceLocation)
    }

    /// Another session's writes, looked for now (no waiting for the poll interval).
    func poll() {
        runtime.pollForChanges(force: true)
        runtime.draw()
    }

    /// `/` the title, Enter, Esc: the matter is selected and the filter cleared (the selection stays on it).
    func select(_ title: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        type("/" + title, sourceLocation: sourceLocation)
        #expect(hint.contains("/" + title) && hint.contains("1 件"), "\(hint)", sourceLocation: sourceLocation)
        press(.enter, sourceLocation: sourceLocation)
        press(.escape, sourceLocation: sourceLocation)
        #expect(state.filter == "", sourceLocation: sourceLocation)
        let m = try #require(state.selectedMatter, "\(user): nothing selected after filtering on \(title)", sourceLocation: sourceLocation)
        #expect(m.title == title, sourceLocation: sourceLocation)
        #expect(state.detail?.matter.id == m.id, sourceLocation: sourceLocation)
        follows = m.id
    }

    /// The number after `label` on the screen (the inbox title: "待办 3 · 全部 25").
    func count(_ label: String) -> Int? {
        guard let r = screen.range(of: label + " ") else { return nil }
        return Int(screen[r.upperBound...].prefix { $0.isNumber })
    }

    var todo: Int? { count("待办") }
    var total: Int? { count("全部") }

    /// Whether the detail pane's 状态 row says `word`.
    func detailSays(_ word: String) -> Bool {
        screen.split(separator: "\n").contains { line in
            guard let r = line.range(of: "状态 ") else { return false }
            return line[r.upperBound...].drop { $0 == " " }.hasPrefix(word)
        }
    }
}

/// One kind's course on one demo database file, with a running workbench for each party taking part.
final class KindFlow {
    let store: Store
    let title: String
    let sessions: [FlowSession]
    private(set) var id: MatterID = 0

    init(_ title: String, users: [String], name: String = #function) throws {
        let store = try Fixtures.demoStore(name: "KindFlow" + name)
        self.store = store
        self.title = title
        sessions = try users.map { try FlowSession(path: store.path, user: $0) }
    }

    subscript(_ user: String) -> FlowSession { sessions.first { $0.user == user }! }

    func matter(as s: FlowSession) throws -> Matter? { try store.matter(id, for: s.viewer) }

    /// `actor` typed the `:new …` line: the new matter is selected, a draft, and said to be made.
    func created(by actor: FlowSession, sourceLocation: SourceLocation = #_sourceLocation) throws -> Matter {
        let selected = try #require(actor.state.selectedMatter, "\(actor.screen)", sourceLocation: sourceLocation)
        #expect(selected.title == title, sourceLocation: sourceLocation)
        id = selected.id
        actor.follows = id
        let m = try #require(try matter(as: actor), sourceLocation: sourceLocation)
        #expect(m.state == .draft && m.fromOrg == actor.viewer.org.id, sourceLocation: sourceLocation)
        return m
    }

    /// After a step by `actor`: (a) the store holds `state` (the other assertions read the matter as each
    /// viewer); (b) the actor's screen says what was done (`message`, else "已<event>：<number>");
    /// (c) every other session, polled, names the change, and every session's 待办 counts the matter exactly
    /// when it `waitsOn` it; sessions that follow the matter show `word` in the detail's 状态 row. `hidden`
    /// sessions may not see the matter at all, nor may another organisation's while it is a draft (issue 17).
    @discardableResult
    func after(
        _ actor: FlowSession, _ event: String, _ state: MatterState, _ word: String, waitsOn: [FlowSession],
        message: String? = nil, hidden: [FlowSession] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Matter {
        let m = try #require(try matter(as: actor), sourceLocation: sourceLocation)
        #expect(m.state == state, "\(m.state) after \(event)", sourceLocation: sourceLocation)
        #expect(actor.state.status == nil, "\(actor.user): \(String(describing: actor.state.status))", sourceLocation: sourceLocation)
        let said = message ?? "已\(event)：\(m.number.isEmpty ? m.title : m.number)"
        #expect(actor.hint.contains(said), "\(actor.user)'s hint line lacks \(said):\n\(actor.screen)", sourceLocation: sourceLocation)
        for s in sessions where s !== actor { s.poll() }
        let unissued = m.state == .draft || (m.state == .withdrawn && m.issuedOn == nil)
        for s in sessions {
            let visible = !hidden.contains { $0 === s } && !(unissued && s.viewer.org.id != m.fromOrg)
            if s !== actor {
                if visible {
                    // Named by its number (else title) while the session has it loaded; by its row id once it left.
                    let label = s.state.inbox.first { $0.id == id }.map { $0.number.isEmpty ? $0.title : $0.number } ?? "第 \(id) 号事项"
                    #expect(label != "第 \(id) 号事项" || !m.state.isOpen, "an open matter is named", sourceLocation: sourceLocation)
                    let notice = "其他会话：\(actor.viewer.user.displayName) \(event) \(label)"
                    #expect(s.hint.contains(notice), "\(s.user)'s hint line lacks \(notice):\n\(s.screen)", sourceLocation: sourceLocation)
                } else {
                    #expect(try store.matter(id, for: s.viewer) == nil, "\(s.user) may see it", sourceLocation: sourceLocation)
                    #expect(!s.hint.contains("其他会话"), "\(s.user): \(s.hint)", sourceLocation: sourceLocation)
                    #expect(!s.state.inbox.contains { $0.id == id }, sourceLocation: sourceLocation)
                }
            }
            let waits = waitsOn.contains { $0 === s }
            #expect(s.todo == s.baseTodo + (waits ? 1 : 0),
                    "\(s.user)'s 待办 after \(event): \(String(describing: s.todo)), before the matter \(s.baseTodo)", sourceLocation: sourceLocation)
            #expect(s.total == s.baseTotal + (visible ? 1 : 0), "\(s.user)'s 全部", sourceLocation: sourceLocation)
            guard visible else { continue }
            if state.isOpen {
                #expect(s.state.inbox.contains { $0.id == id && $0.state == state }, "\(s.user)'s inbox", sourceLocation: sourceLocation)
                if s.follows == id {
                    #expect(s.state.selectedMatter?.id == id, "\(s.user) lost the selection", sourceLocation: sourceLocation)
                    #expect(s.state.detail?.matter.state == state, sourceLocation: sourceLocation)
                    #expect(s.detailSays(word), "\(s.user)'s detail does not say \(word):\n\(s.screen)", sourceLocation: sourceLocation)
                }
            } else {
                #expect(!s.state.inbox.contains { $0.id == id }, "\(s.user)'s open inbox still holds it", sourceLocation: sourceLocation)
            }
        }
        return m
    }

    /// The ended matter, in each session's inbox of everything (`a`), says `word`.
    func ended(_ word: String, in shown: [FlowSession], sourceLocation: SourceLocation = #_sourceLocation) throws {
        for s in shown {
            s.press(.character("a"), sourceLocation: sourceLocation)
            #expect(s.state.scope == .all, sourceLocation: sourceLocation)
            try s.select(title, sourceLocation: sourceLocation)
            #expect(s.state.selectedMatter?.id == id, sourceLocation: sourceLocation)
            #expect(s.detailSays(word), "\(s.user)'s detail does not say \(word):\n\(s.screen)", sourceLocation: sourceLocation)
        }
    }

    /// The timeline at the end of `s`'s detail of the matter holds this line ("李明 回复 已按建议整改": people by display name): Tab to
    /// the detail, G to its end, read, g back to its top and S-Tab back to the inbox.
    func timelineShows(_ s: FlowSession, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(s.state.detail?.matter.id == id, "\(s.user) does not show the matter", sourceLocation: sourceLocation)
        s.press(.tab, .character("G"), sourceLocation: sourceLocation)
        #expect(s.state.focus == .detail, sourceLocation: sourceLocation)
        #expect(s.screen.contains(text), "\(s.user)'s detail lacks \(text):\n\(s.screen)", sourceLocation: sourceLocation)
        s.press(.character("g"), .backTab, sourceLocation: sourceLocation)
        #expect(s.state.focus == .inbox && s.state.detailScroll == 0, sourceLocation: sourceLocation)
    }
}

/// Issue 7: every kind's main course, from creation to its end state, driven by keys through one running
/// workbench per party on one real database file (and the cheap alternative endings).
@Suite struct KindFlowTests {
    let today = Fixtures.today.description

    @Test func aSuggestionIsIssuedServedRepliedCheckedAndClosedAsAdopted() throws {
        let f = try KindFlow("关于流程测试排污口整治的检察建议", users: ["wangjian", "hbj.li"])
        let jcy = f["wangjian"], hbj = f["hbj.li"]

        jcy.command("new suggestion --to hbj --title \(f.title) --domain ecology")
        _ = try f.created(by: jcy)
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy], message: "已新建：\(f.title)（草稿）")

        jcy.command("issue")
        jcy.confirm()
        let issued = try f.after(jcy, "制发", .issued, "已制发", waitsOn: [jcy])
        try hbj.select(f.title)
        #expect(issued.number.hasPrefix("文检行建〔2026〕"))

        jcy.command("serve \(today)")
        let served = try f.after(jcy, "送达", .served, "待回复", waitsOn: [hbj])
        // The clock runs from service: the department sees its deadline.
        let due = try #require(served.due)
        #expect(served.servedOn == Fixtures.today)
        #expect(hbj.screen.contains("期限") && hbj.screen.contains(due.description), "\(hbj.screen)")

        hbj.command("reply 已按建议整改")
        try f.after(hbj, "回复", .replied, "已回复", waitsOn: [jcy])
        f.timelineShows(jcy, "李明 回复 已按建议整改")

        jcy.command("check rectified")
        let checked = try f.after(jcy, "核查", .replied, "已回复", waitsOn: [jcy])
        #expect(checked.rectification == .rectified)

        jcy.command("close adopted")
        jcy.confirm()
        let closed = try f.after(jcy, "办结", .closed, "已办结", waitsOn: [])
        #expect(closed.outcome == .adopted && closed.closedOn == Fixtures.today)
        try f.ended("已办结", in: [jcy, hbj])
    }

    @Test func aSuggestionIsWithdrawnAfterService() throws {
        let f = try KindFlow("关于流程测试撤回事项的检察建议", users: ["wangjian", "hbj.li"])
        let jcy = f["wangjian"], hbj = f["hbj.li"]
        // Made through the new-matter form (`n`): the procuratorate's first kind, a suggestion.
        jcy.press(.character("n"))
        guard case .form(let form) = jcy.state.mode, case .new(.suggestion) = form.target else {
            Issue.record("n opened no suggestion form:\n\(jcy.screen)")
            return
        }
        #expect(form.fields.map(\.option) == ["kind", "to", "title", "domain", "summary"])
        #expect(form.fields[0].value == "suggestion")
        jcy.press(.tab)
        jcy.type("hbj")
        jcy.press(.tab)
        jcy.type(f.title)
        jcy.press(.enter)
        _ = try f.created(by: jcy)
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy], message: "已新建：\(f.title)（草稿）")
        jcy.command("issue")
        jcy.confirm()
        try f.after(jcy, "制发", .issued, "已制发", waitsOn: [jcy])
        try hbj.select(f.title)
        jcy.command("serve today")
        try f.after(jcy, "送达", .served, "待回复", waitsOn: [hbj])

        // Without reasons the withdrawal's form asks for them (Esc cancels, nothing written); with them, a confirmation.
        let version = try #require(try f.matter(as: jcy)).version
        jcy.command("withdraw")
        if case .form(let form) = jcy.state.mode { #expect(form.focused.option == "text") } else {
            Issue.record("withdraw without reasons opened no form:\n\(jcy.screen)")
        }
        jcy.press(.escape)
        #expect(jcy.state.mode == .normal && jcy.hint.contains("已取消"), "\(jcy.hint)")
        #expect(try f.matter(as: jcy)?.version == version)
        jcy.command("withdraw 被建议单位已自行纠正")
        jcy.confirm()
        let withdrawn = try f.after(jcy, "撤回", .withdrawn, "已撤回", waitsOn: [])
        #expect(withdrawn.closedOn == Fixtures.today)
        try f.ended("已撤回", in: [jcy, hbj])
        // The department can no longer reply.
        hbj.command("reply 已整改")
        #expect(hbj.hint.contains("出错："), "\(hbj.hint)")
        #expect(try f.matter(as: hbj)?.state == .withdrawn)
    }

    /// The justice bureau answers a transfer through the reply form (`r`); the procuratorate reads the
    /// feedback in the timeline (a transfer has no `check` step: asking for one is refused, nothing written)
    /// and closes it.
    @Test func aTransferIsFedBackThroughTheFormAndClosed() throws {
        let f = try KindFlow("关于流程测试罚没款上缴的问题移送", users: ["wangjian", "zhaomin"])
        let jcy = f["wangjian"], sfj = f["zhaomin"]
        jcy.command("new transfer --to sfj --title \(f.title)")
        _ = try f.created(by: jcy)
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy], message: "已新建：\(f.title)（草稿）")
        jcy.command("issue")
        jcy.confirm()
        let issued = try f.after(jcy, "制发", .issued, "已制发", waitsOn: [jcy])
        try sfj.select(f.title)
        #expect(issued.number.hasPrefix("文检移〔2026〕"))
        jcy.command("serve \(today)")
        try f.after(jcy, "送达", .served, "待反馈", waitsOn: [sfj])

        sfj.press(.character("r"))
        guard case .form(let form) = sfj.state.mode else {
            Issue.record("r opened no form:\n\(sfj.screen)")
            return
        }
        #expect(form.focused.option == "text")
        sfj.type("已审查并督促相关部门整改")
        sfj.press(.control("d"))
        try f.after(sfj, "回复", .replied, "已反馈", waitsOn: [jcy])
        f.timelineShows(jcy, "赵敏 回复 已审查并督促相关部门整改")

        let version = try #require(try f.matter(as: jcy)).version
        jcy.command("check rectified")
        #expect(jcy.hint.contains("出错："), "\(jcy.hint)")
        if case .refused(.workflow(.notApplicable(.check, .transfer)))? = jcy.state.status {} else {
            Issue.record("check on a transfer: \(String(describing: jcy.state.status))")
        }
        #expect(try f.matter(as: jcy)?.version == version)

        jcy.command("close")
        jcy.confirm()
        try f.after(jcy, "办结", .closed, "已办结", waitsOn: [])
        try f.ended("已办结", in: [jcy, sfj])
    }

    @Test func anInspectionIsServedAnsweredAndClosed() throws {
        let f = try KindFlow("调阅流程测试执法案卷", users: ["wangjian", "hbj.li"])
        let jcy = f["wangjian"], hbj = f["hbj.li"]
        jcy.command("new inspection --to hbj --title \(f.title) --domain ecology")
        let made = try f.created(by: jcy)
        #expect(made.subjectOrg == "hbj")
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy], message: "已新建：\(f.title)（草稿）")
        jcy.command("issue")
        jcy.confirm()
        let issued = try f.after(jcy, "制发", .issued, "已制发", waitsOn: [jcy])
        try hbj.select(f.title)
        #expect(issued.number.hasPrefix("文检调〔2026〕"))
        // The department may record service too.
        hbj.command("serve \(today)")
        let served = try f.after(hbj, "送达", .served, "待提供", waitsOn: [hbj])
        #expect(served.due != nil)
        hbj.command("reply 已提供案卷12册")
        try f.after(hbj, "回复", .replied, "已回复", waitsOn: [jcy])
        f.timelineShows(jcy, "李明 回复 已提供案卷12册")
        jcy.command("close")
        jcy.confirm()
        try f.after(jcy, "办结", .closed, "已办结", waitsOn: [])
        try f.ended("已办结", in: [jcy, hbj])
    }

    /// A clue referral to the discipline commission: the sender records every step; the colleague it is shared with
    /// (need to know) sees it, the department concerned never does (not even its notices or counts).
    @Test func aReferralIsRecordedByItsSenderAlone() throws {
        let f = try KindFlow("关于流程测试违规减免罚款的线索移送", users: ["wangjian", "liuyang", "hbj.li"])
        let jcy = f["wangjian"], colleague = f["liuyang"], hbj = f["hbj.li"]
        jcy.command("new referral --to jw --title \(f.title) --subject hbj --share 刘洋")
        let made = try f.created(by: jcy)
        #expect(made.subjectOrg == "hbj" && made.toOrg == "jw")
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy, colleague], message: "已新建：\(f.title)（草稿）", hidden: [hbj])
        try colleague.select(f.title)
        jcy.command("issue")
        jcy.confirm()
        let issued = try f.after(jcy, "制发", .issued, "已移送", waitsOn: [jcy, colleague], hidden: [hbj])
        #expect(issued.number.hasPrefix("文检线〔2026〕"))
        jcy.command("serve \(today)")
        try f.after(jcy, "送达", .served, "已签收", waitsOn: [jcy, colleague], hidden: [hbj])
        jcy.command("reply 纪委监委已立案审查")
        try f.after(jcy, "回复", .replied, "已回复", waitsOn: [jcy, colleague], hidden: [hbj])
        jcy.command("close")
        jcy.confirm()
        try f.after(jcy, "办结", .closed, "已办结", waitsOn: [], hidden: [hbj])
        try f.ended("已办结", in: [jcy, colleague])
    }

    /// Art. 7 ¶3: the procuratorate asks the justice bureau to resolve a dispute; it is resolved and closed.
    @Test func aDisputeIsAcceptedResolvedAndClosed() throws {
        let f = try KindFlow("关于流程测试工伤认定争议的协同化解", users: ["wangjian", "zhaomin"])
        let jcy = f["wangjian"], sfj = f["zhaomin"]
        jcy.command("new dispute --to sfj --title \(f.title) --domain labour")
        _ = try f.created(by: jcy)
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy], message: "已新建：\(f.title)（草稿）")
        jcy.command("issue")
        jcy.confirm()
        let issued = try f.after(jcy, "制发", .issued, "已制发", waitsOn: [sfj])
        try sfj.select(f.title)
        #expect(issued.number.hasPrefix("文检商〔2026〕"))
        sfj.command("accept \(today)")
        try f.after(sfj, "受理", .inProgress, "化解中", waitsOn: [sfj])
        sfj.command("reply resolved 双方已达成和解")
        let replied = try f.after(sfj, "回复", .replied, "已回复", waitsOn: [jcy])
        #expect(replied.outcome == .resolved)
        jcy.command("close")
        jcy.confirm()
        try f.after(jcy, "办结", .closed, "已办结", waitsOn: [])
        try f.ended("已办结", in: [jcy, sfj])
    }

    /// Art. 7 ¶1: the justice bureau invites the procuratorate; the dispute is not resolved, and the
    /// procuratorate may close it only with its 释法说理, which the close form asks for.
    @Test func aDisputeUnresolvedIsClosedWithTheExplanationTheFormAsksFor() throws {
        let f = try KindFlow("关于流程测试征收补偿争议实质性化解的函", users: ["zhaomin", "wangjian"])
        let sfj = f["zhaomin"], jcy = f["wangjian"]
        sfj.command("new dispute --to jcy --title \(f.title)")
        _ = try f.created(by: sfj)
        try f.after(sfj, "创建", .draft, "草稿", waitsOn: [sfj], message: "已新建：\(f.title)（草稿）")
        sfj.command("issue")
        sfj.confirm()
        let issued = try f.after(sfj, "制发", .issued, "已制发", waitsOn: [jcy])
        try jcy.select(f.title)
        #expect(issued.number.hasPrefix("文司邀〔2026〕"))
        jcy.command("accept")
        try f.after(jcy, "受理", .inProgress, "化解中", waitsOn: [sfj])
        sfj.command("reply unresolved 申请人坚持起诉")
        let replied = try f.after(sfj, "回复", .replied, "已回复", waitsOn: [jcy])
        #expect(replied.outcome == .unresolved)

        jcy.command("close")
        guard case .form(let form) = jcy.state.mode else {
            Issue.record("close of an unresolved dispute opened no form:\n\(jcy.screen)")
            return
        }
        #expect(form.focused.option == "text")
        jcy.type("已向申请人释法说理")
        jcy.press(.control("d"))
        jcy.confirm()
        try f.after(jcy, "办结", .closed, "已办结", waitsOn: [])
        try f.ended("已办结", in: [jcy, sfj])
        f.timelineShows(sfj, "王建国 办结 已向申请人释法说理")
    }

    @Test func anEnforcementCopyIsIssuedAndAcknowledged() throws {
        let f = try KindFlow("强制执行申请书抄送（流程测试案）", users: ["hbj.li", "zhaomin"])
        let hbj = f["hbj.li"], sfj = f["zhaomin"]
        hbj.command("new enforcement-copy --to sfj --title \(f.title)")
        _ = try f.created(by: hbj)
        try f.after(hbj, "创建", .draft, "草稿", waitsOn: [hbj], message: "已新建：\(f.title)（草稿）")
        hbj.command("issue")
        hbj.confirm()
        let issued = try f.after(hbj, "制发", .issued, "待签收", waitsOn: [sfj])
        try sfj.select(f.title)
        #expect(issued.number.hasPrefix("文环执〔2026〕"))
        // Through the Enter menu: the steps this user may take now come first, acknowledging at the top.
        sfj.press(.enter)
        if case .menu(selection: 0, _) = sfj.state.mode {} else { Issue.record("\(sfj.state.mode)") }
        #expect(sfj.state.menuEntries.first?.action == .acknowledge && sfj.state.menuEntries.first?.reason == nil)
        #expect(sfj.screen.contains("> 签收") && !sfj.screen.contains("acknowledge"), "the step in words, no code: \(sfj.screen)")
        sfj.press(.enter)
        let acknowledged = try f.after(sfj, "签收", .closed, "已办结", waitsOn: [])
        #expect(acknowledged.closedOn == Fixtures.today)
        try f.ended("已办结", in: [hbj, sfj])
    }

    @Test func aSupervisionApplicationIsAcceptedRemindedAndSupported() throws {
        let f = try KindFlow("关于流程测试执行裁定的监督申请", users: ["hbj.li", "wangjian"])
        let hbj = f["hbj.li"], jcy = f["wangjian"]
        hbj.command("new supervision-application --to jcy --title \(f.title)")
        _ = try f.created(by: hbj)
        try f.after(hbj, "创建", .draft, "草稿", waitsOn: [hbj], message: "已新建：\(f.title)（草稿）")
        hbj.command("issue")
        hbj.confirm()
        let issued = try f.after(hbj, "制发", .issued, "已制发", waitsOn: [jcy])
        try jcy.select(f.title)
        #expect(issued.number.hasPrefix("文环监申〔2026〕"))
        jcy.command("accept \(today)")
        let accepted = try f.after(jcy, "受理", .inProgress, "审查中", waitsOn: [jcy])
        #expect(accepted.due != nil, "acceptance starts the decision clock")
        hbj.command("remind")
        try f.after(hbj, "督促", .inProgress, "审查中", waitsOn: [jcy])
        jcy.command("close supported 依法提出检察建议")
        jcy.confirm()
        let closed = try f.after(jcy, "办结", .closed, "已办结", waitsOn: [])
        #expect(closed.outcome == .supported)
        try f.ended("已办结", in: [hbj, jcy])
    }

    @Test func aSupervisionApplicationIsDeclined() throws {
        let f = try KindFlow("关于流程测试不予受理的监督申请", users: ["hbj.li", "wangjian"])
        let hbj = f["hbj.li"], jcy = f["wangjian"]
        hbj.command("new supervision-application --to jcy --title \(f.title)")
        _ = try f.created(by: hbj)
        try f.after(hbj, "创建", .draft, "草稿", waitsOn: [hbj], message: "已新建：\(f.title)（草稿）")
        hbj.command("issue")
        hbj.confirm()
        try f.after(hbj, "制发", .issued, "已制发", waitsOn: [jcy])
        try jcy.select(f.title)
        jcy.command("decline 不属于本院受理范围")
        jcy.confirm()  // declining ends the matter: asked once more
        let declined = try f.after(jcy, "不予受理", .closed, "已办结", waitsOn: [])
        #expect(declined.outcome == .declined)
        try f.ended("已办结", in: [hbj, jcy])
    }

    @Test func aJointInspectionIsScheduledAcceptedAndClosedWithItsFindings() throws {
        let f = try KindFlow("流程测试危化品领域联合检查", users: ["zhaomin", "hbj.li"])
        let sfj = f["zhaomin"], hbj = f["hbj.li"]
        sfj.command("new joint-inspection --to hbj --title \(f.title)")
        _ = try f.created(by: sfj)
        try f.after(sfj, "创建", .draft, "草稿", waitsOn: [sfj], message: "已新建：\(f.title)（草稿）")
        sfj.command("issue --scheduled 2026-12-10")
        sfj.confirm()
        // Issued, it waits on both: the invitee's answer and the sender's closing.
        let issued = try f.after(sfj, "制发", .issued, "已制发", waitsOn: [sfj, hbj])
        try hbj.select(f.title)
        #expect(issued.scheduledOn == CivilDate(year: 2026, month: 12, day: 10))
        #expect(issued.number.hasPrefix("文司检〔2026〕"))
        hbj.command("accept")
        try f.after(hbj, "受理", .inProgress, "进行中", waitsOn: [sfj])
        sfj.command("close 检查发现三项问题")
        sfj.confirm()
        try f.after(sfj, "办结", .closed, "已办结", waitsOn: [])
        try f.ended("已办结", in: [sfj, hbj])
        f.timelineShows(hbj, "赵敏 办结 检查发现三项问题")
    }

    @Test func aMeetingIsNotifiedAndClosedWithItsMinutes() throws {
        let f = try KindFlow("流程测试联席会议", users: ["wangjian", "zhaomin"])
        let jcy = f["wangjian"], sfj = f["zhaomin"]
        jcy.command("new meeting --to sfj --title \(f.title)")
        _ = try f.created(by: jcy)
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy], message: "已新建：\(f.title)（草稿）")
        jcy.command("issue --scheduled 2026-12-03")
        jcy.confirm()
        // The addressee is told; nothing waits on it.
        let issued = try f.after(jcy, "制发", .issued, "已通知", waitsOn: [jcy])
        try sfj.select(f.title)
        #expect(issued.scheduledOn == CivilDate(year: 2026, month: 12, day: 3))
        #expect(issued.number.hasPrefix("文检会〔2026〕"))
        jcy.command("close 会议纪要已印发各方")
        jcy.confirm()
        try f.after(jcy, "办结", .closed, "已办结", waitsOn: [])
        try f.ended("已办结", in: [jcy, sfj])
        f.timelineShows(sfj, "王建国 办结 会议纪要已印发各方")
    }
}

/// What happens to a flow's keys when another session's change lands in the middle of them.
@Suite struct KindFlowRaceTests {
    /// The department starts typing a reply to a suggestion; the procuratorate withdraws it; the department's
    /// loop polls (as it does between keys) before Enter. The reply must not go to another matter.
    @Test
    func aStepTypedWhileTheMatterLeavesTheInboxGoesToNoOtherMatter() throws {
        let f = try KindFlow("关于流程测试竞态撤回的检察建议", users: ["wangjian", "hbj.li"])
        let jcy = f["wangjian"], hbj = f["hbj.li"]
        jcy.command("new suggestion --to hbj --title \(f.title)")
        _ = try f.created(by: jcy)
        jcy.command("issue")
        jcy.confirm()
        jcy.command("serve today")
        try f.after(jcy, "送达", .served, "待回复", waitsOn: [hbj])
        try hbj.select(f.title)
        let others = try hbj.store.matters(for: hbj.viewer).filter { $0.id != f.id }
        let versions = Dictionary(uniqueKeysWithValues: others.map { ($0.id, $0.version) })

        hbj.type(":reply 已按建议整改")
        jcy.command("withdraw 情况已变化")
        jcy.confirm()
        #expect(try f.matter(as: jcy)?.state == .withdrawn)
        hbj.poll()  // between two keys, as the loop does once a second
        hbj.press(.enter)

        let after = try hbj.store.matters(for: hbj.viewer, includeClosed: true)
        let changed = after.filter { m in versions[m.id].map { $0 != m.version } ?? false }
        #expect(changed.isEmpty, "the reply went to \(changed.map { "\($0.number) \($0.title) (\($0.state))" })")
        #expect(try f.matter(as: hbj)?.state == .withdrawn)
    }

    /// The same through the reply form (`r`): the form was opened for one matter (its target names it), and
    /// what is typed into it must go to that matter or nowhere.
    @Test
    func aReplyFormFilledWhileTheMatterLeavesTheInboxGoesToNoOtherMatter() throws {
        let f = try KindFlow("关于流程测试表单竞态的检察建议", users: ["wangjian", "hbj.li"])
        let jcy = f["wangjian"], hbj = f["hbj.li"]
        jcy.command("new suggestion --to hbj --title \(f.title)")
        _ = try f.created(by: jcy)
        jcy.command("issue")
        jcy.confirm()
        jcy.command("serve today")
        try f.after(jcy, "送达", .served, "待回复", waitsOn: [hbj])
        try hbj.select(f.title)
        let others = try hbj.store.matters(for: hbj.viewer).filter { $0.id != f.id }
        let versions = Dictionary(uniqueKeysWithValues: others.map { ($0.id, $0.version) })

        hbj.press(.character("r"))
        guard case .form(let form) = hbj.state.mode, case .act(.reply, let ids, _) = form.target else {
            Issue.record("r opened no reply form:\n\(hbj.screen)")
            return
        }
        #expect(ids == [f.id])
        hbj.type("已按建议整改")
        jcy.command("withdraw 情况已变化")
        jcy.confirm()
        hbj.poll()  // while the form is being filled, as the loop does once a second
        hbj.press(.control("d"))

        let after = try hbj.store.matters(for: hbj.viewer, includeClosed: true)
        let changed = after.filter { m in versions[m.id].map { $0 != m.version } ?? false }
        #expect(changed.isEmpty, "the reply went to \(changed.map { "\($0.number) \($0.title) (\($0.state))" })")
        #expect(try f.matter(as: hbj)?.state == .withdrawn)
    }

    /// Two people of the procuratorate have the same replied suggestion open; one closes it; the other, not
    /// yet polled, closes it too: refused as stale, nothing written, and the hint line says so.
    @Test func aSecondCloseFromAStaleSessionIsRefused() throws {
        let f = try KindFlow("关于流程测试重复办结的检察建议", users: ["wangjian", "liuyang", "hbj.li"])
        let jcy = f["wangjian"], colleague = f["liuyang"], hbj = f["hbj.li"]
        jcy.command("new suggestion --to hbj --title \(f.title)")
        _ = try f.created(by: jcy)
        try f.after(jcy, "创建", .draft, "草稿", waitsOn: [jcy, colleague], message: "已新建：\(f.title)（草稿）")
        try colleague.select(f.title)
        jcy.command("issue")
        jcy.confirm()
        jcy.command("serve today")
        hbj.poll()
        try hbj.select(f.title)
        hbj.command("reply 已按建议整改")
        try f.after(hbj, "回复", .replied, "已回复", waitsOn: [jcy, colleague])

        jcy.command("close adopted")
        jcy.confirm()
        let closed = try #require(try f.matter(as: jcy))
        #expect(closed.state == .closed)
        // The colleague's session has not looked since: its confirmation goes to the store, which refuses.
        colleague.command("close partly")
        colleague.confirm()
        #expect(colleague.hint.contains("出错："), "\(colleague.hint)")
        if case .refused(.stale)? = colleague.state.status {} else {
            Issue.record("not refused as stale: \(String(describing: colleague.state.status))")
        }
        let now = try #require(try f.matter(as: jcy))
        #expect(now.version == closed.version && now.outcome == .adopted)
        colleague.poll()
        #expect(!colleague.state.inbox.contains { $0.id == f.id })
    }

    /// A matter made while the inbox is filtered on something else is the one selected afterwards (the
    /// next step typed goes to it).
    @Test
    func aMatterMadeWhileTheInboxIsFilteredIsSelected() throws {
        let f = try KindFlow("关于流程测试筛选中新建的检察建议", users: ["wangjian"])
        let jcy = f["wangjian"]
        jcy.type("/汾河")
        jcy.press(.enter)
        #expect(jcy.state.filter == "汾河" && !jcy.state.inbox.isEmpty)
        jcy.command("new suggestion --to hbj --title \(f.title)")
        #expect(jcy.hint.contains("已新建：\(f.title)"), "\(jcy.hint)")
        let made = try #require(try jcy.store.matters(for: jcy.viewer).first { $0.title == f.title })
        #expect(jcy.state.selectedMatter?.id == made.id,
                "selected: \(jcy.state.selectedMatter.map { "\($0.number) \($0.title)" } ?? "nothing")")
    }
}
