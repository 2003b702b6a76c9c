import OversightDomain
import OversightWorkbench
import TerminalKit

/// The administrator's menu on a person, its confirmation, and what the hint line says after a change.
extension Screen {
    func drawAdminMenu(_ menu: AdminMenu, body: Rect, _ grid: inout CellGrid) {
        let title = strings("admin.menu.title", ["name": Sanitizer.shown(menu.user.displayName), "login": Sanitizer.shown(menu.user.name)])
        if let key = menu.confirming {
            let inner = box(in: body, rows: 2, title: strings("confirm.title"), &grid)
            grid.line(strings("admin.confirm.remove-key", ["number": key.number, "fingerprint": key.fingerprint,
                                                           "name": Sanitizer.shown(menu.user.displayName)]),
                      in: inner.row(0), style: .bold)
            grid.line(footer(.confirm), in: inner.row(1), style: .dim)
            return
        }
        let inner = box(in: body, rows: menu.entries.count + 1, title: title, &grid)
        for (i, entry) in menu.entries.prefix(max(0, inner.height - 1)).enumerated() {
            let text: String
            switch entry {
            case .disable: text = strings("admin.menu.disable")
            case .enable: text = strings("admin.menu.enable")
            case .removeKey(let k):
                text = strings("admin.menu.remove-key", ["number": k.number, "type": k.type, "fingerprint": k.fingerprint,
                                                         "comment": Sanitizer.shown(k.comment)])
            }
            var style = Style.plain
            if i == menu.selection { style.reverse = true }
            grid.line((i == menu.selection ? "> " : "  ") + text, in: inner.row(i), style: style)
        }
        grid.line(footer(.menu), in: inner.row(inner.height - 1), style: .dim)
    }

    /// The hint line after a change of people or keys.
    func peopleDone(_ command: PeopleCommand) -> String {
        let name = Sanitizer.shown(command.user)
        switch command {
        case .addUser: return strings("admin.done.add", ["name": name])
        case .disable: return strings("admin.done.disable", ["name": name])
        case .enable: return strings("admin.done.enable", ["name": name])
        case .addKey: return strings("admin.done.add-key", ["name": name])
        case .removeKey(_, let key): return strings("admin.done.remove-key", ["name": name, "key": key.description])
        case .addOrg: return strings("admin.done.org-add", ["id": name])
        case .renameOrg(_, let new): return strings("admin.done.org-rename", ["id": name, "name": Sanitizer.shown(new)])
        case .disableOrg: return strings("admin.done.org-disable", ["id": name])
        case .enableOrg: return strings("admin.done.org-enable", ["id": name])
        }
    }
}
