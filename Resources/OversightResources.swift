import Foundation
import OversightDomain

/// The data files shipped with Oversight: interface strings, the demo data set, holiday calendars and the
/// rule book, found in one data folder (holding `i18n`, `demo`, `holidays`, `rules`) by a documented rule
/// that never crashes (`dataFolder`). SwiftPM's `Bundle.module` is not used: it stops the process when the
/// build folder is gone.
public enum OversightResources {
    public enum Failure: Error, CustomStringConvertible, Sendable {
        /// No data folder was found; the places looked in, in order.
        case noDataFolder(looked: [String])
        /// The data folder was found, but this file is not in it.
        case missing(String)

        public var description: String {
            switch self {
            case .noDataFolder(let looked):
                return "cannot find Oversight's data folder (i18n, demo, holidays, rules, letters); looked in "
                    + looked.joined(separator: ", ")
                    + ": reinstall with scripts/install PREFIX, or set OVERSIGHT_DATA to the folder"
            case .missing(let path):
                return "the data file \(path) is missing: reinstall with scripts/install PREFIX, or set OVERSIGHT_DATA to a complete data folder"
            }
        }
    }

    /// The SwiftPM resource folder's name in a build (`<package>_<target>.resources` on Linux, `.bundle` on macOS).
    static let buildFolderName = "Oversight_OversightResources"

    /// The data folder, looked up once. The rule, first match wins:
    /// 1. `$OVERSIGHT_DATA`, when set (then the only place looked);
    /// 2. `<the executable's real folder>/../share/oversight` (what `scripts/install PREFIX` makes);
    /// 3. the SwiftPM resource folder beside the executable (`swift build`, `swift run`, `swift test`).
    /// A folder counts when it holds `rules/periods.json`.
    public static func dataFolder() throws -> URL { try found.get() }

    private static let found: Result<URL, Failure> = {
        let candidates = candidateFolders(
            environment: ProcessInfo.processInfo.environment["OVERSIGHT_DATA"], executable: executablePath())
        for folder in candidates where FileManager.default.fileExists(atPath: folder + "/rules/periods.json") {
            return .success(URL(fileURLWithPath: folder, isDirectory: true))
        }
        return .failure(.noDataFolder(looked: candidates))
    }()

    /// The folders the lookup tries, in order (see `dataFolder`).
    static func candidateFolders(environment: String?, executable: String?) -> [String] {
        if let environment, !environment.isEmpty { return [environment] }
        guard let executable else { return [] }
        let bin = (executable as NSString).deletingLastPathComponent
        let prefix = (bin as NSString).deletingLastPathComponent
        #if os(macOS)
        let build = buildFolderName + ".bundle"
        #else
        let build = buildFolderName + ".resources"
        #endif
        return [(prefix as NSString).appendingPathComponent("share/oversight"), (bin as NSString).appendingPathComponent(build)]
    }

    /// The running program's file with every symbolic link resolved, if the system says.
    public static func executablePath() -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if n > 0 { return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        #endif
        return Bundle.main.executableURL?.resolvingSymlinksInPath().path
    }

    /// The bytes of `folder/name`.
    public static func data(_ folder: String, _ name: String) throws -> Data {
        let url = try dataFolder().appendingPathComponent(folder).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Failure.missing(url.path)
        }
        return data
    }

    /// Every file in `folder` with the given extension, sorted by name (none if the data folder is missing).
    public static func files(_ folder: String, ext: String) -> [URL] { (try? listing(folder, ext: ext)) ?? [] }

    static func listing(_ folder: String, ext: String) throws -> [URL] {
        let dir = try dataFolder().appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw Failure.missing(dir.path)
        }
        return names.filter { $0.hasSuffix("." + ext) }.sorted().map { dir.appendingPathComponent($0) }
    }

    /// The holiday calendars shipped, one file a year.
    public static func holidayCalendar() throws -> HolidayCalendar {
        HolidayCalendar(years: try listing("holidays", ext: "json").map { url in
            guard let data = FileManager.default.contents(atPath: url.path) else { throw Failure.missing(url.path) }
            return try HolidayCalendar.parseYear(data)
        })
    }

    /// The rule book: counting rules and clock rules with their legal sources.
    public static func ruleBook() throws -> RuleBook {
        try RuleBook.parse(try data("rules", "periods.json"))
    }

    /// The legal clock with the shipped calendars, the rule book and the standard settings.
    public static func clock() throws -> PeriodCalculator {
        PeriodCalculator(calendar: try holidayCalendar(), settings: ClockSettings(rules: try ruleBook()))
    }

    /// The vocabulary of both languages' string tables (`i18n/zh.json`, `i18n/en.json`): every domain value read from
    /// its code or either language's word, and written in a language's word.
    public static func vocabulary(organisations: [Organisation] = []) throws -> Vocabulary {
        Vocabulary(tables: try stringTables.get(), organisations: organisations)
    }

    /// Both languages' string tables, read once a process: the vocabulary and the rules' names are made from them
    /// (a session's start read and decoded each file four times).
    private static let stringTables = Result { () throws -> [Language: [String: String]] in
        var tables: [Language: [String: String]] = [:]
        for language in Language.allCases {
            tables[language] = try JSONDecoder().decode([String: String].self, from: try data("i18n", "\(language.rawValue).json"))
        }
        return tables
    }

    /// The county's rules by the names a person may type for them: `rule.KEY` in either language's table
    /// (移送处理反馈期限, "transfer feedback period"), for the workbench's `:rules propose|agree KEY`.
    public static func ruleNames() throws -> [String: CountyRuleKey] {
        var names: [String: CountyRuleKey] = [:]
        for table in try stringTables.get().values {
            for key in CountyRuleKey.allCases { if let name = table["rule.\(key.rawValue)"] { names[name] = key } }
        }
        return names
    }
}
