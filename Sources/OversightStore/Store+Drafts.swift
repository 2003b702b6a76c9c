import GRDB
import OversightDomain

extension Store {
    /// Keeps `drafts` as the viewer's unsubmitted texts for their forms (an empty text removes its draft).
    /// One short transaction; a person keeps only their own drafts.
    public func save(_ drafts: [Draft], for viewer: Viewer) throws {
        try write { db in
            for d in drafts {
                if d.text.isEmpty {
                    try db.execute(sql: "DELETE FROM draft WHERE user_name = ? AND target = ? AND field = ?",
                                   arguments: [viewer.user.name, d.target.key, d.field])
                } else {
                    try db.execute(sql: """
                        INSERT INTO draft (user_name, target, field, text) VALUES (?, ?, ?, ?)
                        ON CONFLICT (user_name, target, field) DO UPDATE SET text = excluded.text,
                            saved_at = \(db.nowSQL)
                        """, arguments: [viewer.user.name, d.target.key, d.field, d.text])
                }
            }
        }
    }

    /// The viewer's drafts, oldest first. A draft whose target no longer reads (or a matter the viewer may no
    /// longer see) is left out.
    public func drafts(for viewer: Viewer) throws -> [Draft] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT target, field, text FROM draft WHERE user_name = ? ORDER BY saved_at, rowid",
                                        arguments: [viewer.user.name])
            return try rows.compactMap { row -> Draft? in
                guard let target = Draft.Target(key: row["target"]) else { return nil }
                if case .act(_, let id) = target, try Self.matter(id, for: viewer, db) == nil { return nil }
                return Draft(target: target, field: row["field"], text: row["text"])
            }
        }
    }

    /// Removes the viewer's drafts for `target` (its form was submitted).
    public func discardDrafts(_ target: Draft.Target, for viewer: Viewer) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM draft WHERE user_name = ? AND target = ?", arguments: [viewer.user.name, target.key])
        }
    }
}
