import Foundation

/// The words of an action's options as people type them — on the command line (`oversight matter act ID
/// ACTION --text … --date …`) and on the workbench's `:` line (`:reply 已按建议整改`, `:serve 2025-09-29`) —
/// read into the domain's input once, for both.
public struct ActionOptions: Hashable, Sendable {
    public var text: String?
    public var date: String?
    public var outcome: String?
    public var number: String?
    public var escalation: String?
    public var urgent: Bool
    public var period: String?
    public var scheduled: String?
    /// `serve`: how it was served (`--service post`, or its word: 邮寄送达).
    public var service: String?
    /// `serve`: the day of the receipt (`--receipt 2026-12-01`).
    public var receipt: String?

    public init(
        text: String? = nil, date: String? = nil, outcome: String? = nil, number: String? = nil,
        escalation: String? = nil, urgent: Bool = false, period: String? = nil, scheduled: String? = nil,
        service: String? = nil, receipt: String? = nil
    ) {
        self.text = text
        self.date = date
        self.outcome = outcome
        self.number = number
        self.escalation = escalation
        self.urgent = urgent
        self.period = period
        self.scheduled = scheduled
        self.service = service
        self.receipt = receipt
    }

    /// The input of the step, or what is wrong with an option (bad usage: exit 2 on the command line).
    /// `words`: what an outcome or escalation may be given as (its code, or its Chinese or English word).
    public func input(today: CivilDate, words: Vocabulary = .codes) throws(OptionError) -> ActionInput {
        ActionInput(
            date: try OptionValue.date(date, "--date", today: today), text: text ?? "", documentNumber: number,
            outcome: try OptionValue.name(Outcome.self, outcome, "--outcome", words: words),
            escalation: try OptionValue.name(EscalationOption.self, escalation, "--escalation", words: words),
            urgent: urgent, urgentPeriod: try period.map { p throws(OptionError) in try OptionValue.period(p, "--period") },
            scheduledFor: try scheduled.map { s throws(OptionError) in try OptionValue.date(s, "--scheduled", today: today) },
            service: try OptionValue.name(ServiceMethod.self, service, "--service", words: words),
            receivedOn: try receipt.map { r throws(OptionError) in try OptionValue.date(r, "--receipt", today: today) })
    }
}

/// An option whose value cannot be read. Says which forms are accepted.
public struct OptionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The option it is about (`date`, `to` …), if one: the form field to show it at.
    public var option: String?
    /// In English.
    public var description: String
    /// In Chinese.
    public var zh: String

    public init(_ description: String, zh: String, option: String? = nil) {
        self.description = description
        self.zh = zh
        self.option = option
    }

    public func text(_ lang: Language) -> String { lang == .zh ? zh : description }
}

/// How option values are read, everywhere.
public enum OptionValue {
    /// `--date` → `date`: the form field an option fills.
    static func bare(_ option: String) -> String? { option.hasPrefix("--") ? String(option.dropFirst(2)) : nil }

    /// YYYY-MM-DD, `today`, or +N / -N days from today; nil is today.
    public static func date(_ text: String?, _ option: String, today: CivilDate) throws(OptionError) -> CivilDate {
        guard let text else { return today }
        switch DateInput.parse(text, today: today) {
        case .success(let d): return d
        case .failure(let e): throw OptionError("\(option): \(e.description)", zh: "\(option)：\(e.zh)", option: bare(option))
        }
    }

    /// 15d, 2m, 10wd.
    public static func period(_ text: String, _ option: String) throws(OptionError) -> Period {
        let units: [(String, PeriodUnit)] = [("wd", .workdays), ("d", .days), ("m", .months)]
        for (suffix, unit) in units where text.hasSuffix(suffix) {
            if let n = Int(text.dropLast(suffix.count)), (1...Period.limit(unit)).contains(n) { return Period(n, unit) }
        }
        throw OptionError("\(option) must be a number of days (15d), months (1m) or working days (10wd), not \"\(text)\"",
                          zh: "\(option) 应为天数（15d）、月数（1m）或工作日数（10wd），而不是“\(text)”", option: bare(option))
    }

    /// A matter's id as `matter list` prints it (`#12` too): a whole number from 1.
    public static func matterID(_ text: String, _ option: String) throws(OptionError) -> MatterID {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard digits.allSatisfy({ $0.isASCII && $0.isNumber }), let id = MatterID(digits), id > 0 else {
            let shown = text.count > 40 ? String(text.prefix(40)) + "…" : text
            throw OptionError("\(option) must be a matter's id, a whole number from 1 as `oversight matter list` prints it, not \"\(shown)\"",
                              zh: "\(option) 应为事项编号（从 1 起的整数，如 oversight matter list 所列），而不是“\(shown)”", option: bare(option))
        }
        return id
    }

    /// One of a closed set of names (kinds, outcomes, domains …).
    public static func name<T: RawRepresentable & CaseIterable>(
        _: T.Type, _ text: String?, _ option: String
    ) throws(OptionError) -> T? where T.RawValue == String {
        guard let text else { return nil }
        guard let v = T(rawValue: text) else {
            let names = T.allCases.map(\.rawValue).joined(separator: ", ")
            throw OptionError("\(option) \"\(text)\" is not one of \(names)", zh: "\(option)“\(text)”不在可选范围内：\(names)", option: bare(option))
        }
        return v
    }

    /// One of the domain's worded values (kinds, outcomes, domains …): its code, or its Chinese or English word as
    /// `words` knows them. A refusal lists the Chinese words in Chinese and the codes in English.
    public static func name<T: Worded>(_: T.Type, _ text: String?, _ option: String, words: Vocabulary) throws(OptionError) -> T? {
        guard let text else { return nil }
        guard let v = words.value(T.self, text) else {
            let codes = T.allCases.map(\.rawValue).joined(separator: ", ")
            let zh = words.words(T.self, .zh).joined(separator: "、")
            throw OptionError("\(option) \"\(text)\" is not one of \(codes)", zh: "\(option)“\(text)”不在可选范围内：\(zh)", option: bare(option))
        }
        return v
    }
}

/// The options of a new matter, as `oversight matter new KIND --to ORG --title T …` and `:new KIND …` take them.
public struct NewMatterOptions: Hashable, Sendable {
    /// The words that name the annual plan as a kind (`matter new plan …`, `:new 年度计划 …`, Art. 5): a joint
    /// inspection of the variant `annual-plan` (`AnnualPlan.swift`), which has no kind of its own.
    public static let planWords: Set<String> = ["plan", "annual-plan", "年度计划"]

    /// The kind a kind word names, and the variant it implies (nil for a word that names no kind): the annual plan's
    /// words give a joint inspection of the variant `annual-plan` unless another variant is given.
    public static func kind(_ word: String, variant: String?, words: Vocabulary) -> (kind: MatterKind, variant: String?)? {
        if planWords.contains(word) { return (.jointInspection, variant ?? MatterVariant.annualPlan.rawValue) }
        return words.value(MatterKind.self, word).map { ($0, variant) }
    }

    public var to: String?
    /// Further `--to` organisations (a joint inspection's or meeting's invitees after the first).
    public var alsoTo: [String] = []
    public var title: String?
    public var domain: String?
    public var number: String?
    public var variant: String?
    public var subject: String?
    public var copy: [String]
    public var summary: String?
    public var date: String?
    /// The id of the matter it follows (`--follows ID`).
    public var follows: String?
    /// `--confirm-domain`: the field is meant although it lies outside the department's (Art. 4, `FieldMismatch`).
    public var confirmDomain: Bool
    /// `--share USER` (repeated): the colleagues a referral is also open to, by login or display name.
    public var share: [String]

    public init(
        to: String? = nil, alsoTo: [String] = [], title: String? = nil, domain: String? = nil, number: String? = nil, variant: String? = nil,
        subject: String? = nil, copy: [String] = [], summary: String? = nil, date: String? = nil, follows: String? = nil,
        confirmDomain: Bool = false, share: [String] = []
    ) {
        self.share = share
        self.alsoTo = alsoTo
        self.follows = follows
        self.confirmDomain = confirmDomain
        self.to = to
        self.title = title
        self.domain = domain
        self.number = number
        self.variant = variant
        self.subject = subject
        self.copy = copy
        self.summary = summary
        self.date = date
    }

    /// The new matter; `organisation` finds an organisation's id by its id or name (nil: unknown).
    public func request(
        _ kind: MatterKind, today: CivilDate, words: Vocabulary = .codes, organisation: (String) -> OrgID?
    ) throws(OptionError) -> NewMatter {
        func org(_ text: String, _ option: String) throws(OptionError) -> OrgID {
            guard let id = organisation(text) else {
                throw OptionError("\(option) \"\(text)\" is no organisation: give its id or name as `oversight org list` prints them",
                                  zh: "\(option)“\(text)”不是单位：请给出 oversight org list 所列的单位代号或名称", option: OptionValue.bare(option))
            }
            return id
        }
        guard let to else { throw OptionError("--to ORG is required: the organisation it is addressed to", zh: "缺少收文单位（--to）", option: "to") }
        guard let title, !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw OptionError("--title TEXT is required", zh: "缺少标题（--title）", option: "title")
        }
        var copied: [OrgID] = []
        for c in copy { copied.append(try org(c, "--copy")) }
        var also: [OrgID] = []
        for t in alsoTo { also.append(try org(t, "--to")) }
        var new = NewMatter(
            kind: kind, title: title, domain: try OptionValue.name(DomainArea.self, domain, "--domain", words: words) ?? .other,
            to: try org(to, "--to"), date: try OptionValue.date(date, "--date", today: today), number: number,
            variant: try OptionValue.name(MatterVariant.self, variant, "--variant", words: words),
            subjectOrg: try subject.map { s throws(OptionError) in try org(s, "--subject") }, summary: summary ?? "",
            copiedTo: copied, follows: try follows.map { f throws(OptionError) in try OptionValue.matterID(f, "--follows") },
            domainConfirmed: confirmDomain)
        new.alsoTo = also
        new.share = share.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return new
    }

    /// Every `--to` given, in order: `to` then `alsoTo`.
    public var allTo: [String] { (to.map { [$0] } ?? []) + alsoTo }

    /// Sets every `--to`: the first is `to`, the rest `alsoTo`.
    public mutating func setTo(_ all: [String]) {
        to = all.first
        alsoTo = Array(all.dropFirst())
    }
}
