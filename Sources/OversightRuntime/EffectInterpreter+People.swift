import Foundation
import OversightDomain
import OversightStore
import OversightWorkbench

extension EffectInterpreter {
    /// A change of people or keys through the store's checked write path. A refusal (not an administrator, an
    /// unknown person or key) comes back as a failure said on the hint line; nothing was written.
    func people(_ command: PeopleCommand, _ state: AppState) throws -> [AppAction] {
        let viewer = state.viewer, today = state.today
        do {
            switch command {
            case .addUser(let o):
                let role: Role
                do { role = try o.parsedRole() } catch { return [.effectFailed(words?.text(.option(error)) ?? error.description)] }
                let orgID = Organisation.find(o.org, in: try store.organisations(for: viewer))?.id ?? o.org
                try store.add(User(name: o.name, displayName: o.displayName ?? o.name, org: orgID, role: role), by: viewer, on: today)
            case .disable(let name):
                try store.disable(user: name, by: viewer, on: today)
            case .enable(let name):
                try store.enable(user: name, by: viewer, on: today)
            case .addKey(let user, let file):
                let text: String
                do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
                    return [.effectFailed(words?.strings("key.cannot-read", ["path": file]) ?? "cannot read the key file \(file)")]
                }
                do {
                    try store.addKey(try SSHPublicKey(fileText: text), to: user, by: viewer, on: today)
                } catch let problem as SSHPublicKey.Problem {
                    return [.effectFailed("\(file): \(words?.text(problem) ?? problem.description)")]
                }
            case .removeKey(let user, let key):
                try store.removeKey(key, of: user, by: viewer, on: today)
            case .addOrg(let o):
                let org: Organisation
                do { org = try o.organisation(words: state.words) } catch { return [.effectFailed(words?.text(.option(error)) ?? error.description)] }
                try store.add(org, by: viewer, on: today)
            case .renameOrg(let o, let name):
                try store.setName(of: try orgID(o, viewer), to: name, by: viewer, on: today)
            case .disableOrg(let o):
                try store.disable(org: try orgID(o, viewer), by: viewer, on: today)
            case .enableOrg(let o):
                try store.enable(org: try orgID(o, viewer), by: viewer, on: today)
            }
        } catch let refusal as Store.PeopleFailure {
            return [.effectFailed(words?.text(refusal) ?? refusal.description)]
        }
        return [.peopleChanged(command)]
    }

    /// An organisation named by id or name; an unknown one as given (the store names it, after checking the administrator).
    private func orgID(_ text: String, _ viewer: Viewer) throws -> OrgID {
        Organisation.find(text, in: try store.organisations(for: viewer))?.id ?? text
    }
}
