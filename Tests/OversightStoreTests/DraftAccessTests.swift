import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// Drafts are their author's (issue 17): a matter not yet issued is seen by its sending organisation only, in every
/// read path; the addressee, the department concerned and the copies see it from `issue` on.
@Suite struct DraftAccessTests {
    /// Who each kind's walked matters go between, with a department concerned and copies that are neither side.
    static let parties: [(kind: MatterKind, from: String, to: OrgID, subject: OrgID?, copies: [OrgID])] = [
        (.suggestion, "wangjian", "hbj", "hbj", ["sfj", "scjgj"]),
        (.transfer, "wangjian", "sfj", "scjgj", ["hbj"]),
        (.inspection, "wangjian", "zrzyj", "zrzyj", ["sfj"]),
        (.referral, "hbj.li", "jw", "scjgj", ["sfj", "jcy"]),
        (.dispute, "zhaomin", "jcy", "hbj", ["zrzyj"]),
        (.enforcementCopy, "hbj.li", "sfj", "hbj", ["jcy"]),
        (.supervisionApplication, "scjgj.ren", "jcy", "scjgj", ["sfj"]),
        (.jointInspection, "zhaomin", "hbj", "scjgj", ["jcy"]),
        (.meeting, "wangjian", "sfj", "wjj", ["hbj", "zrzyj"]),
        (.consultation, "hbj.li", "sfj", "hbj", ["jcy"]),
    ]

    /// Where a walked matter stands: its state, and whether it was ever issued (a draft may be withdrawn unissued).
    struct Reached: Hashable { var state: MatterState; var issued: Bool }

    /// One step tried on the way, as it succeeded.
    struct Taken { var action: MatterAction; var user: String; var input: ActionInput }

    /// Every state each kind can reach through the write path, each reached by a matter of its own that stays in the
    /// database: from the draft, every step of the kind is tried by either side with every outcome, and each new
    /// place (state × ever issued) is kept with the steps that led there.
    /// `prefix`: the walk in another county, whose organisations and people are the demo's with it before their
    /// ids and names (`addSecondCounty`); no invitees there.
    static func walk(_ store: Store, today: CivilDate, prefix: String = "") throws -> [MatterKind: [Reached: MatterID]] {
        let context = try Fixtures.context(today: today)
        let users = try store.users()
        func user(of org: OrgID) -> String? { users.first { $0.org == org && $0.active }?.name }
        var result: [MatterKind: [Reached: MatterID]] = [:]
        for p in parties {
            let p = (kind: p.kind, from: prefix + p.from, to: prefix + p.to, subject: p.subject.map { prefix + $0 }, copies: p.copies.map { prefix + $0 })
            let sender = try store.viewer(p.from)
            let new = NewMatter(kind: p.kind, title: "走查 \(p.kind.rawValue)", domain: .ecology, to: p.to, date: today,
                                subjectOrg: p.subject, copiedTo: p.copies, domainConfirmed: true)
            let takers = [p.from] + [user(of: p.to)].compactMap { $0 }
            var reached: [Reached: (id: MatterID, path: [Taken])] = [:]
            let first = try store.create(new, by: sender, context: context)
            reached[Reached(state: .draft, issued: false)] = (first.id, [])
            var queue: [(path: [Taken], state: MatterState)] = [([], .draft)]
            while !queue.isEmpty {
                let (path, state) = queue.removeFirst()
                for step in Workflow.steps(of: p.kind) where step.to != nil && step.from.contains(state) {
                    // A fresh matter brought along the path, then the step tried every way until one is taken.
                    var m = try store.create(new, by: sender, context: context)
                    for t in path { m = try store.act(m.id, t.action, input: t.input, by: try store.viewer(t.user), context: context) }
                    var taken: Taken?
                    tries: for name in takers {
                        for outcome in [Outcome.rejected, nil] + Outcome.allCases {
                            let input = ActionInput(date: today, text: "理由", outcome: outcome,
                                                    escalation: step.action == .escalate ? .reportUpper : nil)
                            if let next = try? store.act(m.id, step.action, input: input, by: try store.viewer(name), context: context) {
                                m = next
                                taken = Taken(action: step.action, user: name, input: input)
                                break tries
                            }
                        }
                    }
                    guard let taken else { continue }
                    let place = Reached(state: m.state, issued: m.issuedOn != nil)
                    if reached[place] == nil {
                        reached[place] = (m.id, path + [taken])
                        queue.append((path + [taken], m.state))
                    }
                }
            }
            result[p.kind] = reached.mapValues(\.id)
        }
        if prefix.isEmpty { _ = try walkInvitees(store, today: today) }
        return result
    }

    /// The organisations the walk names, and their people (as the demo's, but the outside body's none), as a second
    /// county's: 交城县 (`jc.` before each id and name), added by the demo's administrator with its own
    /// administrator `jc.admin`, who adds the rest.
    static func addSecondCounty(_ store: Store, today: CivilDate) throws {
        let admin = try store.viewer("admin")
        let jiaocheng = County(id: "jiaocheng", name: "交城县")
        try store.add(jiaocheng, administrator: "jc.admin", by: admin, on: today)
        let own = try store.viewer("jc.admin")
        let demo = try store.organisations()
        let ids = Set(parties.flatMap { [$0.to] + [$0.subject].compactMap { $0 } + $0.copies } + ["jcy", "sfj", "hbj", "scjgj"])
        for o in demo where ids.contains(o.id) {
            try store.add(Organisation(id: "jc." + o.id, name: o.name.replacingOccurrences(of: "文水", with: "交城"), party: o.party,
                                       domains: o.domains, code: o.code.isEmpty ? "" : "交" + o.code.dropFirst()), by: own, on: today)
            // Without sign-off, as the demo's (its people act as the walk tries them).
            try store.setSignOff(of: "jc." + o.id, to: .none, by: own, on: today)
        }
        for u in try store.users() where ids.contains(u.org) && u.active && u.role != .admin {
            try store.add(User(name: "jc." + u.name, displayName: u.displayName, org: "jc." + u.org, role: u.role), by: own, on: today)
        }
    }

    /// Matters with several invitees (issue 20: a joint inspection, a meeting `--to` three times), with a copy:
    /// each answer in turn, so every state the answers lead to is reached and stays in the database.
    static let invited: [(kind: MatterKind, from: String, to: [OrgID], copies: [OrgID])] = [
        (.jointInspection, "wangjian", ["hbj", "zrzyj", "scjgj"], ["sfj"]),
        (.meeting, "zhaomin", ["jcy", "hbj", "wjj"], ["zrzyj"]),
    ]

    /// The answers and the sender's last step of each walked matter with invitees: `+i` invitee i accepts, `-i` it
    /// declines, `issue`, `close`, `withdraw` the sender.
    static let answerPaths: [[String]] = [
        [], ["withdraw"], ["issue"], ["issue", "+0"], ["issue", "-0", "+1"], ["issue", "+0", "-1", "+2"],
        ["issue", "-0", "-1", "-2"], ["issue", "+0", "+1", "+2", "close"], ["issue", "+1", "withdraw"], ["issue", "+0", "close"],
    ]

    static func walkInvitees(_ store: Store, today: CivilDate) throws -> [MatterID] {
        let context = try Fixtures.context(today: today)
        let users = try store.users()
        func user(of org: OrgID) throws -> Viewer { try store.viewer(users.first { $0.org == org && $0.active }!.name) }
        var ids: [MatterID] = []
        for p in invited {
            let sender = try store.viewer(p.from)
            var new = NewMatter(kind: p.kind, title: "多方 \(p.kind.rawValue)", domain: .ecology, to: p.to[0], date: today,
                                copiedTo: p.copies, domainConfirmed: true)
            new.alsoTo = Array(p.to.dropFirst())
            for path in answerPaths {
                var m = try store.create(new, by: sender, context: context)
                for step in path {
                    let input = ActionInput(date: today, text: "理由")
                    if let i = Int(step.dropFirst()) {
                        m = try store.act(m.id, step.hasPrefix("+") ? .accept : .decline, input: input, by: try user(of: p.to[i]), context: context)
                    } else {
                        m = try store.act(m.id, MatterAction(rawValue: step)!, input: input, by: sender, context: context)
                    }
                }
                ids.append(m.id)
            }
        }
        return ids
    }

    /// A viewer for every organisation of the demo: its first active user, or one made up for the organisations
    /// that have none (outside bodies), which the policy shows nothing.
    static func viewers(_ store: Store) throws -> [Viewer] {
        let users = try store.users()
        return try store.organisations().map { org in
            if let u = users.first(where: { $0.org == org.id && $0.active }) { return try store.viewer(u.name) }
            return Viewer(user: User(name: "nobody-\(org.id)", displayName: "-", org: org.id, role: .handler), org: org)
        }
    }

    /// The access matrix: every kind × every state it can reach × every organisation of the demo and of a second
    /// county walked the same way; each read path returns exactly what `AccessPolicy.canSee` admits, a matter not
    /// yet issued only to its sender, and nothing of another county (counties as tenants, issue 23).
    @Test(arguments: Fixtures.engines)
    func everyReadPathShowsWhatThePolicyAdmitsAndADraftOnlyToItsSender(_ engine: Fixtures.Engine) throws {
        let today = Fixtures.today
        let store = try Fixtures.demoStore(on: engine, name: "access-matrix-\(engine)")
        let walked = try Self.walk(store, today: today)
        try Self.addSecondCounty(store, today: today)
        let walkedThere = try Self.walk(store, today: today, prefix: "jc.")
        #expect(walkedThere.mapValues { Set($0.keys) } == walked.mapValues { Set($0.keys) }, "the second county reaches the same places")
        let countyOf = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0.county) })
        // The walk reached every state each kind's workflow names, and a withdrawn draft never issued.
        // The matters with invitees reached every state their answers lead to, each invitee answer of each.
        let invitedMatters = try allMatters(store).filter { $0.invitees != nil }
        #expect(invitedMatters.count == Self.invited.count * Self.answerPaths.count)
        for p in Self.invited {
            let mine = invitedMatters.filter { $0.kind == p.kind }
            #expect(Set(mine.map(\.state)) == [.draft, .withdrawn, .issued, .inProgress, .closed], "\(p.kind)")
            #expect(Set(mine.flatMap { $0.invitees!.map(\.answer) }) == Set(InviteeAnswer.allCases))
            #expect(mine.allSatisfy { $0.invitees!.map(\.org) == p.to && $0.toOrg == p.to[0] })
        }
        for p in Self.parties {
            let states = Set(Workflow.steps(of: p.kind).compactMap(\.to)).union([.draft])
            let places = try #require(walked[p.kind])
            #expect(Set(places.keys.map(\.state)) == states, "\(p.kind)")
            #expect(places[Reached(state: .withdrawn, issued: false)] != nil, "\(p.kind): a draft withdrawn")
            let afterIssue = Workflow.steps(of: p.kind).contains { $0.action == .withdraw && $0.from.contains { $0 != .draft } }
            #expect((places[Reached(state: .withdrawn, issued: true)] != nil) == afterIssue, "\(p.kind): withdrawn once issued")
        }
        let all = try allMatters(store)
        let unissued = all.filter { $0.state == .draft || ($0.state == .withdrawn && $0.issuedOn == nil) }
        let unissuedIDs = Set(unissued.map(\.id))
        #expect(unissued.count >= 2 * Self.parties.count)
        let viewers = try Self.viewers(store)
        #expect(viewers.count == 21 + 1 + Set(try store.organisations().filter { $0.county == "jiaocheng" }.map(\.id)).count - 1)
        #expect(Set(viewers.map(\.org.county)) == ["wenshui", "jiaocheng"])
        let everything = InboxQuery(scope: .all, filter: InboxFilter("", today: today, window: 7))
        let open = InboxQuery(scope: .open, filter: InboxFilter("", today: today, window: 7))
        let year = try #require(ReportPeriod.year(today.year))
        for viewer in viewers {
            let name = "\(viewer.org.id) (\(viewer.user.name))"
            let expected = all.filter { AccessPolicy.canSee(viewer, $0) }.sorted { $0.id < $1.id }
            let ids = expected.map(\.id)
            // No leak: nothing it may see was started in another county.
            #expect(expected.allSatisfy { countyOf[$0.fromOrg] == viewer.org.county }, "\(name): another county's matter")
            // Drafts are their author's, whatever the policy says.
            for m in unissued { #expect(ids.contains(m.id) == (m.fromOrg == viewer.org.id && viewer.org.party != .external), "\(name): \(m.kind) \(m.state) \(m.id)") }
            for m in all where !unissuedIDs.contains(m.id) && m.kind != .referral && m.toOrg == viewer.org.id {
                #expect(ids.contains(m.id), "\(name): addressed, issued: \(m.kind) \(m.state)")
            }
            for m in all where !unissuedIDs.contains(m.id) && m.kind != .referral && (m.copiedTo ?? []).contains(viewer.org.id) {
                #expect(ids.contains(m.id), "\(name): copied, issued: \(m.kind) \(m.state)")
            }
            // Every invitee sees an issued matter as its addressee does; it waits on an invitee only while that
            // invitee's own answer is pending (its 待办), and the other invitees' answers do not change that.
            for m in all where !unissuedIDs.contains(m.id) {
                guard let mine = m.invitee(viewer.org.id) else { continue }
                #expect(ids.contains(m.id), "\(name): invited, issued: \(m.kind) \(m.state)")
                #expect(Workflow.awaits(viewer, on: m) == (m.state == .issued && mine.answer == .pending),
                        "\(name): 待办 of an invitee: \(m.kind) \(m.state) \(mine.answer)")
            }
            // matter list --all and matter list.
            #expect(try store.matters(for: viewer, includeClosed: true).map(\.id).sorted() == ids, "\(name): list --all")
            #expect(try store.matters(for: viewer).map(\.id).sorted() == expected.filter(\.state.isOpen).map(\.id), "\(name): list")
            // matter show, matter actions, the history.
            for m in all {
                // Another county's matter: not there, by id or in the detail pane (the lists are checked whole below).
                guard countyOf[m.fromOrg] == viewer.org.county else {
                    #expect(try store.matter(m.id, for: viewer) == nil, "\(name): another county's \(m.id)")
                    #expect(try store.detail(of: m.id, for: viewer) == nil, "\(name): another county's \(m.id)")
                    continue
                }
                let sees = ids.contains(m.id)
                #expect((try store.matter(m.id, for: viewer) != nil) == sees, "\(name): show \(m.id)")
                #expect(try store.events(of: m.id, for: viewer).isEmpty == !sees, "\(name): events of \(m.id)")
                // The detail pane's one read: the same as the reads it stands for, and nothing where they give nothing.
                let detail = try store.detail(of: m.id, for: viewer)
                #expect((detail != nil) == sees, "\(name): detail of \(m.id)")
                if let detail {
                    #expect(detail.matter == (try store.matter(m.id, for: viewer)))
                    #expect(detail.events == (try store.events(of: m.id, for: viewer)))
                    #expect(detail.submissions == (try store.openSubmissions(of: m.id, for: viewer)))
                    #expect(detail.links == (try store.links(of: m.id, for: viewer)))
                    #expect(detail.names == (try store.displayNames(of: detail.events, also: detail.matter.knownTo ?? [])))
                    #expect(detail.approvals.mapValues(\.displayName) == (try store.approvals(of: m.id, for: viewer)).mapValues(\.displayName))
                }
            }
            // Export and the report's figures (an administrator's: below).
            if viewer.party != .admin {
                #expect(try store.readableMatters(for: viewer).map(\.id) == InboxOrder.sorted(expected, for: viewer.org).map(\.id), "\(name): readable, in the inbox order")
                #expect(try store.exchange(for: viewer).map(\.matter.id) == InboxOrder.sorted(expected, for: viewer.org).map(\.id), "\(name): export, in the inbox order")
                #expect(Report(try store.readableMatters(for: viewer), period: year, today: today) == Report(expected, period: year, today: today))
                // The report's own read (the period's matters through the access condition, counted as read).
                var report = try store.report(for: viewer, period: year, today: today)
                report.county = nil
                #expect(report == Report(expected, period: year, today: today), "\(name): report")
                // matter list's pages, small enough that every party's list takes several.
                var paged: [MatterID] = []
                try store.inboxPages(for: viewer, everything, pageSize: 3) { paged += $0.map(\.id) }
                #expect(paged == InboxOrder.sorted(expected, for: viewer.org).map(\.id), "\(name): matter list's pages")
            }
            // Notices: every event of what it may see since the start, and of nothing else.
            let changes = try store.changes(after: 0, for: viewer, limit: 1_000_000)
            #expect(Set(changes.events.map(\.matterID)) == Set(ids), "\(name): changes")
            // The inbox index: pages, counts, tallies, alerts, the calendar.
            let rows = try Fixtures.everyInboxRow(store, viewer, everything)
            #expect(rows.map(\.id) == InboxOrder.sorted(expected, for: viewer.org).map(\.id), "\(name): inbox")
            #expect(try Fixtures.everyInboxRow(store, viewer, open).map(\.id).sorted() == expected.filter(\.state.isOpen).map(\.id))
            let summary = try store.inboxSummary(for: viewer, everything, today: today, window: 7)
            #expect(summary.total == expected.count, "\(name): total")
            #expect(summary.todo == expected.filter { Workflow.awaits(viewer, on: $0) }.count, "\(name): to do")
            #expect(try store.inboxPage(for: viewer, everything, from: .top, limit: 1, counting: true).count == expected.count)
            let pending = expected.filter { $0.state.isOpen && $0.pendingDue != nil }
            #expect(summary.alerts == AlertCounts(pending, today: today, window: 7), "\(name): alerts")
            let alerts = try store.alerts(for: viewer, today: today, window: 7)
            #expect(alerts.counts == AlertCounts(pending, today: today, window: 7))
            let soon = today.adding(days: 7)
            #expect(Set(alerts.matters.map(\.id)) == Set(pending.filter { $0.pendingDue! <= soon }.map(\.id)), "\(name): alerts")
            let days = try store.deadlineCounts(for: viewer, open, from: today.adding(days: -400), through: today.adding(days: 400))
            #expect(days.values.reduce(0, +) == pending.filter { abs(today.days(until: $0.pendingDue!)) <= 400 }.count, "\(name): calendar")
        }
        // An administrator sees no matter in the workbench or the lists, and exports and counts the whole database,
        // drafts included (what the county's figures are made of).
        // Each administrator its own county's.
        let admin = try store.viewer("admin")
        let here = all.filter { countyOf[$0.fromOrg] == "wenshui" }, there = all.filter { countyOf[$0.fromOrg] == "jiaocheng" }
        #expect(!here.isEmpty && !there.isEmpty && here.count + there.count == all.count)
        #expect(try store.matters(for: admin, includeClosed: true).isEmpty)
        #expect(try store.readableMatters(for: admin).map(\.id) == here.map(\.id).sorted())
        #expect(try store.exchange(for: admin).map(\.matter.id).sorted() == here.map(\.id).sorted())
        #expect(try store.report(for: admin, period: year, today: today) == Report(here, period: year, today: today))
        let otherAdmin = try store.viewer("jc.admin")
        #expect(try store.readableMatters(for: otherAdmin).map(\.id) == there.map(\.id).sorted())
        #expect(try store.exchange(for: otherAdmin).map(\.matter.id).sorted() == there.map(\.id).sorted())
        #expect(try store.report(for: otherAdmin, period: year, today: today) == Report(there, period: year, today: today))
        var listed = 0
        try store.inboxPages(for: admin, everything, pageSize: 3) { listed += $0.count }
        #expect(listed == 0)
        #expect(try store.changes(after: 0, for: admin).events.isEmpty)
    }

    /// The exact case of the issue, through the store: a suggestion drafted by the procuratorate is nowhere for the
    /// department until it is issued; from then on it is everywhere, and the issue is announced as a change.
    @Test func aDraftAppearsToTheAddresseeWhenIssuedAndIsAnnouncedThen() throws {
        let store = try Fixtures.demoStore()
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian"), li = try store.viewer("hbj.li"), sfj = try store.viewer("zhaomin")
        let everything = InboxQuery(scope: .all, filter: InboxFilter("", today: Fixtures.today, window: 7))
        let before = try store.inboxSummary(for: li, everything, today: Fixtures.today, window: 7)
        let token = try store.changes(after: 0, for: li).lastEventID
        let draft = try store.create(
            NewMatter(kind: .suggestion, title: "关于汾河排污口整治的检察建议（草稿）", domain: .ecology, to: "hbj", date: Fixtures.today,
                      copiedTo: ["sfj"]), by: wang, context: context)
        try store.act(draft.id, .note, input: ActionInput(date: Fixtures.today, text: "内部讨论意见"), by: wang, context: context)
        for viewer in [li, sfj] {
            #expect(try store.matter(draft.id, for: viewer) == nil)
            #expect(!(try store.matters(for: viewer, includeClosed: true)).contains { $0.id == draft.id })
            #expect(!(try Fixtures.everyInboxRow(store, viewer, everything)).contains { $0.id == draft.id })
            #expect(throws: Refusal.notFound(draft.id)) {
                try store.act(draft.id, .note, input: ActionInput(date: Fixtures.today, text: "x"), by: viewer, context: context)
            }
        }
        #expect(try store.inboxSummary(for: li, everything, today: Fixtures.today, window: 7) == before)
        // A text the department kept for a form on it (as the rule before issue 17 let it) is not offered back.
        let kept = Draft(target: .act(.note, draft.id), field: "text", text: "部门的备注草稿")
        try store.save([kept], for: li)
        #expect(try store.drafts(for: li).isEmpty)
        let quiet = try store.changes(after: token, for: li)
        #expect(quiet.events.isEmpty, "the draft's events are not announced: \(quiet.events)")
        #expect(quiet.lastEventID > token)
        // Its sender sees it, waiting on itself.
        #expect(try store.matter(draft.id, for: wang) != nil)
        #expect(try Fixtures.everyInboxRow(store, wang, everything).contains { $0.id == draft.id })

        let issued = try store.act(draft.id, .issue, input: ActionInput(date: Fixtures.today), by: wang, context: context)
        for viewer in [li, sfj] {
            #expect(try store.matter(draft.id, for: viewer) == issued)
            #expect(try Fixtures.everyInboxRow(store, viewer, everything).contains { $0.id == draft.id })
        }
        #expect(try store.drafts(for: li) == [kept])
        let after = try store.inboxSummary(for: li, everything, today: Fixtures.today, window: 7)
        #expect(after.total == before.total + 1)
        let announced = try store.changes(after: quiet.lastEventID, for: li)
        #expect(announced.events.map(\.action) == [.step(.issue)])
        #expect(announced.events.map(\.matterID) == [draft.id])
    }

    /// A database whose inbox index gave other organisations rows for drafts (the rule before issue 17) loses those
    /// rows when it is opened, and its tallies count them out.
    @Test func theMigrationTakesDraftsOutOfOtherInboxes() throws {
        let store = try Fixtures.demoStore()
        let context = try Fixtures.context()
        let wang = try store.viewer("wangjian")
        let draft = try store.create(
            NewMatter(kind: .suggestion, title: "旧库里的草稿", domain: .ecology, to: "hbj", date: Fixtures.today, copiedTo: ["sfj"]),
            by: wang, context: context)
        let withdrawn = try store.create(
            NewMatter(kind: .meeting, title: "撤回的草稿", to: "sfj", date: Fixtures.today), by: wang, context: context)
        try store.act(withdrawn.id, .withdraw, input: ActionInput(date: Fixtures.today, text: "不开了"), by: wang, context: context)
        let organisations = Dictionary(uniqueKeysWithValues: try store.organisations().map { ($0.id, $0) })
        func tallies() throws -> [String: Int] {
            try store.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT org_id, grp, n FROM inbox_tally").map {
                    ("\($0["org_id"] as String)/\($0["grp"] as Int)", $0["n"] as Int)
                })
            }
        }
        let right = try tallies()
        // As the index was kept before: a row for every organisation the matter names; v8 not yet run.
        try store.write { db in
            for m in [draft, try #require(try store.matter(withdrawn.id, for: wang))] {
                for org in ["hbj", "sfj"] where org != m.fromOrg {
                    if m.kind == .meeting && org == "hbj" { continue }
                    try db.execute(sql: "INSERT INTO inbox_entry (org_id, sort_key, matter_id) VALUES (?, ?, ?)",
                                   arguments: [org, InboxOrder.key(of: m, for: organisations[org]!).text, m.id])
                }
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v8-drafts-for-their-sender'")
        }
        #expect(try tallies() != right)
        let li = try store.viewer("hbj.li")
        #expect(try Fixtures.everyInboxRow(store, li, InboxQuery(scope: .all, filter: InboxFilter("", today: Fixtures.today, window: 7)))
            .contains { $0.id == draft.id }, "the old index shows the draft")

        let reopened = try Store(existing: store.path)
        #expect(try reopened.writer.read { db in try Schema.migrator.appliedIdentifiers(db) }.contains("v8-drafts-for-their-sender"))
        #expect(try reopened.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inbox_entry WHERE matter_id IN (?, ?)", arguments: [draft.id, withdrawn.id])
        } == 2, "only the sender's rows are left")
        let counted = try reopened.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT org_id, CAST(substr(sort_key, 1, 1) AS INTEGER) AS grp, COUNT(*) AS n FROM inbox_entry GROUP BY org_id, grp
                """).map { ("\($0["org_id"] as String)/\($0["grp"] as Int)", $0["n"] as Int) })
        }
        let kept = try reopened.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT org_id, grp, n FROM inbox_tally WHERE n > 0").map {
                ("\($0["org_id"] as String)/\($0["grp"] as Int)", $0["n"] as Int)
            })
        }
        #expect(kept == counted, "the tallies are the rows")
        #expect(kept == right.filter { $0.value > 0 })
        #expect(!(try Fixtures.everyInboxRow(reopened, try reopened.viewer("hbj.li"),
                                             InboxQuery(scope: .all, filter: InboxFilter("", today: Fixtures.today, window: 7))))
            .contains { $0.id == draft.id })
    }
}
