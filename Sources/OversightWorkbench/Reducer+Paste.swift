import OversightDomain
import TerminalKit

/// A paste: into the focused text field at its cursor, as text (a long text keeps its line breaks; a one-line field,
/// the `:` line and the filter get spaces for line breaks and tabs); never as keys. Anywhere else it is dropped and
/// the hint line says where a paste goes.
func paste(_ text: String, _ state: inout AppState) -> [Effect] {
    // A paste is cut at the limit of what the field may hold (TextRule): a huge paste never slows a key, and
    // the hint line says it was cut (the rest is still on the clipboard).
    func fitted(_ text: String, _ limit: Int) -> String {
        let (kept, cut) = pasteCut(text, limit: limit)
        if cut {
            state.message = .pasteCut(limit)
        } else if let (first, count) = pasteHidden(kept) {
            state.message = .pasteHiddenDropped(count: count, first: first)
        }
        return kept
    }
    switch state.mode {
    case .commandLine(var field, _, let subject):
        field.insert(oneLine(fitted(text, TextRule.longLimit)))
        state.mode = .commandLine(field, subject: subject)
        return []
    case .filter(var field):
        field.insert(oneLine(fitted(text, TextRule.lineLimit)))
        state.mode = .filter(field)
        return refilter(&state, field.text)
    case .form(var form):
        var field = form.focused
        if var editor = field.editor {
            editor.insert(fitted(text, TextRule.longLimit))
            field.editor = editor
        } else {
            field.line.insert(oneLine(fitted(text, TextRule.lineLimit)))
        }
        form.fields[form.focus] = field
        state.mode = .form(form)
        return []
    case .normal, .summary, .help, .menu, .confirm, .report, .text, .adminMenu:
        state.message = .pasteOutsideField
        return []
    }
}

/// The control and invisible characters of a paste that a text field drops (`Sanitizer.line`; line breaks and tabs
/// aside, which the field turns into what it holds): the first and how many, or nil when there are none.
func pasteHidden(_ text: String) -> (Unicode.Scalar, Int)? {
    var first: Unicode.Scalar?
    var count = 0
    for s in text.unicodeScalars where s != "\n" && s != "\r" && s != "\t" && Sanitizer.line(String(s)).isEmpty {
        if first == nil { first = s }
        count += 1
    }
    return first.map { ($0, count) }
}

/// The first `limit` Unicode scalars of a paste (the unit `TextRule` counts in), and whether anything was left out.
func pasteCut(_ text: String, limit: Int) -> (String, Bool) {
    var scalars = String.UnicodeScalarView()
    var count = 0
    for s in text.unicodeScalars {
        if count == limit { return (String(scalars), true) }
        scalars.append(s)
        count += 1
    }
    return (String(scalars), false)
}

/// Pasted text for a one-line field: each line break (CR LF, CR, LF, and the other Unicode ones) and tab is a space.
func oneLine(_ text: String) -> String {
    var out = String.UnicodeScalarView()
    var afterCR = false
    for s in text.unicodeScalars {
        defer { afterCR = s == "\r" }
        switch s.value {
        case 0x0A where afterCR: continue
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: out.append(" ")
        default: out.append(s)
        }
    }
    return String(out)
}
