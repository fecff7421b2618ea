package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.coroutineScope
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.TrailFollowing
import org.sentier.core.CatalogException
import org.sentier.core.Fix
import org.sentier.core.FollowState
import org.sentier.core.FollowHeadline
import org.sentier.core.FollowerEvent
import org.sentier.core.MeasureFormatter
import org.sentier.core.RoutePointKind
import org.sentier.core.TrailException
import org.sentier.ffi.CatalogInterface

/** The next point of the route ahead of the hiker, its distance written by the core. */
data class PointAheadText(val kind: RoutePointKind, val name: String, val distance: String)

/** What the follower just announced, each measure written by the core; the screen words it. */
sealed interface FollowAlert {
    data class OffRoute(val distance: String) : FollowAlert
    data object BackOnRoute : FollowAlert
    data object WrongDirection : FollowAlert
    data object RightDirection : FollowAlert
    data class PointAhead(val point: PointAheadText) : FollowAlert
    data class EnteredSensitiveArea(val name: String) : FollowAlert
    data class LeftSensitiveArea(val name: String) : FollowAlert
    data object Arrived : FollowAlert
}

/** The follow banner: the follower's state with every figure written by the core. */
data class FollowBanner(
    /** What the banner says first, in the core's order of importance. */
    val headline: FollowHeadline,
    val distanceRemaining: String,
    val ascentRemaining: String,
    val descentRemaining: String,
    /** Time left at the trek's pace, when the follower estimates it. */
    val timeRemaining: String?,
    /** When the hiker should arrive at that pace, as a time of day. */
    val arrival: String?,
    /** How far the hiker is from the trek, when off it. */
    val offRouteBy: String?,
    val pointAhead: PointAheadText?,
    /** The sensitive areas the hiker is in. */
    val sensitiveAreas: List<String>,
)

data class FollowScreenState(
    /** The trek followed, null when none. */
    val trekId: Long? = null,
    val trekName: String? = null,
    /** Null until the first fix. */
    val banner: FollowBanner? = null,
    /** The follower's latest event. */
    val alert: FollowAlert? = null,
    /** The core's message when the trek's route could not be read or followed. */
    val error: String? = null,
)

/**
 * Following a trek on the map: the core's follower fed with the device's
 * fixes; its state feeds the banner and its events the alerts. Every
 * judgement (off route, direction, point ahead, sensitive area, arrival) and
 * every figure is the core's.
 */
class FollowPresenter(
    private val measures: StateFlow<MeasureFormatter>,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) {
    private val current = MutableStateFlow(FollowScreenState())
    val state: StateFlow<FollowScreenState> = current.asStateFlow()

    /** Chooses the trek to follow (highlighted on the map, its banner shown); null stops following. */
    fun select(id: Long?) {
        current.value = FollowScreenState(trekId = id)
    }

    /**
     * Follows the selected trek of [catalog] with [fixes] until they end or
     * the caller is cancelled (the map screen, while it shows).
     */
    suspend fun follow(catalog: CatalogInterface, language: String, fixes: Flow<Fix>) {
        val id = current.value.trekId ?: return
        val follower = try {
            withContext(io) { TrailFollowing(catalog.trekRoute(id, language)) }
        } catch (error: CatalogException) {
            current.update { it.copy(error = error.message) }
            return
        } catch (error: TrailException) {
            current.update { it.copy(error = error.message) }
            return
        }
        current.update { it.copy(trekName = follower.routeName, error = null) }
        coroutineScope {
            launch { follower.events.collect { event -> current.update { it.copy(alert = alert(event)) } } }
            try {
                fixes.collect { fix ->
                    val followed = follower.push(fix)
                    current.update { it.copy(banner = banner(followed, follower)) }
                }
            } finally {
                // Ends the events once the last ones are shown.
                follower.close()
            }
        }
    }

    private fun banner(state: FollowState, follower: TrailFollowing): FollowBanner {
        val measures = measures.value
        return FollowBanner(
            headline = state.headline,
            distanceRemaining = measures.distance(state.distanceRemainingM),
            ascentRemaining = measures.elevation(state.ascentRemainingM),
            descentRemaining = measures.elevation(state.descentRemainingM),
            timeRemaining = state.timeRemainingS?.let(measures::duration),
            arrival = state.arrivalAtMs?.let { measures.clockTime(it, utcOffsetMinutes(it)) },
            offRouteBy = measures.distance(state.distanceFromRouteM).takeIf { state.headline == FollowHeadline.OFF_ROUTE },
            pointAhead = state.nextPoint?.let { PointAheadText(it.point.kind, it.point.name, measures.distance(it.distanceM)) },
            sensitiveAreas = state.insideSensitiveZones.mapNotNull(follower::zoneName),
        )
    }

    private fun alert(event: FollowerEvent): FollowAlert {
        val measures = measures.value
        return when (event) {
            is FollowerEvent.OffRoute -> FollowAlert.OffRoute(measures.distance(event.distanceM))
            FollowerEvent.BackOnRoute -> FollowAlert.BackOnRoute
            FollowerEvent.WrongDirection -> FollowAlert.WrongDirection
            FollowerEvent.RightDirection -> FollowAlert.RightDirection
            is FollowerEvent.PointAhead -> FollowAlert.PointAhead(
                PointAheadText(event.ahead.point.kind, event.ahead.point.name, measures.distance(event.ahead.distanceM)),
            )
            is FollowerEvent.EnteredSensitiveZone -> FollowAlert.EnteredSensitiveArea(event.name)
            is FollowerEvent.LeftSensitiveZone -> FollowAlert.LeftSensitiveArea(event.name)
            FollowerEvent.Arrived -> FollowAlert.Arrived
        }
    }
}
