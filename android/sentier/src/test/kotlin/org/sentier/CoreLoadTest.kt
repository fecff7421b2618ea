package org.sentier

import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The desktop build of the core loads through JNA and answers. */
class CoreLoadTest {
    @Test
    fun coreAnswersItsVersion() {
        assertTrue(org.sentier.core.coreVersion().matches(Regex("""\d+\.\d+\.\d+""")))
    }
}
