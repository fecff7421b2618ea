package org.sentier.app.report

import android.content.pm.PackageManager
import androidx.annotation.StringRes
import androidx.activity.compose.rememberLauncherForActivityResult
import androidx.activity.result.PickVisualMediaRequest
import androidx.activity.result.contract.ActivityResultContracts
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.filled.Delete
import androidx.compose.material.icons.filled.Info
import androidx.compose.material.icons.filled.MyLocation
import androidx.compose.material.icons.filled.Outbox
import androidx.compose.material.icons.filled.PhotoCamera
import androidx.compose.material.icons.filled.PhotoLibrary
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.Checkbox
import androidx.compose.material3.Icon
import androidx.compose.material3.IconButton
import androidx.compose.material3.ListItem
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.SegmentedButton
import androidx.compose.material3.SegmentedButtonDefaults
import androidx.compose.material3.SingleChoiceSegmentedButtonRow
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.rememberCoroutineScope
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.LocalContext
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.liveRegion
import androidx.compose.ui.semantics.LiveRegionMode
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import java.io.File
import kotlinx.coroutines.launch
import org.sentier.app.AppServices
import org.sentier.app.R
import org.sentier.app.outbox.OutboxSyncWorker
import org.sentier.app.settings.SectionTitle
import org.sentier.app.ui.MissingPrerequisite
import org.sentier.app.ui.OptionPicker
import org.sentier.app.ui.rememberPresenter
import org.sentier.core.Reference
import org.sentier.core.ReportField
import org.sentier.core.ReportKind
import org.sentier.presenter.ReportPresenter
import org.sentier.core.ReportComposerState
import org.sentier.ffi.ReportComposerScreen
import org.sentier.app.trail.rememberPackInUse

/**
 * A report about the trail or its signage: location, the item nearby,
 * category, magnitude, comment and photos; the outbox is one tap away.
 * It needs a pack in use (for the core's lists) and a reports server.
 */
@Composable
fun ReportScreen(
    services: AppServices,
    onOpenOutbox: () -> Unit,
    onOpenPacks: () -> Unit,
    onOpenSettings: () -> Unit,
    modifier: Modifier = Modifier,
) {
    val core = services.core
    if (core == null) {
        MissingPrerequisite(stringResource(R.string.report_unavailable), services.coreError.orEmpty(), modifier)
        return
    }
    val pack = rememberPackInUse(services)
    val reportsServer = services.settings.reportsServerUrl.collectAsStateWithLifecycle().value
    when {
        pack == null -> MissingPrerequisite(
            title = stringResource(R.string.report_no_pack),
            message = stringResource(R.string.report_no_pack_message),
            action = stringResource(R.string.report_open_packs),
            onAction = onOpenPacks,
            modifier = modifier,
        )
        reportsServer == null -> MissingPrerequisite(
            title = stringResource(R.string.report_no_server),
            message = stringResource(R.string.report_no_server_message),
            action = stringResource(R.string.settings_title),
            onAction = onOpenSettings,
            modifier = modifier,
        )
        else -> {
            val presenter = rememberPresenter("report:${pack.pack.id}:$reportsServer") {
                ReportPresenter(ReportComposerScreen.open(core.reports, pack.catalog, services.settings.screen, reportsServer))
            }
            ReportForm(presenter, onOpenOutbox, modifier)
        }
    }
}

@Composable
private fun ReportForm(presenter: ReportPresenter, onOpenOutbox: () -> Unit, modifier: Modifier) {
    val state by presenter.state.collectAsStateWithLifecycle()
    val form = presenter.screen
    val context = LocalContext.current
    val locate = rememberLauncherForActivityResult(ActivityResultContracts.RequestMultiplePermissions()) {
        form.refresh(context.lastFix())
    }
    LaunchedEffect(form) { locate.launch(locationPermissions) }
    LaunchedEffect(state.queued) {
        if (state.queued) OutboxSyncWorker.deliverSoon(context)
    }
    val problem = { field: ReportField -> state.problems.firstOrNull { it.field == field }?.message }

    Column(
        modifier.verticalScroll(rememberScrollState()).padding(16.dp),
        verticalArrangement = Arrangement.spacedBy(12.dp),
    ) {
        OutlinedButton(onClick = onOpenOutbox, modifier = Modifier.align(Alignment.End)) {
            // Decorative: the button's text names it for TalkBack.
            Icon(Icons.Filled.Outbox, contentDescription = null)
            Text(stringResource(R.string.outbox_title), modifier = Modifier.padding(start = 8.dp))
        }
        if (state.queued) {
            Card(Modifier.fillMaxWidth().semantics { liveRegion = LiveRegionMode.Polite }) {
                ListItem(
                    leadingContent = { Icon(Icons.Filled.Info, contentDescription = null) },
                    headlineContent = { Text(stringResource(R.string.report_queued)) },
                )
            }
        }
        if (state.kinds.size > 1) {
            KindChoice(state.kind, onSelect = form::setKind)
        }

        SectionTitle(stringResource(R.string.report_where))
        Row(verticalAlignment = Alignment.CenterVertically) {
            Text(
                state.position ?: stringResource(R.string.report_waiting_for_position),
                modifier = Modifier.weight(1f),
            )
            IconButton(onClick = { locate.launch(locationPermissions) }) {
                Icon(Icons.Filled.MyLocation, contentDescription = stringResource(R.string.report_update_position))
            }
        }
        FieldProblem(problem(ReportField.LOCATION))
        if (state.nearby.isNotEmpty()) {
            OptionPicker(
                label = stringResource(R.string.report_about),
                options = state.nearby,
                selected = state.nearby.firstOrNull { it.selected },
                optionLabel = { it.label },
                noneLabel = stringResource(R.string.report_about_nothing),
                onSelect = { choice -> form.chooseAsset(choice?.kind, choice?.id ?: 0) },
                modifier = Modifier.fillMaxWidth(),
                problem = problem(ReportField.ASSET),
            )
        }

        SectionTitle(stringResource(R.string.report_what))
        ReferencePicker(R.string.report_category, state.categories, state.categoryId, problem(ReportField.CATEGORY), form::setCategory)
        ReferencePicker(R.string.report_magnitude, state.magnitudes, state.magnitudeId, problem(ReportField.MAGNITUDE), form::setMagnitude)
        ReferencePicker(R.string.report_activity, state.activities, state.activityId, problem(ReportField.ACTIVITY), form::setActivity)
        if (state.conditions.isNotEmpty()) {
            SectionTitle(stringResource(R.string.report_new_condition))
            state.conditions.forEach { condition ->
                Row(verticalAlignment = Alignment.CenterVertically) {
                    Checkbox(checked = condition.selected, onCheckedChange = { form.toggleCondition(condition.id) })
                    Text(condition.label)
                }
            }
        }
        FieldProblem(problem(ReportField.CONDITIONS))

        SectionTitle(stringResource(R.string.report_comment))
        OutlinedTextField(
            value = state.comment,
            onValueChange = form::setComment,
            label = { Text(stringResource(R.string.report_comment_hint)) },
            isError = problem(ReportField.COMMENT) != null,
            supportingText = problem(ReportField.COMMENT)?.let { { Text(it) } },
            minLines = 3,
            modifier = Modifier.fillMaxWidth(),
        )
        if (state.emailAsked) {
            OutlinedTextField(
                value = state.email,
                onValueChange = form::setEmail,
                label = { Text(stringResource(R.string.report_email)) },
                isError = problem(ReportField.EMAIL) != null,
                supportingText = problem(ReportField.EMAIL)?.let { { Text(it) } },
                singleLine = true,
                keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Email),
                modifier = Modifier.fillMaxWidth(),
            )
        }

        SectionTitle(stringResource(R.string.report_photos))
        Photos(form, state)

        // The reports server is a setting, not a field of the form.
        FieldProblem(problem(ReportField.SERVER))
        FieldProblem(state.error)
        Button(onClick = form::send, enabled = !state.busy, modifier = Modifier.fillMaxWidth()) {
            Text(stringResource(R.string.report_send))
        }
    }
}

@Composable
private fun KindChoice(selected: ReportKind, onSelect: (ReportKind) -> Unit) {
    val kinds = listOf(ReportKind.PUBLIC to R.string.report_as_hiker, ReportKind.FIELD to R.string.report_as_ranger)
    SingleChoiceSegmentedButtonRow(Modifier.fillMaxWidth()) {
        kinds.forEachIndexed { index, (kind, label) ->
            SegmentedButton(
                selected = kind == selected,
                onClick = { onSelect(kind) },
                shape = SegmentedButtonDefaults.itemShape(index, kinds.size),
            ) { Text(stringResource(label)) }
        }
    }
}

@Composable
private fun ReferencePicker(@StringRes label: Int, choices: List<Reference>, selected: Long?, problem: String?, onSelect: (Long?) -> Unit) {
    OptionPicker(
        label = stringResource(label),
        options = choices,
        selected = choices.firstOrNull { it.id == selected },
        optionLabel = { it.label },
        noneLabel = stringResource(R.string.report_not_set),
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
        modifier = Modifier.semantics { liveRegion = LiveRegionMode.Polite },
    )
}

/** The report's photos, and the camera and gallery that add more. */
@OptIn(ExperimentalLayoutApi::class)
@Composable
private fun Photos(form: ReportComposerScreen, state: ReportComposerState) {
    val context = LocalContext.current
    val files = remember { PhotoFiles(context) }
    val scope = rememberCoroutineScope()
    var unreadable by remember { mutableStateOf(false) }
    var cameraFile by rememberSaveable { mutableStateOf<String?>(null) }
    val takePicture = rememberLauncherForActivityResult(ActivityResultContracts.TakePicture()) { saved ->
        val path = cameraFile ?: return@rememberLauncherForActivityResult
        cameraFile = null
        // The core copies the photo at once, before any later action.
        if (saved) form.addPhoto(path)
        scope.launch {
            form.settled()
            File(path).delete()
        }
    }
    val pickPhotos = rememberLauncherForActivityResult(ActivityResultContracts.PickMultipleVisualMedia()) { uris ->
        scope.launch {
            for (uri in uris) {
                val copy = files.copy(uri)
                unreadable = copy == null
                copy?.let {
                    form.addPhoto(it.path)
                    form.settled()
                    it.delete()
                }
            }
        }
    }

    state.photos.forEach { row ->
        ListItem(
            headlineContent = { Text(row.label) },
            trailingContent = {
                IconButton(onClick = { form.removePhoto(row.position) }) {
                    Icon(Icons.Filled.Delete, contentDescription = stringResource(R.string.report_remove_photo))
                }
            },
        )
    }
    if (unreadable) {
        Text(stringResource(R.string.report_photo_unreadable), color = MaterialTheme.colorScheme.error)
    }
    FlowRow(horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        TextButton(
            onClick = { pickPhotos.launch(PickVisualMediaRequest(ActivityResultContracts.PickVisualMedia.ImageOnly)) },
            enabled = !state.busy,
        ) {
            Icon(Icons.Filled.PhotoLibrary, contentDescription = null)
            Text(stringResource(R.string.report_choose_photos), modifier = Modifier.padding(start = 8.dp))
        }
        if (context.packageManager.hasSystemFeature(PackageManager.FEATURE_CAMERA_ANY)) {
            TextButton(
                onClick = {
                    val (file, uri) = files.forCamera()
                    cameraFile = file.path
                    takePicture.launch(uri)
                },
                enabled = !state.busy,
            ) {
                Icon(Icons.Filled.PhotoCamera, contentDescription = null)
                Text(stringResource(R.string.report_take_photo), modifier = Modifier.padding(start = 8.dp))
            }
        }
    }
}
