import OversightWorkbench
import Synchronization
import TerminalKit

/// What the screen laid out in the last frames, kept for the next: a move within a page of the inbox changes the
/// selection of two rows and nothing else, so the page's columns and every other row's text are taken as they were
/// instead of measured again (callgrind: measuring and padding the rows was two fifths of a frame). Only ever a
/// cache: each value is looked up by everything it is made from, so a screen draws the same cells with or without
/// it (`ScreenMemoTests`). Shared by the copies of a `Screen`; behind a lock, as `Screen` is `Sendable`.
final class ScreenMemo: Sendable {
    /// The columns of the last page laid out, with what they were measured from.
    private struct Page {
        let rows: [InboxRowView]
        let width: Int
        let anyTagged: Bool
        let mark: String
        let columns: InboxPane.Columns
    }

    /// One row's text, fitted to its row, by what it is made from.
    private struct Line: Hashable {
        let row: InboxRowView
        let selected: Bool
        let width: Int
        let columns: InboxPane.Columns
    }

    private struct State {
        var page: Page?
        var lines: [Line: String] = [:]
    }

    /// A few pages' rows, each selected or not: enough to move and page back and forth without measuring again.
    static let lineLimit = 512

    private let state = Mutex(State())

    init() {}

    /// The columns for `rows` in a pane `width` wide: the last page's when it is the same page.
    func columns(width: Int, rows: [InboxRowView], anyTagged: Bool, mark: String) -> InboxPane.Columns {
        state.withLock { state in
            if let page = state.page, page.width == width, page.anyTagged == anyTagged, page.mark == mark, page.rows == rows {
                return page.columns
            }
            let columns = InboxPane.Columns(width: width, rows: rows, anyTagged: anyTagged, mark: mark)
            state.page = Page(rows: rows, width: width, anyTagged: anyTagged, mark: mark, columns: columns)
            return columns
        }
    }

    /// Row `row`'s text in `columns`, fitted to `width` cells (`make` makes it when it is not kept).
    func line(_ row: InboxRowView, selected: Bool, width: Int, columns: InboxPane.Columns, make: () -> String) -> String {
        let key = Line(row: row, selected: selected, width: width, columns: columns)
        if let kept = state.withLock({ $0.lines[key] }) { return kept }
        let text = make()
        state.withLock { state in
            if state.lines.count >= Self.lineLimit { state.lines.removeAll(keepingCapacity: true) }
            state.lines[key] = text
        }
        return text
    }
}
