package org.sentier.app

import android.os.Bundle
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.appcompat.app.AppCompatActivity
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.getValue
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.compose.collectAsStateWithLifecycle
import androidx.lifecycle.lifecycleScope
import androidx.lifecycle.repeatOnLifecycle
import kotlinx.coroutines.launch
import org.sentier.app.settings.AppLanguage
import org.sentier.app.ui.AppStrings
import org.sentier.app.ui.LocalPhotos
import org.sentier.app.ui.SentierNavigation
import org.sentier.app.ui.SentierTheme
import org.sentier.app.ui.coilPhotos
import org.sentier.core.languageCode

/** The single activity: Compose navigation between the screens. */
class MainActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // The device's languages may have changed while the app was away.
        services.settings.screen.setDeviceLanguages(AppLanguage.deviceTags)
        enableEdgeToEdge()
        setContent {
            // The screens' words follow the core's language, as the core's own words do.
            val settings by services.settings.state.collectAsStateWithLifecycle()
            SentierTheme(AppStrings.forLanguage(languageCode(settings.language))) {
                CompositionLocalProvider(LocalPhotos provides coilPhotos) { SentierNavigation(services) }
            }
        }
        // The outbox is delivered while the app is visible; WorkManager takes over when it is not.
        services.outbox?.let { outbox ->
            lifecycleScope.launch { repeatOnLifecycle(Lifecycle.State.STARTED) { outbox.deliver() } }
        }
    }
}
