/// A long text typed into a form and not yet submitted (a reply, feedback, a summary): kept when the
/// session ends, offered back when the same form opens again.
public struct Draft: Hashable, Sendable {
    /// What the form was for.
    public enum Target: Hashable, Sendable {
        case act(MatterAction, MatterID)
        case new(MatterKind)

        /// "act:reply:12", "new:suggestion": how it is stored.
        public var key: String {
            switch self {
            case .act(let a, let id): return "act:\(a.rawValue):\(id)"
            case .new(let k): return "new:\(k.rawValue)"
            }
        }

        public init?(key: String) {
            let parts = key.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            switch (parts.first, parts.count) {
            case ("act", 3):
                guard let a = MatterAction(rawValue: parts[1]), let id = MatterID(parts[2]) else { return nil }
                self = .act(a, id)
            case ("new", 2):
                guard let k = MatterKind(rawValue: parts[1]) else { return nil }
                self = .new(k)
            default: return nil
            }
        }
    }

    public var target: Target
    /// The field's option name (`text`, `summary`).
    public var field: String
    public var text: String

    public init(target: Target, field: String, text: String) {
        self.target = target
        self.field = field
        self.text = text
    }
}
