/// The store's SQL, written in SQLite's dialect, as PostgreSQL reads it (issue 23): one pass over the statement's
/// tokens, leaving string literals, quoted names and comments as they are.
///
/// - `?` becomes `$1`, `$2`… in order; `:name` the same `$k` each time the name recurs (`names` gives their order).
/// - `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`; `INSERT OR REPLACE INTO t (c…)` an upsert on
///   `t`'s key (`keys`); an insert into a table whose key the database gives (`rowIDTables`) returns it.
/// - SQLite's functions PostgreSQL names otherwise: `ifnull` → `coalesce`, `instr` → `strpos`, `max`/`min` of
///   several values → `greatest`/`least`, `group_concat` → `string_agg`; `LIKE` → `ILIKE` (SQLite's LIKE ignores the
///   case of ASCII letters, PostgreSQL's does not).
public struct PostgresDialect: Sendable {
    /// Each table's key columns, for an upsert's conflict target.
    public var keys: [String: [String]]
    /// Tables whose `id` the database gives on insert (`INTEGER PRIMARY KEY` in SQLite).
    public var rowIDTables: Set<String>

    public init(keys: [String: [String]], rowIDTables: Set<String>) {
        self.keys = keys
        self.rowIDTables = rowIDTables
    }

    public struct Translated: Hashable, Sendable {
        public var sql: String
        /// For each `$k`, the index of the positional argument (`.position`) or the name (`.name`) it binds.
        public var parameters: [Parameter]
        /// Whether the statement returns the id it inserted (`RETURNING id`).
        public var returnsRowID: Bool
    }

    public enum Parameter: Hashable, Sendable {
        case position(Int)
        case name(String)
    }

    public enum Problem: Error, Hashable, Sendable, CustomStringConvertible {
        case unsupported(String)
        public var description: String {
            switch self {
            case .unsupported(let what): return "PostgreSQL has no \(what) (a statement written for SQLite only)"
            }
        }
    }

    enum Token: Hashable {
        case word(String)  // a name or keyword, as written
        case quoted(String)  // "name", with its quotes
        case literal(String)  // 'text', with its quotes
        case number(String)
        case parameter(String?)  // ? (nil) or :name
        case symbol(String)
        case space(String)  // white space and comments
    }

    public func translate(_ sql: String) throws(Problem) -> Translated {
        var tokens = Self.tokens(sql)
        var parameters: [Parameter] = []
        var positional = 0
        var named: [String: Int] = [:]
        var returnsRowID = false
        var suffix = ""

        let significant = { (tokens: [Token]) in tokens.indices.filter { if case .space = tokens[$0] { false } else { true } } }
        func upper(_ t: Token) -> String? { if case .word(let w) = t { w.uppercased() } else { nil } }

        // INSERT OR IGNORE / OR REPLACE; the table an INSERT writes.
        let idx = significant(tokens)
        if idx.count >= 3, upper(tokens[idx[0]]) == "INSERT" {
            var tableAt: Int?
            if upper(tokens[idx[1]]) == "OR", let what = upper(tokens[idx[2]]), idx.count >= 5, upper(tokens[idx[3]]) == "INTO" {
                tableAt = idx[4]
                let table = Self.name(tokens[idx[4]])
                switch what {
                case "IGNORE": suffix = " ON CONFLICT DO NOTHING"
                case "REPLACE":
                    guard let key = keys[table], !key.isEmpty else { throw .unsupported("key for INSERT OR REPLACE INTO \(table)") }
                    let columns = Self.insertedColumns(tokens, after: idx[4]).filter { !key.contains($0) }
                    suffix = " ON CONFLICT (\(key.map(Self.quote).joined(separator: ", "))) "
                        + (columns.isEmpty ? "DO NOTHING" : "DO UPDATE SET " + columns.map { "\(Self.quote($0)) = EXCLUDED.\(Self.quote($0))" }.joined(separator: ", "))
                default: throw .unsupported("INSERT OR \(what)")
                }
                // "INSERT OR X INTO" → "INSERT INTO"
                for i in [idx[1], idx[2]] { tokens[i] = .space("") }
                tokens[idx[1] + 1 ..< idx[2]].indices.forEach { tokens[$0] = .space("") }
            } else if upper(tokens[idx[1]]) == "INTO" {
                tableAt = idx[2]
            }
            if let tableAt, rowIDTables.contains(Self.name(tokens[tableAt])),
               !tokens.contains(where: { upper($0) == "RETURNING" }), !tokens.contains(where: { upper($0) == "SELECT" }) {
                returnsRowID = true
            }
        }

        var out = ""
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            switch t {
            case .parameter(nil):
                parameters.append(.position(positional))
                positional += 1
                out += "$\(parameters.count)" + Self.typed(tokens, after: i)
            case .parameter(let name?):
                if let k = named[name] {
                    out += "$\(k)" + Self.typed(tokens, after: i)
                } else {
                    parameters.append(.name(name))
                    named[name] = parameters.count
                    out += "$\(parameters.count)" + Self.typed(tokens, after: i)
                }
            case .word(let w):
                let next = Self.nextSignificant(tokens, after: i)
                let isCall = next.map { tokens[$0] == .symbol("(") } ?? false
                switch w.uppercased() {
                case "IFNULL" where isCall: out += "coalesce"
                case "INSTR" where isCall: out += "strpos"
                case "GROUP_CONCAT" where isCall:
                    out += "string_agg"
                    // group_concat(x) joins with ","; string_agg needs its separator said. SQLite joins in the order it
                    // reads the rows (the store's reads follow an index of the joined value); string_agg is told so.
                    if let open = next, let close = Self.closing(tokens, open: open) {
                        let arguments = Self.arguments(tokens, open: open)
                        let first = arguments.first.map { tokens[$0].map(Self.text).joined() } ?? ""
                        tokens[close] = .symbol((arguments.count == 1 ? ", ','" : "") + " ORDER BY " + first + ")")
                    }
                case "CHAR" where isCall && Self.arguments(tokens, open: next!).count == 1: out += "chr"
                case "MAX" where isCall && Self.arguments(tokens, open: next!).count > 1: out += "greatest"
                case "MIN" where isCall && Self.arguments(tokens, open: next!).count > 1: out += "least"
                // SQLite's CROSS JOIN … ON fixes the order it joins in; PostgreSQL's is an inner join.
                case "CROSS" where next.map({ upper(tokens[$0]) == "JOIN" }) ?? false: out += "INNER"
                case "LIKE": out += "ILIKE"
                case "IS":
                    // SQLite's `a IS b` / `a IS NOT b` compare values NULL-safely: PostgreSQL's IS [NOT] DISTINCT FROM.
                    let plain: Set<String> = ["NULL", "TRUE", "FALSE", "DISTINCT"]
                    if let n = next, let word = upper(tokens[n]) {
                        if plain.contains(word) { out += w }
                        else if word == "NOT", let after = Self.nextSignificant(tokens, after: n), let then = upper(tokens[after]), plain.contains(then) { out += w }
                        else if word == "NOT" { out += "IS DISTINCT FROM"; tokens[n] = .space("") }
                        else { out += "IS NOT DISTINCT FROM" }
                    } else {
                        out += "IS NOT DISTINCT FROM"
                    }
                case "GLOB":
                    // A pattern given as a literal: SQLite's GLOB (case-sensitive, anchored) as a regular expression.
                    guard let n = next, case .literal(let pattern) = tokens[n] else { throw .unsupported("GLOB with a pattern that is not a literal") }
                    out += "~"
                    tokens[n] = .literal(Self.regex(glob: pattern))
                case "DATE" where isCall && Self.arguments(tokens, open: next!).count == 1:
                    // date(x) = x: a valid calendar date as written (the cast refuses one that is not).
                    if let close = Self.closing(tokens, open: next!) { tokens[close] = .symbol(")::date::text") }
                case "JSON_VALID" where isCall && Self.arguments(tokens, open: next!).count == 1:
                    if let close = Self.closing(tokens, open: next!) { tokens[close] = .symbol(")::json IS NOT NULL") }
                case "PRAGMA": throw .unsupported("PRAGMA")
                default: out += w
                }
            case .quoted(let s), .literal(let s), .number(let s), .symbol(let s), .space(let s):
                out += s
            }
            i += 1
        }
        var sqlOut = out.trimmingTrailingSpaceAndSemicolon()
        sqlOut += suffix
        if returnsRowID { sqlOut += " RETURNING id" }
        return Translated(sql: sqlOut, parameters: parameters, returnsRowID: returnsRowID)
    }

    // MARK: - Tokens

    static func tokens(_ sql: String) -> [Token] {
        let s = Array(sql.unicodeScalars)
        var tokens: [Token] = []
        var i = 0
        func take(while ok: (Unicode.Scalar) -> Bool) -> String {
            var text = String.UnicodeScalarView()
            while i < s.count, ok(s[i]) { text.append(s[i]); i += 1 }
            return String(text)
        }
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || c.properties.isAlphabetic }
        func isName(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) || c == "$" }
        while i < s.count {
            let c = s[i]
            if c == "'" || c == "\"" {
                // A literal or quoted name; a doubled quote inside stands for one.
                var text = String.UnicodeScalarView([c])
                i += 1
                while i < s.count {
                    text.append(s[i])
                    if s[i] == c {
                        if i + 1 < s.count, s[i + 1] == c { text.append(s[i + 1]); i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                tokens.append(c == "'" ? .literal(String(text)) : .quoted(String(text)))
            } else if c == "-", i + 1 < s.count, s[i + 1] == "-" {
                tokens.append(.space(take { $0 != "\n" }))
            } else if c == "/", i + 1 < s.count, s[i + 1] == "*" {
                var text = String.UnicodeScalarView()
                while i < s.count {
                    text.append(s[i])
                    if s[i] == "/", text.count > 2, text[text.index(text.endIndex, offsetBy: -2)] == "*" { i += 1; break }
                    i += 1
                }
                tokens.append(.space(String(text)))
            } else if c.properties.isWhitespace {
                tokens.append(.space(take { $0.properties.isWhitespace }))
            } else if c == "?" {
                i += 1
                tokens.append(.parameter(nil))
            } else if c == ":", i + 1 < s.count, isNameStart(s[i + 1]), !(tokens.last == .symbol(":")) {
                i += 1
                tokens.append(.parameter(take(while: isName)))
            } else if isNameStart(c) {
                tokens.append(.word(take(while: isName)))
            } else if ("0"..."9").contains(c) {
                tokens.append(.number(take { ("0"..."9").contains($0) || $0 == "." || $0 == "e" || $0 == "E" }))
            } else {
                i += 1
                tokens.append(.symbol(String(c)))
            }
        }
        return tokens
    }

    /// The statements of `sql` (separated by `;` outside literals, names and comments), each with the number of its `?`
    /// parameters: GRDB runs several statements of one text in turn, PostgreSQL's extended protocol one at a time.
    public static func statements(_ sql: String) -> [(sql: String, positional: Int)] {
        var out: [(String, Int)] = []
        var text = "", marks = 0, significant = false
        for t in tokens(sql) {
            if t == .symbol(";") {
                if significant { out.append((text, marks)) }
                text = ""; marks = 0; significant = false
                continue
            }
            if t == .parameter(nil) { marks += 1 }
            if case .space = t {} else { significant = true }
            text += Self.text(t)
        }
        if significant { out.append((text, marks)) }
        return out
    }

    /// SQLite's GLOB pattern (a quoted literal) as a quoted, anchored POSIX regular expression.
    static func regex(glob literal: String) -> String {
        let pattern = literal.dropFirst().dropLast().replacingOccurrences(of: "''", with: "'")
        var out = "^"
        var inClass = false
        for c in pattern {
            if inClass {
                out.append(c)
                if c == "]" { inClass = false }
                continue
            }
            switch c {
            case "*": out += ".*"
            case "?": out += "."
            case "[": out += "["; inClass = true
            case ".", "^", "$", "+", "(", ")", "{", "}", "|", "\\": out += "\\" + String(c)
            default: out.append(c)
            }
        }
        out += "$"
        return "'" + out.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// The CHECK constraints of SQLite's `CREATE TABLE` statement, each as PostgreSQL reads it.
    public func checks(ofTable sql: String) throws(Problem) -> [String] {
        let tokens = Self.tokens(sql)
        var found: [String] = []
        for (i, t) in tokens.enumerated() {
            guard case .word(let w) = t, w.uppercased() == "CHECK", let open = Self.nextSignificant(tokens, after: i),
                  tokens[open] == .symbol("("), let close = Self.closing(tokens, open: open) else { continue }
            found.append(try translate(tokens[open...close].map(Self.text).joined()).sql)
        }
        return found
    }

    /// A token as written.
    static func text(_ t: Token) -> String {
        switch t {
        case .word(let s), .quoted(let s), .literal(let s), .number(let s), .symbol(let s), .space(let s): return s
        case .parameter(nil): return "?"
        case .parameter(let n?): return ":" + n
        }
    }

    static func name(_ t: Token) -> String {
        switch t {
        case .word(let w): return w.lowercased()
        case .quoted(let q): return String(q.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        default: return ""
        }
    }

    static func quote(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A parameter asked only whether it is NULL (`? IS NULL`) has no type PostgreSQL can tell from its place: it is
    /// read as text (a NULL is a NULL whatever its type).
    static func typed(_ tokens: [Token], after i: Int) -> String {
        guard let n = nextSignificant(tokens, after: i), case .word(let w) = tokens[n], w.uppercased() == "IS" else { return "" }
        return "::text"
    }

    static func nextSignificant(_ tokens: [Token], after i: Int) -> Int? {
        var j = i + 1
        while j < tokens.count { if case .space = tokens[j] { j += 1 } else { return j } }
        return nil
    }

    /// The index of the `)` closing the `(` at `open`.
    static func closing(_ tokens: [Token], open: Int) -> Int? {
        var depth = 0
        for j in open..<tokens.count {
            if tokens[j] == .symbol("(") { depth += 1 }
            if tokens[j] == .symbol(")") { depth -= 1; if depth == 0 { return j } }
        }
        return nil
    }

    /// The top-level arguments of the call whose `(` is at `open` (each as its token range).
    static func arguments(_ tokens: [Token], open: Int) -> [Range<Int>] {
        guard let close = closing(tokens, open: open) else { return [] }
        var depth = 0, start = open + 1
        var result: [Range<Int>] = []
        for j in (open + 1)..<close {
            if tokens[j] == .symbol("(") { depth += 1 }
            if tokens[j] == .symbol(")") { depth -= 1 }
            if depth == 0, tokens[j] == .symbol(",") { result.append(start..<j); start = j + 1 }
        }
        if start < close || !result.isEmpty { result.append(start..<close) }
        return result
    }

    /// The column names of `INSERT INTO t (a, b)` after the table's token.
    static func insertedColumns(_ tokens: [Token], after table: Int) -> [String] {
        guard let open = nextSignificant(tokens, after: table), tokens[open] == .symbol("(") else { return [] }
        return arguments(tokens, open: open).compactMap { range in
            range.first { if case .space = tokens[$0] { false } else { true } }.map { name(tokens[$0]) }
        }
    }
}

extension String {
    func trimmingTrailingSpaceAndSemicolon() -> String {
        var s = Substring(self)
        while let last = s.last, last.isWhitespace || last == ";" { s = s.dropLast() }
        return String(s)
    }
}
