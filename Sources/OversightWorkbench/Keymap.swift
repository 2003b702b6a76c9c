import OversightDomain
/// What the user asks for, independent of which key asked.
public enum Command: String, Sendable, CaseIterable {
    case moveDown = "move-down", moveUp = "move-up", moveTop = "move-top", moveBottom = "move-bottom"
    case pageDown = "page-down", pageUp = "page-up"
    case moveLeft = "move-left", moveRight = "move-right"
    case focusNext = "focus-next", focusPrevious = "focus-previous"
    case previousMonth = "previous-month", nextMonth = "next-month"
    case help, quit
    /// Enter: the selected matter's steps (in the calendar: the inbox filtered to the day).
    case open
    /// `:`: the command line.
    case commandLine = "command-line"
    /// `/`: filter the inbox as you type.
    case filter
    /// A new matter (its form).
    case new
    /// Reply to the selected matter (its form).
    case reply
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
    /// The selected matter's long texts in full (the detail pane shows them cut).
    case viewText = "view-text"
}

/// One key bound to one command. `hint` names the hint-line label (nil: not on the hint line).
public struct KeyBinding: Hashable, Sendable {
    public var key: String
    public var command: Command
    public var hint: String?

    public init(_ key: String, _ command: Command, hint: String? = nil) {
        self.key = key
        self.command = command
        self.hint = hint
    }
}

/// The keys in force. One table drives dispatch, the hint line and the help overlay.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]

    public init(bindings: [KeyBinding]) {
        self.bindings = bindings
    }

    /// Terminal habits: vim/less movement, Tab between panes, q to quit, ? for help. The steps come first, so a
    /// narrow hint line keeps what can be done before how to move.
    public static let standard = Keymap(bindings: [
        KeyBinding("<Enter>", .open, hint: "hint.open"),
        KeyBinding("r", .reply, hint: "hint.reply"),
        KeyBinding("n", .new, hint: "hint.new"),
        KeyBinding(":", .commandLine, hint: "hint.command"),
        KeyBinding("/", .filter, hint: "hint.filter"),
        // Hinted while a filter is on (it clears it), next to the key that filters.
        KeyBinding("<Esc>", .clear, hint: "hint.clear-filter"),
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
        KeyBinding("v", .viewText, hint: "hint.view-text"),
        KeyBinding("?", .help, hint: "hint.help"),
        KeyBinding("q", .quit, hint: "hint.quit"),
    ])

    public func command(for key: String) -> Command? {
        bindings.first { $0.key == key }?.command
    }

    /// The hint line's entries in keymap order: keys sharing a label are joined ("j/k 移动").
    public var hints: [(keys: String, label: String)] { hints { _ in true } }

    /// The hint line's entries of the commands `available` lets through (what this user may do now).
    public func hints(_ available: (Command) -> Bool) -> [(keys: String, label: String)] {
        var order: [String] = []
        var keys: [String: [String]] = [:]
        for b in bindings where available(b.command) {
            guard let h = b.hint else { continue }
            if keys[h] == nil { order.append(h) }
            keys[h, default: []].append(b.key)
        }
        return order.map { (keys[$0]!.joined(separator: "/"), $0) }
    }

    /// Every key of every command, for the help overlay, in command order.
    public var help: [(command: Command, keys: [String])] {
        Command.allCases.compactMap { c in
            let ks = bindings.filter { $0.command == c }.map(\.key)
            return ks.isEmpty ? nil : (c, ks)
        }
    }
}

extension AppState {
    /// Whether the hint line and help offer `command` to this user now: only what they may do, and where.
    /// (Asked for anyway, a step they may not take says why.)
    public func offers(_ command: Command) -> Bool {
        switch command {
        case .new: return !Workflow.creatableKinds(by: viewer).isEmpty
        case .reply:
            guard let m = selectedMatter else { return false }
            if case .success = Workflow.check(.reply, on: m, by: viewer) { return true }
            return false
        case .open: return focus == .calendar || selectedMatter != nil
        case .tag, .filter: return focus == .inbox && (inboxCount > 0 || !filter.isEmpty)
        // The administrator's screen has no inbox to switch.
        case .scope: return viewer.party != .admin
        case .previousMonth, .nextMonth: return focus == .calendar
        case .moveLeft, .moveRight: return focus == .calendar
        case .pageDown, .pageUp, .moveBottom: return focus != .calendar
        // Offered where the detail pane cut a text; asked for anyway, it shows the texts in full.
        case .viewText: return detail?.hasCutText ?? false
        default: return true
        }
    }
}

extension Keymap {
    /// The help's rows for this state: the keys of what the user may do here and now (label: a string key),
    /// a blank row, then what the inbox's marks mean. `ellipsis` stands for any text in a mark.
    public func helpRows(_ state: AppState, ellipsis: String = "…") -> [(keys: String, label: String)] {
        let commands = help.filter { state.offers($0.command) }.map { (keys: $0.keys.joined(separator: " "), label: "command.\($0.command.rawValue)") }
        let legend = [("!", "legend.overdue"), ("*", "legend.today"), ("~", "legend.soon"), ("+", "legend.tagged"),
                      ("(\(ellipsis))", "legend.service-level"), ("\(ellipsis)?", "legend.provisional")]
        return commands + [(keys: "", label: "")] + legend.map { (keys: $0.0, label: $0.1) }
    }
}
