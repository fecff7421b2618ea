// The Sentier Android app: Compose screens, MapLibre Native, the recording
// foreground service, the outbox sync job. Every decision is the core's; the
// screens render the presenters' state.
plugins {
    alias(libs.plugins.android.application)
    alias(libs.plugins.kotlin.android)
    alias(libs.plugins.kotlin.compose)
}

android {
    namespace = "org.sentier.app"
    compileSdk = libs.versions.compileSdk.get().toInt()

    defaultConfig {
        applicationId = "org.sentier.app"
        minSdk = libs.versions.minSdk.get().toInt()
        targetSdk = libs.versions.targetSdk.get().toInt()
        versionCode = 1
        versionName = "0.1.0"
        ndk { abiFilters += listOf("arm64-v8a", "armeabi-v7a", "x86_64") }
    }

    sourceSets["main"].java.srcDir("src/main/kotlin")

    buildTypes {
        release {
            isMinifyEnabled = true
            isShrinkResources = true
            // The JNA and bindings keep rules come with the sentier library
            // (its consumer-rules.pro); MapLibre ships its own.
            proguardFiles(getDefaultProguardFile("proguard-android-optimize.txt"), "proguard-rules.pro")
        }
    }

    buildFeatures { compose = true }

    // Per-app language (Android 13+ settings, AppCompat before): the locales
    // come from the res/values-* folders.
    androidResources { generateLocaleConfig = true }

    packaging {
        // 16 KB page devices: keep native libraries uncompressed and aligned.
        jniLibs.useLegacyPackaging = false
    }

}

// JDK 17 for Kotlin and Java (AGP takes the Java source/target levels from it).
kotlin { jvmToolchain(17) }

// The Kotlin half of rustls-platform-verifier (the core's Android trust, see
// PlatformTls.kt): its version must be the one of the
// `rustls-platform-verifier-android` crate in Cargo.lock, read from there.
val rustlsPlatformVerifierVersion: String = rootDir.parentFile.resolve("Cargo.lock").readLines().let { lines ->
    val at = lines.indexOfFirst { it.trim() == "name = \"rustls-platform-verifier-android\"" }
    lines.drop(at + 1).first { it.trim().startsWith("version = ") }.substringAfter('"').substringBefore('"')
}

dependencies {
    implementation("rustls:rustls-platform-verifier:$rustlsPlatformVerifierVersion")
    implementation(project(":presenter"))
    implementation(libs.kotlinx.coroutines.android)
    implementation(libs.androidx.core.ktx)
    implementation(libs.androidx.appcompat)
    implementation(libs.androidx.activity.compose)
    implementation(libs.androidx.lifecycle.runtime.compose)
    implementation(libs.androidx.lifecycle.viewmodel.compose)
    implementation(libs.androidx.lifecycle.service)
    implementation(libs.androidx.navigation.compose)
    implementation(libs.androidx.work.runtime)
    implementation(platform(libs.compose.bom))
    implementation(libs.compose.ui)
    implementation(libs.compose.ui.tooling.preview)
    implementation(libs.compose.material3)
    implementation(libs.compose.material.icons)
    implementation(libs.maplibre.android)
    implementation(libs.coil.compose)
    // Coil 3 loads http(s) images (trek photos online when the pack holds no copy) only with a network module.
    implementation(libs.coil.network.okhttp)
    debugImplementation(libs.compose.ui.tooling)
}
