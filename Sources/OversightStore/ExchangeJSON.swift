import Foundation
import OversightDomain

/// Matters as JSON (`ExchangeFile`, or a bare array of `ExchangeMatter`), read with the line each matter starts on,
/// so that a problem names its place in the file.
public enum ExchangeJSON {
    /// The file `export --format json` writes: pretty, keys sorted, invisible characters escaped by the caller.
    public static func text(_ file: ExchangeFile) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(file), as: UTF8.self) + "\n"
    }

    /// The matters of `text`, each with its line, and the problems found (at most `limit`, file order), if any:
    /// a matter with a problem is left out of the items.
    public static func items(_ text: String, limit: Int = 20) -> (items: [ImportItem], refused: ImportRefused?) {
        let shape = scan(text)
        if let deep = shape.tooDeepAt {
            return ([], ImportRefused(problems: [ImportProblem(line: deep, .tooDeep(limit: depthLimit))], total: 1))
        }
        if let truncated = shape.truncatedAt {
            return ([], ImportRefused(problems: [ImportProblem(line: truncated, .json("the file ends inside the JSON (truncated?)"))], total: 1))
        }
        // The decoder reads the string's own bytes (no copy of a file of tens of megabytes).
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return items(Data(), shape, limit: limit) }
            return items(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none), shape, limit: limit)
        }
    }

    /// The deepest nesting of arrays and objects an import reads. The exchange schema needs five (the file's
    /// object, its `matters`, a matter, its `events`, an event); a few more leave room for other systems' extra
    /// fields. Deeper text is refused by `scan` before any parser sees it (a parser recursing thousands of
    /// levels deep may run out of stack, and calls the text "not valid JSON").
    public static let depthLimit = 8

    /// The line where `text` first nests deeper than `depthLimit`, if it does (a cheap scan of the bytes).
    public static func tooDeep(_ text: String) -> Int? { scan(text).tooDeepAt }

    private static func items(_ data: Data, _ shape: Shape, limit: Int) -> (items: [ImportItem], refused: ImportRefused?) {
        let decoded: [Lenient]
        do {
            if shape.bare {
                decoded = try JSONDecoder().decode([Lenient].self, from: data)
            } else {
                let file = try JSONDecoder().decode(LenientFile.self, from: data)
                guard file.format == nil || file.format == ExchangeFile.formatName else {
                    return ([], ImportRefused(problems: [ImportProblem(line: 1, field: "format", .badValue(file.format ?? "", expected: ExchangeFile.formatName))], total: 1))
                }
                decoded = file.matters
            }
        } catch {
            return ([], ImportRefused(problems: [ImportProblem(line: line(of: error, shape) ?? 1, field: field(of: error), .json(describe(error)))], total: 1))
        }
        var items: [ImportItem] = []
        var problems: [ImportProblem] = []
        var total = 0
        for (i, element) in decoded.enumerated() {
            let at = i < shape.elementLines.count ? shape.elementLines[i] : 1
            switch element.result {
            case .success(let m): items.append(ImportItem(line: at, matter: m))
            case .failure(let error):
                total += 1
                if problems.count < limit { problems.append(ImportProblem(line: at, field: field(of: error), .json(describe(error)))) }
            }
        }
        return (items, problems.isEmpty ? nil : ImportRefused(problems: problems, total: total))
    }

    /// A decoding error in a few words: what is missing or of the wrong type.
    public static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): return "missing field \(key.stringValue)"
        case DecodingError.typeMismatch(let type, _): return "not a \(name(type))"
        case DecodingError.valueNotFound(let type, _): return "null where a \(name(type)) is needed"
        case DecodingError.dataCorrupted(let c):
            if let underlying = c.underlyingError { return "not JSON: \(underlying.localizedDescription)" }
            return c.debugDescription
        default: return "\(error)"
        }
    }

    private static func name(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "string"
        case is Int.Type, is Int64.Type: return "number"
        case is Bool.Type: return "true or false"
        default: return type is any Collection.Type ? "list" : "object"
        }
    }

    /// The field a decoding error is about, as a path inside the matter (`events[2].on`).
    private static func field(of error: Error) -> String? {
        let path: [CodingKey]
        switch error {
        case DecodingError.keyNotFound(let key, let c): path = c.codingPath + [key]
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.dataCorrupted(let c):
            path = c.codingPath
        default: return nil
        }
        // Inside a matter: without the way to it (`matters`, its index).
        var steps = path[...]
        if steps.first?.stringValue == "matters" { steps = steps.dropFirst() }
        if steps.first?.intValue != nil { steps = steps.dropFirst() }
        guard !steps.isEmpty else { return nil }
        return steps.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined().trimmingCharacters(in: ["."])
    }

    private static func line(of error: Error, _ shape: Shape) -> Int? {
        let path: [CodingKey]
        switch error {
        case DecodingError.keyNotFound(_, let c), DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c),
             DecodingError.dataCorrupted(let c):
            path = c.codingPath
        default: return nil
        }
        let index = (shape.bare ? path.first : path.dropFirst().first)?.intValue
        return index.flatMap { $0 < shape.elementLines.count ? shape.elementLines[$0] : nil }
    }

    /// Where the matters start, and whether the text ends inside a value.
    struct Shape {
        var bare = false
        var elementLines: [Int] = []
        var truncatedAt: Int?
        /// The line where the text nests deeper than `depthLimit` (the scan stops there).
        var tooDeepAt: Int?
    }

    /// One pass over the bytes: depth, strings and escapes, the line of every object that is an element of the
    /// matters' array (depth 1 in a bare array, 2 in a file object).
    static func scan(_ text: String) -> Shape {
        var shape = Shape()
        var depth = 0, line = 1
        var inString = false, escaped = false, started = false
        for b in text.utf8 {
            if b == 0x0A { line += 1 }
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            switch b {
            case 0x22: inString = true
            case 0x5B, 0x7B:  // [ {
                if !started { started = true; shape.bare = b == 0x5B }
                if b == 0x7B, depth == (shape.bare ? 1 : 2) { shape.elementLines.append(line) }
                depth += 1
                if depth > depthLimit {
                    shape.tooDeepAt = line
                    return shape
                }
            case 0x5D, 0x7D: depth -= 1
            default: break
            }
        }
        if inString || depth > 0 { shape.truncatedAt = line }
        return shape
    }

    private struct Lenient: Decodable {
        var result: Result<ExchangeMatter, Error>
        init(from decoder: Decoder) throws { result = Result { try ExchangeMatter(from: decoder) } }
    }

    private struct LenientFile: Decodable {
        var format: String?
        var matters: [Lenient]
    }
}
