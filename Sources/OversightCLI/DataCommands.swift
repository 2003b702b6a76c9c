import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightStore
import OversightWorkbench
import TerminalKit

/// `oversight import FILE`: matters with their histories from the case system or a department's ledger, all or
/// nothing, through the one write path (`Store.importMatters`).
struct ImportCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import matters from CSV or JSON (administrators only): all or nothing.",
        discussion: """
            CSV as `export --format csv` writes it, or a ledger with at least the columns 类型 (kind), 标题 (title), \
            发起单位 (from), 接收单位 (to) and 创建日期 (createdOn); values as codes or Chinese or English words, \
            organisations by id, name or short name; UTF-8 with or without BOM, or GBK/GB18030. JSON as \
            `export --format json` writes it. Every row is checked, then all are written in one transaction; any \
            problem refuses the whole file (exit 2) and lists the first 20 as FILE:LINE (checking stops there). A \
            matter already in the database (same document number) is left alone, or takes the further steps the \
            file has. A file over 64 MB is refused unread (split it); JSON nested deeper than 8 levels is refused.
            """)

    @OptionGroup var globals: GlobalOptions
    @Argument(help: ArgumentHelp("The file to import.", valueName: "FILE")) var file: String
    @Option(name: .long, help: ArgumentHelp("csv or json (default: from the file's name, else its first character).", valueName: "FORMAT"))
    var format: String?
    @Flag(name: .long, help: "Check everything and say what would be imported; write nothing.") var dryRun = false

    /// Files above this size are refused from their size alone, before a byte is read: 64 MiB, three times the
    /// 100,000-row ledger of BENCHMARKS.md (20 MB) and more than a county's case system holds in a decade, while
    /// reading one (the text, its matters and their checks at once) stays well under 300 MB of memory.
    static let sizeLimit = 64 * 1024 * 1024

    func run() throws {
        let words = try globals.presenter()
        let name = (file as NSString).lastPathComponent
        // The file's bytes live only inside `source`; what outlives it is the text, read again by each pass.
        let (source, encoding) = try Self.source(file, format: format, words: words, dryRun: dryRun)
        let session = try globals.session(writing: !dryRun)
        guard session.viewer.party == .admin else {
            throw RefusedError(words.strings("cli.import.admin-only"))
        }
        let bar = ProgressBar(label: words.strings(dryRun ? "cli.import.checking" : "cli.import.importing"))
        let result: ImportResult
        do {
            result = try session.store.importMatters(
                from: source, source: name, by: session.viewer, context: session.context, dryRun: dryRun,
                words: try globals.exchangeWords(), progress: bar?.show)
        } catch let refused as ImportRefused {
            bar?.end()
            throw Self.refusal(refused, file: file, words: words, dryRun: dryRun)
        }
        bar?.end()
        let s = words.strings
        let read = encoding == .gb18030 ? s("cli.import.gb18030") : ""
        let counts = s("cli.import.counts", [
            "created": result.created, "extended": result.extended, "unchanged": result.unchanged, "events": result.events])
        print(s(dryRun ? "cli.import.would" : "cli.import.done", ["file": safe(name), "read": read, "counts": counts]))
    }

    /// The matters of the file at `path` as an import reads them: the bytes are dropped once decoded; a CSV
    /// table's text is read record by record on each pass, a JSON file's matters are decoded once.
    static func source(_ path: String, format: String?, words: Presenter, dryRun: Bool) throws
        -> (source: ImportSource, encoding: ExchangeDecoding.Encoding) {
        let decoded: (text: String, encoding: ExchangeDecoding.Encoding)
        do {
            decoded = try ExchangeDecoding.text(of: try read(path, words: words))
        } catch let error as ExchangeDecoding.Failure {
            throw refusal(ImportRefused(problems: [ImportProblem(line: line(of: error), .encoding(error))], total: 1),
                          file: path, words: words, dryRun: dryRun)
        }
        guard try isJSON(format, file: path, text: decoded.text, words: words) else { return (ExchangeCSV.source(decoded.text), decoded.encoding) }
        let (items, unread) = ExchangeJSON.items(decoded.text)
        return (ImportSource(items, refused: unread), decoded.encoding)
    }

    static func read(_ path: String, words: Presenter) throws -> Data {
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw UsageError(words.strings("cli.import.no-file", ["path": safe(path)]))
        }
        guard attributes[.type] as? FileAttributeType == .typeRegular else { throw UsageError(words.strings("cli.import.not-a-file", ["path": safe(path)])) }
        if let size = (attributes[.size] as? NSNumber)?.int64Value, size > sizeLimit {
            throw UsageError(words.strings("import.too-large", [
                "file": safe(path), "size": megabytes(size), "bytes": size, "limit": sizeLimit / 1_048_576,
            ]))
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw UsageError(words.strings("cli.import.cannot-read", ["path": safe(path)])) }
        return data
    }

    /// `64.1`: a size in MiB with one decimal, rounded up (a file just over the limit never reads as the limit).
    static func megabytes(_ bytes: Int64) -> String {
        let tenths = (bytes * 10 + 1_048_575) / 1_048_576
        return "\(tenths / 10).\(tenths % 10)"
    }

    static func isJSON(_ format: String?, file: String, text: String, words: Presenter) throws -> Bool {
        switch format?.lowercased() {
        case "json": return true
        case "csv": return false
        case nil:
            let ext = (file as NSString).pathExtension.lowercased()
            if ext == "json" { return true }
            if ext == "csv" { return false }
            let first = text.unicodeScalars.first { !$0.properties.isWhitespace }
            return first == "[" || first == "{"
        case let other?: throw UsageError(words.strings("cli.import.bad-format", ["x": safe(other)]))
        }
    }

    static func line(of failure: ExchangeDecoding.Failure) -> Int {
        switch failure {
        case .notText(let line, _), .invalidUTF8(let line, _): return line
        }
    }

    /// The problems as FILE:LINE: FIELD: why, then what was done (nothing): bad input, exit 2.
    static func refusal(_ refused: ImportRefused, file: String, words: Presenter, dryRun: Bool) -> UsageError {
        var lines = refused.problems.map { p in
            "\(safe(file)):\(p.line): " + (p.field.map { "\(safe(header($0))): " } ?? "") + safe(reason(p.reason, words))
        }
        if refused.stopped {
            lines.append(words.strings("import.stopped", ["n": refused.problems.count]))
        } else if refused.total > refused.problems.count {
            lines.append(words.strings("cli.import.more", ["n": refused.total - refused.problems.count]))
        }
        lines.append(words.strings(dryRun ? "cli.import.would-refuse" : "cli.import.refused"))
        return UsageError(lines.joined(separator: "\n"))
    }

    /// A CSV column's header beside its field name (`送达日期 (servedOn)`); a JSON path as it is.
    static func header(_ field: String) -> String {
        guard let c = ExchangeCSV.columns.first(where: { $0.field == field }) else { return field }
        return "\(c.zh) (\(c.field))"
    }

    static func reason(_ r: ImportProblem.Reason, _ words: Presenter) -> String {
        let s = words.strings
        switch r {
        case .syntax(.unclosedQuote): return s("cli.import.why.unclosed-quote")
        case .syntax(.textAfterQuote): return s("cli.import.why.text-after-quote")
        case .json(let why): return why
        case .tooDeep(let limit): return s("import.too-deep", ["n": limit])
        case .encoding(.invalidUTF8(_, let offset)): return s("cli.import.why.invalid-utf8", ["n": offset])
        case .encoding(.notText(_, let offset)): return s("cli.import.why.not-text", ["n": offset])
        case .fieldCount(let expected, let found): return s("cli.import.why.field-count", ["expected": expected, "found": found])
        case .unknownColumn(let c): return s("cli.import.why.unknown-column", ["c": c])
        case .missingColumn(let c): return s("cli.import.why.missing-column", ["c": c])
        case .required: return s("cli.import.why.required")
        case .badValue(let v, let expected): return s("cli.import.why.bad-value", ["v": v, "expected": expected])
        case .notOneOf(let v, let accepted):
            return s("cli.import.why.bad-value-one-of", ["v": v, "expected": accepted.joined(separator: s("list.separator"))])
        case .badForm(let v, let form): return s("cli.import.why.bad-value", ["v": v, "expected": s("cli.import.expected.\(form.rawValue)")])
        case .unknownOrganisation(let o): return s("cli.import.why.unknown-organisation", ["o": o])
        case .duplicate(let n, let first): return s("cli.import.why.duplicate", ["n": n, "first": first])
        case .needsHistory(let what): return s("cli.import.why.needs-history", ["what": what])
        case .refused(let event, let action, let on, let refusal):
            return s("cli.import.why.refused", ["event": event, "action": action, "on": on, "why": words.reason(refusal)])
        case .noParty(let event, let action): return s("cli.import.why.no-party", ["event": event, "action": action])
        case .disagrees(let file, let history):
            return s("cli.import.why.disagrees", ["file": file, "history": history.isEmpty ? s("cli.import.why.nothing") : history])
        case .storedDiffers(let n, let event): return s("cli.import.why.stored-differs", ["n": n, "event": event])
        }
    }
}

/// A progress bar on standard error when it is a terminal (nothing when piped or redirected).
final class ProgressBar {
    private let label: String
    private var shown = -1

    init?(label: String) {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        self.label = label
    }

    func show(_ done: Int, _ total: Int) {
        let percent = total == 0 ? 100 : done * 100 / total
        guard percent != shown else { return }
        shown = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% \(done)/\(total)".utf8))
    }

    func end() {
        if shown >= 0 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// `oversight export`: what the user may see (an administrator: everything), as CSV, JSON or iCalendar.
struct ExportCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export matters as CSV (WPS, Excel), JSON (scripts, import) or ICS (calendars).",
        discussion: """
            A party's user exports what they may see, in the order of `matter list --all`; an administrator the whole \
            database, by id. CSV: UTF-8 with BOM, CRLF, \
            every field quoted, values in the interface language's words (--lang), a cell that would run as a formula \
            behind an apostrophe, the history as JSON in the last column. ICS: one all-day event per pending deadline and scheduled meeting, with a reminder the alert \
            window before. `import` reads back CSV and JSON.
            """)

    @OptionGroup var globals: GlobalOptions
    @Option(name: .long, help: ArgumentHelp("csv (default), json or ics.", valueName: "FORMAT")) var format: String = "csv"
    @Option(name: .long, help: ArgumentHelp("Write to this file (replaced whole) instead of standard output.", valueName: "FILE"))
    var out: String?
    @Option(name: .long, help: ArgumentHelp("Only matters the inbox filter would show for these words (kind, state, domain, 逾期, text …).", valueName: "WORDS"))
    var filter: String?
    @Flag(name: .long, help: "Only open matters (not closed or withdrawn).") var open = false
    @Option(name: .long, help: ArgumentHelp("Only matters started on or after this day.", valueName: "DATE")) var since: String?
    @Option(name: .long, help: ArgumentHelp("Only matters started on or before this day.", valueName: "DATE")) var until: String?

    func run() throws {
        let presenter = try globals.presenter(), s = presenter.strings
        guard ["csv", "json", "ics"].contains(format) else { throw UsageError(s("cli.export.bad-format", ["x": safe(format)])) }
        let from = try since.map { try day($0, "--since", s) }, to = try until.map { try day($0, "--until", s) }
        if let from, let to, from > to { throw UsageError(s("cli.export.since-after-until", ["from": from, "to": to])) }
        let session = try globals.session()
        let today = session.context.today
        // The inbox's own read: the same access, compiled filter and order as `matter list` and the workbench.
        let query = InboxQuery(
            scope: open ? .open : .all,
            filter: InboxFilter(filter ?? "", today: today, window: session.window, words: try session.vocabulary()))
        // Written as it is read, a page of matters at a time: an export never holds the whole set with its histories.
        let sink: ExportSink
        do { sink = try ExportSink(out) } catch { throw UsageError(writeProblem(out ?? "-", error, s)) }
        var count = 0
        do {
            switch format {
            case "json":
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                // The file's frame as `json(ExchangeFile)` writes it, each matter indented in its array.
                try sink.write("{\n  \"exportedOn\" : \"\(today)\",\n  \"format\" : \"\(ExchangeFile.formatName)\",\n  \"matters\" : [\n")
                try session.store.exchange(for: session.viewer, query, createdFrom: from, through: to) { page in
                    for item in page {
                        let text = JSONText.escapeInvisibles(String(decoding: try encoder.encode(
                            ExchangeMatter(item.matter, session: session, events: item.events)), as: UTF8.self))
                        try sink.write((count == 0 ? "" : ",\n") + text.split(separator: "\n", omittingEmptySubsequences: false)
                            .map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n"))
                        count += 1
                    }
                }
                try sink.write("\n  ],\n  \"version\" : 1\n}\n")
            case "ics":
                var matters: [Matter] = []
                try session.store.exchange(for: session.viewer, query, createdFrom: from, through: to) { matters += $0.map(\.matter) }
                count = matters.count
                let strings = s
                try sink.write(ExchangeICS.text(
                    matters, organisations: session.organisations, today: today, window: session.window,
                    words: .init(calendar: strings("export.ics.calendar"), due: strings("export.ics.due"), scheduled: strings("export.ics.scheduled"),
                                 reminder: strings("export.ics.reminder"), values: try globals.exchangeWords())))
            default:
                let words = try globals.exchangeWords()
                try sink.write(ExchangeCSV.header(try globals.language() == .zh ? .zh : .en))
                try session.store.exchange(for: session.viewer, query, createdFrom: from, through: to) { page in
                    var bytes: [UInt8] = []
                    for item in page {
                        ExchangeCSV.row(ExchangeMatter(item.matter, session: session, events: item.events),
                                        organisations: session.organisations, words: words, into: &bytes)
                    }
                    count += page.count
                    try sink.write(bytes)
                }
            }
            try sink.finish()
        } catch let e as ExportSink.Failure {
            sink.abandon()
            throw UsageError(writeProblem(out ?? "-", e.underlying, s))
        } catch {
            sink.abandon()
            throw error
        }
        if let out { warn(s("cli.export.done", ["n": count, "path": safe(out)])) }
    }

    private func day(_ text: String, _ option: String, _ s: Strings) throws -> CivilDate {
        guard let d = CivilDate(text) else { throw UsageError(s("cli.bad-date", ["option": option, "x": safe(text)])) }
        return d
    }
}

extension GlobalOptions {
    /// The words of an exchange file's values in the interface language: what `export` writes in a CSV table and
    /// ICS, and what `import` names when it refuses a value (it reads codes and both languages' words).
    func exchangeWords() throws -> ExchangeWords {
        let language = try language()
        return ExchangeWords(vocabulary: try OversightResources.vocabulary(), language: language,
                             yes: try presenter().strings("export.overdue"))
    }
}

/// Why a file could not be written, as a person reads it, with its path: never the system's own wording.
/// Where an export writes as it reads: standard output, or a file made beside FILE that takes its place only once
/// written whole (as `Data.write(options: .atomic)` did), so a failed export leaves FILE as it was.
final class ExportSink {
    struct Failure: Error { var underlying: Error }

    private let handle: FileHandle
    private let partial: String?
    private let target: String?
    private var buffer = Data()

    init(_ out: String?) throws {
        guard let out else {
            handle = FileHandle.standardOutput
            partial = nil
            target = nil
            return
        }
        let url = URL(fileURLWithPath: out)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).partial").path
        let fd = open(temp, O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0o644)
        // Said as the folder's problem: missing, not writable, read-only, full (`writeProblem` reads the errno).
        guard fd >= 0 else { throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno)) }
        handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        partial = temp
        target = out
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    func write(_ bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    private func flush() throws {
        do { try handle.write(contentsOf: buffer) } catch { throw Failure(underlying: error) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and, for a file, puts it in FILE's place.
    func finish() throws {
        try flush()
        guard let partial, let target else { return }
        do {
            try handle.synchronize()
            try handle.close()
        } catch { throw Failure(underlying: error) }
        guard rename(partial, target) == 0 else {
            throw Failure(underlying: NSError(domain: NSPOSIXErrorDomain, code: Int(errno)))
        }
    }

    /// After a failure: the partial file is removed; FILE is untouched.
    func abandon() {
        guard let partial else { return }
        try? handle.close()
        unlink(partial)
    }
}

func writeProblem(_ path: String, _ error: Error, _ s: Strings) -> String {
    var code = (error as NSError).code
    if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        code = underlying.code
    } else if (error as NSError).domain == NSCocoaErrorDomain {
        switch code {
        case NSFileWriteOutOfSpaceError: code = Int(ENOSPC)
        case NSFileWriteNoPermissionError: code = Int(EACCES)
        case NSFileWriteVolumeReadOnlyError: code = Int(EROFS)
        case NSFileNoSuchFileError: code = Int(ENOENT)
        default: break
        }
    }
    let key: String
    switch Int32(truncatingIfNeeded: code) {
    case ENOSPC, EDQUOT: key = "cli.write.disk-full"
    case EACCES, EPERM: key = "cli.write.denied"
    case EROFS: key = "cli.write.read-only"
    case ENOENT, ENOTDIR: key = "cli.write.no-folder"
    default: key = "cli.write.failed"
    }
    return s(key, ["path": safe(path)])
}
