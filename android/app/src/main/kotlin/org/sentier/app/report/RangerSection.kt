package org.sentier.app.report

import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.material3.AlertDialog
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
import androidx.compose.ui.Modifier
import androidx.compose.ui.res.stringResource
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.input.PasswordVisualTransformation
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.app.R
import org.sentier.app.settings.SectionTitle
import org.sentier.presenter.OutboxPresenter

/**
 * The settings' ranger account: log in to the territory's Geotrek-admin
 * (which then downloads its signage and infrastructure for offline picking),
 * the download's status, download again, log out; all worded by the core.
 */
@Composable
fun RangerSection(outbox: OutboxPresenter) {
    val state by outbox.state.collectAsStateWithLifecycle()
    var logsIn by rememberSaveable { mutableStateOf(false) }
    LaunchedEffect(outbox) { outbox.screen.refresh() }

    SectionTitle(stringResource(R.string.ranger_title))
    Column {
        val session = state.session
        if (session != null) {
            Text(session)
            state.fieldAssets?.let { Text(it, style = MaterialTheme.typography.bodySmall) }
            if (state.busy) Text(stringResource(R.string.ranger_downloading))
            TextButton(onClick = { outbox.screen.downloadFieldAssets() }, enabled = !state.busy) {
                Text(stringResource(R.string.ranger_download_again))
            }
            TextButton(onClick = { outbox.screen.logOut() }, enabled = !state.busy) {
                Text(stringResource(R.string.ranger_log_out), color = MaterialTheme.colorScheme.error)
            }
        } else {
            state.loginRequired?.let { Text(it, color = MaterialTheme.colorScheme.error) }
            if (!state.canLogIn) Text(stringResource(R.string.ranger_needs_server))
            OutlinedButton(onClick = { logsIn = true }, enabled = state.canLogIn) {
                Text(stringResource(R.string.ranger_log_in))
            }
        }
        state.error?.takeIf { !logsIn }?.let { Text(it, color = MaterialTheme.colorScheme.error) }
    }

    if (logsIn) {
        LoginDialog(outbox, onDone = { logsIn = false })
    }
}

@Composable
private fun LoginDialog(outbox: OutboxPresenter, onDone: () -> Unit) {
    val state by outbox.state.collectAsStateWithLifecycle()
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
        title = { Text(stringResource(R.string.ranger_login_title)) },
        text = {
            Column {
                OutlinedTextField(
                    value = username,
                    onValueChange = { username = it },
                    label = { Text(stringResource(R.string.ranger_username)) },
                    singleLine = true,
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Ascii, autoCorrectEnabled = false),
                    modifier = Modifier.fillMaxWidth(),
                )
                OutlinedTextField(
                    value = password,
                    onValueChange = { password = it },
                    label = { Text(stringResource(R.string.ranger_password)) },
                    singleLine = true,
                    visualTransformation = PasswordVisualTransformation(),
                    keyboardOptions = KeyboardOptions(keyboardType = KeyboardType.Password),
                    modifier = Modifier.fillMaxWidth(),
                )
                if (state.busy) Text(stringResource(R.string.ranger_logging_in))
                state.error?.takeIf { submitted }?.let { Text(it, color = MaterialTheme.colorScheme.error) }
            }
        },
        confirmButton = {
            TextButton(
                onClick = {
                    submitted = true
                    outbox.screen.logIn(username, password)
                },
                enabled = username.isNotEmpty() && password.isNotEmpty() && !state.busy,
            ) { Text(stringResource(R.string.ranger_log_in)) }
        },
        dismissButton = { TextButton(onClick = onDone) { Text(stringResource(R.string.ranger_cancel)) } },
    )
}
