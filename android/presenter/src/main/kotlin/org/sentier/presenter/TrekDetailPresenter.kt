package org.sentier.presenter

import java.io.File
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.core.CatalogException
import org.sentier.core.ElevationProfile
import org.sentier.core.MeasureFormatter
import org.sentier.core.SensitiveArea
import org.sentier.core.TrekDetail
import org.sentier.core.negotiateLanguage
import org.sentier.ffi.CatalogInterface
import org.sentier.ffi.catalogErrorMessage

/** The trek's texts, in the catalog's order; the screen titles each one. */
enum class TrekText { DESCRIPTION, AMBIANCE, ACCESS, ADVICE, GEAR, PUBLIC_TRANSPORT }

/** The trek's key figures; the screen labels each one. */
enum class TrekFigure { LENGTH, DURATION, ASCENT, DESCENT, MIN_ELEVATION, MAX_ELEVATION }

/** One photo of the trek: shown from [file], the pack's offline copy, when there is one, else from [url]. */
data class TrekPhoto(val file: String?, val url: String, val title: String?, val author: String?)

/** A point along the trek (POI, signpost) with its distance from the departure written by the core. */
data class AlongRow(
    val id: Long,
    val name: String,
    val type: String?,
    val along: String?,
    /** A signpost's blade lines, as the core writes them. */
    val lines: List<String> = emptyList(),
)

/** A day of a multi-day tour, its figures written by the core. */
data class StepRow(val id: Long, val name: String, val figures: String)

/** A sensitive area with the months it is sensitive, as the core writes them. */
data class SensitiveAreaRow(val area: SensitiveArea, val months: String)

/** The core's elevation profile and its labels written by the core's formatter. */
data class ProfileChart(val profile: ElevationProfile, val lowest: String, val highest: String, val length: String)

data class TrekDetailState(
    val detail: TrekDetail? = null,
    /** The non-empty texts, as Geotrek-admin's HTML. */
    val texts: List<Pair<TrekText, String>> = emptyList(),
    val figures: List<Pair<TrekFigure, String>> = emptyList(),
    val photos: List<TrekPhoto> = emptyList(),
    val profile: ProfileChart? = null,
    val pois: List<AlongRow> = emptyList(),
    val signage: List<AlongRow> = emptyList(),
    val sensitiveAreas: List<SensitiveAreaRow> = emptyList(),
    /** The days of a multi-day tour, each a trek of its own. */
    val steps: List<StepRow> = emptyList(),
    /** The trek written as GPX, waiting to be shared; cleared by [TrekDetailPresenter.shared]. */
    val exported: File? = null,
    /** The core's message when the trek could not be read or written. */
    val error: String? = null,
)

/**
 * The trek detail screen's state: the core's [TrekDetail] with every figure
 * written by the core's formatter, photos from the pack's offline media when
 * the pack holds them, and the GPX export written offline by the core.
 */
class TrekDetailPresenter(
    private val catalog: CatalogInterface,
    private val measures: StateFlow<MeasureFormatter>,
    private val language: String,
    /** The pack's offline copy of a media URL (`Packs.mediaFile`), null when it has none. */
    private val mediaFile: (url: String) -> String?,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) {
    private val current = MutableStateFlow(TrekDetailState())
    val state: StateFlow<TrekDetailState> = current.asStateFlow()

    /** Reads trek [id] from the catalog. */
    fun load(id: Long) = scope.launch {
        val loaded = attempt {
            val detail = catalog.trekDetail(id, language)
            detail to detail.media.filter { it.isImage }.map { TrekPhoto(mediaFile(it.url), it.url, it.title, it.author) }
        } ?: return@launch
        val (detail, photos) = loaded
        current.value = describe(detail, measures.value).copy(photos = photos)
    }

    /** Writes the trek's GPX (line with elevations, POIs as waypoints) into [folder], for sharing. */
    fun exportGpx(folder: File) = scope.launch {
        val detail = current.value.detail ?: return@launch
        val file = File(folder, "trek-${detail.id}.gpx")
        attempt {
            folder.mkdirs()
            catalog.exportTrekGpx(detail.id, language, file.path)
        } ?: return@launch
        current.update { it.copy(exported = file) }
    }

    /** The exported file was handed to the share sheet. */
    fun shared() = current.update { it.copy(exported = null) }

    private suspend fun <T> attempt(work: () -> T): T? = withContext(io) {
        try {
            work()
        } catch (error: CatalogException) {
            current.update { it.copy(error = catalogErrorMessage(error, negotiateLanguage(listOf(language)))) }
            null
        }
    }

    private fun describe(detail: TrekDetail, measures: MeasureFormatter) = TrekDetailState(
        detail = detail,
        texts = listOf(
            TrekText.DESCRIPTION to detail.descriptionHtml,
            TrekText.AMBIANCE to detail.ambianceHtml,
            TrekText.ACCESS to detail.accessHtml,
            TrekText.ADVICE to detail.adviceHtml,
            TrekText.GEAR to detail.gearHtml,
            TrekText.PUBLIC_TRANSPORT to detail.publicTransportHtml,
        ).filter { it.second.isNotEmpty() }, // The core empties fields nobody filled.
        figures = listOfNotNull(
            detail.lengthM?.let { TrekFigure.LENGTH to measures.distance(it) },
            detail.durationHours?.let { TrekFigure.DURATION to measures.duration(it * 3600.0) },
            detail.ascentM?.let { TrekFigure.ASCENT to measures.elevation(it) },
            detail.descentM?.let { TrekFigure.DESCENT to measures.elevation(it) },
            detail.minElevationM?.let { TrekFigure.MIN_ELEVATION to measures.elevation(it) },
            detail.maxElevationM?.let { TrekFigure.MAX_ELEVATION to measures.elevation(it) },
        ),
        profile = detail.profile.takeIf { it.distancesM.isNotEmpty() }?.let { profile -> // None below two points.
            ProfileChart(
                profile = profile,
                lowest = measures.elevation(profile.minM),
                highest = measures.elevation(profile.maxM),
                length = measures.distance(profile.lengthM),
            )
        },
        pois = detail.pois.map { AlongRow(it.id, it.name, it.typeLabel, measures.distance(it.alongM)) },
        signage = detail.signage.map { sign ->
            val lines = sign.blades.flatMap { it.lines }.map(measures::bladeLine)
            AlongRow(sign.id, sign.name, sign.typeLabel, sign.alongM?.let(measures::distance), lines)
        },
        sensitiveAreas = detail.sensitiveAreas.map { SensitiveAreaRow(it, measures.months(it.months)) },
        steps = detail.steps.map { step ->
            val figures = listOfNotNull(step.lengthM?.let(measures::distance), step.durationHours?.let { measures.duration(it * 3600.0) })
            StepRow(step.id, step.name, figures.joinToString(" · "))
        },
    )
}
