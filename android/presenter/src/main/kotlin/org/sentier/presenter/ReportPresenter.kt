package org.sentier.presenter

import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import org.sentier.core.AssetKind
import org.sentier.core.FeedbackReferences
import org.sentier.core.FieldProblem
import org.sentier.core.MeasureFormatter
import org.sentier.core.NearbyAsset
import org.sentier.core.Reference
import org.sentier.core.ReportDraft
import org.sentier.core.ReportException
import org.sentier.core.ReportField
import org.sentier.core.ReportKind
import org.sentier.core.ReportLocation
import org.sentier.core.StoredPhoto
import org.sentier.ffi.Catalog
import org.sentier.ffi.assetRef
import org.sentier.ffi.reportProblemMessage
import org.sentier.core.negotiateLanguage
import org.sentier.ffi.reportProblems

/** What the hiker or ranger fills in. */
data class ReportForm(
    val kind: ReportKind = ReportKind.PUBLIC,
    val email: String = "",
    val comment: String = "",
    val categoryId: Long? = null,
    val activityId: Long? = null,
    val magnitudeId: Long? = null,
    /** The signage or infrastructure item the report is about. */
    val asset: NearbyAsset? = null,
    /** The item's new conditions (rangers). */
    val conditionIds: Set<Long> = emptySet(),
)

/** A signage or infrastructure item nearby, as the picker lists it. */
data class AssetChoice(val asset: NearbyAsset, val code: String, val name: String, val distance: String)

/** A photo of the report, as the form lists it. */
data class PhotoRow(val photo: StoredPhoto, val size: String)

data class ReportScreenState(
    val form: ReportForm = ReportForm(),
    /** The core's lists of categories, activities, magnitudes and conditions. */
    val references: FeedbackReferences? = null,
    /** Signage and infrastructure around the report's location, nearest first. */
    val nearby: List<AssetChoice> = emptyList(),
    /** Where the report is, from the last fix; null until one is known. */
    val location: ReportLocation? = null,
    /** [location] as the core writes a position. */
    val position: String? = null,
    val photos: List<PhotoRow> = emptyList(),
    /**
     * What stops the report from being sent, each in the core's words for the
     * field it is shown next to ([ReportField.SERVER]: the settings' server).
     * Set when sending is refused, then kept up to date as the form changes.
     */
    val problems: Map<ReportField, String> = emptyMap(),
    /** The core's message when the last action failed for another reason. */
    val error: String? = null,
    val busy: Boolean = false,
    /** Set once the report is in the outbox, until the next one is started. */
    val queued: Boolean = false,
) {
    /** The new conditions an item of the chosen kind can be given. */
    val conditionChoices: List<Reference>
        get() = when (form.asset?.asset?.kind) {
            AssetKind.SIGNAGE -> references?.signageConditions.orEmpty()
            AssetKind.INFRASTRUCTURE -> references?.infrastructureConditions.orEmpty()
            null -> emptyList()
        }
}

/**
 * The report being composed: the form, the core's lists to pick from (the
 * reference lists of the pack's catalog; the items nearby, from the ranger's
 * download or from the catalog) and the photos. Validation, photo processing
 * and delivery are the core's; the report goes to [serverUrl].
 */
class ReportPresenter(
    private val outbox: OutboxPresenter,
    private val catalog: Catalog,
    private val serverUrl: String,
    private val language: String,
    private val measures: StateFlow<MeasureFormatter>,
    private val scope: CoroutineScope,
    private val io: CoroutineDispatcher = Dispatchers.IO,
) {
    private val current = MutableStateFlow(ReportScreenState())
    val state: StateFlow<ReportScreenState> = current.asStateFlow()

    private val reports = outbox.reports
    private var draftId: String? = null
    /** Once sending was refused, the form is checked again at every change. */
    @Volatile private var checking = false

    /** Reads the core's lists for a report at [location] (the last fix, if any). */
    fun prepare(location: ReportLocation?): Job = scope.launch {
        val kind = current.value.form.kind
        var nearby = emptyList<NearbyAsset>()
        val references = withContext(io) { catalog.reportReferences(language) }
        // The ranger's downloaded items are read from a store that may fail: the form still works, without them.
        val failure = failureOf(io) {
            nearby = location?.let { reports.assetsNear(kind, serverUrl, it, catalog, language) }.orEmpty()
        }
        val formatter = measures.value
        current.update { state ->
            state.copy(
                references = references,
                location = location,
                position = location?.let { formatter.coordinates(it.latitude, it.longitude) },
                nearby = nearby.map { AssetChoice(it, it.asset.code, it.asset.name, formatter.distance(it.distanceM)) },
                form = state.form.copy(asset = state.form.asset?.takeIf { chosen -> nearby.any { it.asset == chosen.asset } }),
                error = failure,
            )
        }
        recheck()
    }

    /** Reports as a hiker or (logged in) as a ranger; the items nearby are read again. */
    fun setKind(kind: ReportKind): Job {
        edit { it.copy(kind = kind, asset = null, conditionIds = emptySet()) }
        return prepare(current.value.location)
    }

    fun setEmail(email: String) = edit { it.copy(email = email) }
    fun setComment(comment: String) = edit { it.copy(comment = comment) }
    fun setCategory(id: Long?) = edit { it.copy(categoryId = id) }
    fun setActivity(id: Long?) = edit { it.copy(activityId = id) }
    fun setMagnitude(id: Long?) = edit { it.copy(magnitudeId = id) }
    fun setAsset(asset: NearbyAsset?) = edit { it.copy(asset = asset, conditionIds = emptySet()) }

    fun toggleCondition(id: Long) = edit { form ->
        form.copy(conditionIds = if (id in form.conditionIds) form.conditionIds - id else form.conditionIds + id)
    }

    /** Adds the photo file at [path] (camera or gallery); the core checks and re-encodes it. */
    fun addPhoto(path: String): Job = scope.launch {
        current.update { it.copy(busy = true) }
        attempt {
            val id = saveDraft()
            val photo = reports.addPhoto(id, path)
            val row = PhotoRow(photo, "${photo.width} × ${photo.height} · ${measures.value.dataSize(photo.sizeBytes)}")
            current.update { it.copy(photos = it.photos + row) }
        }
        current.update { it.copy(busy = false) }
    }

    fun removePhoto(position: UInt): Job = scope.launch {
        val id = draftId ?: return@launch
        attempt {
            reports.removePhoto(id, position)
            current.update { state -> state.copy(photos = state.photos.filter { it.photo.position != position }) }
        }
    }

    /**
     * Puts the report in the outbox if the core accepts it; it leaves when the
     * network allows. Refused, the core's problems show next to their fields.
     */
    fun send(): Job = scope.launch {
        val refusal = refusalOf(io) {
            val id = saveDraft()
            reports.queue(id, current.value.references)
            draftId = null
            checking = false
            current.update { state ->
                ReportScreenState(
                    form = ReportForm(kind = state.form.kind, email = state.form.email),
                    references = state.references,
                    nearby = state.nearby,
                    location = state.location,
                    position = state.position,
                    queued = true,
                )
            }
        }
        if (refusal is ReportException.InvalidReport) {
            checking = true
            current.update { it.copy(problems = worded(refusal.problems), error = null) }
        } else {
            current.update { it.copy(error = refusal?.describe()) }
        }
        outbox.refresh()
    }

    /** Starts a new report (the kind and the e-mail stay). */
    fun reset() {
        draftId = null
        checking = false
        current.update { state ->
            state.copy(
                form = ReportForm(kind = state.form.kind, email = state.form.email),
                photos = emptyList(),
                problems = emptyMap(),
                error = null,
                queued = false,
            )
        }
    }

    private fun edit(change: (ReportForm) -> ReportForm) {
        current.update { it.copy(form = change(it.form), queued = false) }
        recheck()
    }

    /** After a refused send, the core's check of the form as it now is. */
    private fun recheck() {
        if (!checking) return
        val state = current.value
        val problems = reportProblems(draftOf(state), state.references)
        current.update { it.copy(problems = worded(problems)) }
    }

    private fun worded(problems: List<FieldProblem>): Map<ReportField, String> =
        problems.associate { it.field to reportProblemMessage(it.problem, negotiateLanguage(listOf(language))) }

    /** The draft in the outbox, created at the first photo or at sending, updated since. */
    private fun saveDraft(): String {
        val draft = draftOf(current.value)
        draftId?.let { return reports.updateDraft(it, draft).id }
        return reports.createDraft(draft).id.also { draftId = it }
    }

    /** What the form says, as the core's draft. */
    private fun draftOf(state: ReportScreenState): ReportDraft {
        val form = state.form
        return ReportDraft(
            kind = form.kind,
            serverUrl = serverUrl,
            location = state.location,
            email = form.email,
            comment = form.comment,
            categoryId = form.categoryId,
            activityId = form.activityId,
            magnitudeId = form.magnitudeId,
            relatedTrekId = null,
            asset = form.asset?.asset?.let(::assetRef),
            assetConditionIds = form.conditionIds.toList(),
        )
    }

    private suspend fun attempt(work: suspend () -> Unit) {
        val failure = failureOf(io, work)
        current.update { it.copy(error = failure) }
    }
}
