package org.sentier.app.settings

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.selection.selectable
import androidx.compose.foundation.selection.selectableGroup
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.RadioButton
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.semantics.Role
import androidx.compose.ui.semantics.heading
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.text.input.ImeAction
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.app.R
import org.sentier.core.UnitSystem
import org.sentier.presenter.SettingsPresenter

/**
 * Language, units, the territory's servers (packs, and the Geotrek-admin
 * reports go to) and the recording filter, as the core keeps them; the
 * sections of other areas are passed in.
 */
@Composable
fun SettingsScreen(
    presenter: SettingsPresenter,
    modifier: Modifier = Modifier,
    moreSections: @Composable () -> Unit = {},
) {
    val settings by presenter.state.collectAsStateWithLifecycle()
    val screen = presenter.screen
    Column(modifier.verticalScroll(rememberScrollState()).padding(16.dp)) {
        SectionTitle(stringResource(R.string.settings_language))
        Choices(
            options = settings.languageOptions,
            selected = settings.languageOptions.first { it.language == settings.languageChoice },
            label = { it.label },
            onSelect = { option ->
                screen.setLanguage(option.language)
                AppLanguage.apply(option.language)
            },
        )

        SectionTitle(stringResource(R.string.settings_units))
        Choices(
            options = UnitSystem.entries,
            selected = settings.units,
            label = { units ->
                stringResource(if (units == UnitSystem.METRIC) R.string.settings_units_metric else R.string.settings_units_imperial)
            },
            onSelect = screen::setUnits,
        )

        SectionTitle(stringResource(R.string.settings_pack_server))
        var server by remember(settings.packServerUrl) { mutableStateOf(settings.packServerUrl.orEmpty()) }
        AddressField(server, { server = it }, stringResource(R.string.settings_pack_server_url), problem = settings.packServerProblem)
        var adminServer by remember(settings.adminServerUrl) { mutableStateOf(settings.adminServerUrl.orEmpty()) }
        AddressField(
            adminServer,
            { adminServer = it },
            stringResource(R.string.settings_admin_server_url),
            placeholder = settings.reportsServerUrl,
            problem = settings.adminServerProblem,
        )
        Text(stringResource(R.string.settings_servers_footer), style = MaterialTheme.typography.bodySmall)
        // The core checks and writes each address; a refused one stays in its field with the core's words.
        TextButton(onClick = {
            screen.setPackServer(server)
            screen.setAdminServer(adminServer)
        }) {
            Text(stringResource(R.string.action_save))
        }

        SectionTitle(stringResource(R.string.settings_recording))
        Choices(
            options = settings.accuracyOptions,
            selected = settings.accuracyOptions.first { it.metres == settings.recordingMaxAccuracyM },
            label = { it.label },
            onSelect = { screen.setRecordingMaxAccuracy(it.metres) },
        )
        Choices(
            options = settings.spacingOptions,
            selected = settings.spacingOptions.first { it.metres == settings.recordingMinDistanceM },
            label = { it.label },
            onSelect = { screen.setRecordingMinDistance(it.metres) },
        )
        Text(stringResource(R.string.settings_recording_footer), style = MaterialTheme.typography.bodySmall)
        settings.error?.let { Text(it, color = MaterialTheme.colorScheme.error) }

        moreSections()
    }
}

@Composable
private fun AddressField(value: String, onValueChange: (String) -> Unit, label: String, placeholder: String? = null, problem: String? = null) {
    OutlinedTextField(
        value = value,
        onValueChange = onValueChange,
        label = { Text(label) },
        placeholder = { placeholder?.let { Text(it) } },
        isError = problem != null,
        supportingText = problem?.let { { Text(it) } },
        singleLine = true,
        keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Uri, imeAction = ImeAction.Done),
        modifier = Modifier.fillMaxWidth(),
    )
}

@Composable
fun SectionTitle(text: String) {
    Text(
        text,
        style = MaterialTheme.typography.titleMedium,
        modifier = Modifier.padding(top = 24.dp, bottom = 8.dp).semantics { heading() },
    )
}

/** A radio group, read by TalkBack as one group of choices. */
@Composable
fun <T> Choices(options: List<T>, selected: T, label: @Composable (T) -> String, onSelect: (T) -> Unit) {
    Column(Modifier.selectableGroup()) {
        options.forEach { option ->
            Row(
                Modifier
                    .fillMaxWidth()
                    .selectable(selected = option == selected, role = Role.RadioButton, onClick = { onSelect(option) })
                    .padding(vertical = 8.dp),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                RadioButton(selected = option == selected, onClick = null)
                Text(label(option), modifier = Modifier.padding(start = 16.dp))
            }
        }
    }
}
