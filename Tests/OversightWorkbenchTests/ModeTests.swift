import OversightDomain
import OversightRuntime
import OversightTestSupport
import Testing

@testable import OversightWorkbench

/// Commands, forms and confirmations: what each key does in each mode (the reducer alone, on the demo).
@Suite struct ModeTests {
    func state(_ user: String) throws -> AppState {
        try Fixtures.state(try Fixtures.demoStore(), user: user)
    }

    func type(_ text: String, _ s: inout AppState) -> [Effect] {
        var effects: [Effect] = []
        for ch in text { effects += reduce(&s, .key(ch == " " ? "<Space>" : String(ch))) }
        return effects
    }

    /// Selects the first inbox row matching `where`.
    func select(_ s: inout AppState, _ matches: (Matter) -> Bool) throws -> Matter {
        let found = s.inbox.firstIndex(where: matches)
        let i = try #require(found)
        s.selection = i
        return s.inbox[i]
    }

    /// A mode carries its context: the matters a menu or `:` line was begun on, the help's scroll, the figures of the
    /// reports pane. Leaving the mode drops them; nothing is left to clear by hand.
    @Test func leavingAModeDropsItsContext() throws {
        var s = try state("wangjian")
        let first = try #require(s.selectedMatter)
        _ = reduce(&s, .key("<Enter>"))
        #expect(s.subject?.ids == [first.id])
        // Another session's change moves the selection meanwhile: the menu keeps the matter it was opened on.
        s.selection = 1
        #expect(s.subject?.ids == [first.id] && s.subject?.seen == first)
        _ = reduce(&s, .key("<Esc>"))
        #expect(s.mode == .normal && s.subject == nil)
        _ = reduce(&s, .key(":"))
        guard case .commandLine(_, _, let subject?) = s.mode else { Issue.record("\(s.mode)"); return }
        #expect(subject.ids == [s.inbox[1].id])
        _ = reduce(&s, .key("<Esc>"))
        #expect(s.subject == nil)

        _ = reduce(&s, .key("?"))
        _ = reduce(&s, .key("j"))
        _ = reduce(&s, .key("j"))
        #expect(s.mode == .help(scroll: 2))
        _ = reduce(&s, .key("<Esc>"))
        _ = reduce(&s, .key("?"))
        #expect(s.mode == .help(scroll: 0), "help opens at its top again")
        _ = reduce(&s, .key("<Esc>"))

        let report = Report(s.inbox, period: ReportPeriod.year(s.today.year)!, today: s.today)
        _ = reduce(&s, .key("R"))
        _ = reduce(&s, .reportLoaded(report))
        _ = reduce(&s, .key("j"))
        #expect(s.mode == .report(report, scroll: 1))
        _ = reduce(&s, .key("<Esc>"))
        #expect(s.report == nil && s.reportScroll == 0)
        // Figures that come after the pane closed are dropped with it.
        _ = reduce(&s, .reportLoaded(report))
        #expect(s.mode == .normal && s.report == nil)
    }

    @Test func aCommandGivenAllItNeedsRunsAtOnce() throws {
        var s = try state("hbj.li")
        let m = try select(&s) { $0.kind == .suggestion && $0.state == .served }
        _ = reduce(&s, .key(":"))
        _ = type("reply 已按建议整改", &s)
        let effects = reduce(&s, .key("<Enter>"))
        #expect(effects == [.act([m.id], .reply, ActionInput(date: s.today, text: "已按建议整改"), expecting: m.version)])
        #expect(s.mode == .normal)
    }

    @Test func aMissingInputOpensTheFormAndKeysThereAreText() throws {
        var s = try state("hbj.li")
        let m = try select(&s) { $0.kind == .suggestion && $0.state == .served }
        #expect(reduce(&s, .key("r")).isEmpty)
        guard case .form(let form) = s.mode else { Issue.record("no form: \(s.mode)"); return }
        #expect(form.target == .act(.reply, [m.id], version: m.version))
        #expect(form.fields.map(\.option) == ["text", "outcome", "date"])
        // q, j and : typed into the text are text, not commands.
        #expect(type("qj:已整改", &s).isEmpty)
        #expect(!s.quitting)
        guard case .form(let typed) = s.mode else { Issue.record("the form closed"); return }
        #expect(typed.fields[0].value == "qj:已整改")
        let effects = reduce(&s, .key("<C-d>"))
        #expect(effects == [.act([m.id], .reply, ActionInput(date: s.today, text: "qj:已整改"), expecting: m.version)])
    }

    @Test func aRefusalIsSaidAtOnceWithItsReason() throws {
        var s = try state("wangjian")
        _ = try select(&s) { $0.kind == .suggestion && $0.state == .served }
        _ = reduce(&s, .key(":"))
        _ = type("reply x", &s)
        #expect(reduce(&s, .key("<Enter>")).isEmpty)
        #expect(s.status == .refused(.workflow(.notAllowed(.reply, .procuratorate))))
        #expect(s.mode == .normal)
    }

    @Test func irreversibleStepsAndTaggedMattersAreConfirmed() throws {
        var s = try state("wangjian")
        let replied = s.inbox.filter { $0.kind == .suggestion && $0.state == .replied }
        #expect(replied.count >= 2)
        for m in replied {
            s.selection = s.inbox.firstIndex(of: m)!
            _ = reduce(&s, .key("t"))
        }
        _ = reduce(&s, .key(":"))
        _ = type("close adopted", &s)
        #expect(reduce(&s, .key("<Enter>")).isEmpty)
        guard case .confirm(let pending) = s.mode else { Issue.record("not asked: \(s.mode)"); return }
        #expect(pending.action == .close && pending.count == replied.count)
        // Any key but y cancels and writes nothing; y sends the one effect for all of them.
        #expect(reduce(&s, .key("n")).isEmpty)
        #expect(s.mode == .normal && s.message == .cancelled)
        _ = reduce(&s, .key(":"))
        _ = type("close adopted", &s)
        _ = reduce(&s, .key("<Enter>"))
        let effects = reduce(&s, .key("y"))
        #expect(effects == [.act(replied.map(\.id), .close, ActionInput(date: s.today, outcome: .adopted), expecting: nil)])
    }

    /// A step sent from a form that fails (a full disk) or is refused, after its confirmation too, comes back to the
    /// form with its text and the failure at it: nothing typed is lost.
    @Test func aFailedStepKeepsItsFormAndText() throws {
        var s = try state("wangjian")
        let m = try select(&s) { $0.kind == .suggestion && $0.state == .served }
        _ = reduce(&s, .key(":"))
        _ = type("withdraw", &s)
        _ = reduce(&s, .key("<Enter>"))
        guard case .form = s.mode else { Issue.record("no form: \(s.mode)"); return }
        _ = type("撤回理由", &s)
        #expect(reduce(&s, .key("<C-d>")).isEmpty)
        guard case .confirm(let pending) = s.mode else { Issue.record("not asked: \(s.mode)"); return }
        let effects = reduce(&s, .key("y"))
        #expect(effects == [pending.effect])
        guard case .act([m.id], .withdraw, _, _) = effects.first else { Issue.record("\(effects)"); return }
        let failure = "磁盘已满，这一步没有保存；请联系管理员腾出空间后再试"
        _ = reduce(&s, .effectFailed(failure))
        guard case .form(let failed) = s.mode else { Issue.record("the form closed: \(s.mode)"); return }
        #expect(failed.fields.first { $0.option == "text" }?.value == "撤回理由")
        #expect(failed.error?.problem == .failed(failure))
        #expect(s.status == .failed(failure))
        // Sent again and refused this time: the form stays too, the reason at it.
        _ = reduce(&s, .key("<C-d>"))
        _ = reduce(&s, .key("y"))
        _ = reduce(&s, .refused(.stale(expected: m.version, current: m)))
        guard case .form(let refused) = s.mode else { Issue.record("the form closed: \(s.mode)"); return }
        #expect(refused.fields.first { $0.option == "text" }?.value == "撤回理由")
        #expect(refused.error?.problem == .refused(.stale(expected: m.version, current: m)))
    }

    @Test func theFilterNarrowsAsItIsTypedAndEscClearsIt() throws {
        let store = try Fixtures.demoStore()
        var s = try Fixtures.state(store, user: "wangjian")
        let interpreter = EffectInterpreter(store: store)
        func key(_ k: String) { interpreter.perform(reduce(&s, .key(k)), on: &s) { reduce(&$0, $1) } }
        let all = s.inbox.count
        key("/")
        for ch in "排污" { key(String(ch)) }
        #expect(!s.inbox.isEmpty && s.inbox.count < all)
        #expect(s.inbox.allSatisfy { $0.title.contains("排污") || $0.summary.contains("排污") })
        key("<Esc>")
        #expect(s.inbox.count == all && s.filter.isEmpty)
        key(":")
        for ch in "filter overdue suggestion" { key(ch == " " ? "<Space>" : String(ch)) }
        key("<Enter>")
        #expect(!s.inbox.isEmpty)
        #expect(s.inbox.allSatisfy { $0.kind == .suggestion && Urgency($0, today: s.today).rank < 0 })
    }

    /// 待办 counts the whole inbox (every page read, not only the window loaded) of what waits on this party.
    @Test func theTodoCountsOnlyWhatWaitsOnThisParty() throws {
        let store = try Fixtures.demoStore()
        let department = try Fixtures.state(store, user: "hbj.li")
        let open = InboxQuery(scope: .open, filter: InboxFilter("", today: Fixtures.today, window: 7))
        let whole = try Fixtures.everyInboxRow(store, department.viewer, open)
        #expect(whole.count >= department.inbox.count)
        let waiting = whole.filter { Workflow.awaits(department.viewer, on: $0) }
        #expect(department.todo == waiting.count && !waiting.isEmpty)
        // A suggestion issued but not yet served waits on the procuratorate: not the department's to do.
        #expect(department.inbox.filter { $0.state == .issued && $0.kind == .suggestion }.allSatisfy { !Workflow.awaits(department.viewer, on: $0) })
        // The procuratorate's served suggestions wait on the departments' replies: not its to do.
        let procuratorate = try Fixtures.state(store, user: "wangjian")
        let itsWhole = try Fixtures.everyInboxRow(store, procuratorate.viewer, open)
        #expect(procuratorate.todo == itsWhole.filter { Workflow.awaits(procuratorate.viewer, on: $0) }.count)
        #expect(procuratorate.todo < itsWhole.count)
        #expect(procuratorate.inbox.filter { $0.kind == .suggestion && $0.state == .served }.allSatisfy { !Workflow.awaits(procuratorate.viewer, on: $0) })
    }

    @Test func aNewMatterIsSelectedOnceMade() throws {
        var s = try state("wangjian")
        _ = reduce(&s, .key(":"))
        _ = type("new suggestion --to hbj --title 测试", &s)
        let effects = reduce(&s, .key("<Enter>"))
        guard case .create(let new)? = effects.first else { Issue.record("\(effects)"); return }
        #expect(new.kind == .suggestion && new.to == "hbj" && new.title == "测试")
        var made = s.inbox[0]
        made.id = 9999
        #expect(reduce(&s, .created(made)) == [.loadInbox])
        _ = reduce(&s, .inboxLoaded(.around(9999, else: nil), InboxPage(matters: s.inbox + [made], start: 0, count: s.inboxCount + 1), s.summary))
        #expect(s.selectedMatter?.id == 9999)
    }
}

@Suite struct NewMatterKindTests {
    @Test func theNewMatterFormChoosesAmongTheKindsThisUserMayMake() throws {
        var s = try Fixtures.state(try Fixtures.demoStore(), user: "zhaomin")
        let kinds = Workflow.creatableKinds(by: s.viewer)
        try #require(kinds.count > 1)
        _ = reduce(&s, .key("n"))
        guard case .form(let form) = s.mode else {
            Issue.record("no form: \(s.mode)")
            return
        }
        #expect(form.fields.first?.option == "kind" && form.fields.first?.choices == kinds.map(\.rawValue))
        _ = reduce(&s, .key("<Space>"))  // the next kind
        _ = reduce(&s, .key("<Tab>"))
        for ch in "jcy" { _ = reduce(&s, .key(String(ch))) }
        _ = reduce(&s, .key("<Tab>"))
        for ch in "关于联席会议的通知" { _ = reduce(&s, .key(String(ch))) }
        let effects = reduce(&s, .key("<C-d>"))
        guard case .create(let new)? = effects.first else {
            Issue.record("not created: \(effects) \(s.mode)")
            return
        }
        #expect(new.kind == kinds[1] && new.to == "jcy" && new.title == "关于联席会议的通知")
    }
}
