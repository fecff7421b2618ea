import Foundation

/// A core screen's listener as a closure: the core hands it the screen's
/// current state first, then every change, on a core thread, until the
/// `TaskHandle` that `subscribe` returned is cancelled or released.
public final class StateListener<State>: @unchecked Sendable {
    private let deliver: @Sendable (State) -> Void

    public init(_ deliver: @escaping @Sendable (State) -> Void) {
        self.deliver = deliver
    }

    fileprivate func hand(_ state: State) {
        deliver(state)
    }
}

extension StateListener: SettingsListener where State == SettingsState {
    public func onState(state: SettingsState) { hand(state) }
}

extension StateListener: PacksListener where State == PacksState {
    public func onState(state: PacksState) { hand(state) }
}

extension StateListener: TrekSearchListener where State == TrekSearchState {
    public func onState(state: TrekSearchState) { hand(state) }
}

extension StateListener: ReportComposerListener where State == ReportComposerState {
    public func onState(state: ReportComposerState) { hand(state) }
}

extension StateListener: FollowListener where State == FollowScreenState {
    public func onState(state: FollowScreenState) { hand(state) }
}

extension StateListener: OutboxStateListener where State == OutboxState {
    public func onState(state: OutboxState) { hand(state) }
}

extension StateListener: TrekDetailListener where State == TrekDetailState {
    public func onState(state: TrekDetailState) { hand(state) }
}

extension StateListener: RecordingListener where State == RecordingState {
    public func onState(state: RecordingState) { hand(state) }
}

extension StateListener: SafetyListener where State == SafetyState {
    public func onState(state: SafetyState) { hand(state) }
}

extension StateListener: MapViewListener where State == MapViewState {
    public func onState(state: MapViewState) { hand(state) }
}

/// Hands each state to `show` on the main queue, in the order the core published them.
public func onMainQueue<State: Sendable>(_ show: @escaping @MainActor (State) -> Void) -> @Sendable (State) -> Void {
    { state in
        DispatchQueue.main.async {
            MainActor.assumeIsolated { show(state) }
        }
    }
}
