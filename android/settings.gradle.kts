// The Android build of Sentier: the `sentier` library (the Rust core built with
// cargo-ndk, its generated Kotlin bindings and a small coroutine layer), the
// `presenter` library (pure-Kotlin screen state holders) and the `app`.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
        // rustls-platform-verifier's Kotlin component (the core's Android trust).
        maven {
            url = uri("https://github.com/rustls/rustls-platform-verifier/raw/maven-archive/android-release-support/maven/")
            content { includeGroup("rustls") }
        }
    }
}

rootProject.name = "Sentier"
include(":sentier", ":presenter", ":app")
