import OversightDomain

/// What the hint line says happened, until the next key (drawn in the interface language by the screen).
public enum Message: Hashable, Sendable {
    case done(MatterAction, String)
    /// A handler's step that needs the head's decision (`SignOff`) was kept as a submission: it goes out once approved.
    case submitted(MatterAction, String)
    /// A head approved a submitted step (`String`: the matter's number or title): it went out as submitted.
    case approved(MatterAction, String)
    /// A head returned a submitted step to its handler with a reason.
    case returned(MatterAction, String)
    /// An escalation done (`String`: the matter's number or title) that announces a follow-on of `kind`: the `:`
    /// line that opens it (`:new referral --follows 12`) is offered.
    case followOnOffered(String, kind: MatterKind, follows: MatterID)
    case created(String)
    /// Another session's change; `actor` is the person's display name (their login when it is not known).
    case changed(actor: String, action: EventAction, matter: MatterID, count: Int)
    case tagged(Int)
    case cancelled
    /// A form was left with its long text kept as a draft.
    case draftKept
    /// A form opened with the text of a draft.
    case draftRestored
    /// The database could be reached again after it could not (a shared database restarted): the session went on.
    case reconnected
    /// On entry: drafts from an earlier session wait for their forms.
    case draftsWaiting(Int)
    case text(String)
    /// Text was pasted where there is no text field: nothing was done with it.
    case pasteOutsideField
    /// A paste longer than its field may hold: only its first `limit` characters went in.
    case pasteCut(Int)
    /// A paste held control or invisible characters, which the field left out (`count` of them, the first `first`).
    case pasteHiddenDropped(count: Int, first: Unicode.Scalar)
    /// The store changed people or keys as asked.
    case people(PeopleCommand)
    /// A step on tagged matters: how many were done, and each refused one named with why.
    case batchDone(BatchOutcome)
    /// A letter recorded, and the command that fetches it as a document.
    case letterRecorded(fetch: String)
    /// `:rules propose`: the value waits for the other party's `:rules agree`.
    case ruleProposed(CountyRuleKey, Period)
    /// `:rules agree`: the rule's new version and value, in force for clocks started from `since`.
    case ruleAgreed(CountyRuleKey, version: Int, Period, since: CivilDate)
}

extension AppState {
    /// The command that fetches `letter` as a .docx: over SSH (`sshAddress`, e.g. oversight@10.0.0.5)
    /// `ssh ADDRESS doc reminder 12 > 催告函.docx`, else `oversight doc reminder 12 --out 催告函.docx`.
    public func fetchCommand(_ letter: Letter) -> String {
        let file = "\(letter.title).docx"
        guard let sshAddress else { return "oversight doc \(letter.kind.rawValue) \(letter.matter) --out \(file)" }
        return "ssh \(sshAddress) doc \(letter.kind.rawValue) \(letter.matter) > \(file)"
    }
}
