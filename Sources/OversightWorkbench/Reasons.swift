import OversightDomain

/// Why something asked for was not done, as a value: the screen says it in the interface's language.
public enum Problem: Hashable, Sendable {
    /// The store or the workflow refused; nothing was written.
    case refused(Refusal)
    /// A command or option could not be read.
    case option(OptionError)
    /// A store call failed (the database, not the user): its own words.
    case failed(String)
    /// A step was asked for with no matter selected (or tagged).
    case noSelection
    /// A letter that does not fit the matter.
    case letter(LetterMisfit)

    /// The form field (option name) it is about, if one.
    public var option: String? {
        switch self {
        case .refused(.workflow(.invalidInput(let p))): return p.option
        case .option(let e): return e.option
        default: return nil
        }
    }
}

extension Presenter {
    /// The problem in the interface's language.
    public func text(_ problem: Problem) -> String {
        switch problem {
        case .refused(let r): return reason(r)
        case .option(let e): return e.text(strings.language)
        case .failed(let words): return words
        case .noSelection: return strings("problem.no-selection")
        case .letter(let misfit): return reason(misfit)
        }
    }

    /// Why a change was refused. English is the domain's own wording; other languages come from the string table.
    public func reason(_ r: Refusal) -> String {
        guard strings.language != .en else { return r.description }
        switch r {
        case .notFound(let id): return strings("reason.not-found", ["id": id])
        case .workflow(let e): return reason(e)
        case .stale(let expected, let m):
            return strings("reason.stale", ["id": m.id, "expected": expected, "state": state(m), "version": m.version])
        case .unknownOrganisation(let o): return strings("reason.unknown-org", ["o": o])
        case .disabledUser(let u): return strings("reason.disabled-user", ["u": u])
        case .numberTaken(let n): return strings("reason.number-taken", ["n": n])
        case .noDocumentCode(let o): return strings("reason.no-code", ["o": o])
        case .organisationDisabled(let o): return strings("reason.org-disabled", ["o": o])
        case .outsideCounty(let o): return strings("reason.outside-county", ["o": o])
        case .outsideFields(let m): return strings("reason.outside-fields", fieldWords(m))
        case .awaitingDecision(let id, let a, _): return strings("reason.awaiting-decision", ["id": id, "step": step(a)])
        case .noSubmission(let id): return strings("reason.no-submission", ["id": id])
        case .notHead(let u): return strings("reason.not-head", ["u": u])
        }
    }

    /// A field outside a department's, in the interface language's words: `domain`, `org` (its name), `fields`.
    public func fieldWords(_ m: FieldMismatch, names: [OrgID: String] = [:]) -> [String: CustomStringConvertible] {
        let separator = strings.language == .zh ? "、" : ", "
        return ["domain": domain(m.domain), "org": names[m.org] ?? m.name,
                "fields": m.fields.map(domain).joined(separator: separator)]
    }

    public func reason(_ e: WorkflowError) -> String {
        guard strings.language != .en else { return e.description }
        func step(_ a: MatterAction) -> String { event(.step(a)) }
        switch e {
        case .notVisible: return strings("reason.not-visible")
        case .notApplicable(let a, let k): return strings("reason.not-applicable", ["kind": kind(k), "action": step(a)])
        case .notAllowed(let a, let p): return strings("reason.not-allowed", ["party": party(p), "action": step(a)])
        case .wrongState(let a, let s):
            return strings("reason.wrong-state", ["state": strings.first("state.\(s.rawValue)", s.rawValue), "action": step(a)])
        case .invalidInput(let p): return reason(p)
        }
    }

    public func reason(_ p: InputProblem) -> String {
        if case .text(let t) = p { return reason(t) }
        guard strings.language != .en else { return p.description }
        func names(_ o: [Outcome]) -> String { o.map(\.rawValue).joined(separator: "|") }
        switch p {
        case .textRequired: return strings("reason.text-required")
        case .documentNumberRequired: return strings("reason.number-required")
        case .malformedDocumentNumber(let n): return strings("reason.malformed-number", ["n": n])
        case .outcomeRequired(let o): return strings("reason.outcome-required", ["allowed": names(o)])
        case .outcomeNotAllowed(let o, let allowed):
            return allowed.isEmpty ? strings("reason.outcome-none", ["o": o.rawValue])
                : strings("reason.outcome-not-allowed", ["o": o.rawValue, "allowed": names(allowed)])
        case .escalationRequired:
            return strings("reason.escalation-required", ["allowed": EscalationOption.allCases.map(\.rawValue).joined(separator: "|")])
        case .escalationNotAllowed(let e): return strings("reason.escalation-not-allowed", ["e": e.rawValue])
        case .noGroundsForEscalation(let due):
            return strings("reason.no-grounds", ["due": due.map { strings("reason.no-grounds.due", ["d": $0]) } ?? ""])
        case .dateInFuture(let d): return strings("reason.date-future", ["d": d])
        case .dateBefore(let d): return strings("reason.date-before", ["d": d])
        case .urgentPeriodRequired: return strings("reason.urgent-period-required")
        case .urgentPeriodFixed(let period): return strings("reason.urgent-period-fixed", ["period": self.period(period)])
        case .badPeriod(let e): return strings("reason.bad-period", ["e": e])
        case .variantNotAllowed(let v, let k): return strings("reason.variant-not-allowed", ["kind": kind(k), "v": v.rawValue])
        case .partiesNotAllowed(let from, let to): return strings("reason.parties-not-allowed", ["from": party(from), "to": party(to)])
        case .titleRequired: return strings("reason.title-required")
        case .serviceNotAllowed: return strings("reason.service-not-allowed")
        case .receiptBeforeService(let d): return strings("reason.receipt-before", ["d": d])
        case .receiptInFuture(let d): return strings("reason.receipt-future", ["d": d])
        case .text(let t): return reason(t)
        case .followOnNotAllowed(let k, let f, let allowed):
            return allowed.isEmpty ? strings("reason.follow-on-none", ["follows": kind(f)])
                : strings("reason.follow-on-not-allowed", [
                    "kind": kind(k), "follows": kind(f), "allowed": allowed.map(kind).joined(separator: strings("list.separator"))])
        case .followOnTooEarly(let f):
            return f == .suggestion ? strings("reason.follow-on-not-escalated") : strings("reason.follow-on-not-issued", ["follows": kind(f)])
        case .planNotInForce(let standing):
            return strings(standing == .awaitingSignatures ? "reason.plan-awaiting-signatures"
                : standing == .notAgreed ? "reason.plan-not-agreed" : "reason.plan-not-in-force")
        case .followOnNotYours(let p, let f, let allowed):
            return strings("reason.follow-on-not-yours", [
                "party": party(p), "follows": kind(f), "allowed": allowed.map(kind).joined(separator: strings("list.separator"))])
        case .inviteesNotAllowed(let k): return strings("reason.invitees-not-allowed", ["kind": kind(k)])
        case .invitedTwice(let o): return strings("reason.invited-twice", ["o": o])
        case .alreadyAnswered(let a): return strings("reason.already-answered", ["answer": strings("invitee.answer.\(a.rawValue)")])
        case .shareNotAllowed(let k): return strings("reason.share-not-allowed", ["kind": kind(k)])
        case .shareNotColleague(let u): return strings("reason.share-not-colleague", ["u": u])
        }
    }

    /// A text that breaks `TextRule`: the field, what, where, the character (`U+200B ZERO WIDTH SPACE`), the limit.
    public func reason(_ p: TextProblem) -> String {
        guard strings.keys.contains("reason.text.invisible") else { return p.description }
        let field = strings.first("field.\(p.field.rawValue)", p.field.rawValue)
        var values: [String: CustomStringConvertible] = [
            "field": field, "char": p.characterName ?? "", "n": p.position ?? 0, "limit": Self.grouped(p.limit),
        ]
        switch p.what {
        case .control: return strings(p.field.isLong ? "reason.text.control-long" : "reason.text.control", values)
        case .invisible: return strings("reason.text.invisible", values)
        case .nothingVisible: return strings("reason.text.nothing-visible", values)
        case .tooLong(let count):
            values["count"] = Self.grouped(count)
            return strings("reason.text.too-long", values)
        }
    }

    /// 1048576 → "1,048,576".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// "15日", "2个月", "10个工作日".
    public func period(_ p: Period) -> String { strings("period.\(p.unit.rawValue)", ["n": p.amount]) }
}
