package org.sentier.app.packs

import androidx.compose.material.icons.Icons
import androidx.compose.material.icons.outlined.ErrorOutline
import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import org.sentier.app.AppServices
import org.sentier.app.ui.LocalStrings
import org.sentier.app.ui.MissingPrerequisite

/** The packs screen over the core's packs screen, read again from the server each time it shows. */
@Composable
fun PacksRoute(services: AppServices, onOpenSettings: () -> Unit, modifier: Modifier = Modifier) {
    val presenter = services.packs
    if (presenter == null) {
        MissingPrerequisite(Icons.Outlined.ErrorOutline, LocalStrings.current.packsUnavailable, services.coreError.orEmpty(), modifier)
        return
    }
    val state by presenter.state.collectAsStateWithLifecycle()
    LaunchedEffect(presenter) { presenter.screen.refresh() }
    PacksScreen(state, PacksActions(presenter.screen, onOpenSettings), modifier)
}
