package org.sentier.app.report

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.toggleable
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.Send
import androidx.compose.material.icons.filled.CheckCircle
import androidx.compose.material.icons.outlined.Image
import androidx.compose.material.icons.outlined.LocationOn
import androidx.compose.material.icons.outlined.MyLocation
import androidx.compose.material.icons.outlined.Outbox
import androidx.compose.material.icons.outlined.PhotoCamera
import androidx.compose.material.icons.outlined.PhotoLibrary
import androidx.compose.material.icons.outlined.Close
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.Checkbox
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.SegmentedButton
import androidx.compose.material3.SegmentedButtonDefaults
import androidx.compose.material3.SingleChoiceSegmentedButtonRow
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.ErrorCard
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.OptionPicker
import org.sentier.app.ui.SectionTitle
import org.sentier.core.AssetKind
import org.sentier.core.Reference
import org.sentier.core.ReportComposerState
import org.sentier.core.ReportField
import org.sentier.core.ReportKind
import org.sentier.ffi.ReportComposerScreenInterface

/** What the user does on the report form; each goes to the core's report composer, which checks everything. */
class ReportActions(
    val onKind: (ReportKind) -> Unit,
    /** Reads the device's position again (asking for it first if needed). */
    val onLocate: () -> Unit,
    val onAsset: (kind: AssetKind?, id: Long) -> Unit,
    val onCategory: (Long?) -> Unit,
    val onMagnitude: (Long?) -> Unit,
    val onActivity: (Long?) -> Unit,
    val onCondition: (Long) -> Unit,
    val onComment: (String) -> Unit,
    val onEmail: (String) -> Unit,
    val onRemovePhoto: (position: UInt) -> Unit,
    val onChoosePhotos: () -> Unit,
    /** Null on a device without a camera. */
    val onTakePhoto: (() -> Unit)?,
    val onSend: () -> Unit,
    val onOpenOutbox: () -> Unit,
) {
    /** The form's actions sent to [composer]; the device's (position, photos, camera) and the navigation's are the glue's. */
    constructor(
        composer: ReportComposerScreenInterface,
        onLocate: () -> Unit,
        onChoosePhotos: () -> Unit,
        onTakePhoto: (() -> Unit)?,
        onOpenOutbox: () -> Unit,
    ) : this(
        onKind = composer::setKind,
        onLocate = onLocate,
        onAsset = composer::chooseAsset,
        onCategory = composer::setCategory,
        onMagnitude = composer::setMagnitude,
        onActivity = composer::setActivity,
        onCondition = composer::toggleCondition,
        onComment = composer::setComment,
        onEmail = composer::setEmail,
        onRemovePhoto = composer::removePhoto,
        onChoosePhotos = onChoosePhotos,
        onTakePhoto = onTakePhoto,
        onSend = composer::send,
        onOpenOutbox = onOpenOutbox,
    )
}

/**
 * A report about the trail or its signage: where, the item nearby (a
 * ranger's), category, magnitude, activity, the item's new condition,
 * comment, e-mail (a hiker's) and photos, with the core's words for what is
 * missing under each part once sending was refused; the outbox is one tap away.
 */
@Composable
fun ReportScreen(
    state: ReportComposerState,
    actions: ReportActions,
    modifier: Modifier = Modifier,
    /** A picked photo could not be read (the glue copies it before the core takes it). */
    photoUnreadable: Boolean = false,
) {
    val strings = LocalStrings.current
    val problem = { field: ReportField -> state.problems.firstOrNull { it.field == field }?.message }
    Column(
        modifier.verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            Text(strings.reportIntro, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant, modifier = Modifier.weight(1f))
            OutlinedButton(onClick = actions.onOpenOutbox, modifier = Modifier.padding(start = 8.dp)) {
                // Decorative: the button's text names it for TalkBack.
                Icon(Icons.Outlined.Outbox, contentDescription = null, modifier = Modifier.size(18.dp))
                Text(strings.outboxTitle, modifier = Modifier.padding(start = 8.dp))
            }
        }
        if (state.queued) QueuedCard()
        if (state.kinds.size > 1) KindChoice(state.kind, onSelect = actions.onKind)

        SectionTitle(strings.reportWhere)
        PositionCard(state.position, problem(ReportField.LOCATION), onLocate = actions.onLocate)
        if (state.nearby.isNotEmpty()) {
            OptionPicker(
                label = strings.reportAbout,
                options = state.nearby,
                selected = state.nearby.firstOrNull { it.selected },
                optionLabel = { it.label },
                noneLabel = strings.reportAboutNothing,
                onSelect = { choice -> actions.onAsset(choice?.kind, choice?.id ?: 0) },
                modifier = Modifier.fillMaxWidth(),
                problem = problem(ReportField.ASSET),
            )
        }

        SectionTitle(strings.reportWhat)
        ReferencePicker(strings.reportCategory, state.categories, state.categoryId, problem(ReportField.CATEGORY), actions.onCategory)
        ReferencePicker(strings.reportMagnitude, state.magnitudes, state.magnitudeId, problem(ReportField.MAGNITUDE), actions.onMagnitude)
        ReferencePicker(strings.reportActivity, state.activities, state.activityId, problem(ReportField.ACTIVITY), actions.onActivity)
        if (state.conditions.isNotEmpty()) {
            Text(strings.reportNewCondition, style = MaterialTheme.typography.labelLarge)
            Column {
                state.conditions.forEach { condition ->
                    Row(
                        Modifier
                            .fillMaxWidth()
                            .toggleable(condition.selected, role = Role.Checkbox, onValueChange = { actions.onCondition(condition.id) }),
                        verticalAlignment = Alignment.CenterVertically,
                    ) {
                        Checkbox(checked = condition.selected, onCheckedChange = null, modifier = Modifier.padding(12.dp))
                        Text(condition.label, style = MaterialTheme.typography.bodyLarge)
                    }
                }
            }
        }
        FieldProblem(problem(ReportField.CONDITIONS))

        SectionTitle(strings.reportComment)
        OutlinedTextField(
            value = state.comment,
            onValueChange = actions.onComment,
            label = { Text(strings.reportCommentHint) },
            isError = problem(ReportField.COMMENT) != null,
            supportingText = problem(ReportField.COMMENT)?.let { { Text(it) } },
            minLines = 3,
            modifier = Modifier.fillMaxWidth(),
        )
        if (state.emailAsked) {
            OutlinedTextField(
                value = state.email,
                onValueChange = actions.onEmail,
                label = { Text(strings.reportEmail) },
                isError = problem(ReportField.EMAIL) != null,
                supportingText = problem(ReportField.EMAIL)?.let { { Text(it) } },
                singleLine = true,
                keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Email, autoCorrectEnabled = false),
                modifier = Modifier.fillMaxWidth(),
            )
        }

        SectionTitle(strings.reportPhotos)
        Photos(state, actions, photoUnreadable)

        // The reports server is a setting, not a field of the form.
        FieldProblem(problem(ReportField.SERVER))
        state.error?.let { ErrorCard(it) }
        Button(onClick = actions.onSend, enabled = !state.busy, modifier = Modifier.fillMaxWidth().padding(top = 8.dp)) {
            Icon(Icons.AutoMirrored.Filled.Send, contentDescription = null, modifier = Modifier.size(18.dp))
            Text(strings.reportSend, modifier = Modifier.padding(start = 8.dp))
        }
    }
}

@Composable
private fun QueuedCard() {
    Card(
        Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite },
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.primaryContainer),
    ) {
        Row(Modifier.padding(16.dp), horizontalArrangement = Arrangement.spacedBy(12.dp)) {
            Icon(Icons.Filled.CheckCircle, contentDescription = null)
            Text(LocalStrings.current.reportQueued, style = MaterialTheme.typography.bodyMedium)
        }
    }
}

@Composable
private fun KindChoice(selected: ReportKind, onSelect: (ReportKind) -> Unit) {
    val strings = LocalStrings.current
    val kinds = listOf(ReportKind.PUBLIC to strings.reportAsHiker, ReportKind.FIELD to strings.reportAsRanger)
    SingleChoiceSegmentedButtonRow(Modifier.fillMaxWidth()) {
        kinds.forEachIndexed { index, (kind, label) ->
            SegmentedButton(
                selected = kind == selected,
                onClick = { onSelect(kind) },
                shape = SegmentedButtonDefaults.itemShape(index, kinds.size),
            ) { Text(label) }
        }
    }
}

/** Where the report is, as the core writes the position, and the button that reads it again. */
@Composable
private fun PositionCard(position: String?, problem: String?, onLocate: () -> Unit) {
    val strings = LocalStrings.current
    Card(
        Modifier.fillMaxWidth(),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerHigh),
    ) {
        Row(Modifier.padding(start = 16.dp, end = 4.dp, top = 4.dp, bottom = 4.dp), verticalAlignment = Alignment.CenterVertically) {
            Icon(Icons.Outlined.LocationOn, contentDescription = null, tint = MaterialTheme.colorScheme.primary)
            Text(
                position ?: strings.reportWaitingForPosition,
                style = MaterialTheme.typography.bodyLarge,
                modifier = Modifier.weight(1f).padding(horizontal = 12.dp),
            )
            IconButton(onClick = onLocate) {
                Icon(Icons.Outlined.MyLocation, contentDescription = strings.reportUpdatePosition)
            }
        }
    }
    FieldProblem(problem)
}

@Composable
private fun ReferencePicker(label: String, choices: List<Reference>, selected: Long?, problem: String?, onSelect: (Long?) -> Unit) {
    OptionPicker(
        label = label,
        options = choices,
        selected = choices.firstOrNull { it.id == selected },
        optionLabel = { it.label },
        noneLabel = LocalStrings.current.reportNotSet,
        onSelect = { onSelect(it?.id) },
        modifier = Modifier.fillMaxWidth(),
        problem = problem,
    )
}

/** The core's words for what is wrong, under the part of the form they are about; read out when they appear. */
@Composable
private fun FieldProblem(problem: String?) {
    problem ?: return
    Text(
        problem,
        color = MaterialTheme.colorScheme.error,
        style = MaterialTheme.typography.bodySmall,
        modifier = Modifier.padding(start = 16.dp).semantics { liveRegion = LiveRegionMode.Polite },
    )
}

/** The report's photos as the core describes them, and the gallery and camera that add more. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Photos(state: ReportComposerState, actions: ReportActions, unreadable: Boolean) {
    val strings = LocalStrings.current
    state.photos.forEach { row ->
        Row(verticalAlignment = Alignment.CenterVertically) {
            Icon(Icons.Outlined.Image, contentDescription = null, tint = MaterialTheme.colorScheme.onSurfaceVariant)
            Text(row.label, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.weight(1f).padding(horizontal = 12.dp))
            IconButton(onClick = { actions.onRemovePhoto(row.position) }) {
                Icon(Icons.Outlined.Close, contentDescription = strings.reportRemovePhoto)
            }
        }
    }
    if (unreadable) FieldProblem(strings.reportPhotoUnreadable)
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
        OutlinedButton(onClick = actions.onChoosePhotos, enabled = !state.busy) {
            Icon(Icons.Outlined.PhotoLibrary, contentDescription = null, modifier = Modifier.size(18.dp))
            Text(strings.reportChoosePhotos, modifier = Modifier.padding(start = 8.dp))
        }
        actions.onTakePhoto?.let { takePhoto ->
            OutlinedButton(onClick = takePhoto, enabled = !state.busy) {
                Icon(Icons.Outlined.PhotoCamera, contentDescription = null, modifier = Modifier.size(18.dp))
                Text(strings.reportTakePhoto, modifier = Modifier.padding(start = 8.dp))
            }
        }
    }
}
