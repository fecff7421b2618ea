package org.sentier.app.ui

import androidx.compose.runtime.Composable
import androidx.lifecycle.ViewModel
import androidx.lifecycle.viewModelScope
import androidx.lifecycle.viewmodel.compose.viewModel
import kotlinx.coroutines.CoroutineScope

/** Keeps a screen's presenter across configuration changes; its work stops when the screen is gone for good. */
class PresenterHolder<P : Any>(create: (CoroutineScope) -> P) : ViewModel() {
    val presenter: P = create(viewModelScope)

    /** An adapter of a core screen stops listening to it. */
    override fun onCleared() {
        (presenter as? AutoCloseable)?.close()
    }
}

/**
 * The presenter of the current screen for [key] (a new one when the key
 * changes, e.g. another pack or server), made by [create] with a scope that
 * lives as long as the screen's back stack entry.
 */
@Composable
fun <P : Any> rememberPresenter(key: String, create: (CoroutineScope) -> P): P =
    viewModel<PresenterHolder<P>>(key = key) { PresenterHolder(create) }.presenter
