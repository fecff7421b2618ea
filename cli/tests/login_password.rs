//! `sentier login` asks for the password on the terminal without echoing
//! it: run under a pseudo-terminal, what is typed never comes back on it.

#![cfg(target_os = "linux")]

use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};

const SECRET: &str = "col-du-lautaret-42";

/// Waits (a bound for a failing run, not a measured time) until `done` holds.
fn wait_for(patience: Duration, mut done: impl FnMut() -> bool) -> bool {
    let give_up = Instant::now() + patience;
    while Instant::now() < give_up {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}

#[test]
fn the_typed_password_is_not_echoed() {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let terminal = ptsname(&master, Vec::new()).unwrap();
    let terminal = File::options()
        .read(true)
        .write(true)
        .open(terminal.to_str().unwrap())
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_sentier"));
    command
        .arg("--data-dir")
        .arg(data.path())
        // Nothing listens there: the login fails once the password is read.
        .args(["login", "http://127.0.0.1:9/", "--user", "ranger"])
        .env_remove("SENTIER_PASSWORD")
        .stdin(Stdio::from(terminal.try_clone().unwrap()))
        .stdout(Stdio::from(terminal.try_clone().unwrap()))
        .stderr(Stdio::from(terminal.try_clone().unwrap()));
    // SAFETY: only async-signal-safe system calls between fork and exec (a
    // new session whose controlling terminal is the pseudo-terminal), and fd
    // 0 is that terminal, open for the whole call.
    #[allow(unsafe_code)]
    unsafe {
        command.pre_exec(|| {
            rustix::process::setsid()?;
            let stdin = std::os::fd::BorrowedFd::borrow_raw(0);
            rustix::process::ioctl_tiocsctty(stdin)?;
            Ok(())
        });
    }
    let mut child = command.spawn().unwrap();
    drop(terminal);

    let shown = Arc::new(Mutex::new(Vec::new()));
    let mut reader = File::from(master.try_clone().unwrap());
    let collected = Arc::clone(&shown);
    std::thread::spawn(move || {
        let mut buffer = [0u8; 1024];
        // Ends with an error (EIO) once the child has closed the terminal.
        while let Ok(read @ 1..) = reader.read(&mut buffer) {
            collected.lock().unwrap().extend_from_slice(&buffer[..read]);
        }
    });
    let text = || String::from_utf8_lossy(&shown.lock().unwrap()).into_owned();
    assert!(
        wait_for(Duration::from_secs(60), || text()
            .contains("password for ranger")),
        "no prompt: {}",
        text()
    );
    File::from(master)
        .write_all(format!("{SECRET}\n").as_bytes())
        .unwrap();
    let exited = wait_for(Duration::from_secs(60), || {
        matches!(child.try_wait(), Ok(Some(_)))
    });
    if !exited {
        let _ = child.kill();
    }
    let _ = child.wait();
    let shown = text();
    assert!(!shown.contains(SECRET), "the password was echoed: {shown}");
}
