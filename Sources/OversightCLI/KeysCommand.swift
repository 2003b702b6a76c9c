import ArgumentParser
import Foundation
import OversightDomain
import OversightResources
import OversightWorkbench
import TerminalKit

/// A person's own key bindings: `$XDG_CONFIG_HOME/oversight/binds.conf`, else `~/.config/oversight/binds.conf`.
enum UserKeys {
    /// Where binds.conf is looked for.
    static var path: String {
        let env = GlobalOptions.environment
        if let xdg = env["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/oversight/binds.conf" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/oversight/binds.conf"
    }

    /// The keymap in force: the standard one with binds.conf over it (none: the standard one). `problems`: each
    /// skipped line as FILE:LINE with why, in the interface language; `found`: whether the file was there.
    static func load(_ presenter: Presenter) throws -> (keymap: Keymap, problems: [String], found: Bool) {
        let file = path
        guard FileManager.default.fileExists(atPath: file) else { return (.standard, [], false) }
        guard let data = FileManager.default.contents(atPath: file), let text = String(validatingUTF8: data) else {
            return (.standard, [presenter.strings("binds.unreadable", ["file": safe(file)])], true)
        }
        let binds = Binds.parse(text, words: try OversightResources.vocabulary(organisations: []))
        return (Keymap.standard.applying(binds), binds.problems.map { presenter.text($0, file: file) }, true)
    }
}

extension String {
    /// The text of `data` when it is UTF-8 (no NUL), else nil.
    init?(validatingUTF8 data: Data) {
        guard !data.contains(0), let s = String(data: data, encoding: .utf8) else { return nil }
        self = s
    }
}

/// `oversight keys [--json]`: the keys in force in each section, after binds.conf.
struct KeysCommand: ParsableCommand, TakesGlobalOptions {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "The workbench's keys in force, per section, after your binds.conf.",
        discussion: """
            Your own bindings are read from $XDG_CONFIG_HOME/oversight/binds.conf (else ~/.config/oversight/binds.conf), \
            as aerc writes them: [inbox], [detail], [calendar], [menu], [form], [confirm], [summary], [help], [view], [report], \
            [command] (the : line) and [filter] sections of KEY = :command lines (N = :note 已阅), KEY = (nothing after =) to \
            unbind a key, # comments. A line that cannot be used is named on \
            standard error with FILE:LINE and why, and skipped.
            """)

    @OptionGroup var globals: GlobalOptions
    @Flag(name: .long, help: "JSON for scripts: {\"file\", \"sections\": {\"inbox\": [{\"key\", \"command\"}…]…}, \"problems\"}.")
    var json = false

    struct Entry: Encodable {
        var key: String
        var command: String
    }

    struct Output: Encodable {
        var file: String?
        var sections: [String: [Entry]]
        var problems: [String]
    }

    func run() throws {
        let presenter = try globals.presenter()
        let s = presenter.strings
        let (keymap, problems, found) = try UserKeys.load(presenter)
        for p in problems { warn("oversight: " + p) }
        if json {
            let sections = Dictionary(uniqueKeysWithValues: KeySection.allCases.map { section in
                (section.rawValue, keymap[section].map { Entry(key: $0.key, command: ":" + $0.text) })
            })
            print(try OversightCLI.json(Output(file: found ? UserKeys.path : nil, sections: sections, problems: problems)))
            return
        }
        var out: [String] = []
        if found { out.append(s("keys.source", ["file": safe(UserKeys.path)])) }
        let words = try OversightResources.vocabulary(organisations: [])
        for section in KeySection.allCases {
            if !out.isEmpty { out.append("") }
            // The section in the interface language, with its binds.conf name to write bindings under.
            out.append(s("keys.title", ["name": s("keys.section.\(section.rawValue)"), "section": section.rawValue]))
            let rows = keymap[section].map { b in ["  " + b.key, ":" + b.text, Self.meaning(b, presenter, words)] }
            out.append(rows.isEmpty ? "  " + s("keys.none") : table(["", "", ""], rows).split(separator: "\n").dropFirst().joined(separator: "\n"))
        }
        print(out.joined(separator: "\n"))
    }

    /// What a binding does, in words: its key command's description, else its step's verb (`N = :note 已阅`: 备注).
    static func meaning(_ b: KeyBinding, _ presenter: Presenter, _ words: Vocabulary) -> String {
        if let c = b.command { return presenter.strings("command.\(c.rawValue)") }
        switch try? CommandText.parse(b.text, words: words) {
        case .act(let a, _)?: return presenter.step(a)
        case .new?: return presenter.strings("command.new")
        case .command(let c)?: return presenter.strings("command.\(c.rawValue)")
        default: return ""
        }
    }
}
