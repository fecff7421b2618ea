package org.sentier.app

import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import java.nio.file.Files
import org.junit.jupiter.api.AfterAll
import org.junit.jupiter.api.Test
import org.sentier.app.ui.Tab
import org.junit.jupiter.api.TestInstance
import org.sentier.app.packs.PacksActions
import org.sentier.app.packs.PacksScreen
import org.sentier.ffi.Packs
import org.sentier.ffi.PacksScreen as CorePacksScreen
import org.sentier.ffi.SettingsScreen
import org.sentier.presenter.PacksPresenter
import org.sentier.presenter.SettingsPresenter

/** The packs screen: the demo park's pack installed and in use, and a download paused on a slow server. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PacksShotsTest {
    /** A second phone with no pack, whose pack server sends 16 KB a second: a download stays under way. */
    private val slowServer = DemoPackServer(Files.createTempDirectory("sentier-slow-packs"), trickleBytesPerSecond = 16_384)
    private val phone = Files.createTempDirectory("sentier-new-phone")
    private val settings = SettingsPresenter(SettingsScreen.open(phone.toString(), listOf("en-GB")))
    private val packs = PacksPresenter(CorePacksScreen.open(Packs.open(phone.toString()), settings.screen, null))

    init {
        settings.screen.setPackServer(slowServer.url)
    }

    @AfterAll
    fun stop() {
        packs.close()
        settings.close()
        slowServer.close()
    }

    @Test
    fun theInstalledPackIsInUse() {
        for (language in languages) {
            DemoPark.speak(language)
            shoot("packs", language, { it.packsTitle }, Tab.PACKS, {
                val state by DemoPark.packsScreen.state.collectAsState()
                PacksScreen(state, PacksActions(DemoPark.packsScreen.screen) {})
            }) { strings ->
                awaitState(DemoPark.packsScreen.state) { !it.loading && it.installed.isNotEmpty() }
                waitForIdle()
                onNodeWithText(strings.packsOnDevice).assertExists()
                onNodeWithText("Demo park").assertExists()
                onNodeWithText(strings.packsInUse).assertExists()
                onNodeWithContentDescription(strings.packsRemove("Demo park")).assertExists()
            }
        }
    }

    @Test
    fun aDownloadIsPausedAndCanBeResumed() {
        for (language in languages) {
            settings.screen.setLanguage(language)
            awaitState(settings.state) { it.language == language }
            shoot("packs-download", language, { it.packsTitle }, Tab.PACKS, {
                val state by packs.state.collectAsState()
                PacksScreen(state, PacksActions(packs.screen) {})
            }) { strings ->
                awaitState(packs.state) { !it.loading && it.available.isNotEmpty() }
                waitForIdle()
                if (onAllNodesWithText(strings.packsResume).fetchSemanticsNodes(atLeastOneRootRequired = false).isEmpty()) {
                    onNodeWithText(strings.packsDownload).performClick()
                    awaitState(packs.state) { it.available.single().download?.paused == false }
                    waitForIdle()
                    onNodeWithText(strings.packsPause).performClick()
                }
                awaitState(packs.state) { it.available.single().download?.paused == true }
                waitForIdle()
                onNodeWithText(strings.packsResume).assertExists()
                onNodeWithText(strings.packsCancel).assertExists()
            }
        }
    }
}
