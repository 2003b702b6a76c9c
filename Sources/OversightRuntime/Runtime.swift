import Foundation
import OversightDomain
import OversightScreens
import OversightStore
import OversightWorkbench
import Synchronization
import TerminalKit

/// The loop: event → action → reduce → run effects → draw → flush.
///
/// - Important: runs on the thread that created the backend, and only there: ncurses is not
///   thread-safe. Signals only set a flag that the loop reads between events.
public final class Runtime {
    public enum Exit: Equatable, Sendable {
        case quit
        case hangup
        case terminated
        /// No key came for the idle time: the session ended itself.
        case idle
    }

    let store: Store
    let interpreter: EffectInterpreter
    let backend: any TerminalBackend
    let screen: Screen
    let keymap: Keymap
    public private(set) var state: AppState
    private var changeToken: Int64?
    /// Whether the last poll failed (the database could not be read): the next that works says it is back.
    private var pollFailed = false
    /// The viewer's organisation's open submissions as last seen (`Store.signOffToken`): sign-off writes no event.
    private var signOffToken: Int64?
    /// The database's holiday notices and county rules as last seen (`Store.clockToken`): loading a notice or
    /// agreeing a rule moves it, and the clock is read again.
    private var clockToken: String?
    /// Other connections' commits as last polled (`Store.othersCommitMark`); nil after this session wrote, so the
    /// next poll reads the tokens whatever the mark says.
    private var commitMark: Int64?
    /// The clock before the database's overlay (the shipped calendars and the rule book, `OversightResources.clock()`):
    /// what `Store.clock(base:)` lays the loaded notices and the agreed rules over when the token moves.
    let base: PeriodCalculator
    /// The time, for the idle timeout and the poll for other sessions' writes (a test moves it on).
    var now: () -> ContinuousClock.Instant = { .now }
    private lazy var lastPoll = now()
    private lazy var lastInput = now()
    /// A session with no key for this long ends (nil: never).
    let idleTimeout: Duration?

    /// How often another session's writes are looked for.
    public static let pollInterval = Duration.milliseconds(1000)
    /// How long one wait for a key lasts; bounds how late a signal or a change is noticed.
    static let eventTimeoutMilliseconds = 250
    /// How long no key must come, with work put off until the keys stop (`idle`), before that work runs: longer than
    /// a held key's repeat (30–40 ms) and most gaps between keys typed in a row, so neither pays for it at every key;
    /// short enough that it follows a pause at once.
    static let settleMilliseconds = 100

    /// Work `reduce` asked for once no key waits (`Effect.whenIdle`), in the order asked: run by `handle(nil)` (a wait
    /// for a key that timed out). A newer request for the same work replaces the one pending (`Effect.sameWork`).
    private(set) var idle: [Effect] = []
    /// How long the last wait for a key lasted (ms): a timeout as long as `settleMilliseconds` means the keys stopped;
    /// a look that found no key waiting only lets the work before the frame run. (A test's `handle(nil)`: stopped.)
    private var waited = Runtime.eventTimeoutMilliseconds

    public init(
        store: Store, backend: any TerminalBackend, screen: Screen, state: AppState, base: PeriodCalculator? = nil,
        keymap: Keymap = .standard, idleTimeout: Duration? = nil, letters: EffectInterpreter.Letters = .init()
    ) {
        // No base given: the state's clock is taken as the clock before the database's overlay.
        self.base = base ?? state.clock
        self.idleTimeout = idleTimeout
        self.store = store
        self.interpreter = EffectInterpreter(store: store, letters: letters, words: screen.presenter, base: base ?? state.clock)
        self.backend = backend
        self.screen = screen
        self.state = state
        self.keymap = keymap
    }

    /// Loads the first data and draws the first frame. Throws when the database cannot be
    /// read at all; later failures only show on the hint line.
    public func start() throws {
        let size = backend.size
        dispatch(.resized(width: size.width, height: size.height))
        store.watchChanges(of: state.viewer.org.id)
        changeToken = try store.changeToken()
        signOffToken = try store.signOffToken(for: state.viewer)
        clockToken = try store.clockToken(county: state.viewer.org.county)
        run([.loadInbox, .loadDrafts])
        draw()
    }

    /// Runs until the user quits, the terminal goes away, or a signal asks to stop.
    public func run(signals: SignalWatch? = nil) throws -> Exit {
        try start()
        while true {
            if let s = signals?.pending { return end(s) }
            // Work due before the next frame: only a key already waiting comes first; work for when the keys stop: a
            // settling pause.
            waited = idle.contains(where: \.isBeforeDraw) ? 0 : idle.isEmpty ? Self.eventTimeoutMilliseconds : Self.settleMilliseconds
            let event = backend.nextEvent(timeoutMilliseconds: waited)
            let before = dispatched
            if let exit = handle(event) { return end(exit) }
            // A key asked for work before its frame: the frame waits for it (or for the next key, which takes its place).
            if event != nil, idle.contains(where: \.isBeforeDraw) { continue }
            // The screen is a function of the state: a timeout that changed nothing draws nothing (an idle
            // session wakes four times a second to poll, and used to render the whole screen each time).
            if event != nil || dispatched != before { draw() }
        }
    }

    /// Leaves the loop: what is typed into an open form is kept as a draft (one short write), then `exit`.
    func end(_ exit: Exit) -> Exit {
        dispatch(.ending)
        return exit
    }

    /// Handles one event (nil: a timeout, no key waiting: the work put off until the keys stop runs). Returns how the
    /// loop ends, if it does: only quitting or a lost terminal end it here; a failing store call shows on the hint line
    /// instead.
    public func handle(_ event: TerminalEvent?) -> Exit? {
        switch event {
        case .key(let key):
            lastInput = now()
            dispatch(.key(key.name))
        case .paste(let text):
            lastInput = now()
            dispatch(.paste(text))
        case .resize(let size):
            dispatch(.resized(width: size.width, height: size.height))
        case .hangup:
            return .hangup
        case nil:
            runIdle()
        }
        // Also while the user types or moves: another session's change shows within the poll interval.
        pollForChanges()
        if state.quitting { return .quit }
        if let idleTimeout, now() - lastInput >= idleTimeout { return .idle }
        return nil
    }

    /// Asks the store whether another process wrote since the last look, at most once a poll interval.
    public func pollForChanges(force: Bool = false) {
        let now = self.now()
        guard force || now - lastPoll >= Self.pollInterval else { return }
        lastPoll = now
        let changes: Changes
        let signOff: Int64
        let clock: (token: String, clock: PeriodCalculator)?
        let mark: Int64?
        do {
            // Nobody else committed since the last poll and this session wrote nothing: the three tokens are as they
            // were (a once-a-second look costs one pragma, not three reads).
            mark = try store.othersCommitMark()
            if !force, let mark, mark == commitMark { return }
            changes = try store.changes(after: changeToken ?? 0, for: state.viewer)
            signOff = try store.signOffToken(for: state.viewer)
            // A notice loaded re-clocks running deadlines in its own transaction (their events move the change token
            // too): the clock is read after the events, so re-clocking events seen here come with their notice's clock.
            let county = state.viewer.org.county
            let token = try store.clockToken(county: county)
            clock = token == clockToken ? nil : (token, try store.clock(base: base, county: county))
        } catch {
            dispatch(.effectFailed(interpreter.message(for: error)))
            pollFailed = true
            return
        }
        if pollFailed {
            pollFailed = false
            dispatch(.databaseBack)
        }
        commitMark = mark
        // The clock first: the reload the events ask for counts with the new calendar.
        var actions: [AppAction] = []
        if let clock {
            clockToken = clock.token
            actions.append(.clockLoaded(clock.clock))
        }
        let signOffMoved = signOff != signOffToken
        signOffToken = signOff
        if changes.lastEventID != changeToken {
            changeToken = changes.lastEventID
            // Only what the viewer may see is reloaded and named; other writes (people, other parties) move the token.
            if !changes.events.isEmpty {
                actions.append(.othersChanged(changes.events, names: changes.names))
            } else if signOffMoved {
                actions.append(.signOffChanged)
            }
        } else if signOffMoved {
            // A submission (or a return) of the organisation's: what waits on sign-off is read again.
            actions.append(.signOffChanged)
        }
        dispatch(actions)
    }

    public func draw() {
        backend.draw(screen.render(state, size: backend.size))
    }

    /// How many actions were dispatched: the state can have changed only when this moved.
    private(set) var dispatched = 0

    func dispatch(_ action: AppAction) {
        dispatched += 1
        run(reduce(&state, action, keymap: keymap, measure: screen.detailMeasure))
    }

    /// Reduces `actions` in order, then runs what they asked for once (a reload two of them ask for is read once,
    /// after all of them: a new clock and the events it wrote are shown by one reload, with the new clock).
    /// Returns the effects run.
    @discardableResult
    func dispatch(_ actions: [AppAction]) -> [Effect] {
        var effects: [Effect] = []
        for action in actions {
            dispatched += 1
            for e in reduce(&state, action, keymap: keymap, measure: screen.detailMeasure) where !effects.contains(e) { effects.append(e) }
        }
        if !effects.isEmpty { run(effects) }
        return effects
    }

    /// Runs the work put off until no key waits, once (what it asks for in turn is run or put off the same way).
    func runIdle() {
        // After a look that found no key: the work before the frame; after a settling pause: all of it.
        let due = idle.filter { waited >= Self.settleMilliseconds || $0.isBeforeDraw }
        guard !due.isEmpty else { return }
        idle.removeAll { due.contains($0) }
        let work = due.map(\.deferredWork)
        // Counted as a dispatch: the state it changes is drawn.
        dispatched += 1
        run(work)
    }

    /// Interprets effects; their results (failures too) come back as actions. What they ask for `.whenIdle` is kept
    /// in `idle`.
    func run(_ effects: [Effect]) {
        let measure = screen.detailMeasure
        // Anything but a read may write on this session's connection, which `othersCommitMark` does not count.
        if !effects.allSatisfy(\.onlyReads) { commitMark = nil }
        let later = interpreter.perform(effects, on: &state, deferring: true) { [keymap] state, action in
            reduce(&state, action, keymap: keymap, measure: measure)
        }
        for e in later {
            idle.removeAll { $0.deferredWork.sameWork(as: e.deferredWork) }
            idle.append(e)
        }
        // This session's own sign-off writes (a submission, a decision) are already shown: the token moves past
        // them, so another session's change that brings it back where it was (a return, then a new submission)
        // is still noticed. (Read after the reload they caused: a change landing in between is in that reload.)
        if effects.contains(where: \.writesSignOff) { signOffToken = (try? store.signOffToken(for: state.viewer)) ?? signOffToken }
        // An approval writes its handler's step (the handler is its actor): shown by the reload it caused, so not
        // another session's news; the change token moves past it the same way.
        if effects.contains(where: { if case .approve = $0 { true } else { false } }) {
            changeToken = (try? store.changes(after: .max, for: state.viewer).lastEventID) ?? changeToken
        }
        // An agreement of this session's moved the clock, read again with it (`.clockLoaded`): the token moves past
        // it, so the poll does not read and reload it once more.
        if effects.contains(where: { if case .agreeRule = $0 { true } else { false } }) {
            clockToken = (try? store.clockToken(county: state.viewer.org.county)) ?? clockToken
        }
    }
}

extension Effect {
    /// Whether the effect only reads the store (every other one is taken to write).
    var onlyReads: Bool {
        switch self {
        case .loadInbox, .loadInboxPage, .loadFilteredInbox, .loadInboxCount, .loadDeadlines, .loadDetail, .loadDrafts, .loadReport,
             .loadRules, .fillLetter:
            return true
        case .whenIdle(let e), .beforeDraw(let e): return e.onlyReads
        default: return false
        }
    }

    /// Work put off (`.whenIdle`, `.beforeDraw`): kept by the runtime instead of run with the rest.
    var isDeferred: Bool {
        switch self {
        case .whenIdle, .beforeDraw: return true
        default: return false
        }
    }

    var isBeforeDraw: Bool {
        if case .beforeDraw = self { true } else { false }
    }

    /// The work a deferred effect puts off (itself for any other).
    var deferredWork: Effect {
        switch self {
        case .whenIdle(let e), .beforeDraw(let e): return e.deferredWork
        default: return self
        }
    }

    /// Whether `other`, put off until the keys stop, makes this one pending needless: the same effect, or a newer
    /// read of the same thing (the detail of another matter, the count of a newer filter).
    func sameWork(as other: Effect) -> Bool {
        switch (self, other) {
        case (.loadDetail, .loadDetail), (.loadInboxCount, .loadInboxCount): return true
        default: return self == other
        }
    }

    /// Whether the effect may write a submission or a decision on one (sign-off).
    var writesSignOff: Bool {
        switch self {
        case .act, .approve, .returnSubmission: return true
        default: return false
        }
    }
}

/// Watches SIGHUP, SIGTERM and SIGINT. The handler only records the signal; the runtime's
/// loop notices it between events and leaves cleanly (ending curses, closing the database).
public final class SignalWatch {
    private final class Flag: Sendable {
        let signal = Atomic<Int32>(0)
    }

    private let flag = Flag()
    private var sources: [any DispatchSourceSignal] = []

    public init() {
        let queue = DispatchQueue(label: "oversight.signals")
        for sig in [SIGHUP, SIGTERM, SIGINT] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [flag] in flag.signal.store(sig, ordering: .sequentiallyConsistent) }
            source.resume()
            sources.append(source)
        }
    }

    /// How the loop should end, if a signal came.
    public var pending: Runtime.Exit? {
        switch flag.signal.load(ordering: .sequentiallyConsistent) {
        case 0: return nil
        case SIGHUP: return .hangup
        default: return .terminated
        }
    }

    deinit {
        for s in sources { s.cancel() }
    }
}
