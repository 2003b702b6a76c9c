import CursesBackend
import Foundation
import OversightDomain
import OversightResources
import OversightRuntime
import OversightScreens
import OversightStore
import OversightWorkbench
import TerminalKit

/// Opens the interactive workbench on a terminal.
enum Workbench {
    static func open(store: Store, viewer: Viewer, globals: GlobalOptions, idleTimeout: Duration? = nil) throws {
        let today = try globals.todayDate()
        let language = try globals.language()
        let strings = try Catalog.strings(language)
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UsageError(strings("cli.workbench.needs-terminal"))
        }
        let known = try store.organisations(for: viewer)
        let organisations = Dictionary(uniqueKeysWithValues: known.map { ($0.id, $0.name) })
        // The shipped calendars and rule book, under the notices and rules the database holds (re-read when they change).
        let base = try OversightResources.clock()
        var state = AppState(viewer: viewer, today: today, organisations: organisations, clock: try store.clock(base: base, county: viewer.org.county))
        state.words = try OversightResources.vocabulary(organisations: known)
        state.ruleNames = try OversightResources.ruleNames()

        // The person's own keys (binds.conf): a line that cannot be used is named, and the rest applies.
        let (keymap, keyProblems, _) = try UserKeys.load(Presenter(strings: strings))
        for p in keyProblems { warn("oversight: " + p) }

        let signals = SignalWatch()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal.open()
        } catch let e as CursesError {
            throw UsageError(Self.words(e, strings))
        }
        defer { terminal.close() }
        state.readOnly = store.isReadOnly
        state.sshAddress = sshAddress
        if !terminal.isUTF8 {
            // Written in ASCII in both languages: it must be readable on the terminal it is about.
            state.notice = strings("notice.not-utf8")
        }
        if state.notice == nil, let first = keyProblems.first {
            state.notice = keyProblems.count > 1 ? first + " (+\(keyProblems.count - 1))" : first
        }
        let screen = Screen(presenter: Presenter(strings: strings), keymap: keymap, glyphs: terminal.isUTF8 && !asciiFrames ? .unicode : .ascii)
        let letters = EffectInterpreter.Letters(
            templates: Dictionary(uniqueKeysWithValues: try LetterKind.allCases.map { ($0, try Catalog.letter($0)) }))
        let runtime = Runtime(store: store, backend: terminal, screen: screen, state: state, base: base, keymap: keymap, idleTimeout: idleTimeout, letters: letters)
        let exit = try runtime.run(signals: signals)
        terminal.close()
        if exit == .idle, let idleTimeout {
            warn("oversight: " + strings("notice.idle", ["n": idleTimeout.components.seconds / 60]))
        }
    }

    /// Why the terminal could not be opened, in the interface language.
    static func words(_ e: CursesError, _ s: Strings) -> String {
        if s.language == .en { return e.description }
        switch e {
        case .notATerminal: return s("cli.workbench.not-a-terminal")
        case .unknownTerminal(let term?): return s("cli.workbench.unknown-terminal", ["term": safe(term)])
        case .unknownTerminal(nil): return s("cli.workbench.no-term")
        case .cannotAddressCursor(let term): return s("cli.workbench.cannot-address", ["term": safe(term ?? "")])
        }
    }

    /// `account@server-address` when the session came in over SSH (`SSH_CONNECTION`: client address and port,
    /// server address and port), for the command that fetches a letter: the address the person reached.
    static var sshAddress: String? {
        guard let connection = GlobalOptions.environment["SSH_CONNECTION"] else { return nil }
        let fields = connection.split(separator: " ")
        guard fields.count == 4, AuthorizedKeys.isPlain(String(fields[2])) else { return nil }
        return "\(GlobalOptions.loginName)@\(fields[2])"
    }

    /// OVERSIGHT_ASCII=1 draws frames in ASCII, for terminals that show ambiguous-width
    /// box-drawing characters two cells wide.
    static var asciiFrames: Bool {
        let v = ProcessInfo.processInfo.environment["OVERSIGHT_ASCII"] ?? ""
        return !v.isEmpty && v != "0"
    }
}

/// The shipped data files, parsed.
enum Catalog {
    static func strings(_ language: Language) throws -> Strings {
        try Strings(language: language, json: try OversightResources.data("i18n", "\(language.rawValue).json"))
    }

    /// The letter template `letters/NAME.txt`; one with an unknown placeholder is refused (exit 2).
    static func letter(_ kind: LetterKind) throws -> LetterTemplate {
        let text = String(decoding: try OversightResources.data("letters", "\(kind.rawValue).txt"), as: UTF8.self)
        do { return try LetterTemplate(kind, text: text) } catch { throw UsageError(error.description) }
    }

    /// The .docx template parts `letters/docx/*.xml` (`LetterDocument.partFiles`).
    static func letterParts() throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try LetterDocument.partFiles.map {
            ($0, String(decoding: try OversightResources.data("letters", "docx/\($0)"), as: UTF8.self))
        })
    }

}
