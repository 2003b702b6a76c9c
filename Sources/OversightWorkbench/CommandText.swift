import OversightDomain

/// What a line typed after `:` asks for. The words and options are the command line's: `:reply 已按建议整改` is
/// `oversight matter act ID reply --text 已按建议整改` on the selected matter, `:new suggestion --to hbj --title …`
/// is `oversight matter new suggestion --to hbj --title …`.
public enum LineCommand: Hashable, Sendable {
    /// A step on the selected matter (or on every tagged one).
    case act(MatterAction, ActionOptions)
    /// A new matter (its form opens for what is missing).
    case new(MatterKind?, NewMatterOptions)
    /// Filter the inbox (empty: clear the filter).
    case filter(String)
    /// Move the calendar to a day or month.
    case goto(CivilDate)
    /// A key command by name: `:quit`, `:help`, `:next-month` …
    case command(Command)
    /// A letter for the selected matter: `:doc reminder` (`oversight doc reminder ID`).
    case doc(LetterKind)
    /// A head's decision on the submission waiting on the selected matter: `:approve` (`oversight matter approve ID`).
    case approve
    /// `:return 理由` (`oversight matter return ID --text 理由`): back to its handler with the reason.
    case returnSubmission(String)
    /// A change of people or keys: `:user disable NAME`, `:key remove USER N` (administrators only).
    case people(PeopleCommand)
    /// The county's rules (Art. 12): `:rules`, `:rules propose KEY VALUE --source TEXT`, `:rules agree KEY`.
    case rules(RulesLine)
}

public enum CommandText {
    /// The words the `:` line knows, for completion: the steps, `new`, `filter`, `goto` and the key commands (not
    /// those only a mode's keys use, `submit`, `cancel` …: they are read, but do nothing from the `:` line).
    public static var verbs: [String] {
        let all = MatterAction.allCases.map(\.rawValue) + ["new", "filter", "goto", "doc", "rules"]
            + Command.allCases.filter { !$0.isModeOnly }.map(\.rawValue)
        var seen = Set<String>()
        return all.filter { seen.insert($0).inserted }
    }

    static let actionOptions = ["text", "date", "outcome", "number", "escalation", "urgent", "period", "scheduled", "service", "receipt"]
    static let newOptions = ["to", "title", "domain", "number", "variant", "subject", "copy", "summary", "date", "follows", "share", "confirm-domain"]

    /// Reads one `:` line. `words`: the vocabulary a step, kind, outcome or escalation may be typed in (its code,
    /// or its Chinese or English word: `:回复 已按建议整改`, `:办结 采纳`, `:new 检察建议 --to 司法局`).
    public static func parse(_ line: String, words vocabulary: Vocabulary = .codes) throws(OptionError) -> LineCommand {
        var words = try tokens(line)
        guard !words.isEmpty else { throw OptionError("type a command, e.g. reply 已按建议整改 (Tab completes)", zh: "请输入命令，如 reply 已按建议整改（Tab 补全）") }
        let verb = words.removeFirst()
        if let action = vocabulary.value(MatterAction.self, verb) {
            let (positional, options) = try split(words, known: actionOptions, flags: ["urgent"])
            var o = ActionOptions(
                text: options["text"]?.last, date: options["date"]?.last, outcome: options["outcome"]?.last,
                number: options["number"]?.last, escalation: options["escalation"]?.last,
                urgent: options["urgent"] != nil, period: options["period"]?.last, scheduled: options["scheduled"]?.last,
                service: options["service"]?.last, receipt: options["receipt"]?.last)
            // Bare words: a date for the steps that record a day, an outcome or escalation where the step takes
            // one, and the text otherwise (`:serve 2025-09-29`, `:close adopted`, `:reply 已按建议整改`).
            var rest = positional
            if let first = rest.first {
                let takesDate: Set<MatterAction> = [.serve, .accept, .acknowledge, .remind]
                let takesOutcome: Set<MatterAction> = [.close, .check, .reply, .decline]
                if takesDate.contains(action), o.date == nil {
                    o.date = first
                    rest.removeFirst()
                } else if takesOutcome.contains(action), o.outcome == nil, vocabulary.value(Outcome.self, first) != nil {
                    o.outcome = first
                    rest.removeFirst()
                } else if action == .escalate, o.escalation == nil {
                    o.escalation = first
                    rest.removeFirst()
                }
            }
            if !rest.isEmpty {
                guard o.text == nil else { throw OptionError("give the text once: either words or --text", zh: "文字只给一次：直接写，或用 --text", option: "text") }
                o.text = rest.joined(separator: " ")
            }
            return .act(action, o)
        }
        switch verb {
        case "new":
            let (positional, options) = try split(words, known: newOptions, flags: ["confirm-domain"])
            guard positional.count <= 1 else { throw OptionError("new takes one kind, then --to ORG --title TEXT …", zh: "new 后接一个事项类型，再接 --to 单位 --title 标题 …") }
            var kind: MatterKind?, variant = options["variant"]?.last
            if let word = positional.first {
                // `plan` (年度计划) names the annual plan; any other word a kind (refused as `name` refuses it).
                if let named = NewMatterOptions.kind(word, variant: variant, words: vocabulary) { (kind, variant) = named }
                else { kind = try OptionValue.name(MatterKind.self, word, "new", words: vocabulary) }
            }
            return .new(kind, NewMatterOptions(
                to: options["to"]?.first, alsoTo: Array((options["to"] ?? []).dropFirst()), title: options["title"]?.last, domain: options["domain"]?.last,
                number: options["number"]?.last, variant: variant, subject: options["subject"]?.last,
                copy: options["copy"] ?? [], summary: options["summary"]?.last, date: options["date"]?.last,
                follows: options["follows"]?.last,
                confirmDomain: options["confirm-domain"] != nil, share: options["share"] ?? []))
        case "filter":
            // Bare, it opens the filter line (`/`); with words (even `""`), it filters.
            if words.isEmpty { return .command(.filter) }
            return .filter(words.joined(separator: " "))
        case "doc":
            let names = LetterKind.allCases.map(\.rawValue).joined(separator: ", ")
            let letters = vocabulary.learning(LetterKind.self)
            guard words.count == 1, let kind = letters.value(LetterKind.self, words[0]) else {
                throw OptionError("doc takes one letter: \(names)", zh: "doc 后接一种文书：\(letters.words(LetterKind.self, .zh).joined(separator: "、"))")
            }
            return .doc(kind)
        case "approve", "批准", "审批通过", "签发":
            guard words.isEmpty else { throw OptionError("approve takes no words: it approves the selected matter's submission", zh: "批准不接其他文字：批准所选事项待审批的报批") }
            return .approve
        case "return", "退回":
            // Bare, it opens the `:` line for the reason (the key's command); with words, they are the reason.
            if words.isEmpty { return .command(.returnSubmission) }
            let (positional, options) = try split(words, known: ["text"], flags: [])
            if let text = options["text"]?.last {
                guard positional.isEmpty else { throw OptionError("give the reason once: either words or --text", zh: "理由只给一次：直接写，或用 --text", option: "text") }
                return .returnSubmission(text)
            }
            return .returnSubmission(positional.joined(separator: " "))
        case "rules", "规则":
            return try parseRules(words)
        case "goto":
            guard words.count == 1, let target = words.first else { throw OptionError("goto takes a day (2025-10-09) or a month (2025-10)", zh: "goto 后接日期（2025-10-09）或月份（2025-10）") }
            if let d = CivilDate(target + "-01"), target.count == 7 { return .goto(d) }
            guard let d = CivilDate(target) else { throw OptionError("goto takes a day (2025-10-09) or a month (2025-10), not \"\(target)\"", zh: "goto 后接日期（2025-10-09）或月份（2025-10），而不是“\(target)”") }
            return .goto(d)
        default:
            if let people = try parsePeople(verb, words, vocabulary: vocabulary) { return people }
            if let c = Command(rawValue: verb), words.isEmpty { return .command(c) }
            throw OptionError("unknown command \"\(verb)\": Tab lists the commands", zh: "没有命令“\(verb)”：按 Tab 列出命令")
        }
    }

    /// Words as a shell splits them: spaces separate, "double" and 'single' quotes group, \ escapes.
    public static func tokens(_ line: String) throws(OptionError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if ch == "\\" && quote != "'" {
                escaped = true
                inWord = true
                continue
            }
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
                continue
            }
            if ch == "\"" || ch == "'" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" || ch == "\u{3000}" {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if quote != nil { throw OptionError("a quote is not closed", zh: "引号未闭合") }
        if inWord || escaped { words.append(current) }
        return words
    }

    /// Positional words and `--name value` / `--name=value` options (flags take no value).
    static func split(
        _ words: [String], known: [String], flags: Set<String>
    ) throws(OptionError) -> ([String], [String: [String]]) {
        var positional: [String] = []
        var options: [String: [String]] = [:]
        var i = 0
        while i < words.count {
            let w = words[i]
            i += 1
            guard w.hasPrefix("--"), w.count > 2 else {
                positional.append(w)
                continue
            }
            var name = String(w.dropFirst(2))
            var value: String?
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard known.contains(name) else {
                let takes = known.map { "--" + $0 }.joined(separator: " ")
                throw OptionError("unknown option --\(name): this command takes \(takes)", zh: "没有选项 --\(name)：此命令可用 \(takes)")
            }
            if flags.contains(name) {
                options[name, default: []].append("")
                continue
            }
            if value == nil {
                guard i < words.count else { throw OptionError("--\(name) needs a value", zh: "--\(name) 需要一个值", option: name) }
                value = words[i]
                i += 1
            }
            options[name, default: []].append(value!)
        }
        return (positional, options)
    }
}
