package org.sentier.app.settings

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.FilledTonalButton
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.Choices
import org.sentier.app.ui.ErrorCard
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.SectionTitle
import org.sentier.core.Language
import org.sentier.core.SettingsState
import org.sentier.core.UnitSystem
import org.sentier.ffi.SettingsScreenInterface

/** What the user changes in the settings; every change goes to the core's settings screen, which checks and keeps it. */
class SettingsActions(
    val onLanguage: (Language?) -> Unit,
    val onUnits: (UnitSystem) -> Unit,
    /** Both addresses as typed, saved together. */
    val onServers: (packServer: String, adminServer: String) -> Unit,
    val onMaxAccuracy: (Double?) -> Unit,
    val onMinDistance: (Double?) -> Unit,
) {
    /** Each action sent to [screen]; [onLanguageChosen] then tells the platform (Android's per-app language). */
    constructor(screen: SettingsScreenInterface, onLanguageChosen: (Language?) -> Unit = {}) : this(
        onLanguage = { language ->
            screen.setLanguage(language)
            onLanguageChosen(language)
        },
        onUnits = screen::setUnits,
        onServers = { packServer, adminServer ->
            screen.setPackServer(packServer)
            screen.setAdminServer(adminServer)
        },
        onMaxAccuracy = screen::setRecordingMaxAccuracy,
        onMinDistance = screen::setRecordingMinDistance,
    )
}

/**
 * Language, units, the territory's servers (packs, and the Geotrek-admin
 * reports go to) and the recording filters, as the core keeps them; the
 * sections of other areas (the ranger account) come in [moreSections].
 */
@Composable
fun SettingsScreen(
    state: SettingsState,
    actions: SettingsActions,
    modifier: Modifier = Modifier,
    moreSections: @Composable () -> Unit = {},
) {
    val strings = LocalStrings.current
    Column(modifier.verticalScroll(rememberScrollState()).padding(horizontal = 16.dp, vertical = 8.dp)) {
        state.error?.let { ErrorCard(it) }

        SectionTitle(strings.settingsLanguage)
        Choices(
            options = state.languageOptions,
            selected = state.languageOptions.firstOrNull { it.language == state.languageChoice },
            label = { it.label },
            onSelect = { actions.onLanguage(it.language) },
        )
        HorizontalDivider(Modifier.padding(vertical = 8.dp))

        SectionTitle(strings.settingsUnits)
        Choices(
            options = UnitSystem.entries,
            selected = state.units,
            label = { if (it == UnitSystem.METRIC) strings.settingsUnitsMetric else strings.settingsUnitsImperial },
            onSelect = actions.onUnits,
        )
        HorizontalDivider(Modifier.padding(vertical = 8.dp))

        SectionTitle(strings.settingsPackServer)
        // The fields keep what is typed; the core checks and writes each address on Save,
        // and a refused one stays in its field with the core's words under it.
        var packServer by remember(state.packServerUrl) { mutableStateOf(state.packServerUrl.orEmpty()) }
        var adminServer by remember(state.adminServerUrl) { mutableStateOf(state.adminServerUrl.orEmpty()) }
        Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
            AddressField(packServer, { packServer = it }, strings.settingsPackServerUrl, problem = state.packServerProblem)
            AddressField(
                adminServer,
                { adminServer = it },
                strings.settingsAdminServerUrl,
                placeholder = state.reportsServerUrl,
                problem = state.adminServerProblem,
            )
            Text(
                strings.settingsServersFooter,
                style = MaterialTheme.typography.bodySmall,
                color = MaterialTheme.colorScheme.onSurfaceVariant,
            )
            FilledTonalButton(
                onClick = { actions.onServers(packServer, adminServer) },
                modifier = Modifier.align(Alignment.End),
            ) { Text(strings.actionSave) }
        }
        HorizontalDivider(Modifier.padding(vertical = 8.dp))

        SectionTitle(strings.settingsRecording)
        Text(strings.settingsRecordingAccuracy, style = MaterialTheme.typography.labelLarge, modifier = Modifier.padding(top = 8.dp))
        Choices(
            options = state.accuracyOptions,
            selected = state.accuracyOptions.firstOrNull { it.metres == state.recordingMaxAccuracyM },
            label = { it.label },
            onSelect = { actions.onMaxAccuracy(it.metres) },
        )
        Text(strings.settingsRecordingSpacing, style = MaterialTheme.typography.labelLarge, modifier = Modifier.padding(top = 8.dp))
        Choices(
            options = state.spacingOptions,
            selected = state.spacingOptions.firstOrNull { it.metres == state.recordingMinDistanceM },
            label = { it.label },
            onSelect = { actions.onMinDistance(it.metres) },
        )
        Text(
            strings.settingsRecordingFooter,
            style = MaterialTheme.typography.bodySmall,
            color = MaterialTheme.colorScheme.onSurfaceVariant,
        )

        moreSections()
    }
}

@Composable
private fun AddressField(value: String, onValueChange: (String) -> Unit, label: String, placeholder: String? = null, problem: String? = null) {
    OutlinedTextField(
        value = value,
        onValueChange = onValueChange,
        label = { Text(label) },
        placeholder = placeholder?.let { { Text(it) } },
        isError = problem != null,
        supportingText = problem?.let { { Text(it) } },
        singleLine = true,
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Uri, imeAction = ImeAction.Done, autoCorrectEnabled = false),
        modifier = Modifier.fillMaxWidth(),
    )
}
