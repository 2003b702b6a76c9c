import OversightDomain
import TerminalKit

/// What the user asks for, independent of which key asked: the `:` line's key commands (`:move-down`, `:help` …).
public enum Command: String, Sendable, CaseIterable {
    case moveDown = "move-down", moveUp = "move-up", moveTop = "move-top", moveBottom = "move-bottom"
    case pageDown = "page-down", pageUp = "page-up"
    case moveLeft = "move-left", moveRight = "move-right"
    case focusNext = "focus-next", focusPrevious = "focus-previous"
    case previousMonth = "previous-month", nextMonth = "next-month"
    case help, quit
    /// Enter: the selected matter's steps (in the calendar: the inbox filtered to the day; in a menu: its entry).
    case open
    /// `:`: the command line.
    case commandLine = "command-line"
    /// `/`: filter the inbox as you type.
    case filter
    /// A new matter (its form).
    case new
    /// Reply to the selected matter (its form).
    case reply
    /// A head approves the submission waiting on the selected matter (sign-off).
    case approve
    /// A head returns it to its handler: the `:` line begun with `return ` for the reason.
    case returnSubmission = "return"
    /// Tag or untag the selected matter.
    case tag
    /// Switch the inbox between open matters and everything visible.
    case scope
    /// Esc: clear the filter and the tags.
    case clear
    /// The figures of this year (the reports pane).
    case report
    /// A letter for the selected matter: the command line begun with `doc `.
    case document
    /// 由此立案: a new matter that follows the selected one (`:new --follows ID`, its form with the kinds that may).
    case followOn = "follow-on"
    /// The selected matter's long texts in full (the detail pane shows them cut).
    case viewText = "view-text"
    /// The inbox on the whole width, the detail and the calendar put away (again: the three panes back).
    case zoom
    /// A form sent, a confirmation said yes to, a letter recorded (Enter, Ctrl-D, y).
    case submit
    /// A form, menu, dialog or view left without doing anything (Esc).
    case cancel
    /// A form's next and previous field (Tab, S-Tab).
    case nextField = "next-field", previousField = "previous-field"
    /// On the `:` line: complete the word typed, or put the next (previous) candidate listed on the line (Tab, S-Tab).
    case complete, completePrevious = "complete-previous"
}

extension Command {
    /// A command only a mode's keys have a use for (a form's, a dialog's, the `:` line's own): nothing in the panes.
    public var isModeOnly: Bool {
        switch self {
        case .submit, .cancel, .nextField, .previousField, .complete, .completePrevious: return true
        default: return false
        }
    }
}

/// Where keys are looked up: the panes (`inbox` whichever pane has the focus, `detail` and `calendar` first when
/// theirs has it) and each mode, as binds.conf names its sections.
public enum KeySection: String, Sendable, CaseIterable {
    case inbox, detail, calendar, menu, form, confirm
    /// The overdue summary on entry: a key bound here runs its command; any other key just puts it away.
    case summary
    case help, view, report
    /// The `:` line and the `/` filter: their printable keys are text.
    case command, filter
}

/// One key bound to a `:` line text (without its colon: `reply`, `note 已阅`, `move-down`), run as if typed there.
/// `hint` names the label the hint line or the footer shows it with (nil: not shown there).
public struct KeyBinding: Hashable, Sendable {
    public var key: String
    public var text: String
    public var hint: String?

    public init(_ key: String, _ command: Command, hint: String? = nil) {
        self.init(key, text: command.rawValue, hint: hint)
    }

    public init(_ key: String, text: String, hint: String? = nil) {
        self.key = key
        self.text = text
        self.hint = hint
    }

    /// The key command the text is, when it is one (`move-down`, `reply`, `help`): what the hint line and the help
    /// ask `offers` about, and what the help calls it.
    public var command: Command? { Command(rawValue: text) }
}

/// The keys in force, a list per section. One table drives dispatch, the hint line, the footers and the help.
public struct Keymap: Sendable {
    public var sections: [KeySection: [KeyBinding]]

    public init(sections: [KeySection: [KeyBinding]]) {
        self.sections = sections
    }

    /// The standard keymap with these normal-mode (`inbox`) bindings.
    public init(bindings: [KeyBinding]) {
        self.sections = Keymap.standard.sections
        self.sections[.inbox] = bindings
    }

    /// The normal-mode (`inbox`) bindings.
    public var bindings: [KeyBinding] {
        get { sections[.inbox] ?? [] }
        set { sections[.inbox] = newValue }
    }

    public subscript(_ section: KeySection) -> [KeyBinding] {
        get { sections[section] ?? [] }
        set { sections[section] = newValue }
    }

    /// Terminal habits: vim/less movement, Tab between panes, q to quit, ? for help. The steps come first, so a
    /// narrow hint line keeps what can be done before how to move.
    public static let standard = Keymap(sections: [
        .inbox: [
            KeyBinding("<Enter>", .open, hint: "hint.open"),
            KeyBinding("r", .reply, hint: "hint.reply"),
            KeyBinding("n", .new, hint: "hint.new"),
            KeyBinding(":", .commandLine, hint: "hint.command"),
            KeyBinding("/", .filter, hint: "hint.filter"),
            // Hinted while a filter is on (it clears it), next to the key that filters.
            KeyBinding("<Esc>", .clear, hint: "hint.clear-filter"),
            KeyBinding("A", .approve, hint: "hint.approve"),
            KeyBinding("B", .returnSubmission, hint: "hint.return"),
            KeyBinding("t", .tag, hint: "hint.tag"),
            KeyBinding("<Space>", .tag),
            KeyBinding("a", .scope, hint: "hint.scope"),
            KeyBinding("<Tab>", .focusNext, hint: "hint.focus"),
            KeyBinding("<S-Tab>", .focusPrevious),
            KeyBinding("j", .moveDown, hint: "hint.move"),
            KeyBinding("<Down>", .moveDown),
            KeyBinding("k", .moveUp, hint: "hint.move"),
            KeyBinding("<Up>", .moveUp),
            KeyBinding("h", .moveLeft),
            KeyBinding("<Left>", .moveLeft),
            KeyBinding("l", .moveRight),
            KeyBinding("<Right>", .moveRight),
            KeyBinding("g", .moveTop, hint: "hint.top"),
            KeyBinding("<Home>", .moveTop),
            KeyBinding("G", .moveBottom, hint: "hint.top"),
            KeyBinding("<End>", .moveBottom),
            KeyBinding("<PgDn>", .pageDown),
            KeyBinding("<C-d>", .pageDown),
            KeyBinding("<PgUp>", .pageUp),
            KeyBinding("<C-u>", .pageUp),
            KeyBinding("[", .previousMonth, hint: "hint.month"),
            KeyBinding("]", .nextMonth, hint: "hint.month"),
            KeyBinding("R", .report),
            KeyBinding("d", .document, hint: "hint.document"),
            KeyBinding("f", .followOn),
            KeyBinding("v", .viewText, hint: "hint.view-text"),
            KeyBinding("z", .zoom, hint: "hint.zoom"),
            KeyBinding("?", .help, hint: "hint.help"),
            KeyBinding("q", .quit, hint: "hint.quit"),
        ],
        .detail: [],
        .calendar: [],
        .menu: [
            KeyBinding("j", .moveDown, hint: "hint.select"),
            KeyBinding("<Down>", .moveDown),
            KeyBinding("k", .moveUp, hint: "hint.select"),
            KeyBinding("<Up>", .moveUp),
            KeyBinding("<Enter>", .submit, hint: "hint.run"),
            KeyBinding("f", .followOn, hint: "hint.follow-on"),
            KeyBinding("<Esc>", .cancel, hint: "hint.back"),
            KeyBinding("q", .cancel),
        ],
        // Printable keys are text in a form; in a long text Enter, Up and Down edit it.
        .form: [
            KeyBinding("<Tab>", .nextField, hint: "hint.next-field"),
            KeyBinding("<Down>", .nextField),
            KeyBinding("<S-Tab>", .previousField),
            KeyBinding("<Up>", .previousField),
            KeyBinding("<Enter>", .submit, hint: "hint.submit"),
            KeyBinding("<C-d>", .submit, hint: "hint.submit-long"),
            KeyBinding("<Esc>", .cancel, hint: "hint.cancel"),
        ],
        // Any key not bound here says no.
        .confirm: [
            KeyBinding("y", .submit, hint: "hint.confirm"),
            KeyBinding("Y", .submit),
            KeyBinding("<Enter>", .submit),
        ],
        // Any key not bound here puts the summary away and does nothing else, so no key acts unseen.
        .summary: [
            KeyBinding("<Esc>", .cancel),
            KeyBinding("<Enter>", .cancel),
            KeyBinding("q", .cancel),
        ],
        .help: [
            KeyBinding("j", .moveDown, hint: "hint.scroll"),
            KeyBinding("<Down>", .moveDown),
            KeyBinding("k", .moveUp, hint: "hint.scroll"),
            KeyBinding("<Up>", .moveUp),
            KeyBinding("<PgDn>", .pageDown),
            KeyBinding("<C-d>", .pageDown),
            KeyBinding("<PgUp>", .pageUp),
            KeyBinding("<C-u>", .pageUp),
            KeyBinding("g", .moveTop),
            KeyBinding("<Home>", .moveTop),
            KeyBinding("?", .cancel, hint: "hint.close"),
            KeyBinding("<Esc>", .cancel, hint: "hint.close"),
            KeyBinding("q", .cancel),
        ],
        .view: [
            KeyBinding("s", .submit, hint: "hint.record"),
            KeyBinding("<Enter>", .submit, hint: "hint.record"),
            KeyBinding("j", .moveDown, hint: "hint.scroll"),
            KeyBinding("<Down>", .moveDown),
            KeyBinding("k", .moveUp, hint: "hint.scroll"),
            KeyBinding("<Up>", .moveUp),
            KeyBinding("<PgDn>", .pageDown),
            KeyBinding("<C-d>", .pageDown),
            KeyBinding("<PgUp>", .pageUp),
            KeyBinding("<C-u>", .pageUp),
            KeyBinding("g", .moveTop, hint: "hint.top"),
            KeyBinding("<Home>", .moveTop),
            KeyBinding("G", .moveBottom, hint: "hint.top"),
            KeyBinding("<End>", .moveBottom),
            KeyBinding("<Esc>", .cancel, hint: "hint.close"),
            KeyBinding("q", .cancel),
            KeyBinding("v", .cancel),
        ],
        .report: [
            KeyBinding("j", .moveDown, hint: "hint.scroll"),
            KeyBinding("<Down>", .moveDown),
            KeyBinding("k", .moveUp, hint: "hint.scroll"),
            KeyBinding("<Up>", .moveUp),
            KeyBinding("<PgDn>", .pageDown),
            KeyBinding("<C-d>", .pageDown),
            KeyBinding("<PgUp>", .pageUp),
            KeyBinding("<C-u>", .pageUp),
            KeyBinding("g", .moveTop),
            KeyBinding("<Home>", .moveTop),
            KeyBinding("G", .moveBottom),
            KeyBinding("<End>", .moveBottom),
            KeyBinding("<Esc>", .cancel, hint: "hint.close"),
            KeyBinding("q", .cancel, hint: "hint.close"),
            KeyBinding("R", .cancel),
        ],
        .command: [
            KeyBinding("<Enter>", .submit),
            KeyBinding("<Esc>", .cancel),
            KeyBinding("<Tab>", .complete),
            KeyBinding("<S-Tab>", .completePrevious),
        ],
        .filter: [
            KeyBinding("<Enter>", .submit),
            KeyBinding("<Esc>", .cancel),
        ],
    ])

    /// The text `key` is bound to, looked up in `sections` in turn.
    public func text(for key: String, in sections: [KeySection]) -> String? {
        for s in sections {
            if let b = self[s].first(where: { $0.key == key }) { return b.text }
        }
        return nil
    }

    /// The normal-mode key command `key` stands for.
    public func command(for key: String) -> Command? {
        bindings.first { $0.key == key }?.command
    }

    /// The hint line's entries in keymap order: keys sharing a label are joined ("j/k 移动").
    public var hints: [(keys: String, label: String)] { hints { _ in true } }

    /// The hint line's entries of the commands `available` lets through (what this user may do now).
    public func hints(_ available: (Command) -> Bool) -> [(keys: String, label: String)] {
        hints(in: .inbox, available)
    }

    /// The hint line's entries with the focus on `pane`: its own keys first, then the inbox's it leaves as they are.
    public func hints(in pane: KeySection, _ available: (Command) -> Bool) -> [(keys: String, label: String)] {
        hintGroups(in: pane, available).map { ($0.keys.joined(separator: "/"), $0.label) }
    }

    /// The hint line's entries, each the keys sharing a label (to be shown with `keyLabel`).
    public func hintGroups(in pane: KeySection, _ available: (Command) -> Bool) -> [(keys: [String], label: String)] {
        let own = pane == .inbox ? [] : self[pane]
        let all = own + bindings.filter { b in !own.contains { $0.key == b.key } }
        return Keymap.grouped(all.filter { b in b.command.map(available) ?? true })
    }

    /// A mode's footer: its hinted keys in keymap order, each entry the keys sharing a label ("j/k 选择").
    public func footer(_ section: KeySection) -> [(keys: [String], label: String)] {
        Keymap.grouped(self[section])
    }

    /// A mode's footer as shown: "j/k 选择  Enter 执行  Esc 返回" (`label` turns a label key into words).
    public func footerText(_ section: KeySection, separator: String = "  ", _ label: (String) -> String) -> String {
        footer(section).map { $0.keys.map(keyLabel).joined(separator: "/") + " " + label($0.label) }.joined(separator: separator)
    }

    static func joined(_ bindings: [KeyBinding]) -> [(keys: String, label: String)] {
        grouped(bindings).map { ($0.keys.joined(separator: "/"), $0.label) }
    }

    static func grouped(_ bindings: [KeyBinding]) -> [(keys: [String], label: String)] {
        var order: [String] = []
        var keys: [String: [String]] = [:]
        for b in bindings {
            guard let h = b.hint else { continue }
            if keys[h] == nil { order.append(h) }
            keys[h, default: []].append(b.key)
        }
        return order.map { (keys[$0]!, $0) }
    }

    /// Every key of every command, for the help overlay, in command order.
    public var help: [(command: Command, keys: [String])] {
        Command.allCases.compactMap { c in
            let ks = bindings.filter { $0.command == c }.map(\.key)
            return ks.isEmpty ? nil : (c, ks)
        }
    }

    /// The normal-mode keys bound to a text that is no key command (`N = :note 已阅`), for the help: text and keys.
    public var lines: [(text: String, keys: [String])] {
        var order: [String] = []
        var keys: [String: [String]] = [:]
        for b in bindings where b.command == nil {
            if keys[b.text] == nil { order.append(b.text) }
            keys[b.text, default: []].append(b.key)
        }
        return order.map { ($0, keys[$0]!) }
    }
}

/// A key's name as footers and the hint line show it: `Enter`, `Esc`, `S-Tab`, `Ctrl-D`.
public func keyLabel(_ key: String) -> String {
    guard key.hasPrefix("<"), key.hasSuffix(">"), key.count > 2 else { return key }
    let inner = String(key.dropFirst().dropLast())
    if inner.hasPrefix("C-"), inner.count == 3 { return "Ctrl-" + inner.dropFirst(2).uppercased() }
    return inner
}

extension AppState {
    /// Whether the hint line and help offer `command` to this user now: only what they may do, and where.
    /// (Asked for anyway, a step they may not take says why.)
    public func offers(_ command: Command) -> Bool {
        switch command {
        case .new: return !Workflow.creatableKinds(by: viewer).isEmpty
        case .followOn: return selectedMatter.map { FollowOn.whyNot(following: $0, by: viewer) == nil } ?? false
        case .reply:
            guard let m = selectedMatter else { return false }
            if case .success = Workflow.check(.reply, on: m, by: viewer) { return true }
            return false
        case .open: return focus == .calendar || selectedMatter != nil
        // A head with a submission of their organisation waiting on the selected matter.
        case .approve, .returnSubmission:
            guard viewer.user.role == .head, let m = selectedMatter else { return false }
            return awaiting.contains { $0.matter.id == m.id && $0.submission.state == .pending }
        case .tag, .filter: return focus == .inbox && (inboxCount > 0 || !filter.isEmpty)
        // The administrator's screen has no inbox to switch.
        case .scope: return viewer.party != .admin
        case .previousMonth, .nextMonth: return focus == .calendar
        case .moveLeft, .moveRight: return focus == .calendar
        case .pageDown, .pageUp, .moveBottom: return focus != .calendar
        // Offered where the detail pane cut a text; asked for anyway, it shows the texts in full.
        case .viewText: return detail?.hasCutText ?? false
        // Nothing to send or leave in the panes.
        case _ where command.isModeOnly: return false
        default: return true
        }
    }
}

extension Keymap {
    /// The help's rows for this state: the keys of what the user may do here and now (label: a string key; a
    /// bound `:` line shows as itself, `:note 已阅`), a blank row, then what the inbox's marks mean. `ellipsis`
    /// stands for any text in a mark.
    public func helpRows(_ state: AppState, ellipsis: String = "…") -> [(keys: String, label: String)] {
        let commands = help.filter { state.offers($0.command) }.map { (keys: $0.keys.joined(separator: " "), label: "command.\($0.command.rawValue)") }
        let own = lines.map { (keys: $0.keys.joined(separator: " "), label: ":" + $0.text) }
        let legend = [("!", "legend.overdue"), ("*", "legend.today"), ("~", "legend.soon"), ("+", "legend.tagged"),
                      ("(\(ellipsis))", "legend.service-level"), ("\(ellipsis)?", "legend.provisional")]
        // The county's rules (Art. 12): anyone reads them; a head of the two parties that set them proposes and agrees.
        let rulesMaker = state.viewer.user.role == .head && [.justice, .procuratorate].contains(state.viewer.party)
        let rules = [(keys: ":rules", label: "help.rules")]
            + (rulesMaker ? [(keys: ":rules propose", label: "help.rules-propose"), (keys: ":rules agree", label: "help.rules-agree")] : [])
        return commands + own + (state.viewer.party == .admin ? [] : rules) + [(keys: "", label: "")] + legend.map { (keys: $0.0, label: $0.1) }
    }
}
