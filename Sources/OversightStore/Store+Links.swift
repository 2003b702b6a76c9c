import GRDB
import OversightDomain

/// A link between matters (`FollowOn`): matter `matter_id` follows matter `follows_id`, written by the creation of
/// `matter_id` (its `create` event, `event_id`) in the same transaction. Links are never changed or removed.
struct MatterLinkRecord: KeyedRecord, Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "matter_link"
    static let keyColumns = ["matter_id", "follows_id"]
    static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var matterId: MatterID
    var followsId: MatterID
    var eventId: Int64
}

extension Schema {
    /// Migration `v10-matter-links`: the table of links, read both ways, append-only like the event log.
    static func migrateToMatterLinks(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE matter_link (
                matter_id INTEGER NOT NULL REFERENCES matter(id),
                follows_id INTEGER NOT NULL REFERENCES matter(id),
                event_id INTEGER NOT NULL REFERENCES event(id),
                PRIMARY KEY (matter_id, follows_id),
                CHECK (matter_id <> follows_id)
            ) WITHOUT ROWID;
            CREATE INDEX matter_link_follows ON matter_link(follows_id, matter_id);
            CREATE TRIGGER matter_link_no_update BEFORE UPDATE ON matter_link
                BEGIN SELECT RAISE(ABORT, 'links between matters are append-only'); END;
            CREATE TRIGGER matter_link_no_delete BEFORE DELETE ON matter_link
                BEGIN SELECT RAISE(ABORT, 'links between matters are append-only'); END;
            """)
    }
}

extension Store {
    /// The matters linked to matter `id` that `viewer` may see: those it follows and those that follow it, oldest
    /// first. Nothing when the viewer may not see `id` itself; a linked matter it may not see is left out whole.
    public func links(of id: MatterID, for viewer: Viewer) throws -> MatterLinks {
        try read { db in try Self.links(of: id, for: viewer, db) }
    }

    static func links(of id: MatterID, for viewer: Viewer, _ db: StoreConnection) throws -> MatterLinks {
        guard try matter(id, for: viewer, db) != nil else { return MatterLinks() }
        return try links(ofSeen: id, for: viewer, db)
    }

    /// The links of matter `id`, which the caller has read through `matter(_:for:_:)` in this transaction (so the
    /// viewer sees it): each linked matter still passes the viewer's access rule.
    static func links(ofSeen id: MatterID, for viewer: Viewer, _ db: StoreConnection) throws -> MatterLinks {
        guard let filter = visibility(viewer) else { return MatterLinks() }
        func linked(_ near: String, _ far: String) throws -> [Matter] {
            let rows = try MatterRecord.fetchAll(
                db.cachedStatement(sql: """
                    SELECT matter.* FROM matter_link JOIN matter ON matter.id = matter_link.\(far)
                    WHERE matter_link.\(near) = :id AND (\(filter.sql)) ORDER BY matter.id
                    """),
                arguments: filter.arguments + ["id": id])
            return try decode(rows, db)
        }
        return MatterLinks(follows: try linked("matter_id", "follows_id"), followedBy: try linked("follows_id", "matter_id"))
    }

    /// The matter `new` follows, checked inside the creation's transaction: one `viewer` may see (else refused as a
    /// matter that does not exist), that a matter of this kind may follow now (`FollowOn.check`).
    static func followedMatter(_ new: NewMatter, for viewer: Viewer, _ db: StoreConnection) throws -> Matter? {
        guard let id = new.follows else { return nil }
        guard let m = try matter(id, for: viewer, db) else { throw Refusal.notFound(id) }
        do { try FollowOn.check(new.kind, follows: m) } catch { throw Refusal.workflow(error) }
        return m
    }
}
