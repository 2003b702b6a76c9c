import Foundation
import OversightStore
import TerminalKit

/// Text that came from users or imports, made safe for a terminal.
func safe(_ text: String) -> String { Sanitizer.shown(text) }

/// Writes a message to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Rows as an aligned table (widths in display cells, so Chinese lines up). Every cell is
/// sanitized once, then measured and printed as that same string.
func table(_ header: [String], _ rows: [[String]]) -> String {
    let widths = columnWidths(header, rows)
    return ([header] + rows).map { aligned($0, widths: widths) }.joined(separator: "\n")
}

/// The display width of each column of `header` and `rows` (cells as `table` shows them, made safe).
func columnWidths(_ header: [String], _ rows: [[String]]) -> [Int] {
    header.indices.map { i in ([header] + rows).map { DisplayWidth.of(safe($0[i])) }.max() ?? 0 }
}

/// One row of a table: its cells made safe, each but the last padded to its column's width, two spaces apart.
func aligned(_ row: [String], widths: [Int]) -> String {
    row.map(safe).enumerated().map { i, cell in i == row.count - 1 ? cell : DisplayWidth.pad(cell, columns: widths[i]) }
        .joined(separator: "  ")
}

/// `value` as pretty, stable JSON, the one encoding of every command's `--json`: keys sorted,
/// slashes and Chinese kept as they are, every control and invisible format character escaped
/// (`JSONText.escapeInvisibles`), so what a terminal shows is what a script parses.
func json<T: Encodable>(_ value: T) throws -> String {
    let e = JSONEncoder()
    e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return JSONText.escapeInvisibles(String(decoding: try e.encode(value), as: UTF8.self))
}

/// Prints `items` as JSON for scripts, or as an aligned table for people.
func emit<T: Encodable>(_ items: [T], json asJSON: Bool, header: [String], row: (T) -> [String]) throws {
    print(asJSON ? try json(items) : table(header, items.map(row)))
}

/// Rows as CSV for spreadsheets, written as `export` writes its table (`CSVText`): a UTF-8 byte-order mark
/// first (so a spreadsheet reads the Chinese as UTF-8), every field quoted and neutralised (a quote inside
/// doubled, a formula character behind an apostrophe, invisible characters shown as `<U+202E>`), each line
/// ended by CRLF (RFC 4180).
func csv(_ header: [String], _ rows: [[String]]) -> String {
    CSVText.byteOrderMark + ([header] + rows).map { CSVText.record($0.map { CSVText.field($0) }) }.joined()
}
