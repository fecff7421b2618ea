// The `sentier` Android library: the Rust core cross-compiled with cargo-ndk,
// the Kotlin bindings UniFFI generates from it, and the small coroutine layer
// in src/main/kotlin. The same Kotlin sources are compiled and unit-tested on
// a desktop JVM by pom.xml, against the host build of the core.
plugins {
    alias(libs.plugins.android.library)
    alias(libs.plugins.kotlin.android)
}

val repoRoot: File = rootDir.parentFile
val rustAbis = mapOf(
    "arm64-v8a" to "aarch64-linux-android",
    "armeabi-v7a" to "armv7-linux-androideabi",
    "x86_64" to "x86_64-linux-android",
)
val rustJniLibs = layout.buildDirectory.dir("rustJniLibs")
val uniffiKotlin = layout.buildDirectory.dir("generated/uniffi")

android {
    namespace = "org.sentier"
    compileSdk = libs.versions.compileSdk.get().toInt()
    ndkVersion = libs.versions.ndk.get()

    defaultConfig {
        minSdk = libs.versions.minSdk.get().toInt()
        consumerProguardFiles("consumer-rules.pro")
    }

    sourceSets["main"].apply {
        java.srcDirs("src/main/kotlin", uniffiKotlin)
        jniLibs.srcDir(rustJniLibs)
    }
    sourceSets["test"].java.srcDir("src/test/kotlin")
    // The test kit's servers and in-memory secrets, shared with the presenter module's tests.
    sourceSets["test"].java.srcDir("src/testFixtures/kotlin")

}

// JDK 17 for Kotlin and Java (AGP takes the Java source/target levels from it).
kotlin { jvmToolchain(17) }

// cargo-ndk builds libsentier_ffi.so for every ABI. The link flag aligns its
// LOAD segments to 16 KB, which Android 15+ devices with 16 KB pages require
// (and Google Play checks); NDK r28 does it by default, the flag keeps it
// explicit for older NDKs.
val cargoNdkBuild by tasks.registering(Exec::class) {
    group = "rust"
    description = "Builds the core for ${rustAbis.keys.joinToString()} with cargo-ndk"
    val sdkDir = androidComponents.sdkComponents.sdkDirectory
    val ndkVersion = libs.versions.ndk.get()
    inputs.dir(repoRoot.resolve("core/src"))
    inputs.dir(repoRoot.resolve("bindings/src"))
    inputs.files(repoRoot.resolve("Cargo.lock"), repoRoot.resolve("Cargo.toml"))
    outputs.dir(rustJniLibs)
    workingDir = repoRoot
    commandLine(
        buildList {
            addAll(listOf("cargo", "ndk", "--platform", libs.versions.minSdk.get()))
            rustAbis.keys.forEach { addAll(listOf("-t", it)) }
            addAll(listOf("-o", rustJniLibs.get().asFile.path))
            addAll(listOf("build", "-p", "sentier-ffi", "--lib", "--release", "--locked"))
        },
    )
    doFirst {
        environment("ANDROID_NDK_HOME", sdkDir.get().dir("ndk/$ndkVersion").asFile.path)
        rustAbis.values.forEach { triple ->
            val key = "CARGO_TARGET_${triple.uppercase().replace('-', '_')}_RUSTFLAGS"
            environment(key, "-C link-arg=-Wl,-z,max-page-size=16384")
        }
    }
}

// The bindings are generated from the built library itself (UniFFI library
// mode), so the Kotlin always matches the native code it loads.
val generateUniffiBindings by tasks.registering(Exec::class) {
    group = "rust"
    description = "Generates the Kotlin bindings from the arm64-v8a library"
    dependsOn(cargoNdkBuild)
    val library = rustJniLibs.map { it.file("arm64-v8a/libsentier_ffi.so") }
    inputs.file(library)
    outputs.dir(uniffiKotlin)
    workingDir = repoRoot
    doFirst { delete(uniffiKotlin) }
    commandLine(
        "cargo", "run", "-q", "-p", "sentier-ffi", "--bin", "uniffi-bindgen", "--locked", "--",
        "generate", "--library", library.get().asFile.path, "--language", "kotlin",
        "--no-format", "--out-dir", uniffiKotlin.get().asFile.path,
    )
}

tasks.named("preBuild") { dependsOn(generateUniffiBindings) }

dependencies {
    // JNA with its Android native dispatch libraries (the @aar artifact).
    implementation("net.java.dev.jna:jna:${libs.versions.jna.get()}@aar")
    api(libs.kotlinx.coroutines.core)

    // Host unit tests run on the desktop JVM: the plain JNA jar, which carries
    // the desktop dispatch library, instead of the Android aar.
    testImplementation(libs.jna)
    testImplementation(libs.junit.jupiter)
    testImplementation(libs.kotlinx.coroutines.test)
    testRuntimeOnly(libs.junit.platform.launcher)
}
