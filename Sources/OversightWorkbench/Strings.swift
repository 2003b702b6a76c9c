import Foundation
import OversightDomain

/// Every interface string, looked up by key from the language's table (Resources/i18n).
public struct Strings: Sendable {
    public let language: Language
    private let table: [String: String]

    public init(language: Language, table: [String: String]) {
        self.language = language
        self.table = table
    }

    /// Parses a table file (a JSON object of key → string).
    public init(language: Language, json: Data) throws {
        self.init(language: language, table: try JSONDecoder().decode([String: String].self, from: json))
    }

    /// The string for `key` with `{name}` placeholders filled; a missing key shows as itself,
    /// so a gap is visible rather than blank.
    public func callAsFunction(_ key: String, _ values: [String: CustomStringConvertible] = [:]) -> String {
        Self.fill(table[key] ?? key, values)
    }

    /// `text` with each `{name}` given in `values` replaced (the letters' templates are filled so too).
    public static func fill(_ s: String, _ values: [String: CustomStringConvertible]) -> String {
        guard !values.isEmpty else { return s }
        // One pass over the text (this runs for every label of every frame): each `{name}` given is replaced, any
        // other brace is kept as it is, and a value's own text is never scanned again.
        var out = ""
        var rest = s[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            if let value = values[String(rest[rest.index(after: open)..<close])] {
                out += value.description
            } else {
                out += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The first key of `keys` that the table has (for kind-specific overrides).
    public func first(_ keys: String...) -> String {
        for k in keys { if let s = table[k] { return s } }
        return keys.last ?? ""
    }

    /// The first of `keys` the table has, else `fallback`.
    public func first(_ keys: [String], _ fallback: String) -> String {
        for k in keys { if let s = table[k] { return s } }
        return fallback
    }

    public var keys: Set<String> { Set(table.keys) }
}
