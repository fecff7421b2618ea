// Plugins are declared here once, with their versions from the catalog, and
// applied by the modules that use them.
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.android) apply false
    alias(libs.plugins.kotlin.compose) apply false
}

// Unit tests of every module run on the desktop JVM against the host build of
// the core and the test kit's local servers (`cargo build -p sentier-ffi`,
// `cargo build -p sentier-testkit --bins`), as the Maven build does.
subprojects {
    tasks.withType<Test>().configureEach {
        useJUnitPlatform()
        val hostBuild = (System.getenv("CARGO_TARGET_DIR") ?: "${rootDir.parentFile}/target") + "/debug"
        systemProperty("jna.library.path", hostBuild)
        systemProperty("sentier.fakeGeotrek", "$hostBuild/fake-geotrek")
        systemProperty("sentier.fieldServer", "$hostBuild/field-server")
        systemProperty("sentier.packServer", "$hostBuild/pack-server")
    }
}
