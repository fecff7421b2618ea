// Screen state holders of the app: plain Kotlin over the `sentier` library
// (StateFlow, coroutines, no Android class), so pom.xml compiles and tests them
// on a desktop JVM too. Android-only code belongs in `app`.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

android {
    namespace = "org.sentier.presenter"
    compileSdk = libs.versions.compileSdk.get().toInt()
    defaultConfig { minSdk = libs.versions.minSdk.get().toInt() }
    sourceSets["main"].java.srcDir("src/main/kotlin")
    sourceSets["test"].java.srcDir("src/test/kotlin")
    // The test kit's servers and in-memory secrets the presenter tests run against.
    sourceSets["test"].java.srcDir("../sentier/src/testFixtures/kotlin")
}

// JDK 17 for Kotlin and Java (AGP takes the Java source/target levels from it).
kotlin { jvmToolchain(17) }

dependencies {
    api(project(":sentier"))
    api(libs.kotlinx.coroutines.core)

    testImplementation(libs.jna)
    testImplementation(libs.junit.jupiter)
    testImplementation(libs.kotlinx.coroutines.test)
    testRuntimeOnly(libs.junit.platform.launcher)
}
