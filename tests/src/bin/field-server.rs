//! `field-server [--port N]`: serves the test stand-in for a Geotrek-admin's report
//! endpoints (public `feedback_report` and the field API) on 127.0.0.1 until
//! killed, printing its URL. Log in as `ranger` / `col-du-lautaret`. The
//! field API lists one signpost (S101, at 44.8279 N 6.3735 E) and one
//! unpublished footbridge (201, a line 20 m south of it).

use std::io::Write;
use std::process::ExitCode;

use sentier_testkit::field_server::{FieldServer, gtam_infrastructure, gtam_signage};

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
    server.set_assets(
        vec![gtam_signage(
            101,
            "S101",
            "Carrefour du Lauvitel",
            (6.3735, 44.8279),
            &["Lac du Lauvitel 1h15"],
        )],
        vec![gtam_infrastructure(
            201,
            "Passerelle du Vénéon",
            &[(6.3725, 44.82772), (6.3745, 44.82772)],
        )],
    );
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
