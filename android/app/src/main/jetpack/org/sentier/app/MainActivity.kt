package org.sentier.app

import android.os.Bundle
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.appcompat.app.AppCompatActivity
import androidx.lifecycle.Lifecycle
import androidx.lifecycle.lifecycleScope
import androidx.lifecycle.repeatOnLifecycle
import kotlinx.coroutines.launch
import org.sentier.app.settings.AppLanguage
import org.sentier.app.ui.SentierNavigation
import org.sentier.app.ui.SentierTheme

/** The single activity: Compose navigation between the screens. */
class MainActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // The device's languages may have changed while the app was away.
        services.settings.screen.setDeviceLanguages(AppLanguage.deviceTags)
        enableEdgeToEdge()
        setContent {
            SentierTheme { SentierNavigation(services) }
        }
        // The outbox is delivered while the app is visible; WorkManager takes over when it is not.
        services.outbox?.let { outbox ->
            lifecycleScope.launch { repeatOnLifecycle(Lifecycle.State.STARTED) { outbox.deliver() } }
        }
    }
}
