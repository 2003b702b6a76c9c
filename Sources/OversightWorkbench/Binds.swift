import OversightDomain
import TerminalKit

/// A person's own key bindings, as aerc writes them (`$XDG_CONFIG_HOME/oversight/binds.conf`):
///
///     # comments and blank lines are skipped
///     [inbox]
///     N = :note 已阅
///     R = :reply
///     d =
///     [form]
///     <C-s> = :submit
///
/// A section per `KeySection`; a key as the keymap names it (`x`, `N`, `<Enter>`, `<C-d>`, `<F2>`); after `=` a `:`
/// line, which must read as the `:` line reads it, or nothing: the key loses its binding in that section.
/// Reading is pure: the caller reads the file and says the problems.
public struct Binds: Hashable, Sendable {
    /// One binding read, in file order.
    public struct Line: Hashable, Sendable {
        public var section: KeySection
        public var key: String
        /// The `:` line without its colon (`note 已阅`); empty for `KEY =`, which unbinds the key.
        public var text: String
        public var line: Int
    }

    /// A line that was skipped, and why.
    public struct Problem: Hashable, Sendable {
        public enum Why: Hashable, Sendable {
            /// A binding before any `[section]`.
            case noSection
            case unknownSection(String)
            case unknownKey(String)
            /// Neither a section, a comment nor `KEY = :command`.
            case notABinding
            /// The text after `=` does not begin with `:`.
            case noColon
            /// The `:` line does not read (unknown command, bad option …).
            case badCommand(OptionError)
            /// Control or invisible characters (escape sequences, bidi overrides, zero-width …): never applied.
            case hostile
        }
        public var line: Int
        public var why: Why
    }

    public var lines: [Line] = []
    public var problems: [Problem] = []

    public init(lines: [Line] = [], problems: [Problem] = []) {
        self.lines = lines
        self.problems = problems
    }

    /// Reads a binds.conf text. `words`: the vocabulary a command may be written in (as on the `:` line).
    public static func parse(_ text: String, words: Vocabulary = .codes) -> Binds {
        var out = Binds()
        var section: KeySection?
        var sectionKnown = true
        let rows = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
        for (i, line) in rows.enumerated() {
            let number = i + 1
            // Whatever the screen would not show as itself (a control, a bidi or zero-width character, a lone
            // variation selector …) refuses the line: tabs aside, it must read as it is drawn. A key or a command
            // needs no variation selector, so none is taken, base or not.
            let plain = String(line).replacingOccurrences(of: "\t", with: " ")
            if Sanitizer.shown(plain) != plain || plain.unicodeScalars.contains(where: \.properties.isVariationSelector) {
                out.problems.append(Problem(line: number, why: .hostile))
                continue
            }
            let trimmed = line.trimmingBlanks
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("["), trimmed.hasSuffix("]") {
                let name = String(trimmed.dropFirst().dropLast()).trimmingBlanks
                section = KeySection(rawValue: name)
                sectionKnown = section != nil
                if section == nil { out.problems.append(Problem(line: number, why: .unknownSection(name))) }
                continue
            }
            // Under an unknown section: its header was named; its lines are skipped with it.
            guard sectionKnown else { continue }
            // The key is what comes before the first `=` (the key `=` itself is written `= = :help`).
            let key: String
            var value: String
            if trimmed.hasPrefix("=") {
                key = "="
                value = String(trimmed.dropFirst()).trimmingBlanks
                guard value.hasPrefix("=") else {
                    out.problems.append(Problem(line: number, why: .notABinding))
                    continue
                }
                value = String(value.dropFirst()).trimmingBlanks
            } else {
                guard let eq = trimmed.firstIndex(of: "=") else {
                    out.problems.append(Problem(line: number, why: .notABinding))
                    continue
                }
                key = String(trimmed[..<eq]).trimmingBlanks
                value = String(trimmed[trimmed.index(after: eq)...]).trimmingBlanks
            }
            guard let section else {
                out.problems.append(Problem(line: number, why: .noSection))
                continue
            }
            guard isKeyName(key) else {
                out.problems.append(Problem(line: number, why: .unknownKey(key)))
                continue
            }
            // `KEY =`: the key loses what it is bound to in this section.
            if value.isEmpty {
                out.lines.append(Line(section: section, key: key, text: "", line: number))
                continue
            }
            guard value.hasPrefix(":") else {
                out.problems.append(Problem(line: number, why: .noColon))
                continue
            }
            let command = String(value.dropFirst()).trimmingBlanks
            do { _ = try CommandText.parse(command, words: words) } catch {
                out.problems.append(Problem(line: number, why: .badCommand(error)))
                continue
            }
            out.lines.append(Line(section: section, key: key, text: command, line: number))
        }
        return out
    }

    /// The names keys have (`KeyEvent.name`): one visible character, or `<Enter>`, `<S-Tab>`, `<C-d>`, `<F2>` ….
    public static func isKeyName(_ key: String) -> Bool {
        if key.count == 1 {
            guard let c = key.first else { return false }
            return !c.isWhitespace && !c.unicodeScalars.contains { Sanitizer.line(String($0)).isEmpty }
        }
        guard key.hasPrefix("<"), key.hasSuffix(">") else { return false }
        let inner = key.dropFirst().dropLast()
        let named: Set<Substring> = ["Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn", "Enter", "Tab", "S-Tab",
                                     "Esc", "BS", "Del", "Space"]
        if named.contains(inner) { return true }
        if inner.hasPrefix("F"), let n = Int(inner.dropFirst()), (1...24).contains(n) { return true }
        if inner.hasPrefix("C-"), inner.count == 3, let c = inner.last, c.isASCII, c.isLowercase { return true }
        return false
    }
}

extension Keymap {
    /// This keymap with a person's bindings over it, in file order. A key bound anew in a section loses what it
    /// did there (its label on the hint line or footer goes to another key of that command, if one is left); it
    /// is shown where another key of the same command is (`R = :reply` beside `r 回复`).
    public func applying(_ binds: Binds) -> Keymap {
        var map = self
        // Labels whose keys were all rebound, by section and command: a key bound to that command later takes it.
        var orphans: [KeySection: [String: String]] = [:]
        for b in binds.lines {
            var list = map[b.section]
            if b.text.isEmpty {
                // Unbound: the key goes; its label passes to another key of the same command, if one is left.
                guard let i = list.firstIndex(where: { $0.key == b.key }) else { continue }
                let old = list.remove(at: i)
                if let h = old.hint, !list.contains(where: { $0.text == old.text && $0.hint != nil }),
                   let j = list.firstIndex(where: { $0.text == old.text }) {
                    list[j].hint = h
                }
                map[b.section] = list
                continue
            }
            let hint = list.first { $0.text == b.text && $0.hint != nil && $0.key != b.key }?.hint ?? orphans[b.section]?[b.text]
            let binding = KeyBinding(b.key, text: b.text, hint: hint)
            if let i = list.firstIndex(where: { $0.key == b.key }) {
                let old = list[i]
                guard old.text != b.text else { continue }
                list[i] = binding
                // The command the key did keeps its label on another of its keys (`<Esc>` rebound: `q 返回`).
                if let h = old.hint, !list.contains(where: { $0.text == old.text && $0.hint != nil }),
                   let j = list.firstIndex(where: { $0.text == old.text }) {
                    list[j].hint = h
                } else if let h = old.hint, !list.contains(where: { $0.text == old.text }) {
                    orphans[b.section, default: [:]][old.text] = h
                }
            } else {
                list.append(binding)
            }
            map[b.section] = list
        }
        return map
    }
}

extension StringProtocol {
    /// Without the spaces and tabs at either end (ASCII and the ideographic space).
    var trimmingBlanks: String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let start = firstIndex(where: { !blank($0) }), let end = lastIndex(where: { !blank($0) }) else { return "" }
        return String(self[start...end])
    }
}

extension Presenter {
    /// A skipped line of binds.conf, named as FILE:LINE with why: `binds.conf:3: 没有按键“<Foo>”，已跳过`.
    public func text(_ problem: Binds.Problem, file: String) -> String {
        let why: String
        switch problem.why {
        case .noSection: why = strings("binds.no-section")
        case .unknownSection(let name): why = strings("binds.unknown-section", ["name": name, "sections": KeySection.allCases.map(\.rawValue).joined(separator: " ")])
        case .unknownKey(let key): why = strings("binds.unknown-key", ["key": key])
        case .notABinding: why = strings("binds.not-a-binding")
        case .noColon: why = strings("binds.no-colon")
        case .badCommand(let e): why = e.text(strings.language)
        case .hostile: why = strings("binds.hostile")
        }
        return strings("binds.problem", ["file": Sanitizer.shown(file), "line": problem.line, "why": why])
    }
}
