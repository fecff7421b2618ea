package org.sentier.app

import android.os.Bundle
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.appcompat.app.AppCompatActivity
import org.sentier.app.settings.AppLanguage
import org.sentier.app.ui.SentierNavigation
import org.sentier.app.ui.SentierTheme

/** The single activity: Compose navigation between the screens. */
class MainActivity : AppCompatActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        // A language change recreates the activity: measures follow it.
        services.settings.useLanguage(AppLanguage.current)
        enableEdgeToEdge()
        setContent {
            SentierTheme { SentierNavigation(services) }
        }
    }
}
