package org.sentier

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.receiveAsFlow
import org.sentier.core.Fix
import org.sentier.core.FollowState
import org.sentier.core.FollowerConfig
import org.sentier.core.FollowerEvent
import org.sentier.core.Route
import org.sentier.ffi.FollowerListener
import org.sentier.ffi.TrekFollower
import org.sentier.ffi.defaultFollowerConfig

/**
 * Following a route from Kotlin: push the platform's fixes with [push], collect
 * what changes (off route, back on route, points ahead, sensitive zones,
 * arrival) from [events]. Events are buffered, never dropped, until collected.
 */
class TrailFollowing(
    route: Route,
    config: FollowerConfig = defaultFollowerConfig(),
) : AutoCloseable {
    private val channel = Channel<FollowerEvent>(Channel.UNLIMITED)

    private val follower = TrekFollower(
        route,
        config,
        object : FollowerListener {
            override fun onEvent(event: FollowerEvent) {
                channel.trySend(event)
            }
        },
    )

    /** The followed route's name. */
    val routeName: String = route.name

    private val zoneNames: Map<ULong, String> = route.sensitiveZones.associate { it.id to it.name }

    /** The name of the route's sensitive zone [id] (as [FollowState.insideSensitiveZones] lists them). */
    fun zoneName(id: ULong): String? = zoneNames[id]

    /** The follower's events, in order; completes when this is closed. */
    val events: Flow<FollowerEvent> = channel.receiveAsFlow()

    /** Takes one fix; returns the state after it. */
    fun push(fix: Fix): FollowState = follower.pushFix(fix)

    /** The current state without a new fix. */
    val state: FollowState
        get() = follower.state()

    override fun close() {
        channel.close()
        follower.close()
    }
}
