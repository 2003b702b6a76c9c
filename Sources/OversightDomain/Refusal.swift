/// Why a change was refused and nothing written (the store throws these). `oversight matter …` exits 1 on any of these.
public enum Refusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// No matter with this id that the user may see (unknown and forbidden look the same).
    case notFound(MatterID)
    /// The workflow refused: not this party's step, not in this state, or input missing or wrong.
    case workflow(WorkflowError)
    /// The matter changed since the version the user looked at: here it is as it stands now.
    case stale(expected: Int, current: Matter)
    case unknownOrganisation(String)
    /// The acting user was disabled (perhaps while their session was open).
    case disabledUser(UserName)
    /// The document number is already another matter's.
    case numberTaken(String)
    /// No number was given and the issuing organisation has no code (机关代字) to make one from.
    case noDocumentCode(OrgID)
    /// The organisation was disabled by an administrator: it gets no new matters, and its people write nothing.
    case organisationDisabled(OrgID)
    /// The organisation belongs to a county the sender's may not name (`Counties.reach`): another county's.
    case outsideCounty(OrgID)
    /// The matter's field lies outside the concerned department's, and it was not confirmed (Art. 4).
    case outsideFields(FieldMismatch)
    /// This organisation's submission of the same step on the matter waits on its head's decision (`SignOff`).
    case awaitingDecision(MatterID, MatterAction, submission: Int64)
    /// No submission on this matter waiting for the user's organisation's decision (or no such matter they may see).
    case noSubmission(MatterID)
    /// Only a head of the submitting organisation approves or returns its submissions.
    case notHead(UserName)

    public var description: String {
        switch self {
        case .notFound(let id): return "no matter \(id) that you may see: `oversight matter list --all` shows yours"
        case .workflow(let e): return e.description
        case .stale(let expected, let m):
            return "matter \(m.id) changed since you looked (version \(expected)); it is now \(m.state.rawValue), version \(m.version): look again with `oversight matter show \(m.id)` and retry"
        case .disabledUser(let u): return "user \"\(u)\" is disabled: nothing was written; ask an administrator"
        case .unknownOrganisation(let o): return "no organisation \"\(o)\": `oversight org list` shows ids and names"
        case .numberTaken(let n): return "the document number \(n) is already used by another matter"
        case .noDocumentCode(let o): return "organisation \(o) has no document code (机关代字) to number its documents: give one with --number"
        case .organisationDisabled(let o):
            return "organisation \(o) is disabled: it takes no new matters and its people write nothing; an administrator may enable it (`oversight org enable \(o)`)"
        case .outsideCounty(let o):
            return "organisation \(o) belongs to another county: a matter names the organisations of its own county and the city bodies above it (`oversight org list` shows them)"
        case .outsideFields(let m):
            return "\(m.domain.rawValue) is not one of the fields of \(m.name) (\(m.org)): \(m.fields.map(\.rawValue).joined(separator: ", ")): check --domain, or give --confirm-domain if it is meant"
        case .awaitingDecision(let id, let a, let s):
            return "matter \(id) already has a \"\(a.rawValue)\" waiting for your head's decision (submission \(s)): wait for it to be approved or returned"
        case .noSubmission(let s):
            return "nothing of matter \(s) is waiting for your organisation's decision: `oversight matter list --awaiting-me` lists what is"
        case .notHead(let u): return "user \"\(u)\" is not a head: only a head of the organisation approves or returns its submissions"
        }
    }
}
