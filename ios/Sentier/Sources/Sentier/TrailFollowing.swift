import SentierFFI

/// Following a route: push the platform's fixes with `push`, iterate what
/// changes (off route, back on route, points ahead, sensitive zones, arrival)
/// from `events`. Events are buffered, never dropped, until read; the stream
/// ends with `finish()` or when this object goes away.
public final class TrailFollowing: Sendable {
    public let events: AsyncStream<FollowerEvent>
    private let continuation: AsyncStream<FollowerEvent>.Continuation
    private let follower: TrekFollower

    public init(route: Route, config: FollowerConfig = defaultFollowerConfig()) throws {
        let (events, continuation) = AsyncStream.makeStream(of: FollowerEvent.self)
        self.events = events
        self.continuation = continuation
        follower = try TrekFollower(route: route, config: config, listener: FollowerStreamListener(continuation))
    }

    /// Takes one fix; returns the state after it, once its events are in `events`.
    @discardableResult
    public func push(_ fix: Fix) -> FollowState {
        follower.pushFix(fix: fix)
    }

    /// The state without a new fix.
    public var state: FollowState {
        follower.state()
    }

    public func finish() {
        continuation.finish()
    }

    deinit {
        continuation.finish()
    }
}

/// The core's follower listener feeding a stream.
private final class FollowerStreamListener: FollowerListener {
    private let continuation: AsyncStream<FollowerEvent>.Continuation

    init(_ continuation: AsyncStream<FollowerEvent>.Continuation) {
        self.continuation = continuation
    }

    func onEvent(event: FollowerEvent) {
        continuation.yield(event)
    }
}
