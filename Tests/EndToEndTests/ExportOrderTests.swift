import Foundation
import OversightDomain
import OversightStore
import OversightTestSupport
import Testing

/// `export` reads as `matter list` and the workbench read (issue 19): the same access, the same compiled filter, the
/// same order. Over a generated database, for one user of every organisation, the binary's `export --format json`
/// gives the ids of `matter list --all --json` in their order, and with `--filter` (and `--open`) the ids of the
/// workbench's inbox read a page at a time with that filter, and of the domain's order over what the filter's rule
/// (`InboxFilter.admits`, the oracle) lets through of every matter the user may see.
@Suite struct ExportOrderTests {
    /// Filters of every sort: deadlines, a kind, a state and a domain by code or word, text (short and trigram),
    /// an organisation, words together.
    static let filters = ["overdue", "suggestion 待回复", "week", "ecology", "关于", "检察建议", "hbj", "due:2025-01-01..2025-12-31",
                          "served", "交办 zrzyj"]

    @Test func exportWithAFilterListsWhatMatterListAndTheWorkbenchListInTheirOrder() throws {
        let db = try Fixtures.temporaryDirectory(#function).appendingPathComponent("generated.sqlite").path
        let made = try CLI.raw(["demo", "--no-open", "--matters", "400", "--db", db, "--today", CLI.today])
        try #require(made.status == 0, "\(made.err)")
        let cli = CLI(db: db)
        let store = try Store(existing: db)
        let today = try #require(CivilDate(CLI.today))
        let words = try Fixtures.vocabulary(store)
        let viewers = try store.users().filter(\.active).map { try store.viewer($0.name) }
        let admin = try #require(viewers.first { $0.party == .admin })
        let all = try store.readableMatters(for: admin)
        func exported(_ user: String, _ args: [String]) throws -> [Int?] {
            let file = try CLI.object(try cli.run(user, ["export", "--format", "json"] + args), "\(user): export \(args)")
            return (file["matters"] as? [[String: Any]] ?? []).map { $0["id"] as? Int }
        }
        var seen = Set<OrgID>(), filtered = 0, checked = 0
        for viewer in viewers where viewer.party != .admin && seen.insert(viewer.org.id).inserted {
            let user = viewer.user.name
            let visible = AccessPolicy.visible(all, to: viewer)
            // No filter: `matter list --all`, whole, in its order.
            let listed = try cli.list(user, all: true).map { $0["id"] as? Int }
            #expect(try exported(user, []) == listed, "\(user): export and matter list --all")
            #expect(listed == InboxOrder.sorted(visible, for: viewer.org).map { Int($0.id) }, "\(user)")
            // A filter each (every filter for a party or two), every other party's on open matters only.
            do {
                let scope = seen.count % 2 == 0 ? InboxScope.all : .open
                let text = Self.filters[seen.count % Self.filters.count]
                let filter = InboxFilter(text, today: today, window: 7, words: words)
                let rows = try Fixtures.everyInboxRow(store, viewer, InboxQuery(scope: scope, filter: filter))
                let want = InboxOrder.sorted(visible.filter { (scope == .all || $0.state.isOpen) && filter.admits($0) }, for: viewer.org)
                let got = try exported(user, ["--filter", text] + (scope == .open ? ["--open"] : []))
                #expect(got == rows.map { Int($0.id) }, "\(user) \(scope) \(text): export and the workbench")
                #expect(got == want.map { Int($0.id) }, "\(user) \(scope) \(text): export and the rule")
                filtered += got.count
            }
            checked += listed.count
        }
        #expect(seen.count > Self.filters.count && checked > 400 && filtered > 20)
        // The administrator: every matter, by id, and with a filter what the rule lets through of them.
        #expect(try exported(admin.user.name, []) == all.map { Int($0.id) })
        for text in Self.filters.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) + ["待回复"] {
            let filter = InboxFilter(text, today: today, window: 7, words: words)
            #expect(try exported(admin.user.name, ["--filter", text]) == all.filter(filter.admits).map { Int($0.id) }, "admin \(text)")
        }
    }
}
