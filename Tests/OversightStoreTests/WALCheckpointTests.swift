import Foundation
import GRDB
import OversightDomain
import OversightTestSupport
import Synchronization
import Testing

@testable import OversightStore

/// The WAL is checkpointed outside the writer's turn (issue 22): SQLite's automatic checkpoint ran inside the commit
/// that took the WAL past 1000 frames, while the writer still held the turn, and every writer queued behind it waited
/// for the copy. A session's writes leave the WAL to `Store.checkpointIfDue`, run once the turn is released, and a
/// batch's chunks do too, so the WAL stays bounded.
@Suite struct WALCheckpointTests {
    /// SQLite's automatic checkpoint threshold, which `Store.checkpointFrames` keeps.
    static let threshold: UInt32 = 1000

    /// The WAL-index header at the start of the -shm file (SQLite's file format, "WAL-index format"), in the machine's
    /// byte order: the frames in the WAL (`mxFrame`, byte 16 of the first copy of the header) and how many of them a
    /// checkpoint has copied into the database (`nBackfill`, byte 96, the checkpoint information after the header's two
    /// 48-byte copies).
    struct WALIndex: Sendable {
        var frames: UInt32
        var backfilled: UInt32

        static func read(_ path: String) -> WALIndex {
            guard let handle = FileHandle(forReadingAtPath: path + "-shm"),
                  let bytes = try? handle.read(upToCount: 100), bytes.count == 100 else { return WALIndex(frames: 0, backfilled: 0) }
            try? handle.close()
            func word(_ at: Int) -> UInt32 { bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: UInt32.self) } }
            return WALIndex(frames: word(16), backfilled: word(96))
        }
    }

    /// A session (one connection, as a command opens the file) on a demo database, a matter it may note, and its notes.
    private func session(_ name: String = #function) throws -> (Store, Viewer, MatterID, WorkflowContext) {
        let path = try Fixtures.demoStore(name: name).path  // its pool closed: the WAL checkpointed and removed
        let store = try Store(existing: path)
        let viewer = try store.viewer("wangjian")
        let id = try #require(try store.matters(for: viewer).first?.id)
        return (store, viewer, id, try Fixtures.context())
    }

    /// A note long enough that a few hundred fill the WAL past its threshold.
    private func note(_ k: Int) -> ActionInput {
        ActionInput(date: Fixtures.today, text: "检查点测试备注 \(k) " + String(repeating: "现场复查记录。", count: 120))
    }

    @Test func writesLeaveTheCheckpointToAfterTheTurn() throws {
        let (store, viewer, id, context) = try session()
        let threshold = Self.threshold
        let atCommit = Mutex<[WALIndex]>([])  // as each commit leaves it, still under the turn
        var afterTurn: [WALIndex] = []  // as each write leaves it, once `write` has returned
        for k in 0..<3_000 {
            try store.write { db in
                _ = try Store.act(id, .note, input: note(k), by: viewer, expecting: nil, context: context, db)
                let path = store.path
                db.sqlite!.afterNextTransaction { _ in atCommit.withLock { $0.append(WALIndex.read(path)) } }
            }
            afterTurn.append(WALIndex.read(store.path))
            // Enough once the WAL has been checkpointed and begun anew twice.
            if zip(afterTurn, afterTurn.dropFirst()).filter({ $1.frames < $0.frames }).count >= 2 { break }
        }
        let commits = atCommit.withLock { $0 }
        let past = commits.filter { $0.frames >= threshold }
        try #require(!past.isEmpty, "the WAL never reached \(threshold) frames")
        // No commit copied the WAL back while its writer held the turn: SQLite's automatic checkpoint would have
        // copied every frame in the commit that crossed the threshold.
        for c in past { #expect(c.backfilled < c.frames, "checkpointed under the turn: \(c)") }
        // Once the turn was released, a WAL past the threshold was copied back entirely.
        for a in afterTurn where a.frames >= threshold { #expect(a.backfilled == a.frames, "not checkpointed: \(a)") }
        // And begun anew by a later write: it never holds much more than the threshold.
        #expect(zip(afterTurn, afterTurn.dropFirst()).contains { $1.frames < $0.frames })
        #expect(afterTurn.map(\.frames).max()! < 2 * threshold)
    }

    @Test func aBatchCheckpointsBetweenItsChunks() throws {
        let (store, viewer, id, context) = try session()
        let threshold = Self.threshold
        var seen: [WALIndex] = []  // between operations: as the chunks committed before left it
        try store.batch(commitEvery: 10) { batch in
            for k in 0..<3_000 {
                try batch.act(id, .note, input: note(k), by: viewer, context: context)
                seen.append(WALIndex.read(store.path))
                // Enough once the WAL has been begun anew twice within the batch.
                if zip(seen, seen.dropFirst()).filter({ $1.frames < $0.frames }).count >= 2 { break }
            }
        }
        // Without a checkpoint between chunks the WAL only grows until the batch ends (a generator's or an import's
        // millions of pages); with one it is begun anew and stays near the threshold.
        #expect(zip(seen, seen.dropFirst()).filter { $1.frames < $0.frames }.count >= 2)
        #expect(seen.map(\.frames).max()! < 2 * threshold)
    }
}
