//! Android only: hands rustls-platform-verifier the JVM and the app's
//! `Context`, so the core verifies servers with Android's trust (the system's
//! authorities, and those a user or an organisation added). The app calls
//! `org.sentier.app.PlatformTls.init(context)` once at start, before any
//! network call; until then (or if it fails) the core trusts the roots
//! compiled into it. The verifier's Kotlin half comes from its Maven
//! artifact (`android/app/build.gradle.kts`).

use jni::errors::ThrowRuntimeExAndDefault;
use jni::objects::{JClass, JObject};
use jni::{EnvUnowned, jni_mangle};

/// `PlatformTls.init(context)`: a Java `RuntimeException` if the JVM refuses.
#[jni_mangle("org.sentier.app.PlatformTls")]
pub fn init<'caller>(
    mut unowned_env: EnvUnowned<'caller>,
    _class: JClass<'caller>,
    context: JObject<'caller>,
) {
    unowned_env
        .with_env(|env| -> Result<(), jni::errors::Error> {
            rustls_platform_verifier::android::init_with_env(env, context)?;
            sentier_core::http::platform_trust_ready();
            Ok(())
        })
        .resolve::<ThrowRuntimeExAndDefault>();
}
