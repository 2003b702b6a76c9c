import OversightDomain
import TerminalKit

/// The letters made from a matter, each from its template `Resources/letters/NAME.txt` (Resources/README.md).
public enum LetterKind: String, Sendable, CaseIterable {
    /// 催告函: the sender urges the recipient of a matter past its deadline.
    case reminder
    /// 移送函: the procuratorate's letter sending a transfer for review (Art. 9) to the justice bureau.
    case transfer
    /// 反馈函: the recipient's written answer to the matter it received.
    case feedback
}

extension LetterKind {
    /// The step whose head's decision the letter goes out under (签发人): a transfer's `issue`, the answer's
    /// `reply`; nil for a reminder, which no step of the matter decides.
    public var signedStep: MatterAction? {
        switch self {
        case .transfer: return .issue
        case .feedback: return .reply
        case .reminder: return nil
        }
    }
}

extension LetterKind: Worded {
    /// `letter.reminder` 催告函 (short 催告): `:doc 催告函` reads as `:doc reminder`.
    public static var wordKey: String { "letter" }
}

/// Why a letter does not fit a matter (or the person making it): nothing is recorded.
public enum LetterMisfit: Error, Hashable, Sendable {
    /// A reminder of a matter not past its deadline.
    case notOverdue(LetterKind)
    /// A letter of one kind of matter only (a transfer letter for a transfer).
    case wrongKind(LetterKind, MatterKind)
    /// A letter the matter's sender writes, asked for by someone else.
    case notSender(LetterKind)
    /// A letter the matter's recipient writes, asked for by someone else.
    case notRecipient(LetterKind)
    /// An answer to a matter not yet received (or of a kind the recipient does not answer).
    case nothingToAnswer(LetterKind)
}

/// A template read at load: its text has only the known placeholders (else it is refused).
public struct LetterTemplate: Hashable, Sendable {
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// `{name}` in the template is no placeholder the letters know (or a brace is not closed).
        case unknownPlaceholder(template: LetterKind, name: String)

        public var description: String {
            switch self {
            case .unknownPlaceholder(let t, let name):
                return "the letter template \(t.rawValue).txt has an unknown placeholder {\(name)}: it may use "
                    + LetterTemplate.placeholders.map { "{\($0)}" }.joined(separator: " ")
            }
        }
    }

    /// Every placeholder a template may use: the matter's number, title, sender (`from`), recipient (`to`) and
    /// department concerned (`subject`), its dates of issue, service and deadline, the days it is overdue, its
    /// summary, and the day the letter is made.
    public static let placeholders = ["number", "title", "from", "to", "subject", "issued", "served", "due",
                                      "overdueDays", "summary", "today"]

    /// What a value the matter lacks shows as: a blank to fill in by hand.
    public static let blank = "＿＿＿＿"

    public let kind: LetterKind
    public let text: String

    public init(_ kind: LetterKind, text: String) throws(Failure) {
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            let after = rest[rest.index(after: open)...]
            let close = after.firstIndex(of: "}")
            let name = String(after[..<(close ?? after.endIndex)])
            guard close != nil, Self.placeholders.contains(name) else { throw .unknownPlaceholder(template: kind, name: name) }
            rest = after[after.index(after: close!)...]
        }
        self.kind = kind
        self.text = text
    }

    /// The letter's name: its template's first line that is not blank, without spaces ("催 告 函" → "催告函").
    public var title: String {
        let first = text.split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        return first.filter { !$0.isWhitespace && $0 != "\u{3000}" }
    }

    /// Why this letter does not fit `matter` made by `viewer` on `today`, or nil when it does.
    public func misfit(_ m: Matter, by viewer: Viewer, today: CivilDate) -> LetterMisfit? {
        switch kind {
        case .reminder:
            guard Workflow.fills(viewer, .sender, on: m) else { return .notSender(kind) }
            guard case .overdue = Urgency(m, today: today) else { return .notOverdue(kind) }
        case .transfer:
            guard m.kind == .transfer else { return .wrongKind(kind, .transfer) }
            guard Workflow.fills(viewer, .sender, on: m) else { return .notSender(kind) }
        case .feedback:
            guard Workflow.fills(viewer, .recipient, on: m) else { return .notRecipient(kind) }
            let answered = Workflow.steps(of: m.kind).contains { $0.action == .reply && $0.taker == .recipient }
            guard answered, m.servedOn != nil else { return .nothingToAnswer(kind) }
        }
        return nil
    }

    /// The letter for `matter` made by `viewer` on `today`, or why it does not fit. Every value from the matter is
    /// sanitized (`Sanitizer`: one line, or the summary's lines), so the letter is safe to print and to save.
    /// `signer`: the head who signed the step it goes out under (`LetterKind.signedStep`), shown under its title as
    /// 签发人; nil for none.
    public func letter(
        for m: Matter, by viewer: Viewer, organisations: [OrgID: String], today: CivilDate, signer: String? = nil
    ) throws(LetterMisfit) -> Letter {
        if let misfit = misfit(m, by: viewer, today: today) { throw misfit }
        func org(_ id: OrgID?) -> String { id.map { Sanitizer.shown(organisations[$0] ?? $0) } ?? Self.blank }
        func date(_ d: CivilDate?) -> String { d.map { "\($0.year)年\($0.month)月\($0.day)日" } ?? Self.blank }
        func line(_ s: String) -> String { s.isEmpty ? Self.blank : Sanitizer.shown(s) }
        var overdue = Self.blank
        if case .overdue(let n) = Urgency(m, today: today) { overdue = String(n) }
        let summary = Sanitizer.shownLines(m.summary).joined(separator: "\n")
        let values: [String: CustomStringConvertible] = [
            "number": line(m.number), "title": line(m.title), "from": org(m.fromOrg), "to": org(m.toOrg),
            "subject": org(m.subjectOrg), "issued": date(m.issuedOn), "served": date(m.servedOn), "due": date(m.due),
            "overdueDays": overdue, "summary": summary.isEmpty ? Self.blank : summary, "today": date(today),
        ]
        var filled = Strings.fill(text, values)
        while filled.last?.isNewline == true { filled.removeLast() }
        if let signer = signer.map(Sanitizer.shown), !signer.isEmpty {
            var lines = filled.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            lines.insert(Letter.signerLabel + signer, at: min(1, lines.count))
            filled = lines.joined(separator: "\n")
        }
        return Letter(kind: kind, title: title, matter: m.id, number: m.number, text: filled)
    }
}

/// A letter filled from a matter.
public struct Letter: Hashable, Sendable {
    public var kind: LetterKind
    /// Its name (催告函 …), from its template's first line.
    public var title: String
    public var matter: MatterID
    /// The matter's document number (empty while it has none).
    public var number: String
    /// Its lines (no line break at the end).
    public var text: String

    /// The line under the title that names who signed it: 签发人：张慧.
    public static let signerLabel = "签发人："

    /// The note that records it in the matter's history (in the language of the record, as the letters are).
    public var note: String { "制作文书：\(title)（\(kind.rawValue)）" }

    /// Its file's name: `<number, else the matter's id>-<template>-<day>.txt`, nothing in it a path or a terminal
    /// would read as more than a name.
    public func fileName(on day: CivilDate) -> String {
        let safe = Sanitizer.line(number).filter { !"/\\:*?\"<>|".contains($0) && !$0.isWhitespace }
        return "\(safe.isEmpty ? String(matter) : safe)-\(kind.rawValue)-\(day).txt"
    }
}

extension Presenter {
    /// Why a letter does not fit, in the interface's language.
    public func reason(_ misfit: LetterMisfit) -> String {
        switch misfit {
        case .notOverdue(let k): return strings("letter.misfit.not-overdue", ["t": k.rawValue])
        case .wrongKind(let k, let kind): return strings("letter.misfit.wrong-kind", ["t": k.rawValue, "kind": self.kind(kind)])
        case .notSender(let k): return strings("letter.misfit.not-sender", ["t": k.rawValue])
        case .notRecipient(let k): return strings("letter.misfit.not-recipient", ["t": k.rawValue])
        case .nothingToAnswer(let k): return strings("letter.misfit.nothing-to-answer", ["t": k.rawValue])
        }
    }
}
