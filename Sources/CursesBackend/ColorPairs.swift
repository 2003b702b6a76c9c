import TerminalKit

/// Hands out ncurses colour pairs lazily, one per (foreground, background) actually used.
/// Pure bookkeeping: the caller does the `init_pair`.
struct ColorPairs: Sendable {
    /// Whether the terminal accepted `use_default_colors` (-1 means "the terminal's own").
    let defaultColors: Bool
    /// COLOR_PAIRS: pair numbers run 1..<limit (0 is the terminal default and fixed).
    let limit: Int
    /// COLORS: colours at or above it are shown as the default.
    let colors: Int
    private var pairs: [Key: Int16] = [:]

    struct Key: Hashable, Sendable {
        var foreground: Int16
        var background: Int16
    }

    init(defaultColors: Bool, limit: Int, colors: Int) {
        self.defaultColors = defaultColors
        self.limit = limit
        self.colors = colors
    }

    /// The pair for `fg` on `bg`, and whether it is new (the caller must `init_pair` it).
    /// Pair 0 (no colour) when both are the default or the pairs ran out.
    mutating func pair(foreground fg: Color, background bg: Color) -> (pair: Int16, new: Key?) {
        let fgDefault = fg == .default || fg.rawValue >= colors
        let bgDefault = bg == .default || bg.rawValue >= colors
        if fgDefault, bgDefault { return (0, nil) }
        // Without use_default_colors, "default" has to be spelled out: white on black.
        let key = Key(
            foreground: fgDefault ? (defaultColors ? -1 : 7) : Int16(fg.rawValue),
            background: bgDefault ? (defaultColors ? -1 : 0) : Int16(bg.rawValue)
        )
        if let p = pairs[key] { return (p, nil) }
        let next = pairs.count + 1
        guard next < limit, next <= Int(Int16.max) else { return (0, nil) }
        pairs[key] = Int16(next)
        return (Int16(next), key)
    }
}
