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
        var s = table[key] ?? key
        for (name, value) in values {
            s = s.replacingOccurrences(of: "{\(name)}", with: value.description)
        }
        return s
    }

    /// The first key of `keys` that the table has (for kind-specific overrides).
    public func first(_ keys: String...) -> String {
        for k in keys { if let s = table[k] { return s } }
        return keys.last ?? ""
    }

    public var keys: Set<String> { Set(table.keys) }
}
