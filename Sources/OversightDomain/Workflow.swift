import Foundation

/// The mechanism's workflows as pure functions over data (docs/mechanism.md maps them to the articles).
public enum Workflow {
    private static let all = Set(MatterState.allCases)

    /// The state machine of `kind`: every step, who may take it and from which states.
    public static func steps(of kind: MatterKind) -> [Step] {
        let note = Step(.note, from: all, to: nil, by: .anyViewer)
        switch kind {
        case .suggestion:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .senderOrRecipient),
                Step(.object, from: [.served], to: .objected, by: .recipient),
                Step(.maintain, from: [.objected], to: .served, by: .sender),
                Step(.amend, from: [.issued, .served, .objected], to: .issued, by: .sender),
                Step(.reply, from: [.served, .escalated], to: .replied, by: .recipient),
                Step(.check, from: [.replied], to: nil, by: .sender),
                Step(.remind, from: [.served, .objected, .escalated], to: nil, by: .sender),
                Step(.escalate, from: [.served, .objected, .replied, .escalated], to: .escalated, by: .sender),
                Step(.close, from: [.replied, .escalated], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .served, .objected, .replied, .escalated], to: .withdrawn, by: .sender),
                note,
            ]
        case .transfer:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .senderOrRecipient),
                Step(.amend, from: [.issued, .served], to: .issued, by: .sender),
                Step(.reply, from: [.served], to: .replied, by: .recipient),
                Step(.remind, from: [.served], to: nil, by: .sender),
                Step(.close, from: [.replied], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .served], to: .withdrawn, by: .sender),
                note,
            ]
        case .inspection:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .senderOrRecipient),
                Step(.reply, from: [.served], to: .replied, by: .recipient),
                Step(.remind, from: [.served], to: nil, by: .sender),
                Step(.close, from: [.replied], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .served], to: .withdrawn, by: .sender),
                note,
            ]
        case .referral:
            // The recipient is outside the system: the sender records every step.
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.serve, from: [.issued], to: .served, by: .sender),
                Step(.reply, from: [.served], to: .replied, by: .sender),
                Step(.close, from: [.served, .replied], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued], to: .withdrawn, by: .sender),
                note,
            ]
        case .dispute:
            // Either entry point (Art. 7 ¶1 justice invites; ¶3 procuratorate asks): the justice bureau copies
            // the result, the procuratorate closes (acknowledging it, or after 释法说理).
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.accept, from: [.issued], to: .inProgress, by: .recipient),
                Step(.decline, from: [.issued], to: .closed, by: .recipient),
                Step(.reply, from: [.inProgress], to: .replied, by: .party(.justice)),
                Step(.close, from: [.replied], to: .closed, by: .party(.procuratorate)),
                Step(.withdraw, from: [.draft, .issued], to: .withdrawn, by: .sender),
                note,
            ]
        case .enforcementCopy:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.acknowledge, from: [.issued], to: .closed, by: .recipient),
                Step(.withdraw, from: [.draft], to: .withdrawn, by: .sender),
                note,
            ]
        case .supervisionApplication:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.accept, from: [.issued], to: .inProgress, by: .recipient),
                Step(.decline, from: [.issued], to: .closed, by: .recipient),
                Step(.remind, from: [.inProgress], to: nil, by: .sender),
                Step(.close, from: [.inProgress], to: .closed, by: .recipient),
                Step(.withdraw, from: [.draft, .issued, .inProgress], to: .withdrawn, by: .sender),
                note,
            ]
        case .jointInspection:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.accept, from: [.issued], to: .inProgress, by: .recipient),
                Step(.decline, from: [.issued], to: .closed, by: .recipient),
                Step(.close, from: [.issued, .inProgress], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued, .inProgress], to: .withdrawn, by: .sender),
                note,
            ]
        case .meeting:
            return [
                Step(.issue, from: [.draft], to: .issued, by: .sender),
                Step(.close, from: [.issued], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .issued], to: .withdrawn, by: .sender),
                note,
            ]
        case .consultation:
            // Asked in the system, the question is received when it is issued: the service level runs from then.
            // The answer is a `reply` (worded 答复 / answer for this kind); the asker closes.
            return [
                Step(.issue, from: [.draft], to: .served, by: .sender),
                Step(.reply, from: [.served], to: .replied, by: .recipient),
                Step(.remind, from: [.served], to: nil, by: .sender),
                Step(.close, from: [.replied], to: .closed, by: .sender),
                Step(.withdraw, from: [.draft, .served], to: .withdrawn, by: .sender),
                note,
            ]
        }
    }
}
