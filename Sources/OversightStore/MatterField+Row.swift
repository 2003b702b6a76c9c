import GRDB
import OversightDomain

extension MatterField {
    /// How a field kept in columns of `matter` is written there from a `Matter` and read back into one: the values
    /// of its columns (`Storage.columns`, in that order). A value that does not decode is an error naming the table,
    /// row and column, never a default.
    struct Kept: Sendable {
        let write: @Sendable (Matter) -> [DatabaseValue]
        /// Reads the values of its columns, `values[at...]`.
        let read: @Sendable (inout Matter, _ values: [DatabaseValue], _ at: Int, _ columns: [String], ColumnReader) throws -> Void

        /// A text every matter has.
        static func text(_ path: WritableKeyPath<Matter, String> & Sendable) -> Kept {
            Kept(write: { [$0[keyPath: path].databaseValue] },
                 read: { m, v, i, c, d in m[keyPath: path] = try d.text(v[i], c[0]) })
        }

        /// A text a matter may lack (`NULL`).
        static func optionalText(_ path: WritableKeyPath<Matter, String?> & Sendable) -> Kept {
            Kept(write: { [$0[keyPath: path].databaseValue] },
                 read: { m, v, i, c, d in m[keyPath: path] = try d.optionalText(v[i], c[0]) })
        }

        /// One of a closed set of values, by its code.
        static func value<T: RawRepresentable & Sendable>(_ path: WritableKeyPath<Matter, T> & Sendable) -> Kept where T.RawValue == String {
            Kept(write: { [$0[keyPath: path].rawValue.databaseValue] },
                 read: { m, v, i, c, d in m[keyPath: path] = try d.value(T.self, try d.text(v[i], c[0]), c[0]) })
        }

        /// One of a closed set of values a matter may lack.
        static func optionalValue<T: RawRepresentable & Sendable>(_ path: WritableKeyPath<Matter, T?> & Sendable) -> Kept
        where T.RawValue == String {
            Kept(write: { [$0[keyPath: path]?.rawValue.databaseValue ?? .null] },
                 read: { m, v, i, c, d in m[keyPath: path] = try d.value(T.self, try d.optionalText(v[i], c[0]), c[0]) })
        }

        /// Values of a closed set, their codes joined by `,` (empty: none, read as nil).
        static func list<T: RawRepresentable & Sendable>(_ path: WritableKeyPath<Matter, [T]?> & Sendable) -> Kept
        where T.RawValue == String {
            Kept(write: { [($0[keyPath: path] ?? []).map(\.rawValue).joined(separator: ",").databaseValue] },
                 read: { m, v, i, c, d in
                     let raw = try d.text(v[i], c[0])
                     m[keyPath: path] = raw.isEmpty ? nil : try d.list(T.self, raw, c[0])
                 })
        }

        /// A day every matter has, `YYYY-MM-DD`.
        static func date(_ path: WritableKeyPath<Matter, CivilDate> & Sendable) -> Kept {
            Kept(write: { [$0[keyPath: path].description.databaseValue] },
                 read: { m, v, i, c, d in m[keyPath: path] = try d.date(try d.text(v[i], c[0]), c[0]) })
        }

        /// A day a matter may lack.
        static func optionalDate(_ path: WritableKeyPath<Matter, CivilDate?> & Sendable) -> Kept {
            Kept(write: { [$0[keyPath: path]?.description.databaseValue ?? .null] },
                 read: { m, v, i, c, d in m[keyPath: path] = try d.date(try d.optionalText(v[i], c[0]), c[0]) })
        }

        /// The reply period: its amount and unit, both or neither.
        static let period = Kept(
            write: { m in [m.urgentPeriod?.amount.databaseValue ?? .null, m.urgentPeriod?.unit.rawValue.databaseValue ?? .null] },
            read: { m, v, i, c, d in
                switch (Int.fromDatabaseValue(v[i]), try d.optionalText(v[i + 1], c[1])) {
                case (nil, nil) where v[i].isNull: m.urgentPeriod = nil
                case (let amount?, let unit?): m.urgentPeriod = Period(amount, try d.value(PeriodUnit.self, unit, c[1]))
                default:
                    let amount = Int.fromDatabaseValue(v[i]).map(String.init) ?? (v[i].isNull ? "NULL" : "\(v[i])")
                    let unit = String.fromDatabaseValue(v[i + 1]) ?? "NULL"
                    throw Store.Failure.corruptRow(table: d.table, row: d.row, column: c[0], value: "\(amount) \(unit)")
                }
            })

        /// The matter's version: the count of its writes, at least 1.
        static let version = Kept(
            write: { [$0.version.databaseValue] },
            read: { m, v, i, c, d in
                guard let version = Int.fromDatabaseValue(v[i]), version > 0 else {
                    throw Store.Failure.corruptRow(table: d.table, row: d.row, column: c[0], value: "\(v[i])")
                }
                m.version = version
            })
    }

    /// The fields kept in the columns of a `matter` row (but its id, the row's own), in the table's order.
    static let keptInRow: [MatterField] = all.filter { $0.kept != nil }
    /// Their columns, in that order: what `MatterRecord` holds.
    static let rowColumns: [String] = keptInRow.flatMap(\.storage.columns)
}

/// Reads columns of one row into domain values, naming the row and column of anything that does not fit.
struct ColumnReader {
    var table: String
    var row: String

    func value<T: RawRepresentable>(_: T.Type, _ raw: String, _ column: String) throws -> T where T.RawValue == String {
        guard let v = T(rawValue: raw) else {
            throw Store.Failure.corruptRow(table: table, row: row, column: column, value: raw)
        }
        return v
    }

    func value<T: RawRepresentable>(_ type: T.Type, _ raw: String?, _ column: String) throws -> T? where T.RawValue == String {
        guard let raw else { return nil }
        return try value(type, raw, column) as T
    }

    func list<T: RawRepresentable>(_ type: T.Type, _ raw: String, _ column: String) throws -> [T] where T.RawValue == String {
        if raw.isEmpty { return [] }
        return try raw.split(separator: ",", omittingEmptySubsequences: false).map { try value(type, String($0), column) as T }
    }

    func date(_ raw: String, _ column: String) throws -> CivilDate {
        // `YYYY-MM-DD` in ASCII digits, read from its bytes: what `CivilDate(raw)` reads it as, and then written the same.
        if let form = raw.utf8.withContiguousStorageIfAvailable(Self.isoDate), let day = form {
            guard let day else { throw Store.Failure.corruptRow(table: table, row: row, column: column, value: raw) }
            return day
        }
        guard let d = CivilDate(raw), d.description == raw else {
            throw Store.Failure.corruptRow(table: table, row: row, column: column, value: raw)
        }
        return d
    }

    /// The day of ten bytes `YYYY-MM-DD` (ASCII digits), nil for one that does not exist (2025-02-30); nil (not a
    /// day) for bytes of any other form, which the caller reads the slow way.
    private static func isoDate(_ b: UnsafeBufferPointer<UInt8>) -> CivilDate?? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return .none }
        func number(_ range: Range<Int>) -> Int? {
            var n = 0
            for i in range {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b[i]) else { return nil }
                n = n * 10 + Int(b[i] - UInt8(ascii: "0"))
            }
            return n
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return .none }
        return .some(CivilDate(year: year, month: month, day: day))
    }

    func date(_ raw: String?, _ column: String) throws -> CivilDate? {
        guard let raw else { return nil }
        return try date(raw, column) as CivilDate
    }

    /// A text column's value (not `NULL`, not a number).
    func text(_ v: DatabaseValue, _ column: String) throws -> String {
        guard let s = String.fromDatabaseValue(v) else {
            throw Store.Failure.corruptRow(table: table, row: row, column: column, value: v.isNull ? "NULL" : "\(v)")
        }
        return s
    }

    /// A text column's value, nil for `NULL`.
    func optionalText(_ v: DatabaseValue, _ column: String) throws -> String? {
        v.isNull ? nil : try text(v, column)
    }
}
