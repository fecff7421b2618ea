package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.core.InstalledPack
import org.sentier.core.PackException
import org.sentier.core.TileException
import org.sentier.ffi.Catalog
import org.sentier.ffi.OfflineMap
import org.sentier.ffi.PacksInterface

/** The installed pack the app shows: its catalog for every screen, its map's style. */
data class PackInUse(
    val pack: InstalledPack,
    val catalog: Catalog,
    /** The style URL of the core's loopback tile server, for MapLibre. */
    val styleUrl: String,
)

/**
 * Which installed pack the app shows ("use this pack"): opens its catalog,
 * puts its tile sets on the core's offline map, and remembers it in the
 * settings (with the Geotrek-admin it came from, where reports go).
 */
class CurrentPack(
    private val packs: PacksInterface,
    private val map: OfflineMap,
    private val settings: SettingsPresenter,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) {
    private val current = MutableStateFlow<PackInUse?>(null)
    val inUse: StateFlow<PackInUse?> = current.asStateFlow()

    private val failure = MutableStateFlow<String?>(null)
    /** The core's message when the pack could not be opened. */
    val error: StateFlow<String?> = failure.asStateFlow()

    /** Shows the pack used last time, if it is still installed and none is shown yet. */
    fun restore(): Job = scope.launch {
        if (current.value != null) return@launch
        val id = settings.settings.value.packInUse ?: return@launch
        val pack = attempt { packs.installed().firstOrNull { it.id == id } } ?: return@launch
        use(pack).join()
    }

    /** Shows [pack]: its catalog on every screen, its tiles on the map. */
    fun use(pack: InstalledPack): Job = scope.launch {
        val previous = current.value?.pack
        val opened = attempt {
            val catalog = packs.catalog(pack.id)
            previous?.tileFiles?.forEach { map.removeTileSet(it) }
            packs.attachTiles(pack.id, map, BASEMAP_LAYER)
            PackInUse(pack, catalog, map.start(catalog.overlays()))
        } ?: return@launch
        current.value = opened
        settings.usePack(pack.id, pack.adminUrl)
    }

    /** Forgets pack [id] once it is removed, if it was the one shown. */
    fun removed(id: String) {
        val pack = current.value?.pack?.takeIf { it.id == id } ?: return
        pack.tileFiles.forEach { map.removeTileSet(it) }
        current.value = null
        settings.usePack(null, null)
    }

    /** Runs [work] on [io]; null, with the core's message kept, when the pack or its tiles fail. */
    private suspend fun <T> attempt(work: () -> T): T? = withContext(io) {
        try {
            work().also { failure.value = null }
        } catch (error: PackException) {
            failed(error)
        } catch (error: TileException) {
            failed(error)
        }
    }

    private fun failed(error: Exception): Nothing? {
        failure.value = error.message ?: error.toString()
        return null
    }

    private companion object {
        /** The map layer the packs' tile sets are served as. */
        const val BASEMAP_LAYER = "basemap"
    }
}
