import Foundation
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// A typed filter's count capped at the rows read (issue 22): where counting would read every matter row the query
/// shows (one or two characters of text, a kind), `inboxPage(… capped: true)` tells the count from the page — exact
/// when the page reached the inbox's end, else a lower bound — and what an index serves is counted exactly as before.
@Suite struct CappedCountTests {
    @Test func aCountThatWouldReadEveryMatterRowIsCappedAtThePage() throws {
        let store = try InboxIndexTests.store(#function)
        let viewer = try store.viewer("wangjian")
        for text in ["汾", "20", "suggestion"] {
            let query = InboxQuery(scope: .all, filter: InboxFilter(text, today: Fixtures.today, window: 7))
            let rows = try Fixtures.everyInboxRow(store, viewer, query)
            try #require(rows.count > 12, "\(text): \(rows.count)")
            // Uncapped: exact, as before.
            let exact = try store.inboxPage(for: viewer, query, from: .top, limit: 5, counting: true)
            #expect(exact.count == rows.count && !exact.atLeast, "\(text)")
            // From the top: the rows read, and no more known.
            let top = try store.inboxPage(for: viewer, query, from: .top, limit: 5, counting: true, capped: true)
            #expect(top.matters.map(\.id) == rows[0..<5].map(\.id))
            #expect(top.count == 5 && top.atLeast && top.start == 0, "\(text)")
            // Around a matter in the middle: its place exact, the count up to the page's end.
            let middle = rows.count / 2
            let around = try store.inboxPage(for: viewer, query, from: .around(rows[middle].id, else: nil), limit: 6,
                                              counting: true, capped: true)
            let start = try #require(around.start)
            #expect(around.matters.map(\.id) == rows[start..<(start + around.matters.count)].map(\.id))
            #expect(around.count == start + 6 && around.atLeast, "\(text)")
            // A page that reaches the end knows the count exactly.
            let last = try store.inboxPage(for: viewer, query, from: .around(rows[rows.count - 1].id, else: nil), limit: 6,
                                           counting: true, capped: true)
            #expect(last.count == rows.count && !last.atLeast, "\(text)")
            let whole = try store.inboxPage(for: viewer, query, from: .top, limit: rows.count + 1, counting: true, capped: true)
            #expect(whole.count == rows.count && !whole.atLeast, "\(text)")
        }
        // What an index answers (no filter: the tallies; three characters: the trigram index) is counted exactly.
        for text in ["", "排污口"] {
            let query = InboxQuery(scope: .all, filter: InboxFilter(text, today: Fixtures.today, window: 7))
            let rows = try Fixtures.everyInboxRow(store, viewer, query)
            try #require(rows.count > 1, "\(text)")
            let page = try store.inboxPage(for: viewer, query, from: .top, limit: 1, counting: true, capped: true)
            #expect(page.count == rows.count && !page.atLeast, "\(text)")
        }
    }
}
