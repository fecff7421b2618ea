package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.FlowPreview
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.debounce
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.core.CatalogException
import org.sentier.core.Choice
import org.sentier.core.ChoiceList
import org.sentier.core.Circle
import org.sentier.core.MeasureFormatter
import org.sentier.core.TrekQuery
import org.sentier.core.TrekSummary
import org.sentier.core.ValueRange
import org.sentier.ffi.CatalogInterface
import org.sentier.ffi.OfflineMapInterface

/** One trek as a list shows it, every figure written by the core's formatter. */
data class TrekRow(
    val id: Long,
    val name: String,
    val teaser: String,
    val thumbnailUrl: String?,
    /** Practice and difficulty. */
    val labels: List<String>,
    /** Length, duration, ascent. */
    val figures: List<String>,
    /** From the hiker to the departure, in nearby searches. */
    val distance: String?,
)

fun TrekSummary.toRow(measures: MeasureFormatter) = TrekRow(
    id = id,
    name = name,
    teaser = teaser,
    thumbnailUrl = thumbnailUrl,
    labels = listOfNotNull(practice, difficulty),
    figures = listOfNotNull(
        lengthM?.let(measures::distance),
        durationHours?.let { measures.duration(it * 3600.0) },
        ascentM?.let(measures::ascent),
    ),
    distance = distanceM?.let(measures::distance),
)

/** The reference lists a trek search can be narrowed by. */
enum class TrekFilter(val list: ChoiceList) {
    PRACTICE(ChoiceList.PRACTICE),
    DIFFICULTY(ChoiceList.DIFFICULTY),
    THEME(ChoiceList.THEME),
    ROUTE(ChoiceList.ROUTE),
    ACCESSIBILITY(ChoiceList.ACCESSIBILITY),
}

/** Whether treks show as a list or on the map. */
enum class TreksLayout { LIST, MAP }

data class TreksState(
    /** The search as the core runs it: text, filters, ranges, nearby circle. */
    val query: TrekQuery,
    /** The choices of each filter, in the catalog's language. */
    val options: Map<TrekFilter, List<Choice>> = emptyMap(),
    val rows: List<TrekRow> = emptyList(),
    /** How many treks match in all (rows may hold the first pages only). */
    val total: ULong = 0u,
    val layout: TreksLayout = TreksLayout.LIST,
    /** The core's map style drawing every trek that matches (not only the rows loaded); null without a map. */
    val mapStyleUrl: String? = null,
    /** The core's message when the last search failed. */
    val error: String? = null,
)

/**
 * The trek search screen: search as you type, filters, nearby, paging. Every
 * change of the query re-runs the core's search once typing pauses; the
 * search and its ranking are the core's.
 */
@OptIn(FlowPreview::class)
class TreksPresenter(
    private val catalog: CatalogInterface,
    private val measures: StateFlow<MeasureFormatter>,
    language: String,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher = Dispatchers.IO,
    private val map: OfflineMapInterface? = null,
) {
    private val current = MutableStateFlow(TreksState(TrekQuery(language = language, limit = PAGE_SIZE)))
    val state: StateFlow<TreksState> = current.asStateFlow()

    private val query = MutableStateFlow(current.value.query)

    init {
        scope.launch {
            try {
                val options = withContext(io) { TrekFilter.entries.associateWith { catalog.choices(it.list, language) } }
                current.update { it.copy(options = options) }
            } catch (error: CatalogException) {
                current.update { it.copy(error = error.message) }
            }
        }
        scope.launch {
            combine(query.debounce(TYPING_PAUSE_MS), measures, ::Pair).collectLatest { (query, measures) ->
                val page = search(query)
                val mapStyle = mapStyle(query)
                current.update { state ->
                    page.fold(
                        onSuccess = {
                            state.copy(rows = it.treks.map { t -> t.toRow(measures) }, total = it.total, mapStyleUrl = mapStyle, error = null)
                        },
                        onFailure = { state.copy(rows = emptyList(), total = 0u, mapStyleUrl = mapStyle, error = it.message) },
                    )
                }
            }
        }
    }

    fun setText(text: String) = edit { it.copy(text = text.ifBlank { null }) }

    fun toggle(filter: TrekFilter, id: Long) = edit { query ->
        fun List<Long>.toggled() = if (id in this) this - id else this + id
        when (filter) {
            TrekFilter.PRACTICE -> query.copy(practices = query.practices.toggled())
            TrekFilter.DIFFICULTY -> query.copy(difficulties = query.difficulties.toggled())
            TrekFilter.THEME -> query.copy(themes = query.themes.toggled())
            TrekFilter.ROUTE -> query.copy(routes = query.routes.toggled())
            TrekFilter.ACCESSIBILITY -> query.copy(accessibilities = query.accessibilities.toggled())
        }
    }

    fun setDurationHours(range: ValueRange) = edit { it.copy(durationHours = range) }
    fun setLengthM(range: ValueRange) = edit { it.copy(lengthM = range) }
    fun setAscentM(range: ValueRange) = edit { it.copy(ascentM = range) }

    /** Treks around the hiker, nearest first; null searches everywhere again. */
    fun setNear(circle: Circle?) = edit { it.copy(near = circle) }

    fun setLayout(layout: TreksLayout) = current.update { it.copy(layout = layout) }

    /** Appends the next page of results, if any. */
    fun loadMore() {
        val state = current.value
        if (state.rows.size.toULong() >= state.total) return
        scope.launch {
            val next = search(state.query.copy(offset = state.rows.size.toUInt())).getOrNull() ?: return@launch
            val rows = next.treks.map { it.toRow(measures.value) }
            current.update { if (it.query == state.query) it.copy(rows = it.rows + rows) else it }
        }
    }

    private fun edit(change: (TrekQuery) -> TrekQuery) {
        val next = change(current.value.query).copy(offset = 0u)
        current.update { it.copy(query = next) }
        query.value = next
    }

    /** The map's style with only the treks matching [query] drawn. */
    private suspend fun mapStyle(query: TrekQuery): String? = map?.let { map ->
        withContext(io) {
            // Null when every trek matches: the map draws them all.
            val shown = try {
                catalog.matchingTrekIds(query)
            } catch (error: CatalogException) {
                emptyList()
            }
            map.styleUrl(null, shown)
        }
    }

    private suspend fun search(query: TrekQuery) = withContext(io) {
        try {
            Result.success(catalog.search(query))
        } catch (error: CatalogException) {
            Result.failure(error)
        }
    }

    private companion object {
        const val PAGE_SIZE = 30u
        /** Search once typing pauses this long, not at every key. */
        const val TYPING_PAUSE_MS = 150L
    }
}
