package org.sentier.app.report

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ExperimentalLayoutApi
import androidx.compose.foundation.layout.FlowRow
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.size
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.automirrored.filled.Login
import androidx.compose.material.icons.outlined.Badge
import androidx.compose.material3.AlertDialog
import androidx.compose.material3.Button
import androidx.compose.material3.Card
import androidx.compose.material3.CardDefaults
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.material3.Icon
import androidx.compose.material3.LinearProgressIndicator
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.remember
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.compose.ui.unit.dp
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.SectionTitle
import org.sentier.core.OutboxState
import org.sentier.ffi.ReportsOutboxInterface

/** What a ranger does with the account; each goes to the core's outbox screen. */
class RangerActions(
    val onLogIn: (username: String, password: String) -> Unit,
    val onLogOut: () -> Unit,
    val onDownloadAgain: () -> Unit,
) {
    /** Each action sent to [outbox], which keeps the ranger's session. */
    constructor(outbox: ReportsOutboxInterface) : this(
        onLogIn = outbox::logIn,
        onLogOut = outbox::logOut,
        onDownloadAgain = outbox::downloadFieldAssets,
    )
}

/**
 * The settings' ranger account: log in to the territory's Geotrek-admin
 * (which then downloads its signage and infrastructure for offline picking),
 * the download's status, download again, log out; all worded by the core.
 */
@OptIn(ExperimentalLayoutApi::class)
@Composable
fun RangerSection(state: OutboxState, actions: RangerActions) {
    val strings = LocalStrings.current
    var logsIn by rememberSaveable { mutableStateOf(false) }

    SectionTitle(strings.rangerTitle)
    Card(
        Modifier.fillMaxWidth().padding(vertical = 8.dp),
        colors = CardDefaults.cardColors(containerColor = MaterialTheme.colorScheme.surfaceContainerHigh),
    ) {
        Column(Modifier.padding(16.dp), verticalArrangement = Arrangement.spacedBy(8.dp)) {
            Row(horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                Icon(Icons.Outlined.Badge, contentDescription = null, tint = MaterialTheme.colorScheme.primary, modifier = Modifier.size(24.dp))
                Column(verticalArrangement = Arrangement.spacedBy(4.dp)) {
                    Text(state.session ?: strings.rangerIntro, style = MaterialTheme.typography.bodyLarge)
                    state.fieldAssets?.let { Text(it, style = MaterialTheme.typography.bodySmall, color = MaterialTheme.colorScheme.onSurfaceVariant) }
                    state.loginRequired?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyMedium) }
                    if (state.session == null && !state.canLogIn) {
                        Text(strings.rangerNeedsServer, style = MaterialTheme.typography.bodyMedium, color = MaterialTheme.colorScheme.onSurfaceVariant)
                    }
                }
            }
            if (state.busy && !logsIn) {
                LinearProgressIndicator(Modifier.fillMaxWidth())
                Text(strings.rangerDownloading, style = MaterialTheme.typography.bodySmall)
            }
            state.error?.takeIf { !logsIn }?.let { Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyMedium) }
            FlowRow(
                Modifier.fillMaxWidth(),
                horizontalArrangement = Arrangement.spacedBy(8.dp, Alignment.End),
            ) {
                if (state.session != null) {
                    TextButton(onClick = actions.onLogOut, enabled = !state.busy) {
                        Text(strings.rangerLogOut, color = MaterialTheme.colorScheme.error)
                    }
                    OutlinedButton(onClick = actions.onDownloadAgain, enabled = !state.busy) { Text(strings.rangerDownloadAgain) }
                } else {
                    Button(onClick = { logsIn = true }, enabled = state.canLogIn) {
                        Icon(Icons.AutoMirrored.Filled.Login, contentDescription = null, modifier = Modifier.size(18.dp))
                        Text(strings.rangerLogIn, modifier = Modifier.padding(start = 8.dp))
                    }
                }
            }
        }
    }

    if (logsIn) {
        LoginDialog(state, onLogIn = actions.onLogIn, onDone = { logsIn = false })
    }
}

@Composable
private fun LoginDialog(state: OutboxState, onLogIn: (String, String) -> Unit, onDone: () -> Unit) {
    val strings = LocalStrings.current
    var username by rememberSaveable { mutableStateOf("") }
    // Not saveable: a password stays out of the saved instance state.
    var password by remember { mutableStateOf("") }
    var submitted by rememberSaveable { mutableStateOf(false) }
    // Closes once the core has a session for the ranger.
    LaunchedEffect(state.session, submitted) {
        if (submitted && state.session != null) onDone()
    }
    AlertDialog(
        onDismissRequest = onDone,
        icon = { Icon(Icons.Outlined.Badge, contentDescription = null) },
        title = { Text(strings.rangerLoginTitle) },
        text = {
            Column(verticalArrangement = Arrangement.spacedBy(8.dp)) {
                OutlinedTextField(
                    value = username,
                    onValueChange = { username = it },
                    label = { Text(strings.rangerUsername) },
                    singleLine = true,
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Ascii, autoCorrectEnabled = false),
                    modifier = Modifier.fillMaxWidth(),
                )
                OutlinedTextField(
                    value = password,
                    onValueChange = { password = it },
                    label = { Text(strings.rangerPassword) },
                    singleLine = true,
                    visualTransformation = PasswordVisualTransformation(),
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
                    modifier = Modifier.fillMaxWidth(),
                )
                if (state.busy) {
                    Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        CircularProgressIndicator(Modifier.size(16.dp), strokeWidth = 2.dp)
                        Text(strings.rangerLoggingIn, style = MaterialTheme.typography.bodyMedium)
                    }
                }
                state.error?.takeIf { submitted && !state.busy }?.let {
                    Text(it, color = MaterialTheme.colorScheme.error, style = MaterialTheme.typography.bodyMedium)
                }
            }
        },
        confirmButton = {
            TextButton(
                onClick = {
                    submitted = true
                    onLogIn(username, password)
                },
                enabled = username.isNotEmpty() && password.isNotEmpty() && !state.busy,
            ) { Text(strings.rangerLogInShort) }
        },
        dismissButton = { TextButton(onClick = onDone) { Text(strings.rangerCancel) } },
    )
}
