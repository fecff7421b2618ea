//! `field-server [--port N]`: serves the test stand-in for a Geotrek-admin's report
//! endpoints (public `feedback_report` and the field API) on 127.0.0.1 until
//! killed, printing its URL. Log in as `ranger` / `col-du-lautaret`.

use std::io::Write;
use std::process::ExitCode;

use sentier_testkit::field_server::FieldServer;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = match args.as_slice() {
        [] => 0,
        [flag, port] if flag == "--port" => match port.parse() {
            Ok(port) => port,
            Err(_) => return usage(),
        },
        _ => return usage(),
    };
    let server = match FieldServer::start_on(port) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("cannot serve: {error}");
            return ExitCode::FAILURE;
        }
    };
    println!("{}", server.url());
    let _ = std::io::stdout().flush();
    loop {
        std::thread::park();
    }
}

fn usage() -> ExitCode {
    eprintln!("usage: field-server [--port N]");
    ExitCode::from(2)
}
