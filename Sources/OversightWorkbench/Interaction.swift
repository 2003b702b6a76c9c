import OversightDomain
import TerminalKit

/// Where the keys go. One value: a key typed into a text field is text, never a command. Each mode carries its own
/// context (a scroll position, the matters a step was begun on, the figures shown), so leaving a mode drops it.
public enum Mode: Hashable, Sendable {
    /// The panes and their bindings.
    case normal
    /// The summary of overdue matters on entry: any key puts it away.
    case summary
    /// `?`: the keys, scrolled by `scroll` entries when taller than the terminal.
    case help(scroll: Int)
    /// The `:` line, with the list of completions Tab last showed (empty once the line changes), and the matters it
    /// was begun on (`subject`): its step goes there, whatever moves meanwhile.
    case commandLine(TextField, completions: CompletionList = CompletionList(), subject: StepTarget? = nil)
    /// `/`: the inbox narrows as the filter is typed.
    case filter(TextField)
    /// Enter on a matter: its steps, the ones this user may take now first; `selection` is the cursor, `subject` the
    /// matters it was opened on.
    case menu(selection: Int, subject: StepTarget? = nil)
    case form(Form)
    /// Before an irreversible step (issue, close, withdraw) or one on several tagged matters.
    case confirm(Pending)
    /// The figures of this year for the viewer's share (nil while they are read), scrolled by `scroll` rows.
    case report(Report?, scroll: Int)
    /// `v`: the selected matter's long texts in full, scrolled.
    case text(TextView)
    /// Enter on a person in the administrator's list: disable, enable, remove a key.
    case adminMenu(AdminMenu)
}

/// A change ready to be sent to the store, waiting for a yes.
public struct Pending: Hashable, Sendable {
    public var effect: Effect
    public var action: MatterAction
    /// How many matters it goes to.
    public var count: Int
    /// The (first) matter's number, or its title while it has none.
    public var label: String
    /// The form the step was submitted from, if any: it comes back when the step is refused or fails.
    public var form: Form?
    /// Every matter it goes to, named (number, else title; `#id` for one outside the loaded window), in order.
    public var names: [String] = []
    /// A new matter whose field lies outside the department's: the question is whether that field is meant.
    public var field: FieldMismatch?

    public init(effect: Effect, action: MatterAction, count: Int, label: String, form: Form? = nil) {
        self.effect = effect
        self.action = action
        self.count = count
        self.label = label
        self.form = form
    }
}

/// A form: one field per line, what a step or a new matter needs.
public struct Form: Hashable, Sendable {
    public enum Target: Hashable, Sendable {
        /// A step on these matters (the selected one, or every tagged one); `version` when one matter.
        case act(MatterAction, [MatterID], version: Int?)
        case new(MatterKind)
    }

    public var target: Target
    public var fields: [FormField]
    public var focus: Int = 0
    /// The message shown at the field it belongs to.
    public var error: FieldError?

    public init(target: Target, fields: [FormField]) {
        self.target = target
        self.fields = fields
    }

    public var focused: FormField { fields[focus] }
}

public struct FieldError: Hashable, Sendable {
    public var field: Int
    public var problem: Problem
}

public struct FormField: Hashable, Sendable {
    /// The option it fills (`text`, `date`, `outcome`, `to`, `title` …): the command line's name.
    public var option: String
    /// The label's string key.
    public var label: String
    public var line: TextField
    /// Long texts (replies, feedback) are edited over several lines.
    public var editor: TextEditor?
    /// Allowed values, where the field is a choice (cycled with Space or Left/Right, or typed).
    public var choices: [String]

    public init(option: String, value: String = "", multiline: Bool = false, choices: [String] = []) {
        self.option = option
        label = "field.\(option)"
        line = TextField(value)
        editor = multiline ? TextEditor(value) : nil
        self.choices = choices
    }

    public var value: String { editor?.text ?? line.text }

    /// For a choice of the domain's values: the prefix of their words in the string tables (`domain` for
    /// `domain.ecology`). The choices are codes; the screen shows their words, and a word typed is read back.
    public var wordKey: String? {
        guard !choices.isEmpty else { return nil }
        return ["kind": "kind", "domain": "domain", "outcome": "outcome", "escalation": "escalation", "variant": "variant",
                "service": "service"][option]
    }

    /// The choice the field holds: its code, whether it holds the code or a word of it (`words`).
    public func choice(_ words: Vocabulary) -> String? {
        if choices.contains(value) { return value }
        guard let key = wordKey, let code = words.code(key, value) else { return nil }
        return choices.contains(code) ? code : nil
    }
}

extension Form {
    /// The fields a step asks for on a matter of this kind, filled from what was already given.
    /// `today`: the day the date field starts at (as a date, in no language's words; else `today`).
    public static func fields(for action: MatterAction, kind: MatterKind, given o: ActionOptions, today: CivilDate? = nil) -> [FormField] {
        var fields: [FormField] = []
        func text() { fields.append(FormField(option: "text", value: o.text ?? "", multiline: true)) }
        func outcome(_ allowed: [Outcome]) {
            fields.append(FormField(option: "outcome", value: o.outcome ?? "", choices: allowed.map(\.rawValue)))
        }
        switch action {
        case .issue:
            fields.append(FormField(option: "number", value: o.number ?? ""))
            if kind == .meeting || kind == .jointInspection { fields.append(FormField(option: "scheduled", value: o.scheduled ?? "")) }
        case .reply:
            text()
            if kind == .suggestion { outcome([.adopted, .partly, .rejected]) }
            if kind == .dispute { outcome([.resolved, .unresolved]) }
        case .close:
            if kind == .suggestion { outcome([.adopted, .partly, .rejected]) }
            if kind == .supervisionApplication { outcome([.supported, .notSupported]) }
            text()
        case .check: outcome([.rectified, .inadequate])
        case .escalate:
            fields.append(FormField(option: "escalation", value: o.escalation ?? "", choices: EscalationOption.allCases.map(\.rawValue)))
            text()
        case .amend:
            text()
            fields.append(FormField(option: "number", value: o.number ?? ""))
        case .note, .object, .maintain, .decline, .withdraw, .remind: text()
        case .serve, .accept, .acknowledge: break
        }
        fields.append(FormField(option: "date", value: o.date ?? today?.description ?? "today"))
        if action == .serve {
            // How it was served and the receipt's day (Art. 8): optional, recorded when given.
            fields.append(FormField(option: "service", value: o.service ?? "", choices: ServiceMethod.allCases.map(\.rawValue)))
            fields.append(FormField(option: "receipt", value: o.receipt ?? ""))
        }
        return fields
    }

    /// The fields of a new matter (a referral's also the colleagues it is shared with, need to know).
    /// `kinds`: the kinds this user may make; with more than one, the first field chooses among them.
    public static func fields(forNew o: NewMatterOptions, kind: MatterKind, kinds: [MatterKind] = []) -> [FormField] {
        (kinds.count > 1 ? [FormField(option: "kind", value: kind.rawValue, choices: kinds.map(\.rawValue))] : []) + [
            FormField(option: "to", value: o.allTo.joined(separator: "、")),
            FormField(option: "title", value: o.title ?? ""),
            FormField(option: "domain", value: o.domain ?? "other", choices: DomainArea.allCases.map(\.rawValue)),
            FormField(option: "summary", value: o.summary ?? "", multiline: true),
        ] + (Workflow.needToKnowKinds.contains(kind) ? [FormField(option: "share", value: o.share.joined(separator: "、"))] : [])
          + (o.follows.map { [FormField(option: "follows", value: $0)] } ?? [])
    }

    func value(_ option: String) -> String? {
        guard let v = fields.first(where: { $0.option == option })?.value.trimmingCharacters(in: .whitespacesAndNewlines),
              !v.isEmpty else { return nil }
        return v
    }

    /// What the form says, as the command line's options.
    public var actionOptions: ActionOptions {
        ActionOptions(text: value("text"), date: value("date"), outcome: value("outcome"), number: value("number"),
                      escalation: value("escalation"), scheduled: value("scheduled"), service: value("service"),
                      receipt: value("receipt"))
    }

    public var newOptions: NewMatterOptions {
        var o = NewMatterOptions(title: value("title"), domain: value("domain"), summary: value("summary"), follows: value("follows"))
        // Several invitees (a joint inspection, a meeting) are written one after another, 县司法局、县自然资源局.
        o.setTo(Self.organisations(value("to")))
        // So are the colleagues a referral is shared with, 刘洋、李明.
        o.share = Self.organisations(value("share"))
        return o
    }

    /// The organisations (or people) a form's `to` (or `share`) field names: split at 、 ； ; ， , (none when empty).
    static func organisations(_ text: String?) -> [String] {
        guard let text else { return [] }
        return text.split(whereSeparator: { "、；;，,".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// What the form is for, as a draft's target: a step on one matter, or a new matter (not a batch).
    public var draftTarget: Draft.Target? {
        switch target {
        case .act(let action, let ids, _) where ids.count == 1: return .act(action, ids[0])
        case .act: return nil
        case .new(let kind): return .new(kind)
        }
    }

    /// Its long texts typed so far, as drafts.
    public var drafts: [Draft] {
        guard let t = draftTarget else { return [] }
        return fields.filter { $0.editor != nil && !$0.value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { Draft(target: t, field: $0.option, text: $0.value) }
    }

    /// Fills its empty long-text fields from `drafts` for this form; whether any was filled.
    mutating func restore(_ drafts: [Draft]) -> Bool {
        guard let t = draftTarget else { return false }
        var filled = false
        for d in drafts where d.target == t {
            guard let i = fields.firstIndex(where: { $0.option == d.field && $0.editor != nil && $0.value.isEmpty }) else { continue }
            fields[i].editor = TextEditor(d.text)
            filled = true
        }
        return filled
    }

    /// The problem shown at the field it is about (the date field for a bad date), else at the focused one.
    func error(_ problem: Problem) -> FieldError {
        FieldError(field: fields.firstIndex { $0.option == problem.option } ?? focus, problem: problem)
    }
}
