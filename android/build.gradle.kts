// Plugins are declared here once, with their versions from the catalog, and
// applied by the modules that use them.
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.android) apply false
    alias(libs.plugins.kotlin.compose) apply false
}

// Unit tests of every module run on the desktop JVM against the host build of
// the core (`cargo build -p sentier-ffi`), exactly as the Maven build does.
subprojects {
    tasks.withType<Test>().configureEach {
        useJUnitPlatform()
        val repoRoot = rootDir.parentFile
        val targetDir = System.getenv("CARGO_TARGET_DIR") ?: "$repoRoot/target"
        systemProperty("jna.library.path", "$targetDir/debug")
        systemProperty("sentier.repo.root", repoRoot.path)
    }
}
