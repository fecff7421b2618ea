package org.sentier

import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.channels.awaitClose
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.buffer
import kotlinx.coroutines.flow.callbackFlow
import kotlinx.coroutines.flow.filterIsInstance
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.onEach
import org.sentier.core.InstalledPack
import org.sentier.core.PackException
import org.sentier.core.PackProgress
import org.sentier.core.TaskHandleInterface
import org.sentier.core.TerritoryChoice
import org.sentier.core.TerritoryOffer
import org.sentier.core.TerritoryProgress
import org.sentier.ffi.PackListener
import org.sentier.ffi.PacksInterface
import org.sentier.ffi.TerritoryListener

/** What a running pack download reports: progress as bytes arrive, then the installed pack. */
sealed interface PackEvent {
    data class Progress(val progress: PackProgress) : PackEvent
    data class Installed(val pack: InstalledPack) : PackEvent
}

/**
 * Downloads pack [id] from [serverUrl] (or updates it) as a cold flow: collecting
 * starts the download on the core's runtime, cancelling the collector pauses it
 * (a later collection resumes where it stopped; the installed version, if any,
 * stays as it was), and a failure ends the flow with the core's [PackException].
 */
fun PacksInterface.downloadEvents(serverUrl: String, id: String): Flow<PackEvent> = callbackFlow {
    val handle = download(serverUrl, id, object : PackListener {
        override fun onProgress(progress: PackProgress) {
            trySend(PackEvent.Progress(progress))
        }

        override fun onFinished(pack: InstalledPack) {
            trySend(PackEvent.Installed(pack))
            close()
        }

        override fun onFailed(error: PackException) {
            close(error)
        }
    })
    awaitClose { handle.cancel() }
}.buffer(Channel.UNLIMITED)

/** Downloads and suspends until the pack is installed, reporting progress on the way. */
suspend fun PacksInterface.downloadNow(
    serverUrl: String,
    id: String,
    onProgress: (PackProgress) -> Unit = {},
): InstalledPack = downloadEvents(serverUrl, id)
    .onEach { if (it is PackEvent.Progress) onProgress(it.progress) }
    .filterIsInstance<PackEvent.Installed>()
    .first()
    .pack

/** What adding a territory reports: its stages as they go, then the installed pack. */
sealed interface TerritoryEvent {
    data class Progress(val progress: TerritoryProgress) : TerritoryEvent
    data class Installed(val pack: InstalledPack) : TerritoryEvent
}

/**
 * Adds the territory of [offer] with the tiles of [choice] (or updates it) as a cold
 * flow: collecting starts it on the core's runtime, cancelling the collector pauses it
 * (a later collection resumes with the zips received), and a failure ends the flow
 * with the core's [PackException].
 */
fun PacksInterface.territoryEvents(
    offer: TerritoryOffer,
    choice: TerritoryChoice,
    languages: List<String>,
): Flow<TerritoryEvent> = territoryTask { addTerritory(offer, choice, languages, it) }

/**
 * Brings installed territory [id] up to date as a cold flow, like [territoryEvents]:
 * the core fetches only what changed since, with the treks and languages it was
 * added with, and keeps the installed version when nothing did.
 */
fun PacksInterface.territoryUpdateEvents(id: String): Flow<TerritoryEvent> =
    territoryTask { updateTerritory(id, it) }

private fun territoryTask(start: (TerritoryListener) -> TaskHandleInterface): Flow<TerritoryEvent> =
    callbackFlow {
        val handle = start(object : TerritoryListener {
            override fun onProgress(progress: TerritoryProgress) {
                trySend(TerritoryEvent.Progress(progress))
            }

            override fun onFinished(pack: InstalledPack) {
                trySend(TerritoryEvent.Installed(pack))
                close()
            }

            override fun onFailed(error: PackException) {
                close(error)
            }
        })
        awaitClose { handle.cancel() }
    }.buffer(Channel.UNLIMITED)

/** Adds the territory and suspends until it is installed, reporting progress on the way. */
suspend fun PacksInterface.addTerritoryNow(
    offer: TerritoryOffer,
    choice: TerritoryChoice,
    languages: List<String>,
    onProgress: (TerritoryProgress) -> Unit = {},
): InstalledPack = territoryEvents(offer, choice, languages).installed(onProgress)

/** Updates territory [id] and suspends until it is up to date, reporting progress on the way. */
suspend fun PacksInterface.updateTerritoryNow(
    id: String,
    onProgress: (TerritoryProgress) -> Unit = {},
): InstalledPack = territoryUpdateEvents(id).installed(onProgress)

private suspend fun Flow<TerritoryEvent>.installed(onProgress: (TerritoryProgress) -> Unit): InstalledPack =
    onEach { if (it is TerritoryEvent.Progress) onProgress(it.progress) }
        .filterIsInstance<TerritoryEvent.Installed>()
        .first()
        .pack
