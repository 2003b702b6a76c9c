import Foundation
import OversightDomain
import OversightTestSupport
import Testing

@testable import OversightStore

/// What a session polls first (`Store.othersCommitMark`): it moves when another connection commits and not for the
/// session's own writes nor for reads, so a poll that finds it where it was may skip the tokens' reads.
@Suite struct CommitMarkTests {
    @Test func theMarkMovesForAnotherConnectionsCommitOnly() throws {
        let path = try Fixtures.demoStore().path
        let session = try Store(existing: path)  // as a session opens it: one connection
        let other = try Store(existing: path)  // another process's
        let context = try Fixtures.context()
        let first = try #require(try session.othersCommitMark())
        // Reads, and the session's own write, leave it.
        let viewer = try session.viewer("wangjian")
        let id = try #require(try session.inbox(for: viewer, InboxQuery(scope: .open, filter: .everything)).first?.id)
        _ = try session.changeToken()
        #expect(try session.othersCommitMark() == first)
        _ = try session.act(id, .note, input: ActionInput(date: Fixtures.today, text: "本会话的备注"), by: viewer, context: context)
        #expect(try session.othersCommitMark() == first)
        // Another connection's commit moves it.
        _ = try other.act(id, .note, input: ActionInput(date: Fixtures.today, text: "另一会话的备注"), by: try other.viewer("wangjian"), context: context)
        let moved = try #require(try session.othersCommitMark())
        #expect(moved != first)
        #expect(try session.othersCommitMark() == moved)
    }

    /// A database made by `init` or the demo is a pool: several connections, no one mark.
    @Test func aPoolHasNoMark() throws {
        #expect(try Fixtures.demoStore().othersCommitMark() == nil)
        #expect(try Store.inMemory().othersCommitMark() != nil)
    }
}
